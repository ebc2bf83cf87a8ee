"""The pdfium loader against the pdfminer loader: same output? how much faster? (issue 12)

Run: ``.venv/bin/python scripts/compare_loaders.py [pdf_or_dir ...]`` (default: ``samples/``,
``tests/variants/`` and ``../shared/realpdfs``). Not a test: it prints a report.

For every PDF, both loaders feed the whole pipeline and three outputs are compared:

``json``
    the report's JSON (``extractor.convert``, enrichment off), generator version left out;
``content``
    the same without provenance (boxes and value-cell pages): what the goldens hold;
``text``
    ``extractor text``'s blocks (kind and text, page by page).

A file both loaders refuse with the same error code counts as the same. Load speed is
measured separately: pages per second of ``load.pdf_to_pages`` alone, per loader, in this
process (best of three passes over all files).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import logging
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import extractor  # noqa: E402
from extractor.errors import ExtractorError  # noqa: E402
from extractor.load import pdf_to_pages  # noqa: E402
from tests.golden_diff import diff_reports, without_provenance  # noqa: E402

DEFAULT_INPUTS = (
    REPO / "samples",
    REPO / "tests" / "variants",
    REPO.parent / "shared" / "realpdfs",
)
LOADERS = ("pdfminer", "pdfium")


def report_json(pdf: Path, settings: extractor.Settings) -> dict[str, Any] | str:
    try:
        document = extractor.convert(pdf, settings).to_dict()
    except ExtractorError as exc:
        return f"error {exc.code}"
    document["generator"].pop("version", None)
    return document


def text_blocks(pdf: Path, settings: extractor.Settings) -> list[Any] | str:
    try:
        pages = extractor.extract_text(pdf, settings)
    except ExtractorError as exc:
        return f"error {exc.code}"
    return [
        [(block["kind"], block["text"]) for block in page["paragraphs"]] + page["warnings"]
        for page in pages
    ]


def first_difference(a: Any, b: Any) -> str:
    if isinstance(a, str) or isinstance(b, str):
        said = [x if isinstance(x, str) else "converted" for x in (a, b)]
        return " / ".join(said)
    if isinstance(a, dict):
        found = diff_reports(a, b)
        return f"{len(found)} differences, first: {found[0][:300]}" if found else ""
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"page {i + 1}: {str(x)[:150]} / {str(y)[:150]}"
    return f"{len(a)} pages / {len(b)} pages"


def load_speed(pdfs: list[Path]) -> dict[str, float]:
    """Pages per second of the load stage alone, best of three passes."""
    speed = {}
    for loader in LOADERS:
        settings = dataclasses.replace(extractor.Settings(), loader=loader)
        best = float("inf")
        pages = 0
        for _ in range(3):
            pages = 0
            started = time.perf_counter()
            for pdf in pdfs:
                with contextlib.suppress(ExtractorError):
                    pages += sum(1 for _ in pdf_to_pages(pdf, settings))
            best = min(best, time.perf_counter() - started)
        speed[loader] = pages / best
    return speed


class _Fallbacks(logging.Handler):
    """Counts the pages the pdfium loader hands to pdfminer, and why."""

    def __init__(self) -> None:
        super().__init__()
        self.reasons: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        self.reasons[str(record.args[-1]) if record.args else record.getMessage()] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=list(DEFAULT_INPUTS))
    args = parser.parse_args()
    pdfs = sorted(p for i in args.inputs for p in ([i] if i.is_file() else sorted(i.glob("*.pdf"))))
    same: Counter[str] = Counter()
    fallbacks = _Fallbacks()
    logging.getLogger("extractor.load_pdfium").addHandler(fallbacks)
    logging.getLogger("extractor.load_pdfium").setLevel(logging.INFO)
    for pdf in pdfs:
        outputs = {}
        for loader in LOADERS:
            settings = dataclasses.replace(extractor.Settings(enrich=False), loader=loader)
            outputs[loader] = (report_json(pdf, settings), text_blocks(pdf, settings))
        (json_a, text_a), (json_b, text_b) = outputs["pdfminer"], outputs["pdfium"]
        content_a = json_a if isinstance(json_a, str) else without_provenance(json_a)
        content_b = json_b if isinstance(json_b, str) else without_provenance(json_b)
        checks = {
            "json": json.dumps(json_a, sort_keys=True) == json.dumps(json_b, sort_keys=True),
            "content": content_a == content_b,
            "text": text_a == text_b,
        }
        same.update(name for name, ok in checks.items() if ok)
        if not all(checks.values()):
            print(f"{pdf.resolve().relative_to(REPO.parent)}:")
            if not checks["content"]:
                print(f"  content: {first_difference(content_a, content_b)}")
            elif not checks["json"]:
                print(f"  json (boxes only): {first_difference(json_a, json_b)}")
            if not checks["text"]:
                print(f"  text: {first_difference(text_a, text_b)}")
    total = len(pdfs)
    print(f"\nidentical over {total} PDFs: json {same['json']}, content {same['content']}, "
          f"text {same['text']}")  # fmt: skip
    print(f"pages read with pdfminer instead (twice each: json and text): "
          f"{sum(fallbacks.reasons.values())} {dict(fallbacks.reasons)}")  # fmt: skip
    logging.getLogger("extractor.load_pdfium").removeHandler(fallbacks)
    speed = load_speed(pdfs)
    print("load pages/s: " + ", ".join(f"{k} {v:.1f}" for k, v in speed.items()),
          f"(pdfium {speed['pdfium'] / speed['pdfminer']:.1f}× pdfminer)")  # fmt: skip


if __name__ == "__main__":
    main()
