"""The front door: ``convert`` a PDF path to a ``Report``. PLACEHOLDER while stages land."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extractor.model import Report
from extractor.settings import DEFAULT_SETTINGS, Settings


def convert(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> Report:
    """Read one report PDF and return it as a typed ``Report``."""
    raise NotImplementedError("pipeline being assembled")


def convert_to_file(
    path: str | Path, outdir: str | Path, settings: Settings = DEFAULT_SETTINGS
) -> Path:
    """Convert ``path`` and write ``OUTDIR/<stem>.json`` (validated, atomic)."""
    from extractor.write import write_report

    report = convert(path, settings)
    return write_report(report.to_dict(), Path(outdir) / f"{Path(path).stem}.json")


def extract_text(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> list[dict[str, Any]]:
    """Normalised text of any text PDF: pages → paragraphs with their boxes."""
    raise NotImplementedError("pipeline being assembled")
