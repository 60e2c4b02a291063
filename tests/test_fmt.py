"""`kotacerdas fmt`: one layout for masterplan YAML, keeping every comment and value.

A golden file shows the layout (tests/tooling/fmt/plan.input.yaml -> plan.expected.yaml); the command is
run on real files in tmp_path; property tests (hypothesis) generate programme files written in many
styles (key order, indentation, sequence style, comments, codes that look like numbers) and check that
formatting twice equals formatting once, that the loaded data and the validated model are unchanged, and
that every comment survives.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kotacerdas.cli import build_app
from kotacerdas.fmt import FormatError, format_text
from kotacerdas.models import Programme
from kotacerdas.source import load_bytes

FIXTURES = Path(__file__).parent / "tooling"
BASE = FIXTURES / "schema-repo"


def fmt(*args: str):
    return CliRunner().invoke(build_app(), ["fmt", *args])


def normal(value):
    """Loaded data with every number replaced by the characters written: what fmt must keep."""
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normal(v) for v in value]
    return getattr(value, "source", value)


def comments(text: str) -> Counter:
    """Comment texts, counted (the generated and fixture files hold no '#' inside values or blocks)."""
    return Counter(line[line.index("#"):].strip() for line in text.splitlines() if "#" in line)


# --- the layout ----------------------------------------------------------------------------------------------


def test_golden_plan():
    source = (FIXTURES / "fmt" / "plan.input.yaml").read_text()
    expected = (FIXTURES / "fmt" / "plan.expected.yaml").read_text()
    assert format_text(source, "plan") == expected
    assert format_text(expected, "plan") == expected


def test_code_that_yaml_reads_as_a_number_is_quoted_with_the_characters_written():
    out = format_text("region:\n  code: 32.10\n  level: kabupaten\n  name: X\n", "plan")
    assert 'code: "32.10"' in out
    out = format_text("id: 007\nname: 1.50\nunit: 1e3\ndirection: up\n", "indicator")
    assert out == 'id: "007"\nname: "1.50"\nunit: "1e3"\ndirection: up\n'


def test_numbers_in_number_fields_and_unknown_keys_are_left_alone():
    src = "start: 2024\nend: 2025\nid: A\nextra_field: 32.10\nprogress: 40.50\n"
    assert format_text(src, "programme") == "id: A\nstart: 2024\nend: 2025\nprogress: 40.50\nextra_field: 32.10\n"


def test_a_file_that_does_not_load_raises_with_the_loader_diagnostic():
    with pytest.raises(FormatError) as err:
        format_text("a: 1\na: 2\n", "plan")
    assert err.value.diagnostic.code == "KC002"


def test_yaml_that_loads_but_ruamel_cannot_read_is_a_diagnostic_at_its_position():
    """A tab inside a plain key is YAML libyaml reads, and ruamel.yaml's scanner refuses (found by
    tests/fuzz/fuzz_commands.py, seed 2): fmt says where, and leaves the file alone."""
    src = "id: IND-1\ntargets:\n  - y\tear: 2024\n    value: 10\n"
    load_bytes(src.encode(), "x.yaml")  # the loader accepts it
    with pytest.raises(FormatError) as err:
        format_text(src, "indicator", "x.yaml")
    d = err.value.diagnostic
    assert (d.code, d.path, d.line, d.column) == ("KC091", "x.yaml", 3, 6)
    assert "\\t" in d.found and "tab" in d.hint


@pytest.mark.parametrize("src, line, column, shown", [
    # a plain 2023-02-30 is text to our loader (validate reports it where a date is due); ruamel.yaml makes a
    # date of it and failed (found by tests/fuzz/fuzz_commands.py tests/cases/_base --seed 4)
    ("stage: II\nstatus: selesai\ndates:\n  start: 2023-07-05\n  end: 2023-02-30\n", 5, 8, "2023-02-30"),
    # the quoted one and the text that starts like a date are text to both readers: the plain one is named
    ('stage: II\nnote: "2023-02-30"\nagenda: 2023-02-30 rapat\nend: 2023-02-31\n', 4, 6, "2023-02-31"),
    ("stage: II\nwhen: 2023-01-01 25:00:00\n", 2, 7, "25:00:00"),
    ("stage: II\n2023-02-30: y\n", 2, 1, "2023-02-30"),  # a key
])
def test_a_date_or_time_that_does_not_exist_is_a_diagnostic_at_it(src, line, column, shown):
    with pytest.raises(FormatError) as err:
        format_text(src, "stage", "s.yaml")
    d = err.value.diagnostic
    assert (d.code, d.line, d.column) == ("KC091", line, column)
    assert shown in d.found and "not a real date or time" in d.found and "quote it" in d.hint


def test_a_quoted_impossible_date_is_text_and_formats():
    src = "stage: II\ndates:\n  end: '2023-02-30'\n  start: 2023-07-05\n"
    assert format_text(src, "stage", "s.yaml") == "stage: II\ndates:\n  start: 2023-07-05\n  end: '2023-02-30'\n"


def test_merge_keys_and_an_anchor_the_new_order_would_break_are_kept():
    """`<<: *a` made fmt fail with a KeyError (internal error); and moving a key with an anchor below its
    alias would make the YAML unreadable: such a file keeps its order and is otherwise formatted."""
    src = "id: P\nbase: &a\n  source: apbd\n  year: 2024\nfunding:\n  - <<: *a\n    amount: 5\n"
    out = format_text(src, "programme", "p.yaml")
    assert out == src and format_text(out, "programme", "p.yaml") == out


# --- the command ----------------------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path) -> Path:
    dest = tmp_path / "repo"
    shutil.copytree(BASE, dest)
    (dest / "plan.yaml").write_text((FIXTURES / "fmt" / "plan.input.yaml").read_text().replace(
        "./schemas", "../schemas"))
    return dest


def snapshot(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_check_lists_files_that_would_change_exits_1_and_writes_nothing(repo):
    before = snapshot(repo)
    result = fmt(str(repo), "--check")
    assert result.exit_code == 1
    assert f"would reformat {repo / 'plan.yaml'}" in result.stdout
    assert snapshot(repo) == before


def test_fmt_rewrites_then_check_passes_and_validate_still_passes(repo):
    from kotacerdas.validate import validate

    assert validate(repo).ok
    result = fmt(str(repo))
    assert result.exit_code == 0, result.output
    assert "reformatted" in result.stdout
    assert (repo / "plan.yaml").read_text().startswith("# yaml-language-server")
    assert fmt(str(repo), "--check").exit_code == 0
    assert validate(repo).ok


def test_a_broken_file_is_reported_left_untouched_and_the_others_are_formatted(repo):
    bad = repo / "programmes" / "broken.yaml"
    bad.write_bytes(b"id: X\nname: [unclosed\n")
    result = fmt(str(repo))
    assert result.exit_code == 1
    assert "broken.yaml:" in result.stdout and "KC001" in result.stdout
    assert bad.read_bytes() == b"id: X\nname: [unclosed\n"
    assert 'code: "32.10"' in (repo / "plan.yaml").read_text()


def test_named_files_only_and_non_masterplan_files_are_skipped(repo):
    (repo / ".gitlab-ci.yml").write_text("job:\n    script: [x]\n")
    result = fmt(str(repo / "plan.yaml"), str(repo / ".gitlab-ci.yml"), "--check")
    assert result.exit_code == 1
    assert "1 of 1 file would be reformatted" in result.stdout
    assert "skipped" in result.stderr and ".gitlab-ci.yml" in result.stderr
    assert (repo / ".gitlab-ci.yml").read_text() == "job:\n    script: [x]\n"


def test_fmt_uses_the_repository_limits_as_validate_does(repo):
    """A file within kotacerdas.yaml's `limits.max_file_bytes` is formatted even above the default 1 MiB,
    and the limit a file exceeds is the repository's own, as in validate."""
    big = repo / "opd.yaml"
    text = big.read_text(encoding="utf-8")
    big.write_text(text + "# " + "x" * 1_100_000 + "\n", encoding="utf-8")  # a long comment: 1.1 MB
    r = fmt(str(repo), "--check")
    assert "opd.yaml:1:1: error KC006" in r.output
    cfg = repo / "kotacerdas.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "limits:\n  max_file_bytes: 2000000\n", encoding="utf-8")
    r = fmt(str(repo), "--check")
    assert "KC006" not in r.output, r.output
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("2000000", "2048"), encoding="utf-8")
    r = fmt(str(repo), "--check")
    assert r.exit_code == 1 and "opd.yaml:1:1: error KC006" in r.output and "at most 2,048 bytes" in r.output


def test_outside_a_repository_is_a_usage_error(tmp_path):
    assert fmt(str(tmp_path)).exit_code == 2
    assert fmt(str(tmp_path / "missing")).exit_code == 2


def test_crlf_and_bom_are_normalised_without_changing_values(tmp_path):
    shutil.copytree(BASE, tmp_path / "r")
    target = tmp_path / "r" / "opd.yaml"
    original = target.read_bytes()
    target.write_bytes(b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n"))
    assert fmt(str(tmp_path / "r")).exit_code == 0
    assert target.read_bytes() == original  # 2.16.01 is text in YAML 1.2 already: no quotes needed


# --- properties -------------------------------------------------------------------------------------------------

_WORDS = st.sampled_from(["Layanan", "publik", "digital", "Garut", "desa", "sampah", "terpadu", "Sistem"])
_NUMBERY = st.sampled_from(["32.10", "007", "1.50", "2024", "1e3", "0.5", "12"])
_TEXT = st.one_of(st.lists(_WORDS, min_size=1, max_size=4).map(" ".join), _NUMBERY)
_COMMENT = st.lists(_WORDS, min_size=1, max_size=3).map(lambda ws: "# " + " ".join(ws))


@st.composite
def programme_files(draw):
    """A valid programme file, written in a random style, with comments."""
    indent = draw(st.sampled_from([2, 4]))
    seq_indented = draw(st.booleans())
    counter = iter(range(10_000))

    def comment():
        return draw(_COMMENT) + f" c{next(counter)}"

    fields = {
        "id": draw(st.sampled_from(["QW-GOV-01", "2024.1", "PRG-7"])),
        "name": draw(_TEXT),
        "dimension": "governance",
        "element": "service",
        "innovation": "teknologi",
        "problem": draw(_TEXT),
        "description": draw(_TEXT),
        "owner": "Diskominfo",
        "horizon": "pendek",
        "start": "2024",
        "end": "2025",
    }
    optional = {
        "theme": draw(_TEXT),
        "rpjmd_programme": draw(_NUMBERY),
        "progress": draw(st.sampled_from(["40", "40.50", "0"])),
        "supporting": ["Setda", "Bappeda"],
        "outputs": draw(st.lists(_TEXT, min_size=1, max_size=3)),
        "funding": [{"amount": "250000000", "year": "2024", "source": "apbd"},
                    {"note": draw(_TEXT), "source": "apbn", "amount": "1000", "year": "2025"}],
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True)):
        fields[key] = optional[key]
    order = draw(st.permutations(sorted(fields)))
    pad = " " * indent
    out = []
    if draw(st.booleans()):
        out.append("# yaml-language-server: $schema=../schemas/programme.schema.json")
    for key in order:
        if draw(st.booleans()):
            out.append(comment())
        value = fields[key]
        if isinstance(value, list):
            out.append(f"{key}:" + (f"  {comment()}" if draw(st.booleans()) else ""))
            dash = (pad if seq_indented else "") + "- "
            for item in value:
                if isinstance(item, dict):
                    keys = draw(st.permutations(sorted(item)))
                    for n, k in enumerate(keys):
                        prefix = dash if n == 0 else " " * len(dash)
                        tail = f"   {comment()}" if draw(st.booleans()) else ""
                        out.append(f"{prefix}{k}: {item[k]}{tail}")
                else:
                    tail = f" {comment()}" if draw(st.booleans()) else ""
                    out.append(f"{dash}{item}{tail}")
        else:
            tail = f"  {comment()}" if draw(st.booleans()) else ""
            out.append(f"{key}: {value}{tail}")
    if draw(st.booleans()):
        out.append(comment())
    return "\n".join(out) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programme_files())
def test_property_idempotent_same_data_same_model_every_comment_kept(text):
    before = load_bytes(text.encode(), "p.yaml")
    out = format_text(text, "programme")
    assert format_text(out, "programme") == out
    after = load_bytes(out.encode(), "p.yaml")
    assert normal(after.data) == normal(before.data)
    assert Programme.model_validate(after.data) == Programme.model_validate(before.data)
    assert comments(out) == comments(text)
    # The layout: two-space indentation, keys in the model's order.
    assert all((len(line) - len(line.lstrip(" "))) % 2 == 0 for line in out.splitlines())
    top = [line.split(":")[0] for line in out.splitlines() if re.match(r"^[a-z_]+:", line)]
    fields = list(Programme.model_fields)
    assert top == sorted(top, key=fields.index)
