"""Render a Document with reportlab: every line and rule placed by hand.

Tables are drawn here rather than with pdfdraw.TableRenderer because the variants need rule
styles pdfdraw does not draw (horizontal rules only, no rules at all) and header cells that
span two rows; fonts, widths and text runs come from pdfdraw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pdfdraw import Fonts, Quirks, draw_text, new_canvas, register_fonts, text_width
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from .document import Cover, Document, GridCell, IndicatorTable, TableGrid, document_to_blocks

BODY = 10.5
LEADING = 17.0
CELL = 8.5
PITCH = 11.0
PAD = 3.5
MARGIN = 64.0
#: How each text_quirks option garbles the text (pdfdraw.Quirks, as the samples use them):
#: katakana words printed half-width, headings drawn twice (Word's fake bold), letter-spaced
#: name and source cells. All of it must convert to the same content.
QUIRKS = {
    "none": Quirks(),
    "half_kana": Quirks(
        half_kana=("オンライン", "アプリ", "コロナ", "ニーズ", "ウイルス", "ウェブ", "ハローワーク")
    ),
    "fake_bold": Quirks(fake_bold=0.35),
    "letter_spaced": Quirks(cell_char_space=1.5),
}
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
    running_header: str | None = None
    label: str | None = None
    quirks: Quirks = field(default_factory=Quirks)
    y: float = 0.0
    number: int = 1

    def top(self) -> None:
        """Start a page: its running header, and on page 1 the boxed label."""
        self.y = self.height - MARGIN
        f = self.fonts
        if self.running_header:
            w = text_width(self.running_header, f.mincho, 8)
            draw_text(
                self.canvas, self.width - 40 - w, self.height - 30, self.running_header, f.mincho, 8
            )
        if self.label and self.number == 1:
            w = text_width(self.label, f.gothic, 12)
            x1, y1 = self.width - 44, self.height - 26
            self.canvas.setLineWidth(0.8)
            self.canvas.rect(x1 - w - 16, y1 - 22, w + 16, 22, stroke=1, fill=0)
            draw_text(self.canvas, x1 - w - 8, y1 - 15, self.label, f.gothic, 12)

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

    def line(
        self, text: str, font: str, size: float, x: float, leading: float, heading: bool = False
    ) -> None:
        """One line of running text, garbled as the producer's quirks say (headings may be
        drawn twice for a fake bold)."""
        self.need(leading)
        base = self.y - (leading + size * 0.76) / 2
        bold = self.quirks.fake_bold if heading else 0.0
        draw_text(self.canvas, x, base, self.quirks.text(text), font, size, bold_offset=bold)
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
        num_w = text_width(num, f.mincho, BODY)
        dot_w = text_width("…", f.mincho, BODY)
        *first, text = wrap(text, f.mincho, BODY, right - MARGIN - num_w - 3 * dot_w)
        for line in first:  # a long entry wraps; its leader and page end the last line
            page.line(line, f.mincho, BODY, MARGIN, LEADING)
        left_w = text_width(text, f.mincho, BODY)
        dots = "…" * max(2, int((right - MARGIN - left_w - num_w - 8) // dot_w))
        page.need(LEADING)
        base = page.y - (LEADING + BODY * 0.76) / 2
        draw_text(page.canvas, MARGIN, base, text + dots, f.mincho, BODY)
        draw_text(page.canvas, right - num_w, base, num, f.mincho, BODY)
        page.y -= LEADING
    page.y -= LEADING


def _header_pieces(cell: GridCell) -> list[str]:
    """A header wraps before its （year）, so only the longest piece sets the width."""
    text = cell.text.replace("（", "\n（") if cell.header else cell.text
    return text.split("\n")


def _column_widths(grid: TableGrid, font: str, avail: float, flexible: list[int]) -> list[float]:
    """Natural widths (longest unwrapped line); the name/source columns shrink to fit."""
    natural = [30.0] * grid.n_cols
    for cell in grid.cells:
        for line in _header_pieces(cell):
            natural[cell.col] = max(natural[cell.col], text_width(line, font, CELL) + 2 * PAD + 1)
    fixed = sum(w for j, w in enumerate(natural) if j not in flexible)
    if fixed + sum(natural[j] for j in flexible) <= avail:
        return natural
    room = max(avail - fixed, 60.0 * len(flexible))
    share = sum(natural[j] for j in flexible)
    return [natural[j] * room / share if j in flexible else natural[j] for j in range(len(natural))]


@dataclass(frozen=True)
class _TableLayout:
    grid: TableGrid
    widths: list[float]
    lines: dict[tuple[int, int], list[str]]  # (row, col) -> the cell's printed lines
    heights: list[float]  # per grid row

    def parts(self) -> list[list[int]]:
        """Grid rows per page: the header, then the body up to the forced break, then the
        header again with the rest (as word processors repeat a table's header rows)."""
        head = list(range(self.grid.n_head))
        cut = self.grid.break_row or self.grid.n_rows
        first = [*head, *range(self.grid.n_head, cut)]
        return (
            [first, [*head, *range(cut, self.grid.n_rows)]] if cut < self.grid.n_rows else [first]
        )

    @property
    def height(self) -> float:
        """The height of the first page's part (what must fit where the table starts)."""
        return sum(self.heights[r] for r in self.parts()[0]) + 4


def _table_layout(page: _Page, table: IndicatorTable) -> _TableLayout:
    font = page.fonts.mincho
    grid = table.grid()
    flexible = [0, 1] if table.source_header else [0]
    widths = _column_widths(grid, font, page.width - 2 * MARGIN, flexible)
    lines: dict[tuple[int, int], list[str]] = {}
    spaced = CELL / (CELL + page.quirks.cell_char_space)  # letter-spaced cells hold less
    for cell in grid.cells:
        inner = widths[cell.col] - 2 * PAD
        if cell.left and not cell.header:
            inner *= spaced
        text = cell.text
        if cell.header and text_width(text, font, CELL) > inner:
            text = text.replace("（", "\n（")  # a header wraps before its （year）
        lines[cell.row, cell.col] = wrap(text, font, CELL, inner)
    heights = [18.0] * grid.n_rows
    for cell in grid.cells:
        if cell.rowspan == 1:
            need = len(lines[cell.row, cell.col]) * PITCH + 2 * PAD
            heights[cell.row] = max(heights[cell.row], need)
    for cell in grid.cells:  # a spanning cell's extra lines go to its last row
        rows = range(cell.row, cell.row + cell.rowspan)
        missing = len(lines[cell.row, cell.col]) * PITCH + 2 * PAD - sum(heights[r] for r in rows)
        if missing > 0:
            heights[rows[-1]] += missing
    return _TableLayout(grid, widths, lines, heights)


def _table(page: _Page, table: IndicatorTable) -> None:
    layout = _table_layout(page, table)
    page.need(layout.height)
    for i, rows in enumerate(layout.parts()):
        if i:
            page.new()
        _table_part(page, table, layout, rows)


def _table_part(page: _Page, table: IndicatorTable, layout: _TableLayout, rows: list[int]) -> None:
    """Draw the given grid rows top-down from the page's current y."""
    font = page.fonts.mincho
    grid = layout.grid
    xs = [MARGIN]
    for w in layout.widths:
        xs.append(xs[-1] + w)
    c = page.canvas
    c.setLineWidth(0.5)
    tops: dict[int, float] = {}
    y = page.y
    for r in rows:
        tops[r] = y
        y -= layout.heights[r]
    bottom_of = {r: tops[r] - layout.heights[r] for r in rows}
    for cell in (cl for cl in grid.cells if cl.row in tops):
        top, bottom = tops[cell.row], bottom_of[cell.row + cell.rowspan - 1]
        x0, x1 = xs[cell.col], xs[cell.col + 1]
        if cell.header and table.header_fill:
            c.setFillGray(0.85)
            c.rect(x0, bottom, x1 - x0, top - bottom, stroke=0, fill=1)
            c.setFillGray(0)
        if table.rules == "full":
            c.rect(x0, bottom, x1 - x0, top - bottom, stroke=1, fill=0)
        cell_lines = layout.lines[cell.row, cell.col]
        first = (top + bottom) / 2 + len(cell_lines) * PITCH / 2
        space = page.quirks.cell_char_space if cell.left and not cell.header else 0.0
        for k, text in enumerate(cell_lines):
            shown = page.quirks.text(text)
            w = text_width(shown, font, CELL, space)
            tx = x0 + PAD if cell.left else (x0 + x1 - w) / 2
            base = first - k * PITCH - (PITCH + CELL * 0.76) / 2
            draw_text(c, tx, base, shown, font, CELL, char_space=space)
    if table.rules == "horizontal":  # above and below the header, between indicators
        starts = sorted({cell.row for cell in grid.cells if cell.col == 0 and cell.row in tops})
        for y_rule in (*(tops[r] for r in starts), y):
            c.line(xs[0], y_rule, xs[-1], y_rule)
    page.y = y - 6


def render_reportlab(doc: Document, path: Path) -> None:
    fonts = register_fonts(embedded=False)  # Heisei CID fonts: a few kB, not 100 kB of subsets
    size = landscape(A4) if doc.orientation == "landscape" else A4
    c = new_canvas(str(path), doc.title or doc.name, "make_variants.py", fonts)
    c.setPageSize(size)
    c.setCreator("make_variants.py")
    page = _Page(c, fonts, size[0], size[1], doc.running_header, doc.label, QUIRKS[doc.quirks])
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
                page.line(line, fonts.gothic, 14, (page.width - w) / 2, 24, heading=True)
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
                page.line(line, fonts.gothic, size_, MARGIN + indent, LEADING + 2, heading=True)
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
