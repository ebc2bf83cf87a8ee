"""Stage 1, load, with PDFium (pypdfium2): the same ``PageContent`` as ``load`` builds from
pdfminer, in a fraction of the time (issue 12).

PDFium parses and interprets each page in C; Python only copies out what the later stages
need: per glyph its Unicode (through the PDF's ToUnicode), origin, matrix, font size and
advance, and per path its segments and paint. Every number is put in pdfminer's terms, so
both loaders give the same glyph boxes: pdfminer's box runs from the font descriptor's
``/Descent`` to one font size above it and is as wide as the glyph's advance; coordinates
go through pdfminer's page-rotation matrix and pdfplumber's top-left origin. PDFium's own
"loose" box scales ascent − descent to the font size instead, and takes the font file's
metrics when the descriptor has none, so only its width is used.

Hostile input is bounded differently from the pdfminer loader: PDFium decodes streams in C
without a Python-side cap, so memory is bounded by the process limit (``--max-memory``) and
time by the per-file time limit; per-page budgets are checked on what PDFium built (glyphs,
page objects, path segments) before any Python object is made for the page.
"""

from __future__ import annotations

import ctypes
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor.errors import (
    DamagedPDFError,
    EncryptedPDFError,
    InputNotFoundError,
    TooLargeError,
    UnreadableFileError,
)
from extractor.load import (
    Char,
    PageContent,
    PageTooComplex,
    check_input,
    dedupe_chars,
    rules_from_shapes,
)
from extractor.settings import DEFAULT_SETTINGS, Settings

Matrix = tuple[float, float, float, float, float, float]

#: PDFium's page object types (fpdf_edit.h).
_TEXT, _PATH, _IMAGE, _SHADING, _FORM = 1, 2, 3, 4, 5
#: Path segment types (fpdf_edit.h): FPDF_SEGMENT_LINETO, _BEZIERTO, _MOVETO.
_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (pdfminer's ``mult_matrix``)."""
    a1, b1, c1, d1, e1, f1 = m
    a0, b0, c0, d0, e0, f0 = n
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


class _PageFrame:
    """From PDF user space to pdfplumber's page coordinates, through pdfminer's rotation
    matrix, so a rotated or offset page gives the boxes the pdfminer loader gives."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int) -> None:
        x0, x1 = sorted((mediabox[0], mediabox[2]))
        y0, y1 = sorted((mediabox[1], mediabox[3]))
        self.ctm: Matrix
        if rotation == 90:
            self.ctm = (0, -1, 1, 0, -y0, x1)
        elif rotation == 180:
            self.ctm = (-1, 0, 0, -1, x1, y1)
        elif rotation == 270:
            self.ctm = (0, 1, -1, 0, y1, -x0)
        else:
            self.ctm = (1, 0, 0, 1, -x0, -y0)
        if rotation in (90, 270):
            x0, y0, x1, y1 = y0, x0, y1, x1
        self.width = x1 - x0
        self.height = y1 - y0
        # pdfplumber's mediabox, top-left origin: (x0, height - y1, ...)
        self.mb_x0 = x0
        self.mb_top = self.height - y1

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """A box in pdfminer's page space as (x0, top, x1, bottom)."""
        return (
            x0 + self.mb_x0,
            self.height - y1 + self.mb_top,
            x1 + self.mb_x0,
            self.height - y0 + self.mb_top,
        )

    def y(self, y: float) -> float:
        return self.height - y + self.mb_top


# --- opening ----------------------------------------------------------------------------------


def _open(path: Path, settings: Settings) -> pdfium.PdfDocument:
    """Open with the given password, then the empty one; map every failure to a typed error."""
    passwords: list[str | None] = [None] if settings.password is None else [settings.password]
    if settings.password:
        passwords.append(None)
    last: pdfium.PdfiumError | None = None
    for password in passwords:
        try:
            return pdfium.PdfDocument(str(path), password=password)
        except FileNotFoundError as exc:
            raise InputNotFoundError(f"no such file: {path}", path=str(path)) from exc
        except pdfium.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            if code == pdfium_c.FPDF_ERR_PASSWORD:
                last = exc
                continue
            if code == pdfium_c.FPDF_ERR_SECURITY:
                raise EncryptedPDFError(
                    "the PDF uses an encryption this tool cannot read", path=str(path)
                ) from exc
            if code == pdfium_c.FPDF_ERR_FILE:
                raise UnreadableFileError(f"cannot read the file: {exc}", path=str(path)) from exc
            raise DamagedPDFError(
                f"cannot parse the PDF (damaged or truncated?): {exc}", path=str(path)
            ) from exc
    if settings.password:
        message = "the PDF is encrypted and the given password is wrong"
    else:
        message = "the PDF is encrypted: give its password with --password"
    raise EncryptedPDFError(message, path=str(path)) from last


# --- glyphs -----------------------------------------------------------------------------------


class _Fonts:
    """Per PDFium font handle: its name and its descriptor descent in pdfminer's terms."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[str, float]] = {}
        self._buffer = ctypes.create_string_buffer(256)
        self._float = ctypes.c_float()

    def get(self, font: Any) -> tuple[str, float]:
        key = ctypes.cast(font, ctypes.c_void_p).value or 0
        known = self._known.get(key)
        if known is None:
            size = pdfium_c.FPDFFont_GetBaseFontName(font, self._buffer, len(self._buffer))
            name = self._buffer.value.decode("latin-1") if size else "unknown"
            ok = pdfium_c.FPDFFont_GetDescent(font, 1.0, self._float)
            descent = self._float.value if ok else 0.0
            known = self._known[key] = (name, -abs(descent))
        return known


def _page_chars(textpage: Any, frame: _PageFrame, fonts: _Fonts) -> list[Char]:
    """Every glyph PDFium found (generated spaces and line breaks left out), as ``Char``."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    matrix = pdfium_c.FS_MATRIX()
    loose = pdfium_c.FS_RECTF()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    chars: list[Char] = []
    pending_high = ""
    for index in range(count):
        if pdfium_c.FPDFText_IsGenerated(textpage, index):
            continue
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        if 0xD800 <= code < 0xDC00:  # a high surrogate: the next index holds the low half
            pending_high = chr(code)
            continue
        text = chr(code)
        if pending_high:
            text = (pending_high + text).encode("utf-16", "surrogatepass").decode("utf-16")
            pending_high = ""
        # The matrix is the text object's; the origin is the glyph's own.
        if not pdfium_c.FPDFText_GetMatrix(textpage, index, matrix):
            continue
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, origin_x, origin_y)
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, loose)
        font_size = pdfium_c.FPDFText_GetFontSize(textpage, index)
        fontname, descent = fonts.get(
            pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(textpage, index))
        )
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
        # The advance in text space: PDFium's loose box is the advance along the text
        # direction, times the matrix's scale in that direction.
        if abs(a) >= abs(b):
            advance = (loose.right - loose.left) / abs(a) if a else 0.0
        else:
            advance = (loose.top - loose.bottom) / abs(b)
        glyph: Matrix = _mult((a, b, c, d, origin_x.value, origin_y.value), frame.ctm)
        low = descent * font_size
        corners = (
            _apply(glyph, 0.0, low),
            _apply(glyph, advance, low + font_size),
        )
        x0, x1 = sorted((corners[0][0], corners[1][0]))
        y0, y1 = sorted((corners[0][1], corners[1][1]))
        left, top, right, bottom = frame.box(x0, y0, x1, y1)
        ga, gb, gc, gd = glyph[:4]
        chars.append(
            Char(
                text=text,
                x0=left,
                x1=right,
                top=top,
                bottom=bottom,
                baseline=frame.y(glyph[5]),
                size=(y1 - y0) or 10.0,
                fontname=fontname,
                upright=ga * gd > 0 and gb * gc <= 0,
            )
        )
    return chars


# --- paths and images -------------------------------------------------------------------------


def _colour(getter: Any, obj: Any) -> tuple[float, float, float] | None:
    r, g, b, alpha = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, r, g, b, alpha):
        return None
    return r.value / 255, g.value / 255, b.value / 255


def _object_matrix(obj: Any) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1, 0, 0, 1, 0, 0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _path_shapes(obj: Any, ctm: Matrix, frame: _PageFrame) -> list[dict[str, Any]]:
    """A painted path as pdfminer's layout objects would describe it: one shape per subpath,
    a closed axis-aligned four-sided subpath a rect, a single segment a line, anything else
    a curve (its points joined), in the same dict form the pdfminer loader builds."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke):
        return []
    paint = {
        "stroke": bool(stroke.value),
        "fill": bool(fill_mode.value),
        "stroking_color": _colour(pdfium_c.FPDFPageObj_GetStrokeColor, obj),
        "non_stroking_color": _colour(pdfium_c.FPDFPageObj_GetFillColor, obj),
    }
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    shape, points = "", []
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = _apply(ctm, x.value, y.value)
        if kind == _MOVETO:
            if shape:
                subpaths.append((shape, points))
            shape, points = "m", [point]
            continue
        if not shape:
            continue
        shape += "l" if kind == _LINETO else "c"
        points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            shape += "h"
            points.append(points[0])
    if shape:
        subpaths.append((shape, points))
    shapes = []
    for shape, points in subpaths:
        shapes += _subpath_shapes(_bezier_ends(shape), points, paint, frame)
    return shapes


def _bezier_ends(shape: str) -> str:
    """PDFium gives a Bézier curve as three points (two controls, one end); pdfminer keeps
    one ``c`` with the end point. Mark the controls for removal."""
    return re.sub("ccc", "xxc", shape)


def _subpath_shapes(
    shape: str, points: list[tuple[float, float]], paint: dict[str, Any], frame: _PageFrame
) -> list[dict[str, Any]]:
    points = [p for p, op in zip(points, shape, strict=True) if op != "x"]
    shape = shape.replace("x", "")
    if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:
        shape = shape[:-2] + "h"
        points = points[:-2] + points[-1:]
    xs, ys = [p[0] for p in points], [p[1] for p in points]

    def as_shape(x0: float, y0: float, x1: float, y1: float) -> dict[str, Any]:
        left, top, right, bottom = frame.box(x0, y0, x1, y1)
        return {**paint, "x0": left, "x1": right, "top": top, "bottom": bottom}

    if shape in ("mlh", "ml"):
        return [{**as_shape(min(xs[:2]), min(ys[:2]), max(xs[:2]), max(ys[:2])), "kind": "line"}]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if points[0] == points[4] and square:
            return [{**as_shape(min(xs), min(ys), max(xs), max(ys)), "kind": "rect"}]
    if shape[:1] != "m":
        return []
    pieces = []
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        piece = as_shape(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        pieces.append({**piece, "fill": False, "kind": "line"})
    return pieces


def _page_objects(
    page: Any, frame: _PageFrame, settings: Settings
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[tuple[float, float, float, float]]]:
    """Line and rect shapes and image boxes of a page, forms opened up."""
    lines: list[dict[str, Any]] = []
    rects: list[dict[str, Any]] = []
    images: list[tuple[float, float, float, float]] = []
    operations = segments = 0
    stack: list[tuple[Any, int, Matrix, bool]] = [
        (page, pdfium_c.FPDFPage_CountObjects(page), frame.ctm, False)
    ]
    while stack:
        parent, count, ctm, is_form = stack.pop()
        get = pdfium_c.FPDFFormObj_GetObject if is_form else pdfium_c.FPDFPage_GetObject
        for index in range(count):
            obj = get(parent, index)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind != _TEXT:
                operations += 1
                if operations > settings.max_page_operations:
                    raise PageTooComplex(
                        f"more than {settings.max_page_operations:,} drawing operations"
                    )
            if kind == _PATH:
                segments += pdfium_c.FPDFPath_CountSegments(obj)
                if segments > settings.max_page_segments:
                    raise PageTooComplex(f"more than {settings.max_page_segments:,} path segments")
                for shape in _path_shapes(obj, _mult(_object_matrix(obj), ctm), frame):
                    (rects if shape.pop("kind") == "rect" else lines).append(shape)
            elif kind == _IMAGE:
                m = _mult(_object_matrix(obj), ctm)
                corners = [_apply(m, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
                xs, ys = [p[0] for p in corners], [p[1] for p in corners]
                left, top, right, bottom = frame.box(min(xs), min(ys), max(xs), max(ys))
                images.append((left, top, right, bottom))
            elif kind == _FORM:
                inner = _mult(_object_matrix(obj), ctm)
                stack.append((obj, pdfium_c.FPDFFormObj_CountObjects(obj), inner, True))
    return lines, rects, images


# --- pages ------------------------------------------------------------------------------------


def _page_to_content(
    page: pdfium.PdfPage, number: int, settings: Settings, fonts: _Fonts
) -> PageContent:
    frame = _PageFrame(page.get_mediabox(), page.get_rotation())
    textpage = pdfium_c.FPDFText_LoadPage(page.raw)
    try:
        count = pdfium_c.FPDFText_CountChars(textpage)
        if count > settings.max_page_glyphs:
            raise PageTooComplex(f"more than {settings.max_page_glyphs:,} glyphs")
        lines, rects, images = _page_objects(page.raw, frame, settings)
        chars = _page_chars(textpage, frame, fonts)
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)
    return PageContent(
        number=number,
        width=frame.width,
        height=frame.height,
        chars=tuple(dedupe_chars(chars)),
        rules=tuple(rules_from_shapes(lines, rects, settings)),
        images=tuple(images),
    )


def pdf_to_pages(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> Iterator[PageContent]:
    """Yield each page's content in order; PDFium's page is closed as soon as it is copied.

    A page over a ``Settings.max_page_*`` budget comes back empty with ``too_complex`` set;
    if every page is, the document fails as ``too_large``.
    """
    path = Path(path)
    check_input(path, settings)
    document = _open(path, settings)
    try:
        count = len(document)
        if count == 0:
            raise DamagedPDFError("the PDF has no pages", path=str(path))
        if count > settings.max_pages:
            raise TooLargeError(
                f"{count} pages, over the limit of {settings.max_pages}", path=str(path)
            )
        fonts = _Fonts()
        skipped = []
        for index in range(count):
            number = index + 1
            try:
                page = document[index]
            except pdfium.PdfiumError as exc:
                raise DamagedPDFError(f"cannot read page {number}: {exc}", path=str(path)) from exc
            try:
                content = _page_to_content(page, number, settings, fonts)
            except PageTooComplex as exc:
                frame = _PageFrame(page.get_mediabox(), page.get_rotation())
                content = PageContent(
                    number=number,
                    width=frame.width,
                    height=frame.height,
                    chars=(),
                    rules=(),
                    too_complex=str(exc),
                )
                skipped.append(f"page {number}: {exc}")
            finally:
                page.close()
            yield content
        if skipped and len(skipped) == count:
            raise TooLargeError(
                f"every page is over the per-page budget ({'; '.join(skipped[:3])})",
                path=str(path),
            )
    finally:
        document.close()


def pdf_to_page_count(path: Path, settings: Settings = DEFAULT_SETTINGS) -> int:
    """Pages in the document, from its page tree, without reading any page's content."""
    document = _open(path, settings)
    try:
        return len(document)
    finally:
        document.close()
