"""Indicator table headers → logical columns (name, 評価指標, 区分, value columns).

Each atomic column is named by the header cells above it (``実績`` over ``令和2年度`` makes
one value column), so one- and two-row headers, any number of value columns and any order
read the same; a value column gets its role (基準値/実績/現状値/目標値) and fiscal year.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from extractor.eras import find_era_years
from extractor.grammar import Grammar, default_grammar
from extractor.model import Role
from extractor.normalise import join_wrapped_lines
from extractor.settings import DEFAULT_SETTINGS, Settings
from extractor.tables import Cell, Grid

#: A month right after an era year (令和5年3月).
_MONTH = re.compile(r"\s*(1[0-2]|[1-9])月")
#: What may follow an era year in a header: 3月末, 4月1日時点, 現在.
_DATE_REST = re.compile(r"(?:(?:1[0-2]|[1-9])月(?:[1-9]|[12]\d|3[01])?日?)?(?:末|時点|現在)?")
#: Brackets and separators a header may print around its words.
_HEADER_PUNCTUATION = re.compile(r"[\s()（）［］\[\]【】/・:：,、]")

ColumnKind = Literal[
    "name", "source", "label", "value", "unit", "assessment", "unclassified", "blank"
]


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


# --- header ---------------------------------------------------------------------------


def header_terms(text: str, grammar: Grammar) -> list[tuple[str, str]]:
    """The grammar's header words in ``text`` as (kind, word), longest match first at each
    position: 重要業績評価指標 is one name word, not 評価指標; 数値目標 is a name, not a target.
    A role word's kind is ``role:<role>``."""
    words = grammar.table
    vocabulary: list[tuple[str, str]] = [
        *(("name", w) for w in words.name),
        *(("source", w) for w in words.source),
        *(("label", w) for w in words.label),
        *(("unit", w) for w in words.unit),
        *(("assessment", w) for w in words.assessment),
        *((f"role:{role}", w) for w, role in words.roles),
        *(("ignore", w) for w in words.ignore),
    ]
    vocabulary.sort(key=lambda item: len(item[1]), reverse=True)
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        for kind, word in vocabulary:
            if text.startswith(word, i):
                found.append((kind, word))
                i += len(word)
                break
        else:
            i += 1
    return found


def _mentions_column(text: str, grammar: Grammar) -> bool:
    return any(
        kind in ("name", "source") or kind.startswith("role:")
        for kind, _ in header_terms(text, grammar)
    )


def _is_header_only(text: str, grammar: Grammar) -> bool:
    """True for header-ish text: column words, years, dates and brackets, nothing else."""
    rest = text
    for _, word in header_terms(text, grammar):
        rest = rest.replace(word, "", 1)
    for era in find_era_years(rest, bare=True):
        rest = rest.replace(era.text, "", 1)
    rest = _DATE_REST.sub("", rest)
    for word in grammar.table.filler:
        rest = rest.replace(word, "")
    return not _HEADER_PUNCTUATION.sub("", rest)


def repeated_header_rows(grid: Grid, grammar: Grammar | None = None) -> int:
    """Rows of a header repeated at the top of a continuation grid (0 if none): only
    header words there, so a body row that happens to say 目標 is not dropped."""
    grammar = grammar or default_grammar()
    header = grid_to_header_rows(grid, grammar)
    if header is None or header[0] != 0:
        return 0
    inside = [c for c in grid.cells if c.row < header[1]]
    return header[1] if all(_is_header_only(c.text, grammar) for c in inside) else 0


def grid_to_header_rows(grid: Grid, grammar: Grammar | None = None) -> tuple[int, int] | None:
    """(first, end) atomic rows of the header, end exclusive; None without a header."""
    grammar = grammar or default_grammar()
    for start in range(min(grammar.table.header_search_rows, grid.n_rows)):
        starting = [c for c in grid.row_cells(start) if c.row == start]
        if any(_mentions_column(c.text, grammar) for c in starting):
            break
    else:
        return None
    end = max(c.last_row + 1 for c in grid.row_cells(start))
    while end < grid.n_rows:
        starting = [c for c in grid.row_cells(end) if c.row == end]
        if not any(c.text for c in starting) or not all(
            _is_header_only(c.text, grammar) for c in starting
        ):
            break
        end = max(end + 1, *(c.last_row + 1 for c in starting))
    return start, end


def _classify(header: str, grammar: Grammar) -> tuple[ColumnKind, Role | None]:
    terms = header_terms(header, grammar)
    kinds = {kind for kind, _ in terms}
    roles = {kind.split(":", 1)[1] for kind in kinds if kind.startswith("role:")}
    if "name" in kinds:
        return "name", None
    if "source" in kinds:
        return "source", None
    if len(roles) == 1:
        return "value", roles.pop()  # type: ignore[return-value]
    if not roles and find_era_years(header, bare=True):
        return "value", "actual"  # a year alone: that year's observation
    for kind in ("unit", "assessment", "label"):
        if kind in kinds:
            return kind, None  # type: ignore[return-value]
    return ("blank" if not header else "unclassified"), None


def _column_year(header: str) -> tuple[int | None, str | None]:
    """Fiscal year and printed label of a value column: 令和3年度 → 2021; a date in January
    to March (令和5年3月末) belongs to the fiscal year before (2022)."""
    years = find_era_years(header, bare=True)
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


def grid_to_columns(
    grid: Grid, header: tuple[int, int], grammar: Grammar | None = None
) -> list[Column]:
    """Logical columns from the header; a header cell over several body columns of a name
    or source column makes the extra body columns labels (評価指標 over source + 区分)."""
    grammar = grammar or default_grammar()
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
        kind, role = _classify(text, grammar)
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
    columns = _pair_roles_with_years(columns, grid, end, grammar)
    return _name_blank_columns(_source_as_name(columns, grammar))


def _pair_roles_with_years(
    columns: list[Column], grid: Grid, body_start: int, grammar: Grammar
) -> list[Column]:
    """A role word without a year whose column is empty in the body, beside a year with no
    role word over the values (``目標値  令和6年度`` printed on one line, its gap taken for
    a gutter): one column, that role in that year."""

    def _empty(column: Column) -> bool:
        return not any(
            c.text and column.x0 <= (c.x0 + c.x1) / 2 < column.x1
            for c in grid.cells
            if c.row >= body_start
        )

    def _bare_year(column: Column) -> bool:
        has_role = any(kind.startswith("role:") for kind, _ in header_terms(column.header, grammar))
        return column.kind == "value" and column.fiscal_year is not None and not has_role

    out: list[Column] = []
    for column in columns:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "value"
            and prev.fiscal_year is None
            and _bare_year(column)
            and _empty(prev)
        ):
            out[-1] = replace(
                column, x0=prev.x0, header=f"{prev.header}{column.header}", role=prev.role
            )
        else:
            out.append(column)
    return out


def _source_as_name(columns: list[Column], grammar: Grammar) -> list[Column]:
    """A table whose only text column is headed 評価指標 (or 出典 …) names its indicators there."""
    kinds = [c.kind for c in columns]
    if "name" in kinds or "source" not in kinds or not grammar.table.source_names_when_alone:
        return columns
    out = list(columns)
    i = kinds.index("source")
    out[i] = replace(out[i], kind="name")
    return out


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


def columns_ok(columns: Sequence[Column]) -> bool:
    kinds = [c.kind for c in columns]
    return "value" in kinds and "name" in kinds


def is_indicator_grid(grid: Grid, grammar: Grammar | None = None) -> bool:
    """A header naming at least one value role (基準値/実績/現状値/目標値) and a name column."""
    grammar = grammar or default_grammar()
    header = grid_to_header_rows(grid, grammar)
    return header is not None and columns_ok(grid_to_columns(grid, header, grammar))


def grid_continues(previous: Grid, following: Grid, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """``following`` (top of the next page) has ``previous``'s column layout, with or
    without a repeated header. Layout only: the caller checks nothing is printed between."""
    if following.page != previous.page + 1:
        return False

    def _edges_match(a: float, b: float) -> bool:
        return abs(a - b) <= settings.column_tolerance

    if _same_header(previous, following, settings.grammar):
        return True
    if not (_edges_match(previous.x0, following.x0) and _edges_match(previous.x1, following.x1)):
        return False
    inner_a, inner_b = previous.col_edges[1:-1], following.col_edges[1:-1]
    shared = sum(1 for a in inner_a if any(_edges_match(a, b) for b in inner_b))
    union = len(inner_a) + len(inner_b) - shared
    if union == 0 or shared / union >= settings.continuation_shared_edges:
        return True
    return (
        not (previous.columns_drawn and following.columns_drawn)
        and grid_to_header_rows(following, settings.grammar) is None
        and (
            _columns_correspond(previous.col_edges, following.col_edges)
            or _text_within_columns(following, previous.col_edges, settings.column_tolerance)
        )
    )


def _text_within_columns(grid: Grid, edges: Sequence[float], tolerance: float) -> bool:
    """Every cell of ``grid`` with text lies inside one column of ``edges``: the rest of a
    row cut by a page break, printed in its longest cell's column only."""
    texts = [c for c in grid.cells if c.text]
    return bool(texts) and all(
        any(a - tolerance <= c.x0 and c.x1 <= b + tolerance for a, b in itertools.pairwise(edges))
        for c in texts
    )


def _columns_correspond(a: Sequence[float], b: Sequence[float]) -> bool:
    """As many columns, each one's middle inside the other's column of the same index: a
    headless table on the next page continues one whose columns were found from whitespace,
    whose edges sit mid-gutter and move with each page's text (a long source on one page,
    short ones on the next)."""

    def inside(edges: Sequence[float], others: Sequence[float]) -> bool:
        return all(
            others[i] < (x0 + x1) / 2 < others[i + 1]
            for i, (x0, x1) in enumerate(itertools.pairwise(edges))
        )

    return len(a) == len(b) and inside(a, b) and inside(b, a)


def _same_header(previous: Grid, following: Grid, grammar: Grammar) -> bool:
    """``following`` repeats ``previous``'s header: the same columns in the same order.
    Column edges found from whitespace move with each page's text; the header does not."""
    if not repeated_header_rows(following, grammar):
        return False
    before, after = grid_to_header_rows(previous, grammar), grid_to_header_rows(following, grammar)
    if before is None or after is None:
        return False

    def _names(grid: Grid, header: tuple[int, int]) -> list[tuple]:
        columns = grid_to_columns(grid, header, grammar)
        return [(c.kind, c.role, c.fiscal_year, c.header) for c in columns]

    return columns_ok(grid_to_columns(previous, before, grammar)) and _names(
        previous, before
    ) == _names(following, after)
