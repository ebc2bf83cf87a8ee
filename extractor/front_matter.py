"""Front matter: the report's title and the fiscal year its front pages name."""

from __future__ import annotations

import re
from collections.abc import Sequence

import jaconv

from extractor.eras import find_era_years
from extractor.layout import TextLine


def lines_to_title(lines: Sequence[TextLine]) -> list[TextLine]:
    """The title: the largest printed text before the first goal (consecutive lines of
    that size, so a title that wraps stays whole)."""
    if not lines:
        return []
    largest = max(line.size for line in lines)
    chosen: list[TextLine] = []
    for line in lines:
        if line.size >= largest - 0.5:
            chosen.append(line)
        elif chosen:
            break
    return chosen


#: A month after a year (令和4年3月): the date a cover prints.
_MONTH = re.compile(r"\s*(1[0-2]|[1-9])\s*月")


def text_to_fiscal_year(text: str) -> int | None:
    """The fiscal year a title names (令和4年度 進捗報告), when it names exactly one: a plan
    period (令和2年度〜令和6年度) says nothing about the year reported on."""
    years = {y.year for y in find_era_years(text) if y.fiscal}
    return years.pop() if len(years) == 1 else None


def cover_to_fiscal_year(text: str) -> int | None:
    """The fiscal year a cover states: one ``年度``, else the fiscal year of its one date
    (令和4年3月 is in fiscal 2021: a Japanese fiscal year runs April to March)."""
    if (year := text_to_fiscal_year(text)) is not None:
        return year
    text = jaconv.z2h(text, kana=False, digit=True, ascii=True)
    dated: set[int] = set()
    for era in find_era_years(text):
        end = text.find(era.text) + len(era.text)
        month = _MONTH.match(text, end)
        if month is not None and not era.fiscal:
            dated.add(era.year - 1 if int(month.group(1)) <= 3 else era.year)
    return dated.pop() if len(dated) == 1 else None
