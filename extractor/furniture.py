"""Page furniture: what a page prints around the report — page numbers, running headers and
footers, the boxed document label, a table of contents. None of it is report content, and
none of it counts in the report's coverage."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from extractor.grammar import Grammar
from extractor.layout import TextLine
from extractor.normalise import normalise_text
from extractor.page_layout import PageLayout
from extractor.settings import Settings

LineId = tuple[int, int]  # (page number, line index)


def _line_key(line: TextLine) -> str:
    """Text of a furniture candidate with its digits blanked (page numbers change)."""
    return re.sub(r"\d+", "#", line.text.strip())


def line_band(line: TextLine, page: PageLayout, settings: Settings) -> str | None:
    """ "top" or "bottom" when the line sits in the page's furniture band, else None."""
    band = settings.furniture_band * page.height
    if line.bottom <= band or line.baseline <= band:
        return "top"
    if line.top >= page.height - band:
        return "bottom"
    return None


def pages_to_furniture(
    pages: Sequence[PageLayout], grammar: Grammar, settings: Settings
) -> set[LineId]:
    """Page numbers anywhere in the bands, and band lines repeated on two or more pages."""
    furniture: set[LineId] = set()
    repeated: Counter[tuple[str, str]] = Counter()
    candidates: list[tuple[int, int, str, str]] = []
    for page in pages:
        for i, line in enumerate(page.lines):
            band = line_band(line, page, settings)
            if band is None:
                continue
            if grammar.page_number.match(normalise_text(line.text)):
                furniture.add((page.number, i))
                continue
            key = _line_key(line)
            candidates.append((page.number, i, band, key))
            repeated[(band, key)] += 1
    if len(pages) >= 2:
        for number, i, band, key in candidates:
            if repeated[(band, key)] >= 2:
                furniture.add((number, i))
    return furniture


def pages_to_contents(pages: Sequence[PageLayout], grammar: Grammar) -> set[LineId]:
    """The lines of a table of contents: from a 目次 heading to its last entry (a title, dot
    leaders, a page number; an entry may wrap), or a whole page of such entries. Their goal
    titles must not be read as the report's goal headings."""
    found: set[LineId] = set()
    for page in pages:
        order = sorted(
            (i for i, ln in enumerate(page.lines) if normalise_text(ln.text)),
            key=lambda i: (page.lines[i].baseline, page.lines[i].x0),
        )
        texts = [page.lines[i].text for i in order]
        entries = [k for k, t in enumerate(texts) if grammar.is_contents_entry(t)]
        heading = next((k for k, t in enumerate(texts) if grammar.is_contents_heading(t)), None)
        if heading is not None and any(k > heading for k in entries):
            last = max(entries)
            found |= {(page.number, order[k]) for k in range(heading, last + 1)}
        elif entries and len(entries) >= max(3, len(texts) // 2):
            found |= {(page.number, i) for i in order}
    return found


def pages_to_label(
    pages: Sequence[PageLayout], grammar: Grammar, settings: Settings
) -> tuple[str | None, set[int]]:
    """The document label (資料2): a small boxed cell, or a label-like line at the top of
    page 1; with the indices of page 1's lines that print it."""
    if not pages:
        return None, set()
    first = pages[0]
    for text in first.boxed_labels:
        label = normalise_text(text)
        if label:
            matching = {
                i for i, line in enumerate(first.lines) if normalise_text(line.text) == label
            }
            return label, matching
    for i, line in enumerate(first.lines):
        text = normalise_text(line.text)
        if grammar.label.match(text) and line_band(line, first, settings) == "top":
            return text, {i}
    return None, set()
