"""Tiny inputs for robustness tests: good and bad PDFs made on the fly, and fake converters.

Everything here is built in a caller-given folder (pytest's ``tmp_path``) with reportlab and
pikepdf, so the tests need no binary fixtures and no Japanese font files: reportlab's built-in
CID font ``HeiseiMin-W3`` draws Japanese text without embedding anything.

The ``fake_*`` converters are importable, picklable stand-ins for the real pipeline, so the
batch runner's worker processes can be made to succeed, fail, hang or crash on purpose.
"""

from __future__ import annotations

import gc
import io
import os
import signal
import time
from pathlib import Path
from typing import Any

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

import extractor
from extractor import errors
from extractor.model import SCHEMA_VERSION

JAPANESE_FONT = "HeiseiMin-W3"

#: A text page that looks like a plan-progress report (headings, an indicator table, ①…).
REPORT_LINES = [
    "資料２",
    "令和３年度 基本目標に関する現状報告及び今後の課題・方向性",
    "基本目標１ 安心して子どもを産み育てることができるまちづくりについて",
    "成果指標 合計特殊出生率",
    "基準値 1.50（平成30年度） 実績値 1.45（令和２年度） 目標値 1.60（令和６年度）",
    "取組状況",
    "① 子育て支援の充実",
    "「子育て応援事業」を実施し、5万円を支給した。",
    "今後の課題・方向性",
    "引き続き、子育て世帯への支援を進める。",
]

#: Ordinary Japanese prose: a valid text PDF with no report structure at all.
PROSE_LINES = [
    "吾輩は猫である。名前はまだ無い。",
    "どこで生れたかとんと見当がつかぬ。",
    "何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。",
]


def _register_font() -> None:
    if JAPANESE_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(JAPANESE_FONT))


def text_pdf_bytes(lines: list[str] | None = None, pages: int = 1) -> bytes:
    """A text PDF with Japanese ``lines`` on each of ``pages`` pages."""
    _register_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for page in range(pages):
        pdf.setFont(JAPANESE_FONT, 11)
        y = A4[1] - 72
        for line in lines or REPORT_LINES:
            pdf.drawString(56, y, line)
            y -= 22
        pdf.drawString(A4[0] / 2, 36, f"- {page + 1} -")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_report_pdf(folder: Path, name: str = "report.pdf", pages: int = 1) -> Path:
    """A small report-looking text PDF (not guaranteed to satisfy the real pipeline)."""
    path = folder / name
    path.write_bytes(text_pdf_bytes(REPORT_LINES, pages))
    return path


def make_prose_pdf(folder: Path, name: str = "prose.pdf") -> Path:
    """A valid text PDF with Japanese text but no report structure (→ ``not_a_report``)."""
    path = folder / name
    path.write_bytes(text_pdf_bytes(PROSE_LINES))
    return path


def make_empty_file(folder: Path, name: str = "empty.pdf") -> Path:
    path = folder / name
    path.write_bytes(b"")
    return path


def make_html_as_pdf(folder: Path, name: str = "page.pdf") -> Path:
    """What a browser saves when a download link returns an error page."""
    path = folder / name
    path.write_text(
        "<!DOCTYPE html>\n<html><head><title>404</title></head>\n"
        "<body>見つかりません</body></html>\n",
        encoding="utf-8",
    )
    return path


def make_truncated_pdf(folder: Path, name: str = "truncated.pdf", keep: float = 0.4) -> Path:
    """The first ``keep`` share of a good PDF, as an interrupted download leaves it."""
    data = text_pdf_bytes(REPORT_LINES, pages=2)
    path = folder / name
    path.write_bytes(data[: max(16, int(len(data) * keep))])
    return path


def make_header_only_pdf(folder: Path, name: str = "header.pdf") -> Path:
    """A ``%PDF-`` header and nothing else."""
    path = folder / name
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    return path


def make_broken_xref_pdf(folder: Path, name: str = "badxref.pdf") -> Path:
    """A good PDF whose cross-reference offsets all point to the wrong place."""
    data = bytearray(text_pdf_bytes(REPORT_LINES))
    start = data.rindex(b"xref")
    table = data[start:].replace(b"0000000", b"0000009")
    data[start:] = table
    path = folder / name
    path.write_bytes(bytes(data))
    return path


def make_bad_page_object_pdf(folder: Path, name: str = "badpage.pdf") -> Path:
    """One NUL byte in a page's /MediaBox: pdfminer fails walking the page tree, and
    pdfplumber's ``close`` walks it again (a one-byte mutation the fuzz test found)."""
    data = text_pdf_bytes(REPORT_LINES)
    assert b"/MediaBox [ 0 " in data
    path = folder / name
    path.write_bytes(data.replace(b"/MediaBox [ 0 ", b"/MediaBox [ \x00 ", 1))
    return path


def make_encrypted_pdf(
    folder: Path, name: str = "encrypted.pdf", user: str = "secret", owner: str = "owner"
) -> Path:
    """A report PDF that needs the password ``user`` to open (AES-256, via pikepdf)."""
    path = folder / name
    with pikepdf.open(io.BytesIO(text_pdf_bytes(REPORT_LINES))) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user=user, owner=owner, R=6))
    return path


def make_image_only_pdf(folder: Path, name: str = "scan.pdf") -> Path:
    """A page that is one drawn image and no text, like a scan (→ ``no_text_layer``)."""
    from PIL import Image  # reportlab depends on Pillow
    from reportlab.lib.utils import ImageReader

    image = Image.new("RGB", (64, 64))
    image.putdata([((x * 4) % 256, (y * 4) % 256, 128) for y in range(64) for x in range(64)])
    path = folder / name
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.drawImage(ImageReader(image), 36, 36, A4[0] - 72, A4[1] - 72)
    pdf.showPage()
    pdf.save()
    return path


# --- fake converters for the batch runner ---------------------------------------------------


def sha256_of(path: Path) -> str:
    from extractor.load import file_to_sha256

    return file_to_sha256(path)


def fake_document(path: Path, pages: int = 1, warnings: int = 0) -> dict[str, Any]:
    """A minimal schema-valid report document for ``path`` (real sha256 of the file)."""
    from extractor.grammar import default_grammar
    from extractor.load import file_to_sha256

    return {
        "schema_version": SCHEMA_VERSION,
        "generator": {
            "name": "extractor",
            "version": extractor.__version__,
            "grammar": default_grammar().digest,
        },
        "source": {"file": path.name, "sha256": file_to_sha256(path), "pages": pages},
        "label": None,
        "title": "テスト",
        "fiscal_year": 2021,
        "goals": [],
        "warnings": [
            {"code": "test_warning", "message": f"warning {i}", "page": 1} for i in range(warnings)
        ],
    }


def fake_ok(path: Path, settings: extractor.Settings) -> dict[str, Any]:
    """Succeeds with one warning; records the settings it was given in the title."""
    doc = fake_document(path, warnings=1)
    doc["title"] = f"enrich={settings.enrich} max_pages={settings.max_pages}"
    return doc


def fake_signal_handlers(path: Path, settings: extractor.Settings) -> dict[str, Any]:
    """Succeeds; records in the title what the worker does on SIGTERM and SIGINT."""
    doc = fake_document(path)
    kinds = {signal.SIG_DFL: "default", signal.SIG_IGN: "ignored"}
    term, interrupt = (signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT))
    doc["title"] = f"TERM {kinds.get(term, 'python')}, INT {kinds.get(interrupt, 'python')}"
    return doc


def fake_gc_state(path: Path, settings: extractor.Settings) -> dict[str, Any]:
    """Succeeds; records in the title how many objects the garbage collector leaves alone."""
    doc = fake_document(path)
    doc["title"] = f"frozen {gc.get_freeze_count()}"
    return doc


def fake_by_name(path: Path, settings: extractor.Settings) -> dict[str, Any]:
    """Behaves as the file name says: ``<error code>``, ``hang*``, ``crash*``, ``exit*``,
    ``boom*`` (a bug), ``badschema*`` (an invalid document), ``hog*`` (allocates 4 GB, a
    chunk at a time, as a decompression bomb would); anything else succeeds."""
    name = path.stem
    for cls in errors.all_error_classes():
        if name == cls.code:
            raise cls(f"fake {cls.code}", path=str(path))
    if name.startswith("hang"):
        time.sleep(3600)
    if name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGSEGV)
    if name.startswith("exit"):
        os._exit(3)
    if name.startswith("hog"):
        chunks = [bytearray(64 << 20) for _ in range(64)]
        return fake_document(path, pages=len(chunks))
    if name.startswith("boom"):
        raise RuntimeError("a bug in the pipeline")
    if name.startswith("badschema"):
        doc = fake_document(path)
        doc["goals"] = "not a list"
        return doc
    return fake_document(path)


def fake_slow(path: Path, settings: extractor.Settings) -> dict[str, Any]:
    """Takes a while, so a run can be interrupted in the middle."""
    time.sleep(float(os.environ.get("EXTRACTOR_FAKE_SLEEP", "0.5")))
    return fake_document(path)
