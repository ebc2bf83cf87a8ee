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

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from extractor.eras import find_era_years
from extractor.model import Indicator, ReportWarning, Role, Series, Value
from extractor.normalise import join_wrapped_lines
from extractor.settings import DEFAULT_SETTINGS, Settings
from extractor.tables import Cell, Grid
from extractor.values import text_to_quantity

#: Header words naming a value column's role, longest first; 基本目標 is a goal, not a target.
ROLE_PATTERN = re.compile(r"基準値|基準|実績値|実績|現状値|現状|(?<!基本)目標値|(?<!基本)目標")
ROLES: dict[str, Role] = {
    "基準": "baseline",
    "実績": "actual",
    "現状": "current",
    "目標": "target",
}
#: How an indicator is measured; checked before NAME_WORDS since 評価指標 contains 指標.
SOURCE_WORDS = ("評価指標", "算出方法", "算定方法", "測定方法", "評価方法", "出典", "出所", "根拠")
NAME_WORDS = ("成果指標", "指標名", "指標")
LABEL_WORDS = ("区分", "内訳", "対象")
#: Ditto marks: "same as the cell above".
DITTO = frozenset({"〃", "″", "同上"})
#: Rows searched for the header's first row (a caption row may sit above it).
MAX_HEADER_START = 3
#: A footnote mark: ※, ※1, (※), (※2); digits already half-width after normalisation.
MARK = re.compile(r"[(（]?※\s*(\d*)[)）]?")

#: A month right after an era year (令和5年3月).
_MONTH = re.compile(r"\s*(1[0-2]|[1-9])月")
#: What may follow an era year in a header: 3月末, 4月1日時点, 現在.
_DATE_REST = re.compile(r"(?:(?:1[0-2]|[1-9])月(?:[1-9]|[12]\d|3[01])?日?)?(?:末|時点|現在)?")

ColumnKind = Literal["name", "source", "label", "value", "unclassified", "blank"]


@dataclass(frozen=True)
class Column:
    """One logical column of an indicator table, as the header names it."""

    kind: ColumnKind
    x0: float
    x1: float
    header: str
    role: Role | None = None
    fiscal_year: int | None = None
    era: str | None = None


@dataclass(frozen=True)
class IndicatorTable:
    """One logical indicator table (possibly over several pages), read."""

    page: int
    indicators: tuple[Indicator, ...]
    warnings: tuple[ReportWarning, ...]
    columns: tuple[Column, ...] = ()
    #: Footnotes (given or printed inside the table) whose mark no indicator carries.
    unattached_notes: tuple[str, ...] = ()


# --- header ---------------------------------------------------------------------------


def _mentions_column(text: str) -> bool:
    return bool(ROLE_PATTERN.search(text)) or any(w in text for w in NAME_WORDS + SOURCE_WORDS)


def _is_header_only(text: str) -> bool:
    """True for header-ish text: roles, years, column words and brackets, nothing else."""
    rest = ROLE_PATTERN.sub("", text)
    for era in find_era_years(rest):
        rest = rest.replace(era.text, "")
    rest = _DATE_REST.sub("", rest)
    for word in SOURCE_WORDS + NAME_WORDS + LABEL_WORDS + ("年度", "時点", "値"):
        rest = rest.replace(word, "")
    return not re.sub(r"[\s()（）［］\[\]【】/・]", "", rest)


def _repeated_header(grid: Grid) -> int:
    """Rows of a header repeated at the top of a continuation grid (0 if none): only
    header words there, so a body row that happens to say 目標 is not dropped."""
    header = grid_to_header_rows(grid)
    if header is None or header[0] != 0:
        return 0
    inside = [c for c in grid.cells if c.row < header[1]]
    return header[1] if all(_is_header_only(c.text) for c in inside) else 0


def grid_to_header_rows(grid: Grid) -> tuple[int, int] | None:
    """(first, end) atomic rows of the header, end exclusive; None without a header."""
    for start in range(min(MAX_HEADER_START, grid.n_rows)):
        starting = [c for c in grid.row_cells(start) if c.row == start]
        if any(_mentions_column(c.text) for c in starting):
            break
    else:
        return None
    end = max(c.last_row + 1 for c in grid.row_cells(start))
    while end < grid.n_rows:
        starting = [c for c in grid.row_cells(end) if c.row == end]
        if not any(c.text for c in starting) or not all(_is_header_only(c.text) for c in starting):
            break
        end = max(end + 1, *(c.last_row + 1 for c in starting))
    return start, end


def _classify(header: str) -> tuple[ColumnKind, Role | None]:
    roles = {ROLES[m.group()[:2]] for m in ROLE_PATTERN.finditer(header)}
    if any(w in header for w in SOURCE_WORDS):
        return "source", None
    if any(w in header for w in NAME_WORDS) and not roles:
        return "name", None
    if len(roles) == 1:
        return "value", roles.pop()
    if any(w in header for w in LABEL_WORDS):
        return "label", None
    return ("blank" if not header else "unclassified"), None


def _column_year(header: str) -> tuple[int | None, str | None]:
    """Fiscal year and printed label of a value column: 令和3年度 → 2021; a date in January
    to March (令和5年3月末) belongs to the fiscal year before (2022)."""
    years = find_era_years(header)
    if not years:
        return None, None
    first = years[0]
    if first.fiscal:
        return first.year, first.text
    end = header.find(first.text) + len(first.text)
    month = _MONTH.match(header, end) if end >= len(first.text) else None
    if month is None:
        return first.year, first.text
    label = first.text + month.group()
    return (first.year - 1 if int(month.group(1)) <= 3 else first.year), label


def grid_to_columns(grid: Grid, header: tuple[int, int]) -> list[Column]:
    """Logical columns from the header; a header cell over several body columns of a name
    or source column makes the extra body columns labels (評価指標 over source + 区分)."""
    first, end = header
    groups: list[tuple[tuple[Cell, ...], list[int]]] = []
    for col in range(grid.n_cols):
        stack: list[Cell] = []
        for row in range(first, end):
            cell = grid.cell_at(row, col)
            if cell not in stack:
                stack.append(cell)
        if groups and groups[-1][0] == tuple(stack):
            groups[-1][1].append(col)
        else:
            groups.append((tuple(stack), [col]))
    body_starts = {c.col for c in grid.cells if c.row >= end}
    columns: list[Column] = []
    for stack, cols in groups:
        text = join_wrapped_lines([c.text for c in stack])
        kind, role = _classify(text)
        parts = [cols]
        if kind in ("name", "source") and len(cols) > 1:
            cuts = [i for i, c in enumerate(cols) if i and c in body_starts]
            bounds = [0, *cuts, len(cols)]
            parts = [cols[a:b] for a, b in itertools.pairwise(bounds)]
        year, era = _column_year(text) if kind == "value" else (None, None)
        for i, part in enumerate(parts):
            x0, x1 = grid.col_edges[part[0]], grid.col_edges[part[-1] + 1]
            columns.append(
                Column(
                    kind=kind if i == 0 else "label",
                    x0=x0,
                    x1=x1,
                    header=text if i == 0 else "",
                    role=role,
                    fiscal_year=year,
                    era=era,
                )
            )
    return _name_blank_columns(columns)


def _name_blank_columns(columns: list[Column]) -> list[Column]:
    """An unlabeled column between the source (or name) and the first value is the 区分."""
    values = [i for i, c in enumerate(columns) if c.kind == "value"]
    texts = [i for i, c in enumerate(columns) if c.kind in ("name", "source")]
    out = list(columns)
    if values and texts:
        for i in range(max(texts) + 1, values[0]):
            if out[i].kind == "blank":
                out[i] = Column("label", out[i].x0, out[i].x1, "")
    return out


def _columns_ok(columns: Sequence[Column]) -> bool:
    kinds = [c.kind for c in columns]
    return "value" in kinds and "name" in kinds


def is_indicator_grid(grid: Grid) -> bool:
    """A header naming at least one value role (基準値/実績/現状値/目標値) and a name column."""
    header = grid_to_header_rows(grid)
    return header is not None and _columns_ok(grid_to_columns(grid, header))


def grid_continues(previous: Grid, following: Grid, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """``following`` (top of the next page) has ``previous``'s column layout, with or
    without a repeated header. Layout only: the caller checks nothing is printed between."""
    if following.page != previous.page + 1:
        return False

    def _edges_match(a: float, b: float) -> bool:
        return abs(a - b) <= settings.column_tolerance

    if not (_edges_match(previous.x0, following.x0) and _edges_match(previous.x1, following.x1)):
        return False
    inner_a, inner_b = previous.col_edges[1:-1], following.col_edges[1:-1]
    shared = sum(1 for a in inner_a if any(_edges_match(a, b) for b in inner_b))
    union = len(inner_a) + len(inner_b) - shared
    return union == 0 or shared / union >= settings.continuation_shared_edges


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
            keys[ci] = key
        rows.append(_Row(index, grid.page, keys))
    return rows


def _kinds(columns: Sequence[Column], kind: ColumnKind) -> list[int]:
    return [i for i, c in enumerate(columns) if c.kind == kind]


def _is_ditto(text: str) -> bool:
    return text.strip() in DITTO


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


# --- notes ----------------------------------------------------------------------------


def _marks(text: str) -> set[str]:
    return {"※" + m.group(1) for m in MARK.finditer(text)}


def _note_mark(note: str) -> str | None:
    m = MARK.match(note.strip())
    return "※" + m.group(1) if m else None


def _strip_marks(text: str) -> str:
    return MARK.sub("", text).strip()


# --- assembly -------------------------------------------------------------------------


def _value(column: Column, raw: str, page: int, name: str, warnings: list) -> Value:
    quantity = text_to_quantity(_strip_marks(raw))
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
    )


@dataclass
class _Draft:
    name: str
    name_key: CellKey
    page: int
    rows: list[_Row] = field(default_factory=list)


def _rows_to_drafts(
    rows: Sequence[_Row], columns: Sequence[Column], cells: _Cells, warnings: list
) -> list[_Draft]:
    name = _kinds(columns, "name")[0]
    drafts: list[_Draft] = []
    for row in rows:
        key = row.keys[name]
        text = cells.get(key)
        same = drafts and cells.root(key) == cells.root(drafts[-1].name_key)
        if drafts and (same or not text or _is_ditto(text)):
            drafts[-1].rows.append(row)
        elif text and not _is_ditto(text):
            drafts.append(_Draft(text, key, row.page, [row]))
        else:
            warnings.append(
                ReportWarning("ambiguous_row", "a table row without an indicator name", row.page)
            )
    return drafts


def _draft_to_indicator(
    draft: _Draft,
    columns: Sequence[Column],
    cells: _Cells,
    above: dict[int, Value],
    previous_source: str | None,
    warnings: list,
) -> Indicator:
    source_cols, label_cols = _kinds(columns, "source"), _kinds(columns, "label")
    value_cols = _kinds(columns, "value")
    sources: list[str] = []
    for row in draft.rows:
        for ci in source_cols:
            text = cells.get(row.keys.get(ci))
            text = (previous_source or "") if _is_ditto(text) else text
            if text and text not in sources:
                sources.append(text)
    if len(sources) > 1:
        msg = f"{draft.name}: several measurement texts, the first is kept"
        warnings.append(ReportWarning("ambiguous_row", msg, draft.page))
    taken = {cells.root(row.keys[ci]) for row in draft.rows[:1] for ci in _kinds(columns, "name")}
    taken |= {cells.root(row.keys[ci]) for row in draft.rows for ci in source_cols}
    series: list[Series] = []
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
        values = []
        for ci in value_cols:
            raw = cells.get(row.keys[ci])
            if _is_ditto(raw) and ci in above:
                value = above[ci]
            else:
                value = _value(columns[ci], raw, row.page, draft.name, warnings)
            above[ci] = value
            values.append(value)
        series.append(Series(label, tuple(values)))
    if len(series) > 1 and not label_cols:
        msg = f"{draft.name}: {len(series)} sub-rows without a label column"
        warnings.append(ReportWarning("ambiguous_row", msg, draft.page))
    return Indicator(draft.name, sources[0] if sources else None, None, draft.page, tuple(series))


def _full_width_text(row: _Row, cells: _Cells) -> str | None:
    """The text of a row that is one cell over every column (a note, a caption), else None."""
    if len({cells.root(k) for k in row.keys.values()}) != 1:
        return None
    return cells.get(next(iter(row.keys.values())))


def _is_note(text: str) -> bool:
    return bool(MARK.match(text)) or text.startswith("注")


def _attach_notes(
    indicators: list[Indicator], notes: Sequence[str], cells_text: dict[int, str]
) -> tuple[list[Indicator], tuple[str, ...]]:
    used: set[int] = set()
    out = []
    for index, ind in enumerate(indicators):
        marks = _marks(cells_text[index])
        mine = [i for i, n in enumerate(notes) if _note_mark(n) in marks]
        used.update(mine)
        note = " ".join(notes[i] for i in mine) or None
        out.append(Indicator(ind.name, ind.source, note, ind.page, ind.series))
    return out, tuple(n for i, n in enumerate(notes) if i not in used)


def grids_to_indicator_table(
    grids: Sequence[Grid], notes: Sequence[str] = (), settings: Settings = DEFAULT_SETTINGS
) -> IndicatorTable:
    """Read one logical indicator table (its grids in reading order) into indicators."""
    if not grids:
        raise ValueError("grids_to_indicator_table needs at least one grid")
    first = grids[0]
    header = grid_to_header_rows(first)
    columns = grid_to_columns(first, header) if header else []
    warnings: list[ReportWarning] = []
    if header is None or not _columns_ok(columns):
        msg = "not an indicator table: no header naming a value role and the indicator"
        warnings.append(ReportWarning("not_indicator_table", msg, first.page))
        return IndicatorTable(first.page, (), tuple(warnings), tuple(columns), tuple(notes))
    for column in columns:
        if column.kind == "unclassified" or (column.kind == "value" and column.role is None):
            msg = f"column {column.header!r} names no value role; its cells are left out"
            warnings.append(ReportWarning("unclassified_column", msg, first.page))
    cells = _Cells()
    rows: list[_Row] = []
    table_notes = list(notes)
    for index, grid in enumerate(grids):
        start = _repeated_header(grid) if index else header[1]
        body = [
            r
            for r in _grid_rows(index, grid, columns, cells, start, settings.column_tolerance)
            if any(cells.get(k) for k in r.keys.values())
        ]
        kept = []
        for row in body:
            text = _full_width_text(row, cells)
            if text is None:
                kept.append(row)
            elif _is_note(text):
                table_notes.append(text)
            else:
                msg = f"a row across the whole table is not an indicator: {text[:40]}"
                warnings.append(ReportWarning("ambiguous_row", msg, row.page))
        body = kept
        if rows and body and _join_page_break(rows[-1], body[0], columns, cells):
            body = body[1:]
        rows += body
    drafts = _rows_to_drafts(rows, columns, cells, warnings)
    indicators: list[Indicator] = []
    above: dict[int, Value] = {}
    marked_text: dict[int, str] = {}
    for draft in drafts:
        previous = indicators[-1].source if indicators else None
        ind = _draft_to_indicator(draft, columns, cells, above, previous, warnings)
        marked_text[len(indicators)] = " ".join(
            cells.get(r.keys.get(ci)) for r in draft.rows for ci in r.keys
        )
        indicators.append(ind)
    indicators, unattached = _attach_notes(indicators, table_notes, marked_text)
    return IndicatorTable(
        first.page, tuple(indicators), tuple(warnings), tuple(columns), unattached
    )
