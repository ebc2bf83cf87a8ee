"""Scanned reports with an OCR text layer: said so (``ocr_text``), never taken as printed.

The PDFs in tests/ocr/ are ``samples/kurume_2021.pdf`` scanned and OCR'd
(``scripts/make_ocr_samples.py`` says how): their content is the reference's, as far as the
recognition got it right, so the expectations come from ``tests/golden/kurume_2021.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import extractor
from extractor.load import Char, PageContent, pdf_to_pages
from extractor.quality import (
    PageQuality,
    document_quality,
    is_ocr_font,
    page_to_quality,
    qualities_to_ocr_warning,
)
from extractor.settings import Settings
from extractor.values import text_to_quantity
from tests.conftest import GOLDEN, REPO, SAMPLES, SHARED
from tests.golden_diff import diff_reports

OCR = REPO / "tests" / "ocr"
#: Real scans through ocrmypdf + Tesseract (jpn): straight, skewed and speckled, hOCR renderer.
TESSERACT = ["kurume_2021_ocr", "kurume_2021_skewed_ocr", "kurume_2021_hocr"]
#: The reference's pages as images with its own text drawn invisibly over them.
EXACT = OCR / "kurume_2021_exact_layer.pdf"
#: The same with three value cells as OCR misreads them (printed → read).
MISREAD = OCR / "kurume_2021_misread_layer.pdf"
MISREADINGS = {"65人": "6S人", "71.7%": "7l.7%", "0人": "O人"}
LOADERS = ["pdfminer", "pdfium"]

# --- synthetic pages ----------------------------------------------------------------------


def _chars(
    text: str, fontname: str, top: float = 100.0, x0: float = 60.0, invisible: bool = False
) -> list[Char]:
    return [
        Char(
            *(ch, x0 + 10 * i, x0 + 10 * i + 10, top, top + 10, top + 8.8, 10.0, fontname),
            upright=True,
            invisible=invisible,
        )
        for i, ch in enumerate(text)
    ]


def _page(
    chars: list[Char], images: tuple[tuple[float, float, float, float], ...] = ()
) -> PageContent:
    return PageContent(1, 595, 842, tuple(chars), (), images=images)


FULL_PAGE = ((0.0, 0.0, 595.0, 842.0),)


def test_glyphless_font_is_ocr_text_even_without_an_image() -> None:
    """Tesseract's renderer (ocrmypdf; subset prefix or not) writes GlyphLessFont."""
    assert is_ocr_font("GlyphLessFont") and is_ocr_font("ABCDEF+GlyphLessFont")
    assert not is_ocr_font("IPAexMincho") and not is_ocr_font("GlyphLessFontX")
    quality = page_to_quality(_page(_chars("待機児童数54人", "GlyphLessFont")))
    assert (quality.ocr_count, quality.ocr_ratio) == (8, 1.0)


def test_invisible_text_on_a_page_sized_image_is_ocr_text_whatever_its_font() -> None:
    """Acrobat or PDFill write their OCR text invisibly, in an ordinary font, over the scan."""
    chars = _chars("待機児童数54人", "MS-Mincho", invisible=True)
    quality = page_to_quality(_page(chars, FULL_PAGE))
    assert quality.ocr_ratio == 1.0
    assert "OCR" in quality.reason


def test_printed_text_over_a_page_sized_picture_is_not_ocr_text() -> None:
    """A report printed over a full-page background (a frame, a watermark) paints its text."""
    quality = page_to_quality(_page(_chars("待機児童数54人", "MS-Mincho"), FULL_PAGE))
    assert quality.ocr_count == 0
    assert qualities_to_ocr_warning([quality]) is None


def test_scan_in_strips_counts_as_a_page_image() -> None:
    strips = ((0.0, 0.0, 595.0, 421.0), (0.0, 421.0, 595.0, 842.0))
    chars = _chars("子育て支援", "MS-Mincho", invisible=True)
    assert page_to_quality(_page(chars, strips)).ocr_ratio == 1.0


def test_born_digital_text_beside_a_picture_is_not_ocr_text() -> None:
    """A logo or a photo covers a small part of the page: the text is printed text."""
    photo = ((50.0, 50.0, 300.0, 400.0),)
    quality = page_to_quality(_page(_chars("子育て支援", "IPAexMincho", top=120), photo))
    assert quality.ocr_count == 0
    assert qualities_to_ocr_warning([quality]) is None


def test_threshold_is_the_share_of_the_page_text() -> None:
    """A born-digital page with a few GlyphLessFont glyphs (a pasted OCR snippet) is not
    flagged under ``ocr_page_ratio``; mostly OCR text is."""
    chars = _chars("子育て支援の充実", "IPAexMincho") + _chars("54人", "GlyphLessFont", top=130)
    quality = page_to_quality(_page(chars))
    assert quality.ocr_count == 3
    assert qualities_to_ocr_warning([quality]) is None
    assert qualities_to_ocr_warning([quality], Settings(ocr_page_ratio=0.2)) is not None


def test_one_report_warning_names_the_ocr_pages() -> None:
    def quality(number: int, fontname: str) -> PageQuality:
        return page_to_quality(PageContent(number, 595, 842, tuple(_chars("54人", fontname)), ()))

    pages = [quality(n, "GlyphLessFont") for n in (1, 2, 3)]
    pages += [quality(4, "IPAexMincho"), quality(5, "GlyphLessFont")]
    warning = qualities_to_ocr_warning(pages)
    assert warning is not None
    assert (warning.code, warning.page) == ("ocr_text", 1)
    assert warning.message.startswith("pages 1-3, 5: ")
    assert document_quality(pages).ocr_pages == (1, 2, 3, 5)
    assert qualities_to_ocr_warning([quality(1, "IPAexMincho")]) is None


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        *(("50人", 50), ("100%", 100), ("71.7%", 71.7), ("1,200円", 1200), ("10kl", 10)),
        *(("3pt", 3), ("10kg/人", 10), ("5人・日", 5), ("10μSv", 10), ("2ポイント", 2)),
    ],
)
def test_clean_figures_still_read_as_numbers(printed: str, value: float) -> None:
    quantity = text_to_quantity(printed)
    assert (quantity.kind, quantity.value, quantity.warning) == ("number", value, None)


@pytest.mark.parametrize(
    "misread", ["5O人", "6S人", "3l件", "l00%", "7I.7%", "1,2O0円", "約5O人", "△l,234円"]
)
def test_figure_with_letters_for_digits_stays_text_and_warns(misread: str) -> None:
    """OCR reads 0 as O and 1 as l or I: ``5O人`` must not become 5 ``O人``, nor plain text."""
    quantity = text_to_quantity(misread)
    assert (quantity.kind, quantity.value) == ("text", None)
    assert quantity.warning and misread in quantity.warning


@pytest.mark.parametrize("text", ["Iターン", "CO2", "O", "小中学校ともに全国平均以上"])
def test_words_with_look_alike_letters_are_plain_text(text: str) -> None:
    assert text_to_quantity(text).warning is None


# --- the made scans -----------------------------------------------------------------------


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("stem", [*TESSERACT, EXACT.stem, MISREAD.stem])
def test_every_page_of_a_scan_is_flagged(stem: str, loader: str) -> None:
    pages = extractor.extract_text(OCR / f"{stem}.pdf", Settings(loader=loader))
    assert len(pages) == 5
    for page in pages:
        assert "ocr_text" in {w["code"] for w in page["warnings"]}, page["page"]


@pytest.mark.parametrize("loader", LOADERS)
def test_born_digital_samples_have_no_ocr_text(loader: str) -> None:
    settings = Settings(loader=loader)
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        counts = [page_to_quality(p, settings).ocr_count for p in pdf_to_pages(pdf, settings)]
        assert not any(counts), (pdf.name, counts)


def test_hocr_garbage_is_decodable_and_still_flagged() -> None:
    """ocrmypdf 14's hOCR renderer (and its Ghostscript PDF/A step) turns each Japanese
    character into ``n``: no check of the characters can tell, the page image does."""
    pages = extractor.extract_text(OCR / "kurume_2021_hocr.pdf")
    text = "".join(p["text"] for p in pages[0]["paragraphs"])
    assert "n" in text and "基本目標" not in text
    assert not any(w["code"] == "undecodable_text" for page in pages for w in page["warnings"])
    assert all("ocr_text" in {w["code"] for w in page["warnings"]} for page in pages)


@pytest.mark.parametrize("stem", TESSERACT)
def test_tesseract_scan_is_a_loud_failure_or_a_warned_report(stem: str) -> None:
    """Never a silent report: either refused, saying the text is OCR, or converted with an
    ``ocr_text`` warning (and then ``--strict`` refuses it)."""
    pdf = OCR / f"{stem}.pdf"
    try:
        report = extractor.convert(pdf, Settings(enrich=False))
    except extractor.ExtractorError as error:
        assert error.code == "not_a_report"
        assert "OCR layer on scanned images" in str(error)
        return
    assert report.warnings[0].code == "ocr_text"
    with pytest.raises(extractor.ExtractorError) as info:
        extractor.convert(pdf, Settings(enrich=False, strict=True))
    assert info.value.code == "not_understood"


@pytest.mark.parametrize("stem", ["kurume_2021_ocr", "kurume_2021_skewed_ocr"])
def test_tesseract_scan_gives_its_outline_and_says_what_is_missing(stem: str) -> None:
    """A Tesseract layer is read without its blank glyphs, levelled (the skewed scan's
    headings ran over two baselines) and without looking for gutters (its word gaps made
    whitespace tables of running text): the goals and initiatives come out as printed. Its
    tables' rules are only in the image, so no indicator is read, and the warnings say so."""
    report = extractor.convert(OCR / f"{stem}.pdf", Settings(enrich=False)).to_dict()
    expected = json.loads((GOLDEN / "kurume_2021.json").read_text(encoding="utf-8"))
    titles = [(g["number"], g["title"]) for g in report["goals"]]
    assert titles == [(g["number"], g["title"]) for g in expected["goals"]]
    printed = {(g["number"], i["title"]) for g in expected["goals"] for i in g["initiatives"]}
    read = {(g["number"], i["title"]) for g in report["goals"] for i in g["initiatives"]}
    assert read <= printed and len(read) >= len(printed) - 2  # the straight scan lost a ③
    assert all(g["challenges"] for g in report["goals"])
    assert not any(g["indicators"] for g in report["goals"])
    # wrapped lines mostly rejoined, though the tables' rows, read as text, sit among them
    paragraphs = {(g["number"], i["title"]): len(i["paragraphs"]) for g in expected["goals"]
                  for i in g["initiatives"]}  # fmt: skip
    read_paragraphs = sum(len(i["paragraphs"]) for g in report["goals"] for i in g["initiatives"])
    assert read_paragraphs <= 2 * sum(paragraphs[key] for key in read)
    codes = {w["code"] for w in report["warnings"]}
    assert (
        report["warnings"][0]["code"] == "ocr_text" and {"unplaced_text", "low_coverage"} <= codes
    )


@pytest.fixture(scope="module", params=LOADERS)
def exact_report(request: pytest.FixtureRequest) -> dict:
    return extractor.convert(EXACT, Settings(loader=request.param)).to_dict()


def test_exact_layer_reads_like_the_reference(exact_report: dict) -> None:
    """Right text over the page images: the reference's content, every value cell right."""
    expected = json.loads((GOLDEN / "kurume_2021.json").read_text(encoding="utf-8"))
    expected["source"] = exact_report["source"]
    expected["warnings"] = exact_report["warnings"]
    differences = diff_reports(expected, exact_report)
    assert not differences, "\n".join(differences[:40])


def test_exact_layer_carries_one_ocr_warning(exact_report: dict) -> None:
    (warning,) = exact_report["warnings"]
    assert (warning["code"], warning["page"]) == ("ocr_text", 1)
    assert warning["message"].startswith("pages 1-5: ")
    extractor.validate_report(exact_report)


def test_misread_cells_are_text_with_warnings_never_figures() -> None:
    """``6S人`` is not 6 ``S人``, ``7l.7%`` not 7: such cells stay text and say why; ``O人``
    (no digit left) is plain text. Every other value is the reference's."""
    report = extractor.convert(MISREAD).to_dict()
    expected = json.loads((GOLDEN / "kurume_2021.json").read_text(encoding="utf-8"))
    for goal in expected["goals"]:
        for indicator in goal["indicators"]:
            for series in indicator["series"]:
                for value in series["values"]:
                    if goal["number"] == 1 and value["raw"] in MISREADINGS:
                        value.update(raw=MISREADINGS[value["raw"]], kind="text")
                        value.update(value=None, unit=None)
    expected["source"] = report["source"]
    expected["warnings"] = report["warnings"]
    differences = diff_reports(expected, report)
    assert not differences, "\n".join(differences[:40])
    codes = [(w["code"], w["message"].rpartition(": ")[2]) for w in report["warnings"]]
    assert codes[0][0] == "ocr_text"
    assert sorted(codes[1:]) == [("unparsed_number", "'6S人'"), ("unparsed_number", "'7l.7%'")]


def test_strict_refuses_an_ocr_report() -> None:
    with pytest.raises(extractor.NotUnderstoodError) as info:
        extractor.convert(EXACT, Settings(enrich=False, strict=True))
    assert "ocr_text" in str(info.value)


REAL_SCAN = SHARED / "realpdfs" / "book-yasutake__20220328_kyoikusisaku_renraku_kai_youroku.pdf"


@pytest.mark.skipif(not REAL_SCAN.exists(), reason="../shared/realpdfs is not beside the repo")
def test_real_scan_with_an_ordinary_font_is_flagged() -> None:
    """book-yasutake…youroku.pdf page 1: a 400 dpi CCITT scan (Kodaira city minutes) made
    searchable by PlotSoft PDFill: invisible text (3 Tr) in non-embedded MS-Mincho, no
    GlyphLessFont. Only the page image tells it is OCR."""
    (page,) = pdf_to_pages(Path(REAL_SCAN), Settings())
    assert {c.fontname for c in page.chars if c.text.strip()} & {"MSMincho", "MS-Mincho"}
    quality = page_to_quality(page)
    assert quality.ocr_ratio > 0.99
    assert qualities_to_ocr_warning([quality]) is not None


@pytest.mark.parametrize("loader", ["pdfminer", "pdfium"])
def test_both_loaders_see_the_ocr_layer_as_invisible(loader: str) -> None:
    """The text render mode (3: invisible) comes through either loader; printed samples have
    no invisible glyph."""
    settings = Settings(loader=loader)
    for name in ("kurume_2021_ocr.pdf", "kurume_2021_hocr.pdf"):
        page = next(pdf_to_pages(REPO / "tests" / "ocr" / name, settings))
        assert page.chars and all(c.invisible for c in page.chars), name
    for sample in sorted(SAMPLES.glob("*.pdf")):
        assert not any(c.invisible for p in pdf_to_pages(sample, settings) for c in p.chars)


def test_a_figure_that_is_not_a_number_is_not_understood() -> None:
    """A value cell whose figure has letters for digits (5O人) stays text with
    ``unparsed_number``, and that is a content warning: ``--strict`` refuses the report."""
    from extractor.assemble import content_warnings

    report = extractor.convert(REPO / "tests" / "ocr" / "kurume_2021_misread_layer.pdf")
    codes = {w.code for w in content_warnings(report)}
    assert "unparsed_number" in codes
