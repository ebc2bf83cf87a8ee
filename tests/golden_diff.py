"""Field-by-field comparison of a report dict with its golden file, for readable failures."""

from __future__ import annotations

from typing import Any

#: Keys the golden file may leave out: enrichment is checked only where the golden has it.
OPTIONAL_KEYS = frozenset({"keywords", "programs", "amounts", "challenge_terms"})
#: Paths whose value legitimately changes with every release.
IGNORED_PATHS = frozenset({"generator.version"})
#: Measurements of the output, not content: compared only where the golden file states one
#: (coverage is checked against the threshold, and every box against the page's own text,
#: by tests of their own). Goldens state the page of goals, indicators and initiatives.
MEASURED_KEYS = frozenset(
    {"coverage", "bbox", "paragraph_boxes", "challenge_boxes", "page", "grammar"}
)


#: Where things are printed: true of one PDF, not of its content (twins of a PDF differ here).
PROVENANCE_KEYS = frozenset({"bbox", "paragraph_boxes", "challenge_boxes"})


def without_provenance(document: Any) -> Any:
    """The document without boxes and value-cell pages (what twins and goldens share)."""
    if isinstance(document, dict):
        is_value = "role" in document and "raw" in document
        return {
            k: without_provenance(v)
            for k, v in document.items()
            if k not in PROVENANCE_KEYS and not (is_value and k == "page")
        }
    if isinstance(document, list):
        return [without_provenance(v) for v in document]
    return document


def _numbers_equal(a: Any, b: Any) -> bool:
    return (
        isinstance(a, int | float)
        and isinstance(b, int | float)
        and not isinstance(a, bool)
        and not isinstance(b, bool)
        and abs(a - b) < 1e-9
    )


def diff_reports(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Every difference as ``path: expected X, got Y`` (empty when they match)."""
    if path in IGNORED_PATHS:
        return []
    if isinstance(expected, dict) and isinstance(actual, dict):
        out: list[str] = []
        for key in expected:
            sub = f"{path}.{key}" if path else key
            if key not in actual:
                out.append(f"{sub}: missing in output (expected {expected[key]!r})")
            else:
                out += diff_reports(expected[key], actual[key], sub)
        for key in actual:
            if key not in expected and key not in OPTIONAL_KEYS | MEASURED_KEYS:
                out.append(f"{path}.{key}: unexpected in output ({actual[key]!r})")
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        out = []
        for i, (e, a) in enumerate(zip(expected, actual, strict=False)):
            out += diff_reports(e, a, f"{path}[{i}]")
        if len(expected) != len(actual):
            out.append(f"{path}: expected {len(expected)} items, got {len(actual)}")
            for extra in actual[len(expected) :]:
                out.append(f"{path}: extra item {str(extra)[:200]}")
        return out
    if _numbers_equal(expected, actual) and type(expected) is type(actual):
        return []
    if expected == actual and type(expected) is type(actual):
        return []
    return [f"{path}: expected {expected!r}, got {actual!r}"]
