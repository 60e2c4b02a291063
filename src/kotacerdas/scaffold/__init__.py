"""`init`: scaffold a new masterplan repository that `kotacerdas validate` accepts as it stands.

What a region gets: kotacerdas.yaml, plan.yaml, opd.yaml with common offices, one file per dimension of
the pinned taxonomy (its official elements listed in comments, since dimension files hold no element
list), one file per Bimtek stage I–IV (status planned), a README for the officers, .gitignore,
.gitattributes (the `kotacerdas diff` driver), CI for GitHub Actions and GitLab (with the diff posted on
pull/merge requests), a pre-commit config, the JSON Schemas in schemas/ (with the region's own dimension,
element and OPD codes) and the editor wiring
(.vscode/settings.json plus a `# yaml-language-server: $schema=` line on every YAML file written).

The file texts are Jinja templates in scaffold/templates/ (package data). `scaffold_files` is pure (same
options and the same installed kotacerdas, whose origin is the default install line: same bytes);
`write_scaffold` writes them atomically and never overwrites a file.
Text the officers must replace starts with `[ISI]` ("fill in").
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..i18n import _
from ..reference import DEFAULT_TAXONOMY, builtin_taxonomies, check_region_code, provinces
from ..schema_export import KIND_GLOBS, all_schemas, schema_file_name

FILL_IN = "[ISI]"

# Files `kotacerdas fmt` may rewrite, as a Python/pre-commit regular expression over repository paths.
FMT_FILES_REGEX = (r"^((kotacerdas|plan|opd)\.ya?ml|(dimensions|stages|taxonomies)/[^/]+\.ya?ml"
                   r"|(programmes|indicators)/.+\.ya?ml)$")

# Files whose change changes the codes the schemas in schemas/ carry (the pre-commit hook rebuilds them).
SCHEMA_FILES_REGEX = r"^(kotacerdas|opd)\.ya?ml$|^taxonomies/[^/]+\.ya?ml$"

# Common offices of a kabupaten/kota (names differ by region: the officers edit the list).
_OPDS = [
    ("Setda", "Sekretariat Daerah"),
    ("Bappeda", "Badan Perencanaan Pembangunan Daerah"),
    ("Diskominfo", "Dinas Komunikasi dan Informatika"),
    ("Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"),
    ("Dinkes", "Dinas Kesehatan"),
    ("Disdik", "Dinas Pendidikan"),
    ("Dinsos", "Dinas Sosial"),
    ("Dishub", "Dinas Perhubungan"),
    ("DLH", "Dinas Lingkungan Hidup"),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    ("Disparbud", "Dinas Pariwisata dan Kebudayaan"),
    ("Diskopukm", "Dinas Koperasi, Usaha Kecil dan Menengah"),
    ("Disperindag", "Dinas Perindustrian dan Perdagangan"),
    ("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah"),
    ("Bapenda", "Badan Pendapatan Daerah"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah"),
    ("Satpol-PP", "Satuan Polisi Pamong Praja"),
]
_VILLAGE_OPDS = {"DPMD"}  # a kota has kelurahan, not desa

_STAGES: list[tuple[str, str, str, str, list[tuple[str, str | None]]]] = [  # (stage, file, title, work, deliverables)
    ("I", "bimtek-1", "Bimtek Tahap I Analisis Strategis",
     "analisis kesiapan dan kesenjangan, SWOT, visi, misi dan sasaran",
     [("Buku I Analisis Strategis", "buku-1")]),
    ("II", "bimtek-2", "Bimtek Tahap II Program dan Rencana Aksi",
     "pemetaan program RPJMD dan Renstra OPD, program jangka pendek, menengah dan panjang",
     [("Daftar program dan rencana aksi", None)]),
    ("III", "bimtek-3", "Bimtek Tahap III Masterplan, Peta Jalan dan Quick Win",
     "inovasi per program, peta jalan, pemilihan quick win per dimensi",
     [("Buku II Masterplan Smart City", "buku-2")]),
    ("IV", "bimtek-4", "Bimtek Tahap IV Finalisasi dan Komitmen Bersama",
     "penelaahan per bab, penetapan quick win, penandatanganan komitmen bersama",
     [("Buku III Ringkasan Eksekutif dan Quick Win", "buku-3"), ("Komitmen bersama yang ditandatangani", None)]),
]

_READINESS = [
    ("struktur", "Struktur: SDM, anggaran, tata kelola"),
    ("infrastruktur", "Infrastruktur: fisik, digital, sosial"),
    ("suprastruktur", "Suprastruktur: kebijakan, regulasi, kelembagaan, prosedur"),
]

_CODE = re.compile(r"^\d{2}(\.\d{2})?$")


class InitError(Exception):
    """Wrong usage of `init` (exit 2): a bad region code, a level that does not fit, a non-empty folder."""


@dataclass(frozen=True)
class InitOptions:
    region_code: str
    name: str
    start: int
    end: int
    level: str | None = None
    province: str | None = None
    taxonomy: str = DEFAULT_TAXONOMY
    # What the CI files, pre-commit config and README install; None: this kotacerdas, from where pip
    # installed it (scaffold.provenance).
    install_spec: str | None = None


@dataclass
class InitResult:
    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def infer_level(code: str) -> str:
    """provinsi for PP, kabupaten for PP.01–PP.69, kota for PP.71–PP.99 (Kemendagri numbering)."""
    if "." not in code:
        return "provinsi"
    number = int(code.split(".")[1])
    return "kota" if number >= 71 else "kabupaten"


def resolve_region(opts: InitOptions) -> tuple[str, str, str | None]:
    """(code, level, province name or None for a provinsi); raises InitError with a plain message."""
    code = opts.region_code.strip()
    if not _CODE.match(code):
        if re.fullmatch(r"\d{4}", code):
            message = _("invalid region code '{region_code}' (BPS writes {code}; Kemendagri writes {kemendagri}): "
                        "expected a Kemendagri code, PP for a province (e.g. 32) or PP.KK for a kabupaten/kota "
                        "(e.g. 32.05)")
        else:
            message = _("invalid region code '{region_code}': expected a Kemendagri code, PP for a province (e.g. "
                        "32) or PP.KK for a kabupaten/kota (e.g. 32.05)")
        raise InitError(message.format(region_code=opts.region_code, code=code, kemendagri=f"{code[:2]}.{code[2:]}"))
    level = opts.level or infer_level(code)
    if level not in ("kabupaten", "kota", "provinsi"):
        raise InitError(_("invalid level '{level}': expected kabupaten, kota or provinsi")
                        .format(level=level))
    problem = check_region_code(code, level)
    if problem:
        found, expected = problem
        raise InitError(_("region code does not fit: found {found}; expected {expected}")
                        .format(found=found, expected=expected))
    if not opts.name.strip():
        raise InitError(_('--name is empty: expected the region\'s name, e.g. "Kabupaten Garut"'))
    official = provinces()[code[:2]]
    if level == "provinsi":
        return code, level, None
    province = opts.province or official
    if province.strip().lower() != official.lower():
        raise InitError(_("province '{province}' does not match region code {code}: code {code2} is {official}")
                        .format(province=opts.province, code=code, code2=code[:2], official=official))
    return code, level, province


def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kotacerdas.scaffold", "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["q"] = yaml_text
    env.filters["sh"] = shlex.quote  # a word of a shell command line
    return env


_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")


# One pip requirement as it may stand in a CI file, a shell and a YAML value: a name with a version
# (kotacerdas==0.1.0, kotacerdas>=0.1,<0.2, kotacerdas[extra]), a URL (git+https://…@v0.1.0) or a path;
# no spaces, quotes, comments or shell syntax.
INSTALL_SPEC_PATTERN = re.compile(r"[A-Za-z0-9./][A-Za-z0-9._+=<>!~@:/\[\],%#-]*")


# A package index URL as it may stand in a shell word inside double quotes and in YAML.
INDEX_URL_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9._~:/?#\[\]@!&'()*+,;=%-]+")


def pip_command_line(provenance, ci: bool = False) -> str:
    """`pip install`'s arguments for the provenance, as a shell command line. In a CI file (`ci`) the
    index URL is "${PIP_INDEX_URL:-URL}": a CI secret PIP_INDEX_URL, holding the URL with its credentials,
    replaces it (an --index-url given on pip's command line overrides pip's PIP_INDEX_URL)."""
    words = []
    args = provenance.pip_args
    for i, word in enumerate(args):
        if ci and i and args[i - 1] == "--index-url":
            words.append(f'"${{PIP_INDEX_URL:-{word}}}"')
        else:
            words.append(shlex.quote(word))
    return " ".join(words)


def install_spec_problem(spec: str) -> str | None:
    """Why `spec` cannot be what the scaffolded files install, or None."""
    if INSTALL_SPEC_PATTERN.fullmatch(spec):
        return None
    return ("expected one pip requirement without spaces or shell characters, e.g. kotacerdas==0.1.0 or "
            "git+https://github.com/ORG/kotacerdas@v0.1.0")


def install_provenance(opts: InitOptions):
    """What the new repository installs (scaffold.provenance.Provenance): --install, else the running
    kotacerdas from where pip installed it. Raises InitError when neither is known."""
    from .provenance import Provenance, running

    if opts.install_spec is not None:
        problem = install_spec_problem(opts.install_spec)
        if problem:
            raise InitError(_("invalid --install {spec!r}: {problem}").format(spec=opts.install_spec, problem=problem))
        return Provenance(opts.install_spec, "option", opts.install_spec.startswith(("file:", ".", "/")))
    found = running()
    if found is None:
        raise InitError(_("cannot tell where this kotacerdas was installed from (it is not installed with pip), so "
                          "the new repository would not know what to install; give --install, e.g. --install "
                          "git+https://github.com/ORG/kotacerdas@v0.1.0"))
    for url in (found.index_url, *found.extra_index_urls):
        if url and not INDEX_URL_PATTERN.fullmatch(url):
            raise InitError(_("pip is configured for the package index {url}, which cannot stand in a CI file as it "
                              "is; give --install, or configure pip with the index's plain URL").format(url=url))
    if install_spec_problem(found.requirement):
        raise InitError(_("this kotacerdas was installed from {requirement}, which cannot stand in a CI file as it "
                          "is; give --install, e.g. --install git+https://github.com/ORG/kotacerdas@v0.1.0")
                        .format(requirement=found.requirement))
    return found


def yaml_text(value) -> str:
    """A string as a YAML scalar that reads back as the same text under YAML 1.2: plain when that is
    safe, else double-quoted (a JSON string is a valid YAML double-quoted scalar)."""
    from ..source import resolve_plain

    text = str(value)
    if (_PLAIN_SAFE.match(text) and text == text.strip() and ": " not in text and " #" not in text
            and not text.endswith(":") and resolve_plain(text) == text and type(resolve_plain(text)) is str):
        return text
    return json.dumps(text, ensure_ascii=False)


def _modeline(kind: str, depth: int) -> str:
    return f"# yaml-language-server: $schema={'../' * depth or './'}schemas/{schema_file_name(kind)}\n"


def vscode_settings() -> str:
    schemas = {f"./schemas/{schema_file_name(kind)}": list(globs) for kind, globs in sorted(KIND_GLOBS.items())}
    settings = {
        "yaml.schemas": schemas,
        "yaml.validate": True,
        "yaml.completion": True,
        "yaml.hover": True,
        "yaml.schemaStore.enable": True,
        "files.encoding": "utf8",
        "files.eol": "\n",
        "files.insertFinalNewline": True,
        "[yaml]": {"editor.tabSize": 2, "editor.insertSpaces": True, "editor.detectIndentation": False},
    }
    return json.dumps(settings, indent=2, ensure_ascii=False) + "\n"


def vscode_extensions() -> str:
    return json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n"


def scaffold_files(opts: InitOptions) -> dict[str, str]:
    """Every file of the new repository: repository-relative POSIX path -> text. Pure."""
    code, level, province = resolve_region(opts)
    if opts.start > opts.end:
        raise InitError(_("period {start}-{end} starts after it ends")
                        .format(start=opts.start, end=opts.end))
    if not (1945 <= opts.start <= 2100 and 1945 <= opts.end <= 2100):
        raise InitError(_("period {start}-{end}: expected years from 1945 to 2100")
                        .format(start=opts.start, end=opts.end))
    taxonomies = builtin_taxonomies()
    if opts.taxonomy not in taxonomies:
        raise InitError(_("unknown taxonomy '{taxonomy}': expected one of {names}")
                        .format(taxonomy=opts.taxonomy, names=", ".join(sorted(taxonomies))))
    taxonomy = taxonomies[opts.taxonomy]
    env = _environment()
    provenance = install_provenance(opts)
    name = opts.name.strip()
    opds = [(i, n) for i, n in _OPDS if not (level == "kota" and i in _VILLAGE_OPDS)]
    context = {
        "name": name,
        "code": code,
        "level": level,
        "province": province,
        "start": opts.start,
        "end": opts.end,
        "title": f"Masterplan Smart City {name} {opts.start}-{opts.end}",
        "taxonomy_id": taxonomy.id,
        "version": __version__,
        "install_spec": provenance.requirement,
        "install_line": pip_command_line(provenance),
        "ci_install_line": pip_command_line(provenance, ci=True),
        "index_url": provenance.index_url or (provenance.extra_index_urls or [None])[0],
        "index_credentials": provenance.credentials,
        "fmt_files_regex": FMT_FILES_REGEX,
        "schema_files_regex": SCHEMA_FILES_REGEX,
        "opds": [{"id": i, "name": n} for i, n in opds],
        "readiness_parts": _READINESS,
    }

    def render(template: str, **extra) -> str:
        return env.get_template(template).render(**context, **extra)

    files: dict[str, str] = {
        "kotacerdas.yaml": render("kotacerdas.yaml.j2"),
        "plan.yaml": render("plan.yaml.j2"),
        "opd.yaml": render("opd.yaml.j2"),
    }
    for dim in taxonomy.dimensions:
        width = max(len(e.code) for e in dim.elements) + 1
        files[f"dimensions/{dim.code}.yaml"] = render("dimension.yaml.j2", dim=dim, width=width)
    for stage, file_name, title, work, deliverables in _STAGES:
        s = {"stage": stage, "title": title, "work": work,
             "deliverables": [{"title": t, "book": b} for t, b in deliverables]}
        files[f"stages/{file_name}.yaml"] = render("stage.yaml.j2", s=s)
    files["programmes/.gitkeep"] = ""
    files["indicators/.gitkeep"] = ""
    from ..vocabulary import Vocabulary

    for schema_name, text in all_schemas(Vocabulary.of(taxonomy, opds)).items():
        files[f"schemas/{schema_name}"] = text
    files["README.md"] = render("README.md.j2")
    files[".gitignore"] = render("gitignore.j2")
    files[".gitattributes"] = render("gitattributes.j2")
    files[".github/workflows/kotacerdas.yml"] = render("github-workflow.yml.j2")
    files[".gitlab-ci.yml"] = render("gitlab-ci.yml.j2")
    files[".pre-commit-config.yaml"] = render("pre-commit-config.yaml.j2")
    files[".vscode/settings.json"] = vscode_settings()
    files[".vscode/extensions.json"] = vscode_extensions()
    return dict(sorted(files.items()))


def _existing_entries(dest: Path) -> list[str]:
    """What makes `dest` non-empty; an empty git repository (only .git) counts as empty."""
    return sorted(p.name for p in dest.iterdir() if p.name != ".git")


def write_scaffold(dest: Path, files: dict[str, str], force: bool = False) -> InitResult:
    """Write the files under `dest`, atomically, never overwriting one. Without `force`, `dest` must be
    missing or empty; with it, files that already exist are skipped (and listed)."""
    from ..fsutil import atomic_write_text

    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise InitError(_("{dest} exists and is not a folder").format(dest=dest))
    if dest.is_dir() and not force:
        present = _existing_entries(dest)
        if present:
            shown = ", ".join(present[:5]) + (f" and {len(present) - 5} more" if len(present) > 5 else "")
            raise InitError(_("{dest} is not empty (it has {shown}); choose an empty folder, or add --force to add "
                              "only the files that are missing (existing files are never overwritten)")
                            .format(dest=dest, shown=shown))
    result = InitResult()
    for rel, text in files.items():
        target = dest / rel
        if target.exists() or target.is_symlink():
            result.skipped.append(rel)
            continue
        atomic_write_text(target, text)
        result.written.append(rel)
    return result
