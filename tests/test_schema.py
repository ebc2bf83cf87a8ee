"""The JSON contract: a well-formed report validates, broken ones are rejected with a reason."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from extractor import SchemaValidationError, report_to_errors, validate_report
from extractor.model import (
    Goal,
    Indicator,
    Initiative,
    Report,
    ReportWarning,
    Series,
    Source,
    Value,
)
from extractor.validate import load_schema
from tests.conftest import REPO


def _document() -> dict[str, Any]:
    value = Value("baseline", 2019, "令和元年度", "75.0%", "number", 75.0, "%")
    missing = Value("actual", 2020, "令和2年度", "-", "missing", None, None)
    indicator = Indicator(
        "待機児童数", "各年度4月1日時点", None, 1, (Series(None, (value, missing)),)
    )
    initiative = Initiative(1, "妊娠・出産に対する支援", ("段落。",), 1)
    goal = Goal(1, "安心して生み育てられる環境づくり", 1, (indicator,), (initiative,), ("課題。",))
    report = Report(
        source=Source("a.pdf", "0" * 64, 3),
        label="資料2",
        title="基本目標に関する現状報告",
        fiscal_year=2021,
        goals=(goal,),
        warnings=(ReportWarning("unplaced_text", "something", 2),),
    )
    return report.to_dict()


def test_model_output_is_valid() -> None:
    assert report_to_errors(_document()) == []


def test_schema_file_in_repo_is_the_packaged_one() -> None:
    on_disk = json.loads((REPO / "schemas" / "report.schema.json").read_text("utf-8"))
    assert on_disk == load_schema()


def _set(doc: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node: Any = doc
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    if value is _DELETE:
        del node[int(last) if last.isdigit() else last]
    else:
        node[int(last) if last.isdigit() else last] = value


_DELETE = object()
VALUE = "goals.0.indicators.0.series.0.values.0"

BROKEN = [
    ("schema_version", "2.0"),
    ("schema_version", _DELETE),
    ("source.sha256", "abc"),
    ("source.pages", 0),
    ("fiscal_year", "2021"),
    ("goals.0.number", "1"),
    ("goals.0.title", ""),
    ("goals.0.page", 0),
    ("goals.0.challenges", "課題"),
    ("goals.0.extra", 1),
    ("goals.0.indicators.0.series", []),
    ("goals.0.indicators.0.name", None),
    (f"{VALUE}.role", "forecast"),
    (f"{VALUE}.kind", "numeric"),
    (f"{VALUE}.value", None),
    (f"{VALUE}.value", "75.0"),
    ("goals.0.indicators.0.series.0.values.1.value", 3),
    ("goals.0.indicators.0.series.0.values.1.unit", "%"),
    (f"{VALUE}.fiscal_year", 19),
    ("goals.0.initiatives.0.number", 0),
    ("goals.0.initiatives.0.paragraphs", [""]),
    ("warnings.0.code", "Not A Code"),
    ("warnings.0.page", _DELETE),
    ("label", 2),
    ("extra", True),
]


@pytest.mark.parametrize(("path", "value"), BROKEN, ids=[f"{p}={v!r}"[:40] for p, v in BROKEN])
def test_broken_document_is_rejected(path: str, value: Any) -> None:
    doc = copy.deepcopy(_document())
    _set(doc, path, value)
    errors = report_to_errors(doc)
    assert errors, f"{path}={value!r} should be rejected"
    with pytest.raises(SchemaValidationError) as info:
        validate_report(doc)
    assert isinstance(info.value, ValueError)
    assert info.value.code == "invalid_output"


@pytest.mark.parametrize("kind", ["report", "run"])
def test_shipped_schemas_are_valid_draft_2020_12(kind: str) -> None:
    """The validator trusts the shipped schemas (no metaschema check per run): this is it."""
    from jsonschema import Draft202012Validator

    from extractor.validate import load_schema

    Draft202012Validator.check_schema(load_schema(kind))
