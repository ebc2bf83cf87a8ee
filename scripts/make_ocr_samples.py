"""Make scanned-and-OCR'd versions of a sample report, as cities publish them (tests/ocr/).

Why: a city that scans its printed report and makes it searchable publishes page images with
an invisible OCR text layer. The product has no such report, so we make them from a sample
whose content we know (``samples/kurume_2021.pdf``, expected ``tests/golden/kurume_2021.json``):

``kurume_2021_ocr.pdf``
    Each page rasterised at 300 dpi in black and white (``pdftoppm -mono``), the images
    wrapped into a PDF (``img2pdf``) and OCR'd by ``ocrmypdf -l jpn`` (Tesseract's ``jpn``
    model; the default "sandwich" renderer: text in ``GlyphLessFont``, render mode 3, under
    the page image).
``kurume_2021_skewed_ocr.pdf``
    The same pages turned 0.8° with speckle noise (deterministic: a fixed seed), as a
    sheet fed slightly askew gives, then ``ocrmypdf -l jpn --rotate-pages``.
``kurume_2021_hocr.pdf``
    The straight pages through ``ocrmypdf -l jpn --pdf-renderer hocr``: ocrmypdf 14's hOCR
    renderer draws the Japanese words in a font it never defines (poppler: "Unknown font tag
    'F2'"), and its PDF/A step (Ghostscript 10.0) substitutes a Latin font: every Japanese
    character comes out as ``n``. Decodable, meaningless text: only the page image gives it
    away.
``kurume_2021_exact_layer.pdf``
    What a searchable-image producer with exact positions gives (Acrobat's "searchable
    image"): the page image drawn first, then the sample's own text in render mode 3, its
    vector rules and fills removed (in a scan they are pixels). Built with pikepdf from the
    sample; the text is right, so the report converts, and only the warning says it is OCR.
``kurume_2021_misread_layer.pdf``
    The same, drawn from the reference's specification (``scripts/sample_specs.py``) with
    three value cells as OCR misreads them (``MISREADINGS``: ``6S人`` for 65人, ``7l.7%`` for
    71.7%, ``O人`` for 0人): no figure may come out of them.

Nothing is derived from the extractor's output. The tests (``tests/test_ocr.py``) take the
expectations from ``tests/golden/kurume_2021.json`` and from what the rendered pages show.

Needs: Debian packages ``ocrmypdf``, ``tesseract-ocr-jpn``, ``img2pdf``, ``poppler-utils``;
pip packages ``pikepdf`` and ``Pillow``. Only this script needs them, not ``make test``.
ocrmypdf's output is not byte-stable (Tesseract versions, timestamps): re-running makes
different files, which the tests must still accept; the committed ones were made with
ocrmypdf 14.0.1 and Tesseract 5.3.0 (Debian bookworm).

Usage: python scripts/make_ocr_samples.py [OUTDIR]   (default tests/ocr)
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf
from make_samples import report_flow
from pdfdraw import Layout, PageStyle, new_canvas, register_fonts
from PIL import Image
from sample_specs import KURUME_2021, Report, replace

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "samples" / "kurume_2021.pdf"
DPI = 300
SKEW_DEGREES = 0.8
SPECKLES_PER_PAGE = 4000
SEED = 2021
#: Value cells of ``kurume_2021_misread_layer.pdf`` as OCR misreads them: printed → read.
MISREADINGS = {"65人": "6S人", "71.7%": "7l.7%", "0人": "O人"}

#: Content-stream operators that build or paint paths: a scan has its rules as pixels.
PATH_OPERATORS = frozenset(
    {
        *("m", "l", "c", "v", "y", "h", "re"),  # construct
        *("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n", "sh"),  # paint, shade
        *("W", "W*"),  # clip
    }
)


def run(*command: str | Path) -> None:
    subprocess.run([str(c) for c in command], check=True)


def rasterise(pdf: Path, workdir: Path) -> list[Path]:
    """One black-and-white (1-bit, as a scanner's text mode gives) PNG per page, at ``DPI``."""
    workdir.mkdir(parents=True, exist_ok=True)
    run("pdftoppm", "-r", str(DPI), "-gray", "-png", pdf, workdir / "page")
    pages = sorted(workdir.glob("page-*.png"))
    for path in pages:
        with Image.open(path) as image:
            bitonal = image.point(lambda v: 255 if v > 160 else 0).convert("1")
        bitonal.save(path, dpi=(DPI, DPI))
    return pages


def skew(pages: list[Path], workdir: Path) -> list[Path]:
    """Turn each page a little and sprinkle black specks over it."""
    rng = random.Random(SEED)
    out = []
    for path in pages:
        with Image.open(path) as image:
            page = image.convert("L").rotate(
                SKEW_DEGREES, resample=Image.Resampling.BICUBIC, fillcolor=255
            )
            pixels = page.load()
            assert pixels is not None
            for _ in range(SPECKLES_PER_PAGE):
                x, y = rng.randrange(page.width), rng.randrange(page.height)
                pixels[x, y] = 0
            target = workdir / f"skewed-{path.stem}.png"
            page.point(lambda v: 255 if v > 160 else 0).convert("1").save(target, dpi=(DPI, DPI))
        out.append(target)
    return out


def images_to_pdf(pages: list[Path], target: Path) -> Path:
    run("img2pdf", *pages, "-o", target)
    return target


def ocr(image_pdf: Path, target: Path, *options: str) -> None:
    run("ocrmypdf", "-q", "-l", "jpn", *options, image_pdf, target)


def exact_layer(source: Path, image_pdf: Path, target: Path) -> None:
    """The source's text made invisible over its page images; its paths dropped."""
    with pikepdf.open(source) as pdf, pikepdf.open(image_pdf) as scans:
        for page, scan in zip(pdf.pages, scans.pages, strict=True):
            (image,) = scan.get_images().values()
            name = page.add_resource(pdf.copy_foreign(image), pikepdf.Name.XObject, prefix="Scan")
            kept: list[tuple[object, pikepdf.Operator]] = []
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) in PATH_OPERATORS:
                    continue
                kept.append((operands, operator))
                if str(operator) == "BT":
                    kept.append(([3], pikepdf.Operator("Tr")))
            width, height = float(page.mediabox[2]), float(page.mediabox[3])
            draw_scan = [
                ([], pikepdf.Operator("q")),
                ([width, 0, 0, height, 0, 0], pikepdf.Operator("cm")),
                ([name], pikepdf.Operator("Do")),
                ([], pikepdf.Operator("Q")),
            ]
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(draw_scan + kept))
        pdf.save(target, deterministic_id=True)


def misread_spec(spec: Report) -> Report:
    """The report with the ``MISREADINGS`` cells printed as misread (goal 1's table)."""
    goal = spec.goals[0]
    indicators = tuple(
        replace(
            indicator,
            rows=tuple(
                (label, tuple(MISREADINGS.get(cell, cell) for cell in cells))
                for label, cells in indicator.rows
            ),
        )
        for indicator in goal.table.indicators
    )
    table = replace(goal.table, indicators=indicators)
    return replace(spec, goals=(replace(goal, table=table), *spec.goals[1:]))


def draw(spec: Report, target: Path) -> None:
    """Draw a report specification as ``make_samples.py`` does, into ``target``."""
    fonts = register_fonts(spec.embedded)
    canvas = new_canvas(str(target), title=spec.title, author=spec.author, fonts=fonts)
    style = PageStyle(running_header=spec.running_header, label=spec.label)
    layout = Layout(canvas, fonts, spec.quirks, style, breaks=spec.breaks)
    pages = layout.run(report_flow(spec, fonts.mincho))
    if pages != spec.pages:
        raise SystemExit(f"{target.name}: {pages} pages, expected {spec.pages}")


def main(outdir: Path) -> None:
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        straight = images_to_pdf(rasterise(SOURCE, work), work / "straight.pdf")
        pages = sorted(work.glob("page-*.png"))
        skewed = images_to_pdf(skew(pages, work), work / "skewed.pdf")
        ocr(straight, outdir / "kurume_2021_ocr.pdf")
        ocr(skewed, outdir / "kurume_2021_skewed_ocr.pdf", "--rotate-pages")
        ocr(straight, outdir / "kurume_2021_hocr.pdf", "--pdf-renderer", "hocr")
        exact_layer(SOURCE, straight, outdir / "kurume_2021_exact_layer.pdf")
        misread = work / "misread.pdf"
        draw(misread_spec(KURUME_2021), misread)
        misread_scan = images_to_pdf(
            rasterise(misread, work / "misread"), work / "misread-scan.pdf"
        )
        exact_layer(misread, misread_scan, outdir / "kurume_2021_misread_layer.pdf")
    for pdf in sorted(outdir.glob("*.pdf")):
        print(f"{pdf}: {pdf.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "ocr")
