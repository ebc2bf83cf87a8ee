"""Morphology: keywords, programs and amounts, checked by hand on the reference report."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.model import Amount, Terms
from extractor.morphology import (
    _tagger,
    amounts,
    nominal_form,
    paragraphs_to_terms,
    parse_number,
    programs,
)

CASES = Path(__file__).parent / "cases" / "morphology"
SECTIONS = json.loads((CASES / "seed_000_paragraphs.json").read_text(encoding="utf-8"))
CHECKS = json.loads((CASES / "seed_000_checks.json").read_text(encoding="utf-8"))


def _section(goal: int, section: str) -> list[str]:
    for s in SECTIONS:
        if s["goal"] == goal and s["section"] == section:
            return s["paragraphs"]
    raise KeyError((goal, section))


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: f"goal{c['goal']}-{c['section']}")
def test_seed_report_sections(check: dict) -> None:
    terms = paragraphs_to_terms(_section(check["goal"], check["section"]))
    missing = [k for k in check["present"] if k not in terms.keywords]
    junk = [k for k in check["absent"] if k in terms.keywords]
    assert not missing, f"missing {missing} in {terms.keywords}"
    assert not junk, f"junk {junk} in {terms.keywords}"
    assert list(terms.programs) == check["programs"]
    assert [[a.raw, a.value, a.unit, a.currency] for a in terms.amounts] == check["amounts"]


def test_every_seed_section_is_checked() -> None:
    assert {(s["goal"], s["section"]) for s in SECTIONS} == {
        (c["goal"], c["section"]) for c in CHECKS
    }


def test_seed_keywords_are_unique_and_clean() -> None:
    for s in SECTIONS:
        kws = paragraphs_to_terms(s["paragraphs"]).keywords
        assert len(kws) == len(set(kws))
        for k in kws:
            assert len(k) >= 2, k
            assert not any(c.isdigit() for c in k), k
            assert not set(k) & set("「」『』()、。-"), k


def test_orthographic_variants_collapse() -> None:
    kws = paragraphs_to_terms(["取組を進めた。", "取り組みを進めた。", "取組みを進めた。"]).keywords
    assert kws == ("取り組み",)


def test_compound_variants_collapse() -> None:
    kws = paragraphs_to_terms(["地域の取組状況。", "地域の取り組み状況。"]).keywords
    assert kws == ("地域", "取り組み状況")


def test_verb_stem_before_noun_joins_the_compound() -> None:
    assert paragraphs_to_terms(["持ち帰り方式で提供。"]).keywords == ("持ち帰り方式", "提供")
    # with a を object it is a verb, not part of a compound
    assert paragraphs_to_terms(["園児を受け入れ支援を行う。"]).keywords == ("園児", "支援")
    assert paragraphs_to_terms(["豪雨により被災した。"]).keywords == ("豪雨", "被災")
    # UniDic splits 居場所 into the verb 居る + 場所
    assert paragraphs_to_terms(["交流の場や居場所づくり。"]).keywords == ("交流", "居場所作り")


@pytest.mark.parametrize(
    ("lemma", "ctype", "noun"),
    [("取り組む", "五段-マ行", "取り組み"), ("受け入れる", "下一段-ラ行", "受け入れ"),
     ("持ち帰る", "五段-ラ行", "持ち帰り"), ("来る", "カ行変格", None)],
)  # fmt: skip
def test_nominal_form(lemma: str, ctype: str, noun: str | None) -> None:
    assert nominal_form(lemma, ctype) == noun


def test_loanword_lemma_loses_english_tail() -> None:
    kws = paragraphs_to_terms(["スクールソーシャルワーカーを配置した。"]).keywords
    assert kws == ("スクールソーシャルワーカー", "配置")


def test_proper_noun_keeps_printed_form() -> None:
    assert "久留米市" in paragraphs_to_terms(["久留米市の事業。"]).keywords


def test_parts_of_a_compound_are_not_listed_separately() -> None:
    kws = paragraphs_to_terms(["「妊娠出産応援給付金」を給付する。"]).keywords
    assert "妊娠出産応援給付金" in kws
    assert "妊娠" not in kws
    assert "応援" not in kws


def test_keywords_in_first_appearance_order() -> None:
    kws = paragraphs_to_terms(["病院と保育所。", "保育所と医療機関と病院。"]).keywords
    assert kws == ("病院", "保育所", "医療機関")


def test_dates_eras_and_numbers_are_not_keywords() -> None:
    kws = paragraphs_to_terms(["令和3年度中に、令和3年8月の豪雨で各年度の2か所を整備。"]).keywords
    assert kws == ("豪雨", "整備")


def test_programs_from_both_bracket_kinds_stripped_unique() -> None:
    text = ["「 保育料の減免 」と『子ども食堂』と「保育料の減免」。", "「」は空。"]
    assert programs(text) == ("保育料の減免", "子ども食堂")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5万円を給付", [("5万円", 50000, "円", "JPY")]),
        ("3,500円から1,600円に", [("3,500円", 3500, "円", "JPY"), ("1,600円", 1600, "円", "JPY")]),
        ("総額1億2,000万円", [("1億2,000万円", 120_000_000, "円", "JPY")]),
        ("1.5万円", [("1.5万円", 15000, "円", "JPY")]),
        ("2か所と3ヶ所と4箇所", [("2か所", 2, "か所", None), ("3ヶ所", 3, "か所", None),
                            ("4箇所", 4, "か所", None)]),
        ("二か所、三万円、二十五人", [("二か所", 2, "か所", None), ("三万円", 30000, "円", "JPY"),
                              ("二十五人", 25, "人", None)]),
        ("1施設を拡充、5回、1人あたり", [("1施設", 1, "施設", None), ("5回", 5, "回", None),
                                ("1人", 1, "人", None)]),
        ("約千円", [("千円", 1000, "円", "JPY")]),
    ],
)  # fmt: skip
def test_amounts(text: str, expected: list[tuple]) -> None:
    assert amounts([text]) == tuple(Amount(*e) for e in expected)


@pytest.mark.parametrize(
    "text",
    [
        "8時からの受入",  # time of day
        "令和3年8月豪雨",  # date
        "1月につき",  # per month
        "第1回会議",  # ordinal
        "2回目の訪問",  # ordinal
        "一人ひとりに",  # idiom, not a count
        "一人親家庭",  # idiom
        "同一人物",  # kanji digit inside a word
        "割合は75.0%",  # ratio
        "6か月間",  # duration
    ],
)
def test_not_amounts(text: str) -> None:
    assert amounts([text]) == ()


@pytest.mark.parametrize(
    ("text", "value"),
    [("3,500", 3500), ("1億2,000万", 120_000_000), ("二十五", 25), ("千二百", 1200),
     ("1.5", 1.5), ("二三", None), ("万", None)],
)  # fmt: skip
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_empty_input() -> None:
    assert paragraphs_to_terms([]) == Terms()
    assert paragraphs_to_terms(["", "。"]) == Terms()


def test_import_does_not_load_dictionary() -> None:
    code = "import sys, extractor.morphology; print('fugashi' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_tagger_is_created_once() -> None:
    assert _tagger() is _tagger()


def test_speed_is_reasonable() -> None:
    """Generous bound (machines vary): the seed report's 22 paragraphs well under a second."""
    paragraphs = [p for s in SECTIONS for p in s["paragraphs"]]
    _tagger()
    start = time.perf_counter()
    for p in paragraphs:
        paragraphs_to_terms([p])
    assert time.perf_counter() - start < 1.0


def test_initiative_titles_as_the_pipeline_passes_them() -> None:
    """high_level passes (title, *paragraphs); the title's terms come first."""
    s = next(s for s in SECTIONS if s["goal"] == 2 and s["section"] == "initiative 2")
    kws = paragraphs_to_terms([s["title"], *s["paragraphs"]]).keywords
    assert kws[:4] == ("地域", "交流", "居場所作り", "推進")
