"""Check a report dict, or a batch run report (``_run.json``), against the JSON Schemas shipped
in the package (``schemas/report.schema.json``, ``schemas/run.schema.json``)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from extractor.errors import SchemaValidationError

#: The schemas in the package's data folder, by the kind of document they check.
SCHEMA_FILES = {"report": "report.schema.json", "run": "run.schema.json"}


@cache
def load_schema(kind: str = "report") -> dict[str, Any]:
    """The report schema, or with ``kind="run"`` the run report schema."""
    text = resources.files("extractor").joinpath("data", SCHEMA_FILES[kind]).read_text("utf-8")
    return json.loads(text)


@cache
def _validator(kind: str) -> Draft202012Validator:
    # The shipped schemas are checked against the metaschema by the tests
    # (tests/test_schema.py), not on every run: that check costs a third of `validate`.
    schema = load_schema(kind)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _errors(document: Any, kind: str) -> list[str]:
    errors = sorted(_validator(kind).iter_errors(document), key=lambda e: list(e.absolute_path))
    out = []
    for error in errors:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
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
