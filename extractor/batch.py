"""Convert many PDFs at once: worker processes, per-file timeouts, incremental runs, a run report.

The command line (``extractor convert``) is a thin layer over this module::

    from extractor.batch import find_inputs, convert_batch

    inputs = find_inputs(["reports/"], recursive=True)
    report = convert_batch(inputs, "out", jobs=4)
    print(report.totals, report.exit_code)

Each file is converted in a worker process (``extractor.workers``): one that hangs past the
timeout is killed and reported as ``timeout``, one that crashes (segfault, out of memory,
killed) as ``worker_died``, and the run goes on with a fresh worker. A run of one or two files
that a single worker would do is converted in this process, under the same time and memory
limits (``extractor.workers.convert_here``), so it starts at once.

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
import logging
import os
import re
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.errors import ExtractorError, OutdirBusyError, OutdirUnwritableError
from extractor.workers import (
    Converter,
    Pool,
    Task,
    convert_document,
    convert_here,
    current_output,
    fits_in_process,
    versions,
)

if TYPE_CHECKING:  # the settings compile the grammar: imported when a run starts
    from extractor.settings import Settings

__all__ = [
    "DEFAULT_TIMEOUT",
    "RUN_REPORT_NAME",
    "BatchInterrupted",
    "Converter",
    "FileResult",
    "RunReport",
    "clean_stale_temp_files",
    "convert_batch",
    "convert_document",
    "current_output",
    "default_jobs",
    "find_inputs",
    "plan_outputs",
    "write_run_report",
]

#: File name of the machine-readable run report inside OUTDIR.
RUN_REPORT_NAME = "_run.json"
#: Per-file statuses in a run report.
STATUSES = ("converted", "skipped", "failed", "interrupted")
#: Default per-file time limit in seconds: generous, a 300-page report takes well under it.
DEFAULT_TIMEOUT = 300.0

_LOCK_NAME = ".extractor.lock"
_TMP_GLOB = ".*.tmp"  # what extractor.write leaves behind when killed mid-write

log = logging.getLogger(__name__)


# --- finding inputs and naming outputs ------------------------------------------------------


def find_inputs(paths: Iterable[str | Path], recursive: bool = False) -> list[Path]:
    """The PDFs named by ``paths``: files as given, folders' ``*.pdf`` (any case), sorted.

    A file named explicitly is taken whatever its extension (so a mislabelled input is
    reported, not silently ignored; so is a folder named ``*.pdf``, which then fails as
    ``not_a_pdf``). Other folders give only their top-level PDFs unless
    ``recursive``; symlinked folders are not followed. Duplicates are dropped. A path that
    does not exist, or a folder that cannot be listed, is kept as it is: the batch reports
    it as that file's failure (``not_found``, ``unreadable``) and converts the others.
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
        if path.is_dir() and path.suffix.lower() != ".pdf":
            try:
                pdfs = sorted(_pdfs_in(path, recursive), key=_sort_key)
            except OSError:
                pdfs = [path]
            for pdf in pdfs:
                add(pdf)
        else:
            add(path)
    return found


def _pdfs_in(folder: Path, recursive: bool) -> Iterator[Path]:
    """Entries named ``*.pdf``, whatever they are: a FIFO, a device, a link to /dev/zero or
    (without ``recursive``) a folder named ``x.pdf`` is an input that fails as ``not_a_pdf``,
    reported rather than silently left out."""
    if not recursive:
        for entry in folder.iterdir():
            if entry.suffix.lower() == ".pdf":
                yield entry
        return
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            entry = Path(root) / name
            if entry.suffix.lower() == ".pdf":
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
    settings: Settings = field(default_factory=lambda: _default_settings())
    interrupted: bool = False
    tool_version: str = field(default_factory=lambda: versions()[0])
    schema_version: str = field(default_factory=lambda: versions()[1])

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
            "max_memory": self.settings.max_memory,
            "strict": self.settings.strict,
            "grammar": self.settings.grammar.origin,
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


def write_run_report(report: RunReport, path: str | Path | None = None) -> Path:
    """Write ``report`` as JSON (atomically) to ``path``, default ``OUTDIR/_run.json``.

    Paths are written as they are, even a file name that is not UTF-8 (Python holds its
    bytes as lone surrogates): those are written as JSON ``\\udcXX`` escapes, which read
    back as the same path.
    """
    from extractor.write import report_to_json, write_text_atomic

    target = Path(path) if path is not None else Path(report.outdir) / RUN_REPORT_NAME
    text = report_to_json(report.to_dict())
    text = _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return write_text_atomic(text, target)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_stale_temp_files(outdir: str | Path) -> list[Path]:
    """Remove temporary files an interrupted run left in ``outdir``; return what was removed."""
    removed = []
    for tmp in Path(outdir).glob(_TMP_GLOB):
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
            removed.append(tmp)
    return removed


def _writable_outdir(outdir: Path) -> None:
    """Create ``outdir`` and make sure files can be created in it, before any work starts."""
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=outdir):
            pass
    except OSError as exc:
        raise OutdirUnwritableError(
            f"cannot write into the output folder: {exc.strerror or exc}", path=str(outdir)
        ) from exc


@contextlib.contextmanager
def _locked(outdir: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``outdir`` so two runs never clean each other's temp files;
    the lock file is removed when the run ends."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks, run unguarded
        yield
        return
    lock = outdir / _LOCK_NAME
    while True:
        handle = lock.open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.close()
            raise OutdirBusyError(
                f"another extractor run is writing into {outdir}", path=str(outdir)
            ) from exc
        # A run that just ended may have removed the file between our open and our lock:
        # then we hold a lock nobody else can see, so lock the file that is there now.
        with contextlib.suppress(FileNotFoundError):
            if os.fstat(handle.fileno()).st_ino == lock.stat().st_ino:
                break
        handle.close()
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)
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
    settings: Settings | None = None,
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
    Raises ``OutdirUnwritableError`` if ``outdir`` cannot be created or written, and
    ``OutdirBusyError`` if another run holds it.
    """
    settings = settings if settings is not None else _default_settings()
    paths = [Path(p) for p in inputs]
    outdir = Path(outdir)
    _writable_outdir(outdir)
    jobs = max(1, jobs if jobs is not None else default_jobs())
    outputs = plan_outputs(paths, outdir)
    started = dt.datetime.now().astimezone()
    results: list[FileResult | None] = [None] * len(paths)

    def finish(interrupted: bool) -> RunReport:
        if interrupted:  # workers were stopped, perhaps mid-write or right after a rename
            clean_stale_temp_files(outdir)
            for i, result in enumerate(results):
                if result is None:
                    results[i] = _written_before_the_stop(paths[i], outputs[i], settings, started)
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
            Task(i, paths[i], outputs[i], settings, force)
            for i in sorted(range(len(paths)), key=lambda i: -_size(paths[i]))  # biggest first
        ]
        try:
            if fits_in_process(len(tasks), jobs, settings):
                convert_here(deque(tasks), timeout, converter, record)
            else:
                Pool(jobs, timeout, converter, settings.max_memory).run(deque(tasks), record)
        except KeyboardInterrupt:
            raise BatchInterrupted(finish(interrupted=True)) from None
        return finish(interrupted=False)


def _written_before_the_stop(
    path: Path, output: Path, settings: Settings, started: dt.datetime
) -> FileResult | None:
    """A worker stopped by Ctrl-C may have renamed its output into place before it could
    report: that file is whole and current, so it counts as converted (or skipped, if an
    earlier run wrote it), not interrupted."""
    from extractor.load import file_to_sha256

    try:
        written = dt.datetime.fromtimestamp(output.stat().st_mtime).astimezone()
        sha256 = file_to_sha256(path)
    except (OSError, ExtractorError):
        return None
    document = current_output(output, sha256, settings.enrich, settings.grammar.digest)
    if document is None:
        return None
    return FileResult(
        path=str(path),
        output=str(output),
        status="converted" if written >= started else "skipped",
        warnings=len(document.get("warnings", [])),
        pages=document["source"]["pages"],
    )


def _default_settings() -> Settings:
    from extractor.settings import DEFAULT_SETTINGS

    return DEFAULT_SETTINGS


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
