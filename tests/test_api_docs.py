"""docs/api.md's examples run as they are, from a checkout (cwd = the project root)."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT

DOC = ROOT / "docs" / "api.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_doc_has_examples():
    assert len(BLOCKS) >= 5


@pytest.mark.parametrize("n", range(len(BLOCKS)))
def test_example_runs(n, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    exec(compile(BLOCKS[n], f"docs/api.md example {n + 1}", "exec"), {"__name__": "__main__"})
    assert capsys.readouterr().out.strip(), "an example that prints nothing shows nothing"
