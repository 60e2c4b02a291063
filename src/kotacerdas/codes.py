"""The registry of every diagnostic code of every command: one home for what a code means.

Each code has a name, the command that reports it, a default severity, a title (one line) and an
explanation. `kotacerdas rules`, SARIF's rule metadata and the code tables in docs/ all read it, and a
test fails when a table in docs/ disagrees with it. Codes are stable: never renumber, only add.

Ranges: KC0xx validate (the files and their references), KC09x fmt, KC1xx lint (one module per rule
under lint/rules/, which holds the rule's own metadata: the registry reads it from there), KC2xx render
(templates), KC3xx sheet (spreadsheet import; metadata in sheets/codes.py), KC4xx diff (the reviewer
flags of diff/rules.py, whose names are what kotacerdas.yaml's `diff: severity:` configures).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from .i18n import N_, _, current_language


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    command: str  # validate, fmt, lint, render or diff
    severity: str  # default severity: error, warning or info
    title: str
    explanation: str = ""

    @property
    def description(self) -> str:
        return self.explanation or self.title


def _c(code: str, name: str, command: str, severity: str, title: str, explanation: str = "") -> Code:
    return Code(code, name, command, severity, title, explanation)


_VALIDATE = N_("Validate findings cannot be configured or suppressed: they mean a file cannot be read as intended.")

# Codes whose metadata lives here (lint rules' metadata lives in their modules).
_STATIC: tuple[Code, ...] = (
    _c("KC001", "yaml-syntax", "validate", "error", N_("The file is not valid YAML."), _VALIDATE),
    _c("KC002", "duplicate-key", "validate", "error", N_("A key appears twice in the same mapping."), _VALIDATE),
    _c("KC003", "encoding", "validate", "error",
       N_("The file is not plain UTF-8 (invalid bytes, or a byte-order mark)."),
       N_("Invalid bytes are an error; a byte-order mark is a warning (the file still loads).") + " " + _VALIDATE),
    _c("KC004", "empty-file", "validate", "error", N_("The file is empty."), _VALIDATE),
    _c("KC005", "not-a-mapping", "validate", "error", N_("The file's top level is not a mapping of keys to values."),
       _VALIDATE),
    _c("KC006", "resource-limit", "validate", "error",
       N_("The file exceeds a size, nesting or alias-expansion limit."),
       N_("The limits are set in kotacerdas.yaml `limits:` (docs/format.md).") + " " + _VALIDATE),
    _c("KC007", "unsafe-path", "validate", "error",
       N_("A symbolic link leaves the repository, loops, or cannot be read."), _VALIDATE),
    _c("KC008", "unknown-file", "validate", "warning",
       N_("A YAML file lies where no masterplan file kind is expected."),
       N_("The file is not read. Move it to the folder of its kind (docs/format.md), or out of the repository.")),
    _c("KC009", "unsupported-yaml", "validate", "error",
       N_("The file uses a YAML feature kotacerdas does not accept."), _VALIDATE),
    _c("KC010", "missing-field", "validate", "error", N_("A required field is missing."), _VALIDATE),
    _c("KC011", "unknown-field", "validate", "error", N_("A field is not part of the format."), _VALIDATE),
    _c("KC012", "invalid-value", "validate", "error",
       N_("A value has the wrong type or is outside what is allowed."), _VALIDATE),
    _c("KC013", "missing-file", "validate", "error", N_("A required file of the repository is missing."), _VALIDATE),
    _c("KC020", "duplicate-id", "validate", "error", N_("Two items share one id."),
       N_("Within a repository an error; two repositories of one tree with the same region code are a warning.")),
    _c("KC021", "unresolved-reference", "validate", "error", N_("A reference names something that does not exist."),
       N_("Within a repository an error; a province member without a masterplan in the tree is a warning.")),
    _c("KC022", "element-mismatch", "validate", "warning",
       N_("An element belongs to another dimension than the one named (a warning)."),
       N_("Regions file local topics under dimensions in their own way: the finding names the taxonomy's choice "
       "for a reviewer to confirm.")),
    _c("KC023", "year-outside-period", "validate", "error", N_("A year lies outside the plan period."), _VALIDATE),
    _c("KC024", "start-after-end", "validate", "error", N_("A start comes after its end."), _VALIDATE),
    _c("KC025", "stage-order", "validate", "error", N_("Bimtek stages are dated out of order."), _VALIDATE),
    _c("KC026", "region-code", "validate", "error",
       N_("The region code does not fit its format or the region's level."),
       N_("A member named differently in its own masterplan (in a tree) is a warning.")),
    _c("KC027", "missing-narrative", "validate", "error",
       N_("A referenced Markdown file does not exist or leaves the repository."), _VALIDATE),
    _c("KC028", "config", "validate", "error", N_("kotacerdas.yaml has an invalid setting."), _VALIDATE),
    _c("KC029", "moved-field", "validate", "error", N_("A field of an older format has moved to another place."),
       N_("The message names where it lives now; `kotacerdas migrate` moves it, keeping comments.") + " " + _VALIDATE),
    _c("KC090", "fmt-internal", "fmt", "error",
       N_("fmt left a file unchanged: formatting would have changed its data or lost a comment."),
       N_("fmt checks every result against the original (same data, every comment kept) and refuses to write "
       "one that differs. The file is left as it was.")),
    _c("KC091", "fmt-unreadable", "fmt", "error",
       N_("fmt left a file unchanged: the round-trip writer cannot rewrite one of its lines."),
       N_("YAML that the reader accepts but the round-trip writer cannot handle (a tab inside a key, a date "
       "that does not exist). Fix the line named; the file is left as it was.")),
    _c("KC200", "template-syntax", "render", "error", N_("A template is not valid Jinja.")),
    _c("KC201", "template-error", "render", "error",
       N_("A template failed while rendering (an unknown variable, a wrong filter…).")),
    _c("KC202", "template-missing", "render", "error",
       N_("A template names another template that does not exist, or a link that leaves the repository.")),
    _c("KC203", "prose-unreadable", "render", "error", N_("A Markdown prose file could not be read while rendering.")),
    _c("KC204", "engine-missing", "render", "error",
       N_("The PDF engine (the Python package typst) or python-docx is not installed."),
       N_("The message names the package to install into kotacerdas' environment; nothing is written.")),
    _c("KC400", "quick-win-removed", "diff", "error",
       N_("A quick win was removed, or a programme stopped being a quick win."),
       "Quick win dihapus, atau program tidak lagi menjadi quick win."),
    _c("KC401", "target-lowered", "diff", "warning",
       N_("A yearly target was lowered in the indicator's direction (raised, for an indicator that should go down)."),
       "Target tahunan diturunkan menurut arah indikator (dinaikkan, untuk indikator yang semestinya turun)."),
    _c("KC402", "target-delayed", "diff", "warning",
       N_("A target was moved to a later year, or a year's target was removed."),
       "Target dipindah ke tahun yang lebih lambat, atau target suatu tahun dihapus."),
    _c("KC403", "programme-end-later", "diff", "warning", N_("A programme's end year was moved later."),
       "Tahun selesai program dimundurkan."),
    _c("KC404", "budget-changed", "diff", "warning",
       N_("A programme's budget (the sum of its funding lines) changed by more than the threshold percent."),
       "Anggaran program (jumlah seluruh baris pendanaan) berubah lebih dari ambang persen."),
    _c("KC405", "owner-changed", "diff", "warning", N_("A programme's owner OPD changed."),
       "OPD penanggung jawab program berganti."),
    _c("KC406", "dimension-changed", "diff", "warning", N_("A programme moved to another dimension."),
       "Program dipindah ke dimensi lain."),
    _c("KC407", "period-changed", "diff", "error", N_("The plan period changed."), "Periode masterplan berubah."),
    _c("KC408", "taxonomy-changed", "diff", "warning",
       N_("The taxonomy the plan pins changed (another taxonomy, or its dimensions and elements)."),
       "Taksonomi yang diacu berubah (taksonomi lain, atau dimensi dan elemennya)."),
)

COMMANDS = ("validate", "fmt", "lint", "render", "diff", "sheet")


def registry() -> dict[str, Code]:
    """Every code, in code order; titles and explanations in the current language (the code and name are
    the same in every language)."""
    return _registry(current_language())


@cache
def _registry(lang: str) -> dict[str, Code]:
    from .lint.rules import RULES
    from .sheets.codes import SHEET_CODES

    out = {c.code: c for c in _STATIC}
    out.update(SHEET_CODES)
    for code, m in RULES.items():
        out[code] = Code(code, m.NAME, "lint", m.SEVERITY, m.SUMMARY, m.RATIONALE)
    if lang != "en":
        out = {k: replace(c, title=_translated(c.title), explanation=_translated(c.explanation))
               for k, c in out.items()}
    return dict(sorted(out.items()))


def _translated(text: str) -> str:
    """An English title or explanation in the current language; one that ends with the validate sentence
    is two messages (each marked where it is written)."""
    if not text:
        return text
    if text.endswith(_VALIDATE) and text != _VALIDATE:
        return _(text[: -len(_VALIDATE)].rstrip()) + " " + _(_VALIDATE)
    return _(text)


def of_command(command: str) -> dict[str, Code]:
    """The codes one command reports."""
    return {k: c for k, c in registry().items() if c.command == command}


def lookup(code: str) -> Code | None:
    """The code's entry: by code (any case) or, failing that, by name."""
    reg = registry()
    found = reg.get(code.strip().upper())
    if found is not None:
        return found
    name = code.strip().lower()
    return next((c for c in reg.values() if c.name == name), None)


def info(code: str) -> Code:
    """The code's entry; an unknown code (never expected) gets a neutral one rather than an error."""
    return lookup(code) or Code(code, code.lower(), "", "warning", code)


def by_name(command: str, name: str) -> Code | None:
    """A command's code by its name (diff's flags are configured by name)."""
    return _by_name(command, name, current_language())


@cache
def _by_name(command: str, name: str, lang: str) -> Code | None:
    return next((c for c in of_command(command).values() if c.name == name), None)


def markdown_table(command: str) -> str:
    """The code table of one command, as docs/ shows it."""
    rows = ["| Code | Name | Severity | Meaning |", "|---|---|---|---|"]
    rows += [f"| {c.code} | `{c.name}` | {c.severity} | {c.title.replace('|', '/')} |"
             for c in of_command(command).values()]
    return "\n".join(rows) + "\n"
