"""Page content streams read into pdfminer's objects in one pass (issue 12: the load ceiling).

pdfminer interprets a page by pulling one token at a time from ``PDFContentParser``, a
character-level state machine written in Python: about half of the time of loading a page.
``streams_to_objects`` reads the same bytes with one regular expression per token and builds
the same objects pdfminer's parser would hand the interpreter, in the same order: numbers,
``True``/``False``, strings as bytes, names as interned ``PSLiteral``, operators as interned
``PSKeyword``, arrays as lists, dictionaries as dicts.

It reads only what it can read exactly as pdfminer does and returns ``None`` for anything else
(an inline image, a ``#`` escape in a name, an unbalanced bracket, a string running into the
next stream, an octal escape over 255): the caller then gives the page to pdfminer's own
parser. ``stream_to_tokens`` gives the tokens alone, for pdfminer's other PostScript readers
(the ToUnicode CMaps of fonts, parsed once per font and document).
``tests/test_content_stream.py`` checks the two readers token for token on every PDF the
tests have and on random content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

from pdfminer.psparser import (
    KEYWORD_ARRAY_BEGIN,
    KEYWORD_ARRAY_END,
    KEYWORD_DICT_BEGIN,
    KEYWORD_DICT_END,
    KEYWORD_PROC_BEGIN,
    KEYWORD_PROC_END,
    KWD,
    LIT,
    PSKeywordTable,
    PSLiteral,
    literal_name,
)

# pdfminer's lexical classes (psparser): whitespace is ``\s`` of a bytes pattern
# (space, \t \n \v \f \r); NUL between tokens is skipped; a name or an operator ends at a
# delimiter, whitespace or ``#``; a number is digits with one optional point.
_TOKEN = re.compile(
    rb"""
    (?:[\s\x00]+|%[^\r\n]*)*+
    (?:
      (?P<number>(?:[+-][0-9]*|[0-9]+)(?:\.[0-9]*)?|\.[0-9]*)
    | (?P<word>[A-Za-z][^#/%\[\]()<>{}\s]*)
    | (?P<dict_begin><<)
    | <(?P<hex>[0-9A-Fa-f\s]*)(?=[^0-9A-Fa-f\s])
    | /(?P<name>[^#/%\[\]()<>{}\s]*)(?P<name_hash>\#)?
    | \((?P<plain_string>[^()\\]*)\)
    | (?P<string>\()
    | (?P<close>>>?)
    | (?P<other>[^<])
    | (?P<end>\Z)
    )
    """,
    re.VERBOSE,
)
_HEX_PAIR = re.compile(rb"[0-9a-fA-F]{2}|.")
_SPACE = re.compile(rb"\s")
_STRING_PART = re.compile(rb"[()\\]")
_OCTAL = re.compile(rb"[0-7]{1,3}")
_ESCAPES = {ord(k): v for k, v in zip("btnfr()\\", b"\b\t\n\f\r()\\", strict=True)}
_CR = ord("\r")
#: pdfminer reads a stream in pieces of this size (``PSBaseParser.BUFSIZ``).
_PDFMINER_BUFFER = 4096

_KEYWORD_INLINE_IMAGE = KWD(b"BI")
_KEYWORD_IMAGE_DATA = KWD(b"ID")
#: Single bytes that open or close a container, by what pdfminer makes of them.
_OPEN = {KEYWORD_ARRAY_BEGIN: "a", KEYWORD_PROC_BEGIN: "p"}
_CLOSE = {KEYWORD_ARRAY_END: "a", KEYWORD_PROC_END: "p"}


class _Declined(Exception):
    """Content this reader does not read exactly as pdfminer does."""


def _hex_string(digits: bytes) -> bytes:
    # pdfminer's own rule, an odd last digit included (it becomes the byte of its value).
    return _HEX_PAIR.sub(lambda m: bytes((int(m.group(0), 16),)), _SPACE.sub(b"", digits))


def _string(data: bytes, start: int) -> tuple[bytes, int]:
    """The literal string opening at ``data[start]`` (nested parentheses, escapes) and the
    position after it, as pdfminer's ``_parse_string`` reads it."""
    out = bytearray()
    depth = 1
    i = start + 1
    while True:
        m = _STRING_PART.search(data, i)
        if m is None:
            raise _Declined("a string runs to the end of the stream")
        j = m.start()
        out += data[i:j]
        c = data[j]
        if c == 0x5C:  # backslash
            i = j + 1
            if i >= len(data):
                raise _Declined("a string ends in an escape")
            octal = _OCTAL.match(data, i)
            if octal is not None:
                if octal.end() >= len(data):
                    raise _Declined("an octal escape at the end of the stream")
                code = int(octal.group(), 8)
                if code > 255:
                    raise _Declined("an octal escape over 255")
                out.append(code)
                i = octal.end()
                continue
            c = data[i]
            if c in _ESCAPES:
                out.append(_ESCAPES[c])
            elif c == _CR and data[i + 1 : i + 2] == b"\n":
                if (i + 1) % _PDFMINER_BUFFER == 0:
                    # pdfminer looks for the LF in its 4 KB read buffer only
                    raise _Declined("an escaped CR LF across pdfminer's buffer edge")
                i += 1
            i += 1  # any other escaped byte is dropped, as pdfminer does
        elif c == 0x28:  # (
            depth += 1
            out.append(c)
            i = j + 1
        else:  # )
            depth -= 1
            i = j + 1
            if depth == 0:
                return bytes(out), i
            out.append(c)


def _name(text: bytes) -> PSLiteral:
    try:
        return LIT(str(text, "utf-8"))
    except UnicodeDecodeError:
        return LIT(text)


def _tokens(data: bytes) -> list[Any]:
    """The tokens of one stream, as pdfminer's ``PSBaseParser.nexttoken`` gives them."""
    tokens: list[Any] = []
    append = tokens.append
    match = _TOKEN.match
    keywords = PSKeywordTable.dict
    i = 0
    while True:
        m = match(data, i)
        if m is None:  # "<" then hex digits to the end of the stream
            raise _Declined("a hex string runs to the end of the stream")
        kind = m.lastgroup
        i = m.end()
        if kind == "number":
            text = m.group(kind)
            with suppress(ValueError):  # a lone sign or point: pdfminer makes no token of it
                append(float(text) if b"." in text else int(text))
        elif kind == "word":
            word = m.group(kind)
            keyword = keywords.get(word)
            if keyword is None:
                keyword = True if word == b"true" else False if word == b"false" else KWD(word)
            append(keyword)
        elif kind == "hex":
            append(_hex_string(m.group(kind)))
        elif kind == "name":
            append(_name(m.group(kind)))
        elif kind == "plain_string":
            append(m.group(kind))
        elif kind == "string":
            string, i = _string(data, m.start(kind))
            append(string)
        elif kind == "dict_begin":
            append(KEYWORD_DICT_BEGIN)
        elif kind == "close":
            if m.group(kind) == b">>":
                append(KEYWORD_DICT_END)
        elif kind == "other":
            append(KWD(m.group(kind)))
        elif kind == "end":
            return tokens
        else:  # a name with a # escape
            raise _Declined("a name with a # escape")
        if i == len(data) and m.group(kind) in (b"", b">") and kind in ("close", "name"):
            # a bare "/" or ">" at the end: pdfminer would carry it into the next stream
            raise _Declined("a name or a closing angle bracket cut by the end of the stream")


def _objects(tokens: list[Any]) -> list[Any]:
    """Arrays and dictionaries assembled from ``tokens``: ``PSStackParser.nextobject``'s
    results, in order."""
    out: list[Any] = []
    stack: list[tuple[str, list[Any]]] = []
    current = out
    for token in tokens:
        if token.__class__ is not KEYWORD_DICT_END.__class__:  # not a PSKeyword
            current.append(token)
        elif token in _OPEN or token is KEYWORD_DICT_BEGIN:
            stack.append((_OPEN.get(token, "d"), current))
            current = []
        elif token in _CLOSE or token is KEYWORD_DICT_END:
            kind = _CLOSE.get(token, "d")
            if not stack or stack[-1][0] != kind:
                raise _Declined("an unbalanced bracket")
            items = current
            current = stack.pop()[1]
            if kind == "d":
                if len(items) % 2:
                    raise _Declined("a dictionary with an odd number of items")
                pairs = zip(items[::2], items[1::2], strict=True)
                current.append({literal_name(k): v for k, v in pairs if v is not None})
            else:
                current.append(items)
        elif token is _KEYWORD_INLINE_IMAGE or token is _KEYWORD_IMAGE_DATA:
            raise _Declined("an inline image")
        else:
            current.append(token)
    if stack:
        raise _Declined("a bracket left open at the end")
    return out


def stream_to_tokens(data: bytes) -> list[Any] | None:
    """The tokens pdfminer's ``PSBaseParser.nexttoken`` would give for one whole stream (a
    ToUnicode CMap, say), or ``None`` where this reader cannot promise the same."""
    try:
        return _tokens(data)
    except _Declined:
        return None


def streams_to_objects(streams: Sequence[bytes]) -> list[Any] | None:
    """What pdfminer's content parser would return for these decoded streams, one after the
    other, or ``None`` where this reader cannot promise the same."""
    try:
        tokens: list[Any] = []
        for data in streams:
            tokens += _tokens(data)
        return _objects(tokens)
    except _Declined:
        return None
