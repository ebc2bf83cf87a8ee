"""Enrichment with fugashi + unidic-lite. PLACEHOLDER: being written."""

from __future__ import annotations

from extractor.model import Terms


def paragraphs_to_terms(paragraphs: list[str] | tuple[str, ...]) -> Terms:
    """Keywords, 「」 program names and amounts found in ``paragraphs``."""
    return Terms()
