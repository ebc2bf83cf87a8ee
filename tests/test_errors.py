"""Every error class: its stable code, its built-in base, how bad inputs map to it, and how the
command line reports it (exit status 1, one ``path: code: message`` line, no traceback)."""

from __future__ import annotations

import functools
import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

import extractor
from extractor import batch, cli, errors
from extractor.load import pdf_to_file_info, pdf_to_pages
from extractor.settings import Settings
from tests import broken_fixtures as bf

#: The codes are a public contract (scripts match on them): changing one is a breaking change.
STABLE = {
    errors.InputNotFoundError: ("not_found", FileNotFoundError),
    errors.UnreadableFileError: ("unreadable", OSError),
    errors.NotAPDFError: ("not_a_pdf", ValueError),
    errors.EncryptedPDFError: ("encrypted", PermissionError),
    errors.DamagedPDFError: ("damaged", ValueError),
    errors.NoTextLayerError: ("no_text_layer", ValueError),
    errors.UndecodableTextError: ("undecodable_text", ValueError),
    errors.NotAReportError: ("not_a_report", ValueError),
    errors.ConversionTimeoutError: ("timeout", TimeoutError),
    errors.TooLargeError: ("too_large", ValueError),
    errors.SchemaValidationError: ("invalid_output", ValueError),
    errors.WorkerDiedError: ("worker_died", RuntimeError),
    errors.InternalError: ("internal_error", RuntimeError),
    errors.GrammarError: ("bad_grammar", ValueError),
    errors.NotUnderstoodError: ("not_understood", ValueError),
    errors.OutdirBusyError: ("outdir_busy", BlockingIOError),
    errors.OutdirUnwritableError: ("outdir_unwritable", PermissionError),
}
#: Codes about a whole batch's output folder, never one file's.
BATCH_LEVEL = (errors.OutdirBusyError, errors.OutdirUnwritableError)


def test_every_error_class_is_listed() -> None:
    assert set(errors.all_error_classes()) == set(STABLE)
    codes = [cls.code for cls in errors.all_error_classes()]
    assert len(codes) == len(set(codes)), "codes must be unique"


@pytest.mark.parametrize("cls", list(STABLE), ids=lambda c: c.__name__)
def test_code_and_builtin_base(cls: type[errors.ExtractorError]) -> None:
    code, builtin = STABLE[cls]
    error = cls("something went wrong", path="x.pdf")
    assert error.code == code
    assert isinstance(error, errors.ExtractorError)
    assert isinstance(error, builtin)
    assert str(error) == "something went wrong"
    assert error.path == "x.pdf"
    # Catchable as the built-in, as callers who do not know this package would write it.
    with pytest.raises(builtin):
        raise error


@pytest.mark.parametrize("cls", list(STABLE), ids=lambda c: c.__name__)
def test_errors_survive_pickling(cls: type[errors.ExtractorError]) -> None:
    error = cls("message", path="p.pdf")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert (copy.message, copy.path, copy.code) == ("message", "p.pdf", error.code)


def test_schema_error_keeps_its_error_list() -> None:
    error = errors.SchemaValidationError("bad", errors=["goals: wrong"], path="o.json")
    assert pickle.loads(pickle.dumps(error)).errors == ["goals: wrong"]


def test_the_readme_lists_every_code() -> None:
    """Scripts match on the codes: each one the tool can emit has a row in the README."""
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text("utf-8")
    for cls in errors.all_error_classes():
        assert f"| `{cls.code}`" in readme or f"/ `{cls.code}`" in readme, cls.code
    assert "| `page_too_complex`" in readme


def test_public_api_exports_the_errors() -> None:
    for name in ("ExtractorError", "NotAPDFError", "EncryptedPDFError", "DamagedPDFError"):
        assert issubclass(getattr(extractor, name), errors.ExtractorError)


# --- the load stage maps real bad inputs to typed errors --------------------------------------


def _load_error(path: Path, settings: Settings | None = None) -> errors.ExtractorError:
    with pytest.raises(errors.ExtractorError) as info:
        list(pdf_to_pages(path, settings or Settings()))
    # The cheaper identity check must agree with the full page read.
    with pytest.raises(type(info.value)):
        pdf_to_file_info(path, settings or Settings())
    return info.value


def test_empty_file(tmp_path: Path) -> None:
    error = _load_error(bf.make_empty_file(tmp_path))
    assert error.code == "not_a_pdf" and "empty" in error.message


def test_html_renamed_pdf(tmp_path: Path) -> None:
    error = _load_error(bf.make_html_as_pdf(tmp_path))
    assert error.code == "not_a_pdf" and "HTML" in error.message


@pytest.mark.parametrize("keep", [0.1, 0.4, 0.7])
def test_truncated_pdf(tmp_path: Path, keep: float) -> None:
    error = _load_error(bf.make_truncated_pdf(tmp_path, keep=keep))
    assert error.code == "damaged"


def test_header_only_pdf(tmp_path: Path) -> None:
    assert _load_error(bf.make_header_only_pdf(tmp_path)).code == "damaged"


def test_bad_object_in_the_page_tree(tmp_path: Path) -> None:
    assert _load_error(bf.make_bad_page_object_pdf(tmp_path)).code == "damaged"


def test_broken_xref_is_still_read(tmp_path: Path) -> None:
    """pdfminer falls back to scanning for objects: better a read file than an error."""
    pages = list(pdf_to_pages(bf.make_broken_xref_pdf(tmp_path)))
    assert len(pages) == 1
    assert "基本目標" in "".join(c.text for c in pages[0].chars)


def test_encrypted_without_password_suggests_one(tmp_path: Path) -> None:
    error = _load_error(bf.make_encrypted_pdf(tmp_path))
    assert error.code == "encrypted"
    assert isinstance(error, PermissionError)
    assert "--password" in error.message


def test_encrypted_with_wrong_password(tmp_path: Path) -> None:
    error = _load_error(bf.make_encrypted_pdf(tmp_path), Settings(password="nope"))
    assert error.code == "encrypted" and "wrong" in error.message


def test_encrypted_with_right_password(tmp_path: Path) -> None:
    pages = list(pdf_to_pages(bf.make_encrypted_pdf(tmp_path), Settings(password="secret")))
    assert "基本目標" in "".join(c.text for c in pages[0].chars)


def test_image_only_pdf_loads_as_images_without_text(tmp_path: Path) -> None:
    (page,) = pdf_to_pages(bf.make_image_only_pdf(tmp_path))
    assert page.chars == () and len(page.images) == 1


def test_missing_file(tmp_path: Path) -> None:
    error = _load_error(tmp_path / "nowhere.pdf")
    assert error.code == "not_found" and isinstance(error, FileNotFoundError)


def test_folder_is_not_a_pdf(tmp_path: Path) -> None:
    assert _load_error(tmp_path).code == "not_a_pdf"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = bf.make_report_pdf(tmp_path)
    path.chmod(0)
    try:
        assert _load_error(path).code == "unreadable"
    finally:
        path.chmod(0o644)


def test_too_many_pages(tmp_path: Path) -> None:
    path = bf.make_report_pdf(tmp_path, pages=3)
    error = _load_error(path, Settings(max_pages=2))
    assert error.code == "too_large" and "3 pages" in error.message


def test_too_many_bytes(tmp_path: Path) -> None:
    assert _load_error(bf.make_report_pdf(tmp_path), Settings(max_bytes=100)).code == "too_large"


# --- the command line: exit status 1, one line per failure, no traceback ----------------------


#: Error classes a converter may raise for one file (worker_died and timeout happen to it).
RAISED = [
    c for c in STABLE if c not in (errors.WorkerDiedError, errors.InternalError, *BATCH_LEVEL)
]


@pytest.mark.parametrize("cls", RAISED, ids=lambda c: c.code)
def test_cli_reports_each_error_in_one_line(
    cls: type[errors.ExtractorError], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        cli, "convert_batch", functools.partial(batch.convert_batch, converter=bf.fake_by_name)
    )
    bad = bf.make_report_pdf(tmp_path, f"{cls.code}.pdf")
    good = bf.make_report_pdf(tmp_path, "good.pdf")
    result = CliRunner().invoke(cli.main, ["convert", str(bad), str(good), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{bad}: {cls.code}: fake {cls.code}" in result.stderr.splitlines()
    assert "Traceback" not in result.output + result.stderr
    assert (tmp_path / "good.json").exists(), "the other file is still converted"
    assert not (tmp_path / f"{cls.code}.json").exists()


@pytest.mark.parametrize(
    ("name", "code", "extra"),
    [
        ("crash.pdf", "worker_died", []),
        ("exit.pdf", "worker_died", []),
        ("hang.pdf", "timeout", ["--timeout", "1"]),
        ("boom.pdf", "internal_error", []),
    ],
)
def test_cli_reports_worker_failures(
    name: str, code: str, extra: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        cli, "convert_batch", functools.partial(batch.convert_batch, converter=bf.fake_by_name)
    )
    # Two files with --jobs 1 may be converted in this process when it is small (as it is
    # when this test runs first): a crash would then take pytest with it.
    monkeypatch.setattr(batch, "fits_in_process", lambda *args: False)
    bad = bf.make_report_pdf(tmp_path, name)
    good = bf.make_report_pdf(tmp_path, "good.pdf")
    args = ["convert", str(bad), str(good), "-o", str(tmp_path / "out"), "--jobs", "1", *extra]
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"{bad}: ")]
    assert len(lines) == 1 and lines[0].startswith(f"{bad}: {code}: ")
    assert "Traceback" not in result.stderr
    assert (tmp_path / "out" / "good.json").exists()


def test_cli_debug_shows_the_traceback_of_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        cli, "convert_batch", functools.partial(batch.convert_batch, converter=bf.fake_by_name)
    )
    bad = bf.make_report_pdf(tmp_path, "boom.pdf")
    result = CliRunner().invoke(cli.main, ["convert", str(bad), "-o", str(tmp_path), "--debug"])
    assert result.exit_code == 1
    assert "Traceback" in result.stderr and "RuntimeError: a bug in the pipeline" in result.stderr


# --- end to end through the real pipeline -----------------------------------------------------


END_TO_END = [
    (bf.make_empty_file, "not_a_pdf"),
    (bf.make_html_as_pdf, "not_a_pdf"),
    (bf.make_truncated_pdf, "damaged"),
    (bf.make_encrypted_pdf, "encrypted"),
    (bf.make_image_only_pdf, "no_text_layer"),
    (bf.make_prose_pdf, "not_a_report"),
]


@pytest.mark.parametrize(("make", "code"), END_TO_END, ids=[c for _, c in END_TO_END])
def test_real_pipeline_error_codes(make, code: str, tmp_path: Path) -> None:
    path = make(tmp_path)
    with pytest.raises(errors.ExtractorError) as info:
        extractor.convert(path)
    assert info.value.code == code
    result = CliRunner().invoke(cli.main, ["convert", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"{path}: {code}: ")
    assert "Traceback" not in result.stderr


def test_real_pipeline_opens_encrypted_pdf_with_password(tmp_path: Path) -> None:
    path = bf.make_encrypted_pdf(tmp_path)
    try:
        report = extractor.convert(path, Settings(password="secret"))
    except errors.ExtractorError as error:  # it opened; the fixture may be no proper report
        assert error.code != "encrypted"
    else:
        assert report.source.pages == 1
