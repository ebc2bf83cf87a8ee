"""Stage 3, layout: characters → printed lines in reading order, page furniture set apart."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from extractor.load import Char
from extractor.normalise import is_japanese, join_wrapped_lines
from extractor.settings import DEFAULT_SETTINGS, Settings

#: Share of a glyph's size above (and below) its baseline that its ink occupies.
ASCENT, DESCENT = 0.88, 0.12


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
    #: Set in a turned direction (a label rotated 90°): always a paragraph of its own.
    rotated: bool = False


def _is_word_char(ch: str) -> bool:
    """Latin letters and digits, half- or full-width (``１２３``): a visible gap between two
    of them is a word space (two figures set apart never read as one)."""
    return ch.isalnum() and (ch.isascii() or "\uff10" <= ch <= "\uff5a")


def _is_undecodable(ch: Char) -> bool:
    return ch.text.startswith("(cid:")


#: Unmapped glyphs in a row up to this many, beside readable ones, are blank glyphs.
MAX_BLANK_GLYPHS = 2


def _char_texts(chars: Sequence[Char]) -> list[str]:
    """pdfminer spells an unmapped glyph ``(cid:N)``: show it as U+FFFD, never as text.

    A short run of them beside readable glyphs is a blank the font does not map (a
    non-embedded font's half-width space, shown as a space by pdftotext): it reads as a
    space. Longer runs, or a line of nothing else, stay U+FFFD (the quality stage warns).
    """
    texts = [ch.text for ch in chars]
    i = 0
    while i < len(chars):
        if not _is_undecodable(chars[i]):
            i += 1
            continue
        j = i
        while j < len(chars) and _is_undecodable(chars[j]):
            j += 1
        blank = j - i <= MAX_BLANK_GLYPHS and (i > 0 or j < len(chars))
        texts[i:j] = [" " if blank else "\ufffd"] * (j - i)
        i = j
    return texts


#: A gap this wide (in font sizes) between two Japanese characters is a printed space
#: (``ア　子育て`` drawn without a space glyph): kept as U+3000, which normalisation drops
#: between Japanese characters, so only list markers are told apart by it.
JAPANESE_GAP = 0.8


def _chars_to_text(chars: Sequence[Char]) -> str:
    """Join x-ordered chars; a gap becomes a space between two Latin word characters, and
    an ideographic space between two Japanese characters a full character apart."""
    out: list[str] = []
    prev: Char | None = None
    for ch, text in zip(chars, _char_texts(chars), strict=True):
        if prev is not None and out and not text.isspace() and not out[-1].isspace():
            gap = ch.x0 - prev.x1
            size = min(ch.size, prev.size)
            if gap > 0.25 * size and _is_word_char(prev.text[-1:]) and _is_word_char(text[:1]):
                out.append(" ")
            elif (
                gap > JAPANESE_GAP * size
                and is_japanese(prev.text[-1:] or " ")
                and is_japanese(text[:1] or " ")
            ):
                out.append("\u3000")
        out.append(text)
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


def _median(values: Iterable[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _attach_raised_rows(rows: list[list[Char]]) -> list[list[Char]]:
    """Superscript marks (``※1``, ``注``) sit on a raised baseline in a smaller size: they
    belong to the line they annotate, not to a line of their own before it."""
    stats = [
        (
            _median(c.size for c in row),
            _median(c.baseline for c in row),
            min(c.x0 for c in row),
            max(c.x1 for c in row),
        )
        for row in rows
    ]
    target = list(range(len(rows)))
    for i, (size, baseline, x0, x1) in enumerate(stats):
        best: tuple[float, int] | None = None
        for j in (i - 1, i + 1):
            if not 0 <= j < len(rows) or target[j] != j:
                continue
            o_size, o_baseline, o_x0, o_x1 = stats[j]
            if (
                size < 0.85 * o_size
                and o_baseline - 0.9 * o_size <= baseline <= o_baseline + 0.3 * o_size
                and x0 >= o_x0 - 2 * o_size
                and x1 <= o_x1 + 2 * o_size
                and not _collides([*rows[i], *rows[j]])  # a line tucked under, not a mark
                and (best is None or abs(o_baseline - baseline) < best[0])
            ):
                best = (abs(o_baseline - baseline), j)
        if best is not None:
            target[i] = best[1]
    merged: dict[int, list[Char]] = {}
    for i, row in enumerate(rows):
        merged.setdefault(target[i], []).extend(row)
    return [merged[k] for k in sorted(merged)]


def _collides(row: Sequence[Char]) -> bool:
    """Two glyphs of one printed line never cover the same x: if they do, the row is two
    lines set close together (a smaller line tucked under another)."""
    ordered = sorted((c for c in row if not c.text.isspace()), key=lambda c: c.x0)
    return any(b.x0 < a.x1 - 0.5 * min(a.x1 - a.x0, b.x1 - b.x0) for a, b in pairwise(ordered))


def _split_overlapping(row: list[Char], settings: Settings) -> list[list[Char]]:
    """A row whose glyphs collide split into its lines by baseline (then by size): a gap
    in the sorted baselines, however small, between two groups that each read as a line."""
    if len(row) < 4 or not _collides(row):
        return [row]
    ordered = sorted(row, key=lambda c: (c.baseline, c.size))
    gaps = [(b.baseline - a.baseline, i + 1) for i, (a, b) in enumerate(pairwise(ordered))]
    width, cut = max(gaps)
    if width <= 0.02 * ordered[0].size:
        by_size = sorted(row, key=lambda c: c.size)
        sizes = [(b.size - a.size, i + 1) for i, (a, b) in enumerate(pairwise(by_size))]
        width, cut = max(sizes)
        if width <= 0.05 * by_size[-1].size:
            return [row]
        ordered = by_size
    upper, lower = ordered[:cut], ordered[cut:]
    return [*_split_overlapping(upper, settings), *_split_overlapping(lower, settings)]


def _run_to_lines(run: Sequence[Char], page: int) -> list[TextLine]:
    """The run as a line, its leading and trailing spaces dropped (a paragraph's indent
    space must not move the line's left edge: the indent is measured from the glyphs)."""
    start, end = 0, len(run)
    while start < end and run[start].text.isspace():
        start += 1
    while end > start and run[end - 1].text.isspace():
        end -= 1
    return [_line_from_chars(run[start:end], page)] if end > start else []


def chars_to_lines(
    chars: Iterable[Char],
    settings: Settings = DEFAULT_SETTINGS,
    *,
    page: int = 0,
    split_gap: float = 4.0,
    spaces_bridge: bool = True,
) -> list[TextLine]:
    """Group characters into lines by baseline, top to bottom, each left to right.

    Baselines are used rather than boxes because box heights come from the font
    descriptor, which some producers write wrongly. A horizontal gap wider than
    ``split_gap`` font sizes starts a separate run (a second column, a right-aligned label);
    unless ``spaces_bridge``, the gap is measured between glyphs, through typed spaces.
    """
    # Spaces are kept (normalisation decides: U+3000 in "※1　次回" stays a space between a
    # digit and Japanese, between two Japanese characters it goes); only line ends are trimmed.
    chars = [c for c in chars if c.text and c.text not in "\r\n"]
    turned = rotated_chars_to_lines([c for c in chars if not c.upright], page)
    ordered = sorted((c for c in chars if c.upright), key=lambda c: (c.baseline, c.x0))
    rows: list[list[Char]] = []
    for ch in ordered:
        if rows:
            row = rows[-1]
            ref = row[0]
            if abs(ch.baseline - ref.baseline) <= settings.line_tolerance * max(ref.size, ch.size):
                row.append(ch)
                continue
        rows.append([ch])
    rows = [part for row in rows for part in _split_overlapping(row, settings)]
    lines: list[TextLine] = []
    for row in _attach_raised_rows(rows):
        row.sort(key=lambda c: c.x0)
        run: list[Char] = []
        ink: Char | None = None  # the run's last glyph (spaces measured through, if asked)
        for ch in row:
            last = ink if not spaces_bridge else (run[-1] if run else None)
            if (
                last is not None
                and ch.x0 - last.x1 > split_gap * max(ch.size, last.size)
                and (spaces_bridge or not ch.text.isspace())
            ):
                lines += _run_to_lines(run, page)
                run = []
            run.append(ch)
            if not ch.text.isspace():
                ink = ch
        lines += _run_to_lines(run, page)
    lines += turned
    lines.sort(key=lambda ln: (ln.baseline, ln.x0))
    return lines


def rotated_chars_to_lines(chars: Sequence[Char], page: int = 0) -> list[TextLine]:
    """Glyphs turned a quarter (a rotated label, not vertical writing, whose glyphs stay
    upright): each unbroken column of them is one line, read in the direction it was set:
    upwards when the glyph origins sit at the boxes' bottoms, downwards otherwise."""
    columns: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: c.centre_x):
        if columns and ch.centre_x - columns[-1][-1].centre_x <= 0.5 * ch.size:
            columns[-1].append(ch)
        else:
            columns.append([ch])
    runs: list[list[Char]] = []
    for column in columns:
        column.sort(key=lambda c: c.top)
        for i, ch in enumerate(column):
            if i and ch.top - column[i - 1].bottom > ch.size:
                runs.append([])
            if not i:
                runs.append([])
            runs[-1].append(ch)
    lines = []
    for column in runs:
        upwards = sum(abs(c.baseline - c.bottom) < abs(c.baseline - c.top) for c in column)
        column.sort(key=lambda c: -c.top if 2 * upwards > len(column) else c.top)
        text = _chars_to_text_unspaced(column)
        if not text.strip():
            continue
        top, bottom = min(c.top for c in column), max(c.bottom for c in column)
        size = _median(c.size for c in column)
        lines.append(
            TextLine(
                text.strip(),
                min(c.x0 for c in column),
                max(c.x1 for c in column),
                top,
                bottom,
                top + size,
                size,
                page,
                rotated=True,
            )
        )
    return lines


def _chars_to_text_unspaced(chars: Sequence[Char]) -> str:
    return "".join(_char_texts(chars))


Box = tuple[float, float, float, float]


def chars_by_box(
    boxes: Sequence[Box], chars: Iterable[Char], settings: Settings = DEFAULT_SETTINGS
) -> list[list[Char]]:
    """Each box's glyphs (centre strictly inside), every glyph given to the smallest box
    holding it: a table inside another, or overlapping it, owns its glyphs alone."""
    order = sorted(range(len(boxes)), key=lambda i: _area(boxes[i]))
    owned: list[list[Char]] = [[] for _ in boxes]
    for ch in chars:
        cx, cy = ch.centre_x, ch.centre_y(settings)
        for i in order:
            x0, top, x1, bottom = boxes[i]
            if x0 < cx < x1 and top < cy < bottom:
                owned[i].append(ch)
                break
    return owned


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def box_inside(inner: Box, outer: Box, tolerance: float = 1.0) -> bool:
    """Whether ``inner`` (x0, top, x1, bottom) lies within ``outer`` and is not it."""
    return (
        inner != outer
        and inner[0] >= outer[0] - tolerance
        and inner[1] >= outer[1] - tolerance
        and inner[2] <= outer[2] + tolerance
        and inner[3] <= outer[3] + tolerance
    )


def chars_outside_boxes(
    chars: Iterable[Char], boxes: Sequence[Box], settings: Settings = DEFAULT_SETTINGS
) -> list[Char]:
    """Characters a reader sees outside every box (table cells are read by the table stage).

    A glyph centred exactly on a box's edge is outside, as the table stage leaves it out."""
    if not boxes:
        return list(chars)
    out = []
    for ch in chars:
        cx, cy = ch.centre_x, ch.centre_y(settings)
        if not any(x0 < cx < x1 and top < cy < bottom for x0, top, x1, bottom in boxes):
            out.append(ch)
    return out


@dataclass(frozen=True)
class Margins:
    """Where body text starts and ends on a page: indents and short lines are measured from here.

    ``evidence`` counts the wrapped lines the left edge was read from (0: a fallback)."""

    left: float
    right: float
    evidence: int = 0


def _most_common(values: Sequence[float]) -> float:
    counts: dict[int, int] = {}
    for v in values:
        counts[round(v)] = counts.get(round(v), 0) + 1
    best = max(counts.values())
    return float(min(x for x, n in counts.items() if n == best))


def lines_to_margins(lines: Sequence[TextLine]) -> Margins | None:
    """The left edge of running text and the far right edge of a page's body lines.

    The left edge is where *wrapped* lines start: a line that follows a full line which does
    not end a sentence. Japanese paragraphs indent their first line by one character, so
    the commonest left edge of all lines is a first-line indent on a page of short
    paragraphs. Without a wrapped line, the leftmost edge two lines share (headings and
    text flush at the margin) is the margin.
    """
    if not lines:
        return None
    # the right edge of the lines in the running text's size: a wider line in another size
    # (a table's row read as text, on a scanned page) does not push the margin out
    body_size = _median(line.size for line in lines)
    body = [line for line in lines if abs(line.size - body_size) <= 0.1 * body_size]
    rights = sorted(line.x1 for line in (body if len(body) >= 3 else lines))
    right = rights[int(0.9 * (len(rights) - 1))]
    wrapped = [
        line.x0
        for prev, line in itertools.pairwise(lines)
        if prev.page == line.page
        and 0 < line.baseline - prev.baseline < 2.0 * max(line.size, prev.size)
        and prev.x1 >= right - 1.5 * prev.size
        and not SENTENCE_END.search(prev.text)
        and not LIST_MARKER.match(line.text)
        # wrapped text goes back to the margin, at or left of where the line above began: a
        # line further right is a centred title's second line (a cover's), not the margin
        and line.x0 <= prev.x0 + 0.5 * max(line.size, prev.size)
    ]
    if wrapped:
        left = _most_common(wrapped)
    else:
        shared = [
            x
            for x in {round(ln.x0) for ln in lines}
            if sum(1 for ln in lines if round(ln.x0) == x) >= 2
        ]
        left = float(min(shared)) if shared else _most_common([ln.x0 for ln in lines])
    return Margins(left, max(right, left), len(wrapped))


#: A comma-grouped number, whole (``100,000``): the only number a line break may cut.
GROUPED_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+")
TAIL_NUMBER, HEAD_NUMBER = re.compile(r"[\d,]+$"), re.compile(r"^[\d,]+")


def joins_number(upper: str, lower: str) -> bool:
    """Whether digits meeting at a line break are one number cut in two (``100,0`` /
    ``00円``): together they make a comma-grouped number and the upper part alone does not
    (``13:00`` / ``15:00`` and ``475,372`` / ``407,080`` are two)."""
    tail, head = TAIL_NUMBER.search(upper), HEAD_NUMBER.search(lower)
    if tail is None or head is None or not upper[-1:].isdigit() or not lower[:1].isdigit():
        return False
    return bool(
        GROUPED_NUMBER.fullmatch(tail.group() + head.group())
        and not GROUPED_NUMBER.fullmatch(tail.group())
    )


def join_printed_lines(lines: Sequence[str]) -> str:
    """``join_wrapped_lines``, except where two figures meet at a line break and are not
    one number cut in two: ``2019`` / ``2020`` and ``12:30`` / ``１２月`` stay apart (by a
    space); ``100,0`` / ``00円`` and full-width ``２０`` / ``２０年`` (Japanese line breaking
    cuts a full-width number anywhere) join."""
    pieces: list[list[str]] = []
    for line in lines:
        if pieces and not _figures_apart(pieces[-1][-1], line):
            pieces[-1].append(line)
        elif line.strip() or not pieces:
            pieces.append([line])
    return " ".join(t for t in (join_wrapped_lines(p) for p in pieces) if t)


def _figures_apart(upper: str, lower: str) -> bool:
    """Two figures meet at the line break and are two numbers: both half-width and not one
    grouped number cut in two, or of different widths (one number is typed in one width)."""
    end, start = upper.rstrip()[-1:], lower.lstrip()[:1]
    if not (end.isdigit() and start.isdigit()):
        return False
    if end.isascii() != start.isascii():
        return True
    return end.isascii() and not joins_number(upper.strip(), lower.strip())


#: A line opening with one of these is a heading or list item: never glued to its neighbours.
LIST_MARKER = re.compile(
    r"^\s*(?:[①-⑳㉑-㉟㊱-㊿]|[(（][0-9０-９一二三四五六七八九十]+[)）]|[0-9０-９]+[.．)）]|"
    r"[a-zａ-ｚ][.．)）](?![a-zA-Z])|[【■□◆◇●○・･•▪◎★☆▶▷➢※]|"
    r"第[0-9０-９一二三四五六七八九十]+[章節条])"
)


#: How a paragraph's last line ends: a sentence stop, possibly inside closing brackets.
SENTENCE_END = re.compile(r"[。．.！？!?][」』）)\]]*\s*$|[」』）)]\s*$")


@dataclass(frozen=True)
class Paragraph:
    """Printed lines that belong together, rejoined into one normalised string."""

    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float


def _starts_paragraph(
    first: TextLine, prev: TextLine, line: TextLine, margins: dict[int, Margins]
) -> bool:
    """Whether ``line`` opens a new paragraph after ``prev`` (``first`` opened the current one)."""
    if LIST_MARKER.match(line.text) or line.rotated or prev.rotated:
        return True
    if abs(line.size - prev.size) > 0.1 * max(line.size, prev.size):
        return True  # a title above a label, body text under a heading: a new block
    if prev.x0 - line.x0 > 2 * line.size:
        return True  # back far left of where the line above began: a new item
    m = margins.get(line.page)
    pm = margins.get(prev.page)
    size = line.size or 10.0
    if prev is first and pm is not None:
        short_by = pm.right - prev.x1
        if short_by > 1.5 * size and LIST_MARKER.match(prev.text):
            return True  # a one-line list item or numbered heading, short of the margin
        if short_by > 0.25 * (pm.right - pm.left):
            return True  # a one-line title, far short of the margin: no wrapped first line
    if (
        LIST_MARKER.match(first.text)
        and pm is not None
        and pm.right - prev.x1 <= 1.5 * size
        and line.x0 >= first.x0 + 0.5 * size
    ):
        return False  # a list item wrapped with a hanging indent under its text
    if (
        pm is not None
        and pm.right - prev.x1 <= 1.5 * size
        and prev.x0 - pm.left < 2.5 * size
        and not SENTENCE_END.search(prev.text)
        and line.x0 - prev.x0 < 0.6 * size
        and (prev.page != line.page or line.baseline - prev.baseline <= 2.2 * size)
    ):
        return False  # the line before spans the measure mid-sentence: this one goes on
    if m is not None and line.x0 - m.left > 0.6 * size:
        return True  # first-line indent
    short = pm is not None and pm.right - prev.x1 > 1.5 * size
    if short and prev.text.rstrip()[-1:].isdigit() and line.text.lstrip()[:1].isdigit():
        return True  # a line ending in a figure well short of the margin: not a cut number
    if short and SENTENCE_END.search(prev.text):
        # the previous line ends a sentence well short of the margin: its paragraph ended
        # (a short line that stops mid-sentence is only narrower glyphs, e.g. half-width kana)
        return True
    # a blank line between (baselines: box heights are not trustworthy)
    return prev.page == line.page and line.baseline - prev.baseline > 2.2 * size


def lines_to_paragraphs(
    lines: Sequence[TextLine], margins: dict[int, Margins] | None = None
) -> list[Paragraph]:
    """Group consecutive lines (possibly across pages) into paragraphs.

    A paragraph starts at a first-line indent, after a line that stops short of the right
    margin, after a gap, and at every heading or list marker. Lines are rejoined with
    ``join_wrapped_lines`` (nothing between Japanese characters) and normalised.
    """
    if margins is None:
        by_page: dict[int, list[TextLine]] = {}
        for line in lines:
            by_page.setdefault(line.page, []).append(line)
        margins = {p: m for p, ls in by_page.items() if (m := lines_to_margins(ls))}
    groups: list[list[TextLine]] = []
    for line in lines:
        if groups and not _starts_paragraph(groups[-1][0], groups[-1][-1], line, margins):
            groups[-1].append(line)
        else:
            groups.append([line])
    paragraphs = []
    for group in groups:
        text = join_printed_lines([ln.text for ln in group])
        if not text:
            continue
        first = group[0]
        same_page = [ln for ln in group if ln.page == first.page]
        paragraphs.append(
            Paragraph(
                text=text,
                page=first.page,
                x0=min(ln.x0 for ln in same_page),
                top=first.top,
                x1=max(ln.x1 for ln in same_page),
                bottom=max(ln.bottom for ln in same_page),
            )
        )
    return paragraphs


def vertical_to_horizontal(
    chars: Iterable[Char], page_width: float, settings: Settings = DEFAULT_SETTINGS
) -> list[Char]:
    """Turn vertical writing a quarter turn: right-to-left columns become top-to-bottom lines.

    The line and paragraph rules then read vertical pages too; ``horizontal_to_vertical_box``
    maps boxes back.
    """
    out = []
    for ch in chars:
        line_position = page_width - ch.centre_x
        out.append(
            replace(
                ch,
                x0=ch.top,
                x1=ch.bottom,
                top=line_position - ch.size / 2,
                bottom=line_position + ch.size / 2,
                baseline=line_position + settings.glyph_centre * ch.size,
            )
        )
    return out


def horizontal_to_vertical_box(box: Box, page_width: float) -> Box:
    """Undo ``vertical_to_horizontal`` for a box (x0, top, x1, bottom)."""
    x0, top, x1, bottom = box
    return (page_width - bottom, x0, page_width - top, x1)
