"""Stage 5, assemble: the pages' lines and tables → the report outline.

The outline of a plan progress report is recognised from its printed conventions, all of
them words and patterns of the report grammar (``grammar.py``), never of one city's report:

- goal headings (``1 【基本目標1】…``, ``政策目標Ⅱ …``), in order, each number once;
- sections under a goal, one marker style per report (``(1)``, ``1.``, ``■`` …), classified by
  the words of their title: indicators (the tables), initiatives (``①``, ``ア`` … items, whose
  heading may give the report's fiscal year) and challenges;
- indicator tables, continued across pages, with the notes printed under them.

Page furniture and a table of contents are set apart first (``furniture.py``). What is left
over is reported as ``unplaced_text`` and lowers the report's ``coverage``; it is never
dropped silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from extractor.columns import grid_continues, is_indicator_grid
from extractor.eras import find_era_years
from extractor.front_matter import cover_to_fiscal_year, lines_to_title, text_to_fiscal_year
from extractor.furniture import pages_to_contents, pages_to_furniture, pages_to_label
from extractor.grammar import Grammar
from extractor.indicators import grids_to_indicator_table
from extractor.layout import (
    LIST_MARKER,
    Margins,
    Paragraph,
    TextLine,
    lines_to_margins,
    lines_to_paragraphs,
)
from extractor.model import (
    BBox,
    Goal,
    Indicator,
    Initiative,
    Placed,
    Report,
    ReportWarning,
    Source,
)
from extractor.normalise import join_wrapped_lines, normalise_text
from extractor.orientation import turn_box_back
from extractor.page_layout import PageLayout
from extractor.settings import DEFAULT_SETTINGS, Settings
from extractor.tables import Grid

#: Warnings that mean part of the report was not understood (``--strict`` fails on them).
CONTENT_WARNINGS = frozenset(
    {
        "low_coverage",
        "unplaced_text",
        "unclassified_column",
        "non_indicator_table",
        "indicator_table_outside_goal",
        "ambiguous_row",
        "dropped_note",
        "page_too_complex",
        "empty_indicator_table",
        "ocr_text",
        "unparsed_number",
    }
)


#: What a body line was read as (``layouts_to_line_roles``: what ``inspect`` draws).
LineRole = Literal[
    "furniture",
    "contents",
    "front",
    "title",
    "goal_heading",
    "section_heading",
    "initiative_heading",
    "paragraph",
    "note",
    "unplaced",
]


def _chars(text: str) -> int:
    return sum(1 for ch in normalise_text(text) if not ch.isspace())


def _grid_chars(grids: Sequence[Grid]) -> int:
    return sum(_chars(c.text) for g in grids for c in g.cells)


@dataclass
class _TableDraft:
    """An indicator table being read: its grids (page continuations) and note lines."""

    grids: list[Grid]
    note_lines: list[TextLine] = field(default_factory=list)


@dataclass
class _InitiativeDraft:
    number: int
    heading: list[TextLine]
    #: Printed lines, and the rows of a table printed among them (each a paragraph).
    body: list[TextLine | Paragraph] = field(default_factory=list)


@dataclass
class _GoalDraft:
    number: int
    #: The printed heading: its first line, and a wrapped second line if any.
    heading: list[TextLine]
    indicators: list[Indicator] = field(default_factory=list)
    initiatives: list[_InitiativeDraft] = field(default_factory=list)
    challenge_lines: list[TextLine | Paragraph] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _continues_heading(
    heading: TextLine,
    line: TextLine,
    text: str,
    margins: dict[int, Margins],
    grammar: Grammar,
    *,
    goal: bool,
    body_size: float,
) -> bool:
    """A heading too long for one line wraps: it fills its line, and the next line, right
    under it, starts under the heading's text (hanging indent) or, for a goal heading printed
    larger than the text, back at the margin in the heading's size; never a marker or a
    heading of its own. (An initiative title is in the text's size: a line at the margin
    after it is its first paragraph.)"""
    m = margins.get(heading.page)
    size = max(heading.size, line.size)
    hanging = line.x0 >= heading.x0 + 0.8 * size
    same_style = (
        goal
        and abs(line.size - heading.size) < 0.25
        and line.x0 >= heading.x0 - 0.5 * size
        and heading.size > body_size + 0.25
    )
    return (
        m is not None
        and line.page == heading.page
        and 0 < line.baseline - heading.baseline < 2.0 * size
        and m.right - heading.x1 < 2.0 * size
        and (hanging or same_style)
        and not LIST_MARKER.match(text)
        and grammar.goal_heading(line.text) is None
        and grammar.section_marker(line.text) is None
        and grammar.unmarked_section_kind(line.text) is None
    )


def _gives_title(heading: TextLine, line: TextLine, grammar: Grammar) -> bool:
    """A goal heading printed without its title (``基本目標4``) has it on the next line."""
    return (
        line.page == heading.page
        and 0 < line.baseline - heading.baseline < 3.0 * max(heading.size, line.size)
        and grammar.section_marker(line.text) is None
        and grammar.unmarked_section_kind(line.text) is None
    )


def _continues_note(note_lines: Sequence[TextLine], line: TextLine, grammar: Grammar) -> bool:
    """A wrapped second line of a note: right under it, no marker or heading of its own."""
    if not note_lines:
        return False
    prev = note_lines[-1]
    return (
        line.page == prev.page
        and line.baseline - prev.baseline < 2.0 * max(line.size, prev.size)
        and not LIST_MARKER.match(normalise_text(line.text))
        and grammar.goal_heading(line.text) is None
    )


def _notes_from_lines(lines: Sequence[TextLine], grammar: Grammar) -> list[str]:
    """Footnotes: a note starts at its mark and runs until the next mark."""
    groups: list[list[str]] = []
    for line in lines:
        if grammar.is_note_line(line.text) or not groups:
            groups.append([line.text])
        else:
            groups[-1].append(line.text)
    return [join_wrapped_lines(group) for group in groups]


def _goal_title(lines: Sequence[TextLine], grammar: Grammar) -> str:
    joined = grammar.goal_heading(join_wrapped_lines([ln.text for ln in lines]))
    if joined is not None and joined.title:
        return joined.title
    first = grammar.goal_heading(lines[0].text)
    assert first is not None
    rest = join_wrapped_lines([first.title, *(ln.text for ln in lines[1:])])
    return grammar.title_suffix.sub("", rest).strip()


class _OutlineReader:
    """Reads the stream of body lines and tables once, top to bottom, into goal drafts."""

    def __init__(
        self,
        grammar: Grammar,
        settings: Settings,
        margins: dict[int, Margins],
        body_size: float,
    ) -> None:
        self.grammar = grammar
        self.settings = settings
        self.margins = margins
        #: The commonest text size: a goal heading printed larger stands out from it.
        self.body_size = body_size
        self.goals: list[_GoalDraft] = []
        self.preamble: list[TextLine] = []
        self.contents: list[TextLine] = []
        #: What each body line was read as, by ``id`` of the line.
        self.roles: dict[int, LineRole] = {}
        self.unplaced: list[TextLine] = []
        self.unplaced_chars = 0
        self.warnings: list[ReportWarning] = []
        self.section: str | None = None
        self.section_family: str | None = None
        self.initiative_family: str | None = None
        #: Fiscal years named by initiatives headings (令和3年度の取組状況), in order.
        self.heading_years: list[int] = []
        self.table: _TableDraft | None = None
        #: The lines of the goal or initiative heading just read, while it may still wrap.
        self.open_heading: list[TextLine] | None = None
        self.open_role: LineRole = "goal_heading"
        self.title_pending = False

    # --- tables ------------------------------------------------------------------------

    def take_grid(self, grid: Grid) -> None:
        table = self.table
        if (
            table is not None
            and not table.note_lines
            and grid.page == table.grids[-1].page + 1
            and grid_continues(table.grids[-1], grid, self.settings)
        ):
            table.grids.append(grid)
            return
        self.flush_table()
        if not is_indicator_grid(grid, self.grammar):
            if (text := self._text_block()) is not None:
                text += grid_to_rows(grid)  # a schedule or budget inside an initiative
                return
            message = (
                f"a table with {grid.n_rows} rows and {grid.n_cols} columns is not an "
                "indicator table; its text is not in the output"
            )
            self.warnings.append(ReportWarning("non_indicator_table", message, grid.page))
            self.unplaced_chars += _grid_chars([grid])
            return
        self.table = _TableDraft([grid])

    def _text_block(self) -> list[TextLine | Paragraph] | None:
        """Where running text goes now (an initiative's or the challenges' body), or None."""
        if not self.goals:
            return None
        goal = self.goals[-1]
        if self.section == "initiatives" and goal.initiatives:
            return goal.initiatives[-1].body
        if self.section == "challenges":
            return goal.challenge_lines
        return None

    def flush_table(self) -> None:
        table, self.table = self.table, None
        if table is None:
            return
        notes = _notes_from_lines(table.note_lines, self.grammar)
        read = grids_to_indicator_table(table.grids, notes, self.settings, self.grammar)
        self.warnings += read.warnings
        if not self.goals:
            self.warnings.append(
                ReportWarning(
                    "indicator_table_outside_goal",
                    "an indicator table printed before the first goal heading was skipped",
                    read.page,
                )
            )
            self.unplaced_chars += _grid_chars(table.grids)
            return
        goal = self.goals[-1]
        if not read.indicators:
            message = (
                "a table headed like an indicator table gave no indicator (no row under its "
                "header was read): its text is not in the output"
            )
            self.warnings.append(ReportWarning("empty_indicator_table", message, read.page))
            self.unplaced_chars += _grid_chars(table.grids)
        earlier = len(goal.indicators)
        goal.indicators += read.indicators
        for note in read.unattached_notes:
            if self._attach_to_earlier(goal, earlier, note):
                continue
            goal.notes.append(note)
            message = f"a note that no indicator's mark refers to is kept in the goal: {note[:40]}"
            self.warnings.append(ReportWarning("unattached_note", message, read.page))

    def _attach_to_earlier(self, goal: _GoalDraft, earlier: int, note: str) -> bool:
        """A marked note under a table whose own indicators do not carry its mark belongs to
        the goal's earlier indicators that do: the table is the second part of one printed
        across a page break that was not read as its continuation (columns laid out anew)."""
        mark = self.grammar.note_mark(note)
        if mark is None:
            return False
        found = False
        for i, ind in enumerate(goal.indicators[:earlier]):
            if ind.note and mark in self.grammar.note_marks(ind.note):
                continue  # its own note with this mark was under its own table
            printed = [ind.name, ind.source or ""]
            printed += [v.raw for series in ind.series for v in series.values]
            if mark in self.grammar.note_marks(" ".join(printed)):
                joined = f"{ind.note} {note}" if ind.note else note
                goal.indicators[i] = replace(ind, note=joined)
                found = True
        return found

    def take_note(self, line: TextLine) -> bool:
        """Lines under a table: marked notes anywhere, any text in an indicators section."""
        table = self.table
        if table is None:
            return False
        marked = self.grammar.is_note_line(line.text)
        if (
            marked
            or _continues_note(table.note_lines, line, self.grammar)
            or self.section == "indicators"
        ):
            table.note_lines.append(line)
            return True
        return False

    # --- lines -------------------------------------------------------------------------

    def take_line(self, line: TextLine) -> LineRole | None:
        """Read one body line into the outline; returns what it was read as."""
        text = normalise_text(line.text)
        if not text:
            return None
        grammar = self.grammar
        if self.open_heading:
            last = self.open_heading[-1]
            role = self.open_role
            if self.title_pending and _gives_title(last, line, grammar):
                self.open_heading.append(line)
                self.title_pending = False
                return role
            goal = self.open_role == "goal_heading"
            if _continues_heading(
                last, line, text, self.margins, grammar, goal=goal, body_size=self.body_size
            ):
                self.open_heading.append(line)
                return role
        self.open_heading, self.title_pending = None, False
        if grammar.is_contents_heading(line.text) or grammar.is_contents_entry(line.text):
            self.contents.append(line)  # a table of contents printed above the report
            return "contents"
        heading = grammar.goal_heading(line.text)
        if heading is not None and (not self.goals or heading.number > self.goals[-1].number):
            self.flush_table()
            self.goals.append(_GoalDraft(heading.number, [line]))
            self.open_heading, self.open_role = self.goals[-1].heading, "goal_heading"
            self.title_pending = not heading.title
            self.section = None
            return "goal_heading"
        if heading is not None:
            message = (
                f"a goal heading numbered {heading.number} after goal {self.goals[-1].number} "
                f"is read as text: goals come in order, each number once: {text[:40]}"
            )
            self.warnings.append(ReportWarning("goal_out_of_order", message, line.page))
        if not self.goals:
            self.preamble.append(line)
            return "front"
        if self.take_section_heading(line):
            return "section_heading"
        if self.take_note(line):
            return "note"
        self.flush_table()
        goal = self.goals[-1]
        if self.section == "initiatives":
            marker = grammar.initiative_marker(line.text)
            if marker is not None and self.initiative_family in (None, marker.family):
                self.initiative_family = marker.family
                number = marker.number or len(goal.initiatives) + 1
                goal.initiatives.append(_InitiativeDraft(number, [line]))
                self.open_heading = goal.initiatives[-1].heading
                self.open_role = "initiative_heading"
                return "initiative_heading"
            if goal.initiatives:
                goal.initiatives[-1].body.append(line)
                return "paragraph"
        elif self.section == "challenges":
            goal.challenge_lines.append(line)
            return "paragraph"
        self.unplaced.append(line)
        return "unplaced"

    def take_section_heading(self, line: TextLine) -> bool:
        grammar = self.grammar
        marker = grammar.section_marker(line.text)
        kind: str | None
        if marker is not None:
            if self.section_family not in (None, marker.family):
                return False
            kind = grammar.section_kind(marker.rest)
            if kind is None and self.section_family is None:
                return False
            if (
                kind is None
                and self.section == "initiatives"
                and self.initiative_family in (None, marker.family)
            ):
                return False  # an initiative in the sections' style
            self.section_family = marker.family
            title = marker.rest
        else:
            kind = grammar.unmarked_section_kind(line.text)
            m = self.margins.get(line.page)
            if (
                kind is None
                or (m is not None and m.right - line.x1 < 2.0 * line.size)  # a full line
                or grammar.initiative_marker(line.text) is not None
                or LIST_MARKER.match(normalise_text(line.text))
                or normalise_text(line.text)[:1] in "のにをはがとでへもや、。"
            ):
                return False
            title = normalise_text(line.text)
        self.flush_table()
        self.section = kind or "other"
        if kind == "initiatives":
            years = [y.year for y in find_era_years(title) if y.fiscal]
            if years:
                self.heading_years.append(years[0])
        return True

    def finish(self) -> None:
        self.flush_table()


def _stream(
    pages: Sequence[PageLayout], skip: set[tuple[int, int]]
) -> tuple[list[TextLine | Grid], dict[int, list[TextLine]]]:
    """One reading-order stream: body lines and tables, page by page, top to bottom."""
    stream: list[tuple[int, float, TextLine | Grid]] = []
    bodies: dict[int, list[TextLine]] = {}
    for page in pages:
        body = [ln for i, ln in enumerate(page.lines) if (page.number, i) not in skip]
        bodies[page.number] = body
        stream += [(page.number, ln.baseline - 0.8 * ln.size, ln) for ln in body]
        stream += [(page.number, g.top, g) for g in page.grids]
    stream.sort(key=lambda item: (item[0], item[1]))
    return [item for _, _, item in stream], bodies


def _margins(bodies: dict[int, list[TextLine]], settings: Settings) -> dict[int, Margins]:
    """Each page's margins; a page with a few lines says little: use the whole document's."""
    margins: dict[int, Margins] = {}
    document = lines_to_margins([ln for body in bodies.values() for ln in body])
    for number, body in bodies.items():
        own = lines_to_margins(body) if len(body) >= settings.min_lines_for_margins else None
        if own is not None and document is not None and own.evidence < 1 <= document.evidence:
            own = Margins(document.left, own.right, document.evidence)  # wrapped lines elsewhere
        if (m := own or document) is not None:
            margins[number] = m
    return margins


def _heading_box(lines: Sequence[TextLine]) -> BBox:
    """The box of a heading's lines on its first page (a heading does not cross pages)."""
    same = [ln for ln in lines if ln.page == lines[0].page]
    return (
        min(ln.x0 for ln in same),
        min(ln.top for ln in same),
        max(ln.x1 for ln in same),
        max(ln.bottom for ln in same),
    )


def grid_to_rows(grid: Grid) -> list[Paragraph]:
    """A table that is not an indicator table, kept as text: one paragraph per row, its
    cells joined by `` | `` (as ``extractor text`` prints it)."""
    rows = []
    for r in range(grid.n_rows):
        cells = sorted((c for c in grid.cells if c.row == r), key=lambda c: c.col)
        if any(c.text for c in cells):
            text = " | ".join(c.text for c in cells)
            top, bottom = grid.row_edges[r], grid.row_edges[r + 1]
            rows.append(Paragraph(text, grid.page, grid.x0, top, grid.x1, bottom))
    return rows


def _paragraphs(
    items: Sequence[TextLine | Paragraph], margins: dict[int, Margins]
) -> tuple[tuple[str, ...], tuple[Placed, ...]]:
    paragraphs: list[Paragraph] = []
    run: list[TextLine] = []
    for item in [*items, None]:
        if isinstance(item, TextLine):
            run.append(item)
            continue
        paragraphs += lines_to_paragraphs(run, margins)
        run = []
        if item is not None:
            paragraphs.append(item)
    return (
        tuple(p.text for p in paragraphs),
        tuple(Placed(p.page, (p.x0, p.top, p.x1, p.bottom)) for p in paragraphs),
    )


def _build_goal(draft: _GoalDraft, grammar: Grammar, margins: dict[int, Margins]) -> Goal:
    initiatives = []
    for item in draft.initiatives:
        marker = grammar.initiative_marker(item.heading[0].text)
        first = marker.rest if marker is not None else normalise_text(item.heading[0].text)
        title = join_wrapped_lines([first, *(ln.text for ln in item.heading[1:])])
        texts, boxes = _paragraphs(item.body, margins)
        initiatives.append(
            Initiative(
                number=item.number,
                title=title.strip(),
                paragraphs=texts,
                page=item.heading[0].page,
                bbox=_heading_box(item.heading),
                paragraph_boxes=boxes,
            )
        )
    challenges, challenge_boxes = _paragraphs(draft.challenge_lines, margins)
    return Goal(
        number=draft.number,
        title=_goal_title(draft.heading, grammar),
        page=draft.heading[0].page,
        indicators=tuple(draft.indicators),
        initiatives=tuple(initiatives),
        challenges=challenges,
        notes=tuple(draft.notes),
        bbox=_heading_box(draft.heading),
        challenge_boxes=challenge_boxes,
    )


def _boxes_on_printed_pages(
    goals: tuple[Goal, ...], pages: Sequence[PageLayout]
) -> tuple[Goal, ...]:
    """Boxes of a page set sideways were measured on the page turned upright: give them on
    the page as printed, where a viewer highlights them."""
    turned = {p.number: p for p in pages if p.quarter_turn}
    if not turned:
        return goals

    def box(page: int | None, bbox: BBox | None) -> BBox | None:
        layout = turned.get(page) if page is not None else None
        if bbox is None or layout is None:
            return bbox
        # the turned page's width and height are the printed page's height and width
        return turn_box_back(bbox, layout.quarter_turn, layout.height, layout.width)

    def placed(items: tuple[Placed, ...]) -> tuple[Placed, ...]:
        return tuple(Placed(p.page, box(p.page, p.bbox) or p.bbox) for p in items)

    out = []
    for goal in goals:
        indicators = tuple(
            replace(
                ind,
                bbox=box(ind.page, ind.bbox),
                series=tuple(
                    replace(
                        series,
                        values=tuple(replace(v, bbox=box(v.page, v.bbox)) for v in series.values),
                    )
                    for series in ind.series
                ),
            )
            for ind in goal.indicators
        )
        initiatives = tuple(
            replace(i, bbox=box(i.page, i.bbox), paragraph_boxes=placed(i.paragraph_boxes))
            for i in goal.initiatives
        )
        out.append(
            replace(
                goal,
                bbox=box(goal.page, goal.bbox),
                indicators=indicators,
                initiatives=initiatives,
                challenge_boxes=placed(goal.challenge_boxes),
            )
        )
    return tuple(out)


def _fiscal_year(
    reader: _OutlineReader, title: str | None, goals: Sequence[Goal], grammar: Grammar
) -> int | None:
    """The year the report is about, from the first source (grammar order) that names it."""
    candidates: dict[str, int | None] = {
        "initiatives_heading": reader.heading_years[0] if reader.heading_years else None,
        "title": text_to_fiscal_year(title or ""),
        "current_column": _current_column_year(goals),
        "cover": cover_to_fiscal_year(" ".join(normalise_text(ln.text) for ln in reader.preamble)),
    }
    for source in grammar.fiscal_year_sources:
        if candidates.get(source) is not None:
            return candidates[source]
    return None


def _current_column_year(goals: Sequence[Goal]) -> int | None:
    """The year of the tables' current values (現状値), else of their latest actuals."""
    years: dict[str, list[int]] = {"current": [], "actual": []}
    for goal in goals:
        for indicator in goal.indicators:
            for series in indicator.series:
                for value in series.values:
                    if value.role in years and value.fiscal_year is not None:
                        years[value.role].append(value.fiscal_year)
    if years["current"]:
        return max(set(years["current"]), key=years["current"].count)
    return max(years["actual"]) if years["actual"] else None


@dataclass(frozen=True)
class _Reading:
    """The outline reader after one pass, with what was set apart before it."""

    reader: _OutlineReader
    furniture: set[tuple[int, int]]
    label: str | None
    contents: set[tuple[int, int]]
    bodies: dict[int, list[TextLine]]
    margins: dict[int, Margins]


def _read(pages: Sequence[PageLayout], settings: Settings) -> _Reading:
    grammar = settings.grammar
    furniture = pages_to_furniture(pages, grammar, settings)
    label, label_lines = pages_to_label(pages, grammar, settings)
    if pages:
        furniture |= {(pages[0].number, i) for i in label_lines}
    contents = pages_to_contents(pages, grammar)
    items, bodies = _stream(pages, furniture | contents)
    margins = _margins(bodies, settings)
    sizes = Counter(round(ln.size, 1) for body in bodies.values() for ln in body)
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    reader = _OutlineReader(grammar, settings, margins, body_size)
    for item in items:
        if isinstance(item, Grid):
            reader.open_heading = None
            reader.take_grid(item)
        elif (role := reader.take_line(item)) is not None:
            reader.roles[id(item)] = role
    reader.finish()
    return _Reading(reader, furniture, label, contents, bodies, margins)


def layouts_to_line_roles(
    pages: Sequence[PageLayout], settings: Settings = DEFAULT_SETTINGS
) -> dict[tuple[int, int], LineRole]:
    """What each body line (page number, index in ``page.lines``) was read as: the same
    reading as ``layouts_to_report``, for pictures that show it (``inspect``)."""
    reading = _read(pages, settings)
    title = {id(ln) for ln in lines_to_title(reading.reader.preamble)}
    roles: dict[tuple[int, int], LineRole] = {}
    for page in pages:
        for i, line in enumerate(page.lines):
            key = (page.number, i)
            if key in reading.furniture:
                roles[key] = "furniture"
            elif key in reading.contents:
                roles[key] = "contents"
            elif id(line) in title:
                roles[key] = "title"
            elif (role := reading.reader.roles.get(id(line))) is not None:
                roles[key] = role
    return roles


def layouts_to_report(
    pages: Sequence[PageLayout],
    source: Source,
    settings: Settings = DEFAULT_SETTINGS,
) -> Report:
    """Rebuild the outline of a report from its pages, in reading order."""
    grammar = settings.grammar
    reading = _read(pages, settings)
    reader, bodies, margins = reading.reader, reading.bodies, reading.margins
    warnings = [w for page in pages for w in page.warnings] + reader.warnings

    title_lines = lines_to_title(reader.preamble)
    title = normalise_text("".join(ln.text for ln in title_lines)) or None
    # Text before the first goal: a cover page and the title are front matter; running text
    # (a sentence) there is not in the output.
    first_goal_page = reader.goals[0].heading[0].page if reader.goals else None
    unplaced = list(reader.unplaced) + [
        ln
        for ln in reader.preamble
        if ln.page == first_goal_page
        and ln not in title_lines
        and normalise_text(ln.text).endswith("。")
    ]
    unplaced.sort(key=lambda ln: (ln.page, ln.baseline))
    for paragraph in lines_to_paragraphs(unplaced, margins):
        warnings.append(
            ReportWarning(
                "unplaced_text",
                f"text outside any indicator table, initiative or challenge: {paragraph.text[:60]}",
                paragraph.page,
            )
        )

    goals = tuple(_build_goal(draft, grammar, margins) for draft in reader.goals)
    goals = _boxes_on_printed_pages(goals, pages)
    front = {id(ln) for ln in reader.preamble} | {id(ln) for ln in reader.contents}
    body_chars = sum(
        _chars(ln.text) for body in bodies.values() for ln in body if id(ln) not in front
    )
    body_chars += sum(_grid_chars(page.grids) for page in pages)
    body_chars += sum(_chars(ln.text) for ln in unplaced if id(ln) in front)
    lost = reader.unplaced_chars + sum(_chars(ln.text) for ln in unplaced)
    coverage = round(1.0 - lost / body_chars, 4) if body_chars else 0.0
    coverage = max(0.0, coverage)
    if goals and coverage < grammar.coverage_threshold:
        warnings.append(
            ReportWarning(
                "low_coverage",
                f"only {coverage:.0%} of the report's text is in the output "
                f"(threshold {grammar.coverage_threshold:.0%}): parts were not understood",
                None,
            )
        )
    return Report(
        source=source,
        label=reading.label,
        title=title,
        fiscal_year=_fiscal_year(reader, title, goals, grammar),
        goals=goals,
        warnings=tuple(warnings),
        coverage=coverage,
        grammar=grammar.digest or None,
    )


def content_warnings(report: Report) -> list[ReportWarning]:
    """The warnings that say part of the report was not understood."""
    return [w for w in report.warnings if w.code in CONTENT_WARNINGS]
