"""Compare two resolved masterplans item by item, matched by stable ids.

Items are matched by id (programmes, quick wins, indicators, OPDs), by dimension code, by stage, never by
file or position; list elements inside an item are matched by their key (targets by year, funding lines
by source and year, sasaran and books by id, ...) or, when they have none, compared as a collection.
So moving or renaming a file, reordering keys or list elements, re-wrapping text and editing comments
are not changes. Markdown prose is compared by its text, wherever the file lives.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any
from collections.abc import Callable

from ..checks import prose_fields, resolve_prose_path
from ..masterplan import Masterplan, Sourced
from ..models import RepoConfig
from .keys import LIST_KEYS
from .records import Change, DiffResult, FieldChange, Segment, Side
from .rules import effective_severities
from .words import is_long, normalise, similarity, word_diff

@dataclass
class Item:
    """One comparable item of a plan: its key, display name, where it came from, and its plain data
    (built on first use: items shared by both sides are never dumped)."""

    id: str
    name: str
    src: Sourced | None
    make: Callable[[], dict]
    quick_win: bool = False
    loc: tuple = ()  # where the item lies in its file (an OPD is one element of opd.yaml)
    _data: dict | None = None

    @property
    def data(self) -> dict:
        if self._data is None:
            self._data = self.make()
        return self._data


# --- plain data ----------------------------------------------------------------------------------------


def _dump(src: Sourced, repo, drop: str | None = None) -> dict:
    """The model as plain JSON-able data, with Markdown prose references replaced by their text."""
    data = src.item.model_dump(mode="json", warnings=False)
    for loc, ref in prose_fields(src.item):
        rel = resolve_prose_path(src.path, ref.file)
        text = None
        if rel is not None and repo.exists(rel):
            try:
                text = repo.read(rel).decode("utf-8", errors="replace")
            except OSError:
                text = None
        _set(data, loc, text if text is not None else {"file": ref.file})
    if drop:
        data.pop(drop, None)
    return data


def _set(data, loc: tuple, value) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def canon(value: Any) -> Any:
    """A value in a form where equal plans are equal: whitespace normalised, whole floats as ints,
    lists as sorted collections."""
    if isinstance(value, str):
        return normalise(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: canon(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return sorted((canon(v) for v in value), key=_sort_text)
    return value


def _sort_text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def same(old: Any, new: Any) -> bool:
    return old == new or _sort_text(canon(old)) == _sort_text(canon(new))


# --- field comparison ----------------------------------------------------------------------------------


class _Walker:
    def __init__(self, old_src: Sourced | None, new_src: Sourced | None) -> None:
        self.old_src, self.new_src = old_src, new_src
        self.out: list[FieldChange] = []

    def emit(self, fc: FieldChange, old_loc, new_loc) -> None:
        use_new = fc.change != "removed" and new_loc is not None
        src, loc = (self.new_src, new_loc) if use_new else (self.old_src, old_loc)
        if src is not None and loc is not None:
            fc.file = src.path
            try:
                fc.line = src.doc.locate(loc)[0]
            except Exception:  # a position is a courtesy; never let it break the comparison
                fc.line = None
        self.out.append(fc)

    def value(self, old, new, segs: tuple[Segment, ...], old_loc, new_loc) -> None:
        if same(old, new):
            return
        if isinstance(old, dict) and isinstance(new, dict):
            keys = list(new) + [k for k in old if k not in new]
            for k in keys:
                self.value(old.get(k), new.get(k), segs + (Segment(k),), _at(old_loc, k), _at(new_loc, k))
            return
        if isinstance(old, list) or isinstance(new, list):
            self.list(old if isinstance(old, list) else [], new if isinstance(new, list) else [], segs,
                      old_loc, new_loc)
            return
        if old is None:
            self.emit(FieldChange(segs, "added", None, new), old_loc, new_loc)
        elif new is None:
            self.emit(FieldChange(segs, "removed", old, None), old_loc, new_loc)
        else:
            words = word_diff(old, new) if isinstance(old, str) and isinstance(new, str) and is_long(old, new) else None
            self.emit(FieldChange(segs, "modified", old, new, words=words), old_loc, new_loc)

    def list(self, old: list, new: list, segs, old_loc, new_loc) -> None:
        name = segs[-1].name if segs else ""
        spec = LIST_KEYS.get(name)
        if spec and all(isinstance(v, dict) for v in old + new):
            old_keys = [_key(v, spec) for v in old]
            new_keys = [_key(v, spec) for v in new]
            if len(set(old_keys)) == len(old_keys) and len(set(new_keys)) == len(new_keys):
                old_at = {k: i for i, k in enumerate(old_keys)}
                new_at = {k: i for i, k in enumerate(new_keys)}
                for k in sorted(set(old_keys) | set(new_keys), key=lambda k: tuple(_natural_part(p) for p in k)):
                    i, j = old_at.get(k), new_at.get(k)
                    seg = segs[:-1] + (Segment(name, " ".join(str(p) for p in k)),)
                    self.value(old[i] if i is not None else None, new[j] if j is not None else None, seg,
                               _at(old_loc, i) if i is not None else old_loc,
                               _at(new_loc, j) if j is not None else new_loc)
                return
        # No key: compare as collections of elements.
        old_count = Counter(_sort_text(canon(v)) for v in old)
        new_count = Counter(_sort_text(canon(v)) for v in new)
        removed, added = [], []
        left = dict(new_count)
        for i, v in enumerate(old):
            t = _sort_text(canon(v))
            if left.get(t, 0) > 0:
                left[t] -= 1
            else:
                removed.append((i, v))
        left = dict(old_count)
        for j, v in enumerate(new):
            t = _sort_text(canon(v))
            if left.get(t, 0) > 0:
                left[t] -= 1
            else:
                added.append((j, v))
        # A rewritten text element (a misi reworded) is shown as one modification with a word diff. Pairs
        # are chosen by a symmetric similarity, best first, so old -> new mirrors new -> old exactly.
        candidates = sorted(
            ((similarity(v, w), sorted((v, w)), i, j) for i, v in removed if isinstance(v, str)
             for j, w in added if isinstance(w, str)),
            key=lambda t: (-t[0], t[1]))
        used_old, used_new = set(), set()
        for sim, _, i, j in candidates:
            if sim < 0.5:
                break
            if i in used_old or j in used_new:
                continue
            used_old.add(i)
            used_new.add(j)
            v, w = old[i], new[j]
            self.emit(FieldChange(segs, "modified", v, w, element=True,
                                  words=word_diff(v, w) if is_long(v, w) else None),
                      _at(old_loc, i), _at(new_loc, j))
        removed = [(i, v) for i, v in removed if i not in used_old]
        added = [(j, v) for j, v in added if j not in used_new]
        for i, v in removed:
            self.emit(FieldChange(segs, "removed", v, None, element=True), _at(old_loc, i), new_loc)
        for j, v in added:
            self.emit(FieldChange(segs, "added", None, v, element=True), old_loc, _at(new_loc, j))


def _at(loc, part):
    return None if loc is None else loc + (part,)


def _key(value: dict, spec: tuple[str, ...]) -> tuple:
    return tuple(value[f] for f in spec if value.get(f) is not None)


def _natural_part(p) -> tuple:
    return (0, p, "") if isinstance(p, (int, float)) and not isinstance(p, bool) else (1, 0, str(p))


def compare_fields(old: dict | None, new: dict | None, old_src: Sourced | None, new_src: Sourced | None,
                   old_loc: tuple | None = (), new_loc: tuple | None = ()) -> list[FieldChange]:
    w = _Walker(old_src, new_src)
    w.value(old or {}, new or {}, (), old_loc, new_loc)
    return w.out


# --- items of a plan -----------------------------------------------------------------------------------


def plan_item(mp: Masterplan) -> Item:
    data: dict = _dump(mp.plan, mp.repo) if mp.plan is not None else {}
    return Item("plan", mp.plan.item.title if mp.plan else "plan", mp.plan, lambda: data)


def taxonomy_data(mp: Masterplan) -> dict:
    return mp.taxonomy.taxonomy.model_dump(mode="json")


def _item(key: str, name: str, src: Sourced, repo, drop: str, **kw) -> Item:
    return Item(key, name, src, lambda: _dump(src, repo, drop), **kw)


def _opd_item(o, src: Sourced, n: int) -> Item:
    def make() -> dict:
        data = o.model_dump(mode="json")
        data.pop("id")
        return data

    return Item(o.id, o.name, src, make, loc=("opd", n))


def items_of(mp: Masterplan) -> dict[str, dict[str, Item]]:
    repo = mp.repo
    out: dict[str, dict[str, Item]] = {"dimensions": {}, "programmes": {}, "indicators": {}, "stages": {}, "opds": {}}
    for d in mp.dimensions:
        dim = mp.taxonomy.dimensions.get(d.item.dimension)
        name = dim.name.id if dim is not None else d.item.dimension
        out["dimensions"][d.item.dimension] = _item(d.item.dimension, name, d, repo, "dimension")
    for p in mp.programmes:
        out["programmes"][p.item.id] = _item(p.item.id, p.item.name or "", p, repo, "id",
                                              quick_win=bool(p.item.quick_win))
    for i in mp.indicators:
        out["indicators"][i.item.id] = _item(i.item.id, i.item.name, i, repo, "id")
    for s in mp.stages:
        out["stages"][s.item.stage] = _item(s.item.stage, s.item.title, s, repo, "stage")
    if mp.opd_file is not None:
        for n, o in enumerate(mp.opd_file.item.opd):
            out["opds"][o.id] = _opd_item(o, mp.opd_file, n)
    return out


def _loc(item: Item | None) -> tuple | None:
    return None if item is None else item.loc


_MARKDOWN = (".md", ".markdown")


def _markdown_same(old_repo, new_repo) -> bool:
    """Whether both sides hold the same Markdown files byte for byte (known only for git revisions)."""
    if old_repo.blobs is None or new_repo.blobs is None:
        return False
    a = {k: v for k, v in old_repo.blobs.items() if k.endswith(_MARKDOWN)}
    b = {k: v for k, v in new_repo.blobs.items() if k.endswith(_MARKDOWN)}
    return a == b


def _shared(o: Item, n: Item, old_repo, new_repo, markdown_same: bool = False) -> bool:
    """The same loaded file on both sides (FileCache) and the same Markdown prose: nothing to compare."""
    if o.src is None or n.src is None or o.src.item is not n.src.item or o.src.path != n.src.path:
        return False
    if markdown_same:
        return True
    for _, ref in prose_fields(o.src.item):
        rel = resolve_prose_path(o.src.path, ref.file)
        if rel is None or not (old_repo.exists(rel) and new_repo.exists(rel)):
            return False
        try:
            if old_repo.read(rel) != new_repo.read(rel):
                return False
        except OSError:  # a prose file the guarded reader refuses (too large): compared as unknown
            return False
    return True


def diff_masterplans(old: Masterplan, new: Masterplan, old_side: Side, new_side: Side,
                     config: RepoConfig | None = None) -> DiffResult:
    """Every planning change from `old` to `new`, typed and flagged. `config` (default: the new side's)
    supplies the rule severities and the budget threshold."""
    from .flags import flag_change

    config = config or new.config
    severities = effective_severities(config.diff.severity)
    threshold = config.diff.budget_threshold_percent
    changes: list[Change] = []

    # The plan itself, with the pinned taxonomy as a plan-level field.
    a, b = plan_item(old), plan_item(new)
    fields = compare_fields(a.data, b.data, a.src, b.src)
    tax_old, tax_new = taxonomy_data(old), taxonomy_data(new)
    if old.config.taxonomy != new.config.taxonomy or tax_old["id"] != tax_new["id"]:
        fields.append(FieldChange((Segment("taxonomy"),), "modified", tax_old["id"], tax_new["id"],
                                  file="kotacerdas.yaml"))
    else:
        tax_fields = compare_fields(tax_old, tax_new, None, None, None, None)
        for f in tax_fields:
            f.segments = (Segment("taxonomy"),) + f.segments
        fields.extend(tax_fields)
    if fields:
        changes.append(Change("plan", "modified", "plan", b.name, b.src.path if b.src else "plan.yaml",
                              a.src.path if a.src else None, fields))

    old_items, new_items = items_of(old), items_of(new)
    markdown_same = _markdown_same(old.repo, new.repo)
    for section in ("dimensions", "programmes", "indicators", "stages", "opds"):
        olds, news = old_items[section], new_items[section]
        for key in sorted(set(olds) | set(news)):
            o, n = olds.get(key), news.get(key)
            sec = section
            if section == "programmes" and ((o and o.quick_win) or (n and n.quick_win)):
                sec = "quick-wins"
            if o is not None and n is not None and _shared(o, n, old.repo, new.repo, markdown_same):
                continue
            # the key is on one side at least, and a section's item always has its file (only the plan may not)
            if o is None:
                assert n is not None and n.src is not None
                changes.append(Change(sec, "added", key, n.name, n.src.path, None, item=n.data))
            elif n is None:
                assert o.src is not None
                changes.append(Change(sec, "removed", key, o.name, o.src.path, o.src.path, item=o.data))
            elif not same(o.data, n.data):
                fields = compare_fields(o.data, n.data, o.src, n.src, _loc(o), _loc(n))
                if fields:
                    assert o.src is not None and n.src is not None
                    changes.append(Change(sec, "modified", key, n.name, n.src.path, o.src.path, fields))
    for c in changes:
        c.flags = flag_change(c, old, new, severities, threshold)
    changes.sort(key=Change.sort_key)
    return DiffResult(old_side, new_side, changes, severities, threshold, config.language)
