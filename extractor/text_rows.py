"""A table as printed lines of text: one line per visual row, cells joined by `` | ``.

A grid row can hold several printed rows that no rule separates (a budget book's 説明 cell
lists twenty items, each with its amount after a gutter). Each cell's lines are grouped into
blocks (a wrapped cell line continues its block); blocks of all cells that overlap
vertically form one text row, so a one-line cell centred beside a wrapped one stays with
it, and separate items each get their own row. Two blocks of one cell in one row are joined
with a space between words (``有`` / ``婦人科``), never glued into one word or number.
"""

from __future__ import annotations

import math
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from extractor.layout import (
    ASCENT,
    DESCENT,
    Box,
    TextLine,
    join_printed_lines,
)
from extractor.load import Char
from extractor.normalise import normalise_text
from extractor.regions import RUN_GAP, chars_to_runs, column_runs_to_blocks
from extractor.settings import DEFAULT_SETTINGS, Settings
from extractor.tables import Cell, Grid


@dataclass(frozen=True)
class TextRow:
    """One printed row of a table: its cells' texts joined by `` | ``, and its box."""

    text: str
    box: Box


def runs_to_cell_lines(runs: Sequence[TextLine], settings: Settings) -> list[TextLine]:
    """Runs of one cell back into printed lines; runs on one line keep a space between them
    (``国庫補助金   6,776``). A gap of ``item_gap`` sizes or more parts two items (a name
    and its amount): such a line is a row of its own, it never wraps into the next."""
    lines: list[TextLine] = []
    for run in sorted(runs, key=lambda r: (r.baseline, r.x0)):
        prev = lines[-1] if lines else None
        if prev is not None and abs(run.baseline - prev.baseline) <= 0.35 * run.size:
            wide = run.x0 - prev.x1 >= settings.item_gap * run.size
            lines[-1] = TextLine(
                text=f"{prev.text}{RUN_GAP if wide else ' '}{run.text}",
                x0=prev.x0,
                x1=run.x1,
                top=min(prev.top, run.top),
                bottom=max(prev.bottom, run.bottom),
                baseline=prev.baseline,
                size=prev.size,
                page=prev.page,
            )
        else:
            lines.append(run)
    return lines


def _is_word(ch: str) -> bool:
    return bool(ch) and unicodedata.category(ch)[0] in "LN"


def _block_text(block: Sequence[TextLine]) -> str:
    if len(block) == 1:  # one line, perhaps with gaps: its runs apart by a space
        parts = (normalise_text(part) for part in block[0].text.split(RUN_GAP))
        return " ".join(p for p in parts if p)
    return normalise_text(join_printed_lines([ln.text for ln in block]))


def blocks_to_text(blocks: Sequence[Sequence[TextLine]]) -> str:
    """A cell's blocks in one row: each rejoined as wrapped lines, blocks apart by a space
    where two words or numbers would otherwise touch."""
    out = ""
    for block in blocks:
        text = _block_text(block)
        if not text:
            continue
        if out and _is_word(out[-1]) and _is_word(text[0]):
            out += " "
        out += text
    return out


def _cell_chars(grid: Grid, chars: Sequence[Char], settings: Settings) -> dict[Cell, list[Char]]:
    members: dict[Cell, list[Char]] = {}
    for ch in chars:
        cx, cy = ch.centre_x, ch.centre_y(settings)
        if not (grid.x0 < cx < grid.x1 and grid.top < cy < grid.bottom):
            continue
        col = min(bisect_right(grid.col_edges, cx) - 1, grid.n_cols - 1)
        row = min(bisect_right(grid.row_edges, cy) - 1, grid.n_rows - 1)
        members.setdefault(grid.cell_at(row, col), []).append(ch)
    return members


def grid_to_text_rows(
    grid: Grid, chars: Sequence[Char], settings: Settings = DEFAULT_SETTINGS
) -> list[TextRow]:
    """The grid's printed rows top to bottom, from its own glyphs (``layout.chars_by_box``:
    those of a table inside it are that table's)."""
    members = _cell_chars(grid, chars, settings)
    blocks: list[_Block] = []
    for cell, mine in members.items():
        lines = runs_to_cell_lines(chars_to_runs(mine, settings), settings)
        if not lines:
            continue
        extent = (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))
        for block in column_runs_to_blocks(lines, extent, settings):
            top = block[0].baseline - ASCENT * block[0].size
            bottom = block[-1].baseline + DESCENT * block[-1].size
            blocks.append(_Block(top, bottom, cell, block))
    rows = []
    for group in _overlapping(blocks):
        by_cell: dict[Cell, list[list[TextLine]]] = {}
        for b in sorted(group, key=lambda b: (b.cell.col, b.top)):
            by_cell.setdefault(b.cell, []).append(b.lines)
        texts = [t for t in (blocks_to_text(bs) for bs in by_cell.values()) if t]
        if texts:
            top, bottom = min(b.top for b in group), max(b.bottom for b in group)
            rows.append(TextRow(" | ".join(texts), (grid.x0, top, grid.x1, bottom)))
    return rows


@dataclass(frozen=True)
class _Block:
    """Lines of one cell read together (a wrapped cell line, or one item), with their ink."""

    top: float
    bottom: float
    cell: Cell
    lines: list[TextLine]


def _overlapping(blocks: list[_Block]) -> list[list[_Block]]:
    """Blocks chained by vertical overlap, top to bottom: each chain is one printed row."""
    groups: list[list[_Block]] = []
    reach = -math.inf
    for block in sorted(blocks, key=lambda b: (b.top, b.cell.col)):
        if groups and block.top < reach - 0.1:
            groups[-1].append(block)
            reach = max(reach, block.bottom)
        else:
            groups.append([block])
            reach = block.bottom
    return groups
