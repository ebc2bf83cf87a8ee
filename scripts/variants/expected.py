"""Document -> expected JSON: the content subset of the report the extractor should produce.

Only the meanings recorded in the Document are used (roles, years, numbers, which note
belongs where); printed strings go through ``extractor.normalise.normalise_text`` exactly
as the tool normalises text. Nothing here reads a PDF or calls the extractor's readers.
"""

from __future__ import annotations

from typing import Any

from extractor.normalise import normalise_text

from .document import Document, Goal, IndicatorRow, IndicatorTable, ValueCell, ValueColumn

#: The keys of the content subset, per level (the contract the variants check).
REPORT_KEYS = ("title", "fiscal_year", "goals")
GOAL_KEYS = ("number", "title", "indicators", "initiatives", "challenges", "notes")
INDICATOR_KEYS = ("name", "source", "note", "series", "assessment")
SERIES_KEYS = ("label", "values")
VALUE_KEYS = ("role", "fiscal_year", "era", "raw", "kind", "value", "unit")
ASSESSMENT_KEYS = ("header", "label", "raw")
INITIATIVE_KEYS = ("number", "title", "paragraphs")


def _n(text: str) -> str:
    """Printed text as the tool normalises it (line breaks inside cells are wraps)."""
    return normalise_text(text.replace("\n", ""))


def value_to_expected(column: ValueColumn, cell: ValueCell) -> dict[str, Any]:
    return {
        "role": column.role,
        "fiscal_year": column.fiscal_year,
        "era": _n(column.era) if column.era else None,
        "raw": _n(cell.printed),
        "kind": cell.kind,
        "value": cell.value if cell.kind == "number" else None,
        "unit": _n(cell.unit) if cell.kind == "number" and cell.unit else None,
    }


def indicator_to_expected(table: IndicatorTable, row: IndicatorRow) -> dict[str, Any]:
    series = []
    assessment = []
    for sub in row.subrows:
        label = _n(sub.label) if sub.label else None
        values = [value_to_expected(c, v) for c, v in zip(table.columns, sub.cells, strict=True)]
        series.append({"label": label, "values": values})
        if table.assessment_header and sub.assessment:
            assessment.append(
                {"header": _n(table.assessment_header), "label": label, "raw": _n(sub.assessment)}
            )
    return {
        "name": _n(row.name),
        "source": _n(row.source) if row.source else None,
        "note": " ".join(_n(line) for line in row.notes) or None,
        "series": series,
        "assessment": assessment,
    }


def goal_to_expected(goal: Goal) -> dict[str, Any]:
    return {
        "number": goal.number,
        "title": _n(goal.title),
        "indicators": [indicator_to_expected(goal.table, row) for row in goal.table.rows],
        "initiatives": [
            {
                "number": k,
                "title": _n(it.title),
                "paragraphs": [_n(p) for p in it.paragraphs],
            }
            for k, it in enumerate(goal.initiatives, start=1)
        ],
        "challenges": [_n(c) for c in goal.challenges],
        "notes": [_n(line) for line in goal.table.goal_notes],
    }


def document_to_expected(doc: Document) -> dict[str, Any]:
    return {
        "title": _n(doc.title) if doc.title else None,
        "fiscal_year": doc.fiscal_year,
        "goals": [goal_to_expected(g) for g in doc.goals],
    }


def report_to_subset(report: dict[str, Any]) -> dict[str, Any]:
    """The content subset of an extractor output dict: the keys above, nothing else (no
    ``source``, ``warnings``, ``page`` …). A key the output lacks stays absent, so a
    comparison reports it as missing: a real gap, not a pass."""

    def keep(d: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
        return {k: d[k] for k in keys if k in d}

    out = keep(report, REPORT_KEYS)
    goals = []
    for g in report.get("goals", []):
        goal = keep(g, GOAL_KEYS)
        goal["indicators"] = [_indicator_subset(i, keep) for i in g.get("indicators", [])]
        goal["initiatives"] = [keep(i, INITIATIVE_KEYS) for i in g.get("initiatives", [])]
        goals.append(goal)
    if "goals" in out:
        out["goals"] = goals
    return out


def _indicator_subset(ind: dict[str, Any], keep: Any) -> dict[str, Any]:
    out = keep(ind, INDICATOR_KEYS)
    if "series" in out:
        out["series"] = [
            {**keep(s, SERIES_KEYS), "values": [keep(v, VALUE_KEYS) for v in s.get("values", [])]}
            for s in ind["series"]
        ]
    if "assessment" in out:
        out["assessment"] = [keep(a, ASSESSMENT_KEYS) for a in ind["assessment"]]
    return out
