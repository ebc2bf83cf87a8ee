"""Pictures to check a conversion by eye: each page with the structure the tool detected.

``pdf_to_inspection`` renders pages with pdfplumber (``page.to_image``) and draws on them what
the pipeline's own stages saw (``load.pdf_to_pages`` → ``page_layout.page_to_layout``, the
outline markers of ``assemble``, the header reading of ``columns``, ``values``): goal, section
and initiative headings, paragraphs and notes, table cells coloured by role with each value
cell labelled by its parsed value, page furniture greyed out, and unplaced text in red. This
is what a user opens when a number in the JSON looks wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from extractor.assemble import LineRole, layouts_to_line_roles
from extractor.columns import grid_to_columns, grid_to_header_rows, is_indicator_grid
from extractor.layout import TextLine, horizontal_to_vertical_box, lines_to_paragraphs
from extractor.load import pdf_to_pages
from extractor.page_layout import PageLayout, page_to_layout
from extractor.quality import is_ocr_word_layer, page_to_quality
from extractor.settings import DEFAULT_SETTINGS, Settings
from extractor.tables import Grid
from extractor.values import text_to_quantity

if TYPE_CHECKING:  # drawing libraries load only when pictures are made
    from pdfplumber.page import Page
    from PIL.Image import Image
    from PIL.ImageFont import FreeTypeFont
    from PIL.ImageFont import ImageFont as BitmapFont

BoxKind = Literal[
    "title",
    "goal_heading",
    "section_heading",
    "initiative_heading",
    "paragraph",
    "note",
    "furniture",
    "unplaced",
    "table",
    "header",
    "name",
    "source",
    "label",
    "baseline",
    "actual",
    "current",
    "target",
    "other_cell",
]

RGBA = tuple[int, int, int, int]

#: Fill and outline of each kind of box, and its name in the legend.
STYLES: dict[str, tuple[RGBA, RGBA, str]] = {
    "title": ((0, 0, 0, 20), (0, 0, 0, 255), "title / before goal 1"),
    "goal_heading": ((220, 20, 60, 40), (220, 20, 60, 255), "goal heading"),
    "section_heading": ((184, 134, 11, 40), (184, 134, 11, 255), "section heading"),
    "initiative_heading": ((0, 150, 136, 50), (0, 150, 136, 255), "initiative heading"),
    "paragraph": ((46, 139, 87, 25), (46, 139, 87, 255), "paragraph"),
    "note": ((139, 69, 19, 35), (139, 69, 19, 255), "note"),
    "furniture": ((128, 128, 128, 150), (90, 90, 90, 255), "furniture"),
    "unplaced": ((255, 0, 0, 110), (255, 0, 0, 255), "unplaced text"),
    "table": ((0, 0, 0, 0), (0, 0, 0, 255), "table"),
    "header": ((160, 160, 160, 70), (110, 110, 110, 255), "header cell"),
    "name": ((135, 206, 250, 60), (70, 130, 180, 255), "name / 評価指標 / 区分"),
    "source": ((135, 206, 250, 60), (70, 130, 180, 255), ""),
    "label": ((135, 206, 250, 60), (70, 130, 180, 255), ""),
    "baseline": ((65, 105, 225, 60), (65, 105, 225, 255), "基準値 baseline"),
    "actual": ((255, 165, 0, 60), (230, 120, 0, 255), "実績 actual"),
    "current": ((50, 205, 50, 60), (34, 139, 34, 255), "現状値 current"),
    "target": ((186, 85, 211, 60), (148, 0, 211, 255), "目標値 target"),
    "other_cell": ((255, 255, 0, 50), (160, 160, 0, 255), "cell of another table"),
}

#: Fonts tried for the value labels (Japanese units); the first that exists is used.
LABEL_FONTS = (
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/System/Library/Fonts/ヒラギノ角ゴシック W3.ttc",
    "C:/Windows/Fonts/msgothic.ttc",
)


@dataclass(frozen=True)
class InspectStyle:
    """How the pictures are drawn."""

    #: Pixels per inch of the rendered page.
    resolution: float = 150.0
    #: Label text height in pixels.
    label_size: int = 12
    #: Candidate font files for labels; without any, labels use Pillow's default font.
    fonts: tuple[str, ...] = LABEL_FONTS
    #: Draw the colour legend below the page.
    legend: bool = True


@dataclass(frozen=True)
class Box:
    """One detected thing on a page, in PDF points (top-left origin, as pdfplumber)."""

    kind: BoxKind
    x0: float
    top: float
    x1: float
    bottom: float
    #: What to print beside it (a value cell's parsed value).
    label: str | None = None


@dataclass
class _Walk:
    """Boxes of one page, and the paragraph lines of the block being read."""

    boxes: list[Box] = field(default_factory=list)
    body: list[TextLine] = field(default_factory=list)


def _box(kind: BoxKind, item: TextLine | Grid, label: str | None = None) -> Box:
    return Box(kind, item.x0, item.top, item.x1, item.bottom, label)


def _on_page(box: Box, page: PageLayout, vertical: bool) -> Box:
    """A line's box in page coordinates (vertical pages are read turned a quarter turn)."""
    if not vertical:
        return box
    x0, top, x1, bottom = horizontal_to_vertical_box(
        (box.x0, box.top, box.x1, box.bottom), page.width
    )
    return Box(box.kind, x0, top, x1, bottom, box.label)


def _flush(walk: _Walk) -> None:
    for paragraph in lines_to_paragraphs(walk.body):
        walk.boxes.append(
            Box("paragraph", paragraph.x0, paragraph.top, paragraph.x1, paragraph.bottom)
        )
    walk.body = []


#: How each line role is drawn; paragraph lines are boxed as whole paragraphs.
_ROLE_BOX: dict[LineRole, BoxKind] = {
    "furniture": "furniture",
    "contents": "furniture",
    "front": "title",
    "title": "title",
    "goal_heading": "goal_heading",
    "section_heading": "section_heading",
    "initiative_heading": "initiative_heading",
    "note": "note",
    "unplaced": "unplaced",
}


def _value_label(raw: str, settings: Settings) -> str:
    quantity = text_to_quantity(settings.grammar.strip_note_marks(raw), settings.grammar.values)
    if quantity.kind == "number":
        shown = str(quantity.value)
        return f"{shown} {quantity.unit}" if quantity.unit else shown
    return quantity.kind  # "missing" or "text"


def grid_to_boxes(grid: Grid, settings: Settings = DEFAULT_SETTINGS) -> list[Box]:
    """Every cell of a ruled table, coloured by what the header says its column is."""
    grammar = settings.grammar
    boxes = [_box("table", grid)]
    header = grid_to_header_rows(grid, grammar) if is_indicator_grid(grid, grammar) else None
    if header is None:
        return boxes + [Box("other_cell", c.x0, c.top, c.x1, c.bottom) for c in grid.cells]
    columns = grid_to_columns(grid, header, grammar)
    for cell in grid.cells:
        if cell.row < header[1]:
            boxes.append(Box("header", cell.x0, cell.top, cell.x1, cell.bottom))
            continue
        centre = (cell.x0 + cell.x1) / 2
        column = next((c for c in columns if c.x0 <= centre <= c.x1), None)
        if column is None or column.kind not in ("name", "source", "label", "value"):
            boxes.append(Box("other_cell", cell.x0, cell.top, cell.x1, cell.bottom))
        elif column.kind == "value" and column.role is not None:
            label = _value_label(cell.text, settings) if cell.text else None
            boxes.append(Box(column.role, cell.x0, cell.top, cell.x1, cell.bottom, label))
        else:
            boxes.append(Box(column.kind, cell.x0, cell.top, cell.x1, cell.bottom))
    return boxes


def layouts_to_boxes(
    pages: Sequence[PageLayout],
    settings: Settings = DEFAULT_SETTINGS,
    vertical: frozenset[int] = frozenset(),
) -> dict[int, list[Box]]:
    """What each page holds, by page number: outline lines, paragraphs, table cells.

    Pages numbered in ``vertical`` were laid out turned (vertical writing); their line boxes
    are turned back onto the page.
    """
    roles = layouts_to_line_roles(pages, settings)
    out: dict[int, list[Box]] = {page.number: [] for page in pages}
    walk = _Walk()
    for page in pages:
        walk.boxes = []
        stream: list[tuple[float, TextLine | Grid, LineRole | None]] = [
            (g.top, g, None) for g in page.grids
        ]
        for i, line in enumerate(page.lines):
            role = roles.get((page.number, i))
            if role == "furniture":
                walk.boxes.append(_box("furniture", line))
            elif role is not None:
                stream.append((line.baseline - 0.8 * line.size, line, role))
        for _, item, role in sorted(stream, key=lambda entry: entry[0]):
            if isinstance(item, Grid) or role is None:
                _flush(walk)
                continue
            if role == "paragraph":
                walk.body.append(item)
                continue
            _flush(walk)
            walk.boxes.append(_box(_ROLE_BOX[role], item))
        _flush(walk)  # a paragraph over a page break is boxed on each page
        turned = page.number in vertical
        out[page.number] += [b for grid in page.grids for b in grid_to_boxes(grid, settings)]
        out[page.number] += [_on_page(b, page, turned) for b in walk.boxes]
    return out


# --- drawing ---------------------------------------------------------------------------------


class PageRangeError(ValueError):
    """A ``--pages`` range that is malformed or outside the document."""


_PAGES = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


def parse_pages(spec: str | None, page_count: int) -> list[int]:
    """``"1-3,5"`` → [1, 2, 3, 5]; None → every page. Raises ``PageRangeError``."""
    if spec is None:
        return list(range(1, page_count + 1))
    pages: list[int] = []
    for part in spec.split(","):
        m = _PAGES.match(part)
        if not m:
            raise PageRangeError(f"not a page range: {part!r} (use e.g. 1-3,5)")
        first, last = int(m[1]), int(m[2] or m[1])
        if not 1 <= first <= last <= page_count:
            raise PageRangeError(f"pages {part.strip()} not in 1-{page_count}")
        pages += [p for p in range(first, last + 1) if p not in pages]
    return pages


def _font(style: InspectStyle) -> FreeTypeFont | BitmapFont:
    from PIL import ImageFont

    for path in style.fonts:
        if Path(path).exists():
            return ImageFont.truetype(path, style.label_size)
    return ImageFont.load_default(style.label_size)


def _draw(pdf_page: Page, boxes: Iterable[Box], style: InspectStyle) -> Image:
    """The page image with ``boxes`` drawn (cells before lines, labels last)."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    image = pdf_page.to_image(resolution=style.resolution)
    boxes = list(boxes)
    for box in boxes:
        fill, stroke, _ = STYLES[box.kind]
        width = 2 if box.kind in ("table", "goal_heading", "unplaced") else 1
        image.draw_rect((box.x0, box.top, box.x1, box.bottom), fill, stroke, width)
    picture = image.annotated.convert("RGB")
    scale = style.resolution / 72
    ox, oy = pdf_page.bbox[0], pdf_page.bbox[1]
    draw = ImageDraw.Draw(picture)
    font = _font(style)
    for box in boxes:
        if box.label is None:
            continue
        x, y = (box.x0 - ox) * scale + 2, (box.bottom - oy) * scale - style.label_size - 2
        left, top, right, bottom = draw.textbbox((x, y), box.label, font=font)
        draw.rectangle((left - 1, top - 1, right + 1, bottom + 1), fill=(255, 255, 255))
        draw.text((x, y), box.label, fill=STYLES[box.kind][1][:3], font=font)
    if not style.legend:
        return picture
    names = [(kind, s[2]) for kind, s in STYLES.items() if s[2]]
    row_h = style.label_size + 8
    per_row = 5
    rows = -(-len(names) // per_row)
    legend = PILImage.new("RGB", (picture.width, rows * row_h + 8), (255, 255, 255))
    ldraw = ImageDraw.Draw(legend)
    cell_w = picture.width // per_row
    for i, (kind, name) in enumerate(names):
        x, y = 6 + (i % per_row) * cell_w, 4 + (i // per_row) * row_h
        fill, stroke, _ = STYLES[kind]
        swatch = (*fill[:3], max(fill[3], 90))
        ldraw.rectangle((x, y, x + 14, y + style.label_size), fill=swatch[:3], outline=stroke[:3])
        ldraw.text((x + 20, y), name, fill=(0, 0, 0), font=font)
    out = PILImage.new("RGB", (picture.width, picture.height + legend.height), (255, 255, 255))
    out.paste(picture, (0, 0))
    out.paste(legend, (0, picture.height))
    return out


def pdf_to_inspection(
    path: str | Path,
    outdir: str | Path,
    pages: str | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    style: InspectStyle = InspectStyle(),
) -> list[Path]:
    """Write ``OUTDIR/<stem>-p<N>.png`` for the chosen ``pages`` (``"1-3,5"``, default all).

    The structure is detected on the whole document (furniture repeats across pages), then
    drawn on each chosen page. Returns the files written. Typed errors as ``convert``.
    """
    import pdfplumber

    path, outdir = Path(path), Path(outdir)
    layouts = []
    vertical = set()
    for page in pdf_to_pages(path, settings):
        quality = page_to_quality(page, settings)
        turned = quality.vertical_ratio > settings.vertical_page_ratio
        word_boxes = is_ocr_word_layer(quality, settings)
        layouts.append(page_to_layout(page, settings, vertical=turned, word_boxes=word_boxes))
        if turned:
            vertical.add(page.number)
    chosen = parse_pages(pages, len(layouts))
    boxes = layouts_to_boxes(layouts, settings, frozenset(vertical))
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    with pdfplumber.open(path, password=settings.password or "") as pdf:
        for number in chosen:
            picture = _draw(pdf.pages[number - 1], boxes[number], style)
            target = outdir / f"{path.stem}-p{number}.png"
            picture.save(target)
            written.append(target)
    return written
