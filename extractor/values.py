"""One printed indicator-table cell → a typed quantity (number with unit, missing, or text).

The rule is "never a silently wrong number": a cell is a number only when the whole cell
parses cleanly as sign + digits + optional unit word. A cell that starts like a number but
does not parse (``1,23,4人``, ``3.8.1%``, ``12 34``) is kept as text *with* a warning, so
a reader can see what was printed instead of getting a plausible but wrong figure. So is a
figure with letters where digits belong (``5O人``, ``6S人``, ``l00%``: what OCR makes of a
scanned table), which would otherwise read as 5 ``O人``, 6 ``S人`` or as plain text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import jaconv

from extractor.grammar import ValueWords, default_grammar
from extractor.model import ValueKind
from extractor.normalise import is_japanese

_NUMBER = re.compile(
    r"""^(?P<sign>[^\w\s.,])?\s*
        (?P<digits>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)
        (?P<fraction>\.[0-9]+)?
        \s*(?P<unit>[^\d\s.,]*)$""",
    re.VERBOSE,
)
#: A ratio or a pair of figures (3/5, 35人/40人): text, as printed, and no warning.
_RATIO = re.compile(r"^[^/]*\d[^/]*/[^/]*\d[^/]*$")
#: A short note in brackets at the end of a cell: 35人(暫定).
_ANNOTATION = re.compile(r"\s*[(（](?P<note>[^()（）\d]+)[)）]\s*$")
#: Letters that character recognition (a scanned report's OCR layer) reads in place of
#: digits: 0 as O or o, 1 as l, I or |.
_DIGIT_LOOKALIKES = str.maketrans("OoIl|", "00111")


@dataclass(frozen=True)
class Quantity:
    """The typed reading of one cell; ``warning`` is set when the cell looked numeric but
    was kept as text."""

    kind: ValueKind
    value: int | float | None
    unit: str | None
    warning: str | None = None


MISSING = Quantity("missing", None, None)
TEXT = Quantity("text", None, None)


def _canonical(text: str) -> str:
    """Half-width digits/ASCII, no surrounding space: the form the grammar is written for."""
    text = jaconv.z2h(text, kana=False, ascii=True, digit=True)
    text = text.replace("％", "%").replace("\u3000", " ")
    return text.strip()


def _mixes_scripts(part: str) -> bool:
    """Latin letters and Japanese in one unit word (``S人``, ``O件``): no unit is written so,
    it is a misread digit (OCR's S for 5, O for 0) before a counter."""
    return any(ch.isascii() and ch.isalpha() for ch in part) and any(map(is_japanese, part))


def _is_unit_word(unit: str, words: ValueWords) -> bool:
    """A counter or unit (人, か所, %, pt, ポイント, 回/年, kg/人): short, letters or symbols,
    each part in one script."""
    if len(unit) > words.max_unit_length:
        return False
    for i, ch in enumerate(unit):
        category = unicodedata.category(ch)
        inner = i > 0 and ch in "/・" and i < len(unit) - 1  # 回/年, 人・日
        if not (category.startswith("L") or ch in "%‰°²³" or category == "So" or inner):
            return False
    return not any(_mixes_scripts(part) for part in re.split("[/・]", unit))


def _looks_numeric(text: str, words: ValueWords) -> bool:
    """An optional sign, then a digit: what a cell that is meant as a number starts with."""
    if text[:1] in words.negative_signs or text[:1] in words.positive_signs:
        text = text[1:].lstrip()
    return text[:1].isdigit() or (text[:1] == "." and text[1:2].isdigit())


def _has_misread_digits(text: str, words: ValueWords) -> bool:
    """A figure with letters in place of some digits (``5O人``, ``l00%``, ``3I.5%``): it
    parses once they are read as digits. Needs a real digit too, so ``Iターン`` is text."""
    read = text.translate(_DIGIT_LOOKALIKES)
    return (
        read != text
        and any(ch.isdigit() for ch in text)
        and _looks_numeric(read, words)
        and _NUMBER.match(read) is not None
    )


def text_to_quantity(
    text: str, words: ValueWords | None = None, default_unit: str | None = None
) -> Quantity:
    """Read a printed value cell: ``▲3.8%`` → number -3.8 ``%``; ``－`` → missing.

    ``default_unit`` is the row's 単位 cell: it applies to a bare number. Approximations
    (約65人, 65人程度) and a short note in brackets (35人（暫定）) keep the figure printed;
    bounds (80%以上) and ratios (3/5) stay text.
    """
    words = words or default_grammar().values
    canonical = _canonical(text)
    if not canonical or all(ch in words.dashes for ch in canonical):
        return MISSING
    if _RATIO.match(canonical):
        return TEXT
    canonical = _ANNOTATION.sub(
        lambda m: "" if m["note"].strip() in words.annotations else m.group(), canonical
    )
    for prefix in words.approximate_prefixes:
        if canonical.startswith(prefix):
            canonical = canonical[len(prefix) :].lstrip()
            break
    for suffix in words.approximate_suffixes:
        if canonical.endswith(suffix):
            canonical = canonical[: -len(suffix)].rstrip()
            break
    if _has_misread_digits(canonical, words):
        return Quantity("text", None, None, f"a figure with letters for digits: {text!r}")
    if not _looks_numeric(canonical, words):
        return TEXT
    match = _NUMBER.match(canonical)
    if match is None:
        return Quantity("text", None, None, f"looks like a number but does not parse: {text!r}")
    sign = match["sign"]
    if sign is not None and sign not in words.negative_signs | words.positive_signs:
        return Quantity("text", None, None, f"looks like a number but does not parse: {text!r}")
    unit = match["unit"]
    if any(unit.endswith(bound) for bound in words.bounds):
        return TEXT  # 80%以上: a bound, not a figure; honest as text
    if unit and not _is_unit_word(unit, words):
        return Quantity("text", None, None, f"number followed by an unknown word: {text!r}")
    digits = match["digits"].replace(",", "")
    number: int | float = float(digits + match["fraction"]) if match["fraction"] else int(digits)
    if sign is not None and sign in words.negative_signs:
        number = -number
    return Quantity("number", number, unit or default_unit or None)
