"""Issue 9: tables without full ruling, read as grids and as text in reading order."""

from __future__ import annotations

import re
from pathlib import Path

import extractor
from extractor.load import pdf_to_pages
from extractor.tables import Grid, page_to_grids
from tests.fixtures_layouts import Drawing, Text, draw, table_texts

BUDGET = [
    ["3 人事事務運営費", "", "475,372"],
    ["", "1 職員採用等事務（総務部）", "407,080"],
    ["", "2 非常勤職員等事務（総務部）", "13,871"],
    ["", "3 職員研修（総務部）", "54,421"],
    ["4 職員の福利厚生事務運営費", "", "740,246"],
    ["", "1 職員互助会事業補助（総務部）", "89,186"],
]
PROSE = (
    "市は、子育て世帯の負担を軽くするため、保育料の減免や学童保育所利用料の減額を行い、"
    "相談窓口を一つにまとめて支援が受けやすい環境づくりを進めた。"
)


def _grids(tmp_path: Path, page: Drawing) -> list[Grid]:
    (content,) = pdf_to_pages(draw(tmp_path / "t.pdf", [page]))
    return page_to_grids(content)


def _text(tmp_path: Path, *pages: Drawing) -> list[str]:
    out = extractor.extract_text(draw(tmp_path / "t.pdf", list(pages)))
    return [p["text"] for page in out for p in page["paragraphs"]]


def _rows(grid: Grid) -> list[list[str]]:
    return [[c.text for c in grid.row_cells(r) if c.row == r] for r in range(grid.n_rows)]


def _prose_lines(x: float, top: float, n: int, chars: int, size: float = 10.0) -> list[Text]:
    """Justified running text: ``n`` full lines of ``chars`` glyphs from ``PROSE``."""
    body = PROSE * 4
    return [
        Text(x, top + i * size * 1.7, body[i * chars : (i + 1) * chars], size) for i in range(n)
    ]


def test_whitespace_columns_become_a_grid_with_whole_numbers(tmp_path: Path) -> None:
    page = Drawing(texts=table_texts(BUDGET, [60, 75, 420], right_aligned=(2,)))
    (grid,) = _grids(tmp_path, page)
    assert grid.n_rows == len(BUDGET)
    rows = _rows(grid)
    assert rows[0][0] == "3 人事事務運営費" and rows[0][-1] == "475,372"
    assert rows[1][-2:] == ["1 職員採用等事務(総務部)", "407,080"]
    text = _text(tmp_path, page)
    assert "3 人事事務運営費 | 475,372" in text
    assert "1 職員採用等事務(総務部) | 407,080" in text
    numbers = re.findall(r"\d[\d,]*\d", " ".join(text))
    assert sorted(numbers) == sorted(row[2] for row in BUDGET)


def test_running_text_never_becomes_a_table(tmp_path: Path) -> None:
    texts = _prose_lines(60, 100, 8, 40)
    texts.append(Text(60, 100 + 8 * 17, "　" + PROSE[:20]))  # an indented last line
    assert _grids(tmp_path, Drawing(texts=texts)) == []


def test_side_by_side_running_text_is_read_column_by_column(tmp_path: Path) -> None:
    left, right = _prose_lines(40, 100, 6, 24), _prose_lines(320, 100, 6, 24)
    right = [Text(t.x, t.baseline, "右" + t.text[1:], t.size) for t in right]
    page = Drawing(texts=left + right)
    assert _grids(tmp_path, page) == []
    text = "".join(_text(tmp_path, page))
    assert text.index(left[-1].text[-5:]) < text.index("右")  # the left column first


def test_horizontal_rules_only(tmp_path: Path) -> None:
    """Top, header and bottom rules: the header band is one row, the body splits by line."""
    rows = [["項目", "件数", "金額"], ["相談", "12", "3,400"], ["訪問", "5", "1,200"]]
    texts = table_texts(rows, [60, 250, 400], right_aligned=(1, 2), top=100, pitch=18)
    rules = [(50, 86, 410, 86), (50, 105, 410, 105), (50, 141, 410, 141)]
    (grid,) = _grids(tmp_path, Drawing(texts=texts, rules=rules))
    assert _rows(grid) == [
        ["項目", "件数", "金額"],
        ["相談", "12", "3,400"],
        ["訪問", "5", "1,200"],
    ]


def test_frame_with_header_rule_and_no_inner_verticals(tmp_path: Path) -> None:
    rows = [["項目", "件数", "金額"], ["相談", "12", "3,400"], ["訪問", "5", "1,200"]]
    texts = table_texts(rows, [60, 250, 400], right_aligned=(1, 2), top=100, pitch=18)
    frame = [(50, 86, 410, 86), (50, 141, 410, 141), (50, 86, 50, 141), (410, 86, 410, 141)]
    (grid,) = _grids(tmp_path, Drawing(texts=texts, rules=[*frame, (50, 105, 410, 105)]))
    assert _rows(grid) == [
        ["項目", "件数", "金額"],
        ["相談", "12", "3,400"],
        ["訪問", "5", "1,200"],
    ]


def test_a_table_in_an_outer_frame_is_read_once(tmp_path: Path) -> None:
    """A 2-column ruled box whose right cell holds a ruled table: each text once."""
    outer = [(40, 80, 540, 80), (40, 200, 540, 200), (40, 80, 40, 200), (540, 80, 540, 200)]
    outer.append((120, 80, 120, 200))
    inner_rows = [(140, 110, 520, 110), (140, 130, 520, 130), (140, 150, 520, 150)]
    inner_cols = [(140, 110, 140, 150), (330, 110, 330, 150), (520, 110, 520, 150)]
    texts = [
        Text(50, 140, "事業概要"),
        Text(140, 100, "主な取組"),
        Text(150, 124, "相談件数"),
        Text(510, 124, "1,234件", align="right"),
        Text(150, 144, "訪問件数"),
        Text(510, 144, "567件", align="right"),
    ]
    page = Drawing(texts=texts, rules=outer + inner_rows + inner_cols)
    joined = "\n".join(_text(tmp_path, page))
    for word in ("事業概要", "主な取組", "相談件数", "1,234件", "訪問件数", "567件"):
        assert joined.count(word) == 1, (word, joined)
    assert "相談件数 | 1,234件" in joined


def test_side_by_side_tables_each_read_whole_header_first(tmp_path: Path) -> None:
    left_rows = [["年代", "人数"], ["90歳以上", "25"], ["80代", "75"], ["70代", "96"]]
    right_rows = [["居住地", "人数"], ["那覇市", "600"], ["宜野湾市", "78"], ["石垣市", "21"]]
    texts = table_texts(left_rows, [50, 250], right_aligned=(1,)) + table_texts(
        right_rows, [320, 540], right_aligned=(1,)
    )
    rules = [(45, 86 + 18 * i, 260, 86 + 18 * i) for i in range(5)]
    rules += [(315, 86 + 18 * i, 550, 86 + 18 * i) for i in range(5)]
    text = _text(tmp_path, Drawing(texts=texts, rules=rules))
    assert text == [
        "年代 | 人数",
        "90歳以上 | 25",
        "80代 | 75",
        "70代 | 96",
        "居住地 | 人数",
        "那覇市 | 600",
        "宜野湾市 | 78",
        "石垣市 | 21",
    ]


def test_a_spread_reads_its_left_page_first(tmp_path: Path) -> None:
    """A landscape two-page spread: the left page's header and text before the right's."""
    landscape = (842, 595)
    texts = [Text(40, 60, "(款) 02 総務費"), Text(800, 60, "(単位:千円)", align="right")]
    texts += _prose_lines(40, 100, 4, 30)
    texts += [Text(t.x + 400, t.baseline, "右" + t.text[1:]) for t in _prose_lines(40, 100, 4, 30)]
    texts += [Text(40, 560, "318"), Text(800, 560, "319", align="right")]
    text = _text(tmp_path, Drawing(texts=texts, size=landscape))
    assert text[0] == "(款) 02 総務費"
    assert text.index("318") < text.index("(単位:千円)")
    assert text[-1] == "319"


def test_close_lines_whose_glyphs_overlap_are_kept_apart(tmp_path: Path) -> None:
    """A small line tucked under another (baselines 3 pt apart) is not interleaved."""
    texts = [Text(60, 100, "賃上げ表明が加点評価となる"), Text(60, 103, "事業年度の期間の例", 7)]
    text = _text(tmp_path, Drawing(texts=texts))
    assert "賃上げ表明が加点評価となる" in "".join(text)
    assert "事業年度の期間の例" in "".join(text)


def test_rotated_label_is_a_line_of_its_own(tmp_path: Path) -> None:
    texts = [*_prose_lines(80, 100, 6, 36), Text(50, 190, "担当部署", angle=90)]
    out = extractor.extract_text(draw(tmp_path / "t.pdf", [Drawing(texts=texts)]))
    paragraphs = [p["text"] for p in out[0]["paragraphs"]]
    assert "担当部署" in paragraphs
    assert out[0]["warnings"] == []


def test_a_numbered_list_with_hanging_indents_is_not_a_table(tmp_path: Path) -> None:
    """Item numbers in a column of their own, the text aligned after them: a list."""
    texts = []
    y = 100.0
    for marker in ("①", "②", "③", "④"):
        texts.append(Text(60, y, marker))
        texts += [Text(80, y + i * 17, PROSE[i * 30 : (i + 1) * 30]) for i in range(2)]
        y += 2 * 17
    assert _grids(tmp_path, Drawing(texts=texts)) == []
    paragraphs = _text(tmp_path, Drawing(texts=texts))
    assert [p[0] for p in paragraphs] == ["①", "②", "③", "④"]


def test_a_short_numbered_list_is_not_a_table(tmp_path: Path) -> None:
    rows = [["(1)", "目的"], ["(2)", "計画の期間"], ["(3)", "計画の位置づけ"], ["(4)", "推進体制"]]
    texts = table_texts(rows, [60, 90])
    assert _grids(tmp_path, Drawing(texts=texts)) == []


def test_a_whitespace_table_ends_where_running_text_begins(tmp_path: Path) -> None:
    """Paragraphs under a table, narrower than it, leave its last gutter free: they still
    end the table, since their lines run across the gutters that part its cells."""
    table = table_texts(BUDGET, [60, 75, 420], right_aligned=(2,))
    prose = _prose_lines(60, 100 + 18 * len(BUDGET) + 10, 5, 26)
    (grid,) = _grids(tmp_path, Drawing(texts=table + prose))
    assert grid.n_rows == len(BUDGET)
    assert grid.bottom < prose[0].baseline - 8


def test_a_form_with_tall_rows_is_a_table(tmp_path: Path) -> None:
    """Labels and values two and a half lines apart (a form scanned with its text layer)."""
    rows = [["日時", "令和4年3月28日(月)15時30分から"], ["場所", "小平市役所600会議室"]]
    rows += [
        ["出席者", "川上教育部長、国冨教育指導担当部長"],
        ["配布資料", "感染症予防ガイドライン"],
    ]
    texts = table_texts(rows, [60, 140], pitch=30)
    (grid,) = _grids(tmp_path, Drawing(texts=texts))
    assert [r[0] for r in _rows(grid)] == ["日時", "場所", "出席者", "配布資料"]


def test_vertical_rules_only(tmp_path: Path) -> None:
    """Rules only between the columns, none across: rows come from the lines."""
    rows = [["項目", "件数", "金額"], ["相談", "12", "3,400"], ["訪問", "5", "1,200"]]
    texts = table_texts(rows, [60, 250, 400], right_aligned=(1, 2), top=100, pitch=18)
    rules = [(150, 86, 150, 141), (300, 86, 300, 141)]
    (grid,) = _grids(tmp_path, Drawing(texts=texts, rules=rules))
    assert _rows(grid) == [
        ["項目", "件数", "金額"],
        ["相談", "12", "3,400"],
        ["訪問", "5", "1,200"],
    ]


def test_a_box_around_a_table_and_its_title_is_read_once(tmp_path: Path) -> None:
    """A one-column frame holding a title and a ruled table: the title is text, the table
    is read row by row, and nothing comes out twice."""
    frame = [(40, 80, 540, 80), (40, 220, 540, 220), (40, 80, 40, 220), (540, 80, 540, 220)]
    table = [(60, y, 520, y) for y in (120, 145, 170, 195)]
    table += [(x, 120, x, 195) for x in (60, 300, 520)]
    texts = [Text(60, 105, "表1 相談の状況")]
    for i, (name, value) in enumerate(
        [("区分", "件数"), ("電話相談", "1,234"), ("来所相談", "567")]
    ):
        texts += [Text(70, 137 + 25 * i, name), Text(510, 137 + 25 * i, value, align="right")]
    text = _text(tmp_path, Drawing(texts=texts, rules=frame + table))
    assert text == ["表1 相談の状況", "区分 | 件数", "電話相談 | 1,234", "来所相談 | 567"]


def _sideways(lines: list[str], angle: float, rows: list[list[str]]) -> Drawing:
    """A landscape page set on a portrait one, turned a quarter (90: its text runs up the
    page, -90: down): lines, then a table in whitespace, one printed line per ``Text``."""
    texts = []
    step = 18.0 if angle > 0 else -18.0
    across = 80.0 if angle > 0 else 515.0
    along = 760.0 if angle > 0 else 80.0
    for i, line in enumerate(lines):
        texts.append(Text(across + i * step, along, line, angle=angle))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            offset = (0, 160, 260)[c] * (1 if angle > 0 else -1)
            x = across + (len(lines) + 1 + r) * step
            texts.append(Text(x, along - offset, cell, angle=angle))
    return Drawing(texts=texts)


def test_a_page_set_sideways_is_turned_back_not_read_as_vertical(tmp_path: Path) -> None:
    lines = [PROSE[:40], PROSE[40:80]]
    rows = [["区分", "件数", "金額"], ["相談", "12", "3,400"], ["訪問", "5", "1,200"]]
    for angle in (90, -90):
        out = extractor.extract_text(draw(tmp_path / "s.pdf", [_sideways(lines, angle, rows)]))
        texts = [p["text"] for p in out[0]["paragraphs"]]
        assert texts == [PROSE[:80], "区分 | 件数 | 金額", "相談 | 12 | 3,400", "訪問 | 5 | 1,200"]
        assert out[0]["warnings"] == []


def test_a_boxed_note_inside_a_cell_is_neither_lost_nor_doubled(tmp_path: Path) -> None:
    grid = [(60, y, 400, y) for y in (100, 125, 160)] + [(x, 100, x, 160) for x in (60, 200, 400)]
    box = [(300, 130, 380, 130), (300, 152, 380, 152), (300, 130, 300, 152), (380, 130, 380, 152)]
    texts = [Text(70, 117, "区分"), Text(210, 117, "内容"), Text(70, 146, "相談")]
    texts += [Text(210, 146, "電話と来所"), Text(310, 146, "新規")]
    joined = "\n".join(_text(tmp_path, Drawing(texts=texts, rules=grid + box)))
    assert joined.count("新規") == 1 and joined.count("電話と来所") == 1, joined


def test_narrow_text_columns_are_read_column_by_column(tmp_path: Path) -> None:
    """Two columns of 14-character justified lines: running text, not a table of rows."""
    left, right = _prose_lines(60, 100, 8, 14), _prose_lines(240, 100, 8, 14)
    right = [Text(t.x, t.baseline, "右" + t.text[1:], t.size) for t in right]
    page = Drawing(texts=left + right)
    assert _grids(tmp_path, page) == []
    text = "".join(_text(tmp_path, page))
    assert text.index(left[-1].text[-4:]) < text.index("右")


def test_two_columns_under_a_title_at_the_same_pitch(tmp_path: Path) -> None:
    """A title line set at the columns' own line pitch: the columns are still read whole."""
    left, right = _prose_lines(40, 117, 6, 24), _prose_lines(320, 117, 6, 24)
    right = [Text(t.x, t.baseline, "右" + t.text[1:], t.size) for t in right]
    page = Drawing(texts=[Text(40, 100, "市の取組"), *left, *right])
    text = _text(tmp_path, page)
    assert text[0] == "市の取組"
    joined = "".join(text[1:])
    assert joined.index(left[-1].text[-5:]) < joined.index("右")


def test_two_labelled_lines_are_read_row_by_row(tmp_path: Path) -> None:
    """Two labels with their values far to the right: too few lines for a table or for
    columns, so each label is followed by its value."""
    texts = [Text(60, 100, "日時"), Text(200, 100, "令和4年3月28日(月)")]
    texts += [Text(60, 118, "場所"), Text(200, 118, "小平市役所600会議室")]
    assert _text(tmp_path, Drawing(texts=texts)) == [
        "日時",
        "令和4年3月28日(月)",
        "場所",
        "小平市役所600会議室",
    ]


def test_a_header_and_one_row_in_four_columns_is_a_table(tmp_path: Path) -> None:
    """Two lines only, but both set in the same four columns: a table (a one-indicator
    table set in whitespace), with its heading and the paragraph after it left out."""
    rows = [["指標名", "単位", "基準値(R1)", "目標値(R6)"], ["待機児童数", "人", "66", "14"]]
    texts = [Text(60, 80, "1.成果指標の状況"), *table_texts(rows, [60, 200, 300, 400], top=100)]
    texts += _prose_lines(60, 160, 2, 26)
    (grid,) = _grids(tmp_path, Drawing(texts=texts))
    assert _rows(grid) == rows


def test_two_contents_entries_are_not_a_table(tmp_path: Path) -> None:
    """Two lines in three columns, but a title, dot leaders and a page number: contents."""
    rows = [["目標1", "交流の促進……………………", "2"], ["目標2", "子育ての支援……………………", "3"]]
    assert _grids(tmp_path, Drawing(texts=table_texts(rows, [60, 120, 400]))) == []


def test_a_header_set_tight_after_a_closing_bracket_keeps_its_columns(tmp_path: Path) -> None:
    """Header words ending in a full-width ``）`` set closer than a gutter's width by their
    boxes (a browser's tight header): the bracket's blank half is part of the gap, so the
    header still parts its columns and stays the table's first row."""
    size = 10.0
    header = [
        Text(60, 100, "指標名"),
        Text(200, 100, "策定時（令元）"),
        Text(275, 100, "実績（令4）"),
    ]
    body = [["待機児童数", "66人", "14人"], ["相談件数", "120件", "98件"]]
    texts = header + table_texts(body, [60, 215, 285], top=118, size=size)
    (grid,) = _grids(tmp_path, Drawing(texts=texts))
    assert _rows(grid)[0] == ["指標名", "策定時(令元)", "実績(令4)"]
    assert _rows(grid)[1:] == body


def test_a_header_wider_than_its_column_does_not_hide_a_narrow_gutter(tmp_path: Path) -> None:
    """No rules: ``2019 (R1)`` under 基準値 reaches back over the narrow gap between a long
    source (right up to it) and the figure below; the body rows still part there."""
    header = table_texts([["指標名", "出典", "基準値", "目標値"]], [60, 220, 300, 380])
    header += [Text(293, 112, "2019 (R1)"), Text(380, 112, "R7")]
    body = []
    for y, name, source, base, target in [
        (130, "相談の件数", "相談記録による件数", "1,362件", "3,453件"),
        (148, "利用回数", "事業実績による回数", "410回", "839回"),
    ]:
        body += [Text(60, y, name), Text(292, y, source, align="right")]
        body += [Text(300, y, base), Text(380, y, target)]
    (grid,) = _grids(tmp_path, Drawing(texts=header + body))
    assert [[t for t in row if t] for row in _rows(grid)[-2:]] == [
        ["相談の件数", "相談記録による件数", "1,362件", "3,453件"],
        ["利用回数", "事業実績による回数", "410回", "839回"],
    ]


def test_contents_entries_under_a_title_of_two_words_are_no_table(tmp_path: Path) -> None:
    """A cover title printed as two words (``令和4年度　子ども…``), then 目次 and two entries
    with dot leaders and page numbers: three lines of two runs each, but entries of a table
    of contents are no rows of cells."""
    texts = [Text(150, 80, "令和4年度", 14), Text(240, 80, "子ども・子育て支援事業計画", 14)]
    texts += [Text(280, 110, "目次", 14)]
    for i, entry in enumerate(["目標一：誰もが活躍できるまちづくり", "目標二：子どもの育ち"]):
        y = 135 + 17 * i
        texts += [Text(64, y, entry + "…" * (30 - len(entry))), Text(520, y, str(i + 1))]
    assert _grids(tmp_path, Drawing(texts=texts)) == []
