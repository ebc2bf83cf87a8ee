"""Generate sample reports made by other PDF producers, and their expected JSON.

Why: the reportlab samples (make_samples.py) all look alike inside. Real reports are typed in
Word or LibreOffice and sometimes re-distilled; their PDFs position text, draw table rules and
embed fonts differently. Four samples come from here:

``office_city_2023`` and ``office_city_2024``
    Fictional cities' FY2023 and FY2024 reports (``OFFICE_2023``, ``OFFICE_2024``: one
    ``Report`` spec each, drawn by the same helpers) written as .docx with python-docx and
    converted by LibreOffice (``soffice --headless --convert-to pdf``); LibreOffice does all
    line wrapping and page breaking. The FY2024 one brings a running header, an ``n/m`` footer,
    wrapped goal and initiative titles with hanging indents, bullet items, a two-row table
    header, footnote marks in name cells and a paragraph across a page break (samples/README.md).
    The expected JSON is derived from the content data below (what we typed, normalised by
    ``extractor.normalise.normalise_text``, the documented contract), never from the
    extractor. The pages in the data (``page=``) were read off the rendered PDF by eye; the
    build checks them, and the line wraps a sample is about, against ``pdftotext`` and stops
    when the layout moved (another LibreOffice version, other fonts).
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
import itertools
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pikepdf
from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from golden_files import FIXTURES, GOLDEN, SAMPLES, expected_value, source, write_golden
from sample_specs import Column

from extractor.normalise import normalise_text

GENERATOR = {"name": "extractor", "version": "0.1.0"}
SCHEMA_VERSION = "1.2"
MINCHO = "IPAexMincho"
GOTHIC = "IPAexGothic"
INDENT = "\u3000"
BULLET = "・"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"

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
    # Value column headers: role word + line break + era in one paragraph ("break"), as two
    # paragraphs in one cell ("paragraphs"), or two ruled rows with the role words on top
    # (one role cell spanning consecutive columns of the same role) and the eras below.
    header: Literal["break", "paragraphs", "two_rows"] = "break"


@dataclass(frozen=True)
class Report:
    """One sample: what is typed into the .docx, and how the page furniture looks."""

    stem: str
    city: str
    label: str
    title: str
    fiscal_year: int
    goals: tuple[Goal, ...]
    created: dt.datetime  # .docx core properties and the PDF's Info dates
    footer: tuple[str, ...]  # footer pieces; "PAGE" and "NUMPAGES" are fields
    running_header: str | None = None  # small type at the top right of every page
    heading_gap: str = ""  # typed between 【基本目標n】 and the goal title
    hanging: bool = False  # wrapped goal/initiative titles continue under the title text
    # Extra (needle, page) checks, e.g. the words on both sides of a page break.
    page_checks: tuple[tuple[str, int], ...] = ()
    # Text that must end a printed line: the wraps the sample is about.
    line_ends: tuple[str, ...] = ()


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

TITLE = "基本目標に関する現状報告及び今後の課題・方向性"

GOALS_2023: tuple[Goal, ...] = (
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
        header="paragraphs",
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

OFFICE_2023 = Report(
    stem="office_city_2023",
    city="あおば市",
    label="資料１",
    title=TITLE,
    fiscal_year=2023,
    goals=GOALS_2023,
    created=dt.datetime(2024, 5, 15, 9, 0, 0),
    footer=("- ", "PAGE", " -"),
)

# office_city_2024: another city (ひかり市), the FY2024 report of its plan's last year, so the
# current value and the target carry the same year (令和６年度). Pages read off the rendered PDF.

FIVE_2024 = (
    Column("基準値", "令和元年度"),
    Column("実績", "令和４年度"),
    Column("実績", "令和５年度"),
    Column("現状値", "令和６年度"),
    Column("目標値", "令和６年度"),
)
FOUR_2024 = (
    Column("基準値", "令和元年度"),
    Column("実績", "令和５年度"),
    Column("現状値", "令和６年度"),
    Column("目標値", "令和６年度"),
)
HEISEI_2024 = (  # another column order: the target before the actual and current values
    Column("基準値", "平成３０年度"),
    Column("目標値", "令和６年度"),
    Column("実績", "令和５年度"),
    Column("現状値", "令和６年度"),
)
WIDTHS_FOUR = (36.0, 34.0, 26.0, 26.0, 26.0, 26.0)


def one_row(*cells: str) -> tuple[tuple[str, tuple[str | None, ...]], ...]:
    """The rows of an indicator without sub-rows."""
    return (("", cells),)


GOALS_2024: tuple[Goal, ...] = (
    Goal(
        number=1,
        title="安心して子どもを生み育てることができるまちづくり",
        page=1,
        columns=FIVE_2024,
        widths=WIDTHS_FIVE,
        header="two_rows",
        indicators=(
            Indicator(
                "子育てしやすいまちだと思う市民の割合",
                "市民意識調査による数値",
                one_row("62.3%", "64.8%", "66.0%", "集計中", "70.0%"),
                page=1,
                needle="集計中",
            ),
            Indicator(
                "子育て相談の延べ件数",
                "子育て世代包括支援センターにおける年間の相談件数",
                one_row("1,234件", "1,480件", "1,562件", "1,701件", "増加"),
                page=1,
                needle="1,701件",
            ),
            Indicator(
                "一時預かり事業の利用者数の伸び",
                "令和元年度の利用者数に対する倍率",
                one_row("1.0倍", "1.8倍", "2.1倍", "2.5倍", "3.0倍"),
                page=1,
                needle="2.5倍",
            ),
            Indicator(
                "乳児家庭全戸訪問の実施率",
                "生後４か月までの乳児がいる家庭への訪問率",
                one_row("96.5%", "－", "98.2%", "98.9%", "100%"),
                page=1,
                needle="98.9%",
            ),
        ),
        initiatives=(
            Initiative(
                "妊娠・出産期からの切れ目ない相談支援",
                (
                    "妊娠届出時の面談と妊娠８か月頃のアンケートを全ての妊婦に実施し、支援が必要な"
                    "家庭を早期に把握した。また、産後ケア事業の利用対象を産後１年未満まで拡大し、"
                    "延べ３１２人が利用した。",
                    "さらに、令和６年度から子育て支援アプリの運用を開始し、妊婦健診や予防接種の"
                    "日程の通知と、オンラインでの相談予約ができるようにした。登録者数は３月末時点で"
                    "2,845人となった。",
                ),
                page=1,
            ),
            Initiative(
                "保育の受け皿と質の確保",
                (
                    "令和６年４月に小規模保育事業所を２か所開設し、定員を３８人拡大した。"
                    "あわせて、保育士等を対象とした研修を年６回実施し、保育の質の向上を図った。",
                    "また、市内の保育所等に就職した保育士への就労奨励金の交付と、宿舎借り上げ費用の"
                    "補助を継続し、新たに２７人の保育士を確保した。",
                ),
                page=1,
            ),
            Initiative(
                "一時預かり・病児保育の充実",
                (
                    "一時預かり事業の実施施設を２か所増やしたほか、ウェブ予約を導入した結果、"
                    "利用者数は令和元年度の2.5倍となった。",
                    "なお、病児保育については、市内の小児科医院と連携し、空き状況の確認と予約を"
                    "オンラインでできるようにした。",
                ),
                page=1,
            ),
            Initiative(
                "子育て世帯の経済的負担の軽減",
                (
                    "第２子以降の３歳未満児の保育料を無償化するとともに、子ども医療費の助成に"
                    "おける所得制限を撤廃した。",
                    "さらに、物価高騰の影響を受ける子育て世帯に対し、児童１人あたり２万円の"
                    "「ひかり市子育て応援給付金」を支給した。",
                ),
                page=1,
            ),
        ),
        challenges=(
            "子育てしやすいまちだと思う市民の割合は、令和６年度の調査結果を集計中であるが、"
            "令和５年度までは着実に上昇しており、引き続き相談支援と経済的支援の両面から"
            "取組を進めるとともに、子育て世帯の声を施策に反映する仕組みづくりを進める。",
            "また、一時預かり事業の利用が伸びている一方で、希望する日に利用できないとの声も"
            "あることから、受入れ体制の拡充を検討する。あわせて、保育士の確保は依然として"
            "厳しい状況にあり、処遇改善や働きやすい職場環境づくりへの支援を継続するとともに、"
            "潜在保育士の復職支援にも取り組む。また、子育て支援アプリの登録者を増やし、"
            "必要な情報が必要な人に確実に届くよう、情報発信の充実を図る。",
        ),
    ),
    Goal(
        number=2,
        title="すべての子どもが地域の中で安心して学び、遊び、育つことのできる環境づくり",
        page=2,
        columns=FOUR_2024,
        widths=WIDTHS_FOUR,
        indicators=(
            Indicator(
                "放課後児童クラブの待機児童数※1",
                "各年度５月１日時点における待機児童数",
                one_row("86人", "41人", "17人", "0人"),
                page=2,
                needle="86人",
                note="※1　令和６年度から、受入れ対象を小学６年生まで拡大した。",
            ),
            Indicator(
                "地域子育て支援拠点の延べ利用者数※2",
                "年間の延べ利用者数",
                one_row("52,310人", "44,870人", "49,120人", "55,000人"),
                page=2,
                needle="52,310人",
                note="※2　令和２年度から令和４年度までは、感染症対策のため利用人数を制限した。",
            ),
            Indicator(
                "放課後子ども教室の実施校数",
                "各年度末時点における実施校数",
                one_row("8校", "14校", "17校", "20校"),
                page=2,
                needle="14校",
            ),
        ),
        initiatives=(
            Initiative(
                "放課後児童クラブの受け皿の拡大",
                (
                    "小学校の余裕教室を活用して放課後児童クラブを３か所新設し、定員を１２０人"
                    "拡大した結果、待機児童数は１７人となり、前年度から２４人減少した。",
                    "また、長期休業期間中のみ利用できる夏休み限定の放課後児童クラブを２か所で"
                    "開設し、５６人が利用した。",
                ),
                page=2,
            ),
            Initiative(
                "子どもの体験・学びの機会の充実",
                (
                    "夏休みや週末を中心に、地域や企業と連携した体験プログラムを実施した。"
                    "主な取組は次のとおりである。",
                    "・親子で参加する自然体験教室の実施（延べ120人参加）",
                    "・市内の大学と連携した小中学生向けプログラミング講座及び科学実験教室の開催"
                    "（年８回、延べ264人参加）",
                    "・図書館における読み聞かせ会の実施（年48回）",
                    "参加者アンケートでは、９割以上の子どもが「楽しかった」「また参加したい」と"
                    "回答した。",
                ),
                page=2,
            ),
            Initiative(
                "地域の子育て支援団体や企業、大学等との連携による子どもの居場所づくりと"
                "地域で子どもを見守る担い手の育成",
                (
                    "地域子育て支援拠点の利用者数は49,120人となり、利用人数の制限を行っていた"
                    "令和４年度から回復した。また、見守り活動の担い手を養成する講座を開催し、"
                    "新たに４２人が登録した。",
                ),
                page=2,
            ),
        ),
        challenges=(
            "放課後児童クラブの待機児童は減少しているものの、受入れ対象の拡大に伴い高学年の"
            "利用希望が増えていることから、引き続き受け皿の確保を進める必要がある。",
            "あわせて、放課後子ども教室と放課後児童クラブの一体的な運営を進め、全ての児童が"
            "放課後を安全に過ごせる環境を整える。",
            "また、子どもが安心して過ごせる居場所を地域全体で確保するため、子育て支援団体や"
            "企業、大学等との連携を一層進め、担い手の育成と活動の継続を支援していく。",
        ),
    ),
    Goal(
        number=3,
        title="困難を抱える子どもと家庭を支える仕組みづくり",
        page=3,
        columns=HEISEI_2024,
        widths=WIDTHS_FOUR,
        indicators=(
            Indicator(
                "児童虐待相談対応件数",
                "家庭児童相談室における年間の対応件数",
                one_row("298件", "250件", "341件", "327件"),
                page=3,
                needle="298件",
            ),
            Indicator(
                "ひとり親家庭の就業率",
                "ひとり親家庭実態調査による数値",
                one_row("71.2%", "80.0%", "－", "76.4%"),
                page=3,
                needle="71.2%",
            ),
            Indicator(
                "学習支援事業の参加者数",
                "年間の実参加者数",
                one_row("96人", "150人", "138人", "145人"),
                page=3,
                needle="96人",
            ),
            Indicator(
                "スクールソーシャルワーカーの対応件数",
                "年間の延べ対応件数",
                one_row("512件", "1,000件", "1,088件", "1,156件"),
                page=3,
                needle="1,156件",
            ),
        ),
        initiatives=(
            Initiative(
                "児童虐待の未然防止と早期対応",
                (
                    "家庭児童相談室に心理職を１人配置し、相談体制を強化した。また、要保護児童対策"
                    "地域協議会の実務者会議を毎月開催し、関係機関との情報共有を徹底した。",
                ),
                page=3,
            ),
            Initiative(
                "ひとり親家庭の自立支援",
                (
                    "就業支援専門員による個別相談を行い、資格取得のための給付金を１９人に支給した。"
                    "就業率は前回調査から5.2ポイント上昇したが、目標には届いていない。",
                ),
                page=3,
            ),
            Initiative(
                "子どもの学習・生活支援",
                (
                    "生活困窮世帯等の中学生を対象とした学習支援教室を市内４か所で開催し、"
                    "１４５人が参加した。",
                ),
                page=3,
            ),
            Initiative(
                "不登校の子どもへの支援",
                (
                    "教育支援センターの開所日を拡大するとともに、スクールソーシャルワーカーを"
                    "１人増員し、家庭への訪問支援を強化した。",
                ),
                page=3,
            ),
            Initiative(
                "ヤングケアラーへの支援",
                (
                    "教職員を対象とした研修を実施し、早期発見の視点を共有したほか、"
                    "元ヤングケアラーによる相談窓口を開設した。",
                ),
                page=3,
            ),
        ),
        challenges=(
            "児童虐待相談対応件数は高い水準で推移しており、相談体制の強化とあわせて、"
            "妊娠期からの予防的な支援の充実が求められる。",
            "また、ひとり親家庭の就業率は上昇しているものの目標には届いておらず、就業支援と"
            "生活支援を組み合わせた継続的な支援が必要である。今後は、ヤングケアラーや不登校の"
            "子どもなど、支援を必要とする子どもや家庭が自ら声を上げにくい状況を踏まえ、"
            "関係機関が連携して早期に把握し、必要な支援につなぐ体制を構築していく。",
        ),
    ),
)

OFFICE_2024 = Report(
    stem="office_city_2024",
    city="ひかり市",
    label="資料２",
    title=TITLE,
    fiscal_year=2024,
    goals=GOALS_2024,
    created=dt.datetime(2024, 11, 20, 10, 0, 0),
    footer=("PAGE", "/", "NUMPAGES"),
    running_header="令和６年度第２回ひかり市子ども・子育て会議　資料２",
    heading_gap=INDENT,
    hanging=True,
    page_checks=(("処遇改善や働", 1), ("きやすい職場環境づくり", 2)),
    line_ends=(
        "育つことのできる環境づ",  # goal 2 heading, continued under the title text
        "子どもを見守",  # goal 2 ③'s title
        "（年８回、延べ",  # the second bullet item
        "処遇改善や働",  # goal 1's last challenge paragraph, the last line of page 1
    ),
)

REPORTS = {rep.stem: rep for rep in (OFFICE_2023, OFFICE_2024)}


# --- expected-value normalisation ------------------------------------------------------------
# What we typed, normalised by the documented contract (extractor.normalise: full-width ASCII
# → ASCII, spaces dropped between Japanese characters and kept as one between Japanese and
# Latin/digits, e.g. ``※1　次回`` → ``※1 次回``). Only this pure string function is shared
# with the extractor; the structure of the expected JSON comes from the content data alone.


def norm(s: str) -> str:
    """A typed string as the report's JSON spells it."""
    return normalise_text(s)


def expected_indicator(ind: Indicator, goal: Goal) -> dict[str, Any]:
    """A merged cell gives its value to every sub-row, as the golden convention says."""
    series = []
    last: list[str] = [""] * len(goal.columns)
    for label, cells in ind.rows:
        for j, text in enumerate(cells):
            last[j] = text if text is not None else last[j]
        values = [
            expected_value(col.word, col.era, last[j], norm) for j, col in enumerate(goal.columns)
        ]
        series.append({"label": norm(label) or None, "values": values})
    return {
        "name": norm(ind.name),
        "source": norm(ind.source),
        "note": norm(ind.note) if ind.note else None,
        "page": ind.page,
        "series": series,
        "assessment": [],
    }


def expected_report(pdf: Path, pages: int, rep: Report) -> dict[str, Any]:
    """The expected JSON of one report, from its content data."""
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
            "notes": [],
        }
        for g in rep.goals
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": GENERATOR,
        "source": source(pdf, pages),
        "label": norm(rep.label),
        "title": norm(rep.title),
        "fiscal_year": rep.fiscal_year,
        "goals": goals,
        "warnings": [],
    }


# --- .docx -----------------------------------------------------------------------------------


def zen(n: int) -> str:
    """A number in full-width digits, as typed in Japanese headings."""
    return str(n).translate({cp: cp + 0xFEE0 for cp in range(0x30, 0x3A)})


def box_paragraph(p: Paragraph) -> None:
    """A thin single border round a paragraph (a boxed label such as 資料２ in Word)."""
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "8")
        el.set(qn("w:space"), "1")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    p._p.get_or_add_pPr().append(borders)


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


def hang(p: Paragraph, chars: int, size: float, start: int = 0) -> None:
    """A hanging indent: the first line starts ``start`` characters in, the wrapped lines
    ``chars`` characters further (under the text after a number or a bullet)."""
    p.paragraph_format.left_indent = Pt((start + chars) * size)
    p.paragraph_format.first_line_indent = Pt(-chars * size)


def label_box(doc: Any, label: str, text_width: float) -> None:
    """The boxed 資料１ label at the top right: a bordered paragraph, left-indented so the
    box is only as wide as the label (Word users do this instead of a text box)."""
    p = para(doc, label, GOTHIC, 12, WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.left_indent = Mm(text_width - 22)
    p.paragraph_format.line_spacing = 1.0
    box_paragraph(p)


def page_footer(section: Any, pieces: tuple[str, ...]) -> None:
    """Centred footer, e.g. ``- n -`` or ``n/m``: "PAGE" and "NUMPAGES" pieces are fields."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in pieces:
        if piece in ("PAGE", "NUMPAGES"):
            field(p, piece)
        else:
            run(p, piece, MINCHO, 10.5)


def running_header(section: Any, text: str) -> None:
    """Small type at the top right of every page (the meeting and the document number)."""
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run(p, text, MINCHO, 9)


def field(p: Paragraph, instr: str) -> None:
    """A field (PAGE, NUMPAGES) as Word writes it: begin, instruction, separate, result, end."""
    for kind, text in (("begin", None), ("instr", f" {instr} "), ("separate", None), ("t", "1")):
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
    head_rows = 2 if g.header == "two_rows" else 1
    n_rows = head_rows + sum(len(ind.rows) for ind in g.indicators)
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
    heads = [["成果指標"], ["評価指標"]] + ([["区分"]] if g.kubun else [])
    if g.header == "two_rows":
        # Fixed columns span both header rows; role words on top, one cell over a run of
        # columns with the same role (実績 over two years); the eras in the second row.
        cells = [table.cell(0, j).merge(table.cell(1, j)) for j in range(v0)]
        j = v0
        for word, group in itertools.groupby(c.word for c in g.columns):
            n = len(list(group))
            cells.append(
                table.cell(0, j).merge(table.cell(0, j + n - 1)) if n > 1 else table.cell(0, j)
            )
            heads.append([word])
            j += n
        cells += [table.cell(1, v0 + j) for j in range(len(g.columns))]
        heads += [[f"（{c.era}）"] for c in g.columns]
    else:
        cells = table.rows[0].cells
        heads += [[c.word, f"（{c.era}）"] for c in g.columns]
    for cell, lines in zip(cells, heads, strict=True):
        cell_text(cell, lines, WD_ALIGN_PARAGRAPH.CENTER, 8, split=g.header == "paragraphs")
        shade(cell)
    for i, row in enumerate(table.rows):
        row_props(row, header=i < head_rows)
    r = head_rows
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


def era_year(fiscal_year: int) -> str:
    """``2024`` → ``令和６年度``, as typed in the （２） heading."""
    return f"令和{zen(fiscal_year - 2018)}年度"


def build_docx(path: Path, rep: Report) -> None:
    """Write the .docx of one report (A4, 20 mm margins)."""
    doc = Document()
    set_defaults(doc)
    props = doc.core_properties
    props.title = rep.title
    props.author = rep.city
    props.created = props.modified = rep.created
    props.revision = 1
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.footer_distance = Mm(10)
    page_footer(section, rep.footer)
    if rep.running_header:
        section.header_distance = Mm(10)
        running_header(section, rep.running_header)
    label_box(doc, rep.label, 210 - 36)
    para(
        doc, rep.title, GOTHIC, 14, WD_ALIGN_PARAGRAPH.CENTER, before=12
    ).paragraph_format.space_after = Pt(12)
    for g in rep.goals:
        heading = f"{zen(g.number)}{INDENT}【基本目標{zen(g.number)}】{rep.heading_gap}"
        p = para(
            doc,
            f"{heading}{g.title}について",
            GOTHIC,
            11,
            keep=True,
            before=6 if g.number > 1 else 0,
        )
        if rep.hanging:
            hang(p, len(heading), 11)
        para(doc, "（１）成果指標の現状値", GOTHIC, 10.5, keep=True, before=4)
        indicator_table(doc, g)
        for ind in g.indicators:
            if ind.note:
                para(doc, ind.note, MINCHO, 9)
        para(doc, "")
        para(doc, f"（２）{era_year(rep.fiscal_year)}の取組状況", GOTHIC, 10.5, keep=True)
        for k, ini in enumerate(g.initiatives):
            prefix = INDENT + CIRCLED[k]
            p = para(doc, prefix + ini.title, GOTHIC, 10.5, keep=True, before=4)
            if rep.hanging:
                hang(p, len(prefix), 10.5)
            for text in ini.paragraphs:
                if text.startswith(BULLET):  # a list item: the bullet one character in
                    hang(para(doc, text), 1, 10.5, start=1)
                else:
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


def fix_metadata(src: Path, dst: Path, when: dt.datetime) -> int:
    """Fixed dates, no XMP, no /DocChecksum, deterministic /ID; returns the page count."""
    with pikepdf.open(src) as pdf:
        info = pdf.docinfo
        for key in ("/CreationDate", "/ModDate"):
            if key in info:
                info[key] = pikepdf.String(when.strftime("D:%Y%m%d%H%M%S+09'00'"))
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


def printed_lines(pdf: Path) -> list[str]:
    """Every printed line by pdftotext (reading order), whitespace removed."""
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [re.sub(r"\s+", "", line) for line in text.splitlines()]


def check_pages(pdf: Path, pages: int, rep: Report) -> list[str]:
    """Every hand-entered page against where pdftotext finds the anchor text."""
    texts = page_texts(pdf, pages)
    problems = []

    def where(needle: str, expected: int, what: str) -> None:
        found = [i + 1 for i, t in enumerate(texts) if needle in t]
        if found != [expected]:
            problems.append(f"{what}: page {expected} expected, {needle!r} found on {found}")

    for g in rep.goals:
        where(f"【基本目標{zen(g.number)}】", g.page, f"goal {g.number}")
        for ind in g.indicators:
            where(ind.needle, ind.page, f"goal {g.number} indicator {ind.name}")
        for k, ini in enumerate(g.initiatives):
            # the first line only: a wrapped title may continue on the next page
            where(CIRCLED[k] + ini.title[:20], ini.page, f"goal {g.number} initiative {k + 1}")
    for needle, page in rep.page_checks:
        where(needle, page, "page check")
    lines = printed_lines(pdf)
    problems += [
        f"{needle!r} no longer ends a printed line"
        for needle in rep.line_ends
        if not any(line.endswith(needle) for line in lines)
    ]
    return problems


def build_office(stem: str) -> dict[str, Any]:
    rep = REPORTS[stem]
    with tempfile.TemporaryDirectory(prefix="office_sample_") as tmp:
        work = Path(tmp)
        docx = work / f"{stem}.docx"
        build_docx(docx, rep)
        pdf = SAMPLES / f"{stem}.pdf"
        pages = fix_metadata(soffice_pdf(docx, work), pdf, rep.created)
    if not 3 <= pages <= 5:
        raise SystemExit(f"{stem}: {pages} pages, expected 3-5")
    problems = check_pages(pdf, pages, rep)
    if problems:
        raise SystemExit(f"{stem}: the layout moved:\n  " + "\n  ".join(problems))
    return expected_report(pdf, pages, rep)


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
    "office_city_2024": build_office,
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
