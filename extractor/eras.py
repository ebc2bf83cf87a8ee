"""Japanese era years (令和3年度, 平成30年度, R3) to Gregorian fiscal years."""

from __future__ import annotations

import re
from dataclasses import dataclass

import jaconv

from extractor.numerals import kanji_to_int

#: First Gregorian year of each era, newest first (year 1 of the era == this year).
ERA_START = {
    "令和": 2019,
    "平成": 1989,
    "昭和": 1926,
    "令": 2019,
    "平": 1989,
    "R": 2019,
    "H": 1989,
    "S": 1926,
}

_ERA_YEAR = re.compile(
    r"(?P<era>令和|平成|昭和|[令平](?=\s*(?:\d|元))|(?<![A-Za-z])[RHS](?=\s*\d))\s*"
    r"(?P<year>元|\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?P<suffix>年度|年)?"
)
_WESTERN_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*(?P<suffix>年度|年)")
#: A bare Western year, as a table header prints it (2021, 2021 (R3)).
_BARE_YEAR = re.compile(r"(?<![\d.,])(?P<year>(?:19|20)\d{2})(?![\d.,%年])")


@dataclass(frozen=True)
class EraYear:
    """A printed year label and the Gregorian year it names."""

    text: str
    year: int
    fiscal: bool


def find_era_years(text: str, *, bare: bool = False) -> list[EraYear]:
    """Every era or Western year label in ``text``, in order of appearance; with ``bare``, a
    four-digit year alone (a table header's 2021) counts as a fiscal year too."""
    text = jaconv.z2h(text, kana=False, ascii=True, digit=True)
    found: list[tuple[int, EraYear]] = []
    for m in _ERA_YEAR.finditer(text):
        raw_year = m["year"]
        if raw_year == "元":
            n = 1
        elif raw_year.isdigit():
            n = int(raw_year)
        else:
            n = kanji_to_int(raw_year) or 0
        if n < 1:
            continue
        year = ERA_START[m["era"]] + n - 1
        label = re.sub(r"\s+", "", m.group(0))  # 令和 6 年度 is printed 令和6年度
        found.append((m.start(), EraYear(label, year, m["suffix"] == "年度")))
    for m in _WESTERN_YEAR.finditer(text):
        found.append((m.start(), EraYear(m.group(0), int(m["year"]), m["suffix"] == "年度")))
    if bare:
        taken = {start for start, _ in found}
        for m in _BARE_YEAR.finditer(text):
            if m.start() not in taken:
                found.append((m.start(), EraYear(m.group(0), int(m["year"]), True)))
    return [era for _, era in sorted(found, key=lambda item: item[0])]
