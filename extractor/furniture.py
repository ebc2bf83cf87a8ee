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


def pages_to_contents(pages: Sequence[PageLayout], grammar: Grammar) -> set[int]:
    """Pages that hold only a table of contents: a 目次 heading, or mostly entries with
    leaders and page numbers, and no goal heading of the report itself."""
    found: set[int] = set()
    for page in pages:
        texts = [ln.text for ln in page.lines if normalise_text(ln.text)]
        if not texts:
            continue
        entries = sum(1 for t in texts if grammar.is_contents_entry(t))
        heading = any(grammar.is_contents_heading(t) for t in texts[:5])
        if any(grammar.goal_heading(t) for t in texts):
            continue  # the report starts on this page: its contents lines are skipped one by one
        if (heading and entries >= 1) or entries >= max(3, len(texts) // 2):
            found.add(page.number)
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
