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
    "book-yasutake__20220328_kyoikusisaku_renraku_kai_youroku": ("not_a_report", set()),
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
