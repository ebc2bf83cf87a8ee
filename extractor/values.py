"""One printed indicator-table cell → a typed quantity (number with unit, missing, or text).

The rule is "never a silently wrong number": a cell is a number only when the whole cell
parses cleanly as sign + digits + optional unit word. A cell that starts like a number but
does not parse (``1,23,4人``, ``3.8.1%``, ``12 34``) is kept as text *with* a warning, so
a reader can see what was printed instead of getting a plausible but wrong figure.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import jaconv

from extractor.model import ValueKind

#: Printed alone, these mean "no figure" (hyphen, minus, dashes, box line, long vowel mark).
DASHES = frozenset("-－―—–‐‑−ーｰ─━")
#: Leading signs. ▲ and △ are the Japanese accounting marks for a negative number.
NEGATIVE_SIGNS = frozenset("▲△-−－‐")
POSITIVE_SIGNS = frozenset("+＋")
#: A number followed by one of these words is a bound or an estimate, not a figure: text.
QUALIFIERS = ("以上", "以下", "未満", "超", "程度", "前後", "増", "減", "強", "弱")
#: Longest unit word accepted (ポイント, 世帯, か所 … are all shorter).
MAX_UNIT_LENGTH = 6

_NUMBER = re.compile(
    r"""^(?P<sign>[▲△+\-−‐])?\s*
        (?P<digits>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)
        (?P<fraction>\.[0-9]+)?
        \s*(?P<unit>[^\d\s.,]*)$""",
    re.VERBOSE,
)
#: What a cell that "looks numeric" starts with: an optional sign, then a digit.
_LOOKS_NUMERIC = re.compile(r"^[▲△+\-−‐]?\s*[0-9.]")


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


def _is_unit_word(unit: str) -> bool:
    """A counter or unit (人, か所, %, pt, ポイント, 回/年): short, letters or symbols."""
    if len(unit) > MAX_UNIT_LENGTH:
        return False
    for i, ch in enumerate(unit):
        category = unicodedata.category(ch)
        inner = i > 0 and ch in "/・" and i < len(unit) - 1  # 回/年, 人・日
        if not (category.startswith("L") or ch in "%‰°²³" or category == "So" or inner):
            return False
    return True


def text_to_quantity(text: str) -> Quantity:
    """Read a printed value cell: ``▲3.8%`` → number -3.8 ``%``; ``－`` → missing."""
    canonical = _canonical(text)
    if not canonical or all(ch in DASHES for ch in canonical):
        return MISSING
    if not _LOOKS_NUMERIC.match(canonical):
        return TEXT
    match = _NUMBER.match(canonical)
    if match is None:
        return Quantity("text", None, None, f"looks like a number but does not parse: {text!r}")
    unit = match["unit"]
    if any(unit.endswith(q) for q in QUALIFIERS):
        return TEXT  # 80%以上: a bound, not a figure; honest as text
    if unit and not _is_unit_word(unit):
        return Quantity("text", None, None, f"number followed by an unknown word: {text!r}")
    digits = match["digits"].replace(",", "")
    number: int | float = float(digits + match["fraction"]) if match["fraction"] else int(digits)
    sign = match["sign"]
    if sign is not None and sign in NEGATIVE_SIGNS:
        number = -number
    return Quantity("number", number, unit or None)
