"""Render a Document as a .docx (python-docx) and convert it with LibreOffice.

Why: most published reports are word-processor documents. LibreOffice lays the .docx out
itself (its own line breaks, table widths, tab leaders in the contents, a PAGE field in the
footer), so nothing here decides where a line wraps.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Any

from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from make_office_samples import box_paragraph, set_fonts  # shared Word idioms

from .document import Cover, Document, IndicatorTable, document_to_blocks

MINCHO = "IPAexMincho"
#: Headings in the body font too: each embedded font subset costs ~50 kB in the PDF, and the
#: committed variants must stay small.
GOTHIC = MINCHO
INDENT = "\u3000"

#: Which borders each rule style draws (the rest are set to none explicitly).
BORDERS = {
    "full": ("top", "left", "bottom", "right", "insideH", "insideV"),
    "horizontal": ("top", "bottom", "insideH"),
    "none": (),
}


def _para(container: Any, text: str, font: str = MINCHO, size: float = 10.5, **fmt: Any) -> Any:
    p = container.add_paragraph()
    for i, line in enumerate(text.split("\n")):
        if i:
            p.add_run().add_break(WD_BREAK.LINE)
        set_fonts(p.add_run(line)._r.get_or_add_rPr(), font, size)
    pf = p.paragraph_format
    pf.space_before = Pt(fmt.get("before", 0))
    pf.space_after = Pt(fmt.get("after", 0))
    pf.keep_with_next = fmt.get("keep", False)
    if "left" in fmt:
        pf.left_indent = Pt(fmt["left"])
    if "align" in fmt:
        p.alignment = fmt["align"]
    return p


def _page_field(section: Any) -> None:
    """A centred footer with the PAGE field, as Word writes it."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind in ("begin", "instr", "separate", "t", "end"):
        r = p.add_run()
        set_fonts(r._r.get_or_add_rPr(), MINCHO, 9)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        elif kind == "t":
            el = OxmlElement("w:t")
            el.text = "1"
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        r._r.append(el)


def _borders(table: Any, rules: str) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        drawn = side in BORDERS[rules]
        el.set(qn("w:val"), "single" if drawn else "nil")
        if drawn:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _table(doc: Any, spec: IndicatorTable) -> None:
    grid = spec.grid()
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table, spec.rules)
    for cell in grid.cells:
        target = table.cell(cell.row, cell.col)
        if cell.rowspan > 1:
            target = target.merge(table.cell(cell.row + cell.rowspan - 1, cell.col))
        if cell.header and spec.header_fill:
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:color"), "auto")
            shading.set(qn("w:fill"), "D9D9D9")
            target._tc.get_or_add_tcPr().append(shading)
        p = target.paragraphs[0]
        for k, line in enumerate(cell.text.split("\n")):
            if k:
                p.add_run().add_break(WD_BREAK.LINE)
            set_fonts(p.add_run(line)._r.get_or_add_rPr(), MINCHO, 8.5)
        p.paragraph_format.space_after = Pt(0)
        if not cell.left:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _label(doc: Any, label: str, text_width: float) -> None:
    """The boxed 資料２ label at the top right: a bordered paragraph indented so the box is
    only as wide as the label (what Word users do instead of a text box)."""
    p = _para(doc, label, GOTHIC, 12, align=WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.left_indent = Mm(text_width - 26)
    box_paragraph(p)


def _cover(doc: Any, cover: Cover) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, cover.title, GOTHIC, 20, align=center, before=150)
    _para(doc, cover.date, MINCHO, 14, align=center, before=120)
    p = _para(doc, cover.city, GOTHIC, 16, align=center, before=10)
    p.add_run().add_break(WD_BREAK.PAGE)


def _toc(doc: Any, entries: tuple[tuple[str, int], ...], text_width: float) -> None:
    _para(doc, "目次", GOTHIC, 14, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)
    for text, number in entries:
        p = _para(doc, f"{text}\t{number}")
        p.paragraph_format.tab_stops.add_tab_stop(
            Mm(text_width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
    _para(doc, "")


def build_docx(doc: Document, path: Path) -> None:
    out = DocxDocument()
    section = out.sections[0]
    width, height = (297, 210) if doc.orientation == "landscape" else (210, 297)
    section.orientation = (
        WD_ORIENT.LANDSCAPE if doc.orientation == "landscape" else WD_ORIENT.PORTRAIT
    )
    section.page_width, section.page_height = Mm(width), Mm(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(22))
    set_fonts(out.styles["Normal"].element.get_or_add_rPr(), MINCHO, 10.5)
    _page_field(section)
    if doc.running_header:
        p = section.header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        set_fonts(p.add_run(doc.running_header)._r.get_or_add_rPr(), MINCHO, 8)
    if doc.label:
        _label(out, doc.label, width - 44)
    hang = 10.5 if doc.paragraph_indent == "hanging" else 0.0
    for kind, item in document_to_blocks(doc):
        if kind == "cover":
            _cover(out, item)  # type: ignore[arg-type]
        elif kind == "title":
            _para(out, str(item), GOTHIC, 14, align=WD_ALIGN_PARAGRAPH.CENTER, after=10)
        elif kind == "toc":
            _toc(out, item, width - 44)  # type: ignore[arg-type]
        elif kind == "table":
            _table(out, item)  # type: ignore[arg-type]
        elif kind == "goal":
            _para(out, str(item), GOTHIC, 12, before=12, after=4, keep=True)
        elif kind == "section":
            _para(out, str(item), GOTHIC, 10.5, before=6, keep=True)
        elif kind == "initiative":
            _para(out, str(item), GOTHIC, 10.5, left=hang, keep=True)
        elif kind == "note":
            _para(out, str(item), MINCHO, 9)
        else:
            _para(out, INDENT + str(item), left=hang)
    out.core_properties.author = "make_variants.py"
    out.core_properties.title = doc.title or doc.name
    out.save(str(path))


def render_docx(doc: Document, path: Path) -> None:
    """Build the .docx and convert it with a private LibreOffice profile."""
    with tempfile.TemporaryDirectory(prefix="variants-docx-") as tmp:
        work = Path(tmp)
        source = work / f"{doc.name}.docx"
        build_docx(doc, source)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        path.write_bytes((work / f"{doc.name}.pdf").read_bytes())
