"""Page quality: undecodable and vertical text, on synthetic pages and real PDFs."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest

from extractor.load import Char, PageContent, pdf_to_pages
from extractor.quality import (
    PageQuality,
    code_point_kind,
    document_quality,
    page_to_quality,
    quality_to_warnings,
    undecodable_kind,
)
from extractor.settings import Settings

REAL_PDFS = Path(__file__).resolve().parents[2] / "shared" / "realpdfs"

# --- synthetic pages ----------------------------------------------------------------


def _char(text: str, x0: float, top: float, size: float = 10.0, upright: bool = True) -> Char:
    return Char(
        text=text,
        x0=x0,
        x1=x0 + size,
        top=top,
        bottom=top + size,
        baseline=top + size * 0.88,
        size=size,
        fontname="Test",
        upright=upright,
    )


def _horizontal(text: str, top: float = 100.0, x0: float = 50.0) -> list[Char]:
    return [_char(ch, x0 + 10.0 * i, top) for i, ch in enumerate(text)]


def _vertical(text: str, x0: float = 300.0, top: float = 50.0) -> list[Char]:
    return [_char(ch, x0, top + 10.0 * i) for i, ch in enumerate(text)]


def _page(chars: list[Char], number: int = 1) -> PageContent:
    return PageContent(number=number, width=595, height=842, chars=tuple(chars), rules=())


def test_clean_horizontal_page() -> None:
    chars = _horizontal("子育て支援の充実①▲3.8%") + _horizontal("令和元年度 DX", top=120)
    q = page_to_quality(_page(chars))
    assert q.char_count == len(chars) - 1  # the space is not counted
    assert (q.undecodable_count, q.vertical_count) == (0, 0)
    assert q.undecodable_ratio == 0.0
    assert q.reason == "ok"


def test_cid_glyphs_are_undecodable() -> None:
    chars = _horizontal("目標") + [_char(f"(cid:{n})", 200 + 10 * n, 100) for n in range(6)]
    q = page_to_quality(_page(chars))
    assert q.undecodable_count == 6
    assert q.undecodable_ratio == pytest.approx(6 / 8)
    assert "cid" in q.reason
    assert dict(q.kinds) == {"cid": 6}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("(cid:3504)", "cid"),
        ("\ue000", "private"),
        ("\uf8ff", "private"),
        ("\U000f0001", "private"),
        ("\U00100001", "private"),
        ("\ufffd", "replacement"),
        ("\x01", "control"),
        ("", "control"),
        ("é", "foreign"),  # Latin-1 letter
        ("Ÿ", "foreign"),  # Latin Extended-A (kampo header garbage)
        ("œ", "foreign"),
        ("˜", "foreign"),  # spacing modifier
        ("Ж", "foreign"),  # Cyrillic
        ("λ", "foreign"),  # Greek
        ("א", "foreign"),  # Hebrew
        ("ع", "foreign"),  # Arabic
        ("▓", "foreign"),  # block element
        ("╳", "foreign"),  # box drawing Shift-JIS lacks
        ("\u0378", "foreign"),  # unassigned
        ("fi", None),  # ligature expanded by pdfminer
        ("目", None),
        ("ア", None),
        ("ｱ", None),
        ("Ａ", None),
        ("⼀", None),  # Kangxi radical: normalise repairs it
        ("①", None),
        ("▲", None),
        ("※", None),
        ("〃", None),
        ("〜", None),
        ("㈱", None),
        ("℃", None),
        ("μ", None),
        ("µ", None),
        ("×", None),
        ("¥", None),
        ("─", None),
        ("┼", None),
        ("—", None),
        ("−", None),
        ("\ufa19", None),  # compatibility ideograph 神
        ("𠮷", None),  # extension B
        ("한", None),
    ],
)
def test_undecodable_kind(text: str, kind: str | None) -> None:
    assert undecodable_kind(text) == kind


def test_every_ascii_printable_is_plausible() -> None:
    assert all(code_point_kind(chr(cp)) is None for cp in range(0x20, 0x7F))


def test_whitespace_is_not_counted() -> None:
    chars = _horizontal("目\u3000標 ")
    q = page_to_quality(_page(chars))
    assert q.char_count == 2


def test_empty_page() -> None:
    q = page_to_quality(_page([]))
    assert (q.char_count, q.undecodable_ratio, q.vertical_ratio) == (0, 0.0, 0.0)
    assert q.reason == "no text"


def test_vertical_column_is_vertical() -> None:
    chars = _vertical("わたくしといふ現象は") + _vertical("假定された", x0=280.0)
    q = page_to_quality(_page(chars))
    assert q.vertical_count == q.char_count == 15
    assert "vertical" in q.reason
    assert [w.code for w in quality_to_warnings(q)] == ["vertical_text"]


def test_rotated_chars_are_vertical() -> None:
    chars = [_char(ch, 50 + 10 * i, 100, upright=False) for i, ch in enumerate("縦書き")]
    assert page_to_quality(_page(chars)).vertical_count == 3


def test_horizontal_lines_stacked_tightly_are_not_vertical() -> None:
    # Two lines with no leading: a glyph's stream neighbour is beside it, never below it.
    chars = _horizontal("目標値を達成") + _horizontal("実績値の推移", top=110.0)
    assert page_to_quality(_page(chars)).vertical_count == 0


def test_single_char_table_column_with_row_gaps_is_not_vertical() -> None:
    # 有 / 有 / 無 in a ruled column, one row (20pt) apart: cells, not a vertical word.
    chars = [_char(ch, 400, 100 + 20 * i) for i, ch in enumerate("有有無")]
    assert page_to_quality(_page(chars)).vertical_count == 0


def test_mixed_page_counts_only_the_column() -> None:
    chars = _horizontal("子育て支援の充実を図る") + _vertical("縦見出し", x0=20.0, top=300.0)
    q = page_to_quality(_page(chars))
    assert q.vertical_count == 4
    assert q.vertical_ratio == pytest.approx(4 / 15)


# --- warnings -----------------------------------------------------------------------


def test_warnings_for_an_undecodable_page() -> None:
    chars = _horizontal("目標") + [_char("(cid:7)", 200 + 10 * n, 100) for n in range(8)]
    q = page_to_quality(_page(chars, number=4))
    (warning,) = quality_to_warnings(q)
    assert (warning.code, warning.page) == ("undecodable_text", 4)
    assert "80%" in warning.message and "cid" in warning.message
    assert quality_to_warnings(q, Settings(undecodable_page_ratio=0.9)) == ()


def test_warnings_for_a_vertical_page() -> None:
    q = page_to_quality(_page(_vertical("わたくしといふ現象は")))
    assert [w.code for w in quality_to_warnings(q)] == ["vertical_text"]


def test_no_warnings_for_a_clean_page() -> None:
    assert quality_to_warnings(page_to_quality(_page(_horizontal("子育て支援")))) == ()


# --- document -----------------------------------------------------------------------


def _quality(page: int, chars: int, undecodable: int) -> PageQuality:
    return PageQuality(
        page=page,
        char_count=chars,
        undecodable_count=undecodable,
        undecodable_ratio=undecodable / chars if chars else 0.0,
        vertical_count=0,
        vertical_ratio=0.0,
        reason="",
        kinds=(("cid", undecodable),) if undecodable else (),
    )


def test_document_ratio_is_character_weighted() -> None:
    # A bad short cover page does not sink a long clean document.
    doc = document_quality([_quality(1, 10, 10), _quality(2, 990, 0)])
    assert doc.undecodable_ratio == pytest.approx(0.01)
    assert doc.undecodable_pages == (1,)
    assert not doc.rejected
    assert "page(s) 1" in doc.reason


def test_document_rejected_over_the_setting() -> None:
    pages = [_quality(1, 100, 60), _quality(2, 100, 50)]
    assert document_quality(pages).rejected
    assert "cid" in document_quality(pages).reason
    lenient = Settings(undecodable_document_ratio=0.6)
    assert not document_quality(pages, lenient).rejected


def test_page_threshold_comes_from_settings() -> None:
    pages = [_quality(1, 100, 10)]
    assert document_quality(pages).undecodable_pages == (1,)  # default 5%
    assert document_quality(pages, Settings(undecodable_page_ratio=0.2)).undecodable_pages == ()
    assert document_quality(pages, Settings(undecodable_page_ratio=0.05)).undecodable_pages == (1,)


def test_document_without_text() -> None:
    doc = document_quality([_quality(1, 0, 0)])
    assert (doc.rejected, doc.reason, doc.undecodable_ratio) == (False, "no text", 0.0)


# --- real PDFs ----------------------------------------------------------------------

needs_real_pdfs = pytest.mark.skipif(
    not REAL_PDFS.is_dir(), reason=f"real PDF samples not found at {REAL_PDFS}"
)


def _qualities(name: str, pages: int | None = None) -> list[PageQuality]:
    path = REAL_PDFS / name
    if not path.exists():
        pytest.skip(f"{name} not in {REAL_PDFS}")
    return [page_to_quality(p) for p in islice(pdf_to_pages(path), pages)]


@needs_real_pdfs
def test_cid_font_without_tounicode_is_rejected() -> None:
    qualities = _qualities("PDFextract__89test.pdf", pages=3)
    assert qualities[0].undecodable_ratio > 0.95
    assert "cid" in qualities[0].reason
    assert [w.code for w in quality_to_warnings(qualities[0])] == ["undecodable_text"]
    doc = document_quality(qualities)
    assert doc.rejected
    assert doc.undecodable_pages == (1, 2, 3)


@needs_real_pdfs
def test_rksj_font_without_tounicode_decodes() -> None:
    # pdfplumber decodes 90ms-RKSJ-H through the CMap: only a few glyph ids are left over.
    (q,) = _qualities("book-yasutake__20220328_kyoikusisaku_renraku_kai_youroku.pdf")
    assert q.char_count > 1000
    assert 0 < q.undecodable_ratio < 0.02
    assert q.vertical_ratio < 0.01
    assert not document_quality([q]).rejected


@needs_real_pdfs
@pytest.mark.parametrize(
    "name", ["opendata-pdf-to-csv__shinryoujo_13_000791218.pdf", "pdfjs__issue15340.pdf"]
)
def test_clean_pdfs(name: str) -> None:
    (q,) = _qualities(name, pages=1)
    assert q.char_count > 50
    assert q.undecodable_count == 0
    assert q.vertical_count == 0
    assert q.reason == "ok"
    assert quality_to_warnings(q) == ()


@needs_real_pdfs
@pytest.mark.parametrize("name", ["pdfminer__kampo.pdf", "pdfminer__jo.pdf"])
def test_vertical_writing_is_detected(name: str) -> None:
    (q,) = _qualities(name, pages=1)
    assert q.vertical_ratio > 0.9
    assert q.undecodable_ratio < 0.01  # kampo's header has a few mis-decoded digits
    assert "vertical" in q.reason
    assert [w.code for w in quality_to_warnings(q)] == ["vertical_text"]
