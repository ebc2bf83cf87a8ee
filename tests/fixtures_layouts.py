"""Small page layouts drawn with reportlab: loose text, bare rules, rotated labels.

Coordinates are pdfplumber's (origin top-left, y down). Tables that are only partly ruled
(or not at all) are drawn as text placed in columns plus whichever rules the test wants.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.fixtures_tables import register_fonts

FONT = "IPAexMincho"


@dataclass(frozen=True)
class Text:
    """A string at (x, baseline); ``align="right"`` puts its right end at x."""

    x: float
    baseline: float
    text: str
    size: float = 10.0
    align: str = "left"
    #: Degrees counter-clockwise (90: a label reading upwards).
    angle: float = 0.0


@dataclass
class Drawing:
    texts: list[Text] = field(default_factory=list)
    #: (x0, top, x1, bottom) straight lines.
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)
    size: tuple[float, float] = A4


def draw(path: Path, pages: Sequence[Drawing]) -> Path:
    register_fonts()
    c = canvas.Canvas(str(path), pagesize=pages[0].size)
    for page in pages:
        c.setPageSize(page.size)
        height = page.size[1]
        c.setLineWidth(0.5)
        for x0, top, x1, bottom in page.rules:
            c.line(x0, height - top, x1, height - bottom)
        for t in page.texts:
            c.setFont(FONT, t.size)
            x = t.x - c.stringWidth(t.text, FONT, t.size) if t.align == "right" else t.x
            if t.angle:
                c.saveState()
                c.translate(x, height - t.baseline)
                c.rotate(t.angle)
                c.drawString(0, 0, t.text)
                c.restoreState()
            else:
                c.drawString(x, height - t.baseline, t.text)
        c.showPage()
    c.save()
    return path


def table_texts(
    rows: Sequence[Sequence[str]],
    lefts: Sequence[float],
    *,
    top: float = 100,
    pitch: float = 18,
    right_aligned: Sequence[int] = (),
    size: float = 10.0,
) -> list[Text]:
    """Rows of cells set in columns: column i starts at ``lefts[i]`` (or ends there, for
    the ``right_aligned`` columns); one printed line per row."""
    out = []
    for r, row in enumerate(rows):
        for i, cell in enumerate(row):
            if cell:
                align = "right" if i in right_aligned else "left"
                out.append(Text(lefts[i], top + r * pitch, cell, size, align))
    return out
