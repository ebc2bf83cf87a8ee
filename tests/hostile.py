"""Small hostile inputs: files that cost the machine far more than their size.

Each ``make_*`` writes one file into a caller-given folder and returns its path; ``HOSTILE``
lists them with the outcome the tool must reach (a typed error code, or a report/warning).
The PDFs are written byte by byte here (objects, cross-reference tables and streams), so a
bomb can sit exactly where it hurts: in a page's content stream, behind three Flate filters,
in an object stream or in the cross-reference stream itself.

Sizes follow issue 11: a Flate bomb is ~1 MB that inflates to 1 GB (one level) or a few
hundred bytes that inflate to 1 GB through three levels; a page of 10⁶ text-showing
operators; a page of 20,000 line segments; 100,000 pages in under 1 MB. Two more cost CPU
from a few KB: forms that draw each other ten times over, nine deep, and a file without a
page tree whose cross-reference stream lists 10⁸ objects to search for pages.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

#: A page's text in content-stream operators.
HELLO_OPERATORS = b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET"
#: Bytes a one-level bomb inflates to (1 GiB of zeros deflates to ~1 MB).
BOMB_BYTES = 1 << 30


@cache
def _deflated_zeros() -> bytes:
    """1 GiB of zeros, deflated once per session (~3 s), shared by every bomb."""
    compressor = zlib.compressobj(9)
    chunk = bytes(1 << 24)
    parts = [compressor.compress(chunk) for _ in range(BOMB_BYTES // len(chunk))]
    return b"".join([*parts, compressor.flush()])


def stream_object(attrs: bytes, data: bytes) -> bytes:
    return b"<<" + attrs + b" /Length %d>>\nstream\n" % len(data) + data + b"\nendstream"


def _pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of ``objects`` (numbered from 1) with a classic cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    size = len(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d /Root %d 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, start)
    return bytes(out)


def pages_pdf(contents: list[bytes], filters: bytes = b"/FlateDecode") -> bytes:
    """A4 pages, one per content stream in ``contents`` (already encoded for ``filters``),
    with Helvetica as /F1."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [" + kids + b"] /Count %d>>" % n,
        b"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
    ]
    for i, content in enumerate(contents):
        objects.append(
            b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources <</Font <</F1 3 0 R>>>>>>" % (5 + 2 * i)
        )
        objects.append(stream_object(b"/Filter " + filters if filters else b"", content))
    return _pdf(objects)


def _page_pdf(content: bytes, filters: bytes = b"/FlateDecode") -> bytes:
    return pages_pdf([content], filters)


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


# --- decompression bombs ----------------------------------------------------------------------


def make_content_bomb(folder: Path, name: str = "content_bomb.pdf") -> Path:
    """A page whose content stream is 1 MB of Flate that inflates to 1 GiB."""
    return _write(folder, name, _page_pdf(_deflated_zeros()))


def make_nested_bomb(folder: Path, name: str = "nested_bomb.pdf") -> Path:
    """A content stream behind three Flate filters: a few hundred bytes, 1 GiB inflated."""
    data = zlib.compress(zlib.compress(_deflated_zeros(), 9), 9)
    filters = b"[/FlateDecode /FlateDecode /FlateDecode]"
    return _write(folder, name, _page_pdf(data, filters))


def xref_stream_pdf(objects: list[bytes], compressed: dict[int, tuple[int, int]]) -> bytes:
    """A PDF whose cross-reference is a stream; ``compressed`` maps an object number to
    (object stream number, index) for objects stored inside object streams."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number, body in enumerate(objects, start=1):
        if number in compressed or not body:
            continue
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_number = len(objects) + 1
    offsets[xref_number] = len(out)
    rows = [b"\x00\x00\x00\x00\x00\xff\xff"]
    for number in range(1, xref_number + 1):
        if number in compressed:
            stream, index = compressed[number]
            rows.append(b"\x02" + stream.to_bytes(4, "big") + index.to_bytes(2, "big"))
        elif number in offsets:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
        else:
            rows.append(b"\x00\x00\x00\x00\x00\xff\xff")
    data = zlib.compress(b"".join(rows), 9)
    attrs = b"/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode" % (xref_number + 1)
    out += b"%d 0 obj\n" % xref_number + stream_object(attrs, data) + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def make_object_stream_bomb(folder: Path, name: str = "objstm_bomb.pdf") -> Path:
    """The catalog sits in an object stream that inflates to 1 GiB (zeros after its offsets)."""
    objects = [
        b"",  # 1: the catalog, inside object stream 3
        b"<</Type /Pages /Kids [] /Count 0>>",
        stream_object(b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", _deflated_zeros()),
    ]
    return _write(folder, name, xref_stream_pdf(objects, {1: (3, 0)}))


def make_xref_stream_bomb(folder: Path, name: str = "xref_bomb.pdf") -> Path:
    """A cross-reference stream that inflates to 1 GiB."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    start = len(out)
    attrs = b"/Type /XRef /Size 2 /W [1 4 1] /Root 1 0 R /Filter /FlateDecode"
    out += b"1 0 obj\n" + stream_object(attrs, _deflated_zeros()) + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return _write(folder, name, bytes(out))


# --- CPU from small files ---------------------------------------------------------------------


def make_many_text_operators(folder: Path, name: str = "text_ops.pdf", count: int = 10**6) -> Path:
    """One page of ``count`` text-showing operators (~28 KB deflated)."""
    content = b"BT /F1 1 Tf 10 10 Td " + b"(a) Tj " * count + b"ET"
    return _write(folder, name, _page_pdf(zlib.compress(content, 9)))


def segments_content(count: int = 20_000) -> bytes:
    """A content stream of ``count`` stroked lines, half horizontal, half vertical, each
    across the whole page: every horizontal crosses every vertical, the worst case for table
    finding (a random scatter of short segments is the easy case)."""
    ops = []
    for i in range(count):
        if i % 2:
            y = 20 + 780 * i / count
            ops.append(b"20 %.2f m 560 %.2f l S" % (y, y))
        else:
            x = 20 + 540 * i / count
            ops.append(b"%.2f 20 m %.2f 800 l S" % (x, x))
    return b"0.5 w\n" + b"\n".join(ops)


def make_many_segments(folder: Path, name: str = "segments.pdf", count: int = 20_000) -> Path:
    """One page of ``count`` full-width and full-height lines (~100 KB deflated)."""
    return _write(folder, name, _page_pdf(zlib.compress(segments_content(count), 9)))


def make_nested_forms(folder: Path, name: str = "nested_forms.pdf", depth: int = 9) -> Path:
    """A "billion laughs" of Form XObjects: each form draws the one below it ten times and
    the last one shows a glyph, 10⁹ glyphs from under 2 KB."""
    font = 3
    first_form = 5
    objects = [
        b"<</Type /Catalog /Pages 2 0 R>>",
        b"<</Type /Pages /Kids [4 0 R] /Count 1>>",
        b"<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
        b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
        b"/Resources <</XObject <</X %d 0 R>>>>>>" % (first_form + depth + 1, first_form),
    ]
    for level in range(depth + 1):
        number = first_form + level
        if level == depth:
            content, resources = HELLO_OPERATORS, b"/Font <</F1 %d 0 R>>" % font
        else:
            content, resources = b"q /X Do Q " * 10, b"/XObject <</X %d 0 R>>" % (number + 1)
        attrs = b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources <<" + resources
        objects.append(stream_object(attrs + b">>", content))
    objects.append(stream_object(b"", b"/X Do"))
    return _write(folder, name, _pdf(objects))


def make_many_pages(folder: Path, name: str = "many_pages.pdf", count: int = 100_000) -> Path:
    """``count`` pages in well under 1 MB: page objects packed in compressed object streams."""
    per_stream = 10_000
    first_page = 3
    n_streams = -(-count // per_stream)
    first_stream = first_page + count
    objects: list[bytes] = [b"", b""]
    compressed: dict[int, tuple[int, int]] = {}
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(count))
    objects[0] = b"<</Type /Catalog /Pages 2 0 R>>"
    objects[1] = b"<</Type /Pages /Kids [" + kids + b"] /Count %d /MediaBox [0 0 595 842]>>" % count
    objects += [b""] * count
    for s in range(n_streams):
        numbers = range(first_page + s * per_stream, first_page + min(count, (s + 1) * per_stream))
        bodies = [b"<</Type /Page /Parent 2 0 R>>" for _ in numbers]
        header, offset = [], 0
        for number, body in zip(numbers, bodies, strict=True):
            header.append(b"%d %d" % (number, offset))
            offset += len(body) + 1
        head = b" ".join(header) + b"\n"
        data = head + b" ".join(bodies)
        attrs = b"/Type /ObjStm /N %d /First %d /Filter /FlateDecode" % (len(bodies), len(head))
        objects.append(stream_object(attrs, zlib.compress(data, 9)))
        for index, number in enumerate(numbers):
            compressed[number] = (first_stream + s, index)
    # The Kids array alone is ~1 MB as text: compress the Pages node into an object stream.
    pages_data = b"2 0\n" + objects[1]
    objects[1] = b""
    attrs = b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode"
    objects.append(stream_object(attrs, zlib.compress(pages_data, 9)))
    compressed[2] = (len(objects), 0)
    return _write(folder, name, xref_stream_pdf(objects, compressed))


def make_page_search_bomb(folder: Path, name: str = "no_page_tree.pdf") -> Path:
    """No page tree, and a cross-reference stream claiming 10⁸ objects in ~200 bytes: without
    /Pages pdfminer parses every listed object looking for pages (~50 µs each)."""
    out = bytearray(b"%PDF-1.7\n")
    catalog = len(out)
    out += b"1 0 obj\n<</Type /Catalog>>\nendobj\n"
    xref = len(out)
    rows = b"\x00\x00\x00\x00\x00\xff\xff" + b"".join(
        b"\x01" + offset.to_bytes(4, "big") + b"\x00\x00" for offset in (catalog, xref)
    )
    attrs = b"/Type /XRef /Size 100000000 /Index [0 100000000] /W [1 4 2] /Root 1 0 R"
    out += b"2 0 obj\n" + stream_object(attrs + b" /Filter /FlateDecode", zlib.compress(rows))
    out += b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref
    return _write(folder, name, bytes(out))


# --- files that are not files -----------------------------------------------------------------


def make_fifo(folder: Path, name: str = "fifo.pdf") -> Path:
    """A named pipe: reading it blocks until someone writes."""
    path = folder / name
    os.mkfifo(path)
    return path


def make_dev_zero_link(folder: Path, name: str = "zero.pdf") -> Path:
    """A symlink to /dev/zero: endless bytes to whoever reads (or hashes) it."""
    path = folder / name
    path.symlink_to("/dev/zero")
    return path


def make_folder_named_pdf(folder: Path, name: str = "folder.pdf") -> Path:
    path = folder / name
    path.mkdir()
    return path


def make_hostile_name(folder: Path, name: str = "evil\nname\x1b[31m\x07.pdf") -> Path:
    """A file whose name holds a newline, an escape sequence and a bell (and is no PDF)."""
    return _write(folder, name, b"not a pdf at all\n")


#: Every hostile class and the outcome code it must end in, quickly and in bounded memory.
HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "content_bomb": (make_content_bomb, "too_large"),
    "nested_bomb": (make_nested_bomb, "too_large"),
    "objstm_bomb": (make_object_stream_bomb, "too_large"),
    "xref_bomb": (make_xref_stream_bomb, "too_large"),
    "text_ops": (make_many_text_operators, "too_large"),
    "nested_forms": (make_nested_forms, "too_large"),
    "segments": (make_many_segments, "no_text_layer"),
    "many_pages": (make_many_pages, "too_large"),
    "no_page_tree": (make_page_search_bomb, "damaged"),
    "fifo": (make_fifo, "not_a_pdf"),
    "dev_zero": (make_dev_zero_link, "not_a_pdf"),
    "folder": (make_folder_named_pdf, "not_a_pdf"),
    "hostile_name": (make_hostile_name, "not_a_pdf"),
}
