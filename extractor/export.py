"""Write table rows (series, progress) as CSV, JSON Lines or Parquet, chosen by extension.

CSV is UTF-8 with a BOM so Excel opens Japanese correctly; list cells (``previous_raw``) are
JSON text in CSV and Parquet, and JSON arrays in JSON Lines. Parquet needs pyarrow, the
optional extra ``parquet``. Every file is written atomically (temporary file, then rename).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from extractor.write import write_text_atomic

#: File extensions ``rows_to_file`` understands.
FORMATS = (".csv", ".jsonl", ".parquet")


class ExportFormatError(ValueError):
    """The output extension is not one of ``FORMATS``."""


class MissingDependencyError(ImportError):
    """Parquet output without pyarrow installed."""


def rows_to_file(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], path: str | Path
) -> Path:
    """Write ``rows`` (dicts with ``columns`` as keys) in the format of ``path``'s extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return write_text_atomic(rows_to_csv(rows, columns), path)
    if suffix == ".jsonl":
        return write_text_atomic(rows_to_jsonl(rows, columns), path)
    if suffix == ".parquet":
        return rows_to_parquet(rows, columns, path)
    raise ExportFormatError(
        f"{path}: unknown output format {suffix or '(no extension)'}; use " + ", ".join(FORMATS)
    )


def _cell_text(value: Any) -> Any:
    """A cell for CSV/Parquet: lists become JSON text, booleans true/false, None empty."""
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def rows_to_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """CSV text with a BOM and a header row; None is an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else _cell_text(row[c]) for c in columns])
    return "\ufeff" + buffer.getvalue()


def rows_to_jsonl(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """One JSON object per line, keys in column order, Japanese unescaped."""
    return "".join(
        json.dumps({c: row[c] for c in columns}, ensure_ascii=False) + "\n" for row in rows
    )


def rows_to_parquet(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], path: Path) -> Path:
    """A Parquet file; column types from the values (numbers mixing int and float are float)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingDependencyError(
            "Parquet output needs pyarrow: pip install 'plan-progress-extractor[parquet]' "
            "(or pip install pyarrow)"
        ) from exc
    data: dict[str, list[Any]] = {}
    for column in columns:
        cells = [row[column] for row in rows]
        cells = [c if isinstance(c, bool) or c is None else _cell_text(c) for c in cells]
        if any(isinstance(c, float) for c in cells):
            cells = [float(c) if isinstance(c, int | float) else c for c in cells]
        data[column] = cells
    table = pa.table(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
