"""`extract_text`: any PDF's normalised text, with ruled tables read row by row."""

from __future__ import annotations

from pathlib import Path

import extractor
from tests.conftest import SAMPLES
from tests.fixtures_tables import PageSpec, build_pdf, simple_table


def test_reference_text_and_table_rows_in_reading_order() -> None:
    pages = extractor.extract_text(SAMPLES / "kurume_2021.pdf")
    first = pages[0]["paragraphs"]
    texts = [p["text"] for p in first]
    assert texts[0] == "資料2"
    assert "基本目標に関する現状報告及び今後の課題・方向性" in texts
    row = "待機児童数 | 各年度4月1日時点における待機児童数 | 54人 | 65人 | 35人 | 0人"
    assert row in texts
    assert next(p for p in first if p["text"] == row)["kind"] == "table_row"
    # the table sits between its heading and the initiatives
    assert (
        texts.index("(1)成果指標の現状値")
        < texts.index(row)
        < texts.index("(2)令和3年度の取組状況")
    )
    wrapped = "コロナ禍で外出を控えたり、訪問に抵抗を感じる妊産婦の孤立化を防ぐため、"
    assert any(t.startswith(wrapped) for t in texts)
    assert all(len(p["bbox"]) == 4 for p in first)
    assert pages[0]["warnings"] == []


def test_issue_9_lines_of_one_cell_rejoin_as_a_reader_would(tmp_path: Path) -> None:
    """Wrapped words rejoin with nothing, separate items (有 / 婦人科) keep a space, digits
    meeting at a break make one number only when it is one (100,0 / 00円)."""
    table = simple_table(
        ["施設", "標榜", "時間", "金額"],
        [
            [
                "各年度４月１日時点にお\nける待機児童数",
                "有\n婦人科",
                "10:30-13:00\n15:00-18:30",
                "100,0\n00円",
            ]
        ],
        widths=[110, 60, 70, 40],
        row_height=40,
    )
    pdf = build_pdf(tmp_path / "t.pdf", [PageSpec([table])])
    rows = [p["text"] for p in extractor.extract_text(pdf)[0]["paragraphs"]]
    assert rows == [
        "施設 | 標榜 | 時間 | 金額",
        "各年度4月1日時点における待機児童数 | 有 婦人科 | 10:30-13:00 15:00-18:30 | 100,000円",
    ]


def test_issue_9_a_half_width_time_and_a_full_width_month_stay_apart(tmp_path: Path) -> None:
    """shinryoujo page 16: 土 9:30-12:30 / １２月より… in one cell are two items."""
    table = simple_table(
        ["医院", "時間"],
        [["扇内医院", "土 9:30-12:30\n１２月より平日"]],
        widths=[80, 90],
        row_height=40,
    )
    pdf = build_pdf(tmp_path / "t.pdf", [PageSpec([table])])
    rows = [p["text"] for p in extractor.extract_text(pdf)[0]["paragraphs"]]
    assert rows[-1] == "扇内医院 | 土 9:30-12:30 12月より平日"
