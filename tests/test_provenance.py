"""Issue 10: every value cell, indicator name, heading and paragraph says where it is printed.

Checked against the PDF's own glyphs: the text printed inside each box is the text the JSON
gives for it (normalised), so a viewer highlighting the box shows the right figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import extractor
from extractor.load import PageContent, pdf_to_pages
from extractor.normalise import normalise_text
from extractor.settings import DEFAULT_SETTINGS
from tests.conftest import SAMPLES

SAMPLED = ["kurume_2021", "city_2022_five_columns", "office_city_2024", "kurume_2021_shifted"]


def _text_in(pages: dict[int, PageContent], page: int, bbox: list[float]) -> str:
    """The glyphs whose visual centre lies in the box (as the tables stage assigns them)."""
    x0, top, x1, bottom = bbox
    chars = [
        c
        for c in pages[page].chars
        if x0 <= c.centre_x <= x1 and top <= c.centre_y(DEFAULT_SETTINGS) <= bottom
    ]
    chars.sort(key=lambda c: (round(c.baseline), c.x0))
    return normalise_text("".join(c.text for c in chars))


def _pages(path: Path) -> dict[int, PageContent]:
    return {p.number: p for p in pdf_to_pages(path)}


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("stem", SAMPLED)
def test_issue_10_value_and_name_boxes_hold_their_text(stem: str) -> None:
    path = SAMPLES / f"{stem}.pdf"
    report = extractor.convert(path, extractor.Settings(enrich=False))
    checked = 0
    pdf = _pages(path)
    for goal in report.goals:
        for indicator in goal.indicators:
            assert indicator.bbox is not None
            name = _squash(_text_in(pdf, indicator.page, list(indicator.bbox)))
            assert _squash(indicator.name).startswith(name[:4]), (indicator.name, name)
            for series in indicator.series:
                for value in series.values:
                    assert value.page is not None and value.bbox is not None
                    if not value.raw:
                        continue
                    found = _squash(_text_in(pdf, value.page, list(value.bbox)))
                    assert _squash(value.raw) in found, (value.raw, found)
                    checked += 1
    assert checked >= 10


def test_issue_10_heading_and_paragraph_boxes_hold_their_text() -> None:
    path: Path = SAMPLES / "kurume_2021.pdf"
    report = extractor.convert(path, extractor.Settings(enrich=False))
    pdf = _pages(path)
    for goal in report.goals:
        assert goal.bbox is not None
        assert _squash(goal.title)[:6] in _squash(_text_in(pdf, goal.page, list(goal.bbox)))
        for initiative in goal.initiatives:
            heading = _squash(_text_in(pdf, initiative.page, list(initiative.bbox or ())))
            assert _squash(initiative.title)[:6] in heading
            assert len(initiative.paragraph_boxes) == len(initiative.paragraphs)
            for text, placed in zip(initiative.paragraphs, initiative.paragraph_boxes, strict=True):
                inside = _squash(_text_in(pdf, placed.page, list(placed.bbox)))
                assert _squash(text)[:8] in inside
        assert len(goal.challenge_boxes) == len(goal.challenges)
