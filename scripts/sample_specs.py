"""The sample reports as data: what is printed (text exactly as on the page) and how.

Why data: every sample (and its expected JSON) comes from one spec, so a variant is a spec
change, never a copy of drawing code. Printed text keeps the full-width forms, stray spaces and
line wraps of the page; the expected JSON is derived from it by make_samples.expected().
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from pdfdraw import Quirks

Role = Literal["baseline", "actual", "current", "target"]
ROLE_WORDS: dict[str, Role] = {
    "基準値": "baseline",
    "実績": "actual",
    "現状値": "current",
    "目標値": "target",
}


@dataclass(frozen=True)
class Column:
    """A value column: its role word and printed year label (e.g. 基準値, 令和元年度)."""

    word: str
    era: str


@dataclass(frozen=True)
class Indicator:
    """One 成果指標; ``rows`` are (区分 label or None, printed cells); a None cell is merged
    with the cell above it. A cell's newlines are its printed line breaks."""

    name: tuple[str, ...]
    source: tuple[str, ...]
    rows: tuple[tuple[str | None, tuple[str | None, ...]], ...]
    note: str | None = None  # printed footnote under the table, tied by its mark


@dataclass(frozen=True)
class IndicatorTable:
    columns: tuple[Column, ...]
    indicators: tuple[Indicator, ...]
    header: Literal["one_row", "two_rows"] = "one_row"
    kubun: Literal["none", "merged", "empty", "explicit"] = "none"
    merge_roles: bool = False  # two-row header: one role word over consecutive same-role columns
    size: float = 8.5


@dataclass(frozen=True)
class PlainTable:
    """A ruled table inside an initiative that is not an indicator table (schedule, budget)."""

    rows: tuple[tuple[str, ...], ...]


Paragraph = tuple[str, ...] | str  # printed lines, or one string wrapped by the generator
Block = Paragraph | PlainTable


@dataclass(frozen=True)
class Initiative:
    title: str  # printed title after the circled number
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Goal:
    number: int
    heading: str  # printed heading line
    title: str  # expected title (normalised)
    table: IndicatorTable
    initiatives: tuple[Initiative, ...]
    challenges: tuple[Paragraph, ...]
    ind_heading: str = "（１）成果指標の現状値"
    ch_heading: str = "（３）今後の課題・方向性"


@dataclass(frozen=True)
class Report:
    stem: str
    label: str | None
    title: str
    fiscal_year_heading: str  # e.g. （２）令和３年度の取組状況
    fiscal_year: int
    goals: tuple[Goal, ...]
    breaks: frozenset[str] = frozenset()  # anchors that start a new page
    embedded: bool = True
    quirks: Quirks = field(default_factory=Quirks)
    running_header: str | None = None
    shift_descent: float = 0.0  # post-process: move FontDescriptor Descent by this (1/1000 em)
    pages: int | None = None  # expected page count (checked)
    author: str = "久留米市"


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"

# --- the reference: Kurume City 資料２, FY2021 (lines exactly as in the seed dump) -------------

R_COLS_2021 = (
    Column("基準値", "令和元年度"),
    Column("実績", "令和２年度"),
    Column("現状値", "令和３年度"),
    Column("目標値", "令和６年度"),
)

KURUME_2021_GOALS = (
    Goal(
        number=1,
        heading="１ 【基本目標１】安心して生み 育てられる環境づくりについて",
        title="安心して生み育てられる環境づくり",
        table=IndicatorTable(
            R_COLS_2021,
            (
                Indicator(
                    ("子育てしやすいま", "ちと思う人の割合"),
                    ("市政アンケートモニ", "ター「くるモニ」によ", "る数値"),
                    ((None, ("75.0%", "－", "71.7%", "80.0%")),),
                ),
                Indicator(
                    ("待機児童数",),
                    ("各年度４月１日時点に", "おける待機児童数"),
                    ((None, ("54人", "65人", "35人", "0人")),),
                ),
            ),
        ),
        initiatives=(
            Initiative(
                "妊娠・出産に対する支援",
                (
                    (
                        "　コロナ禍で外出を控えたり、訪問に抵抗を感じる妊産婦の孤立化を防",
                        "ぐため、訪問時に育児用品を配布するなど、支援が受け入れやすい環境",
                        "づくりを行った。",
                    ),
                    (
                        "　また、令和２・３年度中に出産または出産予定の人に、赤ちゃん１人",
                        "あたり５万円を給付する「妊娠出産応援給付金」に新たに取組んだり、",
                        "産後ケアを受託する医療機関への感染防止対策用品を配布し、病院・助",
                        "産所と連携した育児サポートを行うなど、コロナ禍で社会や経済への影",
                        "響がある中でも、安心して出産・育児ができる環境づくりに努めた。",
                    ),
                ),
            ),
            Initiative(
                "切れ目のない子育て支援サービスの充実",
                (
                    (
                        "　学童保育所事業において、これまでニーズの高かった開所時間の前倒",
                        "しについて、夏休みより８時からの受入を行い、保護者の就労支援に努",
                        "めた。",
                    ),
                    (
                        "　また、コロナ禍における利用者の増減に関わらず、安定した運営がで",
                        "きるよう、病児保育事業の補助要綱を見直したり、外出自粛等で孤立し",
                        "がちな子育て中の保護者の悩みに電話やオンラインで応じるとともに、",
                        "自宅にいながら受講できるよう子育てに関するセミナーや情報などを",
                        "動画で配信するなど、子育てを取り巻く環境変化の中でも、切れ目ない",
                        "子育て支援サービスが受けられる環境づくりを図った。",
                    ),
                ),
            ),
            Initiative(
                "教育・保育サービスの充実",
                (
                    (
                        "　新たに設置された小規模保育事業所２か所の整備に係る助成を行い、",
                        "中央部の待機児童解消を図った。また、送迎保育ステーションの指定保",
                        "育施設（送迎先）を１施設拡充し、教育・保育ニーズの分散を図った。",
                    ),
                ),
            ),
            Initiative(
                "子育てに関わる経済的負担の軽減",
                (
                    (
                        "　コロナ禍において子育てに関わる経済的負担が大きくなる中で、多",
                        "子・多胎世帯や長期にわたり療養が必要な子どもや障害がある子どもが",
                        "いる家庭を対象とした「子どもの笑顔給付金」を市独自の給付金として",
                        "新たに取組んだ。",
                    ),
                    (
                        "　また、子ども医療費の中学生の通院分の自己負担限度額を、１月につ",
                        "き3,500円から1,600円に減額したほか、障害基礎年金を受給されている",
                        "方の児童扶養手当と障害年金の子の加算部分の差額を受給できるよう",
                        "制度改正を行うなど、子育てに関わる経済的負担の軽減に努めた。",
                    ),
                    (
                        "　令和３年８月豪雨により被災された世帯に対し、「保育料の減免」や",
                        "「学童保育所利用料の減額」を行った。",
                    ),
                ),
            ),
        ),
        challenges=(
            (
                "　保護者の就労形態の多様化など社会環境が変化する中で、子ども・子",
                "育てに関するニーズに対応する体制の整備が必要となっており、特に、",
                "サービス提供を担う人員の確保は重要な課題である。",
            ),
            (
                "　また、今後は経済面や健康面での課題を抱えた保護者への子育て支援",
                "において、特に配慮を必要とするケースが増加していく可能性があるこ",
                "とから、子どもや子育て支援に関わる機関や地域の団体等との更なる連",
                "携・協働を図っていく。",
            ),
        ),
    ),
    Goal(
        number=2,
        heading="２ 【基本目標２】 子ども・子育てを支え合う地域づくり",
        title="子ども・子育てを支え合う地域づくり",
        ind_heading="（１） 成果指標の現状値",
        table=IndicatorTable(
            R_COLS_2021,
            (
                Indicator(
                    ("子育て中の人が地", "域で交流できる場", "の数"),
                    ("各年度４月１日時点に", "おける設置数"),
                    ((None, ("42か所", "42か所", "42か所", "58か所")),),
                ),
                Indicator(
                    ("ワーク・ライフ・", "バランスの環境整", "備が進んだと思う", "人の割合"),
                    ("市政アンケートモニ", "ター「くるモニ」によ", "る数値"),
                    ((None, ("40.8%", "－", "43.1%", "50.0%")),),
                ),
            ),
        ),
        initiatives=(
            Initiative(
                "地域で子育てを支え合う活動の促進",
                (
                    (
                        "　地域や子ども・子育て支援活動に取り組む団体等と連携し、妊娠期か",
                        "ら子育て中の保護者同士が交流する場の提供や、保護者同士が身近で気",
                        "軽に相談し合う環境づくりを支援するなど、子育てを支え合う活動促進",
                        "を図った。",
                    ),
                ),
            ),
            Initiative(
                "地域での交流の場や居場所づくりの推進",
                (
                    (
                        "　新型コロナ感染拡大防止対策を行い、妊娠期から子育て中の保護者同",
                        "士の交流の場を継続的に提供し、子育て家庭の孤立防止を図った。",
                    ),
                ),
            ),
            Initiative(
                "子育てと仕事の両立の促進",
                (
                    (
                        "　ワーク・ライフ・バランス促進のためのセミナーに加え、新型コロナ",
                        "の影響を踏まえた市内の企業のＤＸ（デジタルトランスフォーメーショ",
                        "ン）の啓発、人材育成等のための講座を実施し、多様な働き方とともに",
                        "新しい価値を創出する企業への転換を図った。",
                    ),
                ),
            ),
            Initiative(
                "結婚や子育てに関する啓発の強化",
                (
                    (
                        "　久留米市結婚応援・子育て支援総合サイトを廃止し、市公式ホームペ",
                        "ージの子ども・子育てページに情報を集約・リニューアルし、子育て中",
                        "の保護者等が必要な情報を入手しやすい環境整備を行った。",
                    ),
                    (
                        "　若い世代が仕事や結婚・子育てなどのライフプランを考える機会を提",
                        "供するセミナーをオンライン形式で実施し、結婚や子育てに対する意識",
                        "醸成を図った。",
                    ),
                ),
            ),
        ),
        challenges=(
            (
                "　長期化するコロナ禍において、子どもや子育て家庭の更なる孤立化を",
                "防ぐため、これまで以上に地域や団体等との連携・協働した取組みを行",
                "い、地域で子ども・子育て支援を支え合う環境づくりを進める必要があ",
                "る。また、必要な情報をどこからでも入手できる環境整備を図り、結婚",
                "や子育てに対する不安軽減のための啓発や、支援が必要な人に届くよう",
                "な情報提供を行い、継続支援に努める。",
            ),
            (
                "　さらに、改正育児介護休業法など、ワーク・ライフ・バランスや子育",
                "てと仕事の両立に関する制度の周知や、関連情報の広報や啓発を継続し",
                "て行うとともに、ワーク・ライフ・バランスに取り組む事業所の発掘・",
                "支援を行い、子育てと仕事の両立促進を図っていく。",
            ),
        ),
    ),
    Goal(
        number=3,
        heading="３ 【基本目標３】 子どもの健やかな育ちを保障できる社会づくり",
        title="子どもの健やかな育ちを保障できる社会づくり",
        ind_heading="（１） 成果指標の現状値",
        table=IndicatorTable(
            R_COLS_2021,
            (
                Indicator(
                    ("自分にはよいとこ", "ろがあると思う児", "童生徒の割合"),
                    ("毎年度６月に実施され", "る全国学力・学習状況", "調査による数値"),
                    (
                        ("小学６年", ("▲3.8％", "－", "▲5.9％", "小中学校ともに\n全国平均以上")),
                        ("中学３年", ("▲6.3％", None, "▲5.1％", None)),
                        ("全国（小）", ("81.2%", None, "76.9%", None)),
                        ("全国（中）", ("74.1%", None, "76.2%", None)),
                    ),
                ),
                Indicator(
                    ("子どものいる生活", "困難世帯の割合"),
                    ("子どもの生活実態調査", "による数値（※）"),
                    ((None, ("19.6%", "－", "－", "▲3.8％")),),
                    note="（※）次回「久留米市子どもの生活実態調査」は、令和５年又は"
                    "令和６年実施予定。",
                ),
            ),
            kubun="merged",
        ),
        initiatives=(
            Initiative(
                "きめ細かな配慮を必要とする子育て家庭への支援",
                (
                    (
                        "健診回数が多い多胎妊婦の健診５回を上乗せ補助し、確実な受診に繋",
                        "げるとともに、コロナ禍での引きこもりを防止するなど、多胎児育児の",
                        "支援を行った。",
                    ),
                ),
            ),
            Initiative(
                "子どもの貧困対策の推進",
                (
                    (
                        "　子ども食堂事業において、持ち帰り方式による食事の提供についても",
                        "補助対象とし、コロナ禍での継続実施に努めた。",
                    ),
                    (
                        "　また、スクールソーシャルワーカーをより効果的に活用するため、モ",
                        "デル事業として拠点巡回型で配置し、問題を抱える生徒を取り巻く環境",
                        "への働きかけや問題解決を図った。",
                    ),
                ),
            ),
            Initiative(
                "児童虐待の防止",
                (
                    (
                        "　要保護児童対策地域協議会において、面前ＤＶに関する研修や地域向",
                        "けのＣＡＰプログラムを実施し、要保護児童の早期発見や適切な保護を",
                        "行うために必要な知識の向上に努めるとともに、地域や関係機関の連携",
                        "強化を図った。",
                    ),
                ),
            ),
            Initiative(
                "困りごとを抱える子どもへの支援",
                (
                    (
                        "　コロナ禍での環境変化により、スクールカウンセラーが柔軟に緊急支",
                        "援対応出来るよう、委託によるスクールカウンセラーを増員し、子ども",
                        "の様々な困りごとの解決に向けた支援を行った。",
                    ),
                ),
            ),
        ),
        challenges=(
            (
                "　コロナ禍による社会情勢や家庭環境の急激な変化など、子どもを取り",
                "巻く環境が大きく変化している中で、子どもが抱える困りごとも多様化",
                "しており、支援体制の強化に伴う人員確保が急務となっている。",
            ),
            (
                "　また、関係機関や支援団体等と緊密に連携し、支援体制の維持・強化",
                "を図るほか、支援者の専門知識向上に向けた人材育成を行い、より細や",
                "かな支援を行っていく必要がある。",
            ),
        ),
    ),
)

KURUME_2021 = Report(
    stem="kurume_2021",
    label="資料２",
    title="基本目標に関する現状報告及び今後の課題・方向性",
    fiscal_year_heading="（２）令和３年度の取組状況",
    fiscal_year=2021,
    goals=KURUME_2021_GOALS,
    breaks=frozenset({"g1.i3", "g2.init", "g3", "g3.i4.p0.l2"}),
    pages=5,
)

# --- quirk twins of the reference: same JSON as the clean reference except ``source`` -------

REFERENCE_TWINS = (
    replace(KURUME_2021, stem="kurume_2021_shifted", shift_descent=-750.0),
    replace(KURUME_2021, stem="kurume_2021_radicals", quirks=Quirks(radicals=True)),
    replace(KURUME_2021, stem="kurume_2021_fakebold", quirks=Quirks(fake_bold=0.3)),
    replace(
        KURUME_2021,
        stem="kurume_2021_letterspaced",
        quirks=Quirks(cell_char_space=1.5, spaced_cells=True),
    ),
    replace(
        KURUME_2021,
        stem="kurume_2021_halfkana",
        quirks=Quirks(
            half_kana=(
                "コロナ",
                "スクールソーシャルワーカー",
                "スクールカウンセラー",
                "セミナー",
                "オンライン",
                "サービス",
                "プログラム",
                "ステーション",
            )
        ),
    ),
)

SPECS: list[Report] = [KURUME_2021, *REFERENCE_TWINS]


def by_stem(stem: str) -> Report:
    return next(s for s in SPECS if s.stem == stem)


__all__ = ["SPECS", "by_stem", "replace"]
