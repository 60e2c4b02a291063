"""The charts of the monitoring report and of BAB VII: each one twice, as a Mermaid block for Markdown
(GitHub and GitLab draw `xychart-beta` and `pie`) and as an inline SVG drawn here for HTML (no script, no
font or file from the network). Every SVG has a <title> and a <desc> (the text alternative: every value
in words), prints in grey (bars are told apart by lightness and by the value written on them, not by hue
alone) and is a pure function of its input: same values, same bytes.

A value that is not known is never drawn as zero: its bar is left out and its label says so."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
INK = "#111827"
MUTED = "#4b5563"
GRID = "#d1d5db"
# series fills: dark, light, middle (distinct in grey), then status colours of different lightness
LABEL_CHARS = 16  # a category label longer than this is cut with an ellipsis (the <desc> has it whole)
FILLS = ("#1e3a8a", "#93c5fd", "#2563eb", "#d97706", "#6b7280")


@dataclass(frozen=True)
class Chart:
    title: str
    desc: str  # the text alternative
    mermaid: str  # the body of a ```mermaid block
    svg: str

    empty: bool = False  # no value is known: nothing to draw

    @property
    def markdown(self) -> str:
        return "" if self.empty else "```mermaid\n" + self.mermaid + "```\n"


_MERMAID_UNSAFE = re.compile(r'["`\n\r;#:]+')


def _mtext(text: str) -> str:
    return " ".join(_MERMAID_UNSAFE.sub(" ", str(text)).split()) or "-"


def _esc(text) -> str:
    return escape(str(text), quote=True)


def _num(value: float) -> str:
    return f"{round(value, 2):g}"


def _trunc(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _open(uid: str, title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{uid}-t {uid}-d" font-family="{FONT}" font-size="12">',
        f'<title id="{uid}-t">{_esc(title)}</title>',
        f'<desc id="{uid}-d">{_esc(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _scale_max(values: list[float], floor: float | None) -> float:
    top = max([v for v in values if v is not None] + [floor or 0.0, 1e-9])
    return float(floor) if floor is not None and top <= floor else top * 1.1


def bars(uid: str, title: str, categories: list[str], series: list[tuple[str, list[float | None]]], *,
         unknown: str, y_label: str = "", y_max: float | None = None, fmt=_num) -> Chart:
    """Vertical bars, one group per category, one bar per series. `fmt` writes a value as text."""
    n_series = max(len(series), 1)
    longest = max([len(_trunc(c, LABEL_CHARS)) for c in categories] + [0])
    group_w = max(48, 22 * n_series + 18, 7 * longest + 12)  # each category's label fits under its bars
    left, top, plot_h, bottom = 48, 46 if y_label else 34, 180, 58  # room for the axis label under the title
    width = max(360, left + group_w * max(len(categories), 1) + 16)
    legend_h = 22 if len(series) > 1 else 0
    height = top + plot_h + bottom + legend_h
    vmax = _scale_max([v for _, vals in series for v in vals if v is not None], y_max)
    words = []
    for i, cat in enumerate(categories):
        parts = [f"{name}: {fmt(vals[i]) if vals[i] is not None else unknown}" for name, vals in series]
        words.append(f"{cat}: " + ", ".join(parts) if len(series) > 1 else f"{cat} {parts[0].split(': ', 1)[1]}")
    desc = f"{title}. " + "; ".join(words) + "." if words else f"{title}. {unknown}."
    out = _open(uid, title, desc, width, height)
    out.append(f'<text x="{left}" y="18" font-weight="700" fill="{INK}">{_esc(_trunc(title, 90))}</text>')
    for k in range(5):  # horizontal grid, 0 to vmax
        y = top + plot_h - plot_h * k / 4
        out.append(f'<line x1="{left}" y1="{_num(y)}" x2="{width - 8}" y2="{_num(y)}" stroke="{GRID}"/>')
        out.append(f'<text x="{left - 6}" y="{_num(y + 4)}" text-anchor="end" fill="{MUTED}">'
                   f'{_esc(fmt(vmax * k / 4))}</text>')
    if y_label:
        out.append(f'<text x="8" y="{top - 8}" fill="{MUTED}">{_esc(y_label)}</text>')
    bar_w = min((group_w - 18) / n_series, 30.0)  # bars stay narrow in a wide group, centred in it
    inset = (group_w - 18 - bar_w * n_series) / 2
    for i, cat in enumerate(categories):
        gx = left + i * group_w + 9
        for j, (name, vals) in enumerate(series):
            v = vals[i]
            x = gx + inset + j * bar_w
            if v is None:
                out.append(f'<text x="{_num(x + bar_w / 2)}" y="{top + plot_h - 4}" text-anchor="middle" '
                           f'fill="{MUTED}" font-size="14">?</text>')
                continue
            h = plot_h * max(v, 0) / vmax
            out.append(f'<g><title>{_esc(f"{cat}, {name}: {fmt(v)}")}</title>'
                       f'<rect x="{_num(x)}" y="{_num(top + plot_h - h)}" width="{_num(bar_w - 2)}" '
                       f'height="{_num(h)}" fill="{FILLS[j % len(FILLS)]}" stroke="{INK}" stroke-width="0.5"/></g>')
            out.append(f'<text x="{_num(x + bar_w / 2 - 1)}" y="{_num(top + plot_h - h - 4)}" text-anchor="middle" '
                       f'font-size="10" fill="{INK}">{_esc(fmt(v))}</text>')
        out.append(f'<text x="{_num(gx + (group_w - 18) / 2)}" y="{top + plot_h + 16}" text-anchor="middle" '
                   f'fill="{INK}">{_esc(_trunc(cat, LABEL_CHARS))}</text>')
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}" stroke="{INK}"/>')
    if any(v is None for _, vals in series for v in vals):
        out.append(f'<text x="{left}" y="{top + plot_h + 36}" fill="{MUTED}">? = {_esc(unknown)}</text>')
    if len(series) > 1:
        x = left
        ly = top + plot_h + bottom
        for j, (name, _) in enumerate(series):
            out.append(f'<rect x="{x}" y="{ly}" width="14" height="12" fill="{FILLS[j % len(FILLS)]}" '
                       f'stroke="{INK}" stroke-width="0.5"/>')
            out.append(f'<text x="{x + 20}" y="{ly + 10}" fill="{INK}">{_esc(name)}</text>')
            x += 40 + 7 * len(name)
    out.append("</svg>")
    empty = all(v is None for _, vals in series for v in vals)
    return Chart(title, desc, _xychart(title, categories, series, y_label, y_max), "\n".join(out), empty)


def _xychart(title: str, categories: list[str], series: list[tuple[str, list[float | None]]], y_label: str,
             y_max: float | None) -> str:
    """Mermaid xychart-beta; categories where every series is unknown are left out (Mermaid has no gaps),
    and an unknown value beside a known one is left out by dropping that category too."""
    keep = [i for i in range(len(categories)) if all(vals[i] is not None for _, vals in series)]
    lines = ["xychart-beta", f'    title "{_mtext(title)}"',
             "    x-axis [" + ", ".join(f'"{_mtext(categories[i])}"' for i in keep) + "]"]
    top = _scale_max([vals[i] for _, vals in series for i in keep], y_max)  # type: ignore[misc]
    lines.append(f'    y-axis "{_mtext(y_label)}" 0 --> {_num(top)}' if y_label else f"    y-axis 0 --> {_num(top)}")
    for _, vals in series:
        lines.append("    bar [" + ", ".join(_num(vals[i]) for i in keep) + "]")  # type: ignore[arg-type]
    return "\n".join(lines) + "\n"


def stacked(uid: str, title: str, parts: list[tuple[str, int]], *, total_word: str) -> Chart:
    """One horizontal bar split into parts (counts), with a legend that gives each count: for statuses."""
    width, left, bar_h = 640, 12, 28
    shown = [(label, n) for label, n in parts if n > 0]
    total = sum(n for _, n in shown)
    rows = (len(shown) + 2) // 3
    height = 40 + bar_h + 16 + 20 * max(rows, 1) + 8
    desc = f"{title}. " + ", ".join(f"{label}: {n}" for label, n in shown) + f"; {total_word}: {total}."
    out = _open(uid, title, desc, width, height)
    out.append(f'<text x="{left}" y="18" font-weight="700" fill="{INK}">{_esc(_trunc(title, 90))}</text>')
    x = float(left)
    span = width - 2 * left
    for j, (label, n) in enumerate(shown):
        w = span * n / total if total else 0
        out.append(f'<g><title>{_esc(f"{label}: {n}")}</title><rect x="{_num(x)}" y="30" width="{_num(w)}" '
                   f'height="{bar_h}" fill="{FILLS[j % len(FILLS)]}" stroke="{INK}" stroke-width="0.5"/></g>')
        if w > 18:
            ink = "#ffffff" if j % len(FILLS) in (0, 2, 4) else INK
            out.append(f'<text x="{_num(x + w / 2)}" y="{30 + bar_h // 2 + 4}" text-anchor="middle" '
                       f'font-weight="700" fill="{ink}">{n}</text>')
        x += w
    for j, (label, n) in enumerate(shown):
        lx = left + (j % 3) * 210
        ly = 30 + bar_h + 16 + (j // 3) * 20
        out.append(f'<rect x="{lx}" y="{ly}" width="14" height="12" fill="{FILLS[j % len(FILLS)]}" '
                   f'stroke="{INK}" stroke-width="0.5"/>')
        out.append(f'<text x="{lx + 20}" y="{ly + 10}" fill="{INK}">{_esc(_trunc(f"{label}: {n}", 30))}</text>')
    out.append("</svg>")
    pie = [f"pie title {_mtext(title)}"] + [f'    "{_mtext(label)}" : {n}' for label, n in shown]
    return Chart(title, desc, "\n".join(pie) + "\n", "\n".join(out), not shown)
