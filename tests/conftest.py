"""Shared paths for the test suite."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
GOLDEN = REPO / "tests" / "golden"
#: Read-only reference material beside the repo (absent outside the team's machines).
SHARED = REPO.parent / "shared"
