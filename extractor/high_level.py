"""The front door: ``convert`` a report PDF to a ``Report``; ``extract_text`` of any PDF.

Pages stream through load → layout/tables one at a time and only their small
``PageLayout`` is kept, so memory stays flat however long the report is.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from extractor.assemble import content_warnings, layouts_to_report
from extractor.errors import (
    NotAReportError,
    NoTextLayerError,
    NotUnderstoodError,
    UndecodableTextError,
)
from extractor.layout import (
    Box,
    TextLine,
    box_inside,
    chars_by_box,
    horizontal_to_vertical_box,
    lines_to_paragraphs,
)
from extractor.load import Char, PageContent, file_to_sha256, pdf_to_pages
from extractor.model import Report, ReportWarning, Source
from extractor.orientation import page_to_upright, turn_box_back
from extractor.page_layout import PageLayout, page_to_layout
from extractor.quality import (
    DocumentQuality,
    PageQuality,
    document_quality,
    is_ocr_word_layer,
    page_to_quality,
    qualities_to_ocr_warning,
    quality_to_warnings,
)
from extractor.reading_order import boxes_to_reading_order
from extractor.settings import DEFAULT_SETTINGS, Settings
from extractor.tables import Grid
from extractor.text_rows import TextRow, grid_to_text_rows

Timings = dict[str, float]


@contextmanager
def _timed(timings: Timings | None, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        if timings is not None:
            timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def _check_text_layer(
    path: Path, qualities: list[PageQuality], had_images: bool, settings: Settings
) -> DocumentQuality:
    document = document_quality(qualities, settings)
    if document.char_count == 0:
        hint = " (the pages are images: run OCR first, e.g. ocrmypdf -l jpn)" if had_images else ""
        raise NoTextLayerError(f"the PDF has no text layer{hint}", path=str(path))
    if document.rejected:
        raise UndecodableTextError(
            f"{document.reason}: fonts without a usable Unicode map, the output would be garbage",
            path=str(path),
        )
    return document


def _ocr_hint(document: DocumentQuality) -> str:
    """Why a scanned report may not read as one: its text is OCR over page images."""
    if not document.ocr_pages:
        return ""
    return (
        f" (the text of {len(document.ocr_pages)} of {document.page_count} pages is an OCR "
        "layer on scanned images: its characters and positions are approximate and the "
        "tables' rules are only in the images)"
    )


def convert(
    path: str | Path, settings: Settings = DEFAULT_SETTINGS, *, timings: Timings | None = None
) -> Report:
    """Read one report PDF and return it as a typed ``Report``.

    Raises an ``ExtractorError`` subclass (with a stable ``code``) when the file is not a
    readable report PDF. ``timings``, if given, is filled with seconds per stage.
    """
    path = Path(path)
    layouts: list[PageLayout] = []
    qualities: list[PageQuality] = []
    had_images = False
    with _timed(timings, "load"):
        pages = pdf_to_pages(path, settings)
    while True:
        with _timed(timings, "load"):
            page = next(pages, None)
        if page is None:
            break
        with _timed(timings, "quality"):
            quality = page_to_quality(page, settings)
        qualities.append(quality)
        had_images = had_images or bool(page.images)
        with _timed(timings, "layout_tables"):
            layout = page_to_layout(
                page,
                settings,
                vertical=quality.vertical_ratio > settings.vertical_page_ratio,
                word_boxes=is_ocr_word_layer(quality, settings),
            )
        warnings = layout.warnings + _page_warnings(quality, layout.quarter_turn, settings)
        layouts.append(replace(layout, warnings=warnings))
    document = _check_text_layer(path, qualities, had_images, settings)
    with _timed(timings, "load"):
        source = Source(file=path.name, sha256=file_to_sha256(path), pages=len(layouts))
    with _timed(timings, "assemble"):
        report = layouts_to_report(layouts, source, settings)
    if not report.goals:
        raise NotAReportError(
            "no goal headings (【基本目標N】) found: not a plan progress report"
            + _ocr_hint(document),
            path=str(path),
        )
    if (ocr := qualities_to_ocr_warning(qualities, settings)) is not None:
        report = replace(report, warnings=(ocr, *report.warnings))
    if settings.strict and (problems := content_warnings(report)):
        codes = sorted({w.code for w in problems})
        raise NotUnderstoodError(
            f"--strict: {len(problems)} content warnings ({', '.join(codes)}); "
            f"coverage {report.coverage:.0%}: {problems[0].message}",
            warnings=[f"{w.code}: {w.message}" for w in problems],
            path=str(path),
        )
    if settings.enrich:
        with _timed(timings, "enrich"):
            report = enrich_report(report, settings)
    return report


def enrich_report(report: Report, settings: Settings = DEFAULT_SETTINGS) -> Report:
    """Add keywords, programs and amounts to every initiative and challenge set."""
    from extractor.morphology import paragraphs_to_terms

    goals = []
    for goal in report.goals:
        initiatives = tuple(
            replace(i, terms=paragraphs_to_terms((i.title, *i.paragraphs), settings))
            for i in goal.initiatives
        )
        challenge_terms = (
            paragraphs_to_terms(goal.challenges, settings) if goal.challenges else None
        )
        goals.append(replace(goal, initiatives=initiatives, challenge_terms=challenge_terms))
    return replace(report, goals=tuple(goals))


def convert_to_file(
    path: str | Path, outdir: str | Path, settings: Settings = DEFAULT_SETTINGS
) -> Path:
    """Convert ``path`` and write ``OUTDIR/<stem>.json`` (validated, atomic)."""
    from extractor.write import write_report

    report = convert(path, settings)
    return write_report(report.to_dict(), Path(outdir) / f"{Path(path).stem}.json")


def _grid_box(grid: Grid) -> Box:
    return (grid.x0, grid.top, grid.x1, grid.bottom)


def _table_rows(
    grid: Grid, grids: Sequence[Grid], owned: Sequence[list[Char]], settings: Settings
) -> list[TextRow]:
    """A table's printed rows with those of the tables inside it, top to bottom; each
    table reads the glyphs it owns (``owned``, by the index in ``grids``)."""
    rows: list[TextRow] = []
    for i, table in enumerate(grids):
        if table is grid or box_inside(_grid_box(table), _grid_box(grid)):
            rows += grid_to_text_rows(table, owned[i], settings)
    return sorted(rows, key=lambda r: (r.box[1], r.box[0]))


def _vertical_page_blocks(layout: PageLayout, width: float) -> list[tuple[str, str, Box]]:
    blocks = []
    for p in lines_to_paragraphs(list(layout.lines)):
        box = horizontal_to_vertical_box((p.x0, p.top, p.x1, p.bottom), width)
        blocks.append(("text", p.text, box))
    return blocks


def _page_blocks(
    page: PageContent, layout: PageLayout, settings: Settings
) -> list[tuple[str, str, Box]]:
    """Paragraphs and table rows in reading order (see ``reading_order``)."""
    owned = chars_by_box([_grid_box(g) for g in layout.grids], page.chars, settings)
    outer = [
        g
        for g in layout.grids
        if not any(box_inside(_grid_box(g), _grid_box(o)) for o in layout.grids)
    ]
    items: list[TextLine | Grid] = [*layout.lines, *outer]
    boxes = [(it.x0, it.top, it.x1, it.bottom) for it in items]
    sizes = sorted(ln.size for ln in layout.lines) or [10.0]
    blocks: list[tuple[str, str, Box]] = []
    for section in boxes_to_reading_order(boxes, sizes[len(sizes) // 2], settings):
        lines: list[TextLine] = []
        for item in (items[i] for i in section):
            if isinstance(item, TextLine):
                lines.append(item)
                continue
            blocks += _paragraph_blocks(lines)
            lines = []
            rows = _table_rows(item, layout.grids, owned, settings)
            blocks += [("table_row", r.text, r.box) for r in rows]
        blocks += _paragraph_blocks(lines)
    return blocks


def _paragraph_blocks(lines: list[TextLine]) -> list[tuple[str, str, Box]]:
    return [("text", p.text, (p.x0, p.top, p.x1, p.bottom)) for p in lines_to_paragraphs(lines)]


def _page_warnings(
    quality: PageQuality, turn: int, settings: Settings
) -> tuple[ReportWarning, ...]:
    """The page's quality warnings; a page set sideways is not vertical writing (it is read
    turned back), so it gets no ``vertical_text`` warning."""
    return tuple(
        w for w in quality_to_warnings(quality, settings) if not turn or w.code != "vertical_text"
    )


def page_to_text(
    page: PageContent, quality: PageQuality, settings: Settings = DEFAULT_SETTINGS
) -> dict[str, Any]:
    """One page as paragraphs in reading order: running text rejoined, tables (ruled or
    not) row by row (cells never run into each other), vertical writing read in columns.
    The page is read by ``page_to_layout``, as ``convert`` reads it."""
    upright, turn = page_to_upright(page)
    vertical = quality.vertical_ratio > settings.vertical_page_ratio and not turn
    layout = page_to_layout(
        upright, settings, vertical=vertical, word_boxes=is_ocr_word_layer(quality, settings)
    )
    if vertical:
        blocks = _vertical_page_blocks(layout, page.width)
    else:
        blocks = _page_blocks(upright, layout, settings)
    warnings = list(_page_warnings(quality, turn, settings))
    if (ocr := qualities_to_ocr_warning([quality], settings)) is not None:
        warnings.append(ocr)
    return {
        "page": page.number,
        "paragraphs": [
            {
                "text": text,
                "bbox": [round(v, 2) for v in turn_box_back(box, turn, page.width, page.height)],
                "kind": kind,
            }
            for kind, text, box in blocks
        ],
        "warnings": [w.to_dict() for w in warnings],
    }


def extract_text(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> list[dict[str, Any]]:
    """Normalised text of any text PDF: pages → paragraphs with their boxes, plus warnings.

    The same reading and normalisation as ``convert``. Each paragraph has a ``kind``:
    ``text`` (running text) or ``table_row`` (one printed table row, cells joined by `` | ``).
    Raises ``UndecodableTextError`` / ``NoTextLayerError`` like ``convert``.
    """
    pages: list[dict[str, Any]] = []
    qualities: list[PageQuality] = []
    for page in pdf_to_pages(path, settings):
        quality = page_to_quality(page, settings)
        qualities.append(quality)
        pages.append(page_to_text(page, quality, settings))
    _check_text_layer(Path(path), qualities, False, settings)
    return pages
