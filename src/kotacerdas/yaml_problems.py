"""What a YAML parser says about a syntax error, in the run's language.

libyaml (our reader, through PyYAML's CParser), PyYAML's own Python parser (`yaml.SafeLoader`, used where
libyaml is not installed) and ruamel.yaml (fmt's and migrate's round trip) describe a syntax error in
English: a `problem` ("mapping values are not allowed in this context") and often a `context` ("while
scanning a simple key"). `yaml_problem` gives that text in the run's language: the table below holds every
such text as the parsers write it, marked for translation. A `{name}` in an entry stands for the variable
part the parser fills in (a character, a token, a kind of node): the parser's text matches the entry when
it has the same words around it, and the variable part is kept as the parser wrote it (translated too when
it is itself a text of the table). A text the table does not know is shown as the parser wrote it.

Where the texts come from (tests/test_yaml_problems.py checks each entry against them): libyaml's
scanner.c, parser.c and reader.c (compiled into PyYAML's yaml/_yaml*.so), PyYAML's yaml/scanner.py,
parser.py, composer.py and reader.py, ruamel.yaml's scanner.py, parser.py, composer.py and reader.py.
"""

from __future__ import annotations

import functools
import re

from .i18n import N_, _

PROBLEMS: tuple[str, ...] = (
    # --- libyaml's scanner, parser and reader (the texts our reader produces) ---------------------------------
    N_("mapping values are not allowed in this context"),
    N_("mapping keys are not allowed in this context"),
    N_("block sequence entries are not allowed in this context"),
    N_("could not find expected ':'"),
    N_("could not find expected directive name"),
    N_("found character that cannot start any token"),
    N_("found unexpected end of stream"),
    N_("found unexpected document indicator"),
    N_("found unexpected ':'"),
    N_("found unknown escape character"),
    N_("found invalid Unicode character escape code"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found an indentation indicator equal to 0"),
    N_("found extremely long version number"),
    N_("found unknown directive name"),
    N_("found undefined tag handle"),
    N_("found duplicate %YAML directive"),
    N_("found duplicate %TAG directive"),
    N_("found incompatible YAML document"),
    N_("did not find expected key"),
    N_("did not find expected node content"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected <document start>"),
    N_("did not find expected alphabetic or numeric character"),
    N_("did not find expected comment or line break"),
    N_("did not find expected whitespace or line break"),
    N_("did not find expected whitespace"),
    N_("did not find expected hexdecimal number"),
    N_("did not find expected digit or '.' character"),
    N_("did not find expected version number"),
    N_("did not find expected tag URI"),
    N_("did not find expected '!'"),
    N_("did not find URI escaped octet"),
    N_("did not find the expected '>'"),
    N_("control characters are not allowed"),
    N_("while scanning a simple key"),
    N_("while scanning for the next token"),
    N_("while scanning a quoted scalar"),
    N_("while parsing a quoted scalar"),
    N_("while scanning a plain scalar"),
    N_("while scanning a block scalar"),
    N_("while scanning an anchor"),
    N_("while scanning an alias"),
    N_("while scanning a tag"),
    N_("while scanning a directive"),
    N_("while scanning a %YAML directive"),
    N_("while scanning a %TAG directive"),
    N_("while parsing a block mapping"),
    N_("while parsing a block collection"),
    N_("while parsing a block node"),
    N_("while parsing a flow sequence"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow node"),
    N_("while parsing a node"),
    N_("while parsing a tag"),
    # PyYAML's composer over libyaml (yaml.compose with CSafeLoader)
    N_("found undefined alias"),
    N_("found duplicate anchor; first occurrence"),
    N_("second occurrence"),
    # --- PyYAML's Python parser and ruamel.yaml (fmt, migrate) --------------------------------------------
    N_("mapping values are not allowed here"),
    N_("mapping keys are not allowed here"),
    N_("sequence entries are not allowed here"),
    N_("found character {char} that cannot start any token"),
    N_("found unknown escape character {char}"),
    N_("found undefined alias {name}"),
    N_("found duplicate anchor {name}; first occurrence"),
    N_("found undefined tag handle {handle}"),
    N_("found unexpected document separator"),
    N_("found duplicate key"),
    N_("expected a single document in the stream"),
    N_("expected <block end>, but found {token}"),
    N_("expected the node content, but found {token}"),
    N_("expected '<document start>', but found {token}"),
    N_("expected ',' or ']', but got {token}"),
    N_("expected ',' or '}}', but got {token}"),
    N_("expected ' ', but found {char}"),
    N_("expected a comment or a line break, but found {char}"),
    N_("expected alphabetic or numeric character, but found {char}"),
    N_("expected chomping or indentation indicators, but found {char}"),
    N_("expected indentation indicator in the range 1-9, but found 0"),
    N_("expected escape sequence of {count} hexadecimal numbers, but found {char}"),
    N_("special characters are not allowed"),
    N_("unacceptable character {char}: {reason}"),
    N_("while scanning a double-quoted scalar"),
    N_("while composing a mapping"),
    N_("while parsing a {kind} node"),
    N_("while parsing a {kind}"),
    N_("while parsing an {kind}"),
    N_("while scanning a {kind}"),
    N_("while scanning an {kind}"),
)

_FIELD = re.compile(r"\{(\w+)\}")


def pattern_of(entry: str) -> re.Pattern[str]:
    """The parser's texts an entry stands for: its words as written, each `{name}` any non-empty text."""
    parts, pos = [], 0
    for m in _FIELD.finditer(entry):
        parts.append(re.escape(entry[pos:m.start()].replace("{{", "{").replace("}}", "}")))
        parts.append(f"(?P<{m.group(1)}>.+?)")
        pos = m.end()
    parts.append(re.escape(entry[pos:].replace("{{", "{").replace("}}", "}")))
    return re.compile("".join(parts) + r"\Z", re.DOTALL)


@functools.cache
def _table() -> tuple[dict[str, str], tuple[tuple[re.Pattern[str], str], ...]]:
    exact = {entry: entry for entry in PROBLEMS if not _FIELD.search(entry)}
    patterns = tuple((pattern_of(entry), entry) for entry in PROBLEMS if _FIELD.search(entry))
    return exact, patterns


def yaml_problem(text: str | None) -> str:
    """`text`, a YAML parser's description of a problem, in the run's language (as it is when unknown)."""
    if not text:
        return text or ""
    exact, patterns = _table()
    if text in exact:
        return _(exact[text])
    for pattern, entry in patterns:
        m = pattern.match(text)
        if m:
            try:
                return _(entry).format(**{k: yaml_problem(v) for k, v in m.groupdict().items()})
            except (KeyError, IndexError, ValueError):  # a catalog that lost a placeholder: the parser's text
                return text
    return text


def yaml_error_text(exc: Exception) -> str:
    """A YAMLError as one line in the run's language: its problem, its context in brackets, and the line and
    column of the problem when the error carries them."""
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
    context = getattr(exc, "context", None)
    text = (_("{problem} ({context})").format(problem=yaml_problem(problem), context=yaml_problem(context)) if context
            else yaml_problem(problem))
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return text
    return _("{text}, line {line}, column {column}").format(text=text, line=mark.line + 1, column=mark.column + 1)
