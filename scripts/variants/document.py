"""spec -> Document: what a variant prints, and what each printed thing means.

The Document holds every printed string (headings, cells, notes, paragraphs) beside its
meaning (a value's role, fiscal year, number and unit; which indicator a note belongs to).
Renderers only print the strings; ``variants.expected`` only reads the meanings (and
normalises the strings). Both come from the one spec, so the expected JSON is never read
back from a PDF or from the extractor.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from . import wording as w
from .spec import MARKED_NOTES, VariantSpec

# --- the document model ----------------------------------------------------------------------


@dataclass(frozen=True)
class ValueCell:
    """A printed value cell and its meaning (kind number/missing/text)."""

    printed: str
    kind: str
    value: int | float | None
    unit: str | None  # the unit the cell means (its own, or the row's 単位), numbers only


@dataclass(frozen=True)
class ValueColumn:
    """One value column: its role, its year, and its printed header.

    ``header`` is one string (a same-cell header, lines split by newlines) or, in a two-row
    header, (top, bottom); a one-string header in a two-row table spans both rows."""

    role: str
    fiscal_year: int | None
    era: str | None  # the first year expression as printed (2021 of "2021 (R3)")
    header: tuple[str, ...]


@dataclass(frozen=True)
class SubRow:
    """One series of an indicator: a 区分 sub-row, or the only row (label None)."""

    label: str | None
    cells: tuple[ValueCell, ...]
    assessment: str | None  # the printed assessment cell ("" = empty)


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    source: str | None
    unit: str | None  # the printed 単位 cell
    subrows: tuple[SubRow, ...]
    merged_target: bool  # one target cell printed across all sub-rows
    notes: tuple[str, ...]  # printed note lines tied to this indicator


@dataclass(frozen=True)
class GridCell:
    """One printed table cell; spans reach down only (rowspan)."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    header: bool = False
    left: bool = False  # left-aligned (name, source and label cells)


@dataclass(frozen=True)
class TableGrid:
    cells: tuple[GridCell, ...]
    n_rows: int
    n_cols: int
    n_head: int
    break_row: int | None = None  # the first body row printed on the next page


@dataclass(frozen=True)
class IndicatorTable:
    name_header: str
    source_header: str | None
    unit_header: str | None
    label_header: str | None  # 区分, when an indicator has sub-rows
    assessment_header: str | None
    columns: tuple[ValueColumn, ...]
    two_rows: bool
    rows: tuple[IndicatorRow, ...]
    notes: tuple[str, ...]  # every printed note line under the table, in order
    goal_notes: tuple[str, ...]  # the ones tied to no indicator
    rules: str
    header_fill: bool  # grey header cells (filled rectangles behind the text)
    break_before: int | None = None  # indicator index that starts on the next page

    def grid(self) -> TableGrid:
        """Every printed cell with its grid position: header row(s), then one grid row per
        sub-row; name, source and 単位 span an indicator's sub-rows, and so does a merged
        target cell."""
        fixed = [self.name_header]
        fixed += [h for h in (self.source_header, self.unit_header, self.label_header) if h]
        tail = [self.assessment_header] if self.assessment_header else []
        n_head = 2 if self.two_rows else 1
        cells: list[GridCell] = []
        col = 0
        for text in fixed:
            cells.append(GridCell(0, col, text, n_head, header=True))
            col += 1
        for c in self.columns:
            if n_head == 1 or len(c.header) == 1:
                cells.append(GridCell(0, col, c.header[0], n_head, header=True))
            else:
                cells.append(GridCell(0, col, c.header[0], header=True))
                cells.append(GridCell(1, col, c.header[1], header=True))
            col += 1
        for text in tail:
            cells.append(GridCell(0, col, text, n_head, header=True))
        n_cols = len(fixed) + len(self.columns) + len(tail)
        row = n_head
        break_row = None
        for index, ind in enumerate(self.rows):
            if index == self.break_before:
                break_row = row
            k = len(ind.subrows)
            spanning = [ind.name]
            if self.source_header:
                spanning.append(ind.source or "")
            if self.unit_header:
                spanning.append(ind.unit or "")
            n_left = 2 if self.source_header else 1
            for col, text in enumerate(spanning):
                cells.append(GridCell(row, col, text, k, left=col < n_left))
            for i, sub in enumerate(ind.subrows):
                col = len(spanning)
                if self.label_header:
                    cells.append(GridCell(row + i, col, sub.label or "", left=True))
                    col += 1
                for j, cell in enumerate(sub.cells):
                    target = j == len(sub.cells) - 1
                    if target and ind.merged_target and i > 0:
                        continue
                    span = k if target and ind.merged_target else 1
                    cells.append(GridCell(row + i, col + j, cell.printed, span))
                if self.assessment_header:
                    cells.append(GridCell(row + i, n_cols - 1, sub.assessment or ""))
            row += k
        return TableGrid(tuple(cells), row, n_cols, n_head, break_row)


@dataclass(frozen=True)
class Initiative:
    heading: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Goal:
    number: int
    heading: str
    title: str
    sections: tuple[str, str, str]  # indicators, initiatives, challenges headings
    table: IndicatorTable
    initiatives: tuple[Initiative, ...]
    challenges: tuple[str, ...]


@dataclass(frozen=True)
class Cover:
    title: str
    city: str
    date: str


@dataclass(frozen=True)
class Document:
    name: str
    producer: str
    orientation: str
    paragraph_indent: str  # flush: wrapped lines at the margin; hanging: under the headings
    label: str | None  # boxed at the top right of page 1 (資料２)
    running_header: str | None  # small type at the top of every page
    quirks: str  # how the producer garbles text (render_reportlab.QUIRKS)
    title: str | None  # the report title as printed (on the cover when there is one)
    fiscal_year: int | None  # the year the report is about, None when nothing states it
    cover: Cover | None
    toc: tuple[tuple[str, int], ...]  # (entry text, page) lines of 目次, () without one
    goals: tuple[Goal, ...]


# --- printing numbers and years --------------------------------------------------------------

_ZEN = str.maketrans("0123456789", "０１２３４５６７８９")
KANJI = "〇一二三四五六七八九十"
ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
KANA = "アイウエオカキクケコ"


def zen(s: str | int) -> str:
    """Digits as full-width, as Japanese word processors type them."""
    return str(s).translate(_ZEN)


def wareki(year: int, digits_zen: bool) -> str:
    """令和３年度 / 令和元年度 / 平成３０年度 for a fiscal year."""
    era, n = ("令和", year - 2018) if year >= 2019 else ("平成", year - 1988)
    num = "元" if n == 1 else (zen(n) if digits_zen else str(n))
    return f"{era}{num}年度"


def year_expressions(year: int, fmt: str, digits_zen: bool) -> tuple[str, str]:
    """(first year expression, full printed year) for a column header."""
    reiwa = year >= 2019
    n = year - 2018 if reiwa else year - 1988
    letter = "R" if reiwa else "H"
    if fmt == "wareki":
        e = wareki(year, digits_zen)
        return e, e
    if fmt == "r_ascii":
        return f"{letter}{n}", f"{letter}{n}"
    if fmt == "r_fullwidth":
        e = zen(f"{letter}{n}").replace("R", "Ｒ").replace("H", "Ｈ")
        return e, e
    if fmt == "r_short":
        e = ("令" if reiwa else "平") + ("元" if n == 1 else str(n))
        return e, e
    if fmt == "gregorian":
        return f"{year}年度", f"{year}年度"
    if fmt == "gregorian_r":
        return str(year), f"{year} ({letter}{n})"
    raise ValueError(fmt)


def numeral(n: int, style: str) -> str:
    return {"arabic": str(n), "fullwidth": zen(n), "kanji": KANJI[n], "roman": ROMAN[n - 1]}[style]


def print_number(value: float, kind: w.IndicatorKind, unit: bool, digits_zen: bool) -> str:
    """A number as the table prints it: decimals as the indicator has them, thousands
    separators from 1,000, ▲ for negatives, the unit unless a 単位 column carries it."""
    body = f"{abs(value):,.{kind.decimals}f}"
    if digits_zen:
        body = zen(body)
    sign = "▲" if value < 0 else ""
    return f"{sign}{body}{kind.unit if unit else ''}"


def number_value(value: float, kind: w.IndicatorKind) -> int | float:
    return round(value, kind.decimals) if kind.decimals else round(value)


# --- drawing a document ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Years:
    fiscal: int
    baseline: int
    actual: int | None
    target: int


def _years(spec: VariantSpec, rng: random.Random) -> _Years:
    baseline = 2018 if spec.baseline_era == "heisei" else 2019
    fiscal = rng.choice((2020, 2021, 2022, 2023))
    need_actual = spec.actual_header == "year_only"
    has_actual = fiscal - baseline >= 2 and (need_actual or rng.random() < 0.7)
    if need_actual and not has_actual:
        fiscal = max(fiscal, baseline + 2)
        has_actual = True
    return _Years(
        fiscal, baseline, fiscal - 1 if has_actual else None, rng.choice((2024, 2025, 2026))
    )


def _columns(
    spec: VariantSpec, years: _Years, digits_zen: bool, line_break: bool
) -> tuple[ValueColumn, ...]:
    """The value columns; ``line_break`` puts a same-cell header's year on its own line."""
    no_years = spec.year_place == "nowhere"
    two_rows = spec.header_layout == "two_rows"
    plan = [("baseline", spec.baseline_word, years.baseline)]
    if years.actual is not None:
        plan.append(("actual", spec.actual_word, years.actual))
    plan += [
        ("current", spec.current_word, years.fiscal),
        ("target", spec.target_word, years.target),
    ]
    out = []
    for role, word, year in plan:
        if no_years:
            out.append(ValueColumn(role, None, None, (word,)))
            continue
        era, full = year_expressions(year, spec.year_format, digits_zen)
        if role == "actual" and spec.actual_header == "year_only":
            header: tuple[str, ...] = (full,)
        elif role == "target" and spec.target_header == "year_then_mark":
            header = (f"{full}（目標）",)
        elif two_rows:
            header = (word, full)
        elif role == "target" and spec.target_header == "word_then_year":
            header = (f"{word}\u3000{full}",)
        elif "(" in full:
            header = (f"{word}\n{full}",)
        else:
            header = (f"{word}\n（{full}）" if line_break else f"{word}（{full}）",)
        out.append(ValueColumn(role, year, era, header))
    return tuple(out)


def _series(kind: w.IndicatorKind, n: int, rng: random.Random) -> list[float]:
    """n plausible values (baseline … target) for an indicator."""
    span = kind.high - kind.low
    values = sorted(kind.low + rng.random() * span for _ in range(n))
    return values[::-1] if rng.random() < 0.3 else values


def _cell(value: float, kind: w.IndicatorKind, unit_column: bool, zen_digits: bool) -> ValueCell:
    v = number_value(value, kind)
    return ValueCell(print_number(v, kind, not unit_column, zen_digits), "number", v, kind.unit)


def _featured(
    style: str,
    kind: w.IndicatorKind,
    cols: tuple[ValueColumn, ...],
    unit_column: bool,
    rng: random.Random,
) -> tuple[int, ValueCell] | None:
    """The cell that shows the variant's value style, and which column it goes in."""
    u = "" if unit_column else kind.unit
    role_col = {c.role: i for i, c in enumerate(cols)}
    current, target = role_col["current"], role_col["target"]
    missing_col = role_col.get("actual", current)
    dashes = {
        "dash_bar": "―",
        "dash_hyphen": "‐",
        "dash_choon": "ー",
        "dash_fullwidth": "－",
        "dash_ellipsis": "…",
    }
    n = rng.randint(12, 89)
    if style in dashes:
        return missing_col, ValueCell(dashes[style], "missing", None, None)
    if style == "approx":
        return current, ValueCell(f"約{n}{u}", "number", n, kind.unit)
    if style == "provisional":
        return current, ValueCell(f"{n}{u}（暫定）", "number", n, kind.unit)
    if style == "decimal":  # a printed decimal point makes a float, even for .0
        return current, ValueCell(f"{n}.0{u}", "number", float(n), kind.unit)
    if style == "zero_fullwidth":
        return target, ValueCell(f"０{u}", "number", 0, kind.unit)
    if style == "ratio":
        return current, ValueCell(f"{n / 10:.1f}{u}", "number", round(n / 10, 1), kind.unit)
    if style == "thousands":
        big = rng.randint(1001, 9999)
        return current, ValueCell(f"{big:,}{u}", "number", big, kind.unit)
    if style == "negative":
        return current, ValueCell(f"▲{n / 10:.1f}{u}", "number", -round(n / 10, 1), kind.unit)
    if style == "slash_pair":
        return current, ValueCell(f"{n}{u}/{n + 5}{u}", "text", None, None)
    if style == "at_least":
        return target, ValueCell(f"{n}{u}以上", "text", None, None)
    return None


FEATURED_KIND = {
    "approx": w.COUNT_PEOPLE,
    "provisional": w.COUNT_PEOPLE,
    "decimal": w.PERCENT,
    "zero_fullwidth": w.COUNT_PEOPLE,
    "ratio": w.RATIO,
    "thousands": w.THOUSANDS,
    "negative": w.DIFFERENCE,
    "fraction": w.FRACTION,
    "slash_pair": w.COUNT_PEOPLE,
    "at_least": w.PERCENT,
}


def _indicator_cells(
    kind: w.IndicatorKind,
    cols: tuple[ValueColumn, ...],
    spec: VariantSpec,
    featured: bool,
    rng: random.Random,
    zen_digits: bool,
) -> tuple[ValueCell, ...]:
    unit_column = spec.unit_column == "yes"
    if kind is w.FRACTION:  # every cell "k/5": text, never one number
        return tuple(
            ValueCell(zen(f"{k}/5") if zen_digits else f"{k}/5", "text", None, None)
            for k in sorted(rng.sample(range(1, 6), len(cols)))
        )
    if kind is w.DIFFERENCE and featured:
        cells = [_cell(v, kind, unit_column, zen_digits) for v in _series(kind, len(cols), rng)]
        cells[-1] = ValueCell("全国平均以上", "text", None, None)
    else:
        cells = [_cell(v, kind, unit_column, zen_digits) for v in _series(kind, len(cols), rng)]
    if featured:
        placed = _featured(spec.value_style, kind, cols, unit_column, rng)
        if placed:
            cells[placed[0]] = placed[1]
    return tuple(cells)


def _marks(style: str, count: int) -> list[tuple[str, str]]:
    """(mark in the cell, start of the note line) for ``count`` marked indicators."""
    if style == "※":
        return [("（※）", "（※）")] * min(count, 1)
    if style == "※1":
        return [(f"※{zen(i)}", f"※{zen(i)}\u3000") for i in range(1, count + 1)]
    if style == "(注)":
        return [("（注）", "（注）")] * min(count, 1)
    if style == "注1":
        return [(f"注{zen(i)}", f"注{zen(i)}\u3000") for i in range(1, count + 1)]
    if style == "*":
        return [("＊", "＊")] * min(count, 1)
    return []


def _table(
    spec: VariantSpec,
    cols: tuple[ValueColumn, ...],
    kinds: list[w.IndicatorKind],
    featured_row: int | None,
    subrow_row: int | None,
    with_notes: bool,
    rng: random.Random,
    zen_digits: bool,
) -> IndicatorTable:
    """One goal's indicator table; ``subrow_row`` is the indicator printed as two 区分
    sub-rows (a series each), ``featured_row`` the one showing the variant's value style."""
    unit_column = spec.unit_column == "yes"
    has_source = spec.source_header != "none"
    rows: list[IndicatorRow] = []
    for i, kind in enumerate(kinds):
        labels: tuple[str | None, ...] = (None,)
        if i == subrow_row:
            labels = rng.choice(w.SUBROW_LABELS)
        subrows = []
        for k, label in enumerate(labels):
            cells = _indicator_cells(
                kind, cols, spec, i == featured_row and k == 0, rng, zen_digits
            )
            if spec.subrows == "merged_target" and subrows:
                cells = (*cells[:-1], subrows[0].cells[-1])  # the one merged target cell
            assessment = None
            if spec.assessment != "none":
                assessment = rng.choice(w.ASSESSMENT_CELLS[spec.assessment])
            subrows.append(SubRow(label, cells, assessment))
        rows.append(
            IndicatorRow(
                name=kind.name,
                source=kind.source if has_source else None,
                unit=kind.unit if unit_column else None,
                subrows=tuple(subrows),
                merged_target=spec.subrows == "merged_target" and len(subrows) > 1,
                notes=(),
            )
        )
    notes: list[str] = []
    goal_notes: list[str] = []
    if with_notes and spec.note_style in MARKED_NOTES:
        numbered = spec.note_style in ("※1", "注1")
        count = min(len(rows), 2) if numbered else 1
        texts = rng.sample(w.NOTE_TEXTS, count)
        marked = sorted(rng.sample(range(len(rows)), count))
        for (cell_mark, line_mark), i, text in zip(
            _marks(spec.note_style, count), marked, texts, strict=True
        ):
            row = rows[i]
            line = f"{line_mark}{text}"
            if spec.note_cell == "source":
                row = replace(row, source=f"{row.source}{cell_mark}", notes=(line,))
            else:
                row = replace(row, name=f"{row.name}{cell_mark}", notes=(line,))
            rows[i] = row
            notes.append(line)
    elif with_notes and spec.note_style == "unmarked_single":
        line = rng.choice(w.NOTE_TEXTS)
        rows[0] = replace(rows[0], notes=(line,))
        notes.append(line)
    elif with_notes and spec.note_style == "unmarked_multi":
        line = rng.choice(w.NOTE_TEXTS)
        notes.append(line)
        goal_notes.append(line)
    return IndicatorTable(
        name_header=spec.name_header,
        source_header=spec.source_header if has_source else None,
        unit_header="単位" if unit_column else None,
        label_header=rng.choice(("区分", "対象")) if subrow_row is not None else None,
        assessment_header=None if spec.assessment == "none" else spec.assessment,
        columns=cols,
        two_rows=spec.header_layout == "two_rows",
        rows=tuple(rows),
        notes=tuple(notes),
        goal_notes=tuple(goal_notes),
        rules=spec.table_rules,
        header_fill=spec.header_fill == "yes",
    )


def goal_heading(spec: VariantSpec, number: int, title: str) -> str:
    num = numeral(number, spec.goal_numeral)
    word = spec.goal_word
    suffix = "について" if spec.goal_suffix == "について" else ""
    prefix = f"{zen(number)} " if spec.goal_prefix == "number" else ""
    body = {
        "bracket": f"【{word}{num}】{title}",
        "plain": f"{word}{num}\u3000{title}",
        "colon": f"{word}{num}：{title}",
        "spaced": f"{word} {num}\u3000{title}",
    }[spec.goal_format]
    return f"{prefix}{body}{suffix}"


def goal_reference(spec: VariantSpec, number: int) -> str:
    """How a sentence names a goal (基本目標２), in the report's own numerals."""
    return f"{spec.goal_word}{numeral(number, spec.goal_numeral)}"


def section_heading(marker: str, k: int, title: str) -> str:
    return {
        "paren_full": f"（{zen(k)}）{title}",
        "paren_half": f"({k}) {title}",
        "dot": f"{zen(k)}．{title}",
        "space": f"{zen(k)}\u3000{title}",
    }.get(marker, f"{marker}{title}")


def initiative_heading(marker: str, k: int, title: str) -> str:
    return {
        "circled": f"{CIRCLED[k - 1]}{title}",
        "paren": f"({k}){title}",
        "kana": f"{KANA[k - 1]}\u3000{title}",
        "paren_kana": f"（{KANA[k - 1]}）{title}",
        "bullet": f"・{title}",
    }[marker]


def spec_to_document(spec: VariantSpec) -> Document:
    """Draw the wording from the spec's seed; print every convention as the spec says."""
    rng = random.Random(spec.seed)
    zen_digits = rng.random() < 0.5
    years = _years(spec, rng)
    cols = _columns(spec, years, zen_digits, line_break=rng.random() < 0.4)
    roomy = spec.orientation == "portrait" and spec.cover == "no" and spec.toc == "no"
    n_goals = (
        rng.randint(2, 3 if roomy else 2)
        if spec.goal_mention == "yes"
        else rng.randint(1, 3 if roomy else 2)
    )
    goal_titles = rng.sample(w.GOAL_TITLES, n_goals)
    if spec.goal_title == "wrapping":  # one goal's heading takes two lines
        goal_titles[rng.randrange(n_goals)] = rng.choice(w.LONG_GOAL_TITLES)
    initiative_titles = iter(rng.sample(w.INITIATIVE_TITLES, len(w.INITIATIVE_TITLES)))
    sentences = iter(rng.sample(w.SENTENCES, len(w.SENTENCES)) * 3)
    featured_kind = FEATURED_KIND.get(spec.value_style)
    indicator_pool = iter(rng.sample([k for k in w.INDICATORS if k is not featured_kind], 8))
    notes_goal = rng.randrange(n_goals)
    subrow_goal = rng.randrange(n_goals) if spec.subrows != "none" else None
    featured_goal = rng.randrange(n_goals)
    mention_goal = rng.randrange(n_goals)
    break_goal = rng.randrange(n_goals) if spec.table_break == "across_pages" else None
    fy_text = wareki(years.fiscal, zen_digits)
    titles = (
        spec.indicators_title,
        spec.initiatives_title.replace("令和N年度", fy_text),
        spec.challenges_title,
    )
    goals = []
    for gi, title in enumerate(goal_titles):
        number = gi + 1
        if spec.note_style == "unmarked_single" and gi == notes_goal:
            n_ind = 1
        elif spec.note_style == "unmarked_multi" and gi == notes_goal:
            n_ind = 2
        else:
            n_ind = rng.randint(1, 2 if n_goals > 1 else 3)
        if gi == break_goal:  # a table that continues on the next page has two parts
            n_ind = max(n_ind, 2)
        featured_row = None
        if gi == featured_goal and spec.value_style != "plain":
            featured_row = rng.randrange(n_ind)
        kinds = [next(indicator_pool) for _ in range(n_ind)]
        if featured_row is not None and spec.value_style in FEATURED_KIND:
            kinds[featured_row] = FEATURED_KIND[spec.value_style]
        subrow_row = rng.randrange(n_ind) if gi == subrow_goal else None
        table = _table(
            spec, cols, kinds, featured_row, subrow_row, gi == notes_goal, rng, zen_digits
        )
        if gi == break_goal:
            table = replace(table, break_before=rng.randrange(1, n_ind))
        initiatives = []
        for k in range(1, rng.randint(1, 3) + 1):
            it_title = next(initiative_titles)
            paragraphs = [next(sentences) for _ in range(rng.randint(1, 2))]
            initiatives.append(
                Initiative(
                    initiative_heading(spec.initiative_marker, k, it_title),
                    it_title,
                    tuple(paragraphs),
                )
            )
        if spec.goal_mention == "yes" and gi == mention_goal:
            other = 2 if number == 1 else 1
            first = initiatives[0]
            mention = goal_reference(spec, other) + rng.choice(w.MENTION_TAILS)
            if rng.random() < 0.5:  # inside a sentence
                paragraphs = (f"{first.paragraphs[0]}また、{mention}", *first.paragraphs[1:])
            else:  # opening a paragraph, where a heading would start
                paragraphs = (first.paragraphs[0], mention, *first.paragraphs[1:])
            initiatives[0] = Initiative(first.heading, first.title, paragraphs)
        challenges = tuple(rng.sample(w.CHALLENGE_SENTENCES, rng.randint(1, 2)))
        goals.append(
            Goal(
                number=number,
                heading=goal_heading(spec, number, title),
                title=title,
                sections=tuple(
                    section_heading(spec.section_marker, k + 1, t) for k, t in enumerate(titles)
                ),  # type: ignore[arg-type]
                table=table,
                initiatives=tuple(initiatives),
                challenges=challenges,
            )
        )
    base_title = rng.choice(w.REPORT_TITLES)
    title = f"{fy_text}\u3000{base_title}" if spec.year_place == "title" else base_title
    cover = None
    if spec.cover == "yes":
        date = f"令和{years.fiscal + 1 - 2018}年{rng.choice((1, 2, 3))}月"  # Jan-Mar: same FY
        date = zen(date) if zen_digits else date
        cover = Cover(title, rng.choice(w.CITIES), date)
    first_body_page = 2 if cover else 1
    toc: tuple[tuple[str, int], ...] = ()
    if spec.toc == "yes":
        toc = tuple(
            (g.heading.removeprefix(f"{zen(g.number)} "), first_body_page + i)
            for i, g in enumerate(goals)
        )
    stated = spec.year_place != "nowhere"
    return Document(
        name=spec.name,
        producer=spec.producer,
        orientation=spec.orientation,
        paragraph_indent=spec.paragraph_indent,
        quirks=spec.text_quirks,
        label=rng.choice(w.LABELS) if spec.furniture == "label" else None,
        running_header=rng.choice(w.RUNNING_HEADERS)
        if spec.furniture == "running_header"
        else None,
        title=title,
        fiscal_year=years.fiscal if stated else None,
        cover=cover,
        toc=toc,
        goals=tuple(goals),
    )


# --- the reading order every renderer prints -------------------------------------------------

Block = tuple[str, object]


def document_to_blocks(doc: Document) -> list[Block]:
    """The document as a flow of typed blocks (cover, title, toc, goal, section, initiative,
    paragraph, table, note, challenge), in printing order."""
    out: list[Block] = []
    if doc.cover:
        out.append(("cover", doc.cover))
    elif doc.title:
        out.append(("title", doc.title))
    if doc.toc:
        out.append(("toc", doc.toc))
    for goal in doc.goals:
        out.append(("goal", goal.heading))
        out.append(("section", goal.sections[0]))
        out.append(("table", goal.table))
        out += [("note", line) for line in goal.table.notes]
        out.append(("section", goal.sections[1]))
        for it in goal.initiatives:
            out.append(("initiative", it.heading))
            out += [("paragraph", p) for p in it.paragraphs]
        out.append(("section", goal.sections[2]))
        out += [("paragraph", c) for c in goal.challenges]
    return out
