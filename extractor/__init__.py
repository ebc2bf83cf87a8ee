"""extractor: Japanese municipal plan-progress report PDFs → schema-checked JSON.

The public API::

    import extractor
    report = extractor.convert("資料2.pdf")      # -> extractor.Report
    data = report.to_dict()                       # the JSON contract (schemas/report.schema.json)
    extractor.convert_to_file("資料2.pdf", "out/")  # validated, atomically written JSON
"""

from __future__ import annotations

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
from extractor.validate import report_to_errors, validate_report

_LAZY = {"convert", "convert_to_file", "extract_text"}


def __getattr__(name: str) -> object:
    """Import the pipeline on first use: ``import extractor`` stays cheap for the CLI."""
    if name in _LAZY:
        from extractor import high_level

        return getattr(high_level, name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")


__all__ = [
    "SCHEMA_VERSION",
    "Amount",
    "ConversionTimeoutError",
    "DamagedPDFError",
    "EncryptedPDFError",
    "ExtractorError",
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
    "Report",
    "ReportWarning",
    "SchemaValidationError",
    "Series",
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
    "report_to_errors",
    "validate_report",
]
