"""Scale: a content-keyed cache and parallel loading, so a national tree of masterplans stays fast.

Two kinds of cache entry, both in one cache folder (see `cache_folder`; docs/scale.md):

- **Per-file entries.** `repository.load_file(raw, rel, kind, limits)` is a pure function of its arguments,
  so its result is stored under (blake2b of the bytes, rel, kind, limits). Entries of one repository are
  kept together in one pack file, so a cold national run writes hundreds of files, not tens of thousands.
  `Cache.loader` has the signature of `repository.load_files` and plugs into `load_repository(loader=…)`.
- **Whole-repository results.** What a command concluded about a repository (its diagnostics and summary),
  stored under a fingerprint of everything the command read: every YAML file's path and content hash,
  the path of every other file and folder (prose files are checked for existence). A repository with a
  symbolic link, an unreadable entry or a prose reference outside the walked area is never stored.

Every key also holds the kotacerdas version and a hash of the package's own files (code and data), so
upgrading or editing kotacerdas invalidates everything. An entry is written atomically (temporary file,
then rename) and carries a checksum: a corrupt or truncated entry is ignored and rewritten, never trusted.

To avoid re-reading every file on a warm run, a file's hash is reused when its (inode, size, mtime, ctime)
are unchanged and it was last changed at least two seconds before it was hashed (the "racy clean"
rule git uses). The key is still the content: the stat data only proves that the content is unchanged.

Parallel work uses a fork-based process pool above a size threshold (`PARALLEL_MIN_FILES`, or two
repositories in a tree) and runs serially below it, where process start-up would cost more than it saves.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import time
from dataclasses import dataclass, field, fields, replace
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .fsutil import atomic_write_bytes, mark_used, remove_unused
from .repository import _FOLDERS as _FORMAT_FOLDERS
from .repository import _SKIPPED_FOLDERS as _PRUNED_TOP
from .repository import CONFIG_FILE, YAML_SUFFIXES, LoadedFile, load_file, read_bytes
from .runtime import CACHE_LAYOUT, cache_folder, chunks, code_fingerprint, pool, runs_in_workers, worker_count
from .source import Limits, too_large
import contextlib
from .i18n import _

if TYPE_CHECKING:
    from .diagnostics import Diagnostic

PARALLEL_MIN_FILES = 2000  # one repository: load files in parallel from this many YAML files up
PARALLEL_MIN_REPOS = 4  # a tree: check repositories in parallel from this many up
_MAGIC = b"KCC1"
_RACY_NS = 2_000_000_000  # a file changed less than 2 s before it was hashed is re-hashed next time
_PRUNE_AFTER_S = 30 * 24 * 3600


# --- what makes a key -------------------------------------------------------------------------------------


def content_hash(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def _limits_key(limits: Limits) -> tuple:
    return tuple(getattr(limits, f.name) for f in fields(limits))


# --- the cache ---------------------------------------------------------------------------------------------


@dataclass
class CacheStats:
    """Counts of what the cache did in this run (also summed across worker processes)."""

    file_hits: int = 0
    file_misses: int = 0
    repo_hits: int = 0
    repo_misses: int = 0
    corrupt: int = 0  # entries that failed their checksum or could not be unpickled (then rewritten)
    writes: int = 0
    write_errors: int = 0
    rehashed: int = 0  # files read and hashed (stat data could not vouch for them)

    def add(self, other: CacheStats) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


class Cache:
    """A cache folder for one kotacerdas build. Safe to delete at any time; never returns a stale result."""

    def __init__(self, folder: Path | None = None, salt: str | None = None) -> None:
        where = Path(folder) if folder is not None else cache_folder()
        self.usable = where is not None  # no place for a cache (no HOME): every look-up misses, nothing is kept
        self.folder = where if where is not None else Path(os.devnull)
        self.salt = salt or code_fingerprint()
        self.base = self.folder / CACHE_LAYOUT / self.salt[:32]
        self.stats = CacheStats()
        self._prepared = False

    # storage ------------------------------------------------------------------------------------------

    def _path(self, area: str, root: Path) -> Path:
        from .i18n import current_language  # messages are stored in the language they were written in

        where = f"{Path(root).resolve()}\0{current_language()}"
        key = hashlib.blake2b(where.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        return self.base / area / key[:2] / f"{key}.pkl"

    def _read(self, path: Path) -> Any:
        if not self.usable:
            return None
        try:
            with open(path, "rb") as fh:
                blob = fh.read()
                mtime = os.fstat(fh.fileno()).st_mtime
        except OSError:
            return None
        mark_used(path, mtime)  # pruning goes by last use, not by the write that created the entry
        if len(blob) < 20 or blob[:4] != _MAGIC or hashlib.blake2b(blob[20:], digest_size=16).digest() != blob[4:20]:
            self.stats.corrupt += 1
            return None
        try:
            return pickle.loads(blob[20:])
        except Exception:  # a class that changed shape cannot happen (salted), but never trust a blob
            self.stats.corrupt += 1
            return None

    def _write(self, path: Path, value: Any) -> None:
        if not self.usable:
            return
        try:
            self._prepare()
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            blob = _MAGIC + hashlib.blake2b(payload, digest_size=16).digest() + payload
            atomic_write_bytes(path, blob, durable=False)
            self.stats.writes += 1
        except (OSError, pickle.PicklingError, RecursionError):
            self.stats.write_errors += 1  # a read-only or full disk: carry on without caching

    def _prepare(self) -> None:
        """First write of a run: mark the folder as a cache, drop other builds' entries once a day."""
        if self._prepared:
            return
        self._prepared = True
        self.folder.mkdir(parents=True, exist_ok=True)
        tag = self.folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                           "# kotacerdas cache (safe to delete): https://bford.info/cachedir/\n", encoding="utf-8")
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        marker = self.folder / CACHE_LAYOUT / ".last-prune"
        try:
            if time.time() - marker.stat().st_mtime < 24 * 3600:
                return
        except OSError:
            pass
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text("", encoding="utf-8")
        self.prune()

    def prune(self, max_age_s: float = _PRUNE_AFTER_S) -> None:
        """Remove other builds' folders and entries not used for `max_age_s` seconds."""
        layout = self.folder / CACHE_LAYOUT
        for other in layout.iterdir() if layout.is_dir() else ():
            if other.is_dir() and other.name != self.base.name:
                shutil.rmtree(other, ignore_errors=True)
        remove_unused(self.base.rglob("*.pkl") if self.base.is_dir() else (), max_age_s)

    # per-file entries -----------------------------------------------------------------------------------

    def loader(self, root: Path, jobs: list[tuple[str, str]], limits: Limits, blobs: dict | None = None
               ) -> list[LoadedFile]:
        """`repository.load_files` with a cache: files whose (bytes, path, kind, limits) were loaded before
        come from the cache, the others are loaded (in parallel above PARALLEL_MIN_FILES) and stored.
        `blobs`: bytes already read (Snapshot.blobs), used instead of reading the file again."""
        pack_path = self._path("files", root)
        pack = self._read(pack_path)
        if not isinstance(pack, dict):
            pack = {}
        lk = _limits_key(limits)
        out: list[LoadedFile | None] = [None] * len(jobs)
        todo: list[tuple[int, str, str, bytes, tuple[bytes, str, str, tuple]]] = []
        new_pack: dict = {}
        base = os.fspath(root)
        for i, (rel, kind) in enumerate(jobs):
            raw, problem = _read(base, rel, limits, blobs)
            if problem:
                out[i] = LoadedFile(rel, kind, None, None, [problem])
                continue
            assert raw is not None  # the bytes or the problem
            key = (content_hash(raw), rel, kind, lk)
            hit = pack.get(key)
            if isinstance(hit, LoadedFile):
                self.stats.file_hits += 1
                out[i] = _revive(hit)
                new_pack[key] = hit
            else:
                self.stats.file_misses += 1
                todo.append((i, rel, kind, raw, key))
        loaded = _load_many([(raw, rel, kind) for _, rel, kind, raw, _ in todo], limits)
        for (i, _rel, _kind, _raw, key), f in zip(todo, loaded, strict=False):
            out[i] = f
            new_pack[key] = _storable(f)
        if todo or len(new_pack) != len(pack):
            self._write(pack_path, new_pack)
        return [f for f in out if f is not None]  # every slot, from the cache, a problem or loaded

    # whole-repository results -----------------------------------------------------------------------------

    def result_entry(self, area: str, root: Path) -> ResultEntry | None:
        """The last stored result of a command (`area`) on the repository at `root`, whatever its key."""
        entry = self._read(self._path(area, root))
        return entry if isinstance(entry, ResultEntry) else None

    @staticmethod
    def matches(entry: ResultEntry | None, snap: Snapshot) -> bool:
        """Whether the entry was stored for exactly this content (not counted)."""
        return entry is not None and snap.key is not None and entry.key == snap.key

    def get_result(self, entry: ResultEntry | None, snap: Snapshot) -> Any:
        """The entry's value when it was stored for exactly this content (counted as a hit or a miss)."""
        if entry is not None and snap.key is not None and entry.key == snap.key:
            self.stats.repo_hits += 1
            return entry.value
        self.stats.repo_misses += 1
        return None

    def put_result(self, area: str, root: Path, snap: Snapshot, value: Any) -> None:
        if snap.key is not None:
            self._write(self._path(area, root), ResultEntry(snap.key, snap.index, value))


@dataclass
class ResultEntry:
    key: bytes  # Snapshot.key of the content the value was computed from
    index: dict  # Snapshot.index, to skip re-hashing unchanged files next time
    value: Any


def _storable(f: LoadedFile) -> LoadedFile:
    """The loaded file as stored: without its position cache (recomposed on demand) and without its model
    (pickling Pydantic models costs five times more than validating the data again), marked by a
    placeholder so `_revive` knows to rebuild it."""
    doc = f.doc
    if doc is not None and doc._root is not None:
        doc = replace(doc, _root=None)
    return LoadedFile(f.rel, f.kind, doc, _REBUILD if f.model is not None else None, list(f.diagnostics),
                      partial=_REBUILD if getattr(f, "partial", None) is not None else None)


_REBUILD = "rebuild"


def _revive(f: LoadedFile) -> LoadedFile:
    """A stored file made whole again: its model validated from its data (deterministic)."""
    from .models import FILE_MODELS

    model = FILE_MODELS[f.kind].model_validate(f.doc.data) if f.model == _REBUILD and f.doc is not None else None
    doc = replace(f.doc) if f.doc is not None else None  # a fresh position cache per use
    partial = None
    if getattr(f, "partial", None) == _REBUILD and f.doc is not None:
        from .repository import partial_of

        partial = partial_of(f.kind, f.doc.data)
    return LoadedFile(f.rel, f.kind, doc, model, list(f.diagnostics), partial=partial)


# --- fingerprints of a repository's content ------------------------------------------------------------------


@dataclass
class Snapshot:
    """What a repository holds, as far as validate can see: the cache key of a whole-repository result."""

    key: bytes | None  # None: not cacheable (symbolic link, unreadable entry, …)
    index: dict = field(default_factory=dict)  # rel -> (ino, size, mtime_ns, ctime_ns, hash, hashed_at_ns)
    reason: str = ""
    pruned: list[str] = field(default_factory=list)  # folders not walked (nested repositories, tool folders)
    blobs: dict = field(default_factory=dict, repr=False)  # rel -> bytes read while hashing (keep_bytes)
    signature: list = field(default_factory=list, repr=False)  # see `signature`: to tell a change meanwhile

    def covers(self, rel: str) -> bool:
        """Whether the snapshot saw the repository-relative path `rel` (so a result depending on it may be
        cached)."""
        parts = rel.split("/")
        if any(p.startswith(".") for p in parts):
            return False
        return not any(rel == p or rel.startswith(p + "/") for p in self.pruned)


@dataclass
class Listing:
    """One repository's entries as a walk found them: what `key_of` turns into a Snapshot."""

    root: Path
    entries: list = field(default_factory=list)  # (tag, rel, DirEntry or None); tag D folder, R nested repository,
    #                                               F other file, Y YAML file
    pruned: list[str] = field(default_factory=list)
    problem: str = ""  # set when the repository cannot be cached (symbolic link, unreadable entry, …)

    def portable(self) -> Listing:
        """The same listing without its directory entries (which cannot be sent to a worker process): the
        files are stat'ed by path instead, the same one system call each."""
        return Listing(self.root, [(tag, rel, None) for tag, rel, _ in self.entries], list(self.pruned), self.problem)


def _lstat(base: str, rel: str, entry) -> os.stat_result:
    return entry.stat(follow_symlinks=False) if entry is not None else os.lstat(os.path.join(base, rel))


_FIND_SKIPPED = {"node_modules", "venv", "site", "build", "dist", "__pycache__"}


def scan(top: Path, *, nested: bool = True) -> dict[Path, Listing]:
    """One walk of `top`: every masterplan repository in it (itself included), each with its Listing.

    Inside a repository the walk follows repository.discover: dot entries are skipped, so are the tool
    folders at its top (templates, build, …) and folders that are repositories of their own (except a
    format folder such as programmes/ at the top). With `nested`, those are searched for more
    repositories; without, only `top` is listed (one repository's snapshot). Symbolic links are never
    followed. Whether a folder is a repository is decided from its own listing (no extra stat calls)."""
    top = Path(top)
    out: dict[Path, Listing] = {}
    # (folder, the repository holding it or None, its path in that repository, whether it is at its top)
    stack: list[tuple[str, Listing | None, str, bool]] = [(os.fspath(top), None, "", False)]
    while stack:
        here, parent, rel, top_level = stack.pop()
        try:
            with os.scandir(here) as it:
                entries = list(it)
        except OSError:
            if parent is not None:
                parent.entries.append(("D", rel, None))
                if not parent.problem:
                    parent.problem = f"cannot list {rel}"
            continue
        is_repo = False
        for e in entries:
            if e.name == CONFIG_FILE:
                with contextlib.suppress(OSError):
                    is_repo = e.is_file()
                break
        if parent is None:
            owner = None
            if is_repo:
                owner = out[Path(here)] = Listing(Path(here))
            elif here != os.fspath(top) and not nested:
                continue
            rel_dir = ""
        elif is_repo and (not top_level or os.path.basename(here) not in _FORMAT_FOLDERS):  # as discover
            parent.entries.append(("R", rel, None))
            parent.pruned.append(rel)
            if not nested:
                continue
            owner = out[Path(here)] = Listing(Path(here))
            rel_dir = ""
        else:
            parent.entries.append(("D", rel, None))
            owner, rel_dir = parent, rel + "/"
        for e in entries:
            name = e.name
            if name.startswith("."):
                continue
            try:
                link = e.is_symlink()
                is_dir = not link and e.is_dir(follow_symlinks=False)
            except OSError:
                link, is_dir = True, False
            child = rel_dir + name
            if link:
                if owner is not None and not owner.problem:
                    owner.problem = f"symbolic link {child}"
                continue
            if is_dir:
                if owner is None:
                    if name not in _FIND_SKIPPED:
                        stack.append((e.path, None, "", False))
                elif not rel_dir and name in _PRUNED_TOP:
                    owner.pruned.append(child)
                    if nested and name not in _FIND_SKIPPED:
                        stack.append((e.path, None, "", False))  # still search it for repositories
                else:
                    stack.append((e.path, owner, child, not rel_dir))
                continue
            if owner is None:
                continue
            try:
                regular = e.is_file(follow_symlinks=False)  # from the listing: no stat call yet
            except OSError:
                regular = False
            if not regular and not owner.problem:
                owner.problem = f"not a regular file: {child}"
            owner.entries.append(("Y" if name.endswith(YAML_SUFFIXES) else "F", child, e))
    return out


_by_path = itemgetter(1)
_KEEP_BYTES = 1_048_576  # files up to this size are kept for the loader (read once per run)


def key_of(listing: Listing, salt: str, previous: dict | None = None, stats: CacheStats | None = None,
           keep_bytes: bool = False, hash_all: bool = False) -> Snapshot:
    """The Snapshot of a listing: every YAML file hashed (or vouched for by `previous` stat data), every
    other entry by its path (with `hash_all`, every other file by its content too: for commands that read
    prose files). With `keep_bytes`, the bytes read are kept for the loader."""
    if listing.problem:
        return Snapshot(None, reason=listing.problem)
    previous = previous or {}
    h = hashlib.blake2b(digest_size=32)
    h.update(salt.encode() + (b"+all" if hash_all else b""))
    index: dict = {}
    blobs: dict[str, bytes] = {}
    stats_seen: dict = {}
    now = time.time_ns()
    base = os.fspath(listing.root)
    update = h.update
    for tag, rel, entry in sorted(listing.entries, key=_by_path):
        name = rel.encode("utf-8", "surrogateescape")
        if tag == "D" or tag == "R" or (tag == "F" and not hash_all):
            update(tag.encode() + name + b"\0")
            continue
        tag_b = tag.encode()
        try:
            st = _lstat(base, rel, entry)  # DirEntry caches it: signature() reuses it
        except OSError:
            return Snapshot(None, reason=_("cannot read {rel}").format(rel=rel))
        stats_seen[rel] = st
        old = previous.get(rel)
        if (old is not None and old[0] == st.st_ino and old[1] == st.st_size and old[2] == st.st_mtime_ns
                and old[3] == st.st_ctime_ns and st.st_ctime_ns < old[5] - _RACY_NS):
            index[rel] = old
            update(tag_b + name + b"\0" + old[4])
            continue
        sig = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        try:
            with open(os.path.join(base, rel), "rb") as fh:
                if st.st_size <= _KEEP_BYTES:
                    raw = fh.read()
                    digest = content_hash(raw)
                    if keep_bytes and tag == "Y":
                        blobs[rel] = raw
                else:
                    digest = hashlib.file_digest(fh, lambda: hashlib.blake2b(digest_size=16)).digest()
        except OSError:
            return Snapshot(None, reason=_("cannot read {rel}").format(rel=rel))
        hashed_at = now
        if stats is not None:
            stats.rehashed += 1
        index[rel] = (*sig, digest, hashed_at)
        update(tag_b + name + b"\0" + digest)
    return Snapshot(h.digest(), index, pruned=list(listing.pruned), blobs=blobs,
                    signature=signature(listing, stats_seen))


def signature(listing: Listing, seen: dict | None = None) -> list:
    """Every file of a listing with its stat data: equal signatures mean nothing was added, removed or
    written between two walks (ctime changes on every write). `seen`: stat data already taken (rel ->
    stat_result), not taken again."""
    out: list[tuple[str, str, str | tuple[int, int, int, int] | None]] = []
    base = os.fspath(listing.root)
    seen = seen or {}
    for tag, rel, entry in listing.entries:
        if tag in ("D", "R"):
            out.append((tag, rel, None))
            continue
        try:
            st = seen.get(rel) or _lstat(base, rel, entry)
        except OSError:
            out.append((tag, rel, "gone"))
            continue
        out.append((tag, rel, (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)))
    return sorted(out)


def snapshot(root: Path, salt: str, previous: dict | None = None, stats: CacheStats | None = None,
             keep_bytes: bool = False, hash_all: bool = False) -> Snapshot:
    """The Snapshot of one repository (see `scan` for what is walked and `key_of` for the key)."""
    listing = scan(root, nested=False).get(Path(root))
    if listing is None:
        return Snapshot(None, reason=_("not a repository"))
    return key_of(listing, salt, previous, stats, keep_bytes, hash_all)


def _load_chunk(args: tuple[list[tuple[bytes, str, str]], Limits]) -> list[LoadedFile]:
    items, limits = args
    return [_storable(load_file(raw, rel, kind, limits)) for raw, rel, kind in items]  # cheap to send back


def _load_many(items: list[tuple[bytes, str, str]], limits: Limits) -> list[LoadedFile]:
    if len(items) < PARALLEL_MIN_FILES or not runs_in_workers(True, len(items)):
        return [load_file(raw, rel, kind, limits) for raw, rel, kind in items]
    runs = chunks(items, worker_count() * 4)
    with pool(worker_count()) as workers:
        parts = list(workers.map(_load_chunk, [(run, limits) for run in runs]))
    return [_revive(f) for part in parts for f in part]


def _read(base: str, rel: str, limits: Limits, blobs: dict | None) -> tuple[bytes | None, Diagnostic | None]:
    """A file's bytes as repository.read_bytes gives them, from `blobs` when they were read already."""
    raw = blobs.get(rel) if blobs else None
    if raw is None:
        return read_bytes(os.path.join(base, rel), rel, limits)
    problem = too_large(len(raw), rel, limits)
    return (None, problem) if problem else (raw, None)


def parallel_load_files(root: Path, jobs: list[tuple[str, str]], limits: Limits, blobs: dict | None = None
                        ) -> list[LoadedFile]:
    """`repository.load_files` without a cache, in parallel above PARALLEL_MIN_FILES (for --no-cache)."""
    out: list[LoadedFile | None] = [None] * len(jobs)
    todo = []
    base = os.fspath(root)
    for i, (rel, kind) in enumerate(jobs):
        raw, problem = _read(base, rel, limits, blobs)
        if problem:
            out[i] = LoadedFile(rel, kind, None, None, [problem])
        else:
            assert raw is not None  # the bytes or the problem
            todo.append((i, raw, rel, kind))
    for (i, *_r), f in zip(todo, _load_many([(raw, rel, kind) for _i, raw, rel, kind in todo], limits), strict=False):
        out[i] = f
    return [f for f in out if f is not None]  # every slot, a problem or loaded


def show_progress(stream=None) -> bool:
    """A progress bar only for a person at a terminal: not in CI, not when stderr is redirected."""
    stream = stream or sys.stderr
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())
