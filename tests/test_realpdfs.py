"""Real-world Japanese PDFs (../shared/realpdfs): converted or rejected cleanly, text clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import extractor
from extractor import ExtractorError, UndecodableTextError
from tests.conftest import SHARED

REAL = SHARED / "realpdfs"
PDFS = sorted(REAL.glob("*.pdf")) if REAL.is_dir() else []
pytestmark = pytest.mark.skipif(not PDFS, reason="../shared/realpdfs is not beside the repo")

RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
#: What each file must give: its error code from convert, and its text warnings.
EXPECTED = {
    "PDFextract__89test": ("undecodable_text", None),
    "book-yasutake__20220328_kyoikusisaku_renraku_kai_youroku": ("not_a_report", {"ocr_text"}),
    "opendata-pdf-to-csv__shinryoujo_13_000791218": ("not_a_report", set()),
    "pdfjs__issue13147": ("not_a_report", set()),
    "pdfjs__issue15340": ("not_a_report", set()),
    "pdfminer__jo": ("not_a_report", {"vertical_text"}),
    "pdfminer__kampo": ("not_a_report", {"vertical_text"}),
    "setagaya_r8yosan_p160-166": ("not_a_report", set()),
    "okinawa_processed_summary": ("not_a_report", set()),
}


def test_every_real_pdf_has_an_expectation() -> None:
    assert {p.stem for p in PDFS} == set(EXPECTED)


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_convert_is_a_report_or_a_typed_error(pdf: Path) -> None:
    code, _ = EXPECTED[pdf.stem]
    with pytest.raises(ExtractorError) as info:
        extractor.convert(pdf, extractor.Settings(enrich=False))
    assert info.value.code == code
    assert str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_text_is_clean_or_flagged(pdf: Path) -> None:
    _, warnings = EXPECTED[pdf.stem]
    if warnings is None:
        with pytest.raises(UndecodableTextError):
            extractor.extract_text(pdf)
        return
    pages = extractor.extract_text(pdf)
    text = "\n".join(p["text"] for page in pages for p in page["paragraphs"])
    assert text.strip()
    assert not RADICALS.search(text), RADICALS.findall(text)[:5]
    assert "(cid:" not in text
    codes = {w["code"] for page in pages for w in page["warnings"]}
    assert codes == warnings


def test_issue_4_word_radical_decodes_to_ideograph() -> None:
    """pdf.js issue 15340: the ToUnicode map yields the Kangxi radical ⼀ for 一."""
    pages = extractor.extract_text(REAL / "pdfjs__issue15340.pdf")
    text = "".join(p["text"] for page in pages for p in page["paragraphs"])
    assert "一つの箱内" in text


def test_issue_4_vertical_text_reads_in_columns() -> None:
    """jo.pdf is vertical writing: read right to left, top to bottom, it is 春と修羅's preface."""
    pages = extractor.extract_text(REAL / "pdfminer__jo.pdf")
    text = "".join(p["text"] for page in pages for p in page["paragraphs"])
    assert "わたくしといふ現象は" in text


def test_text_reads_a_ruled_table_row_by_row() -> None:
    """An 18-page Excel list: each row one paragraph, cells never run into each other."""
    pages = extractor.extract_text(REAL / "opendata-pdf-to-csv__shinryoujo_13_000791218.pdf")
    rows = [p["text"] for p in pages[0]["paragraphs"] if p["kind"] == "table_row"]
    assert any(
        r.startswith("学校法人聖路加国際大学聖路加国際病院 | 104-8560 | 中央区明石町9番1号")
        for r in rows
    ), rows[:3]


def _page_texts(pdf: str, page: int) -> list[str]:
    pages = extractor.extract_text(REAL / pdf)
    return [p["text"] for p in pages[page - 1]["paragraphs"]]


def test_issue_9_budget_columns_set_in_whitespace_stay_apart() -> None:
    """setagaya_r8yosan_p160-166.pdf page 4 (book page 163): the 説明 column lists items and
    amounts separated by whitespace only; each item is one row, every amount whole."""
    texts = _page_texts("setagaya_r8yosan_p160-166.pdf", 4)
    assert "特財:特別区債 1,471,000、その他 5,887,860" in texts
    assert "3 人事事務運営費 475,372" in texts
    assert "1 職員採用等事務(総務部) 407,080" in texts
    assert not any("5,887,8603" in t or "475,3721" in t for t in texts)


def test_issue_9_spread_reads_left_page_before_right() -> None:
    """setagaya page 4 is a two-page spread: page 318's table before page 319's."""
    texts = _page_texts("setagaya_r8yosan_p160-166.pdf", 4)
    assert texts.index("318") < texts.index("(単位 : 千円)") < texts.index("319")
    assert texts.index("02広報広聴費 | 436,619 | 412,238 | 24,381 | 特定財源 18,630") < (
        texts.index("3 人事事務運営費 475,372")
    )


def test_issue_9_side_by_side_tables_header_before_data() -> None:
    """okinawa_processed_summary.pdf: tables ruled across only, side by side. Each is read
    whole, header first; 281 (那覇市's うち解除) is not merged with 80代."""
    texts = _page_texts("okinawa_processed_summary.pdf", 1)
    ages = texts.index("年代 | 男性 | 女性 | 非公表 | 合計")
    assert texts[ages + 1] == "90歳以上 | 8 | 17 | 25 | 1%"
    assert texts[ages + 2] == "80代 | 34 | 41 | 75 | 4%"
    assert "合計 | 906 | 776 | 7 | 1689" in texts  # the total row under the last rule
    places = texts.index("居住地 | うち解除")
    assert texts[places + 1] == "那覇市 | 600 | 36% | 281"
    assert ages < places
    assert not any("28180代" in t for t in texts)


def test_issue_9_separate_items_in_one_cell_keep_a_space() -> None:
    """shinryoujo page 1: the 標榜の有無 cell prints 有 over 婦人科 (two items): a reader
    keeps them apart. Page 3: times on two lines of one cell (10:30-13:00 / 15:00-18:30) do
    not run into one number (pdftotext too prints 12:0014:00 where the PDF has no gap)."""
    pages = extractor.extract_text(REAL / "opendata-pdf-to-csv__shinryoujo_13_000791218.pdf")
    rows = [p["text"] for page in pages for p in page["paragraphs"]]
    assert any("| 有 婦人科 |" in r for r in rows)
    assert not any("有婦人科" in r for r in rows)
    assert any("第4水 10:30-13:00 15:00-18:30" in r for r in rows)
    assert any(r.startswith("医療法人社団暁明会井上メディカルクリニック |") for r in rows)
