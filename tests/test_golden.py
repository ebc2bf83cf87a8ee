"""Each sample PDF converts to exactly its hand-written expected JSON (tests/golden)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import extractor
from extractor import Settings
from tests.conftest import GOLDEN, SAMPLES
from tests.golden_diff import OPTIONAL_KEYS, diff_reports

GOLDENS = sorted(GOLDEN.glob("*.json"))


def _has_enrichment(document: object) -> bool:
    if isinstance(document, dict):
        return any(k in OPTIONAL_KEYS or _has_enrichment(v) for k, v in document.items())
    if isinstance(document, list):
        return any(_has_enrichment(v) for v in document)
    return False


def test_every_sample_has_a_golden_file() -> None:
    pdfs = {p.stem for p in SAMPLES.glob("*.pdf")}
    goldens = {p.stem for p in GOLDENS}
    assert pdfs, "no sample PDFs in samples/"
    assert pdfs == goldens, (
        f"samples without golden: {pdfs - goldens}; golden without sample: {goldens - pdfs}"
    )


@pytest.mark.parametrize("golden", GOLDENS, ids=[p.stem for p in GOLDENS])
def test_sample_matches_golden(golden: Path) -> None:
    expected = json.loads(golden.read_text("utf-8"))
    settings = Settings(enrich=_has_enrichment(expected))
    actual = extractor.convert(SAMPLES / f"{golden.stem}.pdf", settings).to_dict()
    differences = diff_reports(expected, actual)
    assert not differences, f"{len(differences)} differences:\n" + "\n".join(differences[:60])


@pytest.mark.parametrize("golden", GOLDENS, ids=[p.stem for p in GOLDENS])
def test_golden_file_is_schema_valid(golden: Path) -> None:
    assert extractor.report_to_errors(json.loads(golden.read_text("utf-8"))) == []
