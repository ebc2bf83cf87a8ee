"""Stage 7, write: a validated report dict → a JSON file, atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from extractor.validate import validate_report


def report_to_json(document: dict[str, Any]) -> str:
    """The exact text written for a report: UTF-8 Japanese, stable key order, 2-space indent."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_report(document: dict[str, Any], path: str | Path) -> Path:
    """Validate, write to a temporary file beside ``path``, then rename into place.

    A crash or Ctrl-C at any point leaves either the old file or the new one, never half.
    """
    path = Path(path)
    validate_report(document, path=str(path))
    text = report_to_json(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
