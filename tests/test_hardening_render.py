"""render against what a repository can hold: its own templates (errors with file and line, no way out of
the repository, bounded work), text that looks like template code, and determinism over generated plans.

Already proved in tests/test_render.py and not repeated here: a syntax error, an unknown variable, a
sandbox escape (`__class__`) and `{% include '../../../etc/passwd' %}` in a chapter template are KC20x
diagnostics with the template's file and line, exit 1, nothing written (test_template_errors_are_diagnostics);
a chapter template that is a link leaving the repository is refused (test_template_link_out_of_repository_is_refused);
two processes give byte-identical output (test_output_is_deterministic).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from kotacerdas.masterplan import build_masterplan
from kotacerdas.render import render_masterplan
from kotacerdas.repository import load_repository_from_blobs
from kotacerdas.validate import validate

from .hardening.util import BASE, CLI, cli_env, copy_repo
from .strategies import repositories

SECRET = "RAHASIA-7f3a9c"
HEAD = "{% extends 'layout/chapter.md.j2' %}\n{% block title %}Kustom{% endblock %}\n{% block body %}\n"
TAIL = "\n{% endblock %}\n"


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = copy_repo(BASE, tmp_path / "repo")
    (tmp_path / "secret.md.j2").write_text(f"{SECRET}\n")
    (tmp_path / "secret.txt").write_text(f"{SECRET}\n")
    return repo


def chapter(repo: Path, body: str, name: str = "10-kustom.md.j2") -> None:
    path = repo / "templates" / "chapters" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD + body + TAIL)


def render(repo: Path, fmt: str = "md"):
    v = validate(repo)
    assert v.ok, [d.message for d in v.diagnostics]
    return render_masterplan(v.masterplan, fmt)


def everything(result) -> str:
    return "\n".join(b.decode("utf-8", "replace") for b in result.files.values()) + "\n".join(
        f"{d.message} {d.found} {d.expected}" for d in result.diagnostics)


# --- templates cannot read outside the repository ---------------------------------------------------------


@pytest.mark.parametrize("statement", [
    "{% include '{secret}' %}",  # absolute path
    "{% include '../../secret.md.j2' %}",
    "{% include '..\\\\..\\\\secret.md.j2' %}",
    "{% import '{secret}' as s %}{{ s }}",
    "{% from '{secret}' import x %}{{ x }}",
    "{% include 'plan.yaml' %}",  # in the repository, but not a template: templates read templates/ only
    "{% include ['{secret}', '../secret.txt'] %}",
    "{% include 'partials/leak.md.j2' %}",  # a link in templates/ that leaves the repository
])
def test_a_template_cannot_read_a_file_outside_the_repository(repo, tmp_path, statement):
    (repo / "templates" / "partials").mkdir(parents=True)
    os.symlink(tmp_path / "secret.md.j2", repo / "templates" / "partials" / "leak.md.j2")
    chapter(repo, statement.replace("{secret}", str(tmp_path / "secret.md.j2")))
    result = render(repo)
    assert not result.ok
    assert SECRET not in everything(result)
    [d] = result.diagnostics
    assert (d.code, d.path, d.line) == ("KC202", "templates/chapters/10-kustom.md.j2", 4), d


def test_extends_outside_the_repository_is_refused(repo, tmp_path):
    path = repo / "templates" / "chapters" / "10-kustom.md.j2"
    path.parent.mkdir(parents=True)
    path.write_text(f"{{% extends '{tmp_path / 'secret.md.j2'}' %}}\n{{% block title %}}X{{% endblock %}}\n")
    result = render(repo)
    assert [d.code for d in result.diagnostics] == ["KC202"]
    assert SECRET not in everything(result)


# --- errors point at the template that has them --------------------------------------------------------------


def test_an_error_in_an_included_partial_points_at_the_partial(repo):
    partial = repo / "templates" / "partials" / "kotak.md.j2"
    partial.parent.mkdir(parents=True)
    partial.write_text("Baris satu\nBaris dua\n{{ plan.tidak_ada }}\n")
    chapter(repo, "{% include 'partials/kotak.md.j2' %}")
    [d] = render(repo).diagnostics
    assert (d.code, d.path, d.line) == ("KC201", "templates/partials/kotak.md.j2", 3), d
    assert "unknown variable" in d.message


@pytest.mark.parametrize("expression,words", [
    ("{{ 'x' * 1000000000 }}", "more than 1,000,000 items"),  # a gigabyte string
    ("{{ ['a', 'b'] * 600000 }}", "more than 1,000,000 items"),
    ("{{ 10 ** 10000000000 }}", "power"),  # a number that never finishes computing
    ("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}", "RecursionError"),
    ("{% include 'chapters/10-kustom.md.j2' %}", "RecursionError"),  # includes itself
])
def test_runaway_templates_are_diagnostics(repo, expression, words):
    chapter(repo, expression)
    [d] = render(repo).diagnostics
    assert (d.code, d.path, d.line) == ("KC201", "templates/chapters/10-kustom.md.j2", 4), d
    assert words in d.message


def test_ordinary_arithmetic_in_templates_still_works(repo):
    chapter(repo, "{{ 2 ** 10 }} {{ '=' * 3 }} {{ [0] * 2 }} {{ 3 * 4 }}")
    result = render(repo)
    assert result.ok, result.diagnostics
    assert "1024 \\=== \\[0, 0\\] 12" in result.files["10-kustom.md"].decode()


def test_ctrl_c_stops_a_template_that_loops_for_ever(repo, tmp_path):
    # Nested loops over huge ranges are not bounded (Jinja gives no hook per iteration); Ctrl-C must work.
    chapter(repo, "{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}")
    out = tmp_path / "out"
    proc = subprocess.Popen([*CLI, "render", str(repo), "--out", str(out)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=cli_env(tmp_path / "cache"), start_new_session=True)
    try:
        time.sleep(2)  # loading and validating take well under a second; the template then loops
        assert proc.poll() is None, proc.communicate()
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert not out.exists()


# --- text from the repository is never template code -------------------------------------------------------


def test_template_syntax_in_values_and_prose_is_shown_as_written(repo):
    p = repo / "programmes" / "qw-1.yaml"
    p.write_text(p.read_text().replace("name: ", "name: \"{{ 7*191 }} {% include '/etc/passwd' %}\" #", 1))
    (repo / "narasi" / "latar-belakang.md").write_text(
        "# Latar\n\nLihat {{ 7*191 }} dan {% include '/etc/passwd' %} serta {# komentar #}.\n")
    for fmt in ("md", "html"):
        result = render(repo, fmt)
        assert result.ok, result.diagnostics
        text = everything(result)
        assert "1337" not in text and "root:" not in text
        assert "7*191" in text.replace("\\", "") and "include" in text


# --- determinism ----------------------------------------------------------------------------------------------


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(repositories())
def test_render_is_deterministic_on_generated_plans(blobs):
    """Same plan twice -> byte-identical output, also when the files arrive in another order."""
    outputs = []
    for order in (sorted(blobs), sorted(blobs, reverse=True), sorted(blobs)):
        repo = load_repository_from_blobs("generated", {rel: blobs[rel] for rel in order})
        mp = build_masterplan(repo)
        outputs.append({fmt: render_masterplan(mp, fmt).files for fmt in ("md", "html")})
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0]["md"] and outputs[0]["html"]


def test_attribute_lookup_on_the_context_dicts_is_jinjas_and_stays_sandboxed():
    """The template context is plain dicts, looked up by a short path (environment._BoundedEnvironment.getattr):
    the result must be what Jinja's own sandbox gives, a key named like a dict method must still be the
    method, and the sandbox must still refuse what it refuses."""
    from jinja2 import DictLoader
    from jinja2.exceptions import SecurityError, UndefinedError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from kotacerdas.render.environment import make_environment

    env = make_environment(DictLoader({}), "id", "html")
    data = {"d": {"name": "Garut", "keys": "kunci", "n": 0, "none": None}}
    src = "{{ d.name }}|{{ d.keys is callable }}|{{ d['keys'] }}|{{ d.get('name') }}|{{ d.n }}|{{ d.none }}"
    assert env.from_string(src).render(data) == "Garut|True|kunci|Garut|0|"
    assert ImmutableSandboxedEnvironment(finalize=lambda v: "" if v is None else v).from_string(src).render(data) \
        == "Garut|True|kunci|Garut|0|"
    with pytest.raises(UndefinedError):
        env.from_string("{{ d.missing }}").render(data)
    with pytest.raises(SecurityError):
        env.from_string("{{ d.pop('name') }}").render(data)
    with pytest.raises(SecurityError):
        env.from_string("{{ d.__class__ }}").render(data)
    assert data["d"]["name"] == "Garut"


@pytest.mark.parametrize(("source", "args"), [("{:>40000000}", ""), ("{:>{}}", ", 40000000")])
def test_a_wide_format_width_is_refused_before_the_padding_is_built(source, args):
    """Jinja 3.1.5 moved the sandbox's str.format from format_string to wrap_str_format, so the width check
    sits on the call itself: the padding (here 40 MB) is never allocated only to be refused afterwards."""
    import tracemalloc

    from jinja2 import DictLoader
    from jinja2.sandbox import SecurityError

    from kotacerdas.render.environment import make_environment

    template = make_environment(DictLoader({}), "id", "md").from_string("{{ '" + source + "'.format(1" + args + ") }}")
    tracemalloc.start()
    try:
        with pytest.raises(SecurityError, match="format width above 10,000,000"):
            template.render()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10_000_000
