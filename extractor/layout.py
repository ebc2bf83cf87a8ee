"""Stage 3, layout: characters → printed lines in reading order, page furniture set apart."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extractor.load import Char
from extractor.settings import DEFAULT_SETTINGS, Settings


@dataclass(frozen=True)
class TextLine:
    """One printed line (or one horizontally separate run of a line), characters in x order."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    page: int = 0


def _is_word_char(ch: str) -> bool:
    """Latin letters and digits: a visible gap between two of them is a word space."""
    return (ch.isascii() and ch.isalnum()) or (
        unicodedata.category(ch).startswith("L") and ch.isascii()
    )


def _chars_to_text(chars: Sequence[Char]) -> str:
    """Join x-ordered chars; a gap becomes a space only between two Latin word characters."""
    out: list[str] = []
    prev: Char | None = None
    for ch in chars:
        if prev is not None and out and ch.text != " " and out[-1] != " ":
            gap = ch.x0 - prev.x1
            if (
                gap > 0.25 * min(ch.size, prev.size)
                and _is_word_char(prev.text[-1:])
                and _is_word_char(ch.text[:1])
            ):
                out.append(" ")
        out.append(ch.text)
        prev = ch
    return "".join(out)


def _line_from_chars(chars: Sequence[Char], page: int) -> TextLine:
    sizes = sorted(c.size for c in chars)
    baselines = sorted(c.baseline for c in chars)
    return TextLine(
        text=_chars_to_text(chars),
        x0=min(c.x0 for c in chars),
        x1=max(c.x1 for c in chars),
        top=min(c.top for c in chars),
        bottom=max(c.bottom for c in chars),
        baseline=baselines[len(baselines) // 2],
        size=sizes[len(sizes) // 2],
        page=page,
    )


def chars_to_lines(
    chars: Iterable[Char],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    page: int = 0,
    split_gap: float = 4.0,
) -> list[TextLine]:
    """Group characters into lines by baseline, top to bottom, each left to right.

    Baselines are used rather than boxes because box heights come from the font
    descriptor, which some producers write wrongly. A horizontal gap wider than
    ``split_gap`` font sizes starts a separate run (a second column, a right-aligned label).
    """
    ordered = sorted(
        (c for c in chars if (c.text and not c.text.isspace()) or c.text == " "),
        key=lambda c: (c.baseline, c.x0),
    )
    rows: list[list[Char]] = []
    for ch in ordered:
        if rows:
            row = rows[-1]
            ref = row[0]
            if abs(ch.baseline - ref.baseline) <= settings.line_tolerance * max(ref.size, ch.size):
                row.append(ch)
                continue
        rows.append([ch])
    lines: list[TextLine] = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        run: list[Char] = []
        for ch in row:
            if run and ch.x0 - run[-1].x1 > split_gap * max(ch.size, run[-1].size):
                if "".join(c.text for c in run).strip():
                    lines.append(_line_from_chars(run, page))
                run = []
            run.append(ch)
        if run and "".join(c.text for c in run).strip():
            lines.append(_line_from_chars(run, page))
    lines.sort(key=lambda ln: (ln.baseline, ln.x0))
    return lines
