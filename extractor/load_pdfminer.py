"""The pdfminer loader: ``PageContent`` from pdfminer.six's layout objects (through
pdfplumber's page model and coordinates). Pure Python: slower than ``load_pdfium``, but every
stream is decoded under a cap and every page interpreted under budgets counted as pdfminer
draws, so a decompression bomb or a page of a million operators stops early.

Each page's cached layout objects are released as soon as its content has been copied out,
so memory stays flat with page count. Hostile input (issue 11): every stream is decoded with
a cap on its decoded size (pdfminer's own decoders inflate everything at once, so a 1 MB
Flate bomb took 2 GB); each page is interpreted under budgets of glyphs, drawing operations,
segments and content bytes, so a page of a million operators is skipped after a fraction of
them, not minutes later.
"""

from __future__ import annotations

import io
import itertools
import logging
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer import pdffont, pdftypes
from pdfminer.cmapdb import CMapBase, CMapParser
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import (
    LTComponent,
    LTCurve,
    LTFigure,
    LTImage,
    LTLine,
    LTPage,
    LTRect,
)
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfdocument import (
    LITERAL_OBJSTM,
    LITERAL_XREF,
    PDFEncryptionError,
    PDFPasswordIncorrect,
)
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1, stream_value
from pdfminer.psparser import PSEOF, PSKeyword, keyword_name
from pdfminer.utils import Matrix, apply_matrix_rect
from pdfplumber.utils.exceptions import PdfminerException

from extractor.content_stream import stream_to_tokens, streams_to_objects
from extractor.errors import (
    DamagedPDFError,
    EncryptedPDFError,
    ExtractorError,
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
from extractor.settings import DEFAULT_SETTINGS, Settings

# --- bounded stream decoding ------------------------------------------------------------------


class _DecodeLimit:
    """The decoded-size caps in force (from the ``Settings`` of the file being read) and the
    one of the stream being decoded now. pdfminer decodes streams deep inside its parser, so
    the caps cannot be passed down."""

    stream_bytes: int = DEFAULT_SETTINGS.max_stream_bytes
    object_stream_bytes: int = DEFAULT_SETTINGS.max_object_stream_bytes
    bytes: int = stream_bytes
    what: str = "a PDF stream"


#: Output granted to one ``decompress`` call: big enough that an ordinary stream inflates
#: in one go, small enough that a bomb is stopped a chunk after the cap.
_INFLATE_CHUNK = 1 << 22


def _stream_too_large() -> TooLargeError:
    return TooLargeError(
        f"{_DecodeLimit.what} decodes to more than {_DecodeLimit.bytes / 2**20:.0f} MB, "
        "its limit (a decompression bomb?)"
    )


def _inflate_into(inflater: Any, data: bytes, out: bytearray) -> None:
    """Feed ``data`` to a ``zlib.decompressobj``, appending its output to ``out`` a chunk at
    a time and stopping at the cap, so a bomb never holds more than the cap plus a chunk."""
    chunk = inflater.decompress(data, _INFLATE_CHUNK)
    while True:
        out += chunk
        if len(out) > _DecodeLimit.bytes:
            raise _stream_too_large()
        if inflater.eof or not (inflater.unconsumed_tail or len(chunk) == _INFLATE_CHUNK):
            return
        chunk = inflater.decompress(inflater.unconsumed_tail, _INFLATE_CHUNK)


def _inflate(data: bytes) -> bytes:
    """``zlib.decompress`` with a cap on the output."""
    inflater, out = zlib.decompressobj(), bytearray()
    _inflate_into(inflater, data, out)
    if not inflater.eof:  # as zlib.decompress: pdfminer then tries _inflate_corrupted
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return bytes(out)


def _inflate_corrupted(data: bytes) -> bytes:
    """pdfminer's ``decompress_corrupted`` (keep what inflates when only the 3-byte checksum
    at the end is bad), capped, and linear: pdfminer's feeds one byte at a time into a
    growing ``bytes``, quadratic in the stream's size."""
    inflater, out = zlib.decompressobj(), bytearray()
    _inflate_into(inflater, data[:-3], out)  # an error before the checksum propagates
    try:
        for i in range(max(0, len(data) - 3), len(data)):
            _inflate_into(inflater, data[i : i + 1], out)
    except zlib.error:
        logging.getLogger("pdfminer.pdftypes").warning(
            "Data-loss while decompressing corrupted data"
        )
    return bytes(out)


def _lzw_decode(data: bytes) -> bytes:
    """pdfminer's ``lzwdecode`` (LZW codes expand ~1000-fold), capped."""
    out = bytearray()
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        out += chunk
        if len(out) > _DecodeLimit.bytes:
            raise _stream_too_large()
    return bytes(out)


def _run_length_decode(data: bytes) -> bytes:
    """RunLengthDecode (PDF reference 3.3.4), capped: pdfminer's builds a list of ints,
    eight bytes of memory per decoded byte, up to 128 decoded bytes per input pair."""
    out = bytearray()
    i = 0
    while i < len(data) and data[i] != 128:
        length = data[i]
        if length < 128:
            out += data[i + 1 : i + 2 + length]
            i += length + 2
        else:
            out += data[i + 1 : i + 2] * (257 - length)
            i += 2
        if len(out) > _DecodeLimit.bytes:
            raise _stream_too_large()
    return bytes(out)


#: Widest fax image decoded (pixels): pdfminer allocates a row of this many ints up front.
_MAX_FAX_COLUMNS = 1 << 16


def _ccitt_fax_decode(data: bytes, params: dict[str, object]) -> bytes:
    columns = params.get("Columns", 1728)
    if not isinstance(columns, int) or not 0 < columns <= _MAX_FAX_COLUMNS:
        raise TooLargeError(f"a fax image {columns!r} pixels wide, over {_MAX_FAX_COLUMNS}")
    return _pdfminer_ccitt_decode(data, params)


def _bounded_decode(stream: pdftypes.PDFStream) -> None:
    """``PDFStream.decode`` with the filters above, and the cap checked on the result of
    the filters that cannot expand much (ASCII85, ASCIIHex, predictors). Object and
    cross-reference streams get their own, smaller cap: pdfminer parses them token by token."""
    outer = _DecodeLimit.bytes, _DecodeLimit.what  # resolving /DecodeParms may decode another
    if stream.get("Type") in (LITERAL_OBJSTM, LITERAL_XREF):
        _DecodeLimit.bytes = _DecodeLimit.object_stream_bytes
        _DecodeLimit.what = "an object or cross-reference stream"
    else:
        _DecodeLimit.bytes, _DecodeLimit.what = _DecodeLimit.stream_bytes, "a PDF stream"
    try:
        _pdfminer_decode(stream)
        if stream.data is not None and len(stream.data) > _DecodeLimit.bytes:
            stream.data = None  # release it now, not when the document goes
            raise _stream_too_large()
    finally:
        _DecodeLimit.bytes, _DecodeLimit.what = outer


_pdfminer_decode = pdftypes.PDFStream.decode
_pdfminer_ccitt_decode = pdftypes.ccittfaxdecode


def _install_bounded_decoders() -> None:
    """Route pdfminer's stream decoding through the capped decoders. pdfminer looks the
    decoders up as names of its ``pdftypes`` module when it decodes, so replacing those
    names (and ``zlib`` there with a module-like object whose ``decompress`` is capped)
    bounds every stream: content, fonts, object streams and cross-reference streams."""
    pdftypes.zlib = _BoundedZlib  # type: ignore[assignment]
    pdftypes.decompress_corrupted = _inflate_corrupted
    pdftypes.lzwdecode = _lzw_decode
    pdftypes.rldecode = _run_length_decode
    pdftypes.ccittfaxdecode = _ccitt_fax_decode
    pdftypes.PDFStream.decode = _bounded_decode  # type: ignore[method-assign]


class _BoundedZlib:
    """What ``pdfminer.pdftypes`` sees as ``zlib``: the capped ``decompress``."""

    error = zlib.error
    decompress = staticmethod(_inflate)
    decompressobj = staticmethod(zlib.decompressobj)


class _ToUnicodeParser(CMapParser):
    """pdfminer's CMap parser, fed by ``content_stream``'s tokenizer when it can read the
    CMap (a font's ToUnicode map is parsed once per document: a fifth of loading a short
    report). Token positions are not used by the CMap parser; they are given as 0."""

    def __init__(self, cmap: CMapBase, fp: io.BytesIO) -> None:
        super().__init__(cmap, fp)
        tokens = stream_to_tokens(fp.getvalue())
        self._fast = None if tokens is None else iter(tokens)

    def nexttoken(self) -> tuple[int, Any]:
        if self._fast is None:
            return super().nexttoken()
        for token in self._fast:
            return 0, token
        raise PSEOF("end of the CMap")


_install_bounded_decoders()
pdffont.CMapParser = _ToUnicodeParser  # type: ignore[misc]  # pdffont looks it up by name

# --- opening --------------------------------------------------------------------------------


def _open(path: Path, settings: Settings) -> pdfplumber.PDF:
    """Open with the given password, then the empty one; map every failure to a typed error."""
    _DecodeLimit.stream_bytes = settings.max_stream_bytes
    _DecodeLimit.object_stream_bytes = settings.max_object_stream_bytes
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
            raise _typed(path, cause) from exc
        except FileNotFoundError as exc:
            raise InputNotFoundError(f"no such file: {path}", path=str(path)) from exc
        except (ExtractorError, MemoryError):
            raise
        except OSError as exc:
            raise UnreadableFileError(f"cannot read the file: {exc}", path=str(path)) from exc
        except Exception as exc:  # pdfminer raises bare exceptions on broken files
            raise _typed(path, exc) from exc
    raise password_error(path, settings) from last


def _close(pdf: pdfplumber.PDF) -> None:
    """Close the file only: pdfplumber's ``close`` builds every page object to close it
    (100,000 of them for a hostile page tree) and, on a damaged file, would replace our typed
    error with pdfminer's."""
    pdf.flush_cache()
    if not pdf.stream_is_external:
        pdf.stream.close()


def _typed(path: Path, cause: BaseException) -> BaseException:
    """A pdfminer failure as the error to raise: our own errors (a stream over the cap) and
    running out of memory pass through (pdfminer and pdfplumber wrap them), the rest is
    ``damaged``."""
    if isinstance(cause, PdfminerException) and cause.args:
        cause = cause.args[0]
    if isinstance(cause, ExtractorError):
        if cause.path is None:
            cause.path = str(path)
        return cause
    if isinstance(cause, MemoryError):
        return cause
    detail = str(cause) or type(cause).__name__
    return DamagedPDFError(
        f"cannot parse the PDF (damaged or truncated?): {detail}", path=str(path)
    )


def _layout_objects(objs: Iterable[LTComponent]) -> Iterator[LTComponent]:
    """Leaf layout objects, figures (Form XObjects) opened up, as pdfplumber does."""
    for obj in objs:
        if isinstance(obj, LTFigure):
            yield from _layout_objects(obj)
        else:
            yield obj


# --- per-page budgets ------------------------------------------------------------------------


#: Text render modes that paint nothing: 3 (invisible), 7 (clip only).
_INVISIBLE_MODES = (3, 7)


class _BudgetedAggregator(PDFPageAggregator):
    """pdfminer's layout device, counting what the page costs as it is drawn and stopping at
    the first budget exceeded, before building more layout objects."""

    def __init__(self, page: pdfplumber.page.Page, settings: Settings) -> None:
        super().__init__(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
        self.settings = settings
        self.glyphs = self.operations = self.segments = self.content_bytes = 0
        self._painting = self._invisible = False
        self.chars: list[Char] = []
        # pdfplumber's page coordinates: top-down, from the media box's corner
        self._height = float(page.height)
        self._x_shift, self._y_shift = float(page.mediabox[0]), float(page.mediabox[1])

    def _over(self, count: int, limit: int, what: str) -> None:
        if count > limit:
            raise PageTooComplex(f"more than {limit:,} {what}")

    def charge_content(self, size: int) -> None:
        self.content_bytes += size
        limit = self.settings.max_page_content_bytes
        self._over(self.content_bytes, limit, "bytes of content streams")

    def _operation(self) -> None:
        self.operations += 1
        self._over(self.operations, self.settings.max_page_operations, "drawing operations")

    def render_string(self, textstate: Any, *args: Any, **kwargs: Any) -> None:
        self._operation()
        self._invisible = textstate.render in _INVISIBLE_MODES
        super().render_string(textstate, *args, **kwargs)

    def render_char(
        self,
        matrix: Matrix,
        font: PDFFont,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: Any,
        graphicstate: Any,
    ) -> float:
        """pdfminer's ``render_char`` and ``LTChar`` (the same arithmetic, so the same
        floats), making the ``Char`` in pdfplumber's coordinates at once instead of a layout
        object to be read back: a third of the cost of every glyph."""
        self.glyphs += 1
        self._over(self.glyphs, self.settings.max_page_glyphs, "glyphs")
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        advance = font.char_width(cid) * fontsize * scaling
        vertical = font.is_vertical()
        if vertical:
            vx, vy = font.char_disp(cid)  # type: ignore[misc]
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bbox = (-vx, vy + rise + advance, -vx + fontsize, vy + rise)
        else:
            descent = font.get_descent() * fontsize
            bbox = (0, descent + rise, advance, descent + rise + fontsize)
        a, b, c, d, _e, f = matrix
        x0, y0, x1, y1 = apply_matrix_rect(matrix, bbox)
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        size = x1 - x0 if vertical else y1 - y0
        height, x_shift, y_shift = self._height, self._x_shift, self._y_shift
        name = font.fontname
        self.chars.append(
            Char(
                text=text,
                x0=x0 + x_shift,
                x1=x1 + x_shift,
                top=height - y1 + y_shift,
                bottom=height - y0 + y_shift,
                baseline=height - f + y_shift,
                size=float(size) or 10.0,
                fontname=name.decode("latin-1") if isinstance(name, bytes) else str(name),
                upright=bool(a * d * scaling > 0 and b * c <= 0),
                invisible=self._invisible,
            )
        )
        return advance

    def paint_path(self, gstate: Any, stroke: bool, fill: bool, evenodd: bool, path: Any) -> None:
        if self._painting:  # pdfminer recurses into subpaths: already counted
            super().paint_path(gstate, stroke, fill, evenodd, path)
            return
        self._operation()
        self.segments += len(path)
        self._over(self.segments, self.settings.max_page_segments, "path segments")
        self._painting = True
        try:
            super().paint_path(gstate, stroke, fill, evenodd, path)
        finally:
            self._painting = False

    def render_image(self, *args: Any, **kwargs: Any) -> None:
        self._operation()
        super().render_image(*args, **kwargs)

    def begin_figure(self, *args: Any, **kwargs: Any) -> None:
        self._operation()
        super().begin_figure(*args, **kwargs)


#: What interpreting a content stream costs at least, in content bytes: setting up a form's
#: resources and state takes as long as ~1 KB of operators (a 3 KB file of nested forms
#: drawing each other ten times over would otherwise run for minutes).
_MIN_STREAM_CHARGE = 1024


class _BudgetedInterpreter(PDFPageInterpreter):
    """Charges each content stream's decoded size to the page before interpreting it, so
    operators that draw nothing (``q Q`` a million times, a form drawn over and over) are
    bounded too. Sub-interpreters for forms are made with ``self.__class__``."""

    device: _BudgetedAggregator

    def execute(self, streams: Sequence[object]) -> None:
        """pdfminer's ``execute``, reading the operators with ``content_stream`` when it can
        (three times faster than pdfminer's parser) and with pdfminer's parser otherwise."""
        size = sum(len(stream_value(s).get_data()) for s in streams)
        self.device.charge_content(max(size, _MIN_STREAM_CHARGE))
        objects = self._objects(streams)
        if objects is None:
            super().execute(streams)
            return
        operators = _OPERATORS.setdefault(self.__class__, {})
        for obj in objects:
            if obj.__class__ is not PSKeyword:
                self.argstack.append(obj)
                continue
            operator = operators.get(obj)
            if operator is None:
                operator = operators[obj] = _operator(self.__class__, obj)
            if operator is _UNKNOWN_OPERATOR:
                continue  # pdfminer leaves its operands on the stack
            method, nargs = operator
            if not nargs:
                method(self)
            elif len(self.argstack) >= nargs:
                method(self, *self.pop(nargs))
            else:  # too few operands: pdfminer drops them and the operator
                self.pop(nargs)

    def _objects(self, streams: Sequence[object]) -> list[Any] | None:
        """The operands and operators of ``streams`` read by ``content_stream``, or ``None``
        to leave them to pdfminer: content it declines, or a stream pdfminer would skip with
        a warning (an inline one, or one already being run further up: a form drawing
        itself)."""
        self.stream_ids.clear()
        data = []
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None or stream.objid in self.parent_stream_ids:
                return None
            data.append(stream.get_data())
            self.stream_ids.add(stream.objid)
        return streams_to_objects(data)


#: What an operator's keyword calls, per interpreter class: the ``do_`` method and its
#: operand count (pdfminer looks both up by name for every operator it runs).
_OPERATORS: dict[type, dict[PSKeyword, Any]] = {}
_UNKNOWN_OPERATOR = object()


def _operator(interpreter: type, keyword: PSKeyword) -> Any:
    name = keyword_name(keyword)
    method = getattr(
        interpreter, "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q"), None
    )
    if method is None:
        return _UNKNOWN_OPERATOR
    return method, method.__code__.co_argcount - 1


def _interpret(page: pdfplumber.page.Page, settings: Settings) -> tuple[list[Char], LTPage]:
    """The page's glyphs, and its other layout objects (pdfplumber's ``page.layout`` less
    the glyphs), within the page budgets."""
    device = _BudgetedAggregator(page, settings)
    _BudgetedInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    return device.chars, device.get_result()


def _page_objects(
    page: pdfplumber.page.Page, settings: Settings = DEFAULT_SETTINGS
) -> tuple[
    list[Char], list[dict[str, Any]], list[dict[str, Any]], list[tuple[float, float, float, float]]
]:
    """Chars, line and rect dicts, and image boxes of a page, in pdfplumber's coordinates.

    Reads pdfminer's layout objects directly: pdfplumber's generic ``process_object`` turns
    every attribute of every object into a dict (a third of the load time on long reports);
    this keeps pdfplumber's coordinate rules (``Page.process_object``) for the few fields used.
    Glyphs are made as ``Char`` while the page is drawn (``_BudgetedAggregator.render_char``).
    """
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    lines: list[dict[str, Any]] = []
    rects: list[dict[str, Any]] = []
    images: list[tuple[float, float, float, float]] = []
    chars, layout = _interpret(page, settings)
    for obj in _layout_objects(layout):
        x0, x1 = obj.x0 + mb_x0, obj.x1 + mb_x0
        top, bottom = height - obj.y1 + mb_top, height - obj.y0 + mb_top
        if isinstance(obj, LTImage):
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


def page_to_content(
    page: pdfplumber.page.Page, settings: Settings = DEFAULT_SETTINGS
) -> PageContent:
    """Copy one pdfplumber page into a ``PageContent``, fake-bold duplicates removed."""
    chars, lines, rects, images = _page_objects(page, settings)
    rules = tuple(rules_from_shapes(lines, rects, settings))
    return PageContent(
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        chars=tuple(dedupe_chars(chars)),
        rules=rules,
        images=tuple(images),
    )


def _page_count(pdf: pdfplumber.PDF, path: Path, settings: Settings) -> int:
    """Pages in the document, from the page tree and without building a page: the root's
    ``/Count`` first (a hostile file claims 100,000 pages in 1 MB), then a walk of the tree
    that stops one page past the limit (``/Count`` may lie)."""
    try:
        root = resolve1(pdf.doc.catalog.get("Pages"))
        claimed = resolve1(root.get("Count")) if isinstance(root, dict) else None
    except Exception:
        root = claimed = None
    if isinstance(claimed, int) and claimed > settings.max_pages:
        raise TooLargeError(
            f"{claimed} pages, over the limit of {settings.max_pages}", path=str(path)
        )
    if not (isinstance(root, dict) and "Kids" in root):
        _check_page_search(pdf, path)
    try:
        walked = itertools.islice(_pages(pdf), settings.max_pages + 1)
        count = sum(1 for _ in walked)
    except Exception as exc:
        error = _typed(path, exc)
        if isinstance(error, DamagedPDFError):
            error = DamagedPDFError(f"cannot read the page tree: {exc}", path=str(path))
        raise error from exc
    if count == 0:
        raise DamagedPDFError("the PDF has no pages", path=str(path))
    if count > settings.max_pages:
        raise TooLargeError(f"more than {settings.max_pages} pages, over the limit", path=str(path))
    return count


#: Objects pdfminer may parse one by one looking for pages when the page tree is missing
#: (about 50 µs each): a 300-byte file can claim 10⁸ of them in its cross-reference stream.
_MAX_PAGE_SEARCH_OBJECTS = 100_000


def _check_page_search(pdf: pdfplumber.PDF, path: Path) -> None:
    """Without a page tree pdfminer looks at every object the cross-references list; refuse
    when they claim more than could be searched in seconds."""
    claimed = 0
    for xref in pdf.doc.xrefs:
        ranges = getattr(xref, "ranges", None)  # a cross-reference stream: (start, count)s
        claimed += sum(n for _, n in ranges) if ranges else len(getattr(xref, "offsets", ()))
    if claimed > _MAX_PAGE_SEARCH_OBJECTS:
        raise DamagedPDFError(
            f"no page tree, and the cross-references list {claimed} objects to search for "
            f"pages (over {_MAX_PAGE_SEARCH_OBJECTS})",
            path=str(path),
        )


def _pages(pdf: pdfplumber.PDF) -> Iterator[pdfplumber.page.Page]:
    """pdfplumber's pages, built one at a time (``pdf.pages`` builds them all at once)."""
    for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        yield pdfplumber.page.Page(pdf, page_obj, page_number=number)


def _read_page(page: pdfplumber.page.Page, path: Path, settings: Settings) -> PageContent:
    """One page's content; a page over a budget comes back empty with ``too_complex`` set."""
    try:
        return page_to_content(page, settings)
    except PageTooComplex as exc:
        return PageContent(
            number=page.page_number,
            width=float(page.width),
            height=float(page.height),
            chars=(),
            rules=(),
            too_complex=str(exc),
        )
    except Exception as exc:
        error = _typed(path, exc)
        if isinstance(error, DamagedPDFError):
            error = DamagedPDFError(f"cannot read page {page.page_number}: {exc}", path=str(path))
        raise error from exc
    finally:
        page.close()


def _next_page(pages: Iterator[pdfplumber.page.Page], path: Path) -> pdfplumber.page.Page | None:
    try:
        return next(pages, None)
    except Exception as exc:
        raise _typed(path, exc) from exc


def pdf_to_pages(path: str | Path, settings: Settings = DEFAULT_SETTINGS) -> Iterator[PageContent]:
    """Yield each page's content in order, releasing pdfplumber's caches page by page.

    A page over a ``Settings.max_page_*`` budget comes back empty with ``too_complex``
    set; if every page is, the document fails as ``too_large``.
    """
    path = Path(path)
    check_input(path, settings)
    pdf = _open(path, settings)
    try:
        _page_count(pdf, path, settings)
        read: list[PageContent] = []  # pages kept only while all of them are over a budget
        all_over, pages = True, _pages(pdf)
        while (page := _next_page(pages, path)) is not None:
            content = _read_page(page, path, settings)
            all_over = all_over and bool(content.too_complex)
            if all_over:
                read.append(content)
            yield content
        check_some_page_read(read if all_over else [], path)
    finally:
        _close(pdf)


class PageReader:
    """Chosen pages of one document, read in increasing page order: the pages in between
    are passed over without being interpreted. The PDFium loader's fallback."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path, self.settings = path, settings
        self._pdf = _open(path, settings)
        self._pages = _pages(self._pdf)

    def read(self, number: int) -> PageContent:
        while (page := _next_page(self._pages, self.path)) is not None:
            if page.page_number == number:
                return _read_page(page, self.path, self.settings)
            page.close()
        raise DamagedPDFError(f"cannot read page {number}", path=str(self.path))

    def close(self) -> None:
        _close(self._pdf)


def pdf_to_page_count(path: Path, settings: Settings = DEFAULT_SETTINGS) -> int:
    """Pages in the document, from its page tree, without reading any page's content."""
    pdf = _open(path, settings)
    try:
        return _page_count(pdf, path, settings)
    finally:
        _close(pdf)
