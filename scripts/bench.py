"""Benchmark what a user waits for: whole processes, extractor against plain pdfplumber.

Not a test: numbers depend on the machine. Prints markdown tables to paste into the README.

    .venv/bin/python scripts/bench.py               # median of 5 runs of each case
    .venv/bin/python scripts/bench.py --repeat 2    # a quick look

What it measures, all in one run:

* wall time, process start to exit, of ``extractor convert --jobs 1 --force`` on one small
  report (``samples/kurume_2021.pdf``), on the samples folder as one batch, and on a ~300-page
  report (the reference's pages repeated), each against a plain pdfplumber pass over the same
  files in a fresh Python (``extract_text()`` + ``extract_tables()`` on every page); the two
  commands alternate and each time is the median of ``--repeat`` runs;
* memory of converting the reference in a fresh process (``extractor.convert``), with
  enrichment and without: peak RSS (``VmHWM``) and, at the end, RSS, PSS and USS (the private
  share) from ``/proc/self/smaps_rollup``;
* the same with ``--loader pdfium`` (PDFium reads the PDF; its files always go to a worker);
* the load stage alone, pages per second of each loader, in one process;
* start-up: ``extractor --help`` and ``extractor validate`` on one JSON file;
* batch: ``--jobs 1`` against ``--jobs 2`` (and all CPUs, if more) on 24 copies of the samples.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pikepdf

import extractor
from extractor.batch import default_jobs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_loaders import load_speed

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
#: The reference report: the single small file, and the pages of the long one.
REFERENCE = SAMPLES / "kurume_2021.pdf"

#: A plain pdfplumber pass over the files in argv, as a quick script would do it.
PDFPLUMBER_PASS = """
import sys
import pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()
"""

#: Convert argv[2] in this process (enrichment per argv[1]); print its memory in kB.
MEMORY_CHILD = """
import sys
import extractor
extractor.convert(sys.argv[2], extractor.Settings(enrich=sys.argv[1] == "enrich"))
fields = {}
for name in ("/proc/self/status", "/proc/self/smaps_rollup"):
    with open(name) as f:
        for line in f:
            key, _, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                fields[key] = int(rest.split()[0])
uss = fields["Private_Clean"] + fields["Private_Dirty"]
print(fields["VmHWM"], fields["Rss"], fields["Pss"], uss)
"""


def repeat_pages(source: Path, target: Path, min_pages: int) -> Path:
    """A long report: ``source``'s pages repeated until there are at least ``min_pages``."""
    with pikepdf.open(source) as src, pikepdf.new() as dst:
        while len(dst.pages) < min_pages:
            dst.pages.extend(src.pages)
        dst.save(target)
    return target


def page_count(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        with pikepdf.open(path) as pdf:
            total += len(pdf.pages)
    return total


def extractor_command() -> list[str]:
    script = Path(sys.executable).with_name("extractor")
    return [str(script)] if script.exists() else [sys.executable, "-m", "extractor.cli"]


def wall_time(command: list[str]) -> float:
    """Seconds from process start to exit."""
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def alternated_medians(commands: list[list[str]], repeat: int) -> list[float]:
    """Median wall time of each command, run in turn ``repeat`` times (so slow spells of the
    machine fall on all of them alike)."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(repeat):
        for command, seen in zip(commands, times, strict=True):
            seen.append(wall_time(command))
    return [statistics.median(seen) for seen in times]


def memory_kb(path: Path, enrich: bool) -> tuple[int, int, int, int]:
    """Peak RSS, then RSS, PSS and USS at the end, of converting ``path`` in a fresh process."""
    mode = "enrich" if enrich else "plain"
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_CHILD, mode, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    peak, rss, pss, uss = map(int, done.stdout.split())
    return peak, rss, pss, uss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per command (median)")
    parser.add_argument("--long-pages", type=int, default=300, help="pages of the long report")
    parser.add_argument("--batch", type=int, default=24, help="PDFs in the jobs comparison")
    parser.add_argument("--skip-jobs", action="store_true", help="skip the --jobs comparison")
    args = parser.parse_args()

    # With PYTHONDONTWRITEBYTECODE set, an editable install would compile every module of the
    # package at every start (75 ms): time what an installed package does.
    compileall.compile_dir(REPO / "extractor", quiet=1)
    samples = sorted(SAMPLES.glob("*.pdf"))
    if not REFERENCE.exists():
        sys.exit("no samples/kurume_2021.pdf: run `make samples` first")
    cpu = f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {sys.platform}"
    print(f"\n#### Whole process ({cpu}, extractor {extractor.__version__}, "
          f"median of {args.repeat})\n")  # fmt: skip

    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp_name:
        tmp = Path(tmp_name)
        long_pdf = repeat_pages(REFERENCE, tmp / f"long_{args.long_pages}.pdf", args.long_pages)
        cases = [
            ("one report (kurume_2021.pdf)", [REFERENCE], [str(REFERENCE)]),
            (f"samples folder ({len(samples)} files)", samples, [str(SAMPLES)]),
            (long_pdf.name, [long_pdf], [str(long_pdf)]),
        ]
        ours = [*extractor_command(), "convert", "--jobs", "1", "--force", "-q"]
        print("| case | pages | extractor s | --loader pdfium s | pdfplumber s | ratio | "
              "pdfium ratio |")  # fmt: skip
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, files, inputs in cases:
            print(f"  {name} ...", file=sys.stderr)
            mine = [*ours, *inputs, "-o", str(tmp / "out")]
            pdfium = [*mine, "--loader", "pdfium"]
            plain = [sys.executable, "-c", PDFPLUMBER_PASS, *map(str, files)]
            t_ours, t_pdfium, t_plain = alternated_medians([mine, pdfium, plain], args.repeat)
            ratios = f"{t_ours / t_plain:.2f}× | {t_pdfium / t_plain:.2f}×"
            print(f"| {name} | {page_count(files)} | {t_ours:.2f} | {t_pdfium:.2f} | "
                  f"{t_plain:.2f} | {ratios} |")  # fmt: skip

        print("\n#### Load stage alone, in one process (pages/s, best of 3)\n")
        speed = load_speed([*samples, long_pdf])
        print("| loader | pages/s |")
        print("|---|---:|")
        for loader, pages_per_second in speed.items():
            print(f"| {loader} | {pages_per_second:.0f} |")

        print("\n#### Start-up\n")
        print("| command | s |")
        print("|---|---:|")
        document = tmp / "out" / f"{REFERENCE.stem}.json"
        validate = [*extractor_command(), "validate", str(document)]
        startup = [
            ("extractor --help", [*extractor_command(), "--help"]),
            (f"extractor validate {document.name}", validate),
        ]
        medians = alternated_medians([command for _, command in startup], args.repeat)
        for (name, _), seconds in zip(startup, medians, strict=True):
            print(f"| `{name}` | {seconds:.3f} |")

        print("\n#### Memory: converting kurume_2021.pdf in a fresh process (MB)\n")
        print("| enrichment | peak RSS | RSS at end | PSS at end | USS at end |")
        print("|---|---:|---:|---:|---:|")
        for enrich in (True, False):
            peak, rss, pss, uss = memory_kb(REFERENCE, enrich)
            print(f"| {'on' if enrich else 'off'} | {peak / 1024:.0f} | {rss / 1024:.0f} | "
                  f"{pss / 1024:.0f} | {uss / 1024:.0f} |")  # fmt: skip

        if not args.skip_jobs:
            jobs_table(tmp, samples, args.batch, args.repeat, lambda jobs: [
                *extractor_command(), "convert", str(tmp / "batch"), "-o", str(tmp / f"o{jobs}"),
                "--jobs", str(jobs), "--force", "-q",
            ])  # fmt: skip


def jobs_table(
    tmp: Path, samples: list[Path], count: int, repeat: int, command: Callable[[int], list[str]]
) -> None:
    batch = tmp / "batch"
    batch.mkdir()
    for i in range(count):
        source = samples[i % len(samples)]
        shutil.copy(source, batch / f"{i:02d}_{source.name}")
    pages = page_count(sorted(batch.glob("*.pdf")))
    job_counts = sorted({1, 2, default_jobs()})
    print(f"\n#### Batch: {count} PDFs ({pages} pages), `extractor convert --force`\n")
    walls = alternated_medians([command(jobs) for jobs in job_counts], repeat)
    print("| --jobs | wall s | pages/s | speed-up |")
    print("|---:|---:|---:|---:|")
    for jobs, wall in zip(job_counts, walls, strict=True):
        print(f"| {jobs} | {wall:.2f} | {pages / wall:.1f} | {walls[0] / wall:.2f}× |")


if __name__ == "__main__":
    main()
