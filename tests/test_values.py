"""Data-driven tests of ``text_to_quantity``: cases live in tests/cases/values/*.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
