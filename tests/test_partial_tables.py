"""Indicator tables without full ruling, as issue 8's variant reports draw them: sub-rows
under a merged name or target, rules between sub-rows only, two-row headers, tables
continued on the next page, and the headings and notes around a table set in whitespace.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.columns import grid_continues, grid_to_columns, grid_to_header_rows
from extractor.indicators import grids_to_indicator_table
from extractor.load import pdf_to_pages
from extractor.tables import Grid, page_to_grids
from tests.fixtures_layouts import Drawing, Text, draw, table_texts

#: Name, 区分, baseline, target columns' left edges.
LEFTS = [60, 200, 300, 400]
HEADER = ["指標名", "区分", "基準値(R1)", "目標値(R6)"]


def _pages(tmp_path: Path, *pages: Drawing) -> list[list[Grid]]:
    return [page_to_grids(p) for p in pdf_to_pages(draw(tmp_path / "t.pdf", list(pages)))]


def _rows(grid: Grid) -> list[list[str]]:
    return [[c.text for c in grid.row_cells(r) if c.row == r] for r in range(grid.n_rows)]


def _cell(grid: Grid, text: str) -> tuple[int, int]:
    """(row, row_span) of the cell printing ``text``."""
    (cell,) = [c for c in grid.cells if c.text == text]
    return cell.row, cell.row_span


def _subrow_table(top: float, *, target_merged: bool) -> list[Text]:
    """A header, then one indicator over two sub-rows (小学生, 中学生): its name set between
    them, and the target too when ``target_merged``."""
    texts = table_texts([HEADER], LEFTS, top=top)
    for i, (label, base, target) in enumerate([("小学生", "10人", "12人"), ("中学生", "20人", "")]):
        y = top + 25 + i * 22
        texts += [Text(LEFTS[1], y, label), Text(LEFTS[2], y, base)]
        if target and not target_merged:
            texts.append(Text(LEFTS[3], y, target))
    texts.append(Text(LEFTS[0], top + 36, "待機児童数"))
    if target_merged:
        texts.append(Text(LEFTS[3], top + 36, "30人"))
    return texts


def test_a_name_centred_between_sub_rows_spans_them(tmp_path: Path) -> None:
    """No rules at all: the name's line lies between the sub-rows' lines; it is one cell over
    both (not a row of its own), and the sub-rows keep their values."""
    (grids,) = _pages(tmp_path, Drawing(texts=_subrow_table(100, target_merged=True)))
    (grid,) = grids
    name_row, name_span = _cell(grid, "待機児童数")
    assert name_span == 2
    assert _cell(grid, "30人") == (name_row, 2)
    assert _rows(grid)[name_row] == ["待機児童数", "小学生", "10人", "30人"]
    assert _rows(grid)[name_row + 1] == ["中学生", "20人"]
    table = grids_to_indicator_table([grid])
    (indicator,) = table.indicators
    assert [s.label for s in indicator.series] == ["小学生", "中学生"]
    assert [s.values[0].raw for s in indicator.series] == ["10人", "20人"]
    assert indicator.series[0].values[1].raw == "30人"


def test_a_label_row_at_the_line_pitch_is_not_a_merged_cell(tmp_path: Path) -> None:
    """A line in one column between two rows that use that column too stays a row."""
    rows = [HEADER, ["保育", "小学生", "10人", "12人"], ["相談", "", "", ""]]
    rows += [["訪問", "中学生", "20人", "22人"]]
    (grids,) = _pages(tmp_path, Drawing(texts=table_texts(rows, LEFTS, top=100)))
    (grid,) = grids
    assert [[t for t in r if t] for r in _rows(grid)[1:]] == [[t for t in r if t] for r in rows[1:]]


def test_a_rule_between_sub_rows_parts_only_the_columns_it_crosses(tmp_path: Path) -> None:
    """Rules across only: top, header, bottom, and between the sub-rows a rule over the
    区分 and baseline columns but not through the name or the target merged over them."""
    texts = _subrow_table(100, target_merged=True)
    rules = [(50, 88, 480, 88), (50, 110, 480, 110), (50, 154, 480, 154)]
    rules += [(190, 131, 390, 131)]
    (grids,) = _pages(tmp_path, Drawing(texts=texts, rules=rules))
    (grid,) = grids
    assert _cell(grid, "待機児童数")[1] == 2
    assert _cell(grid, "30人")[1] == 2
    assert _cell(grid, "小学生")[1] == _cell(grid, "中学生")[1] == 1


def test_two_tables_of_one_width_with_text_between_are_two(tmp_path: Path) -> None:
    """The two tables' rules stack (same extent); the headings and paragraph between them
    are running text, which no table holds."""
    first = table_texts([HEADER, ["待機児童数", "", "10人", "0人"]], LEFTS, top=100)
    second = table_texts([HEADER, ["転入者数", "", "1,200人", "1,500人"]], LEFTS, top=260)
    prose = "市は、子育て世帯の負担を軽くするため、保育料の減免や利用料の減額を行った。"
    between = [Text(60, 160 + i * 15, line) for i, line in enumerate(["(2) 主な取組", prose])]
    between += [Text(60, 205, "(3) 今後の方向性"), Text(60, 220, prose)]
    rules = []
    for top in (100, 260):
        rules += [(50, top - 12, 480, top - 12), (50, top + 6, 480, top + 6)]
        rules += [(50, top + 24, 480, top + 24)]
    (grids,) = _pages(tmp_path, Drawing(texts=first + between + second, rules=rules))
    assert [_rows(g)[1][0] for g in grids] == ["待機児童数", "転入者数"]
    assert all(prose not in c.text for g in grids for c in g.cells)


@pytest.mark.parametrize("mark", ["※", "注"])
def test_a_mark_number_wrapped_alone_continues_its_cell(tmp_path: Path, mark: str) -> None:
    """``…割合※`` / ``1`` (or ``…割合注`` / ``1``): the figure on the next line is the
    mark's, not a row."""
    rows = [HEADER, ["受診率", f"受診者の割合{mark}", "86.3%", "98.0%"]]
    rows += [["転入者数", "住民基本台帳", "1,803人", "2,952人"]]
    texts = [*table_texts(rows, LEFTS, top=100, pitch=30), Text(LEFTS[1], 142, "1")]
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (grid,) = grids
    assert grid.n_rows == 3
    assert _rows(grid)[1][:2] == ["受診率", f"受診者の割合{mark}1"]


def test_a_heading_after_and_a_title_before_a_whitespace_table_are_not_rows(
    tmp_path: Path,
) -> None:
    """``1　成果指標`` at the table's left edge above it, and ``2　実施状況`` (two words in
    the name column) after it, are headings, not rows of the table."""
    rows = [HEADER, ["待機児童数", "", "10人", "0人"], ["転入者数", "", "1,200人", "1,500人"]]
    texts = [Text(60, 85, "1　成果指標の状況")]
    texts += table_texts(rows, LEFTS, top=103)
    texts += [Text(60, 170, "2　実施状況")]
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (grid,) = grids
    assert [r[0] for r in _rows(grid)] == ["指標名", "待機児童数", "転入者数"]


def test_a_wrapped_last_line_of_the_last_row_stays_in_the_table(tmp_path: Path) -> None:
    """A cell of two lines beside a one-line name centred on them (as a browser prints
    it), in the only body row: its second line is no heading after the table."""
    header = [HEADER, ["", "", "(R1)", "(R6)"]]
    texts = table_texts(header, LEFTS, top=100, pitch=12)
    texts += [Text(LEFTS[1], 130.5, "各年度4月1日時点の")]
    texts += table_texts([["待機児童数", "", "10人", "0人"]], LEFTS, top=136)
    texts += [Text(LEFTS[1], 141.5, "待機児童数")]
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (grid,) = grids
    last = [t for t in _rows(grid)[-1] if t]
    assert last == ["待機児童数", "各年度4月1日時点の待機児童数", "10人", "0人"]


def test_a_short_cell_under_a_header_of_two_words_does_not_end_the_table(
    tmp_path: Path,
) -> None:
    """``目標値  R8`` printed as two words, and below it a value bridging their gap."""
    header = table_texts([["指標名", "基準値", "評価"], ["", "(R1)", "(点)"]], [60, 250, 450])
    header += [Text(330, 100, "目標値"), Text(375, 100, "R8")]
    body = []
    for i, (name, base, target, mark) in enumerate(
        [
            ("待機児童数", "10", "5/5件", "A"),
            ("転入者数", "20", "3/5件", "B"),
            ("相談件数", "3", "4/5件", "C"),
        ]
    ):
        y = 136 + 18 * i
        body += [Text(60, y, name), Text(250, y, base), Text(352, y, target), Text(450, y, mark)]
    (grids,) = _pages(tmp_path, Drawing(texts=header + body))
    (grid,) = grids
    assert [r[0] for r in _rows(grid) if r[0]] == ["指標名", "待機児童数", "転入者数", "相談件数"]
    assert "目標値R8" in _rows(grid)[0]


def test_a_role_word_and_its_year_on_one_header_line_are_one_column(tmp_path: Path) -> None:
    """``目標値   令和6年度`` with the value under the year only: the gap is a gutter on
    the page, but the header names one target column in 2024."""
    rows = [["指標名", "基準値(R1)", "目標値", "令和6年度"], ["待機児童数", "10人", "", "0人"]]
    rows += [["転入者数", "20人", "", "5人"]]
    (grids,) = _pages(tmp_path, Drawing(texts=table_texts(rows, [60, 200, 320, 380], top=100)))
    (grid,) = grids
    header = grid_to_header_rows(grid)
    assert header is not None
    values = [c for c in grid_to_columns(grid, header) if c.kind == "value"]
    assert [(c.role, c.fiscal_year) for c in values] == [("baseline", 2019), ("target", 2024)]
    (first, _) = grids_to_indicator_table([grid]).indicators
    assert [v.raw for v in first.series[0].values] == ["10人", "0人"]


def test_a_table_repeating_its_header_on_the_next_page_continues(tmp_path: Path) -> None:
    """Column edges found from whitespace move with each page's text (a long source on the
    first page, a short one on the next); the repeated header says it is one table."""
    header = ["指標名", "根拠", "基準値(R1)", "目標値(R6)"]
    one = [header, ["待機児童数", "各年度4月1日時点における待機児童数", "10人", "0人"]]
    two = [header, ["転入者数", "住民基本台帳", "1,200人", "1,500人"]]
    one += [["相談件数", "事業実績報告による件数", "30件", "40件"]]
    two += [["訪問件数", "事業実績", "3件", "4件"]]
    lefts = [60, 160, 380, 450]
    first, second = _pages(
        tmp_path,
        Drawing(texts=table_texts(one, lefts, top=100)),
        Drawing(texts=table_texts(two, lefts, top=100)),
    )
    assert first[0].col_edges != second[0].col_edges
    assert grid_continues(first[0], second[0])
    table = grids_to_indicator_table([first[0], second[0]])
    assert [i.name for i in table.indicators] == ["待機児童数", "相談件数", "転入者数", "訪問件数"]


def test_a_heading_running_across_the_columns_above_a_table_is_not_a_row(
    tmp_path: Path,
) -> None:
    """A contents line (title … page) and a goal heading of two words over the table's
    columns, each set apart, then the table: the table starts at its header."""
    texts = [Text(60, 60, "若い世代が安心して働けるまちをつくるについて"), Text(500, 60, "・・・2")]
    texts += [Text(60, 90, "1　目標一"), Text(120, 90, "地域の魅力を生かした交流の促進について")]
    texts += [Text(60, 112, "(1) 成果指標の状況")]
    rows = [HEADER, ["待機児童数", "", "10人", "0人"], ["転入者数", "", "1,200人", "1,500人"]]
    texts += table_texts(rows, [70, 200, 300, 400], top=130)
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (grid,) = grids
    assert [r[0] for r in _rows(grid)] == ["指標名", "待機児童数", "転入者数"]


def test_a_bracketed_note_that_did_not_fit_continues_its_cell(tmp_path: Path) -> None:
    """A word processor breaks ``…待機児童数（注）`` before the bracket when the bracketed
    word no longer fits: the short line above it still wraps into it."""
    lefts = [60, 120, 200, 260]
    header = table_texts([["指標", "算出方法", "当初値", "目標"]], lefts, top=100)
    source = ["各年度４", "月１日時", "点におけ", "る待機児", "童数", "（注）"]
    texts = header + [Text(lefts[1], 118 + 10 * i, line, 8.5) for i, line in enumerate(source)]
    texts += [Text(lefts[0], 140, "待機児童数", 8.5), Text(lefts[2], 140, "6人", 8.5)]
    texts += [Text(lefts[3], 140, "0人", 8.5)]
    texts += table_texts([["転入者数", "台帳", "20人", "30人"]], lefts, top=190)
    rules = [(50, 88, 300, 88), (50, 106, 300, 106), (50, 176, 300, 176), (50, 196, 300, 196)]
    (grids,) = _pages(tmp_path, Drawing(texts=texts, rules=rules))
    (grid,) = grids
    assert [t for t in _rows(grid)[1] if t] == [
        "待機児童数",
        "各年度4月1日時点における待機児童数(注)",
        "6人",
        "0人",
    ]


#: Name, baseline, target columns' left edges for tables of wrapped names.
WRAP_LEFTS = [60, 200, 300]
WRAP_HEADER = ["指標名", "基準値(R1)", "目標値(R6)"]


def _centred_rows(top: float, names: list[list[str]], values: list[list[str]]) -> list[Text]:
    """A header, then rows whose names wrap at the line pitch with no gap between two names,
    each row's values set on its name's vertical middle (cells centred, as Word sets them)."""
    texts = table_texts([WRAP_HEADER], WRAP_LEFTS, top=top)
    y = top + 25
    for lines, row in zip(names, values, strict=True):
        texts += [Text(WRAP_LEFTS[0], y + i * 12, line) for i, line in enumerate(lines)]
        middle = y + (len(lines) - 1) * 12 / 2
        texts += [Text(x, middle, value) for x, value in zip(WRAP_LEFTS[1:], row, strict=True)]
        y += len(lines) * 12
    return texts


def test_wrapped_names_of_centred_rows_are_cut_at_their_figures(tmp_path: Path) -> None:
    """No rules, no gap between two rows' wrapped names: each row's figures sit on the middle
    of its name (between two of its lines), so the name lines part where the rows do."""
    names = [["地域子育て支", "援拠点の数"], ["子育てしやす", "いまちと思う", "人の割合"]]
    texts = _centred_rows(100, names, [["10件", "56件"], ["45.5%", "68.2%"]])
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (grid,) = grids
    assert _rows(grid)[1:] == [
        ["地域子育て支援拠点の数", "10件", "56件"],
        ["子育てしやすいまちと思う人の割合", "45.5%", "68.2%"],
    ]
    table = grids_to_indicator_table([grid])
    assert [i.name for i in table.indicators] == [
        "地域子育て支援拠点の数",
        "子育てしやすいまちと思う人の割合",
    ]


def test_a_wrapped_cell_centred_over_sub_rows_is_not_cut(tmp_path: Path) -> None:
    """A two-line name centred over two sub-rows (their figures above and below its lines)
    spans them: figures beside a block but outside its lines do not cut it."""
    texts = table_texts([WRAP_HEADER], WRAP_LEFTS, top=100)
    texts += [
        Text(WRAP_LEFTS[0], 131, "各年度4月1日時点"),
        Text(WRAP_LEFTS[0], 142, "の待機児童数"),
    ]
    for y, base, target in [(125, "10人", "12人"), (148, "20人", "22人")]:
        texts += [Text(WRAP_LEFTS[1], y, base), Text(WRAP_LEFTS[2], y, target)]
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (grid,) = grids
    assert _cell(grid, "各年度4月1日時点の待機児童数")[1] == 2


def test_a_one_indicator_table_in_whitespace_converts(tmp_path: Path) -> None:
    """A header and a single row with no rules (a table continued on the next page, a goal
    with one indicator): found, and read as that indicator."""
    rows = [WRAP_HEADER, ["待機児童数", "66人", "14人"]]
    (grids,) = _pages(tmp_path, Drawing(texts=table_texts(rows, WRAP_LEFTS, top=100)))
    (grid,) = grids
    (indicator,) = grids_to_indicator_table([grid]).indicators
    assert indicator.name == "待機児童数"
    assert [v.raw for v in indicator.series[0].values] == ["66人", "14人"]


#: Name, 区分, baseline, target columns for tables of labelled sub-rows.
SUB_LEFTS = [60, 150, 220, 300]
SUB_HEADER = ["指標名", "区分", "基準値(R1)", "目標値(R6)"]


def test_a_name_wrapped_over_labelled_sub_rows_at_their_top_is_one_name(tmp_path: Path) -> None:
    """Cells set at their top: ``保育士の有効求`` / ``人倍率`` beside the sub-rows 小学校 and
    中学校, a figure on every line. The lines are parted for their figures (as a budget
    book's items are), but the 区分 labels say they are sub-rows of one indicator."""
    rows = [SUB_HEADER, ["保育士の有効求", "小学校", "2.76倍", "3.64倍"]]
    rows += [["人倍率", "中学校", "3.27倍", "1.36倍"], ["転入者数", "", "1,200人", "1,500人"]]
    texts = table_texts(rows, SUB_LEFTS, top=100, pitch=12)
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (grid,) = grids
    table = grids_to_indicator_table([grid])
    assert [i.name for i in table.indicators] == ["保育士の有効求人倍率", "転入者数"]
    first = table.indicators[0]
    assert [s.label for s in first.series] == ["小学校", "中学校"]
    assert [[v.raw for v in s.values] for s in first.series] == [
        ["2.76倍", "3.64倍"],
        ["3.27倍", "1.36倍"],
    ]
    assert not table.warnings


def test_ratios_on_every_line_part_labels_set_at_the_line_pitch(tmp_path: Path) -> None:
    """``1/5`` beside ``小学校`` and ``2/5`` beside ``中学校``, the labels as tight as a wrapped
    line: a ratio is a figure of its own line, so they are two sub-rows, not one label."""
    rows = [SUB_HEADER, ["重点事業の数", "小学校", "1/5", "4/5"], ["", "中学校", "2/5", "5/5"]]
    texts = table_texts(rows, SUB_LEFTS, top=100, pitch=11)
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (indicator,) = grids_to_indicator_table(grids).indicators
    assert [s.label for s in indicator.series] == ["小学校", "中学校"]
    assert [[v.raw for v in s.values] for s in indicator.series] == [["1/5", "4/5"], ["2/5", "5/5"]]


def test_cells_centred_on_a_name_over_sub_rows_of_unequal_height_span_them(
    tmp_path: Path,
) -> None:
    """Cells centred vertically (Word, a browser): a five-line name merged over a short
    sub-row (市内) and a tall one (全国); the unit and the target are centred on the name,
    so they print inside the tall sub-row, off the middle of its own cells (全国, 41.4)."""
    lefts = [60, 130, 180, 240, 320]
    header = ["指標名", "単位", "区分", "基準値(R1)", "目標値(R6)"]
    texts = table_texts([header], lefts, top=100)
    name = ["子育てし", "やすいま", "ちと思う", "人の割合", "の平均値"]
    texts += [Text(lefts[0], 125 + 10 * i, line) for i, line in enumerate(name)]
    texts += table_texts([["", "", "市内", "75.3"]], lefts, top=125)
    texts += table_texts([["", "", "全国", "41.4"]], lefts, top=152)
    texts += [Text(lefts[1], 145, "%"), Text(lefts[4], 145, "41.1")]
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (grid,) = grids
    assert _cell(grid, "%")[1] == _cell(grid, "41.1")[1] == 2
    (indicator,) = grids_to_indicator_table([grid]).indicators
    assert [s.label for s in indicator.series] == ["市内", "全国"]
    assert [(v.raw, v.unit) for v in indicator.series[0].values] == [("75.3", "%"), ("41.1", "%")]
    assert [(v.raw, v.unit) for v in indicator.series[1].values] == [("41.4", "%"), ("41.1", "%")]


def test_a_header_year_at_the_line_pitch_stays_out_of_the_first_row(tmp_path: Path) -> None:
    """No rules, no gap under a two-line header (``当初値`` / ``Ｈ３０``): the full-width year
    is no first half of ``1,234`` below it, nor does ``Ｒ３`` wrap into ``約41``."""
    lefts = [60, 150, 220, 290]
    texts = table_texts([["", "", "当初値", "最新値"], ["", "", "Ｈ３０", "Ｒ３"]], lefts, pitch=10)
    texts += [Text(60, 105, "指標名"), Text(150, 105, "区分")]
    rows = [["子育て相談", "小学校", "1,234", "約41"], ["", "中学校", "1,827", "約52"]]
    texts += table_texts(rows, lefts, top=120, pitch=10)
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (grid,) = grids
    (indicator,) = grids_to_indicator_table([grid]).indicators
    assert [[v.raw for v in s.values] for s in indicator.series] == [
        ["1,234", "約41"],
        ["1,827", "約52"],
    ]
    assert [(v.role, v.fiscal_year) for v in indicator.series[0].values] == [
        ("baseline", 2018),
        ("current", 2021),
    ]


def test_a_centred_header_line_does_not_wrap_into_the_first_row(tmp_path: Path) -> None:
    """A narrow name column headed ``重要業績評`` / ``価指標`` (centred), the first name right
    under it at the line pitch: the short centred line ends the header, it is no wrapped
    line running on into the name."""
    lefts = [60, 130, 200]
    texts = [Text(60, 100, "重要業績評"), Text(70, 110, "価指標")]
    texts += [Text(130, 105, "基準値(R1)"), Text(200, 105, "目標値(R6)")]
    name = ["一時預かり", "事業の延べ", "利用回数"]
    texts += [Text(60, 120 + 10 * i, line) for i, line in enumerate(name)]
    texts += table_texts([["", "320回", "883回"]], lefts, top=130)
    texts += [Text(60, 160 + 10 * i, line) for i, line in enumerate(["保育士の有", "効求人倍率"])]
    texts += table_texts([["", "1.08倍", "2.92倍"]], lefts, top=165)
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (grid,) = grids
    table = grids_to_indicator_table([grid])
    names = [i.name for i in table.indicators]
    assert names == ["一時預かり事業の延べ利用回数", "保育士の有効求人倍率"]
    assert [v.raw for v in table.indicators[0].series[0].values] == ["320回", "883回"]


def test_a_header_word_printed_apart_from_its_year_names_the_column_below_it(
    tmp_path: Path,
) -> None:
    """Rules across only. ``目標値   令和7年度`` is printed as two words over the target
    column; ``目標値`` lies in the body's gutter, nearer the target figures than the wide
    ``最新値（令和4年度）`` on its left: the column edge goes between those two headers."""
    texts = [
        Text(60, 100, "指標名"),
        Text(200, 100, "基準値(R1)"),
        Text(270, 100, "最新値（令和4年度）"),
    ]
    texts += [Text(392, 100, "目標値"), Text(432, 100, "令和7年度")]
    rows = [["待機児童数", "10人", "8人", "0人"], ["転入者数", "1,200人", "1,300人", "1,500人"]]
    texts += table_texts(rows, [60, 200, 300, 425], top=122)
    rules = [(50, 88, 490, 88), (50, 106, 490, 106), (50, 146, 490, 146)]
    (grids,) = _pages(tmp_path, Drawing(texts=texts, rules=rules))
    (grid,) = grids
    table = grids_to_indicator_table([grid])
    assert not table.warnings
    values = [c for c in table.columns if c.kind == "value"]
    assert [(c.role, c.fiscal_year) for c in values] == [
        ("baseline", 2019),
        ("current", 2022),
        ("target", 2025),
    ]
    assert [v.raw for v in table.indicators[1].series[0].values] == [
        "1,200人",
        "1,300人",
        "1,500人",
    ]


def test_a_headless_table_on_the_next_page_continues_though_its_gutters_moved(
    tmp_path: Path,
) -> None:
    """Rules across only, no header on the second page: its short sources move the gutter
    between source and figures far from the first page's, but each column still lies over
    its counterpart, so the table continues (its rows are read with the first page's header)."""
    lefts = [60, 140, 330, 420]
    header = ["指標名", "根拠", "基準値(R1)", "目標値(R6)"]
    one = table_texts(
        [header, ["待機児童数", "各年度4月1日時点の待機児童数", "10人", "0人"]], lefts
    )
    two = [
        ["転入者数", "住民基本台帳", "1,200人", "1,500人"],
        ["相談件数", "相談記録", "30件", "40件"],
    ]
    rules_one = [(50, 88, 480, 88), (50, 106, 480, 106), (50, 124, 480, 124)]
    rules_two = [(50, 88, 480, 88), (50, 106, 480, 106), (50, 124, 480, 124)]
    first, second = _pages(
        tmp_path,
        Drawing(texts=one, rules=rules_one),
        Drawing(texts=table_texts(two, lefts), rules=rules_two),
    )
    assert abs(first[0].col_edges[2] - second[0].col_edges[2]) > 10
    assert grid_continues(first[0], second[0])
    table = grids_to_indicator_table([first[0], second[0]])
    assert [i.name for i in table.indicators] == ["待機児童数", "転入者数", "相談件数"]
    assert [v.raw for v in table.indicators[2].series[0].values] == ["30件", "40件"]


def test_a_heading_of_two_words_above_a_table_does_not_cut_it_short(tmp_path: Path) -> None:
    """``基本方針2　地域の…`` (two words) right above a whitespace table leaves a gap that
    the header's ``指標`` also ends before: a long name further down runs across it. The
    heading is no part of the table, so the table keeps that row."""
    texts = [
        Text(57, 60, "基本方針2"),
        Text(125, 60, "地域の魅力を生かした交流の促進と定住の推進について"),
    ]
    texts += [Text(57, 80, "■KPIの状況")]
    lefts = [61, 200, 300, 400]
    texts += table_texts([["", "区分", "基準値(R1)", "目標値(R6)"]], lefts)
    texts += [Text(95, 100, "指標")]
    rows = [
        ["転入者数", "市内", "1,200人", "1,500人"],
        ["保育士の有効求人倍率", "市内", "1.5倍", "2.0倍"],
    ]
    texts += table_texts(rows, lefts, top=118)
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (grid,) = grids
    table = grids_to_indicator_table([grid])
    assert [i.name for i in table.indicators] == ["転入者数", "保育士の有効求人倍率"]


#: Rules across a table with a two-line header and one body row: top, header, bottom.
ONE_ROW_RULES = [(50, 88, 540, 88), (50, 118, 540, 118), (50, 138, 540, 138)]


def test_one_row_under_a_header_rule_keeps_its_short_name_and_an_empty_last_column(
    tmp_path: Path,
) -> None:
    """The page holds one body row: ``成果指標`` is centred over a name column far wider
    than the short name below it (it names that column, not one of its own), and the
    ``備考`` column is empty in the body (it is still a column, not part of the target)."""
    lefts = [60, 280, 340, 400, 480]
    texts = table_texts([["", "基準値", "実績", "目標"], ["", "H30", "R4", "R8"]], lefts, top=100)
    texts += [Text(150, 105, "成果指標"), Text(480, 105, "備考")]
    texts += table_texts([["転入者数", "1,216人", "1,336人", "全国平均以上"]], lefts, top=132)
    (grids,) = _pages(tmp_path, Drawing(texts=texts, rules=ONE_ROW_RULES))
    (grid,) = grids
    table = grids_to_indicator_table([grid])
    assert not table.warnings
    (indicator,) = table.indicators
    assert indicator.name == "転入者数"
    assert [v.raw for v in indicator.series[0].values] == ["1,216人", "1,336人", "全国平均以上"]


@pytest.mark.parametrize("kubun", [220, 195])
def test_one_row_leaves_a_headed_column_between_two_others_empty(
    tmp_path: Path, kubun: float
) -> None:
    """``区分`` between ``単位`` and ``基準値``, empty in the only body row: its header word
    lies in the body's gutter between 件 and the baseline, with a header over each; it is
    a column of its own, so the baseline stays the baseline (also when it is printed a
    cell's padding, more than a typed space, after ``単位``)."""
    lefts = [60, 160, kubun, 300, 380]
    header = [["指標名", "単位", "区分", "基準値(R1)", "目標値(R6)"]]
    texts = table_texts(header, lefts, top=108)
    texts += table_texts([["子育て相談の件数", "件", "", "1,420", "3,841"]], lefts, top=132)
    (grids,) = _pages(tmp_path, Drawing(texts=texts, rules=ONE_ROW_RULES))
    (grid,) = grids
    table = grids_to_indicator_table([grid])
    assert not table.warnings
    assert [(c.kind, c.header) for c in table.columns] == [
        ("name", "指標名"),
        ("unit", "単位"),
        ("label", "区分"),
        ("value", "基準値(R1)"),
        ("value", "目標値(R6)"),
    ]
    (indicator,) = table.indicators
    values = indicator.series[0].values
    assert [(v.role, v.raw, v.unit) for v in values] == [
        ("baseline", "1,420", "件"),
        ("target", "3,841", "件"),
    ]


def test_a_one_line_header_at_the_line_pitch_stays_off_the_first_row_of_figures(
    tmp_path: Path,
) -> None:
    """No rules, the header line right above the first body row (a shaded header row, as
    Word prints it): ``基準値（平30）`` over ``18か所`` and ``達成状況`` over ``未達成`` look
    like wrapped cells, but the header never runs on into the row of figures below it."""
    lefts = [60, 160, 220, 310, 400]
    texts = table_texts([["数値目標", "対象", "基準値（平30）", "実績（令2）", "達成状況"]], lefts)
    rows = [["地域子育て支援拠点", "小学校", "18か所", "39か所", "未達成"]]
    rows += [["の数", "中学校", "11か所", "34か所", "未達成"]]
    texts += table_texts(rows, lefts, top=110, pitch=10)
    texts += table_texts([["子育て相談の件数", "", "1,494件", "1,557件", "達成"]], lefts, top=135)
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (grid,) = grids
    table = grids_to_indicator_table([grid])
    assert [c.header for c in table.columns][2:] == ["基準値(平30)", "実績(令2)", "達成状況"]
    first, second = table.indicators
    assert first.name == "地域子育て支援拠点の数"
    assert [s.label for s in first.series] == ["小学校", "中学校"]
    assert [[v.raw for v in s.values] for s in first.series] == [
        ["18か所", "39か所"],
        ["11か所", "34か所"],
    ]
    assert [a.raw for a in first.assessment] == ["未達成", "未達成"]
    assert second.name == "子育て相談の件数"


def test_the_rest_of_a_row_in_one_column_opening_the_next_page_continues_it(
    tmp_path: Path,
) -> None:
    """Rules across only; the page break cuts the last row, and only its source runs on:
    the next page opens with a band between two rules holding that one narrow column. It
    is the rest of that row (a cell of the table), not running text or a note."""
    lefts = [60, 150, 300, 380]
    header = ["指標名", "算出方法", "基準値(R1)", "目標値(R6)"]
    texts = table_texts([header], lefts, top=700)
    texts += table_texts([["受診率", "健康診査の受診", "87.8%", "97.6%"]], lefts, top=722)
    texts += [Text(150, 734, "者数を対象")]
    first = Drawing(texts=texts, rules=[(50, 688, 460, 688), (50, 708, 460, 708)])
    first.rules.append((50, 742, 460, 742))
    rest = [
        Text(150, 72, "者数で除"),
        Text(150, 84, "した割合(注)"),
        Text(60, 112, "(注)中止した。"),
    ]
    second = Drawing(texts=rest, rules=[(50, 62, 460, 62), (50, 90, 460, 90)])
    one, two = _pages(tmp_path, first, second)
    assert grid_continues(one[-1], two[0])
    heading = Drawing(texts=[Text(150, 80, "基本目標２")], rules=second.rules)
    assert _pages(tmp_path, first, heading)[1] == []  # a heading between two rules
    (indicator,) = grids_to_indicator_table([one[-1], two[0]]).indicators
    assert indicator.source == "健康診査の受診者数を対象者数で除した割合(注)"
    assert [v.raw for v in indicator.series[0].values] == ["87.8%", "97.6%"]


def test_a_two_line_header_at_the_line_pitch_stays_off_the_first_row_of_figures(
    tmp_path: Path,
) -> None:
    """``策定時`` centred over ``令和元年度`` and the first figures right under the year: the
    year line is the header's, not the first half of ``21か所``."""
    lefts = [60, 160, 260, 350]
    texts = [Text(266, 100, "策定時", 8.5), Text(356, 100, "目標値", 8.5)]
    texts += table_texts([["目標指標", "区分"]], lefts, top=105.2, size=8.5)
    texts += table_texts([["", "", "令和元年度", "令和6年度"]], lefts, top=110.3, size=8.5)
    rows = [["拠点の数", "小学校", "21か所", "48か所"], ["", "中学校", "16か所", "39か所"]]
    texts += table_texts(rows, lefts, top=120.6, pitch=10.3, size=8.5)
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (indicator,) = grids_to_indicator_table(grids).indicators
    assert [[v.raw for v in s.values] for s in indicator.series] == [
        ["21か所", "48か所"],
        ["16か所", "39か所"],
    ]
    assert [(v.role, v.fiscal_year) for v in indicator.series[0].values] == [
        ("baseline", 2019),
        ("target", 2024),
    ]


def test_two_sources_at_a_slightly_wider_pitch_are_two_cells(tmp_path: Path) -> None:
    """No rules and no gap between two rows, the first row's figures on its source's last
    line: that line runs from edge to edge, so the second source looks like its wrapped
    rest; but a cell's lines keep one pitch, and the pitch widens (by the cells' padding)
    where the other columns part the rows."""
    lefts = [60, 150, 260, 330]
    texts = table_texts([["指標名", "算出方法", "基準値", "目標値"]], lefts, size=8.5)
    sources = [(115.0, "子育て支援課の相談"), (124.7, "記録による件数です")]
    sources += [(135.3, "健康診査の受診者数"), (145.0, "を対象者数で除した"), (154.7, "割合")]
    texts += [Text(lefts[1], y, line, 8.5) for y, line in sources]
    texts += [Text(lefts[0], 115.0, "相談件数", 8.5), Text(lefts[0], 145.0, "受診率", 8.5)]
    for y, base, target in [(124.7, "1,168", "2,051"), (145.0, "86.5", "97.1")]:
        texts += table_texts([["", "", base, target]], lefts, top=y, size=8.5)
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    table = grids_to_indicator_table(grids)
    assert [(i.name, i.source) for i in table.indicators] == [
        ("相談件数", "子育て支援課の相談記録による件数です"),
        ("受診率", "健康診査の受診者数を対象者数で除した割合"),
    ]


def test_a_note_right_under_the_table_in_the_name_column_is_a_note(tmp_path: Path) -> None:
    """``＊数値は…`` printed at the line pitch under the last row, no wider than the names:
    it reads as that name's wrapped last line, but a line opening with a note mark is the
    table's note (attached by its mark), never an indicator of its own."""
    lefts = [60, 250, 330, 410]
    rows = [HEADER, ["一時預かり事業の延べ利用回数＊", "", "854回", "246回"]]
    texts = table_texts(rows, lefts, top=100, pitch=14, size=8.5)
    texts += [Text(60, 124.7, "＊数値は各年度末時点のもの。", 8.5)]
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    table = grids_to_indicator_table(grids)
    (indicator,) = table.indicators
    assert indicator.name == "一時預かり事業の延べ利用回数*"
    assert indicator.note == "*数値は各年度末時点のもの。"


def test_a_heading_and_an_item_after_a_small_table_stay_out_of_it(tmp_path: Path) -> None:
    """A table set in 8.5 pt, then (one table row's pitch below) a heading in 10.5 pt and an
    item of two words (``ア　ひとり親家庭への支援``) running across the gap between the
    name and the source: the heading ends the table, which keeps that gap as a column."""
    printed = [
        (110.5, 85.2, "目標指標"), (263.0, 85.2, "算出方法"), (439.7, 85.2, "Ｒ２"),
        (407.2, 94.2, "Ｒ１"), (472.1, 94.2, "Ｒ３"), (505.6, 94.2, "Ｒ７"),
        (67.5, 112.2, "一時預かり事業の延べ利用"), (194.5, 117.7, "事業実績報告による回数"),
        (405.1, 117.7, "505回"), (437.6, 117.7, "553回"), (470.0, 117.7, "623回"),
        (503.5, 117.7, "720回"), (67.5, 123.2, "回数"),
    ]  # fmt: skip
    texts = [Text(x, y, text, 8.5) for x, y, text in printed]
    texts += [Text(64, 152.5, "○主な事業", 10.5), Text(64, 171.5, "ア", 10.5)]
    texts += [Text(85, 171.5, "ひとり親家庭への支援", 10.5)]
    prose = "放課後児童クラブの施設整備を進めるとともに、支援員の研修を充実させた。"
    texts += [Text(74.5, 189.5, prose, 10.5)]
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (indicator,) = grids_to_indicator_table(grids).indicators
    assert (indicator.name, indicator.source) == (
        "一時預かり事業の延べ利用回数",
        "事業実績報告による回数",
    )


def test_a_note_mark_wrapped_alone_continues_its_cell(tmp_path: Path) -> None:
    """``…の登録児童数`` / ``※１``: a note mark alone on the next line is the cell's, not a
    new item of a list (nor a row)."""
    rows = [HEADER, ["登録児童数", "各年度の登録児童数", "520人", "369人"]]
    rows += [["転入者数", "住民基本台帳", "1,803人", "2,952人"]]
    texts = [*table_texts(rows, LEFTS, top=100, pitch=30), Text(LEFTS[1], 142, "※１")]
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (grid,) = grids
    assert grid.n_rows == 3
    assert _rows(grid)[1][:2] == ["登録児童数", "各年度の登録児童数※1"]


def test_a_header_centred_over_a_wide_column_names_it_over_a_short_name(
    tmp_path: Path,
) -> None:
    """No rules, one body row (a table continued on the next page): ``指標名`` is centred
    over a wide name column and the name below it is short, which leaves a gap between
    the two. The lines above the first row of figures are the header; the gap is no
    column, so the name stays under its header."""
    printed = [
        (551.8, 76.2, "策定時"), (598.0, 76.2, "実績"), (635.8, 76.2, "直近値"),
        (686.2, 76.2, "目標値"), (187.0, 85.2, "指標名"), (416.0, 85.2, "根拠"),
        (520.0, 85.2, "単位"), (735.0, 85.2, "進捗"), (555.0, 94.2, "H30"),
        (600.0, 94.2, "R4"), (642.0, 94.2, "R5"), (692.0, 94.2, "R6"),
        (67.5, 112.2, "乳幼児健康診査の受診率"),
        (339.0, 112.2, "健康診査の受診者数を対象者数で除した割合"), (524.2, 112.2, "％"),
        (557.1, 112.2, "86.5"), (599.1, 112.2, "87.3"), (641.1, 112.2, "88.0"),
        (691.6, 112.2, "92.2"), (735.0, 112.2, "遅れ"),
    ]  # fmt: skip
    texts = [Text(x, y, text, 8.5) for x, y, text in printed]
    (grids,) = _pages(tmp_path, Drawing(texts=texts, size=(842, 595)))
    table = grids_to_indicator_table(grids)
    assert not table.warnings
    (indicator,) = table.indicators
    assert (indicator.name, indicator.source) == (
        "乳幼児健康診査の受診率",
        "健康診査の受診者数を対象者数で除した割合",
    )
    assert [v.raw for v in indicator.series[0].values] == ["86.5", "87.3", "88.0", "92.2"]


def test_a_name_wrapped_inside_its_bracket_continues_it(tmp_path: Path) -> None:
    """``子ども食堂の開設数（`` / ``※）``: the second line opens with a note mark, which
    would start a new item, but it closes the bracket the line above left open."""
    rows = [HEADER, ["子ども食堂の開設数（", "市の把握する数", "7か所", "34か所"]]
    rows += [["拠点の数", "設置数", "15か所", "27か所"]]
    texts = [*table_texts(rows, LEFTS, top=100, pitch=30), Text(LEFTS[0], 142, "※）")]
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (grid,) = grids
    assert [r[0] for r in _rows(grid)] == ["指標名", "子ども食堂の開設数(※)", "拠点の数"]


def test_a_source_wrapped_over_labelled_sub_rows_under_a_merged_name_is_one(
    tmp_path: Path,
) -> None:
    """The name centred over its sub-rows (one merged cell), the source set at the top and
    wrapped over them, a figure on each line: the source's lines are parted for their
    figures, and joined back because the sub-rows carry labels."""
    lefts = [60, 150, 260, 330, 400]
    texts = table_texts([["指標名", "出典", "区分", "基準値(R1)", "目標値(R6)"]], lefts, size=8.5)
    rows = [["", "各年度4月1日時点", "小学校", "6人", "70人"]]
    rows += [["", "における待機児童数", "中学校", "18人", "67人"]]
    texts += table_texts(rows, lefts, top=115, pitch=10, size=8.5)
    texts += [Text(60, 120, "待機児童数", 8.5)]
    (grids,) = _pages(tmp_path, Drawing(texts=texts))
    (indicator,) = grids_to_indicator_table(grids).indicators
    assert indicator.source == "各年度4月1日時点における待機児童数"
    assert [s.label for s in indicator.series] == ["小学校", "中学校"]


def _tight_two_sources(second_row: float) -> list[Text]:
    """Rows set tight without rules, each two-line name centred on its three- or two-line
    source (so the names' lines fall between the sources'); the second row's first line at
    ``second_row`` (the line pitch is 9.8)."""
    lefts = [60, 150, 260, 330]
    texts = table_texts([["指標名", "算出方法", "基準値", "目標値"]], lefts, size=8.5)
    sources = [(120.0, "健康診査の受診"), (129.8, "者数を対象者数"), (139.5, "で除した割合")]
    sources += [(second_row, "市の把握する開"), (second_row + 9.8, "設数（※）")]
    texts += [Text(lefts[1], y, line, 8.5) for y, line in sources]
    names = [(124.9, "乳幼児健康診査"), (134.6, "の受診率"), (second_row, "子ども食堂の開")]
    names += [(second_row + 9.8, "設数")]
    texts += [Text(lefts[0], y, line, 8.5) for y, line in names]
    for y, base, target in [(129.8, "87.5%", "98.6%"), (second_row + 4.9, "17か所", "6か所")]:
        texts += table_texts([["", "", base, target]], lefts, top=y, size=8.5)
    return texts


def test_two_sources_parted_where_a_name_centred_between_lines_ends(tmp_path: Path) -> None:
    """The row edge the names and figures make lies in the last line of the first source,
    by its top, yet below that line's middle: the source is cut there where its pitch
    widens (held-out h16, page 2: 受診率 and 開設数 each got both sources glued)."""
    (grids,) = _pages(tmp_path, Drawing(texts=_tight_two_sources(149.8)))
    table = grids_to_indicator_table(grids)
    assert [(i.name, i.source) for i in table.indicators] == [
        ("乳幼児健康診査の受診率", "健康診査の受診者数を対象者数で除した割合"),
        ("子ども食堂の開設数", "市の把握する開設数(※)"),
    ]
    assert not [w for w in table.warnings if w.code == "ambiguous_row"]


def test_two_sources_at_one_pitch_over_two_names_warn(tmp_path: Path) -> None:
    """The same rows with no wider pitch between the sources: they read as one wrapped cell
    over both rows (a source merged over two indicators looks the same), so the table says
    the measurement text is ambiguous instead of giving both indicators it silently."""
    (grids,) = _pages(tmp_path, Drawing(texts=_tight_two_sources(139.5 + 9.8)))
    table = grids_to_indicator_table(grids)
    assert [i.name for i in table.indicators] == ["乳幼児健康診査の受診率", "子ども食堂の開設数"]
    (warning,) = [w for w in table.warnings if w.code == "ambiguous_row"]
    assert warning.message.startswith("子ども食堂の開設数: one measurement text")


#: A landscape table without rules, as held-out 60606's h18.pdf pages 2-3 print it: a
#: three-line header (目標 printed apart from 2026年度, 評価 beside it), body rows below.
_SUBROW_HEADER = [
    (441.2, 76.2, "当初値"), (500.2, 76.2, "直近値"), (136.0, 87.2, "指標"),
    (301.2, 87.2, "根拠"), (401.0, 87.2, "対象"), (546.5, 87.2, "目標"),
    (572.0, 87.2, "2026年度"), (616.5, 87.2, "評価"), (428.5, 98.2, "（2018年度）"),
    (487.5, 98.2, "（2022年度）"),
]  # fmt: skip
#: One indicator over two sub-rows: the 市内 row prints one figure only (its current value
#: is ``…``), the name's row between the sub-rows only the target merged over both.
_ONE_FIGURE_SUB_ROW = [
    (398.0, 116.2, "市内"), (442.3, 116.2, "1.84倍"), (508.8, 116.2, "…"), (620.8, 116.2, "A"),
    (67.5, 125.2, "保育士の有効求人倍率※2"),
    (228.5, 125.2, "ハローワークの求人・求職状況による数値"), (564.6, 125.2, "3.89倍"),
    (398.0, 134.2, "全国"), (442.3, 134.2, "2.20倍"), (501.3, 134.2, "3.07倍"),
    (620.8, 134.2, "B"),
]  # fmt: skip
#: One indicator on one row (a row of four figures).
_FIGURE_ROW = [
    (67.5, 116.2, "子育てしやすいまちと思う人の割合※1"), (228.5, 116.2, "市民意識調査による数値"),
    (442.3, 116.2, "74.0%"), (501.3, 116.2, "87.6%"), (564.6, 116.2, "88.9%"),
    (620.8, 116.2, "△"),
]  # fmt: skip


def _landscape(printed: list[tuple[float, float, str]]) -> Drawing:
    texts = [Text(x, y, text, 8.5) for x, y, text in [*_SUBROW_HEADER, *printed]]
    return Drawing(texts=texts, size=(842, 595))


def test_a_sub_row_with_one_figure_above_its_name_is_body_not_header(tmp_path: Path) -> None:
    """No header rule: the header is the lines above the first line with a figure, not
    above the first row of two figures (全国's), or the 市内 row and the name's row become
    header and the target's gutter to 評価 is lost (held-out 60606 h18.pdf, page 3)."""
    (grids,) = _pages(tmp_path, _landscape(_ONE_FIGURE_SUB_ROW))
    table = grids_to_indicator_table(grids)
    assert not table.warnings
    assert [c.header for c in table.columns if c.kind == "assessment"] == ["評価"]
    (indicator,) = table.indicators
    assert indicator.name == "保育士の有効求人倍率※2"
    assert [(s.label, [v.raw for v in s.values]) for s in indicator.series] == [
        ("市内", ["1.84倍", "…", "3.89倍"]),
        ("全国", ["2.20倍", "3.07倍", "3.89倍"]),
    ]
    assert [(a.label, a.raw) for a in indicator.assessment] == [("市内", "A"), ("全国", "B")]


def test_a_note_under_a_continued_table_refers_to_an_indicator_on_its_first_page(
    tmp_path: Path,
) -> None:
    """The same header on two pages, the second part's sub-row printing one figure: the
    second page continues the table, so a note under it (``※1``) refers to the first page's
    indicator by its mark (held-out 60606 h18.pdf, pages 2-3)."""
    first, second = _pages(tmp_path, _landscape(_FIGURE_ROW), _landscape(_ONE_FIGURE_SUB_ROW))
    assert grid_continues(first[0], second[0])
    notes = ["※1 調査方法を変更したため注意が必要である。", "※2 次回調査は令和5年度に実施予定。"]
    table = grids_to_indicator_table([first[0], second[0]], notes)
    assert [i.note for i in table.indicators] == notes
    assert not table.unattached_notes
