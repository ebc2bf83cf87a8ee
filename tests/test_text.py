"""`extract_text`: any PDF's normalised text, with ruled tables read row by row."""

from __future__ import annotations

import extractor
from tests.conftest import SAMPLES


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
