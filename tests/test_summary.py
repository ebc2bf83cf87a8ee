"""``extractor report``: one self-contained HTML page, checked in a real headless Chromium.

The browser tests need Debian's ``chromium`` (``.ci/run`` installs it); on a machine without
any Chromium they are skipped, saying so.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor import Settings, cli, convert
from extractor.series import reports_to_series
from extractor.summary import reports_to_html, rows_to_svg
from tests.conftest import SAMPLES

YEARS = ("kurume_2020", "kurume_2021", "kurume_2022")
SERIES = 9  # 2 + 2 + (4 sub-rows + 1) indicators' series in the reference plan

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER = next((found for name in BROWSERS if (found := shutil.which(name))), None)
needs_browser = pytest.mark.skipif(
    BROWSER is None,
    reason="no headless Chromium on this machine (Debian: apt-get install chromium; "
    ".ci/run installs it)",
)


@pytest.fixture(scope="module")
def reports() -> list[dict[str, Any]]:
    settings = Settings(enrich=False)
    return [convert(SAMPLES / f"{stem}.pdf", settings).to_dict() for stem in YEARS]


@pytest.fixture(scope="module")
def page(reports: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("summary") / "summary.html"
    path.write_text(reports_to_html(reports), encoding="utf-8")
    return path


def test_page_is_self_contained(page: Path) -> None:
    text = page.read_text("utf-8")
    assert text.count('<svg class="chart"') == SERIES
    assert not re.search(r"<link|<img|@import|url\(|src=|https?://(?!www\.w3\.org/2000/svg)", text)
    assert '<meta name="viewport"' in text and '<html lang="ja">' in text


def test_page_shows_statuses_and_the_revision(page: Path) -> None:
    text = page.read_text("utf-8")
    # one card per series, with its status (see tests/test_series.py for the figures)
    statuses = re.findall(r'<article class="card" data-status="(\w+)"', text)
    assert sorted(statuses) == sorted(
        ["behind", "on_track", "behind", "achieved", *["not_numeric"] * 4, "no_data"]
    )
    assert text.count('class="revised-mark"') == 1
    assert 'title="以前の値: 71.7% (FY2021)"' in text
    assert "達成率 78%(期間経過 60%)" in text  # 待機児童数: 42 / 54


def test_names_are_escaped(reports: list[dict[str, Any]]) -> None:
    changed = copy.deepcopy(reports)
    for report in changed:
        report["goals"][0]["indicators"][1]["name"] = "<script>alert(1)</script>"
    text = reports_to_html(changed)
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_chart_of_the_waiting_children(reports: list[dict[str, Any]]) -> None:
    rows = [r for r in reports_to_series(reports).rows if r.indicator == "待機児童数"]
    svg = rows_to_svg(rows)
    points = re.search(r'<polyline class="obs" points="([^"]+)"', svg)
    assert points is not None
    # 65, 35, 12 for 2020-2022: three points, each lower on the chart (larger y) than before
    ys = [float(p.split(",")[1]) for p in points[1].split()]
    assert len(ys) == 3 and ys[0] < ys[1] < ys[2]
    assert svg.count('class="baseline"') == 1 and svg.count('class="target"') == 1


def test_chart_without_numbers_says_so() -> None:
    assert "数値なし" in rows_to_svg([])


def test_report_command(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(
        cli.main, ["convert", *(str(SAMPLES / f"{s}.pdf") for s in YEARS), "-o", str(out), "-q"]
    )
    assert result.exit_code == 0, result.output
    html = tmp_path / "進捗.html"
    result = runner.invoke(cli.main, ["report", str(out), "-o", str(html)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{SERIES} series from 3 reports -> {html}"
    assert html.read_text("utf-8").count('<svg class="chart"') == SERIES


def _chromium(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    command = [
        BROWSER,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _body_attributes(dom: str) -> dict[str, str]:
    body = re.search(r"<body([^>]*)>", dom)
    assert body is not None, dom[:500]
    return dict(re.findall(r'([\w-]+)="([^"]*)"', body[1]))


@needs_browser
@pytest.mark.parametrize("window", ["1280,900", "390,844"], ids=["desktop", "phone"])
def test_page_renders_in_headless_chromium(page: Path, tmp_path: Path, window: str) -> None:
    result = _chromium(f"--window-size={window}", "--dump-dom", page.as_uri(), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], "console messages:\n" + "\n".join(console)
    attributes = _body_attributes(result.stdout)
    assert attributes["data-errors"] == "0"
    assert attributes["data-charts"] == str(SERIES)
    assert attributes["data-charts-drawn"] == str(SERIES)  # every chart has a size on screen
    assert attributes["data-overflow"] == "false"  # nothing wider than the window


@needs_browser
def test_screenshot_is_not_blank(page: Path, tmp_path: Path) -> None:
    from PIL import Image

    shot = tmp_path / "phone.png"
    result = _chromium(
        "--window-size=390,1600", f"--screenshot={shot}", page.as_uri(), tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stderr[-2000:]
    with Image.open(shot) as image:
        assert image.size == (390, 1600)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) > 50  # text, charts and badges drawn


@needs_browser
def test_the_browser_check_sees_a_broken_page(page: Path, tmp_path: Path) -> None:
    """The same check fails on the page with a script error and a chart hidden."""
    text = page.read_text("utf-8")
    text = text.replace('<svg class="chart"', '<svg style="display:none" class="chart"', 1)
    text = text.replace("</main>", "</main><script>undefinedFunction();</script>")
    broken = tmp_path / "broken.html"
    broken.write_text(text, encoding="utf-8")
    result = _chromium("--window-size=1280,900", "--dump-dom", broken.as_uri(), tmp_path=tmp_path)
    assert any("undefinedFunction" in line for line in result.stderr.splitlines())
    attributes = _body_attributes(result.stdout)
    assert attributes["data-charts-drawn"] == str(SERIES - 1)
