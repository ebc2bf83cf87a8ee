"""Japanese era years (令和3年度, 平成30年度, R3) to Gregorian fiscal years."""

from __future__ import annotations

import re
from dataclasses import dataclass

import jaconv

#: First Gregorian year of each era, newest first (year 1 of the era == this year).
ERA_START = {"令和": 2019, "平成": 1989, "昭和": 1926, "R": 2019, "H": 1989, "S": 1926}

_KANJI_DIGITS = {
    "〇": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

_ERA_YEAR = re.compile(
    r"(?P<era>令和|平成|昭和|(?<![A-Za-z])[RHS](?=\s*\d))\s*"
    r"(?P<year>元|\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?P<suffix>年度|年)?"
)
_WESTERN_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*(?P<suffix>年度|年)")


@dataclass(frozen=True)
class EraYear:
    """A printed year label and the Gregorian year it names."""

    text: str
    year: int
    fiscal: bool


def _kanji_number(text: str) -> int:
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_KANJI_DIGITS.get(tens, 1) if tens else 1) * 10 + (
            _KANJI_DIGITS[ones] if ones else 0
        )
    return _KANJI_DIGITS[text]


def find_era_years(text: str) -> list[EraYear]:
    """Every era or Western year label in ``text``, in order of appearance."""
    text = jaconv.z2h(text, kana=False, ascii=True, digit=True)
    found: list[tuple[int, EraYear]] = []
    for m in _ERA_YEAR.finditer(text):
        raw_year = m["year"]
        if raw_year == "元":
            n = 1
        elif raw_year.isdigit():
            n = int(raw_year)
        else:
            n = _kanji_number(raw_year)
        if n < 1:
            continue
        year = ERA_START[m["era"]] + n - 1
        found.append((m.start(), EraYear(m.group(0).strip(), year, m["suffix"] == "年度")))
    for m in _WESTERN_YEAR.finditer(text):
        found.append((m.start(), EraYear(m.group(0), int(m["year"]), m["suffix"] == "年度")))
    return [era for _, era in sorted(found, key=lambda item: item[0])]


def text_to_fiscal_year(text: str) -> int | None:
    """The first year named in ``text`` (令和元年度 → 2019), or None."""
    years = find_era_years(text)
    return years[0].year if years else None
