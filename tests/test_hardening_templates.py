"""Issue 19: a template loop that writes nothing (10^10 empty iterations) was bounded only by Ctrl-C; the
render's time bound now applies inside every loop (render/loopguard.py), and loops still behave as Jinja
defines them."""

from __future__ import annotations

import shutil
from pathlib import Path

from kotacerdas.render.environment import _BoundedEnvironment

BASE = Path(__file__).parent / "cases" / "_base"


def _chapter(tmp_path: Path, body: str) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    (root / "templates" / "chapters").mkdir(parents=True)
    (root / "templates" / "chapters" / "01-pendahuluan.md.j2").write_text(
        '{% extends "layout/chapter.md.j2" %}\n{% block title %}Pendahuluan{% endblock %}\n{% block body %}\n'
        + body + "\n{% endblock %}\n", encoding="utf-8")
    return root


def test_a_loop_that_writes_nothing_is_stopped_by_the_render_time_bound(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(_BoundedEnvironment, "MAX_SECONDS", 2.0)
    root = _chapter(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}x")
    out = tmp_path / "out"
    r = cli("render", root, "--out", out, "--no-cache")
    assert r.returncode == 1, r.stdout + r.stderr
    text = r.stdout + r.stderr
    assert "01-pendahuluan.md.j2:4:1: error KC201" in text and "ran longer than 2 seconds (in a loop)" in text
    assert not out.exists() or not any(out.iterdir())


def test_loops_keep_their_meaning(cli, tmp_path):
    root = _chapter(tmp_path, "{% for p in programmes %}[{{ loop.index }}/{{ loop.length }}{% if loop.last %} last"
                              "{% endif %}]{% else %}none{% endfor %}"
                              "{% for k, v in {'a': 1, 'b': 2}.items() if v > 1 %}({{ k }}={{ v }}){% endfor %}"
                              "{% for x in [] %}x{% else %}(empty){% endfor %}"
                              "{% for n in [[1, [2]], [3]] recursive %}<{{ n[0] if n is sequence else n }}>"
                              "{% endfor %}")
    out = tmp_path / "out"
    r = cli("render", root, "--out", out, "--no-cache")
    assert r.returncode == 0, r.stdout + r.stderr
    text = (out / "01-pendahuluan.md").read_text(encoding="utf-8")
    assert "[1/1 last]" in text and "(b=2)" in text and "(a=1)" not in text and "(empty)" in text
