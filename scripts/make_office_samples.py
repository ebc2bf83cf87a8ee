"""Generate sample reports made by other PDF producers, and their expected JSON.

Why: the reportlab samples (make_samples.py) all look alike inside. Real reports are typed in
Word or LibreOffice and sometimes re-distilled; their PDFs position text, draw table rules and
embed fonts differently. Three samples come from here:

``office_city_2023``
    A fictional city's FY2023 report written as .docx with python-docx and converted by
    LibreOffice (``soffice --headless --convert-to pdf``); LibreOffice does all line wrapping
    and page breaking. The expected JSON is derived from the content data below (what we
    typed), never from the extractor. The pages in the data (``page=``) were read off the
    rendered PDF by eye; the build checks them against ``pdftotext`` and stops when the layout
    moved (another LibreOffice version, other fonts).
``kurume_2021_gs`` and ``kurume_2021_fixedcmap_gs``
    ``samples/kurume_2021.pdf`` re-distilled by Ghostscript's pdfwrite. The first uses the
    input as is; the second first splits the input's ToUnicode CMaps into blocks of at most
    100 entries (the CMap limit; reportlab writes up to 256 in one block, which Ghostscript
    10's PDF interpreter rejects, dropping the text mapping of 3 of the 4 fonts). Their
    expected JSON is ``tests/golden/kurume_2021.json`` with another ``source``.

Needs: Debian packages ``libreoffice-writer-nogui`` (soffice), ``ghostscript``,
``poppler-utils`` (pdftotext, for the page check), ``fonts-ipaexfont``; pip packages
``python-docx`` and ``pikepdf``. Output is byte-stable for a given LibreOffice/Ghostscript
version (fixed metadata, no XMP, deterministic /ID).

A golden file that exists is never overwritten silently: a changed expectation goes to
``build/golden/`` for review unless ``--write-golden``.

Usage: python scripts/make_office_samples.py [--write-golden] [stem ...]
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from golden_files import FIXTURES, GOLDEN, SAMPLES, source, write_golden
from sample_specs import Column

GENERATOR = {"name": "extractor", "version": "0.1.0"}
SCHEMA_VERSION = "1.1"
MINCHO = "IPAexMincho"
GOTHIC = "IPAexGothic"
INDENT = "\u3000"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
FIXED_DATE = "D:20240515090000+09'00'"

# --- content data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """One 成果指標 as typed. ``rows`` are (区分 label, cells); a None cell is vertically
    merged with the cell above. Name and 評価指標 are merged over all sub-rows. ``page`` is
    where its first row is printed, ``needle`` a string printed only in that row."""

    name: str
    source: str
    rows: tuple[tuple[str, tuple[str | None, ...]], ...]
    page: int
    needle: str
    note: str | None = None


@dataclass(frozen=True)
class Initiative:
    title: str
    paragraphs: tuple[str, ...]
    page: int


@dataclass(frozen=True)
class Goal:
    number: int
    title: str
    page: int
    columns: tuple[Column, ...]
    widths: tuple[float, ...]  # mm, one per table column
    indicators: tuple[Indicator, ...]
    initiatives: tuple[Initiative, ...]
    challenges: tuple[str, ...]
    kubun: bool = False  # explicit 区分 column
    split_header: bool = False  # role word and era as two paragraphs (else a line break)


ROLE = {"基準値": "baseline", "実績": "actual", "現状値": "current", "目標値": "target"}
FIVE = (
    Column("基準値", "令和元年度"),
    Column("実績", "令和３年度"),
    Column("実績", "令和４年度"),
    Column("現状値", "令和５年度"),
    Column("目標値", "令和６年度"),
)
THREE = (
    Column("基準値", "平成３０年度"),
    Column("現状値", "令和５年度"),
    Column("目標値", "令和６年度"),
)
WIDTHS_FIVE = (30.0, 34.0, 22.0, 22.0, 22.0, 22.0, 22.0)
WIDTHS_THREE = (36.0, 38.0, 22.0, 26.0, 26.0, 26.0)

LABEL = "資料１"
TITLE = "基本目標に関する現状報告及び今後の課題・方向性"
FISCAL_YEAR = 2023
CITY = "あおば市"

GOALS: tuple[Goal, ...] = (
    Goal(
        number=1,
        title="安心して子どもを生み育てられるまちづくり",
        page=1,
        columns=FIVE,
        widths=WIDTHS_FIVE,
        indicators=(
            Indicator(
                "子育てしやすいまちと思う人の割合",
                "市民意識調査による数値",
                (("", ("68.4%", "70.1%", "－", "72.5%", "80.0%")),),
                page=1,
                needle="68.4%",
            ),
            Indicator(
                "待機児童数",
                "各年度４月１日時点における待機児童数",
                (("", ("１２３人", "８７人", "４５人", "１２人", "０人")),),
                page=1,
                needle="１２３人",
            ),
            Indicator(
                "子育て相談の延べ件数",
                "子育て世代包括支援センターにおける年間の相談件数",
                (("", ("1,234件", "1,456件", "1,502件", "1,611件", "2,000件")),),
                page=1,
                needle="1,234件",
            ),
        ),
        initiatives=(
            Initiative(
                "妊娠期からの切れ目ない支援",
                (
                    "妊娠届出時に全ての妊婦と面談を行い、支援が必要な家庭を早期に把握するとともに、"
                    "出産後は助産師による家庭訪問を実施し、産後の不安の軽減に努めた。",
                    "また、令和５年度から「出産・子育て応援給付金」の支給を開始し、妊娠期から"
                    "出産・子育てまで一貫した伴走型の相談支援と経済的支援を一体的に行った。",
                ),
                page=1,
            ),
            Initiative(
                "保育の受け皿の確保",
                (
                    "民間保育所２か所の増改築に係る整備費を助成し、定員を６０人拡大したことにより、"
                    "令和５年４月１日時点の待機児童数は１２人となり、前年度から３３人減少した。",
                    "また、保育ニーズの高い駅周辺の地区において、小規模保育事業所の新規開設に向けた"
                    "事業者の公募を行い、令和６年４月の開設に向けて２事業者を選定した。",
                ),
                page=1,
            ),
            Initiative(
                "保育人材の確保と定着",
                (
                    "保育士の就職説明会をオンラインと対面の併用で年３回開催し、"
                    "延べ１４２人が参加した。また、就職した保育士に対する奨励金の交付や、"
                    "宿舎借り上げ費用の補助を継続し、保育人材の確保と定着を図った。",
                ),
                page=1,
            ),
            Initiative(
                "子育て相談体制の充実",
                (
                    "子育て世代包括支援センターの相談員を１人増員し、電話や窓口に加えて"
                    "ＬＩＮＥによる相談受付を開始した結果、年間の延べ相談件数は1,611件となった。",
                ),
                page=1,
            ),
            Initiative(
                "経済的負担の軽減",
                (
                    "子ども医療費の助成対象を高校生年代まで拡大するとともに、"
                    "第２子以降の保育料を無償化し、子育て世帯の経済的負担の軽減を図った。",
                    "さらに、物価高騰の影響を受ける子育て世帯に対し、児童１人あたり５万円の"
                    "「子育て世帯生活支援特別給付金」を支給し、延べ8,420世帯に給付した。",
                ),
                page=1,
            ),
        ),
        challenges=(
            "待機児童数は減少傾向にあるものの、１歳児を中心に年度途中の入所希望に応えられない"
            "状況が続いており、保育人材の確保と併せて受け皿の確保を引き続き進めていく必要がある。",
            "また、相談件数の増加に対応するため、関係機関との情報共有の仕組みを整え、"
            "支援が必要な家庭に確実に支援が届く体制づくりを進める。あわせて、"
            "子育て支援に関する情報が必要な人に届くよう、ＳＮＳや子育て応援アプリを活用した"
            "情報発信の充実を図り、妊娠期から子育て期まで切れ目のない支援を実現していく。",
        ),
    ),
    Goal(
        number=2,
        title="地域全体で子どもの育ちを支えるまちづくり",
        page=2,
        columns=THREE,
        widths=WIDTHS_THREE,
        kubun=True,
        split_header=True,
        indicators=(
            Indicator(
                "地域子育て支援拠点の利用者数",
                "年間の延べ利用者数",
                (("", ("45,600人", "38,210人", "50,000人")),),
                page=2,
                needle="45,600人",
            ),
            Indicator(
                "自分にはよいところがあると思う児童生徒の割合（全国平均との差）",
                "全国学力・学習状況調査による数値（※）",
                (
                    ("小学６年", ("▲1.2%", "0.8%", "全国平均以上")),
                    ("中学３年", ("▲2.5%", "▲0.4%", None)),
                    ("参考（全国）", ("78.9%", "83.5%", None)),
                ),
                page=2,
                needle="▲1.2%",
                note="（※）令和５年度から、調査対象を市内全ての小学６年生及び中学３年生とした。",
            ),
            Indicator(
                "放課後児童クラブの待機児童数",
                "各年度５月１日時点における待機児童数",
                (("", ("38人", "－", "0人")),),
                page=2,
                needle="38人",
            ),
        ),
        initiatives=(
            Initiative(
                "地域の子育て支援拠点の充実",
                (
                    "地域子育て支援拠点を１か所新設し、市内１５か所となった。"
                    "利用者数は回復傾向にあるものの、基準値の水準には達していない。",
                    "また、拠点の職員を対象とした研修を年４回実施し、相談対応の質の向上を図るとともに、"
                    "利用者アンケートの結果を踏まえて土曜日の開所を試行した。",
                ),
                page=2,
            ),
            Initiative(
                "放課後の居場所づくり",
                (
                    "放課後児童クラブの定員を８０人拡大するとともに、"
                    "小学校の余裕教室を活用した放課後子ども教室を新たに３校で開始した。",
                    "この結果、放課後児童クラブの待機児童は解消に向けて改善が進んでいる。",
                ),
                page=2,
            ),
            Initiative(
                "子どもの自己肯定感を育む取組",
                (
                    "地域の大人と子どもが協働する体験活動を年間２４回実施し、"
                    "延べ1,050人の児童生徒が参加した。",
                    "参加した児童生徒へのアンケートでは、９割以上が「また参加したい」と回答しており、"
                    "地域の大人との関わりが子どもの自信につながっている。",
                ),
                page=2,
            ),
        ),
        challenges=(
            "地域の担い手の高齢化が進んでおり、子育て支援に関わる人材の育成と、"
            "若い世代が参加しやすい活動の仕組みづくりが課題である。",
            "今後は、企業や大学との連携を進め、多様な主体が子育て支援に関わる機会を広げるとともに、"
            "放課後の居場所の量と質の両面での充実を図る。",
        ),
    ),
    Goal(
        number=3,
        title="困難を抱える子どもと家庭を支えるまちづくり",
        page=2,
        columns=FIVE,
        widths=WIDTHS_FIVE,
        indicators=(
            Indicator(
                "児童虐待相談対応件数",
                "市の家庭児童相談室における対応件数",
                (("", ("312件", "355件", "341件", "298件", "250件")),),
                page=2,
                needle="312件",
            ),
            Indicator(
                "子ども食堂の設置数",
                "各年度３月末時点における設置数",
                (("", ("12か所", "18か所", "21か所", "26か所", "30か所")),),
                page=2,
                needle="12か所",
            ),
            Indicator(
                "ひとり親家庭の就業率",
                "ひとり親家庭実態調査による数値",
                (("", ("45.6%", "－", "－", "52.3%", "60.0%")),),
                page=2,
                needle="45.6%",
            ),
            Indicator(
                "不登校児童生徒の割合",
                "児童生徒の問題行動・不登校等生徒指導上の諸課題に関する調査による数値",
                (("", ("1.8%", "2.3%", "2.6%", "2.9%", "1.5%")),),
                page=2,
                needle="2.9%",
            ),
            Indicator(
                "スクールソーシャルワーカーの対応件数",
                "年間の延べ対応件数",
                (("", ("876件", "1,045件", "1,190件", "1,321件", "1,500件")),),
                page=2,
                needle="876件",
            ),
            Indicator(
                "学習支援事業の参加者数",
                "年間の実参加者数",
                (("", ("210人", "245人", "260人", "284人", "300人")),),
                page=3,
                needle="284人",
            ),
            Indicator(
                "若者相談窓口の認知度",
                "市民意識調査による数値",
                (("", ("23.4%", "－", "28.1%", "31.0%", "40.0%")),),
                page=3,
                needle="23.4%",
            ),
        ),
        initiatives=(
            Initiative(
                "児童虐待の未然防止と早期対応",
                (
                    "家庭児童相談室の体制を強化し、関係機関との個別ケース検討会議を"
                    "年間１２０回開催した。また、要保護児童対策地域協議会の実務者会議において、"
                    "支援方針の共有と進行管理を徹底した。",
                ),
                page=3,
            ),
            Initiative(
                "子どもの居場所と食の支援",
                (
                    "子ども食堂の立ち上げ経費の助成により、新たに５か所が開設された。"
                    "あわせて、食材の寄附を仲介する仕組みを整え、運営団体の負担軽減を図った。",
                ),
                page=3,
            ),
            Initiative(
                "ひとり親家庭の自立支援",
                ("就業支援専門員による個別相談を行い、資格取得のための給付金を２３人に支給した。",),
                page=3,
            ),
            Initiative(
                "不登校の子どもへの支援",
                (
                    "教育支援センターの開所日を拡大するとともに、スクールソーシャルワーカーを"
                    "２人増員し、家庭への訪問支援を強化した。",
                ),
                page=3,
            ),
        ),
        challenges=(
            "不登校児童生徒の割合は増加が続いており、学校以外の多様な学びの場の確保と、"
            "早期の段階での相談支援の充実が求められる。",
            "また、支援を必要とする子どもや家庭が自ら声を上げにくい状況を踏まえ、"
            "アウトリーチ型の支援を一層推進していく。",
        ),
    ),
)

# --- expected-value normalisation (ours, independent of the extractor) ------------------------

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_LATIN = re.compile(r"[A-Za-z0-9]")
NUMBER = re.compile(
    r"(?P<sign>[▲△+\-]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?P<unit>%|人|か所|件|回|円|倍|ポイント)?"
)
ERA = re.compile(r"(?P<era>令和|平成)(?P<n>元|\d+)年度")
ERA_BASE = {"令和": 2018, "平成": 1988}


def norm(s: str) -> str:
    """Full-width ASCII -> ASCII; spaces dropped except between two Latin letters/digits."""
    s = s.translate(_FULLWIDTH).replace("\n", "")
    s = re.sub(r"[\s\u3000]+", " ", s).strip()
    return "".join(
        ch
        for i, ch in enumerate(s)
        if ch != " " or (_LATIN.match(s[i - 1]) and _LATIN.match(s[i + 1]))
    )


def value(col: Column, printed: str) -> dict[str, Any]:
    """One expected value object from a column and its typed cell."""
    era = norm(col.era)
    m = ERA.fullmatch(era)
    assert m, era
    raw = norm(printed)
    out: dict[str, Any] = {
        "role": ROLE[col.word],
        "fiscal_year": ERA_BASE[m["era"]] + (1 if m["n"] == "元" else int(m["n"])),
        "era": era,
        "raw": raw,
        "kind": "text",
        "value": None,
        "unit": None,
    }
    if raw == "-":
        out["kind"] = "missing"
    elif n := NUMBER.fullmatch(raw):
        digits = n["int"].replace(",", "")
        num: float | int = float(digits + n["frac"]) if n["frac"] else int(digits)
        out.update(kind="number", value=-num if n["sign"] == "▲" else num, unit=n["unit"])
    return out


def expected_indicator(ind: Indicator, goal: Goal) -> dict[str, Any]:
    """A merged cell gives its value to every sub-row, as the golden convention says."""
    series = []
    last: list[str] = [""] * len(goal.columns)
    for label, cells in ind.rows:
        for j, text in enumerate(cells):
            last[j] = text if text is not None else last[j]
        values = [value(col, last[j]) for j, col in enumerate(goal.columns)]
        series.append({"label": norm(label) or None, "values": values})
    return {
        "name": norm(ind.name),
        "source": norm(ind.source),
        "note": norm(ind.note) if ind.note else None,
        "page": ind.page,
        "series": series,
    }


def expected_report(pdf: Path, pages: int) -> dict[str, Any]:
    """The expected JSON of office_city_2023, from the content data."""
    goals = [
        {
            "number": g.number,
            "title": norm(g.title),
            "page": g.page,
            "indicators": [expected_indicator(ind, g) for ind in g.indicators],
            "initiatives": [
                {
                    "number": k,
                    "title": norm(ini.title),
                    "paragraphs": [norm(p) for p in ini.paragraphs],
                    "page": ini.page,
                }
                for k, ini in enumerate(g.initiatives, start=1)
            ],
            "challenges": [norm(p) for p in g.challenges],
        }
        for g in GOALS
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": GENERATOR,
        "source": source(pdf, pages),
        "label": norm(LABEL),
        "title": norm(TITLE),
        "fiscal_year": FISCAL_YEAR,
        "goals": goals,
        "warnings": [],
    }


# --- .docx -----------------------------------------------------------------------------------


def zen(n: int) -> str:
    """A number in full-width digits, as typed in Japanese headings."""
    return str(n).translate({cp: cp + 0xFEE0 for cp in range(0x30, 0x3A)})


def set_fonts(rpr: Any, font: str, size: float | None = None) -> None:
    """Set ascii/hAnsi/eastAsia fonts (and size) on an rPr: Word picks the East Asian font
    for kana and kanji only from ``w:eastAsia``."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(round(size * 2)))


def run(p: Paragraph, text: str, font: str = MINCHO, size: float = 10.5) -> None:
    """A run with explicit fonts: direct formatting, as Word users leave it."""
    set_fonts(p.add_run(text)._r.get_or_add_rPr(), font, size)


def para(
    container: Any,
    text: str = "",
    font: str = MINCHO,
    size: float = 10.5,
    align: WD_ALIGN_PARAGRAPH | None = None,
    keep: bool = False,
    before: float = 0,
) -> Paragraph:
    """One paragraph; headings keep with the next one so they are never orphaned."""
    p = container.add_paragraph()
    if text:
        run(p, text, font, size)
    p.alignment = align
    p.paragraph_format.keep_with_next = keep
    p.paragraph_format.space_before = Pt(before)
    return p


def set_defaults(doc: Any) -> None:
    """Document defaults: IPAex Mincho 10.5pt, Japanese language, no paragraph spacing."""
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, MINCHO, 10.5)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "ja-JP")
    normal = doc.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), MINCHO, 10.5)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = Pt(17)
    pf.widow_control = True


def label_box(doc: Any, text_width: float) -> None:
    """The boxed 資料１ label at the top right: a bordered paragraph, left-indented so the
    box is only as wide as the label (Word users do this instead of a text box)."""
    p = para(doc, LABEL, GOTHIC, 12, WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.left_indent = Mm(text_width - 22)
    p.paragraph_format.line_spacing = 1.0
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "8")
        el.set(qn("w:space"), "1")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    ppr.append(borders)


def page_footer(section: Any) -> None:
    """Centred ``- n -`` with a PAGE field, as Word writes it."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(p, "- ", MINCHO, 10.5)
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("t", "1")):
        r = p.add_run()
        set_fonts(r._r.get_or_add_rPr(), MINCHO, 10.5)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "t":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        r._r.append(el)
    r = p.add_run()
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), "end")
    r._r.append(el)
    run(p, " -", MINCHO, 10.5)


def row_props(row: Any, header: bool) -> None:
    """Rows never split across pages (cantSplit); the header row repeats (tblHeader)."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def shade(cell: _Cell, fill: str = "D9D9D9") -> None:
    """Grey header cells: filled rectangles behind text, as in most real reports."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def cell_text(
    cell: _Cell, lines: list[str], align: WD_ALIGN_PARAGRAPH, size: float, split: bool = False
) -> None:
    """Fill a cell: ``lines`` joined by line breaks in one paragraph, or one paragraph each."""
    p = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i and split:
            p = cell.add_paragraph()
        elif i:
            p.add_run().add_break(WD_BREAK.LINE)
        run(p, line, MINCHO, size)
    for q in cell.paragraphs:
        q.alignment = align
        q.paragraph_format.line_spacing = 1.0
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def indicator_table(doc: Any, g: Goal) -> Table:
    """The ruled indicator table; sub-rows share vertically merged name/評価指標 cells."""
    v0 = 3 if g.kubun else 2
    n_rows = 1 + sum(len(ind.rows) for ind in g.indicators)
    table = doc.add_table(rows=n_rows, cols=v0 + len(g.columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "45" if side in ("left", "right") else "20")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tblpr.append(margins)
    for row in table.rows:
        for cell, width in zip(row.cells, g.widths, strict=True):
            cell.width = Mm(width)
    for j, width in enumerate(g.widths):
        table.columns[j].width = Mm(width)
    header = table.rows[0].cells
    heads = [["成果指標"], ["評価指標"]] + ([["区分"]] if g.kubun else [])
    heads += [[c.word, f"（{c.era}）"] for c in g.columns]
    for cell, lines in zip(header, heads, strict=True):
        cell_text(cell, lines, WD_ALIGN_PARAGRAPH.CENTER, 8, split=g.split_header)
        shade(cell)
    for i, row in enumerate(table.rows):
        row_props(row, header=i == 0)
    r = 1
    for ind in g.indicators:
        k = len(ind.rows)
        for c, text in ((0, ind.name), (1, ind.source)):
            cell = table.cell(r, c).merge(table.cell(r + k - 1, c)) if k > 1 else table.cell(r, c)
            cell_text(cell, [text], WD_ALIGN_PARAGRAPH.LEFT, 8.5)
        for i, (label, cells) in enumerate(ind.rows):
            if g.kubun:
                cell_text(
                    table.cell(r + i, 2), [label] if label else [], WD_ALIGN_PARAGRAPH.CENTER, 8.5
                )
            for j, text in enumerate(cells):
                if text is None:
                    continue
                span = 1
                while i + span < k and ind.rows[i + span][1][j] is None:
                    span += 1
                cell = table.cell(r + i, v0 + j)
                if span > 1:
                    cell = cell.merge(table.cell(r + i + span - 1, v0 + j))
                cell_text(cell, [text], WD_ALIGN_PARAGRAPH.CENTER, 8.5)
        r += k
    return table


def build_docx(path: Path) -> None:
    """Write the .docx of office_city_2023 (A4, 20 mm margins)."""
    doc = Document()
    set_defaults(doc)
    props = doc.core_properties
    props.title = TITLE
    props.author = CITY
    props.created = props.modified = dt.datetime(2024, 5, 15, 9, 0, 0)
    props.revision = 1
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.footer_distance = Mm(10)
    page_footer(section)
    label_box(doc, 210 - 36)
    para(
        doc, TITLE, GOTHIC, 14, WD_ALIGN_PARAGRAPH.CENTER, before=12
    ).paragraph_format.space_after = Pt(12)
    for g in GOALS:
        heading = f"{zen(g.number)}{INDENT}【基本目標{zen(g.number)}】"
        para(
            doc,
            f"{heading}{g.title}について",
            GOTHIC,
            11,
            keep=True,
            before=6 if g.number > 1 else 0,
        )
        para(doc, "（１）成果指標の現状値", GOTHIC, 10.5, keep=True, before=4)
        indicator_table(doc, g)
        for ind in g.indicators:
            if ind.note:
                para(doc, ind.note, MINCHO, 9)
        para(doc, "")
        para(doc, "（２）令和５年度の取組状況", GOTHIC, 10.5, keep=True)
        for k, ini in enumerate(g.initiatives):
            para(doc, INDENT + CIRCLED[k] + ini.title, GOTHIC, 10.5, keep=True, before=4)
            for text in ini.paragraphs:
                para(doc, INDENT + text)
        para(doc, "（３）今後の課題・方向性", GOTHIC, 10.5, keep=True, before=8)
        for text in g.challenges:
            para(doc, INDENT + text)
    doc.save(str(path))


# --- conversion and checks -------------------------------------------------------------------


def soffice_pdf(docx: Path, work: Path) -> Path:
    """Convert with a private LibreOffice profile (no clash with a running instance)."""
    profile = (work / "lo_profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return work / f"{docx.stem}.pdf"


def fix_metadata(src: Path, dst: Path) -> int:
    """Fixed dates, no XMP, no /DocChecksum, deterministic /ID; returns the page count."""
    with pikepdf.open(src) as pdf:
        info = pdf.docinfo
        for key in ("/CreationDate", "/ModDate"):
            if key in info:
                info[key] = pikepdf.String(FIXED_DATE)
        if "/Metadata" in pdf.Root:
            del pdf.Root.Metadata
        # LibreOffice's /ID is random and qpdf keeps part of it: replace it by a content hash.
        digest = hashlib.md5(usedforsecurity=False)
        for page in pdf.pages:
            contents = page.obj.Contents
            for stream in contents if isinstance(contents, pikepdf.Array) else [contents]:
                digest.update(stream.read_bytes())
        pdf.trailer.ID = pikepdf.Array([pikepdf.String(digest.digest())] * 2)
        if "/DocChecksum" in pdf.trailer:  # LibreOffice's, changes with every export
            del pdf.trailer.DocChecksum
        pdf.save(dst, deterministic_id=True)
        return len(pdf.pages)


def page_texts(pdf: Path, pages: int) -> list[str]:
    """Per-page text by poppler's pdftotext, all whitespace removed."""
    out = []
    for i in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        out.append(re.sub(r"\s+", "", text))
    return out


def check_pages(pdf: Path, pages: int) -> list[str]:
    """Every hand-entered page against where pdftotext finds the anchor text."""
    texts = page_texts(pdf, pages)
    problems = []

    def where(needle: str, expected: int, what: str) -> None:
        found = [i + 1 for i, t in enumerate(texts) if needle in t]
        if found != [expected]:
            problems.append(f"{what}: page {expected} expected, {needle!r} found on {found}")

    for g in GOALS:
        where(f"【基本目標{zen(g.number)}】", g.page, f"goal {g.number}")
        for ind in g.indicators:
            where(ind.needle, ind.page, f"goal {g.number} indicator {ind.name}")
        for k, ini in enumerate(g.initiatives):
            where(CIRCLED[k] + ini.title, ini.page, f"goal {g.number} initiative {k + 1}")
    return problems


def build_office(stem: str = "office_city_2023") -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="office_sample_") as tmp:
        work = Path(tmp)
        docx = work / f"{stem}.docx"
        build_docx(docx)
        pdf = SAMPLES / f"{stem}.pdf"
        pages = fix_metadata(soffice_pdf(docx, work), pdf)
    if not 3 <= pages <= 5:
        raise SystemExit(f"{stem}: {pages} pages, expected 3-5")
    problems = check_pages(pdf, pages)
    if problems:
        raise SystemExit(f"{stem}: the layout moved:\n  " + "\n  ".join(problems))
    return expected_report(pdf, pages)


# --- Ghostscript twins -----------------------------------------------------------------------


def split_tounicode(src: Path, dst: Path, limit: int = 100) -> None:
    """Rewrite every ToUnicode CMap with at most ``limit`` entries per bfchar block."""
    block = re.compile(rb"(\d+) beginbfchar\s*(.*?)endbfchar", re.S)
    with pikepdf.open(src) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and "/ToUnicode" in obj:
                data = obj.ToUnicode.read_bytes()

                def reblock(m: re.Match[bytes]) -> bytes:
                    lines = m.group(2).strip().splitlines()
                    return b"".join(
                        b"%d beginbfchar\n%s\nendbfchar\n"
                        % (len(lines[i : i + limit]), b"\n".join(lines[i : i + limit]))
                        for i in range(0, len(lines), limit)
                    )

                obj.ToUnicode.write(block.sub(reblock, data))
        pdf.save(dst, deterministic_id=True)


def ghostscript(src: Path, dst: Path) -> None:
    """pdfwrite with no dates, /ID or XMP, so the output is byte-stable."""
    subprocess.run(
        [
            "gs",
            "-sDEVICE=pdfwrite",
            "-dNOPAUSE",
            "-dBATCH",
            "-dQUIET",
            "-dPDFSTOPONERROR",
            "-dOmitInfoDate",
            "-dOmitID",
            "-dOmitXMP",
            f"-sOutputFile={dst}",
            str(src),
        ],
        check=True,
        timeout=300,
    )


def build_gs(stem: str) -> dict[str, Any] | None:
    """Ghostscript twins of the reference. The plain one loses 3 of 4 ToUnicode maps, so it
    is no sample but a test fixture of an undecodable document (no golden)."""
    ref = SAMPLES / "kurume_2021.pdf"
    if stem != "kurume_2021_fixedcmap_gs":
        ghostscript(ref, FIXTURES / "kurume_2021_gs_lost_cmaps.pdf")
        return None
    pdf = SAMPLES / f"{stem}.pdf"
    with tempfile.TemporaryDirectory(prefix="gs_sample_") as tmp:
        fixed = Path(tmp) / "in.pdf"
        split_tounicode(ref, fixed)
        ghostscript(fixed, pdf)
    with pikepdf.open(pdf) as doc:
        pages = len(doc.pages)
    data = copy.deepcopy(json.loads((GOLDEN / "kurume_2021.json").read_text("utf-8")))
    data["source"] = source(pdf, pages)
    return data


BUILDERS = {
    "office_city_2023": build_office,
    "kurume_2021_gs": build_gs,
    "kurume_2021_fixedcmap_gs": build_gs,
}


def main(argv: list[str]) -> None:
    overwrite = "--write-golden" in argv
    stems = [a for a in argv if not a.startswith("--")] or list(BUILDERS)
    for tool in ("soffice", "gs", "pdftotext"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} not found (see the docstring for the packages)")
    for stem in stems:
        data = BUILDERS[stem](stem)
        if data is None:
            continue
        write_golden(stem, data, overwrite=overwrite)
        print(f"{stem}: {data['source']['pages']} pages, {data['source']['sha256'][:12]}")


if __name__ == "__main__":
    main(sys.argv[1:])
