"""The run report (``_run.json``) has a schema of its own, and ``validate`` checks it with it."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor import cli
from extractor.batch import FileResult, RunReport
from extractor.validate import (
    document_kind,
    document_to_errors,
    load_schema,
    report_to_errors,
    run_report_to_errors,
)
from tests.conftest import GOLDEN, REPO, SAMPLES


def _run_report() -> dict[str, Any]:
    started = dt.datetime(2026, 4, 1, 9, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    files = [
        FileResult("a.pdf", "out/a.json", "converted", warnings=2, pages=5, seconds=0.25),
        FileResult("b.pdf", "out/b.json", "skipped", pages=3),
        FileResult("c.pdf", None, "failed", code="not_a_report", message="no headings"),
        FileResult("d.pdf", None, "interrupted"),
    ]
    report = RunReport(files, "out", started, started + dt.timedelta(seconds=3), 2, False, 300.0)
    return report.to_dict()


def test_a_run_report_is_valid_and_recognised() -> None:
    document = _run_report()
    assert document_kind(document) == "run"
    assert run_report_to_errors(document) == []
    assert document_to_errors(document) == []
    assert report_to_errors(document) != []  # it is no report


def test_schema_file_in_repo_is_the_packaged_one() -> None:
    on_disk = json.loads((REPO / "schemas" / "run.schema.json").read_text("utf-8"))
    assert on_disk == load_schema("run")


BROKEN = [
    (("tool", "name"), "other"),
    (("started",), "yesterday"),
    (("elapsed_seconds",), -1),
    (("options", "password"), "secret"),
    (("options", "extra"), 1),
    (("totals", "failed"), -1),
    (("files", 0, "status"), "done"),
    (("files", 2, "code"), None),  # a failed file says why
    (("files", 0, "output"), None),  # a converted file names its output
    (("files", 2, "output"), "out/c.json"),
    (("files", 1, "seconds"), "0"),
    (("extra",), True),
]


@pytest.mark.parametrize(("path", "value"), BROKEN, ids=[f"{p}={v!r}" for p, v in BROKEN])
def test_a_broken_run_report_is_rejected(path: tuple[Any, ...], value: Any) -> None:
    document = copy.deepcopy(_run_report())
    node: Any = document
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    assert document_to_errors(document), f"{path}={value!r} should be rejected"


def test_validate_checks_a_fresh_run_of_every_sample(tmp_path: Path) -> None:
    """`extractor validate out/*.json` after `make run` (which converts samples/ into out/)."""
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(cli.main, ["convert", str(SAMPLES), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    every_json = sorted(str(p) for p in out.glob("*.json"))
    assert str(out / "_run.json") in every_json
    result = runner.invoke(cli.main, ["validate", *every_json])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{len(every_json)} valid, 0 invalid"
    assert runner.invoke(cli.main, ["validate", str(out)]).exit_code == 0


def test_validate_names_an_invalid_run_report(tmp_path: Path) -> None:
    document = _run_report()
    document["totals"]["files"] = "four"
    (tmp_path / "_run.json").write_text(json.dumps(document), "utf-8")
    (tmp_path / "a.json").write_bytes((GOLDEN / "kurume_2021.json").read_bytes())
    result = CliRunner().invoke(cli.main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'{tmp_path / "_run.json"}: invalid_output: totals/files: "four" is not of type "integer"'
    ]
    assert result.stdout.strip() == "1 valid, 1 invalid"
