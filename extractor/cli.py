"""The ``extractor`` command: a thin click layer over ``extractor.batch`` and the public API.

Exit codes: 0 success, 1 some file failed (or was invalid), 2 usage error, 130 Ctrl-C
(143 SIGTERM). Errors are one line each on stderr, ``path: code: message``; tracebacks only
with ``--debug``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import re
import signal
import sys
import traceback
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from extractor import __version__
from extractor.batch import (
    DEFAULT_TIMEOUT,
    RUN_REPORT_NAME,
    BatchInterrupted,
    FileResult,
    RunReport,
    convert_batch,
    default_jobs,
    find_inputs,
)
from extractor.errors import ExtractorError, GrammarError, InternalError, OutdirUnwritableError

if TYPE_CHECKING:  # imported when a command needs them: the grammar is compiled on import
    from extractor.settings import Settings

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


#: Characters a terminal acts on instead of showing: controls (newline, ESC, bell), format
#: characters (bidi overrides), line/paragraph separators, bytes that are not UTF-8.
_UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def _escape(char: str) -> str:
    if unicodedata.category(char) == "Cs" and 0xDC80 <= ord(char) <= 0xDCFF:
        return f"\\x{ord(char) - 0xDC00:02x}"  # a byte of a non-UTF-8 file name
    return char.encode("unicode_escape").decode("ascii")


def _printable(text: str) -> str:
    """``text`` safe for one terminal line: control and format characters escaped
    (``\\n``, ``\\x1b``, ``\\u202e``), so a file name can neither split an error line
    nor send escape sequences to the terminal. ``_run.json`` keeps the real path."""
    return "".join(_escape(c) if unicodedata.category(c) in _UNSAFE_CATEGORIES else c for c in text)


def _error_line(path: str, code: str, message: str) -> str:
    return f"{_printable(path)}: {code}: {_printable(_one_line(message))}"


def _quiet_pdfminer(debug: bool) -> None:
    """pdfminer logs a warning per odd glyph or colour; users want our one-line errors."""
    logging.getLogger("pdfminer").setLevel(logging.DEBUG if debug else logging.ERROR)


def _settings(
    password: str | None, max_pages: int | None, enrich: bool = True, loader: str | None = None
) -> Settings:
    from extractor.settings import DEFAULT_SETTINGS

    changes: dict[str, Any] = {"password": password, "enrich": enrich}
    if loader is not None:
        changes["loader"] = loader
    if max_pages is not None:
        changes["max_pages"] = max_pages
    return dataclasses.replace(DEFAULT_SETTINGS, **changes)


class _SettingDefault:
    """A ``Settings`` default for an option, looked up only when it is used or shown: importing
    the settings compiles the grammar, which ``--help`` and ``validate`` do not need."""

    def __init__(self, name: str, shown: Callable[[Any], str] = str) -> None:
        self.name, self.shown = name, shown

    def __call__(self) -> Any:
        from extractor.settings import DEFAULT_SETTINGS

        return getattr(DEFAULT_SETTINGS, self.name)

    def __str__(self) -> str:  # what click shows as [default: ...]
        return self.shown(self())


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from extractor.model import SCHEMA_VERSION

    click.echo(f"extractor {__version__} (report schema {SCHEMA_VERSION})")
    ctx.exit()


def _internal_error(where: str, exc: BaseException, debug: bool) -> NoReturn:
    if debug:
        raise exc
    message = f"{type(exc).__name__}: {exc} (run with --debug for the traceback)"
    click.echo(_error_line(where, InternalError.code, message), err=True)
    sys.exit(1)


password_option = click.option(
    "--password",
    envvar="EXTRACTOR_PASSWORD",
    metavar="TEXT",
    help="Password for encrypted PDFs (or set EXTRACTOR_PASSWORD, which keeps it out of `ps`).",
)
max_pages_option = click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    metavar="N",
    default=_SettingDefault("max_pages"),
    show_default=True,
    help="Refuse PDFs with more than N pages (too_large).",
)
loader_option = click.option(
    "--loader",
    type=click.Choice(["pdfminer", "pdfium"]),
    default=_SettingDefault("loader"),
    show_default=True,
    help="What reads the PDF. pdfium (PDFium, in C) gives the same content (glyph boxes may "
    "differ by up to a point) and loads a little faster, but decodes without caps: use it on "
    "trusted files; convert then runs every file in a worker, so a hostile one fails alone.",
)
debug_option = click.option(
    "--debug", is_flag=True, help="Show Python tracebacks and pdfminer's log messages."
)


@click.group(context_settings=CONTEXT)
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and exit.",
)
def main() -> None:
    """Turn Japanese municipal plan-progress report PDFs into schema-checked JSON.

    \b
    Examples:
      extractor convert samples/ -o out          every PDF in samples/ -> out/*.json
      extractor convert 資料2.pdf --force       convert again even if out/資料2.json is current
      extractor validate out/                    check JSON files against the report schema
      extractor text 資料2.pdf                  the normalised text, page by page
      extractor series out/ -o series.csv        one plan's figures across the years
      extractor report out/ -o summary.html      a page with a chart per indicator series
      extractor inspect 資料2.pdf -o inspect/   pictures of what was detected on each page
    """


# --- convert ---------------------------------------------------------------------------------


class _Progress:
    """Shows per-file outcomes: a tqdm bar on a terminal, plain log lines otherwise."""

    def __init__(self, total: int, quiet: bool, debug: bool) -> None:
        self.quiet = quiet
        self.debug = debug
        self.done = 0
        self.total = total
        self.bar = None
        if not quiet and _isatty(sys.stderr):
            from tqdm import tqdm

            # no monitor thread (it tunes bars updated many times a second; this one moves
            # once a file): with no other thread, workers can be forked (workers._context)
            tqdm.monitor_interval = 0
            self.bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)

    def __call__(self, result: FileResult) -> None:
        self.done += 1
        if result.status == "failed":
            self._write(_error_line(result.path, result.code or "error", result.message or ""))
            if self.debug and result.traceback:
                self._write(result.traceback.rstrip())
        elif not self.quiet and self.bar is None:
            pages = f"{result.pages} pages, " if result.pages is not None else ""
            self._write(
                f"[{self.done}/{self.total}] {result.status} {_printable(result.path)} -> "
                f"{_printable(result.output or '')} "
                f"({pages}{result.warnings} warnings, {result.seconds:.1f} s)"
            )
        if self.bar is not None:
            self.bar.update(1)

    def _write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _summary(report: RunReport) -> str:
    totals = report.totals
    parts = [f"{totals[s]} {s}" for s in ("converted", "skipped", "failed")]
    if totals["interrupted"]:
        parts.append(f"{totals['interrupted']} interrupted")
    parts.append(f"{totals['warnings']} warnings")
    parts.append(f"{report.elapsed:.1f} s")
    return ", ".join(parts) + f"  (run report: {Path(report.outdir) / RUN_REPORT_NAME})"


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C so the run report is still written."""


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    def handler(signum: int, frame: Any) -> None:
        raise _Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


_SIZE_UNITS = {"": 2**20, "K": 2**10, "M": 2**20, "G": 2**30}


class _MemorySize(click.ParamType):
    """A size like ``512M``, ``1G`` or ``1.5G`` (a bare number is MB)."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?)i?B?\s*", str(value), re.I)
        if not match or float(match[1]) <= 0:
            self.fail(f"{value!r} is not a size like 512M or 1G", param, ctx)
        return int(float(match[1]) * _SIZE_UNITS[match[2].upper()])


@main.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--outdir",
    default="out",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the JSON files and the run report _run.json.",
)
@click.option("-r", "--recursive", is_flag=True, help="Also look for PDFs in subfolders.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help=f"Worker processes.  [default: number of CPUs, here {default_jobs()}]",
)
@click.option("-f", "--force", is_flag=True, help="Convert even when the output is current.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Give up on a file after this long (its worker is killed).",
)
@click.option(
    "--max-memory",
    type=_MemorySize(),
    default=_SettingDefault("max_memory", shown=lambda size: f"{size // 2**20}M"),
    show_default=True,
    metavar="SIZE",
    help="Memory limit of each worker (e.g. 512M, 2G); a file needing more fails as too_large.",
)
@password_option
@max_pages_option
@loader_option
@click.option("--no-enrich", is_flag=True, help="Skip keywords, program names and amounts.")
@click.option(
    "--grammar",
    "grammar_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="A TOML file of your reports' conventions, merged over the default grammar "
    "(see extractor/data/grammar.toml). Use --force to redo outputs made with another.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail a report (not_understood) that has any content warning: low coverage, "
    "unplaced text, an unclassified column, a table that is not read.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the summary.")
@debug_option
def convert(
    inputs: tuple[Path, ...],
    outdir: Path,
    recursive: bool,
    jobs: int | None,
    force: bool,
    timeout: float,
    max_memory: int,
    password: str | None,
    max_pages: int | None,
    loader: str,
    no_enrich: bool,
    grammar_file: Path | None,
    strict: bool,
    quiet: bool,
    debug: bool,
) -> None:
    """Convert report PDFs (files or folders) into OUTDIR/<name>.json.

    Files whose JSON is already current (same PDF checksum, tool version and schema version)
    are skipped, so an interrupted run simply resumes. Each output is validated against the
    schema and written atomically. If two inputs share a name, the later ones (in path order)
    get <name>-2.json, <name>-3.json, ...; OUTDIR/_run.json says which input went where.

    A file that cannot be converted (missing, unreadable, not a PDF, too large, ...) fails
    alone, with one line on stderr: path: code: message.

    Exit status: 0 all converted or skipped, 1 some file failed, 2 usage error (including an
    OUTDIR that cannot be written), 130 Ctrl-C (143 SIGTERM). Ctrl-C, SIGTERM or even kill -9
    never leave half a JSON file.

    \b
    Examples:
      extractor convert 資料2.pdf               -> out/資料2.json
      extractor convert reports/ -r -o json/      every PDF under reports/ -> json/
      extractor convert reports/*.pdf --jobs 4 --timeout 600
      EXTRACTOR_PASSWORD=secret extractor convert locked.pdf
      extractor convert reports/ --quiet 2> failures.txt
      extractor convert reports/ --grammar mycity.toml --strict
      extractor convert trusted/ --loader pdfium --jobs 4
    """
    _quiet_pdfminer(debug)
    inputs_found = find_inputs(inputs, recursive=recursive)
    if not inputs_found:
        where = ", ".join(str(p) for p in inputs)
        hint = "" if recursive else " (use --recursive to look in subfolders)"
        raise click.UsageError(f"no PDF files found in {where}{hint}")
    settings = dataclasses.replace(
        _settings(password, max_pages, enrich=not no_enrich, loader=loader), max_memory=max_memory
    )
    from extractor.grammar import load_grammar

    try:
        grammar = load_grammar(grammar_file)
    except GrammarError as exc:
        raise click.UsageError(exc.message) from None
    settings = dataclasses.replace(settings, grammar=grammar, strict=strict)
    progress = _Progress(len(inputs_found), quiet=quiet, debug=debug)
    try:
        with _sigterm_as_interrupt():
            report = convert_batch(
                inputs_found,
                outdir,
                settings,
                jobs=jobs,
                force=force,
                timeout=timeout,
                progress_callback=progress,
            )
        status = report.exit_code
    except BatchInterrupted as exc:  # the run report is written; say how to resume
        progress.close()
        report = exc.report
        status = 143 if isinstance(exc.__context__, _Terminated) else 130
        click.echo("interrupted: run the same command again to resume", err=True)
    except OutdirUnwritableError as exc:  # a usage error: nothing has started
        progress.close()
        click.echo(_error_line(exc.path or str(outdir), exc.code, exc.message), err=True)
        sys.exit(2)
    except ExtractorError as exc:  # the batch could not start (e.g. OUTDIR busy)
        progress.close()
        click.echo(_error_line(exc.path or str(outdir), exc.code, exc.message), err=True)
        sys.exit(1)
    except Exception as exc:
        progress.close()
        _internal_error(str(outdir), exc, debug)
    progress.close()
    click.echo(_summary(report))
    sys.exit(status)


# --- validate --------------------------------------------------------------------------------


def _json_files(paths: tuple[Path, ...]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.json")))
        else:
            files.append(path)
    return files


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Print only the invalid files.")
def validate(files: tuple[Path, ...], quiet: bool) -> None:
    """Check JSON files (or every *.json in a folder) against the report schema.

    A batch run report (_run.json, recognised by its content) is checked against the run
    report schema instead. One line per invalid (or missing) file on stderr, with its first
    errors. Exit status 0 when every file is valid, 1 otherwise.

    \b
    Examples:
      extractor validate out/資料2.json
      extractor validate out/*.json             reports and the run report _run.json
      extractor validate out/                   the same
    """
    from extractor.validate import document_to_errors

    targets = _json_files(files)
    if not targets:
        raise click.UsageError("no JSON files found in " + ", ".join(str(p) for p in files))
    invalid = 0
    for path in targets:
        try:
            errors = document_to_errors(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:  # one missing file is that file's failure, not a usage error
            invalid += 1
            click.echo(_error_line(str(path), "not_found", f"no such file: {path}"), err=True)
            continue
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            errors = [f"not a readable JSON file: {exc}"]
        if errors:
            invalid += 1
            shown = "; ".join(errors[:3])
            more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
            click.echo(_error_line(str(path), "invalid_output", shown + more), err=True)
    if not quiet:
        click.echo(f"{len(targets) - invalid} valid, {invalid} invalid")
    sys.exit(1 if invalid else 0)


# --- text ------------------------------------------------------------------------------------


@main.command(context_settings=CONTEXT)
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the pages as a JSON list.")
@password_option
@max_pages_option
@loader_option
@debug_option
def text(
    pdf: Path,
    as_json: bool,
    password: str | None,
    max_pages: int | None,
    loader: str,
    debug: bool,
) -> None:
    """Print the normalised text of any text PDF, page by page.

    Paragraphs are separated by blank lines, pages by a `--- page N ---` line; warnings go to
    stderr. With --json the output is a list of {"page", "paragraphs": [{"text", "bbox"}],
    "warnings"}.

    \b
    Examples:
      extractor text 資料2.pdf | less
      extractor text 資料2.pdf --json > 資料2.text.json
      extractor text 資料2.pdf --loader pdfium
    """
    from extractor.high_level import extract_text

    _quiet_pdfminer(debug)
    try:
        pages = extract_text(pdf, _settings(password, max_pages, loader=loader))
    except ExtractorError as exc:
        if debug:
            traceback.print_exc()
        click.echo(_error_line(str(pdf), exc.code, exc.message), err=True)
        sys.exit(1)
    except Exception as exc:
        _internal_error(str(pdf), exc, debug)
    if as_json:
        click.echo(json.dumps(pages, ensure_ascii=False, indent=2))
        return
    for page in pages:
        click.echo(f"--- page {page['page']} ---")
        for paragraph in page.get("paragraphs", []):
            click.echo(paragraph["text"])
            click.echo()
        for warning in page.get("warnings", []):
            where = f"page {warning.get('page') or page['page']}"
            message = f"{where}: {_one_line(warning['message'])}"
            click.echo(_error_line(str(pdf), warning["code"], message), err=True)


# --- series ----------------------------------------------------------------------------------


def _series_table(inputs: tuple[Path, ...]) -> tuple[list[dict[str, Any]], Any]:
    """The converted reports named by ``inputs`` and their series table (usage errors)."""
    from extractor.series import SeriesInputError, paths_to_reports, reports_to_series

    try:
        reports = paths_to_reports(inputs)
        return reports, reports_to_series(reports)
    except SeriesInputError as exc:
        raise click.UsageError(str(exc)) from None


def _echo_warnings(table: Any) -> None:
    for warning in table.warnings:
        click.echo(_error_line("series", warning.code, warning.message), err=True)


@main.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file: .csv (UTF-8 with BOM), .jsonl or .parquet (needs pyarrow).",
)
@click.option(
    "--progress",
    is_flag=True,
    help="One row per series (baseline, latest, target, achievement rate, status) instead.",
)
def series(inputs: tuple[Path, ...], output: Path, progress: bool) -> None:
    """One table of a plan's figures across the years, from converted report JSON files.

    INPUTS are report JSON files or folders of them (_run.json is skipped), all of one plan.
    One row per figure: a fiscal year's actual in one report and current in another are the
    same figure; the newest report's reading is kept, and a differing earlier reading sets
    `revised` and is listed in `previous_raw`. Indicators that were dropped, added or seem
    renamed are listed as warnings on stderr.

    \b
    Examples:
      extractor series out/ -o series.csv
      extractor series out/r2.json out/r3.json out/r4.json -o series.parquet
      extractor series out/ --progress -o progress.csv
    """
    from extractor.export import ExportFormatError, MissingDependencyError, rows_to_file
    from extractor.progress import PROGRESS_COLUMNS, series_to_progress
    from extractor.series import SERIES_COLUMNS

    _, table = _series_table(inputs)
    _echo_warnings(table)
    if progress:
        rows = [p.to_dict() for p in series_to_progress(table)]
        columns = PROGRESS_COLUMNS
    else:
        rows = [r.to_dict() for r in table.rows]
        columns = SERIES_COLUMNS
    try:
        rows_to_file(rows, columns, output)
    except ExportFormatError as exc:
        raise click.UsageError(str(exc)) from None
    except MissingDependencyError as exc:
        click.echo(_error_line(str(output), "missing_dependency", str(exc)), err=True)
        sys.exit(1)
    what = "series" if progress else "figures"
    click.echo(f"{len(rows)} {what} from {len(table.reports)} reports -> {output}")


# --- report ----------------------------------------------------------------------------------


@main.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    default="summary.html",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write.",
)
def report(inputs: tuple[Path, ...], output: Path) -> None:
    """One self-contained HTML page: every goal and indicator with a chart per series.

    INPUTS are converted report JSON files or folders of them, all of one plan. Each chart
    shows the values by fiscal year with the baseline and target lines and the progress
    status. The page needs no server and no network (inline SVG): open it in any browser,
    on a phone or a desktop, or mail it.

    \b
    Examples:
      extractor report out/ -o summary.html
      extractor report out/r2.json out/r3.json out/r4.json -o 進捗.html
    """
    from extractor.progress import series_to_progress
    from extractor.summary import plan_title, series_to_html
    from extractor.write import write_text_atomic

    reports, table = _series_table(inputs)
    _echo_warnings(table)
    progress = series_to_progress(table)
    write_text_atomic(series_to_html(table, progress, plan_title(reports)), output)
    click.echo(f"{len(progress)} series from {len(table.reports)} reports -> {output}")


# --- inspect ---------------------------------------------------------------------------------


@main.command(context_settings=CONTEXT)
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pages", metavar="RANGE", help="Pages to draw, e.g. 1-3,5.  [default: all]")
@click.option(
    "-o",
    "--outdir",
    default="inspect",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the pictures (<name>-p<N>.png).",
)
@password_option
@max_pages_option
@debug_option
def inspect(
    pdf: Path,
    pages: str | None,
    outdir: Path,
    password: str | None,
    max_pages: int | None,
    debug: bool,
) -> None:
    """Draw what the tool detected on each page: one PNG per page.

    Goal, section and initiative headings, paragraphs and notes are boxed; table cells are
    coloured by role (基準値 blue, 実績 orange, 現状値 green, 目標値 purple) and each value cell
    is labelled with its parsed value; page furniture is grey and unplaced text red. Open
    these when a number in the JSON looks wrong.

    \b
    Examples:
      extractor inspect 資料2.pdf -o inspect/
      extractor inspect 資料2.pdf --pages 1-2,5
    """
    from extractor.inspect import PageRangeError, parse_pages, pdf_to_inspection

    _quiet_pdfminer(debug)
    if pages is not None:
        try:
            parse_pages(pages, 10**6)
        except PageRangeError as exc:
            raise click.BadParameter(str(exc), param_hint="--pages") from None
    try:
        written = pdf_to_inspection(pdf, outdir, pages, _settings(password, max_pages))
    except ExtractorError as exc:
        click.echo(_error_line(str(pdf), exc.code, exc.message), err=True)
        sys.exit(1)
    except PageRangeError as exc:  # a range past the end of this PDF
        raise click.BadParameter(str(exc), param_hint="--pages") from None
    except Exception as exc:
        _internal_error(str(pdf), exc, debug)
    for path in written:
        click.echo(path)


if __name__ == "__main__":  # pragma: no cover
    main()
