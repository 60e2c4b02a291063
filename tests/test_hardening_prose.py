"""Issue 19: prose copied into Markdown chapters kept raw `<script>`, `<img onerror>` and `javascript:`
links for viewers that allow HTML, and a prose image made the offline HTML site fetch a remote URL.
Now every active part of prose is inert in both formats, and code is shown exactly as written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from kotacerdas.render.prose_safety import neutralise, safe_url

BASE = Path(__file__).parent / "cases" / "_base"

EVIL_PROSE = """# Latar belakang

Kabupaten Garut <b onclick="steal()">menyusun</b> masterplan [klik](javascript:alert(1)) dan
[juga](&#106;avascript:alert(2)) serta [aman](https://garutkab.go.id) dan `<script>kode</script>`.

<script>alert(document.cookie)</script>

<img src=x onerror="alert(3)">

![peta](https://tracker.example/peta.png) ![lokal](peta.png)

[ref]: javascript:alert(4)

Lihat [di sini][ref] atau <javascript:alert(5)> atau <https://garutkab.go.id>.

```html
<script>contoh kode yang ditampilkan</script>
```

Portal [resmi](https://garutkab.go.id) tetap menjadi tautan.
"""

ACTIVE_MD = [
    re.compile(r"<script", re.I),  # a tag (inside code it is written &lt; nowhere: checked separately)
    re.compile(r"<img\b", re.I),
    re.compile(r"<b\b", re.I),
    re.compile(r"\]\(\s*(?:javascript|&#106;)", re.I),
    re.compile(r"^\s{0,3}\[ref\]:", re.I | re.M),
    re.compile(r"<javascript:", re.I),
]


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    (root / "narasi" / "latar-belakang.md").write_text(EVIL_PROSE, encoding="utf-8")
    p = root / "programmes" / "qw-1.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace(
        "problem: Layanan perizinan masih tatap muka.",
        "problem: 'Layanan <iframe src=\"https://evil.example\"></iframe> masih [tatap](vbscript:x) muka.'"),
        encoding="utf-8")
    return root


def _outside_code(md: str) -> str:
    """The Markdown without fenced code blocks and code spans (where text is shown as written)."""
    md = re.sub(r"^```.*?^```", "", md, flags=re.S | re.M)
    return re.sub(r"`[^`]*`", "", md)


def _book(cli, tmp_path: Path, fmt: str) -> str:
    """Every page of the book rendered from the hostile repository, in one text."""
    out = tmp_path / f"out-{fmt}"
    r = cli("render", _repo(tmp_path), "--format", fmt, "--out", out)
    assert r.returncode == 0, r.stdout + r.stderr
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.rglob(f"*.{fmt}")))


def test_markdown_chapters_carry_no_active_html_or_unsafe_links(cli, tmp_path):
    book = _book(cli, tmp_path, "md")
    assert "masterplan" in book and "alert(document.cookie)" in book  # the text is there, as text
    rest = _outside_code(book)
    for pattern in ACTIVE_MD:
        assert not pattern.search(rest), (pattern.pattern, rest[:3000])
    assert "<iframe" not in rest
    assert "Portal [resmi](https://garutkab.go.id) tetap menjadi tautan." in book  # a safe link is kept
    assert "<script>contoh kode yang ditampilkan</script>" in book  # code kept exactly as written
    assert "`<script>kode</script>`" in book


def test_the_html_site_has_no_script_no_unsafe_link_and_fetches_no_remote_image(cli, tmp_path):
    pages = _book(cli, tmp_path, "html")
    assert "alert(document.cookie)" in pages
    assert not re.search(r"<script[^>]*>[^<]*alert", pages, re.I)
    assert not re.search(r"<[a-z][^>]*\son\w+\s*=", pages, re.I), "an event handler attribute in a tag"
    assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*(?:javascript|vbscript|&#)""", pages, re.I)
    assert not re.search(r"""<(?:img|iframe|script|link)[^>]+(?:src|href)=["']?(?:https?:)?//""", pages, re.I), \
        "the offline site would fetch from another server"
    assert 'href="https://tracker.example/peta.png"' in pages  # shown as a link the reader may follow
    assert '<a href="https://garutkab.go.id">resmi</a>' in pages


def test_neutralise_leaves_ordinary_prose_unchanged():
    text = ("Garut: 10:30 & 12 < 15. [Portal](https://garutkab.go.id), <https://x.org>, <a@b.id>,\n"
            "[rel](docs/a.md), [bagian](#tujuan), `kode <b>`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert neutralise(text) == text
    assert safe_url("HTTPS://x") and safe_url("docs/a.md") and safe_url("#x") and safe_url("mailto:a@b.id")
    assert not safe_url("JavaScript:x") and not safe_url("java\tscript:x") and not safe_url("&#106;avascript:x")
    assert not safe_url("data:text/html,<b>") and not safe_url("file:///etc/passwd")
