"""Enrichment with fugashi + unidic-lite: keywords, 「」 program names and amounts.

Decisions (the tests pin them down):

* **Keywords** are maximal runs of noun-like tokens (普通名詞/固有名詞, 接頭辞 inside a run,
  名詞的 接尾辞 after a noun, 的 between nouns, ``・`` between katakana words). Every token
  contributes its UniDic *lemma* so spelling variants collapse (取組 / 取り組み / 取組み →
  ``取り組み``); the price is that native words printed in kana get their dictionary spelling
  (子ども → 子供, 環境づくり → 環境作り). Loanword lemmas lose their ``-english`` tail
  (スクール-school → スクール); proper nouns and Latin words (whose lemma is a reading or
  missing) keep their printed form.
* A compound is **not** split into its parts: 妊娠出産応援給付金 does not also yield 妊娠, 応援….
  A noun is a keyword on its own only where it stands alone in the text. Parts would repeat the
  compound and drown the specific terms in generic ones.
* Left out: numbers and the counter after them (5万円, 2か所), eras and dates (令和3年度),
  one-character keywords, formal nouns / stop words (こと, ため, 等, 中 …, which also cut a
  compound: 団体等 → 団体), adjectival uses (必要な, 継続的に).
* **Amounts** are money and counts: a number (Arabic with commas, 万/億/兆, or simple kanji
  numerals) followed by a counter from ``_COUNTERS``. Times of day, dates, durations,
  percentages and ordinals (第1回, 2回目) are not amounts. Every occurrence is kept, in order.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from extractor.dictionary_memory import DictionaryMemory
from extractor.model import Amount, Terms
from extractor.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    import fugashi

Kind = Literal["noun", "prefix", "suffix", "teki", "dot", "num", "break"]


@dataclass(frozen=True)
class Token:
    """The little a fugashi word needs to carry for compounding (keeps the rest pure)."""

    surface: str
    form: str
    kind: Kind
    counter: bool = False
    adjectival: bool = False


# Formal nouns and function-like words: never a keyword, and they cut a compound.
_STOP_FORMS = frozenset(
    (
        *("事", "為", "様", "等", "中", "物", "他", "以上", "以下", "以外", "共", "今後"),
        *("程", "際", "場合", "旨", "上", "下", "内", "達", "毎", "頃", "全て", "当たり"),
        *("度", "時", "方", "訳", "筈", "儘", "通り", "位", "必要", "可能", "向け", "何"),
        *("令和", "平成", "昭和", "大正", "明治", "年度", "年", "月", "日", "週"),
    )
)
_DATE_RE = re.compile(r"[今前本昨来次各当同毎翌]?(?:年度|年|月|日|週|年間)")
_KATAKANA_RE = re.compile(r"[\u30a0-\u30ffー]+")


@functools.lru_cache(maxsize=1)
def _tagger() -> fugashi.Tagger:
    """One tagger per process: the dictionary is loaded on first use, not at import."""
    import fugashi

    return fugashi.Tagger()


@functools.lru_cache(maxsize=1)
def _dictionary_memory() -> DictionaryMemory:
    """The tagger's dictionary mappings, made fine before the first word is looked up."""
    info = _tagger().dictionary_info
    if not info:
        return DictionaryMemory((), None)
    return DictionaryMemory.of_files_in(os.path.dirname(info[0]["filename"]))


def _form(word: fugashi.UnidicNode) -> str:
    """The collapsing form: lemma without its ``-english`` / ``-助数詞`` tail, else printed."""
    feat = word.feature
    surface = word.surface
    if feat.lemma is None or surface.isascii() or feat.pos2 == "固有名詞":
        return feat.orthBase or surface
    return feat.lemma.split("-", 1)[0] or surface


def _kind(pos1: str, pos2: str, lemma: str | None, surface: str) -> Kind:
    """Map UniDic's part-of-speech to the role a token plays in a compound."""
    if pos1 == "名詞":
        if pos2 == "数詞":
            return "num"
        return "noun" if pos2 in ("普通名詞", "固有名詞") else "break"
    if pos1 == "接頭辞":
        return "prefix"
    if pos1 == "接尾辞":
        if pos2 == "名詞的":
            return "suffix"
        return "teki" if lemma == "的" else "break"
    if pos1 == "補助記号" and surface == "・":
        return "dot"
    if pos1 == "記号" and surface in ",.":
        return "num"  # the comma / point inside 3,500 or 1.5 (tagged 記号)
    return "break"


_I_ROW = str.maketrans("うくぐすつぬぶむる", "いきぎしちにびみり")


def nominal_form(lemma: str, conjugation: str) -> str | None:
    """The noun a verb's 連用形 makes, in lemma spelling (取り組む → 取り組み, 入れる → 入れ)."""
    if conjugation.startswith("五段"):
        return lemma[:-1] + lemma[-1].translate(_I_ROW)
    if "一段" in conjugation and lemma.endswith("る"):
        return lemma[:-1]
    return None


def _verb_as_noun(
    word: fugashi.UnidicNode, prev: fugashi.UnidicNode | None, nxt: fugashi.UnidicNode | None
) -> str | None:
    """UniDic tags 取り組み in 取り組み状況 as a verb; before a noun it is the first half of a
    compound, unless a particle other than の / や governs it (を受け入れ支援, により被災)."""
    f = word.feature
    if not (
        f.pos1 == "動詞"
        and f.pos2 in ("一般", "非自立可能")  # 居 of 居場所 is tagged 居る, 非自立可能
        and f.cForm == "連用形-一般"
        and f.lemma
        and (prev is None or prev.feature.pos1 != "助詞" or prev.surface in ("の", "や"))
        and nxt is not None
        and nxt.feature.pos1 == "名詞"
        and nxt.feature.pos2 == "普通名詞"
    ):
        return None
    return nominal_form(f.lemma, f.cType or "")


def tokenize(
    text: str, dictionary_budget: int | None = DEFAULT_SETTINGS.dictionary_budget
) -> tuple[Token, ...]:
    """Tag ``text`` and reduce every word to a ``Token``; then give back the dictionary's
    pages if more than ``dictionary_budget`` bytes of them are mapped (see
    ``extractor.dictionary_memory``)."""
    memory = _dictionary_memory()
    words = list(_tagger()(text))
    out: list[Token] = []
    for i, w in enumerate(words):
        f = w.feature
        nxt = words[i + 1].feature if i + 1 < len(words) else None
        as_noun = _verb_as_noun(w, words[i - 1] if i else None, words[i + 1] if nxt else None)
        if as_noun:
            out.append(Token(surface=w.surface, form=as_noun, kind="noun"))
            continue
        adjectival = f.pos3 in ("形状詞可能", "サ変形状詞可能") and (
            nxt is not None and nxt.pos1 == "助動詞" and nxt.lemma == "だ"
        )
        out.append(
            Token(
                surface=w.surface,
                form=_form(w),
                kind=_kind(f.pos1, f.pos2, f.lemma, w.surface),
                counter=f.pos3 == "助数詞可能" or w.surface in _COUNTER_WORDS,
                adjectival=adjectival,
            )
        )
    memory.after_tagging(dictionary_budget)
    return tuple(out)


def _is_katakana(tok: Token | None) -> bool:
    return tok is not None and tok.kind == "noun" and bool(_KATAKANA_RE.fullmatch(tok.surface))


def _roles(tokens: Sequence[Token]) -> Iterator[Kind]:
    """Each token's effective role, after the context rules (counters, stop words, ・)."""
    prev: Token | None = None
    for i, tok in enumerate(tokens):
        kind = tok.kind
        after_number = prev is not None and prev.kind == "num"
        if kind in ("noun", "suffix") and (
            tok.form in _STOP_FORMS
            or tok.adjectival
            or (after_number and (tok.counter or kind == "suffix"))
        ):
            kind = "break"
        elif kind == "dot":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if not (_is_katakana(prev) and _is_katakana(nxt)):
                kind = "break"
        yield kind
        prev = tok


def _trim(run: list[tuple[Token, Kind]]) -> list[tuple[Token, Kind]]:
    """Drop what cannot start (suffixes) or end (prefixes) a compound."""
    while run and run[0][1] in ("suffix", "teki", "dot"):
        run = run[1:]
    while run and run[-1][1] in ("prefix", "dot"):
        run = run[:-1]
    return run


def compounds(tokens: Sequence[Token]) -> list[str]:
    """Maximal noun runs as keyword candidates, in text order (may repeat)."""
    out: list[str] = []
    run: list[tuple[Token, Kind]] = []

    def flush() -> None:
        kept = _trim(run)
        if kept and kept[-1][1] != "teki" and any(k == "noun" for _, k in kept):
            out.append("".join(t.form for t, _ in kept))
        run.clear()

    for tok, kind in zip(tokens, _roles(tokens), strict=True):
        if kind in ("noun", "prefix", "suffix", "teki", "dot"):
            run.append((tok, kind))
        else:
            flush()
    flush()
    return out


def is_keyword(candidate: str) -> bool:
    """Whether a compound candidate is worth listing."""
    return (
        len(candidate) >= 2
        and candidate not in _STOP_FORMS
        and not _DATE_RE.fullmatch(candidate)
        and not candidate.isdigit()
    )


def keywords(
    paragraphs: Sequence[str], dictionary_budget: int | None = DEFAULT_SETTINGS.dictionary_budget
) -> tuple[str, ...]:
    """Unique keywords of all paragraphs, by first appearance."""
    seen: dict[str, None] = {}
    for text in paragraphs:
        for cand in compounds(tokenize(text, dictionary_budget)):
            if is_keyword(cand):
                seen.setdefault(cand, None)
    return tuple(seen)


_PROGRAM_RE = re.compile(r"「([^「」]+)」|『([^『』]+)』")


def programs(paragraphs: Sequence[str]) -> tuple[str, ...]:
    """Names quoted in 「」 or 『』, stripped, unique, by first appearance."""
    seen: dict[str, None] = {}
    for text in paragraphs:
        for m in _PROGRAM_RE.finditer(text):
            name = (m.group(1) or m.group(2)).strip()
            if name:
                seen.setdefault(name, None)
    return tuple(seen)


# ---------------------------------------------------------------- amounts

# Printed counter → unit recorded. Longest spellings are tried first.
_COUNTERS: dict[str, str] = {
    "円": "円",
    "か所": "か所",
    "カ所": "か所",
    "ヵ所": "か所",
    "ヶ所": "か所",
    "ケ所": "か所",
    "箇所": "か所",
    "人": "人",
    "名": "人",
    "件": "件",
    "回": "回",
    "施設": "施設",
    "世帯": "世帯",
    "団体": "団体",
    "事業所": "事業所",
    "校": "校",
    "園": "園",
    "社": "社",
    "店舗": "店舗",
    "台": "台",
    "戸": "戸",
    "組": "組",
    "枚": "枚",
    "冊": "冊",
    "個": "個",
    "棟": "棟",
    "室": "室",
    "床": "床",
    "地区": "地区",
    "学級": "学級",
    "クラス": "クラス",
}
_COUNTER_WORDS = frozenset(c for c in _COUNTERS if len(c) > 1)
_CURRENCY = {"円": "JPY"}

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                 "七": 7, "八": 8, "九": 9}  # fmt: skip
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "億": 10**8, "兆": 10**12}

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_KANJI = "〇一二三四五六七八九十百千"
_NUMBER = rf"(?:(?:{_ARABIC})|[{_KANJI}])(?:{_ARABIC}|[{_KANJI}万億兆])*"
_COUNTER_ALT = "|".join(sorted(map(re.escape, _COUNTERS), key=len, reverse=True))
_AMOUNT_RE = re.compile(
    # not inside a longer number or word, not an ordinal (第1回 / 2回目), not 一人親 / 一人ひとり
    rf"(?<![\d,.{_KANJI}万億兆第])(?P<num>{_NUMBER})(?P<unit>{_COUNTER_ALT})(?!目|親|ひとり|一人|建|称)"
)
_KANJI_AFTER_RE = re.compile(r"[\u4e00-\u9fff々]")
_KANJI_OK_BEFORE = frozenset("約計全延")


def parse_number(text: str) -> int | float | None:
    """Value of ``1億2,000万``, ``5万``, ``3,500``, ``三万``, ``二十五``; None if malformed."""
    total: float = 0
    group: float = 0  # below 万
    digits = ""  # pending Arabic digits or one kanji digit
    for ch in text + "$":
        if (ch.isascii() and ch.isdigit()) or ch == ".":
            digits += ch
        elif ch == ",":
            continue
        elif ch in _KANJI_DIGITS:
            if digits:
                return None  # 二三 or 2三: not a simple numeral
            digits = str(_KANJI_DIGITS[ch])
        elif ch in _SMALL_UNITS:
            group += (float(digits) if digits else 1) * _SMALL_UNITS[ch]
            digits = ""
        elif ch in _BIG_UNITS or ch == "$":
            group += float(digits) if digits else 0
            if ch == "$":
                total += group
                break
            if not group:
                return None
            total += group * _BIG_UNITS[ch]
            group, digits = 0, ""
        else:
            return None
    return int(total) if total == int(total) else total


def amounts(paragraphs: Sequence[str]) -> tuple[Amount, ...]:
    """Every sum of money or count, in text order."""
    out: list[Amount] = []
    for text in paragraphs:
        for m in _AMOUNT_RE.finditer(text):
            num = m.group("num")
            start = m.start()
            if (
                num[0] in _KANJI
                and start > 0
                and _KANJI_AFTER_RE.match(text[start - 1])
                and text[start - 1] not in _KANJI_OK_BEFORE
            ):
                continue  # 統一人 / 同一人物: a kanji digit inside a word
            value = parse_number(num)
            if value is None:
                continue
            unit = _COUNTERS[m.group("unit")]
            out.append(Amount(m.group(0), value, unit, _CURRENCY.get(unit)))
    return tuple(out)


def paragraphs_to_terms(paragraphs: Sequence[str], settings: Settings = DEFAULT_SETTINGS) -> Terms:
    """Keywords, 「」 program names and amounts found in ``paragraphs``."""
    return Terms(
        keywords=keywords(paragraphs, settings.dictionary_budget),
        programs=programs(paragraphs),
        amounts=amounts(paragraphs),
    )
