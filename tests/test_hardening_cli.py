"""Every command on broken input, through the real CLI (`python -m kotacerdas` as a subprocess).

A copy of a valid repository (tests/cases/_base, and once examples/garut) gets one to three files mutated
by the fuzzer's mutations (byte flips, YAML tokens, truncation, deleted/duplicated/swapped lines, changed
types, random bytes, deep nesting, alias bombs). Then lint, render, diff (the broken copy as the old side
and as the new side), fmt --check and fmt run on it. Each must end with exit 0 or 1 (2 is only for wrong
usage, which these calls are not), never print a traceback or an internal error; reading commands change
nothing; fmt --check changes nothing; fmt leaves every file that does not load byte-identical and keeps
the data of every file it rewrites; render writes nothing when it refuses.

The read-only commands run concurrently (two cores in CI); the seeds are fixed, so a failure reproduces.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kotacerdas.source import LoadError, load_bytes

from .fuzz.fuzz_validate import mutate
from .hardening.util import BASE, GARUT, assert_clean_exit, cli, cli_env, copy_repo, finish, snapshot, start


def normal(value):
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normal(v) for v in value]
    return getattr(value, "source", value)


def loads(raw: bytes, rel: str):
    try:
        return load_bytes(raw, rel)
    except LoadError:
        return None


def mutated_copy(source: Path, dest: Path, seed: int) -> list[str]:
    """Copy `source` to `dest` and mutate 1-3 of its files (never kotacerdas.yaml: a broken config is a
    usage error by design, exit 2, tested in tests/test_validate_cli.py). Returns the mutated paths."""
    copy_repo(source, dest)
    rng = random.Random(seed)
    targets = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*")
                     if p.is_file() and p.suffix in (".yaml", ".md") and p.name != "kotacerdas.yaml")
    victims = rng.sample(targets, rng.randint(1, 3))
    for rel in victims:
        data = (dest / rel).read_bytes()
        for _ in range(rng.randint(1, 3)):
            data = mutate(data, rng)
        (dest / rel).write_bytes(data)
    return victims


CASES = [(BASE, seed) for seed in range(2)] + [(GARUT, 100)]


@pytest.mark.parametrize("source,seed", CASES, ids=[f"{s.name}-{n}" for s, n in CASES])
def test_every_command_on_a_mutated_repository(tmp_path, source, seed):
    if not (source / "kotacerdas.yaml").is_file():
        pytest.skip(f"{source} is missing")
    good = copy_repo(source, tmp_path / "good")
    bad = tmp_path / "bad"
    victims = mutated_copy(source, bad, seed)
    before = snapshot(bad)
    env = cli_env(tmp_path / "cache")
    out = tmp_path / "out"
    # fmt: the whole small repository; in examples/garut only the mutated files (fmt is the slow command)
    fmt_paths = [bad] if source == BASE else [bad / rel for rel in victims if rel.endswith(".yaml")]
    fmt_paths = fmt_paths or [bad / "opd.yaml"]

    running = {
        "lint": start("lint", bad, "--format", "text", "--as-of", "2026-11-22", env=env),
        "render": start("render", bad, "--out", out, env=env),
        "diff old": start("diff", bad, good, env=env),
        "diff new": start("diff", good, bad, "--format", "json", env=env),
        "fmt --check": start("fmt", *fmt_paths, "--check", env=env),
    }
    for name, proc in running.items():
        done = finish(proc)
        assert_clean_exit(done, what=f"{name} on mutated {victims}")
        if name == "render" and done.returncode == 1:
            assert "nothing was written" in done.stderr and not out.exists()
    assert snapshot(bad) == before, "a reading command changed the repository"

    done = cli("fmt", *fmt_paths, env=env)
    assert_clean_exit(done, what=f"fmt on mutated {victims}")
    after = snapshot(bad)
    assert sorted(after) == sorted(before), "fmt created or removed a file"
    for rel, raw in before.items():
        if not rel.endswith(".yaml"):
            assert after[rel] == raw, rel
            continue
        old = loads(raw, rel)
        if old is None:
            assert after[rel] == raw, f"fmt changed {rel}, which does not load"
            assert f"{rel}:" in done.stdout, f"fmt did not report {rel}"
        elif after[rel] != raw:
            new = loads(after[rel], rel)
            assert new is not None and normal(new.data) == normal(old.data), f"fmt changed the data of {rel}"


def test_a_bug_is_reported_as_an_internal_error_without_a_traceback(tmp_path, monkeypatch, capsys):
    """No input is known to reach this path (that is the point of the tests above); a fault is injected to
    prove what a user would see if one did: a plain message, exit 3, the traceback only on request."""
    import sys

    import kotacerdas.validate
    from kotacerdas import cli

    def broken(*args, **kwargs):
        raise RuntimeError("injected fault")

    monkeypatch.setattr(kotacerdas.validate, "validate", broken)
    monkeypatch.setattr(sys, "argv", ["kotacerdas", "validate", str(BASE)])
    monkeypatch.delenv("KOTACERDAS_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    err = capsys.readouterr().err
    assert exit_.value.code == 3
    assert "internal error: RuntimeError: injected fault" in err and "KOTACERDAS_DEBUG=1" in err
    assert "Traceback" not in err
    monkeypatch.setenv("KOTACERDAS_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli.main()
