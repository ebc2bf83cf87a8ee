"""Small word lists the variants draw their Japanese wording from.

Why lists and not one text: a reader tuned to one sentence passes one sentence. Every variant
draws its titles, indicators, initiatives and paragraphs from these with its own seed. The
paragraph sentences carry no digits or Latin letters, so a line wrap never falls between a
digit and a kanji (where rejoining with or without a space would be a judgement call).
"""

from __future__ import annotations

from dataclasses import dataclass

REPORT_TITLES = (
    "基本目標に関する現状報告及び今後の課題・方向性",
    "子ども・子育て支援事業計画の進捗状況",
    "総合戦略の進捗状況について",
    "こども計画基本目標の達成状況",
    "まち・ひと・しごと創生総合戦略進捗状況報告",
)

CITIES = ("みどり市", "さくら市", "あおば町", "ひかり市", "かわな市", "しらはま町")

GOAL_TITLES = (
    "安心して生み育てられる環境づくり",
    "子ども・子育てを支え合う地域づくり",
    "子どもの健やかな育ちを保障できる社会づくり",
    "誰もが活躍できるまちづくり",
    "若い世代の結婚・出産・子育ての希望をかなえる",
    "安全・安心な暮らしの確保",
    "地域の魅力を生かした交流の促進",
    "健康で生きがいのある暮らしの実現",
)

#: Goal titles too long for one heading line, even on a landscape page.
LONG_GOAL_TITLES = (
    "若い世代が安心して働き、結婚・出産・子育ての希望をかなえられるとともに、地域全体で子どもの育ちを支えるまちをつくる",
    "誰もが住み慣れた地域で互いに支え合い、健康で生きがいを持って安心して暮らし続けることができる地域共生社会を実現する",
)

INITIATIVE_TITLES = (
    "妊娠・出産に対する支援",
    "保育所等の受け皿の確保",
    "地域子育て支援拠点の充実",
    "放課後の居場所づくり",
    "子育て家庭への経済的支援",
    "相談体制の強化",
    "児童虐待防止対策の推進",
    "ひとり親家庭への支援",
    "子どもの貧困対策の推進",
    "情報発信の充実",
    "地域ぐるみの見守り活動",
    "移住・定住の促進",
)

SENTENCES = (
    "コロナ禍で外出を控えたり、訪問に抵抗を感じる妊産婦の孤立化を防ぐため、訪問時に育児用品を配布するなど、支援が受け入れやすい環境づくりを行った。",
    "保育士の確保に向けて、就職説明会の開催や奨学金返還支援を実施し、保育所等の定員拡大を図った。",
    "地域子育て支援拠点において、オンラインによる相談や講座を新たに開始し、利用者の利便性向上に努めた。",
    "放課後児童クラブの施設整備を進めるとともに、支援員の研修を充実させ、運営の質の向上を図った。",
    "子育て世帯の経済的負担を軽減するため、子ども医療費助成の対象を高校生世代まで拡大した。",
    "関係機関との情報共有を強化し、支援が必要な家庭を早期に把握して継続的な支援につなげた。",
    "ひとり親家庭の自立を支援するため、就業相談や資格取得に係る給付を行った。",
    "子ども食堂の運営団体への補助を拡充し、地域における子どもの居場所の確保を進めた。",
    "市の子育て情報をまとめたアプリの配信を開始し、必要な情報が届きやすい仕組みを整えた。",
    "民生委員・児童委員や自治会と連携し、地域ぐるみで子どもを見守る体制づくりを進めた。",
    "転入者向けの相談窓口を設置し、住まいや仕事に関する情報提供を一体的に行った。",
    "乳幼児健康診査の未受診者への家庭訪問を徹底し、子どもの健康状態の把握に努めた。",
)

CHALLENGE_SENTENCES = (
    "保護者の就労形態の多様化など社会環境が変化する中で、多様な保育ニーズに対応する必要がある。",
    "引き続き、保育士の確保と定着に向けた取組を進め、待機児童の解消を図る。",
    "支援を必要とする家庭に情報が届くよう、関係機関と連携した周知の方法を検討する。",
    "地域の担い手の高齢化が進んでいることから、新たな担い手の育成に取り組む。",
    "調査結果を分析し、施策の効果検証を行いながら、より効果的な事業の実施につなげる。",
    "今後も、子どもの視点に立った居場所づくりを進め、切れ目のない支援体制を構築する。",
)

NOTE_TEXTS = (
    "次回調査は令和５年度に実施予定。",
    "新型コロナウイルス感染症の影響により調査を中止した。",
    "数値は各年度末時点のもの。",
    "対象年齢を拡大したため、前年度までの数値とは比較できない。",
    "調査は隔年で実施している。",
    "前年度から新型コロナウイルス感染症の影響により調査方法を郵送からウェブ回答に変更したため、前年度までの数値との比較には注意が必要である。",
)

MENTION_TAILS = (
    "の取組と連携し、切れ目のない支援を行った。",
    "に掲げる施策とあわせて、関係課による連絡会議を開催した。",
)


@dataclass(frozen=True)
class IndicatorKind:
    """An indicator's printed name, its source text and what its numbers look like."""

    name: str
    source: str
    unit: str  # printed unit word (％ for percentages)
    low: float
    high: float
    decimals: int = 0


INDICATORS = (
    IndicatorKind("子育てしやすいまちと思う人の割合", "市民意識調査による数値", "％", 40, 90, 1),
    IndicatorKind("待機児童数", "各年度４月１日時点における待機児童数", "人", 5, 80),
    IndicatorKind("地域子育て支援拠点の数", "各年度４月１日時点における設置数", "か所", 10, 60),
    IndicatorKind("子育て相談の件数", "子育て支援課の相談記録による件数", "件", 1000, 4000),
    IndicatorKind("放課後児童クラブの登録児童数", "各年度５月１日時点の登録児童数", "人", 300, 900),
    IndicatorKind(
        "乳幼児健康診査の受診率", "健康診査の受診者数を対象者数で除した割合", "％", 85, 99, 1
    ),
    IndicatorKind("保育士の有効求人倍率", "ハローワークの求人・求職状況による数値", "倍", 1, 4, 2),
    IndicatorKind("子ども食堂の開設数", "市の把握する開設数", "か所", 5, 40),
    IndicatorKind("一時預かり事業の延べ利用回数", "事業実績報告による回数", "回", 200, 900),
    IndicatorKind("転入者数", "住民基本台帳による数値", "人", 1000, 3000),
)

#: Indicators for the featured value styles that need a particular kind of number.
PERCENT = INDICATORS[0]
COUNT_PEOPLE = INDICATORS[1]
RATIO = INDICATORS[6]
THOUSANDS = INDICATORS[3]
DIFFERENCE = IndicatorKind(
    "自分にはよいところがあると思う児童生徒の割合（全国平均との差）",
    "全国学力・学習状況調査による数値",
    "％",
    -8,
    -1,
    1,
)
FRACTION = IndicatorKind("目標を達成した重点事業の数", "事業評価シートによる数", "事業", 1, 5)

ASSESSMENT_CELLS: dict[str, tuple[str, ...]] = {
    "達成率": ("87.5％", "102.0％", "64.3％", "95.1％"),
    "達成状況": ("達成", "概ね達成", "未達成"),
    "評価": ("Ａ", "Ｂ", "Ｃ", "○", "△"),
    "進捗": ("順調", "やや遅れ", "遅れ"),
    "備考": ("隔年調査", "", "調査方法を変更", ""),
}

#: 区分 labels of an indicator printed as two sub-rows.
SUBROW_LABELS = (
    ("小学６年", "中学３年"),
    ("男性", "女性"),
    ("未就学児", "小学生"),
    ("市内", "全国"),
    ("小学校", "中学校"),
)

#: Page furniture: a boxed document number on page 1, or a running header on every page.
LABELS = ("資料２", "資料１", "資料３－１", "別紙")
RUNNING_HEADERS = (
    "第２回　子ども・子育て会議",
    "総合戦略推進会議　資料",
    "子ども・子育て会議（資料２）",
)
