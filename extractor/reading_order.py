"""Reading order of a page's blocks (lines and tables), the way a person reads them.

Recursive XY-cut: a set of boxes is split down (a block beside another: columns,
side-by-side tables, the two pages of a spread) where a clear vertical strip runs through
all of it, else across at its widest clear horizontal gap; each side is read whole before
the next, left before right, top before bottom.
A vertical gap must be at least ``Settings.column_gap`` font sizes wide, and both sides
at least ``column_min_height`` of the area's height (a column, not a date set to the right
of a title), so the word spacing of one line never splits it.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.layout import Box
from extractor.settings import DEFAULT_SETTINGS, Settings


def _widest_gap(spans: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    """The widest clear interval between projected spans: (width, cut position)."""
    best: tuple[float, float] | None = None
    reach = None
    for start, end, _ in sorted(spans):
        if reach is not None and start > reach and (best is None or start - reach > best[0]):
            best = (start - reach, (start + reach) / 2)
        reach = end if reach is None else max(reach, end)
    return best


def boxes_to_reading_order(
    boxes: Sequence[Box], size: float, settings: Settings = DEFAULT_SETTINGS
) -> list[list[int]]:
    """Indices of ``boxes`` in reading order, as sections: a new section starts at each
    column or side-by-side block (paragraph rules apply within a section only)."""

    def cut(ids: list[int]) -> list[list[int]]:
        if len(ids) <= 1:
            return [ids] if ids else []
        across = _widest_gap([(boxes[i][1], boxes[i][3], i) for i in ids])
        down = _widest_gap([(boxes[i][0], boxes[i][2], i) for i in ids])
        if down is not None and down[0] >= settings.column_gap * size:
            left = [i for i in ids if boxes[i][2] <= down[1]]
            right = [i for i in ids if boxes[i][2] > down[1]]
            if min(_height(left, boxes), _height(right, boxes)) >= (
                settings.column_min_height * _height(ids, boxes)
            ):
                return cut(left) + cut(right)
        if across is not None:
            upper = [i for i in ids if boxes[i][3] <= across[1]]
            lower = [i for i in ids if boxes[i][3] > across[1]]
            head, tail = cut(upper), cut(lower)
            if head and tail and _one_column(head[-1], tail[0], boxes):
                return [*head[:-1], head[-1] + tail[0], *tail[1:]]
            return head + tail
        return [sorted(ids, key=lambda i: (boxes[i][1], boxes[i][0]))]

    return cut(list(range(len(boxes))))


def _one_column(upper: list[int], lower: list[int], boxes: Sequence[Box]) -> bool:
    """Two sections stacked in the same column (their x ranges overlap): one section."""
    ux0, ux1 = min(boxes[i][0] for i in upper), max(boxes[i][2] for i in upper)
    lx0, lx1 = min(boxes[i][0] for i in lower), max(boxes[i][2] for i in lower)
    return ux0 < lx1 and lx0 < ux1


def _height(ids: list[int], boxes: Sequence[Box]) -> float:
    return max(boxes[i][3] for i in ids) - min(boxes[i][1] for i in ids)
