"""Front matter: the report's title and the fiscal year its front pages name."""

from __future__ import annotations

from collections.abc import Sequence

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


def text_to_fiscal_year(text: str) -> int | None:
    """The fiscal year a title or cover names (令和4年度 進捗報告), when it names exactly
    one: a plan period (令和2年度〜令和6年度) says nothing about the year reported on."""
    years = {y.year for y in find_era_years(text) if y.fiscal}
    return years.pop() if len(years) == 1 else None
