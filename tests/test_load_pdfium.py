"""The PDFium loader (issue 12): same content as the pdfminer loader, faster; pages its text
layer would not give glyph for glyph go to pdfminer; hostile files fail alone in workers.

``scripts/compare_loaders.py`` runs the full comparison (samples, variants, real PDFs) and
measures pages per second; these tests pin down what it found.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

import extractor
import tests.broken_fixtures as bf
import tests.hostile as hostile
from extractor import errors
from extractor.load import Char, PageContent, pdf_to_pages
from extractor.load_pdfium import TextLayerLoss
from extractor.load_pdfium import pdf_to_pages as pdfium_pages_without_fallback
from extractor.workers import fits_in_process
from tests.conftest import SHARED
from tests.golden_diff import without_provenance

REPO = Path(__file__).resolve().parents[1]
IPAEX_GOTHIC = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
SAMPLES = REPO / "samples"
VARIANTS = REPO / "tests" / "variants"
PDFIUM = dataclasses.replace(extractor.Settings(enrich=False), loader="pdfium")
PDFMINER = dataclasses.replace(extractor.Settings(enrich=False), loader="pdfminer")
#: Largest box difference seen between the loaders (pt): PDFium measures a font whose
#: descriptor gives no /Ascent or /Descent from its glyphs, pdfminer takes 0 (Word and
#: LibreOffice PDFs: 0.7-1.2 pt); elsewhere float32 arithmetic (≤ 0.03 pt).
BOX_TOLERANCE = 1.5


def _boxes(document: object, found: list[float]) -> list[float]:
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "bbox" and isinstance(value, list):
                found.extend(value)
            else:
                _boxes(value, found)
    elif isinstance(document, list):
        for value in document:
            _boxes(value, found)
    return found


def _texts(pdf: Path, settings: extractor.Settings) -> list[list[str]]:
    pages = extractor.extract_text(pdf, settings)
    return [[p["kind"] + ":" + p["text"] for p in page["paragraphs"]] for page in pages]


@pytest.mark.parametrize("pdf", sorted(SAMPLES.glob("*.pdf")), ids=lambda p: p.stem)
def test_loaders_give_the_same_report_and_text(pdf: Path) -> None:
    by_pdfminer = extractor.convert(pdf, PDFMINER).to_dict()
    by_pdfium = extractor.convert(pdf, PDFIUM).to_dict()
    assert without_provenance(by_pdfium) == without_provenance(by_pdfminer)
    boxes_a, boxes_b = _boxes(by_pdfminer, []), _boxes(by_pdfium, [])
    assert len(boxes_a) == len(boxes_b)
    assert max((abs(a - b) for a, b in zip(boxes_a, boxes_b, strict=True)), default=0) <= (
        BOX_TOLERANCE
    )
    assert _texts(pdf, PDFIUM) == _texts(pdf, PDFMINER)


REAL_PDFS = sorted((SHARED / "realpdfs").glob("*.pdf")) if SHARED.exists() else []


@pytest.mark.skipif(not REAL_PDFS, reason="needs ../shared/realpdfs beside the repo")
@pytest.mark.parametrize("pdf", REAL_PDFS, ids=lambda p: p.stem[:30])
def test_loaders_give_the_same_text_of_real_pdfs(pdf: Path) -> None:
    try:
        expected = _texts(pdf, PDFMINER)
    except errors.ExtractorError as exc:
        with pytest.raises(type(exc)):
            _texts(pdf, PDFIUM)
        return
    assert _texts(pdf, PDFIUM) == expected


def _ink(page: PageContent) -> list[Char]:
    """The page's visible glyphs: PDFium's text layer leaves out a space drawn as a text
    object of its own (it has no width), which the readers measure as a gap anyway."""
    return sorted(
        (c for c in page.chars if not c.text.isspace()),
        key=lambda c: (round(c.baseline), round(c.x0), c.text),
    )


def _same_glyphs(a: PageContent, b: PageContent, tolerance: float = 0.05) -> None:
    assert (a.width, a.height) == pytest.approx((b.width, b.height), abs=0.01)
    assert [c.text for c in _ink(a)] == [c.text for c in _ink(b)]
    for x, y in zip(_ink(a), _ink(b), strict=True):
        for field in ("x0", "x1", "top", "bottom", "baseline", "size"):
            assert getattr(x, field) == pytest.approx(getattr(y, field), abs=tolerance), field
        assert x.upright == y.upright


def test_rotated_and_offset_pages_are_put_as_pdfminer_puts_them(tmp_path: Path) -> None:
    """PDFium reads in unrotated user space; pdfminer turns /Rotate into its matrix and
    pdfplumber moves the origin by the MediaBox. Both loaders must agree on every glyph."""
    path = tmp_path / "turned.pdf"
    with pikepdf.open(SAMPLES / "kurume_2021.pdf") as pdf:
        pdf.pages[0].Rotate = 90
        pdf.pages[1].Rotate = 270
        pdf.pages[2].Rotate = 180
        box = [float(v) for v in pdf.pages[3].MediaBox]
        pdf.pages[3].MediaBox = [box[0] - 20, box[1] - 30, box[2] + 10, box[3] + 5]
        pdf.save(path)
    for a, b in zip(pdf_to_pages(path, PDFMINER), pdf_to_pages(path, PDFIUM), strict=True):
        _same_glyphs(a, b)


def _turned_labels(path: Path, angles: tuple[int, ...]) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("IPAexGothic", str(IPAEX_GOTHIC)))
    page = canvas.Canvas(str(path))
    page.setFont("IPAexGothic", 12)
    page.drawString(72, 700, "横書き 2024年 54人")
    for i, angle in enumerate(angles):
        page.saveState()
        page.translate(150 + 120 * i, 200 + 150 * i)
        page.rotate(angle)
        page.drawString(0, 0, "回転 12.5%")
        page.restoreState()
    page.save()
    return path


def test_upside_down_text_gets_pdfminer_boxes(tmp_path: Path) -> None:
    """A label turned half round: the box is the upright one around the turned glyph."""
    path = _turned_labels(tmp_path / "upside_down.pdf", (180,))
    a = next(pdf_to_pages(path, PDFMINER))
    b = next(pdfium_pages_without_fallback(path, PDFIUM))  # read by PDFium itself
    # Glyph advances add up a little apart (PDFium: 7.55 pt a digit, pdfminer 7.56).
    _same_glyphs(a, b, tolerance=0.1)


def test_text_set_at_an_angle_is_read_by_pdfminer(tmp_path: Path) -> None:
    """At 30° PDFium's loose box is the box around the turned glyph, from which the advance
    cannot be told: such a page is read by pdfminer."""
    path = _turned_labels(tmp_path / "angles.pdf", (30, 330))
    with pytest.raises(TextLayerLoss, match="angle"):
        list(pdfium_pages_without_fallback(path, PDFIUM))
    a = next(pdf_to_pages(path, PDFMINER))
    assert max(c.bottom - c.top for c in a.chars) > 15  # a 12 pt glyph's box, turned 30°
    _same_glyphs(a, next(pdf_to_pages(path, PDFIUM)))


def test_text_turned_a_quarter_reads_as_pdfminer_reads_it(tmp_path: Path) -> None:
    """Glyphs a quarter turned stand one below the other like vertical writing: the page is
    read by pdfminer."""
    path = _turned_labels(tmp_path / "quarter.pdf", (90, 270))
    _same_glyphs(next(pdf_to_pages(path, PDFMINER)), next(pdf_to_pages(path, PDFIUM)))


def test_a_glyph_missing_from_a_substituted_font_is_read_by_pdfminer() -> None:
    """v09's contents page prints its page numbers ('1') each as its own text object in
    HeiseiMin-W3, a font the PDF does not embed: PDFium's substituted font has no box for
    the glyph, so its text layer leaves the number out. That page goes to pdfminer."""
    pdf = VARIANTS / "v09.pdf"
    with pytest.raises(TextLayerLoss, match="without width"):
        list(pdfium_pages_without_fallback(pdf, PDFIUM))
    first = next(pdf_to_pages(pdf, PDFIUM))
    numbers = [c for c in first.chars if c.text == "1" and c.x0 > 700]
    assert numbers, "the page number after the leader dots"
    _same_glyphs(first, next(pdf_to_pages(pdf, PDFMINER)))


def test_actual_text_is_read_by_pdfminer() -> None:
    """Chromium marks some glyphs with /ActualText, which PDFium's text layer shows instead
    of the glyphs (spread evenly over the run): such a page goes to pdfminer."""
    pdf = VARIANTS / "ref_html.pdf"
    with pytest.raises(TextLayerLoss, match="ActualText"):
        list(pdfium_pages_without_fallback(pdf, PDFIUM))


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared/realpdfs beside the repo")
def test_vertical_writing_is_read_by_pdfminer() -> None:
    """官報 (pdfminer__kampo.pdf) is set in vertical columns; PDFium puts a vertical font's
    glyphs its own way, so the page goes to pdfminer and both loaders agree."""
    pdf = SHARED / "realpdfs" / "pdfminer__kampo.pdf"
    with pytest.raises(TextLayerLoss, match="vertical"):
        list(pdfium_pages_without_fallback(pdf, PDFIUM))
    _same_glyphs(next(pdf_to_pages(pdf, PDFIUM)), next(pdf_to_pages(pdf, PDFMINER)))


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (bf.make_empty_file, "not_a_pdf"),
        (bf.make_html_as_pdf, "not_a_pdf"),
        (bf.make_truncated_pdf, "damaged"),
        (bf.make_header_only_pdf, "damaged"),
        (bf.make_encrypted_pdf, "encrypted"),
    ],
)
def test_bad_input_gets_the_same_typed_error(tmp_path: Path, make: object, code: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(errors.ExtractorError) as info:
        list(pdf_to_pages(path, PDFIUM))
    assert info.value.code == code


def test_the_right_password_opens_with_pdfium(tmp_path: Path) -> None:
    path = bf.make_encrypted_pdf(tmp_path)
    pages = list(pdf_to_pages(path, dataclasses.replace(PDFIUM, password="secret")))
    assert "基本目標" in "".join(c.text for c in pages[0].chars)
    with pytest.raises(errors.EncryptedPDFError, match="wrong"):
        list(pdf_to_pages(path, dataclasses.replace(PDFIUM, password="nope")))


def test_pdfium_never_converts_in_the_main_process() -> None:
    roomy = {"max_memory": 2**62}  # so that this test process's own size does not count
    assert fits_in_process(1, 1, dataclasses.replace(PDFMINER, **roomy))
    assert not fits_in_process(1, 1, dataclasses.replace(PDFIUM, **roomy))


def test_hostile_files_fail_alone_with_pdfium(tmp_path: Path) -> None:
    """PDFium inflates without a cap and expands forms drawing forms: in a worker under
    --max-memory it aborts, and that file alone fails (worker_died); the run goes on."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    bombs = [hostile.HOSTILE[name][0](inputs) for name in ("content_bomb", "nested_forms")]
    good = inputs / "kurume_2020.pdf"
    good.write_bytes((SAMPLES / "kurume_2020.pdf").read_bytes())
    out = tmp_path / "out"
    options = ["--loader", "pdfium", "--jobs", "1", "--max-memory", "512M", "--timeout", "60"]
    done = subprocess.run(
        [sys.executable, "-m", "extractor.cli", "convert", str(inputs), "-o", str(out), *options],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    run = json.loads((out / "_run.json").read_text("utf-8"))
    outcomes = {Path(f["path"]).name: f["code"] or f["status"] for f in run["files"]}
    assert outcomes[good.name] == "converted"
    for bomb in bombs:
        assert outcomes[bomb.name] in {"worker_died", "too_large"}


def test_an_unknown_loader_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pdfmuner"):
        pdf_to_pages(SAMPLES / "kurume_2021.pdf", dataclasses.replace(PDFIUM, loader="pdfmuner"))
