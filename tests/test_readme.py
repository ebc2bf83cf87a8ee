"""The README's promises: its two commands exist, and its Python example runs as printed."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import REPO

README = (REPO / "README.md").read_text("utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    head = "\n".join(README.splitlines()[:8])
    assert "make run" in head and "make test" in head


def test_makefile_has_the_targets_and_ci_calls_make_test() -> None:
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "extractor convert samples -o out" in makefile
    assert "make test" in (REPO / ".ci" / "run").read_text("utf-8")


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, re.S)


def test_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "samples").symlink_to(REPO / "samples")
    monkeypatch.chdir(tmp_path)
    blocks = _python_blocks()
    assert blocks
    namespace: dict[str, object] = {}
    exec(compile(blocks[0], "README.md", "exec"), namespace)
    assert os.path.exists(tmp_path / "out" / "kurume_2021.json")
    assert namespace["goal"].title == "安心して生み育てられる環境づくり"  # type: ignore[attr-defined]


def test_readme_json_excerpt_matches_the_reference_output() -> None:
    """Every value line quoted in the README excerpt is what the tool writes."""
    import json

    import extractor

    data = extractor.convert(REPO / "samples" / "kurume_2021.pdf").to_dict()
    values = data["goals"][0]["indicators"][1]["series"][0]["values"]
    for value in values:
        line = json.dumps(value, ensure_ascii=False)
        assert line in README, line
