"""Worker processes for ``extractor.batch``: one file per task, killed if they hang or die.

Why processes and not threads: pdfminer is pure Python (the GIL would serialise threads), and
a process can be killed. Each worker is long-lived and converts one file at a time; the parent
(``Pool``) gives each task a deadline, replaces a worker that overruns it (``timeout``) or dies
(``worker_died``: segfault, out of memory, killed), and goes on with the other files.
Workers ignore Ctrl-C (the parent stops them) and exit by themselves if the parent is killed.
Each worker caps its own address space at ``Settings.max_memory`` for every file
(``RLIMIT_AS``): an allocation past it raises ``MemoryError``, which fails that file as
``too_large`` while the worker lives on for the next one.

A run of one or two files that one worker would do alone is converted in this process instead
(``convert_here``): starting a worker (importing the pipeline, then a fork; elsewhere than Linux
a fresh interpreter importing it) takes about as long as converting a small report. The same
caps apply there, by other means: ``SIGALRM`` ends a file at its time limit, ``RLIMIT_AS`` is
set for the file and restored after it. What only a separate process gives is lost there: a
crash in C code (segfault) ends the whole run, and a loop inside C code that never returns to
Python is not interrupted by the alarm.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.errors import (
    ExtractorError,
    InputNotFoundError,
    InternalError,
    TooLargeError,
    UnreadableFileError,
)

if TYPE_CHECKING:  # imported where used: ``extractor --help`` needs neither
    from multiprocessing.connection import Connection

    from extractor.settings import Settings

#: A converter turns one PDF into a report document (the JSON dict). It runs in a worker
#: process, so it must be picklable: a module-level function.
Converter = Callable[[Path, "Settings"], dict[str, Any]]


def versions() -> tuple[str, str]:
    """This tool's version and the report schema version it writes."""
    from extractor import __version__
    from extractor.model import SCHEMA_VERSION

    return __version__, SCHEMA_VERSION


# --- in the worker: one file ------------------------------------------------------------------


def convert_document(path: Path, settings: Settings) -> dict[str, Any]:
    """The default converter: ``extractor.convert`` as a report document.

    A file name that is not UTF-8 (a Shift-JIS name from an old archive: Python holds its
    bytes as lone surrogates, which no UTF-8 JSON file can hold) is recorded in
    ``source.file`` with those bytes escaped (``\\x8e``), as the error lines show it.
    """
    from extractor.high_level import convert

    document = convert(path, settings).to_dict()
    name = document["source"]["file"]
    document["source"]["file"] = os.fsencode(name).decode("utf-8", "backslashreplace")
    return document


def _enriched(document: dict[str, Any]) -> bool | None:
    """Whether a report carries keywords etc.; None when it has nothing to enrich."""
    goals = document.get("goals") or []
    flags = [("keywords" in i) for g in goals for i in g.get("initiatives") or []]
    flags += [("challenge_terms" in g) for g in goals if g.get("challenges")]
    return all(flags) if flags else None


def current_output(
    output: Path, sha256: str, enrich: bool = True, grammar: str | None = None
) -> dict[str, Any] | None:
    """The existing output document if it is valid and made from this very input by this very
    tool and schema version, with enrichment as asked and the same grammar (so converting
    again would give the same file), else None."""
    from extractor.validate import report_to_errors

    try:
        document = json.loads(output.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    version, schema_version = versions()
    try:
        current = (
            document["source"]["sha256"] == sha256
            and document["generator"]["version"] == version
            and document["schema_version"] == schema_version
            and (grammar is None or document["generator"].get("grammar") == grammar)
        )
    except (KeyError, TypeError):
        return None
    if not current or report_to_errors(document) or _enriched(document) not in (None, enrich):
        return None
    return document


@dataclass(frozen=True)
class Task:
    """One file to do, as sent to a worker."""

    index: int
    path: Path
    output: Path
    settings: Settings
    force: bool


#: Runs of at most this many files, which one worker would do one after the other, are
#: converted in this process (``convert_here``): no worker start-up before the first page.
IN_PROCESS_MAX_FILES = 2


def _run_task(task: Task, converter: Converter) -> dict[str, Any]:
    """Convert (or skip) one file; every outcome becomes a plain dict, nothing is raised.

    The cheap checks come first: a FIFO or a link to /dev/zero must be refused from its
    ``stat``, never hashed (the read would block, or never end)."""
    from extractor.load import check_input, file_to_sha256
    from extractor.write import write_report

    started = time.perf_counter()
    result: dict[str, Any] = {"index": task.index}
    try:
        check_input(task.path, task.settings)
        try:
            sha256 = file_to_sha256(task.path)
        except FileNotFoundError as exc:
            raise InputNotFoundError(f"no such file: {task.path}", path=str(task.path)) from exc
        except OSError as exc:
            raise UnreadableFileError(f"cannot read the file: {exc}", path=str(task.path)) from exc
        existing = (
            None
            if task.force
            else current_output(
                task.output, sha256, task.settings.enrich, task.settings.grammar.digest
            )
        )
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
    except MemoryError:
        limit = task.settings.max_memory / 2**20
        message = f"needs more than the {limit:.0f} MB memory limit per worker (--max-memory)"
        result.update(status="failed", code=TooLargeError.code, message=message)
    except Exception as exc:  # a bug: report it for this file, keep the run going
        message = f"{type(exc).__name__}: {exc}"
        result.update(status="failed", code=InternalError.code, message=message)
        result["traceback"] = traceback.format_exc()
    result["seconds"] = time.perf_counter() - started
    return result


def _reset_signal_handlers() -> None:
    """A forked worker inherits the parent's Python signal handlers (the command line turns
    SIGTERM into an interrupt that writes the run report): back to the defaults, so SIGTERM
    ends a worker as it ends a fresh process."""
    for signum in signal.valid_signals():
        with contextlib.suppress(OSError, ValueError, TypeError):
            if callable(signal.getsignal(signum)):
                signal.signal(signum, signal.SIG_DFL)


def _worker_main(conn: Connection, converter: Converter) -> None:
    """A worker: take tasks from ``conn`` until told to stop (``None``) or the parent is gone."""
    _reset_signal_handlers()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings are per-glyph noise
    # What the worker starts with (the imported pipeline) is never garbage: the collection
    # after each file scans only what files made (9 ms a file before, under 1 ms after).
    gc.freeze()
    _exit_when_orphaned()
    try:
        conn.send(_READY)
    except OSError:
        return
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        _limit_memory(task.settings.max_memory)
        result = _run_task(task, converter)
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return
        gc.collect()  # what a failed file left in reference cycles, before the next one


def _limit_memory(limit: int) -> int | None:
    """Cap this process's address space (where the platform can): past it, allocations
    raise ``MemoryError`` instead of taking the machine's memory. Returns the previous cap
    (None where there is none to set)."""
    try:
        import resource
    except ImportError:  # Windows: no RLIMIT_AS
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return soft


# --- in this process: a run too small to be worth a worker ------------------------------------


class _Overrun(BaseException):
    """Raised by the alarm when a file runs past its time limit. Not an ``Exception``: the
    pipeline's broad handlers (a damaged page becomes a warning) must not swallow it."""


def fits_in_process(tasks: int, jobs: int, settings: Settings) -> bool:
    """Whether a run is converted here rather than by workers: one worker would do it all
    (``jobs`` is 1, or there is one file), it is small, the alarm can be set (POSIX, main
    thread), and this process is small enough (under a quarter of ``max_memory``) that the
    memory cap means for the file about what it means in a fresh worker. Never with the PDFium
    loader: PDFium decodes in C without caps, and a hostile file can make it abort the whole
    process, which only a worker survives (``worker_died``)."""
    if tasks > IN_PROCESS_MAX_FILES or min(jobs, tasks) > 1 or settings.loader == "pdfium":
        return False
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        return False
    return _address_space() < settings.max_memory / 4


def _address_space() -> float:
    """Bytes of this process's address space (what ``RLIMIT_AS`` counts); inf if unknown."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return float("inf")


def convert_here(
    pending: deque[Task],
    timeout: float,
    converter: Converter,
    record: Callable[[dict[str, Any]], None],
) -> None:
    """Convert ``pending`` in this process, one file after the other, each under the time limit
    (``SIGALRM``) and the memory cap of a worker, with the same results as ``Pool.run``.
    Ctrl-C (``KeyboardInterrupt``) goes to the caller, as from the pool."""

    def overrun(signum: int, frame: Any) -> None:
        raise _Overrun

    previous = signal.signal(signal.SIGALRM, overrun)
    try:
        while pending:
            task = pending.popleft()
            started = time.monotonic()
            cap = _limit_memory(task.settings.max_memory)
            try:
                signal.setitimer(signal.ITIMER_REAL, timeout)
                result = _run_task(task, converter)
            except _Overrun:
                result = _timeout_failure(task, timeout, time.monotonic() - started)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                if cap is not None:
                    _limit_memory(cap)
            if pending:  # what the file left in reference cycles, before the next one
                gc.collect()
            record(result)
    finally:
        signal.signal(signal.SIGALRM, previous)


def _exit_when_orphaned() -> None:
    """If the run is killed (``kill -9``), its workers must not run on: watch the parent."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="orphan-watch", daemon=True).start()


# --- in the parent: scheduling, deadlines, crashes --------------------------------------------


_READY = "ready"
#: A worker that has not said it is ready after this long is taken for dead.
_STARTUP_TIMEOUT = 120.0
#: After this many workers in a row die before they are ready, the remaining files fail.
_MAX_STARTUP_FAILURES = 3


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process of whichever start method
    conn: Connection
    since: float  # when it was started, or given its current task
    ready: bool = False
    task: Task | None = None


#: What a worker needs imported before its first file (the pipeline, pdfminer, the schema).
_PRELOAD = (
    "extractor.workers",
    "extractor.high_level",
    "extractor.load_pdfminer",
    "extractor.write",
)


def start_method(platform: str, methods: Sequence[str], threads: int, small: bool = True) -> str:
    """How workers start. On Linux, when this process runs no other thread and is ``small``:
    ``fork`` of this process with the pipeline imported here first, so a worker is ready at
    once (a forkserver would start a fresh interpreter and import it all again: 0.1 s more
    before the first file). Elsewhere (macOS: system libraries are not fork-safe), with
    threads about (a fork copies only the calling thread, and a lock another thread held
    stays locked in the child), or from a big process (a notebook calling ``convert_batch``:
    its address space would count against each worker's memory cap), a forkserver with the
    same modules preloaded, else spawn."""
    if platform == "linux" and "fork" in methods and threads == 1 and small:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _context(max_memory: int) -> Any:
    import importlib
    import multiprocessing
    import sys

    methods = multiprocessing.get_all_start_methods()
    small = _address_space() < max_memory / 4  # as for converting in this process
    method = start_method(sys.platform, methods, threading.active_count(), small)
    ctx = multiprocessing.get_context(method)
    if method == "fork":
        for name in _PRELOAD:
            importlib.import_module(name)
    elif method == "forkserver":
        ctx.set_forkserver_preload(list(_PRELOAD))
    return ctx


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


class Pool:
    """Up to ``jobs`` worker processes, one task each at a time, each task under a deadline.

    A task's clock starts when a ready worker receives it, so worker start-up never counts
    against a file. Workers that die or overrun are killed and replaced.
    """

    def __init__(self, jobs: int, timeout: float, converter: Converter, max_memory: int) -> None:
        self.ctx = _context(max_memory)
        self.jobs, self.timeout, self.converter = jobs, timeout, converter
        self.workers: list[_Worker] = []
        self.startup_failures = 0

    def run(self, pending: deque[Task], record: Callable[[dict[str, Any]], None]) -> None:
        try:
            while pending or any(w.task for w in self.workers):
                if self.startup_failures >= _MAX_STARTUP_FAILURES:
                    message = "cannot start a worker process"
                    while pending:
                        record(_failure(pending.popleft(), "worker_died", message))
                busy = sum(1 for w in self.workers if w.task)
                while len(self.workers) < min(self.jobs, busy + len(pending)):
                    self.workers.append(self._spawn())
                for worker in self.workers:
                    if worker.ready and worker.task is None and pending:
                        worker.task, worker.since = pending.popleft(), time.monotonic()
                        worker.conn.send(worker.task)
                self._wait(record)
        finally:
            for worker in self.workers:
                _stop(worker, kill=worker.task is not None or not worker.ready)

    def _spawn(self) -> _Worker:
        parent_conn, child_conn = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(
            target=_worker_main, args=(child_conn, self.converter), name="extractor-worker"
        )
        process.daemon = True
        process.start()
        child_conn.close()
        return _Worker(process=process, conn=parent_conn, since=time.monotonic())

    def _deadline(self, worker: _Worker) -> float:
        return worker.since + (self.timeout if worker.ready else _STARTUP_TIMEOUT)

    def _wait(self, record: Callable[[dict[str, Any]], None]) -> None:
        """Wait for a message, a death or the next deadline; handle whatever happened."""
        from multiprocessing.connection import wait

        watched = [w for w in self.workers if w.task or not w.ready]
        if not watched:
            return
        now = time.monotonic()
        timeout = max(0.0, min(self._deadline(w) for w in watched) - now)
        fired = set(wait([w.conn for w in watched] + [w.process.sentinel for w in watched],
                         timeout=timeout))  # fmt: skip
        now = time.monotonic()
        for worker in watched:
            seconds = now - worker.since
            if worker.conn in fired or worker.process.sentinel in fired:
                message = _receive(worker)
                if message == _READY:
                    worker.ready, self.startup_failures = True, 0
                    continue
                if isinstance(message, dict):
                    worker.task = None
                    record(message)
                    continue
                worker.process.join(timeout=2)  # it is exiting: let it, to learn its exit code
                _stop(worker, kill=True)  # died without a word: crash, OOM killer, kill -9
                died = _death_message(worker.process.exitcode)
                if worker.task is not None:
                    record(_failure(worker.task, "worker_died", died, seconds))
                else:
                    self.startup_failures += 1
            elif now >= self._deadline(worker):
                _stop(worker, kill=True)
                if worker.task is not None:
                    record(_timeout_failure(worker.task, self.timeout, seconds))
                else:
                    self.startup_failures += 1
            else:
                continue
            worker.task = None
            self.workers.remove(worker)


def _receive(worker: _Worker) -> Any:
    """The worker's message if it sent one, None if it died first."""
    try:
        if worker.conn.poll():
            return worker.conn.recv()
    except (EOFError, OSError):
        pass
    return None


def _timeout_failure(task: Task, timeout: float, seconds: float) -> dict[str, Any]:
    limit = f"no result after {timeout:g} s (raise the limit with --timeout)"
    return _failure(task, "timeout", limit, seconds)


def _failure(task: Task, code: str, message: str, seconds: float = 0.0) -> dict[str, Any]:
    return {
        "index": task.index,
        "status": "failed",
        "code": code,
        "message": message,
        "seconds": seconds,
    }
