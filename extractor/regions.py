"""Tables without full ruling: columns from whitespace gutters, rows from rules and lines.

Many real tables draw only some rules (top, header and bottom rules; every row ruled but no
verticals; an outer frame with a header rule) or none at all (a budget book's columns are
whitespace). A region of the page (a frame, a stack of horizontal rules, or a run of body
lines) becomes a ``Grid`` when its glyphs leave **gutters**: vertical strips with no ink on
any line, at least ``Settings.gutter_width`` font sizes wide. Running Japanese text is
justified and has none, so it never becomes a table.

Rows come from the rules, and inside a band between two rules from the text lines. Each
column's lines are grouped into cell blocks (a line that runs from edge to edge of its
column wraps into the next); every gap between two blocks of one column is a row edge, and
a block set between rows (a name centred over its sub-rows) spans them. The result is a
synthetic skeleton, read by the same ``skeleton_to_grid`` as ruled tables, so the indicator
reader sees the same ``Grid`` either way.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import TypeVar

from extractor.layout import (
    ASCENT,
    DESCENT,
    LIST_MARKER,
    TextLine,
    chars_to_lines,
    joins_number,
)
from extractor.load import Char
from extractor.normalise import normalise_text
from extractor.settings import DEFAULT_SETTINGS, Settings

K = TypeVar("K")

#: Marks a wide gap between two items of one printed line (never in glyph text).
RUN_GAP = "\t"


@dataclass(frozen=True)
class Region:
    """A candidate table area and the rule positions that cut it into bands (top..bottom)."""

    x0: float
    x1: float
    #: Horizontal band edges, top to bottom (at least the region's top and bottom).
    band_edges: tuple[float, ...]
    #: Shorter rules inside the region, as (y, x0, x1): drawn across some columns only
    #: (between sub-rows, but not through a cell merged over them).
    partial_rules: tuple[tuple[float, float, float], ...] = ()

    @property
    def top(self) -> float:
        return self.band_edges[0]

    @property
    def bottom(self) -> float:
        return self.band_edges[-1]


@dataclass(frozen=True)
class VirtualRules:
    """Where a region's cells are separated: column edges, row edges, and for every row the
    inner column edges that text crosses (those cells merge into a spanning cell)."""

    col_edges: tuple[float, ...]
    row_edges: tuple[float, ...]
    crossed: frozenset[tuple[int, int]]  # (row, inner edge index)
    #: (row edge index, column) where no row edge is drawn: a cell spanning sub-rows.
    open_cells: frozenset[tuple[int, int]] = frozenset()
    #: (row edge index, column) where the column's lines looked wrapped but were parted
    #: because each has a figure beside it: one wrapped cell, or one cell per line.
    figure_cuts: frozenset[tuple[int, int]] = frozenset()


def _median(values: Sequence[float], default: float = 10.0) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else default


def _inked(chars: Sequence[Char], settings: Settings) -> list[Char]:
    """The glyphs with a full-width closing bracket narrowed to its ink when a visible gap
    (half a gutter) follows it: a header set tight (``策定時（令元）`` ``実績（令4）``) leaves
    the rest of its gutter in the bracket's blank half. Brackets inside a line keep their
    box, so a line ends where its glyphs do."""
    ordered = sorted(chars, key=lambda c: (round(c.baseline), c.x0))
    closing = settings.grammar.layout.closing_brackets  # their box's right half is blank
    out = []
    for char, after in zip(ordered, [*ordered[1:], None], strict=False):
        half = (char.x1 - char.x0) / 2
        spaced = (
            after is not None
            and round(after.baseline) == round(char.baseline)
            and after.x0 - char.x1 >= 0.5 * settings.gutter_width * char.size
        )
        if char.text in closing and half > 0.4 * char.size and spaced:
            char = replace(char, x1=char.x1 - half)
        out.append(char)
    return out


def chars_to_runs(chars: Sequence[Char], settings: Settings = DEFAULT_SETTINGS) -> list[TextLine]:
    """Printed lines cut at every gap of at least a gutter's width, measured between inks:
    one run per cell line."""
    return chars_to_lines(
        _inked(chars, settings), settings, split_gap=settings.gutter_width, spaces_bridge=False
    )


def runs_to_gutters(
    runs: Sequence[TextLine], x0: float, x1: float, settings: Settings = DEFAULT_SETTINGS
) -> list[tuple[float, float]]:
    """Inner vertical strips of [x0, x1] that no run inks, at least a gutter wide."""
    size = _median([r.size for r in runs])
    spans = sorted((r.x0, r.x1) for r in runs)
    gutters: list[tuple[float, float]] = []
    reach = None
    for start, end in spans:
        if reach is not None and start - reach >= settings.gutter_width * size:
            gutters.append((reach, start))
        reach = end if reach is None else max(reach, end)
    return [(a, b) for a, b in gutters if a > x0 and b < x1]


def _ink(line: TextLine) -> tuple[float, float]:
    return line.baseline - ASCENT * line.size, line.baseline + DESCENT * line.size


def _cut_number(upper: TextLine, lower: TextLine, settings: Settings) -> bool:
    """A figure at a line break continues the line above: the rest of a number cut in two
    (its digits all of one width: a header's ``Ｈ３０`` never runs on into ``1,234``), or
    the number of a mark ending that line (``…割合※`` / ``1``)."""
    above, below = upper.text.strip(), lower.text.strip()
    if above[-1:] in settings.grammar.layout.numbered_marks:
        return True
    return joins_number(above, below) and above[-1:].isascii() == below[:1].isascii()


def _is_number(text: str, settings: Settings) -> bool:
    """A figure alone in its line (``1,234``, ``▲3.8％``, ``(12)``, a ratio ``3/5``): a row
    of its own, never a wrapped line's piece (``小学`` / ``6年`` may be one)."""
    stripped = text.strip().strip(settings.grammar.layout.figure_affixes)
    return bool(stripped) and all(ch.isdigit() or ch in ",.，．/／" for ch in stripped)


def _is_quantity(text: str, settings: Settings) -> bool:
    """A cell line that is one quantity (``LayoutMarks.quantity``): beside the lines of
    another column, it says each of them has a row (or a figure) of its own."""
    return settings.grammar.layout.quantity.fullmatch(text.strip()) is not None


def _is_figure(text: str, settings: Settings) -> bool:
    """A quantity that is no date (a header's ``2021年度``): a figure of a table's body."""
    layout = settings.grammar.layout
    return _is_quantity(text, settings) and not layout.date_end.search(text.strip())


Extent = tuple[float, float]


#: The start of a line that a line break never cuts: a bracketed word (（注）, (※1)), a
#: note mark with its number (※1), a figure, or a character with the closing punctuation
#: that must follow it on its line.
_UNBREAKABLE_START = re.compile(
    r"[（(「『【][^）)」』】]{0,6}[）)」』】]|[※*＊][0-9０-９]+|[0-9０-９,，.．]+|.[、。，．）)」』】]*"
)


def _no_room_for(run: TextLine, end: float, right: float) -> bool:
    """Whether ``run``'s first unbreakable piece would not have fitted after ``end`` on the
    line above (the column ends at ``right``): that line ended short because of it
    (``…児童数`` / ``（注）`` when the bracketed note is wider than what was left)."""
    text = run.text.strip()
    piece = _UNBREAKABLE_START.match(text)
    if piece is None or not text:
        return False
    width = (run.x1 - run.x0) * len(piece.group()) / len(text)
    return end + width > right + 0.5 * run.size


def _after_note_mark(text: str, settings: Settings) -> str | None:
    """What follows the note mark a line opens with, or None without one."""
    text = normalise_text(text)
    start = settings.grammar.note_line_start.match(text)
    return None if start is None else text[start.end() :].strip()


def _left_open(text: str) -> bool:
    """Whether a line leaves a bracket open: its cell goes on to the next line."""
    return sum(text.count(c) for c in "(（「【") > sum(text.count(c) for c in ")）」】")


def _opens_note(text: str, settings: Settings) -> bool:
    """A line that opens with a note mark and goes on (``＊数値は…``): a note under the
    table, never the rest of a wrapped cell (a mark alone, ``（注）``, may be)."""
    rest = _after_note_mark(text, settings)
    return rest is not None and len(rest) >= 2


def column_runs_to_blocks(
    runs: Sequence[TextLine], extent: Extent, settings: Settings = DEFAULT_SETTINGS
) -> list[list[TextLine]]:
    """One column's runs (top to bottom) grouped into cell blocks: a run continues the block
    above when that one wraps, running from edge to edge of ``extent`` (the column's text
    edges: a short centred line, like 有 over 婦人科, does not) on to the next line, or
    stopping short where the run's first unbreakable piece would not have fitted."""
    left, right = extent
    blocks: list[list[TextLine]] = []
    for run in sorted(runs, key=lambda r: r.baseline):
        if blocks:
            prev = blocks[-1][-1]
            reach = min(settings.wrap_reach * prev.size, 0.25 * (right - left))
            wraps = (
                (prev.x1 >= right - reach or _no_room_for(run, prev.x1, right))
                and prev.x0 <= left + min(reach, 0.5 * prev.size)
                and run.baseline - prev.baseline <= settings.wrap_pitch * prev.size
                and (
                    not (_is_number(prev.text, settings) or _is_number(run.text, settings))
                    or _cut_number(prev, run, settings)
                )
                and RUN_GAP not in prev.text + run.text  # a line of two items is a row
                # a new item (・, ①, (2)) starts a block; a note mark alone (※１) ends one,
                # and a bracket left open above (開設数（ / ※）) closes in this one
                and (
                    not LIST_MARKER.match(run.text)
                    or _after_note_mark(run.text, settings) == ""
                    or _left_open(prev.text)
                )
                and not _opens_note(run.text, settings)
            )
            if wraps:
                blocks[-1].append(run)
                continue
        blocks.append([run])
    return blocks


def _on_baseline(line: TextLine, baselines: Sequence[float]) -> bool:
    """Whether one of ``baselines`` (sorted) is this line's: set on the same row."""
    tolerance = 0.1 * line.size
    i = bisect_left(baselines, line.baseline - tolerance)
    return i < len(baselines) and baselines[i] <= line.baseline + tolerance


def columns_to_blocks(
    columns: Mapping[K, tuple[Sequence[TextLine], Extent]], settings: Settings = DEFAULT_SETTINGS
) -> dict[K, list[list[TextLine]]]:
    """Cell blocks of several columns (key → its lines and text edge) read together: two
    lines that look wrapped are still separate rows when another column has a number on
    each of their baselines (``2 非常勤職員等事務`` / ``3 職員研修``, each with its amount),
    while two wrapped cells side by side keep their lines together."""
    return _blocks_and_figure_cuts(columns, settings)[0]


def _quantity_baselines(blocks: Sequence[Sequence[TextLine]], settings: Settings) -> list[float]:
    """Baselines of a column's lines that are one quantity each, not a piece of a number
    cut at a line break (a header word may have taken one into its block:
    ``基準値（平30）`` / ``18か所``)."""
    out = []
    for block in blocks:
        for i, line in enumerate(block):
            cut_above = i > 0 and _cut_number(block[i - 1], line, settings)
            cut_below = i + 1 < len(block) and _cut_number(line, block[i + 1], settings)
            if _is_quantity(line.text, settings) and not (cut_above or cut_below):
                out.append(line.baseline)
    return out


FigureCut = tuple[TextLine, TextLine]  # two lines that looked wrapped, parted by figures


def _blocks_and_figure_cuts(
    columns: Mapping[K, tuple[Sequence[TextLine], Extent]], settings: Settings
) -> tuple[dict[K, list[list[TextLine]]], list[tuple[K, FigureCut]]]:
    """``columns_to_blocks``, and the lines it parted only for the figures beside them:
    a reader that knows what the columns mean (a name over labelled sub-rows) may join
    them back."""
    cuts: list[tuple[K, FigureCut]] = []
    naive = {
        k: column_runs_to_blocks(lines, extent, settings) for k, (lines, extent) in columns.items()
    }
    singles = {k: sorted(_quantity_baselines(bs, settings)) for k, bs in naive.items()}
    out: dict[K, list[list[TextLine]]] = {}
    for key, blocks in naive.items():
        out[key] = []
        for block in blocks:
            centred = _centred_parts(block, [ys for other, ys in singles.items() if other != key])
            if centred is not None:
                out[key] += centred
                continue
            out[key].append([block[0]])
            for prev, run in pairwise(block):
                apart = any(
                    _on_baseline(prev, ys) and _on_baseline(run, ys)
                    for other, ys in singles.items()
                    if other != key and len(ys) >= 2
                )
                if apart:
                    out[key].append([run])
                    cuts.append((key, (prev, run)))
                else:
                    out[key][-1].append(run)
    return out, cuts


def _centred_parts(
    block: Sequence[TextLine], others: Sequence[Sequence[float]]
) -> list[list[TextLine]] | None:
    """A wrapped block cut into the cells of several rows whose cells are centred vertically
    (``地域子育て支`` / ``援拠点の数`` / ``子育てしやす`` …, each name's figure set between its
    lines): when another column has two or more figures within the block's lines and the
    first sits between two of them, the block is cut into as many parts, each centred on
    its figure as closely as possible. None when no column says so."""
    if len(block) < 2:
        return None
    size = block[0].size
    # figures within the block's lines: one above or below it is a sub-row the block spans
    top, bottom = block[0].baseline - 0.25 * size, block[-1].baseline + 0.25 * size
    baselines = [line.baseline for line in block]
    anchors = max(([y for y in ys if top <= y <= bottom] for ys in others), key=len, default=[])
    # the first figure below the block's first line, off every line: centred, not a cell
    # spanning sub-rows (whose first figure stands on the name's first line)
    if len(anchors) < 2 or min(abs(anchors[0] - b) for b in baselines) <= 0.25 * size:
        return None
    n, k = len(block), len(anchors)
    # cost[i][j]: best cost of the first i lines cut into j parts, each centred on its figure
    inf = float("inf")
    cost = [[inf] * (k + 1) for _ in range(n + 1)]
    cut = [[0] * (k + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for j in range(1, k + 1):
        for i in range(j, n + 1):
            for start in range(j - 1, i):
                centre = (baselines[start] + baselines[i - 1]) / 2
                total = cost[start][j - 1] + abs(centre - anchors[j - 1])
                if total < cost[i][j]:
                    cost[i][j], cut[i][j] = total, start
    parts: list[list[TextLine]] = []
    i = n
    for j in range(k, 0, -1):
        parts.insert(0, list(block[cut[i][j] : i]))
        i = cut[i][j]
    return parts


def _merge_intervals(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for a, b in sorted(intervals):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _interval_of(value: float, edges: Sequence[float]) -> int:
    """Index of the interval between consecutive ``edges`` holding ``value`` (clamped)."""
    return min(max(bisect_right(edges, value) - 1, 0), len(edges) - 2)


def _column_of(run: TextLine, col_edges: Sequence[float]) -> int:
    return _interval_of((run.x0 + run.x1) / 2, col_edges)


def _middle(run: TextLine) -> float:
    """The height that places a line in a row: the middle of its ink, not its top (rows
    set tight put a row edge through the top of a line that belongs above it)."""
    return run.baseline - 0.35 * run.size


def _row_of(run: TextLine, row_edges: Sequence[float]) -> int:
    return _interval_of(_middle(run), row_edges)


def _stab(gaps: list[tuple[float, float]]) -> list[float]:
    """Fewest row edges such that every gap (between two blocks of one column) holds one:
    each edge in the middle of the gaps it serves (greedy interval stabbing)."""
    edges: list[float] = []
    common: tuple[float, float] | None = None
    # lines set tighter than their size overlap by ink: the edge goes between them
    tight = ((a, b) if a <= b else ((a + b) / 2, (a + b) / 2) for a, b in gaps)
    for a, b in sorted(tight, key=lambda g: g[1]):
        if common is not None and a <= common[1]:
            common = (max(common[0], a), common[1])
            continue
        if common is not None:
            edges.append(sum(common) / 2)
        common = (a, b)
    if common is not None:
        edges.append(sum(common) / 2)
    return edges


Span = tuple[float, float, int]  # a block's ink (top, bottom) and its column


def _rows_of_span(span: Span, edges: Sequence[float]) -> tuple[int, int]:
    return _interval_of(span[0] + 0.5, edges), _interval_of(span[1] - 0.5, edges)


def _close_between_rows(spans: Sequence[Span], edges: Sequence[float]) -> list[float]:
    """Row edges without the rows that only hold a cell set between two sub-rows (a name
    or a target centred over them, its column empty in both; in a header, a word centred
    over a role and its year): such a row's two edges become one through its middle, so
    the cell spans the sub-rows on either side."""
    n_rows = len(edges) - 1
    by_row: list[list[Span]] = [[] for _ in range(n_rows)]
    single: list[bool] = [True] * n_rows
    for span in spans:
        first, last = _rows_of_span(span, edges)
        for r in range(first, last + 1):
            by_row[r].append(span)
            single[r] = single[r] and first == last
    between = []
    for r in range(1, n_rows - 1):
        mine, above, below = by_row[r], by_row[r - 1], by_row[r + 1]
        if not (mine and above and below and single[r]):
            continue
        if {s[2] for s in mine} & {s[2] for s in above + below}:
            continue
        ink_top, ink_bottom = min(s[0] for s in mine), max(s[1] for s in mine)
        gap_middle = (max(s[1] for s in above) + min(s[0] for s in below)) / 2
        if abs((ink_top + ink_bottom) / 2 - gap_middle) <= 0.25 * (ink_bottom - ink_top):
            between.append(r)
    out = list(edges)
    for r in reversed(between):
        if r + 1 in between:
            continue
        out[r : r + 2] = [(out[r] + out[r + 1]) / 2]
    return out


def _header_off_figures(
    blocks: dict[int, list[list[TextLine]]], settings: Settings
) -> dict[int, list[list[TextLine]]]:
    """Header cells (the blocks of the band's first group of overlapping blocks) cut before
    the first row of figures: set at the line pitch, ``達成状況`` over ``未達成`` or
    ``令和元年度`` over ``21か所`` look like one wrapped cell, but no header runs on into the
    body's figures."""
    inks = [(_ink(b[0])[0], _ink(b[-1])[1]) for bs in blocks.values() for b in bs]
    if not inks:
        return blocks
    header_bottom = _merge_intervals(inks)[0][1]
    by_baseline: dict[float, set[int]] = {}
    for col, bs in blocks.items():
        for line in (line for b in bs for line in b):
            if _is_figure(line.text, settings):
                y = next(
                    (y for y in by_baseline if abs(y - line.baseline) <= 0.1 * line.size), None
                )
                by_baseline.setdefault(line.baseline if y is None else y, set()).add(col)
    rows = sorted(y for y, cols in by_baseline.items() if len(cols) >= settings.figure_row_columns)
    if not rows:
        return blocks
    y = rows[0]
    out: dict[int, list[list[TextLine]]] = {}
    for col, bs in blocks.items():
        out[col] = []
        for block in bs:
            size = block[0].size
            above = [line for line in block if line.baseline < y - 0.35 * size]
            in_header = _ink(block[0])[0] < header_bottom
            if in_header and above and len(above) < len(block):
                out[col] += [above, block[len(above) :]]
            else:
                out[col].append(block)
    return out


def _cut_at_widened_pitch(
    blocks: Sequence[list[TextLine]], edges: Sequence[float]
) -> list[list[TextLine]]:
    """Blocks cut where their line pitch widens at a row edge the other columns make: the
    lines of one cell are set at one pitch, and a cell's padding widens it between two
    cells (``…による件数`` / ``健康診査の受診者``, two sources that look like one wrapped
    cell). An edge parts two lines when it lies between their middles: with rows set tight
    and the names centred between the sources' lines, it runs through the upper line's top.
    A block of two lines has no pitch to compare with and stays whole."""
    out: list[list[TextLine]] = []
    for block in blocks:
        pitches = [b.baseline - a.baseline for a, b in pairwise(block)]
        if len(pitches) < 2:
            out.append(block)
            continue
        start = 0
        for i, pitch in enumerate(pitches):
            others = pitches[:i] + pitches[i + 1 :]
            upper, lower = block[i], block[i + 1]
            widened = pitch > _median(others) + 0.05 * upper.size
            if widened and any(_middle(upper) < e < _middle(lower) for e in edges):
                out.append(block[start : i + 1])
                start = i + 1
        out.append(block[start:])
    return out


Placed = tuple[int, int, int]  # a block's first and last row, and its column


def _centred_like_spanning(spans: Sequence[Span], placed: Sequence[Placed]) -> list[Placed]:
    """A one-line block centred on a block spanning sub-rows, and off the middle of its own
    row's other blocks, spans those sub-rows too when its column is empty in them: cells
    centred vertically in a merged cell (the unit ``%`` or a target beside a name merged
    over ``市内`` / ``全国``, the sub-rows of unequal height, so it falls in one of them)."""

    def centre(span: Span) -> float:
        return (span[0] + span[1]) / 2

    out = list(placed)
    for i, ((first, last, col), span) in enumerate(zip(placed, spans, strict=True)):
        if first != last:
            continue
        tolerance = 0.25 * (span[1] - span[0])
        row_centres = [
            centre(s)
            for s, (f, la, c) in zip(spans, placed, strict=True)
            if f == la == first and c != col
        ]
        if not row_centres or abs(_median(row_centres) - centre(span)) <= 2 * tolerance:
            continue
        for s, (f, la, c) in zip(spans, placed, strict=True):
            mine = {r for r0, r1, c2 in placed if c2 == col for r in range(r0, r1 + 1)}
            if (
                c != col
                and f <= first <= la
                and la > f
                and abs(centre(s) - centre(span)) <= tolerance
                and mine.isdisjoint(set(range(f, la + 1)) - {first})
            ):
                out[i] = (f, la, col)
                break
    return out


def _spans_and_edges(
    blocks: Mapping[int, Sequence[Sequence[TextLine]]],
    top: float,
    bottom: float,
    *,
    header: bool,
) -> tuple[list[Span], list[float], float]:
    """The blocks' ink spans, row edges through every gap between two blocks of one column,
    and where the body starts (with ``header``, the band's first group of overlapping
    blocks is one row: the header)."""
    spans = [(_ink(b[0])[0], _ink(b[-1])[1], col) for col, bs in blocks.items() for b in bs]
    records = _merge_intervals([(a, b) for a, b, _ in spans])
    start = records[0][1] if header and len(records) > 1 else top
    gaps = [(upper[1], lower[0]) for upper, lower in pairwise(records)]
    for col in blocks:
        col_spans = sorted(s for s in spans if s[2] == col and s[0] >= start)
        gaps += [(upper[1], lower[0]) for upper, lower in pairwise(col_spans)]
    return spans, [top, *(y for y in _stab(gaps) if top < y < bottom), bottom], start


def band_to_rows(
    runs: Sequence[TextLine],
    col_edges: Sequence[float],
    extents: Sequence[Extent],
    top: float,
    bottom: float,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    header: bool = False,
) -> tuple[list[float], set[tuple[int, int]], set[tuple[int, int]]]:
    """Row edges inside one band, the (edge, column) pairs where a cell spans the edge, and
    those where a column's wrapped-looking lines were parted for their figures.

    Every gap between two blocks of one column is a row edge (sub-rows: 小学6年 / 中学3年).
    A block set between rows (vertically centred over several, like a name merged over its
    sub-rows) spans them, symmetrically over the empty cells of its column around it. With
    ``header``, the band's first group of overlapping blocks (the header) is one row.
    """
    by_col: dict[int, list[TextLine]] = {}
    for run in runs:
        by_col.setdefault(_column_of(run, col_edges), []).append(run)
    blocks, cuts = _blocks_and_figure_cuts(
        {col: (rs, extents[col]) for col, rs in by_col.items()}, settings
    )
    if header:
        blocks = _header_off_figures(blocks, settings)
    spans, edges, start = _spans_and_edges(blocks, top, bottom, header=header)
    cut = {col: _cut_at_widened_pitch(bs, edges) for col, bs in blocks.items()}
    if cut != blocks:
        blocks = cut
        spans, edges, start = _spans_and_edges(blocks, top, bottom, header=header)
    edges = _close_between_rows(spans, edges)
    n_rows = len(edges) - 1
    placed = []
    for y0, y1, col in spans:
        first = _interval_of(y0 + 0.5, edges)
        placed.append((first, max(first, _interval_of(y1 - 0.5, edges)), col))
    placed = _centred_like_spanning(spans, placed)
    filled = {(r, col) for first, last, col in placed for r in range(first, last + 1)}
    open_cells: set[tuple[int, int]] = set()
    for first, last, col in placed:
        while (
            first > 0
            and last < n_rows - 1
            and last > first  # only blocks set between rows
            and (first - 1, col) not in filled
            and (last + 1, col) not in filled
            and not (header and first - 1 == 0 and start > top)
        ):
            first, last = first - 1, last + 1
            filled |= {(first, col), (last, col)}
        open_cells |= {(e, col) for e in range(first + 1, last + 1)}
    figure_cuts = {
        (e, col)
        for col, (upper, lower) in cuts
        for e in range(1, n_rows)
        if upper.baseline < edges[e] < lower.baseline
    }
    return edges, open_cells, figure_cuts


def extend_below(
    region: Region,
    rules: VirtualRules,
    chars: Sequence[Char],
    settings: Settings = DEFAULT_SETTINGS,
) -> Region:
    """The region with the unruled row right under its last rule (a 合計 row that only
    has a rule above it), when that row's cells sit in the region's columns."""
    bands = [b - a for a, b in pairwise(region.band_edges)]
    pitch = sorted(bands)[len(bands) // 2]
    below = [
        c
        for c in chars
        if region.x0 < c.centre_x < region.x1
        and region.bottom < c.centre_y(settings) < region.bottom + pitch
    ]
    rows = _rows_of_runs(chars_to_runs(below, settings))
    if not rows:
        return region
    row = rows[0]
    cols = rules.col_edges
    fits = all(not any(r.x0 < e < r.x1 for e in cols[1:-1]) for r in row)
    columns = {_column_of(r, cols) for r in row}
    close = min(_ink(r)[0] for r in row) - region.bottom <= 0.6 * row[0].size
    bottom = max(_ink(r)[1] for r in row) + 1.0
    if not (fits and close) or len(columns) < 2 or bottom - region.bottom > pitch:
        return region
    return Region(region.x0, region.x1, (*region.band_edges, bottom), region.partial_rules)


def _narrow(gutter: tuple[float, float], runs: Sequence[TextLine]) -> tuple[float, float] | None:
    """A gutter of the body rows narrowed by header runs that reach into it from one side
    (a wide header over a narrow column); a run over the whole gutter spans it instead."""
    a, b = gutter
    for run in runs:
        if run.x0 <= a and run.x1 >= b:
            continue
        if run.x0 <= a < run.x1:
            a = run.x1
        elif run.x0 < b <= run.x1:
            b = run.x0
    return (a, b) if b > a else None


Gutter = tuple[float, float]


def _words_over(column: Sequence[TextLine], header: Sequence[TextLine]) -> list[TextLine]:
    """The header words over a body column's text."""
    if not column:
        return []
    x0, x1 = min(r.x0 for r in column), max(r.x1 for r in column)
    return [h for h in header if h.x0 < x1 and x0 < h.x1]


def _place_header_words(
    gutters: Sequence[Gutter],
    body: Sequence[TextLine],
    header: Sequence[TextLine],
    settings: Settings,
) -> list[Gutter]:
    """Gutters of the body with the header words lying inside them placed: a word beside
    another word on its baseline over a body column belongs to that column (``目標値``
    of ``目標値   令和7年度``); else a word joins a neighbouring column that has no header
    of its own (``成果指標`` centred over a wide name column, the name short on this
    page); between two headed columns it heads a column of its own the body leaves empty
    on this page (``区分``)."""
    out: list[Gutter] = []
    for i, (a, b) in enumerate(gutters):
        inside = sorted((h for h in header if a < h.x0 and h.x1 < b), key=lambda h: h.x0)
        if not inside:
            out.append((a, b))
            continue
        before = gutters[i - 1][1] if i else -math.inf
        after = gutters[i + 1][0] if i + 1 < len(gutters) else math.inf
        left = [r for r in body if before <= r.x0 and r.x1 <= a]
        right = [r for r in body if b <= r.x0 and r.x1 <= after]
        others = [h for h in header if not (a < h.x0 and h.x1 < b)]
        heads = {"left": _words_over(left, others), "right": _words_over(right, others)}
        sides: dict[str, list[TextLine]] = {"left": [], "own": [], "right": []}
        for word in inside:
            near = settings.header_word_space * word.size
            beside = [
                side
                for side, hs in heads.items()
                for h in hs
                if abs(h.baseline - word.baseline) <= 0.1 * word.size
                and min(abs(h.x0 - word.x1), abs(word.x0 - h.x1)) <= near
            ]
            if beside:
                side = beside[0]
            elif heads["left"] and heads["right"]:
                side = "own"
            elif heads["left"] or heads["right"]:
                side = "right" if heads["left"] else "left"
            else:
                side = "left" if word.x0 - a <= b - word.x1 else "right"
            sides[side].append(word)
        start = max([a, *(w.x1 for w in sides["left"])])
        end = min([b, *(w.x0 for w in sides["right"])])
        own = sides["own"]
        pieces = (
            [(start, min(w.x0 for w in own)), (max(w.x1 for w in own), end)]
            if own
            else [(start, end)]
        )
        out += [(x, y) for x, y in pieces if y > x]
    return out


def _runs_above_figures(runs: Sequence[TextLine], settings: Settings) -> list[TextLine]:
    """The runs of the printed lines above the first line with a figure, when some row is
    a row of figures (two quantities, not years): a header that no rule sets apart. A
    header prints no figure, but a sub-row may print one only (``市内 1.84倍 …`` above its
    name's row, which holds the target merged over the sub-rows): it is body, not header."""
    rows = _rows_of_runs(runs)
    counts = [sum(_is_figure(r.text, settings) for r in row) for row in rows]
    if not any(n >= settings.figure_row_columns for n in counts):
        return []
    first = next(i for i, n in enumerate(counts) if n)
    return [r for above in rows[:first] for r in above]


def _gutters_of_empty_columns(
    runs: Sequence[TextLine],
    region: Region,
    found: Sequence[tuple[float, float]],
    settings: Settings,
) -> list[tuple[float, float]]:
    """Gutters of the whole region (header and body) where the body has none: a column
    the body leaves empty at the table's edge on this page (``備考``) keeps its header's."""
    return [
        (a, b)
        for a, b in runs_to_gutters(runs, region.x0, region.x1, settings)
        if not any(a < d and c < b for c, d in found)
    ]


def _gutters_under_header(
    runs: Sequence[TextLine],
    region: Region,
    found: Sequence[tuple[float, float]],
    settings: Settings,
) -> list[tuple[float, float]]:
    """Gutters of a table with no header rule that only its first lines (the header) reach
    into: a header wider than its column (``2019 (R1)`` over ``1,362件``) hides a narrow
    gutter of the body (a letter-spaced source run up to it). Such a strip is a gutter
    when no header run spans it and it parts two cells on two body lines."""
    rows = _rows_of_runs(runs)
    out: list[tuple[float, float]] = []
    for k in range(1, settings.max_header_lines + 1):
        head, body = [r for row in rows[:k] for r in row], rows[k:]
        if len(body) < 2:
            break
        body_runs = [r for row in body for r in row]
        for a, b in runs_to_gutters(body_runs, region.x0, region.x1, settings):
            if any(a < d and c < b for c, d in [*found, *out]):
                continue
            if any(r.x0 <= a and r.x1 >= b for r in head):
                continue  # a header word over two columns: no gutter
            parted = sum(
                any(r.x1 <= a for r in row) and any(r.x0 >= b for r in row) for row in body
            )
            if parted >= 2:
                out.append((a, b))
    return out


def _partial_edges(region: Region, settings: Settings) -> dict[float, list[tuple[float, float]]]:
    """The region's inner partial rules by height (y → drawn x segments), those at a band
    edge left out (a full rule already parts every column there)."""
    tolerance = settings.snap_tolerance
    edges: dict[float, list[tuple[float, float]]] = {}
    for y, x0, x1 in sorted(region.partial_rules):
        if not region.top + tolerance < y < region.bottom - tolerance:
            continue
        if any(abs(y - e) <= tolerance for e in region.band_edges):
            continue
        at = next((e for e in edges if abs(e - y) <= tolerance), y)
        edges.setdefault(at, []).append((x0, x1))
    return edges


def _drawn_share(segments: Sequence[tuple[float, float]], left: float, right: float) -> float:
    """Share of [left, right] that ``segments`` draw."""
    if right <= left:
        return 1.0
    drawn = sum(max(0.0, min(b, right) - max(a, left)) for a, b in _merge_intervals(segments))
    return drawn / (right - left)


def split_at_running_text(
    region: Region, chars: Sequence[Char], settings: Settings = DEFAULT_SETTINGS
) -> list[Region]:
    """A stack of rules cut where a band between two of them holds running text (several
    lines with no gutter, wider than a third of the stack: a narrow column is one cell):
    two tables of the same width, one below the other, with their headings and paragraphs
    between, are two tables."""
    pieces: list[Region] = []
    current = [region.band_edges[0]]
    for a, b in pairwise(region.band_edges):
        inside = [
            c for c in chars if region.x0 < c.centre_x < region.x1 and a < c.centre_y(settings) < b
        ]
        runs = chars_to_runs(inside, settings)
        prose = (
            len(_rows_of_runs(runs)) >= settings.min_table_rows
            and not runs_to_gutters(runs, region.x0, region.x1, settings)
            and max(r.x1 for r in runs) - min(r.x0 for r in runs) > (region.x1 - region.x0) / 3
        )
        if prose:
            if len(current) >= 2:
                pieces.append(Region(region.x0, region.x1, tuple(current), region.partial_rules))
            current = [b]
        else:
            current.append(b)
    if len(current) >= 2:
        pieces.append(Region(region.x0, region.x1, tuple(current), region.partial_rules))
    return pieces


def region_to_virtual_rules(
    region: Region, chars: Sequence[Char], settings: Settings = DEFAULT_SETTINGS
) -> VirtualRules | None:
    """Columns and rows of a region from its glyphs, or None when it has no gutter (running
    text) or too few lines to tell a table from text."""
    inside = [
        c
        for c in chars
        if region.x0 < c.centre_x < region.x1 and region.top < c.centre_y(settings) < region.bottom
    ]
    runs = chars_to_runs(inside, settings)
    if not runs:
        return None
    partial = _partial_edges(region, settings)
    bands = list(pairwise(sorted({*region.band_edges, *partial})))
    band_of = [
        next((i for i, (a, b) in enumerate(bands) if a <= r.baseline - 0.35 * r.size < b), 0)
        for r in runs
    ]
    # a header band may hold a title spanning columns: gutters come from the bands below it
    header_bottom = region.band_edges[1]
    body = [r for r in runs if r.baseline - 0.35 * r.size >= header_bottom]
    # no header rule: the lines above the first row of figures are the header
    head = [] if body else _runs_above_figures(runs, settings)
    if head:
        body = [r for r in runs if all(r is not h for h in head)]
    basis = body or runs
    found = runs_to_gutters(basis, region.x0, region.x1, settings)
    if head:  # a strip a header line runs across is no gutter of a table found from text
        found = [g for g in found if not any(h.x0 <= g[0] and h.x1 >= g[1] for h in head)]
    found += (
        _gutters_under_header(runs, region, found, settings)
        if basis is runs
        else _gutters_of_empty_columns(runs, region, found, settings)
    )
    narrowed = [g for g in (_narrow(g, runs) for g in sorted(found)) if g is not None]
    in_body = {id(r) for r in basis}
    header_runs = [r for r in runs if id(r) not in in_body]
    gutters = _place_header_words(narrowed, basis, header_runs, settings)
    if not gutters:
        return None
    col_edges = [region.x0, *((a + b) / 2 for a, b in gutters), region.x1]
    extents = [(region.x1, region.x0)] * (len(col_edges) - 1)
    for run in basis:
        col = _column_of(run, col_edges)
        extents[col] = (min(extents[col][0], run.x0), max(extents[col][1], run.x1))
    row_edges: list[float] = []
    open_cells: set[tuple[int, int]] = set()
    figure_cuts: set[tuple[int, int]] = set()
    for i, (a, b) in enumerate(bands):
        if i and a in partial:
            open_cells |= {
                (len(row_edges), c)
                for c, (left, right) in enumerate(pairwise(col_edges))
                if _drawn_share(partial[a], left, right) < settings.separator_coverage
            }
        mine = [r for r, band in zip(runs, band_of, strict=True) if band == i]
        edges, spans, cuts = (
            band_to_rows(mine, col_edges, extents, a, b, settings, header=i == 0)
            if mine
            else ([a, b], set(), set())
        )
        offset = len(row_edges)
        open_cells |= {(offset + e, c) for e, c in spans}
        figure_cuts |= {(offset + e, c) for e, c in cuts}
        row_edges += edges[:-1] if i < len(bands) - 1 else edges
    inked_rows = {(_row_of(r, row_edges), _column_of(r, col_edges)) for r in runs}
    rows_with_columns = sum(
        len({c for row, c in inked_rows if row == i}) >= 2 for i in range(len(row_edges) - 1)
    )
    if rows_with_columns < settings.min_table_rows - 1:
        return None  # one row of two words is a spaced line, not a table
    crossed = {
        (_row_of(run, row_edges), e)
        for run in runs
        for e in range(1, len(col_edges) - 1)
        if run.x0 < col_edges[e] < run.x1
    }
    return VirtualRules(
        tuple(col_edges),
        tuple(row_edges),
        frozenset(crossed),
        frozenset(open_cells),
        frozenset(figure_cuts),
    )


def _is_heading(text: str, settings: Settings) -> bool:
    grammar = settings.grammar
    return bool(
        grammar.goal_heading(text)
        or grammar.section_marker(text)
        or grammar.is_contents_heading(text)
    )


def region_to_continued_cell(
    region: Region, chars: Sequence[Char], settings: Settings = DEFAULT_SETTINGS
) -> VirtualRules | None:
    """A band between rules that holds one narrow column of text and nothing else: the rest
    of a row cut by a page break, only its longest cell running on (``者数で除`` / ``した割合``
    under the source column). Its column between two empty ones, or None. The caller says
    it opens the page; a heading set between two rules (基本目標２, ■成果指標, 目次) is no
    cell, nor is anything elsewhere on a page."""
    inside = [
        c
        for c in chars
        if region.x0 < c.centre_x < region.x1 and region.top < c.centre_y(settings) < region.bottom
    ]
    runs = chars_to_runs(inside, settings)
    if not runs or len(region.band_edges) != 2 or any(_is_heading(r.text, settings) for r in runs):
        return None
    left, right = min(r.x0 for r in runs) - 1.0, max(r.x1 for r in runs) + 1.0
    if right - left > (region.x1 - region.x0) / 3 or left <= region.x0 or right >= region.x1:
        return None
    return VirtualRules(
        (region.x0, left, right, region.x1), region.band_edges, frozenset(), frozenset()
    )


def _rows_of_runs(runs: Sequence[TextLine]) -> list[list[TextLine]]:
    """Runs grouped into printed lines by baseline, top to bottom."""
    rows: list[list[TextLine]] = []
    for run in sorted(runs, key=lambda r: (r.baseline, r.x0)):
        if rows and abs(run.baseline - rows[-1][0].baseline) <= 0.35 * run.size:
            rows[-1].append(run)
        else:
            rows.append([run])
    return rows


def _block_columns(rows: Sequence[Sequence[TextLine]], settings: Settings) -> list[list[TextLine]]:
    """The runs of an aligned block by column (between its common gutters)."""
    runs = [r for row in rows for r in row]
    x0, x1 = min(r.x0 for r in runs) - 0.5, max(r.x1 for r in runs) + 0.5
    edges = [x0, *((a + b) / 2 for a, b in runs_to_gutters(runs, x0, x1, settings)), x1]
    columns: list[list[TextLine]] = [[] for _ in range(len(edges) - 1)]
    for run in runs:
        columns[_column_of(run, edges)].append(run)
    return [c for c in columns if c]


def _is_prose(columns: Sequence[Sequence[TextLine]], settings: Settings) -> bool:
    """Side-by-side columns of running text, not a table: in every column the lines are
    long and most run from edge to edge (justified), unlike cells of varied widths."""
    return all(_is_prose_column(column, settings) for column in columns)


def _is_prose_column(column: Sequence[TextLine], settings: Settings) -> bool:
    if _median([len(r.text) for r in column], 0) < settings.prose_run_chars:
        return False
    left, right = min(r.x0 for r in column), max(r.x1 for r in column)
    full = sum(r.x0 - left <= r.size and right - r.x1 <= r.size for r in column)
    return full >= 0.6 * len(column)


def _is_list(columns: Sequence[Sequence[TextLine]]) -> bool:
    """Item marks (①, (1), ・) in a column of their own before their text: a list."""
    return len(columns) == 2 and all(
        len(r.text.strip()) <= 4 and LIST_MARKER.match(r.text) for r in columns[0]
    )


def _region_around(rows: Sequence[Sequence[TextLine]]) -> Region:
    runs = [r for row in rows for r in row]
    pad = 0.5
    top = min(_ink(r)[0] for r in runs) - pad
    bottom = max(_ink(r)[1] for r in runs) + pad
    return Region(min(r.x0 for r in runs) - pad, max(r.x1 for r in runs) + pad, (top, bottom))


def _aligned_blocks(chars: Sequence[Char], settings: Settings) -> list[list[list[TextLine]]]:
    """``_blocks_of`` the glyphs. Both the whitespace-table finder and the text-column finder
    ask for a page's blocks, mostly of the same glyphs (89 of 134 calls over the samples):
    the last few answers are kept."""
    return _cached_blocks(tuple(chars), settings)


@lru_cache(maxsize=4)
def _cached_blocks(chars: tuple[Char, ...], settings: Settings) -> list[list[list[TextLine]]]:
    return list(_blocks_of(chars, settings))


def _blocks_of(chars: Sequence[Char], settings: Settings) -> Iterator[list[list[TextLine]]]:
    """Runs of consecutive lines that keep a common gutter, at least ``min_table_rows`` of
    them split by it. A block grows line by line while the lines are close
    (``table_row_pitch``; a line set apart in another size is a heading) and a gutter
    survives. A block cut short by a line that runs across its gutters is grown again from
    its table's first line, when lines above the table (a heading of two words,
    ``基本方針2　地域の…``) made that gutter."""
    rows = _rows_of_runs(chars_to_runs(chars, settings))
    i = 0
    while i < len(rows):
        if len(rows[i]) < 2:
            i += 1
            continue
        block = [rows[i]]
        cut = False
        for row in rows[i + 1 :]:
            prev = block[-1][0]
            pitch = row[0].baseline - prev.baseline
            if pitch > settings.table_row_pitch * prev.size:
                break
            resized = abs(row[0].size - prev.size) > 0.15 * prev.size
            if resized and pitch > settings.wrap_pitch * prev.size:
                break  # set apart in another size: a heading after the table
            runs = [r for line in (*block, row) for r in line]
            x0, x1 = min(r.x0 for r in runs) - 0.5, max(r.x1 for r in runs) + 0.5
            if not runs_to_gutters(runs, x0, x1, settings) or _crosses(row, block, settings):
                cut = True
                break
            block.append(row)
        start, end = _table_rows(block, settings)
        if cut and start > 0:
            i += start
            continue
        if _is_table_block(block[start:end], settings):
            yield block[start:end]
            i += end
        else:
            i += 1


def _is_table_block(rows: Sequence[Sequence[TextLine]], settings: Settings) -> bool:
    """Whether an aligned block is a table: ``min_table_rows`` rows of cells, or one fewer
    (a header and a single row) when every one of them is set in at least as many columns,
    all parted by the same gutters (two spaced words over two are no table). A line with
    dot leaders is an entry of a table of contents (a title and its page number), never a
    row of cells: contents entries under a title of two words are no table."""
    of_cells = [
        row
        for row in rows
        if len(row) >= 2 and not any(settings.grammar.layout.leaders.search(r.text) for r in row)
    ]
    if len(of_cells) >= settings.min_table_rows:
        return True
    if len(of_cells) < settings.min_table_rows - 1 or not of_cells:
        return False
    runs = [r for row in of_cells for r in row]
    x0, x1 = min(r.x0 for r in runs) - 0.5, max(r.x1 for r in runs) + 0.5
    edges = [x0, *((a + b) / 2 for a, b in runs_to_gutters(runs, x0, x1, settings)), x1]
    return all(
        len({_column_of(r, edges) for r in row}) >= settings.min_table_rows for row in of_cells
    )


def _runs_across(
    row: Sequence[TextLine], rows: Sequence[Sequence[TextLine]], settings: Settings
) -> bool:
    """Whether a run of ``row`` reaches a word's width past both sides of a gutter of
    ``rows`` (a heading over a table's columns, not a header word centred over two)."""
    runs = [r for line in rows for r in line]
    x0, x1 = min(r.x0 for r in runs) - 0.5, max(r.x1 for r in runs) + 0.5
    return any(
        run.x0 <= a - settings.item_gap * run.size and run.x1 >= b + settings.item_gap * run.size
        for a, b in runs_to_gutters(runs, x0, x1, settings)
        for run in row
    )


def _crosses(
    row: Sequence[TextLine], block: Sequence[Sequence[TextLine]], settings: Settings
) -> bool:
    """Whether a run of ``row`` runs across a gutter that already parts two cells in two
    lines of the block (a line of running text after the table), not only into it: it
    reaches a word's width past the gutter on both sides (a short cell under a header
    printed as two words, like 目標値 R8, only bridges their gap)."""
    runs = [r for line in block for r in line]
    x0, x1 = min(r.x0 for r in runs) - 0.5, max(r.x1 for r in runs) + 0.5
    for a, b in runs_to_gutters(runs, x0, x1, settings):
        parted = sum(
            any(r.x1 <= a for r in line) and any(r.x0 >= b for r in line) for line in block
        )
        if parted >= 2 and any(
            run.x0 <= a - settings.item_gap * run.size
            and run.x1 >= b + settings.item_gap * run.size
            for run in row
        ):
            return True
    return False


def chars_to_whitespace_regions(
    chars: Sequence[Char], settings: Settings = DEFAULT_SETTINGS
) -> list[Region]:
    """Areas of consecutive lines whose runs keep common gutters and are short (cells):
    tables set with no rules at all."""
    regions = []
    for block in _aligned_blocks(chars, settings):
        columns = _block_columns(block, settings)
        if not (_is_prose(columns, settings) or _is_list(columns)):
            regions.append(_region_around(block))
    return regions


def chars_to_text_columns(
    chars: Sequence[Char], settings: Settings = DEFAULT_SETTINGS
) -> list[Region]:
    """Side-by-side columns of running text (long runs on both sides of a common gutter):
    one region per column, so that no line runs across the gutter."""
    columns = []
    for block in _aligned_blocks(chars, settings):
        if not _is_prose(_block_columns(block, settings), settings):
            continue
        area = _region_around(block)
        runs = [r for row in block for r in row]
        gutters = runs_to_gutters(runs, area.x0, area.x1, settings)
        edges = [area.x0, *((a + b) / 2 for a, b in gutters), area.x1]
        columns += [Region(a, b, area.band_edges) for a, b in pairwise(edges)]
    return columns


def _table_rows(block: list[list[TextLine]], settings: Settings) -> tuple[int, int]:
    """The block's rows (start, end) without the lines before its first and after its last
    row of cells (runs in two columns) that are no part of the table: a title at its left
    edge above it (``1　成果指標の現状値``; a header word is centred over its column); after
    it, lines set apart by more than a line pitch or wider than any cell of their column
    (a heading or paragraph after the table, not a wrapped line of the last row's cells).
    Nor is a line set apart above the table that runs across its columns (a heading)."""
    start, end = _cell_rows(block, settings)
    top = end - 1
    while top > start:
        above, below = block[top - 1], block[top]
        apart = below[0].baseline - above[0].baseline > settings.wrap_pitch * above[0].size
        if apart and _runs_across(above, block[top:end], settings):
            break
        top -= 1
    if top == start:
        return start, end
    start, end = _cell_rows(block[top:end], settings)
    return (top + start, top + end) if end else (0, 0)


def _cell_rows(block: list[list[TextLine]], settings: Settings) -> tuple[int, int]:
    """The block's rows from its first to its last row of cells, with the wrapped lines
    and centred header words around them (see ``_table_rows``). A note under the table
    (``※１　次回調査は…``, its mark apart) or a heading in another size (``１　成果指標の
    状況`` over a table set smaller) is no row of cells and makes no gutter."""
    size = _median([r.size for row in block if len(row) >= 2 for r in row])
    apart = [
        abs(row[0].size - size) > 0.15 * size
        or (len(row) <= 2 and _opens_note(" ".join(r.text for r in row), settings))
        for row in block
    ]
    runs = [
        r for row, off in zip(block, apart, strict=True) if len(row) >= 2 and not off for r in row
    ]
    if not runs:
        return 0, 0
    x0, x1 = min(r.x0 for r in runs) - 0.5, max(r.x1 for r in runs) + 0.5
    edges = [x0, *((a + b) / 2 for a, b in runs_to_gutters(runs, x0, x1, settings)), x1]
    # a row of cells has runs in two columns (``2　実施状況``, a heading, has two in one)
    of_cells = [
        not off and len({_column_of(r, edges) for r in row}) >= 2
        for row, off in zip(block, apart, strict=True)
    ]
    if not any(of_cells):
        return 0, 0
    first = of_cells.index(True)
    last = max(i for i, cells in enumerate(of_cells) if cells)
    cells = [r for row in block[first : last + 1] for r in row]
    left = min(c.x0 for c in cells)
    start = first
    while start > 0 and min(r.x0 for r in block[start - 1]) > left + block[start - 1][0].size:
        start -= 1
    end = last + 1
    for row in block[last + 1 :]:  # in one column each: the last row of cells is above
        left, right, size = min(r.x0 for r in row), max(r.x1 for r in row), row[0].size
        pitch = row[0].baseline - block[end - 1][0].baseline
        column = [c for c in cells if c.x0 < right and left < c.x1]
        widest = max((c.x1 - c.x0 for c in column), default=0.0)
        if pitch > settings.wrap_pitch * size or right - left > widest + size:
            break
        end += 1
    return start, end
