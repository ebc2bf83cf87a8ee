"""Indicator tables: grids → ``Indicator``s with one ``Series`` per sub-row.

A table is read in three steps. The header gives the columns: each atomic column is named
by the header cells above it (``実績`` over ``令和2年度`` makes one value column), so one- and
two-row headers, any number of value columns and any order read the same. The body rows
become records of cell identities per column; identities, not texts, decide that a merged
name cell spans several sub-rows, and they let a row split across a page break be joined
back into one. Finally records are grouped into indicators and series and each value cell
is typed by ``values.text_to_quantity``. Anything that cannot be classified is reported as
a ``ReportWarning``, never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from extractor.columns import (
    Column,
    ColumnKind,
    columns_ok,
    grid_to_columns,
    grid_to_header_rows,
    repeated_header_rows,
)
from extractor.grammar import Grammar
from extractor.model import Assessment, BBox, Indicator, ReportWarning, Series, Value
from extractor.normalise import join_wrapped_lines
from extractor.settings import DEFAULT_SETTINGS, Settings
from extractor.tables import Grid
from extractor.values import text_to_quantity


@dataclass(frozen=True)
class IndicatorTable:
    """One logical indicator table (possibly over several pages), read."""

    page: int
    indicators: tuple[Indicator, ...]
    warnings: tuple[ReportWarning, ...]
    columns: tuple[Column, ...] = ()
    #: Footnotes (given or printed inside the table) whose mark no indicator carries.
    unattached_notes: tuple[str, ...] = ()


# --- body rows ------------------------------------------------------------------------

CellKey = tuple[int, int, int]  # (grid index, cell row, cell col)


@dataclass
class _Row:
    """One body row: per column index, the identity of the cell covering it."""

    grid: int
    page: int
    keys: dict[int, CellKey]


@dataclass
class _Cells:
    """Cell identities with their texts; union-find joins pieces of one logical cell."""

    text: dict[CellKey, str] = field(default_factory=dict)
    span: dict[CellKey, int] = field(default_factory=dict)
    parent: dict[CellKey, CellKey] = field(default_factory=dict)
    #: Where each printed cell is: its page and box (a split cell keeps its upper piece's).
    box: dict[CellKey, tuple[int, BBox]] = field(default_factory=dict)
    #: Cells whose top edge parts lines that looked wrapped, for the figure beside each.
    cut_above: set[CellKey] = field(default_factory=set)

    def place(self, key: CellKey | None) -> tuple[int, BBox] | tuple[None, None]:
        return self.box.get(self.root(key), (None, None)) if key is not None else (None, None)

    def root(self, key: CellKey) -> CellKey:
        while self.parent.get(key, key) != key:
            key = self.parent[key]
        return key

    def get(self, key: CellKey | None) -> str:
        return "" if key is None else self.text[self.root(key)]

    def join(self, upper: CellKey, lower: CellKey) -> None:
        """``lower`` continues ``upper`` (page break): one cell, texts rejoined."""
        a, b = self.root(upper), self.root(lower)
        if a == b:
            return
        pieces = [t for t in (self.text[a], self.text[b]) if t]
        self.text[a] = join_wrapped_lines(pieces) if len(pieces) > 1 else "".join(pieces)
        self.span[a] = self.span[a] + self.span[b]
        self.parent[b] = a


def _column_of(columns: Sequence[Column], x0: float, x1: float, tolerance: float) -> list[int]:
    """Indices of the columns an atomic body column [x0, x1] falls in (by its middle)."""
    middle = (x0 + x1) / 2
    return [i for i, c in enumerate(columns) if c.x0 - tolerance < middle < c.x1]


def _grid_rows(
    index: int,
    grid: Grid,
    columns: Sequence[Column],
    cells: _Cells,
    start: int,
    tolerance: float,
) -> list[_Row]:
    owner: dict[int, list[int]] = {}
    for col in range(grid.n_cols):
        for ci in _column_of(columns, grid.col_edges[col], grid.col_edges[col + 1], tolerance):
            owner.setdefault(ci, []).append(col)
    rows = []
    for r in range(start, grid.n_rows):
        # a column this grid does not reach (a narrower continuation) reads as empty
        keys: dict[int, CellKey] = {}
        for ci in range(len(columns)):
            if ci not in owner:
                keys[ci] = (index, -1 - r, ci)
                cells.text[keys[ci]], cells.span[keys[ci]] = "", 1
        for ci, atomic in owner.items():
            found = []
            for col in atomic:
                cell = grid.cell_at(r, col)
                if cell not in found:
                    found.append(cell)
            key = (index, found[0].row, found[0].col)
            if key not in cells.text:
                text = "".join(c.text for c in found)  # value + unit in split columns
                cells.text[key] = text
                cells.span[key] = found[0].row_span
                cells.box[key] = (
                    grid.page,
                    (
                        min(c.x0 for c in found),
                        min(c.top for c in found),
                        max(c.x1 for c in found),
                        max(c.bottom for c in found),
                    ),
                )
                if any(
                    abs(y - c.top) < tolerance and c.x0 < x < c.x1
                    for x, y in grid.figure_cuts
                    for c in found
                ):
                    cells.cut_above.add(key)
            keys[ci] = key
        rows.append(_Row(index, grid.page, keys))
    return rows


def _kinds(columns: Sequence[Column], kind: ColumnKind) -> list[int]:
    return [i for i, c in enumerate(columns) if c.kind == kind]


def _is_ditto(text: str, grammar: Grammar) -> bool:
    return text.strip() in grammar.table.ditto


def _values_filled(row: _Row, values: list[int], cells: _Cells) -> set[int]:
    return {i for i in values if cells.get(row.keys.get(i))}


def _join_page_break(last: _Row, first: _Row, columns: Sequence[Column], cells: _Cells) -> bool:
    """Join the rows around a page break; True when ``first`` was a piece of ``last``.

    A row is split when one side has no value at all, or the two sides hold values in
    different columns. Otherwise ``first`` is a row of its own; an empty cell of it then
    continues a merged cell of ``last`` when its name cell is empty too (a name spanning
    sub-rows on both pages).
    """
    values = _kinds(columns, "value")
    a, b = _values_filled(last, values, cells), _values_filled(first, values, cells)
    split = not a or not b or not (a & b)
    name = _kinds(columns, "name")[0]
    continues = split or not cells.get(first.keys.get(name))
    for ci, lower in first.keys.items():
        upper = last.keys.get(ci)
        if upper is None:
            continue
        merged = cells.span[cells.root(upper)] > 1 or cells.span[lower] > 1
        carried = continues and merged and not cells.get(lower) and cells.get(upper)
        if split or carried:
            cells.join(upper, lower)
    return split


# --- assembly -------------------------------------------------------------------------


def _value(
    column: Column,
    raw: str,
    unit: str | None,
    context: tuple[int, str, Grammar],
    place: tuple[int, BBox] | tuple[None, None],
    warnings: list,
) -> Value:
    page, name, grammar = context
    quantity = text_to_quantity(grammar.strip_note_marks(raw), grammar.values, unit)
    if quantity.warning:
        warnings.append(ReportWarning("unparsed_number", f"{name}: {quantity.warning}", page))
    assert column.role is not None
    return Value(
        column.role,
        column.fiscal_year,
        column.era,
        raw,
        quantity.kind,
        quantity.value,
        quantity.unit,
        *place,
    )


@dataclass
class _Draft:
    name: str
    name_key: CellKey
    page: int
    rows: list[_Row] = field(default_factory=list)


def _join_names_over_labelled_sub_rows(
    rows: Sequence[_Row], columns: Sequence[Column], cells: _Cells
) -> None:
    """A name wrapped over sub-rows set at the top of their cells (``保育士の有効求`` /
    ``人倍率`` beside ``小学校 2.76倍`` / ``中学校 3.27倍``) was parted line by line for the
    figure beside each. When both lines' sub-rows carry a label (区分), the lines are
    sub-rows of one indicator: the name's pieces, and the source's parted the same way
    (under a name merged over the sub-rows, too), are joined back."""
    labels, names = _kinds(columns, "label"), _kinds(columns, "name")
    if not labels or not names:
        return
    texts = _kinds(columns, "source") + names
    for prev, row in pairwise(rows):
        upper, lower = prev.keys[names[0]], row.keys[names[0]]
        labelled = all(any(cells.get(r.keys[ci]) for ci in labels) for r in (prev, row))
        one_name = cells.root(upper) == cells.root(lower) or (
            lower in cells.cut_above and bool(cells.get(upper))
        )
        if row.grid == prev.grid and labelled and one_name:
            for ci in texts:
                if row.keys[ci] in cells.cut_above:
                    cells.join(prev.keys[ci], row.keys[ci])


def _rows_to_drafts(
    rows: Sequence[_Row],
    columns: Sequence[Column],
    cells: _Cells,
    grammar: Grammar,
    warnings: list,
) -> list[_Draft]:
    name = _kinds(columns, "name")[0]
    drafts: list[_Draft] = []
    for row in rows:
        key = row.keys[name]
        text = cells.get(key)
        same = drafts and cells.root(key) == cells.root(drafts[-1].name_key)
        if drafts and (same or not text or _is_ditto(text, grammar)):
            drafts[-1].rows.append(row)
        elif text and not _is_ditto(text, grammar):
            drafts.append(_Draft(text, key, row.page, [row]))
        else:
            warnings.append(
                ReportWarning("ambiguous_row", "a table row without an indicator name", row.page)
            )
    return drafts


def _shared_source_warnings(
    drafts: Sequence[_Draft], columns: Sequence[Column], cells: _Cells, grids: Sequence[Grid]
) -> list[ReportWarning]:
    """A measurement text in one cell over two indicators' rows of a table set without rules:
    the rows were cut from the lines alone, and two sources set tight at one pitch read as
    one wrapped cell, so the text may be both sources glued (a merged source looks the
    same). Said, never guessed apart."""
    source_cols = _kinds(columns, "source")

    def roots(draft: _Draft) -> set[CellKey]:
        keys = (row.keys.get(ci) for row in draft.rows for ci in source_cols)
        return {cells.root(k) for k in keys if k is not None and cells.get(k)}

    out = []
    for upper, lower in pairwise(drafts):
        if any(not grids[key[0]].columns_drawn for key in roots(upper) & roots(lower)):
            msg = (
                f"{lower.name}: one measurement text over its rows and {upper.name}'s, "
                "in a table without rules (perhaps two texts run together)"
            )
            out.append(ReportWarning("ambiguous_row", msg, lower.page))
    return out


def _draft_to_indicator(
    draft: _Draft,
    columns: Sequence[Column],
    cells: _Cells,
    above: dict[int, Value],
    previous_source: str | None,
    grammar: Grammar,
    warnings: list,
) -> Indicator:
    source_cols, label_cols = _kinds(columns, "source"), _kinds(columns, "label")
    value_cols = _kinds(columns, "value")
    unit_cols, assessment_cols = _kinds(columns, "unit"), _kinds(columns, "assessment")
    sources: list[str] = []
    for row in draft.rows:
        for ci in source_cols:
            text = cells.get(row.keys.get(ci))
            text = (previous_source or "") if _is_ditto(text, grammar) else text
            if text and text not in sources:
                sources.append(text)
    if len(sources) > 1:
        msg = f"{draft.name}: several measurement texts, the first is kept"
        warnings.append(ReportWarning("ambiguous_row", msg, draft.page))
    taken = {cells.root(row.keys[ci]) for row in draft.rows[:1] for ci in _kinds(columns, "name")}
    taken |= {cells.root(row.keys[ci]) for row in draft.rows for ci in source_cols}
    series: list[Series] = []
    assessment: list[Assessment] = []
    signature: tuple | None = None
    for row in draft.rows:
        sig = tuple(cells.root(row.keys[ci]) for ci in label_cols + value_cols)
        if sig == signature:
            continue  # an atomic row of the same sub-row
        signature = sig
        labels = [
            cells.get(row.keys[ci]) for ci in label_cols if cells.root(row.keys[ci]) not in taken
        ]
        label = join_wrapped_lines([t for t in labels if t]) or None
        units = [cells.get(row.keys[ci]) for ci in unit_cols]
        unit = next((u for u in units if u and not _is_ditto(u, grammar)), None)
        values = []
        for ci in value_cols:
            raw = cells.get(row.keys[ci])
            if _is_ditto(raw, grammar) and ci in above:
                value = above[ci]
            else:
                context = (row.page, draft.name, grammar)
                place = cells.place(row.keys[ci])
                value = _value(columns[ci], raw, unit, context, place, warnings)
            above[ci] = value
            values.append(value)
        series.append(Series(label, tuple(values)))
        for ci in assessment_cols:
            raw = cells.get(row.keys[ci])
            entry = Assessment(columns[ci].header, label, raw)
            if raw and entry not in assessment:
                assessment.append(entry)
    if len(series) > 1 and not label_cols:
        msg = f"{draft.name}: {len(series)} sub-rows without a label column"
        warnings.append(ReportWarning("ambiguous_row", msg, draft.page))
    source = sources[0] if sources else None
    _, name_box = cells.place(draft.name_key)
    return Indicator(
        draft.name, source, None, draft.page, tuple(series), tuple(assessment), name_box
    )


def _full_width_text(row: _Row, cells: _Cells) -> str | None:
    """The text of a row that is one cell over every column (a note, a caption), else None."""
    if len({cells.root(k) for k in row.keys.values()}) != 1:
        return None
    return cells.get(next(iter(row.keys.values())))


def _lone_text(row: _Row, cells: _Cells) -> str | None:
    """The text of a row with one printed cell only, else None."""
    texts = {cells.root(k): cells.get(k) for k in row.keys.values() if cells.get(k)}
    return next(iter(texts.values())) if len(texts) == 1 else None


def _attach_notes(
    indicators: list[Indicator],
    notes: Sequence[str],
    cells_text: dict[int, str],
    grammar: Grammar,
) -> tuple[list[Indicator], tuple[str, ...]]:
    """Each note goes to the indicators whose cells carry its mark; an unmarked note under a
    one-indicator table is that indicator's. The rest is returned, never dropped."""
    used: set[int] = set()
    out = []
    for index, ind in enumerate(indicators):
        marks = grammar.note_marks(cells_text[index])
        mine = [
            i
            for i, n in enumerate(notes)
            if (mark := grammar.note_mark(n)) in marks or (mark is None and len(indicators) == 1)
        ]
        used.update(mine)
        note = " ".join(notes[i] for i in mine) or None
        out.append(replace(ind, note=note))
    return out, tuple(n for i, n in enumerate(notes) if i not in used)


def grids_to_indicator_table(
    grids: Sequence[Grid],
    notes: Sequence[str] = (),
    settings: Settings = DEFAULT_SETTINGS,
    grammar: Grammar | None = None,
) -> IndicatorTable:
    """Read one logical indicator table (its grids in reading order) into indicators."""
    if not grids:
        raise ValueError("grids_to_indicator_table needs at least one grid")
    grammar = grammar or settings.grammar
    first = grids[0]
    header = grid_to_header_rows(first, grammar)
    columns = grid_to_columns(first, header, grammar) if header else []
    warnings: list[ReportWarning] = []
    if header is None or not columns_ok(columns):
        msg = "not an indicator table: no header naming a value role and the indicator"
        warnings.append(ReportWarning("non_indicator_table", msg, first.page))
        return IndicatorTable(first.page, (), tuple(warnings), tuple(columns), tuple(notes))
    for column in columns:
        if column.kind == "unclassified" or (column.kind == "value" and column.role is None):
            msg = f"column {column.header!r} names no value role; its cells are left out"
            warnings.append(ReportWarning("unclassified_column", msg, first.page))
    cells = _Cells()
    rows: list[_Row] = []
    table_notes = list(notes)
    for index, grid in enumerate(grids):
        start = repeated_header_rows(grid, grammar) if index else header[1]
        body = [
            r
            for r in _grid_rows(index, grid, columns, cells, start, settings.column_tolerance)
            if any(cells.get(k) for k in r.keys.values())
        ]
        kept = []
        for row in body:
            text = _full_width_text(row, cells)
            lone = _lone_text(row, cells)
            if lone is not None and grammar.is_note_line(lone):
                table_notes.append(lone)  # a note set in the name column's width
            elif text is None:
                kept.append(row)
            elif grammar.is_note_line(text):
                table_notes.append(text)
            else:
                msg = f"a row across the whole table is not an indicator: {text[:40]}"
                warnings.append(ReportWarning("ambiguous_row", msg, row.page))
        body = kept
        if rows and body and _join_page_break(rows[-1], body[0], columns, cells):
            body = body[1:]
        rows += body
    _join_names_over_labelled_sub_rows(rows, columns, cells)
    drafts = _rows_to_drafts(rows, columns, cells, grammar, warnings)
    warnings += _shared_source_warnings(drafts, columns, cells, grids)
    indicators: list[Indicator] = []
    above: dict[int, Value] = {}
    marked_text: dict[int, str] = {}
    for draft in drafts:
        previous = indicators[-1].source if indicators else None
        ind = _draft_to_indicator(draft, columns, cells, above, previous, grammar, warnings)
        marked_text[len(indicators)] = " ".join(
            cells.get(r.keys.get(ci)) for r in draft.rows for ci in r.keys
        )
        indicators.append(ind)
    indicators, unattached = _attach_notes(indicators, table_notes, marked_text, grammar)
    return IndicatorTable(
        first.page, tuple(indicators), tuple(warnings), tuple(columns), unattached
    )
