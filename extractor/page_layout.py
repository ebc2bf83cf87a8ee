"""Stage 4, page layout: one page's characters and rules → body lines and tables.

Only this small ``PageLayout`` is kept per page, so a whole report fits in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from extractor.layout import (
    TextLine,
    chars_outside_boxes,
    chars_to_lines,
    vertical_to_horizontal,
)
from extractor.load import Char, PageContent
from extractor.model import ReportWarning
from extractor.orientation import chars_to_level, page_to_upright
from extractor.regions import chars_to_text_columns
from extractor.settings import DEFAULT_SETTINGS, Settings
from extractor.tables import Grid, page_to_grids


@dataclass(frozen=True)
class PageLayout:
    """One page after the layout and tables stages: small, so a whole report fits in memory."""

    number: int
    width: float
    height: float
    #: Body lines outside ruled tables (text in one-column layout boxes included).
    lines: tuple[TextLine, ...]
    #: Ruled tables with more than one column.
    grids: tuple[Grid, ...]
    #: Texts of small boxed single cells (candidate document labels such as 資料2).
    boxed_labels: tuple[str, ...] = ()
    warnings: tuple[ReportWarning, ...] = ()
    #: The page was set sideways and is read turned by this many quarters (clockwise 1,
    #: counter-clockwise -1); ``width``, ``height`` and every box are the turned page's.
    quarter_turn: int = 0


#: A boxed single cell at most this long is a label candidate (資料2, 参考資料1-2).
MAX_LABEL_CHARS = 12


def _is_layout_box(grid: Grid) -> bool:
    """A one-column ruled box frames running text (or a label); it is not a data table."""
    return grid.n_cols == 1


def body_to_lines(
    chars: Sequence[Char], settings: Settings = DEFAULT_SETTINGS, *, page: int = 0
) -> list[TextLine]:
    """Body lines, each column of side-by-side running text read on its own: a line never
    runs across the gutter between two text columns, however narrow."""
    columns = chars_to_text_columns(chars, settings)
    if not columns:
        return chars_to_lines(chars, settings, page=page)
    groups: dict[int, list[Char]] = {}
    for ch in chars:
        cx, cy = ch.centre_x, ch.centre_y(settings)
        where = next(
            (i for i, c in enumerate(columns) if c.x0 <= cx <= c.x1 and c.top <= cy <= c.bottom),
            -1,
        )
        groups.setdefault(where, []).append(ch)
    lines = [ln for group in groups.values() for ln in chars_to_lines(group, settings, page=page)]
    return sorted(lines, key=lambda ln: (ln.baseline, ln.x0))


def page_to_layout(
    page: PageContent,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    vertical: bool = False,
    word_boxes: bool = False,
) -> PageLayout:
    """Split one page into body lines and tables (text in one-column boxes stays body).

    A ``vertical`` page (vertical writing) is read column by column, right to left. A page
    set sideways (most glyphs turned a quarter) is turned upright first and read as
    horizontal text; the layout is then in the turned page's coordinates (``quarter_turn``).

    ``word_boxes``: the text is an OCR layer of positioned words (``is_ocr_word_layer``).
    Its blank glyphs are dropped (stretched from one word to the next, they are no typed
    space), a scan's tilt is levelled (``chars_to_level``), and no gutter is looked for: the
    gaps are where the OCR cut words, so they would read running text as whitespace tables
    and side-by-side columns. Its tables' rules are only in the page image, so tables are
    not read (their lines stay body text).
    """
    page, turn = page_to_upright(page)
    vertical = vertical and not turn
    if word_boxes:
        page = replace(page, chars=chars_to_level([c for c in page.chars if not c.text.isspace()]))
    grids = page_to_grids(page, settings, horizontal_text=not vertical and not word_boxes)
    tables = tuple(g for g in grids if not _is_layout_box(g))
    band = settings.furniture_band * page.height
    boxed_labels = tuple(
        g.cells[0].text
        for g in grids
        if _is_layout_box(g)
        and g.n_rows == 1
        and g.top <= band * 1.5
        and 0 < len(g.cells[0].text) <= MAX_LABEL_CHARS
    )
    body = chars_outside_boxes(
        page.chars, [(g.x0, g.top, g.x1, g.bottom) for g in tables], settings
    )
    if vertical:
        body = vertical_to_horizontal(body, page.width, settings)
        lines = chars_to_lines(body, settings, page=page.number)
    elif word_boxes:
        lines = chars_to_lines(body, settings, page=page.number)
    else:
        lines = body_to_lines(body, settings, page=page.number)
    return PageLayout(
        number=page.number,
        width=page.width,
        height=page.height,
        lines=tuple(lines),
        grids=tables,
        boxed_labels=boxed_labels,
        quarter_turn=turn,
    )
