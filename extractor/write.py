"""Stage 7, write: a validated report dict → a JSON file, atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from extractor.validate import validate_report

# mkstemp makes 0600 files; outputs should get the usual permissions (0644 under umask 022).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def report_to_json(document: dict[str, Any]) -> str:
    """The exact text written for a report: UTF-8 Japanese, stable key order, 2-space indent."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_report(document: dict[str, Any], path: str | Path) -> Path:
    """Validate, write to a temporary file beside ``path``, then rename into place.

    A crash or Ctrl-C at any point leaves either the old file or the new one, never half.
    """
    path = Path(path)
    validate_report(document, path=str(path))
    return write_text_atomic(report_to_json(document), path)


def write_json(document: Any, path: str | Path) -> Path:
    """Any JSON document (the run report, say), written atomically like a report."""
    return write_text_atomic(report_to_json(document), Path(path))


def write_text_atomic(text: str, path: Path) -> Path:
    """Write ``text`` to ``.<stem>.*.tmp`` beside ``path``, fsync, then rename over ``path``.

    The temporary file lives in the same folder so the rename is atomic; if the process is
    killed before the rename, the stray ``.tmp`` is removed by the next batch run.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), 0o666 & ~_UMASK)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
