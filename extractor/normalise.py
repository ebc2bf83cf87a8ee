"""Stage 2, normalise. PLACEHOLDER: being rewritten as small documented str -> str rules."""

from __future__ import annotations

import re

import jaconv


def normalise_text(text: str) -> str:
    """Apply every normalisation rule, in order."""
    text = jaconv.z2h(text, kana=False, ascii=True, digit=True)
    text = jaconv.h2z(text, kana=True, ascii=False, digit=False)
    text = re.sub(r"(?<=[^\x00-\x7f]) +(?=[^\x00-\x7f])", "", text)
    return text.strip()


def join_wrapped_lines(lines: list[str]) -> str:
    """Rejoin a paragraph's printed lines: nothing between Japanese, a space between Latin."""
    out = ""
    for line in lines:
        line = line.strip()
        if out and line and out[-1].isascii() and out[-1].isalnum() and line[0].isascii():
            out += " "
        out += line
    return out
