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
    keep_headings: bool = True  # Word's keep-with-next: （１） heading moves with its table
    expect_split: bool = False  # an indicator table row must be split across a page break
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
    replace(KURUME_2021, stem="kurume_2021_shifted", shift_descent=-1200.0),
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

# --- table-style twins: the reference's tables drawn with fewer rules, same JSON ----------

TABLE_STYLE_TWINS = (
    replace(KURUME_2021, stem="kurume_2021_hrules", quirks=Quirks(rules="horizontal")),
    replace(KURUME_2021, stem="kurume_2021_frame", quirks=Quirks(rules="frame")),
    replace(KURUME_2021, stem="kurume_2021_norules", quirks=Quirks(rules="none")),
)

# --- the FY2020 report: three value columns, own figures and texts ------------------------

R_COLS_2020 = (
    Column("基準値", "令和元年度"),
    Column("現状値", "令和２年度"),
    Column("目標値", "令和６年度"),
)

KURUME_2020 = Report(
    stem="kurume_2020",
    label="資料２",
    title="基本目標に関する現状報告及び今後の課題・方向性",
    fiscal_year_heading="（２）令和２年度の取組状況",
    fiscal_year=2020,
    goals=(
        replace(
            KURUME_2021_GOALS[0],
            table=IndicatorTable(
                R_COLS_2020,
                (
                    replace(
                        KURUME_2021_GOALS[0].table.indicators[0],
                        rows=((None, ("75.0%", "73.2%", "80.0%")),),
                    ),
                    replace(
                        KURUME_2021_GOALS[0].table.indicators[1],
                        rows=((None, ("54人", "65人", "0人")),),
                    ),
                ),
            ),
            initiatives=(
                Initiative(
                    "妊娠・出産に対する支援",
                    (
                        "新型コロナウイルス感染症の影響で里帰り出産ができない妊産婦に対し、"
                        "助産師による電話相談を拡充し、産前産後の不安の軽減を図った。",
                        "また、特定不妊治療費助成の対象に事実婚の夫婦を加え、経済的負担の軽減"
                        "に努めた。",
                    ),
                ),
                Initiative(
                    "切れ目のない子育て支援サービスの充実",
                    (
                        "臨時休校期間中に学童保育所を午前中から開所し、保護者が安心して就労"
                        "できる環境を確保した。",
                    ),
                ),
                Initiative(
                    "教育・保育サービスの充実",
                    (
                        "保育士確保のため、市内の保育所等に新たに就職した保育士に対し、"
                        "就職準備金として１人あたり１０万円を支給した。",
                    ),
                ),
            ),
            challenges=(
                "感染症の拡大により、子育て家庭の孤立や経済的困窮が懸念されることから、"
                "訪問や相談の機会を確保しつつ、支援が必要な家庭を早期に把握する必要がある。",
                "また、待機児童の解消に向けて、保育の受け皿整備と保育士確保を一体的に進める。",
            ),
        ),
        replace(
            KURUME_2021_GOALS[1],
            table=IndicatorTable(
                R_COLS_2020,
                (
                    replace(
                        KURUME_2021_GOALS[1].table.indicators[0],
                        rows=((None, ("42か所", "42か所", "58か所")),),
                    ),
                    replace(
                        KURUME_2021_GOALS[1].table.indicators[1],
                        rows=((None, ("40.8%", "41.5%", "50.0%")),),
                    ),
                ),
            ),
            initiatives=(
                Initiative(
                    "地域で子育てを支え合う活動の促進",
                    (
                        "子育てサロンの運営団体に対し、感染防止対策に必要な消毒液やパーテー"
                        "ションの購入費用を補助し、活動の継続を支援した。",
                    ),
                ),
                Initiative(
                    "子育てと仕事の両立の促進",
                    (
                        "市内企業を対象に、テレワーク導入に関する相談会を開催し、柔軟な働き方"
                        "の普及に努めた。",
                        "また、男性の育児休業取得を促進するため、啓発冊子を作成し、市内の"
                        "事業所に配布した。",
                    ),
                ),
            ),
            challenges=(
                "地域の交流の場の多くが活動の縮小を余儀なくされたことから、オンラインの"
                "活用など、新しい形での交流の場づくりを支援していく必要がある。",
            ),
        ),
        replace(
            KURUME_2021_GOALS[2],
            table=IndicatorTable(
                R_COLS_2020,
                (
                    Indicator(
                        ("自分にはよいとこ", "ろがあると思う児", "童生徒の割合"),
                        ("毎年度６月に実施され", "る全国学力・学習状況", "調査による数値（※）"),
                        (
                            ("小学６年", ("▲3.8％", "－", "小中学校ともに\n全国平均以上")),
                            ("中学３年", ("▲6.3％", None, None)),
                            ("全国（小）", ("81.2%", None, None)),
                            ("全国（中）", ("74.1%", None, None)),
                        ),
                        note="（※）令和２年度は新型コロナウイルス感染症の影響により調査が中止"
                        "された。",
                    ),
                    Indicator(
                        ("子どものいる生活", "困難世帯の割合"),
                        ("子どもの生活実態調査", "による数値"),
                        ((None, ("19.6%", "－", "▲3.8％")),),
                    ),
                ),
                kubun="merged",
            ),
            initiatives=(
                Initiative(
                    "子どもの貧困対策の推進",
                    (
                        "ひとり親家庭の子どもを対象に、大学生ボランティアによる学習支援を"
                        "オンラインで実施し、１２０人が参加した。",
                    ),
                ),
                Initiative(
                    "児童虐待の防止",
                    (
                        "子ども家庭総合支援拠点を設置し、相談員を２人増員して、虐待の未然防止"
                        "と早期対応の体制を強化した。",
                    ),
                ),
            ),
            challenges=(
                "学校の臨時休業や外出自粛により、子どもの生活環境が大きく変化しており、"
                "関係機関と連携した見守り体制の充実が求められる。",
            ),
        ),
    ),
)

# --- a fictional city, FY2022: four goals, five value columns, two-row header ---------------

CITY_COLS = (
    Column("基準値", "平成30年度"),
    Column("実績", "令和2年度"),
    Column("実績", "令和3年度"),
    Column("現状値", "令和4年度"),
    Column("目標値", "令和6年度"),
)


def _city_table(*indicators: Indicator) -> IndicatorTable:
    """Sub-row labels get a 区分 column whose header cell is left empty."""
    kubun = "empty" if any(label for ind in indicators for label, _ in ind.rows) else "none"
    return IndicatorTable(
        CITY_COLS, indicators, header="two_rows", merge_roles=True, size=8.0, kubun=kubun
    )


def _one(name: tuple[str, ...], source: tuple[str, ...], *vals: str, note: str | None = None):
    return Indicator(name, source, ((None, vals),), note=note)


CITY_2022 = Report(
    stem="city_2022_five_columns",
    label="資料３",
    title="基本目標に関する現状報告及び今後の課題・方向性",
    fiscal_year_heading="（２）令和４年度の取組状況",
    fiscal_year=2022,
    author="みなと市",
    expect_split=True,
    breaks=frozenset({"g2.t.r4.l2"}),  # 仕事と子育てを両/立できる… | っていると…/保護者の割合
    goals=(
        Goal(
            number=1,
            heading="１ 【基本目標１】安心して子どもを生み育てられるまち",
            title="安心して子どもを生み育てられるまち",
            table=_city_table(
                _one(
                    ("乳幼児健康診査の", "受診率"),
                    ("受診者数÷対象者数",),
                    "95.1%",
                    "93.8%",
                    "94.6%",
                    "96.2%",
                    "98.0%",
                ),
                _one(
                    ("子育て支援センタ", "ーの利用件数"),
                    ("年間の延べ利用件数",),
                    "12,345件",
                    "6,210件",
                    "8,034件",
                    "10,872件",
                    "13,000件",
                ),
                _one(
                    ("一時預かり事業の", "1人当たり利用回数"),
                    ("延べ利用回数÷登録者数",),
                    "3.2回",
                    "2.1回",
                    "2.6回",
                    "3.0回",
                    "4.0回",
                ),
            ),
            initiatives=tuple(
                Initiative(t, (p,))
                for t, p in (
                    (
                        "妊娠期からの相談支援の充実",
                        "子育て世代包括支援センターに保健師を1人増員し、妊娠届出時の面談を"
                        "全件実施した。面談件数は2,184件であった。",
                    ),
                    (
                        "産後ケアの拡充",
                        "産後ケアの対象を拡大し、利用者は前年度の1.4倍となった。",
                    ),
                    (
                        "乳幼児健診の受診勧奨",
                        "未受診者に対して電話やSMSによる受診勧奨を行い、受診率の回復に努めた。",
                    ),
                )
            ),
            challenges=(
                "出生数の減少が続く中、妊娠期から子育て期まで切れ目なく寄り添う支援体制を"
                "維持するため、専門職の確保と育成を進める必要がある。",
            ),
        ),
        Goal(
            number=2,
            heading="２ 【基本目標２】子育てと仕事を両立できるまち",
            title="子育てと仕事を両立できるまち",
            table=_city_table(
                _one(
                    ("保育所等の待機児", "童数"),
                    ("各年度4月1日時点",),
                    "28人",
                    "15人",
                    "9人",
                    "4人",
                    "0人",
                ),
                _one(
                    ("放課後児童クラブ", "の待機児童数"),
                    ("各年度5月1日時点",),
                    "41人",
                    "37人",
                    "22人",
                    "12人",
                    "0人",
                ),
                _one(
                    ("仕事と子育てを両", "立できる環境が整", "っていると感じる", "保護者の割合"),
                    ("子育て世帯アンケー", "ト調査による数値※1"),
                    "38.5%",
                    "－",
                    "41.2%",
                    "－",
                    "50.0%",
                    note="※1：子育て世帯アンケート調査は隔年で実施している。",
                ),
                _one(
                    ("保育士の有効求人", "倍率"),
                    ("ハローワーク管内の", "年度平均※2"),
                    "2.45倍",
                    "2.02倍",
                    "2.18倍",
                    "2.31倍",
                    "－",
                    note="※2：保育士の有効求人倍率は、市内の保育士確保の状況を把握する参考"
                    "値として掲載。",
                ),
                _one(
                    ("市内事業所の育児", "休業取得率（前年", "度との差）"),
                    ("事業所実態調査によ", "る数値"),
                    "－",
                    "△2.1%",
                    "＋3.4%",
                    "＋1.8%",
                    "＋5.0%",
                ),
            ),
            initiatives=tuple(
                Initiative(t, (p,))
                for t, p in (
                    (
                        "保育の受け皿の確保",
                        "認可保育所の定員を120人拡大するとともに、小規模保育事業所を3か所"
                        "新設した。",
                    ),
                    (
                        "放課後児童クラブの整備",
                        "小学校の余裕教室を活用し、放課後児童クラブを2か所増設した。",
                    ),
                    (
                        "保育士の確保",
                        "市内の保育所等に就職した保育士に、就職支援金として1人当たり100,000円"
                        "を支給した。",
                    ),
                    (
                        "働き方改革の推進",
                        "育児休業を取得しやすい職場づくりに取り組む事業所を認定し、認定事業所は"
                        "累計で58社となった。",
                    ),
                )
            ),
            challenges=(
                "待機児童は減少しているものの、保育士の不足は続いており、処遇改善と"
                "働きやすい職場環境の整備を支援していく。",
            ),
        ),
        Goal(
            number=3,
            heading="３ 【基本目標３】子どもの育ちと学びを支えるまち",
            title="子どもの育ちと学びを支えるまち",
            table=_city_table(
                _one(
                    ("子ども食堂1か所", "当たりの運営補助", "額"),
                    ("年間の補助額",),
                    "120,000円",
                    "120,000円",
                    "150,000円",
                    "150,000円",
                    "200,000円",
                ),
                Indicator(
                    ("全国学力調査の平", "均正答率との差"),
                    ("全国学力・学習状況", "調査による数値"),
                    (
                        ("小学6年", ("△1.2%", "－", "△0.8%", "＋0.3%", "全国平均\n以上")),
                        ("中学3年", ("△2.5%", None, "△1.9%", "△1.1%", None)),
                    ),
                ),
            ),
            initiatives=tuple(
                Initiative(t, (p,))
                for t, p in (
                    (
                        "子どもの居場所づくり",
                        "子ども食堂の運営団体への補助を拡充し、新たに4団体が活動を開始した。",
                    ),
                    (
                        "学力向上の取組",
                        "全小中学校に学習支援員を配置し、個別最適な学びの実現に努めた。",
                    ),
                )
            ),
            challenges=(
                "物価高騰の影響を受ける子育て家庭が増えており、子ども食堂など地域の居場所"
                "への支援を継続する必要がある。",
            ),
        ),
        Goal(
            number=4,
            heading="４ 【基本目標４】地域全体で子どもを見守るまち",
            title="地域全体で子どもを見守るまち",
            table=_city_table(
                _one(
                    ("子ども見守り活動", "の登録者数"),
                    ("各年度末時点",),
                    "1,820人",
                    "1,760人",
                    "1,842人",
                    "1,905人",
                    "2,200人",
                ),
                _one(
                    ("児童虐待に関する", "相談件数"),
                    ("年間の相談件数",),
                    "412件",
                    "498件",
                    "521件",
                    "547件",
                    "－",
                ),
            ),
            initiatives=tuple(
                Initiative(t, (p,))
                for t, p in (
                    (
                        "見守り活動の担い手の育成",
                        "地域の見守りボランティアを対象に養成講座を5回開催し、新たに63人が"
                        "登録した。",
                    ),
                    (
                        "児童虐待防止の啓発",
                        "オレンジリボンキャンペーンに合わせて街頭啓発を行い、相談窓口の周知を"
                        "図った。",
                    ),
                    (
                        "関係機関の連携強化",
                        "要保護児童対策地域協議会の実務者会議を毎月開催し、情報共有を徹底した。",
                    ),
                    (
                        "地域の子育て支援拠点との連携",
                        "地域子育て支援センターと民生委員が合同で研修会を開き、見守りが必要な"
                        "家庭の情報を共有した。",
                    ),
                    (
                        "一時預かり事業の利便性向上",
                        "オンライン予約システムを導入し、前日までの予約を24時間受け付けた。",
                    ),
                    (
                        "子育て情報の発信",
                        "子育て応援アプリの配信を開始し、登録者は年度末で4,512人となった。",
                    ),
                )
            ),
            challenges=(
                "相談件数は増加傾向にあり、児童相談所や学校との連携を一層強化するとともに、"
                "相談員の専門性の向上を図る。",
            ),
        ),
    ),
)

# --- another city: non-embedded CID fonts, running header, 区分 column, 平成 baseline --------

OTHER_COLS = (
    Column("基準値", "平成30年度"),
    Column("目標値", "令和6年度"),
    Column("現状値", "令和3年度"),
)

OTHER_CITY = Report(
    stem="other_city_heisei",
    label=None,
    title="基本目標の進捗状況と今後の方向性",
    fiscal_year_heading="（２）令和３年度の取組状況",
    fiscal_year=2021,
    embedded=False,
    author="さくら市",
    keep_headings=False,  # （１） heading of goal 2 is left at the foot of page 1
    running_header="第２期さくら市子ども・子育て支援事業計画　進捗状況",
    goals=(
        Goal(
            number=1,
            heading="１　【基本目標１】子どもが健やかに育つまち",
            title="子どもが健やかに育つまち",
            table=IndicatorTable(
                OTHER_COLS,
                (
                    Indicator(
                        ("朝食を毎日食べる", "子どもの割合"),
                        ("食育アンケート", "調査による数値"),
                        (
                            ("就学前", ("92.4%", "100%", "93.1%")),
                            ("小学生", ("88.7%", None, "90.2%")),
                            ("中学生", ("81.5%", None, "83.0%")),
                        ),
                    ),
                    Indicator(
                        ("乳児家庭全戸訪問", "の実施率"),
                        ("訪問件数÷出生数",),
                        ((None, ("97.2%", "100%", "98.6%")),),
                    ),
                ),
                kubun="explicit",
            ),
            initiatives=(
                Initiative(
                    "食育の推進",
                    ("保育所や学校と連携し、朝食の大切さを伝える啓発資料を全家庭に配布した。",),
                ),
                Initiative(
                    "親子の学びの場づくり",
                    (
                        "親子で参加できる講座を、次のとおり開催した。",
                        PlainTable(
                            (
                                ("実施時期", "内容", "参加者数"),
                                ("令和３年７月", "親子ふれあい講座", "２４組"),
                                ("令和３年１１月", "子育て応援フェア", "３１０人"),
                                ("令和４年２月", "オンライン相談会", "４５人"),
                            )
                        ),
                        "参加者アンケートでは、９割以上が「満足」と回答した。",
                    ),
                ),
                Initiative(
                    "乳児家庭への訪問",
                    (
                        "生後４か月までの乳児がいる全ての家庭を保健師等が訪問し、育児の不安や"
                        "悩みの相談に応じた。",
                    ),
                ),
            ),
            challenges=(
                "中学生の朝食摂取率が低い傾向にあることから、学校と家庭が連携した生活習慣"
                "づくりの働きかけを強化する。",
            ),
        ),
        Goal(
            number=2,
            heading="２　【基本目標２】地域で子育てを支えるまち",
            title="地域で子育てを支えるまち",
            table=IndicatorTable(
                OTHER_COLS,
                (
                    Indicator(
                        ("ファミリー・サポ", "ート・センターの", "会員数"),
                        ("各年度末時点",),
                        ((None, ("615人", "800人", "642人")),),
                    ),
                    Indicator(
                        ("地域子育て支援拠", "点の利用者数"),
                        ("年間延べ利用者数",),
                        ((None, ("18,420人", "20,000人", "11,306人")),),
                    ),
                ),
                kubun="explicit",
            ),
            initiatives=(
                Initiative(
                    "子育て支援の担い手の確保",
                    (
                        "ファミリー・サポート・センターの提供会員講習会を年４回開催し、新たに"
                        "３２人が提供会員として登録した。",
                    ),
                ),
                Initiative(
                    "地域子育て支援拠点の運営",
                    ("感染症対策として利用人数の制限を行いながらも、予約制による開所を継続した。",),
                ),
            ),
            challenges=(
                "拠点の利用者数は感染症の影響で減少しており、オンラインを含めた多様な"
                "交流の機会を提供していく必要がある。",
            ),
        ),
    ),
)

# --- the FY2022 report: two 実績 columns, one revised figure -------------------------------

R_COLS_2022 = (
    Column("基準値", "令和元年度"),
    Column("実績", "令和２年度"),
    Column("実績", "令和３年度"),
    Column("現状値", "令和４年度"),
    Column("目標値", "令和６年度"),
)

#: The FY2022 report reprints the FY2021 figures as 実績 and adds 現状値 for 令和４年度. One
#: figure is planted as a revision: 子育てしやすいまちと思う人の割合 for 令和３年度 reads 71.9%
#: here, 71.7% in the FY2021 report (the series tests expect it flagged ``revised``).
KURUME_2022 = Report(
    stem="kurume_2022",
    label="資料２",
    title="基本目標に関する現状報告及び今後の課題・方向性",
    fiscal_year_heading="（２）令和４年度の取組状況",
    fiscal_year=2022,
    goals=(
        replace(
            KURUME_2021_GOALS[0],
            table=IndicatorTable(
                R_COLS_2022,
                (
                    replace(
                        KURUME_2021_GOALS[0].table.indicators[0],
                        rows=((None, ("75.0%", "－", "71.9%", "74.6%", "80.0%")),),
                    ),
                    replace(
                        KURUME_2021_GOALS[0].table.indicators[1],
                        rows=((None, ("54人", "65人", "35人", "12人", "0人")),),
                    ),
                ),
            ),
            initiatives=(
                Initiative(
                    "妊娠・出産に対する支援",
                    (
                        "妊娠届出時から出産後まで、保健師が継続して相談に応じる伴走型の支援を"
                        "始め、妊産婦の不安の軽減を図った。",
                    ),
                ),
                Initiative(
                    "教育・保育サービスの充実",
                    (
                        "認定こども園２か所の整備に係る助成を行い、保育の受け皿を拡大して"
                        "待機児童の解消を図った。",
                    ),
                ),
            ),
            challenges=(
                "待機児童は減少しているが、年度途中の入所希望には十分に応えられていない"
                "ことから、保育士の確保と受け皿の整備を引き続き進める。",
            ),
        ),
        replace(
            KURUME_2021_GOALS[1],
            table=IndicatorTable(
                R_COLS_2022,
                (
                    replace(
                        KURUME_2021_GOALS[1].table.indicators[0],
                        rows=((None, ("42か所", "42か所", "42か所", "47か所", "58か所")),),
                    ),
                    replace(
                        KURUME_2021_GOALS[1].table.indicators[1],
                        rows=((None, ("40.8%", "－", "43.1%", "50.3%", "50.0%")),),
                    ),
                ),
            ),
            initiatives=(
                Initiative(
                    "地域での交流の場や居場所づくりの推進",
                    (
                        "校区コミュニティセンターを活用した子育てサロンを５か所新設し、"
                        "身近な地域で保護者同士が交流できる場を広げた。",
                    ),
                ),
                Initiative(
                    "子育てと仕事の両立の促進",
                    (
                        "男性の育児休業取得に取り組む事業所を表彰し、その取組を市の"
                        "ホームページで紹介した。",
                    ),
                ),
            ),
            challenges=(
                "交流の場の数は目標に届いていないことから、地域の団体と連携し、"
                "新たな担い手の発掘と活動の立ち上げを支援していく。",
            ),
        ),
        replace(
            KURUME_2021_GOALS[2],
            table=IndicatorTable(
                R_COLS_2022,
                (
                    replace(
                        KURUME_2021_GOALS[2].table.indicators[0],
                        rows=(
                            (
                                "小学６年",
                                (
                                    "▲3.8％",
                                    "－",
                                    "▲5.9％",
                                    "▲2.7％",
                                    "小中学校ともに\n全国平均以上",
                                ),
                            ),
                            ("中学３年", ("▲6.3％", None, "▲5.1％", "▲4.4％", None)),
                            ("全国（小）", ("81.2%", None, "76.9%", "79.3%", None)),
                            ("全国（中）", ("74.1%", None, "76.2%", "78.5%", None)),
                        ),
                    ),
                    replace(
                        KURUME_2021_GOALS[2].table.indicators[1],
                        rows=((None, ("19.6%", "－", "－", "－", "▲3.8％")),),
                    ),
                ),
                kubun="merged",
                size=7.5,
            ),
            initiatives=(
                Initiative(
                    "子どもの貧困対策の推進",
                    (
                        "子ども食堂の運営団体に食材を届ける仕組みを整え、市内２０か所の"
                        "子ども食堂の継続した運営を支援した。",
                    ),
                ),
                Initiative(
                    "児童虐待の防止",
                    (
                        "児童相談所と学校、警察の情報共有の手順を見直し、虐待が疑われる"
                        "事案への初期対応の迅速化を図った。",
                    ),
                ),
            ),
            challenges=(
                "子どもが抱える困りごとは一層多様化しており、関係機関が連携して早期に"
                "支援につなげる体制の強化が必要である。",
            ),
        ),
    ),
)

SPECS: list[Report] = [
    KURUME_2021,
    *REFERENCE_TWINS,
    *TABLE_STYLE_TWINS,
    KURUME_2020,
    CITY_2022,
    OTHER_CITY,
    KURUME_2022,
]


def by_stem(stem: str) -> Report:
    return next(s for s in SPECS if s.stem == stem)


__all__ = ["SPECS", "by_stem", "replace"]
