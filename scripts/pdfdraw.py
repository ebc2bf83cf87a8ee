"""Small drawing library for the sample reports: fonts, text quirks, ruled tables, page flow.

Why not platypus: the samples must reproduce exact printed line wraps, page breaks and table
geometry of real reports, and carry the quirks of Word/Excel PDFs (radicals, fake bold, letter
spacing, half-width kana). So every line and every ruled segment is placed explicitly here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from reportlab import rl_config

rl_config.invariant = 1  # fixed dates and document id: byte-identical output on every run

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

MINCHO_TTF = "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"
GOTHIC_TTF = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"

FontRole = Literal["mincho", "gothic"]
Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Fonts:
    """Registered reportlab font names for the two roles a report uses."""

    mincho: str
    gothic: str

    def name(self, role: FontRole) -> str:
        return self.mincho if role == "mincho" else self.gothic


def register_fonts(embedded: bool) -> Fonts:
    """IPAex TrueType subsets (embedded) or the non-embedded Heisei CID fonts."""
    if embedded:
        for name, path in (("IPAexMincho", MINCHO_TTF), ("IPAexGothic", GOTHIC_TTF)):
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, path))
        return Fonts("IPAexMincho", "IPAexGothic")
    for name in ("HeiseiMin-W3", "HeiseiKakuGo-W5"):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(name))
    return Fonts("HeiseiMin-W3", "HeiseiKakuGo-W5")


# --- text quirks ---------------------------------------------------------------------------

#: Kanji that Word-made PDFs commonly decode as Kangxi radicals (U+2F00–U+2FD5).
RADICAL_KANJI = "生人子目行見大入力方日月一小自身用支高立言文心手長"
#: CJK Radicals Supplement forms without a compatibility decomposition to the unified kanji.
RADICAL_SUPPLEMENT = {"長": "\u2ed1"}


def _radical_map() -> dict[str, str]:
    """Unified kanji -> Kangxi radical code point, for RADICAL_KANJI."""
    out = {}
    for cp in range(0x2F00, 0x2FD6):
        unified = unicodedata.normalize("NFKC", chr(cp))
        if unified in RADICAL_KANJI:
            out[unified] = chr(cp)
    out.update(RADICAL_SUPPLEMENT)
    return out


def _half_kana_map() -> dict[str, str]:
    """Full-width katakana (decomposed) -> half-width forms, incl. the voicing marks."""
    out = {"\u3099": "\uff9e", "\u309a": "\uff9f"}
    for cp in range(0xFF61, 0xFFA0):
        full = unicodedata.normalize("NFKC", chr(cp))
        if len(full) == 1 and full not in out:
            out[full] = chr(cp)
    return out


RADICALS = _radical_map()
HALF_KANA = _half_kana_map()


def to_half_kana(word: str) -> str:
    """ソーシャル -> ｿｰｼｬﾙ, サービス -> ｻｰﾋﾞｽ (voicing mark as a separate char)."""
    return "".join(HALF_KANA.get(ch, ch) for ch in unicodedata.normalize("NFD", word))


@dataclass(frozen=True)
class Quirks:
    """How a producer garbles text: all of it must convert to the same JSON as the clean PDF."""

    radicals: bool = False  # print RADICAL_KANJI as Kangxi radicals
    fake_bold: float = 0.0  # draw headings twice, offset by this many points
    cell_char_space: float = 0.0  # extra letter spacing in table header/name/source cells
    spaced_cells: bool = False  # explicit spaces between the chars of short header/name cells
    half_kana: tuple[str, ...] = ()  # katakana words printed half-width in body text
    #: Which table rules are drawn: "grid" (all), "horizontal" (row rules only, no
    #: verticals), "frame" (outer frame and the header rule only), "none" (whitespace only).
    rules: Literal["grid", "horizontal", "frame", "none"] = "grid"

    def text(self, s: str) -> str:
        """Body/heading text as the producer prints it."""
        for word in self.half_kana:
            s = s.replace(word, to_half_kana(word))
        return self.chars(s)

    def chars(self, s: str) -> str:
        if self.radicals:
            s = "".join(RADICALS.get(ch, ch) for ch in s)
        return s

    def cell(self, s: str, spaced: bool) -> str:
        """Table cell text; short header/name cells may get spaces between their chars."""
        if self.spaced_cells and spaced and 2 <= len(s) <= 6 and "（" not in s:
            s = " ".join(s)
        return self.chars(s)


# --- primitive drawing ---------------------------------------------------------------------


def text_width(text: str, font: str, size: float, char_space: float = 0.0) -> float:
    return pdfmetrics.stringWidth(text, font, size) + char_space * len(text)


def draw_text(
    c: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    char_space: float = 0.0,
    bold_offset: float = 0.0,
) -> None:
    """One text run at baseline y; a bold offset draws it a second time, shifted (Word bold)."""
    for dx in (0.0, bold_offset) if bold_offset else (0.0,):
        t = c.beginText(x + dx, y)
        t.setFont(font, size)
        if char_space:
            t.setCharSpace(char_space)
        t.textOut(text)
        if char_space:
            t.setCharSpace(0)  # Tc is graphics state: it would leak into later text
        c.drawText(t)


# --- tables --------------------------------------------------------------------------------

CellKind = Literal["header", "name", "value", "plain"]


@dataclass(frozen=True)
class Cell:
    """One table cell at grid position (row, col); text lines are separated by newlines."""

    row: int
    col: int
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    align: Align = "center"
    kind: CellKind = "value"

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n") if self.text else []


@dataclass(frozen=True)
class Table:
    """A ruled grid; the first ``header_rows`` rows are repeated after a page break."""

    cells: tuple[Cell, ...]
    n_rows: int
    n_cols: int
    header_rows: int = 1
    font: FontRole = "mincho"
    size: float = 8.5
    pitch: float = 11.0
    pad: float = 3.5
    min_col: float = 30.0
    row_min: float = 18.0


@dataclass(frozen=True)
class RowPart:
    """Row ``row`` drawn on one page, cell text lines [start, stop) (stop None = to the end)."""

    row: int
    start: int = 0
    stop: int | None = None


class TableRenderer:
    """Measures and draws a Table with a Fonts/Quirks pair."""

    def __init__(self, table: Table, fonts: Fonts, quirks: Quirks) -> None:
        self.t = table
        self.font = fonts.name(table.font)
        self.q = quirks
        self.grid: dict[tuple[int, int], Cell] = {(cl.row, cl.col): cl for cl in table.cells}
        self.col_widths = self._col_widths()
        self.row_lines = self._row_lines()

    def shown(self, cell: Cell, line: str) -> str:
        """Header words and one-line name cells may be spaced out (均等割り付け by hand)."""
        spaced = cell.kind == "header" or (cell.kind == "name" and len(cell.lines) == 1)
        return self.q.cell(line, spaced=spaced)

    def char_space(self, cell: Cell) -> float:
        return self.q.cell_char_space if cell.kind == "name" else 0.0

    def _col_widths(self) -> list[float]:
        """Each column as wide as its widest single-column cell line (auto-fit, like Word)."""
        t = self.t
        widths = [t.min_col] * t.n_cols
        for cell in t.cells:
            if cell.colspan != 1:
                continue
            for line in cell.lines:
                w = text_width(self.shown(cell, line), self.font, t.size, self.char_space(cell))
                widths[cell.col] = max(widths[cell.col], w + 2 * t.pad + 1)
        return widths

    def _row_lines(self) -> list[int]:
        """Text lines each row must hold; a row-spanning cell's lines go to its last row."""
        n = [1] * self.t.n_rows
        for cell in self.t.cells:
            if cell.rowspan == 1:
                n[cell.row] = max(n[cell.row], len(cell.lines))
        for cell in self.t.cells:
            if cell.rowspan > 1:
                rows = range(cell.row, cell.row + cell.rowspan)
                missing = len(cell.lines) - sum(n[r] for r in rows)
                if missing > 0:
                    n[rows[-1]] += missing
        return n

    def part_height(self, part: RowPart) -> float:
        stop = self.row_lines[part.row] if part.stop is None else part.stop
        t = self.t
        return max(t.row_min, (stop - part.start) * t.pitch + 2 * t.pad)

    def groups(self) -> list[list[int]]:
        """Body rows that must stay on one page together (joined by row spans)."""
        t = self.t
        reach = list(range(t.n_rows))
        for cell in t.cells:
            reach[cell.row] = max(reach[cell.row], cell.row + cell.rowspan - 1)
        out: list[list[int]] = []
        r = t.header_rows
        while r < t.n_rows:
            end = reach[r]
            k = r
            while k <= end:
                end = max(end, reach[k])
                k += 1
            out.append(list(range(r, end + 1)))
            r = end + 1
        return out

    def first_chunk(self) -> float:
        """Height of the header rows plus the first unbreakable group of body rows."""
        rows = [*range(self.t.header_rows), *self.groups()[0]]
        return sum(self.part_height(RowPart(row)) for row in rows)

    @property
    def width(self) -> float:
        return sum(self.col_widths)

    def draw(self, c: Canvas, x: float, y: float, parts: Sequence[RowPart]) -> float:
        """Draw the parts top-down from y; return the y below the last one."""
        t = self.t
        tops: dict[int, float] = {}
        bottoms: dict[int, float] = {}
        ranges: dict[int, tuple[int, int | None]] = {}
        cy = y
        for part in parts:
            tops[part.row] = cy
            cy -= self.part_height(part)
            bottoms[part.row] = cy
            ranges[part.row] = (part.start, part.stop)
        xs = [x]
        for w in self.col_widths:
            xs.append(xs[-1] + w)
        segments: set[tuple[float, float, float, float]] = set()
        for cell in t.cells:
            rows = [r for r in range(cell.row, cell.row + cell.rowspan) if r in tops]
            if not rows:
                continue
            top, bottom = tops[rows[0]], bottoms[rows[-1]]
            x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
            for seg in ((x0, top, x1, top), (x0, bottom, x1, bottom)):
                segments.add(tuple(round(v, 2) for v in seg))  # type: ignore[arg-type]
            for seg in ((x0, top, x0, bottom), (x1, top, x1, bottom)):
                segments.add(tuple(round(v, 2) for v in seg))  # type: ignore[arg-type]
            start, stop = ranges[rows[0]] if cell.rowspan == 1 else (0, None)
            self._cell_text(c, cell, cell.lines[start:stop], x0, x1, top, bottom)
        c.setLineWidth(0.5)
        header_rule = bottoms.get(t.header_rows - 1)
        for x0, y0, x1, y1 in sorted(segments):
            if self._drawn(x0, y0, x1, y1, (xs[0], xs[-1]), (y, cy), header_rule):
                c.line(x0, y0, x1, y1)
        return cy

    def _drawn(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        sides: tuple[float, float],
        ends: tuple[float, float],
        header_rule: float | None,
    ) -> bool:
        """Whether the producer draws this rule (``Quirks.rules``)."""
        style = self.q.rules
        horizontal = y0 == y1
        if style == "grid":
            return True
        if style == "horizontal":
            return horizontal
        if style == "frame":
            if horizontal:
                rules = [*ends] if header_rule is None else [*ends, header_rule]
                return any(abs(y0 - e) < 0.01 for e in rules)
            return any(abs(x0 - e) < 0.01 for e in sides)
        return False

    def _cell_text(
        self,
        c: Canvas,
        cell: Cell,
        lines: list[str],
        x0: float,
        x1: float,
        top: float,
        bottom: float,
    ) -> None:
        """Lines centred vertically in the cell, aligned horizontally as the cell says."""
        t = self.t
        block = len(lines) * t.pitch
        first_top = (top + bottom) / 2 + block / 2
        cs = self.char_space(cell)
        for i, line in enumerate(lines):
            text = self.shown(cell, line)
            w = text_width(text, self.font, t.size, cs)
            if cell.align == "left":
                tx = x0 + t.pad
            elif cell.align == "right":
                tx = x1 - t.pad - w
            else:
                tx = (x0 + x1 - w) / 2
            base = first_top - i * t.pitch - (t.pitch + t.size * 0.76) / 2
            draw_text(c, tx, base, text, self.font, t.size, char_space=cs)


# --- page flow -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One printed line of running text."""

    text: str
    font: FontRole = "mincho"
    size: float = 10.5
    leading: float = 16.0
    indent: float = 0.0
    align: Align = "left"
    heading: bool = False  # headings get the fake-bold quirk
    anchor: str | None = None
    keep_with_next: bool = False  # move to the next page with the table that follows


@dataclass(frozen=True)
class Gap:
    height: float


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class TableFlow:
    """A table in the flow; rows are recorded as ``<anchor>.r<i>``, splits forced by
    ``<anchor>.r<i>.l<k>`` in the break set (row i continues on the next page from line k)."""

    table: Table
    anchor: str
    gap_after: float = 4.0


Flowable = Line | Gap | PageBreak | TableFlow


@dataclass
class PageStyle:
    """Page geometry and the things printed on every page."""

    width: float = A4[0]
    height: float = A4[1]
    left: float = 90.0
    top: float = 772.0
    bottom: float = 62.0
    footer: Callable[[int], str] | None = lambda n: f"- {n} -"
    running_header: str | None = None
    label: str | None = None  # boxed label, top right of page 1


@dataclass
class Layout:
    """Places flowables on pages; records the page of every anchor."""

    canvas: Canvas
    fonts: Fonts
    quirks: Quirks
    style: PageStyle
    breaks: frozenset[str] = frozenset()
    anchors: dict[str, int] = field(default_factory=dict)
    page: int = 1
    y: float = 0.0
    auto_breaks: list[str] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)

    def run(self, items: Iterable[Flowable]) -> int:
        """Lay out everything; return the page count."""
        self._start_page()
        items = list(items)
        for i, item in enumerate(items):
            if isinstance(item, Line) and item.keep_with_next:
                self._keep_with_table(item, items[i + 1 :])
            if isinstance(item, PageBreak):
                self._new_page()
            elif isinstance(item, Gap):
                self.y -= item.height
            elif isinstance(item, Line):
                self._line(item)
            else:
                self._table(item)
        self._finish_page()
        self.canvas.save()
        return self.page

    def _keep_with_table(self, item: Line, rest: list[Flowable]) -> None:
        """New page now if the line and the start of the table after it won't fit together."""
        gaps = 0.0
        for nxt in rest:
            if isinstance(nxt, Gap):
                gaps += nxt.height
                continue
            if isinstance(nxt, Line) and nxt.keep_with_next:
                gaps += nxt.leading  # a chain of kept headings moves as one
                continue
            if isinstance(nxt, TableFlow):
                chunk = TableRenderer(nxt.table, self.fonts, self.quirks).first_chunk()
                if self.y - item.leading - gaps - chunk < self.style.bottom:
                    self._new_page()
            return

    def _start_page(self) -> None:
        self.y = self.style.top
        st, c = self.style, self.canvas
        if st.running_header:
            text = self.quirks.text(st.running_header)
            w = text_width(text, self.fonts.mincho, 8)
            draw_text(c, st.width - st.left - w + 30, st.height - 36, text, self.fonts.mincho, 8)
        if st.label and self.page == 1:
            text = self.quirks.text(st.label)
            size = 12.0
            w = text_width(text, self.fonts.gothic, size)
            x1, y1 = st.width - 56, st.height - 40
            c.setLineWidth(0.8)
            c.rect(x1 - w - 16, y1 - size - 10, w + 16, size + 10, stroke=1, fill=0)
            draw_text(c, x1 - w - 8, y1 - size - 3, text, self.fonts.gothic, size)

    def _finish_page(self) -> None:
        if self.style.footer:
            text = self.style.footer(self.page)
            w = text_width(text, self.fonts.mincho, 10)
            draw_text(self.canvas, (self.style.width - w) / 2, 34, text, self.fonts.mincho, 10)

    def _new_page(self) -> None:
        if self.y >= self.style.top:
            return  # already at the top of a fresh page
        self._finish_page()
        self.canvas.showPage()
        self.page += 1
        self._start_page()

    def _mark(self, anchor: str | None) -> None:
        if anchor is not None:
            self.anchors[anchor] = self.page

    def _line(self, item: Line) -> None:
        if item.anchor in self.breaks:
            self._new_page()
        elif self.y - item.leading < self.style.bottom:
            self.auto_breaks.append(item.anchor or item.text)
            self._new_page()
        self._mark(item.anchor)
        font = self.fonts.name(item.font)
        text = self.quirks.text(item.text)
        w = text_width(text, font, item.size)
        x = self.style.left + item.indent
        if item.align == "center":
            x = (self.style.width - w) / 2
        base = self.y - (item.leading + item.size * 0.76) / 2
        bold = self.quirks.fake_bold if item.heading else 0.0
        draw_text(self.canvas, x, base, text, font, item.size, bold_offset=bold)
        self.y -= item.leading

    def _table(self, item: TableFlow) -> None:
        """Rows top-down; header repeated after a page break; a one-row group that does not
        fit is split between its cell lines (forced by a break anchor, or when room runs out)."""
        r = TableRenderer(item.table, self.fonts, self.quirks)
        header = [RowPart(i) for i in range(item.table.header_rows)]
        head_h = sum(r.part_height(p) for p in header)
        parts: list[RowPart] = list(header)
        used = head_h

        def flush(new_page: bool) -> None:
            nonlocal parts, used
            self.y = r.draw(self.canvas, x, self.y, parts)
            if new_page:
                self._new_page()
                parts, used = list(header), head_h

        # a table wider than the text area moves left (centred), never off the paper
        x = min(self.style.left, (self.style.width - r.width) / 2)
        if x < 20:
            raise ValueError(f"table {item.anchor} is {r.width:.0f}pt wide")
        groups = r.groups()
        if item.anchor in self.breaks or self.y - r.first_chunk() < self.style.bottom:
            self._new_page()
        self._mark(item.anchor)
        for group in groups:
            need = sum(r.part_height(RowPart(row)) for row in group)
            room = self.y - used - self.style.bottom
            forced = [
                k
                for k in range(1, r.row_lines[group[0]])
                if f"{item.anchor}.r{group[0]}.l{k}" in self.breaks
            ]
            fits = int((room - 2 * r.t.pad) // r.t.pitch)
            if len(group) == 1 and (forced or (need > room and 1 <= fits < r.row_lines[group[0]])):
                row, k = group[0], (forced[0] if forced else fits)
                parts.append(RowPart(row, 0, k))
                self.anchors[f"{item.anchor}.r{row}"] = self.page
                self.splits.append(f"{item.anchor}.r{row}.l{k}")
                flush(new_page=True)
                rest = RowPart(row, k, None)
                parts.append(rest)
                used += r.part_height(rest)
                continue
            if need > room and len(parts) > len(header):
                self.auto_breaks.append(f"{item.anchor}.r{group[0]}")
                flush(new_page=True)
            for row in group:
                parts.append(RowPart(row))
                self.anchors[f"{item.anchor}.r{row}"] = self.page
            used += need
        flush(new_page=False)
        self.y -= item.gap_after


def new_canvas(path: str, title: str, author: str, fonts: Fonts) -> Canvas:
    """A canvas with fixed metadata so the file is reproducible byte for byte."""
    c = Canvas(path, pagesize=A4, invariant=1, pageCompression=1, initialFontName=fonts.mincho)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("make_samples.py")
    c.setProducer("reportlab (invariant)")
    c.setSubject("")
    return c
