"""Era year labels → Gregorian years."""

from __future__ import annotations

import pytest

from extractor.eras import find_era_years

CASES = [
    ("令和元年度", 2019),
    ("（令和元年度）", 2019),
    ("令和３年度の取組状況", 2021),
    ("令和3年度", 2021),
    ("令和 6 年度", 2024),
    ("平成30年度", 2018),
    ("平成元年", 1989),
    ("平成三十年度", 2018),
    ("令和二年度", 2020),
    ("昭和64年", 1989),
    ("R3年度", 2021),
    ("H30", 2018),
    ("2021年度", 2021),
    ("２０２２年度", 2022),
]


@pytest.mark.parametrize(("text", "year"), CASES)
def test_era_to_year(text: str, year: int) -> None:
    assert [y.year for y in find_era_years(text)] == [year]


@pytest.mark.parametrize("text", ["", "基準値", "3年後", "令和", "HR3", "第2期", "1,000円"])
def test_no_year(text: str) -> None:
    assert find_era_years(text) == []


@pytest.mark.parametrize(
    ("text", "label", "year"),
    [("令3", "令3", 2021), ("平30", "平30", 2018), ("2021 (R3)", "2021", 2021)],
)
def test_issue_8_short_eras_and_bare_header_years(text: str, label: str, year: int) -> None:
    first = find_era_years(text, bare=True)[0]
    assert (first.text, first.year) == (label, year)


def test_bare_years_only_when_asked() -> None:
    assert find_era_years("2021") == []
    assert find_era_years("1,234人", bare=True) == []
    assert find_era_years("2021.5", bare=True) == []


def test_several_years_in_order() -> None:
    years = find_era_years("令和5年又は令和6年実施予定（基準：平成30年度）")
    assert [y.year for y in years] == [2023, 2024, 2018]
    assert [y.fiscal for y in years] == [False, False, True]
