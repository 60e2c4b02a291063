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
    index          no direct_url.json -> kotacerdas==<version>

`--install` overrides all of this. `Provenance.local` says when the line names a path on this computer, so
`init` can say that a CI runner cannot install from it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import metadata

DISTRIBUTION = "kotacerdas"


@dataclass(frozen=True)
class Provenance:
    requirement: str  # one pip requirement, as `pip install REQUIREMENT` takes it
    source: str  # "index", "vcs", "directory", "archive" or "option" (--install)
    local: bool = False  # the requirement names a file or folder on this computer


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


def running() -> Provenance | None:
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
    return from_direct_url(data if isinstance(data, dict) else None, dist.version)
