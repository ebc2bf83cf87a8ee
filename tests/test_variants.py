"""Issue 8's variant reports: small reports drawn from combinations of other cities'
conventions (tests/variants/, made by scripts/make_variants.py), each with the content
subset of the report it must convert to, derived from the same spec.

Most conversions fail with today's readers: that is their point (they measure issue 8).
They are neither skipped nor xfailed; ``-m "not variants"`` leaves them out of a local run.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from typing import Any

import pytest

from extractor import ExtractorError, Settings, convert
from extractor.normalise import normalise_text
from tests.conftest import REPO
from tests.golden_diff import diff_reports

sys.path.insert(0, str(REPO / "scripts"))

from variants.document import spec_to_document
from variants.expected import document_to_expected, report_to_subset
from variants.spec import AXES, REFERENCE, VariantSpec, uncovered, violations

pytestmark = pytest.mark.variants

VARIANTS = REPO / "tests" / "variants"
SPECS_FILE = json.loads((VARIANTS / "specs.json").read_text("utf-8"))
SPECS = [VariantSpec.from_dict(d) for d in SPECS_FILE["specs"]]
IDS = [s.name for s in SPECS]
#: The committed folder stays small: it is in every clone.
MAX_BYTES = 3_000_000


def _expected(spec: VariantSpec) -> dict[str, Any]:
    return json.loads((VARIANTS / f"{spec.name}.expected.json").read_text("utf-8"))


def _changes(spec: VariantSpec) -> str:
    """The spec's options that differ from the reference report, for failure messages."""
    return ", ".join(
        f"{axis}={option}" for axis, option in spec.options() if getattr(REFERENCE, axis) != option
    )


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_variant_converts_to_its_expected_content(spec: VariantSpec) -> None:
    """The report's content subset (no source, warnings, pages) equals the spec's. Keys the
    output does not have yet (assessment, notes) count as differences: they are gaps."""
    pdf = VARIANTS / f"{spec.name}.pdf"
    try:
        report = convert(pdf, Settings(enrich=False)).to_dict()
    except ExtractorError as exc:
        pytest.fail(f"{pdf.name} [{_changes(spec)}] failed to convert: {exc.code}: {exc}")
    diffs = diff_reports(_expected(spec), report_to_subset(report))
    assert not diffs, f"{pdf.name} [{_changes(spec)}]:\n" + "\n".join(d[:300] for d in diffs)


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_variant_passes_strict(spec: VariantSpec) -> None:
    """Issue 8: `--strict` passes on every variant (no content warning: all was understood)."""
    pdf = VARIANTS / f"{spec.name}.pdf"
    try:
        convert(pdf, Settings(enrich=False, strict=True))
    except ExtractorError as exc:
        pytest.fail(f"{pdf.name} [{_changes(spec)}]: {exc.code}: {exc}")


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_expected_json_is_derived_from_its_spec(spec: VariantSpec) -> None:
    """Nobody hand-edits one side: the committed expectation is what the spec derives."""
    assert _expected(spec) == document_to_expected(spec_to_document(spec))


def test_specs_cover_every_option_of_every_axis() -> None:
    assert SPECS_FILE["axes"] == {axis: list(options) for axis, options in AXES.items()}
    assert uncovered(SPECS) == []


def test_specs_are_coherent_and_named_once() -> None:
    assert {s.name: violations(s) for s in SPECS if violations(s)} == {}
    assert len(set(IDS)) == len(IDS)


def test_every_spec_has_its_pdf_and_expectation_and_nothing_else() -> None:
    pdfs = {p.stem for p in VARIANTS.glob("*.pdf")}
    expectations = {p.name.removesuffix(".expected.json") for p in VARIANTS.glob("*.expected.json")}
    assert pdfs == set(IDS)
    assert expectations == set(IDS)


def test_variants_stay_small() -> None:
    assert sum(p.stat().st_size for p in VARIANTS.iterdir()) < MAX_BYTES


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_pdf_prints_what_its_spec_says(spec: VariantSpec) -> None:
    """The committed PDF was rendered from this spec (not from an older one): its goal
    titles and indicator names are in the page text (PyMuPDF's, not the extractor's)."""
    import pymupdf

    with pymupdf.open(VARIANTS / f"{spec.name}.pdf") as pdf:
        text = normalise_text("".join("".join(page.get_text().split()) for page in pdf))
    doc = spec_to_document(spec)
    expected = [g.title[:10] for g in doc.goals]
    expected += [row.name[:8] for g in doc.goals for row in g.table.rows]
    assert [s for s in expected if normalise_text(s) not in text] == []


def test_one_change_specs_change_one_convention_and_what_it_forces() -> None:
    """ref_* differ from the reference in their named axis, plus at most two axes that the
    change forces (a year-less 取組 heading needs the year elsewhere …); the wording seed
    differs, as every variant's does."""
    from variants.spec import ONE_CHANGE

    by_name = {s.name: s for s in SPECS}
    for name, axis, option in ONE_CHANGE:
        spec = by_name[name]
        changed = {a for a, o in spec.options() if getattr(REFERENCE, a) != o}
        assert getattr(spec, axis) == option, name
        assert len(changed - {axis}) <= 2, name
        for forced in changed - {axis}:  # undoing a forced change makes the report incoherent
            assert violations(replace(spec, **{forced: getattr(REFERENCE, forced)})), name
