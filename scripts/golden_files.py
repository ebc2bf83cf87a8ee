"""Writing expected JSON for generated samples without ever overwriting a reviewed golden.

Golden files carry hand-checked additions (programs, amounts, warnings), so a generator whose
expectation changed writes it to build/golden/ for review unless told to overwrite.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sample_specs import ROLE_WORDS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden"
REVIEW = ROOT / "build" / "golden"
FIXTURES = ROOT / "tests" / "fixtures"


#: A printed number as the samples print them: sign, thousands separators, decimals, unit.
NUMBER = re.compile(
    r"(?P<sign>[▲△+\-]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?P<unit>%|人|か所|件|回|円|倍|校|ポイント)?"
)
ERA = re.compile(r"(?P<era>令和|平成)(?P<n>元|\d+)年度")
ERA_BASE = {"令和": 2018, "平成": 1988}


def expected_value(word: str, era: str, printed: str, norm: Callable[[str], str]) -> dict[str, Any]:
    """One expected value object from a column (role word, era label) and its printed cell,
    derived from the typed content, never from the extractor's output."""
    era = norm(era)
    m = ERA.fullmatch(era)
    assert m, era
    raw = norm(printed)
    out: dict[str, Any] = {
        "role": ROLE_WORDS[word],
        "fiscal_year": ERA_BASE[m["era"]] + (1 if m["n"] == "元" else int(m["n"])),
        "era": era,
        "raw": raw,
        "kind": "text",
        "value": None,
        "unit": None,
    }
    if raw in ("-", "―"):
        out["kind"] = "missing"
    elif n := NUMBER.fullmatch(raw):
        digits = n["int"].replace(",", "")
        num: float | int = float(digits + n["frac"]) if n["frac"] else int(digits)
        if n["sign"] in ("▲", "△", "-"):
            num = -num
        out.update(kind="number", value=num, unit=n["unit"])
    return out


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
