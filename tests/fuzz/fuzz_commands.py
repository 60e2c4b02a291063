"""A mutation fuzzer for `lint`, `fmt` and `render` (the loader and validate: fuzz_validate.py).

Each input mutates one file of a copy of a real repository with fuzz_validate's mutations, on disk, then:
- lint (validate, then every rule) must return findings with usable positions;
- fmt (format_bytes) must either refuse with a diagnostic (FormatError) or give text that formats to itself
  and loads to the same data, number spellings included;
- render (Markdown and HTML), when the mutated repository is still valid, must give files or diagnostics.
Anything else is a crash: an exception, a hang past the per-input limit, a finding without a position,
fmt output that changes the data or is not stable. The file is restored after each input. Deterministic
for a given seed.

    python tests/fuzz/fuzz_commands.py [REPO] [--seconds 60] [--seed 1] [--max-inputs N] [--save DIR]
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path, PurePosixPath

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kotacerdas.fmt import FormatError, format_bytes
from kotacerdas.lint import lint
from kotacerdas.render import render_masterplan
from kotacerdas.repository import CONFIG_FILE, UsageError, kind_of
from kotacerdas.source import LoadError, load_bytes
from tests.fuzz.fuzz_validate import Hang, Outcome, _alarm, fuzz_arguments, mutate

AS_OF = dt.date(2026, 11, 22)


def _normal(value):
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return getattr(value, "source", value)


def _positions(diagnostics) -> None:
    for d in diagnostics:
        if d.line < 1 or d.column < 1 or not d.message or not d.path:
            raise AssertionError(f"finding without a usable position: {d}")


def check_fmt(raw: bytes, rel: str) -> None:
    kind = kind_of(PurePosixPath(rel))
    if kind is None:
        return
    try:
        out = format_bytes(raw, kind, rel)
    except FormatError as exc:
        _positions([exc.diagnostic])
        return
    if format_bytes(out.encode("utf-8"), kind, rel) != out:
        raise AssertionError("fmt is not idempotent on this input")
    try:
        before = load_bytes(raw, rel).data
    except LoadError:
        raise AssertionError("fmt formatted a file that does not load") from None
    if _normal(load_bytes(out.encode("utf-8"), rel).data) != _normal(before):
        raise AssertionError("fmt changed the data")


def check_lint_and_render(root: Path) -> int:
    result = lint(root, as_of=AS_OF)
    _positions(result.diagnostics)
    if result.validation.ok:
        for fmt in ("md", "html"):
            rendered = render_masterplan(result.validation.masterplan, fmt)
            _positions(rendered.diagnostics)
            if not rendered.ok and not rendered.diagnostics:
                raise AssertionError("render failed without a diagnostic")
    return len(result.diagnostics)


def fuzz(source: Path, *, seconds: float, seed: int, max_inputs: int | None = None,
         per_input_seconds: int = 20) -> Outcome:
    rng = random.Random(seed)
    outcome = Outcome()
    deadline = time.monotonic() + seconds
    with tempfile.TemporaryDirectory(prefix="kotacerdas-fuzz-") as tmp:
        root = Path(tmp) / "repo"
        shutil.copytree(source, root, ignore=shutil.ignore_patterns(".git"))
        targets = sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                         if p.is_file() and p.suffix in (".yaml", ".yml", ".md"))
        old = signal.signal(signal.SIGALRM, _alarm)
        try:
            while time.monotonic() < deadline and (max_inputs is None or outcome.inputs < max_inputs):
                rel = rng.choice(targets)
                original = (root / rel).read_bytes()
                data = original
                for _ in range(rng.randrange(1, 4)):
                    data = mutate(data, rng)
                (root / rel).write_bytes(data)
                outcome.inputs += 1
                signal.alarm(per_input_seconds)
                try:
                    check_fmt(data, rel)
                    outcome.diagnostics += check_lint_and_render(root)
                except UsageError:
                    if rel != CONFIG_FILE:
                        outcome.crashes.append((rel, data, "UsageError for a file other than kotacerdas.yaml"))
                except Hang:
                    outcome.crashes.append((rel, data, f"no answer within {per_input_seconds} s"))
                except Exception:
                    outcome.crashes.append((rel, data, traceback.format_exc()))
                finally:
                    signal.alarm(0)
                    (root / rel).write_bytes(original)
        finally:
            signal.signal(signal.SIGALRM, old)
    return outcome


def main(argv=None) -> int:
    parser = fuzz_arguments(__doc__)
    parser.add_argument("--save", type=Path, default=None, help="folder to save crashing inputs into")
    args = parser.parse_args(argv)
    started = time.monotonic()
    outcome = fuzz(args.repo, seconds=args.seconds, seed=args.seed, max_inputs=args.max_inputs)
    took = time.monotonic() - started
    print(f"fuzz lint+fmt+render: {outcome.inputs} inputs in {took:.1f} s ({outcome.inputs / took:.1f}/s), "
          f"{outcome.diagnostics} findings, {len(outcome.crashes)} crashes (seed {args.seed})")
    for i, (rel, data, why) in enumerate(outcome.crashes[:20]):
        print(f"--- crash {i + 1} in {rel}:\n{why}")
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"crash-{i + 1}-{Path(rel).name}").write_bytes(data)
    return 1 if outcome.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
