"""Stage 2, normalise: small pure ``str -> str`` rules applied in a fixed order (like ftfy).

PDF text of Japanese reports arrives in many spellings of the same thing: full-width
``ＤＸ`` and half-width ``DX``, half-width ``ｺﾛﾅ``, Kangxi radicals (``⼀``) that a font's
ToUnicode map picked instead of the ideograph, two different wave dashes, spaces a word
processor typed only to spread a heading. Each rule below fixes one such thing and nothing
else. No blanket NFKC: it would turn ``①`` into ``1``, ``㈱`` into ``(株)`` and compatibility
ideographs into other code points, all of which a report prints on purpose.

Rules, in the order ``normalise_text`` applies them (``RULES``):

1. ``remove_invisible`` — format characters (zero-width space/joiner, BOM, soft hyphen,
   bidi marks) and control characters are dropped; other whitespace (tab, newline, NBSP,
   the U+2000 family) becomes an ASCII space. U+3000 is left for rule 8, which knows
   whether it separates anything.
2. ``unfold_presentation_forms`` — vertical presentation forms (``︵``, ``﹁``, ``︙``; from
   vertical writing) become their horizontal characters, Latin ligatures (``ﬁ``) their
   letters. Both via the Unicode decomposition data, not a typed table.
3. ``fold_width`` — full-width ASCII U+FF01–FF5E becomes ASCII (``ＤＸ``→``DX``,
   ``（１）``→``(1)``, ``％``→``%``) and half-width katakana becomes full-width with voiced
   marks combined (``ﾃﾞｼﾞﾀﾙ``→``デジタル``), both with jaconv. ``～`` (U+FF5E) is excluded:
   it is a wave dash, not a tilde (rule 6). Japanese punctuation (、。「」・…) is untouched.
4. ``compose_kana`` — a kana followed by a combining (semi-)voiced mark U+3099/U+309A is
   composed (``か゛``-style decomposed output of some ToUnicode maps): ``か``+U+3099→``が``.
5. ``unify_radicals`` — Kangxi radicals (U+2F00–2FD5) and CJK Radicals Supplement
   (U+2E80–2EFF) become the unified ideograph that Unicode's EquivalentUnifiedIdeograph.txt
   names (``⼀``→``一``); supplement radicals without an equivalent stay. CJK compatibility
   ideographs (U+F900–FAFF) and CJK strokes are left as printed.
6. ``unify_waves`` — the two wave dashes ``～`` (U+FF5E, Windows) and ``〜`` (U+301C, JIS)
   become ``〜``, so ``4月～6月`` and ``4月〜6月`` read the same. A range stays a range, never
   ``ー``. ASCII ``~`` is left alone (URLs).
7. ``unify_dashes`` — short dashes that a Japanese PDF prints as a hyphen or minus
   (U+2212 minus, U+2010/2011 hyphens, U+2012 figure dash, U+2013 en dash, U+FE63) become
   ASCII ``-``: Shift-JIS ``－``/``‐`` decode to any of these depending on the font's table,
   and the value parser needs one sign character (``−3.8%``→``-3.8%``). Long dashes U+2014
   and U+2015 (the same Shift-JIS character, mapped differently by JIS and cp932) become
   ``—`` U+2014: they mark "none" or a parenthesis, never a sign, so they stay distinct from
   ``-``. A lone dash stays a dash (the table stage decides that it means "missing").
   ``ー`` (U+30FC), ``▲``/``△`` and box-drawing ``─`` are never touched.
8. ``normalise_spaces`` — spaces (ASCII and U+3000) are collapsed and then decided by their
   neighbours: removed at either end (paragraph indent), removed between two Japanese
   characters (``生み 育てられる``→``生み育てられる``, ``数　量``→``数量``), removed next to
   Japanese punctuation or brackets (``「 目標 」``→``「目標」``). Everywhere else one ASCII
   space remains: between Latin words (``Society 5.0``) and — a decision — between Japanese
   and Latin/digits or symbols (``ＣＡＰ プログラム``→``CAP プログラム``, ``１　基本目標``→
   ``1 基本目標``, ``① 目標``): there the printed space usually separates a number or a
   term from what follows, and dropping it could glue two values together. No space is ever
   inserted where the PDF had none (``DX推進`` stays).

``normalise_text`` is idempotent: every rule's output is a fixed point of every rule.
Undecodable text (``(cid:N)``, Private Use Area, U+FFFD) is deliberately left alone so that
``extractor.quality`` can still count it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from importlib import resources

import jaconv

# --- 1. invisible characters ------------------------------------------------------------

#: Whitespace other than U+3000 that becomes an ASCII space.
_SPACE_LIKE = frozenset("\t\n\r\v\f\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f") | {
    chr(cp) for cp in range(0x2000, 0x200B)
}


def remove_invisible(text: str) -> str:
    """Drop format/control characters, turn odd whitespace into a space: they print nothing."""
    if text.isascii() and text.isprintable():
        return text
    out: list[str] = []
    for ch in text:
        if ch in _SPACE_LIKE:
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs"):
            continue
        else:
            out.append(ch)
    return "".join(out)


# --- 2. presentation forms -------------------------------------------------------------


@cache
def _presentation_table() -> dict[int, str]:
    """Vertical forms and Latin ligatures → what they present, from Unicode's decompositions."""
    table: dict[int, str] = {}
    for cp in [*range(0xFE10, 0xFE20), *range(0xFE30, 0xFE50), *range(0xFB00, 0xFB07)]:
        tag, _, codes = unicodedata.decomposition(chr(cp)).partition(" ")
        if tag in ("<vertical>", "<compat>") and codes:
            target = "".join(chr(int(code, 16)) for code in codes.split())
            if not any(unicodedata.combining(c) for c in target):
                table[cp] = target
    return table


def unfold_presentation_forms(text: str) -> str:
    """``︵``→``(``, ``ﬁ``→``fi``: vertical forms and ligatures are looks, not text."""
    return text.translate(_presentation_table())


# --- 3. width ---------------------------------------------------------------------------

_DANGLING_MARKS = str.maketrans({"\uff9e": "\u309b", "\uff9f": "\u309c"})


def fold_width(text: str) -> str:
    """Full-width ASCII → ASCII, half-width kana → full-width: one spelling per character."""
    text = jaconv.z2h(text, ignore="～\u3000", kana=False, ascii=True, digit=True)
    text = jaconv.h2z(text, kana=True, ascii=False, digit=False)
    return text.translate(_DANGLING_MARKS)


# --- 4. kana with combining marks -------------------------------------------------------

_DECOMPOSED_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff][\u3099\u309a]")


def compose_kana(text: str) -> str:
    """``か``+combining ``゙`` → ``が``: some ToUnicode maps emit decomposed kana."""
    return _DECOMPOSED_KANA.sub(lambda m: unicodedata.normalize("NFC", m.group()), text)


# --- 5. radicals ------------------------------------------------------------------------

#: Blocks whose characters are replaced by their equivalent unified ideograph.
RADICAL_BLOCKS = ((0x2E80, 0x2EFF), (0x2F00, 0x2FD5))


@cache
def radical_table() -> dict[int, str]:
    """Radical → unified ideograph, parsed once from Unicode's EquivalentUnifiedIdeograph.txt."""
    data = resources.files("extractor").joinpath("data/EquivalentUnifiedIdeograph.txt")
    table: dict[int, str] = {}
    for raw in data.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        source, target = (field.strip() for field in line.split(";"))
        first, _, last = source.partition("..")
        for cp in range(int(first, 16), int(last or first, 16) + 1):
            if any(lo <= cp <= hi for lo, hi in RADICAL_BLOCKS):
                table[cp] = chr(int(target, 16))
    return table


def unify_radicals(text: str) -> str:
    """``⼀``→``一``: a radical looks like the ideograph but breaks search and morphology."""
    return text.translate(radical_table())


# --- 6. wave dashes ---------------------------------------------------------------------


def unify_waves(text: str) -> str:
    """``～`` → ``〜``: Windows and JIS decode the same wave dash differently."""
    return text.replace("～", "〜")


# --- 7. dashes --------------------------------------------------------------------------

_DASHES = str.maketrans(
    {
        "\u2212": "-",  # minus sign
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\ufe63": "-",  # small hyphen-minus
        "\u2015": "\u2014",  # horizontal bar → em dash
    }
)


def unify_dashes(text: str) -> str:
    """Short dashes → ``-``, long dashes → ``—``: one sign character for the value parser."""
    return text.translate(_DASHES)


# --- 8. spaces --------------------------------------------------------------------------

_SPACES = re.compile(r"[ \u3000]+")


def _is_japanese_punctuation(ch: str) -> bool:
    """、。「」『』【】〜〃・ and friends: a space beside them is never meaningful."""
    cp = ord(ch)
    return 0x3001 <= cp <= 0x303F or cp == 0x30FB or 0xFE10 <= cp <= 0xFE4F


def is_japanese(ch: str) -> bool:
    """Kana, ideographs and Japanese symbols: characters that are written without spaces."""
    cp = ord(ch)
    return (
        0x3001 <= cp <= 0x30FF  # CJK punctuation, hiragana, katakana
        or 0x31F0 <= cp <= 0x31FF  # katakana phonetic extensions
        or 0x3200 <= cp <= 0x4DBF  # enclosed CJK, CJK compatibility, extension A
        or 0x4E00 <= cp <= 0x9FFF  # unified ideographs
        or 0xF900 <= cp <= 0xFAFF  # compatibility ideographs
        or 0xFE10 <= cp <= 0xFE1F  # vertical forms
        or 0xFE30 <= cp <= 0xFE4F  # CJK compatibility forms
        or 0xFF01 <= cp <= 0xFFEF  # what is left of half/full-width forms (￥)
        or 0x2E80 <= cp <= 0x2FDF  # radicals that had no unified equivalent
        or 0xFE00 <= cp <= 0xFE0F  # variation selectors follow an ideograph
        or 0x20000 <= cp <= 0x3FFFF  # extensions B and later
        or 0xE0100 <= cp <= 0xE01EF  # ideographic variation selectors
    )


def _space_between(before: str, after: str) -> str:
    if not before or not after:
        return ""
    if _is_japanese_punctuation(before) or _is_japanese_punctuation(after):
        return ""
    if is_japanese(before) and is_japanese(after):
        return ""
    return " "


def normalise_spaces(text: str) -> str:
    """Drop spaces between Japanese characters and at the ends, keep one elsewhere."""
    if " " not in text and "\u3000" not in text:
        return text
    return _SPACES.sub(
        lambda m: _space_between(text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]),
        text,
    )


# --- all rules --------------------------------------------------------------------------

RULES: tuple[Callable[[str], str], ...] = (
    remove_invisible,
    unfold_presentation_forms,
    fold_width,
    compose_kana,
    unify_radicals,
    unify_waves,
    unify_dashes,
    normalise_spaces,
)


@lru_cache(maxsize=8192)
def normalise_text(text: str) -> str:
    """Apply every rule in ``RULES`` order to a line, cell or paragraph. Cached: the stages
    normalise the same cell and line text many times over (20,349 calls for 1,305 strings
    over the samples)."""
    for rule in RULES:
        text = rule(text)
    return text


@lru_cache(maxsize=8192)
def normalise_text_keep_spaces(text: str) -> str:
    """Every rule but the space rule, runs of spaces folded to one: list markers and headings
    are told apart by the space after them (``ア　子育て`` is item ア, ``アイデア`` is a word)."""
    for rule in RULES:
        if rule is not normalise_spaces:
            text = rule(text)
    return " ".join(text.split())


_URL_START = re.compile(r"(?:https?://|www\.)\S*$", re.IGNORECASE)


def _is_word_end(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ",.;:!?)%\"'")


def _is_word_start(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "(\"'")


def join_wrapped_lines(lines: Sequence[str]) -> str:
    """Rejoin a paragraph's printed lines: a line break is no space in Japanese, one in English.

    Lines are normalised and stripped; two lines are joined with a space only when the first
    ends and the second starts a half-width Latin word as printed (``digital`` /
    ``transformation``). Never inside a number (``10`` / ``0,000円``), a URL, or a full-width
    word: Japanese line breaking cuts ``ＳＮＳ`` anywhere, so ``Ｓ`` / ``ＮＳ`` is ``SNS``.
    """
    out = ""
    raw_end = ""
    for raw in lines:
        line = normalise_text(raw)
        if not line:
            continue
        raw_start = raw.strip()[:1]
        number_wrap = out[-1:].isdigit() and line[0].isdigit()  # 100,0 / 00円: one number
        if (
            out
            and _is_word_end(out[-1])
            and _is_word_start(line[0])
            # a full-width word (ＳＮＳ) was typed in Japanese: its line break is no space
            and raw_end.isascii()
            and raw_start.isascii()
            and not number_wrap
            and not _URL_START.search(out)
        ):
            out += " "
        out += line
        raw_end = raw.strip()[-1:]
    return normalise_text(out)
