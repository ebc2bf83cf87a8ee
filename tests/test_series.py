"""Series across the years and progress, on the FY2020, FY2021 and FY2022 reference samples.

The expected figures are read off the sample specs (scripts/sample_specs.py: KURUME_2020,
KURUME_2021, KURUME_2022) and worked out by hand here, not taken from the code under test.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import extractor
from extractor import Settings, cli
from extractor.progress import rows_to_progress, series_to_progress
from extractor.series import (
    SERIES_COLUMNS,
    FigureRow,
    SeriesInputError,
    normalise_name,
    paths_to_reports,
    reports_to_series,
)
from tests.conftest import GOLDEN, SAMPLES

YEARS = ("kurume_2020", "kurume_2021", "kurume_2022")
WAITING = "待機児童数"
FRIENDLY = "子育てしやすいまちと思う人の割合"


@pytest.fixture(scope="module")
def reports() -> list[dict[str, Any]]:
    settings = Settings(enrich=False)
    return [extractor.convert(SAMPLES / f"{stem}.pdf", settings).to_dict() for stem in YEARS]


@pytest.fixture(scope="module")
def table(reports: list[dict[str, Any]]) -> Any:
    return reports_to_series(reports)


def _figure(table: Any, indicator: str, year: int, role: str | None = None) -> FigureRow:
    (row,) = [
        r
        for r in table.rows
        if r.indicator == indicator
        and r.fiscal_year == year
        and (role is None or r.role == role)
        and r.series_label is None
    ]
    return row


def test_one_row_per_figure(table: Any) -> None:
    # goals 1 and 2: 2 indicators x 5 figures (基準値 R1, R2, R3, R4, 目標値 R6) each;
    # goal 3: 4 sub-rows x 5 + 1 indicator x 5
    assert len(table.rows) == 10 + 10 + 25
    keys = [
        (r.goal_number, r.indicator, r.series_label, r.role in ("actual", "current"), r.fiscal_year)
        for r in table.rows
    ]
    assert len(keys) == len(set(keys))
    assert table.reports == ("kurume_2020.pdf", "kurume_2021.pdf", "kurume_2022.pdf")
    assert table.warnings == ()


def test_waiting_children_series_by_hand(table: Any) -> None:
    rows = [r for r in table.rows if r.indicator == WAITING]
    assert [(r.role, r.fiscal_year, r.value, r.unit) for r in rows] == [
        ("baseline", 2019, 54, "人"),
        ("actual", 2020, 65, "人"),  # 現状値 in FY2020, 実績 in FY2021 and FY2022: one figure
        ("actual", 2021, 35, "人"),
        ("current", 2022, 12, "人"),
        ("target", 2024, 0, "人"),
    ]
    assert all(r.report_fiscal_year == 2022 and r.source_file == "kurume_2022.pdf" for r in rows)
    assert not any(r.revised for r in rows)


def test_the_planted_revision_is_flagged(table: Any) -> None:
    revised = [r for r in table.rows if r.revised]
    assert len(revised) == 1
    (row,) = revised
    assert (row.indicator, row.fiscal_year, row.raw, row.report_fiscal_year) == (
        FRIENDLY,
        2021,
        "71.9%",
        2022,
    )
    assert [r.to_dict() for r in row.previous_raw] == [
        {"report_fiscal_year": 2021, "source_file": "kurume_2021.pdf", "raw": "71.7%"}
    ]


def test_a_dash_in_a_later_report_does_not_replace_a_printed_figure(table: Any) -> None:
    # FY2020 printed 73.2% as 現状値 R2; FY2021 and FY2022 print － as 実績 R2
    row = _figure(table, FRIENDLY, 2020)
    assert (row.raw, row.kind, row.report_fiscal_year, row.revised) == (
        "73.2%",
        "number",
        2020,
        False,
    )
    # never printed at all: the newest dash stays
    row = _figure(table, "子どものいる生活困難世帯の割合", 2022)
    assert (row.kind, row.report_fiscal_year) == ("missing", 2022)


def test_sub_rows_match_by_label(table: Any) -> None:
    rows = [r for r in table.rows if r.series_label == "中学3年"]
    assert [(r.fiscal_year, r.raw) for r in rows] == [
        (2019, "▲6.3%"),
        (2020, "-"),
        (2021, "▲5.1%"),
        (2022, "▲4.4%"),
        (2024, "小中学校ともに全国平均以上"),
    ]


def test_input_order_does_not_matter(reports: list[dict[str, Any]], table: Any) -> None:
    shuffled = reports[:]
    random.Random(3).shuffle(shuffled)
    assert reports_to_series(shuffled).rows == table.rows


def test_row_columns_are_the_fixed_names(table: Any) -> None:
    assert list(table.rows[0].to_dict()) == list(SERIES_COLUMNS)
    assert SERIES_COLUMNS[0] == "goal_number" and SERIES_COLUMNS[-1] == "previous_raw"


def test_the_same_report_twice_is_no_revision(reports: list[dict[str, Any]]) -> None:
    twin = json.loads((GOLDEN / "kurume_2021_radicals.json").read_text("utf-8"))
    table = reports_to_series([*reports, twin])
    assert len(table.rows) == 45
    assert sum(r.revised for r in table.rows) == 1


def test_renamed_and_dropped_indicators_are_warned_not_merged(
    reports: list[dict[str, Any]],
) -> None:
    changed = copy.deepcopy(reports)
    newest = changed[2]["goals"][1]
    newest["indicators"][0]["name"] = "地域の子育て交流拠点の数"  # renamed in FY2022
    del newest["indicators"][1]  # ワーク・ライフ・バランス… dropped in FY2022
    table = reports_to_series(changed)
    codes = sorted(w.code for w in table.warnings)
    assert codes == [
        "indicator_added",
        "indicator_dropped",
        "indicator_dropped",
        "indicator_renamed",
    ]
    renamed = next(w for w in table.warnings if w.code == "indicator_renamed")
    assert "子育て中の人が地域で交流できる場の数" in renamed.message
    assert "地域の子育て交流拠点の数" in renamed.message
    names = {r.indicator for r in table.rows if r.goal_number == 2}
    assert names == {
        "子育て中の人が地域で交流できる場の数",
        "地域の子育て交流拠点の数",
        "ワーク・ライフ・バランスの環境整備が進んだと思う人の割合",
    }


def test_a_footnote_mark_does_not_split_an_indicator(reports: list[dict[str, Any]]) -> None:
    changed = copy.deepcopy(reports)
    changed[0]["goals"][0]["indicators"][1]["name"] = "待機児童数※1"
    table = reports_to_series(changed)
    assert table.warnings == ()
    assert {r.indicator for r in table.rows if r.goal_number == 1} == {FRIENDLY, WAITING}


def test_repeated_names_in_a_goal_match_by_source(reports: list[dict[str, Any]]) -> None:
    changed = copy.deepcopy(reports)
    for report in changed:
        indicators = report["goals"][1]["indicators"]
        indicators[1]["name"] = indicators[0]["name"]  # same name, different 評価指標
    table = reports_to_series(changed)
    assert table.warnings == ()
    assert len(table.rows) == 45
    assert sum(r.revised for r in table.rows) == 1


def test_reports_of_different_plans_are_refused(reports: list[dict[str, Any]]) -> None:
    other = json.loads((GOLDEN / "other_city_heisei.json").read_text("utf-8"))
    with pytest.raises(SeriesInputError, match="2 plans"):
        reports_to_series([*reports, other])


def test_normalise_name() -> None:
    assert normalise_name("放課後児童クラブの待機児童数※1") == "放課後児童クラブの待機児童数"
    assert normalise_name("子どもの生活実態調査による数値（※）") == "子どもの生活実態調査による数値"
    assert normalise_name("全国（小）") == normalise_name("全国(小)")
    assert normalise_name(None) == ""


def test_paths_to_reports_reads_folders_and_skips_the_run_report(tmp_path: Path) -> None:
    for stem in YEARS:
        (tmp_path / f"{stem}.json").write_bytes((GOLDEN / f"{stem}.json").read_bytes())
    run_report = {"tool": {"name": "extractor"}, "files": [], "totals": {}}
    (tmp_path / "_run.json").write_text(json.dumps(run_report), encoding="utf-8")
    assert [r["fiscal_year"] for r in paths_to_reports([tmp_path])] == [2020, 2021, 2022]
    every_json = sorted(tmp_path.glob("*.json"))  # out/*.json names the run report too
    assert [r["fiscal_year"] for r in paths_to_reports(every_json)] == [2020, 2021, 2022]
    (tmp_path / "broken.json").write_text('{"goals": []}', encoding="utf-8")
    with pytest.raises(SeriesInputError, match=r"broken\.json: not a converted report"):
        paths_to_reports([tmp_path])


# --- progress ---------------------------------------------------------------------------------


def test_progress_by_hand(table: Any) -> None:
    progress = {(p.indicator, p.series_label): p for p in series_to_progress(table)}
    assert len(progress) == 9
    # 待機児童数: baseline 54 (R1), latest 12 (R4), target 0 (R6): lower is better;
    # (12 - 54) / (0 - 54) = 42 / 54 = 0.7778; 3 of 5 years passed = 0.6 -> on track
    waiting = progress[(WAITING, None)]
    assert (waiting.baseline_year, waiting.baseline_value) == (2019, 54)
    assert (waiting.latest_year, waiting.latest_value) == (2022, 12)
    assert (waiting.target_year, waiting.target_value) == (2024, 0)
    assert waiting.direction == "lower"
    assert waiting.achievement_rate == 0.7778
    assert waiting.expected_rate == 0.6
    assert waiting.status == "on_track"
    # (74.6 - 75.0) / (80.0 - 75.0) = -0.08: moving away from the target
    friendly = progress[(FRIENDLY, None)]
    assert (friendly.achievement_rate, friendly.status) == (-0.08, "behind")
    # (47 - 42) / (58 - 42) = 0.3125 < 0.6
    places = progress[("子育て中の人が地域で交流できる場の数", None)]
    assert (places.achievement_rate, places.status) == (0.3125, "behind")
    # (50.3 - 40.8) / (50.0 - 40.8) = 9.5 / 9.2 = 1.0326: past the target
    balance = progress[("ワーク・ライフ・バランスの環境整備が進んだと思う人の割合", None)]
    assert (balance.achievement_rate, balance.status) == (1.0326, "achieved")
    # target 小中学校ともに全国平均以上 is text
    pupils = progress[("自分にはよいところがあると思う児童生徒の割合", "小学6年")]
    assert (pupils.status, pupils.achievement_rate, pupils.latest_value) == (
        "not_numeric",
        None,
        -2.7,
    )
    # never observed after the baseline (－ in every report)
    poverty = progress[("子どものいる生活困難世帯の割合", None)]
    assert (poverty.status, poverty.latest_year) == ("no_data", None)


def _row(
    role: str, year: int, value: float | None, unit: str | None = "人", **kw: Any
) -> FigureRow:
    kind = kw.pop("kind", "number" if value is not None else "missing")
    return FigureRow(
        goal_number=1,
        goal_title="g",
        indicator="i",
        series_label=None,
        role=role,
        fiscal_year=year,
        era=None,
        value=value,
        unit=unit,
        raw=str(value),
        kind=kind,
        report_fiscal_year=2022,
        source_file="x.pdf",
        page=1,
        **kw,
    )


@pytest.mark.parametrize(
    ("rows", "status", "rate"),
    [
        # higher is better, half way after 2 of 4 years: exactly on schedule
        (
            [_row("baseline", 2020, 10), _row("current", 2022, 15), _row("target", 2024, 20)],
            "on_track",
            0.5,
        ),
        (
            [_row("baseline", 2020, 10), _row("current", 2022, 14), _row("target", 2024, 20)],
            "behind",
            0.4,
        ),
        (
            [_row("baseline", 2020, 10), _row("current", 2022, 20), _row("target", 2024, 20)],
            "achieved",
            1.0,
        ),
        # lower is better and reached
        (
            [_row("baseline", 2020, 54), _row("actual", 2023, 0), _row("target", 2024, 0)],
            "achieved",
            1.0,
        ),
        # the latest observation wins over earlier ones
        (
            [
                _row("baseline", 2020, 10),
                _row("actual", 2021, 19),
                _row("current", 2022, 11),
                _row("target", 2024, 20),
            ],
            "behind",
            0.1,
        ),
        # keep the level: no rate
        (
            [_row("baseline", 2020, 5), _row("current", 2022, 5), _row("target", 2024, 5)],
            "achieved",
            None,
        ),
        (
            [_row("baseline", 2020, 5), _row("current", 2022, 4), _row("target", 2024, 5)],
            "behind",
            None,
        ),
        # units differ: not comparable
        (
            [_row("baseline", 2020, 5), _row("current", 2022, 6, "%"), _row("target", 2024, 9)],
            "not_numeric",
            None,
        ),
        # a dash as baseline
        (
            [_row("baseline", 2020, None), _row("current", 2022, 6), _row("target", 2024, 9)],
            "no_data",
            None,
        ),
        # an observation in the baseline year is not progress
        (
            [_row("baseline", 2020, 5), _row("actual", 2020, 6), _row("target", 2024, 9)],
            "no_data",
            None,
        ),
        ([_row("baseline", 2020, 5), _row("target", 2024, None, kind="text")], "not_numeric", None),
    ],
)
def test_progress_rules(rows: list[FigureRow], status: str, rate: float | None) -> None:
    progress = rows_to_progress(rows)
    assert (progress.status, progress.achievement_rate) == (status, rate)


# --- the command ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("converted")
    result = CliRunner().invoke(
        cli.main, ["convert", *(str(SAMPLES / f"{s}.pdf") for s in YEARS), "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    return out


def test_series_command_writes_csv_that_pandas_reads(converted: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / "series.csv"
    result = CliRunner().invoke(cli.main, ["series", str(converted), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "45 figures from 3 reports" in result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert list(frame.columns) == list(SERIES_COLUMNS)
    assert len(frame) == 45
    waiting = frame[(frame.indicator == WAITING) & (frame.role == "target")].iloc[0]
    assert (waiting.goal_title, waiting.value, waiting.unit) == (
        "安心して生み育てられる環境づくり",
        0,
        "人",
    )
    revised = frame[frame.revised]
    assert len(revised) == 1
    assert json.loads(revised.iloc[0].previous_raw)[0]["raw"] == "71.7%"


def test_series_command_progress_and_jsonl(converted: Path, tmp_path: Path) -> None:
    out = tmp_path / "progress.jsonl"
    result = CliRunner().invoke(cli.main, ["series", str(converted), "--progress", "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(lines) == 9
    waiting = next(line for line in lines if line["indicator"] == WAITING)
    assert (waiting["status"], waiting["achievement_rate"]) == ("on_track", 0.7778)


def test_series_command_parquet_reads_back(converted: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "series.parquet"
    result = CliRunner().invoke(cli.main, ["series", str(converted), "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.column_names == list(SERIES_COLUMNS)
    rows = table.to_pylist()
    assert len(rows) == 45
    assert {r["indicator"] for r in rows if r["revised"]} == {FRIENDLY}
    assert str(table.schema.field("value").type) == "double"


def test_series_command_parquet_without_pyarrow(
    converted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(__import__("sys").modules, "pyarrow", None)
    result = CliRunner().invoke(
        cli.main, ["series", str(converted), "-o", str(tmp_path / "s.parquet")]
    )
    assert result.exit_code == 1
    assert "missing_dependency" in result.output and "pyarrow" in result.output
    assert not (tmp_path / "s.parquet").exists()


def test_series_command_usage_errors(converted: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli.main, ["series", str(converted), "-o", str(tmp_path / "s.xlsx")]
    )
    assert result.exit_code == 2
    assert "unknown output format .xlsx" in result.output
    other = tmp_path / "other.json"
    other.write_bytes((GOLDEN / "other_city_heisei.json").read_bytes())
    result = CliRunner().invoke(
        cli.main, ["series", str(converted), str(other), "-o", str(tmp_path / "s.csv")]
    )
    assert result.exit_code == 2
    assert "run series once per plan" in result.output


def test_series_command_lists_warnings(converted: Path, tmp_path: Path) -> None:
    newest = json.loads((converted / "kurume_2022.json").read_text("utf-8"))
    del newest["goals"][0]["indicators"][0]
    folder = tmp_path / "in"
    folder.mkdir()
    for stem in YEARS[:2]:
        (folder / f"{stem}.json").write_bytes((converted / f"{stem}.json").read_bytes())
    (folder / "kurume_2022.json").write_text(json.dumps(newest, ensure_ascii=False), "utf-8")
    result = CliRunner().invoke(cli.main, ["series", str(folder), "-o", str(tmp_path / "s.csv")])
    assert result.exit_code == 0, result.output
    assert f"series: indicator_dropped: goal 1: 「{FRIENDLY}」" in result.output


def test_readme_series_example_runs(
    converted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text("utf-8")
    (block,) = [
        b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if "reports_to_series" in b
    ]
    (tmp_path / "out").symlink_to(converted)
    (tmp_path / "samples").symlink_to(SAMPLES)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    exec(compile(block, "README.md", "exec"), namespace)
    assert len(namespace["table"].rows) == 45
    assert [r.fiscal_year for r in namespace["revised"]] == [2021]
    assert (tmp_path / "series.csv").exists() and (
        tmp_path / "inspect" / "kurume_2021-p4.png"
    ).exists()
    assert namespace["html"].count('<svg class="chart"') == 9


@pytest.mark.parametrize("command", ["series", "report", "inspect"])
def test_new_commands_have_help_with_examples(command: str) -> None:
    result = CliRunner().invoke(cli.main, [command, "--help"])
    assert result.exit_code == 0
    assert f"extractor {command} " in result.output.split("Examples:")[1]
    assert f"extractor {command}" in CliRunner().invoke(cli.main, ["--help"]).output
