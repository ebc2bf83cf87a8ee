"""Stage 1, load: PDF file → ``PageContent`` (characters and drawn rules), one page at a time.

Only this module talks to pdfplumber/pdfminer. Each page's cached layout objects are
released as soon as its content has been copied out, so memory stays flat with page count.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTComponent, LTCurve, LTFigure, LTImage, LTLine, LTRect
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from extractor.errors import (
    DamagedPDFError,
    EncryptedPDFError,
    InputNotFoundError,
    NotAPDFError,
    TooLargeError,
    UnreadableFileError,
)
from extractor.settings import DEFAULT_SETTINGS, Settings


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


def _check_file(path: Path, settings: Settings) -> None:
    """Reject what is plainly not a readable PDF before pdfminer sees it (cheap, clear errors)."""
    try:
        stat = path.stat()
    except FileNotFoundError as exc:
        raise InputNotFoundError(f"no such file: {path}", path=str(path)) from exc
    except OSError as exc:
        message = f"cannot read the file: {exc.strerror or exc}"
        raise UnreadableFileError(message, path=str(path)) from exc
    if not path.is_file():
        raise NotAPDFError(f"not a file: {path}", path=str(path))
    size = stat.st_size
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


def _open(path: Path, settings: Settings) -> pdfplumber.PDF:
    """Open with the given password, then the empty one; map every failure to a typed error."""
    passwords = [""] if settings.password is None else [settings.password, ""]
    last: Exception | None = None
    for password in passwords:
        try:
            return pdfplumber.open(path, password=password)
        except PdfminerException as exc:
            cause = exc.args[0] if exc.args else exc
            if isinstance(cause, PDFPasswordIncorrect):
                last = cause
                continue
            if isinstance(cause, PDFEncryptionError):
                raise EncryptedPDFError(
                    f"the PDF uses an encryption this tool cannot read: {cause}", path=str(path)
                ) from exc
            raise _damaged(path, cause) from exc
        except FileNotFoundError as exc:
            raise InputNotFoundError(f"no such file: {path}", path=str(path)) from exc
        except OSError as exc:
            raise UnreadableFileError(f"cannot read the file: {exc}", path=str(path)) from exc
        except Exception as exc:  # pdfminer raises bare exceptions on broken files
            raise _damaged(path, exc) from exc
    if settings.password:
        message = "the PDF is encrypted and the given password is wrong"
    else:
        message = "the PDF is encrypted: give its password with --password"
    raise EncryptedPDFError(message, path=str(path)) from last


def _close(pdf: pdfplumber.PDF) -> None:
    """Close without raising: pdfplumber's ``close`` walks the page tree again, so on a
    damaged file it would replace our typed error with pdfminer's (and leak the handle)."""
    try:
        pdf.close()
    except Exception:
        if not pdf.stream_is_external:
            pdf.stream.close()


def _damaged(path: Path, cause: BaseException) -> DamagedPDFError:
    detail = str(cause) or type(cause).__name__
    return DamagedPDFError(
        f"cannot parse the PDF (damaged or truncated?): {detail}", path=str(path)
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


def _layout_objects(objs: Iterable[LTComponent]) -> Iterator[LTComponent]:
    """Leaf layout objects, figures (Form XObjects) opened up, as pdfplumber does."""
    for obj in objs:
        if isinstance(obj, LTFigure):
            yield from _layout_objects(obj)
        else:
            yield obj


def _fontname(obj: LTChar) -> str:
    name = obj.fontname
    return name.decode("latin-1") if isinstance(name, bytes) else str(name)


def _page_objects(
    page: pdfplumber.page.Page,
) -> tuple[
    list[Char], list[dict[str, Any]], list[dict[str, Any]], list[tuple[float, float, float, float]]
]:
    """Chars, line and rect dicts, and image boxes of a page, in pdfplumber's coordinates.

    Reads pdfminer's layout objects directly: pdfplumber's generic ``process_object`` turns
    every attribute of every object into a dict (a third of the load time on long reports);
    this keeps pdfplumber's coordinate rules (``Page.process_object``) for the few fields used.
    """
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    chars: list[Char] = []
    lines: list[dict[str, Any]] = []
    rects: list[dict[str, Any]] = []
    images: list[tuple[float, float, float, float]] = []
    for obj in _layout_objects(page.layout):
        x0, x1 = obj.x0 + mb_x0, obj.x1 + mb_x0
        top, bottom = height - obj.y1 + mb_top, height - obj.y0 + mb_top
        if isinstance(obj, LTChar):
            chars.append(
                Char(
                    text=obj.get_text(),
                    x0=x0,
                    x1=x1,
                    top=top,
                    bottom=bottom,
                    baseline=height - obj.matrix[5] + mb_top,
                    size=float(obj.size) or 10.0,
                    fontname=_fontname(obj),
                    upright=bool(obj.upright),
                )
            )
        elif isinstance(obj, LTImage):
            images.append((x0, top, x1, bottom))
        elif isinstance(obj, LTLine | LTRect | LTCurve):
            shape = {
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": bottom,
                "stroke": obj.stroke,
                "fill": obj.fill,
                "stroking_color": obj.stroking_color,
                "non_stroking_color": obj.non_stroking_color,
            }
            if isinstance(obj, LTRect):
                rects.append(shape)
            elif isinstance(obj, LTLine):
                lines.append(shape)
            else:
                lines += _curve_segments(obj, shape, height, mb_x0, mb_top)
    return chars, lines, rects, images


def _curve_segments(
    curve: LTCurve, shape: dict[str, Any], height: float, mb_x0: float, mb_top: float
) -> list[dict[str, Any]]:
    """The straight axis-aligned pieces of a drawn path (some producers draw a whole table
    grid as one path); diagonals and arcs are left out by the rule filter."""
    points = [(x + mb_x0, height - y + mb_top) for x, y in curve.pts]
    out = []
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        out.append(
            {
                **shape,
                "x0": min(ax, bx),
                "x1": max(ax, bx),
                "top": min(ay, by),
                "bottom": max(ay, by),
                "fill": False,
            }
        )
    return out


def _rules_from_objects(
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


def dedupe_chars(chars: Iterable[Char], tolerance: float = 1.0) -> list[Char]:
    """Drop fake-bold duplicates: the same glyph, font and size drawn again within
    ``tolerance`` points. pdfplumber's ``dedupe_chars`` does the same but re-sorts by list
    index (quadratic: 40% of load time on an 18-page table PDF), so this keeps a spatial hash.
    """
    kept: list[Char] = []
    cells: dict[tuple[object, ...], list[Char]] = {}
    for ch in chars:
        key = (ch.upright, ch.text, ch.fontname, round(ch.size, 1))
        gx, gy = int(ch.x0 // tolerance), int(ch.top // tolerance)
        duplicate = any(
            abs(other.x0 - ch.x0) <= tolerance and abs(other.top - ch.top) <= tolerance
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in cells.get((*key, gx + dx, gy + dy), ())
        )
        if not duplicate:
            kept.append(ch)
            cells.setdefault((*key, gx, gy), []).append(ch)
    return kept


def page_to_content(
    page: pdfplumber.page.Page, settings: Settings = DEFAULT_SETTINGS
) -> PageContent:
    """Copy one pdfplumber page into a ``PageContent``, fake-bold duplicates removed."""
    chars, lines, rects, images = _page_objects(page)
    rules = tuple(_rules_from_objects(lines, rects, settings))
    return PageContent(
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        chars=tuple(dedupe_chars(chars)),
        rules=rules,
        images=tuple(images),
    )


def pdf_to_pages(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> Iterator[PageContent]:
    """Yield each page's content in order, releasing pdfplumber's caches page by page."""
    path = Path(path)
    _check_file(path, settings)
    pdf = _open(path, settings)
    try:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise DamagedPDFError(f"cannot read the page tree: {exc}", path=str(path)) from exc
        if not pages:
            raise DamagedPDFError("the PDF has no pages", path=str(path))
        if len(pages) > settings.max_pages:
            raise TooLargeError(
                f"{len(pages)} pages, over the limit of {settings.max_pages}", path=str(path)
            )
        for page in pages:
            try:
                content = page_to_content(page, settings)
            except Exception as exc:
                raise DamagedPDFError(
                    f"cannot read page {page.page_number}: {exc}", path=str(path)
                ) from exc
            finally:
                page.close()
            yield content
    finally:
        _close(pdf)


def pdf_to_file_info(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> PdfFile:
    """Check and identify an input without reading its pages' content."""
    path = Path(path)
    _check_file(path, settings)
    pdf = _open(path, settings)
    try:
        try:
            count = len(pdf.pages)
        except Exception as exc:
            raise DamagedPDFError(f"cannot read the page tree: {exc}", path=str(path)) from exc
    finally:
        _close(pdf)
    if count == 0:
        raise DamagedPDFError("the PDF has no pages", path=str(path))
    if count > settings.max_pages:
        raise TooLargeError(
            f"{count} pages, over the limit of {settings.max_pages}", path=str(path)
        )
    return PdfFile(path=path, sha256=file_to_sha256(path), page_count=count)
