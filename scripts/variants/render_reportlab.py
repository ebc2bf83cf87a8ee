"""Render a Document with reportlab: every line and rule placed by hand.

Tables are drawn here rather than with pdfdraw.TableRenderer because the variants need rule
styles pdfdraw does not draw (horizontal rules only, no rules at all) and header cells that
span two rows; fonts, widths and text runs come from pdfdraw.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pdfdraw import Fonts, draw_text, new_canvas, register_fonts, text_width
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from .document import Cover, Document, IndicatorTable, document_to_blocks

BODY = 10.5
LEADING = 17.0
CELL = 8.5
PITCH = 11.0
PAD = 3.5
MARGIN = 64.0
#: Characters that never start a line (kinsoku): they hang on the line before.
NO_START = "、。）」』％"


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy wrap by measured width; explicit newlines are kept."""
    out: list[str] = []
    for part in text.split("\n"):
        cur = ""
        for ch in part:
            if cur and text_width(cur + ch, font, size) > width and ch not in NO_START:
                out.append(cur)
                cur = ""
            cur += ch
        out.append(cur)
    return out


@dataclass
class _Page:
    canvas: Canvas
    fonts: Fonts
    width: float
    height: float
    y: float = 0.0
    number: int = 1

    def top(self) -> None:
        self.y = self.height - MARGIN

    def need(self, height: float) -> None:
        if self.y - height < MARGIN:
            self.new()

    def new(self) -> None:
        self.footer()
        self.canvas.showPage()
        self.number += 1
        self.top()

    def footer(self) -> None:
        text = f"- {self.number} -"
        w = text_width(text, self.fonts.mincho, 9)
        draw_text(self.canvas, (self.width - w) / 2, 30, text, self.fonts.mincho, 9)

    def line(self, text: str, font: str, size: float, x: float, leading: float) -> None:
        self.need(leading)
        draw_text(self.canvas, x, self.y - (leading + size * 0.76) / 2, text, font, size)
        self.y -= leading


def _cover(page: _Page, cover: Cover) -> None:
    f = page.fonts
    for text, font, size, y in (
        (cover.title, f.gothic, 20.0, page.height * 0.62),
        (cover.date, f.mincho, 14.0, page.height * 0.30),
        (cover.city, f.gothic, 16.0, page.height * 0.24),
    ):
        lines = wrap(text, font, size, page.width - 2 * MARGIN)
        for i, line in enumerate(lines):
            w = text_width(line, font, size)
            draw_text(page.canvas, (page.width - w) / 2, y - i * size * 1.5, line, font, size)
    page.canvas.showPage()  # a cover has no page number
    page.number += 1
    page.top()


def _toc(page: _Page, entries: tuple[tuple[str, int], ...]) -> None:
    f = page.fonts
    w = text_width("目次", f.gothic, 14)
    page.line("目次", f.gothic, 14, (page.width - w) / 2, 28)
    right = page.width - MARGIN
    for text, number in entries:
        num = str(number)
        left_w = text_width(text, f.mincho, BODY)
        num_w = text_width(num, f.mincho, BODY)
        dot_w = text_width("…", f.mincho, BODY)
        dots = "…" * max(2, int((right - MARGIN - left_w - num_w - 8) // dot_w))
        page.need(LEADING)
        base = page.y - (LEADING + BODY * 0.76) / 2
        draw_text(page.canvas, MARGIN, base, text + dots, f.mincho, BODY)
        draw_text(page.canvas, right - num_w, base, num, f.mincho, BODY)
        page.y -= LEADING
    page.y -= LEADING


def _column_widths(table: IndicatorTable, font: str, avail: float) -> list[float]:
    """Natural widths (longest unwrapped line); name/source columns shrink to fit."""
    grid = table.grid()
    n = len(grid[0])
    natural = [30.0] * n
    for row in grid:
        for j, text in enumerate(row):
            # a header wraps before its （year）, so only the longest piece counts
            pieces = (
                (text or "").replace("（", "\n（").split("\n")
                if row is grid[0] or (table.two_rows and row is grid[1])
                else (text or "").split("\n")
            )
            for line in pieces:
                natural[j] = max(natural[j], text_width(line, font, CELL) + 2 * PAD + 1)
    flexible = [0] + ([1] if table.source_header else [])
    fixed = sum(w for j, w in enumerate(natural) if j not in flexible)
    if fixed + sum(natural[j] for j in flexible) <= avail:
        return natural
    room = max(avail - fixed, 60.0 * len(flexible))
    share = sum(natural[j] for j in flexible)
    return [natural[j] * room / share if j in flexible else natural[j] for j in range(n)]


@dataclass(frozen=True)
class _TableLayout:
    widths: list[float]
    lines: list[list[list[str]]]  # per grid row, per cell: its printed lines
    heights: list[float]

    @property
    def height(self) -> float:
        return sum(self.heights) + 4


def _table_layout(page: _Page, table: IndicatorTable) -> _TableLayout:
    font = page.fonts.mincho
    widths = _column_widths(table, font, page.width - 2 * MARGIN)
    n_head = 2 if table.two_rows else 1

    def cell_lines(i: int, j: int, text: str) -> list[str]:
        inner = widths[j] - 2 * PAD
        if i < n_head and text_width(text, font, CELL) > inner:
            text = text.replace("（", "\n（")  # a header wraps before its （year）
        return wrap(text, font, CELL, inner)

    grid = table.grid()
    lines = [[cell_lines(i, j, t or "") for j, t in enumerate(r)] for i, r in enumerate(grid)]
    heights = [max(18.0, max(len(c) for c in r) * PITCH + 2 * PAD) for r in lines]
    return _TableLayout(widths, lines, heights)


def _table(page: _Page, table: IndicatorTable) -> None:
    font = page.fonts.mincho
    layout = _table_layout(page, table)
    widths, lines, heights = layout.widths, layout.lines, layout.heights
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)
    grid = table.grid()
    n_head = 2 if table.two_rows else 1
    page.need(layout.height)
    c = page.canvas
    c.setLineWidth(0.5)
    tops = [page.y]
    for h in heights:
        tops.append(tops[-1] - h)
    for i, row in enumerate(lines):
        for j, cell_lines in enumerate(row):
            if grid[i][j] is None:
                continue
            spans_down = i == 0 and n_head == 2 and grid[1][j] is None
            top, bottom = tops[i], tops[i + 2 if spans_down else i + 1]
            x0, x1 = xs[j], xs[j + 1]
            if table.rules == "full":
                c.rect(x0, bottom, x1 - x0, top - bottom, stroke=1, fill=0)
            header = i < n_head
            block = len(cell_lines) * PITCH
            first = (top + bottom) / 2 + block / 2
            for k, text in enumerate(cell_lines):
                w = text_width(text, font, CELL)
                if header or j >= (2 if table.source_header else 1):
                    tx = (x0 + x1 - w) / 2
                else:
                    tx = x0 + PAD
                base = first - k * PITCH - (PITCH + CELL * 0.76) / 2
                draw_text(c, tx, base, text, font, CELL)
    if table.rules == "horizontal":
        for y in (tops[0], tops[n_head], *tops[n_head + 1 :]):
            c.line(xs[0], y, xs[-1], y)
    page.y = tops[-1] - 6


def render_reportlab(doc: Document, path: Path) -> None:
    fonts = register_fonts(embedded=False)  # Heisei CID fonts: a few kB, not 100 kB of subsets
    size = landscape(A4) if doc.orientation == "landscape" else A4
    c = new_canvas(str(path), doc.title or doc.name, "make_variants.py", fonts)
    c.setPageSize(size)
    c.setCreator("make_variants.py")
    page = _Page(c, fonts, size[0], size[1])
    page.top()
    text_w = page.width - 2 * MARGIN
    blocks = document_to_blocks(doc)
    for k, (kind, item) in enumerate(blocks):
        if kind == "goal" and blocks[k + 2][0] == "table":
            # a goal heading keeps with its first section heading and the table under it
            table = blocks[k + 2][1]
            assert isinstance(table, IndicatorTable)
            page.need(2 * (LEADING + 2) + 14 + _table_layout(page, table).height)
        if kind == "cover":
            assert isinstance(item, Cover)
            _cover(page, item)
        elif kind == "title":
            assert isinstance(item, str)
            for line in wrap(item, fonts.gothic, 14, text_w):
                w = text_width(line, fonts.gothic, 14)
                page.line(line, fonts.gothic, 14, (page.width - w) / 2, 24)
            page.y -= 8
        elif kind == "toc":
            _toc(page, item)  # type: ignore[arg-type]
        elif kind == "table":
            assert isinstance(item, IndicatorTable)
            _table(page, item)
        elif kind in ("goal", "section", "initiative"):
            assert isinstance(item, str)
            size_, gap = {"goal": (12.0, 10.0), "section": (BODY, 4.0), "initiative": (BODY, 0.0)}[
                kind
            ]
            page.need(LEADING * 3 + gap)
            page.y -= gap
            hanging = doc.paragraph_indent == "hanging"
            indent = {"goal": 0.0, "section": 0.0, "initiative": BODY if hanging else 0.0}[kind]
            for line in wrap(item, fonts.gothic, size_, text_w - indent):
                page.line(line, fonts.gothic, size_, MARGIN + indent, LEADING + 2)
        elif kind == "note":
            assert isinstance(item, str)
            for line in wrap(item, fonts.mincho, 9, text_w):
                page.line(line, fonts.mincho, 9, MARGIN, 13)
        else:
            assert isinstance(item, str)
            hang = BODY if doc.paragraph_indent == "hanging" else 0.0
            for line in wrap("\u3000" + item, fonts.mincho, BODY, text_w - hang):
                page.line(line, fonts.mincho, BODY, MARGIN + hang, LEADING)
    page.footer()
    c.save()
