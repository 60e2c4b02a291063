"""A mutation fuzzer for the loader and `validate`.

It takes the files of a real masterplan repository, mutates one file per input (byte flips, YAML syntax
tokens, truncation, splices, duplicated and swapped lines, type changes, random bytes, deep nesting,
alias bombs) and runs the whole validate pipeline in memory, then formats the diagnostics with the text
and JSON reporters. Anything but diagnostics is a crash: an exception, a hang past the per-input time
limit, or a diagnostic without a usable position. Deterministic for a given seed.

    python tests/fuzz/fuzz_validate.py [REPO] [--seconds 60] [--seed 1] [--max-inputs N]

CI runs a short bounded pass through tests/test_fuzz.py.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from kotacerdas.checks import check_masterplan
from kotacerdas.diagnostics import Diagnostic, sort_diagnostics
from kotacerdas.masterplan import build_masterplan
from kotacerdas.reporters import Report, render_report
from kotacerdas.repository import CONFIG_FILE, UsageError, load_repository_from_blobs

TOKENS = [
    b": ", b"- ", b"{", b"}", b"[", b"]", b"&a ", b"*a", b"!!str ", b"!!python/object ", b"\t", b"\n", b"  ",
    b"# kotacerdas: disable-line KC101", b"'", b'"', b"|", b">", b"---\n", b"...\n", b"\x00", b"\xff",
    b"\xef\xbb\xbf", b"~", b"null", b"1.10", b"no", b"<<: *a", b"? ", b"%YAML 1.1\n", b"0x1F", b"1e400",
    b".nan", b"-.inf", b"2023-02-30", b"99999999999999999999999", b"\xe2\x80\xae", b"\r\n", b"\r", b"\\",
    b"`", b"%", b"@", b"!", b"*", b"&", b",", b"\x85", b"\xc3", b"\xed\xa0\x80",
]
VALUES = [b"true", b"false", b"null", b"[]", b"{}", b"-1", b"101", b"1.5", b"''", b"[1, 2]", b"{a: 1}",
          b"'x'", b"2024", b"TODO", b"\"<script>alert(1)</script>\""]


def _bomb(depth: int = 9) -> bytes:
    lines = [b"a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, depth):
        refs = b", ".join([b"*a%d" % (i - 1)] * 9)
        lines.append(b"a%d: &a%d [%s]" % (i, i, refs))
    return b"\n".join(lines) + b"\n"


def mutate(data: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(13)
    n = len(data)
    if n == 0:
        return rng.choice(TOKENS)
    pos = rng.randrange(n + 1)
    if choice == 0:  # flip a byte
        b = bytearray(data)
        i = rng.randrange(n)
        b[i] ^= 1 << rng.randrange(8)
        return bytes(b)
    if choice == 1:  # insert a token
        return data[:pos] + rng.choice(TOKENS) + data[pos:]
    if choice == 2:  # delete a range
        end = min(n, pos + rng.randrange(1, 40))
        return data[:pos] + data[end:]
    if choice == 3:  # truncate
        return data[:pos]
    lines = data.split(b"\n")
    if choice == 4:  # duplicate a line (duplicate keys, repeated items)
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return b"\n".join(lines)
    if choice == 5:  # swap two lines (indentation breaks, reordered keys)
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines)
    if choice == 6:  # change a value's type
        i = rng.randrange(len(lines))
        if b": " in lines[i]:
            key = lines[i].split(b": ", 1)[0]
            lines[i] = key + b": " + rng.choice(VALUES)
        return b"\n".join(lines)
    if choice == 7:  # delete a line (a missing key)
        del lines[rng.randrange(len(lines))]
        return b"\n".join(lines)
    if choice == 8:  # random bytes
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200)))
    if choice == 9:  # deep nesting
        depth = rng.choice([10, 70, 200, 2000])
        return data + b"\nzz: " + b"[" * depth + b"]" * depth + b"\n"
    if choice == 10:  # alias bomb
        return _bomb(rng.choice([3, 6, 9]))
    if choice == 11:  # re-indent a line
        i = rng.randrange(len(lines))
        lines[i] = b" " * rng.randrange(0, 6) + lines[i].lstrip()
        return b"\n".join(lines)
    # splice two halves of the file
    return data[pos:] + data[:pos]


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


@dataclass
class Outcome:
    inputs: int = 0
    crashes: list[tuple[str, bytes, str]] = field(default_factory=list)
    diagnostics: int = 0


def run_pipeline(blobs: dict[str, bytes]) -> list[Diagnostic]:
    repo = load_repository_from_blobs("fuzz", blobs)
    mp = build_masterplan(repo)
    diags = sort_diagnostics(repo.diagnostics + check_masterplan(mp))
    for d in diags:
        if d.line < 1 or d.column < 1 or not d.message or not d.path:
            raise AssertionError(f"diagnostic without a usable position: {d}")
    report = Report("validate", diags, repo.root, files_checked=len(repo.files),
                    source_line=lambda rel, line: (repo.doc(rel).line_text(line) if repo.doc(rel) else ""))
    render_report("text", report)
    render_report("json", report)
    return diags


def fuzz(source: Path, *, seconds: float, seed: int, max_inputs: int | None = None,
         per_input_seconds: int = 10) -> Outcome:
    blobs = {p.relative_to(source).as_posix(): p.read_bytes()
             for p in sorted(source.rglob("*")) if p.is_file() and ".git" not in p.parts}
    targets = sorted(rel for rel in blobs if rel.endswith((".yaml", ".yml", ".md")))
    rng = random.Random(seed)
    outcome = Outcome()
    deadline = time.monotonic() + seconds
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        while time.monotonic() < deadline and (max_inputs is None or outcome.inputs < max_inputs):
            rel = rng.choice(targets)
            data = blobs[rel]
            for _ in range(rng.randrange(1, 4)):
                data = mutate(data, rng)
            mutated = dict(blobs)
            mutated[rel] = data
            outcome.inputs += 1
            signal.alarm(per_input_seconds)
            try:
                outcome.diagnostics += len(run_pipeline(mutated))
            except UsageError:
                if rel != CONFIG_FILE:
                    outcome.crashes.append((rel, data, "UsageError for a file other than kotacerdas.yaml"))
            except Hang:
                outcome.crashes.append((rel, data, f"no answer within {per_input_seconds} s"))
            except Exception:
                outcome.crashes.append((rel, data, traceback.format_exc()))
            finally:
                signal.alarm(0)
    finally:
        signal.signal(signal.SIGALRM, old)
    return outcome


def fuzz_arguments(doc: str | None) -> argparse.ArgumentParser:
    """The options every fuzzer here takes: the repository, the time, the seed, a number of inputs."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("repo", nargs="?", default="examples/garut", type=Path)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-inputs", type=int, default=None)
    return parser


def main(argv=None) -> int:
    parser = fuzz_arguments(__doc__)
    parser.add_argument("--save", type=Path, default=None, help="folder to save crashing inputs into")
    args = parser.parse_args(argv)
    started = time.monotonic()
    outcome = fuzz(args.repo, seconds=args.seconds, seed=args.seed, max_inputs=args.max_inputs)
    took = time.monotonic() - started
    print(f"fuzz: {outcome.inputs} inputs in {took:.1f} s ({outcome.inputs / took:.0f}/s), "
          f"{outcome.diagnostics} diagnostics, {len(outcome.crashes)} crashes (seed {args.seed})")
    for i, (rel, data, why) in enumerate(outcome.crashes[:20]):
        print(f"--- crash {i + 1} in {rel}:\n{why}")
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"crash-{i + 1}-{Path(rel).name}").write_bytes(data)
    return 1 if outcome.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
