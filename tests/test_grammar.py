"""The default report grammar, case by case (tests/cases/grammar), and user grammars."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.columns import _classify, _column_year
from extractor.errors import GrammarError
from extractor.grammar import default_grammar, load_grammar
from extractor.normalise import normalise_text
from tests.conftest import REPO

CASES = REPO / "tests" / "cases" / "grammar"
GRAMMAR = default_grammar()


def _load(name: str) -> dict:
    return json.loads((CASES / name).read_text("utf-8"))


GOALS = _load("goal_headings.json")["cases"]
MARKERS = _load("markers.json")
HEADERS = _load("headers.json")["cases"]


@pytest.mark.parametrize("case", GOALS, ids=[c["text"] for c in GOALS])
def test_goal_heading(case: dict) -> None:
    heading = GRAMMAR.goal_heading(case["text"])
    if case["title"] is None:
        assert heading is None
    else:
        assert heading is not None
        assert (heading.number, heading.title) == (case["number"], case["title"])


@pytest.mark.parametrize("case", MARKERS["section"], ids=[c["text"] for c in MARKERS["section"]])
def test_section_marker(case: dict) -> None:
    marker = GRAMMAR.section_marker(case["text"])
    if case["family"] is None:
        assert marker is None or GRAMMAR.section_kind(marker.rest) is None
        return
    assert marker is not None
    assert (marker.family, marker.number, marker.rest) == (
        case["family"],
        case["number"],
        case["rest"],
    )
    assert GRAMMAR.section_kind(marker.rest) == case["kind"]


@pytest.mark.parametrize(
    "case", MARKERS["initiative"], ids=[c["text"] for c in MARKERS["initiative"]]
)
def test_initiative_marker(case: dict) -> None:
    marker = GRAMMAR.initiative_marker(case["text"])
    if case["family"] is None:
        assert marker is None
        return
    assert marker is not None
    assert (marker.family, marker.number, marker.rest) == (
        case["family"],
        case["number"],
        case["rest"],
    )


@pytest.mark.parametrize("case", HEADERS, ids=[c["text"] for c in HEADERS])
def test_header_cell(case: dict) -> None:
    text = normalise_text(case["text"])
    kind, role = _classify(text, GRAMMAR)
    assert kind == case["kind"]
    if kind == "value":
        assert role == case["role"]
        assert _column_year(text) == (case["fiscal_year"], case["era"])


def test_note_marks_pair_cells_with_notes() -> None:
    assert GRAMMAR.note_marks("子どもの生活実態調査による数値（※）") == {("※", "")}
    assert GRAMMAR.note_mark("(※)次回調査は令和5年度") == ("※", "")
    assert GRAMMAR.note_marks("待機児童数※1") == {("※", "1")}
    assert GRAMMAR.note_mark("※1 令和6年度から") == ("※", "1")
    assert GRAMMAR.note_mark("(注)対象年齢を拡大") == ("注", "")
    assert GRAMMAR.note_mark("注1 対象年齢を拡大") == ("注", "1")
    assert GRAMMAR.note_mark("*2 速報値") == ("*", "2")
    assert GRAMMAR.note_mark("次回調査は令和5年度") is None
    assert GRAMMAR.note_mark("注目される取組") is None


def test_user_grammar_merges_over_the_default(tmp_path: Path) -> None:
    city = tmp_path / "city.toml"
    city.write_text('[goal]\nwords = ["重点施策"]\n[coverage]\nthreshold = 0.5\n', "utf-8")
    grammar = load_grammar(city)
    heading = grammar.goal_heading("重点施策3 子育て")
    assert heading is not None and heading.number == 3
    assert grammar.goal_heading("基本目標3 子育て") is None  # the list was replaced
    assert grammar.coverage_threshold == 0.5
    assert grammar.section_kind("今後の課題") == "challenges"  # the rest is the default's


@pytest.mark.parametrize(
    ("text", "quantity", "date"),
    [
        ("1,234", True, False),
        ("▲3.8％", True, False),
        ("（１２）", True, False),
        ("約65人", True, False),
        ("10か所", True, False),
        ("3/5", True, False),
        ("2021年度", True, True),
        ("(令和3年)", False, True),
        ("子育て", False, False),
        ("12個以上の", False, False),
    ],
)
def test_layout_marks(text: str, quantity: bool, date: bool) -> None:
    layout = GRAMMAR.layout
    assert (layout.quantity.fullmatch(text) is not None) is quantity
    assert (layout.date_end.search(text) is not None) is date


def test_layout_marks_from_a_city_file(tmp_path: Path) -> None:
    """Another report family's figures: no prefixes at all, ヶ月 a date unit."""
    city = tmp_path / "city.toml"
    city.write_text('[layout]\nfigure_prefixes = ""\ndate_units = ["ヶ月"]\n', "utf-8")
    layout = load_grammar(city).layout
    assert layout.quantity.fullmatch("約65人") is None
    assert layout.quantity.fullmatch("65人") is not None
    assert layout.date_end.search("6ヶ月") and not layout.date_end.search("2021年度")
    assert layout.leaders.search("はじめに・・・・3")  # the rest is the default's


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[goal\n", "not valid TOML"),
        ('[section]\nmarkers = ["(unclosed"]\n', "bad pattern"),
        ('[table.roles]\nprojection = ["見込"]\n', "unknown roles"),
        ("[numbers]\npattern = 3\n", "wrong type"),
        ("[layout]\ndate_units = 3\n", "wrong type"),
    ],
)
def test_bad_user_grammar_is_a_typed_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, "utf-8")
    with pytest.raises(GrammarError, match=message):
        load_grammar(path)


def test_missing_grammar_file() -> None:
    with pytest.raises(GrammarError, match="not found"):
        load_grammar("/nonexistent/city.toml")
