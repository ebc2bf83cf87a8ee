"""``page_to_grids``: ruled grids with spans from small reportlab PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.load import Char, PageContent, Rule
from extractor.tables import Grid, page_to_grids
from tests.fixtures_tables import (
    PageSpec,
    TableSpec,
    TCell,
    build_pdf,
    goal1_table,
    goal3_table,
    load_pages,
    shift_boxes,
)


def _grids(tmp_path: Path, *pages: PageSpec) -> list[list[Grid]]:
    path = build_pdf(tmp_path / "t.pdf", list(pages))
    return [page_to_grids(p) for p in load_pages(path)]


def _texts(grid: Grid) -> list[list[str]]:
    return [[grid.cell_at(r, c).text for c in range(grid.n_cols)] for r in range(grid.n_rows)]


def test_plain_grid_cells_and_text(tmp_path: Path) -> None:
    (grids,) = _grids(tmp_path, PageSpec([goal1_table()]))
    (grid,) = grids
    assert (grid.n_rows, grid.n_cols) == (3, 6)
    assert len(grid.cells) == 18
    assert grid.cell_at(0, 2).text == "基準値(令和元年度)"
    # a wrapped Japanese line is rejoined with nothing in between
    assert grid.cell_at(1, 0).text == "子育てしやすいまちと思う人の割合"
    assert grid.cell_at(1, 0).lines == ("子育てしやすいまちと思", "う人の割合")
    assert _texts(grid)[2][2:] == ["54人", "65人", "35人", "0人"]
    assert grid.page == 1


def test_spanning_cells(tmp_path: Path) -> None:
    (grids,) = _grids(tmp_path, PageSpec([goal3_table()]))
    (grid,) = grids
    assert (grid.n_rows, grid.n_cols) == (6, 7)
    header = grid.cell_at(0, 2)
    assert header is grid.cell_at(0, 1)
    assert (header.col_span, header.row_span, header.text) == (2, 1, "評価指標")
    name = grid.cell_at(3, 0)
    assert (name.row, name.row_span) == (1, 4)
    assert name.text == "自分にはよいところがあると思う児童生徒の割合"
    assert grid.cell_at(4, 4).text == "-"  # the merged 実績 dash
    assert grid.cell_at(2, 6).text == "小中学校ともに全国平均以上"
    assert [grid.cell_at(r, 2).text for r in range(1, 5)] == [
        "小学6年",
        "中学3年",
        "全国(小)",
        "全国(中)",
    ]
    # each spanning cell appears once
    assert len(grid.cells) == len({(c.row, c.col) for c in grid.cells}) == 6 + 4 + 12 + 6


def test_invisible_white_rule_is_ignored(tmp_path: Path) -> None:
    # Two columns drawn as one box; a white line in the middle must not split it.
    table = TableSpec(
        60,
        100,
        [80, 80],
        [20, 20],
        [TCell(0, 0, "見出し", col_span=2), TCell(1, 0, "左"), TCell(1, 1, "右")],
        extra_lines=[(140, 100, 140, 120, (1, 1, 1))],
    )
    (grids,) = _grids(tmp_path, PageSpec([table]))
    (grid,) = grids
    assert grid.cell_at(0, 0) is grid.cell_at(0, 1)
    assert grid.cell_at(0, 0).text == "見出し"
    assert grid.cell_at(1, 0).text == "左" and grid.cell_at(1, 1).text == "右"


def test_several_tables_on_a_page_top_to_bottom(tmp_path: Path) -> None:
    label = TableSpec(480, 30, [50], [18], [TCell(0, 0, "資料２")], size=10)
    (grids,) = _grids(tmp_path, PageSpec([goal3_table(300), goal1_table(120), label]))
    assert [g.n_cols for g in grids] == [1, 6, 7]
    assert grids[0].cells[0].text == "資料2"
    assert (grids[0].n_rows, grids[0].n_cols) == (1, 1)
    assert grids[1].top < grids[2].top


def test_char_assigned_by_baseline_not_by_shifted_box(tmp_path: Path) -> None:
    (page,) = load_pages(build_pdf(tmp_path / "t.pdf", [PageSpec([goal1_table()])]))
    shifted = shift_boxes(page, 0.5)
    # the box moved half a line down: the header's second line now has its box centre
    # in the row below, but readers (and the baseline) still see it in the header
    assert page_to_grids(shifted)[0].cells == page_to_grids(page)[0].cells
    grid = page_to_grids(shifted)[0]
    assert grid.cell_at(0, 5).text == "目標値(令和6年度)"
    assert grid.cell_at(1, 5).text == "80.0%"


def test_rules_snap_and_merge_collinear_pieces() -> None:
    # A 2x2 grid drawn from broken, slightly misaligned pieces (as a print driver would).
    rules = (
        Rule("h", 100.0, 50.0, 120.0),
        Rule("h", 100.8, 119.0, 200.0),
        Rule("h", 130.0, 50.0, 200.0),
        Rule("h", 160.4, 50.0, 200.0),
        Rule("v", 50.0, 100.0, 160.0),
        Rule("v", 125.5, 99.5, 131.0),
        Rule("v", 124.8, 129.5, 160.0),
        Rule("v", 200.0, 100.0, 160.0),
        Rule("h", 400.0, 50.0, 200.0),  # a lone underline elsewhere: not a table
    )
    page = PageContent(1, 595, 842, (), rules)
    (grid,) = page_to_grids(page)
    assert (grid.n_rows, grid.n_cols) == (2, 2)
    assert len(grid.cells) == 4


def test_stray_rule_end_adds_no_column() -> None:
    # The inner horizontal rule stops short of the right border: the right column's two
    # atomic rows merge, and no phantom column is made from the rule's end point.
    rules = (
        Rule("h", 100.0, 50.0, 200.0),
        Rule("h", 130.0, 50.0, 150.0),
        Rule("h", 160.0, 50.0, 200.0),
        Rule("v", 50.0, 100.0, 160.0),
        Rule("v", 150.0, 100.0, 160.0),
        Rule("v", 200.0, 100.0, 160.0),
    )
    (grid,) = page_to_grids(PageContent(1, 595, 842, (), rules))
    assert (grid.n_rows, grid.n_cols) == (2, 2)
    right = grid.cell_at(0, 1)
    assert right is grid.cell_at(1, 1) and right.row_span == 2


def test_open_sided_table_takes_its_outer_edges_from_rule_ends() -> None:
    # No left/right borders: only horizontal rules and one inner vertical rule.
    rules = (
        Rule("h", 100.0, 50.0, 250.0),
        Rule("h", 130.0, 50.0, 250.0),
        Rule("h", 160.0, 50.0, 250.0),
        Rule("v", 150.0, 100.0, 160.0),
    )
    (grid,) = page_to_grids(PageContent(1, 595, 842, (), rules))
    assert grid.col_edges == (50.0, 150.0, 250.0)
    assert (grid.n_rows, grid.n_cols, len(grid.cells)) == (2, 2, 4)


def test_dashed_rules_separate_cells_and_many_dashes_stay_fast() -> None:
    import time

    def dashes(orientation: str, position: float, start: float, end: float) -> list[Rule]:
        out, x = [], start
        while x < end:
            out.append(Rule(orientation, position, x, min(x + 3.0, end)))
            x += 4.5  # 1.5 pt gaps, under the snap tolerance
        return out

    rules = [
        Rule("h", 100.0, 50.0, 500.0),
        Rule("h", 400.0, 50.0, 500.0),
        Rule("v", 50.0, 100.0, 400.0),
        Rule("v", 500.0, 100.0, 400.0),
        *dashes("h", 250.0, 50.0, 500.0),
        *dashes("v", 275.0, 100.0, 400.0),
    ]
    rules *= 10  # the same table drawn ten times over (fake bold rules): 3,000+ segments
    start = time.perf_counter()
    (grid,) = page_to_grids(PageContent(1, 595, 842, (), tuple(rules)))
    assert time.perf_counter() - start < 2.0
    assert (grid.n_rows, grid.n_cols, len(grid.cells)) == (2, 2, 4)


def test_cell_at_outside_the_grid_raises(tmp_path: Path) -> None:
    (grids,) = _grids(tmp_path, PageSpec([goal1_table()]))
    with pytest.raises(IndexError):
        grids[0].cell_at(3, 0)


_coord = st.floats(min_value=0, max_value=300, allow_nan=False)


@st.composite
def _pages(draw: st.DrawFn) -> PageContent:
    rules = draw(
        st.lists(
            st.builds(
                lambda o, p, a, b: Rule(o, p, min(a, b), max(a, b)),
                st.sampled_from(["h", "v"]),
                _coord,
                _coord,
                _coord,
            ),
            max_size=25,
        )
    )
    chars = draw(
        st.lists(
            st.builds(
                lambda t, x, y, size: Char(t, x, x + size, y - size, y, y, size, "F", True),
                st.sampled_from(
                    ["基", "準", "値", "成", "果", "指", "標", "1", "%", "人", "〃", "※"]
                ),
                _coord,
                _coord,
                st.floats(min_value=1, max_value=20),
            ),
            max_size=40,
        )
    )
    return PageContent(1, 595, 842, tuple(chars), tuple(rules))


@settings(max_examples=300, deadline=None)
@given(_pages())
def test_any_rules_and_chars_give_consistent_grids(page: PageContent) -> None:
    from extractor.columns import is_indicator_grid
    from extractor.indicators import grids_to_indicator_table

    for grid in page_to_grids(page):
        # every atomic unit is covered by exactly one cell
        covered = [
            (r, c)
            for cell in grid.cells
            for r in range(cell.row, cell.last_row + 1)
            for c in range(cell.col, cell.last_col + 1)
        ]
        assert sorted(covered) == [(r, c) for r in range(grid.n_rows) for c in range(grid.n_cols)]
        assert list(grid.col_edges) == sorted(grid.col_edges)
        assert list(grid.row_edges) == sorted(grid.row_edges)
        if is_indicator_grid(grid):
            grids_to_indicator_table([grid, grid])
