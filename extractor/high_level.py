"""The front door: ``convert`` a report PDF to a ``Report``; ``extract_text`` of any PDF.

Pages stream through load → layout/tables one at a time and only their small
``PageLayout`` is kept, so memory stays flat however long the report is.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
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
    chars_outside_boxes,
    chars_to_lines,
    horizontal_to_vertical_box,
    lines_to_paragraphs,
    vertical_to_horizontal,
)
from extractor.load import PageContent, file_to_sha256, pdf_to_pages
from extractor.model import Report, Source
from extractor.page_layout import PageLayout, page_to_layout
from extractor.quality import (
    PageQuality,
    document_quality,
    page_to_quality,
    quality_to_warnings,
)
from extractor.settings import DEFAULT_SETTINGS, Settings
from extractor.tables import Grid, page_to_grids

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
) -> None:
    document = document_quality(qualities, settings)
    if document.char_count == 0:
        hint = " (the pages are images: run OCR first, e.g. ocrmypdf -l jpn)" if had_images else ""
        raise NoTextLayerError(f"the PDF has no text layer{hint}", path=str(path))
    if document.rejected:
        raise UndecodableTextError(
            f"{document.reason}: fonts without a usable Unicode map, the output would be garbage",
            path=str(path),
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
            quality = page_to_quality(page)
        qualities.append(quality)
        had_images = had_images or bool(page.images)
        with _timed(timings, "layout_tables"):
            layout = page_to_layout(
                page, settings, vertical=quality.vertical_ratio > settings.vertical_page_ratio
            )
        warnings = layout.warnings + quality_to_warnings(quality, settings)
        layouts.append(replace(layout, warnings=warnings))
    _check_text_layer(path, qualities, had_images, settings)
    with _timed(timings, "load"):
        source = Source(file=path.name, sha256=file_to_sha256(path), pages=len(layouts))
    with _timed(timings, "assemble"):
        report = layouts_to_report(layouts, source, settings)
    if not report.goals:
        raise NotAReportError(
            "no goal headings (【基本目標N】) found: not a plan progress report", path=str(path)
        )
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
            report = enrich_report(report)
    return report


def enrich_report(report: Report) -> Report:
    """Add keywords, programs and amounts to every initiative and challenge set."""
    from extractor.morphology import paragraphs_to_terms

    goals = []
    for goal in report.goals:
        initiatives = tuple(
            replace(i, terms=paragraphs_to_terms((i.title, *i.paragraphs)))
            for i in goal.initiatives
        )
        challenge_terms = paragraphs_to_terms(goal.challenges) if goal.challenges else None
        goals.append(replace(goal, initiatives=initiatives, challenge_terms=challenge_terms))
    return replace(report, goals=tuple(goals))


def convert_to_file(
    path: str | Path, outdir: str | Path, settings: Settings = DEFAULT_SETTINGS
) -> Path:
    """Convert ``path`` and write ``OUTDIR/<stem>.json`` (validated, atomic)."""
    from extractor.write import write_report

    report = convert(path, settings)
    return write_report(report.to_dict(), Path(outdir) / f"{Path(path).stem}.json")


def _table_rows(grids: list[Grid]) -> list[tuple[str, Box]]:
    """Each ruled row as one line of text, cells joined by `` | `` (a merged cell once)."""
    rows: list[tuple[str, Box]] = []
    for grid in grids:
        for r in range(grid.n_rows):
            cells = sorted((c for c in grid.cells if c.row == r), key=lambda c: c.col)
            texts = [c.text for c in cells]
            if any(texts):
                top, bottom = grid.row_edges[r], grid.row_edges[r + 1]
                rows.append((" | ".join(texts), (grid.x0, top, grid.x1, bottom)))
    return rows


def page_to_text(
    page: PageContent, quality: PageQuality, settings: Settings = DEFAULT_SETTINGS
) -> dict[str, Any]:
    """One page as paragraphs in reading order: running text rejoined, ruled tables row by
    row (cells never run into each other), vertical writing read in columns."""
    blocks: list[tuple[str, str, Box]] = []
    if quality.vertical_ratio > settings.vertical_page_ratio:
        chars = vertical_to_horizontal(page.chars, page.width, settings)
        for p in lines_to_paragraphs(chars_to_lines(chars, settings, page=page.number)):
            box = horizontal_to_vertical_box((p.x0, p.top, p.x1, p.bottom), page.width)
            blocks.append(("text", p.text, box))
    else:
        tables = [g for g in page_to_grids(page, settings) if g.n_cols > 1]
        body = chars_outside_boxes(page.chars, [(g.x0, g.top, g.x1, g.bottom) for g in tables])
        for p in lines_to_paragraphs(chars_to_lines(body, settings, page=page.number)):
            blocks.append(("text", p.text, (p.x0, p.top, p.x1, p.bottom)))
        blocks += [("table_row", text, box) for text, box in _table_rows(tables)]
        blocks.sort(key=lambda b: (b[2][1], b[2][0]))
    return {
        "page": page.number,
        "paragraphs": [
            {"text": text, "bbox": [round(v, 2) for v in box], "kind": kind}
            for kind, text, box in blocks
        ],
        "warnings": [w.to_dict() for w in quality_to_warnings(quality, settings)],
    }


def extract_text(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> list[dict[str, Any]]:
    """Normalised text of any text PDF: pages → paragraphs with their boxes, plus warnings.

    The same reading and normalisation as ``convert``. Each paragraph has a ``kind``:
    ``text`` (running text) or ``table_row`` (one ruled table row, cells joined by `` | ``).
    Raises ``UndecodableTextError`` / ``NoTextLayerError`` like ``convert``.
    """
    pages: list[dict[str, Any]] = []
    qualities: list[PageQuality] = []
    for page in pdf_to_pages(path, settings):
        quality = page_to_quality(page)
        qualities.append(quality)
        pages.append(page_to_text(page, quality, settings))
    _check_text_layer(Path(path), qualities, False, settings)
    return pages
