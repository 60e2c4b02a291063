"""Words for people: section names, change kinds and field labels, in Indonesian and English.

Field labels come from the format's own bilingual field descriptions (models.py: "Indonesian / English"),
so a new field is labelled without touching this module.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from .records import Segment

SECTION_TITLES = {
    "en": {"plan": "Plan", "dimensions": "Dimensions", "programmes": "Programmes", "quick-wins": "Quick wins",
           "indicators": "Indicators", "stages": "Stages", "opds": "OPDs"},
    "id": {"plan": "Rencana", "dimensions": "Dimensi", "programmes": "Program", "quick-wins": "Quick Win",
           "indicators": "Indikator", "stages": "Tahapan Bimtek", "opds": "Perangkat Daerah"},
}
CHANGE_WORDS = {
    "en": {"added": "added", "removed": "removed", "modified": "modified"},
    "id": {"added": "ditambahkan", "removed": "dihapus", "modified": "diubah"},
}
SEVERITY_WORDS = {
    "en": {"error": "error", "warning": "warning", "info": "info"},
    "id": {"error": "kritis", "warning": "peringatan", "info": "info"},
}
TEXT = {
    "en": {
        "chapter": "Change History",
        "title": "Masterplan changes",
        "compared": "Compared",
        "summary": "Summary",
        "attention": "Needs attention",
        "no_changes": "No planning changes.",
        "severity": "Severity",
        "rule": "Rule",
        "item": "Item",
        "note": "Note",
        "field": "Field",
        "old": "Before",
        "new": "After",
        "none": "(none)",
        "unknown": "not known",
        "element_added": "added",
        "element_removed": "removed",
        "working_tree": "working tree",
        "since": "Changes since revision {rev}.",
        "flagged": "flagged",
        "taxonomy": "Taxonomy",
        "rules": "Rules",
    },
    "id": {
        "chapter": "Riwayat Perubahan",
        "title": "Perubahan masterplan",
        "compared": "Dibandingkan",
        "summary": "Ringkasan",
        "attention": "Perlu perhatian",
        "no_changes": "Tidak ada perubahan perencanaan.",
        "severity": "Tingkat",
        "rule": "Aturan",
        "item": "Butir",
        "note": "Keterangan",
        "field": "Isian",
        "old": "Sebelum",
        "new": "Sesudah",
        "none": "(kosong)",
        "unknown": "belum diketahui",
        "element_added": "ditambahkan",
        "element_removed": "dihapus",
        "working_tree": "salinan kerja",
        "since": "Perubahan sejak revisi {rev}.",
        "flagged": "ditandai",
        "taxonomy": "Taksonomi",
        "rules": "Aturan",
    },
}


def _section_model(section: str):
    from .. import models

    return {
        "plan": models.Plan, "dimensions": models.DimensionPlan, "programmes": models.Programme,
        "quick-wins": models.Programme, "indicators": models.Indicator, "stages": models.Stage, "opds": models.Opd,
    }.get(section)


def field_label(section: str, segments: tuple[Segment, ...], lang: str) -> str:
    """"Pendanaan [apbd 2024] › Jumlah (rupiah, tanpa titik)" for funding[apbd 2024].amount."""
    from ..models import unwrap_annotation

    cls = _section_model(section)
    parts = []
    for i, seg in enumerate(segments):
        label = seg.name
        if section == "plan" and i == 0 and seg.name == "taxonomy":
            label, cls = TEXT[lang]["taxonomy"], None
        elif cls is not None and isinstance(cls, type) and issubclass(cls, BaseModel):
            info = cls.model_fields.get(seg.name)
            if info is not None:
                if info.description and " / " in info.description:
                    id_text, en_text = info.description.split(" / ", 1)
                    label = re.sub(r"\s*\(.*?\)", "", id_text if lang == "id" else en_text) or seg.name
                cls = unwrap_annotation(info.annotation)
            else:
                cls = None
        else:
            cls = None
        parts.append(f"{label} [{seg.key}]" if seg.key is not None else label)
    return " › ".join(parts)
