"""The roadmap as a Gantt chart, twice: a Mermaid `gantt` block for Markdown (GitHub and GitLab draw it)
and an SVG drawn here for HTML (no script, works offline, prints). Both come from the same rows, so the
two outputs show the same plan. Output is a pure function of the input: same rows, same bytes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Bar:
    id: str
    name: str
    start: int  # first year
    end: int  # last year (inclusive)
    quick_win: bool = False
    progress: float | None = None  # None: not known (no progress part is drawn)
    owner: str = ""
    months: int | None = None  # duration_months: the bar is this long from January of `start`

    def span(self) -> tuple[str, str]:
        """(first month, month after the last), YYYY-MM, for Mermaid."""
        if self.months is None:
            return f"{self.start}-01", f"{self.end + 1}-01"
        year, month = divmod(self.months, 12)
        return f"{self.start}-01", f"{self.start + year}-{month + 1:02d}"

    def width_years(self, first: int, last: int) -> float:
        """Where the bar ends, in years from `first`, cut at the end of `last`."""
        end = self.start + self.months / 12 if self.months is not None else self.end + 1
        return min(end, last + 1) - first


@dataclass(frozen=True)
class Group:
    title: str
    bars: tuple[Bar, ...]


_MERMAID_UNSAFE = re.compile(r"[:;#`\n\r]+")


def _mermaid_text(text: str) -> str:
    return " ".join(_MERMAID_UNSAFE.sub(" ", text).split()) or "-"


def mermaid(groups: list[Group], title: str, legend_quick_win: str = "quick win") -> str:
    """The body of a ```mermaid block (without the fences). Years are whole: a bar from 2024 to 2025
    runs from 1 January 2024 to 1 January 2026. Quick wins are drawn as `crit` (red) tasks."""
    lines = ["gantt", f"    title {_mermaid_text(title)}", "    dateFormat YYYY-MM", "    axisFormat %Y"]
    n = 0
    for g in groups:
        if not g.bars:
            continue
        lines.append(f"    section {_mermaid_text(g.title)}")
        for b in g.bars:
            n += 1
            done = b.progress is not None and b.progress >= 100
            tags = ("crit, " if b.quick_win else "") + ("done, " if done else "")
            label = _mermaid_text(f"{b.id} {b.name}")
            first, after = b.span()
            lines.append(f"    {label} :{tags}t{n}, {first}, {after}")
    return "\n".join(lines) + "\n"


# --- SVG ---------------------------------------------------------------------------------------------------

LABEL_W = 330
YEAR_W = 56  # narrowest year column
TARGET_W = 920  # a short plan's years are widened to fill this width
ROW_H = 24
HEAD_H = 30
GROUP_H = 26
PAD = 8
COLORS = {"bar": "#2563eb", "bar_done": "#1e3a8a", "qw": "#d97706", "qw_done": "#92400e",
          "grid": "#d1d5db", "group": "#f3f4f6", "text": "#111827", "muted": "#4b5563"}


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def svg(groups: list[Group], years: list[int], *, title: str, labels: dict[str, str]) -> str:
    """An inline SVG Gantt chart. `labels` gives the words of the legend: programme, quick_win, progress."""
    years = sorted(set(years)) or [0]
    first, last = years[0], years[-1]
    span = last - first + 1
    year_w = max(YEAR_W, (TARGET_W - LABEL_W - PAD) // span)
    width = LABEL_W + year_w * span + PAD
    body_h = sum(GROUP_H + ROW_H * len(g.bars) for g in groups if g.bars)
    legend_h = 34
    height = HEAD_H + body_h + legend_h
    esc = lambda s: escape(str(s), quote=True)  # noqa: E731
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-label="{esc(title)}" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="12">',
        f"<title>{esc(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    # year header and vertical grid
    for i in range(span + 1):
        x = LABEL_W + i * year_w
        out.append(f'<line x1="{x}" y1="{HEAD_H - 6}" x2="{x}" y2="{HEAD_H + body_h}" stroke="{COLORS["grid"]}"/>')
    for i in range(span):
        x = LABEL_W + i * year_w + year_w // 2
        out.append(f'<text x="{x}" y="{HEAD_H - 11}" text-anchor="middle" font-weight="600" '
                   f'fill="{COLORS["text"]}">{first + i}</text>')
    y = HEAD_H
    for g in groups:
        if not g.bars:
            continue
        out.append(f'<rect x="0" y="{y}" width="{width}" height="{GROUP_H}" fill="{COLORS["group"]}"/>')
        out.append(f'<text x="{PAD}" y="{y + GROUP_H - 8}" font-weight="700" fill="{COLORS["text"]}">'
                   f"{esc(_truncate(g.title, 60))}</text>")
        y += GROUP_H
        for b in g.bars:
            label = _truncate(f"{b.id} {b.name}", 46)
            out.append(f'<text x="{PAD + 6}" y="{y + ROW_H - 8}" fill="{COLORS["text"]}">{esc(label)}</text>')
            x0 = LABEL_W + (max(b.start, first) - first) * year_w + 3
            x1 = LABEL_W + round(b.width_years(first, last) * year_w) - 3
            w = max(x1 - x0, 4)
            kind = "qw" if b.quick_win else "bar"
            tip = f"{b.id} {b.name} ({b.start}–{b.end})" + (f", {b.owner}" if b.owner else "")
            shown = f"{b.progress:g}%" if b.progress is not None else labels.get("unknown", "?")
            tip += f", {labels.get('progress_word', labels['progress']).lower()} {shown}"
            out.append(f'<g><title>{esc(tip)}</title>'
                       f'<rect x="{x0}" y="{y + 5}" width="{w}" height="{ROW_H - 10}" rx="3" '
                       f'fill="{COLORS[kind]}" fill-opacity="0.35"/>')
            done_w = round(w * max(0.0, min(b.progress or 0.0, 100.0)) / 100)
            if done_w > 0:
                out.append(f'<rect x="{x0}" y="{y + 5}" width="{done_w}" height="{ROW_H - 10}" rx="3" '
                           f'fill="{COLORS[kind + "_done"]}"/>')
            out.append("</g>")
            out.append(f'<line x1="0" y1="{y + ROW_H}" x2="{width}" y2="{y + ROW_H}" '
                       f'stroke="{COLORS["grid"]}" stroke-opacity="0.5"/>')
            y += ROW_H
    # legend
    ly = HEAD_H + body_h + 12
    items = [("bar", labels["programme"]), ("qw", labels["quick_win"]), ("bar_done", labels["progress"])]
    x = PAD
    for kind, text in items:
        opacity = "" if kind.endswith("done") else ' fill-opacity="0.35"'
        out.append(f'<rect x="{x}" y="{ly}" width="18" height="12" rx="2" fill="{COLORS[kind]}"{opacity}/>')
        out.append(f'<text x="{x + 24}" y="{ly + 10}" fill="{COLORS["muted"]}">{esc(text)}</text>')
        x += 24 + 8 * len(text) + 24
    out.append("</svg>")
    return "\n".join(out)
