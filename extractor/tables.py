"""Tables: drawn rules (and, via ``regions``, whitespace) → grids of spanning cells with text.

``page.rules`` come first: load has already dropped white and unstroked lines, so a rule
here is a line a reader sees. Rules are snapped and merged, grouped into connected tables,
and each table's distinct x's and y's become atomic column and row edges. Neighbouring
atomic cells are merged wherever the rule between them is not drawn. Tables drawn with
fewer rules (a frame, rules only across or only down) or none are found by ``regions``
from their glyphs' gutters and read by the same ``skeleton_to_grid``.

Characters go to the cell under their *visual* centre (``centre_x``, ``centre_y``, which is
baseline-based): some producers' CJK font descriptors shift pdfminer's boxes half a line,
and a box-based test would put a header's second line into the row below. A character is
always assigned whole, never cropped.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from extractor.layout import Box, box_inside, chars_by_box, chars_outside_boxes, chars_to_lines
from extractor.load import Char, PageContent, Rule
from extractor.normalise import join_wrapped_lines, normalise_text
from extractor.regions import (
    Region,
    VirtualRules,
    chars_to_whitespace_regions,
    extend_below,
    region_to_continued_cell,
    region_to_virtual_rules,
    split_at_running_text,
)
from extractor.settings import DEFAULT_SETTINGS, Settings

#: Share of a separator's length that must be drawn for two atomic cells to stay apart.
#: Below it the cells merge; dashed and slightly short rules still separate.


@dataclass(frozen=True)
class Cell:
    """One cell as drawn: a rectangle of atomic grid units and the text inside it."""

    row: int
    col: int
    row_span: int
    col_span: int
    x0: float
    top: float
    x1: float
    bottom: float
    #: The cell's characters rejoined into one string, normalised.
    text: str
    #: The printed lines, normalised one by one (to rejoin a cell split across pages).
    lines: tuple[str, ...] = ()

    @property
    def last_row(self) -> int:
        return self.row + self.row_span - 1

    @property
    def last_col(self) -> int:
        return self.col + self.col_span - 1


@dataclass(frozen=True)
class Grid:
    """One table on one page (ruled, partly ruled, or set in whitespace)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    col_edges: tuple[float, ...]
    row_edges: tuple[float, ...]
    #: Each spanning cell once, in row-major order of their top-left atomic unit.
    cells: tuple[Cell, ...]
    #: Points (x, y) on row edges found from whitespace where a column's lines looked
    #: wrapped but were parted because each has a figure beside it (see ``regions``).
    figure_cuts: tuple[tuple[float, float], ...] = ()
    #: Whether its column edges are drawn rules (else gutter middles, which move with the
    #: text of each page).
    columns_drawn: bool = True

    @property
    def n_rows(self) -> int:
        return len(self.row_edges) - 1

    @property
    def n_cols(self) -> int:
        return len(self.col_edges) - 1

    @cached_property
    def _owner(self) -> dict[tuple[int, int], Cell]:
        return {
            (r, c): cell
            for cell in self.cells
            for r in range(cell.row, cell.row + cell.row_span)
            for c in range(cell.col, cell.col + cell.col_span)
        }

    def cell_at(self, row: int, col: int) -> Cell:
        """The (spanning) cell covering atomic unit ``(row, col)``."""
        try:
            return self._owner[(row, col)]
        except KeyError:
            msg = f"no cell at ({row}, {col}) in a {self.n_rows}x{self.n_cols} grid"
            raise IndexError(msg) from None

    def row_cells(self, row: int) -> list[Cell]:
        """The distinct cells crossing atomic row ``row``, left to right."""
        return sorted((c for c in self.cells if c.row <= row <= c.last_row), key=lambda c: c.col)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _cluster(values: Iterable[float], tolerance: float) -> list[list[float]]:
    """Chain sorted values whose neighbours are within ``tolerance``."""
    clusters: list[list[float]] = []
    for value in sorted(values):
        if clusters and value - clusters[-1][-1] <= tolerance:
            clusters[-1].append(value)
        else:
            clusters.append([value])
    return clusters


@dataclass
class _Run:
    """Collinear rules that touch or overlap (the dashes or pieces of one drawn line)."""

    members: list[int]
    low: float  # the members' positions, lowest and highest (within tolerance of each other)
    high: float
    start: float
    end: float


def _runs(rules: list[tuple[int, Rule]], tol: float) -> list[_Run]:
    """Rules put on lines by clustering positions, then swept along each line: n log n."""
    by_position = sorted(rules, key=lambda item: item[1].position)
    lines: list[list[tuple[int, Rule]]] = []
    for item in by_position:
        if lines and item[1].position - lines[-1][-1][1].position <= tol:
            lines[-1].append(item)
        else:
            lines.append([item])
    runs: list[_Run] = []
    for line in lines:
        line.sort(key=lambda item: item[1].start)
        run: _Run | None = None
        for i, rule in line:
            if run is not None and rule.start <= run.end + tol:
                run.members.append(i)
                run.low, run.high = min(run.low, rule.position), max(run.high, rule.position)
                run.end = max(run.end, rule.end)
            else:
                run = _Run([i], rule.position, rule.position, rule.start, rule.end)
                runs.append(run)
    return runs


def _crossing_runs(hs: list[_Run], vs: list[_Run], tol: float) -> Iterator[tuple[_Run, _Run]]:
    """Pairs (horizontal, vertical) of lines that cross or meet. Whole lines, not their
    pieces, are paired, so thousands of strokes drawing one table (or a page of crossing
    lines) cost what its few dozen lines cost; horizontals are found by bisection."""
    hs = sorted(hs, key=lambda run: run.low)
    lows = [run.low for run in hs]
    reach = max((run.high - run.low for run in hs), default=0.0)
    for v in vs:
        lo = bisect_left(lows, v.start - tol - reach)
        hi = bisect_right(lows, v.end + tol)
        for h in hs[lo:hi]:
            if h.high >= v.start - tol and h.start - tol <= v.high and v.low <= h.end + tol:
                yield h, v


def rules_to_groups(rules: Sequence[Rule], tolerance: float) -> list[list[Rule]]:
    """Split a page's rules into connected groups (crossing, meeting or collinear)."""
    rules = [r for r in rules if r.end > r.start]
    hs = _runs([(i, r) for i, r in enumerate(rules) if r.orientation == "h"], tolerance)
    vs = _runs([(i, r) for i, r in enumerate(rules) if r.orientation == "v"], tolerance)
    uf = _UnionFind(len(rules))
    for run in hs + vs:
        for i in run.members[1:]:
            uf.union(run.members[0], i)
    for h, v in _crossing_runs(hs, vs, tolerance):
        uf.union(h.members[0], v.members[0])
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(uf.find(i), []).append(rule)
    return list(groups.values())


def rules_to_tables(rules: Sequence[Rule], tolerance: float) -> list[list[Rule]]:
    """The connected groups with both horizontal and vertical rules: each is one drawn table."""
    return [
        g
        for g in rules_to_groups(rules, tolerance)
        if any(r.orientation == "h" for r in g) and any(r.orientation == "v" for r in g)
    ]


def _snap_map(
    preferred: Iterable[float], others: Iterable[float], tolerance: float
) -> tuple[list[float], dict[float, float]]:
    """Cluster coordinates; each cluster is represented by the mean of its ``preferred``
    members (the rule positions) when it has any, so rule ends snap onto the rules."""
    preferred = list(preferred)
    pref_set = set(preferred)
    clusters = _cluster([*preferred, *others], tolerance)
    edges: list[float] = []
    mapping: dict[float, float] = {}
    for cluster in clusters:
        chosen = [v for v in cluster if v in pref_set] or cluster
        edge = sum(chosen) / len(chosen)
        edges.append(edge)
        for v in cluster:
            mapping[v] = edge
    return edges, mapping


def _merge_segments(segments: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for start, end in sorted(segments):
        if merged and start <= merged[-1][1] + tol:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _coverage(segments: list[tuple[float, float]], start: float, end: float) -> float:
    if end <= start:
        return 1.0
    drawn = sum(max(0.0, min(e, end) - max(s, start)) for s, e in segments)
    return drawn / (end - start)


@dataclass(frozen=True)
class _Skeleton:
    """A table's snapped geometry before text: edges and the drawn segments on them."""

    col_edges: list[float]
    row_edges: list[float]
    #: x → merged (top, bottom) segments drawn at that column edge.
    v_lines: dict[float, list[tuple[float, float]]]
    #: y → merged (x0, x1) segments drawn at that row edge.
    h_lines: dict[float, list[tuple[float, float]]]
    #: Points (x, y) where a row edge parts lines that may be one wrapped cell.
    figure_cuts: tuple[tuple[float, float], ...] = ()
    #: Whether the column edges are drawn (not found from gutters).
    columns_drawn: bool = True


def table_rules_to_skeleton(rules: Sequence[Rule], tolerance: float) -> _Skeleton:
    """Snap one table's rules onto shared edges and merge collinear pieces."""
    hs = [r for r in rules if r.orientation == "h"]
    vs = [r for r in rules if r.orientation == "v"]
    col_edges, xmap = _snap_map(
        (r.position for r in vs), [v for r in hs for v in (r.start, r.end)], tolerance
    )
    row_edges, ymap = _snap_map(
        (r.position for r in hs), [v for r in vs for v in (r.start, r.end)], tolerance
    )
    v_raw: dict[float, list[tuple[float, float]]] = {}
    for r in vs:
        v_raw.setdefault(xmap[r.position], []).append((ymap[r.start], ymap[r.end]))
    h_raw: dict[float, list[tuple[float, float]]] = {}
    for r in hs:
        h_raw.setdefault(ymap[r.position], []).append((xmap[r.start], xmap[r.end]))
    return _Skeleton(
        col_edges=col_edges,
        row_edges=row_edges,
        v_lines={x: _merge_segments(s, tolerance) for x, s in v_raw.items()},
        h_lines={y: _merge_segments(s, tolerance) for y, s in h_raw.items()},
    )


def skeleton_to_spans(
    sk: _Skeleton, coverage: float = DEFAULT_SETTINGS.separator_coverage
) -> list[tuple[int, int, int, int]]:
    """Merge atomic cells not separated by a drawn rule: rectangles (r0, c0, r1, c1),
    end-exclusive. A non-rectangular merge grows to its bounding box."""
    n_rows, n_cols = len(sk.row_edges) - 1, len(sk.col_edges) - 1
    uf = _UnionFind(n_rows * n_cols)
    for r in range(n_rows):
        top, bottom = sk.row_edges[r], sk.row_edges[r + 1]
        for c in range(n_cols):
            left, right = sk.col_edges[c], sk.col_edges[c + 1]
            if c + 1 < n_cols:
                drawn = _coverage(sk.v_lines.get(right, []), top, bottom)
                if drawn < coverage:
                    uf.union(r * n_cols + c, r * n_cols + c + 1)
            if r + 1 < n_rows:
                drawn = _coverage(sk.h_lines.get(bottom, []), left, right)
                if drawn < coverage:
                    uf.union(r * n_cols + c, (r + 1) * n_cols + c)
    while True:  # grow every group to a rectangle until stable
        boxes: dict[int, list[int]] = {}
        for r in range(n_rows):
            for c in range(n_cols):
                root = uf.find(r * n_cols + c)
                box = boxes.setdefault(root, [r, c, r + 1, c + 1])
                box[0], box[1] = min(box[0], r), min(box[1], c)
                box[2], box[3] = max(box[2], r + 1), max(box[3], c + 1)
        changed = False
        for root, (r0, c0, r1, c1) in boxes.items():
            for r in range(r0, r1):
                for c in range(c0, c1):
                    if uf.find(r * n_cols + c) != uf.find(root):
                        uf.union(root, r * n_cols + c)
                        changed = True
        if not changed:
            return sorted((r0, c0, r1, c1) for r0, c0, r1, c1 in boxes.values())


def _prune(edges: list[float], used: set[int]) -> tuple[list[float], dict[int, int]]:
    """Drop edges no cell boundary lies on (a stray rule end); map old index → new."""
    keep = sorted(used | {0, len(edges) - 1})
    return [edges[i] for i in keep], {old: new for new, old in enumerate(keep)}


def _cell_text(chars: list[Char], settings: Settings, page: int) -> tuple[str, tuple[str, ...]]:
    lines = [ln.text for ln in chars_to_lines(chars, settings, page=page)]
    normalised = tuple(t for t in (normalise_text(x) for x in lines) if t)
    return normalise_text(join_wrapped_lines(lines)), normalised


def skeleton_to_grid(
    sk: _Skeleton, chars: Sequence[Char], page: int, settings: Settings
) -> Grid | None:
    """Cells with spans and text for one table, or None when it encloses no area."""
    if len(sk.col_edges) < 2 or len(sk.row_edges) < 2:
        return None
    spans = skeleton_to_spans(sk, settings.separator_coverage)
    col_edges, cmap = _prune(sk.col_edges, {i for s in spans for i in (s[1], s[3])})
    row_edges, rmap = _prune(sk.row_edges, {i for s in spans for i in (s[0], s[2])})
    boxes = [(rmap[r0], cmap[c0], rmap[r1], cmap[c1]) for r0, c0, r1, c1 in spans]
    owner: dict[tuple[int, int], int] = {}
    for index, (r0, c0, r1, c1) in enumerate(boxes):
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner[(r, c)] = index
    x0, x1, top, bottom = col_edges[0], col_edges[-1], row_edges[0], row_edges[-1]
    members: list[list[Char]] = [[] for _ in boxes]
    for ch in chars:
        cx, cy = ch.centre_x, ch.centre_y(settings)
        if not (x0 < cx < x1 and top < cy < bottom):
            continue
        c = min(bisect_right(col_edges, cx) - 1, len(col_edges) - 2)
        r = min(bisect_right(row_edges, cy) - 1, len(row_edges) - 2)
        members[owner[(r, c)]].append(ch)
    cells = []
    for (r0, c0, r1, c1), mine in zip(boxes, members, strict=True):
        text, lines = _cell_text(mine, settings, page)
        cells.append(
            Cell(
                row=r0,
                col=c0,
                row_span=r1 - r0,
                col_span=c1 - c0,
                x0=col_edges[c0],
                top=row_edges[r0],
                x1=col_edges[c1],
                bottom=row_edges[r1],
                text=text,
                lines=lines,
            )
        )
    return Grid(
        page=page,
        x0=x0,
        top=top,
        x1=x1,
        bottom=bottom,
        col_edges=tuple(col_edges),
        row_edges=tuple(row_edges),
        cells=tuple(sorted(cells, key=lambda c: (c.row, c.col))),
        figure_cuts=sk.figure_cuts,
        columns_drawn=sk.columns_drawn,
    )


def virtual_rules_to_skeleton(rules: VirtualRules) -> _Skeleton:
    """A skeleton as if every column and row edge found from whitespace were drawn, except
    where text crosses a column edge (a spanning header)."""
    cols, rows = list(rules.col_edges), list(rules.row_edges)
    v_lines = {
        x: _merge_segments(
            [(rows[r], rows[r + 1]) for r in range(len(rows) - 1) if (r, e) not in rules.crossed],
            0.0,
        )
        for e, x in enumerate(cols)
    }
    h_lines = {
        y: _merge_segments(
            [
                (cols[c], cols[c + 1])
                for c in range(len(cols) - 1)
                if (i, c) not in rules.open_cells
            ],
            0.0,
        )
        for i, y in enumerate(rows)
    }
    cuts = tuple(((cols[c] + cols[c + 1]) / 2, rows[e]) for e, c in sorted(rules.figure_cuts))
    return _Skeleton(cols, rows, v_lines, h_lines, cuts, columns_drawn=False)


def _is_frame(sk: _Skeleton, settings: Settings) -> bool:
    """A ruled box with no inner vertical drawn: every cell spans all its columns."""
    n_cols = len(sk.col_edges) - 1
    return all(
        c0 == 0 and c1 == n_cols
        for _, c0, _, c1 in skeleton_to_spans(sk, settings.separator_coverage)
    )


def _frame_row_edges(sk: _Skeleton, settings: Settings) -> tuple[float, ...]:
    """The row edges a frame's rules draw (a header rule), stray rule ends left out."""
    spans = skeleton_to_spans(sk, settings.separator_coverage)
    return tuple(sk.row_edges[i] for i in sorted({i for s in spans for i in (s[0], s[2])}))


def _box(sk: _Skeleton) -> Box:
    return (sk.col_edges[0], sk.row_edges[0], sk.col_edges[-1], sk.row_edges[-1])


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _rule_lines(
    groups: Sequence[Sequence[Rule]], orientation: str
) -> list[tuple[float, float, float]]:
    """Groups made only of rules of one orientation, each as one line (position, start, end)."""
    return sorted(
        (sum(r.position for r in g) / len(g), min(r.start for r in g), max(r.end for r in g))
        for g in groups
        if all(r.orientation == orientation for r in g)
    )


def _stacks(
    lines: list[tuple[float, float, float]], tolerance: float
) -> list[list[tuple[float, float, float]]]:
    """Parallel lines with the same extent (start and end within ``tolerance``), in order."""
    stacks: list[list[tuple[float, float, float]]] = []
    for line in lines:
        for stack in stacks:
            _, start, end = stack[-1]
            if abs(line[1] - start) <= tolerance and abs(line[2] - end) <= tolerance:
                stack.append(line)
                break
        else:
            stacks.append([line])
    return [s for s in stacks if len(s) >= 2]


def _horizontal_rule_stacks(
    groups: Sequence[Sequence[Rule]], chars: Sequence[Char], settings: Settings
) -> list[Region]:
    """Horizontal rules with no verticals, stacked with the same extent: tables ruled only
    across (top, header and bottom rules, or every row), cut where running text lies
    between two rules. Shorter rules inside (between sub-rows) come along as partial."""
    lines = _rule_lines(groups, "h")
    regions = []
    for stack in _stacks(lines, 2 * settings.column_tolerance):
        x0, x1 = min(s[1] for s in stack), max(s[2] for s in stack)
        top, bottom = stack[0][0], stack[-1][0]
        slack = settings.column_tolerance
        partial = tuple(
            line
            for line in lines
            if top < line[0] < bottom and x0 - slack <= line[1] and line[2] <= x1 + slack
        )
        region = Region(x0, x1, tuple(s[0] for s in stack), partial)
        regions += split_at_running_text(region, chars, settings)
    return regions


def _vertical_rule_stacks(
    groups: Sequence[Sequence[Rule]], chars: Sequence[Char], settings: Settings
) -> list[Region]:
    """Vertical rules with no horizontals, side by side with the same extent: tables ruled
    only down, between columns. The region reaches out to the printed lines the rules cut
    (the outer columns may have no rule beside them)."""
    regions = []
    for stack in _stacks(_rule_lines(groups, "v"), 2 * settings.column_tolerance):
        top, bottom = min(s[1] for s in stack), max(s[2] for s in stack)
        x0, x1 = stack[0][0], stack[-1][0]
        inside = [c for c in chars if top < c.centre_y(settings) < bottom]
        for line in chars_to_lines(inside, settings):
            if line.x0 < x1 and line.x1 > x0:
                x0, x1 = min(x0, line.x0 - 1.0), max(x1, line.x1 + 1.0)
        regions.append(Region(x0, x1, (top, bottom)))
    return regions


def _frames_read_by_gutters(
    skeletons: list[_Skeleton], chars: Sequence[Char], settings: Settings
) -> list[_Skeleton]:
    """Ruled boxes with no inner vertical (a frame, perhaps with a header rule) whose glyphs
    leave column gutters become those tables; other boxes stay as drawn."""
    out = []
    for sk in skeletons:
        found = None
        if _is_frame(sk, settings):
            inner = [_box(o) for o in skeletons if box_inside(_box(o), _box(sk))]
            region = Region(sk.col_edges[0], sk.col_edges[-1], _frame_row_edges(sk, settings))
            found = region_to_virtual_rules(
                region, chars_outside_boxes(chars, inner, settings), settings
            )
        out.append(sk if found is None else virtual_rules_to_skeleton(found))
    return out


def _rule_stack_tables(
    groups: Sequence[Sequence[Rule]],
    taken: Sequence[_Skeleton],
    chars: Sequence[Char],
    settings: Settings,
    top: float = 0.0,
) -> list[_Skeleton]:
    """Tables ruled only across or only down, where no drawn table is; and, first on the
    page below ``top`` (the running header's band), the rest of a row the page break cut
    (``regions.region_to_continued_cell``)."""
    across = _horizontal_rule_stacks(groups, chars, settings)
    stacks = across + _vertical_rule_stacks(groups, chars, settings)
    found: list[_Skeleton] = []
    # widest first: short rules between sub-rows inside a table are not a table of their own
    for region in sorted(stacks, key=lambda r: (r.x0 - r.x1) * (r.bottom - r.top)):
        box = (region.x0, region.top, region.x1, region.bottom)
        if any(_overlaps(box, _box(o)) for o in (*taken, *found)):
            continue
        rules = region_to_virtual_rules(region, chars, settings)
        if rules is None:
            opens_page = region in across and all(
                c.centre_y(settings) > region.top for c in chars if c.baseline > top
            )
            cell = region_to_continued_cell(region, chars, settings) if opens_page else None
            if cell is not None:
                found.append(virtual_rules_to_skeleton(cell))
            continue
        longer = extend_below(region, rules, chars, settings)
        if longer != region:
            rules = region_to_virtual_rules(longer, chars, settings) or rules
        found.append(virtual_rules_to_skeleton(rules))
    return found


def _whitespace_tables(
    taken: Sequence[_Skeleton], chars: Sequence[Char], settings: Settings
) -> list[_Skeleton]:
    """Tables set in whitespace alone, among the glyphs outside every table found so far."""
    tables = [_box(sk) for sk in taken if not _is_frame(sk, settings)]
    loose = chars_outside_boxes(chars, tables, settings)
    found = []
    for region in chars_to_whitespace_regions(loose, settings):
        rules = region_to_virtual_rules(region, loose, settings)
        if rules is not None:
            found.append(virtual_rules_to_skeleton(rules))
    return found


def page_to_grids(
    page: PageContent, settings: Settings = DEFAULT_SETTINGS, *, horizontal_text: bool = True
) -> list[Grid]:
    """Every table on the page, top to bottom: ruled grids (a boxed label is a 1×1 grid),
    frames and rule stacks whose glyphs leave column gutters, and tables set in whitespace
    alone. A table inside another one's box owns its glyphs (read once).

    Gutters are looked for only in ``horizontal_text``: the columns of vertical writing
    are not table columns.
    """
    tol = settings.snap_tolerance
    finite = [r for r in page.rules if math.isfinite(r.position + r.start + r.end)]
    groups = rules_to_groups(finite, tol)
    skeletons = [
        sk
        for sk in (
            table_rules_to_skeleton(g, tol)
            for g in groups
            if {r.orientation for r in g} == {"h", "v"}
        )
        if len(sk.col_edges) >= 2 and len(sk.row_edges) >= 2
    ]
    if horizontal_text:
        skeletons = _frames_read_by_gutters(skeletons, page.chars, settings)
        band = settings.furniture_band * page.height
        skeletons += _rule_stack_tables(groups, skeletons, page.chars, settings, band)
        skeletons += _whitespace_tables(skeletons, page.chars, settings)
    # each glyph is read by one table (the innermost); a box that is not a table (a boxed
    # note in a cell, a frame) reads the glyphs no table has
    tables = [sk for sk in skeletons if not _is_frame(sk, settings)]
    owned = dict(
        zip(
            map(id, tables),
            chars_by_box([_box(t) for t in tables], page.chars, settings),
            strict=True,
        )
    )
    taken = {id(c) for chars in owned.values() for c in chars}
    free = [c for c in page.chars if id(c) not in taken]
    grids = []
    for sk in skeletons:
        chars = owned.get(id(sk), free)
        grid = skeleton_to_grid(sk, chars, page.number, settings)
        if grid is not None and grid.x1 - grid.x0 > tol and grid.bottom - grid.top > tol:
            grids.append(grid)
    grids.sort(key=lambda g: (round(g.top, 1), g.x0))
    return grids
