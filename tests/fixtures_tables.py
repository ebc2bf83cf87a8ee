"""Tiny ruled-table PDFs drawn with reportlab, for the tables/indicators tests.

Coordinates are pdfplumber's (origin top-left, y down) so tests read like the output.
Each spanning cell is drawn as its own stroked rectangle, so a rule exists exactly where
a reader sees a cell boundary; ``extra_lines`` adds lines of any colour (e.g. white ones).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from extractor.load import Char, PageContent, pdf_to_pages
from extractor.tables import Grid

IPAEX = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"
PAGE_W, PAGE_H = A4


def register_fonts() -> None:
    if "IPAexMincho" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("IPAexMincho", IPAEX))
    if "HeiseiMin-W3" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))


@dataclass(frozen=True)
class TCell:
    """A cell to draw: atomic position, spans, text (``\\n`` separates printed lines)."""

    row: int
    col: int
    text: str = ""
    row_span: int = 1
    col_span: int = 1


@dataclass
class TableSpec:
    x: float
    top: float
    col_widths: Sequence[float]
    row_heights: Sequence[float]
    cells: Sequence[TCell] = ()
    size: float = 8.0
    font: str = "IPAexMincho"
    rule_color: tuple[float, float, float] = (0, 0, 0)
    #: (x0, top, x1, bottom, rgb) lines drawn after the table.
    extra_lines: list[tuple[float, float, float, float, tuple[float, float, float]]] = field(
        default_factory=list
    )
    #: "middle" (Word's usual) or "top": where a cell's lines sit.
    valign: str = "middle"

    @property
    def bottom(self) -> float:
        return self.top + sum(self.row_heights)


@dataclass
class PageSpec:
    tables: list[TableSpec] = field(default_factory=list)
    #: (x, baseline, text, size) free text lines.
    texts: list[tuple[float, float, str, float]] = field(default_factory=list)


def _edges(start: float, widths: Sequence[float]) -> list[float]:
    out = [start]
    for w in widths:
        out.append(out[-1] + w)
    return out


def _draw_table(c: canvas.Canvas, t: TableSpec) -> None:
    xs, ys = _edges(t.x, t.col_widths), _edges(t.top, t.row_heights)
    covered: set[tuple[int, int]] = set()
    cells = list(t.cells)
    for cell in cells:
        for r in range(cell.row, cell.row + cell.row_span):
            for col in range(cell.col, cell.col + cell.col_span):
                covered.add((r, col))
    for r in range(len(t.row_heights)):
        for col in range(len(t.col_widths)):
            if (r, col) not in covered:
                cells.append(TCell(r, col))
    c.setStrokeColorRGB(*t.rule_color)
    c.setLineWidth(0.5)
    for cell in cells:
        x0, x1 = xs[cell.col], xs[cell.col + cell.col_span]
        top, bottom = ys[cell.row], ys[cell.row + cell.row_span]
        c.rect(x0, PAGE_H - bottom, x1 - x0, bottom - top, stroke=1, fill=0)
        lines = [ln for ln in cell.text.split("\n")] if cell.text else []
        if not lines:
            continue
        leading = t.size * 1.3
        block = leading * len(lines)
        centred = top + (bottom - top - block) / 2 + t.size
        first = top + 2 + t.size if t.valign == "top" else centred
        c.setFont(t.font, t.size)
        c.setFillColorRGB(0, 0, 0)
        for i, line in enumerate(lines):
            c.drawString(x0 + 2, PAGE_H - (first + i * leading), line)
    for x0, top, x1, bottom, rgb in t.extra_lines:
        c.setStrokeColorRGB(*rgb)
        c.line(x0, PAGE_H - top, x1, PAGE_H - bottom)


def build_pdf(path: Path, pages: Sequence[PageSpec]) -> Path:
    """Draw the pages into ``path``."""
    register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in pages:
        for table in page.tables:
            _draw_table(c, table)
        for x, baseline, text, size in page.texts:
            c.setFont("IPAexMincho", size)
            c.setFillColorRGB(0, 0, 0)
            c.drawString(x, PAGE_H - baseline, text)
        c.showPage()
    c.save()
    return path


def load_pages(path: Path) -> list[PageContent]:
    return list(pdf_to_pages(path))


def shift_boxes(page: PageContent, shift: float) -> PageContent:
    """The same page with every char's pdfminer box moved ``shift`` × size down while its
    baseline stays: what a wrong CJK font descriptor does to pdfminer's boxes."""
    chars = tuple(
        Char(
            text=ch.text,
            x0=ch.x0,
            x1=ch.x1,
            top=ch.top + shift * ch.size,
            bottom=ch.bottom + shift * ch.size,
            baseline=ch.baseline,
            size=ch.size,
            fontname=ch.fontname,
            upright=ch.upright,
        )
        for ch in page.chars
    )
    return PageContent(page.number, page.width, page.height, chars, page.rules, page.images)


# --- the reference report's indicator tables, drawn small --------------------------------

HEADER_ONE_ROW = [
    "成果指標",
    "評価指標",
    "基準値\n（令和元年度）",
    "実績\n（令和２年度）",
    "現状値\n（令和３年度）",
    "目標値\n（令和６年度）",
]
WIDTHS_6 = [110, 110, 55, 55, 55, 55]


def goal1_table(top: float = 80) -> TableSpec:
    """基本目標１'s table: one-row header with line breaks, two plain indicators."""
    rows = [
        HEADER_ONE_ROW,
        [
            "子育てしやすいまちと思\nう人の割合",
            "市政アンケートモニター\n「くるモニ」による数値",
            "75.0%",
            "－",
            "71.7%",
            "80.0%",
        ],
        ["待機児童数", "各年度４月１日時点にお\nける待機児童数", "54人", "65人", "35人", "0人"],
    ]
    cells = [TCell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row)]
    return TableSpec(50, top, WIDTHS_6, [30, 30, 30], cells)


def goal3_table(top: float = 80) -> TableSpec:
    """基本目標３'s table: 評価指標 header over source + unlabeled 区分 column, a name
    spanning four sub-rows, merged 実績 and 目標値 cells, a （※） mark."""
    widths = [90, 90, 45, 60, 60, 60, 70]
    header = [
        TCell(0, 0, "成果指標"),
        TCell(0, 1, "評価指標", col_span=2),
        TCell(0, 3, "基準値\n（令和元年度）"),
        TCell(0, 4, "実績\n（令和２年度）"),
        TCell(0, 5, "現状値\n（令和３年度）"),
        TCell(0, 6, "目標値\n（令和６年度）"),
    ]
    body = [
        TCell(1, 0, "自分にはよいとこ\nろがあると思う児\n童生徒の割合", row_span=4),
        TCell(1, 1, "毎年度６月に実施され\nる全国学力・学習状況\n調査による数値", row_span=4),
        TCell(1, 4, "－", row_span=4),
        TCell(1, 6, "小中学校ともに\n全国平均以上", row_span=4),
    ]
    subrows = [
        ("小学６年", "▲3.8％", "▲5.9％"),
        ("中学３年", "▲6.3％", "▲5.1％"),
        ("全国（小）", "81.2%", "76.9%"),
        ("全国（中）", "74.1%", "76.2%"),
    ]
    for i, (label, base, cur) in enumerate(subrows):
        body += [TCell(1 + i, 2, label), TCell(1 + i, 3, base), TCell(1 + i, 5, cur)]
    body += [
        TCell(5, 0, "子どものいる生活\n困難世帯の割合"),
        TCell(5, 1, "子どもの生活実態調査\nによる数値（※）", col_span=2),
        TCell(5, 3, "19.6%"),
        TCell(5, 4, "－"),
        TCell(5, 5, "－"),
        TCell(5, 6, "▲3.8％"),
    ]
    return TableSpec(40, top, widths, [30, 20, 20, 20, 20, 30], header + body)


def simple_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    top: float = 80,
    widths: Sequence[float] | None = None,
    row_height: float = 30,
    x: float = 40,
) -> TableSpec:
    """One header row and plain 1×1 body cells (``\\n`` breaks a cell's lines)."""
    grid = [list(header), *[list(r) for r in rows]]
    cells = [TCell(r, c, text) for r, row in enumerate(grid) for c, text in enumerate(row) if text]
    if widths is None:
        widths = [100, 100] + [60] * (len(header) - 2)
    return TableSpec(x, top, widths, [row_height] * len(grid), cells)


def body_table(
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    top: float = 60,
    row_height: float = 30,
    x: float = 40,
) -> TableSpec:
    """A continuation part: body rows only, no header."""
    cells = [TCell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row) if text]
    return TableSpec(x, top, widths, [row_height] * len(rows), cells)


def pdf_to_table_grids(path: Path) -> list[list[Grid]]:
    """Indicator tables of a PDF as grid lists, joined over page breaks the way the
    assemble stage is expected to: the last grid of a page continues into the first grid
    of the next when ``grid_continues`` and no text stands above the latter."""
    from extractor.columns import grid_continues, is_indicator_grid
    from extractor.tables import page_to_grids

    tables: list[list[Grid]] = []
    last: Grid | None = None
    for page in pdf_to_pages(path):
        grids = page_to_grids(page)
        for i, grid in enumerate(grids):
            band = 0.08 * page.height
            above = any(band < c.centre_y() < grid.top and c.text.strip() for c in page.chars)
            joins = i == 0 and tables and tables[-1][-1] is last and not above
            if joins and last is not None and grid_continues(last, grid):
                tables[-1].append(grid)
            elif is_indicator_grid(grid):
                tables.append([grid])
        last = grids[-1] if grids else None
    return tables
