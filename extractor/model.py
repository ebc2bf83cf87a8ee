"""The report as typed objects; ``Report.to_dict()`` gives the JSON contract of the schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1.2"

Role = Literal["baseline", "actual", "current", "target"]
#: Where something is printed: [x0, top, x1, bottom] in PDF points, top-left origin
#: (pdfplumber's coordinates), on the page given beside it.
BBox = tuple[float, float, float, float]


def _box(bbox: BBox | None) -> list[float] | None:
    return None if bbox is None else [round(v, 2) for v in bbox]


@dataclass(frozen=True)
class Placed:
    """A paragraph's page and box, beside the paragraph's text (kept a plain string)."""

    page: int
    bbox: BBox

    def to_dict(self) -> dict[str, Any]:
        return {"page": self.page, "bbox": _box(self.bbox)}


ValueKind = Literal["number", "missing", "text"]


@dataclass(frozen=True)
class Value:
    """One printed value cell of an indicator table, typed."""

    role: Role
    fiscal_year: int | None
    era: str | None
    raw: str
    kind: ValueKind
    value: float | int | None
    unit: str | None
    #: The printed cell (the upper piece of a cell split by a page break).
    page: int | None = None
    bbox: BBox | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "fiscal_year": self.fiscal_year,
            "era": self.era,
            "raw": self.raw,
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
            "page": self.page,
            "bbox": _box(self.bbox),
        }


@dataclass(frozen=True)
class Series:
    """One sub-row of an indicator (区分), or the only row when ``label`` is None."""

    label: str | None
    values: tuple[Value, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "values": [v.to_dict() for v in self.values]}


@dataclass(frozen=True)
class Assessment:
    """A cell of a column that judges or remarks on a row (達成率, 評価, 進捗, 備考): kept with
    its indicator, never read as a value."""

    header: str
    label: str | None
    raw: str

    def to_dict(self) -> dict[str, Any]:
        return {"header": self.header, "label": self.label, "raw": self.raw}


@dataclass(frozen=True)
class Indicator:
    """One 成果指標 with its 評価指標, footnote and value series."""

    name: str
    source: str | None
    note: str | None
    page: int
    series: tuple[Series, ...]
    assessment: tuple[Assessment, ...] = ()
    #: The name cell, on ``page``.
    bbox: BBox | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "source": self.source,
            "note": self.note,
            "page": self.page,
            "bbox": _box(self.bbox),
            "series": [s.to_dict() for s in self.series],
            "assessment": [a.to_dict() for a in self.assessment],
        }


@dataclass(frozen=True)
class Amount:
    """A sum of money or a count found in running text (5万円 → 50000 円, JPY)."""

    raw: str
    value: float | int
    unit: str
    currency: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"raw": self.raw, "value": self.value, "unit": self.unit, "currency": self.currency}


@dataclass(frozen=True)
class Terms:
    """What morphology finds in a set of paragraphs."""

    keywords: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    amounts: tuple[Amount, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "keywords": list(self.keywords),
            "programs": list(self.programs),
            "amounts": [a.to_dict() for a in self.amounts],
        }


@dataclass(frozen=True)
class Initiative:
    """One numbered initiative (①…) under 取組状況."""

    number: int
    title: str
    paragraphs: tuple[str, ...]
    page: int
    terms: Terms | None = None
    #: The heading's box on ``page``, and each paragraph's page and box.
    bbox: BBox | None = None
    paragraph_boxes: tuple[Placed, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "number": self.number,
            "title": self.title,
            "paragraphs": list(self.paragraphs),
            "page": self.page,
            "bbox": _box(self.bbox),
            "paragraph_boxes": [p.to_dict() for p in self.paragraph_boxes],
        }
        if self.terms is not None:
            out.update(self.terms.to_dict())
        return out


@dataclass(frozen=True)
class Goal:
    """One 基本目標 with its indicators, initiatives and challenges."""

    number: int
    title: str
    page: int
    indicators: tuple[Indicator, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    challenges: tuple[str, ...] = ()
    challenge_terms: Terms | None = None
    #: Notes printed under the goal's tables that no indicator's mark refers to.
    notes: tuple[str, ...] = ()
    #: The heading's box on ``page``, and each challenge paragraph's page and box.
    bbox: BBox | None = None
    challenge_boxes: tuple[Placed, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "number": self.number,
            "title": self.title,
            "page": self.page,
            "bbox": _box(self.bbox),
            "indicators": [i.to_dict() for i in self.indicators],
            "initiatives": [i.to_dict() for i in self.initiatives],
            "challenges": list(self.challenges),
            "challenge_boxes": [p.to_dict() for p in self.challenge_boxes],
            "notes": list(self.notes),
        }
        if self.challenge_terms is not None:
            out["challenge_terms"] = self.challenge_terms.to_dict()
        return out


@dataclass(frozen=True)
class ReportWarning:
    """Something the reader should know about the output (not fatal)."""

    code: str
    message: str
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "page": self.page}


@dataclass(frozen=True)
class Source:
    file: str
    sha256: str
    pages: int

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "sha256": self.sha256, "pages": self.pages}


@dataclass(frozen=True)
class Report:
    """A whole converted report."""

    source: Source
    label: str | None
    title: str | None
    fiscal_year: int | None
    goals: tuple[Goal, ...] = ()
    warnings: tuple[ReportWarning, ...] = field(default_factory=tuple)
    #: Share of the report's body characters (furniture excluded) that are in the output.
    coverage: float | None = None
    #: Digest of the grammar the readers used (``Grammar.digest``).
    grammar: str | None = None

    def to_dict(self) -> dict[str, Any]:
        from extractor import __version__

        return {
            "schema_version": SCHEMA_VERSION,
            "generator": {
                "name": "extractor",
                "version": __version__,
                **({"grammar": self.grammar} if self.grammar else {}),
            },
            "source": self.source.to_dict(),
            "label": self.label,
            "title": self.title,
            "fiscal_year": self.fiscal_year,
            "coverage": self.coverage,
            "goals": [g.to_dict() for g in self.goals],
            "warnings": [w.to_dict() for w in self.warnings],
        }
