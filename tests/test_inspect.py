"""``extractor inspect``: every table cell and heading of the reference sample is boxed.

Expected counts come from the reference's spec (scripts/sample_specs.py, KURUME_2021) and its
golden file, not from the code under test.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PIL import Image

from extractor import cli
from extractor.inspect import PageRangeError, layouts_to_boxes, parse_pages, pdf_to_inspection
from extractor.load import pdf_to_pages
from extractor.page_layout import page_to_layout
from extractor.tables import page_to_grids
from tests.conftest import GOLDEN, SAMPLES, SHARED

REFERENCE = SAMPLES / "kurume_2021.pdf"


@pytest.fixture(scope="module")
def boxes() -> dict[int, list[Any]]:
    return layouts_to_boxes([page_to_layout(p) for p in pdf_to_pages(REFERENCE)])


def _kinds(boxes: dict[int, list[Any]]) -> Counter[str]:
    return Counter(b.kind for page in boxes.values() for b in page)


def test_every_heading_and_value_cell_of_the_reference_is_boxed(
    boxes: dict[int, list[Any]],
) -> None:
    golden = json.loads((GOLDEN / "kurume_2021.json").read_text("utf-8"))
    kinds = _kinds(boxes)
    assert kinds["goal_heading"] == len(golden["goals"]) == 3
    assert kinds["initiative_heading"] == sum(len(g["initiatives"]) for g in golden["goals"])
    assert kinds["section_heading"] == 3 * 3  # （１）（２）（３） under each goal
    assert kinds["note"] == 1  # （※）次回「久留米市子どもの生活実態調査」…
    assert kinds["unplaced"] == 0
    assert kinds["title"] == 1
    assert kinds["furniture"] == 1 + 5  # the boxed 資料２ and five page numbers
    # value cells as printed (a merged cell once): goals 1 and 2 have 2 one-row indicators;
    # goal 3 has 4 sub-rows with 実績 and 目標値 merged, and one one-row indicator
    assert (kinds["baseline"], kinds["actual"], kinds["current"], kinds["target"]) == (
        2 + 2 + 4 + 1,
        2 + 2 + 1 + 1,
        2 + 2 + 4 + 1,
        2 + 2 + 1 + 1,
    )
    paragraphs = sum(len(i["paragraphs"]) for g in golden["goals"] for i in g["initiatives"]) + sum(
        len(g["challenges"]) for g in golden["goals"]
    )
    assert kinds["paragraph"] == paragraphs + 1  # goal 3 ④'s paragraph runs over pages 4-5


def test_every_table_cell_is_boxed(boxes: dict[int, list[Any]]) -> None:
    for page in pdf_to_pages(REFERENCE):
        grids = page_to_grids(page)
        cells = {(round(c.x0), round(c.top)) for g in grids for c in g.cells if g.n_cols > 1}
        drawn = {
            (round(b.x0), round(b.top))
            for b in boxes[page.number]
            if b.kind not in ("table", "paragraph", "furniture", "title")
            and "heading" not in b.kind
        }
        assert cells <= drawn, f"page {page.number}: cells without a box {cells - drawn}"


def test_value_cells_are_labelled_with_their_parsed_value(boxes: dict[int, list[Any]]) -> None:
    labels = [(b.kind, b.label) for b in boxes[1] if b.kind in ("baseline", "current", "target")]
    # page 1: 子育てしやすいまち… 75.0% / 71.7% / 80.0%, 待機児童数 54人 / 35人 / 0人
    assert labels == [
        ("baseline", "75.0 %"),
        ("current", "71.7 %"),
        ("target", "80.0 %"),
        ("baseline", "54 人"),
        ("current", "35 人"),
        ("target", "0 人"),
    ]
    actual = [b.label for b in boxes[1] if b.kind == "actual"]
    assert actual == ["missing", "65 人"]


def test_pictures_are_written_one_per_page(tmp_path: Path) -> None:
    written = pdf_to_inspection(REFERENCE, tmp_path, pages="1,4-5")
    assert [p.name for p in written] == [
        "kurume_2021-p1.png",
        "kurume_2021-p4.png",
        "kurume_2021-p5.png",
    ]
    with Image.open(written[0]) as image:
        width, height = image.size
        # A4 at 150 dpi, plus the legend strip under the page
        assert abs(width - 595.28 * 150 / 72) <= 1
        assert height > round(841.89 * 150 / 72)
        # the 基準値 cell of 子育てしやすいまち… is tinted blue: some pixel there is bluish
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert any(b > r + 20 and b > g + 10 for _, (r, g, b) in colours)


def test_parse_pages() -> None:
    assert parse_pages(None, 3) == [1, 2, 3]
    assert parse_pages("1-2, 2,3", 5) == [1, 2, 3]
    for bad in ("0", "2-1", "4", "a", "1-"):
        with pytest.raises(PageRangeError):
            parse_pages(bad, 3)


def test_inspect_command(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli.main, ["inspect", str(REFERENCE), "--pages", "2", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(tmp_path / "kurume_2021-p2.png")
    result = runner.invoke(
        cli.main, ["inspect", str(REFERENCE), "--pages", "6", "-o", str(tmp_path)]
    )
    assert result.exit_code == 2 and "pages 6 not in 1-5" in result.output
    not_pdf = tmp_path / "x.pdf"
    not_pdf.write_text("hello", "utf-8")
    result = runner.invoke(cli.main, ["inspect", str(not_pdf), "-o", str(tmp_path)])
    assert result.exit_code == 1 and ": not_a_pdf: " in result.stderr


KAMPO = SHARED / "realpdfs" / "pdfminer__kampo.pdf"


@pytest.mark.skipif(not KAMPO.exists(), reason="../shared/realpdfs is not beside the repo")
def test_issue_10_inspect_boxes_vertical_columns_upright(tmp_path: Path) -> None:
    """../shared/realpdfs/pdfminer__kampo.pdf page 1 (官報, vertical writing): the line boxes
    are drawn on the page as the pipeline read them, as tall columns, not as the turned
    horizontal lines of the layout stage."""
    written = pdf_to_inspection(KAMPO, tmp_path, pages="1")
    assert [p.name for p in written] == ["pdfminer__kampo-p1.png"]
    layouts = [page_to_layout(p, vertical=True) for p in pdf_to_pages(KAMPO)]
    turned = layouts_to_boxes(layouts, vertical=frozenset({1}))[1]
    lines = [b for b in turned if b.kind in ("title", "paragraph", "unplaced")]
    assert len(lines) > 20
    tall = [b for b in lines if b.bottom - b.top > b.x1 - b.x0]
    assert len(tall) / len(lines) > 0.7  # the rest are one- or two-character column pieces
    unturned = [b for b in layouts_to_boxes(layouts)[1] if b.kind in ("title", "paragraph")]
    assert not any(b.bottom - b.top > b.x1 - b.x0 for b in unturned)  # what the bug drew
    assert all(0 <= b.x0 <= b.x1 <= layouts[0].width + 1 for b in lines)
