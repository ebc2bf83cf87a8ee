"""Data-driven tests of ``text_to_quantity``: cases live in tests/cases/values/*.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.values import text_to_quantity

CASES_DIR = Path(__file__).parent / "cases" / "values"


def _cases() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            out.append(pytest.param(case, id=f"{path.stem}:{case['text']!r}"))
    return out


@pytest.mark.parametrize("case", _cases())
def test_value_case(case: dict) -> None:
    q = text_to_quantity(case["text"])
    assert q.kind == case["kind"]
    if q.kind == "number":
        assert q.value == case["value"]
        # int when printed without a decimal point, float with one
        assert type(q.value) is type(case["value"])
        assert q.unit == case["unit"]
        assert q.warning is None
    else:
        assert q.value is None and q.unit is None
    if "warning" in case:
        assert (q.warning is not None) == case["warning"]


def test_cases_exist() -> None:
    assert len(_cases()) >= 60


@given(
    number=st.integers(min_value=0, max_value=10**9),
    decimals=st.integers(min_value=0, max_value=3),
    sign=st.sampled_from(["", "▲", "△", "-", "+", "＋"]),
    unit=st.sampled_from(["", "%", "％", "人", "か所", "件", "円", "ポイント", "pt"]),
    grouped=st.booleans(),
)
def test_printed_numbers_read_back_exactly(
    number: int, decimals: int, sign: str, unit: str, grouped: bool
) -> None:
    scaled = number / 10**decimals
    body = f"{scaled:,.{decimals}f}" if grouped else f"{scaled:.{decimals}f}"
    q = text_to_quantity(f"{sign}{body}{unit}")
    assert q.kind == "number"
    expected = -scaled if sign in ("▲", "△", "-") else scaled
    assert q.value == pytest.approx(expected)
    assert isinstance(q.value, float if decimals else int)
    assert q.unit == (unit.replace("％", "%") or None)


@given(st.text(max_size=20))
def test_any_text_reads_without_error_and_numbers_are_clean(text: str) -> None:
    q = text_to_quantity(text)
    assert q.kind in ("number", "missing", "text")
    if q.kind != "number":
        assert q.value is None and q.unit is None
    else:
        assert q.warning is None
