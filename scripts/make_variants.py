"""Generate the variant reports of issue 8 (tests/variants/) and measure the extractor on them.

Each variant is a VariantSpec (scripts/variants/spec.py): one option per convention axis —
goal headings, section and initiative markers, where the year is stated, cover and contents,
table headers, value cells, notes, rules, producer, orientation. The spec draws a small
report (scripts/variants/document.py); a renderer prints it (reportlab, LibreOffice from a
.docx, or Chromium from HTML); its expected JSON is derived from the same spec
(scripts/variants/expected.py), never from the extractor.

Usage:
  python scripts/make_variants.py generate [name ...]   # specs.json, PDFs, expected JSON
  python scripts/make_variants.py score                 # pass count per axis option

Generation needs Debian's fonts-ipaexfont, libreoffice-writer-nogui and chromium;
``make test`` needs none of them (it reads the committed PDFs).
"""

from __future__ import annotations

import json
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pikepdf
from variants.document import Document, spec_to_document
from variants.expected import document_to_expected, report_to_subset
from variants.spec import AXES, VariantSpec, all_specs, uncovered

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ROOT / "tests" / "variants"
SPECS = VARIANTS / "specs.json"
#: A fixed date in every PDF's metadata, so regenerating changes nothing that did not change.
FIXED_DATE = "D:20260101000000Z"


def write_specs(specs: list[VariantSpec]) -> None:
    data = {"axes": {a: list(o) for a, o in AXES.items()}, "specs": [s.to_dict() for s in specs]}
    SPECS.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_specs(path: Path = SPECS) -> list[VariantSpec]:
    data = json.loads(path.read_text("utf-8"))
    return [VariantSpec.from_dict(s) for s in data["specs"]]


def render(doc: Document, path: Path) -> None:
    if doc.producer == "reportlab":
        from variants.render_reportlab import render_reportlab

        render_reportlab(doc, path)
    elif doc.producer == "docx":
        from variants.render_docx import render_docx

        render_docx(doc, path)
    else:
        from variants.render_html import render_html

        render_html(doc, path)


def settle(path: Path) -> int:
    """Fixed dates, no XMP, content-derived /ID, compressed object streams; page count."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for key in ("/CreationDate", "/ModDate"):
            if key in pdf.docinfo:
                pdf.docinfo[key] = pikepdf.String(FIXED_DATE)
        if "/Metadata" in pdf.Root:
            del pdf.Root.Metadata
        if "/DocChecksum" in pdf.trailer:
            del pdf.trailer.DocChecksum
        pdf.save(
            path,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
        return len(pdf.pages)


def write_expected(spec: VariantSpec) -> Path:
    out = VARIANTS / f"{spec.name}.expected.json"
    data = document_to_expected(spec_to_document(spec))
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def generate(names: list[str]) -> None:
    for tool, needed in (("soffice", "docx"), ("chromium", "html")):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed for the {needed} variants (see the docstring)")
    VARIANTS.mkdir(parents=True, exist_ok=True)
    specs = all_specs()
    gaps = uncovered(specs)
    if gaps:
        sys.exit(f"options no variant uses: {gaps}")
    write_specs(specs)
    for spec in specs:
        if names and spec.name not in names:
            continue
        pdf = VARIANTS / f"{spec.name}.pdf"
        render(spec_to_document(spec), pdf)
        pages = settle(pdf)
        write_expected(spec)
        print(f"{spec.name}: {spec.producer} {spec.orientation}, {pages} pages")


def score() -> None:
    """Convert every committed variant with the current code; print passes per axis option."""
    from extractor import Settings, convert
    from tests.golden_diff import diff_reports

    specs = read_specs()
    passed: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    total = 0
    for spec in specs:
        expected = json.loads((VARIANTS / f"{spec.name}.expected.json").read_text("utf-8"))
        try:
            actual: dict[str, Any] = report_to_subset(
                convert(VARIANTS / f"{spec.name}.pdf", Settings(enrich=False)).to_dict()
            )
            diffs = diff_reports(expected, actual)
        except Exception as exc:  # a failed conversion is a failed variant, counted
            diffs = [f"{type(exc).__name__}: {exc}"]
        ok = not diffs
        total += ok
        print(f"{'PASS' if ok else 'FAIL'} {spec.name}: {len(diffs)} differences")
        for axis, option in spec.options():
            passed[axis, option][0] += ok
            passed[axis, option][1] += 1
    print(f"\n{total}/{len(specs)} variants convert exactly as expected\n")
    for axis, options in AXES.items():
        cells = ", ".join(f"{o} {passed[axis, o][0]}/{passed[axis, o][1]}" for o in options)
        print(f"{axis}: {cells}")


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in ("generate", "score"):
        sys.exit(__doc__)
    if argv[0] == "generate":
        generate(argv[1:])
    else:
        score()


if __name__ == "__main__":
    main(sys.argv[1:])
