"""Render a Document as an HTML page and print it to PDF with headless Chromium.

Why a browser: reports published from a CMS or exported from a web form come out of a
browser's print engine — its own line breaking, table layout and font subsetting, no page
numbers, and paragraph indents made with CSS (no indent character in the text).
"""

from __future__ import annotations

import html
import subprocess
import tempfile
from pathlib import Path

from .document import Cover, Document, IndicatorTable, document_to_blocks

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-pdf-header-footer",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)

RULES_CSS = {
    "full": "td, th { border: 0.5pt solid #000; }",
    "horizontal": "table { border-top: 0.8pt solid #000; border-bottom: 0.8pt solid #000; }"
    " td, th { border-bottom: 0.5pt solid #000; }",
    "none": "td, th { border: none; }",
}


def _text(s: str) -> str:
    return html.escape(s).replace("\n", "<br>")


def _table(table: IndicatorTable) -> str:
    """Header rows in <thead> (a browser repeats them on every page the table spans); a
    forced break before ``break_row``."""
    grid = table.grid()
    rows = []
    for r in range(grid.n_rows):
        cells = []
        for cell in (c for c in grid.cells if c.row == r):
            tag = "th" if cell.header else "td"
            span = f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
            cls = "" if cell.header else f' class="{"name" if cell.left else "num"}"'
            cells.append(f"<{tag}{span}{cls}>{_text(cell.text)}</{tag}>")
        brk = ' class="page-break"' if r == grid.break_row else ""
        rows.append(f"<tr{brk}>{''.join(cells)}</tr>")
    head, body = "".join(rows[: grid.n_head]), "".join(rows[grid.n_head :])
    split = ' class="split"' if grid.break_row is not None else ""
    return f"<table{split}><thead>{head}</thead><tbody>{body}</tbody></table>"


def _cover(cover: Cover) -> str:
    return (
        '<div class="cover">'
        f'<p class="cover-title">{_text(cover.title)}</p>'
        f'<p class="cover-date">{_text(cover.date)}</p>'
        f'<p class="cover-city">{_text(cover.city)}</p>'
        "</div>"
    )


def _toc(entries: tuple[tuple[str, int], ...]) -> str:
    lines = "".join(
        f'<div class="toc-line"><span>{_text(t)}</span><span class="leader">'
        f"{'・' * 60}</span><span>{n}</span></div>"
        for t, n in entries
    )
    return f'<div class="toc"><p class="toc-head">目次</p>{lines}</div>'


def document_to_html(doc: Document) -> str:
    body = []
    if doc.label:
        body.append(f'<div class="label-row"><span class="label">{_text(doc.label)}</span></div>')
    for kind, item in document_to_blocks(doc):
        if kind == "cover":
            body.append(_cover(item))  # type: ignore[arg-type]
        elif kind == "toc":
            body.append(_toc(item))  # type: ignore[arg-type]
        elif kind == "table":
            body.append(_table(item))  # type: ignore[arg-type]
        else:
            tag = {"title": "h1", "goal": "h2", "section": "h3"}.get(kind, "p")
            body.append(f'<{tag} class="{kind}">{_text(str(item))}</{tag}>')
    size = "A4 landscape" if doc.orientation == "landscape" else "A4"
    running = ""
    if doc.running_header:  # a page margin box: printed on every page
        running = (
            f'@top-right {{ content: "{doc.running_header}"; font-size: 8pt;'
            ' font-family: "IPAexGothic", sans-serif; }'
        )
    table_rules = doc.goals[0].table.rules
    fill_css = "th { background: #d9d9d9; }" if doc.goals[0].table.header_fill else ""
    hang = "1em" if doc.paragraph_indent == "hanging" else "0"
    return f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{_text(doc.title or doc.name)}</title>
<style>
@page {{ size: {size}; margin: 18mm 20mm; {running} }}
body {{ font-family: "IPAexGothic", sans-serif; font-size: 10.5pt; line-height: 1.6; margin: 0; }}
h1, h2, h3 {{ font-weight: normal; }}
h2, h3, .initiative {{ break-after: avoid; }}
h1 {{ font-size: 14pt; text-align: center; margin: 0 0 10pt; }}
h2 {{ font-size: 12pt; margin: 12pt 0 4pt; }}
h3 {{ font-size: 10.5pt; margin: 6pt 0 2pt; }}
p {{ margin: 0; }}
.initiative {{ margin-left: {hang}; }}
.paragraph {{ margin-left: {hang}; text-indent: 1em; }}
.note {{ font-size: 9pt; }}
table {{ border-collapse: collapse; font-size: 8.5pt; line-height: 1.3; margin: 2pt 0 4pt;
  page-break-inside: avoid; }}
th {{ font-weight: normal; padding: 2pt 4pt; }}
td {{ padding: 2pt 4pt; }}
td.num {{ text-align: center; white-space: nowrap; }}
table.split {{ page-break-inside: auto; }}
tr {{ break-inside: avoid; }}
tr.page-break {{ break-before: page; }}
{RULES_CSS[table_rules]}
{fill_css}
.cover {{ page-break-after: always; text-align: center; padding-top: 40mm; }}
.cover-title {{ font-size: 20pt; }}
.cover-date {{ font-size: 14pt; margin-top: 40mm; }}
.cover-city {{ font-size: 16pt; margin-top: 6mm; }}
.label-row {{ text-align: right; }}
.label {{ font-size: 12pt; border: 0.8pt solid #000; padding: 1pt 6pt; }}
.toc {{ margin-bottom: 14pt; }}
.toc-head {{ text-align: center; font-size: 14pt; }}
.toc-line {{ display: flex; align-items: flex-end; }}
.toc-line .leader {{ flex: 1; overflow: hidden; white-space: nowrap; margin: 0 4pt;
  min-width: 3em; }}
</style></head><body>
{chr(10).join(body)}
</body></html>
"""


def render_html(doc: Document, path: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="variants-html-") as tmp:
        page = Path(tmp) / f"{doc.name}.html"
        page.write_text(document_to_html(doc), encoding="utf-8")
        subprocess.run(
            [
                "chromium",
                *CHROMIUM_FLAGS,
                f"--user-data-dir={tmp}/profile",
                f"--print-to-pdf={path}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
