"""Generate the sample report PDFs (samples/) and their expected JSON (tests/golden/).

Why: the extractor needs test inputs with known truth. The expected JSON is derived from the
spec data in sample_specs.py (what we print), never from running the extractor. Re-running
gives byte-identical PDFs (reportlab invariant mode, fixed metadata, deterministic pikepdf save).

Usage: python scripts/make_samples.py [stem ...]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pikepdf
from golden_files import SAMPLES, expected_value, source, write_golden
from pdfdraw import (
    Cell,
    Flowable,
    Gap,
    Layout,
    Line,
    PageStyle,
    Table,
    TableFlow,
    new_canvas,
    register_fonts,
    text_width,
)
from sample_specs import (
    CIRCLED,
    SPECS,
    Goal,
    Indicator,
    IndicatorTable,
    Paragraph,
    PlainTable,
    Report,
)

GENERATOR = {"name": "extractor", "version": "0.1.0"}
SCHEMA_VERSION = "1.2"

BODY = 10.5
LEADING = 18.0
WRAP_EM = 32  # characters per printed line in the Kurume layout
INDENT = "\u3000"

# --- expected-value normalisation (our own, independent of the extractor) --------------------

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_LATIN = re.compile(r"[A-Za-z0-9]")


def norm(s: str) -> str:
    """Full-width ASCII -> ASCII, line breaks and Japanese-side spaces dropped."""
    s = s.translate(_FULLWIDTH).replace("\n", "")
    s = re.sub(r"[\s\u3000]+", " ", s).strip()
    out = []
    for i, ch in enumerate(s):
        if ch == " " and not (_LATIN.match(s[i - 1]) and _LATIN.match(s[i + 1])):
            continue
        out.append(ch)
    return "".join(out)


# --- spec -> flow ----------------------------------------------------------------------------


WORD_CHAR = re.compile(r"[0-9A-Za-z,.]")


def wrap(text: str, font: str, size: float = BODY, em: int = WRAP_EM) -> tuple[str, ...]:
    """Greedy wrap at ``em`` full-width characters; closing punctuation may hang and a
    half-width number or word is never cut (Word style)."""
    limit = em * size + 0.1
    lines: list[str] = []
    cur = ""
    for ch in text:
        if text_width(cur + ch, font, size) > limit and cur and ch not in "、。」）":
            word = re.search(r"[0-9A-Za-z,.]+$", cur) if WORD_CHAR.match(ch) else None
            keep = cur[: word.start()] if word and word.start() > 0 else cur
            lines.append(keep)
            cur = cur[len(keep) :]
        cur += ch
    return (*lines, cur)


def para_lines(p: Paragraph, font: str) -> tuple[str, ...]:
    return p if isinstance(p, tuple) else wrap(INDENT + p, font)


def indicator_table(spec: IndicatorTable) -> tuple[Table, list[int]]:
    """The ruled grid of an indicator table; also the first grid row of each indicator."""
    cells: list[Cell] = []
    has_kubun = spec.kubun != "none"
    if not has_kubun and any(label for ind in spec.indicators for label, _ in ind.rows):
        raise ValueError("sub-row labels need a 区分 column")
    v0 = 3 if has_kubun else 2
    n_cols = v0 + len(spec.columns)
    two = spec.header == "two_rows"
    hr = 2 if two else 1
    cells.append(Cell(0, 0, "成果指標", rowspan=hr, kind="header"))
    cells.append(
        Cell(
            0, 1, "評価指標", rowspan=hr, colspan=2 if spec.kubun == "merged" else 1, kind="header"
        )
    )
    if spec.kubun in ("empty", "explicit"):
        cells.append(
            Cell(0, 2, "区分" if spec.kubun == "explicit" else "", rowspan=hr, kind="header")
        )
    if two:
        j = 0
        while j < len(spec.columns):
            span = 1
            while (
                spec.merge_roles
                and j + span < len(spec.columns)
                and spec.columns[j + span].word == spec.columns[j].word
            ):
                span += 1
            cells.append(Cell(0, v0 + j, spec.columns[j].word, colspan=span, kind="header"))
            j += span
        for j, col in enumerate(spec.columns):
            cells.append(Cell(1, v0 + j, f"（{col.era}）", kind="header"))
    else:
        for j, col in enumerate(spec.columns):
            cells.append(Cell(0, v0 + j, f"{col.word}\n（{col.era}）", kind="header"))
    row = hr
    firsts: list[int] = []
    for ind in spec.indicators:
        firsts.append(row)
        k = len(ind.rows)
        cells.append(Cell(row, 0, "\n".join(ind.name), rowspan=k, align="left", kind="name"))
        cells.append(Cell(row, 1, "\n".join(ind.source), rowspan=k, align="left", kind="name"))
        for i, (label, vals) in enumerate(ind.rows):
            if has_kubun:
                cells.append(Cell(row + i, 2, label or ""))
            for j, text in enumerate(vals):
                if text is None:
                    continue
                span = 1
                while i + span < k and ind.rows[i + span][1][j] is None:
                    span += 1
                cells.append(Cell(row + i, v0 + j, text, rowspan=span))
        row += k
    return Table(tuple(cells), row, n_cols, header_rows=hr, size=spec.size), firsts


def plain_table(spec: PlainTable) -> Table:
    cells = tuple(
        Cell(r, c, text, align="center" if r == 0 else "left", kind="plain")
        for r, row in enumerate(spec.rows)
        for c, text in enumerate(row)
    )
    return Table(cells, len(spec.rows), len(spec.rows[0]), header_rows=1, size=9.0, pitch=12.0)


def heading(text: str, anchor: str, size: float = BODY, keep: bool = False) -> Line:
    return Line(
        text,
        font="gothic",
        size=size,
        leading=LEADING,
        heading=True,
        anchor=anchor,
        keep_with_next=keep,
    )


def paragraphs(blocks: tuple, prefix: str, font: str) -> list[Flowable]:
    items: list[Flowable] = []
    for j, block in enumerate(blocks):
        if isinstance(block, PlainTable):
            items.append(Gap(4))
            items.append(TableFlow(plain_table(block), f"{prefix}.x{j}", gap_after=6))
            continue
        for m, text in enumerate(para_lines(block, font)):
            items.append(Line(text, leading=LEADING, anchor=f"{prefix}.p{j}.l{m}"))
    return items


def goal_flow(spec: Report, g: Goal, font: str) -> list[Flowable]:
    a = f"g{g.number}"
    table, _ = indicator_table(g.table)
    items: list[Flowable] = [
        heading(g.heading, a, size=11, keep=spec.keep_headings),
        Gap(4),
        heading(g.ind_heading, f"{a}.ind", keep=spec.keep_headings),
        Gap(2),
        TableFlow(table, f"{a}.t"),
    ]
    for k, ind in enumerate(i for i in g.table.indicators if i.note):
        items.append(Line(ind.note or "", size=9, leading=13, anchor=f"{a}.note{k}"))
    items += [Gap(10), heading(spec.fiscal_year_heading, f"{a}.init")]
    for k, ini in enumerate(g.initiatives, start=1):
        items.append(heading(INDENT + CIRCLED[k - 1] + ini.title, f"{a}.i{k}"))
        items += paragraphs(ini.blocks, f"{a}.i{k}", font)
        items.append(Gap(LEADING))
    items.append(heading(g.ch_heading, f"{a}.ch"))
    items += paragraphs(g.challenges, f"{a}.ch", font)
    items.append(Gap(LEADING))
    return items


def report_flow(spec: Report, font: str) -> list[Flowable]:
    items: list[Flowable] = [
        Gap(28),
        Line(
            spec.title,
            font="gothic",
            size=14,
            leading=24,
            align="center",
            heading=True,
            anchor="title",
        ),
        Gap(14),
    ]
    for g in spec.goals:
        items += goal_flow(spec, g, font)
    return items


# --- expected JSON ---------------------------------------------------------------------------


def expected_indicator(ind: Indicator, spec: IndicatorTable, page: int) -> dict[str, Any]:
    series = []
    last: list[str | None] = [None] * len(spec.columns)
    for label, vals in ind.rows:
        row_vals = []
        for j, (col, text) in enumerate(zip(spec.columns, vals, strict=True)):
            last[j] = text if text is not None else last[j]
            row_vals.append(expected_value(col.word, col.era, last[j] or "", norm))
        series.append({"label": norm(label) if label else None, "values": row_vals})
    return {
        "name": norm("".join(ind.name)),
        "source": norm("".join(ind.source)) or None,
        "note": norm(ind.note) if ind.note else None,
        "page": page,
        "series": series,
        "assessment": [],
    }


def expected_paragraphs(blocks: tuple, font: str) -> list[str]:
    """A paragraph's text; a table among the paragraphs is kept as one paragraph per row,
    its cells joined by `` | ``."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, PlainTable):
            out += [" | ".join(norm(cell) for cell in row) for row in block.rows]
        else:
            out.append(norm("".join(para_lines(block, font))))
    return out


def expected_goal(g: Goal, anchors: dict[str, int], font: str) -> dict[str, Any]:
    a = f"g{g.number}"
    _, firsts = indicator_table(g.table)
    return {
        "number": g.number,
        "title": g.title,
        "page": anchors[a],
        "indicators": [
            expected_indicator(ind, g.table, anchors[f"{a}.t.r{first}"])
            for ind, first in zip(g.table.indicators, firsts, strict=True)
        ],
        "initiatives": [
            {
                "number": k,
                "title": norm(ini.title),
                "paragraphs": expected_paragraphs(ini.blocks, font),
                "page": anchors[f"{a}.i{k}"],
            }
            for k, ini in enumerate(g.initiatives, start=1)
        ],
        "challenges": expected_paragraphs(g.challenges, font),
        "notes": [],
    }


def expected(
    spec: Report, pdf: Path, pages: int, anchors: dict[str, int], font: str
) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": GENERATOR,
        "source": source(pdf, pages),
        "label": norm(spec.label) if spec.label else None,
        "title": norm(spec.title),
        "fiscal_year": spec.fiscal_year,
        "goals": [expected_goal(g, anchors, font) for g in spec.goals],
        "warnings": [],
    }


# --- post-processing -------------------------------------------------------------------------


def shift_descent(pdf_path: Path, delta: float) -> int:
    """Move every FontDescriptor's Ascent/Descent/FontBBox by ``delta`` (1/1000 em).

    Renderers use the embedded glyphs, so the page looks the same; pdfminer derives char boxes
    from Descent, so every box moves by delta/1000 of the font size.
    """
    n = 0
    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
                obj.Descent = float(obj.Descent) + delta
                obj.Ascent = float(obj.Ascent) + delta
                x0, y0, x1, y1 = (float(v) for v in obj.FontBBox)
                obj.FontBBox = pikepdf.Array([x0, y0 + delta, x1, y1 + delta])
                n += 1
        pdf.save(pdf_path, deterministic_id=True, compress_streams=True)
    return n


# --- build -----------------------------------------------------------------------------------


def build(spec: Report) -> dict[str, Any]:
    """Draw one sample, post-process it, return its expected JSON."""
    SAMPLES.mkdir(exist_ok=True)
    pdf = SAMPLES / f"{spec.stem}.pdf"
    fonts = register_fonts(spec.embedded)
    canvas = new_canvas(str(pdf), title=spec.title, author=spec.author, fonts=fonts)
    style = PageStyle(running_header=spec.running_header, label=spec.label)
    layout = Layout(canvas, fonts, spec.quirks, style, breaks=spec.breaks)
    pages = layout.run(report_flow(spec, fonts.mincho))
    if spec.pages is not None and pages != spec.pages:
        raise SystemExit(f"{spec.stem}: {pages} pages, expected {spec.pages}")
    if spec.expect_split != bool(layout.splits):
        raise SystemExit(f"{spec.stem}: table row splits {layout.splits}")
    if layout.splits:
        print(f"  {spec.stem}: table rows split across pages at {layout.splits}")
    if layout.auto_breaks:
        print(f"  {spec.stem}: automatic page breaks before {layout.auto_breaks}")
    if spec.shift_descent:
        shift_descent(pdf, spec.shift_descent)
    return expected(spec, pdf, pages, layout.anchors, fonts.mincho)


def main(argv: list[str]) -> None:
    """Build the samples. A golden file that already exists is never overwritten silently:
    golden files carry hand-checked additions (programs, amounts, warnings), so a changed
    expectation is written beside it in build/golden/ for review, unless --write-golden."""
    overwrite = "--write-golden" in argv
    stems = [a for a in argv if not a.startswith("--")]
    for spec in SPECS:
        if stems and spec.stem not in stems:
            continue
        data = build(spec)
        write_golden(spec.stem, data, overwrite=overwrite)
        print(f"{spec.stem}: {data['source']['pages']} pages, {data['source']['sha256'][:12]}")


if __name__ == "__main__":
    main(sys.argv[1:])
