"""A run of one or two files is converted in the calling process (``extractor.workers``):
the same results as from a worker, under the same time limit and memory cap."""

from __future__ import annotations

import os
import resource
import signal
from collections import deque
from pathlib import Path
from typing import Any

from extractor.batch import convert_batch
from extractor.settings import Settings
from extractor.workers import Task, convert_here, fits_in_process
from tests import broken_fixtures as bf

GB = 2**30


def _converted_by_pid(path: Path, settings: Settings) -> dict[str, Any]:
    document = bf.fake_document(path)
    document["title"] = str(os.getpid())
    return document


def _tasks(tmp_path: Path, settings: Settings, *names: str) -> deque[Task]:
    (tmp_path / "in").mkdir(exist_ok=True)
    paths = [bf.make_report_pdf(tmp_path / "in", name) for name in names]
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    return deque(
        Task(i, path, out / f"{path.stem}.json", settings, force=True)
        for i, path in enumerate(paths)
    )


def test_one_file_is_converted_in_this_process(tmp_path: Path) -> None:
    inputs = [bf.make_report_pdf(tmp_path, "a.pdf")]
    settings = Settings(max_memory=64 * GB)
    report = convert_batch(inputs, tmp_path / "out", settings, jobs=4, converter=_converted_by_pid)
    assert report.files[0].status == "converted"
    title = (tmp_path / "out" / "a.json").read_text("utf-8")
    assert f'"title": "{os.getpid()}"' in title


def test_three_files_or_two_workers_go_to_worker_processes() -> None:
    settings = Settings(max_memory=64 * GB)
    assert fits_in_process(1, 8, settings) and fits_in_process(2, 1, settings)
    assert not fits_in_process(3, 1, settings)
    assert not fits_in_process(2, 2, settings)
    assert not fits_in_process(1, 1, Settings(max_memory=1))  # this process is too big


def test_a_hanging_file_times_out_in_process_and_the_next_is_converted(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, Settings(max_memory=64 * GB), "hang.pdf", "a.pdf")
    handler = signal.getsignal(signal.SIGALRM)
    results: list[dict[str, Any]] = []
    convert_here(tasks, 0.5, bf.fake_by_name, results.append)
    hang, good = results
    assert (hang["status"], hang["code"]) == ("failed", "timeout")
    assert "--timeout" in hang["message"] and 0.5 <= hang["seconds"] < 5
    assert good["status"] == "converted"
    assert signal.getsignal(signal.SIGALRM) == handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_file_over_the_memory_cap_fails_in_process_and_the_cap_is_lifted(
    tmp_path: Path,
) -> None:
    with open("/proc/self/statm", encoding="ascii") as statm:
        now = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    cap = now + 512 * 2**20  # the hog allocates 4 GB
    before = resource.getrlimit(resource.RLIMIT_AS)
    results: list[dict[str, Any]] = []
    tasks = _tasks(tmp_path, Settings(max_memory=cap), "hog.pdf", "a.pdf")
    convert_here(tasks, 60, bf.fake_by_name, results.append)
    hog, good = results
    assert (hog["status"], hog["code"]) == ("failed", "too_large")
    assert "--max-memory" in hog["message"]
    assert good["status"] == "converted"
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_typed_errors_and_bugs_are_the_files_own_in_process(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, Settings(), "not_a_pdf.pdf", "boom.pdf")
    results: list[dict[str, Any]] = []
    convert_here(tasks, 60, bf.fake_by_name, results.append)
    typed, bug = results
    assert (typed["code"], typed["message"]) == ("not_a_pdf", "fake not_a_pdf")
    assert bug["code"] == "internal_error" and "RuntimeError" in bug["traceback"]
