"""How many golden indicator-table value cells each table reader gets right, per sample.

Run: ``.venv/bin/python scripts/compare_tables.py [samples_dir] [golden_dir]``.

Every ``samples/<stem>.pdf`` with a ``tests/golden/<stem>.json``, and every variant report
``tests/variants/<stem>.pdf`` with its ``<stem>.expected.json``, is read three ways and scored
on the expected value cells (indicator × series × value column):

``extractor``
    The product itself: ``extractor.convert`` (enrichment off). A golden indicator is
    matched to ours by name (equal, else one name contains the other), a series by label
    (by position when the golden label is null), a value by ``(role, fiscal_year)``. A cell
    is right when role, fiscal_year, kind, value and unit all equal the golden.

``pdfplumber`` (``page.extract_tables()``) and ``pymupdf`` (``page.find_tables()``)
    These give rows of cell strings, ``None`` for a cell merged into its neighbour. To be
    fair, a ``None`` in a header row takes the text of the cell to its left (a role word
    over two years), and a ``None`` in a body row takes the text of the cell above (a
    value merged over sub-rows, which the golden repeats per sub-row). Cell texts are
    rejoined and normalised exactly as ours (``normalise.join_wrapped_lines``). Then:

    * column: the first column whose header (first three rows, stacked) contains a role
      word of the golden role (基準値/実績/現状値/目標値, and 基準/目標/現状/実績値) and the
      golden era label; a table without such a header row (a continuation) uses the
      header of the previous table with the same number of columns;
    * row: the first row with a cell equal to the indicator name and, for a labelled
      series, a cell equal to the label;
    * right when the cell's normalised text equals the golden ``raw``.

    They make no numbers, so only the placement and the text are tested: a lenient score.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import extractor  # noqa: E402
from extractor import Settings  # noqa: E402
from extractor.eras import find_era_years  # noqa: E402
from extractor.normalise import join_wrapped_lines, normalise_text  # noqa: E402

ROLE_WORDS = {
    "baseline": ("基準値", "基準"),
    "actual": ("実績値", "実績"),
    "current": ("現状値", "現状"),
    "target": ("目標値", "目標"),
}
HEADER_ROWS = 3
VARIANTS = REPO / "tests" / "variants"


@dataclass(frozen=True)
class GoldenCell:
    name: str
    label: str | None
    series_index: int
    value: dict[str, Any]


def golden_cells(golden: dict[str, Any]) -> list[GoldenCell]:
    out = []
    for goal in golden["goals"]:
        for ind in goal["indicators"]:
            for index, series in enumerate(ind["series"]):
                for value in series["values"]:
                    out.append(GoldenCell(ind["name"], series["label"], index, value))
    return out


# --- extractor ------------------------------------------------------------------------


def extractor_indicators(pdf: Path) -> list[dict[str, Any]]:
    """All indicators the product reads from ``pdf``: the whole ``extractor.convert``."""
    report = extractor.convert(pdf, Settings(enrich=False))
    return [ind.to_dict() for goal in report.goals for ind in goal.indicators]


def _find_indicator(indicators: Sequence[dict[str, Any]], name: str) -> dict[str, Any] | None:
    for ind in indicators:
        if ind["name"] == name:
            return ind
    for ind in indicators:
        if ind["name"] and (ind["name"] in name or name in ind["name"]):
            return ind
    return None


def extractor_right(indicators: Sequence[dict[str, Any]], cell: GoldenCell) -> bool:
    ind = _find_indicator(indicators, cell.name)
    if ind is None:
        return False
    series = ind["series"]
    if cell.label is not None:
        matches = [s for s in series if s["label"] == cell.label]
        chosen = matches[0] if matches else None
    else:
        chosen = series[cell.series_index] if cell.series_index < len(series) else None
    if chosen is None:
        return False
    want = cell.value
    for value in chosen["values"]:
        if (value["role"], value["fiscal_year"]) == (want["role"], want["fiscal_year"]):
            keys = ("role", "fiscal_year", "kind", "value", "unit")
            return all(value[k] == want[k] for k in keys)
    return False


# --- baselines ------------------------------------------------------------------------

Table = list[list[str]]


def _norm(text: str | None) -> str:
    return normalise_text(join_wrapped_lines((text or "").split("\n")))


def _is_header_row(row: Sequence[str]) -> bool:
    words = [w for ws in ROLE_WORDS.values() for w in ws]
    return any(any(w in cell for w in words) or find_era_years(cell) for cell in row)


def _fill(raw: Sequence[Sequence[str | None]]) -> Table:
    """None → left neighbour in header rows, the cell above in body rows (merged cells)."""
    rows: Table = []
    for r, raw_row in enumerate(raw):
        row = [_norm(cell) for cell in raw_row]
        header = r < HEADER_ROWS and _is_header_row(row)
        for c, cell in enumerate(raw_row):
            if cell is not None:
                continue
            if header and c > 0:
                row[c] = row[c - 1]
            elif not header and rows and c < len(rows[-1]):
                row[c] = rows[-1][c]
        rows.append(row)
    return rows


def _header_column(table: Table, role: str, era: str | None) -> int | None:
    n_cols = max(len(r) for r in table)
    for c in range(n_cols):
        stacked = "".join(r[c] for r in table[:HEADER_ROWS] if c < len(r))
        if not any(w in stacked for w in ROLE_WORDS[role]):
            continue
        if era is None or _norm(era) in stacked or _same_year(stacked, era):
            return c
    return None


def _same_year(stacked: str, era: str) -> bool:
    mine = [e.year for e in find_era_years(stacked)]
    theirs = [e.year for e in find_era_years(era)]
    return bool(mine and theirs and mine[0] == theirs[0])


def baseline_right(tables: Sequence[Table], cell: GoldenCell) -> bool:
    want = cell.value
    for index, table in enumerate(tables):
        if not table:
            continue
        column = _header_column(table, want["role"], want["era"])
        if column is None:  # a continuation: the previous same-width table's header
            for prev in reversed(tables[:index]):
                if prev and len(prev[0]) == len(table[0]):
                    column = _header_column(prev, want["role"], want["era"])
                    break
        if column is None:
            continue
        for row in table:
            if cell.name not in row:
                continue
            if cell.label is not None and cell.label not in row:
                continue
            return column < len(row) and row[column] == want["raw"]
    return False


def pdfplumber_tables(pdf: Path) -> list[Table]:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return [_fill(t) for page in doc.pages for t in page.extract_tables()]


def pymupdf_tables(pdf: Path) -> list[Table]:
    import pymupdf

    out: list[Table] = []
    with pymupdf.open(pdf) as doc:
        for page in doc:
            out += [_fill(t.extract()) for t in page.find_tables().tables]
    return out


# --- report ---------------------------------------------------------------------------


def samples(samples_dir: Path, golden_dir: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """The samples with their goldens, then the variant reports (tests/variants) with their
    expected content, derived from their specs like the goldens."""
    for pdf in sorted(samples_dir.glob("*.pdf")):
        golden = golden_dir / f"{pdf.stem}.json"
        if golden.exists():
            yield pdf, json.loads(golden.read_text(encoding="utf-8"))
    for pdf in sorted(VARIANTS.glob("*.pdf")):
        expected = VARIANTS / f"{pdf.stem}.expected.json"
        if expected.exists():
            yield pdf, json.loads(expected.read_text(encoding="utf-8"))


def score(pdf: Path, cells: Sequence[GoldenCell]) -> dict[str, int]:
    ours = extractor_indicators(pdf)
    plumber, mupdf = pdfplumber_tables(pdf), pymupdf_tables(pdf)
    return {
        "extractor": sum(extractor_right(ours, c) for c in cells),
        "pdfplumber": sum(baseline_right(plumber, c) for c in cells),
        "pymupdf": sum(baseline_right(mupdf, c) for c in cells),
    }


def main(argv: Sequence[str]) -> int:
    samples_dir = Path(argv[1]) if len(argv) > 1 else REPO / "samples"
    golden_dir = Path(argv[2]) if len(argv) > 2 else REPO / "tests" / "golden"
    tools = ("extractor", "pdfplumber", "pymupdf")
    totals = dict.fromkeys(tools, 0)
    total_cells = 0
    width = max((len(p.stem) for p, _ in samples(samples_dir, golden_dir)), default=6)
    print(f"{'sample':<{width}}  {'cells':>5}  " + "  ".join(f"{t:>14}" for t in tools))
    for pdf, golden in samples(samples_dir, golden_dir):
        cells = golden_cells(golden)
        right = score(pdf, cells)
        total_cells += len(cells)
        for tool in tools:
            totals[tool] += right[tool]
        print(
            f"{pdf.stem:<{width}}  {len(cells):>5}  "
            + "  ".join(f"{right[t]:>5} ({_pct(right[t], len(cells)):>5})" for t in tools)
        )
    print(
        f"{'TOTAL':<{width}}  {total_cells:>5}  "
        + "  ".join(f"{totals[t]:>5} ({_pct(totals[t], total_cells):>5})" for t in tools)
    )
    return 0


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.0f}%" if d else "-"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
