"""The built distribution works outside the repository.

``make test`` installs the package in editable mode, which hides package data missing from the
wheel (schemas, Unicode tables, the HTML template). Here the project is built the way a release
is (``python -m build``: sdist, then the wheel from the sdist), installed into a fresh venv in a
temporary folder, and run from there on a sample. About 15 s.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import GOLDEN, REPO, SAMPLES
from tests.golden_diff import diff_reports

DISTRIBUTION = "plan-progress-extractor"
#: What a build needs from the checkout (copied, so the build leaves no egg-info behind).
SOURCES = ("pyproject.toml", "README.md", "extractor")


def _run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{command}: {result.stdout[-2000:]}{result.stderr[-2000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv outside the checkout with the built wheel installed; its bin folder."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    for name in SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, source / name)
    dist = root / "dist"
    _run(sys.executable, "-m", "build", "--outdir", dist, source, cwd=root)
    wheels = sorted(dist.glob("*.whl"))
    assert [w.name for w in wheels] == ["plan_progress_extractor-0.1.0-py3-none-any.whl"]
    env = root / "venv"
    venv.create(env, with_pip=True)
    bin_dir = env / "bin"
    _run(bin_dir / "python", "-m", "pip", "install", "--quiet", wheels[0], cwd=root)
    return bin_dir


def test_the_installed_package_is_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    where = _run(
        installed / "python", "-c", "import extractor; print(extractor.__file__)", cwd=tmp_path
    )
    assert REPO not in Path(where.stdout.strip()).parents
    shown = _run(installed / "python", "-m", "pip", "show", DISTRIBUTION, cwd=tmp_path)
    assert f"Name: {DISTRIBUTION}" in shown.stdout


def test_convert_validate_series_and_report_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    for stem in ("kurume_2020", "kurume_2021", "kurume_2022"):
        shutil.copy2(SAMPLES / f"{stem}.pdf", samples)
    extractor = installed / "extractor"
    _run(extractor, "convert", samples, "-o", "out", "--no-enrich", cwd=tmp_path)
    out = tmp_path / "out"
    expected = json.loads((GOLDEN / "kurume_2022.json").read_text("utf-8"))
    actual = json.loads((out / "kurume_2022.json").read_text("utf-8"))
    assert diff_reports(expected, actual) == []
    every_json = sorted(out.glob("*.json"))
    _run(extractor, "validate", *every_json, cwd=tmp_path)  # the run report schema is packaged
    _run(extractor, "series", out, "-o", "series.csv", cwd=tmp_path)
    assert len((tmp_path / "series.csv").read_text("utf-8-sig").splitlines()) == 1 + 45
    _run(extractor, "report", out, "-o", "summary.html", cwd=tmp_path)  # the template too
    assert (tmp_path / "summary.html").read_text("utf-8").count('<svg class="chart"') == 9
