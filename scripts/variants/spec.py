"""The variant specification: one option per axis of issue 8's report conventions.

Why axes and not templates: a reader tuned to one template passes one template. Each axis is
one convention a real report may choose independently (how a goal heading is written, which
word heads the value columns, who produced the PDF …); a variant picks one option per axis
and a seeded sampler picks variants so that every option of every axis occurs at least once.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

#: Every axis and its options, in the order the spec prints them. Option names are stable
#: identifiers (they are stored in tests/variants/specs.json); what they print is in
#: ``variants.document``.
AXES: dict[str, tuple[str, ...]] = {
    # outline
    "goal_format": ("bracket", "plain", "colon", "spaced"),
    "goal_numeral": ("arabic", "fullwidth", "kanji", "roman"),
    "goal_word": ("基本目標", "政策目標", "基本方針", "施策目標", "目標"),
    "goal_prefix": ("none", "number"),
    "goal_suffix": ("none", "について"),
    "goal_title": ("one_line", "wrapping"),
    "section_marker": ("paren_full", "paren_half", "dot", "space", "■", "●", "◆", "○"),
    "indicators_title": ("成果指標の現状値", "指標の達成状況", "KPIの状況", "成果指標の状況"),
    "initiatives_title": ("令和N年度の取組状況", "主な取組", "主な事業", "実施状況"),
    "challenges_title": ("今後の課題・方向性", "今後の方向性", "今後の展開", "課題と方向性"),
    "initiative_marker": ("circled", "paren", "kana", "paren_kana", "bullet"),
    "year_place": ("initiatives_heading", "title", "cover", "current_column", "nowhere"),
    "cover": ("no", "yes"),
    "toc": ("no", "yes"),
    "goal_mention": ("no", "yes"),
    "paragraph_indent": ("flush", "hanging"),
    "furniture": ("none", "label", "running_header"),
    # indicator table
    "name_header": (
        "成果指標",
        "指標",
        "指標名",
        "評価指標",
        "ＫＰＩ",
        "重要業績評価指標",
        "数値目標",
        "目標指標",
        "項目",
    ),
    "source_header": ("none", "評価指標", "出典", "算出方法", "根拠"),
    "baseline_word": ("基準値", "策定時", "当初値"),
    "actual_word": ("実績", "実績値"),
    "current_word": ("現状値", "直近値", "最新値"),
    "target_word": ("目標値", "目標"),
    "actual_header": ("role_word", "year_only"),
    "target_header": ("role_word", "year_then_mark", "word_then_year"),
    "header_layout": ("same_cell", "two_rows"),
    "year_format": ("wareki", "r_ascii", "r_fullwidth", "r_short", "gregorian", "gregorian_r"),
    "baseline_era": ("reiwa", "heisei"),
    "unit_column": ("no", "yes"),
    "subrows": ("none", "separate", "merged_target"),
    "assessment": ("none", "達成率", "達成状況", "評価", "進捗", "備考"),
    "note_style": (
        "none",
        "※",
        "※1",
        "(注)",
        "注1",
        "*",
        "unmarked_single",
        "unmarked_multi",
    ),
    "note_cell": ("name", "source"),
    "value_style": (
        "plain",
        "approx",
        "provisional",
        "decimal",
        "zero_fullwidth",
        "ratio",
        "thousands",
        "negative",
        "fraction",
        "slash_pair",
        "at_least",
        "dash_bar",
        "dash_hyphen",
        "dash_choon",
        "dash_fullwidth",
        "dash_ellipsis",
    ),
    "table_rules": ("full", "horizontal", "none"),
    "header_fill": ("no", "yes"),
    "table_break": ("none", "across_pages"),
    # production
    "producer": ("reportlab", "docx", "html"),
    "text_quirks": ("none", "half_kana", "fake_bold", "letter_spaced"),
    "orientation": ("portrait", "landscape"),
}

MARKED_NOTES = frozenset({"※", "※1", "(注)", "注1", "*"})
PAREN_SECTIONS = frozenset({"paren_full", "paren_half"})


@dataclass(frozen=True)
class VariantSpec:
    """One report's conventions (one option per axis) and the seed of its wording."""

    name: str
    seed: int
    goal_format: str = "bracket"
    goal_numeral: str = "fullwidth"
    goal_word: str = "基本目標"
    goal_prefix: str = "number"
    goal_suffix: str = "none"
    goal_title: str = "one_line"
    section_marker: str = "paren_full"
    indicators_title: str = "成果指標の現状値"
    initiatives_title: str = "令和N年度の取組状況"
    challenges_title: str = "今後の課題・方向性"
    initiative_marker: str = "circled"
    year_place: str = "initiatives_heading"
    cover: str = "no"
    toc: str = "no"
    goal_mention: str = "no"
    paragraph_indent: str = "flush"
    furniture: str = "none"
    name_header: str = "成果指標"
    source_header: str = "評価指標"
    baseline_word: str = "基準値"
    actual_word: str = "実績"
    current_word: str = "現状値"
    target_word: str = "目標値"
    actual_header: str = "role_word"
    target_header: str = "role_word"
    header_layout: str = "same_cell"
    year_format: str = "wareki"
    baseline_era: str = "reiwa"
    unit_column: str = "no"
    subrows: str = "none"
    assessment: str = "none"
    note_style: str = "※"
    note_cell: str = "source"
    value_style: str = "plain"
    table_rules: str = "full"
    header_fill: str = "no"
    table_break: str = "none"
    producer: str = "reportlab"
    text_quirks: str = "none"
    orientation: str = "portrait"

    def options(self) -> Iterator[tuple[str, str]]:
        """(axis, option) for every axis."""
        for axis in AXES:
            yield axis, getattr(self, axis)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VariantSpec:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown spec keys {sorted(unknown)}")
        return cls(**data)


def violations(spec: VariantSpec) -> list[str]:
    """Why a combination cannot be printed as one coherent report (empty when it can)."""
    out = []
    for axis, option in spec.options():
        if option not in AXES[axis]:
            out.append(f"{axis}={option!r} is not an option")
    if spec.section_marker in PAREN_SECTIONS and spec.initiative_marker == "paren":
        out.append("sections and initiatives would share the (1) marker family")
    year_heading = spec.initiatives_title == "令和N年度の取組状況"
    if (spec.year_place == "initiatives_heading") != year_heading:
        out.append("the initiatives heading states the year exactly when year_place says so")
    if spec.year_place == "cover" and spec.cover == "no":
        out.append("year_place=cover needs a cover")
    if spec.year_place in ("current_column", "nowhere") and spec.cover == "yes":
        out.append("a cover carries a date, which states the year")
    if spec.year_place == "nowhere" and (
        spec.header_layout != "same_cell"
        or spec.actual_header != "role_word"
        or spec.target_header != "role_word"
    ):
        out.append("without any year, value headers are role words alone")
    if spec.name_header == "評価指標" and spec.source_header != "none":
        out.append("評価指標 as the name column means no separate source column")
    if spec.note_cell == "source" and (
        spec.source_header == "none" or spec.note_style not in MARKED_NOTES
    ):
        out.append("a mark in the source cell needs a source column and a marked note")
    if spec.text_quirks != "none" and spec.producer != "reportlab":
        out.append("text quirks are drawn glyph by glyph: reportlab only")
    if spec.table_break == "across_pages" and spec.producer == "docx":
        out.append("a .docx table cannot be told where to break (LibreOffice decides)")
    if spec.table_break == "across_pages" and spec.note_style == "unmarked_single":
        out.append("a one-indicator table (unmarked note) cannot be split between indicators")
    return out


def is_valid(spec: VariantSpec) -> bool:
    return not violations(spec)


#: The reference report's conventions (Kurume 資料２, ../shared/seed/README.md).
REFERENCE = VariantSpec(name="ref", seed=0)


def with_option(base: VariantSpec, axis: str, option: str, name: str, seed: int) -> VariantSpec:
    """``base`` with one axis changed, plus the fewest other changes (at most two, the first
    in axis order) that keep the report coherent (year_place=cover needs a cover …)."""
    spec = replace(base, name=name, seed=seed, **{axis: option})
    if is_valid(spec):
        return spec
    others = [
        (a, o) for a, opts in AXES.items() if a != axis for o in opts if getattr(spec, a) != o
    ]
    for a, o in others:
        if is_valid(candidate := replace(spec, **{a: o})):
            return candidate
    for (a, o), (b, p) in itertools.combinations(others, 2):
        if a != b and is_valid(candidate := replace(spec, **{a: o, b: p})):
            return candidate
    raise ValueError(f"no coherent report with {axis}={option}")


#: Hand-picked variants that each change one convention of the reference (plus what that
#: change forces, see ``with_option``).
ONE_CHANGE: tuple[tuple[str, str, str], ...] = (
    ("ref", "producer", "reportlab"),
    ("ref_kanji_goal", "goal_numeral", "kanji"),
    ("ref_roman_goal", "goal_numeral", "roman"),
    ("ref_policy_goal", "goal_word", "政策目標"),
    ("ref_colon_goal", "goal_format", "colon"),
    ("ref_wrapping_goal", "goal_title", "wrapping"),
    ("ref_square_sections", "section_marker", "■"),
    ("ref_kana_initiatives", "initiative_marker", "kana"),
    ("ref_year_in_title", "year_place", "title"),
    ("ref_cover", "cover", "yes"),
    ("ref_toc", "toc", "yes"),
    ("ref_goal_mention", "goal_mention", "yes"),
    ("ref_label", "furniture", "label"),
    ("ref_kpi_header", "name_header", "ＫＰＩ"),
    ("ref_r_years", "year_format", "r_ascii"),
    ("ref_two_row_header", "header_layout", "two_rows"),
    ("ref_year_only_actual", "actual_header", "year_only"),
    ("ref_unit_column", "unit_column", "yes"),
    ("ref_subrows", "subrows", "merged_target"),
    ("ref_header_fill", "header_fill", "yes"),
    ("ref_table_break", "table_break", "across_pages"),
    ("ref_assessment", "assessment", "達成率"),
    ("ref_numbered_notes", "note_style", "※1"),
    ("ref_dash_cells", "value_style", "dash_bar"),
    ("ref_horizontal_rules", "table_rules", "horizontal"),
    ("ref_no_rules", "table_rules", "none"),
    ("ref_docx", "producer", "docx"),
    ("ref_html", "producer", "html"),
    ("ref_landscape", "orientation", "landscape"),
    ("ref_half_kana", "text_quirks", "half_kana"),
)


def one_change_specs() -> list[VariantSpec]:
    return [
        with_option(REFERENCE, axis, option, name, 1000 + i)
        for i, (name, axis, option) in enumerate(ONE_CHANGE)
    ]


def sweep_specs() -> list[VariantSpec]:
    """The reference with each option of each axis in turn: one variant per option, for
    measuring which conventions a reader handles (``make_variants.py sweep``)."""
    out = [replace(REFERENCE, name="ref", seed=1000)]
    for axis, options in AXES.items():
        for k, option in enumerate(options):
            if option != getattr(REFERENCE, axis):
                out.append(with_option(REFERENCE, axis, option, f"sweep_{axis}_{k}", 1000))
    return out


def random_spec(rng: random.Random, name: str, seed: int, producer: str) -> VariantSpec:
    """Any valid combination printed by ``producer``: draw each axis uniformly, drop what
    the producer cannot print, redraw until coherent."""
    while True:
        options = {a: rng.choice(o) for a, o in AXES.items()}
        options["producer"] = producer
        if options["producer"] != "reportlab":
            options["text_quirks"] = "none"
        if options["producer"] == "docx":
            options["table_break"] = "none"
        spec = VariantSpec(name=name, seed=seed, **options)
        if is_valid(spec):
            return spec


def _pairs(spec: VariantSpec) -> set[tuple[str, str, str, str]]:
    opts = list(spec.options())
    return {(a, x, b, y) for (a, x), (b, y) in itertools.combinations(opts, 2)}


def sample_specs(count: int, seed: int = 8, candidates: int = 150) -> list[VariantSpec]:
    """``count`` specs (or more, until every option is used) chosen greedily: each new spec is
    the candidate that covers the most still-unused options, then the most unused pairs."""
    rng = random.Random(seed)
    singles = {(a, o) for a, opts in AXES.items() for o in opts}
    pairs: set[tuple[str, str, str, str]] = set()
    out: list[VariantSpec] = []
    while len(out) < count or singles:
        i = len(out) + 1
        best: VariantSpec | None = None
        best_score = (-1, -1)
        for _ in range(candidates):
            producer = AXES["producer"][i % len(AXES["producer"])]  # each producer in turn
            spec = random_spec(rng, f"v{i:02d}", seed * 1000 + i, producer)
            score = (
                len(singles & set(spec.options())),
                len(_pairs(spec) - pairs),
            )
            if score > best_score:
                best, best_score = spec, score
        assert best is not None
        singles -= set(best.options())
        pairs |= _pairs(best)
        out.append(best)
        if len(out) > 4 * count:
            raise RuntimeError(f"options never drawn: {sorted(singles)}")
    return out


def all_specs(count: int = 30) -> list[VariantSpec]:
    """The committed set: the one-change specs, then the sampled ones."""
    return [*one_change_specs(), *sample_specs(count)]


def uncovered(specs: Iterable[VariantSpec]) -> list[tuple[str, str]]:
    """(axis, option) pairs no spec uses."""
    used = {pair for spec in specs for pair in spec.options()}
    return [(a, o) for a, opts in AXES.items() for o in opts if (a, o) not in used]
