"""Writing files safely: every write goes to a temporary file in the same folder and is then renamed
over the target, so a crash, Ctrl-C or full disk leaves either the old file or the new one, never half,
and never a stray temporary file."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .i18n import N_, _

_DEFERRED = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def interrupts_deferred():
    """Hold Ctrl-C (and SIGTERM) back until the block is done; they are delivered right after it.

    Only the main thread receives Python's signals, so only there is anything to hold back."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` in one step. `durable=False` skips fsync (caches: losing an entry in a
    power cut only costs time)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with interrupts_deferred():
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                if durable:
                    fh.flush()
                    os.fsync(fh.fileno())
            try:
                mode = path.stat().st_mode & 0o7777
            except OSError:
                mode = 0o666 & ~_umask()
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def atomic_write_many(files: dict[Path, bytes]) -> None:
    """Replace several files as nearly at once as a file system allows: every new file is written and
    synced to a temporary file beside its target first (any failure removes them all and changes
    nothing), then all are renamed over their targets in one burst with Ctrl-C held back."""
    done: list[tuple[str, Path]] = []
    with interrupts_deferred():
        try:
            for path, data in files.items():
                path = Path(path)
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
                done.append((tmp, path))
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                try:
                    os.chmod(tmp, path.stat().st_mode & 0o7777)
                except OSError:
                    os.chmod(tmp, 0o666 & ~_umask())
        except BaseException:
            for tmp, _ in done:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            raise
        for tmp, path in done:
            os.replace(tmp, path)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


_USED_EVERY_S = 24 * 3600


def mark_used(entry: Path, st_mtime: float | None = None) -> None:
    """Record that a cache entry was just used: its modification time is what `remove_unused` goes by, and
    it is brought forward at most once a day (a read does not cost a write every time)."""
    try:
        mtime = st_mtime if st_mtime is not None else os.stat(entry).st_mtime
        if time.time() - mtime > _USED_EVERY_S:
            os.utime(entry)
    except OSError:
        pass  # a read-only cache is only pruned sooner


def rewrite_file(path: Path, data: bytes) -> None:
    """Give the user's file `path` the content `data`, keeping the file itself: its owner and group, its
    mode, its extended attributes (POSIX ACLs are the `system.posix_acl_*` attributes) and its hard links.

    The usual way is still atomic: the new content goes to a temporary file in the same folder, which gets
    the old file's owner, group, mode and every extended attribute, and is then renamed over it (a crash
    leaves the old file or the new one). Only when that cannot keep the file what it was -- it has other
    hard links (a rename would split them), or its owner or an attribute cannot be given to a new file
    (we are not root and the file is someone else's) -- the content is written into the file itself:
    disk space for it is reserved first (posix_fallocate, so a full disk fails before a byte changes),
    Ctrl-C is held back, then it is written, truncated and fsynced. Only a power cut or SIGKILL during
    that one write can leave such a file half-written; documented in docs/reliability.md."""
    path = Path(path)
    st = os.lstat(path)
    if st.st_nlink > 1:
        _write_in_place(path, data, st.st_size)
        return
    try:
        attrs = {name: os.getxattr(path, name, follow_symlinks=False) for name in _xattrs(path)}
    except OSError:
        attrs = {}
    with interrupts_deferred():
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            try:
                if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                    os.chown(tmp, st.st_uid, st.st_gid)
                os.chmod(tmp, st.st_mode & 0o7777)  # after chown, which clears set-id bits
                for name, value in attrs.items():
                    os.setxattr(tmp, name, value)
            except OSError:  # this user cannot give a new file the old one's identity: write into it instead
                os.unlink(tmp)
                _write_in_place(path, data, st.st_size)
                return
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _xattrs(path: Path) -> list[str]:
    if not hasattr(os, "listxattr"):
        return []
    try:
        return os.listxattr(path, follow_symlinks=False)
    except OSError:  # a file system without extended attributes
        return []


def _write_in_place(path: Path, data: bytes, old_size: int) -> None:
    with interrupts_deferred():
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            if len(data) > old_size and hasattr(os, "posix_fallocate"):
                try:
                    os.posix_fallocate(fd, 0, len(data))  # a full disk fails here, before the file changes
                except OSError as exc:
                    if exc.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
                        raise
            view = memoryview(data)
            written = 0
            while written < len(data):
                written += os.pwrite(fd, view[written:], written)
            os.ftruncate(fd, len(data))
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_unused(entries: Iterable[Path], max_age_s: float) -> None:
    """Delete the cache entries among `entries` not used for `max_age_s` seconds: neither written nor read
    (`mark_used`) in that time (an entry that is gone or cannot be removed is left to the next time)."""
    cutoff = time.time() - max_age_s
    for entry in entries:
        try:
            if entry.stat().st_mtime < cutoff:
                entry.unlink()
        except OSError:
            pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- reading a user's file without trusting what it is -------------------------------------------------------


def read_regular(path: Path | str, max_bytes: int | None = None, *, follow_links: bool = True) -> bytes | None:
    """The content (the first `max_bytes`) of `path` when it is a regular file, else None: a named pipe or
    a device is never read (opened non-blocking, checked on the open file), nor, with follow_links False, a
    symbolic link; None too when it cannot be opened or read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | (0 if follow_links else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = os.open(path, flags)
    except (OSError, ValueError):
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read() if max_bytes is None else fh.read(max_bytes)
    except OSError:
        return None
    finally:
        os.close(fd)


def peek_yaml(path: Path | str, max_bytes: int) -> Any:
    """The YAML document at `path`, read cheaply and never failing (read_regular, then libyaml): None when it
    is not a regular file, cannot be read or is not YAML. For a value needed before the repository is
    loaded (the language of messages, a tree's order); the file's problems are validate's to report."""
    raw = read_regular(path, max_bytes)
    if raw is None:
        return None
    import yaml

    try:
        return yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:  # any YAML problem, a bomb cut short by the size bound
        return None


# --- what the operating system said, in the run's language ----------------------------------------------------

def _os_sentences() -> dict[int, str]:
    table = {
        errno.ENOENT: N_("it does not exist"),
        errno.EACCES: N_("permission denied: this user may not open it"),
        errno.EPERM: N_("the operation is not permitted for this user"),
        errno.EISDIR: N_("it is a folder, not a file"),
        errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
        errno.ENOSPC: N_("the disk is full"),
        errno.EDQUOT: N_("the disk quota of this user is used up"),
        errno.EROFS: N_("the file system is read-only"),
        errno.ELOOP: N_("too many symbolic links (a link that points to itself?)"),
        errno.ENAMETOOLONG: N_("the name is too long"),
        errno.EEXIST: N_("it exists already"),
        errno.ENOTEMPTY: N_("the folder is not empty"),
        errno.EMFILE: N_("too many files are open"),
        errno.ENFILE: N_("too many files are open"),
        errno.EXDEV: N_("it cannot be moved to another file system"),
        errno.EBUSY: N_("it is in use"),
        errno.ETXTBSY: N_("it is in use"),
        errno.EIO: N_("the disk could not be read or written (input/output error)"),
        errno.EFBIG: N_("the file would grow beyond the largest size allowed here"),
        errno.EINVAL: N_("the operation is not valid for it"),
        errno.ENXIO: N_("the device is not there"),
        errno.ENODEV: N_("the device is not there"),
    }
    return table


def os_problem(exc: OSError) -> str:
    """What went wrong in `exc` as a whole sentence in the run's language (the path is the caller's to say).
    An OSError kotacerdas raised with its own words keeps them; an errno without a sentence here gets the
    operating system's own text (strerror)."""
    strerror = getattr(exc, "strerror", None)
    number = getattr(exc, "errno", None)
    if number is None:
        return strerror or str(exc)
    if strerror and strerror != os.strerror(number):  # our own words (repository.Repository.read_source)
        return strerror
    sentence = _os_sentences().get(number)
    return _(sentence) if sentence else (strerror or str(exc))
