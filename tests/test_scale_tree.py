"""Many masterplans in one tree: discovery at any depth, one combined report and exit code, province
member references and coverage, and the same diagnostics whether repositories are checked in parallel
or one after another."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest

from kotacerdas.diagnostics import Severity
from kotacerdas.tree import check_tree, coverage_text, find_repositories, is_tree

from .conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
BASE = Path(__file__).parent / "cases" / "_base"


def _make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_corpus = _make_corpus()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Six kab/kota in six provinces (round-robin), each province listing all of its members."""
    out = tmp_path_factory.mktemp("corpus") / "nasional"
    make_corpus.make_corpus(out, regions=6)
    return out


@pytest.fixture
def tree(tmp_path, corpus):
    target = tmp_path / "nasional"
    shutil.copytree(corpus, target)
    return target


def _run(*args, cache_dir: Path, env_extra=None):
    env: dict[str, str | None] = {"CI": None, "KOTACERDAS_CACHE_DIR": str(cache_dir)}
    env.update(env_extra or {})
    return run_cli(*args, env=env)


def _province(tree: Path, code: str) -> Path:
    return next(p for p in tree.iterdir() if p.name.startswith(f"{code}-"))


def _only_members_present(tree: Path) -> None:
    """Make every province list exactly the kab/kota the tree holds (full coverage)."""
    for province in (p for p in tree.iterdir() if p.is_dir()):
        plan = province / "plan.yaml"
        text = plan.read_text(encoding="utf-8")
        head, _, members = text.partition("\nmembers:\n")
        present = {p.name.split("-")[0] for p in province.iterdir() if (p / "kotacerdas.yaml").is_file()}
        lines = members.splitlines()
        keep = []
        for i in range(0, len(lines), 2):
            code = lines[i].split('"')[1]
            if code in present:
                keep += lines[i:i + 2]
        plan.write_text(head + "\nmembers:\n" + "\n".join(keep) + "\n", encoding="utf-8")


# --- discovery --------------------------------------------------------------------------------------------


def test_finds_repositories_at_any_depth_including_nested_ones(tree):
    repos = find_repositories(tree)
    rels = [r.relative_to(tree).as_posix() for r in repos]
    assert len(rels) == 12  # six provinces, each holding one kab/kota
    assert "11-aceh" in rels and any(r.startswith("11-aceh/11.01-") for r in rels)
    assert is_tree(tree) and is_tree(tree / "11-aceh")
    assert not is_tree(next(r for r in repos if r.parent.name == "11-aceh"))


def test_dot_and_tool_folders_are_not_searched(tree):
    hidden = tree / ".arsip" / "lama"
    shutil.copytree(BASE, hidden)
    shutil.copytree(BASE, tree / "node_modules" / "x")
    assert hidden not in find_repositories(tree)
    assert not any("node_modules" in r.parts for r in find_repositories(tree))


def test_corpus_generator_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    make_corpus.make_corpus(a, regions=3)
    make_corpus.make_corpus(b, regions=3)
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files_a)


# --- one report, one exit code ---------------------------------------------------------------------------------


def test_valid_tree_passes_with_member_warnings_and_coverage(tree, tmp_path):
    result = check_tree(tree, cache_dir=tmp_path / "cache")
    assert result.ok and len(result.repos) == 12
    assert {d.code for d in result.diagnostics} == {"KC021"}
    assert all(d.severity is Severity.WARNING for d in result.diagnostics)
    aceh = next(c for c in result.coverage if c.code == "11")
    assert (aceh.members, aceh.with_masterplan, aceh.valid) == (23, 1, 1)
    assert not aceh.meets_target and round(100 * aceh.ratio, 1) == 4.3
    assert len(aceh.missing) == 22
    # each missing member is pointed at on its own line of the province's plan.yaml
    warnings = [d for d in result.diagnostics if d.path == "11-aceh/plan.yaml"]
    assert len(warnings) == 22
    plan_lines = (tree / "11-aceh" / "plan.yaml").read_text(encoding="utf-8").splitlines()
    assert all('code: "11.' in plan_lines[d.line - 1] for d in warnings)
    assert "11.01" not in " ".join(d.message for d in warnings)  # present in the tree


def test_full_coverage_has_no_member_findings(tree, tmp_path):
    _only_members_present(tree)
    result = check_tree(tree, cache_dir=tmp_path / "cache")
    assert result.ok and result.diagnostics == []
    assert all(c.meets_target and c.ratio == 1.0 for c in result.coverage)
    assert "100.0%" in coverage_text(result.coverage)


def test_invalid_kabkota_fails_the_tree_and_lowers_coverage(tree, tmp_path):
    _only_members_present(tree)
    kab = next(p for p in _province(tree, "11").iterdir() if (p / "kotacerdas.yaml").is_file())
    programme = sorted((kab / "programmes").rglob("*.yaml"))[0]
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text.replace("innovation: ", "innovation: gagasan-", 1), encoding="utf-8")
    result = check_tree(tree, cache_dir=tmp_path / "cache")
    assert not result.ok
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    assert [d.path for d in errors] == [programme.relative_to(tree).as_posix()]
    aceh = next(c for c in result.coverage if c.code == "11")
    assert (aceh.with_masterplan, aceh.valid, aceh.invalid) == (1, 0, [kab.name.split("-")[0]])


def test_member_name_mismatch_and_duplicate_region(tree, tmp_path):
    _only_members_present(tree)
    province = _province(tree, "12")
    kab = next(p for p in province.iterdir() if (p / "kotacerdas.yaml").is_file())
    plan = kab / "plan.yaml"
    name_line = next(ln for ln in plan.read_text(encoding="utf-8").splitlines() if ln.startswith("  name: "))
    plan.write_text(plan.read_text(encoding="utf-8").replace(name_line, "  name: Kabupaten Lain", 1), encoding="utf-8")
    shutil.copytree(kab, tree / "salinan" / kab.name)
    result = check_tree(tree, cache_dir=tmp_path / "cache")
    found = {(d.code, d.path) for d in result.diagnostics}
    assert ("KC026", f"{province.name}/plan.yaml") in found
    assert ("KC020", f"salinan/{kab.name}/plan.yaml") in found
    assert result.ok  # warnings only


def test_cli_tree_report_json_and_exit_codes(tree, tmp_path):
    cache_dir = tmp_path / "cache"
    r = _run("validate", tree, "--format", "json", cache_dir=cache_dir)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["ok"] is True and len(doc["repositories"]) == 12
    assert [c["province"] for c in doc["coverage"]] == ["11", "12", "13", "14", "15", "16"]
    aceh = doc["coverage"][0]
    assert aceh["members"] == 23 and aceh["valid"] == 1 and aceh["meets_80_percent"] is False
    assert all(not d["path"].startswith("/") for d in doc["diagnostics"])
    text = _run("validate", tree, cache_dir=cache_dir)
    assert text.returncode == 0
    assert "12 masterplans checked: 12 valid, 0 invalid" in text.stdout
    assert "Province coverage" in text.stdout and "1/23" in text.stdout
    assert text.stderr == ""  # no progress bar when stderr is not a terminal
    # one broken repository: exit 1 for the whole tree
    (tree / "14-riau" / "opd.yaml").write_text("opd: []\n", encoding="utf-8")
    bad = _run("validate", tree, "--no-cache", cache_dir=cache_dir)
    assert bad.returncode == 1
    assert "14-riau/opd.yaml:1:" in bad.stdout


def test_cli_folder_without_any_repository_is_a_usage_error(tmp_path):
    (tmp_path / "kosong").mkdir()
    r = _run("validate", tmp_path / "kosong", cache_dir=tmp_path / "cache")
    assert r.returncode == 2 and "kotacerdas.yaml" in r.stderr and "Traceback" not in r.stderr


# --- serial and parallel agree ---------------------------------------------------------------------------------


def test_serial_and_parallel_give_identical_results(tree, tmp_path):
    kab = next(p for p in _province(tree, "11").iterdir() if (p / "kotacerdas.yaml").is_file())
    (kab / "plan.yaml").write_text((kab / "plan.yaml").read_text(encoding="utf-8").replace("end: ", "end: 1", 1),
                                   encoding="utf-8")
    (tree / "13-sumatera-barat" / "stages").mkdir()
    (tree / "13-sumatera-barat" / "stages" / "x.yaml").write_text("stage: V\n", encoding="utf-8")
    serial = check_tree(tree, use_cache=False, parallel=False)
    parallel = check_tree(tree, use_cache=False, parallel=True)
    cached = check_tree(tree, cache_dir=tmp_path / "cache", parallel=True)
    warm = check_tree(tree, cache_dir=tmp_path / "cache", parallel=False)
    assert not serial.ok
    assert serial.diagnostics == parallel.diagnostics == cached.diagnostics == warm.diagnostics
    assert [c.to_dict() for c in serial.coverage] == [c.to_dict() for c in parallel.coverage]
    assert warm.stats.repo_hits == 12


def test_parallel_loading_of_one_large_repository_matches_serial(tmp_path, monkeypatch):
    from kotacerdas import scale
    from kotacerdas.repository import load_files, load_repository

    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    source = (repo / "programmes" / "qw-1.yaml").read_text(encoding="utf-8")
    for i in range(40):
        text = source.replace("QW-GOV-01", f"QW-GOV-{i + 2:02d}")
        if i == 7:
            text = text.replace("horizon: pendek", "horizon: sebentar")
        (repo / "programmes" / f"p{i}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(scale, "PARALLEL_MIN_FILES", 10)
    serial = load_repository(repo, loader=load_files)
    parallel = load_repository(repo, loader=scale.parallel_load_files)
    assert parallel.diagnostics == serial.diagnostics and len(parallel.diagnostics) == 1
    assert [f.model for f in parallel.files] == [f.model for f in serial.files]


def test_one_walk_of_the_tree_gives_each_repository_its_own_snapshot_key(tree):
    """Unchanged repositories are answered from one walk of the whole tree; that walk must see each
    repository exactly as a walk of the repository alone does."""
    from kotacerdas.scale import key_of, scan, snapshot

    shutil.copytree(BASE, tree / "11-aceh" / "templates" / "contoh")  # a repository inside a skipped folder
    (tree / "11-aceh" / "narasi" / "catatan.txt").write_text("x", encoding="utf-8")
    listings = scan(tree)
    assert tree / "11-aceh" / "templates" / "contoh" in listings
    for root, listing in listings.items():
        assert key_of(listing, "salt").key == snapshot(root, "salt").key, root


def test_cli_lint_on_a_tree_combines_reports_and_caches_per_date(tree, tmp_path):
    cache_dir = tmp_path / "cache"
    first = _run("lint", tree, "--as-of", "2026-11-22", "--format", "json", cache_dir=cache_dir)
    assert first.returncode in (0, 1) and "Traceback" not in first.stderr
    doc = json.loads(first.stdout)
    assert doc["command"] == "lint" and doc["as_of"] == "2026-11-22" and len(doc["repositories"]) == 12
    assert doc["diagnostics"] and all(d["path"].startswith(doc["root"] + "/") for d in doc["diagnostics"])
    shown = {d["path"][len(doc["root"]) + 1:].split("/")[0] for d in doc["diagnostics"]}
    assert shown <= {p.name for p in tree.iterdir()}
    again = _run("lint", tree, "--as-of", "2026-11-22", "--format", "json", cache_dir=cache_dir)
    assert json.loads(again.stdout)["diagnostics"] == doc["diagnostics"] and again.returncode == first.returncode
    uncached = _run("lint", tree, "--as-of", "2026-11-22", "--format", "json", "--no-cache", cache_dir=cache_dir)
    assert json.loads(uncached.stdout)["diagnostics"] == doc["diagnostics"]
    # warnings and notes decide the exit code with --fail-on info
    assert _run("lint", tree, "--as-of", "2026-11-22", "--fail-on", "info", cache_dir=cache_dir).returncode == 1


def test_cli_lint_on_a_tree_with_select_and_ignore_never_reuses_another_selection(tree, tmp_path):
    cache_dir = tmp_path / "cache"

    def codes(*extra):
        r = _run("lint", tree, "--as-of", "2026-11-22", "--format", "json", *extra, cache_dir=cache_dir)
        assert r.returncode in (0, 1), r.stderr
        return {d["code"] for d in json.loads(r.stdout)["diagnostics"]}

    everything = codes()
    rule = sorted(c for c in everything if c.startswith("KC1"))[0]
    assert rule not in codes("--ignore", rule)  # cached results of the run without --ignore are not reused
    assert codes("--select", rule) == {rule} | {c for c in everything if not c.startswith("KC1")}
    assert codes() == everything == codes("--no-cache")


def test_lint_result_cache_sees_prose_content(tmp_path):
    """lint reads prose files (empty narrative), so their content is part of its cache key."""
    from kotacerdas.scale import Cache
    from kotacerdas.tree import Job, check_repository
    import datetime as dt

    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    job = Job("lint", dt.date(2026, 11, 22))
    first = check_repository(repo, ".", Cache(tmp_path / "cache"), job)
    (repo / "narasi" / "latar-belakang.md").write_text("# Latar belakang\n", encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    second = check_repository(repo, ".", cache, job)
    assert cache.stats.repo_misses == 1
    assert second.diagnostics == check_repository(repo, ".", None, job).diagnostics
    assert [d.code for d in second.diagnostics] != [d.code for d in first.diagnostics]
    other_day = Cache(tmp_path / "cache")
    check_repository(repo, ".", other_day, Job("lint", dt.date(2030, 1, 1)))
    assert other_day.stats.repo_hits == 0


def test_cli_render_on_a_tree_writes_one_folder_per_repository(tree, tmp_path):
    out = tmp_path / "site"
    r = _run("render", tree, "--out", out, cache_dir=tmp_path / "cache")
    assert r.returncode == 0, r.stdout + r.stderr
    assert (out / "11-aceh" / "README.md").is_file()
    kab = next(p for p in (tree / "11-aceh").iterdir() if (p / "kotacerdas.yaml").is_file())
    assert (out / "11-aceh" / kab.name / "README.md").is_file()
    check = _run("render", tree, "--out", out, "--check", cache_dir=tmp_path / "cache")
    assert check.returncode == 0, check.stdout


def test_tree_render_in_workers_writes_and_returns_what_a_serial_render_does(tree, tmp_path, monkeypatch):
    from kotacerdas import api

    # one repository that cannot be rendered: its diagnostics come back in its place
    broken = next(p for p in sorted((tree / "11-aceh").iterdir()) if (p / "kotacerdas.yaml").is_file())
    (broken / "opd.yaml").write_text("opd: [\n", encoding="utf-8")
    seen = {}
    for mode in (False, True):
        out = tmp_path / f"site-{mode}"
        opened = api.open(tree, api.Options(parallel=mode, cache=False))
        assert isinstance(opened, api.Tree) and len(opened.listings) >= 4
        done = opened.render(["md", "html"], out)
        seen[mode] = ([(rel, o.status, [d.code for d in o.diagnostics], [(f.format, f.files) for f in o.formats])
                       for rel, o in done.outcomes],
                      {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert seen[True] == seen[False]
    outcomes, _ = seen[True]
    assert [rel for rel, *_ in outcomes] == sorted((rel for rel, *_ in outcomes), key=lambda r: r.split("/"))
    statuses = {rel: status for rel, status, *_ in outcomes}
    assert statuses.pop(broken.relative_to(tree).as_posix()) == "invalid"
    assert set(statuses.values()) == {"written"}


def test_large_repositories_inside_a_parallel_tree_run_do_not_nest_pools(tree, monkeypatch):
    from kotacerdas import scale

    monkeypatch.setattr(scale, "PARALLEL_MIN_FILES", 5)  # every repository counts as large
    serial = check_tree(tree, use_cache=False, parallel=False)
    parallel = check_tree(tree, use_cache=False, parallel=True)
    assert parallel.diagnostics == serial.diagnostics and parallel.files_checked == serial.files_checked


def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch, tmp_path):
    from kotacerdas.scale import show_progress

    master, slave = os.openpty()
    with os.fdopen(slave, "w") as terminal, open(tmp_path / "log.txt", "w") as file:
        monkeypatch.delenv("CI", raising=False)
        monkeypatch.delenv("TERM", raising=False)
        assert show_progress(terminal) is True
        assert show_progress(file) is False
        monkeypatch.setenv("CI", "true")
        assert show_progress(terminal) is False
    os.close(master)


def test_rendered_province_shows_its_kab_kota_coverage(tree, tmp_path):
    out = tmp_path / "site"
    r = _run("render", tree, "--out", out, cache_dir=tmp_path / "cache")
    assert r.returncode == 0, r.stdout + r.stderr
    province = _province(tree, "11")
    chapters = sorted((out / province.name).glob("*cakupan*"))
    assert len(chapters) == 1, sorted(p.name for p in (out / province.name).iterdir())
    text = chapters[0].read_text(encoding="utf-8")
    coverage = next(c for c in check_tree(tree).coverage if c.code == "11")
    assert "Cakupan Kabupaten/Kota" in text
    assert f"| Masterplan valid | {coverage.valid} |" in text
    assert ("terpenuhi" if coverage.meets_target else "belum terpenuhi") in text
    # a kab/kota repository gets no coverage chapter
    kab = next(p for p in province.iterdir() if (p / "kotacerdas.yaml").is_file())
    assert not list((out / province.name / kab.name).glob("*cakupan*"))
    # removing a member's masterplan lowers the figure in the rendered chapter
    shutil.rmtree(kab)
    r = _run("render", tree, "--out", out, cache_dir=tmp_path / "cache")
    assert r.returncode == 0, r.stdout + r.stderr
    text = chapters[0].read_text(encoding="utf-8")
    assert f"| Masterplan valid | {coverage.valid - 1} |" in text
    assert "Belum memiliki masterplan:" in text
