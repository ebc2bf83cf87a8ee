"""Issue 4: a PDF whose fonts lost their ToUnicode maps is refused, never emitted as text."""

from __future__ import annotations

import pytest

import extractor
from tests.conftest import REPO

FIXTURE = REPO / "tests" / "fixtures" / "kurume_2021_gs_lost_cmaps.pdf"


def test_convert_refuses_undecodable_text() -> None:
    with pytest.raises(extractor.UndecodableTextError) as info:
        extractor.convert(FIXTURE)
    assert info.value.code == "undecodable_text"
    assert isinstance(info.value, ValueError)


def test_text_refuses_too() -> None:
    with pytest.raises(extractor.UndecodableTextError):
        extractor.extract_text(FIXTURE)
