"""Where the running kotacerdas came from, as one pip requirement a new repository can install again.

`kotacerdas init` writes an install line into the CI workflows, the pre-commit config and the README.
That line must install a kotacerdas that exists: never a bare name that is not on the package index (anyone
could register it later and run code in every CI that installs it). pip records where it installed a
distribution from in its `direct_url.json` (PEP 610, https://packaging.python.org/en/latest/specifications/
direct-url-data-structure/); without that file the distribution came from an index, with its version:

    VCS checkout   {"url": "https://github.com/ORG/kotacerdas", "vcs_info": {"vcs": "git", "commit_id": ...}}
                   -> git+https://github.com/ORG/kotacerdas@<commit_id>   (the exact commit, not a moving branch)
    local folder   {"url": "file:///home/x/kotacerdas", "dir_info": {"editable": true}}
                   -> file:///home/x/kotacerdas   (a path on this computer: fine for pre-commit, not for CI)
    archive        {"url": "file:///tmp/kotacerdas-0.1.0-py3-none-any.whl", "archive_info": {"hashes": ...}}
                   -> that URL, with #sha256=... when pip recorded the hash
    index          no direct_url.json -> kotacerdas==<version>, with pip's --index-url / --extra-index-url
                   when pip is configured for an index other than PyPI (a region's devpi, Nexus or GitLab
                   package registry), credentials (user:password@) left out

pip does not record which index a distribution came from, so the configured indexes stand for it:
PIP_INDEX_URL / PIP_EXTRA_INDEX_URL, else `index-url` / `extra-index-url` of the [install] or [global]
section of pip's configuration files, read here with configparser from the places pip reads them
(https://pip.pypa.io/en/stable/topics/configuration/), in pip's order: global, user, site (sys.prefix),
PIP_CONFIG_FILE, then the environment. Read rather than asking `python -m pip config list` in a
subprocess: the environment need not have pip at all (uv and `venv --without-pip` make such), a
subprocess is slow for what init does, and that command's output is meant for people.

`--install` overrides all of this. `Provenance.local` says when the line names a path on this computer, so
`init` can say that a CI runner cannot install from it.
"""

from __future__ import annotations

import configparser
import json
import os
import sys
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "kotacerdas"


@dataclass(frozen=True)
class Provenance:
    requirement: str  # one pip requirement, as `pip install REQUIREMENT` takes it
    source: str  # "index", "vcs", "directory", "archive" or "option" (--install)
    local: bool = False  # the requirement (or an index) names a file or folder on this computer
    index_url: str | None = None  # pip's --index-url, without credentials; None: pip's default (PyPI)
    extra_index_urls: tuple[str, ...] = ()  # pip's --extra-index-url, without credentials
    credentials: bool = False  # pip's configuration carried credentials, left out of the URLs above

    @property
    def pip_args(self) -> list[str]:
        """What follows `pip install`: the index options, then the requirement."""
        args: list[str] = []
        if self.index_url:
            args += ["--index-url", self.index_url]
        for url in self.extra_index_urls:
            args += ["--extra-index-url", url]
        return [*args, self.requirement]


def from_direct_url(data: dict | None, version: str) -> Provenance:
    """The requirement for a distribution of `version` whose PEP 610 record is `data` (None: from an index)."""
    if not data or not isinstance(data.get("url"), str):
        return Provenance(f"{DISTRIBUTION}=={version}", "index")
    url: str = data["url"]
    local = url.startswith("file:")
    subdirectory = data.get("subdirectory")
    fragment = f"#subdirectory={subdirectory}" if isinstance(subdirectory, str) and subdirectory else ""
    vcs = data.get("vcs_info")
    if isinstance(vcs, dict) and isinstance(vcs.get("vcs"), str):
        revision = vcs.get("commit_id") or vcs.get("requested_revision")
        at = f"@{revision}" if isinstance(revision, str) and revision else ""
        return Provenance(f"{vcs['vcs']}+{url}{at}{fragment}", "vcs", local)
    archive = data.get("archive_info")
    if isinstance(archive, dict):
        hashes = archive.get("hashes")
        if not fragment and isinstance(hashes, dict) and isinstance(hashes.get("sha256"), str):
            fragment = f"#sha256={hashes['sha256']}"
        return Provenance(f"{url}{fragment}", "archive", local)
    return Provenance(f"{url}{fragment}", "directory", local)


PYPI_HOSTS = frozenset({"pypi.org", "pypi.python.org"})


def is_pypi(url: str) -> bool:
    return (urllib.parse.urlsplit(url).hostname or "").lower() in PYPI_HOSTS


def without_credentials(url: str) -> tuple[str, bool]:
    """`url` without a user:password@ part; and whether it had one."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url, False
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1])), True


def pip_config_files(environ: Mapping[str, str]) -> list[Path]:
    """pip's configuration files in the order pip applies them (a later one wins)."""
    home = Path(environ.get("HOME") or Path.home())
    files: list[Path] = []
    if sys.platform == "win32":
        files.append(Path(environ.get("PROGRAMDATA", r"C:\ProgramData")) / "pip" / "pip.ini")
        user = [home / "pip" / "pip.ini", Path(environ.get("APPDATA", home)) / "pip" / "pip.ini"]
        site = Path(sys.prefix) / "pip.ini"
    else:
        dirs = [d for d in (environ.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(os.pathsep) if d]
        files += [Path(d) / "pip" / "pip.conf" for d in dirs] + [Path("/etc/pip.conf")]
        config_home = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
        user = [home / ".pip" / "pip.conf", config_home / "pip" / "pip.conf"]
        if sys.platform == "darwin" and (home / "Library" / "Application Support" / "pip").is_dir():
            user[1] = home / "Library" / "Application Support" / "pip" / "pip.conf"
        site = Path(sys.prefix) / "pip.conf"
    own = environ.get("PIP_CONFIG_FILE")
    if own and Path(own).exists():
        return [*files, site, Path(own)]  # pip skips the user's files then
    return [*files, *user, site, *([Path(own)] if own else [])]


def pip_indexes(environ: Mapping[str, str], files: list[Path] | None = None) -> tuple[str | None, list[str]]:
    """(index-url or None, extra-index-urls) as pip install would use them, credentials included."""
    sections: dict[str, dict[str, str]] = {"global": {}, "install": {}}
    for path in pip_config_files(environ) if files is None else files:
        parser = configparser.RawConfigParser()
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError):
            continue
        for section, values in sections.items():
            if parser.has_section(section):
                values.update((key.lower().replace("_", "-"), value) for key, value in parser.items(section))
    found = {**sections["global"], **sections["install"]}  # pip install: [install] over [global], in any file
    for key in ("index-url", "extra-index-url"):
        env_value = environ.get("PIP_" + key.upper().replace("-", "_"))
        if env_value is not None:
            found[key] = env_value
    index = found.get("index-url", "").split()
    return (index[0] if index else None), found.get("extra-index-url", "").split()


def with_indexes(found: Provenance, environ: Mapping[str, str], files: list[Path] | None = None) -> Provenance:
    """An index requirement with the indexes pip is configured for, when one is not PyPI."""
    index, extras = pip_indexes(environ, files)
    if (index is None or is_pypi(index)) and all(is_pypi(u) for u in extras):
        return found
    urls, had = [], False
    for url in ([index] if index and not is_pypi(index) else []) + extras:
        clean, stripped = without_credentials(url)
        urls.append(clean)
        had = had or stripped
    index_url = urls.pop(0) if index and not is_pypi(index) else None
    local = any(u.startswith("file:") or "://" not in u for u in [*([index_url] if index_url else []), *urls])
    return Provenance(found.requirement, found.source, found.local or local, index_url, tuple(urls), had)


def running(environ: Mapping[str, str] | None = None) -> Provenance | None:
    """Where the kotacerdas running now was installed from; None when it is not installed as a
    distribution at all (run from a source folder on PYTHONPATH)."""
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None
    text = dist.read_text("direct_url.json")
    try:
        data = json.loads(text) if text else None
    except ValueError:
        data = None
    found = from_direct_url(data if isinstance(data, dict) else None, dist.version)
    return with_indexes(found, os.environ if environ is None else environ) if found.source == "index" else found
