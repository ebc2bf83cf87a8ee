"""Assemble stage: the outline from printed markers, on hand-built pages (no PDF needed)."""

from __future__ import annotations

import pytest

from extractor.assemble import layouts_to_report
from extractor.layout import TextLine
from extractor.model import Source
from extractor.page_layout import PageLayout

SOURCE = Source("x.pdf", "0" * 64, 1)
LEFT, RIGHT, SIZE, PITCH = 60.0, 535.0, 10.5, 18.0


def _line(
    text: str,
    row: int,
    *,
    page: int = 1,
    indent: float = 0.0,
    size: float = SIZE,
    width: float | None = None,
) -> TextLine:
    top = 80 + row * PITCH
    x0 = LEFT + indent
    x1 = x0 + (width if width is not None else len(text) * size)
    return TextLine(text, x0, min(x1, RIGHT), top, top + size, top + size * 0.88, size, page)


def _page(number: int, lines: list[TextLine], height: float = 842.0) -> PageLayout:
    return PageLayout(number, 595.0, height, tuple(lines), ())


def _full(text: str, row: int, **kw: object) -> TextLine:
    return _line(text, row, width=RIGHT - LEFT, **kw)  # type: ignore[arg-type]


def test_outline_from_markers() -> None:
    page1 = [
        _line("令和４年度　進捗報告", 0, size=14),
        _line("１　【基本目標１】　だれもが安心して暮らせるまちについて", 2),
        _line("（２）令和４年度の取組状況", 3),
        _line("⑪相談体制の充実", 4, indent=10),
        _full("　相談窓口を一本化し、土日も受け付ける体制を整えたほか、オンライン相談", 5),
        _line("を開始した。", 6),
        _line("　また、ＳＮＳでの発信を強化した。", 7),
        _line("（３）今後の課題・方向性", 8),
        _full("　相談件数は増加しており、人員の確保が", 9),
    ]
    page2 = [
        _line("必要である。", 0, page=2),
        _line("基本目標2 子育てしやすいまち", 2, page=2),
        _line("- 2 -", 40, page=2),
    ]
    report = layouts_to_report([_page(1, page1), _page(2, page2)], SOURCE)
    assert report.title == "令和4年度進捗報告"  # no space between Japanese
    assert report.fiscal_year == 2022
    assert [(g.number, g.title, g.page) for g in report.goals] == [
        (1, "だれもが安心して暮らせるまち", 1),
        (2, "子育てしやすいまち", 2),
    ]
    initiative = report.goals[0].initiatives[0]
    assert (initiative.number, initiative.title) == (11, "相談体制の充実")
    assert initiative.paragraphs == (
        "相談窓口を一本化し、土日も受け付ける体制を整えたほか、オンライン相談を開始した。",
        "また、SNSでの発信を強化した。",
    )
    # a paragraph continues across the page break; the page number is furniture
    assert report.goals[0].challenges == ("相談件数は増加しており、人員の確保が必要である。",)
    assert report.warnings == ()


def test_running_header_and_page_numbers_are_furniture() -> None:
    pages = []
    for n in (1, 2, 3):
        lines = [
            _line("第２期〇〇市計画　進捗状況", -3, page=n),
            _line(f"{n}/3", 41, page=n),
        ]
        if n == 1:
            lines.append(_line("【基本目標１】まちづくり", 1, page=n))
            lines.append(_line("（３）今後の課題", 2, page=n))
        lines.append(_full("課題がある", 5, page=n, indent=SIZE))  # indented paragraph
        lines.append(_line("と考える。", 6, page=n))
        pages.append(_page(n, lines))
    report = layouts_to_report(pages, SOURCE)
    assert report.goals[0].challenges == ("課題があると考える。",) * 3


def test_text_outside_the_outline_is_reported_not_dropped() -> None:
    lines = [
        _line("【基本目標１】まちづくり", 1),
        _line("（１）成果指標の現状値", 2),
        _line("（単位：人）", 3),
    ]
    report = layouts_to_report([_page(1, lines)], SOURCE)
    # a third of the goal's text is not in the output: the report says so twice
    assert [w.code for w in report.warnings] == ["unplaced_text", "low_coverage"]
    assert "(単位:人)" in report.warnings[0].message
    assert report.coverage is not None and report.coverage < 0.9


def test_unboxed_label_at_the_top_of_page_one() -> None:
    lines = [
        _line("資料３", -2, indent=420),
        _line("【基本目標１】まちづくり", 1),
    ]
    report = layouts_to_report([_page(1, lines)], SOURCE)
    assert report.label == "資料3"
    assert report.title is None


def test_no_goal_gives_no_goals() -> None:
    report = layouts_to_report([_page(1, [_line("会議録", 0)])], SOURCE)
    assert report.goals == ()
    assert report.title == "会議録"


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("令和４年度　進捗報告", 2022),
        ("第2期計画(令和2年度〜令和6年度)の進捗", None),
        ("進捗報告", None),
    ],
)
def test_fiscal_year_from_the_title_without_an_initiatives_heading(
    title: str, year: int | None
) -> None:
    lines = [_line(title, 0, size=14), _line("【基本目標１】まちづくり", 2)]
    assert layouts_to_report([_page(1, lines)], SOURCE).fiscal_year == year


def test_wrapped_goal_heading_and_initiative_title_are_joined() -> None:
    lines = [
        _full("２　【基本目標２】　すべての子どもが地域の中で安心して学び、遊び、", 0),
        _line("育つことのできる環境づくりについて", 1, indent=6 * SIZE),
        _line("（２）令和６年度の取組状況", 2),
        _full("③放課後の居場所づくりと地域の見守り体制を一体的に強化する取組の", 3, indent=SIZE),
        _line("推進", 4, indent=2 * SIZE),
        _full("放課後児童クラブの定員を拡大し、", 5, indent=SIZE),
        _line("待機児童を解消した。", 6),
    ]
    goal = layouts_to_report([_page(1, lines)], SOURCE).goals[0]
    assert goal.title == "すべての子どもが地域の中で安心して学び、遊び、育つことのできる環境づくり"
    (initiative,) = goal.initiatives
    assert initiative.title == "放課後の居場所づくりと地域の見守り体制を一体的に強化する取組の推進"
    assert initiative.paragraphs == ("放課後児童クラブの定員を拡大し、待機児童を解消した。",)


def test_a_full_title_followed_by_an_indented_paragraph_is_not_wrapped() -> None:
    lines = [
        _line("【基本目標１】まちづくり", 0),
        _line("（２）令和６年度の取組状況", 1),
        _full("①子育て支援の充実に向けた関係機関との連携と情報発信の強化", 2, indent=SIZE),
        _full("関係機関との連絡会議を開催し、", 3, indent=SIZE),  # first-line indent only
        _line("情報共有を図った。", 4),
    ]
    (initiative,) = layouts_to_report([_page(1, lines)], SOURCE).goals[0].initiatives
    assert initiative.title == "子育て支援の充実に向けた関係機関との連携と情報発信の強化"
    assert initiative.paragraphs == ("関係機関との連絡会議を開催し、情報共有を図った。",)


# --- issue 8: other conventions -----------------------------------------------------------


def _outline(lines: list[TextLine]) -> list[tuple[int, str, list[tuple[int, str]], list[str]]]:
    report = layouts_to_report([_page(1, lines)], SOURCE)
    return [
        (g.number, g.title, [(i.number, i.title) for i in g.initiatives], list(g.challenges))
        for g in report.goals
    ]


def test_issue_8_sections_and_initiatives_in_the_same_marker_style() -> None:
    """(1) for sections and (1) for initiatives: a title naming no section is an item."""
    lines = [
        _line("政策目標１：安全なまち", 0),
        _line("(1) 主な取組", 1),
        _line("(1) 見守り活動の推進", 2),
        _line("　地域で見守りを行った。", 3),
        _line("(2) 相談体制の充実", 4),
        _line("　相談窓口を設けた。", 5),
        _line("(2) 今後の方向性", 6),
        _line("　引き続き取り組む。", 7),
    ]
    assert _outline(lines) == [
        (1, "安全なまち", [(1, "見守り活動の推進"), (2, "相談体制の充実")], ["引き続き取り組む。"])
    ]


def test_issue_8_contents_goal_mentions_and_order() -> None:
    """A table of contents, a goal named in a sentence and a repeated number are no goals."""
    lines = [
        _line("目次", 0),
        _line("基本目標1 安心して暮らせるまち……………3", 1),
        _line("基本目標2 子育てしやすいまち……………5", 2),
        _line("基本目標Ⅰ　安心して暮らせるまち", 4),
        _line("■主な事業", 5),
        _line("ア　見守り活動", 6),
        _full("　基本目標2の取組と連携し、見守りを行った。基本目標1の体制を生かし", 7),
        _line("た。", 8),
        _line("イ　相談体制", 9),
        _line("　相談窓口を設けた。", 10),
        _line("基本目標Ⅰ　安心して暮らせるまち", 11),
        _line("基本目標Ⅱ　子育てしやすいまち", 12),
        _line("■課題と方向性", 13),
        _line("　引き続き取り組む。", 14),
    ]
    report = layouts_to_report([_page(1, lines)], SOURCE)
    assert [(g.number, g.title) for g in report.goals] == [
        (1, "安心して暮らせるまち"),
        (2, "子育てしやすいまち"),
    ]
    first = report.goals[0]
    assert [(i.number, i.title) for i in first.initiatives] == [(1, "見守り活動"), (2, "相談体制")]
    assert first.initiatives[0].paragraphs == (
        "基本目標2の取組と連携し、見守りを行った。基本目標1の体制を生かした。",
    )
    # the repeated heading of goal 1 stays text (in イ's paragraphs) and is reported
    assert first.initiatives[1].paragraphs[-1] == "基本目標Ⅰ 安心して暮らせるまち"
    assert [w.code for w in report.warnings] == ["goal_out_of_order"]


def test_issue_8_goal_title_on_the_next_line() -> None:
    lines = [_line("基本目標 4", 0), _line("結婚の希望をかなえる", 1), _line("(3) 今後の課題", 2)]
    assert _outline(lines) == [(4, "結婚の希望をかなえる", [], [])]


def test_issue_8_fiscal_year_from_the_cover_date() -> None:
    cover = [_line("子ども・子育て支援事業計画の進捗状況", 10, size=20), _line("令和5年3月", 20)]
    body = [_line("基本目標1 安心", 0, page=2), _line("(1) 今後の課題", 1, page=2)]
    report = layouts_to_report([_page(1, cover), _page(2, body)], SOURCE)
    assert report.title == "子ども・子育て支援事業計画の進捗状況"
    assert report.fiscal_year == 2022  # March 2023 is in fiscal 2022
    assert report.coverage == 1.0  # the cover is front matter, not lost text


def test_issue_10_boxes_of_a_page_set_sideways_are_given_on_the_printed_page() -> None:
    """A landscape page printed sideways is read turned upright; its boxes are mapped back."""
    lines = [_line("基本目標1 安心", 0), _line("(1) 今後の課題", 1), _line("　取り組む。", 2)]
    turned = PageLayout(1, 842.0, 595.0, tuple(lines), (), quarter_turn=1)
    goal = layouts_to_report([turned], SOURCE).goals[0]
    first = lines[0]
    x0, top, x1, bottom = first.x0, first.top, first.x1, first.bottom
    # turned a quarter clockwise: the printed page is 595 wide and 842 high
    assert goal.bbox == (top, 842.0 - x1, bottom, 842.0 - x0)
    (challenge,) = goal.challenge_boxes
    assert challenge.bbox[0] == lines[2].top


def test_a_cover_title_centred_on_two_lines_does_not_set_the_margin() -> None:
    """A cover's title running to the right edge with its second line centred is not a
    wrapped paragraph: the margin it would give (the second line's start) made every body
    line of a page without wrapped lines of its own read as flush, and two one-line
    paragraphs, each indented a character, became one (held-out variant, seed 24680)."""
    cover = [
        _full("令和２年度　まち・ひと・しごと創生総合戦略進捗状", 4, size=16),
        _line("況報告", 5, indent=210, size=16),
        _line("令和３年１月", 9, indent=200),
    ]
    body = [
        _line("１【基本目標１】地域の魅力を生かした交流の促進", 0, page=2, size=12),
        _line("（１）主な取組", 2, page=2),
        _line("ア　移住・定住の促進", 3, page=2),
        _full("関係機関との情報共有を強化し、支援が必要な家庭につなげた。", 4, page=2, indent=10.5),
        _line("子ども食堂の運営団体への補助を拡充した。", 5, page=2, indent=10.5),
    ]
    report = layouts_to_report([_page(1, cover), _page(2, body)], SOURCE)
    (initiative,) = report.goals[0].initiatives
    assert initiative.paragraphs == (
        "関係機関との情報共有を強化し、支援が必要な家庭につなげた。",
        "子ども食堂の運営団体への補助を拡充した。",
    )


def test_a_marked_note_under_a_later_table_finds_its_indicator_in_an_earlier_one() -> None:
    """A table printed across a page break whose second part was not read as its
    continuation (its empty 区分 column moved the gutters): the (※) note under the second
    part belongs to the first part's indicator that carries (※), not to the goal (held-out
    variant, seed 24680)."""
    from extractor.assemble import _GoalDraft, _OutlineReader
    from extractor.model import Indicator
    from extractor.settings import Settings

    settings = Settings()
    reader = _OutlineReader(settings.grammar, settings, {}, SIZE)
    marked = Indicator(
        "放課後児童クラブの登録児童数", "各年度5月1日時点の登録児童数（※）", None, 1, ()
    )
    noted = Indicator("待機児童数※1", "各年度4月1日時点", "※1 集計中。", 1, ())
    later = Indicator("転入者数", "住民基本台帳による数値", None, 2, ())
    goal = _GoalDraft(1, [], indicators=[marked, noted, later])
    note = "（※）対象年齢を拡大したため、前年度までの数値とは比較できない。"
    assert reader._attach_to_earlier(goal, 2, note)
    assert [i.note for i in goal.indicators] == [note, "※1 集計中。", None]
    # an indicator whose own note has the mark already, a mark nobody carries, no mark at all
    assert not reader._attach_to_earlier(goal, 2, "※1 別の注記。")
    assert not reader._attach_to_earlier(goal, 2, "※3 どこにもない注記。")
    assert not reader._attach_to_earlier(goal, 2, "数値は速報値である。")
