"""Across the years: converted reports → one row per figure (``extractor series``).

Each year's report reprints the plan's indicators with one more year of figures, so the same
figure (待機児童数 for 令和２年度, say) appears in several reports, as 現状値 in one and 実績 in
the next. ``reports_to_series`` matches indicators across reports by normalised name (and by
評価指標 where a goal repeats a name), sub-rows by label, and keeps each figure once:

- an observation is one figure per fiscal year whether printed as ``actual`` or ``current``;
  baseline and target rows are figures of their own;
- the row carries the latest report's printed reading; where an earlier report printed it
  differently, ``revised`` is true and ``previous_raw`` lists the earlier readings;
- a dash (``missing``) never replaces a printed figure: it says the later report did not print
  the figure, not that the figure was withdrawn, so it is neither a reading nor a revision;
- an indicator that disappears, appears late or seems renamed is kept apart and reported in
  the warnings, never merged by guesswork.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.model import ReportWarning
from extractor.validate import document_kind, report_to_errors

#: Column names of a series row, in order (fixed: downstream tools read them by name).
SERIES_COLUMNS = (
    "goal_number",
    "goal_title",
    "indicator",
    "series_label",
    "role",
    "fiscal_year",
    "era",
    "value",
    "unit",
    "raw",
    "kind",
    "report_fiscal_year",
    "source_file",
    "page",
    "revised",
    "previous_raw",
)

#: Role of a row in the plan: baseline and target are their own figures, observations merge.
_ROLE_CLASS = {
    "baseline": "baseline",
    "actual": "observed",
    "current": "observed",
    "target": "target",
}
_ROLE_ORDER = {"baseline": 0, "observed": 1, "target": 2}

_MARK = re.compile(r"[（(]?※\d*[)）]?")  # footnote marks: ※, ※1, （※）
_BLANKS = re.compile(r"\s+")


class SeriesInputError(ValueError):
    """The inputs cannot make one series table (unreadable file, not a report, mixed plans)."""


@dataclass(frozen=True)
class Reading:
    """How one report printed a figure."""

    report_fiscal_year: int | None
    source_file: str
    raw: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "report_fiscal_year": self.report_fiscal_year,
            "source_file": self.source_file,
            "raw": self.raw,
        }


@dataclass(frozen=True)
class FigureRow:
    """One figure of the plan (an indicator's value for one role and fiscal year)."""

    goal_number: int
    goal_title: str
    indicator: str
    series_label: str | None
    role: str
    fiscal_year: int | None
    era: str | None
    value: float | int | None
    unit: str | None
    raw: str
    kind: str
    report_fiscal_year: int | None
    source_file: str
    page: int
    revised: bool = False
    previous_raw: tuple[Reading, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The row with the fixed column names; ``previous_raw`` as a list of readings."""
        out = {name: getattr(self, name) for name in SERIES_COLUMNS}
        out["previous_raw"] = [r.to_dict() for r in self.previous_raw]
        return out


@dataclass(frozen=True)
class SeriesTable:
    """Every figure of one plan across its reports, and what the matching could not settle."""

    rows: tuple[FigureRow, ...]
    warnings: tuple[ReportWarning, ...] = ()
    reports: tuple[str, ...] = field(default=())  # source files, oldest report first


# --- reading inputs ---------------------------------------------------------------------------


def paths_to_reports(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """The converted reports named by ``paths`` (JSON files, or folders of them).

    Run reports (``_run.json``, recognised by content, so ``out/*.json`` works) are skipped;
    any other file that is not a schema-valid report raises ``SeriesInputError`` (a series
    built from half the inputs would look complete).
    """
    reports = []
    for path in _json_files(paths):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise SeriesInputError(f"{path}: not a readable JSON file: {exc}") from exc
        if document_kind(document) == "run":
            continue
        errors = report_to_errors(document)
        if errors:
            raise SeriesInputError(f"{path}: not a converted report: {errors[0]}")
        reports.append(document)
    if not reports:
        raise SeriesInputError("no report JSON files in " + ", ".join(str(p) for p in paths))
    return reports


def _json_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(path.glob("*.json"))
        elif path.exists():
            yield path
        else:
            raise SeriesInputError(f"{path}: no such file or folder")


# --- matching ---------------------------------------------------------------------------------


def normalise_name(text: str | None) -> str:
    """Matching key of an indicator name, 評価指標 or sub-row label: NFKC, no spaces, no ※ marks.

    Report text is already normalised for reading; this folds what differs between years
    without changing the meaning (a footnote mark moves, a space is printed or not).
    """
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text)
    return _BLANKS.sub("", _MARK.sub("", folded)).casefold()


def _report_order(report: dict[str, Any]) -> tuple[int, str]:
    year = report.get("fiscal_year")
    return (year if year is not None else -1, report["source"]["file"])


def reports_to_plans(reports: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Group reports into plans: reports that share a goal (number and title) are one plan.

    Each plan's reports are sorted oldest first (fiscal year, then file name).
    """
    plans: list[tuple[set[tuple[int, str]], list[dict[str, Any]]]] = []
    for report in reports:
        goals = {(g["number"], normalise_name(g["title"])) for g in report["goals"]}
        joined = [p for p in plans if p[0] & goals]
        keys, members = set(goals), [report]
        for plan in joined:
            keys |= plan[0]
            members += plan[1]
            plans.remove(plan)
        plans.append((keys, members))
    return [sorted(members, key=_report_order) for _, members in plans]


#: A report's printed value with where it stands: (report, goal, indicator, value).
_Printed = tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]]


@dataclass
class _Figure:
    """One figure while matching: its printed readings, newest report first."""

    where: tuple[int, tuple[str, str]]  # goal number, indicator key
    sort_key: tuple[Any, ...]
    readings: list[_Printed] = field(default_factory=list)


def _indicator_keys(goal: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, 評価指標) keys; the 評価指標 only where the goal repeats a name."""
    names = [normalise_name(i["name"]) for i in goal["indicators"]]
    return [
        (name, normalise_name(ind["source"]) if names.count(name) > 1 else "")
        for name, ind in zip(names, goal["indicators"], strict=True)
    ]


def reports_to_series(reports: Iterable[dict[str, Any]]) -> SeriesTable:
    """One plan's reports (any order) → its figures, each once, with revisions flagged.

    Rows are ordered as the newest report prints them: goal, indicator, sub-row, then
    baseline, observations by fiscal year, target. Raises ``SeriesInputError`` when the
    reports belong to more than one plan (no goal in common): rows of different plans would
    share goal numbers and mix silently.
    """
    plans = reports_to_plans(reports)
    if len(plans) != 1:
        described = "; ".join(", ".join(r["source"]["file"] for r in plan) for plan in plans)
        raise SeriesInputError(
            f"the inputs hold {len(plans)} plans with no goal in common ({described}): "
            "run series once per plan"
        )
    ordered = plans[0]
    figures: dict[tuple[Any, ...], _Figure] = {}
    indicator_rank: dict[tuple[int, tuple[str, str]], tuple[int, int]] = {}
    seen_in: dict[tuple[int, tuple[str, str]], dict[int, int]] = {}  # position -> rank
    names: dict[tuple[int, tuple[str, str]], str] = {}
    for age, report in enumerate(reversed(ordered)):  # newest first: its order wins
        for goal in report["goals"]:
            for rank, (key, indicator) in enumerate(
                zip(_indicator_keys(goal), goal["indicators"], strict=True)
            ):
                where = (goal["number"], key)
                seen_in.setdefault(where, {})[len(ordered) - 1 - age] = rank
                names.setdefault(where, indicator["name"])
                indicator_rank.setdefault(where, (age, rank))
                for s_rank, series in enumerate(indicator["series"]):
                    label = normalise_name(series["label"])
                    for value in series["values"]:
                        role_class = _ROLE_CLASS[value["role"]]
                        year = value["fiscal_year"]
                        fkey = (goal["number"], key, label, role_class, year)
                        if fkey not in figures:
                            sort_key = (
                                goal["number"],
                                indicator_rank[where],
                                age,
                                s_rank,
                                _ROLE_ORDER[role_class],
                                year if year is not None else -1,
                            )
                            figures[fkey] = _Figure(where, sort_key)
                        readings = figures[fkey].readings
                        if not any(r[0] is report for r in readings):  # merged cells repeat
                            readings.append((report, goal, indicator, value))
    goal_titles = {g["number"]: g["title"] for report in ordered for g in report["goals"]}
    rows = [
        _figure_to_row(f.readings, names[f.where], goal_titles[f.where[0]])
        for f in sorted(figures.values(), key=lambda f: f.sort_key)
    ]
    warnings = _matching_warnings(ordered, seen_in, names)
    return SeriesTable(tuple(rows), tuple(warnings), tuple(r["source"]["file"] for r in ordered))


def _same_reading(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Numbers compare by value and unit (75% = 75.0%), other cells by their text."""
    if a["kind"] == b["kind"] == "number":
        return a["value"] == b["value"] and a["unit"] == b["unit"]
    return a["kind"] == b["kind"] and normalise_name(a["raw"]) == normalise_name(b["raw"])


def _figure_to_row(readings: list[_Printed], indicator_name: str, goal_title: str) -> FigureRow:
    """The newest printed reading, with the earlier readings that differ from it.

    Names and titles are the newest report's, so every row of a series spells them alike.
    """
    printed = [r for r in readings if r[3]["kind"] != "missing"] or readings[:1]
    report, goal, indicator, value = printed[0]
    earlier = [r for r in printed[1:] if not _same_reading(r[3], value)]
    previous = tuple(
        Reading(r[0].get("fiscal_year"), r[0]["source"]["file"], r[3]["raw"])
        for r in reversed(earlier)
    )
    series_label = next(
        s["label"] for s in indicator["series"] if any(v is value for v in s["values"])
    )
    return FigureRow(
        goal_number=goal["number"],
        goal_title=goal_title,
        indicator=indicator_name,
        series_label=series_label,
        role=value["role"],
        fiscal_year=value["fiscal_year"],
        era=value["era"],
        value=value["value"],
        unit=value["unit"],
        raw=value["raw"],
        kind=value["kind"],
        report_fiscal_year=report.get("fiscal_year"),
        source_file=report["source"]["file"],
        page=indicator["page"],
        revised=bool(previous),
        previous_raw=previous,
    )


def _matching_warnings(
    ordered: list[dict[str, Any]],
    seen_in: dict[tuple[int, tuple[str, str]], dict[int, int]],
    names: dict[tuple[int, tuple[str, str]], str],
) -> list[ReportWarning]:
    """Indicators not in every report of their goal: dropped, added, or perhaps renamed.

    A rename is suggested (never applied) when an indicator stops where another starts, in
    the same place of the goal's table.
    """

    def fy(position: int) -> str:
        year = ordered[position].get("fiscal_year")
        return f"FY{year}" if year is not None else ordered[position]["source"]["file"]

    goal_reports: dict[int, list[int]] = {}
    for position, report in enumerate(ordered):
        for goal in report["goals"]:
            goal_reports.setdefault(goal["number"], []).append(position)
    warnings = []
    for goal_number, positions in sorted(goal_reports.items()):
        first, last = positions[0], positions[-1]
        dropped = []
        added = []
        for (number, key), present in seen_in.items():
            if number != goal_number:
                continue
            name = names[(number, key)]
            since, until = min(present), max(present)
            if last not in present:
                dropped.append((name, since, until, present[until]))
            elif first not in present:
                added.append((name, since, until, present[since]))
        for name, since, until, _ in dropped:
            warnings.append(
                ReportWarning(
                    "indicator_dropped",
                    f"goal {goal_number}: 「{name}」 is in the reports {fy(since)}–{fy(until)} "
                    f"but not in {fy(last)}",
                )
            )
        for name, since, _, _ in added:
            warnings.append(
                ReportWarning(
                    "indicator_added",
                    f"goal {goal_number}: 「{name}」 first appears in {fy(since)}",
                )
            )
        for old, _, until, old_rank in dropped:
            for new, since, _, new_rank in added:
                if since > until and old_rank == new_rank:
                    warnings.append(
                        ReportWarning(
                            "indicator_renamed",
                            f"goal {goal_number}: 「{old}」 (until {fy(until)}) may have been "
                            f"renamed 「{new}」 (from {fy(since)}); kept as two indicators",
                        )
                    )
    return warnings
