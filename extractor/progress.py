"""How far along each series is: baseline → latest observation → target (``--progress``).

The achievement rate is ``(latest − baseline) / (target − baseline)``: 0 at the baseline, 1 at
the target, whichever way the target lies. The direction is read from the target: below the
baseline means lower is better (待機児童数 54 → 0). Status:

- ``achieved``: the latest observation has reached the target (rate ≥ 1);
- ``on_track``: the rate is at least the share of the plan period that has passed
  (``(latest year − baseline year) / (target year − baseline year)``);
- ``behind``: the rate is below that share (or negative: moving away from the target);
- ``no_data``: no baseline, no target, or no numeric observation after the baseline year;
- ``not_numeric``: the baseline or target is text (全国平均以上), or units differ.

A target equal to its baseline (keep the level) has no rate; it is ``achieved`` while the
latest observation equals it and ``behind`` otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from extractor.series import FigureRow, SeriesTable

Status = Literal["achieved", "on_track", "behind", "no_data", "not_numeric"]
Direction = Literal["higher", "lower", "keep"]

#: Column names of a progress row, in order.
PROGRESS_COLUMNS = (
    "goal_number",
    "goal_title",
    "indicator",
    "series_label",
    "unit",
    "baseline_year",
    "baseline_value",
    "latest_year",
    "latest_value",
    "target_year",
    "target_value",
    "direction",
    "achievement_rate",
    "expected_rate",
    "status",
)

#: Decimal places of the rates written out (enough to tell 0.6 from 0.5999).
RATE_DIGITS = 4


@dataclass(frozen=True)
class Progress:
    """One series (an indicator, or one sub-row of it) measured against its target."""

    goal_number: int
    goal_title: str
    indicator: str
    series_label: str | None
    unit: str | None
    baseline_year: int | None
    baseline_value: float | int | None
    latest_year: int | None
    latest_value: float | int | None
    target_year: int | None
    target_value: float | int | None
    direction: Direction | None
    achievement_rate: float | None
    expected_rate: float | None
    status: Status

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in PROGRESS_COLUMNS}


def series_to_progress(table: SeriesTable) -> tuple[Progress, ...]:
    """One ``Progress`` per series of the table, in the table's order."""
    groups: dict[tuple[int, str, str | None], list[FigureRow]] = {}
    for row in table.rows:
        groups.setdefault((row.goal_number, row.indicator, row.series_label), []).append(row)
    return tuple(rows_to_progress(rows) for rows in groups.values())


def _newest(rows: Iterable[FigureRow]) -> FigureRow | None:
    """The figure the newest report printed (a plan may move its baseline or target)."""
    ranked = sorted(
        rows, key=lambda r: (r.report_fiscal_year or -1, r.fiscal_year or -1), reverse=True
    )
    return ranked[0] if ranked else None


def rows_to_progress(rows: list[FigureRow]) -> Progress:
    """Progress of one series from its figure rows (baseline, observations, target)."""
    first = rows[0]
    baseline = _newest(r for r in rows if r.role == "baseline")
    target = _newest(r for r in rows if r.role == "target")
    after = baseline.fiscal_year if baseline and baseline.fiscal_year is not None else None
    observed = [
        r
        for r in rows
        if r.role in ("actual", "current")
        and r.kind == "number"
        and r.fiscal_year is not None
        and (after is None or r.fiscal_year > after)
    ]
    latest = max(observed, key=lambda r: r.fiscal_year or -1) if observed else None

    def make(
        status: Status,
        direction: Direction | None = None,
        rate: float | None = None,
        expected: float | None = None,
    ) -> Progress:
        return Progress(
            goal_number=first.goal_number,
            goal_title=first.goal_title,
            indicator=first.indicator,
            series_label=first.series_label,
            unit=next((r.unit for r in (baseline, target, latest) if r and r.unit), None),
            baseline_year=baseline.fiscal_year if baseline else None,
            baseline_value=baseline.value if baseline else None,
            latest_year=latest.fiscal_year if latest else None,
            latest_value=latest.value if latest else None,
            target_year=target.fiscal_year if target else None,
            target_value=target.value if target else None,
            direction=direction,
            achievement_rate=rate,
            expected_rate=expected,
            status=status,
        )

    ends = [r for r in (baseline, target) if r is not None]
    if any(r.kind == "text" for r in ends):
        return make("not_numeric")
    if baseline is None or target is None or baseline.kind != "number" or target.kind != "number":
        return make("no_data")
    if baseline.unit != target.unit or (latest is not None and latest.unit != baseline.unit):
        return make("not_numeric")
    start, goal = baseline.value, target.value
    assert start is not None and goal is not None  # kind number always has a value
    direction: Direction = "higher" if goal > start else "lower" if goal < start else "keep"
    if latest is None or latest.value is None:
        return make("no_data", direction)
    now = latest.value
    if direction == "keep":
        return make("achieved" if now == goal else "behind", direction)
    rate = round((now - start) / (goal - start), RATE_DIGITS)
    expected = _expected_rate(baseline.fiscal_year, latest.fiscal_year, target.fiscal_year)
    reached = now >= goal if direction == "higher" else now <= goal
    if reached:
        return make("achieved", direction, rate, expected)
    on_track = expected is not None and rate >= expected
    return make("on_track" if on_track else "behind", direction, rate, expected)


def _expected_rate(start: int | None, now: int | None, end: int | None) -> float | None:
    """Share of the plan period passed by the latest observation (linear schedule)."""
    if start is None or now is None or end is None or end <= start:
        return None
    return round((now - start) / (end - start), RATE_DIGITS)
