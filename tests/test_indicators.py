"""``grids_to_indicator_table`` and friends on small reportlab tables and the reference sample."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.columns import grid_continues, is_indicator_grid
from extractor.indicators import IndicatorTable, grids_to_indicator_table
from extractor.load import pdf_to_pages
from extractor.model import Indicator
from extractor.tables import Grid, page_to_grids
from tests.conftest import GOLDEN, SAMPLES
from tests.fixtures_tables import (
    PageSpec,
    TableSpec,
    TCell,
    body_table,
    build_pdf,
    goal1_table,
    goal3_table,
    load_pages,
    pdf_to_table_grids,
    shift_boxes,
    simple_table,
)
from tests.golden_diff import without_provenance

NOTE = "(※)次回「久留米市子どもの生活実態調査」は、令和5年又は令和6年実施予定。"


def _grids(tmp_path: Path, *pages: PageSpec) -> list[Grid]:
    path = build_pdf(tmp_path / "t.pdf", list(pages))
    return [g for p in load_pages(path) for g in page_to_grids(p)]


def _read(tmp_path: Path, *pages: PageSpec, notes: tuple[str, ...] = ()) -> IndicatorTable:
    grids = _grids(tmp_path, *pages)
    assert is_indicator_grid(grids[0])
    for previous, following in itertools.pairwise(grids):
        assert grid_continues(previous, following)
    return grids_to_indicator_table(grids, notes)


def _raws(ind: Indicator) -> list[list[str]]:
    return [[v.raw for v in s.values] for s in ind.series]


def _roles(ind: Indicator) -> list[tuple[str, int | None]]:
    return [(v.role, v.fiscal_year) for v in ind.series[0].values]


# --- the reference layouts ------------------------------------------------------------


def test_one_row_header_with_line_breaks(tmp_path: Path) -> None:
    table = _read(tmp_path, PageSpec([goal1_table()]))
    assert table.warnings == ()
    first, second = table.indicators
    assert first.name == "子育てしやすいまちと思う人の割合"
    assert first.source == "市政アンケートモニター「くるモニ」による数値"
    assert _roles(first) == [
        ("baseline", 2019),
        ("actual", 2020),
        ("current", 2021),
        ("target", 2024),
    ]
    assert [v.era for v in first.series[0].values] == [
        "令和元年度",
        "令和2年度",
        "令和3年度",
        "令和6年度",
    ]
    assert first.series[0].label is None
    missing = first.series[0].values[1]
    assert (missing.kind, missing.value, missing.raw) == ("missing", None, "-")
    assert [(v.kind, v.value, v.unit) for v in second.series[0].values] == [
        ("number", 54, "人"),
        ("number", 65, "人"),
        ("number", 35, "人"),
        ("number", 0, "人"),
    ]


def test_sub_rows_merged_values_and_footnote(tmp_path: Path) -> None:
    table = _read(tmp_path, PageSpec([goal3_table()]), notes=(NOTE,))
    school, poverty = table.indicators
    assert [s.label for s in school.series] == ["小学6年", "中学3年", "全国(小)", "全国(中)"]
    # the merged 実績 dash and target belong to every sub-row they span
    assert [r[1] for r in _raws(school)] == ["-"] * 4
    assert [r[3] for r in _raws(school)] == ["小中学校ともに全国平均以上"] * 4
    assert school.series[0].values[3].kind == "text"
    assert (school.series[1].values[0].value, school.series[1].values[0].unit) == (-6.3, "%")
    assert school.note is None
    # 評価指標 spans source + the unlabeled 区分 column: no label for the plain row
    assert poverty.series[0].label is None
    assert poverty.source == "子どもの生活実態調査による数値(※)"
    assert poverty.note == NOTE
    assert table.unattached_notes == ()


@pytest.mark.parametrize(
    ("header", "values", "expected"),
    [
        (
            ["基準値\n(令和元年度)", "現状値\n(令和2年度)", "目標値\n(令和6年度)"],
            ["75.0%", "73.0%", "80.0%"],
            [("baseline", 2019), ("current", 2020), ("target", 2024)],
        ),
        (
            [
                "基準値\n(令和元年度)",
                "実績\n(令和2年度)",
                "実績\n(令和3年度)",
                "現状値\n(令和4年度)",
                "目標値\n(令和6年度)",
            ],
            ["75.0%", "-", "71.7%", "72.0%", "80.0%"],
            [
                ("baseline", 2019),
                ("actual", 2020),
                ("actual", 2021),
                ("current", 2022),
                ("target", 2024),
            ],
        ),
        (  # another order, 平成 baseline, bare 目標 / 現状 / 実績値
            [
                "目標\n(令和7年度)",
                "基準値\n(平成30年度)",
                "実績値\n(令和元年度)",
                "現状\n(令和2年度)",
            ],
            ["100件", "1,234件", "△12件", "＋3件"],
            [("target", 2025), ("baseline", 2018), ("actual", 2019), ("current", 2020)],
        ),
    ],
    ids=["3-columns", "5-columns", "other-order"],
)
def test_any_number_and_order_of_value_columns(
    tmp_path: Path, header: list[str], values: list[str], expected: list[tuple[str, int]]
) -> None:
    spec = simple_table(["成果指標", "評価指標", *header], [["相談件数", "年間の件数", *values]])
    table = _read(tmp_path, PageSpec([spec]))
    (ind,) = table.indicators
    assert _roles(ind) == expected
    assert _raws(ind) == [[v.replace("＋", "+") for v in values]]
    assert table.warnings == ()


def test_two_row_header_role_spanning_two_years(tmp_path: Path) -> None:
    widths = [100, 100, 60, 60, 60, 60, 60]
    header = [
        TCell(0, 0, "成果指標", row_span=2),
        TCell(0, 1, "評価指標", row_span=2),
        TCell(0, 2, "基準値"),
        TCell(0, 3, "実績", col_span=2),
        TCell(0, 5, "現状値"),
        TCell(0, 6, "目標値"),
        TCell(1, 2, "令和元年度"),
        TCell(1, 3, "令和2年度"),
        TCell(1, 4, "令和3年度"),
        TCell(1, 5, "令和4年度"),
        TCell(1, 6, "令和6年度"),
    ]
    body = [
        TCell(2, c, t)
        for c, t in enumerate(["待機児童数", "4月1日時点", "54人", "65人", "35人", "20人", "0人"])
    ]
    spec = TableSpec(30, 80, widths, [20, 20, 30], header + body)
    table = _read(tmp_path, PageSpec([spec]))
    (ind,) = table.indicators
    assert _roles(ind) == [
        ("baseline", 2019),
        ("actual", 2020),
        ("actual", 2021),
        ("current", 2022),
        ("target", 2024),
    ]
    assert [v.value for v in ind.series[0].values] == [54, 65, 35, 20, 0]


def test_two_row_header_without_spanning_name_cell(tmp_path: Path) -> None:
    widths = [100, 100, 60, 60]
    cells = [
        TCell(0, 0, "指標名"),
        TCell(0, 1, "算出方法"),
        TCell(0, 2, "現状値"),
        TCell(0, 3, "目標値"),
        TCell(1, 2, "令和3年度"),
        TCell(1, 3, "令和6年度"),
        TCell(2, 0, "待機児童数"),
        TCell(2, 1, "4月1日時点"),
        TCell(2, 2, "35人"),
        TCell(2, 3, "0人"),
    ]
    table = _read(tmp_path, PageSpec([TableSpec(40, 80, widths, [20, 20, 30], cells)]))
    (ind,) = table.indicators
    assert (ind.name, ind.source) == ("待機児童数", "4月1日時点")
    assert _roles(ind) == [("current", 2021), ("target", 2024)]


def test_explicit_label_column(tmp_path: Path) -> None:
    widths = [100, 50, 60, 60]
    cells = [
        TCell(0, 0, "成果指標"),
        TCell(0, 1, "区分"),
        TCell(0, 2, "現状値\n(令和3年度)"),
        TCell(0, 3, "目標値\n(令和6年度)"),
        TCell(1, 0, "利用者数", row_span=2),
        TCell(1, 1, "男性"),
        TCell(1, 2, "10人"),
        TCell(1, 3, "20人", row_span=2),
        TCell(2, 1, "女性"),
        TCell(2, 2, "12人"),
    ]
    table = _read(tmp_path, PageSpec([TableSpec(40, 80, widths, [30, 20, 20], cells)]))
    (ind,) = table.indicators
    assert ind.source is None
    assert [(s.label, [v.raw for v in s.values]) for s in ind.series] == [
        ("男性", ["10人", "20人"]),
        ("女性", ["12人", "20人"]),
    ]


def test_unclassified_column_is_reported_not_guessed(tmp_path: Path) -> None:
    spec = simple_table(
        ["成果指標", "評価指標", "現状値\n(令和3年度)", "担当課"],
        [["待機児童数", "4月1日時点", "35人", "保育幼稚園課"]],
    )
    table = _read(tmp_path, PageSpec([spec]))
    (ind,) = table.indicators
    assert [v.raw for v in ind.series[0].values] == ["35人"]
    assert [w.code for w in table.warnings] == ["unclassified_column"]
    assert "担当課" in table.warnings[0].message


def test_issue_8_assessment_and_remarks_are_kept_never_values(tmp_path: Path) -> None:
    spec = simple_table(
        ["成果指標", "現状値\n(令和3年度)", "目標値\n(令和6年度)", "達成率", "備考"],
        [["待機児童数", "35人", "0人", "35.2%", "前年比減"]],
    )
    table = _read(tmp_path, PageSpec([spec]))
    (ind,) = table.indicators
    assert [v.raw for v in ind.series[0].values] == ["35人", "0人"]
    assert [(a.header, a.label, a.raw) for a in ind.assessment] == [
        ("達成率", None, "35.2%"),
        ("備考", None, "前年比減"),
    ]
    assert table.warnings == ()


def test_issue_8_unit_column_applies_to_bare_numbers(tmp_path: Path) -> None:
    spec = simple_table(
        ["指標名", "単位", "令和2年度", "令和3年度", "令和6年度\n(目標)"],
        [["待機児童数", "人", "65", "35", "0"]],
    )
    table = _read(tmp_path, PageSpec([spec]))
    (ind,) = table.indicators
    got = [(v.role, v.fiscal_year, v.value, v.unit, v.raw) for v in ind.series[0].values]
    assert got == [
        ("actual", 2020, 65, "人", "65"),
        ("actual", 2021, 35, "人", "35"),
        ("target", 2024, 0, "人", "0"),
    ]


def test_unparsed_number_kept_as_text_with_warning(tmp_path: Path) -> None:
    spec = simple_table(
        ["成果指標", "評価指標", "現状値\n(令和3年度)", "目標値\n(令和6年度)"],
        [["待機児童数", "4月1日時点", "1,23,4人", "0人"]],
    )
    table = _read(tmp_path, PageSpec([spec]))
    value = table.indicators[0].series[0].values[0]
    assert (value.kind, value.value, value.raw) == ("text", None, "1,23,4人")
    assert [w.code for w in table.warnings] == ["unparsed_number"]
    assert table.warnings[0].page == 1


def test_non_indicator_table_is_not_an_indicator_grid(tmp_path: Path) -> None:
    spec = simple_table(["事業名", "担当課", "予算額"], [["子育て支援", "子ども政策課", "5万円"]])
    label = TableSpec(480, 30, [50], [18], [TCell(0, 0, "資料２")])
    grids = _grids(tmp_path, PageSpec([label, spec]))
    assert [is_indicator_grid(g) for g in grids] == [False, False]
    table = grids_to_indicator_table(grids[1:])
    assert table.indicators == ()
    assert [w.code for w in table.warnings] == ["non_indicator_table"]


def test_header_found_under_a_caption_row(tmp_path: Path) -> None:
    widths = [100, 100, 60]
    cells = [
        TCell(0, 0, "基本目標1の成果", col_span=3),
        TCell(1, 0, "成果指標"),
        TCell(1, 1, "評価指標"),
        TCell(1, 2, "目標値\n(令和6年度)"),
        TCell(2, 0, "待機児童数"),
        TCell(2, 1, "4月1日時点"),
        TCell(2, 2, "0人"),
    ]
    table = _read(tmp_path, PageSpec([TableSpec(40, 80, widths, [20, 30, 30], cells)]))
    (ind,) = table.indicators
    assert ind.name == "待機児童数"
    assert _roles(ind) == [("target", 2024)]


# --- ditto marks and notes --------------------------------------------------------------


def test_ditto_marks_in_name_source_and_value(tmp_path: Path) -> None:
    widths = [100, 100, 50, 60, 60]
    header = ["成果指標", "評価指標", "区分", "現状値\n(令和3年度)", "目標値\n(令和6年度)"]
    rows = [
        ["自己肯定感の割合", "全国学力調査", "小学6年", "▲5.9%", "全国平均以上"],
        ["〃", "〃", "中学3年", "▲5.1%", "〃"],
        ["待機児童数", "〃", "", "35人", "0人"],
    ]
    table = _read(tmp_path, PageSpec([simple_table(header, rows, widths=widths)]))
    school, waiting = table.indicators
    assert [s.label for s in school.series] == ["小学6年", "中学3年"]
    assert _raws(school) == [["▲5.9%", "全国平均以上"], ["▲5.1%", "全国平均以上"]]
    assert school.series[1].values[1].kind == "text"
    assert waiting.source == "全国学力調査"
    assert table.warnings == ()


def test_numbered_notes_attach_by_mark_and_in_table_note_row(tmp_path: Path) -> None:
    widths = [100, 100, 60, 60]
    cells = [
        TCell(0, 0, "成果指標"),
        TCell(0, 1, "評価指標"),
        TCell(0, 2, "現状値\n(令和3年度)"),
        TCell(0, 3, "目標値\n(令和6年度)"),
        TCell(1, 0, "相談件数※1"),
        TCell(1, 1, "年間の件数"),
        TCell(1, 2, "120件"),
        TCell(1, 3, "150件"),
        TCell(2, 0, "待機児童数"),
        TCell(2, 1, "4月1日時点※2"),
        TCell(2, 2, "35人"),
        TCell(2, 3, "0人"),
        TCell(3, 0, "※2 各年度4月1日時点の人数。", col_span=4),
    ]
    notes = ("※1 電話相談を含む。", "※3 どの指標にも付かない注。")
    spec = TableSpec(40, 80, widths, [30, 30, 30, 20], cells)
    table = _read(tmp_path, PageSpec([spec]), notes=notes)
    first, second = table.indicators
    assert first.note == "※1 電話相談を含む。"
    assert second.note == "※2 各年度4月1日時点の人数。"
    assert len(table.indicators) == 2  # the note row is no indicator
    assert table.unattached_notes == ("※3 どの指標にも付かない注。",)
    # a mark printed in a value cell does not spoil the number
    assert first.series[0].values[0].value == 120


# --- page breaks -----------------------------------------------------------------------

WIDTHS = [100, 100, 60, 60, 60, 60]
HEADER = [
    "成果指標",
    "評価指標",
    "基準値\n(令和元年度)",
    "実績\n(令和2年度)",
    "現状値\n(令和3年度)",
    "目標値\n(令和6年度)",
]
FULL_ROW = ["待機児童数", "4月1日時点", "54人", "65人", "35人", "0人"]


def _two_pages(page1_rows, page2_rows, *, repeat_header: bool = False) -> tuple[PageSpec, ...]:
    first = simple_table(HEADER, page1_rows, widths=WIDTHS, top=600, row_height=40)
    rows2 = [HEADER, *page2_rows] if repeat_header else page2_rows
    second = body_table(rows2, WIDTHS, top=60, row_height=40)
    return PageSpec([first]), PageSpec([second])


@pytest.mark.parametrize("repeat_header", [False, True])
def test_split_row_values_on_first_page(tmp_path: Path, repeat_header: bool) -> None:
    pages = _two_pages(
        [
            FULL_ROW,
            ["子育て中の人が地域で", "各年度4月1日時点", "42か所", "42か所", "42か所", "58か所"],
        ],
        [["交流できる場の数", "における設置数", "", "", "", ""]],
        repeat_header=repeat_header,
    )
    table = _read(tmp_path, *pages)
    assert len(table.indicators) == 2
    split = table.indicators[1]
    assert split.name == "子育て中の人が地域で交流できる場の数"
    assert split.source == "各年度4月1日時点における設置数"
    assert split.page == 1
    assert _raws(split) == [["42か所", "42か所", "42か所", "58か所"]]
    assert table.warnings == ()


def test_split_row_values_on_second_page(tmp_path: Path) -> None:
    pages = _two_pages(
        [FULL_ROW, ["子育て中の人が地域で", "各年度4月1日", "", "", "", ""]],
        [
            ["交流できる場の数", "時点における設置数", "42か所", "42か所", "42か所", "58か所"],
            FULL_ROW,
        ],
    )
    table = _read(tmp_path, *pages)
    names = [i.name for i in table.indicators]
    assert names == ["待機児童数", "子育て中の人が地域で交流できる場の数", "待機児童数"]
    assert table.indicators[1].page == 1 and table.indicators[2].page == 2
    assert table.indicators[1].source == "各年度4月1日時点における設置数"
    assert _raws(table.indicators[1]) == [["42か所", "42か所", "42か所", "58か所"]]


def test_split_row_values_on_both_pages(tmp_path: Path) -> None:
    pages = _two_pages(
        [["子育て中の人が地域で", "設置数", "42か所", "42か所", "", ""]],
        [["交流できる場の数", "", "", "", "42か所", "小中学校ともに"]],
    )
    table = _read(tmp_path, *pages)
    (ind,) = table.indicators
    assert ind.name == "子育て中の人が地域で交流できる場の数"
    assert _raws(ind) == [["42か所", "42か所", "42か所", "小中学校ともに"]]


def test_merged_name_and_target_continue_over_the_break(tmp_path: Path) -> None:
    widths = [100, 100, 50, 60, 60]
    header = ["成果指標", "評価指標", "区分", "現状値\n(令和3年度)", "目標値\n(令和6年度)"]
    first = TableSpec(
        40,
        640,
        widths,
        [30, 30, 30],
        [
            *[TCell(0, c, t) for c, t in enumerate(header)],
            TCell(1, 0, "自己肯定感の割合", row_span=2),
            TCell(1, 1, "全国学力調査", row_span=2),
            TCell(1, 2, "小学6年"),
            TCell(1, 3, "▲5.9%"),
            TCell(1, 4, "全国平均以上", row_span=2),
            TCell(2, 2, "中学3年"),
            TCell(2, 3, "▲5.1%"),
        ],
    )
    second = TableSpec(
        40,
        60,
        widths,
        [30, 30],
        [
            TCell(0, 0, "", row_span=2),
            TCell(0, 1, "", row_span=2),
            TCell(0, 4, "", row_span=2),
            TCell(0, 2, "全国(小)"),
            TCell(0, 3, "76.9%"),
            TCell(1, 2, "全国(中)"),
            TCell(1, 3, "76.2%"),
        ],
    )
    table = _read(tmp_path, PageSpec([first]), PageSpec([second]))
    (ind,) = table.indicators
    assert [s.label for s in ind.series] == ["小学6年", "中学3年", "全国(小)", "全国(中)"]
    assert [r[1] for r in _raws(ind)] == ["全国平均以上"] * 4
    assert ind.source == "全国学力調査" and ind.page == 1


def test_grid_continues_needs_same_columns_and_next_page(tmp_path: Path) -> None:
    a = simple_table(HEADER, [FULL_ROW], widths=WIDTHS, top=600)
    same = body_table([FULL_ROW], WIDTHS)
    other = body_table([FULL_ROW], [80, 120, 60, 60, 60, 60], top=300)
    grids = _grids(tmp_path, PageSpec([a]), PageSpec([same, other]))
    first, second, third = grids
    assert grid_continues(first, second)
    assert not grid_continues(first, third)
    assert not grid_continues(second, third)  # same page


# --- shifted char boxes (issue 3) -------------------------------------------------------


def test_issue_3_shifted_char_boxes_keep_header_and_values_in_place(tmp_path: Path) -> None:
    """A CJK font descriptor that shifts pdfminer's boxes half a line down must not move a
    header's second line (the year) into the first body row."""
    (page,) = load_pages(build_pdf(tmp_path / "t.pdf", [PageSpec([goal3_table()])]))
    shifted = shift_boxes(page, 0.5)
    assert shifted.chars[0].top != page.chars[0].top
    expected = grids_to_indicator_table(page_to_grids(page), (NOTE,))
    got = grids_to_indicator_table(page_to_grids(shifted), (NOTE,))
    assert got == expected
    assert [v.era for v in got.indicators[0].series[0].values] == [
        "令和元年度",
        "令和2年度",
        "令和3年度",
        "令和6年度",
    ]


# --- the reference sample ---------------------------------------------------------------

REFERENCE = SAMPLES / "kurume_2021.pdf"
REFERENCE_GOLDEN = GOLDEN / "kurume_2021.json"


def test_reference_sample_every_value_cell() -> None:
    golden = json.loads(REFERENCE_GOLDEN.read_text(encoding="utf-8"))
    expected = [ind for goal in golden["goals"] for ind in goal["indicators"]]
    notes = [NOTE]
    got: list[dict] = []
    for page in pdf_to_pages(REFERENCE):
        for grid in page_to_grids(page):
            if is_indicator_grid(grid):
                table = grids_to_indicator_table([grid], notes)
                assert table.warnings == ()
                got += [without_provenance(ind.to_dict()) for ind in table.indicators]
    assert len(got) == len(expected) == 6
    cells = 0
    for mine, theirs in zip(got, expected, strict=True):
        for key in ("name", "source", "note", "page"):
            assert mine[key] == theirs[key], key
        assert [s["label"] for s in mine["series"]] == [s["label"] for s in theirs["series"]]
        for s_mine, s_theirs in zip(mine["series"], theirs["series"], strict=True):
            for v_mine, v_theirs in zip(s_mine["values"], s_theirs["values"], strict=True):
                assert v_mine == v_theirs
                cells += 1
    assert cells == 4 * (2 + 2 + 4 + 1)


def _golden_stems() -> list[str]:
    return sorted(p.stem for p in SAMPLES.glob("*.pdf") if (GOLDEN / f"{p.stem}.json").exists())


@pytest.mark.parametrize("stem", _golden_stems())
def test_every_sample_indicator_table_matches_golden(stem: str) -> None:
    """Each goal's table, given the golden's footnotes, reads exactly as the golden."""
    golden = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    tables = pdf_to_table_grids(SAMPLES / f"{stem}.pdf")
    assert len(tables) == len(golden["goals"])
    for grids, goal in zip(tables, golden["goals"], strict=True):
        notes = tuple(i["note"] for i in goal["indicators"] if i["note"])
        table = grids_to_indicator_table(grids, notes)
        got = [without_provenance(i.to_dict()) for i in table.indicators]
        assert got == goal["indicators"]
        assert table.unattached_notes == ()
        assert [w.code for w in table.warnings] == []


def test_month_dated_column_belongs_to_its_fiscal_year(tmp_path: Path) -> None:
    header = [
        "成果指標",
        "評価指標",
        "基準値\n(令和2年4月1日)",
        "現状値\n(令和5年3月末)",
        "目標値\n(令和6年度)",
    ]
    rows = [["待機児童数", "各時点の人数", "54人", "35人", "0人"]]
    spec = simple_table(header, rows, widths=[100, 100, 80, 80, 60])
    (ind,) = _read(tmp_path, PageSpec([spec])).indicators
    assert [(v.fiscal_year, v.era) for v in ind.series[0].values] == [
        (2020, "令和2年4月"),
        (2022, "令和5年3月"),
        (2024, "令和6年度"),
    ]


def test_full_width_caption_row_is_reported_not_read_as_an_indicator(tmp_path: Path) -> None:
    widths = [100, 100, 60]
    cells = [
        TCell(0, 0, "成果指標"),
        TCell(0, 1, "評価指標"),
        TCell(0, 2, "目標値\n(令和6年度)"),
        TCell(1, 0, "施策1 保育の充実", col_span=3),
        TCell(2, 0, "待機児童数"),
        TCell(2, 1, "4月1日時点"),
        TCell(2, 2, "0人"),
    ]
    table = _read(tmp_path, PageSpec([TableSpec(40, 80, widths, [30, 20, 30], cells)]))
    assert [i.name for i in table.indicators] == ["待機児童数"]
    assert [w.code for w in table.warnings] == ["ambiguous_row"]
    assert "施策1" in table.warnings[0].message


def test_two_row_header_with_dates_in_the_year_row(tmp_path: Path) -> None:
    widths = [100, 100, 80, 60]
    cells = [
        TCell(0, 0, "成果指標"),
        TCell(0, 1, "評価指標"),
        TCell(0, 2, "現状値"),
        TCell(0, 3, "目標値"),
        TCell(1, 2, "令和5年3月末時点"),
        TCell(1, 3, "令和6年度"),
        TCell(2, 0, "待機児童数"),
        TCell(2, 1, "4月1日時点"),
        TCell(2, 2, "35人"),
        TCell(2, 3, "0人"),
    ]
    table = _read(tmp_path, PageSpec([TableSpec(40, 80, widths, [20, 20, 30], cells)]))
    (ind,) = table.indicators
    assert [(v.fiscal_year, v.raw) for v in ind.series[0].values] == [(2022, "35人"), (2024, "0人")]


def test_break_between_whole_rows_joins_nothing(tmp_path: Path) -> None:
    other = [
        "子育て中の人が地域で\n交流できる場の数",
        "設置数",
        "42か所",
        "42か所",
        "42か所",
        "58か所",
    ]
    pages = _two_pages([FULL_ROW], [other], repeat_header=True)
    table = _read(tmp_path, *pages)
    assert [(i.name, i.page) for i in table.indicators] == [
        ("待機児童数", 1),
        ("子育て中の人が地域で交流できる場の数", 2),
    ]
    assert _raws(table.indicators[1]) == [["42か所", "42か所", "42か所", "58か所"]]


def _grid_of(texts: list[list[str]], page: int = 1) -> Grid:
    """A hand-made grid of 1×1 cells (no PDF): for fuzzing the reading logic."""
    from extractor.tables import Cell

    n_rows, n_cols = len(texts), len(texts[0])
    cells = tuple(
        Cell(r, c, 1, 1, 10.0 * c, 10.0 * r, 10.0 * c + 10, 10.0 * r + 10, texts[r][c])
        for r in range(n_rows)
        for c in range(n_cols)
    )
    cols = tuple(10.0 * c for c in range(n_cols + 1))
    rows = tuple(10.0 * r for r in range(n_rows + 1))
    return Grid(page, 0.0, 0.0, cols[-1], rows[-1], cols, rows, cells)


_HEADERS = [
    "成果指標",
    "評価指標",
    "区分",
    "",
    "基準値(令和元年度)",
    "実績(令和2年度)",
    "現状値",
    "目標値(令和6年度)",
    "備考",
]
_BODY = [
    "",
    "〃",
    "-",
    "75.0%",
    "▲3.8%",
    "1,23,4人",
    "※1 注",
    "待機児童数",
    "小学6年",
    "全国平均以上",
]


@settings(max_examples=200, deadline=None)
@given(
    header=st.permutations(_HEADERS).map(lambda h: h[:6]),
    body=st.lists(st.lists(st.sampled_from(_BODY), min_size=6, max_size=6), min_size=1, max_size=5),
    split=st.integers(min_value=1, max_value=5),
)
def test_any_table_text_reads_without_error(header, body, split) -> None:
    rows = [header, *body]
    first = _grid_of(rows[: split + 1] if split < len(rows) else rows)
    parts = [first]
    if split + 1 < len(rows):
        parts.append(_grid_of(rows[split + 1 :], page=2))
    if not is_indicator_grid(first):
        return
    table = grids_to_indicator_table(parts, ("※1 注",))
    for ind in table.indicators:
        assert ind.name and ind.series
        for series in ind.series:
            for value in series.values:
                assert (value.kind == "number") == (value.value is not None)
