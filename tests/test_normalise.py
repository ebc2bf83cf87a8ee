"""Normalisation rules: data-driven cases, properties, and the radical table."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor import normalise
from extractor.normalise import (
    RULES,
    join_wrapped_lines,
    normalise_spaces,
    normalise_text,
    radical_table,
)

CASES = Path(__file__).parent / "cases" / "normalise"
TEXT_FILES = ["width", "radicals", "spaces", "dashes", "invisible", "unchanged"]


def _load(name: str) -> list[dict]:
    return json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))


def _params(names: list[str]) -> list:
    return [
        pytest.param(case, id=f"{name}:{i}:{case['note'][:40]}")
        for name in names
        for i, case in enumerate(_load(name))
    ]


@pytest.mark.parametrize("case", _params(TEXT_FILES))
def test_normalise_case(case: dict) -> None:
    assert normalise_text(case["original"]) == case["expected"]


@pytest.mark.parametrize("case", _params(TEXT_FILES))
def test_normalise_case_is_idempotent(case: dict) -> None:
    once = normalise_text(case["original"])
    assert normalise_text(once) == once


@pytest.mark.parametrize("case", _params(["join"]))
def test_join_case(case: dict) -> None:
    assert join_wrapped_lines(case["original"]) == case["expected"]


def test_case_files_are_large_enough() -> None:
    """The brief: at least 80 cases, a third of them strings that must not change."""
    counts = {name: len(_load(name)) for name in [*TEXT_FILES, "join"]}
    assert sum(counts.values()) >= 80
    assert counts["unchanged"] * 3 >= sum(counts.values())
    assert all(c["original"] == c["expected"] for c in _load("unchanged"))


def test_case_files_have_notes() -> None:
    for path in CASES.glob("*.json"):
        for case in json.loads(path.read_text(encoding="utf-8")):
            assert set(case) == {"original", "expected", "note"}, (path.name, case)
            assert case["note"]


# --- radicals -----------------------------------------------------------------------


def _is_unified_ideograph(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH-")


@pytest.mark.parametrize("cp", range(0x2F00, 0x2FD6), ids=lambda cp: f"U+{cp:04X}")
def test_every_kangxi_radical_maps_to_a_unified_ideograph(cp: int) -> None:
    out = normalise_text(chr(cp))
    assert len(out) == 1
    assert _is_unified_ideograph(out), f"U+{cp:04X} -> U+{ord(out):04X}"


def test_radical_table_comes_from_unicode_data() -> None:
    table = radical_table()
    assert table[0x2F00] == "一"
    assert table[0x2EBE] == table[0x2EC0] == "艹"  # a range line of the file
    assert 0x31D2 not in table  # CJK strokes are not radicals: left alone
    assert 0x2E80 not in table  # listed as having no equivalent
    assert all(_is_unified_ideograph(v) for v in table.values())


def test_supplement_radicals_map_or_stay() -> None:
    for cp in range(0x2E80, 0x2F00):
        ch = chr(cp)
        if unicodedata.category(ch) == "Cn":
            continue
        out = normalise_text(ch)
        assert out == ch or _is_unified_ideograph(out)


def test_compatibility_ideographs_are_left_as_printed() -> None:
    for cp in range(0xF900, 0xFADA):
        ch = chr(cp)
        if unicodedata.category(ch) != "Cn":
            assert normalise_text(ch) == ch, f"U+{cp:04X}"


# --- width and symbol coverage ------------------------------------------------------


def test_every_fullwidth_ascii_becomes_ascii_except_the_wave_dash() -> None:
    for cp in range(0xFF01, 0xFF5F):
        out = normalise_text(chr(cp))
        if cp == 0xFF5E:
            assert out == "〜"
        elif cp == 0xFF0D:
            assert out == "-"
        else:
            assert out == chr(cp - 0xFEE0), f"U+{cp:04X}"


def test_every_halfwidth_katakana_becomes_fullwidth() -> None:
    for cp in range(0xFF61, 0xFFA0):
        out = normalise_text(chr(cp))
        assert out, f"U+{cp:04X}"
        assert all(not 0xFF61 <= ord(c) <= 0xFF9F for c in out), f"U+{cp:04X} -> {out!r}"


@pytest.mark.parametrize("ch", list("①②③⑩⑳▲△▼※〃〜○●◎◇◆□■☆★→←↑↓・…‥〆々〇㈱㍻"))
def test_report_symbols_survive(ch: str) -> None:
    assert normalise_text(f"目標{ch}値") == f"目標{ch}値"


def test_rules_are_ordered_and_named() -> None:
    names = [rule.__name__ for rule in RULES]
    assert names[-1] == "normalise_spaces"
    assert names.index("fold_width") < names.index("unify_waves")
    for name in names:
        assert getattr(normalise, name).__doc__, name
        assert f"``{name}``" in normalise.__doc__


def test_space_rule_alone_leaves_text_without_spaces() -> None:
    assert normalise_spaces("子育て支援") == "子育て支援"


def test_join_decides_the_space_on_the_printed_width() -> None:
    # Full-width letters were typed in Japanese mode: Word/LibreOffice cut such a word at
    # any character (ＳＮＳ → Ｓ | ＮＳ), so the break is no space. Half-width words get one.
    assert join_wrapped_lines(["ＡＢ", "ＣＤ"]) == "ABCD"
    assert join_wrapped_lines(["AB", "CD"]) == "AB CD"


# --- properties ---------------------------------------------------------------------

_KANJI = "子育支援目標達成率人口計画推進教育市町村実績値年度令和元"
_KANA = "あいうえおかがきぎくっしじすずせそたちつてとなにのはばぱまみむめもやゆよらりるれろわをん"
_KATAKANA = "アイウエオカガキクコサシスセソタチツテトナニノハバパマミムメモヤユヨラリルレロワンーヴ"
_LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_PUNCT = "、。「」『』【】・…〃〜①②▲△※○%.,:;/()-+=#&@_?!"
_CLEAN = st.text(alphabet=_KANJI + _KANA + _KATAKANA + _LATIN + _PUNCT, max_size=40)


@given(_CLEAN)
def test_clean_text_never_changes(text: str) -> None:
    assert normalise_text(text) == text


_ANY = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            _KANJI + _KANA + _LATIN + _PUNCT + " \u3000\t\n\xa0\u200b\ufeff\u00ad"
            "ＡＺａ０９（）％－～ｺﾛﾅﾃﾞｼﾞﾀﾙﾊﾟｰ｡｢｣､･\u3099\u309a⼀⼈⻑⺀−‐―—–︵﹁ﬁ"
        ),
        st.characters(codec="utf-8"),
    ),
    max_size=40,
)


@given(_ANY)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


@given(_ANY)
def test_every_rule_keeps_the_result_fixed(text: str) -> None:
    """Each rule's output is a fixed point of every rule: order cannot undo a fix."""
    once = normalise_text(text)
    for rule in RULES:
        assert rule(once) == once, rule.__name__


@given(_ANY)
def test_output_has_no_edge_spaces_or_runs(text: str) -> None:
    out = normalise_text(text)
    assert out == out.strip(" ")
    assert "  " not in out
    assert "\u3000" not in out


@given(st.lists(_ANY, max_size=5))
def test_join_is_normalised(lines: list[str]) -> None:
    joined = join_wrapped_lines(lines)
    assert normalise_text(joined) == joined
