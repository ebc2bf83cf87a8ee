"""extractor: Japanese municipal plan-progress report PDFs → schema-checked JSON.

The public API::

    import extractor
    report = extractor.convert("資料2.pdf")      # -> extractor.Report
    data = report.to_dict()                       # the JSON contract (schemas/report.schema.json)
    extractor.convert_to_file("資料2.pdf", "out/")  # validated, atomically written JSON
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

from extractor.errors import (
    ConversionTimeoutError,
    DamagedPDFError,
    EncryptedPDFError,
    ExtractorError,
    GrammarError,
    InputNotFoundError,
    NotAPDFError,
    NotAReportError,
    NoTextLayerError,
    NotUnderstoodError,
    SchemaValidationError,
    TooLargeError,
    UndecodableTextError,
)

if TYPE_CHECKING:  # what the lazy names below are, for type checkers and editors
    from extractor.grammar import Grammar, load_grammar
    from extractor.model import (
        SCHEMA_VERSION,
        Amount,
        Goal,
        Indicator,
        Initiative,
        Report,
        ReportWarning,
        Series,
        Terms,
        Value,
    )
    from extractor.settings import Settings
    from extractor.validate import report_to_errors, run_report_to_errors, validate_report

_LAZY = {"convert", "convert_to_file", "extract_text"}
#: Imported on first use, so that ``import extractor`` (and ``extractor --help``) stays cheap:
#: the grammar is parsed and compiled, the schema checker is loaded, the rest is the
#: pipeline and what works across the years (series, progress, exports, pictures).
_LAZY_MODULES = {
    "Grammar": "grammar",
    "load_grammar": "grammar",
    "SCHEMA_VERSION": "model",
    "Amount": "model",
    "Goal": "model",
    "Indicator": "model",
    "Initiative": "model",
    "Report": "model",
    "ReportWarning": "model",
    "Series": "model",
    "Terms": "model",
    "Value": "model",
    "Settings": "settings",
    "report_to_errors": "validate",
    "run_report_to_errors": "validate",
    "validate_report": "validate",
    "SERIES_COLUMNS": "series",
    "PROGRESS_COLUMNS": "progress",
    "FigureRow": "series",
    "SeriesTable": "series",
    "paths_to_reports": "series",
    "reports_to_series": "series",
    "Progress": "progress",
    "series_to_progress": "progress",
    "rows_to_file": "export",
    "reports_to_html": "summary",
    "pdf_to_inspection": "inspect",
}


def __getattr__(name: str) -> object:
    """Import the pipeline on first use: ``import extractor`` stays cheap for the CLI."""
    if name in _LAZY:
        from extractor import high_level

        return getattr(high_level, name)
    if name in _LAZY_MODULES:
        import importlib

        return getattr(importlib.import_module(f"extractor.{_LAZY_MODULES[name]}"), name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")


__all__ = [
    "PROGRESS_COLUMNS",
    "SCHEMA_VERSION",
    "SERIES_COLUMNS",
    "Amount",
    "ConversionTimeoutError",
    "DamagedPDFError",
    "EncryptedPDFError",
    "ExtractorError",
    "FigureRow",
    "Goal",
    "Grammar",
    "GrammarError",
    "Indicator",
    "Initiative",
    "InputNotFoundError",
    "NoTextLayerError",
    "NotAPDFError",
    "NotAReportError",
    "NotUnderstoodError",
    "Progress",
    "Report",
    "ReportWarning",
    "SchemaValidationError",
    "Series",
    "SeriesTable",
    "Settings",
    "Terms",
    "TooLargeError",
    "UndecodableTextError",
    "Value",
    "__version__",
    "convert",
    "convert_to_file",
    "extract_text",
    "load_grammar",
    "paths_to_reports",
    "pdf_to_inspection",
    "report_to_errors",
    "reports_to_html",
    "reports_to_series",
    "rows_to_file",
    "run_report_to_errors",
    "series_to_progress",
    "validate_report",
]
