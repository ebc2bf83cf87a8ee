"""Convert many PDFs at once: worker processes, per-file timeouts, incremental runs, a run report.

The command line (``extractor convert``) is a thin layer over this module::

    from extractor.batch import find_inputs, convert_batch

    inputs = find_inputs(["reports/"], recursive=True)
    report = convert_batch(inputs, "out", jobs=4)
    print(report.totals, report.exit_code)

Why worker processes and not threads: pdfminer is pure Python (the GIL would serialise it), and
a process can be killed. Each file runs in a long-lived worker; a worker that hangs past the
timeout is killed and reported as ``timeout``, one that crashes (segfault, out of memory, killed)
as ``worker_died``, and the run goes on with a fresh worker.

Outputs are written atomically (``extractor.write``), so an interrupted run (Ctrl-C, SIGTERM,
even ``kill -9``) never leaves half a JSON file; stray temporary files are removed by the next
run, which also skips every PDF whose output is already current (same ``source.sha256``,
``generator.version`` and ``schema_version``).

Output names: ``OUTDIR/<stem>.json``. When several inputs share a stem (compared
case-insensitively, as on macOS and Windows file systems), the first in sorted path order keeps
``<stem>.json`` and the others get ``<stem>-2.json``, ``<stem>-3.json``, … ; the run report
records which input went where. ``_run.json`` is reserved for the run report.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from extractor.errors import (
    ExtractorError,
    InputNotFoundError,
    InternalError,
    OutdirBusyError,
    UnreadableFileError,
)
from extractor.settings import DEFAULT_SETTINGS, Settings

#: File name of the machine-readable run report inside OUTDIR.
RUN_REPORT_NAME = "_run.json"
#: Per-file statuses in a run report.
STATUSES = ("converted", "skipped", "failed", "interrupted")
#: Default per-file time limit in seconds: generous, a 300-page report takes well under it.
DEFAULT_TIMEOUT = 300.0

#: A converter turns one PDF into a report document (the JSON dict). It runs in a worker
#: process, so it must be picklable: a module-level function.
Converter = Callable[[Path, Settings], dict[str, Any]]

_LOCK_NAME = ".extractor.lock"
_TMP_GLOB = ".*.tmp"  # what extractor.write leaves behind when killed mid-write

log = logging.getLogger(__name__)


# --- finding inputs and naming outputs ------------------------------------------------------


def find_inputs(paths: Iterable[str | Path], recursive: bool = False) -> list[Path]:
    """The PDFs named by ``paths``: files as given, folders' ``*.pdf`` (any case), sorted.

    A file named explicitly is taken whatever its extension (so a mislabelled input is
    reported, not silently ignored). Folders give only their top-level PDFs unless
    ``recursive``; symlinked folders are not followed. Duplicates are dropped.
    Raises ``InputNotFoundError`` for a path that does not exist.
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for pdf in sorted(_pdfs_in(path, recursive), key=_sort_key):
                add(pdf)
        elif path.exists():
            add(path)
        else:
            raise InputNotFoundError(f"no such file or folder: {path}", path=str(path))
    return found


def _pdfs_in(folder: Path, recursive: bool) -> Iterator[Path]:
    if not recursive:
        for entry in folder.iterdir():
            if entry.suffix.lower() == ".pdf" and entry.is_file():
                yield entry
        return
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            entry = Path(root) / name
            if entry.suffix.lower() == ".pdf" and entry.is_file():
                yield entry


def _sort_key(path: Path) -> tuple[str, ...]:
    return tuple(part.casefold() for part in path.parts)


def plan_outputs(inputs: list[Path], outdir: str | Path) -> list[Path]:
    """``OUTDIR/<stem>.json`` for each input; clashing stems get ``-2``, ``-3``… in sorted order."""
    outdir = Path(outdir)
    taken: set[str] = {Path(RUN_REPORT_NAME).stem.casefold()}
    by_position = sorted(range(len(inputs)), key=lambda i: _sort_key(inputs[i]))
    names: dict[int, str] = {}
    for i in by_position:
        stem = inputs[i].stem or "unnamed"
        name, n = stem, 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        names[i] = name
    return [outdir / f"{names[i]}.json" for i in range(len(inputs))]


# --- results ----------------------------------------------------------------------------------


@dataclass
class FileResult:
    """What happened to one input."""

    path: str
    #: The JSON written or confirmed current; None when the file failed or was interrupted.
    output: str | None
    status: str
    code: str | None = None
    message: str | None = None
    warnings: int = 0
    pages: int | None = None
    seconds: float = 0.0
    #: Python traceback of an unexpected error (shown with ``--debug``; not in ``_run.json``).
    traceback: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        del out["traceback"]
        out["seconds"] = round(self.seconds, 3)
        return out


@dataclass
class RunReport:
    """One batch run: every file's result, the options used, and when it ran."""

    files: list[FileResult]
    outdir: str
    started: dt.datetime
    finished: dt.datetime
    jobs: int
    force: bool
    timeout: float
    settings: Settings = DEFAULT_SETTINGS
    interrupted: bool = False
    tool_version: str = field(default_factory=lambda: _versions()[0])
    schema_version: str = field(default_factory=lambda: _versions()[1])

    @property
    def elapsed(self) -> float:
        return (self.finished - self.started).total_seconds()

    @property
    def totals(self) -> dict[str, int]:
        counts = {status: 0 for status in STATUSES}
        for result in self.files:
            counts[result.status] += 1
        return {
            "files": len(self.files),
            **counts,
            "warnings": sum(r.warnings for r in self.files if r.status != "failed"),
            "pages": sum(r.pages or 0 for r in self.files if r.status != "failed"),
        }

    @property
    def exit_code(self) -> int:
        """0 when every file was converted or skipped, 1 when any failed, 130 if interrupted."""
        if self.interrupted:
            return 130
        return 1 if any(r.status == "failed" for r in self.files) else 0

    def to_dict(self) -> dict[str, Any]:
        options = {
            "jobs": self.jobs,
            "force": self.force,
            "timeout": self.timeout,
            "enrich": self.settings.enrich,
            "max_pages": self.settings.max_pages,
            "password": self.settings.password is not None,  # never the password itself
        }
        return {
            "tool": {"name": "extractor", "version": self.tool_version},
            "schema_version": self.schema_version,
            "started": self.started.isoformat(timespec="seconds"),
            "finished": self.finished.isoformat(timespec="seconds"),
            "elapsed_seconds": round(self.elapsed, 3),
            "interrupted": self.interrupted,
            "outdir": self.outdir,
            "options": options,
            "totals": self.totals,
            "files": [r.to_dict() for r in self.files],
        }


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM turned into KeyboardInterrupt) during a batch; carries its report.

    The run report has already been written; unfinished files are ``interrupted``.
    """

    def __init__(self, report: RunReport) -> None:
        super().__init__("interrupted")
        self.report = report


def _versions() -> tuple[str, str]:
    from extractor import __version__
    from extractor.model import SCHEMA_VERSION

    return __version__, SCHEMA_VERSION


def write_run_report(report: RunReport, path: str | Path | None = None) -> Path:
    """Write ``report`` as JSON (atomically) to ``path``, default ``OUTDIR/_run.json``."""
    from extractor.write import write_json

    target = Path(path) if path is not None else Path(report.outdir) / RUN_REPORT_NAME
    return write_json(report.to_dict(), target)


# --- the work done for one file (in a worker process) -----------------------------------------


def convert_document(path: Path, settings: Settings) -> dict[str, Any]:
    """The default converter: ``extractor.convert`` as a report document."""
    from extractor.high_level import convert

    return convert(path, settings).to_dict()


def current_output(output: Path, sha256: str) -> dict[str, Any] | None:
    """The existing output document if it is valid and made from this very input by this very
    tool and schema version (so converting again would give the same file), else None."""
    from extractor.validate import report_to_errors

    try:
        document = json.loads(output.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    version, schema_version = _versions()
    try:
        current = (
            document["source"]["sha256"] == sha256
            and document["generator"]["version"] == version
            and document["schema_version"] == schema_version
        )
    except (KeyError, TypeError):
        return None
    if not current or report_to_errors(document):
        return None
    return document


@dataclass(frozen=True)
class _Task:
    index: int
    path: Path
    output: Path
    settings: Settings
    force: bool


def _run_task(task: _Task, converter: Converter) -> dict[str, Any]:
    """Convert (or skip) one file; every outcome becomes a plain dict, nothing is raised."""
    from extractor.load import file_to_sha256
    from extractor.write import write_report

    started = time.perf_counter()
    result: dict[str, Any] = {"index": task.index}
    try:
        try:
            sha256 = file_to_sha256(task.path)
        except FileNotFoundError as exc:
            raise InputNotFoundError(f"no such file: {task.path}", path=str(task.path)) from exc
        except OSError as exc:
            raise UnreadableFileError(f"cannot read the file: {exc}", path=str(task.path)) from exc
        existing = None if task.force else current_output(task.output, sha256)
        if existing is not None:
            document, status = existing, "skipped"
        else:
            document, status = converter(task.path, task.settings), "converted"
            write_report(document, task.output)
        result.update(
            status=status,
            output=str(task.output),
            warnings=len(document.get("warnings") or ()),
            pages=(document.get("source") or {}).get("pages"),
        )
    except ExtractorError as exc:
        result.update(status="failed", code=exc.code, message=exc.message)
        if isinstance(exc, InternalError):
            result["traceback"] = traceback.format_exc()
    except Exception as exc:  # a bug: report it for this file, keep the run going
        message = f"{type(exc).__name__}: {exc}"
        result.update(status="failed", code=InternalError.code, message=message)
        result["traceback"] = traceback.format_exc()
    result["seconds"] = time.perf_counter() - started
    return result


def _worker_main(conn: Connection, converter: Converter) -> None:
    """A worker: take tasks from ``conn`` until told to stop (``None``) or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are per-glyph noise
    _exit_when_orphaned()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        result = _run_task(task, converter)
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return


def _exit_when_orphaned() -> None:
    """If the run is killed (``kill -9``), its workers must not run on: watch the parent."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="orphan-watch", daemon=True).start()


# --- the parent: scheduling, timeouts, crashes --------------------------------------------------


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process of whichever start method
    conn: Connection
    task: _Task | None = None
    started: float = 0.0


def _context() -> Any:
    """forkserver where available: fast worker start (modules preloaded), no fork-with-threads."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["extractor.batch", "extractor.high_level"])
        return ctx
    return multiprocessing.get_context("spawn")


def _spawn(ctx: Any, converter: Converter) -> _Worker:
    parent_conn, child_conn = ctx.Pipe(duplex=True)
    process = ctx.Process(
        target=_worker_main, args=(child_conn, converter), name="extractor-worker", daemon=True
    )
    process.start()
    child_conn.close()
    return _Worker(process=process, conn=parent_conn)


def _stop(worker: _Worker, kill: bool = False) -> None:
    if kill:
        worker.process.kill()
    else:
        with contextlib.suppress(OSError):
            worker.conn.send(None)
    worker.process.join(timeout=None if kill else 5)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join()
    worker.conn.close()


def _death_message(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (out of memory?)" if name == "SIGKILL" else ""
        return f"the worker process was killed by {name}{hint}"
    return f"the worker process exited unexpectedly (exit code {exitcode})"


def clean_stale_temp_files(outdir: str | Path) -> list[Path]:
    """Remove temporary files an interrupted run left in ``outdir``; return what was removed."""
    removed = []
    for tmp in Path(outdir).glob(_TMP_GLOB):
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
            removed.append(tmp)
    return removed


@contextlib.contextmanager
def _locked(outdir: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``outdir`` so two runs never clean each other's temp files."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks, run unguarded
        yield
        return
    handle = (outdir / _LOCK_NAME).open("a")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise OutdirBusyError(
                f"another extractor run is writing into {outdir}", path=str(outdir)
            ) from exc
        yield
    finally:
        handle.close()


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def convert_batch(
    inputs: Iterable[str | Path],
    outdir: str | Path,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    jobs: int | None = None,
    force: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    progress_callback: Callable[[FileResult], None] | None = None,
    converter: Converter = convert_document,
) -> RunReport:
    """Convert ``inputs`` into ``outdir`` with ``jobs`` worker processes; never raises per file.

    Each file's outcome is a ``FileResult`` (passed to ``progress_callback`` as soon as it is
    known, in completion order); the returned ``RunReport`` lists them in input order and has
    been written to ``OUTDIR/_run.json``. On Ctrl-C the workers are stopped, unfinished files
    are marked ``interrupted``, the report is written and ``BatchInterrupted`` is raised.
    Raises ``OutdirBusyError`` if another run holds ``outdir``.
    """
    paths = [Path(p) for p in inputs]
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    jobs = max(1, jobs if jobs is not None else default_jobs())
    outputs = plan_outputs(paths, outdir)
    started = dt.datetime.now().astimezone()
    results: list[FileResult | None] = [None] * len(paths)

    def finish(interrupted: bool) -> RunReport:
        files = [
            r if r is not None else FileResult(str(p), None, "interrupted")
            for r, p in zip(results, paths, strict=True)
        ]
        report = RunReport(
            files=files,
            outdir=str(outdir),
            started=started,
            finished=dt.datetime.now().astimezone(),
            jobs=jobs,
            force=force,
            timeout=timeout,
            settings=settings,
            interrupted=interrupted,
        )
        write_run_report(report)
        return report

    def record(raw: dict[str, Any]) -> None:
        index = raw["index"]
        result = FileResult(
            path=str(paths[index]),
            output=raw.get("output"),
            status=raw["status"],
            code=raw.get("code"),
            message=raw.get("message"),
            warnings=raw.get("warnings", 0),
            pages=raw.get("pages"),
            seconds=raw.get("seconds", 0.0),
            traceback=raw.get("traceback"),
        )
        results[index] = result
        if progress_callback is not None:
            progress_callback(result)

    with _locked(outdir):
        for tmp in clean_stale_temp_files(outdir):
            log.info("removed %s, left by an interrupted run", tmp)
        tasks = [
            _Task(i, paths[i], outputs[i], settings, force)
            for i in sorted(range(len(paths)), key=lambda i: -_size(paths[i]))  # biggest first
        ]
        try:
            _schedule(deque(tasks), min(jobs, len(tasks)), timeout, converter, record)
        except KeyboardInterrupt:
            raise BatchInterrupted(finish(interrupted=True)) from None
        return finish(interrupted=False)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _schedule(
    pending: deque[_Task],
    jobs: int,
    timeout: float,
    converter: Converter,
    record: Callable[[dict[str, Any]], None],
) -> None:
    """Feed ``pending`` to ``jobs`` workers; replace any worker that hangs or dies."""
    if not pending:
        return
    ctx = _context()
    workers: list[_Worker] = []
    try:
        workers = [_spawn(ctx, converter) for _ in range(jobs)]
        while True:
            for i, worker in enumerate(workers):
                if worker.task is None and pending:
                    if not worker.process.is_alive():  # killed or died: start a fresh one
                        _stop(worker, kill=True)
                        workers[i] = worker = _spawn(ctx, converter)
                    worker.task = pending.popleft()
                    worker.started = time.monotonic()
                    worker.conn.send(worker.task)
            busy = [w for w in workers if w.task is not None]
            if not busy:
                return
            now = time.monotonic()
            next_deadline = min(w.started + timeout for w in busy)
            waitables = [w.conn for w in busy] + [w.process.sentinel for w in busy]
            ready = set(wait(waitables, timeout=max(0.0, next_deadline - now)))
            now = time.monotonic()
            for worker in busy:
                task = worker.task
                assert task is not None
                if worker.conn in ready or worker.process.sentinel in ready:
                    raw = _receive(worker)
                    if raw is None:  # died without a word: crash, OOM killer, kill -9
                        _stop(worker, kill=True)
                        message = _death_message(worker.process.exitcode)
                        raw = _failure(task, "worker_died", message, now - worker.started)
                elif now >= worker.started + timeout:
                    _stop(worker, kill=True)  # the next assignment round starts a fresh one
                    message = f"no result after {timeout:g} s (raise the limit with --timeout)"
                    raw = _failure(task, "timeout", message, now - worker.started)
                else:
                    continue
                worker.task = None
                record(raw)
    finally:
        for worker in workers:
            _stop(worker, kill=worker.task is not None or not worker.process.is_alive())


def _receive(worker: _Worker) -> dict[str, Any] | None:
    """The worker's result if it sent one, None if it died first."""
    try:
        if worker.conn.poll():
            return worker.conn.recv()
    except (EOFError, OSError):
        pass
    return None


def _failure(task: _Task, code: str, message: str, seconds: float = 0.0) -> dict[str, Any]:
    return {
        "index": task.index,
        "status": "failed",
        "code": code,
        "message": message,
        "seconds": seconds,
    }
