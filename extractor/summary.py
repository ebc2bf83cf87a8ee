"""One self-contained HTML page for a plan: goals, indicators, a chart per series (``report``).

The charts are inline SVG drawn here, so the page needs no server, no network and no script
(a small inline script only adds a status filter). It reads on a phone and a desktop: cards
flow into as many columns as fit, and the SVGs scale to the card width.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from string import Template
from typing import Any

from extractor.progress import Progress, series_to_progress
from extractor.series import FigureRow, SeriesTable, reports_to_series

#: Status names as the page shows them.
STATUS_NAMES = {
    "achieved": "達成",
    "on_track": "順調",
    "behind": "遅れ",
    "no_data": "データなし",
    "not_numeric": "数値以外",
}
ROLE_NAMES = {"baseline": "基準値", "actual": "実績", "current": "現状値", "target": "目標値"}


@dataclass(frozen=True)
class ChartStyle:
    """Geometry of one chart (SVG user units; the chart scales to its card)."""

    width: int = 360
    height: int = 170
    left: int = 48
    right: int = 14
    top: int = 14
    bottom: int = 26


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _observations(rows: Iterable[FigureRow]) -> list[FigureRow]:
    return sorted(
        (
            r
            for r in rows
            if r.role in ("actual", "current") and r.kind == "number" and r.fiscal_year
        ),
        key=lambda r: r.fiscal_year or 0,
    )


def _end(rows: Iterable[FigureRow], role: str) -> FigureRow | None:
    ends = [r for r in rows if r.role == role and r.kind == "number"]
    return max(ends, key=lambda r: (r.report_fiscal_year or 0, r.fiscal_year or 0), default=None)


def rows_to_svg(rows: Sequence[FigureRow], style: ChartStyle = ChartStyle()) -> str:
    """A chart of one series: observations by fiscal year, baseline and target lines."""
    observed = _observations(rows)
    baseline, target = _end(rows, "baseline"), _end(rows, "target")
    numbers = [r for r in (*observed, baseline, target) if r is not None]
    years = [r.fiscal_year for r in numbers if r.fiscal_year is not None]
    w, h = style.width, style.height
    x_left, x_right = style.left, w - style.right
    y_top, y_bottom = style.top, h - style.bottom
    parts = [
        f'<svg class="chart" viewBox="0 0 {w} {h}" role="img" xmlns="http://www.w3.org/2000/svg">',
        f'<line class="axis" x1="{x_left}" y1="{y_bottom}" x2="{x_right}" y2="{y_bottom}"/>',
        f'<line class="axis" x1="{x_left}" y1="{y_top}" x2="{x_left}" y2="{y_bottom}"/>',
    ]
    if not numbers or not years:
        parts.append(
            f'<text x="{(x_left + x_right) / 2}" y="{(y_top + y_bottom) / 2}" '
            'text-anchor="middle">数値なし</text></svg>'
        )
        return "".join(parts)
    first_year, last_year = min(years), max(years)
    if first_year == last_year:
        first_year, last_year = first_year - 1, last_year + 1
    values = [float(r.value) for r in numbers if r.value is not None]
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad

    def x(year: int) -> float:
        return round(
            x_left + (year - first_year) / (last_year - first_year) * (x_right - x_left), 1
        )

    def y(value: float) -> float:
        return round(y_bottom - (value - low) / (high - low) * (y_bottom - y_top), 1)

    for year in range(first_year, last_year + 1):
        parts.append(f'<text x="{x(year)}" y="{h - 8}" text-anchor="middle">{year}</text>')
    unit = next((r.unit for r in numbers if r.unit), "") or ""
    for value in (high - pad, low + pad):
        label = f"{value:g}{unit}"
        parts.append(
            f'<text x="{x_left - 4}" y="{y(value) + 4}" text-anchor="end">{_e(label)}</text>'
        )
    for row, css, word in ((baseline, "baseline", "基準"), (target, "target", "目標")):
        if row is None or row.value is None:
            continue
        level = y(float(row.value))
        parts.append(
            f'<line class="{css}" x1="{x_left}" y1="{level}" x2="{x_right}" y2="{level}">'
            f"<title>{word} {_e(row.raw)} ({_e(row.era or row.fiscal_year)})</title></line>"
            f'<text class="{css}-label" x="{x_left + 4}" y="{level - 3}">{word}</text>'
        )
    if target is not None and target.value is not None and target.fiscal_year is not None:
        parts.append(
            f'<circle class="target-dot" cx="{x(target.fiscal_year)}" '
            f'cy="{y(float(target.value))}" r="4"><title>目標 {_e(target.raw)}</title></circle>'
        )
    if observed:
        points = " ".join(f"{x(r.fiscal_year or 0)},{y(float(r.value or 0))}" for r in observed)
        parts.append(f'<polyline class="obs" points="{points}"/>')
        for r in observed:
            revised = " revised" if r.revised else ""
            note = "".join(f"; 以前の値 {p.raw} (FY{p.report_fiscal_year})" for p in r.previous_raw)
            parts.append(
                f'<circle class="dot{revised}" cx="{x(r.fiscal_year or 0)}" '
                f'cy="{y(float(r.value or 0))}" r="3.5"><title>{_e(r.era or r.fiscal_year)} '
                f"{_e(r.raw)}{_e(note)}</title></circle>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _rate(progress: Progress) -> str:
    if progress.achievement_rate is None:
        return ""
    text = f"達成率 {progress.achievement_rate * 100:.0f}%"
    if progress.expected_rate is not None:
        text += f"(期間経過 {progress.expected_rate * 100:.0f}%)"
    return f'<span class="rate">{_e(text)}</span>'


def _values_table(rows: Sequence[FigureRow]) -> str:
    body = []
    for r in rows:
        mark = ""
        if r.revised:
            before = ", ".join(f"{p.raw} (FY{p.report_fiscal_year})" for p in r.previous_raw)
            mark = f' <span class="revised-mark" title="以前の値: {_e(before)}">修正</span>'
        body.append(
            f"<tr><td>{_e(r.era or r.fiscal_year or '')}</td><td>{ROLE_NAMES[r.role]}</td>"
            f'<td class="num">{_e(r.raw)}{mark}</td></tr>'
        )
    return (
        '<table class="values"><thead><tr><th>年度</th><th>区分</th><th>値</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _card(rows: Sequence[FigureRow], progress: Progress) -> str:
    label = (
        f'<p class="series-label">{_e(progress.series_label)}</p>' if progress.series_label else ""
    )
    status = progress.status
    return (
        f'<article class="card" data-status="{status}"><h3>{_e(progress.indicator)}</h3>{label}'
        f'<p><span class="status {status}">{STATUS_NAMES[status]}</span>{_rate(progress)}</p>'
        f"{rows_to_svg(rows)}{_values_table(rows)}</article>"
    )


def series_to_html(
    table: SeriesTable, progress: Sequence[Progress], title: str | None = None
) -> str:
    """The whole page for one plan's series table and its progress rows."""
    from extractor import __version__

    by_series: dict[tuple[int, str, str | None], list[FigureRow]] = {}
    for row in table.rows:
        by_series.setdefault((row.goal_number, row.indicator, row.series_label), []).append(row)
    goals: dict[int, list[str]] = {}
    goal_titles: dict[int, str] = {}
    for p in progress:
        rows = by_series[(p.goal_number, p.indicator, p.series_label)]
        goals.setdefault(p.goal_number, []).append(_card(rows, p))
        goal_titles[p.goal_number] = p.goal_title
    body = "".join(
        f'<section><h2>基本目標{n} {_e(goal_titles[n])}</h2><div class="grid">{"".join(cards)}'
        "</div></section>"
        for n, cards in sorted(goals.items())
    )
    counts = {s: sum(p.status == s for p in progress) for s in STATUS_NAMES}
    totals = "".join(
        f'<li><span class="status {s}">{STATUS_NAMES[s]} {n}</span></li>'
        for s, n in counts.items()
        if n
    )
    buttons = [("all", "すべて", "true")]
    buttons += [(s, STATUS_NAMES[s], "false") for s, n in counts.items() if n]
    filters = "".join(
        f'<button type="button" data-status="{s}" aria-pressed="{pressed}">{name}</button>'
        for s, name, pressed in buttons
    )
    warnings = "".join(f"<li>{_e(w.message)}</li>" for w in table.warnings)
    heading = title or "計画の進捗"
    header = (
        f"<h1>{_e(heading)}</h1>"
        f'<p class="meta">{len(progress)} 系列 / 報告 {len(table.reports)} 件: '
        f"{_e(', '.join(table.reports))}</p>"
        f'<ul class="totals">{totals}</ul>'
        f'<div class="filters" role="group" aria-label="状況で絞り込み">{filters}</div>'
        + (f'<ul class="warnings">{warnings}</ul>' if warnings else "")
    )
    footer = (
        f"extractor {_e(__version__)} が作成。達成率 = (最新値 − 基準値) / (目標値 − 基準値)。"
        "順調 = 達成率が期間経過の割合以上。赤い輪の点は以前の報告から修正された値。"
    )
    template = resources.files("extractor").joinpath("data", "summary.html").read_text("utf-8")
    return Template(template).substitute(
        title=_e(heading),
        generator=_e(f"extractor {__version__}"),
        header=header,
        body=body,
        footer=footer,
    )


def plan_title(reports: Iterable[dict[str, Any]]) -> str | None:
    """The page title: the newest report's title."""
    newest = max(reports, key=lambda r: (r.get("fiscal_year") or -1, r["source"]["file"]))
    return newest.get("title")


def reports_to_html(reports: Iterable[dict[str, Any]]) -> str:
    """The summary page of one plan's converted reports."""
    reports = list(reports)
    table = reports_to_series(reports)
    return series_to_html(table, series_to_progress(table), plan_title(reports))
