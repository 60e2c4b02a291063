"""`kotacerdas diff` semantics, on real git repositories: every change kind is found, typed and flagged,
and nothing that is not a planning change (moves, renames, reordering, reformatting, comments) shows up.

Each test commits the fixture masterplan (tests/diff/base), commits an edit, and diffs the two commits
read straight from git objects."""

from __future__ import annotations

import pytest

from kotacerdas.diff import diff_args
from tests.diff.gitrepo import GitRepo


@pytest.fixture
def repo(tmp_path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


def changes_after(repo: GitRepo, edit) -> list:
    edit(repo)
    repo.commit("edit")
    return diff_args(["HEAD~1", "HEAD"], cwd=repo.root).changes


def one(changes, section, id_):
    found = [c for c in changes if c.section == section and c.id == id_]
    assert len(found) == 1, [(c.section, c.id) for c in changes]
    return found[0]


def fields(change) -> dict:
    return {f.path: (f.change, f.old, f.new) for f in change.fields}


def flags(change) -> dict:
    return {f.rule: f.severity for f in change.flags}


# --- no change -------------------------------------------------------------------------------------------

NO_CHANGE_EDITS = {
    "move-file": lambda r: r.move("programmes/qw-1.yaml", "programmes/quick-wins/governance/qw-1.yaml"),
    "rename-file": lambda r: r.move("indicators/ind-2.yaml", "indicators/waktu-data.yaml"),
    "rename-stage-and-dimension-files": lambda r: (r.move("stages/bimtek-1.yaml", "stages/tahap-1.yaml"),
                                                   r.move("dimensions/economy.yaml", "dimensions/ekonomi.yaml")),
    "reorder-keys": lambda r: r.write("programmes/qw-2.yaml", "\n".join(reversed(
        [line for line in r.read("programmes/qw-2.yaml").split("\nfunding:")[0].splitlines()]))
        + "\nfunding:" + r.read("programmes/qw-2.yaml").split("\nfunding:")[1]),
    "reorder-list-items": lambda r: (
        r.replace("plan.yaml", "  - Meningkatkan kualitas pelayanan publik berbasis digital\n"
                               "  - Mengembangkan ekonomi kreatif dan pariwisata daerah\n",
                  "  - Mengembangkan ekonomi kreatif dan pariwisata daerah\n"
                  "  - Meningkatkan kualitas pelayanan publik berbasis digital\n"),
        r.replace("programmes/menengah/prg-1.yaml", "supporting: [Bappeda, Setda]", "supporting: [Setda, Bappeda]"),
        r.write("indicators/ind-2.yaml", r.read("indicators/ind-2.yaml").split("targets:")[0]
                + "targets:\n  - {year: 2026, target: 5}\n  - {year: 2024, target: 10}\n  - {year: 2025, target: 7}\n"),
        r.write("opd.yaml", "opd:\n" + "".join(sorted(
            ["  - id" + block for block in r.read("opd.yaml").split("  - id")[1:]], reverse=True)))),
    "reformat": lambda r: r.write("programmes/qw-2.yaml", (
        "{id: 'QW-ECO-01', name: \"Serasi Ekonomi Kreatif\", dimension: economy, element: industry,\n"
        " innovation: program, quick_win: true,\n"
        " problem: \"Pelaku ekonomi kreatif belum\n   terhubung dengan pasar.\",\n"
        " description: 'Katalog   daring produk kreatif Garut.', owner: Disparbud, horizon: pendek,\n"
        " start: 2024, end: 2024,\n"
        " funding: [{source: apbd, year: 2024, amount: 150000000}]}\n")),
    "rewrap-long-text": lambda r: r.replace("plan.yaml", "berdaya saing dan cerdas melalui",
                                            "berdaya saing dan\n  cerdas    melalui"),
    "comments": lambda r: (r.write("opd.yaml", "# Daftar OPD, dimutakhirkan 2025\n" + r.read("opd.yaml")
                                   .replace("name: Sekretariat Daerah", "name: Sekretariat Daerah  # Setda")),
                           r.replace("kotacerdas.yaml", "# Small masterplan", "# A small masterplan")),
    "move-markdown-prose": lambda r: (r.move("narasi/latar-belakang.md", "bab/pendahuluan/latar.md"),
                                      r.replace("plan.yaml", "file: narasi/latar-belakang.md",
                                                "file: bab/pendahuluan/latar.md")),
    "explicit-defaults": lambda r: r.replace("programmes/qw-2.yaml", "horizon: pendek",
                                             "horizon: pendek\nsupporting: []\nmilestones: []"),
    "non-plan-files": lambda r: (r.write("README.md", "# Catatan\n"), r.write("docs/rapat.txt", "notulen\n")),
}


@pytest.mark.parametrize("name", sorted(NO_CHANGE_EDITS))
def test_not_a_planning_change(repo, name):
    NO_CHANGE_EDITS[name](repo)
    repo.commit(name)
    assert repo.git("diff", "--stat", "HEAD~1", "HEAD").strip(), "the edit must change the files"
    assert diff_args(["HEAD~1", "HEAD"], cwd=repo.root).changes == []


def test_same_revision_twice_is_empty(repo):
    assert diff_args(["HEAD", "HEAD"], cwd=repo.root).changes == []
    assert diff_args([], cwd=repo.root).changes == []  # HEAD against an unchanged working tree


# --- items added and removed -----------------------------------------------------------------------------

NEW_PROGRAMME = """id: PRG-ECO-02
name: Pasar Digital Desa
dimension: economy
element: transaction
innovation: produk
problem: UMKM desa belum berjualan daring.
description: Lapak daring untuk UMKM desa.
owner: Disparbud
horizon: menengah
start: 2025
end: 2027
"""


def test_programme_added_and_removed(repo):
    def edit(r):
        r.write("programmes/prg-eco-02.yaml", NEW_PROGRAMME)
        r.remove("programmes/menengah/prg-1.yaml")
        r.replace("indicators/ind-2.yaml", "id: IND-GOV-02", "id: IND-GOV-02")

    changes = changes_after(repo, edit)
    added = one(changes, "programmes", "PRG-ECO-02")
    assert added.change == "added" and added.name == "Pasar Digital Desa"
    assert added.item["owner"] == "Disparbud" and added.path == "programmes/prg-eco-02.yaml"
    removed = one(changes, "programmes", "PRG-GOV-01")
    assert removed.change == "removed" and removed.item["end"] == 2027
    assert removed.flags == []  # an ordinary programme removed is a change, not a flagged one


def test_quick_win_removed_is_an_error(repo):
    changes = changes_after(repo, lambda r: r.remove("programmes/qw-2.yaml"))
    c = one(changes, "quick-wins", "QW-ECO-01")
    assert c.change == "removed"
    assert flags(c) == {"quick-win-removed": "error"}


def test_quick_win_demoted(repo):
    changes = changes_after(repo, lambda r: r.replace("programmes/qw-2.yaml", "quick_win: true", "quick_win: false"))
    c = one(changes, "quick-wins", "QW-ECO-01")
    assert fields(c) == {"quick_win": ("modified", True, False)}
    assert flags(c) == {"quick-win-removed": "error"}
    assert "no longer a quick win" in c.flags[0].message("en")


def test_indicator_dimension_stage_and_opd_added(repo):
    def edit(r):
        r.write("indicators/ind-3.yaml", "id: IND-ECO-01\nname: UMKM daring\nunit: UMKM\ndirection: up\n")
        r.write("dimensions/living.yaml", r.read("dimensions/economy.yaml").replace("economy", "living"))
        r.write("stages/bimtek-3.yaml", "stage: III\ntitle: Bimtek Tahap III\ndates:\n  start: 2023-09-10\n")
        r.replace("opd.yaml", "opd:\n", "opd:\n  - id: Dinkes\n    name: Dinas Kesehatan\n")

    changes = changes_after(repo, edit)
    assert {(c.section, c.id, c.change) for c in changes} == {
        ("indicators", "IND-ECO-01", "added"), ("dimensions", "living", "added"),
        ("stages", "III", "added"), ("opds", "Dinkes", "added")}
    assert [c.section for c in changes] == ["dimensions", "indicators", "stages", "opds"]  # section order


# --- fields modified -------------------------------------------------------------------------------------

def test_scalar_and_nested_fields(repo):
    def edit(r):
        r.replace("programmes/menengah/prg-1.yaml", "name: Garut Satu Data", "name: Garut Satu Data Terpadu")
        r.replace("programmes/menengah/prg-1.yaml", "amount: 400000000", "amount: 420000000")
        r.replace("programmes/menengah/prg-1.yaml", "    kind: academia\n",
                  "    kind: academia\n  - name: Telkom\n    kind: business\n")
        r.replace("programmes/menengah/prg-1.yaml", "supporting: [Bappeda, Setda]", "supporting: [Bappeda, Disparbud]")

    c = one(changes_after(repo, edit), "programmes", "PRG-GOV-01")
    f = fields(c)
    assert f["name"] == ("modified", "Garut Satu Data", "Garut Satu Data Terpadu")
    assert f["funding[apbd 2024].amount"] == ("modified", 400000000, 420000000)
    assert f["partners[Telkom]"] == ("added", None, {"name": "Telkom", "kind": "business"})
    supporting = sorted((x.change, x.old, x.new) for x in c.fields if x.path == "supporting")
    assert supporting == [("added", None, "Disparbud"), ("removed", "Setda", None)]
    assert all(x.element for x in c.fields if x.path == "supporting")
    assert flags(c) == {}  # +20 million of 2 billion is 1%, under the 10% threshold
    line = {x.path: (x.file, x.line) for x in c.fields}["name"]
    assert line == ("programmes/menengah/prg-1.yaml", 2)


def test_plan_level_changes(repo):
    def edit(r):
        r.replace("plan.yaml", "  end: 2028", "  end: 2029")
        r.replace("plan.yaml", "berdaya saing dan cerdas", "berdaya saing, hijau dan cerdas")
        r.replace("plan.yaml", "  - Mengembangkan ekonomi kreatif dan pariwisata daerah",
                  "  - Mengembangkan ekonomi kreatif, pariwisata dan budaya daerah\n  - Menjaga lingkungan hidup")
        r.replace("plan.yaml", "text: Ekonomi kreatif yang tumbuh", "text: Ekonomi kreatif yang tumbuh pesat")
        r.replace("plan.yaml", "    end: 2029\nbooks", "    end: 2030\nbooks")

    c = one(changes_after(repo, edit), "plan", "plan")
    f = fields(c)
    assert f["period.end"] == ("modified", 2028, 2029)
    assert f["rpjmd.period.end"] == ("modified", 2029, 2030)
    assert f["sasaran[S2].text"][0] == "modified"
    visi = next(x for x in c.fields if x.path == "visi")
    assert ("+", ", hijau") in visi.words and ("=", "Terwujudnya Garut yang maju, sejahtera, berdaya saing") in visi.words  # noqa: E501
    misi = sorted((x.change, x.new) for x in c.fields if x.path == "misi")
    assert misi == [("added", "Menjaga lingkungan hidup"),
                    ("modified", "Mengembangkan ekonomi kreatif, pariwisata dan budaya daerah")]
    assert flags(c) == {"period-changed": "error"}


def test_markdown_prose_is_compared_by_its_text(repo):
    c = one(changes_after(repo, lambda r: r.replace("narasi/latar-belakang.md", "bersama Kementerian Kominfo",
                                                    "bersama Kementerian Komdigi dan Pemerintah Provinsi")),
            "plan", "plan")
    assert list(fields(c)) == ["background"]
    assert ("-", "Kominfo") in c.fields[0].words


def test_dimension_stage_opd_modified(repo):
    def edit(r):
        r.replace("dimensions/economy.yaml", "  - Pasar digital untuk UMKM", "  - Pasar digital untuk UMKM desa")
        r.replace("dimensions/economy.yaml", "strengths: [Komunitas kreatif yang aktif]",
                  "strengths: [Komunitas kreatif yang aktif, Destinasi wisata alam]")
        r.replace("stages/bimtek-2.yaml", "dates:", "status: completed\ndates:")
        r.replace("opd.yaml", "name: Dinas Pariwisata dan Kebudayaan", "name: Dinas Kebudayaan dan Pariwisata")

    changes = changes_after(repo, edit)
    dim = fields(one(changes, "dimensions", "economy"))
    assert dim["readiness.struktur.swot.strengths"] == ("added", None, "Destinasi wisata alam")
    assert dim["strategy"][0] == "modified"
    assert fields(one(changes, "stages", "II")) == {"status": ("added", None, "completed")}
    opd = one(changes, "opds", "Disparbud")
    assert fields(opd) == {"name": ("modified", "Dinas Pariwisata dan Kebudayaan", "Dinas Kebudayaan dan Pariwisata")}
    assert opd.fields[0].line == 9  # the line in opd.yaml, not the top of the file


# --- flagged changes -------------------------------------------------------------------------------------

def test_target_lowered_in_the_indicators_direction(repo):
    def edit(r):
        r.replace("indicators/ind-1.yaml", "target: 60", "target: 50")      # up: lowered -> flagged
        r.replace("indicators/ind-1.yaml", "target: 30", "target: 35")      # up: raised -> fine
        r.replace("indicators/ind-2.yaml", "target: 7", "target: 8")        # down: raised -> flagged
        r.replace("indicators/ind-2.yaml", "target: 10", "target: 9")       # down: lowered -> fine

    changes = changes_after(repo, edit)
    up = one(changes, "indicators", "IND-GOV-01")
    down = one(changes, "indicators", "IND-GOV-02")
    assert [(f.rule, f.field) for f in up.flags] == [("target-lowered", "targets[2025].target")]
    assert [(f.rule, f.field) for f in down.flags] == [("target-lowered", "targets[2025].target")]
    assert down.flags[0].message("en") == "target for 2025 raised from 7 to 8 (better when down)"
    assert down.flags[0].message("id") == "target 2025 dinaikkan dari 7 menjadi 8 (semakin baik bila turun)"


def test_target_moved_later_and_removed(repo):
    def edit(r):
        r.replace("indicators/ind-1.yaml", "  - year: 2025\n    target: 60", "  - year: 2026\n    target: 60")
        r.replace("indicators/ind-2.yaml", "  - year: 2026\n    target: 5\n", "")
        r.replace("plan.yaml", "", "")

    changes = changes_after(repo, edit)
    moved = one(changes, "indicators", "IND-GOV-01").flags
    assert [(f.rule, f.message("en")) for f in moved] == [("target-delayed", "target 60 for 2025 moved to 2026")]
    removed = one(changes, "indicators", "IND-GOV-02").flags
    assert [(f.rule, f.message("en")) for f in removed] == [("target-delayed", "target 5 for 2026 removed")]


def test_programme_end_owner_dimension_budget(repo):
    def edit(r):
        p = "programmes/menengah/prg-1.yaml"
        r.replace(p, "end: 2027", "end: 2028")
        r.replace(p, "owner: Diskominfo", "owner: Bappeda")
        r.replace(p, "dimension: governance\nelement: policy", "dimension: economy\nelement: transaction")
        r.replace(p, "amount: 1000000000", "amount: 1300000000")

    c = one(changes_after(repo, edit), "programmes", "PRG-GOV-01")
    assert flags(c) == {"programme-end-later": "warning", "owner-changed": "warning",
                        "dimension-changed": "warning", "budget-changed": "warning"}
    budget = next(f for f in c.flags if f.rule == "budget-changed")
    # each language writes the figures its own way (Babel's CLDR rules)
    assert budget.message("en") == "budget changed from Rp2,000,000,000 to Rp2,300,000,000 (+15.0%, threshold 10%)"
    assert budget.message("id") == "anggaran berubah dari Rp2.000.000.000 menjadi Rp2.300.000.000 (+15,0%, ambang 10%)"


def test_end_earlier_and_small_budget_change_are_not_flagged(repo):
    def edit(r):
        r.replace("programmes/menengah/prg-1.yaml", "end: 2027", "end: 2026")
        r.replace("programmes/menengah/prg-1.yaml", "amount: 1000000000", "amount: 1100000000")  # +5%

    c = one(changes_after(repo, edit), "programmes", "PRG-GOV-01")
    assert len(c.fields) == 2 and c.flags == []


def test_config_sets_severities_and_budget_threshold(repo):
    def edit(r):
        r.write("kotacerdas.yaml", r.read("kotacerdas.yaml") + "diff:\n  severity:\n    owner-changed: error\n"
                "  budget_threshold_percent: 2\n")
        r.replace("programmes/menengah/prg-1.yaml", "owner: Diskominfo", "owner: Bappeda")
        r.replace("programmes/menengah/prg-1.yaml", "amount: 1000000000", "amount: 1100000000")  # +5%

    c = one(changes_after(repo, edit), "programmes", "PRG-GOV-01")
    assert flags(c) == {"owner-changed": "error", "budget-changed": "warning"}


def test_taxonomy_changed(repo):
    from importlib import resources

    builtin = (resources.files("kotacerdas") / "data" / "taxonomies" / "kominfo-2017.yaml").read_text("utf-8")

    def edit(r):
        r.write("taxonomies/kominfo-2017.yaml", builtin)

    # The same taxonomy, now kept in the repository: not a change.
    assert changes_after(repo, edit) == []

    def edit2(r):
        text = r.read("taxonomies/kominfo-2017.yaml")
        marker = "      - {code: industry,"
        assert marker in text
        r.write("taxonomies/kominfo-2017.yaml", text.replace(
            marker, "      - {code: kreatif, name: {id: Ekonomi kreatif, en: Creative economy}}\n" + marker))

    c = one(changes_after(repo, edit2), "plan", "plan")
    assert [f.path for f in c.fields] == ["taxonomy.dimensions[economy].elements[kreatif]"]
    assert flags(c) == {"taxonomy-changed": "warning"}
