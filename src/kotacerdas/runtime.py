"""How kotacerdas runs: worker processes, where the caches live, and the garbage-collector policy.

One home for what every command shares at run time, so that none of it is decided twice:

- **Workers.** `runs_in_workers` is the one rule for whether work may use worker processes; `pool`,
  `parallel_map` and `ordered_map` run module-level functions over items in a fork-based pool. A worker
  reads only what it is handed as arguments (no module global of the parent is read there), and work
  inside a worker stays serial (no pools inside pools: the pool's initializer hands each worker that
  fact).
- **Caches.** `cache_folder` says where the content-keyed caches (scale.Cache for files and results,
  render's compiled templates and converted pages) live, or None when there is no usable place (no HOME,
  no password entry: a command is then only slower); `code_fingerprint` salts every cache key with this
  build of kotacerdas.
- **Garbage collection.** `fewer_collections` is the one policy: loading a masterplan allocates many
  long-lived objects and almost no reference cycles, so the cyclic collector runs less often (mypy's
  thresholds). The command line applies it for the whole process; the library applies it around its
  own heavy work only, and leaves the interpreter as it found it.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import sys
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__

CACHE_ENV = "KOTACERDAS_CACHE_DIR"
CACHE_LAYOUT = "v1"
GC_THRESHOLDS = (200_000, 30, 30)  # mypy's gc.set_threshold(200 * 1000, 30, 30)


# --- caches ---------------------------------------------------------------------------------------------------


def cache_folder() -> Path | None:
    """Where the cache lives: $KOTACERDAS_CACHE_DIR, else $XDG_CACHE_HOME/kotacerdas, else ~/.cache/kotacerdas;
    None when none of these can be known (no HOME and no password entry, as in some containers).

    Outside the repositories on purpose: reading commands never create anything inside a user's folder."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError, OSError):  # no HOME and no password entry for this uid
            return None
    return Path(base) / "kotacerdas"


@cache
def code_fingerprint() -> str:
    """A hash of this kotacerdas: version, Python and Pydantic versions, and every file of the package by
    name, size and modification time (what Python itself checks before reusing a module's bytecode):
    editing any of them, or installing another build, gives another fingerprint."""
    import pydantic

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{__version__}|{sys.version_info[:3]}|{pydantic.VERSION}|{CACHE_LAYOUT}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".yml", ".json", ".j2", ".html", ".md") and "__pycache__" not in path.parts:
            h.update(path.relative_to(package).as_posix().encode() + b"\0")
            try:
                st = path.stat()
                h.update(f"{st.st_size}:{st.st_mtime_ns}\0".encode())
            except OSError:
                h.update(b"?")
    return h.hexdigest()


# --- garbage collection ---------------------------------------------------------------------------------------


def tune_gc_for_process() -> None:
    """The command line's policy, for the whole process: with the default thresholds the collector walks
    the long-lived objects again and again (about 140 collections in one render of Garut, a tenth to a
    sixth of its time) and frees almost nothing, since reference counting frees the short-lived objects.
    Memory stays bounded: a collection still runs after every 200,000 new container objects."""
    if sys.implementation.name == "cpython":
        gc.set_threshold(*GC_THRESHOLDS)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """The same policy around one piece of library work, restoring the caller's thresholds after it (a
    caller that collects even less often is left alone)."""
    before = gc.get_threshold()
    if sys.implementation.name != "cpython" or before[0] >= GC_THRESHOLDS[0]:
        yield
        return
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


# --- workers --------------------------------------------------------------------------------------------------


def worker_count() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


_IN_WORKER = False  # True in a pool worker, handed to it by the pool's initializer


def _mark_worker(language: tuple[str, str | None] = ("en", None)) -> None:
    global _IN_WORKER
    _IN_WORKER = True
    from .i18n import set_default

    set_default(*language)  # messages in the parent's language (a context does not cross processes)


def in_worker() -> bool:
    return _IN_WORKER


def runs_in_workers(parallel: bool, n_items: int) -> bool:
    """Whether work on n_items may use worker processes (parallel_map, ordered_map, page conversion): when
    asked, with two cores or more and two items or more, and not inside a worker already (no pools inside
    pools)."""
    return parallel and worker_count() >= 2 and n_items >= 2 and not _IN_WORKER


def pool(workers: int):
    """A process pool of `workers` (fork where the platform has it: workers start at once and share the
    parent's imported modules). Functions sent to it must be module-level and take what they need as
    arguments."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    ctx = multiprocessing.get_context(method)
    if method == "fork":
        gc.freeze()  # the inherited heap is never collected in the children: no copy-on-write from the GC
    from .i18n import state

    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_mark_worker, initargs=(state(),))


def chunks(items: list, n: int) -> list[list]:
    """`items` cut into about `n` runs of consecutive items (order kept)."""
    if not items:
        return []
    size = max(1, -(-len(items) // n))
    return [items[i:i + size] for i in range(0, len(items), size)]


def parallel_map(fn: Callable[[list], list], items: list, *, parallel: bool, chunks_per_worker: int = 8,
                 progress: Callable[[int], None] | None = None) -> list:
    """fn applied to runs of `items`, results concatenated in order. `fn` must be a module-level function
    (or a functools.partial of one). Serial when `parallel` is false or there is one core; results are
    identical either way."""
    if not runs_in_workers(parallel, len(items)):
        out = []
        for run in chunks(items, min(len(items), 64)):
            out.extend(fn(run))
            if progress:
                progress(len(run))
        return out
    workers = worker_count()
    runs = chunks(items, workers * chunks_per_worker)
    results: list = [None] * len(runs)
    from concurrent.futures import as_completed

    with pool(min(workers, len(runs))) as executor:
        futures = {executor.submit(fn, run): n for n, run in enumerate(runs)}
        for fut in as_completed(futures):
            n = futures[fut]
            results[n] = fut.result()
            if progress:
                progress(len(runs[n]))
    return [x for r in results for x in r]


def ordered_map(fn: Callable[[Any], Any], items: list, *, parallel: bool) -> Iterator:
    """fn applied to each item, yielded in the items' order as soon as each is done and all before it
    are. In worker processes when `runs_in_workers`; `fn` must then be module-level."""
    if not runs_in_workers(parallel, len(items)):
        for item in items:
            yield fn(item)
        return
    with pool(min(worker_count(), len(items))) as executor:
        futures = [executor.submit(fn, item) for item in items]
        try:
            for fut in futures:
                yield fut.result()
        finally:
            for fut in futures:
                fut.cancel()
