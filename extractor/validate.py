"""Check a report dict, or a batch run report (``_run.json``), against the JSON Schemas shipped
in the package (``schemas/report.schema.json``, ``schemas/run.schema.json``).

The checker is jsonschema-rs (Draft 2020-12, formats checked): it imports in a few
milliseconds and checks a report in a fraction of one, where the pure-Python jsonschema took
a tenth of a second per process between the two (issue 12). The tests still check the shipped
schemas themselves against the metaschema with jsonschema.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs

from extractor.errors import SchemaValidationError

#: The schemas in the package's data folder, by the kind of document they check.
SCHEMA_FILES = {"report": "report.schema.json", "run": "run.schema.json"}


@cache
def load_schema(kind: str = "report") -> dict[str, Any]:
    """The report schema, or with ``kind="run"`` the run report schema."""
    text = resources.files("extractor").joinpath("data", SCHEMA_FILES[kind]).read_text("utf-8")
    return json.loads(text)


@cache
def _validator(kind: str) -> jsonschema_rs.Draft202012Validator:
    # The shipped schemas are checked against the metaschema by the tests
    # (tests/test_schema.py), not on every run.
    return jsonschema_rs.Draft202012Validator(load_schema(kind), validate_formats=True)


def _path_order(error: jsonschema_rs.ValidationError) -> list[tuple[int, str, int]]:
    """Errors in document order: keys by name, list items by index (2 before 10)."""
    return [(0, "", p) if isinstance(p, int) else (1, str(p), 0) for p in error.instance_path]


def _errors(document: Any, kind: str) -> list[str]:
    validator = _validator(kind)
    if validator.is_valid(document):
        return []
    errors = sorted(
        validator.iter_errors(document), key=lambda e: [str(p) for p in e.instance_path]
    )
    out = []
    for error in errors:
        where = "/".join(str(p) for p in error.instance_path) or "(top level)"
        out.append(f"{where}: {error.message}")
    return out


def report_to_errors(document: Any) -> list[str]:
    """Human-readable schema violations of ``document`` (empty when valid)."""
    return _errors(document, "report")


def run_report_to_errors(document: Any) -> list[str]:
    """Schema violations of a batch run report (``_run.json``); empty when valid."""
    return _errors(document, "run")


def document_kind(document: Any) -> str:
    """``"run"`` for a batch run report (it lists ``files`` and ``totals``), else ``"report"``.

    Read from the content, not the file name, so a renamed or copied run report is still
    checked against the right schema.
    """
    if isinstance(document, dict) and "files" in document and "totals" in document:
        return "run"
    return "report"


def document_to_errors(document: Any) -> list[str]:
    """Violations of whichever schema fits ``document``: the run schema or the report schema."""
    return _errors(document, document_kind(document))


def validate_report(document: Any, *, path: str | None = None) -> None:
    """Raise ``SchemaValidationError`` when ``document`` does not match the schema."""
    errors = report_to_errors(document)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise SchemaValidationError(
            f"does not match the report schema: {errors[0]}{more}", errors=errors, path=path
        )
