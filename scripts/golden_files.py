"""Writing expected JSON for generated samples without ever overwriting a reviewed golden.

Golden files carry hand-checked additions (programs, amounts, warnings), so a generator whose
expectation changed writes it to build/golden/ for review unless told to overwrite.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden"
REVIEW = ROOT / "build" / "golden"
FIXTURES = ROOT / "tests" / "fixtures"


def source(pdf: Path, pages: int) -> dict[str, Any]:
    """The expected ``source`` block of a sample."""
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    return {"file": pdf.name, "sha256": digest, "pages": pages}


def write_golden(stem: str, data: dict[str, Any], *, overwrite: bool) -> Path:
    """Write ``tests/golden/<stem>.json``, or ``build/golden/<stem>.json`` when a different
    golden exists and ``overwrite`` is off. Returns the path written."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    out = GOLDEN / f"{stem}.json"
    if out.exists() and not overwrite and out.read_text("utf-8") != text:
        review = REVIEW / out.name
        review.parent.mkdir(parents=True, exist_ok=True)
        review.write_text(text, encoding="utf-8")
        print(f"  {stem}: expectation differs from {out}; review {review}")
        return review
    GOLDEN.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out
