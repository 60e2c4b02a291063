"""The Jinja side of `render`: where templates come from, the sandboxed environments, the filters, and
template errors turned into diagnostics.

Templates are looked up in a chain: the repository's own `templates/` folder first, then the defaults
shipped with kotacerdas (the top-level `templates/` folder, installed as `kotacerdas/templates`), then
templates an extension supplies (extra chapters). Both environments are sandboxed (no attribute starting
with `_`, no file access: a template can only include other templates of the chain, and a repository
template that is a symbolic link out of the repository is refused) and use StrictUndefined, so a
misspelt variable fails loudly with its file and line instead of printing nothing.

Two environments share the loader and filters:
- Markdown (`*.md.j2`): every printed value from the repository is Markdown-escaped (`md_escape`), except
  `MdText` (prose, generated blocks) and values marked `|safe`.
- HTML (`*.html.j2`): HTML autoescaping; Markdown goes through the `markdown` filter (markdown-it-py with
  raw HTML disabled).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import threading
import time
from importlib import resources
from pathlib import Path

from jinja2 import BaseLoader, BytecodeCache, StrictUndefined, TemplateNotFound, pass_environment
from jinja2.exceptions import TemplateSyntaxError, UndefinedError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from ..diagnostics import Diagnostic, Severity
from ..fsutil import atomic_write_bytes
from .formatting import Formatter, letter, roman
from .loopguard import GuardedCodeGenerator, guarded
from .markdown import MdText, md_escape, shift_headings, to_html
from ..i18n import _

REPO_TEMPLATES = "templates"


def default_templates_dir() -> Path:
    """The default templates: inside the installed package (wheel), or the repository's top-level
    templates/ folder for an editable install."""
    packaged = resources.files("kotacerdas") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "templates"


class TemplateOutsideRepository(TemplateNotFound):
    pass


class ChainLoader(BaseLoader):
    """Repository templates, then the defaults, then extension templates (by name). Remembers where each
    template came from, so errors can point at the right file."""

    def __init__(self, repo=None, defaults: Path | None = None, extra: dict[str, str] | None = None) -> None:
        self.repo = repo
        self.defaults = defaults or default_templates_dir()
        self.extra = dict(extra or {})
        self.display: dict[str, str] = {}  # filename Jinja knows -> path to show the user
        self._real_root = None
        if repo is not None and repo.blobs is None:
            self._real_root = Path(repo.root).resolve()

    def _repo_source(self, name: str) -> tuple[str, str] | None:
        if self.repo is None:
            return None
        rel = f"{REPO_TEMPLATES}/{name}"
        if not self.repo.exists(rel):
            return None
        if self._real_root is not None:
            full = Path(self.repo.root) / rel
            if not full.resolve().is_relative_to(self._real_root):
                raise TemplateOutsideRepository(name, _("template {rel} is a link that leaves the repository")
                                                      .format(rel=rel))
            filename = str(full)
        else:
            filename = f"{self.repo.root}/{rel}"
        self.display[filename] = rel
        return self.repo.read(rel).decode("utf-8", errors="replace"), filename

    def get_source(self, environment, template):
        pieces = split_template_path(template)  # refuses '..'
        name = "/".join(pieces)
        found = self._repo_source(name)
        if found is None:
            path = self.defaults.joinpath(*pieces)
            if path.is_file():
                filename = str(path)
                self.display[filename] = filename
                found = path.read_text(encoding="utf-8"), filename
        if found is None and name in self.extra:
            filename = f"<extension>/{name}"
            self.display[filename] = filename
            found = self.extra[name], filename
        if found is None:
            raise TemplateNotFound(template)
        source, filename = found
        return source, filename, lambda: True

    def list_templates(self) -> list[str]:
        names = set(self.extra)
        for base in (self.defaults, self._repo_dir()):
            if base is None or not base.is_dir():
                continue
            for dirpath, dirnames, filenames in os.walk(base):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                rel = Path(dirpath).relative_to(base)
                for f in filenames:
                    if not f.startswith("."):
                        names.add((rel / f).as_posix().removeprefix("./"))
        if self.repo is not None and self.repo.blobs is not None:
            names.update(k.removeprefix(f"{REPO_TEMPLATES}/") for k in self.repo.blobs
                         if k.startswith(f"{REPO_TEMPLATES}/"))
        return sorted(names)

    def _repo_dir(self) -> Path | None:
        if self.repo is None or self.repo.blobs is not None:
            return None
        return Path(self.repo.root) / REPO_TEMPLATES


# --- environments ------------------------------------------------------------------------------------------


class _TemplateCache(BytecodeCache):
    """Compiled templates, keyed by Jinja on the template's name and file and checked against a checksum of
    its source (an edited or overriding template is compiled anew). Compiling the templates is the largest
    fixed cost of a render, so they are kept for the life of the process and, once `use_disk_cache` is
    called (the command does, unless --no-cache), in kotacerdas' cache folder (docs/scale.md) between runs.
    Never inside a repository or --out."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}
        self.folder: Path | None = None

    def load_bytecode(self, bucket) -> None:
        data = self._store.get(bucket.key)
        if data is None and self.folder is not None:
            try:
                data = (self.folder / f"{bucket.key}.jinja").read_bytes()
            except OSError:
                data = None
        if data is not None:
            bucket.bytecode_from_string(data)  # a stale or foreign entry is ignored by Jinja (magic, checksum)

    def dump_bytecode(self, bucket) -> None:
        data = bucket.bytecode_to_string()
        self._store[bucket.key] = data
        if self.folder is None:
            return
        with contextlib.suppress(OSError):  # a cache that cannot be written is only slower
            atomic_write_bytes(self.folder / f"{bucket.key}.jinja", data, durable=False)


_BYTECODE = {"md": _TemplateCache(), "html": _TemplateCache()}


def use_disk_cache(folder: Path | None) -> None:
    """Keep compiled templates in `folder` (None: in memory only). Compiled code depends on the filters and
    settings in this module as well as on the template's source (which Jinja checks), so the entries live
    in a sub-folder named after kotacerdas' code fingerprint; folders of other builds are removed. The
    Markdown pages converted to HTML (markdown.PAGE_CACHE) are kept the same way."""
    import jinja2

    from .markdown import PAGE_CACHE, parser_version

    if folder is None:
        for cache in _BYTECODE.values():
            cache.folder = None
        PAGE_CACHE.folder = None
        return
    from ..runtime import code_fingerprint

    base = Path(folder)
    build = code_fingerprint()
    current = f"templates-{build}-jinja{jinja2.__version__}"
    for kind, cache in _BYTECODE.items():
        cache.folder = base / current / kind
    pages = f"html-{build}-markdown-it{parser_version()}"
    PAGE_CACHE.folder = base / pages
    try:
        for old in [*base.glob("templates-*"), *base.glob("html-*")]:
            if old.name not in (current, pages) and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        pass


def _md_finalize(value):
    if value is None:
        return Markup("")
    if isinstance(value, MdText):
        return Markup(value)
    if isinstance(value, Markup):
        return value
    return Markup(md_escape(value))


def _html_finalize(value):
    return "" if value is None else value


def _filters(fmt: Formatter, for_markdown: bool) -> dict:
    def prose(value, level: int = 3, keep_title: bool = False):
        """Markdown prose placed under a heading: a leading `# Title` is dropped (unless keep_title) and
        the other headings start at `level`."""
        if value is None:
            return MdText("")
        return MdText(shift_headings(str(value), int(level), drop_title=not keep_title))

    def markdown(value, level: int | None = None):
        if value is None:
            return Markup("")
        text = str(value) if isinstance(value, MdText) else md_escape(value)
        if level is not None:
            text = shift_headings(text, int(level))
        return Markup(to_html(text))

    def md(value):
        return Markup(md_escape(value)) if for_markdown else value

    @pass_environment
    def join(environment, values, d: str = "", attribute=None):
        """Jinja's join, with every item escaped for Markdown (the separator is template text)."""
        if attribute is not None:
            values = [environment.getitem(v, attribute) for v in values]  # sandboxed look-up
        return Markup(str(d).join(_md_finalize(v) for v in values))

    from .context import labels_for

    unknown = labels_for(fmt.lang)["unknown"]

    def known(value, text=None):
        """The value (or `text`, e.g. the value formatted) when the value is known, else "belum diketahui"."""
        if value is None or value == "":
            return unknown
        return value if text is None else text

    out = {
        "known": known,
        "money": fmt.money, "number": fmt.number, "percent": fmt.percent, "date": fmt.date,
        "daterange": fmt.date_range, "years": fmt.years, "roman": roman, "letter": letter,
        "prose": prose, "markdown": markdown, "md": md,
    }
    if for_markdown:
        out["join"] = join
    return out


class _BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, plus bounds on `*` and `**`: Jinja bounds range() only, so `{{ 'x' * 10**9 }}` or
    `{{ 10 ** 10 ** 10 }}` in a repository's template would cost gigabytes or never finish."""

    intercepted_binops = frozenset(["*", "**", "%", "+"])
    MAX_ITEMS = 1_000_000
    MAX_BITS = 1_000_000  # a whole number of about 300,000 digits
    MAX_STRING = 10_000_000  # characters of one value a template builds
    MAX_OUTPUT = 100_000_000  # characters of one template render (a national book's chapter is far below)
    MAX_SECONDS = 300.0  # of one template render, checked as it writes output
    _DICT_ATTRIBUTES = frozenset(dir(dict))
    _SIZED_METHODS = frozenset(["center", "ljust", "rjust", "zfill", "expandtabs", "format", "join", "replace"])

    def concat(self, parts):  # every template render and macro ends here: bound its size and time
        state = _RENDER_STATE
        outer = getattr(state, "deadline", None) is None
        if outer:
            state.deadline = time.monotonic() + self.MAX_SECONDS
        try:
            out, total = [], 0
            for n, part in enumerate(parts):
                total += len(part)
                if total > self.MAX_OUTPUT:
                    raise SecurityError(_("the template writes more than {max_output:,} characters")
                                        .format(max_output=self.MAX_OUTPUT))
                if not n & 255 and time.monotonic() > state.deadline:
                    raise SecurityError(_("the template ran longer than {max_seconds:g} seconds")
                                        .format(max_seconds=self.MAX_SECONDS))
                out.append(part)
            return "".join(out)
        finally:
            if outer:
                state.deadline = None

    code_generator_class = GuardedCodeGenerator  # every for loop checks the deadline too (loopguard.py)

    def kc_loop_guard(self, iterable):
        deadline = getattr(_RENDER_STATE, "deadline", None)
        return iterable if deadline is None else guarded(iterable, deadline, self.MAX_SECONDS)

    def call(__self, __context, __obj, *args, **kwargs):  # Jinja's own signature
        name = getattr(__obj, "__name__", "")
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)  # Jinja >= 3.1.5 wraps str.format
        if isinstance(owner, str) and name in __self._SIZED_METHODS:
            _check_sized(__self, owner, name, args, kwargs)
        if name == "generate_lorem_ipsum":
            n = args[0] if args else kwargs.get("n", 5)
            if not isinstance(n, int) or n > 100 or any(isinstance(v, int) and v > 1000 for v in args[2:]):
                raise SecurityError(_("lipsum() is limited to 100 paragraphs of at most 1,000 words"))
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, str) and len(result) > __self.MAX_STRING:
            raise SecurityError(_("a value of more than {max_string:,} characters")
                                .format(max_string=__self.MAX_STRING))
        return result

    def getattr(self, obj, attribute):
        # The template context is plain dicts, and `row.name` on a dict makes Jinja try the attribute first and
        # catch the AttributeError: most of the sandbox's time. A plain dict has no attribute that is not in
        # dir(dict), so for any other name the key is what Jinja would return; everything else (a missing
        # key, a dict method, any other object) goes through the sandbox's own checks.
        if type(obj) is dict and attribute not in self._DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, int) and abs(right) > 1000 and left not in (0, 1, -1):
            raise SecurityError(_("the power {right} is too large for a template").format(right=right))
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 \
                and left.bit_length() * right > self.MAX_BITS:  # towers: (9**999)**999
            raise SecurityError(_("the power gives a number of more than {max_bits:,} bits")
                                .format(max_bits=self.MAX_BITS))
        if operator == "*" and isinstance(left, int) and isinstance(right, int) \
                and left.bit_length() + right.bit_length() > self.MAX_BITS:
            raise SecurityError(_("the product gives a number of more than {max_bits:,} bits")
                                .format(max_bits=self.MAX_BITS))
        if operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)) \
                and len(left) + len(right) > self.MAX_STRING:
            raise SecurityError(_("a value of more than {max_string:,} items")
                                .format(max_string=self.MAX_STRING))
        if operator == "%" and isinstance(left, str):
            widths = re.findall(r"%[-#0 +]*([0-9]*)(?:\.([0-9]*))?", left)
            extra = right if isinstance(right, tuple) else (right,)
            if any(int(w or 0) > self.MAX_STRING for pair in widths for w in pair) or (
                    "*" in left and any(isinstance(v, int) and v > self.MAX_STRING for v in extra)):
                raise SecurityError(_("a format width above {max_string:,}")
                                    .format(max_string=self.MAX_STRING))
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > self.MAX_ITEMS:
                    raise SecurityError(_("repeating a value {n:,} times gives more than {max_items:,} items")
                                        .format(n=n, max_items=self.MAX_ITEMS))
        return super().call_binop(context, operator, left, right)


_RENDER_STATE = threading.local()


def _check_sized(env: _BoundedEnvironment, subject: str, name: str, args, kwargs) -> None:
    """Refuse a str method call whose result would exceed env.MAX_STRING, before it is built."""
    limit = env.MAX_STRING
    ints = [v for v in (*args, *kwargs.values()) if isinstance(v, int) and not isinstance(v, bool)]
    if name in ("center", "ljust", "rjust", "zfill", "expandtabs") and any(v > limit for v in ints):
        raise SecurityError(_("{name}() to a width above {limit:,}").format(name=name, limit=limit))
    if (name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str)
            and len(subject) + subject.count(args[0]) * len(args[1]) > limit):
        raise SecurityError(_("replace() gives more than {limit:,} characters").format(limit=limit))
    if name == "format":  # a width in the format string, or a nested {:{}} width given as an argument
        for m in re.finditer(r"\{[^{}]*\}", subject):
            if any(int(d) > limit for d in re.findall(r"[0-9]+", m.group(0))):
                raise SecurityError(_("a format width above {limit:,}").format(limit=limit))
        if any(v > limit for v in ints) and re.search(r"\{[^{}]*\{", subject):
            raise SecurityError(_("a format width above {limit:,}").format(limit=limit))
    if name == "join" and args:
        parts = args[0]
        if isinstance(parts, (list, tuple)) and sum(len(p) for p in parts if isinstance(p, str)) > limit:
            raise SecurityError(_("join() gives more than {limit:,} characters").format(limit=limit))


def _bounded_filter(env: _BoundedEnvironment, func):
    """A built-in filter whose width or count arguments are bounded, and whose result is."""
    import functools

    passes = getattr(func, "jinja_pass_arg", None)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        given = args[1:] if passes is not None else args
        if any(isinstance(v, int) and not isinstance(v, bool) and v > env.MAX_STRING
               for v in (*given[1:], *kwargs.values())):
            raise SecurityError(_("the filter {name__} with an argument above {max_string:,}")
                                .format(name__=func.__name__, max_string=env.MAX_STRING))
        if func.__name__ == "do_replace" and len(given) >= 3 and all(isinstance(v, str) for v in given[:3]):
            _check_sized(env, given[0], "replace", given[1:3], {})
        result = func(*args, **kwargs)
        if isinstance(result, str) and len(result) > env.MAX_STRING:
            raise SecurityError(_("a value of more than {max_string:,} characters")
                                .format(max_string=env.MAX_STRING))
        return result

    return wrapper


def make_environment(loader: ChainLoader, lang: str, kind: str) -> ImmutableSandboxedEnvironment:
    """`kind` is "md" (Markdown templates) or "html" (HTML and CSS templates)."""
    for_markdown = kind == "md"
    env = _BoundedEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=True if for_markdown else (lambda name: name is None or name.endswith((".html.j2", ".html"))),
        finalize=_md_finalize if for_markdown else _html_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=-1,
        bytecode_cache=_BYTECODE[kind],
    )
    for name in ("center", "indent", "wordwrap", "format", "replace", "join", "truncate", "filesizeformat"):
        if name in env.filters:
            env.filters[name] = _bounded_filter(env, env.filters[name])
    env.filters.update(_filters(Formatter(lang), for_markdown))
    return env


def render_block(env, template, block: str, context: dict) -> str:
    """Render one block of a template (the chapter title) with errors rewritten to template lines."""
    try:
        return env.concat(template.blocks[block](template.new_context(context)))
    except Exception:
        env.handle_exception()
        raise  # pragma: no cover  (handle_exception always raises)


# --- errors as diagnostics (codes KC200-KC203, in kotacerdas.codes) -----------------------------------------


def template_diagnostic(exc: BaseException, loader: ChainLoader, what: str) -> Diagnostic:
    """A template problem as a diagnostic at the template's file and line (`what` names the template that
    was being rendered, for when no line is known)."""
    path, line = None, 1
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        path, line = loader.display.get(exc.filename, exc.filename), exc.lineno or 1
    else:
        tb = exc.__traceback__
        while tb is not None:
            fn = tb.tb_frame.f_code.co_filename
            if fn in loader.display:
                path, line = loader.display[fn], tb.tb_lineno
            tb = tb.tb_next
    if path is None:
        path = what
    hint = _("See docs/templates.md for the variables and filters a template can use.")
    if isinstance(exc, TemplateSyntaxError):
        return Diagnostic("KC200", Severity.ERROR, path, line, 1, _("template syntax error: {message}")
                                                                  .format(message=exc.message),
                          found=exc.message, expected=_("a valid Jinja template"),
                          hint=_("Check the {% … %} and {{ … }} tags on this line."))
    if isinstance(exc, TemplateOutsideRepository):
        return Diagnostic("KC202", Severity.ERROR, path, line, 1, str(exc.message),
                          expected=_("a template file inside the repository"),
                          hint=_("Copy the template into templates/ instead of linking to it."))
    if isinstance(exc, TemplateNotFound):
        return Diagnostic("KC202", Severity.ERROR, path, line, 1, _("template not found: {name}")
                                                                  .format(name=exc.name),
                          found=str(exc.name), expected=_("a template in templates/ or one of the defaults"),
                          hint=hint)
    if isinstance(exc, UndefinedError):
        return Diagnostic("KC201", Severity.ERROR, path, line, 1, _("unknown variable in template: {message}")
                                                                  .format(message=exc.message),
                          found=str(exc.message), expected=_("a variable the template context provides"), hint=hint)
    if isinstance(exc, SecurityError):
        return Diagnostic("KC201", Severity.ERROR, path, line, 1, _("template did something not allowed: {exc}")
                                                                  .format(exc=exc),
                          expected=_("templates only read the context they are given"), hint=hint)
    return Diagnostic("KC201", Severity.ERROR, path, line, 1,
                      _("template failed: {name__}: {exc}").format(name__=type(exc).__name__, exc=exc), hint=hint)
