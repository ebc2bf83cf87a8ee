"""Check a report dict against the JSON Schema shipped in the package."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from extractor.errors import SchemaValidationError


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The report schema (``schemas/report.schema.json``)."""
    text = resources.files("extractor").joinpath("data/report.schema.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def report_to_errors(document: Any) -> list[str]:
    """Human-readable schema violations of ``document`` (empty when valid)."""
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    out = []
    for error in errors:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        out.append(f"{where}: {error.message}")
    return out


def validate_report(document: Any, *, path: str | None = None) -> None:
    """Raise ``SchemaValidationError`` when ``document`` does not match the schema."""
    errors = report_to_errors(document)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise SchemaValidationError(
            f"does not match the report schema: {errors[0]}{more}", errors=errors, path=path
        )
