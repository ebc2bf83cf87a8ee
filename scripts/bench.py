"""Benchmark: extractor against a plain pdfplumber pass, memory, and parallel batch speed-up.

Not a test: numbers depend on the machine. Prints markdown tables to paste into the README.

    .venv/bin/python scripts/bench.py              # samples + 30- and 305-page reports
    .venv/bin/python scripts/bench.py --quick      # samples + the 30-page report only

What it measures, all in one run on the same files:

* per file: pages, extractor seconds and pages/s (``extractor.convert``, in process, after a
  warm-up so start-up costs are not counted), the same for a plain pdfplumber pass
  (``extract_text()`` + ``extract_tables()`` on every page), and the peak RSS of each done in a
  fresh subprocess (``VmHWM`` on Linux, ``ru_maxrss`` elsewhere);
* per stage: seconds spent in each pipeline stage, when ``convert`` accepts ``timings=``;
* batch: wall time of ``extractor convert --jobs 1`` against ``--jobs 2`` (and all CPUs, if
  more) on 24 copies of the samples, start-up included; interleaved, best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import inspect
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber
import pikepdf

import extractor
from extractor.batch import default_jobs

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
#: The sample repeated into the long reports.
BASE_SAMPLE = "kurume_2021.pdf"

CHILD = """
import sys
mode, path = sys.argv[1], sys.argv[2]
if mode == "extractor":
    import extractor
    extractor.convert(path)
elif mode == "pdfplumber":
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()
else:
    import extractor.high_level  # start-up only: the baseline of the two above
# Peak RSS of this process since its exec. Not ru_maxrss: Linux carries the forking parent's
# high-water mark over exec into it, so every child would look as big as the benchmark.
try:
    with open("/proc/self/status") as status:
        kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    print(kib * 1024)
except OSError:
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(peak if sys.platform == "darwin" else peak * 1024)
"""


def repeat_pages(source: Path, target: Path, min_pages: int) -> Path:
    """A long report: ``source``'s pages repeated until there are at least ``min_pages``."""
    with pikepdf.open(source) as src, pikepdf.new() as dst:
        while len(dst.pages) < min_pages:
            dst.pages.extend(src.pages)
        dst.save(target)
    return target


def pdfplumber_pass(path: Path) -> int:
    """What a quick script would do: text and tables of every page, nothing else."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()
        return len(pdf.pages)


def peak_rss_mb(mode: str, path: Path) -> float:
    """Peak resident memory (MB) of a fresh Python process doing ``mode`` on ``path``."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(path)], check=True, capture_output=True, text=True
    )
    return int(done.stdout.split()[-1]) / 1e6


def _page_count(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def batch_wall_time(folder: Path, outdir: Path, jobs: int) -> float:
    command = [str(Path(sys.executable).with_name("extractor")), "convert", str(folder)]
    command += ["-o", str(outdir), "--jobs", str(jobs), "--force", "--quiet"]
    if not Path(command[0]).exists():
        command[:1] = [sys.executable, "-m", "extractor.cli"]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the 300-page report")
    parser.add_argument("--long-pages", type=int, default=300, help="pages of the long report")
    parser.add_argument("--batch", type=int, default=24, help="PDFs in the jobs comparison")
    parser.add_argument("--repeat", type=int, default=3, help="batch runs per --jobs (best)")
    args = parser.parse_args()

    samples = sorted(SAMPLES.glob("*.pdf"))
    if not samples:
        sys.exit("no samples/*.pdf: run `make samples` first")
    timed_stages = "timings" in inspect.signature(extractor.convert).parameters

    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp_name:
        tmp = Path(tmp_name)
        base = SAMPLES / BASE_SAMPLE if (SAMPLES / BASE_SAMPLE).exists() else samples[0]
        files = list(samples)
        files.append(repeat_pages(base, tmp / "long_30.pdf", 30))
        if not args.quick:
            files.append(repeat_pages(base, tmp / f"long_{args.long_pages}.pdf", args.long_pages))

        extractor.convert(samples[0])  # warm-up: imports, dictionaries, caches
        pdfplumber_pass(samples[0])

        rows = []
        stages: dict[str, float] = {}
        for path in files:
            print(f"  {path.name} ...", file=sys.stderr)
            started = time.perf_counter()
            if timed_stages:
                report = extractor.convert(path, timings=stages)
            else:
                report = extractor.convert(path)
            ours = time.perf_counter() - started
            started = time.perf_counter()
            pages = pdfplumber_pass(path)
            plain = time.perf_counter() - started
            assert pages == report.source.pages
            rss_ours, rss_plain = peak_rss_mb("extractor", path), peak_rss_mb("pdfplumber", path)
            rows.append((path.name, pages, ours, plain, rss_ours, rss_plain))
        baseline_rss = peak_rss_mb("import", samples[0])

        batch_dir = tmp / "batch"
        batch_dir.mkdir()
        for i in range(args.batch):
            source = samples[i % len(samples)]
            shutil.copy(source, batch_dir / f"{i:02d}_{source.name}")
        job_counts = sorted({1, 2, default_jobs()})
        # Interleaved and best of --repeat: other load on the machine only ever adds time.
        walls = {jobs: float("inf") for jobs in job_counts}
        for _ in range(args.repeat):
            for jobs in job_counts:
                wall = batch_wall_time(batch_dir, tmp / f"out{jobs}", jobs)
                walls[jobs] = min(walls[jobs], wall)
        batch_pages = sum(_page_count(p) for p in batch_dir.glob("*.pdf"))

    print_tables(rows, stages, baseline_rss, walls, args.batch, batch_pages)


def print_tables(
    rows: list[tuple[str, int, float, float, float, float]],
    stages: dict[str, float],
    baseline_rss: float,
    walls: dict[int, float],
    batch_files: int,
    batch_pages: int,
) -> None:
    cpu = f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {sys.platform}"
    print(f"\n### Speed and memory ({cpu}, extractor {extractor.__version__})\n")
    print("| file | pages | extractor s | extractor pages/s | pdfplumber s | pdfplumber pages/s "
          "| extractor peak RSS MB | pdfplumber peak RSS MB |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, pages, ours, plain, rss_ours, rss_plain in rows:
        print(f"| {name} | {pages} | {ours:.2f} | {pages / ours:.1f} | {plain:.2f} | "
              f"{pages / plain:.1f} | {rss_ours:.0f} | {rss_plain:.0f} |")  # fmt: skip
    total_pages = sum(r[1] for r in rows)
    ours_total, plain_total = sum(r[2] for r in rows), sum(r[3] for r in rows)
    print(f"| **all** | {total_pages} | {ours_total:.2f} | {total_pages / ours_total:.1f} | "
          f"{plain_total:.2f} | {total_pages / plain_total:.1f} | | |")  # fmt: skip
    print(f"\nPeak RSS of a process that only imports extractor: {baseline_rss:.0f} MB.")

    if stages:
        print("\n### Time per stage (all files above)\n")
        print("| stage | seconds | share |")
        print("|---|---:|---:|")
        total = sum(stages.values())
        for stage, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
            print(f"| {stage} | {seconds:.2f} | {seconds / total:.0%} |")

    print(f"\n### Batch: {batch_files} PDFs ({batch_pages} pages), `extractor convert --force`\n")
    print("| --jobs | wall s (best of runs) | pages/s | speed-up |")
    print("|---:|---:|---:|---:|")
    for jobs, wall in walls.items():
        print(f"| {jobs} | {wall:.2f} | {batch_pages / wall:.1f} | {walls[1] / wall:.2f}× |")


if __name__ == "__main__":
    main()
