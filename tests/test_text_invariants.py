"""Issue 9: whatever the layout, ``extractor text`` prints every glyph once (none twice,
none lost), over random pages of text runs and rules."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.high_level import page_to_text
from extractor.load import Char, PageContent, Rule
from extractor.quality import page_to_quality

GLYPHS = "子育支援事業相談件数予算額区分合計令和年度0123456789"


def _run(text: str, x: float, baseline: float, size: float) -> list[Char]:
    return [
        Char(ch, x + i * size, x + (i + 1) * size, baseline - 0.88 * size,
             baseline + 0.12 * size, baseline, size, "F", True)
        for i, ch in enumerate(text)
    ]  # fmt: skip


runs = st.tuples(
    st.text(GLYPHS, min_size=1, max_size=10),
    st.floats(30, 480),
    st.floats(60, 780),
    st.sampled_from([8.0, 10.0, 10.5]),
)
rules = st.builds(
    lambda o, p, a, b: Rule(o, p, min(a, b), max(a, b) + 5),
    st.sampled_from(["h", "v"]),
    st.floats(20, 800),
    st.floats(20, 800),
    st.floats(20, 800),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(runs, min_size=1, max_size=14), st.lists(rules, max_size=12))
def test_every_glyph_is_printed_once(texts: list, page_rules: list[Rule]) -> None:
    chars = [c for text, x, y, size in texts for c in _run(text, x, y, size)]
    page = PageContent(1, 595, 842, tuple(chars), tuple(page_rules))
    out = page_to_text(page, page_to_quality(page))
    printed = Counter(ch for p in out["paragraphs"] for ch in p["text"] if ch in GLYPHS)
    assert printed == Counter(c.text for c in chars)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[Char], list[Rule]]:
    """A table of runs in columns, ruled in one of the ways real tables are, at a random
    place, with a line of text above and below (cells may be empty, wrapped or wide)."""
    n_rows, n_cols = draw(st.integers(2, 6)), draw(st.integers(2, 4))
    x, top = draw(st.floats(30, 200)), draw(st.floats(60, 500))
    widths = [draw(st.floats(40, 110)) for _ in range(n_cols)]
    pitch = draw(st.sampled_from([14.0, 18.0, 30.0]))
    edges = [x]
    for w in widths:
        edges.append(edges[-1] + w)
    chars: list[Char] = []
    for r in range(n_rows):
        for c in range(n_cols):
            text = draw(st.text(GLYPHS, max_size=int(widths[c] // 10) + 2))
            chars += _run(text, edges[c] + 3, top + (r + 1) * pitch - 4, 9.0)
    bottom = top + n_rows * pitch
    style = draw(st.sampled_from(["grid", "across", "down", "frame", "none"]))
    rules: list[Rule] = []
    if style in ("grid", "across", "frame"):
        ys = [top + r * pitch for r in range(n_rows + 1)]
        ys = ys if style != "frame" else [ys[0], ys[1], ys[-1]]
        rules += [Rule("h", y, edges[0], edges[-1]) for y in ys]
    if style in ("grid", "down"):
        rules += [Rule("v", e, top, bottom) for e in edges]
    if style == "frame":
        rules += [Rule("v", edges[0], top, bottom), Rule("v", edges[-1], top, bottom)]
    chars += _run(draw(st.text(GLYPHS, min_size=1, max_size=30)), 40, top - 12, 10.0)
    chars += _run(draw(st.text(GLYPHS, min_size=1, max_size=30)), 40, bottom + 20, 10.0)
    return chars, rules


@settings(max_examples=200, deadline=None)
@given(st.lists(tables(), min_size=1, max_size=2))
def test_every_glyph_of_tables_is_printed_once(layouts: list) -> None:
    chars = [c for layout_chars, _ in layouts for c in layout_chars]
    page_rules = [r for _, layout_rules in layouts for r in layout_rules]
    page = PageContent(1, 595, 842, tuple(chars), tuple(page_rules))
    out = page_to_text(page, page_to_quality(page))
    printed = Counter(ch for p in out["paragraphs"] for ch in p["text"] if ch in GLYPHS)
    assert printed == Counter(c.text for c in chars)
