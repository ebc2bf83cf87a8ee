"""``extractor --help`` and ``extractor validate`` start at once: the CLI imports neither
the pipeline, nor the grammar (compiled on import), nor the schema checker until a command
needs them."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from extractor import cli
from extractor.settings import DEFAULT_SETTINGS

SLOW_TO_IMPORT = ("extractor.grammar", "extractor.settings", "jsonschema_rs", "multiprocessing",
                  "pdfminer", "fugashi")  # fmt: skip


def test_the_cli_imports_nothing_slow() -> None:
    names = ", ".join(repr(name) for name in SLOW_TO_IMPORT)
    code = f"import sys, extractor.cli; print([m for m in ({names}) if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_help_shows_the_settings_defaults() -> None:
    result = CliRunner().invoke(cli.main, ["convert", "--help"])
    shown = " ".join(result.output.split())  # help text is wrapped to the terminal's width
    assert f"[default: {DEFAULT_SETTINGS.max_memory // 2**20}M]" in shown
    assert f"[default: {DEFAULT_SETTINGS.max_pages};" in shown
    assert f"[default: {DEFAULT_SETTINGS.loader}]" in shown


def test_version_names_the_schema() -> None:
    from extractor.model import SCHEMA_VERSION

    result = CliRunner().invoke(cli.main, ["-V"])
    assert result.exit_code == 0
    assert result.output == f"extractor {cli.__version__} (report schema {SCHEMA_VERSION})\n"
