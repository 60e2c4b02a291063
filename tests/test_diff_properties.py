"""Properties of `diff` over generated valid repositories (tests/strategies.py):

- a plan compared with itself has no changes;
- a plan compared with itself after reordering every key and list, reformatting every file (flow style)
  and renaming every file has no changes;
- diff(a, b) mirrors diff(b, a): added <-> removed, old <-> new, the same items and fields.
"""

from __future__ import annotations

import random

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kotacerdas.diff.compare import diff_masterplans
from kotacerdas.diff.records import Side
from kotacerdas.diff.sources import _finish
from kotacerdas.repository import load_repository_from_blobs
from tests.strategies import repositories

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load(label: str, blobs: dict[str, bytes]):
    side = _finish(Side("directory", label), load_repository_from_blobs(label, blobs))
    assert not side.errors, side.errors
    return side


def diff(a, b):
    return diff_masterplans(a.masterplan, b.masterplan, a.side, b.side).changes


def _reversed(value):
    if isinstance(value, dict):
        return {k: _reversed(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [_reversed(v) for v in reversed(value)]
    return value


def shuffled(blobs: dict[str, bytes], seed: int) -> dict[str, bytes]:
    """The same plan: keys and lists reversed, flow style, files renamed within their folder."""
    out = {}
    rng = random.Random(seed)
    for n, (rel, raw) in enumerate(sorted(blobs.items())):
        data = _reversed(yaml.safe_load(raw))
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=True, width=60)
        folder, _, _name = rel.rpartition("/")
        if folder:
            top = folder.split("/")[0]
            rel = f"{top}/{'sub/' if top in ('programmes', 'indicators') and rng.random() < 0.5 else ''}f{n}.yaml"
        out[rel] = ("# reformatted\n" + text).encode("utf-8")
    return out


def mirrored(changes) -> set:
    swap = {"added": "removed", "removed": "added", "modified": "modified"}
    return {(c.section, c.id, swap[c.change],
             frozenset((f.path, swap[f.change], repr(f.new), repr(f.old), f.element) for f in c.fields))
            for c in changes}


def plain(changes) -> set:
    return {(c.section, c.id, c.change,
             frozenset((f.path, f.change, repr(f.old), repr(f.new), f.element) for f in c.fields))
            for c in changes}


@SETTINGS
@given(repositories(), st.integers(0, 1000))
def test_a_plan_against_itself_reordered_and_reformatted_has_no_changes(blobs, seed):
    a = load("a", blobs)
    assert diff(a, a) == []
    assert diff(a, load("b", shuffled(blobs, seed))) == []


@SETTINGS
@given(repositories(), repositories())
def test_diff_mirrors_its_reverse(a_blobs, b_blobs):
    a, b = load("a", a_blobs), load("b", b_blobs)
    forward, backward = diff(a, b), diff(b, a)
    assert mirrored(forward) == plain(backward)
    assert len(forward) == len(backward)


def mutated(blobs: dict[str, bytes], seed: int) -> dict[str, bytes]:
    """A revision of the same plan: some items edited, some removed, valid still."""
    rng = random.Random(seed)
    out = {}
    for rel, raw in sorted(blobs.items()):
        data = yaml.safe_load(raw)
        if rel.startswith(("programmes/", "stages/", "dimensions/")) and rng.random() < 0.2:
            continue  # removed (nothing refers to these)
        if rel.startswith("programmes/"):
            if rng.random() < 0.5:
                data["name"] = data["name"] + " baru"
            if rng.random() < 0.3:
                data["quick_win"] = not data["quick_win"]
            if rng.random() < 0.3:
                data["end"] = data["start"]
            for line in data["funding"]:
                if rng.random() < 0.5:
                    line["amount"] = line["amount"] // 2
            if rng.random() < 0.3:
                data["supporting"] = []
        elif rel.startswith("indicators/"):
            for t in data["targets"]:
                if rng.random() < 0.5:
                    t["target"] = t["target"] + 1
            if data["targets"] and rng.random() < 0.3:
                data["targets"].pop()
        elif rel == "plan.yaml":
            if rng.random() < 0.5:
                data["misi"] = data["misi"] + ["Misi tambahan yang baru sama sekali"]
            if rng.random() < 0.3:
                data["misi"][0] = data["misi"][0] + " dan cerdas"
        out[rel] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
    return out


@SETTINGS
@given(repositories(), st.integers(0, 1000))
def test_diff_of_a_revision_mirrors_its_reverse(blobs, seed):
    a, b = load("a", blobs), load("b", mutated(blobs, seed))
    forward, backward = diff(a, b), diff(b, a)
    assert mirrored(forward) == plain(backward)
