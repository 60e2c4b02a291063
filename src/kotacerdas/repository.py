"""The repository model: which files a masterplan repository holds, loaded and schema-checked.

A repository is a folder with `kotacerdas.yaml` at its root. Each YAML file's kind comes from where it
lies (see docs/format.md), never from its name, so files can be renamed and regrouped freely:

    kotacerdas.yaml              config        plan.yaml        plan
    opd.yaml                     opd           taxonomies/*     taxonomy
    dimensions/*                 dimension     stages/*         stage
    programmes/**                programme     indicators/**    indicator

Loading one file is a pure function of its bytes (`load_file`), which is what makes caching and
parallel loading possible; repository-wide checks live in `checks.py`.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, Severity, describe, field_path
from .fsutil import os_problem, read_regular
from .models import FILE_MODELS, RepoConfig, unwrap_annotation
from .source import DEFAULT_LIMITS, Document, LoadError, Limits, load_bytes, too_large
from .i18n import N_, _, current_language, ngettext

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

CONFIG_FILE = "kotacerdas.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
_TOP_FILES = {"kotacerdas": "config", "plan": "plan", "opd": "opd"}
_FOLDERS = {
    "taxonomies": "taxonomy",
    "dimensions": "dimension",
    "stages": "stage",
    "programmes": "programme",
    "indicators": "indicator",
    "evaluations": "evaluation",
}
# Folders that may hold YAML that is not masterplan data.
_SKIPPED_FOLDERS = {"templates", "node_modules", "venv", "site", "build", "dist"}


class UnreadBlob(bytes):
    """A file of a git revision that was not read because git said it is above limits.max_file_bytes
    (diff asks `git cat-file --batch-check` for sizes first): empty, with the size it has."""

    size: int

    def __new__(cls, size: int) -> UnreadBlob:
        blob = super().__new__(cls, b"")
        blob.size = size
        return blob


class UsageError(Exception):
    """The command was pointed at something that is not a masterplan repository (exit 2)."""


def kind_of(rel: PurePosixPath) -> str | None:
    """The file kind of a repository-relative YAML path, or None when it has no place in the format."""
    if rel.suffix not in YAML_SUFFIXES:
        return None
    if len(rel.parts) == 1:
        return _TOP_FILES.get(rel.stem)
    kind = _FOLDERS.get(rel.parts[0])
    if kind in ("taxonomy", "dimension", "stage", "evaluation") and len(rel.parts) != 2:
        return None
    return kind


@dataclass
class LoadedFile:
    """One file: its kind, its document (None when it could not be parsed) and its validated model."""

    rel: str
    kind: str
    doc: Document | None
    model: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # When the schema check failed: the model without the top-level fields that had errors, if the rest
    # validates. Only validate's cross-file checks read it ("one pass, one verdict"); nothing renders it.
    partial: Any = None


@dataclass
class Repository:
    root: Path  # on disk; for a repository read from git objects, a label
    config: RepoConfig
    files: list[LoadedFile]
    diagnostics: list[Diagnostic]  # discovery, load and schema diagnostics; checks add more
    blobs: dict[str, bytes] | None = None  # set when the repository was not read from disk

    def exists(self, rel: str) -> bool:
        """Whether a repository-relative file exists (Markdown prose, templates)."""
        if self.blobs is not None:
            return rel in self.blobs
        return _is_file(self.root / rel)

    def read(self, rel: str) -> bytes:
        """A repository file other than the YAML (Markdown prose, templates), through the same guard as the
        YAML: only a regular file (a named pipe would block), inside the repository (no link out), and not
        above `limits.max_file_bytes` (refused before it is read). Raises OSError saying why."""
        if self.blobs is not None:
            raw = self.blobs[rel]
            if isinstance(raw, UnreadBlob):
                raise OSError(errno.EFBIG, _("{rel} is too large ({size:,} bytes; limits.max_file_bytes)")
                              .format(rel=rel, size=raw.size))
            return raw
        path = self.root / rel
        try:
            inside = path.resolve(strict=True).is_relative_to(Path(self.root).resolve())
        except (OSError, RuntimeError) as exc:
            raise OSError(errno.ENOENT, _("cannot open {rel}: {problem}")
                          .format(rel=rel, problem=os_problem(exc) if isinstance(exc, OSError) else exc)) from None
        if not inside:
            raise OSError(errno.EACCES, _("{rel} leads outside the repository (symbolic link)").format(rel=rel))
        data, problem = read_bytes(path, rel, limits_of(self.config))
        if problem is not None:
            raise OSError(errno.EINVAL, f"{problem.message} ({problem.found}; expected {problem.expected})")
        assert data is not None
        return data

    def of_kind(self, kind: str) -> list[LoadedFile]:
        return [f for f in self.files if f.kind == kind and f.model is not None]

    def one(self, kind: str) -> LoadedFile | None:
        found = self.of_kind(kind)
        return found[0] if found else None

    def doc(self, rel: str) -> Document | None:
        for f in self.files:
            if f.rel == rel:
                return f.doc
        return None

    def source_line(self, rel: str, line: int) -> str:
        """The text of one line of a repository file, to show under a diagnostic ("" when it cannot be
        shown safely): from the loaded document when there is one, else read through `guarded_line`."""
        doc = self.doc(rel)
        if doc is not None:
            return _shown(doc.line_text(line))
        if self.blobs is not None:
            raw = self.blobs.get(rel)
            return _line_of(raw[: limits_of(self.config).max_file_bytes], line) if raw is not None else ""
        return guarded_line(self.root, rel, line, limits_of(self.config).max_file_bytes)


def is_repository(path: Path) -> bool:
    return _is_file(path / CONFIG_FILE)


def _is_file(path: Path) -> bool:
    """Path.is_file, but False (not PermissionError) inside a folder this user may not enter."""
    try:
        return path.is_file()
    except OSError:
        return False


def discover(root: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
    """Every YAML file of the repository as (relative path, kind), sorted; plus path problems.

    A top-down walk in sorted order (as os.walk would go), on directory entries and strings: the type of
    each entry comes from the listing, so a file costs no system call of its own (national trees have
    tens of thousands)."""
    found: list[tuple[str, str]] = []
    problems: list[Diagnostic] = []
    real_root = root.resolve()
    base = os.fspath(root)
    stack: list[str] = [""]  # folders to list, relative to root, POSIX ("" is the root)
    while stack:
        rel_dir = stack.pop()
        try:
            with os.scandir(os.path.join(base, rel_dir) if rel_dir else base) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:  # its programmes would vanish from the book without a word: say so
            shown = f"{rel_dir}/" if rel_dir else "./"
            problems.append(Diagnostic("KC007", Severity.ERROR, shown, 1, 1,
                                       _("cannot read the folder: {value}")
                                       .format(value=os_problem(exc)),
                                       found=_("a folder this user may not open or list"),
                                       expected=_("a folder kotacerdas can list and enter"),
                                       hint=_("Check the folder's permissions (chmod u+rx) or owner; its files "
                                              "were not checked and are missing from every result.")))
            continue
        folders: list[os.DirEntry[str]] = []
        files: list[os.DirEntry[str]] = []
        for e in entries:
            try:
                is_dir = e.is_dir()  # follows a link, as os.walk's classification does
            except OSError:
                is_dir = False
            (folders if is_dir else files).append(e)
        subdirs = []
        for e in folders:  # folders first, then files, as os.walk reports them
            name = e.name
            if name.startswith(".") or (not rel_dir and name in _SKIPPED_FOLDERS):
                continue
            full = Path(e.path)
            if e.is_symlink():
                problems.extend(_symlink_problem(full, root, real_root, is_dir=True))
                continue
            if _is_file(full / CONFIG_FILE) and (rel_dir or name not in _FOLDERS):
                continue  # a nested masterplan repository is its own repository
            subdirs.append(f"{rel_dir}/{name}" if rel_dir else name)
        for e in files:
            name = e.name
            if name.startswith(".") or not name.endswith(YAML_SUFFIXES):
                continue
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if e.is_symlink():
                bad = _symlink_problem(Path(e.path), root, real_root, is_dir=False)
                if bad:
                    problems.extend(bad)
                    continue
            kind = kind_of(PurePosixPath(rel))
            if kind is None:
                problems.append(
                    Diagnostic("KC008", Severity.WARNING, rel, 1, 1,
                               _("YAML file is not part of the masterplan format and was not checked"),
                               found=rel,
                               expected=_("kotacerdas.yaml, plan.yaml, opd.yaml or a file under dimensions/, "
                                          "stages/, programmes/, indicators/ or taxonomies/"),
                               hint=_("Move it into the folder of its kind, or rename it to .txt if it is notes."))
                )
                continue
            found.append((rel, kind))
        stack.extend(reversed(subdirs))  # the first folder is listed next: os.walk's top-down order
    found.sort()
    if len(found) > limits.max_files:
        problems.append(Diagnostic("KC006", Severity.ERROR, CONFIG_FILE, 1, 1, _("repository has too many files"),
                                   found=_("{n_found:,} YAML files").format(n_found=len(found)),
                                   expected=_("at most {max_files:,} (limits.max_files)")
                                            .format(max_files=limits.max_files)))
        found = found[: limits.max_files]
    return found, problems


def _symlink_problem(full: Path, root: Path, real_root: Path, *, is_dir: bool) -> list[Diagnostic]:
    rel = full.relative_to(root).as_posix()
    try:
        target = full.resolve(strict=True)
    except (OSError, RuntimeError):
        return [Diagnostic("KC007", Severity.ERROR, rel, 1, 1, _("symbolic link is broken or loops"),
                           found=_("link to {readlink!s}").format(readlink=os.readlink(full)),
                           expected=_("a link to a file inside the "
                                                                              "repository"))]
    if not target.is_relative_to(real_root):
        return [Diagnostic("KC007", Severity.ERROR, rel, 1, 1, _("symbolic link leaves the repository"),
                           found=_("link to {target}").format(target=target),
                           expected=_("a link to a file inside the repository"),
                           hint=_("Copy the file into the repository instead of linking to it."))]
    return []


def load_file(raw: bytes, rel: str, kind: str, limits: Limits = DEFAULT_LIMITS) -> LoadedFile:
    """Parse and schema-check one file. Pure: the result depends only on the arguments."""
    try:
        doc = load_bytes(raw, rel, limits)
    except LoadError as exc:
        return LoadedFile(rel, kind, None, None, [exc.diagnostic])
    model_cls = FILE_MODELS[kind]
    try:
        model = model_cls.model_validate(doc.data)
    except ValidationError as exc:
        return LoadedFile(rel, kind, doc, None, doc.warnings + schema_diagnostics(exc, doc, model_cls),
                          partial=_partial_model(model_cls, doc.data, exc))
    return LoadedFile(rel, kind, doc, model, list(doc.warnings))


def partial_of(kind: str, data: Any) -> Any:
    """The partial model of a file's data that fails its schema check (see LoadedFile.partial), or None."""
    model_cls = FILE_MODELS[kind]
    try:
        model_cls.model_validate(data)
    except ValidationError as exc:
        return _partial_model(model_cls, data, exc)
    return None


def _partial_model(model_cls: type[BaseModel], data: Any, exc: ValidationError) -> Any:
    """The model of the fields that passed, when dropping the top-level fields with errors leaves a valid
    one (a missing required field leaves none)."""
    bad = {err["loc"][0] for err in exc.errors(include_url=False) if err["loc"]}
    if not isinstance(data, dict) or not bad or any(k not in data for k in bad):
        return None
    try:
        return model_cls.model_validate({k: v for k, v in data.items() if k not in bad})
    except ValidationError:
        return None


def read_bytes(path: Path | str, rel: str, limits: Limits | None = None) -> tuple[bytes | None, Diagnostic | None]:
    """The file's bytes, or a diagnostic. With `limits`, a file above max_file_bytes is refused before it
    is read (memory stays bounded), and so is anything that is not a regular file (a FIFO would block)."""
    try:
        if limits is not None:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                return None, Diagnostic("KC007", Severity.ERROR, rel, 1, 1, _("not a regular file"),
                                        found=_("a device, pipe or socket"), expected=_("a regular file"))
            problem = too_large(st.st_size, rel, limits)
            if problem:
                return None, problem
        with open(path, "rb") as fh:
            return fh.read(), None
    except FileNotFoundError:
        return None, Diagnostic("KC007", Severity.ERROR, rel, 1, 1, _("file disappeared while it was being read"),
                                found=_("no file"), expected=_("a readable file"))
    except PermissionError:
        return None, Diagnostic("KC007", Severity.ERROR, rel, 1, 1, _("permission denied"),
                                found=_("a file this user may not read"), expected=_("a readable file"),
                                hint=_("Check the file's permissions (chmod) or owner."))
    except OSError as exc:
        return None, Diagnostic("KC007", Severity.ERROR, rel, 1, 1, _("cannot read the file: {strerror}")
                                                                    .format(strerror=os_problem(exc)),
                                found=_("an unreadable file"), expected=_("a readable file"))


def load_config(root: Path) -> tuple[RepoConfig, LoadedFile | None, list[Diagnostic]]:
    raw, problem = read_bytes(root / CONFIG_FILE, CONFIG_FILE, DEFAULT_LIMITS)
    if problem:
        return RepoConfig(format_version=1), None, [problem]
    assert raw is not None  # read_bytes gives the bytes or the problem
    loaded = load_file(raw, CONFIG_FILE, "config")
    loaded.diagnostics = [_config_diagnostic(d, loaded.doc) for d in loaded.diagnostics]
    if loaded.model is None:
        return RepoConfig(format_version=1), loaded, loaded.diagnostics
    return loaded.model, loaded, loaded.diagnostics


def _config_diagnostic(d: Diagnostic, doc: Document | None) -> Diagnostic:
    """A format_version this kotacerdas does not know is a config problem (KC028) with its own advice."""
    if d.field != "format_version" or d.code != "KC012" or doc is None:
        return d
    from .models import FORMAT_VERSION

    found = doc.data.get("format_version")
    newer = isinstance(found, int) and not isinstance(found, bool) and found > FORMAT_VERSION
    return Diagnostic("KC028", Severity.ERROR, d.path, d.line, d.column,
                      _("unsupported format_version {found!r}").format(found=found) if not newer
                      else _("format_version {found} is newer than this kotacerdas understands")
                           .format(found=found),
                      field="format_version", found=str(found), expected=_("format_version: {format_version}")
                                                                         .format(format_version=FORMAT_VERSION),
                      hint=_("Upgrade kotacerdas (pip install -U kotacerdas).") if newer
                      else _("Write format_version: {format_version}.")
                           .format(format_version=FORMAT_VERSION))


_MAX_SHOWN = 500  # a longer source line (minified data, a binary file) is not shown


def _shown(text: str) -> str:
    return text if len(text) <= _MAX_SHOWN else ""


def _line_of(raw: bytes, line: int) -> str:
    text = raw.decode("utf-8", errors="replace")  # as the loader reads UTF-8; what it refused is replaced
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines()
    return _shown(lines[line - 1]) if 0 < line <= len(lines) else ""


def guarded_line(root: Path, rel: str, line: int, max_bytes: int) -> str:
    """One line of a file under `root`, read with the loader's guards, for reporters: only a regular file
    inside `root` (never through a link that leaves it, never a pipe or device, which could block), and
    only its first `max_bytes`. "" when the line cannot be shown. The one reader of source lines for every
    report (validate, lint, render, diff, trees)."""
    try:
        base = Path(root).resolve()
        path = (base / rel).resolve(strict=True)
        if not path.is_relative_to(base):
            return ""
    except (OSError, RuntimeError, ValueError):
        return ""
    raw = read_regular(path, max_bytes, follow_links=False)
    return "" if raw is None else _line_of(raw, line)


def _migration_advice(config: RepoConfig, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """An older repository with values the current format reads differently (quoted numbers) is told,
    once, to run `kotacerdas migrate`, which fixes them all."""
    from .models import FORMAT_VERSION
    from .values import QUOTED

    quoted = sum(1 for d in diagnostics if d.code == "KC012" and (d.hint or "").startswith(_(QUOTED)))
    if config.format_version >= FORMAT_VERSION or not quoted:
        return []
    return [Diagnostic("KC028", Severity.WARNING, CONFIG_FILE, 1, 1,
                       _("written for format_version {format_version}; {quoted} quoted number{value} are text in "
                         "format {format_version2}")
                       .format(format_version=config.format_version, quoted=quoted, value='s' if quoted != 1 else '',
                               format_version2=FORMAT_VERSION),
                       field="format_version", found=_("format_version: {format_version}")
                                                     .format(format_version=config.format_version),
                       expected=_("format_version: {format_version}").format(format_version=FORMAT_VERSION),
                       hint=_("Run `kotacerdas migrate .` to upgrade the repository in place (it unquotes them, "
                              "keeping comments); `kotacerdas migrate . --check` shows what would change."))]


def limits_of(config: RepoConfig) -> Limits:
    return Limits(**config.limits.model_dump())


def load_repository(root: Path, loader=None) -> Repository:
    """Discover, read and schema-check every file. Never raises for bad content; raises UsageError
    when `root` is not a masterplan repository at all."""
    root = Path(root)
    if not root.exists():
        raise UsageError(_("no such folder: {root}").format(root=root))
    if not root.is_dir():
        raise UsageError(_("not a folder: {root}").format(root=root))
    if not is_repository(root):
        raise UsageError(_("not a masterplan repository: {root} has no {config_file} (run `kotacerdas init` to "
                           "start one)").format(root=root, config_file=CONFIG_FILE))
    config, config_file, diagnostics = load_config(root)
    limits = limits_of(config)
    paths, problems = discover(root, limits)
    diagnostics = list(diagnostics) + problems
    jobs = [(rel, kind) for rel, kind in paths if kind != "config"]
    files = [config_file] if config_file else []
    loaded = (loader or load_files)(root, jobs, limits)
    files.extend(loaded)
    total = 0
    for f in loaded:
        diagnostics.extend(f.diagnostics)
        if f.doc is not None:
            total += len(f.doc.text)
    diagnostics.extend(_migration_advice(config, diagnostics))
    if total > limits.max_total_bytes:
        diagnostics.append(Diagnostic("KC006", Severity.ERROR, CONFIG_FILE, 1, 1, _("repository is too large"),
                                      found=_("{total:,} bytes of YAML").format(total=total),
                                      expected=_("at most {max_total_bytes:,} (limits.max_total_bytes)")
                                               .format(max_total_bytes=limits.max_total_bytes)))
    return Repository(root, config, files, diagnostics)


def load_repository_from_blobs(label: str, blobs: dict[str, bytes], loader=None) -> Repository:
    """A repository from in-memory files (repository-relative POSIX path -> bytes), e.g. read from git
    objects by `diff`. Same checks as from disk, minus the file-system ones (symlinks, permissions).
    `loader` replaces `load_file` (same signature), e.g. to reuse files that two revisions share."""
    if CONFIG_FILE not in blobs:
        raise UsageError(_("not a masterplan repository: {label} has no {config_file}")
                         .format(label=label, config_file=CONFIG_FILE))
    raw_config = blobs[CONFIG_FILE]
    if isinstance(raw_config, UnreadBlob):
        loaded_config = LoadedFile(CONFIG_FILE, "config", None, None,
                                   [_unread_problem(raw_config.size, CONFIG_FILE, DEFAULT_LIMITS)])
    else:
        loaded_config = load_file(raw_config, CONFIG_FILE, "config")
    config = loaded_config.model or RepoConfig(format_version=1)
    limits = limits_of(config)
    diagnostics = list(loaded_config.diagnostics)
    files = [loaded_config]
    for rel in sorted(blobs):
        if rel == CONFIG_FILE or not rel.endswith(YAML_SUFFIXES):
            continue
        parts = PurePosixPath(rel).parts
        if any(p.startswith(".") for p in parts) or parts[0] in _SKIPPED_FOLDERS:
            continue
        kind = kind_of(PurePosixPath(rel))
        if kind is None:
            continue
        raw = blobs[rel]
        if isinstance(raw, UnreadBlob):
            f = LoadedFile(rel, kind, None, None, [_unread_problem(raw.size, rel, limits)])
        else:
            f = (loader or load_file)(raw, rel, kind, limits)
        files.append(f)
        diagnostics.extend(f.diagnostics)
    return Repository(Path(label), config, files, diagnostics, blobs=blobs)


def _unread_problem(size: int, rel: str, limits: Limits) -> Diagnostic:
    """The KC006 of a blob diff.git left unread, being above limits.max_file_bytes (the configuration is read
    under the default limit, as load_config reads it on disk)."""
    problem = too_large(max(size, limits.max_file_bytes + 1), rel, limits)
    assert problem is not None  # a size above the limit always is a problem
    return problem


def load_files(root: Path, jobs: list[tuple[str, str]], limits: Limits) -> list[LoadedFile]:
    """Serial loader; `scale.py` provides the cached and parallel one with the same signature."""
    out = []
    for rel, kind in jobs:
        raw, problem = read_bytes(root / rel, rel, limits)
        if problem:
            out.append(LoadedFile(rel, kind, None, None, [problem]))
        else:
            assert raw is not None  # read_bytes gives the bytes or the problem
            out.append(load_file(raw, rel, kind, limits))
    return out


# --- Pydantic errors as diagnostics ---------------------------------------------------------------------

_PATTERN_WORDS = {
    r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$": N_("an id of letters, digits, '-', '_' or '.', e.g. QW-GOV-01"),
    r"^[a-z][a-z0-9\-]*$": N_("a short lowercase code, e.g. governance"),
    r"^[A-Za-z][A-Za-z0-9.\-]*$": N_("an OPD abbreviation, e.g. Diskominfo"),
}


def schema_diagnostics(exc: ValidationError, doc: Document, model_cls: type[BaseModel]) -> list[Diagnostic]:
    out = []
    for err in exc.errors(include_url=False):
        out.append(_one_error(err, doc, model_cls))
    return out


def _one_error(err: ErrorDetails, doc: Document, model_cls: type[BaseModel]) -> Diagnostic:
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    fpath = field_path(loc)
    if kind == "missing":
        line, col = doc.locate(loc[:-1], key=True) if loc[:-1] else (1, 1)
        parent = field_path(loc[:-1])
        message = _("missing required field '{name}' in {parent}") if parent else _("missing required field '{name}'")
        add_line = _("Add a line `{name}: …` under `{parent}` (see docs/format.md).") if parent \
            else _("Add a line `{name}: …` (see docs/format.md).")
        return Diagnostic("KC010", Severity.ERROR, doc.path, line, col,
                          message.format(name=loc[-1], parent=parent), field=fpath,
                          found=_("no such field"),
                          expected=_expected_of(model_cls, loc) or _("a value for '{loc}'")
                                                                   .format(loc=loc[-1]),
                          hint=add_line.format(name=loc[-1], parent=parent))
    if kind == "extra_forbidden":
        line, col = doc.locate(loc, key=True)
        moved = _moved_to(model_cls, loc)
        if moved is not None:
            old_name, new_name = ".".join(map(str, loc)), ".".join(moved)
            return Diagnostic("KC029", Severity.ERROR, doc.path, line, col,
                              _("the field '{old}' has moved to '{new}'").format(old=old_name, new=new_name),
                              field=fpath,
                              found=(ngettext("'{old}' with {n} item", "'{old}' with {n} items", len(value))
                                     .format(old=old_name, n=len(value)) if isinstance(value, list)
                                     else _("'{old}' with {value}").format(old=old_name, value=describe(value))),
                              expected=_("'{new}' at the top level of {file}").format(new=new_name, file=doc.path),
                              hint=_("Move the list to `{new}:` in {file} (its items keep their name and description), "
                                     "or run `kotacerdas migrate .`, which moves it and keeps the comments.")
                              .format(new=new_name, file=doc.path))
        known = _fields_at(model_cls, loc[:-1])
        name = str(loc[-1])
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = _("Did you mean '{close}'?").format(close=close[0]) if close else (
            _("Known fields here: {fields}").format(fields=", ".join(known)) if known else None)
        return Diagnostic("KC011", Severity.ERROR, doc.path, line, col, _("unknown field '{name}'")
                                                                        .format(name=name), field=fpath,
                          found=f"'{name}'",
                          expected=_("one of: {choices}").format(choices=", ".join(known)) if known
                          else _("no extra fields"),
                          hint=hint)
    line, col = doc.locate(loc)
    expected, hint = _expectation(kind, ctx, value, err.get("msg", ""))
    return Diagnostic("KC012", Severity.ERROR, doc.path, line, col,
                      _("invalid value for '{field}': expected {expected}")
                      .format(field=fpath or _("file"), expected=expected), field=fpath,
                      found=describe(value), expected=expected, hint=hint)


def _moved_to(model_cls: type[BaseModel], loc: tuple) -> tuple[str, ...] | None:
    """Where a field of an older format lives now (models.MOVED_FIELDS), None for a field never known."""
    from .models import MOVED_FIELDS

    kinds = [k for k, m in FILE_MODELS.items() if m is model_cls]
    return MOVED_FIELDS.get(kinds[0], {}).get(tuple(map(str, loc))) if kinds else None


def _expectation(kind: str, ctx: dict, value: Any, msg: str) -> tuple[str, str | None]:
    if kind == "kc_value":  # a strict value of values.py: it says itself what it expected and how to write it
        return ctx["expected"], ctx.get("hint") or None
    if kind in ("int_type", "int_parsing", "int_from_float"):
        hint = _("Write digits only, without dots, commas, spaces or 'Rp'.") if isinstance(value, str) else None
        return _("a whole number"), hint
    if kind in ("float_type", "float_parsing", "float_finite_number"):
        hint = _("Use a dot for decimals (85.5) and no '%' sign.") if isinstance(value, str) else None
        return _("a number"), hint
    if kind == "string_type":
        hint = None
        if isinstance(value, bool):
            hint = _("Put the value in quotes: \"{value}\".").format(value=str(value).lower())
        elif isinstance(value, (list, dict)):
            hint = _("Write the text on the same line as the key, or use a block scalar (|).")
        return _("text"), hint
    if kind == "string_too_short":
        return _("text that is not empty"), _("Fill the value in or remove the line.")
    if kind in ("bool_type", "bool_parsing"):
        return _("true or false"), None
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
        lowered = {o.lower(): o for o in options}
        close = difflib.get_close_matches(str(value).lower(), list(lowered), n=1, cutoff=0.5)
        return (_("one of {choices}").format(choices=expected),
                _("Did you mean '{close}'?").format(close=lowered[close[0]]) if close else None)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        return {"greater_than_equal": _("a value of at least {bound}"), "greater_than": _("a value more than {bound}"),
                "less_than_equal": _("a value of at most {bound}"),
                "less_than": _("a value less than {bound}")}[kind].format(bound=bound), None
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        words = _PATTERN_WORDS.get(pattern)
        return (_(words) if words else _("text matching {pattern}").format(pattern=pattern)), None
    if kind == "string_too_long":
        return _("at most {n} characters").format(n=ctx.get("max_length")), None
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return (ngettext("a list with at least {n} item", "a list with at least {n} items", n).format(n=n),
                _("Add items as lines starting with '- '."))
    if kind == "too_long":
        return _("a list with at most {n} items").format(n=ctx.get("max_length")), None
    if kind == "list_type":
        return _("a list"), _("Write each item on its own line starting with '- '.")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("a mapping of keys to values"), _("Write `key: value` lines indented under this field.")
    if kind.startswith("date") or kind.startswith("datetime"):
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return _("a date that exists in the calendar"), _("Check the day and the month (e.g. no 30 February).")
        return _("a date written YYYY-MM-DD, e.g. 2023-07-05"), None
    if kind == "prose":
        return msg.removeprefix("expected "), None
    return msg[0].lower() + msg[1:] if msg else kind, None


def _model_at(model_cls: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    tp: Any = model_cls
    for part in loc:
        if isinstance(part, int):
            continue
        tp = unwrap_annotation(tp)
        if not (isinstance(tp, type) and issubclass(tp, BaseModel)):
            return None
        info = tp.model_fields.get(part)
        if info is None:
            return None
        tp = info.annotation
    tp = unwrap_annotation(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _fields_at(model_cls: type[BaseModel], loc: tuple) -> list[str]:
    m = _model_at(model_cls, loc)
    return list(m.model_fields) if m else []


def _expected_of(model_cls: type[BaseModel], loc: tuple) -> str | None:
    m = _model_at(model_cls, loc[:-1])
    if m is None:
        return None
    info = m.model_fields.get(loc[-1])
    if info is None or not info.description:
        return None
    parts = info.description.split(" / ")  # "Indonesian / English" (models.py): the reader's half
    text = parts[0] if current_language() == "id" and len(parts) > 1 else parts[-1]
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
