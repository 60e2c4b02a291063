"""`kotacerdas init`: a new repository that validates as it stands, wired for editors, CI and pre-commit."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kotacerdas.cli import build_app
from kotacerdas.fmt import run as fmt_run
from kotacerdas.reference import builtin_taxonomies
from kotacerdas.schema_export import KIND_GLOBS, schema_file_name
from kotacerdas.validate import validate

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def init(*args: str):
    return CliRunner().invoke(build_app(), ["init", *args])


@pytest.fixture(scope="module")
def garut(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("init") / "garut"
    result = init(str(dest), "--region-code", "32.05", "--name", "Kabupaten Garut", "--period", "2025-2029")
    assert result.exit_code == 0, result.output
    return dest


def test_new_repository_validates_with_no_finding_at_all(garut):
    result = validate(garut)
    assert result.diagnostics == []
    assert len(result.repo.files) == 13  # config, plan, opd, 6 dimensions, 4 stages


def test_plan_region_level_and_province_come_from_the_code(garut):
    plan = validate(garut).masterplan.plan.item
    assert (plan.region.code, plan.region.level, plan.region.province) == ("32.05", "kabupaten", "Jawa Barat")
    assert (plan.period.start, plan.period.end) == (2025, 2029)
    assert 'code: "32.05"' in (garut / "plan.yaml").read_text()  # quoted: never read as the number 32.05


@pytest.mark.parametrize("code,level,province", [("32.73", "kota", "Jawa Barat"), ("35.23", "kabupaten", "Jawa Timur"),
                                                 ("32", "provinsi", None)])
def test_level_is_inferred_and_the_result_validates(tmp_path, code, level, province):
    result = init(str(tmp_path / "r"), "--region-code", code, "--name", "Daerah Uji", "--period", "2025-2029")
    assert result.exit_code == 0, result.output
    checked = validate(tmp_path / "r")
    assert checked.diagnostics == []
    region = checked.masterplan.plan.item.region
    assert (region.level, region.province) == (level, province)
    opds = {o.id for o in checked.masterplan.opd_file.item.opd}
    assert ("DPMD" in opds) == (level != "kota")  # a kota has kelurahan, not desa


def test_every_dimension_of_the_pinned_taxonomy_lists_its_official_elements(garut):
    taxonomy = builtin_taxonomies()["kominfo-2017"]
    assert sorted(p.stem for p in (garut / "dimensions").glob("*.yaml")) == sorted(d.code for d in taxonomy.dimensions)
    for dim in taxonomy.dimensions:
        text = (garut / "dimensions" / f"{dim.code}.yaml").read_text()
        for element in dim.elements:
            assert re.search(rf"^#\s+{element.code}:\s+{re.escape(element.name.id)}", text, re.M), element.code


def test_stages_one_to_four_are_planned_and_empty(garut):
    stages = validate(garut).masterplan.stages
    assert [(s.item.stage, s.item.status, s.item.dates) for s in stages] == [
        ("I", "planned", None), ("II", "planned", None), ("III", "planned", None), ("IV", "planned", None)]


def test_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    result = init(str(tmp_path), "--region-code", "32.05", "--name", "Kabupaten Garut")
    assert result.exit_code == 2
    assert "not empty" in result.stderr and "--force" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_an_empty_git_repository_counts_as_empty(tmp_path):
    (tmp_path / ".git").mkdir()
    assert init(str(tmp_path), "--region-code", "32.05", "--name", "Kabupaten Garut").exit_code == 0


def test_force_adds_missing_files_and_never_overwrites(tmp_path):
    (tmp_path / "README.md").write_text("ours\n")
    (tmp_path / "opd.yaml").write_text("opd:\n  - id: Diskominfo\n    name: Dinas Kominfo\n")
    result = init(str(tmp_path), "--region-code", "32.05", "--name", "Kabupaten Garut", "--force")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "README.md").read_text() == "ours\n"
    assert (tmp_path / "opd.yaml").read_text().startswith("opd:\n  - id: Diskominfo\n")
    assert "Skipped 2 files" in result.stdout and "  README.md" in result.stdout and "  opd.yaml" in result.stdout
    assert (tmp_path / "plan.yaml").is_file()


@pytest.mark.parametrize("code,message", [
    ("3205", "Kemendagri writes 32.05"),
    ("32.5", "expected a Kemendagri code"),
    ("99.01", "unknown province code '99'"),
    ("garut", "expected a Kemendagri code"),
])
def test_invalid_region_code_is_a_usage_error_with_a_clear_message(tmp_path, code, message):
    result = init(str(tmp_path / "r"), "--region-code", code, "--name", "X")
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "r").exists()


def test_level_or_province_that_contradict_the_code_are_refused(tmp_path):
    wrong_level = init(str(tmp_path / "a"), "--region-code", "32.73", "--level", "kabupaten", "--name", "X")
    assert wrong_level.exit_code == 2 and "71–99 are kota" in wrong_level.stderr
    wrong_province = init(str(tmp_path / "b"), "--region-code", "32.05", "--province", "Jawa Timur", "--name", "X")
    assert wrong_province.exit_code == 2 and "Jawa Barat" in wrong_province.stderr


def test_same_options_give_byte_identical_repositories(tmp_path, garut):
    init(str(tmp_path / "again"), "--region-code", "32.05", "--name", "Kabupaten Garut", "--period", "2025-2029")
    first = {p.relative_to(garut): p.read_bytes() for p in garut.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "again"): p.read_bytes() for p in (tmp_path / "again").rglob("*") if p.is_file()}
    assert first == second


def test_scaffold_is_already_formatted(garut):
    outcome = fmt_run([garut], check=True)
    assert len(outcome.results) == 13
    assert outcome.changed == [] and outcome.failed == []


def test_editor_wiring_points_at_schema_files_that_exist(garut):
    settings = json.loads((garut / ".vscode" / "settings.json").read_text())
    mapping = settings["yaml.schemas"]
    assert {path for path in mapping} == {f"./schemas/{schema_file_name(k)}" for k in KIND_GLOBS}
    for path in mapping:
        assert (garut / path).is_file()
    for yaml_file in [garut / "plan.yaml", *sorted((garut / "dimensions").glob("*.yaml"))]:
        first = yaml_file.read_text().splitlines()[0]
        target = first.removeprefix("# yaml-language-server: $schema=")
        assert target != first and (yaml_file.parent / target).resolve().is_file()
    assert json.loads((garut / ".vscode" / "extensions.json").read_text())["recommendations"] == ["redhat.vscode-yaml"]


def test_scaffolded_files_pass_their_json_schemas_and_ci_files_pass_the_vendor_schemas(garut):
    for kind, schema in (("plan", "plan"), ("opd", "opd"), ("kotacerdas", "config")):
        run = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(garut / "schemas" / f"{schema}.schema.json"),
                              str(garut / f"{kind}.yaml")], capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stdout + run.stderr
    for folder, schema in (("dimensions", "dimension"), ("stages", "stage")):
        files = sorted(map(str, (garut / folder).glob("*.yaml")))
        run = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(garut / "schemas" / f"{schema}.schema.json"),
                              *files], capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stdout + run.stderr
    # GitHub Actions and GitLab CI schemas ship with check-jsonschema (no network needed).
    for builtin, path in (("vendor.github-workflows", ".github/workflows/kotacerdas.yml"),
                          ("vendor.gitlab-ci", ".gitlab-ci.yml")):
        run = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", builtin, str(garut / path)],
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stdout + run.stderr


def test_ci_runs_validate_and_lint_with_annotations(garut):
    github = (garut / ".github" / "workflows" / "kotacerdas.yml").read_text()
    assert "kotacerdas validate . --format github" in github and "kotacerdas lint . --format github" in github
    gitlab = (garut / ".gitlab-ci.yml").read_text()
    assert "--format junit --output kotacerdas-validate.xml" in gitlab
    assert "junit: kotacerdas-lint.xml" in gitlab
    precommit = (garut / ".pre-commit-config.yaml").read_text()
    for hook in ("kotacerdas-fmt", "kotacerdas-validate", "kotacerdas-lint"):
        assert f"id: {hook}" in precommit


def test_fmt_files_regex_selects_exactly_masterplan_files():
    from kotacerdas.scaffold import FMT_FILES_REGEX

    pattern = re.compile(FMT_FILES_REGEX)
    for path in ("plan.yaml", "kotacerdas.yml", "dimensions/governance.yaml", "programmes/a/b.yaml",
                 "indicators/x.yaml", "stages/bimtek-1.yaml"):
        assert pattern.search(path), path
    for path in (".gitlab-ci.yml", ".pre-commit-config.yaml", "dimensions/a/b.yaml", "examples/plan.yaml",
                 ".github/workflows/kotacerdas.yml", "schemas/plan.schema.json"):
        assert not pattern.search(path), path


def test_readme_is_for_the_officers_in_indonesian(garut):
    readme = (garut / "README.md").read_text()
    assert readme.startswith("# Masterplan Smart City Kabupaten Garut\n")
    assert "[ISI]" in readme and "kotacerdas validate ." in readme and "Cara mengisi" in readme


PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
REPO_ROOT = Path(__file__).parent.parent


def test_hook_manifest_and_scaffolded_config_pass_pre_commit_validators(garut):
    manifest = subprocess.run([str(PRE_COMMIT), "validate-manifest", str(REPO_ROOT / ".pre-commit-hooks.yaml")],
                              capture_output=True, text=True, timeout=120)
    assert manifest.returncode == 0, manifest.stdout + manifest.stderr
    config = subprocess.run([str(PRE_COMMIT), "validate-config", str(garut / ".pre-commit-config.yaml")],
                            capture_output=True, text=True, timeout=120)
    assert config.returncode == 0, config.stdout + config.stderr


def test_hook_manifest_runs_validate_and_lint_on_the_tree_and_fmt_on_masterplan_files():
    import yaml

    from kotacerdas.scaffold import FMT_FILES_REGEX, SCHEMA_FILES_REGEX

    hooks = {h["id"]: h for h in yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"kotacerdas-validate", "kotacerdas-lint", "kotacerdas-fmt", "kotacerdas-schema"}
    assert hooks["kotacerdas-schema"]["files"] == SCHEMA_FILES_REGEX
    assert hooks["kotacerdas-schema"]["pass_filenames"] is False
    assert hooks["kotacerdas-validate"]["pass_filenames"] is False
    assert hooks["kotacerdas-lint"]["pass_filenames"] is False
    assert hooks["kotacerdas-fmt"].get("pass_filenames", True) is True
    assert hooks["kotacerdas-fmt"]["files"] == FMT_FILES_REGEX


def test_install_option_is_what_ci_pre_commit_and_readme_install(tmp_path):
    import yaml

    spec = "git+https://github.com/ORG/kotacerdas@v0.1.0"
    r = init(str(tmp_path / "g"), "--region-code", "32.05", "--name", "Kabupaten Garut", "--install", spec)
    assert r.exit_code == 0, r.output
    repo = tmp_path / "g"
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "kotacerdas.yml").read_text())
    steps = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert f"python -m pip install {spec}" in steps
    gitlab = yaml.safe_load((repo / ".gitlab-ci.yml").read_text())
    assert any(f"pip install --quiet {spec}" in line for job in gitlab.values() if isinstance(job, dict)
               for line in job.get("script", []) + job.get("before_script", []))
    assert f"pip install {spec}" in (repo / "README.md").read_text()
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert {h["id"]: h["additional_dependencies"] for h in hooks} == {
        h: [spec] for h in ("kotacerdas-fmt", "kotacerdas-schema", "kotacerdas-validate", "kotacerdas-lint")}
    assert "kotacerdas==" not in "".join(p.read_text() for p in repo.rglob("*") if p.is_file() and
                                          p.suffix in (".yml", ".yaml", ".md") and p.parent.name != "schemas")
    assert validate(repo).ok
    for i, bad_spec in enumerate(["kotacerdas; rm -rf ~", "x: y", "kotacerdas==0.1.0  # pinned", "kotacerdas{,-evil}",
                                  "kotacerdas @ git+https://x/y", "-e .", "$(id)", ""]):
        bad = init(str(tmp_path / f"b{i}"), "--region-code", "32.05", "--name", "X", "--install", bad_spec)
        assert bad.exit_code == 2 and "invalid --install" in bad.output and not (tmp_path / f"b{i}").exists(), bad_spec


@pytest.mark.parametrize("spec", ["kotacerdas>=0.1,<0.2", "kotacerdas[html]==0.1.0", "./vendor/kotacerdas-0.1.0.tar.gz"])  # noqa: E501
def test_install_requirements_with_shell_characters_are_quoted_for_the_shell_and_yaml(tmp_path, spec):
    import shlex

    import yaml

    assert init(str(tmp_path / "g"), "-c", "32.05", "-n", "Kabupaten Garut", "--install", spec).exit_code == 0
    repo = tmp_path / "g"
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "kotacerdas.yml").read_text())
    [step] = [s["run"] for job in workflow["jobs"].values() for s in job["steps"] if "pip install" in s.get("run", "")]
    assert shlex.split(step) == ["python", "-m", "pip", "install", spec]
    gitlab = yaml.safe_load((repo / ".gitlab-ci.yml").read_text())
    [line] = [x for x in gitlab["default"]["before_script"] if "pip install" in x]
    assert shlex.split(line) == ["python", "-m", "pip", "install", "--quiet", spec]
