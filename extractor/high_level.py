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

from extractor.assemble import PageLayout, layouts_to_report, page_to_layout
from extractor.errors import NotAReportError, NoTextLayerError, UndecodableTextError
from extractor.layout import (
    chars_to_lines,
    horizontal_to_vertical_box,
    lines_to_paragraphs,
    vertical_to_horizontal,
)
from extractor.load import file_to_sha256, pdf_to_pages
from extractor.model import Report, Source
from extractor.quality import (
    PageQuality,
    document_quality,
    page_to_quality,
    quality_to_warnings,
)
from extractor.settings import DEFAULT_SETTINGS, Settings

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


def extract_text(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> list[dict[str, Any]]:
    """Normalised text of any text PDF: pages → paragraphs with their boxes, plus warnings.

    The same reading and normalisation as ``convert`` (tables are read as lines here).
    """
    out: list[dict[str, Any]] = []
    qualities: list[PageQuality] = []
    for page in pdf_to_pages(path, settings):
        quality = page_to_quality(page)
        qualities.append(quality)
        vertical = quality.vertical_ratio > settings.vertical_page_ratio
        chars = vertical_to_horizontal(page.chars, page.width, settings) if vertical else page.chars
        paragraphs = lines_to_paragraphs(chars_to_lines(chars, settings, page=page.number))
        boxes = [(p.x0, p.top, p.x1, p.bottom) for p in paragraphs]
        if vertical:
            boxes = [horizontal_to_vertical_box(b, page.width) for b in boxes]
        out.append(
            {
                "page": page.number,
                "paragraphs": [
                    {"text": p.text, "bbox": [round(v, 2) for v in box]}
                    for p, box in zip(paragraphs, boxes, strict=True)
                ],
                "warnings": [w.to_dict() for w in quality_to_warnings(quality, settings)],
            }
        )
    _check_text_layer(Path(path), qualities, False, settings)
    return out
