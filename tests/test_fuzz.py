"""Fuzzing: mutated PDFs never make the tool crash or hang.

Every mutated input must end as a schema-valid report or an ``ExtractorError`` (the typed
errors the CLI reports in one line) — never another exception, never more than
``PER_EXAMPLE_SECONDS``. The seeds are ``samples/*.pdf`` (some of them re-saved with
uncompressed streams, so mutations reach content streams and ToUnicode maps instead of dying in
zlib) plus a small reportlab PDF with Japanese text.

Examples: 60 by default; set ``EXTRACTOR_FUZZ_EXAMPLES=2000`` for a long local run. With ``CI``
set, the run is derandomized (same inputs every time) and uses no example database.
"""

from __future__ import annotations

import io
import logging
import os
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extractor
from extractor.errors import ExtractorError
from extractor.validate import report_to_errors
from tests import broken_fixtures as bf
from tests.conftest import SAMPLES

IN_CI = bool(os.environ.get("CI"))
EXAMPLES = int(os.environ.get("EXTRACTOR_FUZZ_EXAMPLES", "60"))
#: A long run prints its outcome counts so far every this many inputs.
PROGRESS_EVERY = 250
#: A hang is an input that takes longer than this (a clean sample converts in under a second).
PER_EXAMPLE_SECONDS = float(os.environ.get("EXTRACTOR_FUZZ_SECONDS", "30"))

#: PDF syntax worth breaking on purpose: structure keywords, dictionary keys, text operators.
TOKENS = [
    b"obj", b"endobj", b"stream", b"endstream", b"xref", b"trailer", b"startxref", b"R",
    b"/Length", b"/Root", b"/Pages", b"/Kids", b"/Count", b"/Parent", b"/Type", b"/Page",
    b"/Font", b"/ToUnicode", b"/Encoding", b"/Filter", b"/FlateDecode", b"/MediaBox",
    b"/Resources", b"/Contents", b"/W", b"/DescendantFonts", b"/CIDSystemInfo",
    b"BT", b"ET", b"Tj", b"TJ", b"Tf", b"Td", b"Tm", b"cm", b"re", b"q", b"Q", b"Do",
    b"beginbfchar", b"endbfchar", b"beginbfrange", b"endbfrange", b"<<", b">>", b"[", b"]",
    b"(", b")", b"<", b">",
]  # fmt: skip
MUTATIONS = ["flip", "bytes", "delete", "insert", "truncate", "dup", "token", "num", "header"]
NUMBERS = [b"0", b"-1", b"1", b"999999999", b"2147483648", b"-0.0", b"1e308", b"3.4.5", b"NaN"]


class Hang(BaseException):
    """Raised by the per-example alarm. A BaseException, so ``except Exception`` in the code
    under test cannot swallow it and pass a hang off as a clean error."""


def _uncompressed(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(
            out,
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
        )
        return out.getvalue()


@cache
def seeds() -> tuple[bytes, ...]:
    """Good PDFs to mutate: small ones twice (as saved, and with plain-text streams)."""
    found = [bf.text_pdf_bytes(bf.REPORT_LINES, pages=2)]
    found += [p.read_bytes() for p in sorted(SAMPLES.glob("*.pdf"))]
    small = [d for d in found if len(d) < 300_000]
    return tuple(found + [_uncompressed(d) for d in small])


@st.composite
def mutated_pdfs(draw: st.DrawFn) -> bytes:
    pool = seeds()
    data = bytearray(pool[draw(st.integers(0, len(pool) - 1))])
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(MUTATIONS))
        # Past the 8-byte %PDF-1.x header: hypothesis favours small numbers, and a broken
        # header stops every input at the cheapest check (the "header" kind still does that).
        pos = draw(st.integers(min(8, len(data)), max(8, len(data) - 1)))
        if kind == "header":
            data[draw(st.integers(0, 7))] = draw(st.integers(0, 255))
        elif kind == "flip" and pos < len(data):
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif kind == "bytes":
            chunk = draw(st.binary(min_size=1, max_size=16))
            data[pos : pos + len(chunk)] = chunk
        elif kind == "delete":
            del data[pos : pos + draw(st.integers(1, 512))]
        elif kind == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "truncate":
            del data[pos:]
        elif kind == "dup":
            size = draw(st.integers(1, 2048))
            data[pos:pos] = data[pos : pos + size]
        elif kind == "token":
            _replace_nth(data, draw(st.sampled_from(TOKENS)), draw(st.integers(0, 50)),
                         draw(st.sampled_from([*TOKENS, b"", b" ", b"\x00"])))  # fmt: skip
        elif kind == "num":
            _replace_number(data, pos, draw(st.sampled_from(NUMBERS)))
    return bytes(data)


def _replace_nth(data: bytearray, token: bytes, n: int, new: bytes) -> None:
    """Replace the n-th occurrence (wrapping round) of ``token`` with ``new``."""
    starts = []
    start = data.find(token)
    while start != -1 and len(starts) <= n:
        starts.append(start)
        start = data.find(token, start + 1)
    if starts:
        at = starts[n % len(starts)]
        data[at : at + len(token)] = new


def _replace_number(data: bytearray, pos: int, new: bytes) -> None:
    """Replace the first run of digits at or after ``pos`` (a length, offset, count, size…)."""
    start = pos
    while start < len(data) and not chr(data[start]).isdigit():
        start += 1
    end = start
    while end < len(data) and chr(data[end]).isdigit():
        end += 1
    if start < end:
        data[start:end] = new


@pytest.fixture
def time_bound() -> Iterator[Callable[[], Any]]:
    """A context: the block raises ``Hang`` after PER_EXAMPLE_SECONDS (SIGALRM, main thread)."""
    import contextlib

    def on_alarm(signum: int, frame: Any) -> None:
        raise Hang(f"no outcome after {PER_EXAMPLE_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)

    @contextlib.contextmanager
    def bound() -> Iterator[None]:
        signal.setitimer(signal.ITIMER_REAL, PER_EXAMPLE_SECONDS)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    yield bound
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")
def test_mutated_pdfs_end_in_a_report_or_a_typed_error(
    tmp_path: Path, time_bound: Callable[[], Any]
) -> None:
    logging.getLogger("pdfminer").setLevel(logging.CRITICAL)
    path = tmp_path / "mutated.pdf"
    outcomes: Counter[str] = Counter()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,  # the alarm bounds each example; hypothesis' deadline would flake
        derandomize=IN_CI,
        database=None if IN_CI else settings.default.database,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(data=mutated_pdfs(), text_mode=st.booleans())
    def check(data: bytes, text_mode: bool) -> None:
        path.write_bytes(data)
        with time_bound():
            try:
                if text_mode:
                    pages = extractor.extract_text(path)
                    assert isinstance(pages, list)
                    outcome = "text"
                else:
                    document = extractor.convert(path).to_dict()
                    assert report_to_errors(document) == []
                    outcome = "report"
            except ExtractorError as error:
                outcome = error.code
        outcomes[outcome] += 1
        if EXAMPLES >= 1000 and sum(outcomes.values()) % PROGRESS_EVERY == 0:
            print(f"fuzz progress: {_summary(outcomes)}", file=sys.stderr, flush=True)

    check()
    total = sum(outcomes.values())
    print(f"\nfuzz: no crash, no hang: {_summary(outcomes)}", file=sys.stderr)
    assert total >= min(EXAMPLES, 10)


def _summary(outcomes: Counter[str]) -> str:
    counts = ", ".join(f"{code} {n}" for code, n in outcomes.most_common())
    return f"{sum(outcomes.values())} mutated inputs ({counts})"


def test_mutations_actually_change_the_input() -> None:
    """Guard against a strategy that silently stops mutating (the test would pass vacuously)."""
    changed = []

    @settings(max_examples=20, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
    @given(data=mutated_pdfs())
    def check(data: bytes) -> None:
        changed.append(data not in seeds())

    check()
    assert sum(changed) >= 15
