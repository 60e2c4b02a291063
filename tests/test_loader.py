"""The loader's promises (kotacerdas.source): YAML 1.2 scalars, ids and codes kept as written, positions,
and bounded cost for hostile files."""

from __future__ import annotations

import os
import shutil

import pytest

from kotacerdas.models import OpdRegistry, Plan, Programme
from kotacerdas.source import LoadError, Limits, load_bytes, source_text
from kotacerdas.validate import validate

from .test_validate_cases import BASE, build_case


def load(text: str, limits: Limits = Limits()):
    return load_bytes(text.encode("utf-8"), "x.yaml", limits).data


@pytest.mark.parametrize("word", ["no", "No", "NO", "yes", "Yes", "on", "off", "ON", "y", "n", "Y", "N"])
def test_yaml11_booleans_stay_text(word):
    assert load(f"a: {word}\n") == {"a": word}


@pytest.mark.parametrize("word,value", [("true", True), ("false", False), ("True", True), ("FALSE", False)])
def test_only_true_and_false_are_booleans(word, value):
    assert load(f"a: {word}\n")["a"] is value


@pytest.mark.parametrize("written", ["1.10", "32.10", "010", "0777", "1e3", "2.16.2.20", "3205", "1_000"])
def test_numbers_keep_the_text_they_were_written_as(written):
    value = load(f"code: {written}\n")["code"]
    assert str(source_text(value)) == written


def test_yaml11_oddities_are_not_numbers_or_dates():
    data = load("a: 1_000\nb: 0b101\nc: 12:30:00\nd: 2023-07-05\ne: 0o17\nf: 0x1F\n")
    assert data["a"] == "1_000" and data["b"] == "0b101" and data["c"] == "12:30:00"
    assert data["d"] == "2023-07-05"  # no timestamps in YAML 1.2 core: dates are read by the model
    assert data["e"] == 15 and data["f"] == 31
    assert load("x: 0777\n")["x"] == 777  # decimal, not octal


def test_null_forms():
    assert load("a:\nb: ~\nc: null\nd: ''\n") == {"a": None, "b": None, "c": None, "d": ""}


def test_ids_and_codes_are_strings_in_the_models():
    opd = OpdRegistry.model_validate(load("opd:\n  - id: NO\n    name: Nusa\n    skpd_code: 1.10\n"
                                          "  - id: Y\n    name: Yayasan\n    skpd_code: 010\n"))
    assert [(o.id, o.skpd_code) for o in opd.opd] == [("NO", "1.10"), ("Y", "010")]
    plan = (BASE / "plan.yaml").read_text(encoding="utf-8").replace('code: "32.05"', "code: 32.10")
    assert Plan.model_validate(load(plan)).region.code == "32.10"
    prog = (BASE / "programmes" / "qw-1.yaml").read_text(encoding="utf-8").replace("id: QW-GOV-01", "id: 2024.10")
    prog = prog.replace("  - IND-GOV-01", "  - 1.50")
    p = Programme.model_validate(load(prog))
    assert p.id == "2024.10" and p.indicators == ["1.50"]


def test_yaml12_case_reads_the_values_as_written(tmp_path):
    result = validate(build_case("yaml12-scalars", tmp_path))
    assert result.ok and result.diagnostics == []
    opds = result.masterplan.opds
    assert sorted(opds) == ["Bappeda", "Diskominfo", "NO", "ON", "Setda", "Y"]
    assert opds["Bappeda"].skpd_code == "1.10" and opds["NO"].skpd_code == "010"
    assert opds["Diskominfo"].skpd_code == "2.16.2.20.2.21.01.0000"
    assert result.masterplan.programmes[0].item.supporting == ["NO", "ON", "Y"]


def test_unquoted_region_code_keeps_its_trailing_zero(tmp_path):
    result = validate(build_case("region-code-unquoted", tmp_path))
    assert result.ok
    assert result.masterplan.plan.item.region.code == "32.10"


def test_positions_of_values_and_keys():
    doc = load_bytes(b"a:\n  b:\n    - x\n    - c: 1\n", "x.yaml")
    assert doc.locate(("a", "b", 1, "c")) == (4, 10)
    assert doc.locate(("a", "b", 1, "c"), key=True) == (4, 7)
    assert doc.locate(("a", "b", 0)) == (3, 7)
    assert doc.locate(("a", "missing", "deeper")) == (1, 1)  # the deepest existing key


BILLION_LAUGHS = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{c}: &{c} [" + ",".join([f"*{p}"] * 10) + "]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=False))
)


def test_billion_laughs_ends_with_a_resource_diagnostic():
    with pytest.raises(LoadError) as info:
        load(BILLION_LAUGHS)
    assert info.value.diagnostic.code == "KC006"
    assert "100,000" in info.value.diagnostic.found


def test_alias_expansion_counts_against_a_lower_limit():
    text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    assert len(load(text)["b"]) == 10
    with pytest.raises(LoadError) as info:
        load(text, Limits(max_nodes=100))
    assert info.value.diagnostic.code == "KC006"


def test_deep_flow_nesting_is_a_diagnostic_not_a_crash():
    with pytest.raises(LoadError) as info:
        load("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert info.value.diagnostic.code in ("KC006", "KC001")


def test_file_above_the_limit_is_refused_without_reading_it(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    big = repo / "indicators" / "huge.yaml"
    with open(big, "wb") as fh:  # a sparse 2 GiB file: reading it would take seconds and gigabytes
        fh.truncate(2 * 1024**3)
    result = validate(repo)
    found = [(d.code, d.path, d.found) for d in result.diagnostics]
    assert found == [("KC006", "indicators/huge.yaml", "2,147,483,648 bytes")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_instead_of_blocking(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    os.mkfifo(repo / "programmes" / "pipe.yaml")
    result = validate(repo)
    assert [(d.code, d.path) for d in result.diagnostics] == [("KC007", "programmes/pipe.yaml")]


def test_unreadable_file_is_a_diagnostic(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    (repo / "opd.yaml").chmod(0)
    result = validate(repo)
    assert ("KC007", "opd.yaml") in [(d.code, d.path) for d in result.diagnostics]
