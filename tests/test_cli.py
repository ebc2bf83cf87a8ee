"""The ``extractor`` command, in process with click's ``CliRunner``.

``convert`` runs real worker processes; most tests give it a fake converter (by wrapping
``extractor.cli.convert_batch``) so they test the command line, not the pipeline. The tests at
the end run the real pipeline over ``samples/``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import extractor
from extractor import batch, cli
from extractor.batch import FileResult
from tests import broken_fixtures as bf
from tests.conftest import GOLDEN, SAMPLES
from tests.fixtures_tables import PageSpec, build_pdf, simple_table


def run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli.main, [str(a) for a in args], env=env)


@pytest.fixture
def fake_convert(monkeypatch: pytest.MonkeyPatch) -> Callable[[Any], None]:
    """Make ``extractor convert`` use a fake converter (default ``fake_by_name``)."""

    def use(converter: Any = bf.fake_by_name) -> None:
        wrapped = functools.partial(batch.convert_batch, converter=converter)
        monkeypatch.setattr(cli, "convert_batch", wrapped)

    use()
    return use


# --- help and version -------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == (
        f"extractor {extractor.__version__} (report schema {extractor.SCHEMA_VERSION})"
    )


@pytest.mark.parametrize("command", [[], ["convert"], ["validate"], ["text"]])
def test_every_help_has_examples(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert "extractor " in result.output.split("Examples:")[1]


# --- usage errors: exit status 2 --------------------------------------------------------------


def test_no_pdfs_found(tmp_path: Path, fake_convert: Any) -> None:
    (tmp_path / "sub").mkdir()
    bf.make_report_pdf(tmp_path / "sub")
    result = run("convert", tmp_path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "no PDF files found" in result.stderr and "--recursive" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["convert"],
        ["convert", "{pdf}", "--jobs", "0"],
        ["convert", "{pdf}", "--timeout", "0"],
        ["convert", "{pdf}", "--max-pages", "-1"],
        ["convert", "{pdf}", "--bogus"],
        ["validate"],
        ["text", "does-not-exist.pdf"],
        ["nonsense"],
    ],
)
def test_usage_errors(args: list[str], tmp_path: Path, fake_convert: Any) -> None:
    pdf = bf.make_report_pdf(tmp_path)
    result = run(*(a.format(pdf=pdf) for a in args))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output + result.stderr


# --- convert ----------------------------------------------------------------------------------


def test_convert_logs_each_file_and_ends_with_a_summary(tmp_path: Path, fake_convert: Any) -> None:
    (tmp_path / "in").mkdir()
    bf.make_report_pdf(tmp_path / "in", "a.pdf")
    bf.make_report_pdf(tmp_path / "in", "b.pdf")
    out = tmp_path / "out"
    result = run("convert", tmp_path / "in", "-o", out, "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    log = result.stderr.splitlines()
    assert len(log) == 2 and all(" converted " in line for line in log)
    assert any(line.startswith("[1/2] ") for line in log)
    (summary,) = result.stdout.splitlines()
    assert summary.startswith("2 converted, 0 skipped, 0 failed, 0 warnings, ")
    assert str(out / "_run.json") in summary
    assert sorted(p.name for p in out.glob("*.json")) == ["_run.json", "a.json", "b.json"]

    again = run("convert", tmp_path / "in", "-o", out)
    assert again.exit_code == 0
    assert again.stdout.startswith("0 converted, 2 skipped, 0 failed")
    forced = run("convert", tmp_path / "in", "-o", out, "--force")
    assert forced.stdout.startswith("2 converted, 0 skipped")


def test_default_outdir_is_out(
    tmp_path: Path, fake_convert: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    bf.make_report_pdf(tmp_path, "a.pdf")
    assert run("convert", "a.pdf").exit_code == 0
    assert (tmp_path / "out" / "a.json").exists() and (tmp_path / "out" / "_run.json").exists()


def test_quiet_prints_only_errors_and_the_summary(tmp_path: Path, fake_convert: Any) -> None:
    good = bf.make_report_pdf(tmp_path, "good.pdf")
    bad = bf.make_report_pdf(tmp_path, "damaged.pdf")
    result = run("convert", good, bad, "-o", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{bad}: damaged: fake damaged"]
    assert result.stdout.startswith("1 converted, 0 skipped, 1 failed")


def test_terminal_gets_a_progress_bar(
    tmp_path: Path, fake_convert: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_isatty", lambda stream: True)
    good = bf.make_report_pdf(tmp_path, "good.pdf")
    bad = bf.make_report_pdf(tmp_path, "encrypted.pdf")
    result = run("convert", good, bad, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "2/2" in result.stderr and "file" in result.stderr  # tqdm's bar
    assert f"{bad}: encrypted: fake encrypted" in result.stderr.splitlines()
    assert " converted " not in result.stderr, "no per-file log lines under the bar"


def test_recursive(tmp_path: Path, fake_convert: Any) -> None:
    bf.make_report_pdf(tmp_path, "top.pdf")
    (tmp_path / "2021").mkdir()
    bf.make_report_pdf(tmp_path / "2021", "deep.pdf")
    out = tmp_path / "out"
    assert run("convert", tmp_path, "-o", out).stdout.startswith("1 converted")
    assert run("convert", tmp_path, "-o", out, "-r").stdout.startswith("1 converted, 1 skipped")


def test_same_name_in_two_folders(tmp_path: Path, fake_convert: Any) -> None:
    for year in ("2020", "2021"):
        (tmp_path / year).mkdir()
        bf.make_report_pdf(tmp_path / year, "資料2.pdf", pages=int(year) - 2019)
    out = tmp_path / "out"
    result = run("convert", tmp_path, "-r", "-o", out)
    assert result.exit_code == 0
    outputs = {f["path"]: f["output"] for f in json.loads((out / "_run.json").read_text())["files"]}
    assert outputs == {
        str(tmp_path / "2020" / "資料2.pdf"): str(out / "資料2.json"),
        str(tmp_path / "2021" / "資料2.pdf"): str(out / "資料2-2.json"),
    }


def test_options_become_settings(tmp_path: Path, fake_convert: Any) -> None:
    fake_convert(bf.fake_ok)
    pdf = bf.make_report_pdf(tmp_path, "a.pdf")
    result = run("convert", pdf, "-o", tmp_path / "out", "--no-enrich", "--max-pages", "9")
    assert result.exit_code == 0
    document = json.loads((tmp_path / "out" / "a.json").read_text("utf-8"))
    assert document["title"] == "enrich=False max_pages=9"
    options = json.loads((tmp_path / "out" / "_run.json").read_text("utf-8"))["options"]
    assert options["enrich"] is False and options["max_pages"] == 9


def test_password_from_the_environment(
    tmp_path: Path, fake_convert: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Any] = []
    real = batch.convert_batch

    def spy(inputs: Any, outdir: Any, settings: Any, **kwargs: Any) -> Any:
        seen.append(settings)
        return real(inputs, outdir, settings, converter=bf.fake_ok, **kwargs)

    monkeypatch.setattr(cli, "convert_batch", spy)
    pdf = bf.make_report_pdf(tmp_path)
    assert run("convert", pdf, "-o", tmp_path, env={"EXTRACTOR_PASSWORD": "s3"}).exit_code == 0
    assert run("convert", pdf, "-o", tmp_path, "--password", "p4", "--force").exit_code == 0
    assert [s.password for s in seen] == ["s3", "p4"]


def test_ctrl_c_exits_130_with_a_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = batch.convert_batch

    def interrupted(*args: Any, progress_callback: Any, **kwargs: Any) -> Any:
        def callback(result: FileResult) -> None:
            progress_callback(result)
            raise KeyboardInterrupt

        return real(*args, progress_callback=callback, converter=bf.fake_ok, **kwargs)

    monkeypatch.setattr(cli, "convert_batch", interrupted)
    for name in "abc":
        bf.make_report_pdf(tmp_path, f"{name}.pdf")
    result = run("convert", tmp_path, "-o", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 130
    assert "run the same command again to resume" in result.stderr
    assert "1 converted, 0 skipped, 0 failed, 2 interrupted" in result.stdout
    run_report = json.loads((tmp_path / "out" / "_run.json").read_text("utf-8"))
    assert run_report["interrupted"] is True


def test_busy_outdir(tmp_path: Path, fake_convert: Any) -> None:
    fcntl = pytest.importorskip("fcntl")
    out = tmp_path / "out"
    out.mkdir()
    pdf = bf.make_report_pdf(tmp_path)
    with (out / ".extractor.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = run("convert", pdf, "-o", out)
    assert result.exit_code == 1
    assert (
        result.stderr.strip() == f"{out}: outdir_busy: another extractor run is writing into {out}"
    )


def test_a_bug_outside_the_workers_is_one_line_without_debug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(cli, "convert_batch", broken)
    pdf = bf.make_report_pdf(tmp_path)
    result = run("convert", pdf, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{tmp_path / 'out'}: internal_error: ZeroDivisionError: oops")
    assert "Traceback" not in result.stderr
    debug = run("convert", pdf, "-o", tmp_path / "out", "--debug")
    assert isinstance(debug.exception, ZeroDivisionError)


# --- validate ---------------------------------------------------------------------------------


def _golden() -> dict[str, Any]:
    return json.loads(sorted(GOLDEN.glob("*.json"))[0].read_text("utf-8"))


def test_validate_valid_files(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(_golden()), "utf-8")
    result = run("validate", tmp_path / "a.json")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.strip() == "1 valid, 0 invalid"


def test_validate_reports_each_invalid_file_in_one_line(tmp_path: Path) -> None:
    good, bad, broken = tmp_path / "good.json", tmp_path / "bad.json", tmp_path / "broken.json"
    good.write_text(json.dumps(_golden()), "utf-8")
    document = _golden()
    document["goals"][0]["number"] = "one"
    document["source"]["sha256"] = "xyz"
    del document["title"]
    document["extra"] = 1
    bad.write_text(json.dumps(document), "utf-8")
    broken.write_text("{not json", "utf-8")
    result = run("validate", tmp_path)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{bad}: invalid_output: ") and "(and 1 more)" in lines[0]
    assert lines[1].startswith(f"{broken}: invalid_output: not a readable JSON file")
    assert result.stdout.strip() == "1 valid, 2 invalid"
    assert run("validate", "--quiet", good).stdout == ""


def test_validate_folder_without_json(tmp_path: Path) -> None:
    assert run("validate", tmp_path).exit_code == 2


def test_validate_real_convert_outputs(tmp_path: Path, fake_convert: Any) -> None:
    fake_convert(bf.fake_ok)
    bf.make_report_pdf(tmp_path, "a.pdf")
    run("convert", tmp_path, "-o", tmp_path / "out")
    assert run("validate", tmp_path / "out").exit_code == 0


# --- text -------------------------------------------------------------------------------------


FAKE_PAGES = [
    {
        "page": 1,
        "paragraphs": [
            {"text": "基本目標1 子育て", "bbox": [10.0, 20.0, 300.0, 40.0]},
            {"text": "二つ目の段落。", "bbox": [10.0, 50.0, 300.0, 70.0]},
        ],
        "warnings": [{"code": "undecodable_text", "message": "3 glyphs", "page": 1}],
    },
    {"page": 2, "paragraphs": [{"text": "次の頁", "bbox": [1, 2, 3, 4]}], "warnings": []},
]


@pytest.fixture
def fake_text(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, Any]]:
    calls: list[tuple[Path, Any]] = []

    def extract_text(path: Path, settings: Any) -> list[dict[str, Any]]:
        calls.append((path, settings))
        if path.stem == "not_a_pdf":
            raise extractor.NotAPDFError("no %PDF- header", path=str(path))
        return FAKE_PAGES

    monkeypatch.setattr("extractor.high_level.extract_text", extract_text)
    return calls


def test_text_prints_pages_and_paragraphs(tmp_path: Path, fake_text: list) -> None:
    pdf = bf.make_report_pdf(tmp_path)
    result = run("text", pdf, "--password", "pw", "--max-pages", "3")
    assert result.exit_code == 0
    assert result.stdout == (
        "--- page 1 ---\n基本目標1 子育て\n\n二つ目の段落。\n\n--- page 2 ---\n次の頁\n\n"
    )
    assert result.stderr == f"{pdf}: undecodable_text: page 1: 3 glyphs\n"
    assert (fake_text[0][1].password, fake_text[0][1].max_pages) == ("pw", 3)


def test_text_json(tmp_path: Path, fake_text: list) -> None:
    result = run("text", bf.make_report_pdf(tmp_path), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == FAKE_PAGES
    assert result.stderr == ""


def test_text_error_is_one_line(tmp_path: Path, fake_text: list) -> None:
    pdf = bf.make_report_pdf(tmp_path, "not_a_pdf.pdf")
    result = run("text", pdf)
    assert result.exit_code == 1
    assert result.stderr == f"{pdf}: not_a_pdf: no %PDF- header\n"


# --- the real pipeline ------------------------------------------------------------------------


def test_real_text_of_a_sample() -> None:
    sample = sorted(SAMPLES.glob("*.pdf"))[0]
    result = run("text", sample)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("--- page 1 ---\n")
    pages = json.loads(run("text", sample, "--json").stdout)
    assert pages[0]["page"] == 1 and pages[0]["paragraphs"][0]["text"]
    assert all(len(p["bbox"]) == 4 for page in pages for p in page["paragraphs"])


def test_real_text_of_a_bad_file(tmp_path: Path) -> None:
    result = run("text", bf.make_html_as_pdf(tmp_path))
    assert result.exit_code == 1 and ": not_a_pdf: " in result.stderr
    assert "Traceback" not in result.stderr


def test_real_convert_of_the_samples(tmp_path: Path) -> None:
    samples = sorted(SAMPLES.glob("*.pdf"))
    result = run("convert", SAMPLES, "-o", tmp_path, "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{len(samples)} converted, 0 skipped, 0 failed")
    assert run("validate", tmp_path).exit_code == 0
    again = run("convert", SAMPLES, "-o", tmp_path)
    assert again.stdout.startswith(f"0 converted, {len(samples)} skipped")


def test_issue_8_strict_fails_a_report_with_content_warnings(tmp_path: Path) -> None:
    """A goal with text under a section the grammar does not know: --strict says so."""
    texts = [
        (60, 80, "【基本目標1】安心して暮らせるまち", 12),
        (60, 110, "(1) 主な取組", 10.5),
        (60, 130, "① 見守り活動", 10.5),
        (70, 150, "地域で見守り活動を行った。", 10.5),
        (60, 180, "(2) 参考資料", 10.5),
        (70, 200, "関係機関の一覧は別紙のとおりである。", 10.5),
    ]
    odd = build_pdf(tmp_path / "odd.pdf", [PageSpec(texts=texts)])
    out = tmp_path / "out"
    result = run("convert", odd, SAMPLES / "kurume_2021.pdf", "-o", out, "--strict",
                 "--jobs", "1", "--no-enrich")  # fmt: skip
    assert result.exit_code == 1
    assert "odd.pdf: not_understood: --strict:" in result.output
    assert "unplaced_text" in result.output
    assert (out / "kurume_2021.json").exists()
    assert not (out / "odd.json").exists()
    lenient = run("convert", odd, "-o", out, "--jobs", "1", "--no-enrich")
    assert lenient.exit_code == 0  # without --strict it converts, with its warnings
    warnings = json.loads((out / "odd.json").read_text("utf-8"))["warnings"]
    assert "unplaced_text" in {w["code"] for w in warnings}


def test_issue_8_grammar_file_merges_over_the_default(tmp_path: Path) -> None:
    city = tmp_path / "city.toml"
    city.write_text('[goal]\nwords = ["重点施策"]\n', "utf-8")  # Kurume's 基本目標 is no goal now
    result = run("convert", SAMPLES / "kurume_2021.pdf", "-o", tmp_path / "out",
                 "--grammar", city, "--jobs", "1", "--no-enrich")  # fmt: skip
    assert result.exit_code == 1
    assert "not_a_report" in result.output
    bad = run("convert", SAMPLES / "kurume_2021.pdf", "--grammar", tmp_path / "none.toml")
    assert bad.exit_code == 2
    assert "grammar file not found" in bad.output


def test_issue_8_a_table_headed_like_indicators_that_gives_none_is_reported(
    tmp_path: Path,
) -> None:
    """Never an empty indicators section with nothing said: a header and no row read."""
    table = simple_table(["成果指標", "基準値\n(令和元年度)", "目標値\n(令和6年度)"], [], top=120)
    texts = [(60, 80, "【基本目標1】安心して暮らせるまち", 12), (60, 105, "(1) 成果指標", 10.5)]
    pdf = build_pdf(tmp_path / "empty.pdf", [PageSpec(tables=[table], texts=texts)])
    report = extractor.convert(pdf, extractor.Settings(enrich=False))
    assert report.goals[0].indicators == ()
    # most of this tiny report is the unread header: coverage says so too
    assert [w.code for w in report.warnings] == ["empty_indicator_table", "low_coverage"]
    with pytest.raises(extractor.NotUnderstoodError):
        extractor.convert(pdf, extractor.Settings(enrich=False, strict=True))
