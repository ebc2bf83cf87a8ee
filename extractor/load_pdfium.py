"""Stage 1, load, with PDFium (pypdfium2): the same ``PageContent`` as ``load_pdfminer``
builds, in well under half the time (issue 12).

PDFium parses and interprets each page in C; Python only copies out what the later stages
need: per glyph its Unicode (through the PDF's ToUnicode), origin, matrix, font size and
advance, and per path its segments and paint. Every number is put in pdfminer's terms, so
both loaders give the same glyph boxes: pdfminer's box runs from the font descriptor's
``/Descent`` to one font size above it and is as wide as the glyph's advance; coordinates
go through pdfminer's page-rotation matrix and pdfplumber's top-left origin. PDFium's own
"loose" box scales ascent − descent to the font size instead, so only its width is used.
What cannot be made equal: PDFium computes in single precision (boxes within 0.03 pt), and
where a descriptor has neither ``/Ascent`` nor ``/Descent`` PDFium measures the glyphs
while pdfminer takes 0 (boxes up to about 1.2 pt lower).

PDFium's text layer is a text extractor, not a glyph list: it leaves out text objects
without width, shows ``/ActualText`` instead of glyphs, places vertical fonts its own way.
Where any of that would change a page, ``TextLayerLoss`` is raised before the page is used
and ``load.pdf_to_pages`` reads that page with pdfminer instead.

Hostile input: PDFium decodes streams in C without a cap and cannot be interrupted from
Python, so it runs only in worker processes (``workers.fits_in_process``), where the
memory limit and the time limit end a file it would never finish. The per-page budgets of
glyphs, drawing operations and path segments are checked on what PDFium built, before any
Python object is made for the page.
"""

from __future__ import annotations

import ctypes
import itertools
import logging
import re
from collections.abc import Callable, Iterator
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
    check_some_page_read,
    dedupe_chars,
    password_error,
    rules_from_shapes,
)
from extractor.quality import steps_down
from extractor.settings import DEFAULT_SETTINGS, Settings

Matrix = tuple[float, float, float, float, float, float]
_log = logging.getLogger(__name__)


class TextLayerLoss(Exception):
    """PDFium's text layer would not hold every glyph of this page as drawn: the page is
    read by the pdfminer loader instead (``load.pdf_to_pages`` does it page by page)."""


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
    raise password_error(path, settings) from last


# --- glyphs -----------------------------------------------------------------------------------


def _fast(function: Any, restype: Any, *argtypes: Any) -> Any:
    """A prototype of one PDFium function taking and returning plain addresses and numbers:
    pypdfium2's own wraps every handle in a typed pointer, which costs more than the call
    itself when made for every glyph."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


#: What PDFium's text layer puts for a glyph it cannot map to Unicode (0, U+FFFE) and for
#: a hyphen it takes for a word broken across lines (U+0002).
_LOST_CODES = frozenset((0x0, 0x2, 0xFFFE))
_P, _I, _D, _F = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_float
_is_generated = _fast(pdfium_c.FPDFText_IsGenerated, _I, _P, _I)
_unicode = _fast(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, _P, _I)
_text_object = _fast(pdfium_c.FPDFText_GetTextObject, _P, _P, _I)
_loose_box = _fast(pdfium_c.FPDFText_GetLooseCharBox, _I, _P, _I, _P)
_origin = _fast(pdfium_c.FPDFText_GetCharOrigin, _I, _P, _I, _P, _P)
_char_matrix = _fast(pdfium_c.FPDFText_GetMatrix, _I, _P, _I, _P)
_font_size = _fast(pdfium_c.FPDFText_GetFontSize, _D, _P, _I)
_object_font = _fast(pdfium_c.FPDFTextObj_GetFont, _P, _P)
_font_name = _fast(pdfium_c.FPDFFont_GetBaseFontName, ctypes.c_size_t, _P, _P, ctypes.c_size_t)
_font_descent = _fast(pdfium_c.FPDFFont_GetDescent, _I, _P, _F, _P)
_font_embedded = _fast(pdfium_c.FPDFFont_GetIsEmbedded, _I, _P)
_count_chars = _fast(pdfium_c.FPDFText_CountChars, _I, _P)
_render_mode = _fast(pdfium_c.FPDFTextObj_GetTextRenderMode, _I, _P)
#: Text render modes that paint nothing: FPDF_TEXTRENDERMODE_INVISIBLE, _CLIP.
_INVISIBLE_MODES = (3, 7)


#: Matrix entries this close to 0 are 0 (a level or quarter-turned text matrix).
_FLAT = 1e-6


class _TextRun:
    """What the glyphs of one PDFium text object share: the glyph matrix (the object's, then
    pdfminer's page rotation), font size, font name and the descriptor's descent."""

    __slots__ = (
        *("a", "b", "c", "d", "fontname", "is_axis_aligned", "low", "size"),
        *("at_an_angle", "invisible", "text_a", "text_b", "upright"),
    )

    def __init__(self, textpage: int, index: int, frame: _PageFrame, fonts: _Fonts) -> None:
        matrix = pdfium_c.FS_MATRIX()
        _char_matrix(textpage, index, ctypes.addressof(matrix))
        self.text_a, self.text_b = matrix.a, matrix.b
        self.is_axis_aligned = matrix.b == 0 and matrix.c == 0 and matrix.a > 0 < matrix.d
        #: Neither level nor a quarter turn: PDFium's loose box is then the box around the
        #: turned glyph, from which the advance cannot be told.
        self.at_an_angle = (abs(matrix.b) > _FLAT or abs(matrix.c) > _FLAT) and (
            abs(matrix.a) > _FLAT or abs(matrix.d) > _FLAT
        )
        self.a, self.b, self.c, self.d, _, _ = _mult(
            (matrix.a, matrix.b, matrix.c, matrix.d, 0.0, 0.0), frame.ctm
        )
        self.size = _font_size(textpage, index)
        owner = _text_object(textpage, index)
        self.fontname, descent = fonts.get(_object_font(owner))
        self.invisible = _render_mode(owner) in _INVISIBLE_MODES
        self.low = descent * self.size
        self.upright = self.a * self.d > 0 and self.b * self.c <= 0


class _Fonts:
    """Per PDFium font handle: its name and its descriptor descent in pdfminer's terms."""

    def __init__(self) -> None:
        self._known: dict[int | None, tuple[str, float]] = {}
        self._buffer = ctypes.create_string_buffer(256)
        self._float = ctypes.c_float()

    def get(self, font: int | None) -> tuple[str, float]:
        known = self._known.get(font)
        if known is None:
            size = _font_name(font, self._buffer, len(self._buffer)) if font else 0
            name = self._buffer.value.decode("latin-1") if size else "unknown"
            ok = font and _font_descent(font, 1.0, ctypes.addressof(self._float))
            descent = self._float.value if ok else 0.0
            known = self._known[font] = (name, -abs(descent))
        return known


def _page_chars(textpage: int, frame: _PageFrame, fonts: _Fonts) -> list[Char]:
    """Every glyph PDFium found (generated spaces and line breaks left out), as ``Char``."""
    count = _count_chars(textpage)
    loose = pdfium_c.FS_RECTF()
    loose_at = ctypes.addressof(loose)
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    x_at, y_at = ctypes.addressof(origin_x), ctypes.addressof(origin_y)
    ca, cb, cc, cd, ce, cf = frame.ctm
    runs: dict[int | None, _TextRun] = {}
    chars: list[Char] = []
    pending_high = ""
    previous: tuple[int | None, float, float] = (None, 0.0, 0.0)
    for index in range(count):
        if _is_generated(textpage, index):
            continue
        code = _unicode(textpage, index)
        if code in _LOST_CODES:
            raise TextLayerLoss(f"a glyph PDFium reads as U+{code:04X}")
        if 0xD800 <= code < 0xDC00:  # a high surrogate: the next index holds the low half
            pending_high = chr(code)
            continue
        text = chr(code)
        if pending_high:
            text = (pending_high + text).encode("utf-16", "surrogatepass").decode("utf-16")
            pending_high = ""
        owner = _text_object(textpage, index)
        run = runs.get(owner)
        if run is None:
            run = runs[owner] = _TextRun(textpage, index, frame, fonts)
            if run.at_an_angle:
                raise TextLayerLoss("text set at an angle")
        _origin(textpage, index, x_at, y_at)
        _loose_box(textpage, index, loose_at)
        # The advance in text space: PDFium's loose box spans the advance along the text
        # direction, times the text matrix's scale in that direction.
        if abs(run.text_a) >= abs(run.text_b):
            advance = (loose.right - loose.left) / abs(run.text_a) if run.text_a else 0.0
        else:
            advance = (loose.top - loose.bottom) / abs(run.text_b)
        ox, oy = origin_x.value, origin_y.value
        # Glyphs of one upright run that follow each other down the page: vertical writing,
        # whose glyph boxes PDFium puts its own way.
        if (
            owner == previous[0]
            and run.is_axis_aligned
            and abs(oy - previous[2]) > abs(ox - previous[1])
        ):
            raise TextLayerLoss("vertical writing")
        previous = (owner, ox, oy)
        ox, oy = ca * ox + cc * oy + ce, cb * ox + cd * oy + cf
        # pdfminer's glyph box: from the descent to one font size above it, one advance wide.
        # The four corners, as pdfminer's ``apply_matrix_rect``: text set at an angle gets
        # the upright box around its turned one.
        low, high = run.low, run.low + run.size
        along_x, along_y = run.a * advance, run.b * advance
        xs = (ox + run.c * low, ox + run.c * high, ox + along_x + run.c * low)
        ys = (oy + run.d * low, oy + run.d * high, oy + along_y + run.d * low)
        x_far, y_far = ox + along_x + run.c * high, oy + along_y + run.d * high
        x0, x1 = min(*xs, x_far), max(*xs, x_far)
        y0, y1 = min(*ys, y_far), max(*ys, y_far)
        left, top, right, bottom = frame.box(x0, y0, x1, y1)
        chars.append(
            Char(
                text=text,
                x0=left,
                x1=right,
                top=top,
                bottom=bottom,
                baseline=frame.y(oy),
                size=(y1 - y0) or 10.0,
                fontname=run.fontname,
                upright=run.upright,
                invisible=run.invisible,
            )
        )
    return chars


#: Glyphs drawn one below the other, in drawing order, that make a page vertical writing.
_VERTICAL_RUN = 3


def _check_horizontal(chars: list[Char]) -> None:
    """Raise ``TextLayerLoss`` on vertical writing: PDFium places a vertical font's glyphs
    its own way (origin and advance), not as pdfminer's boxes, which the readers expect."""
    run = 0
    for above, below in itertools.pairwise(chars):
        run = run + 1 if steps_down(above, below) else 0
        if run >= _VERTICAL_RUN:
            raise TextLayerLoss("vertical writing")


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


_bounds = _fast(pdfium_c.FPDFPageObj_GetBounds, _I, _P, _P, _P, _P, _P)
_count_marks = _fast(pdfium_c.FPDFPageObj_CountMarks, _I, _P)
#: PDFium's text layer leaves out a text object narrower than this (``kSizeEpsilon``).
_MIN_TEXT_WIDTH = 0.01
#: ``FPDF_OBJECT_UNKNOWN``: what a marked-content parameter that is not there has for type.
_NO_VALUE = 0


def _check_text_object(obj: Any) -> None:
    """Raise ``TextLayerLoss`` where PDFium's text layer would not show a text object's
    glyphs as drawn. It leaves out an object whose box has no width: in an embedded font
    that is blank glyphs only (a space drawn on its own, which the readers measure as a gap
    anyway), but a font PDFium substitutes may lack a visible glyph. Marked content may
    replace the glyphs with its ``/ActualText``."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    address = ctypes.cast(obj, ctypes.c_void_p).value
    _bounds(address, *(ctypes.addressof(v) for v in (left, bottom, right, top)))
    if abs(right.value - left.value) < _MIN_TEXT_WIDTH and not _font_embedded(
        _object_font(address)
    ):
        raise TextLayerLoss("a text object without width in a font not embedded")
    for index in range(_count_marks(address)):
        mark = pdfium_c.FPDFPageObj_GetMark(obj, index)
        if pdfium_c.FPDFPageObjMark_GetParamValueType(mark, b"ActualText") != _NO_VALUE:
            raise TextLayerLoss("marked content with /ActualText")


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
            if kind == _TEXT:
                _check_text_object(obj)
            else:
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
        chars = _page_chars(ctypes.cast(textpage, ctypes.c_void_p).value or 0, frame, fonts)
        _check_horizontal(chars)
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


def pdf_to_pages(
    path: str | Path,
    settings: Settings = DEFAULT_SETTINGS,
    fallback: Callable[[int], PageContent] | None = None,
) -> Iterator[PageContent]:
    """Yield each page's content in order; PDFium's page is closed as soon as it is copied.

    A page PDFium's text layer would not give glyph for glyph (``TextLayerLoss``) is read by
    ``fallback(page_number)`` instead (without one, the loss is raised).

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
        read: list[PageContent] = []  # pages kept only while all of them are over a budget
        all_over = True
        for index in range(count):
            number = index + 1
            try:
                page = document[index]
            except pdfium.PdfiumError as exc:
                raise DamagedPDFError(f"cannot read page {number}: {exc}", path=str(path)) from exc
            try:
                content = _page_to_content(page, number, settings, fonts)
            except TextLayerLoss as loss:
                if fallback is None:
                    raise
                _log.info("%s page %d: %s; read with pdfminer", path.name, number, loss)
                content = fallback(number)
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
            finally:
                page.close()
            all_over = all_over and bool(content.too_complex)
            if all_over:
                read.append(content)
            yield content
        check_some_page_read(read if all_over else [], path)
    finally:
        document.close()


def pdf_to_page_count(path: Path, settings: Settings = DEFAULT_SETTINGS) -> int:
    """Pages in the document, from its page tree, without reading any page's content."""
    document = _open(path, settings)
    try:
        return len(document)
    finally:
        document.close()
