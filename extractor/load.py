"""Stage 1, load: PDF file → ``PageContent`` (characters and drawn rules), one page at a time.

The stage's model (``Char``, ``Rule``, ``PageContent``) and what every loader shares: the
cheap checks made before any PDF library reads the file, fake-bold de-duplication, and the
filter that turns drawn lines and rects into table rules. Two loaders fill it in, chosen by
``Settings.loader``: ``load_pdfium`` (PDFium through pypdfium2, C speed) and
``load_pdfminer`` (pdfminer.six through pdfplumber, pure Python, every stream decoded under
a cap). Both give the same glyph boxes (pdfminer's definition, within the limits
``load_pdfium`` lists); ``scripts/compare_loaders.py`` measures how far apart they are.

Hostile input is bounded here and in the loaders (issue 11): a regular file, a size limit
and a ``%PDF-`` header before anything is parsed; a page count limit; per-page budgets of
glyphs, drawing operations and segments (``PageTooComplex``).
"""

from __future__ import annotations

import hashlib
import os
import stat as stat_module
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.errors import (
    EncryptedPDFError,
    InputNotFoundError,
    NotAPDFError,
    TooLargeError,
    UnreadableFileError,
)
from extractor.settings import DEFAULT_SETTINGS, Settings

#: The loaders ``Settings.loader`` may name.
LOADERS = ("pdfium", "pdfminer")


@dataclass(frozen=True, slots=True)
class Char:
    """One glyph. Coordinates are pdfplumber's: points, origin top-left, y growing down."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    #: y of the glyph origin (baseline), independent of the font descriptor's ascent/descent.
    baseline: float
    #: Font size in points as drawn (text matrix scale included).
    size: float
    fontname: str
    upright: bool
    #: Drawn without paint (text render mode 3 or 7): the invisible text layer an OCR tool
    #: lays over a scanned page image.
    invisible: bool = False

    def centre_y(self, settings: Settings = DEFAULT_SETTINGS) -> float:
        """Where a reader sees the glyph's middle: some producers' CJK font descriptors
        shift pdfminer's box half a line off the glyph, the baseline never lies."""
        return self.baseline - settings.glyph_centre * self.size

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class Rule:
    """A drawn, visible straight line: horizontal (``y`` fixed) or vertical (``x`` fixed)."""

    orientation: str  # "h" or "v"
    #: y for a horizontal rule, x for a vertical one.
    position: float
    #: x0/x1 for a horizontal rule, top/bottom for a vertical one.
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class PageContent:
    """What the later stages need of one page; holds no pdfplumber objects."""

    number: int
    width: float
    height: float
    chars: tuple[Char, ...]
    rules: tuple[Rule, ...]
    #: Images drawn on the page (x0, top, x1, bottom): a scanned page is one big image.
    images: tuple[tuple[float, float, float, float], ...] = ()
    #: Why the page was skipped (over a ``Settings.max_page_*`` budget); None when read.
    too_complex: str | None = None


@dataclass(frozen=True)
class PdfFile:
    """An opened input: its identity and a lazily read page stream."""

    path: Path
    sha256: str
    page_count: int


def file_to_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_input(path: Path, settings: Settings = DEFAULT_SETTINGS) -> None:
    """Reject what is plainly not a readable PDF before anything reads it: cheap, clear
    errors, and never a blocking read (a FIFO, a device or a link to /dev/zero is refused
    from its ``stat`` alone, before it could be hashed or parsed)."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise InputNotFoundError(f"no such file: {path}", path=str(path)) from exc
    except OSError as exc:
        message = f"cannot read the file: {exc.strerror or exc}"
        raise UnreadableFileError(message, path=str(path)) from exc
    if stat_module.S_ISDIR(info.st_mode) and not os.access(path, os.R_OK | os.X_OK):
        raise UnreadableFileError("cannot list the folder: permission denied", path=str(path))
    if not stat_module.S_ISREG(info.st_mode):
        raise NotAPDFError(f"not a regular file ({_file_kind(info.st_mode)})", path=str(path))
    size = info.st_size
    if size == 0:
        raise NotAPDFError("empty file, not a PDF", path=str(path))
    if size > settings.max_bytes:
        raise TooLargeError(
            f"file is {size / 1e6:.0f} MB, over the {settings.max_bytes / 1e6:.0f} MB limit",
            path=str(path),
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise UnreadableFileError(
            f"cannot read the file: {exc.strerror or exc}", path=str(path)
        ) from exc
    if b"%PDF-" not in head:
        kind = "an HTML page" if b"<html" in head.lower() or b"<!doctype" in head.lower() else ""
        what = f"looks like {kind}, " if kind else ""
        raise NotAPDFError(f"no %PDF- header: {what}not a PDF file", path=str(path))


def _file_kind(mode: int) -> str:
    if stat_module.S_ISDIR(mode):
        return "a folder"
    if stat_module.S_ISFIFO(mode):
        return "a named pipe"
    if stat_module.S_ISCHR(mode) or stat_module.S_ISBLK(mode):
        return "a device"
    if stat_module.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


class PageTooComplex(Exception):
    """A page over one of the ``Settings.max_page_*`` budgets (raised mid-interpretation)."""


def password_error(path: Path, settings: Settings) -> EncryptedPDFError:
    """What to say when no password tried opens the file: ask for one, or say it is wrong."""
    if settings.password:
        message = "the PDF is encrypted and the given password is wrong"
    else:
        message = "the PDF is encrypted: give its password with --password"
    return EncryptedPDFError(message, path=str(path))


def check_some_page_read(pages: Sequence[PageContent], path: Path) -> None:
    """A document whose every page was over a budget fails as a whole (``too_large``)."""
    skipped = [f"page {page.number}: {page.too_complex}" for page in pages if page.too_complex]
    if skipped and len(skipped) == len(pages):
        raise TooLargeError(
            f"every page is over the per-page budget ({'; '.join(skipped[:3])})", path=str(path)
        )


def _is_visible(color: Any) -> bool:
    """False for white (or no) paint: white rules draw nothing a reader can see."""
    if color is None:
        return True  # default paint is black
    if isinstance(color, str):
        return True  # pattern
    try:
        components = [float(c) for c in color]
    except (TypeError, ValueError):
        return True
    if len(components) == 1:
        return components[0] < 0.95
    if len(components) == 3:
        return min(components) < 0.95
    if len(components) == 4:
        return max(components) > 0.05
    return True


def rules_from_shapes(
    lines: list[dict[str, Any]], rects: list[dict[str, Any]], settings: Settings
) -> list[Rule]:
    rules: list[Rule] = []

    def add(x0: float, top: float, x1: float, bottom: float) -> None:
        width, height = x1 - x0, bottom - top
        if min(width, height) > settings.max_rule_thickness:
            return  # a diagonal or a filled area: not a table rule
        if width >= height and width >= settings.min_rule_length:
            rules.append(Rule("h", (top + bottom) / 2, x0, x1))
        elif height > width and height >= settings.min_rule_length:
            rules.append(Rule("v", (x0 + x1) / 2, top, bottom))

    for line in lines:
        if line.get("stroke", True) and _is_visible(line.get("stroking_color")):
            add(line["x0"], line["top"], line["x1"], line["bottom"])
    for rect in rects:
        x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        thin = min(x1 - x0, bottom - top) <= settings.max_rule_thickness
        if rect.get("fill") and thin and _is_visible(rect.get("non_stroking_color")):
            add(x0, top, x1, bottom)
        elif rect.get("stroke") and _is_visible(rect.get("stroking_color")):
            add(x0, top, x1, top)
            add(x0, bottom, x1, bottom)
            add(x0, top, x0, bottom)
            add(x1, top, x1, bottom)
    return rules


def _near_cells(position: float, cell: float, tolerance: float) -> tuple[int, ...]:
    """The grid cells (of side ``cell``) a point within ``tolerance`` of ``position`` may be
    in: its own, and the neighbour on the side it is within ``tolerance`` of."""
    index = int(position // cell)
    offset = position - index * cell
    if offset < tolerance:
        return (index - 1, index)
    if offset > cell - tolerance:
        return (index, index + 1)
    return (index,)


def dedupe_chars(chars: Iterable[Char], tolerance: float = 1.0) -> list[Char]:
    """Drop fake-bold duplicates: the same glyph, font and size drawn again within
    ``tolerance`` points. pdfplumber's ``dedupe_chars`` does the same but re-sorts by list
    index (quadratic: 40% of load time on an 18-page table PDF), so this keeps a spatial hash
    whose cells are four tolerances wide: most glyphs need one cell looked at, not nine.
    """
    cell = 4 * tolerance
    kept: list[Char] = []
    cells: dict[tuple[object, ...], list[tuple[float, float]]] = {}
    for ch in chars:
        x0, top = ch.x0, ch.top
        glyph = (ch.upright, ch.text, ch.fontname, round(ch.size, 1))
        duplicate = False
        for cx in _near_cells(x0, cell, tolerance):
            for cy in _near_cells(top, cell, tolerance):
                for other_x0, other_top in cells.get((glyph, cx, cy), ()):
                    if abs(other_x0 - x0) <= tolerance and abs(other_top - top) <= tolerance:
                        duplicate = True
                        break
        if not duplicate:
            kept.append(ch)
            key = (glyph, int(x0 // cell), int(top // cell))
            cells.setdefault(key, []).append((x0, top))
    return kept


def pdf_to_pages(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> Iterator[PageContent]:
    """Yield each page's content in order, read by the loader ``settings.loader`` names.

    With ``pdfium``, a page whose text layer PDFium would not give glyph for glyph
    (``load_pdfium.TextLayerLoss``) is read by the pdfminer loader instead. A page over a
    ``Settings.max_page_*`` budget comes back empty with ``too_complex`` set; if every page
    is, the document fails as ``too_large``.
    """
    if _loader(settings) == "pdfminer":
        from extractor import load_pdfminer

        return load_pdfminer.pdf_to_pages(path, settings)
    return _pdfium_pages(Path(path), settings)


def _loader(settings: Settings) -> str:
    if settings.loader not in LOADERS:
        raise ValueError(f"Settings.loader is {settings.loader!r}, not one of {LOADERS}")
    return settings.loader


def _pdfium_pages(path: Path, settings: Settings) -> Iterator[PageContent]:
    from extractor import load_pdfium

    fallback: Any = None  # a load_pdfminer.PageReader, opened at the first page that needs it

    def read_with_pdfminer(number: int) -> PageContent:
        nonlocal fallback
        if fallback is None:
            from extractor import load_pdfminer

            fallback = load_pdfminer.PageReader(path, settings)
        return fallback.read(number)

    try:
        yield from load_pdfium.pdf_to_pages(path, settings, read_with_pdfminer)
    finally:
        if fallback is not None:
            fallback.close()


def pdf_to_file_info(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> PdfFile:
    """Check and identify an input without reading its pages' content."""
    path = Path(path)
    check_input(path, settings)
    if _loader(settings) == "pdfminer":
        from extractor import load_pdfminer as loader
    else:
        from extractor import load_pdfium as loader  # type: ignore[no-redef]
    count = loader.pdf_to_page_count(path, settings)
    return PdfFile(path=path, sha256=file_to_sha256(path), page_count=count)
