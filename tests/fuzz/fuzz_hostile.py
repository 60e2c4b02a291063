"""A structure-aware fuzzer for the classes of issue 19, through the real command line (in this process).

Each input applies one to three mutators to a copy of a real repository kept in git, then runs one
command in one output format, chosen at random: validate/lint (text, json, sarif, junit, github,
markdown), diff HEAD (the working tree against git) or diff of a commit of the mutated tree against HEAD
(old side read from git objects), render (md, html), fmt --check. The mutators, one per class:

    numbers      a value replaced by 5,000 digits, 1e400, .nan, .inf, true, 10^30, "12", a Unix timestamp
    anchors      an anchor name used twice in one file, with an alias to it
    control      ESC/OSC/CSI sequences, BEL, CR, C1, bidi overrides, U+FFFE, U+2028 in a value; a file
                 renamed to hold control characters or a byte that is not UTF-8
    files        a file replaced by a named pipe, a link out of the repository or a broken link; a file or
                 a folder made unreadable (only where permissions hold: as root, run the fuzzer under
                 `setpriv --bounding-set=-dac_override,-dac_read_search`)
    sizes        prose grown to 0.3-3 MB of punctuation or words (word diff, reader bounds)
    prose        raw HTML, <script>, javascript: links, remote images in a prose file
    templates    a repository template with a runaway expression (center, format width, %-padding,
                 lipsum, towers of powers, repeated ~)

A crash is: an exception escaping the command (exit 3), a Python warning printed to stderr, an exit
code other than 0/1 (2 where usage is the point: an unreadable kotacerdas.yaml), no answer within the
per-input limit, a MemoryError under the fuzzer's own RLIMIT_AS, a raw control character on
stdout/stderr, a JSON/SARIF report that does not parse, a JUnit report that is not XML 1.0, active HTML
or a remote fetch in a rendered book. Every
mutation is undone after its input. Deterministic for a seed (apart from the time limit).

    python tests/fuzz/fuzz_hostile.py [REPO] [--seconds 60] [--seed 1] [--max-inputs N] [--memory-mb 2500]
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.fuzz.fuzz_validate import Hang, _alarm, fuzz_arguments

SGR = re.compile(r"\x1b\[[0-9;]*m")
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")
CONTROL = ["\\e]0;PWNED\\a", "\\e[2K\\r", "\\x9b31m", "\\u202e", "\\u2066", "\\ufffe", "\\u2028", "\\a", "\\r\\n",
           "\\x00", "\\x7f", "\\x85", "\\e[8m"]
FILENAME_BITS = [b"\x1b]0;x\x07", b"\xff", b"\xc3(", b"\r", b"\x1b[2J", "\u202e".encode()]
NUMBERS = ["9" * 5000, "1e400", ".nan", ".inf", "-.inf", "true", "1000000000000000000000000000000", '"12"',
           "1700000000", "0x1F", "1_000", "-0", "1e26", "2024-02-30", "99999999999999999999.5"]
EVIL_PROSE = ("<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[k](javascript:alert(3)) "
              "[e](&#106;avascript:x) ![t](https://tracker.example/t.png) <iframe src=//evil.example></iframe>\n\n"
              "[r]: javascript:alert(4)\n\n[lihat][r] <b onclick=x>tebal</b>\n")
TEMPLATES = ["{{ 'x'|center(1000**3) }}", "{{ 'x'|center(10**9) }}", "{{ '{:>999999999}'.format(1) }}",
             "{{ '%0999999999d' % 1 }}", "{{ lipsum(200000) }}", "{{ 2**2**2**2**2 }}", "{{ 'ab'|ljust(999999999) }}",
             "{% set s = 'x' * 9999 %}{% for i in range(100000) %}{{ s ~ s ~ s }}{% endfor %}",
             "{{ 'x' * 10**9 }}", "{{ ('a' ~ 'b') * 5000000 }}"]
FORMATS = ["text", "json", "sarif", "junit", "github", "markdown"]


class Crash(Exception):
    pass


def _git(root: Path, *args: str, check: bool = True) -> str:
    r = subprocess.run(["git", "-c", "user.email=f@example.org", "-c", "user.name=f", *args], cwd=root,
                       check=check, capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else ""


Undo = Callable[[], None]


def _take(paths: list[Path], rng: random.Random) -> Path:
    """A file no other mutator of this input has touched (removed from the pool)."""
    if not paths:
        raise _Skip()
    return paths.pop(rng.randrange(len(paths)))


class _Skip(Exception):
    """No file left for this mutator in this input."""


def _restore_file(path: Path) -> Undo:
    data = path.read_bytes()
    mode = path.stat().st_mode

    def undo() -> None:
        if path.is_symlink() or (path.exists() and not path.is_file()):
            path.unlink()
        if path.exists():
            os.chmod(path, mode)
        path.write_bytes(data)
        os.chmod(path, mode)

    return undo


def _scalar_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines()) if re.match(r"^\s*(-\s+)?[A-Za-z_]+:\s+\S", line)]


def m_numbers(root: Path, yamls: list[Path], prose: list[Path], rng: random.Random) -> Undo:
    path = _take(yamls, rng)
    undo = _restore_file(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    picks = _scalar_lines("\n".join(lines))
    for i in rng.sample(picks, min(len(picks), rng.randint(1, 3))):
        key = lines[i].split(":", 1)[0]
        lines[i] = f"{key}: {rng.choice(NUMBERS)}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return undo


def m_anchors(root: Path, yamls: list[Path], prose: list[Path], rng: random.Random) -> Undo:
    path = _take(yamls, rng)
    undo = _restore_file(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    picks = _scalar_lines("\n".join(lines))
    if len(picks) >= 2:
        a, b = sorted(rng.sample(picks, 2))
        for i in (a, b):
            key, value = lines[i].split(":", 1)
            lines[i] = f"{key}: &dup {value.strip()}"
        c = rng.choice(picks)
        if c > b:
            lines[c] = lines[c].split(":", 1)[0] + ": *dup"
        lines.append(rng.choice(["extra_field: *dup", "# the latest anchor wins"]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return undo


def m_control(root: Path, yamls: list[Path], prose: list[Path], rng: random.Random) -> Undo:
    if rng.random() < 0.3:  # a file name with control characters or bytes that are not UTF-8
        progs = [p for p in yamls if "programmes" in p.parts]
        path = progs[rng.randrange(len(progs))] if progs else yamls[rng.randrange(len(yamls))]
        yamls.remove(path)
        new = os.fsencode(path.parent) + b"/" + rng.choice(FILENAME_BITS) + os.fsencode(path.name)
        os.rename(path, new)
        return lambda: os.rename(new, path)
    path = _take(yamls, rng)
    undo = _restore_file(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for i in rng.sample(_scalar_lines("\n".join(lines)), 1):
        key, value = lines[i].split(":", 1)
        bits = "".join(rng.choice(CONTROL) for _ in range(rng.randint(1, 4)))
        body = value.strip().strip("'\"").replace("\\", "").replace('"', "")
        lines[i] = f'{key}: "{bits}{body}{bits}"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return undo


@functools.cache
def _permissions_enforced() -> bool:
    """Whether this process is refused a file it may not read (not root, or root without its powers:
    `setpriv --bounding-set=-dac_override,-dac_read_search python tests/fuzz/fuzz_hostile.py …`)."""
    with tempfile.NamedTemporaryFile() as fh:
        os.chmod(fh.name, 0)
        try:
            with open(fh.name, "rb"):
                return False
        except PermissionError:
            return True


def m_files(root: Path, yamls: list[Path], prose: list[Path], rng: random.Random) -> Undo:
    path = _take(yamls, rng) if rng.random() < 0.7 or not prose else _take(prose, rng)
    choice = rng.choice(["fifo", "link-out", "broken", "unreadable", "folder"] if _permissions_enforced()
                        else ["fifo", "link-out", "broken"])
    if choice == "folder" and path.parent != root:  # the root itself: nothing to run the command in
        folder = path.parent
        mode = folder.stat().st_mode
        os.chmod(folder, rng.choice([0o000, 0o300, 0o100]))  # nothing; write+enter, no list; enter only
        return lambda: os.chmod(folder, mode)
    undo = _restore_file(path)
    if choice in ("unreadable", "folder"):
        os.chmod(path, 0)
        return undo
    path.unlink()
    if choice == "fifo":
        os.mkfifo(path)
    elif choice == "link-out":
        path.symlink_to("/etc/hostname")
    else:
        path.symlink_to(path.parent / "does-not-exist.yaml")
    return undo


def m_sizes(root: Path, yamls: list[Path], prose: list[Path], rng: random.Random) -> Undo:
    path = _take(prose, rng)
    undo = _restore_file(path)
    unit = rng.choice([". , ; ", "kata ", "Kalimat yang sama. ", "a\n", "\u200b"])
    size = rng.choice([300_000, 900_000, 3_000_000])
    text = path.read_text(encoding="utf-8")
    body = unit * (size // len(unit))
    cut = rng.randrange(len(body) + 1)
    path.write_text(text[: len(text) // 2] + body[:cut] + " sisipan " + body[cut:] + text[len(text) // 2 :],
                    encoding="utf-8")
    cfg = root / "kotacerdas.yaml"
    if size > 1_000_000 and rng.random() < 0.5 and cfg.is_file() and not cfg.is_symlink():  # raise the bound
        undo_cfg = _restore_file(cfg)
        with open(cfg, "a", encoding="utf-8") as fh:
            fh.write("limits:\n  max_file_bytes: 8388608\n")
        return lambda: (undo(), undo_cfg())
    return undo


def m_prose(root: Path, yamls: list[Path], prose: list[Path], rng: random.Random) -> Undo:
    path = _take(prose, rng)
    undo = _restore_file(path)
    text = path.read_text(encoding="utf-8")
    cut = rng.randrange(len(text) + 1)
    path.write_text(text[:cut] + "\n\n" + EVIL_PROSE + "\n" + text[cut:], encoding="utf-8")
    return undo


def m_templates(root: Path, yamls: list[Path], prose: list[Path], rng: random.Random) -> Undo:
    target = root / "templates" / "chapters" / "01-pendahuluan.md.j2"
    existed = (root / "templates").exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("# Pendahuluan\n\n" + rng.choice(TEMPLATES) + "\n", encoding="utf-8")

    def undo() -> None:
        if existed:
            target.unlink()
        else:
            shutil.rmtree(root / "templates")

    return undo


MUTATORS = {"numbers": m_numbers, "anchors": m_anchors, "control": m_control, "files": m_files,
            "sizes": m_sizes, "prose": m_prose, "templates": m_templates}


def _check_output(args: list[str], code: int, out: str, err: str, exc: BaseException | None, book: Path,
                  color: bool) -> None:
    if exc is not None and not isinstance(exc, SystemExit):
        if isinstance(exc, Hang):
            raise exc
        raise Crash(f"exception {type(exc).__name__}: {exc}")
    allowed = (0, 1, 2)  # 2: a usage error is a legitimate answer (e.g. kotacerdas.yaml unreadable)
    if code not in allowed:
        raise Crash(f"exit {code}\n{err[-3000:]}")
    if "internal error" in err or "Traceback" in err:
        raise Crash(f"internal error\n{err[-3000:]}")
    if re.search(r"\b[A-Z]\w*Warning: ", err):  # a Python warning is not a message for an officer
        raise Crash(f"a Python warning reached the terminal\n{err[-3000:]}")
    for stream, text in (("stdout", out), ("stderr", err)):
        text = SGR.sub("", text) if color else text  # our own colours, when colour was asked for
        m = RAW.search(text)
        if m:
            raise Crash(f"raw {m.group()!r} on {stream}: {text[max(0, m.start() - 80):m.end() + 40]!r}")
    fmt = args[args.index("--format") + 1] if "--format" in args else "text"
    if code != 2 and args[0] in ("validate", "lint", "diff") and out.strip():
        if fmt in ("json", "sarif"):
            json.loads(out)
        elif fmt == "junit":
            ET.fromstring(out)
    if args[0] == "render" and code == 0:
        for p in book.rglob("*"):
            if p.suffix not in (".md", ".html") or not p.is_file():
                continue
            text = p.read_text(encoding="utf-8")
            text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
            text = re.sub(r"<pre>.*?</pre>|<code>.*?</code>|`[^`\n]*`", "", text, flags=re.S)
            active = [r"<script[^>]*>\s*alert", r"<[a-z][^>]*\son\w+\s*=", r"""(?:href|src)=["']?\s*javascript""",
                      r"""<(?:img|iframe)[^>]+src=["']?(?:https?:)?//"""]
            if p.suffix == ".md":  # Markdown link syntax is active in a viewer; in HTML it is only text
                active.append(r"\]\(\s*javascript:")
            for bad in active:
                if re.search(bad, text, re.I):
                    raise Crash(f"active content {bad!r} in {p.name}")


def run_one(root: Path, work: Path, rng: random.Random, ran: list[str]) -> list[str]:
    from typer.testing import CliRunner

    from kotacerdas.cli import build_app

    choice = rng.choice(["validate", "lint", "diff", "diff-old", "render", "fmt"])
    book = work / "book"
    shutil.rmtree(book, ignore_errors=True)
    if choice in ("validate", "lint"):
        args = [choice, str(root), "--format", rng.choice(FORMATS)]
    elif choice == "diff":
        args = ["diff", "HEAD", "--format", rng.choice(["text", "json", "markdown"])]
    elif choice == "diff-old":
        sha = _git(root, "stash", "create", check=False) or "HEAD"  # git refuses some file kinds: then HEAD
        args = ["diff", sha, "HEAD", "--format", rng.choice(["text", "json", "markdown"])]
    elif choice == "render":
        args = ["render", str(root), "--format", rng.choice(["md", "html"]), "--out", str(book)]
    else:
        args = ["fmt", "--check", str(root)]
    ran[:] = args
    env = {"NO_COLOR": None if rng.random() < 0.3 else "1", "FORCE_COLOR": "1" if rng.random() < 0.3 else None,
           "GITHUB_ACTIONS": None, "KOTACERDAS_DEBUG": None}
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(build_app(), args, env=env, catch_exceptions=True)
    finally:
        os.chdir(cwd)
    exc = result.exception
    code = 3 if exc is not None and not isinstance(exc, SystemExit) else result.exit_code
    _check_output(args, code, result.stdout, result.stderr, exc, book, env["FORCE_COLOR"] == "1")
    return args


def fuzz(source: Path, *, seconds: float, seed: int, max_inputs: int | None = None,
         per_input_seconds: int = 60) -> tuple[int, Counter, list[tuple[str, str]]]:
    rng = random.Random(seed)
    inputs, used, crashes = 0, Counter(), []
    deadline = time.monotonic() + seconds
    with tempfile.TemporaryDirectory(prefix="kotacerdas-hostile-") as tmp:
        work = Path(tmp)
        root = work / "repo"
        shutil.copytree(source, root, ignore=shutil.ignore_patterns(".git"))
        os.environ["KOTACERDAS_CACHE_DIR"] = str(work / "cache")
        _git(root, "init", "-q")
        _git(root, "add", "-A")
        _git(root, "commit", "-qm", "base")
        yamls = sorted(p for p in root.rglob("*.yaml") if ".git" not in p.parts)
        prose = sorted(p for p in root.rglob("*.md") if ".git" not in p.parts and p.name != "README.md")
        old = signal.signal(signal.SIGALRM, _alarm)
        try:
            while time.monotonic() < deadline and (max_inputs is None or inputs < max_inputs):
                names = rng.sample(sorted(MUTATORS), rng.randint(1, 3))
                names.sort(key=lambda n: n == "files")  # last: it may make a folder unreadable to the others
                undos: list[Undo] = []
                inputs += 1
                used.update(names)
                args: list[str] = []
                signal.alarm(per_input_seconds)
                try:
                    pool_y, pool_p = list(yamls), list(prose)
                    for name in names:
                        with contextlib.suppress(_Skip):
                            undos.append(MUTATORS[name](root, pool_y, pool_p, rng))
                    run_one(root, work, rng, args)
                except Hang:
                    crashes.append((f"{names} {args}", f"no answer within {per_input_seconds} s"))
                except (Crash, MemoryError, json.JSONDecodeError, ET.ParseError) as exc:
                    crashes.append((f"{names} {args}", f"{type(exc).__name__}: {exc}"))
                finally:
                    signal.alarm(0)
                    for undo in reversed(undos):
                        undo()
                    _git(root, "checkout", "-q", "--", ".", check=False)
        finally:
            signal.signal(signal.SIGALRM, old)
    return inputs, used, crashes


def main(argv=None) -> int:
    parser = fuzz_arguments(__doc__)
    parser.add_argument("--memory-mb", type=int, default=2500, help="RLIMIT_AS of the fuzzer (memory bound)")
    args = parser.parse_args(argv)
    limit = args.memory_mb * 1024**2
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    started = time.monotonic()
    inputs, used, crashes = fuzz(args.repo.resolve(), seconds=args.seconds, seed=args.seed,
                                 max_inputs=args.max_inputs)
    took = time.monotonic() - started
    print(f"fuzz hostile: {inputs} inputs in {took:.1f} s, {len(crashes)} failures (seed {args.seed}); "
          f"mutators used: " + ", ".join(f"{k} {v}" for k, v in sorted(used.items())))
    for i, (what, why) in enumerate(crashes[:20]):
        print(f"--- failure {i + 1}: {what}\n{why}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
