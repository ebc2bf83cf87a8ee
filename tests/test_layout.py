"""Layout stage: characters into lines and paragraphs."""

from __future__ import annotations

import math

import pytest

from extractor.layout import chars_to_lines, lines_to_paragraphs
from extractor.load import Char
from extractor.normalise import normalise_text
from extractor.orientation import chars_to_level


def _chars(
    text: str, x0: float, baseline: float, size: float = 10.0, gap: float = 0.0
) -> list[Char]:
    out = []
    x = x0
    for ch in text:
        width = size if not ch.isascii() else size / 2
        out.append(
            Char(
                ch,
                x,
                x + width,
                baseline - size * 0.88,
                baseline + size * 0.12,
                baseline,
                size,
                "F",
                True,
            )
        )
        x += width + gap
    return out


def test_raised_note_mark_joins_its_line() -> None:
    chars = _chars("生活実態調査による数値", 50, 100) + _chars("※1", 160, 96, size=6)
    lines = chars_to_lines(chars)
    assert [ln.text for ln in lines] == ["生活実態調査による数値※1"]


def test_a_small_line_far_below_stays_apart() -> None:
    chars = _chars("本文の行", 50, 100) + _chars("注記", 50, 130, size=7)
    assert [ln.text for ln in chars_to_lines(chars)] == ["本文の行", "注記"]


def test_letter_spaced_japanese_has_no_spaces_but_latin_words_do() -> None:
    chars = _chars("待機児童数", 50, 100, gap=4) + _chars("CAP program", 50, 130, gap=0)
    texts = [ln.text for ln in chars_to_lines(chars)]
    assert texts == ["待機児童数", "CAP program"]


def test_boxes_shifted_by_the_font_descriptor_do_not_split_a_line() -> None:
    # Same baseline, boxes half a line apart (a producer's bad ascent/descent).
    good = _chars("基準値", 50, 100)
    shifted = [
        Char(
            c.text,
            c.x0 + 40,
            c.x1 + 40,
            c.top + 6,
            c.bottom + 6,
            c.baseline,
            c.size,
            c.fontname,
            True,
        )
        for c in _chars("現状値", 50, 100)
    ]
    lines = chars_to_lines(good + shifted)
    assert [normalise_text(ln.text) for ln in lines] == ["基準値現状値"]  # one line


def test_issue_8_a_full_character_gap_between_japanese_is_an_ideographic_space() -> None:
    """``ア　子育て`` drawn without a space glyph: the gap tells item ア from a word."""
    chars = _chars("ア", 50, 100) + _chars("子育て", 50 + 2 * 10.5, 100)
    (line,) = chars_to_lines(chars)
    assert line.text == "ア\u3000子育て"
    assert normalise_text(line.text) == "ア子育て"


def test_wide_gap_splits_runs() -> None:
    chars = _chars("資料", 50, 100) + _chars("2", 500, 100)
    assert [ln.text for ln in chars_to_lines(chars)] == ["資料", "2"]


def test_paragraphs_break_at_indent_and_sentence_end() -> None:
    lines = chars_to_lines(
        _chars("ああああああああああ", 50, 100)
        + _chars("いいい。", 50, 118)
        + _chars("うううううううううう", 60, 136)
        + _chars("ええええええええええ", 50, 154)
        + _chars("おお", 50, 172)
    )
    paragraphs = [p.text for p in lines_to_paragraphs(lines)]
    assert paragraphs == [
        "ああああああああああいいい。",
        "ううううううううううええええええええええおお",
    ]


def test_bullet_items_are_paragraphs_and_wrap_under_their_text() -> None:
    lines = chars_to_lines(
        _chars("・", 50, 100)
        + _chars("ああああああああああ", 60, 100)
        + _chars("いい（延べ120人参加）", 60, 118)
        + _chars("・", 50, 136)
        + _chars("うう。", 60, 136)
        + _chars("ええええええええ", 60, 154)
        + _chars("おお。", 50, 172)
    )
    assert [p.text for p in lines_to_paragraphs(lines)] == [
        "・ああああああああああいい(延べ120人参加)",
        "・うう。",
        "ええええええええおお。",
    ]


def test_ideographic_spaces_are_kept_for_normalisation_but_not_at_line_ends() -> None:
    # "　※1　次回" : indent space, then a full-width space between a digit and Japanese
    chars = _chars("\u3000※1\u3000次回", 50, 100)
    (line,) = chars_to_lines(chars)
    assert line.x0 == 60  # the indent glyph does not move the line's left edge
    (paragraph,) = lines_to_paragraphs([line])
    assert paragraph.text == "※1 次回"
    (joined,) = chars_to_lines(_chars("待\u3000機", 50, 130))
    assert lines_to_paragraphs([joined])[0].text == "待機"


def test_issue_9_close_lines_that_collide_are_not_interleaved() -> None:
    """A smaller line set 3 pt under another: same row by baseline tolerance, but glyphs
    at the same x cannot be one line; they are read apart by baseline and size."""
    chars = _chars("賃上げ表明が加点評価となる", 50, 100) + _chars("事業年度の期間の例", 50, 103, 7)
    assert [ln.text for ln in chars_to_lines(chars)] == [
        "賃上げ表明が加点評価となる",
        "事業年度の期間の例",
    ]


def test_issue_9_raised_note_mark_still_joins_its_line() -> None:
    chars = _chars("生活実態調査による数値", 50, 100) + _chars("※1", 160, 96, size=6)
    assert [ln.text for ln in chars_to_lines(chars)] == ["生活実態調査による数値※1"]


def _unmapped(x0: float, baseline: float, size: float = 10.0) -> Char:
    return Char(
        "(cid:631)", x0, x0 + size / 2, baseline - 8.8, baseline + 1.2, baseline, size, "F", True
    )


def test_issue_9_an_unmapped_blank_between_words_reads_as_a_space() -> None:
    """book-yasutake: a non-embedded MS-Mincho's half-width blank has no Unicode mapping;
    pdftotext shows a space there, so do we. A long unmapped run stays U+FFFD."""
    chars = [*_chars("1", 50, 100), _unmapped(55, 100), *_chars("挨拶", 60, 100)]
    assert [ln.text for ln in chars_to_lines(chars)] == ["1 挨拶"]
    garbage = [*_chars("第", 50, 130), *(_unmapped(60 + 5 * i, 130) for i in range(4))]
    assert [ln.text for ln in chars_to_lines(garbage)] == ["第\ufffd\ufffd\ufffd\ufffd"]


def test_issue_9_list_items_start_paragraphs() -> None:
    lines = chars_to_lines(
        _chars("･新型コロナウイルス感染症について", 50, 100)
        + _chars("ああああああああああああああああああああああああああ", 60, 118)
        + _chars("いいいいいいいいいいいいいいいいいいいいいいいいいい", 50, 136)
        + _chars("a. first item", 50, 154)
        + _chars("b. second item", 50, 172)
        + _chars("■まとめ", 50, 190)
    )
    assert [p.text for p in lines_to_paragraphs(lines)] == [
        "・新型コロナウイルス感染症について",
        "ああああああああああああああああああああああああああいいいいいいいいいいいいいいいいいいいいいいいいいい",
        "a. first item",
        "b. second item",
        "■まとめ",
    ]


def test_issue_9_rotated_glyphs_are_one_line_read_in_their_direction() -> None:
    """A label turned 90° (glyphs not upright), stacked bottom to top: one line."""
    chars = [
        Char(ch, 40, 50, 200 - 10 * i - 10, 200 - 10 * i, 200 - 10 * i, 10.0, "F", False)
        for i, ch in enumerate("担当部署")
    ]
    (line,) = chars_to_lines(chars)
    assert line.text == "担当部署" and line.rotated


def test_issue_9_a_figure_ending_a_short_line_is_not_glued_to_the_next() -> None:
    lines = chars_to_lines(
        _chars("ああああああああああああああああああああ", 50, 100)
        + _chars("人口 123,456", 50, 118)
        + _chars("2020年の世帯数", 50, 136)
        + _chars("いいいいいいいいいいいいいいいいいいいい", 50, 154)
    )
    texts = [p.text for p in lines_to_paragraphs(lines)]
    assert not any("1234562020" in t or "123,4562020" in t for t in texts)
    assert any(t.endswith("123,456") for t in texts)


def test_issue_9_full_width_figures_set_apart_stay_apart() -> None:
    chars = _chars("１２３", 50, 100) + _chars("４５６", 84, 100)
    assert [ln.text for ln in chars_to_lines(chars)] == ["１２３ ４５６"]


# --- a scan set askew (issue 12 follow-up: OCR layers) ------------------------------------


def _tilted_line(slope: float, top: float = 100.0) -> list[Char]:
    return [
        Char("字", x, x + 10, top + slope * x, top + 10 + slope * x, top + 8.8 + slope * x, 10.0,
             "GlyphLessFont", upright=True)
        for x in range(60, 460, 10)
    ]  # fmt: skip


@pytest.mark.parametrize("degrees", [0.3, -0.8, 2.0])
def test_a_tilted_scan_is_levelled(degrees: float) -> None:
    chars = _tilted_line(math.tan(math.radians(degrees)))
    assert len(chars_to_lines(chars)) > 1 or degrees < 0.5  # as printed: cut in pieces
    level = chars_to_level(chars)
    assert max(c.baseline for c in level) - min(c.baseline for c in level) < 0.01
    assert len(chars_to_lines(level)) == 1


@pytest.mark.parametrize("degrees", [0.0, 0.02, 10.0])
def test_straight_or_turned_text_is_not_levelled(degrees: float) -> None:
    chars = _tilted_line(math.tan(math.radians(degrees)))
    assert chars_to_level(chars) == tuple(chars)
