"""Reading a masterplan straight from git objects, never touching the work tree or the index.

Uses the `git` command itself (so every repository git can read works: packed, shallow, worktrees):
`git rev-parse --verify REV^{commit}` to name a commit, `git ls-tree -r -z` to list the files under the
masterplan's folder, one `git cat-file --batch-check` for their sizes (a blob above the limits is never read), and one
`git cat-file --batch` process to read the others.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath

from ..repository import CONFIG_FILE
from ..fsutil import os_problem
from ..i18n import _

# Files a masterplan needs: its YAML and the Markdown prose it references.
WANTED_SUFFIXES = (".yaml", ".yml", ".md", ".markdown")


class GitError(Exception):
    """Something git could not do for us; the message is written for the user (exit 2), in the run's language,
    and git's own words (its stderr, English as git writes it) follow it as a detail line."""

    def __init__(self, message: str, detail: bytes | str | None = None) -> None:
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        lines = [line.strip() for line in (detail or "").strip().splitlines() if line.strip()]
        if lines:
            message += "\n  " + _("git says: {detail}").format(detail=" / ".join(lines[:3]))
        super().__init__(message)


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.setdefault("GIT_TERMINAL_PROMPT", "0")
    env["GIT_OPTIONAL_LOCKS"] = "0"  # a reading command must not take the index lock
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, env=env, check=False)
    except FileNotFoundError:
        raise GitError(_("git is not installed (or not on PATH); install git to compare revisions, or give two "
                         "folders to compare")) from None
    except OSError as exc:
        raise GitError(_("cannot run git: {value}").format(value=os_problem(exc))) from None


def toplevel(start: Path) -> Path:
    """The root of the git working tree that holds `start` (its nearest existing folder)."""
    here = Path(start).absolute()
    while not here.exists() and here != here.parent:
        here = here.parent
    if here.is_file():
        here = here.parent
    res = _git(["rev-parse", "--show-toplevel"], here)
    if res.returncode != 0:
        raise GitError(_("not inside a git repository: {start} (to compare two folders, give both: kotacerdas diff "
                         "OLD_DIR NEW_DIR)").format(start=start), res.stderr)
    return Path(res.stdout.decode("utf-8", "surrogateescape").strip())


def resolve_commit(top: Path, rev: str) -> str:
    """The full hash of the commit `rev` names; GitError when it names none."""
    if not rev or rev.startswith("-"):
        raise GitError(_("unknown revision '{rev}'").format(rev=rev))
    res = _git(["rev-parse", "--verify", "--end-of-options", f"{rev}^{{commit}}"], top)
    if res.returncode != 0:
        raise GitError(_("unknown revision '{rev}' in the git repository at {top} (check the name with `git log "
                         "--oneline` or `git tag`)").format(rev=rev, top=top), res.stderr)
    return res.stdout.decode().strip()


def read_tree(top: Path, commit: str, prefix: str, rev_label: str) -> dict[str, bytes]:
    """{path relative to `prefix`: bytes} for every masterplan file under `prefix` at `commit`.
    A nested folder holding its own kotacerdas.yaml is another masterplan and is left out."""
    args = ["ls-tree", "-r", "-z", "--full-tree", commit]
    if prefix:
        args += ["--", prefix + "/"]
    res = _git(args, top)
    if res.returncode != 0:
        raise GitError(_("git cannot list the files of revision '{rev_label}'").format(rev_label=rev_label),
                       res.stderr)
    entries: list[tuple[str, str]] = []  # (relative path, blob hash)
    cut = len(prefix) + 1 if prefix else 0
    for record in res.stdout.split(b"\0"):
        if not record:
            continue
        meta, _tab, name = record.partition(b"\t")
        mode, kind, sha = meta.decode().split(" ")
        path = name.decode("utf-8", "surrogateescape")
        if kind != "blob" or mode == "120000":  # submodules and symbolic links are not plan files
            continue
        rel = path[cut:]
        if rel.endswith(WANTED_SUFFIXES):
            entries.append((rel, sha))
    if not entries:
        where = f"'{prefix}'" if prefix else "the repository root"
        raise GitError(_("{where} does not exist at revision '{rev_label}' (or holds no masterplan files)")
                       .format(where=where, rev_label=rev_label))
    nested = {str(PurePosixPath(rel).parent) for rel, _ in entries
              if PurePosixPath(rel).name == CONFIG_FILE and "/" in rel}
    if nested:
        entries = [(rel, sha) for rel, sha in entries
                   if not any(rel.startswith(n + "/") for n in nested)]
    return _read_bounded(top, entries)


def _read_bounded(top: Path, entries: list[tuple[str, str]]) -> dict[str, bytes]:
    """The blobs of `entries`, sizes first (`git cat-file --batch-check`): a blob above the revision's
    limits.max_file_bytes (from its kotacerdas.yaml, itself bounded by the default) is never read and
    stands as an UnreadBlob, which the loader reports as KC006; reading stops being worth it past
    limits.max_total_bytes too (the rest stand unread, so memory stays bounded by the limits)."""
    from ..repository import UnreadBlob, limits_of, load_file
    from ..source import DEFAULT_LIMITS

    sizes = blob_sizes(top, [sha for _, sha in entries])
    limits = DEFAULT_LIMITS
    config_sha = next((sha for rel, sha in entries if rel == CONFIG_FILE), None)
    if config_sha is not None and sizes[config_sha] <= DEFAULT_LIMITS.max_file_bytes:
        loaded = load_file(cat_blobs(top, [config_sha])[0], CONFIG_FILE, "config")
        if loaded.model is not None:
            limits = limits_of(loaded.model)
    wanted, total = [], 0
    for _rel, sha in entries:
        size = sizes[sha]
        config = sha == config_sha and size <= DEFAULT_LIMITS.max_file_bytes  # read as load_config reads it on disk
        if config or (size <= limits.max_file_bytes and total + size <= limits.max_total_bytes):
            wanted.append(sha)
            total += size
    contents = dict(zip(wanted, cat_blobs(top, wanted), strict=True))
    return {rel: contents[sha] if sha in contents else UnreadBlob(sizes[sha]) for rel, sha in entries}


def blob_sizes(top: Path, shas: list[str]) -> dict[str, int]:
    """The size of each blob, from `git cat-file --batch-check` (nothing is read)."""
    if not shas:
        return {}
    res = _git(["cat-file", "--batch-check"], top, stdin=("\n".join(shas) + "\n").encode())
    if res.returncode != 0:
        raise GitError(_("git cannot read the files' contents from the repository"), res.stderr)
    out: dict[str, int] = {}
    for sha, line in zip(shas, res.stdout.decode("utf-8", "replace").splitlines(), strict=False):
        parts = line.split(" ")
        if len(parts) != 3 or parts[1] != "blob":
            raise GitError(_("git object {sha} is missing or not a file").format(sha=sha))
        out[sha] = int(parts[2])
    return out


def cat_blobs(top: Path, shas: list[str]) -> list[bytes]:
    """The contents of many blobs through one `git cat-file --batch`."""
    if not shas:
        return []
    res = _git(["cat-file", "--batch"], top, stdin=("\n".join(shas) + "\n").encode())
    if res.returncode != 0:
        raise GitError(_("git cannot read the files' contents from the repository"), res.stderr)
    out, data, pos = [], res.stdout, 0
    for sha in shas:
        end = data.index(b"\n", pos)
        header = data[pos:end].decode().split(" ")
        if len(header) != 3 or header[1] != "blob":
            raise GitError(_("git object {sha} is missing or not a file").format(sha=sha))
        size = int(header[2])
        out.append(data[end + 1:end + 1 + size])
        pos = end + 1 + size + 1
    return out


def describe_commit(top: Path, commit: str) -> tuple[str, str]:
    """(short hash, committer date YYYY-MM-DD) for headings."""
    res = _git(["show", "-s", "--format=%h %cs", commit], top)
    if res.returncode != 0:
        return commit[:7], ""
    short, _, date = res.stdout.decode().strip().partition(" ")
    return short, date
