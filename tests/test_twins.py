"""Issue 4: quirky PDFs of the reference convert to exactly the clean reference's JSON."""

from __future__ import annotations

import pytest

import extractor
from tests.conftest import SAMPLES
from tests.golden_diff import diff_reports, without_provenance

TWINS = sorted(p.stem for p in SAMPLES.glob("kurume_2021_*.pdf"))


@pytest.fixture(scope="module")
def clean() -> dict:
    document = without_provenance(extractor.convert(SAMPLES / "kurume_2021.pdf").to_dict())
    del document["source"]
    return document


def test_there_are_twins() -> None:
    assert {
        "kurume_2021_radicals",
        "kurume_2021_fakebold",
        "kurume_2021_letterspaced",
        "kurume_2021_halfkana",
        "kurume_2021_shifted",
    } <= set(TWINS)


@pytest.mark.parametrize("stem", TWINS)
def test_twin_converts_like_the_clean_reference(stem: str, clean: dict) -> None:
    twin = without_provenance(extractor.convert(SAMPLES / f"{stem}.pdf").to_dict())
    del twin["source"]  # boxes differ (a shifted or letter-spaced twin); content must not
    differences = diff_reports(clean, twin)
    assert not differences, "\n".join(differences[:40])
