"""Typed errors: each has a stable ``code`` and also subclasses the matching built-in."""

from __future__ import annotations


class ExtractorError(Exception):
    """Base class of every error the tool raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with ``path`` and any extra fields (errors cross process boundaries)."""
        return (type(self), (self.message,), self.__dict__)


class InputNotFoundError(ExtractorError, FileNotFoundError):
    code = "not_found"


class NotAPDFError(ExtractorError, ValueError):
    code = "not_a_pdf"


class EncryptedPDFError(ExtractorError, PermissionError):
    code = "encrypted"


class DamagedPDFError(ExtractorError, ValueError):
    code = "damaged"


class NoTextLayerError(ExtractorError, ValueError):
    code = "no_text_layer"


class UndecodableTextError(ExtractorError, ValueError):
    code = "undecodable_text"


class NotAReportError(ExtractorError, ValueError):
    code = "not_a_report"


class ConversionTimeoutError(ExtractorError, TimeoutError):
    code = "timeout"


class TooLargeError(ExtractorError, ValueError):
    code = "too_large"


class UnreadableFileError(ExtractorError, OSError):
    """The file exists but cannot be read (permissions, I/O error)."""

    code = "unreadable"


class WorkerDiedError(ExtractorError, RuntimeError):
    """The worker process converting the file died (crash, out of memory, killed)."""

    code = "worker_died"


class OutdirBusyError(ExtractorError, BlockingIOError):
    """Another run is writing into the same output folder (a batch-level error, not per file)."""

    code = "outdir_busy"


class OutdirUnwritableError(ExtractorError, PermissionError):
    """The output folder cannot be created or written (a batch-level error, not per file)."""

    code = "outdir_unwritable"


class InternalError(ExtractorError, RuntimeError):
    """An unexpected exception inside the tool: a bug, reported per file, never fatal."""

    code = "internal_error"


class SchemaValidationError(ExtractorError, ValueError):
    """The produced or given document does not match the JSON Schema."""

    code = "invalid_output"

    def __init__(self, message: str, *, errors: list[str] | None = None, path: str | None = None):
        super().__init__(message, path=path)
        self.errors = errors or []


class GrammarError(ExtractorError, ValueError):
    """A grammar file (``--grammar``) that cannot be read or compiled."""

    code = "bad_grammar"


class NotUnderstoodError(ExtractorError, ValueError):
    """``--strict``: part of the report was not understood (content warnings)."""

    code = "not_understood"

    def __init__(self, message: str, *, warnings: list[str] | None = None, path: str | None = None):
        super().__init__(message, path=path)
        self.warnings = warnings or []


def all_error_classes() -> list[type[ExtractorError]]:
    """Every concrete error class, so docs and tests can enumerate the stable codes (the
    last two concern the output folder of a whole batch, not one file)."""
    return [
        InputNotFoundError,
        UnreadableFileError,
        NotAPDFError,
        EncryptedPDFError,
        DamagedPDFError,
        NoTextLayerError,
        UndecodableTextError,
        NotAReportError,
        ConversionTimeoutError,
        TooLargeError,
        SchemaValidationError,
        WorkerDiedError,
        InternalError,
        OutdirBusyError,
        OutdirUnwritableError,
        GrammarError,
        NotUnderstoodError,
    ]
