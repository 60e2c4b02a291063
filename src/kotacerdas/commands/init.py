from __future__ import annotations

from pathlib import Path

import typer

from ..fsutil import os_problem
from ..i18n import _, ngettext
from .common import ExitCode, say, say_err, usage_error


def register(app: typer.Typer) -> None:
    @app.command()
    def init(
        path: Path = typer.Argument(..., help="Folder of the new repository (created if missing; must be empty)."),
        region_code: str = typer.Option(..., "--region-code", "-c",
                                        help="Kemendagri region code: 32 (province), 32.05 (kabupaten), "
                                             "32.73 (kota)."),
        name: str = typer.Option(..., "--name", "-n", help="Region name, e.g. \"Kabupaten Garut\"."),
        level: str = typer.Option(None, "--level",
                                  help="kabupaten, kota or provinsi. Default: from the code (PP provinsi, "
                                       "PP.01-69 kabupaten, PP.71-99 kota)."),
        province: str = typer.Option(None, "--province",
                                     help="Province name as written in plan.yaml. Default: the official name "
                                          "for the code's first two digits."),
        period: str = typer.Option(None, "--period",
                                   help="Plan period START-END, e.g. 2025-2029. Default: this year and the "
                                        "four after it (edit it to follow your RPJMD)."),
        install: str = typer.Option(None, "--install", metavar="REQUIREMENT",
                                    help=_("What the CI workflows, the pre-commit config and the README install "
                                           "with pip. Default: this kotacerdas, from where pip installed it (the "
                                           "git commit, the wheel or folder, or the index version); e.g. "
                                           "git+https://github.com/ORG/kotacerdas@v0.1.0 to install from a git "
                                           "repository.")),
        force: bool = typer.Option(False, "--force",
                                   help="Allow a folder that is not empty: add the missing files, never "
                                        "overwrite an existing one (the skipped files are listed)."),
    ) -> None:
        """Start a new masterplan repository that `kotacerdas validate` accepts as it is.

        Writes kotacerdas.yaml, plan.yaml, opd.yaml (common offices to edit), one file per dimension with
        its official elements, Bimtek I-IV stage files, a README for the officers (Bahasa Indonesia),
        .gitignore, .gitattributes (the diff driver), CI for GitHub Actions and GitLab (posting
        `kotacerdas diff` on pull/merge requests), a pre-commit config, JSON Schemas in schemas/ with the
        region's own codes, and the VS Code settings that use them. Text to replace starts with [ISI]:
        lint reports it as a work list, and passes until it is filled in. See docs/getting-started.md.

        Exit codes: 0 created, 2 wrong usage (bad region code, folder not empty).

        Examples:

        \b
          kotacerdas init garut --region-code 32.05 --name "Kabupaten Garut"
          kotacerdas init bandung --region-code 32.73 --name "Kota Bandung" --period 2025-2029
          kotacerdas init garut -c 32.05 -n "Kabupaten Garut" --install git+https://github.com/ORG/kotacerdas@v0.1.0
        """
        from ..scaffold import InitError, InitOptions, install_provenance, scaffold_files, write_scaffold

        start, end = _period(period)
        options = InitOptions(region_code=region_code, name=name, start=start, end=end, level=level,
                              province=province, install_spec=install)
        try:
            provenance = install_provenance(options)
            files = scaffold_files(options)
            result = write_scaffold(path, files, force=force)
        except InitError as exc:
            raise usage_error(str(exc)) from None
        except OSError as exc:
            raise usage_error(_("cannot write into {path}: {value}")
                              .format(path=path, value=os_problem(exc))) from None
        _report(path, result, provenance)
        raise typer.Exit(ExitCode.OK)


def _period(period: str | None) -> tuple[int, int]:
    """--period START-END; default: this year and the four after it."""
    import datetime

    if period is None:
        start = datetime.date.today().year
        return start, start + 4
    parts = period.replace("–", "-").split("-")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise usage_error(_("invalid --period '{period}': expected START-END, e.g. 2025-2029")
                          .format(period=period))
    start, end = (int(p) for p in parts)
    return start, end


def _report(path: Path, result, provenance) -> None:
    n = len(result.written)
    if result.skipped:
        done = ngettext("Added {n} file in {path}.", "Added {n} files in {path}.", n)
    else:
        done = ngettext("Created the masterplan repository with {n} file in {path}.",
                        "Created the masterplan repository with {n} files in {path}.", n)
    say(done.format(n=n, path=path) + "\n")
    if result.skipped:
        n = len(result.skipped)
        say(ngettext("Skipped {n} file that already exists (left unchanged):",
                     "Skipped {n} files that already exist (left unchanged):", n).format(n=n) + "\n")
        for rel in result.skipped:
            say(f"  {rel}\n")
    from ..scaffold import pip_command_line

    say(_("CI, pre-commit and the README install kotacerdas with: pip install {requirement}\n")
        .format(requirement=pip_command_line(provenance)))
    index = provenance.index_url or next(iter(provenance.extra_index_urls), None)
    if index and provenance.credentials:
        say_err(_("kotacerdas: note: pip's configuration holds credentials for the package index {url}; they are "
                  "not written into the new repository: set the CI secret PIP_INDEX_URL (GitHub: a repository "
                  "secret; GitLab: a masked CI/CD variable) to the index URL with them.\n").format(url=index))
    if provenance.local and not provenance.requirement.startswith(("file:", ".", "/")):
        say_err(_("kotacerdas: note: the package index {url} is a path on this computer: pre-commit here can "
                  "install from it, a CI runner cannot. Configure pip for the index's web address, or run init "
                  "again with --install.\n").format(url=index))
    elif provenance.local:
        say_err(_("kotacerdas: note: {requirement} is a path on this computer: pre-commit here can "
                  "install it, a CI runner cannot. Run init again with --install and a git URL or an "
                  "index version (e.g. --install git+https://github.com/ORG/kotacerdas@v0.1.0), or "
                  "edit the install line of the CI files.\n").format(requirement=provenance.requirement))
    say(_("Next: replace every text starting with [ISI], then run `kotacerdas validate {path}` (see {readme}).")
        .format(path=path, readme=path / "README.md") + "\n")
