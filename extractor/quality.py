"""How much of a page's text can be trusted: undecodable glyphs, vertical writing, OCR.

A PDF can draw perfect Japanese and still give back garbage: a CID font without a ToUnicode
map yields pdfminer's ``(cid:1234)`` placeholders, a font with a private encoding yields
Private Use Area code points, and a wrongly guessed single-byte encoding yields Latin-1,
Cyrillic or Greek letters where kanji were printed. None of it may be passed off as text,
so every page is measured and the document can be warned about or rejected
(``Settings.undecodable_page_ratio`` / ``undecodable_document_ratio``).

What counts as undecodable is an allow-list, not a block-list: a character is plausible in a
Japanese report when it is ASCII, Japanese (kana, ideographs, CJK punctuation, full/half-width
forms, radicals), a symbol a Japanese document prints (JIS X 0208 punctuation, arrows,
geometric shapes, ①, ℃, ㈱, box drawing that Shift-JIS has, emoji), Hangul, or one of a few
Latin-1 signs (¥ § ° ± × ÷ µ …). Everything else — accented Latin letters, Greek (but μ),
Cyrillic, Hebrew, Arabic, Indic scripts, block elements, unassigned code points — is what
mis-decoded bytes look like. Whitespace is neither counted nor held against a page.

Vertical writing is measured too: pdfplumber reports vertical (Identity-V) glyphs as
upright, so a glyph is vertical when it is not upright or when the next glyph drawn sits
directly below it in the same column. Later stages read rows left to right and would
scramble such text, so a page that is mostly vertical deserves a warning.

A scanned page made searchable (ocrmypdf, Tesseract's own PDF output, Acrobat's "searchable
image") is a page-sized image with the recognised text drawn invisibly on it. That text
reads like any other, but every word and figure in it was guessed from pixels: recognition
confuses look-alike characters (0/O, 1/l, 人/入), and its glyph boxes are approximate
(Tesseract spreads a word's glyphs evenly over the word's box, trailing space included),
while the table rules exist only in the image. A glyph is OCR text when it is drawn in
Tesseract's ``GlyphLessFont`` (a font without visible glyphs; ocrmypdf subsets keep the
name) or when it is drawn invisibly (text render mode 3 or 7) on the images of a page that
images cover (``Settings.scan_image_coverage``): the second test needs no producer's name,
so it also holds for Acrobat and for an OCR layer in an ordinary font, and printed text over
a page-sized background picture is not taken for OCR. Such a page gets an ``ocr_text``
warning, and so does a report with such pages, once (``--strict`` fails it). ocrmypdf 14's
``--pdf-renderer hocr`` names a font it never defines and Ghostscript substitutes a Latin
one, so its Japanese reads as a run of ``n``: decodable, meaningless, and caught only by the
image test.

Calibration (page 1 of the real samples): a CID font without ToUnicode (``89test``) is 100%
undecodable; clean pages measure 0% (MHLW table, METI text) to 0.4% (a Shift-JIS font
without ToUnicode that pdfplumber decodes through its CMap but for 5 glyphs; a 官報 header in
a mis-decoded font). Vertical pages (官報, 宮沢賢治) measure 98-100% vertical, horizontal ones
0-0.2%. OCR text: every page of the samples, of the 60 variants and of the other real PDFs
measures 0%, with either loader; the scans of ``tests/ocr`` and the one real scan (a 400 dpi
CCITT page made searchable by PDFill, invisible MS-Mincho, ``book-yasutake``) 100%.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from extractor.load import Char, PageContent
from extractor.model import ReportWarning
from extractor.settings import DEFAULT_SETTINGS, Settings

_CID = re.compile(r"\(cid:\d+\)")

#: Code point ranges (inclusive) plausible in a Japanese report; see the module docstring.
_ALLOWED_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00A0),  # NBSP
    (0x00A2, 0x00A3),  # ¢ £
    (0x00A5, 0x00A5),  # ¥
    (0x00A7, 0x00A9),  # § ¨ ©
    (0x00AC, 0x00AE),  # ¬ soft hyphen ®
    (0x00B0, 0x00B7),  # ° ± ² ³ ´ µ ¶ ·
    (0x00B9, 0x00B9),  # ¹
    (0x00D7, 0x00D7),  # ×
    (0x00F7, 0x00F7),  # ÷
    (0x03BC, 0x03BC),  # μ (μg, μSv)
    (0x2000, 0x2038),  # spaces, dashes, quotes, † ‡ • ‥ … ‰ ′ ″
    (0x203B, 0x203E),  # ※ ‼ ‾
    (0x2047, 0x2049),  # ⁇ ⁈ ⁉
    (0x2060, 0x209F),  # invisible operators, super/subscripts (CO₂)
    (0x20A0, 0x20CF),  # currency (€)
    (0x2100, 0x23FF),  # letterlike (℃ №), number forms (Ⅱ), arrows, maths, technical
    (0x2460, 0x24FF),  # enclosed alphanumerics (①)
    (0x25A0, 0x27BF),  # geometric shapes (▲ ○), misc symbols, dingbats
    (0x27C0, 0x2BFF),  # supplemental arrows and maths, misc symbols
    (0x2E80, 0x2FDF),  # CJK radicals (normalise maps them)
    (0x3000, 0x30FF),  # CJK punctuation, hiragana, katakana
    (0x3190, 0x31FF),  # kanbun, strokes, katakana extensions
    (0x3200, 0x4DBF),  # enclosed CJK (㈱), CJK compatibility (㎡), extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xAC00, 0xD7A3),  # Hangul syllables: multilingual notices
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFB00, 0xFB06),  # Latin ligatures
    (0xFE00, 0xFE1F),  # variation selectors, vertical forms
    (0xFE30, 0xFE6F),  # CJK compatibility forms, small forms
    (0xFEFF, 0xFEFF),  # BOM
    (0xFF01, 0xFFEF),  # full-width and half-width forms
    (0x1F000, 0x1FAFF),  # enclosed supplements (🈀), emoji
    (0x20000, 0x3FFFF),  # CJK extensions B and later
    (0xE0100, 0xE01EF),  # ideographic variation selectors
)
_ALLOWED_STARTS = tuple(lo for lo, _ in _ALLOWED_RANGES)

#: Why a glyph is undecodable, in the words a reason uses.
KIND_DESCRIPTIONS = {
    "cid": "(cid:N) glyph ids, font without ToUnicode",
    "private": "Private Use Area code points",
    "replacement": "U+FFFD replacement characters",
    "control": "control characters",
    "foreign": "characters foreign to Japanese text, a mis-decoded font",
}


@cache
def _shift_jis_box_drawing() -> frozenset[str]:
    """The box-drawing characters Shift-JIS has: a report may draw a table with them."""
    found = set()
    for cp in range(0x2500, 0x2580):
        try:
            chr(cp).encode("cp932")
        except UnicodeEncodeError:
            continue
        found.add(chr(cp))
    return frozenset(found)


def code_point_kind(ch: str) -> str | None:
    """``None`` for a character plausible in a Japanese report, else why it is not."""
    cp = ord(ch)
    if 0xE000 <= cp <= 0xF8FF or cp >= 0xF0000:
        return "private"
    if cp == 0xFFFD:
        return "replacement"
    category = unicodedata.category(ch)
    if category == "Cc":
        return "control"
    if category in ("Cn", "Cs", "Co"):
        return "foreign"
    if 0x2500 <= cp <= 0x257F:
        return None if ch in _shift_jis_box_drawing() else "foreign"
    index = bisect.bisect_right(_ALLOWED_STARTS, cp) - 1
    if index >= 0 and cp <= _ALLOWED_RANGES[index][1]:
        return None
    return "foreign"


def undecodable_kind(text: str) -> str | None:
    """Why one glyph's text is undecodable (see ``KIND_DESCRIPTIONS``), ``None`` if it is fine."""
    if not text:
        return "control"
    if "(cid:" in text and _CID.search(text):
        return "cid"
    for ch in text:
        kind = code_point_kind(ch)
        if kind is not None:
            return kind
    return None


def _is_blank(text: str) -> bool:
    return bool(text) and not text.strip()


def steps_down(a: Char, b: Char) -> bool:
    """``b`` is drawn right below ``a`` in the same column: the next glyph of vertical text."""
    size = min(a.size, b.size) or 1.0
    if abs(a.centre_x - b.centre_x) > 0.25 * size:
        return False
    return b.top > a.top and -0.5 * size <= b.top - a.bottom <= 0.6 * size


def vertical_flags(chars: Sequence[Char]) -> list[bool]:
    """Per glyph: rotated, or written top to bottom with its neighbour in drawing order."""
    flags = [not c.upright for c in chars]
    for i in range(1, len(chars)):
        if steps_down(chars[i - 1], chars[i]):
            flags[i - 1] = flags[i] = True
    return flags


#: The font Tesseract's PDF renderer draws its invisible text in (ocrmypdf, ``tesseract … pdf``).
OCR_FONT = "GlyphLessFont"

#: An image's box on the page (x0, top, x1, bottom), as ``PageContent.images`` gives it.
ImageBox = tuple[float, float, float, float]


def is_ocr_font(fontname: str) -> bool:
    """Tesseract's invisible font, with or without a subset prefix (``ABCDEF+GlyphLessFont``)."""
    return fontname.rpartition("+")[2] == OCR_FONT


def page_to_scan_images(
    page: PageContent, settings: Settings = DEFAULT_SETTINGS
) -> tuple[ImageBox, ...]:
    """The page's images when together they cover most of it (a scanned page), else none.

    Areas are summed, clipped to the page: strips or tiles of one scan add up, and a page
    that is one big image counts once."""
    page_area = page.width * page.height
    if page_area <= 0:
        return ()
    covered = 0.0
    for x0, top, x1, bottom in page.images:
        width = min(x1, page.width) - max(x0, 0.0)
        height = min(bottom, page.height) - max(top, 0.0)
        covered += max(width, 0.0) * max(height, 0.0)
    return page.images if covered / page_area >= settings.scan_image_coverage else ()


def _on_images(char: Char, images: Sequence[ImageBox]) -> bool:
    x, y = char.centre_x, (char.top + char.bottom) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in images)


@dataclass(frozen=True, slots=True)
class PageQuality:
    """How trustworthy one page's text is. Counts ignore whitespace glyphs."""

    page: int
    char_count: int
    undecodable_count: int
    undecodable_ratio: float
    vertical_count: int
    vertical_ratio: float
    #: Short human explanation, "ok" when nothing is wrong.
    reason: str
    #: Undecodable glyphs by kind (keys of ``KIND_DESCRIPTIONS``).
    kinds: tuple[tuple[str, int], ...] = ()
    #: Why the page was skipped unread (``PageContent.too_complex``), None when it was read.
    too_complex: str | None = None
    #: Glyphs of an OCR text layer: in ``GlyphLessFont`` or on the page image of a scan.
    ocr_count: int = 0
    ocr_ratio: float = 0.0
    #: Of those, the glyphs in ``GlyphLessFont``: Tesseract's layer of positioned words.
    ocr_font_count: int = 0


def is_ocr_page(quality: PageQuality, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """Most of the page's text is an OCR layer (``Settings.ocr_page_ratio``)."""
    return quality.ocr_ratio > settings.ocr_page_ratio


def is_ocr_word_layer(quality: PageQuality, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """Most of the page's text is Tesseract's layer (``GlyphLessFont``): each recognised word
    placed over its box in the image, a stretched blank glyph to the next one. Its gaps are
    where Tesseract cut words, not gutters the print leaves (see ``page_to_layout``)."""
    return _ratio(quality.ocr_font_count, quality.char_count) > settings.ocr_page_ratio


def _main_kind(quality: PageQuality) -> str:
    if not quality.kinds:
        return "unknown"
    kind = max(quality.kinds, key=lambda item: item[1])[0]
    return KIND_DESCRIPTIONS[kind]


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _reason(chars: int, undecodable: int, vertical: int, ocr: int, kinds: Counter[str]) -> str:
    if chars == 0:
        return "no text"
    parts = []
    if ocr:
        parts.append(f"{ocr}/{chars} characters from an OCR text layer")
    if undecodable:
        main = KIND_DESCRIPTIONS[kinds.most_common(1)[0][0]]
        parts.append(f"{undecodable}/{chars} characters undecodable ({main})")
    if vertical:
        parts.append(f"{vertical}/{chars} characters in vertical writing")
    return "; ".join(parts) or "ok"


def page_to_quality(page: PageContent, settings: Settings = DEFAULT_SETTINGS) -> PageQuality:
    """Count the undecodable, vertical and OCR glyphs of one page."""
    vertical_by_index = vertical_flags(page.chars)
    scan = page_to_scan_images(page, settings)
    kinds: Counter[str] = Counter()
    chars = vertical = ocr = ocr_font = 0
    for char, is_vertical in zip(page.chars, vertical_by_index, strict=True):
        if _is_blank(char.text):
            continue
        chars += 1
        vertical += is_vertical
        in_ocr_font = is_ocr_font(char.fontname)
        ocr_font += in_ocr_font
        ocr += in_ocr_font or (char.invisible and bool(scan) and _on_images(char, scan))
        kind = undecodable_kind(char.text)
        if kind is not None:
            kinds[kind] += 1
    undecodable = sum(kinds.values())
    return PageQuality(
        page=page.number,
        char_count=chars,
        undecodable_count=undecodable,
        undecodable_ratio=_ratio(undecodable, chars),
        vertical_count=vertical,
        vertical_ratio=_ratio(vertical, chars),
        reason=_reason(chars, undecodable, vertical, ocr, kinds),
        kinds=tuple(sorted(kinds.items())),
        too_complex=page.too_complex,
        ocr_count=ocr,
        ocr_ratio=_ratio(ocr, chars),
        ocr_font_count=ocr_font,
    )


@dataclass(frozen=True, slots=True)
class DocumentQuality:
    """Character-weighted totals over all pages, and the pages that need a warning."""

    page_count: int
    char_count: int
    undecodable_count: int
    undecodable_ratio: float
    vertical_count: int
    vertical_ratio: float
    #: Pages whose undecodable ratio exceeds ``Settings.undecodable_page_ratio``.
    undecodable_pages: tuple[int, ...]
    #: True when the document ratio exceeds ``Settings.undecodable_document_ratio``.
    rejected: bool
    reason: str
    #: Pages whose text is an OCR layer (``Settings.ocr_page_ratio``).
    ocr_pages: tuple[int, ...] = ()


def document_quality(
    pages_quality: Sequence[PageQuality], settings: Settings = DEFAULT_SETTINGS
) -> DocumentQuality:
    """Sum the pages: one bad cover page must not sink a long, clean document, and vice versa."""
    chars = sum(q.char_count for q in pages_quality)
    undecodable = sum(q.undecodable_count for q in pages_quality)
    vertical = sum(q.vertical_count for q in pages_quality)
    ratio = _ratio(undecodable, chars)
    flagged = tuple(
        q.page for q in pages_quality if q.undecodable_ratio > settings.undecodable_page_ratio
    )
    rejected = chars > 0 and ratio > settings.undecodable_document_ratio
    if chars == 0:
        reason = "no text"
    elif rejected:
        kinds: Counter[str] = Counter()
        for q in pages_quality:
            kinds.update(dict(q.kinds))
        main = KIND_DESCRIPTIONS[kinds.most_common(1)[0][0]]
        reason = f"{ratio:.0%} of the text is undecodable ({main})"
    elif flagged:
        reason = f"undecodable text on page(s) {', '.join(map(str, flagged))}"
    else:
        reason = "ok"
    return DocumentQuality(
        page_count=len(pages_quality),
        char_count=chars,
        undecodable_count=undecodable,
        undecodable_ratio=ratio,
        vertical_count=vertical,
        vertical_ratio=_ratio(vertical, chars),
        undecodable_pages=flagged,
        rejected=rejected,
        reason=reason,
        ocr_pages=tuple(q.page for q in pages_quality if is_ocr_page(q, settings)),
    )


def quality_to_warnings(
    quality: PageQuality, settings: Settings = DEFAULT_SETTINGS
) -> tuple[ReportWarning, ...]:
    """The page's warnings: skipped as too complex, mostly undecodable text, or text written
    in vertical columns."""
    warnings = []
    if quality.too_complex:
        warnings.append(
            ReportWarning(
                "page_too_complex",
                f"the page was skipped: {quality.too_complex} (a per-page limit; "
                "a real report page draws far fewer)",
                quality.page,
            )
        )
    if quality.undecodable_ratio > settings.undecodable_page_ratio:
        warnings.append(
            ReportWarning(
                "undecodable_text",
                f"{quality.undecodable_ratio:.0%} of the page's characters cannot be decoded "
                f"({_main_kind(quality)}); its text is unreliable",
                quality.page,
            )
        )
    if quality.vertical_ratio > settings.vertical_page_ratio:
        warnings.append(
            ReportWarning(
                "vertical_text",
                f"{quality.vertical_ratio:.0%} of the page's characters are in vertical "
                "writing, read as columns from right to left; check the reading order",
                quality.page,
            )
        )
    return tuple(warnings)


def _page_list(pages: Sequence[int]) -> str:
    """``1-5``, ``1-3, 7``: runs of consecutive pages folded."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs)


def qualities_to_ocr_warning(
    pages_quality: Sequence[PageQuality], settings: Settings = DEFAULT_SETTINGS
) -> ReportWarning | None:
    """One ``ocr_text`` warning naming every page whose text is an OCR layer, or None.

    One per report, not one per page: it is one fact about the document (how it was made)."""
    pages = [q.page for q in pages_quality if is_ocr_page(q, settings)]
    if not pages:
        return None
    whose = "the page's" if len(pages) == 1 else f"pages {_page_list(pages)}: the"
    return ReportWarning(
        "ocr_text",
        f"{whose} text is an OCR layer on a scanned image, recognised from pixels, not printed "
        "as text: look-alike characters may be confused (0/O, 1/l, 人/入) and the layout is "
        "approximate; check the figures against the page image",
        pages[0],
    )
