"""The report grammar: the words and patterns of a report's conventions, as data.

Every convention the outline and table readers rely on (goal words, section titles, list
markers, header words, note marks, missing-value dashes …) lives in ``data/grammar.toml``.
A city with other conventions passes its own TOML file, merged over the default, so a new
convention is a data change, never a code change. The readers ask the ``Grammar`` questions
(``goal_heading``, ``section_marker`` …) and never name a word themselves.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from extractor.errors import GrammarError
from extractor.model import Role
from extractor.normalise import normalise_text, normalise_text_keep_spaces
from extractor.numerals import numeral_to_int

ROLES: tuple[Role, ...] = ("baseline", "actual", "current", "target")
SECTION_KINDS = ("indicators", "initiatives", "challenges")
FISCAL_YEAR_SOURCES = ("initiatives_heading", "title", "current_column", "cover")
#: A goal title never starts with these: the goal is mentioned inside a sentence.
_SENTENCE_PARTICLES = "のにをはがとでへもや"


_MARKER_SHAPE = re.compile(r"[0-9]+|[一二三四五六七八九十]+|[ア-ン]|[①-⑳㉑-㉟㊱-㊿]|[Ⅰ-Ⅻ]|[IVX]+")


def _shape(m: re.Match[str]) -> str:
    """A marker's style without its number: (2) → (9), イ. → ア., ③ → ①."""
    ch = m.group()[0]
    for first, last, shape in (("0", "9", "9"), ("ア", "ン", "ア"), ("①", "㊿", "①")):
        if first <= ch <= last:
            return shape
    return "一" if ch in "一二三四五六七八九十" else "Ⅰ"


@dataclass(frozen=True)
class Marker:
    """A list or section marker at the start of a line: its style, number and the rest."""

    #: The marker's style (``(n)``, ``①``, ``■`` …): a report uses one per level.
    family: str
    #: The printed number (① → 1, イ → 2), None for a bullet.
    number: int | None
    #: The line after the marker.
    rest: str


@dataclass(frozen=True)
class GoalHeading:
    number: int
    title: str


@dataclass(frozen=True)
class TableWords:
    """Header vocabularies, each sorted longest first."""

    name: tuple[str, ...]
    source: tuple[str, ...]
    label: tuple[str, ...]
    unit: tuple[str, ...]
    assessment: tuple[str, ...]
    filler: tuple[str, ...]
    roles: tuple[tuple[str, Role], ...]
    #: Words a header may print that name no column (a goal: 基本目標1の成果).
    ignore: tuple[str, ...]
    ditto: frozenset[str]
    source_names_when_alone: bool
    #: Rows searched for the header's first row (a caption row may sit above it).
    header_search_rows: int


@dataclass(frozen=True)
class ValueWords:
    dashes: frozenset[str]
    negative_signs: frozenset[str]
    positive_signs: frozenset[str]
    approximate_prefixes: tuple[str, ...]
    approximate_suffixes: tuple[str, ...]
    bounds: tuple[str, ...]
    annotations: tuple[str, ...]
    max_unit_length: int


@dataclass(frozen=True)
class LayoutMarks:
    """Marks of the printed page the layout readers rely on (``[layout]``)."""

    #: Full-width closing brackets, whose ink fills the left half of the glyph's box.
    closing_brackets: str
    #: Marks a number must follow (※1, 第2): a line ending in one goes on below.
    numbered_marks: str
    #: What ``str.strip`` takes off a line before asking if it is a figure alone: brackets,
    #: the figure prefixes and suffixes.
    figure_affixes: str
    #: A quantity alone in its line: a figure with its unit (``1,234``, ``▲3.8％``, ``(12)``,
    #: ``約65人``, ``2.76倍``, ``10か所``, ``3/5``).
    quantity: re.Pattern[str]
    #: The end of a figure that is a date (``2021年度``, ``3月``, ``(令和3年)``).
    date_end: re.Pattern[str]
    #: Dot leaders (three or more) between a contents entry's title and its page number.
    leaders: re.Pattern[str]


@dataclass(frozen=True)
class Grammar:
    """A report family's conventions, compiled. Build with ``load_grammar``."""

    goal_pattern: re.Pattern[str]
    goal_close: str
    goal_separators: str
    title_suffix: re.Pattern[str]
    section_markers: tuple[re.Pattern[str], ...]
    section_kinds: tuple[tuple[str, tuple[str, ...]], ...]
    max_unmarked_title: int
    initiative_markers: tuple[re.Pattern[str], ...]
    kana_order: str
    contents_heading: re.Pattern[str]
    contents_entry: re.Pattern[str]
    page_number: re.Pattern[str]
    label: re.Pattern[str]
    fiscal_year_sources: tuple[str, ...]
    table: TableWords
    note_mark_patterns: tuple[re.Pattern[str], ...]
    note_line_start: re.Pattern[str]
    values: ValueWords
    coverage_threshold: float
    layout: LayoutMarks
    #: Short digest of the merged grammar document: which conventions made an output.
    digest: str = ""
    #: Where the grammar came from: ``default``, or the path of the file merged over it.
    origin: str = "default"

    # --- outline ---------------------------------------------------------------------

    def goal_heading(self, line: str) -> GoalHeading | None:
        """``1 【基本目標1】安心して…について`` → (1, 安心して…); None for a sentence that
        mentions a goal (基本目標2の取組と連携し…) or a line that is no heading."""
        text = normalise_text_keep_spaces(line)
        m = self.goal_pattern.match(text)
        if m is None or self.contents_entry.search(text):
            return None  # no heading, or a table of contents' entry for one
        number = numeral_to_int(m["number"])
        if number is None or number < 1:
            return None
        rest = m["rest"]
        if m["open"] and not m["close"]:
            if not rest.rstrip().endswith(tuple(self.goal_close)):
                return None
            rest = rest.rstrip()[:-1]
        elif not (m["close"] or m["gap"]) and rest and rest[0] not in self.goal_separators:
            return None  # 目標値, 基本目標2の…: no separator after the number
        title = normalise_text(rest.lstrip(self.goal_separators))
        if title[:1] in _SENTENCE_PARTICLES and title[:1]:
            return None
        if title.endswith(("。", "。」")):
            return None
        return GoalHeading(number, self.title_suffix.sub("", title).strip())

    def _marker(self, patterns: tuple[re.Pattern[str], ...], line: str) -> Marker | None:
        text = normalise_text_keep_spaces(line)
        for pattern in patterns:
            m = pattern.match(text)
            if m is None or m.end() >= len(text):
                continue
            groups = m.groupdict()
            family = _MARKER_SHAPE.sub(_shape, m.group().replace(" ", ""))
            number: int | None = None
            if groups.get("n"):
                number = numeral_to_int(groups["n"])
            elif groups.get("kana"):
                position = self.kana_order.find(groups["kana"])
                number = position + 1 if position >= 0 else None
            return Marker(family, number, normalise_text(text[m.end() :]))
        return None

    def section_marker(self, line: str) -> Marker | None:
        """The section marker a line starts with ((1), 1., ■ …), or None."""
        return self._marker(self.section_markers, line)

    def initiative_marker(self, line: str) -> Marker | None:
        """The initiative marker a line starts with (①, (1), ア, ・ …), or None."""
        return self._marker(self.initiative_markers, line)

    def section_kind(self, title: str) -> str | None:
        """indicators / initiatives / challenges by the words of a section title, or None."""
        for kind, words in self.section_kinds:
            if any(w in title for w in words):
                return kind
        return None

    def unmarked_section_kind(self, line: str) -> str | None:
        """A short line that is only a section title (成果指標の状況) is a heading too."""
        text = normalise_text(line)
        if len(text) > self.max_unmarked_title or text.endswith("。"):
            return None
        return self.section_kind(text)

    def is_contents_heading(self, line: str) -> bool:
        return bool(self.contents_heading.match(normalise_text(line)))

    def is_contents_entry(self, line: str) -> bool:
        return bool(self.contents_entry.search(normalise_text_keep_spaces(line)))

    # --- notes -----------------------------------------------------------------------

    def note_marks(self, text: str) -> set[tuple[str, str]]:
        """The (kind, number) of every note mark a cell or line carries: ※1 → (※, 1)."""
        found: set[tuple[str, str]] = set()
        spans: list[tuple[int, int]] = []
        for pattern in self.note_mark_patterns:
            for m in pattern.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in spans):
                    continue
                spans.append(m.span())
                found.add((m["kind"], m.groupdict().get("n") or ""))
        return found

    def is_note_line(self, text: str) -> bool:
        return bool(self.note_line_start.match(normalise_text(text)))

    def note_mark(self, note: str) -> tuple[str, str] | None:
        """The mark a note line starts with, or None for an unmarked note."""
        text = normalise_text(note)
        start = self.note_line_start.match(text)
        if start is None:
            return None
        marks = self.note_marks(start.group())
        return min(marks) if marks else None

    def strip_note_marks(self, text: str) -> str:
        for pattern in self.note_mark_patterns:
            text = pattern.sub("", text)
        return text.strip()


# --- loading ------------------------------------------------------------------------------


def _merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """``override`` over ``base``: tables merge key by key, anything else is replaced."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted((normalise_text(w) for w in words), key=len, reverse=True))


def _compile(pattern: str, number: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern.replace("{number}", number))
    except re.error as exc:
        raise GrammarError(f"grammar {where}: bad pattern {pattern!r}: {exc}") from None


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words)


def _char_class(chars: str) -> str:
    """A regular-expression class of ``chars``; one that matches nothing when empty."""
    return f"[{re.escape(chars)}]" if chars else "(?!)"


def _layout_marks(layout: Mapping[str, Any], number: str) -> LayoutMarks:
    prefixes, suffixes = layout["figure_prefixes"], layout["figure_suffixes"]
    dates = _alternation(_longest_first(layout["date_units"])) or "(?!)"
    return LayoutMarks(
        closing_brackets=layout["closing_brackets"],
        numbered_marks=layout["numbered_marks"],
        figure_affixes="()（）" + prefixes + suffixes,
        quantity=_compile(
            rf"([(（])?{_char_class(prefixes)}?[0-9０-９][0-9０-９,，.．/／]*"
            rf"(?:{_char_class(suffixes)}|[^\W\d_]{{1,3}})?(?(1)[)）])",
            number,
            "layout.figure_prefixes",
        ),
        date_end=_compile(rf"(?:{dates})[)）]?$", number, "layout.date_units"),
        leaders=_compile(rf"{_char_class(layout['leaders'])}{{3,}}", number, "layout.leaders"),
    )


def data_to_grammar(data: Mapping[str, Any]) -> Grammar:
    """Compile a merged grammar document; a missing or ill-typed key is a ``GrammarError``."""
    try:
        number = data["numbers"]["pattern"]
        goal = data["goal"]
        words = _alternation(_longest_first(goal["words"]))
        open_b, close_b = re.escape(goal["open_brackets"]), re.escape(goal["close_brackets"])
        goal_pattern = _compile(
            rf"^{goal['lead']}?(?:(?P<open>[{open_b}])\s*)?(?P<word>{words})\s*"
            rf"(?P<number>{number})(?![\d])(?P<gap>\s*)(?P<close>[{close_b}])?(?P<rest>.*)$",
            number,
            "goal",
        )
        suffixes = _alternation(_longest_first(goal["title_suffixes"]))
        section, initiative = data["section"], data["initiative"]
        kinds = section["kinds"]
        unknown = set(kinds) - set(SECTION_KINDS)
        if unknown:
            raise GrammarError(f"grammar section.kinds: unknown kinds {sorted(unknown)}")
        table = data["table"]
        roles = table["roles"]
        if set(roles) - set(ROLES):
            raise GrammarError(
                f"grammar table.roles: unknown roles {sorted(set(roles) - set(ROLES))}"
            )
        role_words = sorted(
            ((normalise_text(w), role) for role in ROLES for w in roles.get(role, [])),
            key=lambda item: len(item[0]),
            reverse=True,
        )
        values = data["values"]
        notes = data["notes"]
        sources = tuple(data["fiscal_year"]["sources"])
        if set(sources) - set(FISCAL_YEAR_SOURCES):
            raise GrammarError(f"grammar fiscal_year.sources: one of {FISCAL_YEAR_SOURCES}")
        return Grammar(
            goal_pattern=goal_pattern,
            goal_close=goal["close_brackets"],
            goal_separators=goal["separators"],
            title_suffix=_compile(rf"(?:{suffixes})$", number, "goal.title_suffixes"),
            section_markers=tuple(
                _compile("^" + p, number, "section.markers") for p in section["markers"]
            ),
            section_kinds=tuple((k, _longest_first(v)) for k, v in kinds.items()),
            max_unmarked_title=int(section["max_unmarked_title"]),
            initiative_markers=tuple(
                _compile("^" + p, number, "initiative.markers") for p in initiative["markers"]
            ),
            kana_order=initiative["kana_order"],
            contents_heading=_compile(data["contents"]["heading"], number, "contents.heading"),
            contents_entry=_compile(data["contents"]["entry"], number, "contents.entry"),
            page_number=_compile(data["furniture"]["page_number"], number, "furniture"),
            label=_compile(data["furniture"]["label"], number, "furniture"),
            fiscal_year_sources=sources,
            table=TableWords(
                name=_longest_first(table["name"]),
                source=_longest_first(table["source"]),
                label=_longest_first(table["label"]),
                unit=_longest_first(table["unit"]),
                assessment=_longest_first(table["assessment"]),
                filler=_longest_first(table["filler"]),
                roles=tuple(role_words),
                ignore=tuple(w for w in _longest_first(goal["words"]) if w not in dict(role_words)),
                ditto=frozenset(table["ditto"]),
                source_names_when_alone=bool(table["source_names_when_alone"]),
                header_search_rows=int(table["header_search_rows"]),
            ),
            note_mark_patterns=tuple(_compile(p, number, "notes.marks") for p in notes["marks"]),
            note_line_start=_compile(notes["line_start"], number, "notes.line_start"),
            values=ValueWords(
                dashes=frozenset(values["dashes"]),
                negative_signs=frozenset(values["negative_signs"]),
                positive_signs=frozenset(values["positive_signs"]),
                approximate_prefixes=tuple(values["approximate_prefixes"]),
                approximate_suffixes=tuple(values["approximate_suffixes"]),
                bounds=tuple(values["bounds"]),
                annotations=tuple(values["annotations"]),
                max_unit_length=int(values["max_unit_length"]),
            ),
            coverage_threshold=float(data["coverage"]["threshold"]),
            layout=_layout_marks(data["layout"], number),
            digest=hashlib.sha256(
                json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
            ).hexdigest()[:16],
        )
    except KeyError as exc:
        raise GrammarError(f"grammar: missing key {exc.args[0]!r}") from None
    except (TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, GrammarError):
            raise
        raise GrammarError(f"grammar: a value has the wrong type ({exc})") from None


@lru_cache(maxsize=1)
def default_grammar_data() -> dict[str, Any]:
    """The shipped grammar document (``extractor/data/grammar.toml``)."""
    text = resources.files("extractor").joinpath("data/grammar.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_grammar(path: str | Path | None = None) -> Grammar:
    """The default grammar, with the TOML file at ``path`` (if any) merged over it."""
    if path is None:
        return default_grammar()
    try:
        override = tomllib.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError:
        raise GrammarError(f"grammar file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GrammarError(f"grammar file unreadable: {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise GrammarError(f"grammar file is not valid TOML: {path}: {exc}") from None
    return replace(data_to_grammar(_merge(default_grammar_data(), override)), origin=str(path))


@lru_cache(maxsize=1)
def default_grammar() -> Grammar:
    return data_to_grammar(default_grammar_data())
