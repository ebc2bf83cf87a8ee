"""Japanese numerals in headings and years: kanji (二十三), Roman (Ⅱ, IV), circled (③).

One parser for every reader: eras (令和三年度), goal headings (基本目標Ⅱ) and list markers.
"""

from __future__ import annotations

import unicodedata

KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                "七": 7, "八": 8, "九": 9}  # fmt: skip
KANJI_NUMERAL_CHARS = "〇零一二三四五六七八九十百"
_ROMAN_ASCII = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def kanji_to_int(text: str) -> int | None:
    """二十三 → 23, 十 → 10, 百二 → 102; None unless the whole text is a kanji numeral."""
    if not text or any(ch not in KANJI_NUMERAL_CHARS for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in KANJI_DIGITS:
            if digit is not None:
                return None  # 二三: not a numeral
            digit = KANJI_DIGITS[ch]
        else:
            unit = 10 if ch == "十" else 100
            total += (1 if digit is None else digit) * unit
            digit = None
    return total + (digit or 0)


def roman_to_int(text: str) -> int | None:
    """Ⅱ → 2, Ⅻ → 12, IV → 4 (ASCII or the Unicode Roman numeral forms); None otherwise."""
    if len(text) == 1 and 0x2160 <= ord(text) <= 0x217F:
        return int(unicodedata.numeric(text))
    upper = text.upper()
    if not upper or any(ch not in _ROMAN_ASCII for ch in upper):
        return None
    total = 0
    for i, ch in enumerate(upper):
        value = _ROMAN_ASCII[ch]
        nxt = _ROMAN_ASCII[upper[i + 1]] if i + 1 < len(upper) else 0
        total += -value if value < nxt else value
    return total if total > 0 else None


def numeral_to_int(text: str) -> int | None:
    """Any printed numeral of a heading or marker: 12, ２, 二, Ⅱ, IV, ③ → int, else None."""
    text = text.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if all(unicodedata.category(ch) == "Nd" for ch in text):
        return int(unicodedata.normalize("NFKC", text))
    if len(text) == 1 and unicodedata.category(text) == "No":
        value = unicodedata.numeric(text, -1)
        return int(value) if value >= 0 and value == int(value) else None
    return kanji_to_int(text) or roman_to_int(text)
