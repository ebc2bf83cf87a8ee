"""Load stage: fake-bold dedupe, visible rules only, baselines independent of boxes."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.load import Char, _is_visible, dedupe_chars, rules_from_shapes
from extractor.settings import Settings
from tests.conftest import SAMPLES


def _char(text: str, x0: float, top: float, size: float = 10.0, font: str = "F1") -> Char:
    return Char(text, x0, x0 + size, top, top + size, top + size * 0.88, size, font, True)


def test_fake_bold_duplicates_dropped_in_order() -> None:
    chars = [
        _char("基", 10, 10),
        _char("基", 10.3, 10.3),
        _char("本", 20, 10),
        _char("本", 20.3, 10),
    ]
    assert [c.text for c in dedupe_chars(chars)] == ["基", "本"]
    assert dedupe_chars(chars)[0].x0 == 10


@pytest.mark.parametrize(
    "other",
    [
        _char("基", 21, 10),  # same glyph, next position
        _char("基", 10, 30),  # same glyph, next line
        _char("本", 10, 10),  # another glyph on top
        _char("基", 10, 10, size=12),  # another size
        _char("基", 10, 10, font="F2"),  # another font
    ],
)
def test_not_a_duplicate(other: Char) -> None:
    assert len(dedupe_chars([_char("基", 10, 10), other])) == 2


@pytest.mark.parametrize(
    ("color", "visible"),
    [
        (None, True),
        ((0,), True),
        ((1,), False),
        ((1, 1, 1), False),
        ((0.2, 0.2, 0.2), True),
        ((0, 0, 0, 0), False),
        ((0, 0, 0, 1), True),
        ("P0", True),
    ],
)
def test_visible_colours(color: object, visible: bool) -> None:
    assert _is_visible(color) is visible


def test_white_and_tiny_rules_are_not_rules() -> None:
    lines = [
        {"x0": 0, "top": 10, "x1": 100, "bottom": 10, "stroking_color": (1,), "stroke": True},
        {"x0": 0, "top": 20, "x1": 100, "bottom": 20, "stroking_color": (0,), "stroke": True},
        {"x0": 0, "top": 30, "x1": 1, "bottom": 30, "stroking_color": (0,), "stroke": True},
        # a diagonal line: no phantom rule
        {"x0": 0, "top": 100, "x1": 80, "bottom": 160, "stroking_color": (0,), "stroke": True},
    ]
    rects = [
        # a stroked box: four rules
        {
            "x0": 0,
            "top": 40,
            "x1": 50,
            "bottom": 60,
            "stroke": True,
            "fill": False,
            "stroking_color": (0,),
            "non_stroking_color": None,
        },
        # a big grey filled background: not a rule
        {
            "x0": 0,
            "top": 70,
            "x1": 50,
            "bottom": 90,
            "stroke": False,
            "fill": True,
            "stroking_color": None,
            "non_stroking_color": (0.5,),
        },
        # a thin black filled rect drawn as a line
        {
            "x0": 0,
            "top": 95,
            "x1": 50,
            "bottom": 95.5,
            "stroke": False,
            "fill": True,
            "stroking_color": None,
            "non_stroking_color": (0,),
        },
    ]
    rules = rules_from_shapes(lines, rects, Settings())
    horizontal = sorted(r.position for r in rules if r.orientation == "h")
    vertical = sorted(r.position for r in rules if r.orientation == "v")
    assert horizontal == [20, 40, 60, 95.25]
    assert vertical == [0, 50]


def _pdfplumber_view(path: Path) -> tuple[list[tuple], list[tuple]]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        chars = [
            (c["text"], round(c["x0"], 3), round(c["top"], 3), round(c["bottom"], 3))
            for c in page.chars
        ]
        rules = rules_from_shapes(page.lines, page.rects, Settings())
    return chars, sorted((r.orientation, round(r.position, 3)) for r in rules)


def _our_view(path: Path) -> tuple[list[tuple], list[tuple]]:
    import pdfplumber

    from extractor.load_pdfminer import _page_objects

    with pdfplumber.open(path) as pdf:
        chars, lines, rects, _ = _page_objects(pdf.pages[0])
    rules = rules_from_shapes(lines, rects, Settings())
    return (
        [(c.text, round(c.x0, 3), round(c.top, 3), round(c.bottom, 3)) for c in chars],
        sorted((r.orientation, round(r.position, 3)) for r in rules),
    )


@pytest.mark.parametrize("stem", ["kurume_2021", "office_city_2023", "other_city_heisei"])
def test_direct_object_reading_matches_pdfplumber(stem: str) -> None:
    path = SAMPLES / f"{stem}.pdf"
    assert _our_view(path) == _pdfplumber_view(path)


def test_offset_mediabox_keeps_baselines_with_boxes(tmp_path: Path) -> None:
    import pikepdf

    from extractor.load import pdf_to_pages

    shifted = tmp_path / "offset.pdf"
    with pikepdf.open(SAMPLES / "kurume_2021.pdf") as pdf:
        page = pdf.pages[0]
        page.MediaBox = pikepdf.Array([30, 50, 625, 892])
        pdf.save(shifted)
    assert _our_view(shifted) == _pdfplumber_view(shifted)
    first = next(pdf_to_pages(shifted))
    for ch in first.chars[:50]:
        assert ch.top - 1 <= ch.baseline <= ch.bottom + 1  # baseline inside its own box
