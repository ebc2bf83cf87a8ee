"""Every tunable of the pipeline, with its default, in one frozen object."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.grammar import Grammar, default_grammar


@dataclass(frozen=True)
class Settings:
    """Knobs for one conversion. Frozen so a batch can hand one copy to every worker."""

    #: Add UniDic keywords, 「」 program names and amounts to initiatives and challenges.
    enrich: bool = True
    #: What reads the PDF: ``"pdfminer"`` (pdfminer.six, in Python: every stream decoded under
    #: a cap, every page under budgets) or ``"pdfium"`` (PDFium, in C: the same content, a
    #: load stage about 10% faster; its memory and time are bounded only by the worker it
    #: runs in).
    loader: str = "pdfminer"
    #: Password for encrypted PDFs (the empty password is always tried).
    password: str | None = None
    #: Refuse documents with more pages than this (``too_large``).
    max_pages: int = 2000
    #: Refuse input files larger than this many bytes (``too_large``).
    max_bytes: int = 200 * 1024 * 1024
    #: Share of undecodable characters above which a page gets a warning.
    undecodable_page_ratio: float = 0.05
    #: Share of undecodable characters above which the whole document is rejected.
    undecodable_document_ratio: float = 0.5
    #: Share of glyphs in vertical columns above which a page is read as vertical writing.
    vertical_page_ratio: float = 0.5
    #: Share of the page area that images cover for the page to be a scan (a page image).
    scan_image_coverage: float = 0.85
    #: Share of a page's glyphs that are OCR text (in Tesseract's GlyphLessFont, or drawn
    #: invisibly on the page image of a scan) above which the page's text is an OCR layer
    #: (``ocr_text``).
    ocr_page_ratio: float = 0.5
    #: Characters whose baselines differ by less than this fraction of their size share a line.
    line_tolerance: float = 0.35
    #: Ruled lines closer than this (pt) are snapped together when building table grids.
    snap_tolerance: float = 2.0
    #: Ruled lines shorter than this (pt) are ignored (tick marks, bullets).
    min_rule_length: float = 3.0
    #: Rects thinner than this (pt) that are filled, not stroked, count as drawn rules.
    max_rule_thickness: float = 3.0
    #: Share of a cell boundary that must be drawn for two neighbouring cells to stay apart.
    separator_coverage: float = 0.5
    #: Column edges (pt) this close match, across a page break or within a table.
    column_tolerance: float = 3.0
    #: Share of inner column edges two grids must share for the second to continue the first.
    continuation_shared_edges: float = 0.75
    #: Fraction of the glyph size above the baseline where a glyph's visual centre sits.
    glyph_centre: float = 0.35
    #: Height (fraction of page height) of the top and bottom bands searched for page furniture.
    furniture_band: float = 0.08
    #: The report conventions (words and patterns) the readers use; ``load_grammar(path)``
    #: merges a city's own TOML file over the default.
    grammar: Grammar = field(default_factory=default_grammar, compare=False, repr=False)
    #: Pages with fewer body lines than this take their margins from the whole document.
    min_lines_for_margins: int = 6
    #: Fail a report with any content warning (``not_understood``) instead of writing it.
    strict: bool = False
    #: A vertical strip free of ink on every line of a region, at least this many font sizes
    #: wide, separates two table columns (tables drawn without vertical rules).
    gutter_width: float = 0.6
    #: A cell line continues the one above when that one runs from edge to edge of its
    #: column's text, within this many font sizes (a quarter of the width at most) ...
    wrap_reach: float = 1.5
    #: ... and the baselines are at most this many font sizes apart.
    wrap_pitch: float = 1.6
    #: A gap this many font sizes wide inside a cell line parts two items (a name and its
    #: amount): the line is a row of its own, never the first half of a wrapped cell line.
    item_gap: float = 2.0
    #: A table found from whitespace alone needs this many rows with two or more columns
    #: (one found between rules, one fewer).
    min_table_rows: int = 3
    #: Baselines further apart than this many font sizes end a whitespace table.
    table_row_pitch: float = 3.5
    #: A printed line with a figure (not a date) in at least this many columns is a row of
    #: figures: no header cell runs on into it.
    figure_row_columns: int = 2
    #: Words of one header cell printed apart are a typed space apart (one font size); the
    #: words of two cells side by side are further apart than this many font sizes (the
    #: cells' padding and gutter).
    header_word_space: float = 1.25
    #: A table without a header rule: at most this many first lines may be its header.
    max_header_lines: int = 3
    #: Side-by-side blocks whose lines are this long (median, characters), most of them
    #: justified edge to edge, are columns of running text, not table columns.
    prose_run_chars: int = 10
    #: Reading order: a clear vertical strip this many font sizes wide separates two columns
    #: (or side-by-side tables, or the pages of a spread) ...
    column_gap: float = 1.5
    #: ... when both sides are at least this share of the area's height.
    column_min_height: float = 0.3
    # --- hostile input: bounded memory and time (issue 11) ---
    #: Largest decoded size (bytes) of any one PDF stream: a bigger one is a decompression
    #: bomb and fails the file (``too_large``). Real reports' largest streams (embedded
    #: Japanese fonts, page contents) decode to a few MB.
    max_stream_bytes: int = 64 * 1024 * 1024
    #: The same for object and cross-reference streams, which pdfminer parses token by token
    #: in Python (seconds per MB); real ones decode to well under 0.1 MB.
    max_object_stream_bytes: int = 4 * 1024 * 1024
    #: Memory (address space, bytes) a batch worker may use for one file; beyond it the file
    #: fails (``too_large``) and the batch goes on. A 300-page report needs about 130 MB.
    max_memory: int = 1024 * 1024 * 1024
    #: Per-page budgets; a page over any of them is skipped with a ``page_too_complex``
    #: warning instead of minutes of work. Real report pages draw at most a few thousand
    #: glyphs, strings and paths (2,742 glyphs, 2,628 operations, 420 segments in the samples
    #: and ../shared/realpdfs). Glyphs drawn:
    max_page_glyphs: int = 200_000
    #: Drawing operations: text strings shown, paths painted, images and forms placed.
    max_page_operations: int = 100_000
    #: Straight or curved path segments (table rules are segments).
    max_page_segments: int = 50_000
    #: Decoded content-stream bytes interpreted (a form drawn N times counts N times); pdfminer
    #: interprets about 0.2-0.5 MB a second, real report pages have under 0.1 MB.
    max_page_content_bytes: int = 2 * 1024 * 1024
    # --- memory with enrichment (issue 12) ---
    #: Bytes of UniDic's memory-mapped dictionary a process may keep mapped between tagging
    #: calls; past it the pages are given back (they stay in the page cache). Keeps peak RSS
    #: with enrichment under 90 MB (extractor/dictionary_memory.py). None: never give back.
    dictionary_budget: int | None = 28 * 1024 * 1024


DEFAULT_SETTINGS = Settings()
