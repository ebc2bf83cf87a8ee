"""How faithfully ``extractor text`` reads whole PDFs, against ``pdftotext -layout``.

Run: ``.venv/bin/python scripts/compare_text.py [dir_or_pdf ...]`` (default: ``samples/`` and
``../shared/realpdfs``). Needs poppler's ``pdftotext`` (``make sysdeps``).

Each PDF is read by ``pdftotext -layout`` (the reference: it keeps the page's whitespace,
so cells never run into each other) and by three readers: ``extractor`` (``extract_text``,
paragraphs one per line), plain pdfplumber (``page.extract_text()``) and PyMuPDF
(``page.get_text()``). Every text is normalised line by line with the product's
``normalise_text`` first, so full-width digits and spacing do not count as differences.

``whole``
    Share of the reader's numbers of 3 or more digits (a maximal run of digits and
    thousands commas, e.g. ``5,887,860``) that the reference prints too, as the same token,
    counted as multisets. Two cells glued (``5,887,8603``) or a number cut across lines
    make a token the reference does not have. (pdftotext itself sometimes glues two cells
    of a tight table, ``25`` and ``1%`` into ``251%``; a reader that keeps them apart is
    not penalised, since ``25`` has two digits.)
``found``
    Share of the reference's numbers of 3+ digits that the reader prints whole: a reader
    that leaves numbers out loses here, not in ``whole``.
``dup``
    1 + the reader's surplus characters over the reference's, per character (a multiset of
    non-space characters other than the cell separator ``|``), divided by the reference's
    count: text printed twice shows as ``dup`` > 1; text left out does not lower it.

A PDF the product refuses (``UndecodableTextError``, e.g. glyph-id garbage) is listed as
refused and left out of the totals, as are files where pdftotext finds no text.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import extractor  # noqa: E402
from extractor.errors import ExtractorError  # noqa: E402
from extractor.normalise import normalise_text  # noqa: E402

DEFAULT_INPUTS = (REPO / "samples", REPO.parent / "shared" / "realpdfs")
NUMBER = re.compile(r"\d[\d,]*\d|\d")
READERS = ("extractor", "pdfplumber", "pymupdf")


def _normalise(text: str) -> str:
    return "\n".join(normalise_text(line) for line in text.splitlines())


def reference_text(pdf: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=False,
    )
    return _normalise(result.stdout)


def extractor_text(pdf: Path) -> str:
    pages = extractor.extract_text(pdf)
    return _normalise("\n".join(p["text"] for page in pages for p in page["paragraphs"]))


def pdfplumber_text(pdf: Path) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return _normalise("\n".join(page.extract_text() or "" for page in doc.pages))


def pymupdf_text(pdf: Path) -> str:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        return _normalise("\n".join(page.get_text() for page in doc))


def numbers(text: str) -> Counter[str]:
    """Numbers of 3+ digits as printed (thousands commas kept, edge commas dropped)."""
    tokens = (m.group().strip(",") for m in NUMBER.finditer(text))
    return Counter(t for t in tokens if sum(ch.isdigit() for ch in t) >= 3)


def characters(text: str) -> Counter[str]:
    """Non-space characters; ``|`` is a cell separator (ours), not text."""
    return Counter(ch for ch in text if not ch.isspace() and ch != "|")


@dataclass(frozen=True)
class Score:
    #: 3+ digit numbers the reader prints, and how many of them the reference has.
    printed: int
    whole: int
    #: 3+ digit numbers the reference prints, and how many of them the reader has.
    numbers: int
    found: int
    chars: int
    surplus: int

    @property
    def whole_share(self) -> float:
        return self.whole / self.printed if self.printed else 1.0

    @property
    def found_share(self) -> float:
        return self.found / self.numbers if self.numbers else 1.0

    @property
    def dup_ratio(self) -> float:
        return 1 + self.surplus / self.chars if self.chars else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


def score(reference: str, text: str) -> Score:
    ref_numbers, got_numbers = numbers(reference), numbers(text)
    ref_chars, got_chars = characters(reference), characters(text)
    matched = sum(min(n, got_numbers[t]) for t, n in ref_numbers.items())
    return Score(
        printed=sum(got_numbers.values()),
        whole=matched,
        numbers=sum(ref_numbers.values()),
        found=matched,
        chars=sum(ref_chars.values()),
        surplus=sum(max(0, n - ref_chars[c]) for c, n in got_chars.items()),
    )


def pdfs(inputs: Sequence[Path]) -> Iterator[Path]:
    for item in inputs:
        if item.is_dir():
            yield from sorted(item.glob("*.pdf"))
        elif item.suffix.lower() == ".pdf":
            yield item


def main(argv: Sequence[str]) -> int:
    inputs = [Path(a) for a in argv] or [p for p in DEFAULT_INPUTS if p.exists()]
    readers = {"extractor": extractor_text, "pdfplumber": pdfplumber_text, "pymupdf": pymupdf_text}
    print(f"{'':<36} {'':>7}" + "".join(f" {r:>21}" for r in READERS))
    print(f"{'file':<36} {'numbers':>7}" + " whole  found    dup" * len(READERS))
    totals = dict.fromkeys(READERS, Score(0, 0, 0, 0, 0, 0))
    for pdf in pdfs(inputs):
        reference = reference_text(pdf)
        if not reference.strip():
            print(f"{pdf.stem[:36]:<36} no text from pdftotext: skipped")
            continue
        try:
            ours = readers["extractor"](pdf)
        except ExtractorError as exc:
            print(f"{pdf.stem[:36]:<36} refused by extractor ({exc.code}): not counted")
            continue
        scores = {"extractor": score(reference, ours)}
        for name in READERS[1:]:
            scores[name] = score(reference, readers[name](pdf))
        for name, s in scores.items():
            totals[name] += s
        print(_row(pdf.stem, scores))
    print(_row("TOTAL", totals))
    return 0


def _row(name: str, scores: dict[str, Score]) -> str:
    first = next(iter(scores.values()))
    cells = "".join(
        f" {s.whole_share:.3f}  {s.found_share:.3f} {s.dup_ratio:.3f}" for s in scores.values()
    )
    return f"{name[:36]:<36} {first.numbers:>7}{cells}"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
