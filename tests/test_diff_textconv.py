"""The git diff driver (docs/diff.md): with `.gitattributes` and `diff.kotacerdas.textconv`, plain
`git diff` and `git log -p` show one planning fact per line, and hide comment and layout edits."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kotacerdas.diff.textconv import canonical_text
from tests.diff.gitrepo import GitRepo


@pytest.fixture
def repo(tmp_path) -> GitRepo:
    r = GitRepo(tmp_path / "repo")
    r.write(".gitattributes", "*.yaml diff=kotacerdas\n*.yml diff=kotacerdas\n")
    exe = Path(sys.executable).parent / "kotacerdas"
    r.git("config", "diff.kotacerdas.textconv", f"{exe} diff --textconv")
    r.commit("driver")
    return r


def test_git_diff_and_log_show_planning_facts(repo):
    repo.replace("programmes/menengah/prg-1.yaml", "owner: Diskominfo", "owner: Bappeda")
    repo.replace("programmes/menengah/prg-1.yaml", "amount: 400000000", "amount: 450000000")
    repo.write("opd.yaml", "# Daftar OPD\n" + repo.read("opd.yaml"))  # a comment only
    out = repo.git("diff")
    assert "-owner: Diskominfo\n+owner: Bappeda\n" in out
    assert "-funding[apbd 2024].amount: 400000000\n+funding[apbd 2024].amount: 450000000\n" in out
    assert "Daftar OPD" not in out
    repo.commit("edit")
    log = repo.git("log", "-p", "-1")
    assert "+owner: Bappeda" in log


def test_reordered_lists_and_keys_give_no_lines(repo):
    repo.replace("programmes/menengah/prg-1.yaml", "supporting: [Bappeda, Setda]", "supporting: [Setda, Bappeda]")
    text = repo.read("indicators/ind-2.yaml")
    repo.write("indicators/ind-2.yaml", "direction: down\n" + text.replace("direction: down\n", ""))
    out = repo.git("diff")
    assert "@@" not in out


def test_a_broken_file_is_shown_as_it_is(repo):
    repo.write("programmes/qw-1.yaml", "id: [unclosed\n")
    out = repo.git("diff")
    assert "+id: [unclosed" in out


def test_long_text_is_one_sentence_per_line():
    text = canonical_text(b"id: P\ndescription: Kalimat pertama yang cukup panjang untuk dipecah. "
                          b"Kalimat kedua juga panjang sekali isinya. Ketiga!\n", "p.yaml")
    assert text == ("# kotacerdas file P\nid: P\ndescription:\n  | Kalimat pertama yang cukup panjang untuk "
                    "dipecah.\n  | Kalimat kedua juga panjang sekali isinya.\n  | Ketiga!\n")
