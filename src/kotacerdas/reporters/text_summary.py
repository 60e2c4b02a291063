"""The two closing parts of lint's text report: the work list (what is still to fill, per file) and the
number of findings per rule. They read the plain data lint's report carries (`Report.extra["work_list"]`
and `["rules"]`, the same lists the JSON report holds) and only format it."""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _, ngettext

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def work_list_lines(items: list[dict]) -> Iterator[list]:
    """`Work list: ...` then one line per file: the [ISI] fields, then what lint found missing there."""
    if not items:
        return
    n = sum(len(i["fields"]) + len(i["findings"]) for i in items)
    yield [(ngettext("Work list: {n} thing still to fill", "Work list: {n} things still to fill", n).format(n=n),
            "bold")]
    for item in items:
        yield [("  ", None), (item["path"], "bold")]
        if item["fields"]:
            yield [("    ", None), (_("replace [ISI] in: {fields}").format(fields=", ".join(item["fields"])), None)]
        for finding in item["findings"]:
            yield [("    ", None), (f"{finding['code']} ", "yellow"), (finding["message"], None)]
    yield []


def rule_lines(rules: list[dict]) -> Iterator[list]:
    """`Findings per rule:` then `  CODE name  N errors, N warnings, N notes`, aligned."""
    if not rules:
        return
    yield [(_("Findings per rule:"), "bold")]
    width = max(len(f"{r['code']} {r['name']}".rstrip()) for r in rules)
    words = {"error": lambda n: ngettext("{n} error", "{n} errors", n),
             "warning": lambda n: ngettext("{n} warning", "{n} warnings", n),
             "info": lambda n: ngettext("{n} note", "{n} notes", n)}
    for r in rules:
        label = f"{r['code']} {r['name']}".rstrip()
        parts: list = [("  ", None), (label.ljust(width), None), ("  ", None)]
        shown = [(words[s](r[s]).format(n=r[s]), _STYLE[s]) for s in ("error", "warning", "info") if r.get(s)]
        for i, (text, style) in enumerate(shown):
            parts += [(", ", None)] if i else []
            parts.append((text, style))
        yield parts
    yield []


def markdown_summary(items: list[dict], rules: list[dict], cell) -> list[str]:
    """The same two lists for `--format markdown` (a job summary): the work list, then a table per rule."""
    out: list[str] = []
    if items:
        out += ["", "**" + _("Work list: what is still to fill") + "**", ""]
        for item in items:
            parts = [_("replace [ISI] in: {fields}").format(fields=", ".join(item["fields"]))] if item["fields"] else []
            parts += [f"{f['code']} {f['message']}" for f in item["findings"]]
            out.append(f"- `{cell(item['path'])}`: " + cell("; ".join(parts)))
    if rules:
        out += ["", _("| Code | Rule | Errors | Warnings | Notes |"), "|---|---|---|---|---|"]
        out += [f"| {r['code']} | {cell(r['name'])} | {r['error']} | {r['warning']} | {r['info']} |" for r in rules]
    return out
