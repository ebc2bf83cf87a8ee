"""Indicator table headers → logical columns (name, 評価指標, 区分, value columns).

Each atomic column is named by the header cells above it (``実績`` over ``令和2年度`` makes
one value column), so one- and two-row headers, any number of value columns and any order
read the same; a value column gets its role (基準値/実績/現状値/目標値) and fiscal year.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from extractor.eras import find_era_years
from extractor.model import Role
from extractor.normalise import join_wrapped_lines
from extractor.settings import DEFAULT_SETTINGS, Settings
from extractor.tables import Cell, Grid

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
#: Rows searched for the header's first row (a caption row may sit above it).
MAX_HEADER_START = 3
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


def repeated_header_rows(grid: Grid) -> int:
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


def columns_ok(columns: Sequence[Column]) -> bool:
    kinds = [c.kind for c in columns]
    return "value" in kinds and "name" in kinds


def is_indicator_grid(grid: Grid) -> bool:
    """A header naming at least one value role (基準値/実績/現状値/目標値) and a name column."""
    header = grid_to_header_rows(grid)
    return header is not None and columns_ok(grid_to_columns(grid, header))


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
