"""Stage 5, assemble: the pages' lines and tables → the report outline.

The outline of a 基本目標 progress report is recognised from its printed markers, never
from the words of one city's report:

- a goal heading ``1 【基本目標1】…`` (the bracket form, or ``基本目標1`` followed by a space);
- numbered sections ``(1)`` … under it, classified by what they name: 成果指標 (the indicator
  table), 取組 (initiatives ①…⑳, whose heading also gives the report's fiscal year) and
  課題 / 方向性 (challenges);
- ruled indicator tables, continued across pages, with the ※ notes printed under them.

Everything else a page prints — the boxed label, page numbers, running headers — is page
furniture and never reaches the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractor.columns import grid_continues, is_indicator_grid
from extractor.eras import find_era_years
from extractor.indicators import IndicatorTable, grids_to_indicator_table
from extractor.layout import (
    LIST_MARKER,
    Margins,
    TextLine,
    lines_to_margins,
    lines_to_paragraphs,
)
from extractor.model import Goal, Indicator, Initiative, Report, ReportWarning, Source
from extractor.normalise import join_wrapped_lines, normalise_text
from extractor.page_layout import PageLayout
from extractor.settings import DEFAULT_SETTINGS, Settings
from extractor.tables import Grid

GOAL_HEADING = re.compile(
    r"^(?:\d{1,2}\s*[.、]?\s*)?[【\[]\s*基本目標\s*(?P<number>\d{1,2})\s*[】\]]\s*[:]?\s*(?P<title>.*)$"
    r"|^(?:\d{1,2}\s*[.、]?\s*)?基本目標\s*(?P<number2>\d{1,2})\s*[:]?\s+(?P<title2>.+)$"
)
SECTION_HEADING = re.compile(r"^\((?P<number>\d{1,2})\)\s*(?P<title>.+)$")
INITIATIVE_HEADING = re.compile(r"^(?P<marker>[①-⑳㉑-㉟㊱-㊿])\s*(?P<title>.+)$")
NOTE_MARK = re.compile(r"^(?:\(※\s*\d*\)|※\s*\d*|\(注\s*\d*\)|注\s*\d*\s*[:.)])")
PAGE_NUMBER = re.compile(
    r"^[-‐―—–~〜\s]*(?:[Pp]\.?\s*)?\d{1,4}\s*(?:/\s*\d{1,4})?\s*(?:ページ|頁)?[-‐―—–~〜\s]*$"
)
LABEL = re.compile(r"^(?:参考)?(?:資料|別紙|別添|参考)\s*[\d\-]*$")
TITLE_SUFFIX = re.compile(r"(?:について|に関して)$")

#: Pages with fewer body lines than this take their margins from the whole document.
MIN_LINES_FOR_MARGINS = 6

SectionKind = str  # "indicators" | "initiatives" | "challenges" | "other"


@dataclass
class _GoalDraft:
    number: int
    #: The printed heading: its first line, and a wrapped second line if any.
    heading: list[TextLine]
    indicators: list[Indicator] = field(default_factory=list)
    #: (heading lines, body lines) per initiative.
    initiatives: list[tuple[list[TextLine], list[TextLine]]] = field(default_factory=list)
    challenge_lines: list[TextLine] = field(default_factory=list)


def _section_kind(title: str) -> SectionKind:
    if "取組" in title or "取り組" in title:
        return "initiatives"
    if "課題" in title or "方向性" in title:
        return "challenges"
    if "指標" in title:
        return "indicators"
    return "other"


def _circled_number(marker: str) -> int:
    return int(unicodedata.numeric(marker))


def _line_key(line: TextLine) -> str:
    """Text of a furniture candidate with its digits blanked (page numbers change)."""
    return re.sub(r"\d+", "#", line.text.strip())


def _in_band(line: TextLine, page: PageLayout, settings: Settings) -> str | None:
    band = settings.furniture_band * page.height
    if line.bottom <= band or line.baseline <= band:
        return "top"
    if line.top >= page.height - band:
        return "bottom"
    return None


def _find_furniture(pages: Sequence[PageLayout], settings: Settings) -> set[tuple[int, int]]:
    """(page, line index) of page numbers and running headers/footers."""
    furniture: set[tuple[int, int]] = set()
    repeated: Counter[tuple[str, str]] = Counter()
    candidates: list[tuple[int, int, str, str]] = []
    for page in pages:
        for i, line in enumerate(page.lines):
            band = _in_band(line, page, settings)
            if band is None:
                continue
            text = normalise_text(line.text)
            if PAGE_NUMBER.match(text):
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


def _find_label(pages: Sequence[PageLayout], settings: Settings) -> tuple[str | None, set[int]]:
    """The document label (資料2): a small boxed cell, or a label-like line at the top of page 1."""
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
        if LABEL.match(text) and _in_band(line, first, settings) == "top":
            return text, {i}
    return None, set()


def _title(lines: Sequence[TextLine]) -> str | None:
    """The largest printed text before the first goal (consecutive lines of that size)."""
    if not lines:
        return None
    largest = max(line.size for line in lines)
    chosen: list[TextLine] = []
    for line in lines:
        if line.size >= largest - 0.5:
            chosen.append(line)
        elif chosen:
            break
    text = normalise_text("".join(line.text for line in chosen))
    return text or None


def _title_fiscal_year(title: str | None) -> int | None:
    """The fiscal year a title names (令和4年度 進捗報告), when it names exactly one:
    a plan period (令和2年度〜令和6年度) says nothing about the year reported on."""
    years = {y.year for y in find_era_years(title or "") if y.fiscal}
    return years.pop() if len(years) == 1 else None


def _goal_from_heading(line: TextLine) -> tuple[int, str] | None:
    return _goal_from_text(normalise_text(line.text))


def _goal_from_text(text: str) -> tuple[int, str] | None:
    m = GOAL_HEADING.match(text)
    if not m:
        return None
    number = int(m["number"] or m["number2"])
    title = TITLE_SUFFIX.sub("", (m["title"] if m["number"] else m["title2"]) or "").strip()
    return number, title


def _goal_title(lines: Sequence[TextLine]) -> str:
    parsed = _goal_from_text(join_wrapped_lines([ln.text for ln in lines]))
    assert parsed is not None
    return parsed[1]


def _continues_heading(
    heading: TextLine, line: TextLine, text: str, margins: dict[int, Margins]
) -> bool:
    """A heading too long for one line wraps: it fills its line, and the next line, right
    under it, starts under the heading's text (hanging indent), not at the marker."""
    m = margins.get(heading.page)
    size = max(heading.size, line.size)
    return (
        m is not None
        and line.page == heading.page
        and 0 < line.baseline - heading.baseline < 2.0 * size
        and m.right - heading.x1 < 2.0 * size
        and line.x0 >= heading.x0 + 0.8 * size
        and not LIST_MARKER.match(text)
        and _goal_from_text(text) is None
    )


def _is_note(text: str) -> bool:
    return bool(NOTE_MARK.match(text))


def _continues_note(note_lines: Sequence[TextLine], line: TextLine) -> bool:
    """A wrapped second line of a note: right under it, no marker or heading of its own."""
    if not note_lines:
        return False
    prev = note_lines[-1]
    text = normalise_text(line.text)
    return (
        line.page == prev.page
        and line.baseline - prev.baseline < 2.0 * max(line.size, prev.size)
        and not LIST_MARKER.match(text)
        and _goal_from_heading(line) is None
    )


def _notes_from_lines(lines: Sequence[TextLine]) -> list[str]:
    """Footnotes: a note starts at its mark and runs until the next mark."""
    groups: list[list[str]] = []
    for line in lines:
        text = normalise_text(line.text)
        if _is_note(text) or not groups:
            groups.append([line.text])
        else:
            groups[-1].append(line.text)
    return [join_wrapped_lines(group) for group in groups]


def _take_table(
    items: Sequence[TextLine | Grid], start: int, settings: Settings
) -> tuple[int, IndicatorTable | None, list[ReportWarning]]:
    """Read the table at ``items[start]``: its continuations on the following pages and the
    ※ notes printed under it. Returns the index after it, the table (None when it is not an
    indicator table) and warnings."""
    first = items[start]
    assert isinstance(first, Grid)
    grids = [first]
    i = start + 1
    while i < len(items) and isinstance(nxt := items[i], Grid):
        if nxt.page != grids[-1].page + 1 or not grid_continues(grids[-1], nxt, settings):
            break
        grids.append(nxt)
        i += 1
    if not is_indicator_grid(first):
        message = (
            f"a ruled table with {first.n_rows} rows and {first.n_cols} columns "
            "is not an indicator table; its text is not in the output"
        )
        return i, None, [ReportWarning("non_indicator_table", message, first.page)]
    note_lines: list[TextLine] = []
    while i < len(items) and isinstance(line := items[i], TextLine):
        if not (_is_note(normalise_text(line.text)) or _continues_note(note_lines, line)):
            break
        note_lines.append(line)
        i += 1
    table = grids_to_indicator_table(grids, _notes_from_lines(note_lines), settings)
    return i, table, list(table.warnings)


def layouts_to_report(
    pages: Sequence[PageLayout], source: Source, settings: Settings = DEFAULT_SETTINGS
) -> Report:
    """Rebuild the outline of a report from its pages, in reading order."""
    warnings: list[ReportWarning] = [w for page in pages for w in page.warnings]
    furniture = _find_furniture(pages, settings)
    label, label_lines = _find_label(pages, settings)
    if pages:
        furniture |= {(pages[0].number, i) for i in label_lines}

    # One reading-order stream: every body line and ruled table, page by page, top to bottom.
    stream: list[tuple[int, float, TextLine | Grid]] = []
    margins: dict[int, Margins] = {}
    bodies: dict[int, list[TextLine]] = {}
    for page in pages:
        body = [ln for i, ln in enumerate(page.lines) if (page.number, i) not in furniture]
        bodies[page.number] = body
        stream += [(page.number, ln.baseline - 0.8 * ln.size, ln) for ln in body]
        stream += [(page.number, g.top, g) for g in page.grids]
    # A page with a few lines says little about its margins: use the whole document's.
    document_margins = lines_to_margins([ln for body in bodies.values() for ln in body])
    for number, body in bodies.items():
        own = lines_to_margins(body) if len(body) >= MIN_LINES_FOR_MARGINS else None
        if (m := own or document_margins) is not None:
            margins[number] = m
    stream.sort(key=lambda item: (item[0], item[1]))
    items = [item for _, _, item in stream]

    fiscal_year: int | None = None
    preamble: list[TextLine] = []
    goals: list[_GoalDraft] = []
    section: SectionKind | None = None
    unplaced: list[TextLine] = []
    #: The lines of the goal or initiative heading just read, while it may still wrap.
    open_heading: list[TextLine] | None = None
    i = 0
    while i < len(items):
        item = items[i]
        i += 1
        if isinstance(item, Grid):
            i, table, table_warnings = _take_table(items, i - 1, settings)
            warnings += table_warnings
            if table is not None and goals:
                goals[-1].indicators += table.indicators
            elif table is not None:
                warnings.append(
                    ReportWarning(
                        "indicator_table_outside_goal",
                        "an indicator table printed before the first goal heading was skipped",
                        table.page,
                    )
                )
            continue

        line = item
        text = normalise_text(line.text)
        if not text:
            continue
        if open_heading and _continues_heading(open_heading[-1], line, text, margins):
            open_heading.append(line)
            continue
        open_heading = None
        heading = _goal_from_heading(line)
        if heading is not None:
            goals.append(_GoalDraft(heading[0], [line]))
            open_heading = goals[-1].heading
            section = None
            continue
        if not goals:
            preamble.append(line)
            continue
        goal = goals[-1]
        if m := SECTION_HEADING.match(text):
            section = _section_kind(m["title"])
            if section == "initiatives" and fiscal_year is None:
                years = find_era_years(m["title"])
                fiscal_year = years[0].year if years else None
            continue
        if section == "initiatives":
            if m := INITIATIVE_HEADING.match(text):
                goal.initiatives.append(([line], []))
                open_heading = goal.initiatives[-1][0]
            elif goal.initiatives:
                goal.initiatives[-1][1].append(line)
            else:
                unplaced.append(line)
        elif section == "challenges":
            goal.challenge_lines.append(line)
        else:
            unplaced.append(line)

    for paragraph in lines_to_paragraphs(unplaced, margins):
        warnings.append(
            ReportWarning(
                "unplaced_text",
                f"text outside any indicator table, initiative or challenge: {paragraph.text[:60]}",
                paragraph.page,
            )
        )

    built: list[Goal] = []
    for draft in goals:
        initiatives = []
        for heading_lines, body in draft.initiatives:
            m = INITIATIVE_HEADING.match(join_wrapped_lines([ln.text for ln in heading_lines]))
            assert m is not None
            initiatives.append(
                Initiative(
                    number=_circled_number(m["marker"]),
                    title=m["title"].strip(),
                    paragraphs=tuple(p.text for p in lines_to_paragraphs(body, margins)),
                    page=heading_lines[0].page,
                )
            )
        challenges = tuple(p.text for p in lines_to_paragraphs(draft.challenge_lines, margins))
        built.append(
            Goal(
                number=draft.number,
                title=_goal_title(draft.heading),
                page=draft.heading[0].page,
                indicators=tuple(draft.indicators),
                initiatives=tuple(initiatives),
                challenges=challenges,
            )
        )
    title = _title(preamble)
    return Report(
        source=source,
        label=label,
        title=title,
        fiscal_year=fiscal_year if fiscal_year is not None else _title_fiscal_year(title),
        goals=tuple(built),
        warnings=tuple(warnings),
    )
