"""Pages set sideways: a landscape table printed turned a quarter on a portrait page; and
scans set slightly askew (``chars_to_level``).

Its glyphs are not upright (pdfminer's ``upright`` is false), and each printed line runs
down the page, so it would be taken for vertical writing. When most glyphs of a page are
turned, the page is turned back, glyphs, rules and images alike, and then read like any
other page. Whether the text runs up or down the page is told by where each glyph's origin
sits in its box: at the bottom for text running up, at the top for text running down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from statistics import median

from extractor.layout import DESCENT, Box
from extractor.load import Char, PageContent, Rule


def turned_share(page: PageContent) -> float:
    """Share of the page's visible glyphs that are not upright."""
    visible = [c for c in page.chars if not c.text.isspace()]
    return sum(not c.upright for c in visible) / len(visible) if visible else 0.0


def page_to_upright(page: PageContent) -> tuple[PageContent, int]:
    """The page turned so that most of its glyphs stand upright, and the turn applied:
    0 (already upright), 1 (a quarter clockwise, for text running up the page) or -1
    (counter-clockwise, for text running down)."""
    if turned_share(page) <= 0.5:
        return page, 0
    turned = [c for c in page.chars if not c.upright and not c.text.isspace()]
    upwards = sum(abs(c.baseline - c.bottom) < abs(c.baseline - c.top) for c in turned)
    turn = 1 if 2 * upwards > len(turned) else -1
    width, height = page.width, page.height
    return (
        PageContent(
            number=page.number,
            width=height,
            height=width,
            chars=tuple(_turn_char(c, turn, width, height) for c in page.chars),
            rules=tuple(_turn_rule(r, turn, width, height) for r in page.rules),
            images=tuple(_turn_box(b, turn, width, height) for b in page.images),
        ),
        turn,
    )


def _origin_x(ch: Char) -> float:
    """x of the glyph's origin: left for upright glyphs, beside the descent when turned."""
    if ch.upright:
        return ch.x0
    if abs(ch.baseline - ch.bottom) < abs(ch.baseline - ch.top):  # running up
        return ch.x1 - DESCENT * ch.size
    return ch.x0 + DESCENT * ch.size


def _turn_box(box: Box, turn: int, width: float, height: float) -> Box:
    x0, top, x1, bottom = box
    if turn == 1:  # (x, y) -> (height - y, x)
        return (height - bottom, x0, height - top, x1)
    return (top, width - x1, bottom, width - x0)  # (x, y) -> (y, width - x)


def turn_box_back(box: Box, turn: int, width: float, height: float) -> Box:
    """A box of the turned page on the page as printed (``width``, ``height`` as printed)."""
    x0, top, x1, bottom = box
    if turn == 1:
        return (top, height - x1, bottom, height - x0)
    if turn == -1:
        return (width - bottom, x0, width - top, x1)
    return box


def _turn_char(ch: Char, turn: int, width: float, height: float) -> Char:
    x0, top, x1, bottom = _turn_box((ch.x0, ch.top, ch.x1, ch.bottom), turn, width, height)
    origin = _origin_x(ch)
    baseline = origin if turn == 1 else width - origin
    return replace(
        ch, x0=x0, x1=x1, top=top, bottom=bottom, baseline=baseline, upright=not ch.upright
    )


def _turn_rule(rule: Rule, turn: int, width: float, height: float) -> Rule:
    if rule.orientation == "h":  # y = position, x from start to end
        x0, top, x1, bottom = _turn_box(
            (rule.start, rule.position, rule.end, rule.position), turn, width, height
        )
        return Rule("v", x0, top, bottom)
    x0, top, x1, bottom = _turn_box(
        (rule.position, rule.start, rule.position, rule.end), turn, width, height
    )
    return Rule("h", top, x0, x1)


#: Slopes (rise over run) of a page's lines that ``chars_to_level`` corrects: from about
#: 0.05° (less changes nothing a reader sees) to about 6° (more is no scanner's tilt).
LEVEL_SLOPES = (0.001, 0.1)


def line_slope(chars: Sequence[Char]) -> float:
    """The slope of the page's printed lines (downwards to the right is positive): the
    median over neighbouring glyphs of one line, blanks left out."""
    ink = [c for c in chars if not c.text.isspace()]
    slopes = [
        (b.baseline - a.baseline) / (b.centre_x - a.centre_x)
        for a, b in pairwise(ink)
        if 0 < b.centre_x - a.centre_x < 2 * max(a.size, b.size)
        and abs(b.baseline - a.baseline) < 0.3 * max(a.size, b.size)
    ]
    return median(slopes) if slopes else 0.0


def chars_to_level(chars: Sequence[Char]) -> tuple[Char, ...]:
    """Glyphs of a page scanned askew levelled: an OCR layer places each word on the tilted
    line of the image, so a heading's two ends fall on two baselines. Each glyph moves up or
    down by the slope times its distance from the left edge: a shear, not a turn, which for
    the degree or two a scanner tilts a sheet differs by less than a thousandth of a glyph."""
    slope = line_slope(chars)
    low, high = LEVEL_SLOPES
    if not low <= abs(slope) <= high:
        return tuple(chars)
    out = []
    for c in chars:
        dy = slope * c.centre_x
        out.append(replace(c, top=c.top - dy, bottom=c.bottom - dy, baseline=c.baseline - dy))
    return tuple(out)
