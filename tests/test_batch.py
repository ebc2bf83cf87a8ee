"""``extractor.batch``: finding inputs, naming outputs, workers that fail, hang or crash,
incremental runs, the run report, and interruptions (Ctrl-C, SIGTERM, ``kill -9``).

The converters are fakes from ``tests.broken_fixtures`` so these tests exercise the batch
machinery (real worker processes, real signals) independently of the pipeline.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import psutil
import pytest

from extractor import batch, workers
from extractor.batch import (
    BatchInterrupted,
    FileResult,
    RunReport,
    convert_batch,
    find_inputs,
    plan_outputs,
)
from extractor.errors import OutdirBusyError
from extractor.grammar import load_grammar
from extractor.settings import Settings
from tests import broken_fixtures as bf
from tests.conftest import REPO


def _pdfs(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [bf.make_report_pdf(folder, name) for name in names]


def _run_json(outdir: Path) -> dict:
    return json.loads((outdir / "_run.json").read_text("utf-8"))


def _statuses(report: RunReport) -> dict[str, str]:
    return {Path(r.path).name: r.status for r in report.files}


# --- finding inputs ---------------------------------------------------------------------------


def test_find_inputs_top_level_pdfs_any_case(tmp_path: Path) -> None:
    _pdfs(tmp_path, "b.pdf", "A.PDF", "c.Pdf")
    (tmp_path / "notes.txt").write_text("x")
    _pdfs(tmp_path / "sub", "deep.pdf")
    found = find_inputs([tmp_path])
    assert [p.name for p in found] == ["A.PDF", "b.pdf", "c.Pdf"]


def test_find_inputs_recursive_skips_hidden_folders(tmp_path: Path) -> None:
    _pdfs(tmp_path, "top.pdf")
    _pdfs(tmp_path / "2021", "資料2.pdf")
    _pdfs(tmp_path / "2021" / "more", "x.pdf")
    _pdfs(tmp_path / ".cache", "hidden.pdf")
    found = find_inputs([tmp_path], recursive=True)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in found) == [
        "2021/more/x.pdf",
        "2021/資料2.pdf",
        "top.pdf",
    ]


def test_find_inputs_takes_named_files_as_given_and_drops_duplicates(tmp_path: Path) -> None:
    (pdf,) = _pdfs(tmp_path, "a.pdf")
    odd = tmp_path / "download.bin"
    odd.write_bytes(b"%PDF-1.4")
    found = find_inputs([pdf, odd, tmp_path, tmp_path / "." / "a.pdf"])
    assert found == [pdf, odd]


def test_find_inputs_keeps_a_missing_path_for_the_batch_to_report(tmp_path: Path) -> None:
    (pdf,) = _pdfs(tmp_path, "a.pdf")
    assert find_inputs([tmp_path / "nope.pdf", pdf]) == [tmp_path / "nope.pdf", pdf]


def test_find_inputs_keeps_pdf_named_entries_that_are_not_files(tmp_path: Path) -> None:
    """A FIFO, a link to /dev/zero or a folder named *.pdf is reported, not left out."""
    _pdfs(tmp_path, "a.pdf")
    os.mkfifo(tmp_path / "pipe.pdf")
    (tmp_path / "zero.pdf").symlink_to("/dev/zero")
    (tmp_path / "folder.pdf").mkdir()
    assert [p.name for p in find_inputs([tmp_path])] == [
        "a.pdf",
        "folder.pdf",
        "pipe.pdf",
        "zero.pdf",
    ]
    assert find_inputs([tmp_path / "folder.pdf"]) == [tmp_path / "folder.pdf"], "named: an input"


def test_find_inputs_empty_folder(tmp_path: Path) -> None:
    assert find_inputs([tmp_path]) == []


# --- naming outputs ---------------------------------------------------------------------------


def test_plan_outputs_suffixes_clashing_stems_in_path_order(tmp_path: Path) -> None:
    inputs = [Path("b/資料2.pdf"), Path("a/資料2.pdf"), Path("c/other.pdf"), Path("d/資料2.PDF")]
    outputs = plan_outputs(inputs, tmp_path)
    assert [o.name for o in outputs] == ["資料2-2.json", "資料2.json", "other.json", "資料2-3.json"]


def test_plan_outputs_is_case_insensitive_and_reserves_the_run_report(tmp_path: Path) -> None:
    outputs = plan_outputs([Path("x/Report.pdf"), Path("y/report.pdf"), Path("_run.pdf")], "o")
    assert [o.name for o in outputs] == ["Report.json", "report-2.json", "_run-2.json"]


def test_clashing_stems_do_not_overwrite_each_other(tmp_path: Path) -> None:
    a = _pdfs(tmp_path / "a", "r.pdf")
    b = _pdfs(tmp_path / "b", "r.pdf", "p.pdf")
    out = tmp_path / "out"
    report = convert_batch(b + a, out, jobs=2, converter=bf.fake_ok)
    by_path = {r.path: r.output for r in report.files}
    assert by_path[str(a[0])] == str(out / "r.json")
    assert by_path[str(b[0])] == str(out / "r-2.json")
    for result in report.files:
        document = json.loads(Path(result.output).read_text("utf-8"))
        assert document["source"]["sha256"] == bf.sha256_of(Path(result.path))


# --- converting -------------------------------------------------------------------------------


def test_converts_every_file_and_writes_the_run_report(tmp_path: Path) -> None:
    inputs = _pdfs(tmp_path / "in", "a.pdf", "b.pdf", "c.pdf")
    seen: list[FileResult] = []
    report = convert_batch(
        inputs, tmp_path / "out", jobs=2, converter=bf.fake_ok, progress_callback=seen.append
    )
    assert report.exit_code == 0 and not report.interrupted
    assert sorted(r.path for r in seen) == sorted(str(p) for p in inputs)
    assert [r.path for r in report.files] == [str(p) for p in inputs], "input order"
    assert report.totals == {
        "files": 3,
        "converted": 3,
        "skipped": 0,
        "failed": 0,
        "interrupted": 0,
        "warnings": 3,
        "pages": 3,
    }
    run = _run_json(tmp_path / "out")
    assert run["totals"] == report.totals
    assert run["tool"]["name"] == "extractor" and run["schema_version"]
    assert run["started"] <= run["finished"]
    first = run["files"][0]
    assert set(first) == {
        "path",
        "output",
        "status",
        "code",
        "message",
        "warnings",
        "pages",
        "seconds",
    }
    assert first["status"] == "converted" and first["pages"] == 1 and first["warnings"] == 1
    for name in "abc":
        assert json.loads((tmp_path / "out" / f"{name}.json").read_text("utf-8"))["title"]


def test_settings_reach_the_workers(tmp_path: Path) -> None:
    inputs = _pdfs(tmp_path, "a.pdf")
    settings = Settings(enrich=False, max_pages=7)
    convert_batch(inputs, tmp_path / "out", settings, jobs=1, converter=bf.fake_ok)
    title = json.loads((tmp_path / "out" / "a.json").read_text("utf-8"))["title"]
    assert title == "enrich=False max_pages=7"


def test_the_password_never_reaches_the_run_report(tmp_path: Path) -> None:
    inputs = _pdfs(tmp_path, "a.pdf")
    convert_batch(inputs, tmp_path / "out", Settings(password="hunter2"), converter=bf.fake_ok)
    text = (tmp_path / "out" / "_run.json").read_text("utf-8")
    assert "hunter2" not in text
    assert json.loads(text)["options"]["password"] is True


def test_failures_are_per_file(tmp_path: Path) -> None:
    inputs = _pdfs(tmp_path / "in", "good.pdf", "not_a_pdf.pdf", "boom.pdf", "badschema.pdf")
    report = convert_batch(inputs, tmp_path / "out", jobs=2, converter=bf.fake_by_name)
    results = {Path(r.path).name: r for r in report.files}
    assert results["good.pdf"].status == "converted"
    assert (results["not_a_pdf.pdf"].code, results["not_a_pdf.pdf"].message) == (
        "not_a_pdf",
        "fake not_a_pdf",
    )
    assert results["boom.pdf"].code == "internal_error"
    assert "RuntimeError" in (results["boom.pdf"].traceback or "")
    assert results["badschema.pdf"].code == "invalid_output"
    assert report.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["_run.json", "good.json"]
    run = _run_json(tmp_path / "out")
    assert "traceback" not in run["files"][0]
    assert {f["status"] for f in run["files"]} == {"converted", "failed"}


def test_a_hanging_file_times_out_and_the_run_goes_on(tmp_path: Path) -> None:
    inputs = _pdfs(tmp_path / "in", "hang.pdf", "a.pdf", "b.pdf")
    report = convert_batch(inputs, tmp_path / "out", jobs=1, timeout=1, converter=bf.fake_by_name)
    results = {Path(r.path).name: r for r in report.files}
    assert results["hang.pdf"].status == "failed" and results["hang.pdf"].code == "timeout"
    assert "--timeout" in (results["hang.pdf"].message or "")
    assert results["a.pdf"].status == results["b.pdf"].status == "converted"


@pytest.mark.parametrize("name", ["crash.pdf", "exit.pdf"])
def test_a_dying_worker_fails_its_file_only(tmp_path: Path, name: str) -> None:
    inputs = _pdfs(tmp_path / "in", name, "a.pdf", "b.pdf")
    report = convert_batch(inputs, tmp_path / "out", jobs=1, converter=bf.fake_by_name)
    results = {Path(r.path).name: r for r in report.files}
    assert results[name].code == "worker_died"
    expected = "SIGSEGV" if name.startswith("crash") else "exit code 3"
    assert expected in (results[name].message or "")
    assert results["a.pdf"].status == results["b.pdf"].status == "converted"


def test_more_crashes_than_workers(tmp_path: Path) -> None:
    inputs = _pdfs(tmp_path / "in", "crash1.pdf", "crash2.pdf", "crash3.pdf", "ok.pdf")
    report = convert_batch(inputs, tmp_path / "out", jobs=2, converter=bf.fake_by_name)
    assert _statuses(report) == {
        "crash1.pdf": "failed",
        "crash2.pdf": "failed",
        "crash3.pdf": "failed",
        "ok.pdf": "converted",
    }


def test_no_inputs_still_writes_a_run_report(tmp_path: Path) -> None:
    report = convert_batch([], tmp_path / "out", converter=bf.fake_ok)
    assert report.totals["files"] == 0 and report.exit_code == 0
    assert _run_json(tmp_path / "out")["files"] == []


# --- incremental runs -------------------------------------------------------------------------


def test_second_run_skips_current_outputs(tmp_path: Path) -> None:
    inputs = _pdfs(tmp_path / "in", "a.pdf", "b.pdf")
    out = tmp_path / "out"
    convert_batch(inputs, out, converter=bf.fake_ok)
    before = (out / "a.json").stat().st_mtime_ns
    report = convert_batch(inputs, out, converter=bf.fake_ok)
    assert _statuses(report) == {"a.pdf": "skipped", "b.pdf": "skipped"}
    assert report.totals["warnings"] == 2, "warnings of skipped files still count"
    assert report.files[0].output == str(out / "a.json") and report.files[0].pages == 1
    assert (out / "a.json").stat().st_mtime_ns == before
    assert _run_json(out)["totals"]["skipped"] == 2


def test_force_converts_again(tmp_path: Path) -> None:
    inputs = _pdfs(tmp_path / "in", "a.pdf")
    convert_batch(inputs, tmp_path / "out", converter=bf.fake_ok)
    report = convert_batch(inputs, tmp_path / "out", force=True, converter=bf.fake_ok)
    assert _statuses(report) == {"a.pdf": "converted"}


def test_switching_enrichment_converts_again(tmp_path: Path) -> None:
    inputs = [REPO / "samples" / "kurume_2020.pdf"]
    out = tmp_path / "out"
    plain = Settings(enrich=False)
    assert _statuses(convert_batch(inputs, out, settings=plain, jobs=1)) == {
        "kurume_2020.pdf": "converted"
    }
    assert _statuses(convert_batch(inputs, out, settings=plain, jobs=1)) == {
        "kurume_2020.pdf": "skipped"
    }
    report = convert_batch(inputs, out, settings=Settings(enrich=True), jobs=1)
    assert _statuses(report) == {"kurume_2020.pdf": "converted"}
    assert "keywords" in (out / "kurume_2020.json").read_text("utf-8")


def test_issue_8_another_grammar_converts_again(tmp_path: Path) -> None:
    """An output made with other conventions is not current: a grammar change is redone."""
    inputs = [REPO / "samples" / "kurume_2020.pdf"]
    out = tmp_path / "out"
    plain = Settings(enrich=False)
    convert_batch(inputs, out, settings=plain, jobs=1)
    city = tmp_path / "city.toml"
    city.write_text("[coverage]\nthreshold = 0.5\n", "utf-8")
    other = replace(plain, grammar=load_grammar(city))
    assert other.grammar.digest != plain.grammar.digest
    report = convert_batch(inputs, out, settings=other, jobs=1)
    assert _statuses(report) == {"kurume_2020.pdf": "converted"}
    assert _run_json(out)["options"]["grammar"] == str(city)
    again = convert_batch(inputs, out, settings=other, jobs=1)
    assert _statuses(again) == {"kurume_2020.pdf": "skipped"}


def test_changed_pdf_is_converted_again(tmp_path: Path) -> None:
    (pdf,) = _pdfs(tmp_path / "in", "a.pdf")
    convert_batch([pdf], tmp_path / "out", converter=bf.fake_ok)
    pdf.write_bytes(bf.text_pdf_bytes(bf.PROSE_LINES))
    report = convert_batch([pdf], tmp_path / "out", converter=bf.fake_ok)
    assert _statuses(report) == {"a.pdf": "converted"}


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["generator"].update(version="0.0.1"),
        lambda d: d.update(schema_version="1.0"),
        lambda d: d["source"].update(sha256="0" * 64),
        lambda d: d.update(goals="broken"),  # no longer schema-valid
    ],
    ids=["old tool", "old schema", "other pdf", "invalid"],
)
def test_outputs_from_elsewhere_are_replaced(tmp_path: Path, tamper) -> None:
    inputs = _pdfs(tmp_path / "in", "a.pdf")
    out = tmp_path / "out"
    convert_batch(inputs, out, converter=bf.fake_ok)
    document = json.loads((out / "a.json").read_text("utf-8"))
    tamper(document)
    (out / "a.json").write_text(json.dumps(document), "utf-8")
    report = convert_batch(inputs, out, converter=bf.fake_ok)
    assert _statuses(report) == {"a.pdf": "converted"}


def test_unparseable_output_is_replaced(tmp_path: Path) -> None:
    inputs = _pdfs(tmp_path / "in", "a.pdf")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.json").write_text('{"schema_version": "1.1", "gener', "utf-8")
    report = convert_batch(inputs, out, converter=bf.fake_ok)
    assert _statuses(report) == {"a.pdf": "converted"}
    assert json.loads((out / "a.json").read_text("utf-8"))["source"]["file"] == "a.pdf"


def test_stale_temp_files_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stray = out / ".a.k2j3h4.tmp"
    stray.write_text('{"half": ')
    keep = out / "notes.tmp"  # not ours: no leading dot
    keep.write_text("x")
    convert_batch(_pdfs(tmp_path / "in", "a.pdf"), out, converter=bf.fake_ok)
    assert not stray.exists() and keep.exists()


def test_a_second_concurrent_run_is_refused(tmp_path: Path) -> None:
    fcntl = pytest.importorskip("fcntl")
    out = tmp_path / "out"
    out.mkdir()
    with (out / ".extractor.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(OutdirBusyError):
            convert_batch(_pdfs(tmp_path / "in", "a.pdf"), out, converter=bf.fake_ok)
    assert not (out / "a.json").exists()


# --- interruptions ----------------------------------------------------------------------------


def test_ctrl_c_marks_unfinished_files_and_the_next_run_resumes(tmp_path: Path) -> None:
    inputs = _pdfs(tmp_path / "in", "a.pdf", "b.pdf", "c.pdf", "d.pdf")
    out = tmp_path / "out"

    def interrupt_after_first(result: FileResult) -> None:
        raise KeyboardInterrupt

    with pytest.raises(BatchInterrupted) as info:
        convert_batch(
            inputs, out, jobs=1, converter=bf.fake_ok, progress_callback=interrupt_after_first
        )
    assert isinstance(info.value, KeyboardInterrupt), "callers can keep catching Ctrl-C"
    report = info.value.report
    assert report.interrupted and report.exit_code == 130
    assert report.totals["converted"] == 1 and report.totals["interrupted"] == 3
    run = _run_json(out)
    assert run["interrupted"] is True
    assert sorted(f["status"] for f in run["files"]) == ["converted"] + ["interrupted"] * 3
    resumed = convert_batch(inputs, out, jobs=1, converter=bf.fake_ok)
    assert resumed.totals["skipped"] == 1 and resumed.totals["converted"] == 3


RUNNER = textwrap.dedent(
    """
    import functools, sys
    from extractor import batch, cli
    from tests import broken_fixtures as bf

    cli.convert_batch = functools.partial(batch.convert_batch, converter=bf.fake_slow)
    if __name__ == "__main__":
        cli.main()
    """
)


def _start_run(tmp_path: Path, inputs: Path, out: Path, sleep: float = 1) -> subprocess.Popen:
    """``extractor convert`` in a child process, its converter taking ``sleep`` s per file."""
    script = tmp_path / "run_extractor.py"
    script.write_text(RUNNER, "utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO), "EXTRACTOR_FAKE_SLEEP": str(sleep)}
    return subprocess.Popen(
        [sys.executable, str(script), "convert", str(inputs), "-o", str(out), "--jobs", "2"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, like a shell job
    )


def _wait_for_first_output(process: subprocess.Popen, out: Path) -> None:
    """Poll (with a generous cap) until the run has written its first JSON file."""
    for _ in range(1200):
        if any(p.name != "_run.json" for p in out.glob("*.json")):
            return
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    raise AssertionError("the run wrote nothing")


def _assert_whole_outputs(out: Path) -> list[Path]:
    outputs = [p for p in out.glob("*.json") if p.name != "_run.json"]
    for path in outputs:
        assert json.loads(path.read_text("utf-8"))["source"]["file"], path
    return outputs


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["INT", "TERM"]
)
def test_signal_writes_the_run_report_and_the_next_run_resumes(
    tmp_path: Path, signum: int, status: int
) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    _pdfs(inputs, *(f"r{i}.pdf" for i in range(8)))
    process = _start_run(tmp_path, inputs, out)
    _wait_for_first_output(process, out)
    # Ctrl-C in a terminal signals the whole process group, workers included.
    os.killpg(process.pid, signum)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == status, stderr
    assert "interrupted" in stdout and "Traceback" not in stderr
    run = _run_json(out)
    assert run["interrupted"] is True and run["totals"]["interrupted"] >= 1
    done = _assert_whole_outputs(out)
    assert len(done) == run["totals"]["converted"]
    assert not list(out.glob(".*.tmp"))

    again = _start_run(tmp_path, inputs, out, sleep=0)
    stdout, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr
    totals = _run_json(out)["totals"]
    assert totals["skipped"] == len(done) and totals["converted"] == 8 - len(done)


def test_kill_9_leaves_no_partial_json_and_no_orphans(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    _pdfs(inputs, *(f"r{i}.pdf" for i in range(8)))
    process = _start_run(tmp_path, inputs, out)
    _wait_for_first_output(process, out)
    children = psutil.Process(process.pid).children(recursive=True)
    assert children, "the run has worker processes"
    process.kill()
    process.communicate(timeout=60)
    _gone, alive = psutil.wait_procs(children, timeout=30)
    assert not alive, f"orphaned workers still running: {alive}"
    done = _assert_whole_outputs(out)
    (out / ".r0.abcd1234.tmp").write_text('{"half"')  # as a kill mid-write leaves it

    again = _start_run(tmp_path, inputs, out, sleep=0)
    _stdout, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr
    assert not list(out.glob(".*.tmp"))
    totals = _run_json(out)["totals"]
    assert totals["skipped"] >= len(done) and totals["skipped"] + totals["converted"] == 8


def test_write_run_report_to_another_path(tmp_path: Path) -> None:
    report = convert_batch([], tmp_path / "out", converter=bf.fake_ok)
    target = batch.write_run_report(report, tmp_path / "elsewhere" / "run.json")
    assert json.loads(target.read_text("utf-8"))["outdir"] == str(tmp_path / "out")


def test_workers_that_cannot_start_fail_the_files_instead_of_looping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers that die before they are ready: a forkserver's cannot import a converter that
    exists only in the parent; a forked one dies at its first step."""
    import multiprocessing
    import types

    module = types.ModuleType("only_in_the_parent")
    exec("def convert(path, settings):\n    return {}\n", module.__dict__)
    sys.modules[module.__name__] = module
    monkeypatch.setattr(workers, "_context", lambda _: multiprocessing.get_context("forkserver"))
    try:
        inputs = _pdfs(tmp_path / "in", "a.pdf", "b.pdf", "c.pdf")
        report = convert_batch(inputs, tmp_path / "out", jobs=2, converter=module.convert)
    finally:
        del sys.modules[module.__name__]
    assert {r.code for r in report.files} == {"worker_died"}
    assert all("cannot start a worker" in (r.message or "") for r in report.files)

    monkeypatch.setattr(workers, "_context", lambda _: multiprocessing.get_context("fork"))
    monkeypatch.setattr(workers, "_exit_when_orphaned", lambda: os._exit(3))
    report = convert_batch(inputs, tmp_path / "out2", jobs=2, converter=bf.fake_ok)
    assert {r.code for r in report.files} == {"worker_died"}
    assert all("cannot start a worker" in (r.message or "") for r in report.files)


@pytest.mark.parametrize(
    ("platform", "methods", "threads", "method"),
    [
        ("linux", ["fork", "spawn", "forkserver"], 1, "fork"),
        ("linux", ["fork", "spawn", "forkserver"], 2, "forkserver"),  # a fork copies one thread
        ("linux", ["fork", "spawn", "forkserver"], 0, "forkserver"),
        ("darwin", ["spawn", "fork", "forkserver"], 1, "forkserver"),  # not fork-safe there
        ("win32", ["spawn"], 1, "spawn"),
    ],
)
def test_workers_are_forked_on_linux_unless_another_thread_runs(
    platform: str, methods: list[str], threads: int, method: str
) -> None:
    small = threads > 0  # 0 stands for one thread in a big process
    assert workers.start_method(platform, methods, max(threads, 1), small) == method


def test_a_big_calling_process_does_not_pass_its_size_to_the_workers(tmp_path: Path) -> None:
    """``convert_batch`` called from a big process (a notebook with data loaded): forked
    workers would start with its address space, past their memory cap, and every file would
    fail as too_large; they start fresh instead."""
    import mmap

    settings = Settings(max_memory=512 * 2**20)
    reserved = mmap.mmap(-1, 1024 * 2**20)  # address space, not memory: never touched
    try:
        inputs = _pdfs(tmp_path / "in", "a.pdf", "b.pdf", "c.pdf")
        report = convert_batch(inputs, tmp_path / "out", jobs=2, settings=settings,
                               converter=bf.fake_ok)  # fmt: skip
    finally:
        reserved.close()
    assert [r.status for r in report.files] == ["converted"] * 3


def test_the_progress_bar_starts_no_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from extractor import cli

    monkeypatch.setattr(cli, "_isatty", lambda stream: True)
    before = threading.active_count()
    progress = cli._Progress(3, quiet=False, debug=False)
    assert progress.bar is not None
    assert threading.active_count() == before
    progress.bar.close()


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_workers_do_not_run_the_parents_signal_handlers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A forked worker inherits this process's handlers; the command line's SIGTERM handler
    raised its interrupt inside the workers too (a traceback per worker on ``kill``)."""
    import multiprocessing

    # forked whatever this test process's size (a big one gets a forkserver)
    monkeypatch.setattr(workers, "_context", lambda _: multiprocessing.get_context("fork"))
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)
    try:
        inputs = _pdfs(tmp_path / "in", "a.pdf", "b.pdf", "c.pdf")
        report = convert_batch(inputs, tmp_path / "out", jobs=2, converter=bf.fake_signal_handlers)
    finally:
        signal.signal(signal.SIGTERM, previous)
    titles = {json.loads(Path(r.output).read_text("utf-8"))["title"] for r in report.files}
    assert titles == {"TERM default, INT ignored"}


def test_workers_leave_what_they_start_with_to_the_garbage_collector(tmp_path: Path) -> None:
    """The collection after each file scans only what the files made, not the imported
    pipeline (``gc.freeze`` at the worker's start: 9 ms a file less)."""
    inputs = _pdfs(tmp_path / "in", "a.pdf", "b.pdf", "c.pdf")
    report = convert_batch(inputs, tmp_path / "out", jobs=2, converter=bf.fake_gc_state)
    frozen = [json.loads(Path(r.output).read_text("utf-8"))["title"] for r in report.files]
    assert all(int(title.split()[1]) > 10_000 for title in frozen), frozen
