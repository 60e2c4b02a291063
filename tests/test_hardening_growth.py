"""Issue 19, "hangs, quadratic work and unbounded memory": the word diff over long prose has a cap and a
linear fallback; diff's pairing of rewritten list texts is bounded. Memory is checked by running the
command under RLIMIT_AS in a subprocess (never by timing); the timeouts only catch a hang. Growth with
size is measured by benchmarks/growth.py."""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
from pathlib import Path

from kotacerdas.diff.words import MAX_SEGMENT_CHARS, word_diff

from .hardening.util import CLI, GARUT, cli_env

PROSE = "narasi/latar-belakang.md"


def _limited(args, memory=900 * 1024**2, timeout=240) -> subprocess.CompletedProcess:
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, env=cli_env(), preexec_fn=limit,
                          timeout=timeout)


def _big_limits(repo: Path) -> None:
    with open(repo / "kotacerdas.yaml", "a", encoding="utf-8") as fh:
        fh.write("limits:\n  max_file_bytes: 67108864\n")


def test_diff_of_30_mb_of_punctuation_stays_within_memory_and_shows_a_shortened_change(tmp_path):
    old = Path(shutil.copytree(GARUT, tmp_path / "old", ignore=shutil.ignore_patterns(".git")))
    _big_limits(old)
    new = Path(shutil.copytree(old, tmp_path / "new"))
    body = ". , ; " * 5_000_000  # 30 MB: 15 million tokens; this took over 300 s and 3 GB before
    (old / PROSE).write_text(body, encoding="utf-8")
    (new / PROSE).write_text("Awal baru " + body[: len(body) // 2] + " sisipan " + body[len(body) // 2 :] + " akhir",
                             encoding="utf-8")
    r = _limited(["diff", old, new])
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert "more characters" in r.stdout  # the change is shown by its start and end, not 30 MB twice
    assert len(r.stdout) < 200_000
    assert "{+Awal baru" in r.stdout


def test_the_word_diff_keeps_small_changes_exact_and_shortens_only_long_parts():
    a = " ".join(f"Kalimat {i} tentang layanan publik." for i in range(1500))
    b = a.replace("Kalimat 700 tentang layanan publik.", "Kalimat 700 tentang layanan warga.")
    segments = word_diff(a, b)
    assert [s for s in segments if s[0] != "="] == [("-", "publik"), ("+", "warga")]
    assert all(len(text) <= MAX_SEGMENT_CHARS + 100 for _, text in segments)
    assert "more characters" in segments[0][1]


def test_the_word_diff_of_many_repeated_tokens_is_bounded():
    # difflib alone is cubic here (about 60 s for 4,000 characters before the cap)
    a, b = (". " * 10 + "a ") * 180, (". " * 9 + "b ") * 200
    segments = word_diff(a, b)
    removed = " ".join(t for op, t in segments if op in "=-")
    added = " ".join(t for op, t in segments if op in "=+")
    assert removed.split() == a.split() and added.split() == b.split()  # a true edit script, not a guess
    sentences = [f"Kalimat {i} ." for i in range(2000)]
    x, y = " ".join(sentences), " ".join(s if i % 2 else "Baru sekali ." for i, s in enumerate(sentences))
    segments = word_diff(x, y)
    assert " ".join(t for op, t in segments if op in "=-").split() == x.split()
    assert " ".join(t for op, t in segments if op in "=+").split() == y.split()


def test_diff_of_a_list_of_thousands_of_rewritten_texts_is_bounded(tmp_path):
    old = Path(shutil.copytree(GARUT, tmp_path / "old", ignore=shutil.ignore_patterns(".git")))
    _big_limits(old)
    new = Path(shutil.copytree(old, tmp_path / "new"))
    for side, word in ((old, "lama"), (new, "baru")):
        text = (side / "plan.yaml").read_text(encoding="utf-8")
        misi = "".join(f"\n  - Misi nomor {i} yang {word} tentang pelayanan publik yang baik" for i in range(3000))
        (side / "plan.yaml").write_text(text.replace("\nmisi:", "\nmisi:" + misi, 1), encoding="utf-8")
    r = _limited(["diff", old, new, "--format", "json"], timeout=240)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]


def test_kc121_candidates_miss_no_pair_the_full_comparison_finds():
    """The trigram prefix filter is exact: every pair at or above the ratio is a candidate (checked against
    comparing every pair, on names edited by random insertions, deletions and substitutions)."""
    import random
    from difflib import SequenceMatcher

    from kotacerdas.lint.rules.near_duplicate_names import _candidates

    r = random.Random(19)
    base = ["mal pelayanan publik digital", "satu data garut", "sistem informasi desa", "ab", "abc d", "a"]
    for t in (0.5, 0.7, 0.85, 0.9, 0.95, 1.0):
        for _ in range(15):
            names = []
            for _ in range(35):
                s = list(r.choice(base))
                for _ in range(r.randint(0, 6)):
                    op, p = r.random(), r.randrange(len(s) + 1)
                    if op < 0.33 and s:
                        s.pop(min(p, len(s) - 1))
                    elif op < 0.66:
                        s.insert(p, r.choice("abcdel "))
                    elif s:
                        s[min(p, len(s) - 1)] = r.choice("abcdel ")
                names.append("".join(s))
            found = dict(_candidates(names, t))
            for j in range(len(names)):
                for i in range(j):
                    if SequenceMatcher(None, names[i], names[j], autojunk=False).ratio() >= t:
                        assert i in found[j], (t, names[i], names[j])


def test_kc121_finds_the_near_duplicate_among_thousands_of_names_alike_in_their_letters(cli, tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from growth import make_plan  # the benchmark's own plan: names that share their letters

    repo = make_plan(tmp_path / "plan", 1500)
    dup = repo / "programmes" / "qw-01499.yaml"
    original = (repo / "programmes" / "qw-00007.yaml").read_text(encoding="utf-8")
    name = next(line for line in original.splitlines() if line.startswith("name: "))[6:]
    text = dup.read_text(encoding="utf-8")
    old_name = next(line for line in text.splitlines() if line.startswith("name: "))
    dup.write_text(text.replace(old_name, f"name: {name}x"), encoding="utf-8")
    r = cli("lint", repo, "--format", "json", "--no-cache")
    found = [d for d in json.loads(r.stdout)["diagnostics"] if d["code"] == "KC121"]
    assert any("QW-GOV-01499" in d["message"] and "QW-GOV-00007" in d["message"] for d in found), found
