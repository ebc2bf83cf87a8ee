"""Reading order of a page's blocks (lines and tables), the way a person reads them.

Recursive XY-cut: a set of boxes is split down (a block beside another: columns,
side-by-side tables, the two pages of a spread) where clear vertical strips run through all
of it, else across at its widest clear horizontal gaps (a title's space before two columns,
before the rows inside each); each part is read whole before the next, left before right,
top before bottom.
A vertical gap must be at least ``Settings.column_gap`` font sizes wide, and both sides
at least ``column_min_height`` of the area's height (a column, not a date set to the right
of a title), so the word spacing of one line never splits it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from extractor.layout import Box
from extractor.settings import DEFAULT_SETTINGS, Settings

#: Bands sharing a clear vertical strip are read as columns from this many on.
MIN_COLUMN_LINES = 3

#: Nested cuts deeper than this are not a page layout (each cut splits off one line).
MAX_DEPTH = 100


def _gaps(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Every clear interval between projected spans: (width, middle)."""
    gaps = []
    reach = None
    for start, end in sorted(spans):
        if reach is not None and start > reach:
            gaps.append((start - reach, (start + reach) / 2))
        reach = end if reach is None else max(reach, end)
    return gaps


def _widest(gaps: list[tuple[float, float]], tolerance: float) -> list[float]:
    """Where to cut: the widest gap and any as wide (equal line spacing, equal gutters)."""
    widest = max(width for width, _ in gaps)
    return sorted(middle for width, middle in gaps if width >= widest - tolerance)


def _split(
    ids: list[int], cuts: list[float], lo: int, hi: int, boxes: Sequence[Box]
) -> list[list[int]]:
    """``ids`` by the side of each cut their boxes lie on (centre of sides ``lo``, ``hi``)."""
    parts: list[list[int]] = [[] for _ in range(len(cuts) + 1)]
    for i in ids:
        parts[bisect_right(cuts, (boxes[i][lo] + boxes[i][hi]) / 2)].append(i)
    return [p for p in parts if p]


def boxes_to_reading_order(
    boxes: Sequence[Box], size: float, settings: Settings = DEFAULT_SETTINGS
) -> list[list[int]]:
    """Indices of ``boxes`` in reading order, as sections: a new section starts at each
    column or side-by-side block (paragraph rules apply within a section only)."""
    tolerance = 0.1 * size

    def cut(ids: list[int], depth: int = 0) -> list[list[int]]:
        if len(ids) <= 1:
            return [ids] if ids else []
        if depth > MAX_DEPTH:  # pathological spacing: top to bottom, left to right
            return [sorted(ids, key=lambda i: (boxes[i][1], boxes[i][0]))]
        down = _gaps([(boxes[i][0], boxes[i][2]) for i in ids])
        if down and max(w for w, _ in down) >= settings.column_gap * size:
            parts = _split(ids, _widest(down, tolerance), 0, 2, boxes)
            # each side a column: a good share of the area's height, and a few lines tall
            tall = max(settings.column_min_height * _height(ids, boxes), MIN_COLUMN_LINES * size)
            if all(_height(part, boxes) >= tall for part in parts):
                return [section for part in parts for section in cut(part, depth + 1)]
        across = _gaps([(boxes[i][1], boxes[i][3]) for i in ids])
        if not across:
            return [sorted(ids, key=lambda i: (boxes[i][1], boxes[i][0]))]
        bands = _split(ids, _widest(across, tolerance), 1, 3, boxes)
        merged = _columns_across(bands, boxes, settings.column_gap * size)
        if len(merged) > 1:  # else no progress: the bands as they are
            bands = merged
        sections: list[list[int]] = []
        for part in bands:
            below = cut(part, depth + 1)
            if sections and below and _one_column(sections[-1], below[0], boxes):
                sections[-1] = sections[-1] + below[0]
                below = below[1:]
            sections += below
        return sections

    return cut(list(range(len(boxes))))


Strip = tuple[float, float]


def _strips(ids: list[int], boxes: Sequence[Box], width: float) -> list[Strip]:
    """The clear vertical strips at least ``width`` wide between the boxes of ``ids``."""
    spans = sorted((boxes[i][0], boxes[i][2]) for i in ids)
    strips, reach = [], spans[0][1]
    for start, end in spans[1:]:
        if start - reach >= width:
            strips.append((reach, start))
        reach = max(reach, end)
    return strips


def _common(a: list[Strip], b: list[Strip], width: float) -> list[Strip]:
    both = ((max(x0, y0), min(x1, y1)) for x0, x1 in a for y0, y1 in b)
    return [(x0, x1) for x0, x1 in both if x1 - x0 >= width]


def _columns_across(bands: list[list[int]], boxes: Sequence[Box], width: float) -> list[list[int]]:
    """Consecutive bands that share a clear vertical strip joined again: the rows of two
    columns set at one line pitch (cut apart by equal gaps) are one block of columns. Two
    such lines are a label and its value more likely than columns: joined from three."""
    groups: list[list[list[int]]] = []
    shared: list[Strip] = []
    for band in bands:
        strips = _strips(band, boxes, width)
        common = _common(shared, strips, width) if groups else []
        if common:
            groups[-1].append(band)
            shared = common
        else:
            groups.append([band])
            shared = strips
    out: list[list[int]] = []
    for group in groups:
        if len(group) >= MIN_COLUMN_LINES:
            out.append([i for band in group for i in band])
        else:
            out += group
    return out


def _one_column(upper: list[int], lower: list[int], boxes: Sequence[Box]) -> bool:
    """Two sections stacked in the same column (their x ranges overlap): one section."""
    ux0, ux1 = min(boxes[i][0] for i in upper), max(boxes[i][2] for i in upper)
    lx0, lx1 = min(boxes[i][0] for i in lower), max(boxes[i][2] for i in lower)
    return ux0 < lx1 and lx0 < ux1


def _height(ids: list[int], boxes: Sequence[Box]) -> float:
    return max(boxes[i][3] for i in ids) - min(boxes[i][1] for i in ids)
