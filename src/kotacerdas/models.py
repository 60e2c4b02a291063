"""The masterplan repository format, as Pydantic v2 models: one model per file kind.

These models are the format's single definition: `validate` checks files against them, `schema` exports
them as JSON Schema for editors, and docs/format.md documents them. Field descriptions are bilingual
(Bahasa Indonesia, then English) because they show up in editors as the officer types.

Reference data (the taxonomy's dimensions and elements, OPD ids, indicator ids) is not an enum here:
it lives in the repository or in kotacerdas/data, and cross-references are checked by `checks.py`.
"""



import types
import typing
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainValidator, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from .source import source_text
from .values import Date, Decimal, Flag, Number, Percent, Rupiah, WholeNumber, Year

# 2 (issue 14): numbers are strict (a quoted number is text), and a fact left out is not known (no
# default status "planned", progress 0 or signed false). `kotacerdas migrate` upgrades a format-1
# repository (it unquotes quoted numbers); format 1 is still read.
FORMAT_VERSION = 2


def _as_text(value: Any) -> Any:
    # A number written unquoted where text is expected keeps exactly the characters the user wrote.
    return source_text(value)


def _d(id_text: str, en_text: str, **kw) -> Any:
    return Field(description=f"{id_text} / {en_text}", **kw)


Text = Annotated[str, BeforeValidator(_as_text), Field(min_length=1)]
Id = Annotated[
    str,
    BeforeValidator(_as_text),
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=64,
          json_schema_extra={"x-expected": "an id of letters, digits, '-', '_' or '.', e.g. QW-GOV-01"}),
]
Code = Annotated[
    str,
    BeforeValidator(_as_text),
    Field(pattern=r"^[a-z][a-z0-9\-]*$", max_length=40,
          json_schema_extra={"x-expected": "a short lowercase code, e.g. governance"}),
]
OpdId = Annotated[
    str,
    BeforeValidator(_as_text),
    Field(pattern=r"^[A-Za-z][A-Za-z0-9.\-]*$", max_length=40,
          json_schema_extra={"x-expected": "an OPD abbreviation from opd.yaml, e.g. Diskominfo"}),
]
# Numbers, years and dates are strict (values.py): no true/false, no quoted digits, no .nan/.inf, no
# Unix timestamps, and one diagnostic in the officer's terms for `3,3`, `12%`, `Rp 1.250.000`, `1.250`.


class ProseFile(BaseModel):
    """Long prose kept in a Markdown file next to the data (path relative to the YAML file)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    file: str


def _prose(value: Any) -> str | ProseFile:
    value = source_text(value)
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("prose", "expected text, found empty text")
        return value
    if isinstance(value, dict) and set(value) == {"file"} and isinstance(value["file"], str) and value["file"]:
        return ProseFile(file=value["file"])
    raise PydanticCustomError(
        "prose", "expected text, or a reference to a Markdown file written as `file: narasi/nama.md`"
    )


Prose = Annotated[
    str | ProseFile,
    PlainValidator(_prose),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "properties": {"file": {"type": "string", "minLength": 1, "pattern": r"\.md$"}},
                    "required": ["file"],
                    "additionalProperties": False,
                },
            ],
            "description": "Teks, atau rujukan ke berkas Markdown / Text, or a reference to a Markdown file",
        }
    ),
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False, validate_default=False, defer_build=True)


# --- kotacerdas.yaml -----------------------------------------------------------------------------------

Severity = Literal["error", "warning", "info"]


class PathOverride(Model):
    paths: list[str] = _d("Pola glob berkas", "File glob patterns, e.g. programmes/legacy/*.yaml", min_length=1)
    ignore: list[str] = _d("Aturan yang diabaikan", "Rules to ignore for these files", default_factory=list)
    severity: dict[str, Severity] = _d("Tingkat aturan", "Rule severities for these files", default_factory=dict)


class LintConfig(Model):
    select: list[str] | None = _d("Aturan yang dipakai (kosong = semua)", "Rules to run (absent = all)", default=None)
    ignore: list[str] = _d("Aturan yang diabaikan", "Rules to skip", default_factory=list)
    severity: dict[str, Severity] = _d("Ubah tingkat aturan", "Change a rule's severity", default_factory=dict)
    options: dict[str, dict[str, Any]] = _d("Opsi aturan (ambang)", "Rule options (thresholds)", default_factory=dict)
    per_path: list[PathOverride] = _d("Pengaturan per berkas", "Per-path overrides", default_factory=list)


class DiffConfig(Model):
    severity: dict[str, Severity] = _d("Tingkat jenis perubahan", "Severity per change kind", default_factory=dict)
    budget_threshold_percent: Decimal = _d("Ambang perubahan anggaran (%)", "Budget change threshold (%)",
                                         default=10.0, ge=0)


class LimitsConfig(Model):
    max_file_bytes: WholeNumber = _d("Ukuran berkas maksimum", "Largest file, bytes", default=1_048_576, ge=1024)
    max_nodes: WholeNumber = _d("Jumlah nilai maksimum per berkas", "Most values in one file", default=100_000, ge=100)
    max_depth: WholeNumber = _d("Kedalaman maksimum", "Deepest nesting", default=64, ge=4, le=500)
    max_files: WholeNumber = _d("Jumlah berkas maksimum", "Most files in a repository", default=50_000, ge=1)
    max_total_bytes: WholeNumber = _d("Ukuran repositori maksimum", "Largest repository, bytes",
                              default=512 * 1_048_576, ge=1024)


class EvaluationWeights(Model):
    baseline: Decimal = 10
    output: Decimal = 20
    outcome: Decimal = 30
    impact: Decimal = 30
    quick_win: Decimal = 10


class RepoConfig(Model):
    """kotacerdas.yaml: the repository's settings."""

    format_version: Literal[1, 2] = _d("Versi format berkas", "Version of this file format")
    taxonomy: Id = _d("Taksonomi yang dipakai", "The taxonomy the plan pins", default="kominfo-2017")
    language: Literal["id", "en"] = _d("Bahasa dokumen", "Default document language", default="id")
    lint: LintConfig = _d("Pengaturan lint", "Lint settings", default_factory=LintConfig)
    diff: DiffConfig = _d("Pengaturan diff", "Diff settings", default_factory=DiffConfig)
    limits: LimitsConfig = _d("Batas sumber daya", "Resource limits", default_factory=LimitsConfig)
    evaluation: EvaluationWeights = _d("Bobot evaluasi", "Evaluation weights", default_factory=EvaluationWeights)


# --- plan.yaml -----------------------------------------------------------------------------------------

Level = Literal["kabupaten", "kota", "provinsi"]
RegulationKind = Literal[
    "undang-undang",
    "peraturan-pemerintah",
    "peraturan-presiden",
    "peraturan-menteri",
    "keputusan-menteri",
    "peraturan-daerah",
    "peraturan-gubernur",
    "peraturan-bupati",
    "peraturan-wali-kota",
    "keputusan-gubernur",
    "keputusan-bupati",
    "keputusan-wali-kota",
    "surat-edaran",
    "nota-kesepahaman",
    # issue 14: what real smart-city records cite besides the above
    "instruksi-presiden",
    "instruksi-gubernur",
    "instruksi-bupati",
    "instruksi-wali-kota",
    "peraturan-lembaga",
    "kesepakatan-bersama",
    "perjanjian-kerja-sama",
    "lainnya",
]


class Period(Model):
    start: Year = _d("Tahun awal", "First year")
    end: Year = _d("Tahun akhir", "Last year")


class Region(Model):
    code: Text = _d("Kode wilayah Kemendagri (32 atau 32.05)", "Kemendagri region code (32 or 32.05)")
    level: Level = _d("Tingkat pemerintahan", "Level of government")
    name: Text = _d("Nama daerah", "Region name, e.g. Kabupaten Garut")
    province: Text | None = _d("Provinsi", "Province", default=None)


class RegionProfile(Model):
    area_km2: Decimal | None = _d("Luas wilayah (km²)", "Area (km²)", default=None, gt=0)
    population: WholeNumber | None = _d("Jumlah penduduk", "Population", default=None, ge=0)
    population_year: Year | None = _d("Tahun data penduduk", "Year of the population figure", default=None)
    districts: WholeNumber | None = _d("Jumlah kecamatan", "Number of kecamatan", default=None, ge=0)
    villages: WholeNumber | None = _d("Jumlah desa/kelurahan", "Number of desa/kelurahan", default=None, ge=0)
    description: Prose | None = _d("Gambaran umum daerah", "Region overview", default=None)


class Regulation(Model):
    kind: RegulationKind = _d("Jenis peraturan", "Kind of regulation")
    number: Text | None = _d("Nomor", "Number", default=None)
    year: Year = _d("Tahun", "Year")
    title: Text = _d("Judul / tentang", "Title")


class Rpjmd(Model):
    title: Text = _d("Judul RPJMD", "RPJMD title")
    period: Period = _d("Periode RPJMD", "RPJMD period")
    regulation: Regulation | None = _d("Peraturan penetapan", "Adopting regulation", default=None)


class Sasaran(Model):
    id: Id = _d("Kode sasaran", "Objective id")
    text: Text = _d("Rumusan sasaran", "Objective")


class Book(Model):
    id: Id = _d("Kode buku", "Book id, e.g. buku-1")
    number: WholeNumber = _d("Nomor buku", "Book number", ge=1, le=10)
    title: Text = _d("Judul buku", "Book title")
    stage: Literal["pra-bimtek", "I", "II", "III", "IV"] | None = _d("Tahap penyusunan", "Stage that produces it",
                                                                     default=None)
    status: Literal["draft", "final", "adopted"] = _d("Status", "Status", default="draft")
    # issue 17 (the books): which chapters the book holds; absent = the default contents for its number
    chapters: list[Code] | None = _d("Bab dalam buku (slug, mis. peta-jalan)", "Chapters in the book (slugs, "
                                     "e.g. peta-jalan); absent = the default for its number", default=None)


class BodyMember(Model):
    role: Text = _d("Peran (Ketua, Anggota, …)", "Role (chair, member, …)")
    opd: OpdId | None = _d("Perangkat daerah", "Regional office", default=None)
    name: Text | None = _d("Nama atau jabatan", "Name or position", default=None)
    organisation: Text | None = _d("Lembaga di luar pemda", "Organisation outside government", default=None)


class GovernanceBody(Model):
    body: Literal["dewan-smart-city", "tim-pelaksana", "sekretariat", "lainnya"] = _d("Jenis badan", "Body")
    name: Text | None = _d("Nama", "Name", default=None)
    decree: Regulation | None = _d("Keputusan pembentukan", "Founding decree", default=None)
    members: list[BodyMember] = _d("Anggota", "Members", default_factory=list)


class Edition(Model):
    """One edition of the masterplan (it is revised: one for 2017-2021, then one for 2023-2027)."""

    id: Id = _d("Kode edisi", "Edition id, e.g. 2019-2023")
    title: Text | None = _d("Judul edisi", "Title of this edition", default=None)
    period: Period = _d("Periode edisi", "Period of this edition")
    regulation: Regulation | None = _d("Peraturan penetapan edisi", "Regulation adopting this edition",
                                       default=None)
    books: list[Id] = _d("Buku edisi ini (id di books)", "Books of this edition (ids in books)",
                         default_factory=list)
    current: Flag | None = _d("Edisi yang berlaku", "The edition in force (default: the latest)", default=None)


class MemberRegion(Model):
    code: Text = _d("Kode wilayah kab/kota", "Kab/kota region code")
    name: Text = _d("Nama kab/kota", "Kab/kota name")



class Plan(Model):
    """plan.yaml: the region and its masterplan."""

    region: Region = _d("Daerah", "Region")
    title: Text = _d("Judul masterplan", "Masterplan title")
    period: Period = _d("Periode masterplan", "Plan period")
    profile: RegionProfile | None = _d("Profil daerah", "Region profile", default=None)
    background: Prose | None = _d("Latar belakang", "Background", default=None)
    visi: Prose | None = _d("Visi", "Vision", default=None)
    misi: list[Text] = _d("Misi", "Missions", default_factory=list)
    # issue 14: Buku II states them next to the misi; issue 17: with their description, the one home of the
    # flagship programmes (publication.program_unggulan moved here: MOVED_FIELDS)
    program_unggulan: "list[FlagshipProgramme]" = _d("Program unggulan kepala daerah (nama, atau name dan "
                                                     "description)", "Flagship programmes of the regional head "
                                                     "(a name, or name and description)", default_factory=list)
    sasaran: list[Sasaran] = _d("Sasaran", "Objectives", default_factory=list)
    rpjmd: Rpjmd | None = _d("RPJMD yang diacu", "The RPJMD it aligns with", default=None)
    legal_basis: list[Regulation] = _d("Dasar hukum", "Legal basis", default_factory=list)
    books: list[Book] = _d("Buku masterplan", "Books of the masterplan", default_factory=list)
    governance: list[GovernanceBody] = _d("Kelembagaan", "Governance bodies", default_factory=list)
    members: list[MemberRegion] = _d("Kab/kota anggota (provinsi)", "Kab/kota of a province", default_factory=list)
    editions: list[Edition] = _d("Edisi masterplan", "Editions of the masterplan", default_factory=list)
    indicative_budget: Rupiah | None = _d("Pagu indikatif seluruh OPD (rupiah), sebagaimana tertulis di dokumen",
                                          "Indicative budget across all OPDs (rupiah), as the document states it",
                                          default=None)
    publication: "Publication | None" = _d("Isi buku: sambutan, pengesahan, bab tambahan (issue 17)",
                                         "Book content: forewords, signature page, extra chapters", default=None)


# --- opd.yaml ------------------------------------------------------------------------------------------


class Opd(Model):
    id: OpdId = _d("Singkatan (dipakai sebagai rujukan)", "Abbreviation (used as the reference)")
    name: Text = _d("Nama lengkap", "Full name")
    skpd_code: Text | None = _d("Kode SKPD", "SKPD code", default=None)


class OpdRegistry(Model):
    """opd.yaml: the region's offices (perangkat daerah)."""

    opd: list[Opd] = _d("Daftar perangkat daerah", "Regional offices", min_length=1)


# --- taxonomies/*.yaml ---------------------------------------------------------------------------------


class LocalName(Model):
    id: Text = _d("Nama (Bahasa Indonesia)", "Name in Indonesian")
    en: Text | None = _d("Nama (Inggris)", "Name in English", default=None)


class TaxElement(Model):
    code: Code
    name: LocalName


class TaxDimension(Model):
    code: Code
    name: LocalName
    elements: list[TaxElement] = Field(min_length=1)


class Taxonomy(Model):
    """A taxonomy of dimensions and elements, as versioned reference data."""

    id: Id
    version: Text
    name: LocalName
    source: Text | None = None
    dimensions: list[TaxDimension] = Field(min_length=1)


# --- dimensions/*.yaml ---------------------------------------------------------------------------------


class Swot(Model):
    strengths: list[Text] = _d("Kekuatan", "Strengths", default_factory=list)
    weaknesses: list[Text] = _d("Kelemahan", "Weaknesses", default_factory=list)
    opportunities: list[Text] = _d("Peluang", "Opportunities", default_factory=list)
    threats: list[Text] = _d("Ancaman", "Threats", default_factory=list)


class Gap(Model):
    aspect: Text = _d("Aspek", "Aspect")
    current: Text = _d("Kondisi saat ini", "Current condition")
    desired: Text = _d("Kondisi yang diharapkan", "Desired condition")
    action: Text | None = _d("Langkah menutup kesenjangan", "Action to close the gap", default=None)


class Readiness(Model):
    summary: Prose | None = _d("Uraian", "Narrative", default=None)
    swot: Swot = _d("Analisis SWOT", "SWOT analysis")
    gaps: list[Gap] = _d("Analisis kesenjangan", "Gap analysis", default_factory=list)


class ReadinessAnalysis(Model):
    struktur: Readiness = _d("Struktur (SDM, anggaran, tata kelola)", "Structure (people, budget, governance)")
    infrastruktur: Readiness = _d("Infrastruktur (fisik, digital, sosial)", "Infrastructure")
    suprastruktur: Readiness = _d("Suprastruktur (kebijakan, regulasi, kelembagaan)", "Superstructure (policy)")
    nature: Readiness | None = _d("Alam (opsional)", "Nature (optional)", default=None)
    budaya: Readiness | None = _d("Budaya (opsional)", "Culture (optional)", default=None)


class DimensionPlan(Model):
    """dimensions/<code>.yaml: one dimension's readiness analysis, goals and strategy."""

    dimension: Code = _d("Kode dimensi dari taksonomi", "Dimension code from the taxonomy")
    goals: list[Text] = _d("Tujuan dimensi", "Goals of the dimension", default_factory=list)
    strategy: list[Text] = _d("Strategi", "Strategies", default_factory=list)
    narrative: Prose | None = _d("Uraian", "Narrative", default=None)
    readiness: ReadinessAnalysis | None = _d("Analisis kesiapan", "Readiness analysis", default=None)


# --- stages/*.yaml -------------------------------------------------------------------------------------

# The Gerakan Menuju Smart City: selection (assessment), the MoU with the ministry, the four Bimtek stages
# with their preparation, and the evaluation (pemaparan/penilaian) after the masterplan.
StageId = Literal["seleksi", "mou", "pra-bimtek", "I", "II", "III", "IV", "evaluasi"]
STAGE_ORDER: tuple[str, ...] = ("seleksi", "mou", "pra-bimtek", "I", "II", "III", "IV", "evaluasi")


class Participants(Model):
    count: WholeNumber | None = _d("Jumlah peserta", "Number of participants", default=None, ge=0)
    institutions: list[Text] = _d("Lembaga peserta (OPD, kampus, sekolah)", "Institutions", default_factory=list)


class Person(Model):
    name: Text = _d("Nama", "Name")
    organisation: Text | None = _d("Lembaga", "Organisation", default=None)
    role: Text | None = _d("Peran", "Role", default=None)


class AgendaItem(Model):
    topic: Text = _d("Materi", "Topic")
    day: WholeNumber | None = _d("Hari ke-", "Day", default=None, ge=1)
    speaker: Text | None = _d("Narasumber", "Speaker", default=None)


class Deliverable(Model):
    title: Text = _d("Keluaran", "Deliverable")
    book: Id | None = _d("Buku terkait", "Related book", default=None)
    done: Flag = _d("Sudah selesai", "Done", default=False)


class Signatory(Model):
    position: Text = _d("Jabatan", "Position")
    name: Text | None = _d("Nama", "Name", default=None)
    opd: OpdId | None = _d("Perangkat daerah", "Regional office", default=None)
    signed: Flag | None = _d("Sudah menandatangani", "Has signed", default=None)


class Commitment(Model):
    title: Text = _d("Judul komitmen bersama", "Joint commitment title")
    date: Date | None = _d("Tanggal penandatanganan", "Signing date", default=None)
    place: Text | None = _d("Tempat", "Place", default=None)
    signatories: list[Signatory] = _d("Penanda tangan", "Signatories", default_factory=list)


# --- the books (issue 17): what a printed book needs beyond the plan's data; every field optional ------------
# Written under `publication:` in plan.yaml. Nothing here has a default that prints: a field not written is
# a section not printed, a signatory without a name a blank signature line labelled with the position.


class Foreword(Model):
    text: Prose = _d("Isi", "Text")
    name: Text | None = _d("Nama penanda tangan", "Name of the signer", default=None)
    position: Text | None = _d("Jabatan (mis. Bupati Garut)", "Position, e.g. Bupati Garut", default=None)
    place: Text | None = _d("Tempat", "Place", default=None)
    date: Date | None = _d("Tanggal", "Date", default=None)


class Approval(Model):
    title: Text | None = _d("Judul lembar pengesahan", "Title of the signature page", default=None)
    regulation: Regulation | None = _d("Peraturan penetapan (Perbup/Perwali)", "Adopting regulation",
                                       default=None)
    place: Text | None = _d("Tempat", "Place", default=None)
    date: Date | None = _d("Tanggal", "Date", default=None)
    signatories: list[Signatory] = _d("Penanda tangan", "Signatories", default_factory=list)


class FlagshipProgramme(Model):
    """A flagship programme of the regional head: its name alone (`- Garut Satu Data`), or a mapping with
    `name`, `description` and the programmes that serve it."""

    @model_validator(mode="before")
    @classmethod
    def _a_name_alone(cls, value: Any) -> Any:
        value = source_text(value)
        return {"name": value} if isinstance(value, str) else value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):  # the item is text or the mapping
        mapping = handler(core_schema)
        return {"anyOf": [{"type": "string", "minLength": 1}, mapping]}

    name: Text = _d("Program unggulan kepala daerah", "Flagship programme of the regional head")
    description: Prose | None = _d("Uraian", "Description", default=None)
    programmes: list[Id] = _d("Program smart city yang mendukung", "Smart-city programmes that serve it",
                              default_factory=list)


class KeyIndicator(Model):
    sasaran: Id = _d("Kode sasaran (dari plan.yaml)", "Objective id (from plan.yaml)")
    name: Text = _d("Indikator kinerja utama", "Key performance indicator")
    unit: Text | None = _d("Satuan", "Unit", default=None)
    baseline: Decimal | None = _d("Nilai awal", "Baseline value", default=None)
    target: Decimal | None = _d("Target akhir periode", "Target at the end of the period", default=None)
    formula: Text | None = _d("Formula", "Formula", default=None)
    opd: OpdId | None = _d("OPD penanggung jawab", "Responsible office", default=None)


class SupportingInfrastructure(Model):
    integration: Prose | None = _d("Integrasi sistem", "System integration", default=None)
    network: Prose | None = _d("Jaringan", "Network", default=None)
    data_centre: Prose | None = _d("Pusat data", "Data centre", default=None)
    command_centre: Prose | None = _d("Command center", "Command centre", default=None)


class LaneYear(Model):
    year: Year = _d("Tahun", "Year")
    amount: Rupiah | None = _d("Dana indikatif (rupiah)", "Indicative funds (rupiah)", default=None)
    note: Text | None = _d("Keterangan", "Note", default=None)


class RoadmapLane(Model):
    id: Id = _d("Kode jalur", "Lane id")
    name: Text = _d("Nama jalur (mis. Infrastruktur TIK)", "Lane name, e.g. ICT infrastructure")
    programmes: list[Id] = _d("Program dalam jalur", "Programmes in the lane", default_factory=list)
    years: list[LaneYear] = _d("Dana indikatif per tahun", "Indicative funds per year", default_factory=list)


class Publication(Model):
    logo: Text | None = _d("Berkas logo daerah (PNG, JPG atau SVG; relatif ke plan.yaml)",
                           "The region's logo file (PNG, JPG or SVG; relative to plan.yaml)", default=None)
    edition: Text | None = _d("Edisi (mis. Edisi Revisi 2024)", "Edition, e.g. Revised edition 2024",
                              default=None)
    year: Year | None = _d("Tahun terbit", "Year of publication", default=None)
    sambutan: Foreword | None = _d("Kata sambutan kepala daerah", "Foreword of the regional head", default=None)
    kata_pengantar: Foreword | None = _d("Kata pengantar (Ketua Tim Pelaksana)", "Preface", default=None)
    approval: Approval | None = _d("Lembar pengesahan", "Signature page", default=None)
    maksud: Prose | None = _d("Maksud", "Purpose", default=None)
    tujuan: list[Text] = _d("Tujuan penyusunan", "Aims of the masterplan", default_factory=list)
    metodologi: Prose | None = _d("Metodologi", "Method", default=None)
    sistematika: Prose | None = _d("Sistematika penulisan", "Outline of the book", default=None)
    iku: list[KeyIndicator] = _d("Indikator kinerja utama (IKU) per sasaran", "Key performance indicators",
                                 default_factory=list)
    infrastructure: SupportingInfrastructure | None = _d("Rencana infrastruktur pendukung",
                                                         "Supporting infrastructure plan", default=None)
    sdm: Prose | None = _d("Pengembangan SDM", "Developing people", default=None)
    pola_pikir: Prose | None = _d("Perubahan pola pikir dan pengembangan komunitas",
                                  "Changing mindsets and building community", default=None)
    koordinasi: Prose | None = _d("Koordinasi", "Coordination", default=None)
    penganggaran: Prose | None = _d("Pola penganggaran", "Budgeting pattern", default=None)
    roadmap_lanes: list[RoadmapLane] = _d("Jalur peta jalan dengan dana indikatif", "Roadmap lanes with funds",
                                          default_factory=list)
    penutup: Prose | None = _d("Penutup", "Closing chapter", default=None)

Plan.model_rebuild()  # Plan.publication and Plan.program_unggulan name models defined here, after Signatory

# Fields that moved (file kind -> where it was -> where it is now): validate reports the old place (KC029),
# `kotacerdas migrate` moves it.
MOVED_FIELDS: dict[str, dict[tuple[str, ...], tuple[str, ...]]] = {
    "plan": {("publication", "program_unggulan"): ("program_unggulan",)},  # issue 17: one home
}
# --- end of the books block ------------------------------------------------------------------------------------


class StageDates(Model):
    start: Date = _d("Tanggal mulai (YYYY-MM-DD)", "Start date (YYYY-MM-DD)")
    end: Date | None = _d("Tanggal selesai", "End date", default=None)


class Stage(Model):
    """stages/<name>.yaml: one Bimtek stage."""

    stage: StageId = _d("Tahap (pra-bimtek, I–IV)", "Stage")
    title: Text = _d("Judul tahap", "Stage title")
    status: Literal["planned", "ongoing", "completed", "cancelled"] | None = _d("Status", "Status", default=None)
    dates: StageDates | None = _d("Tanggal", "Dates", default=None)
    venue: Text | None = _d("Tempat", "Venue", default=None)
    participants: Participants | None = _d("Peserta", "Participants", default=None)
    facilitators: list[Person] = _d("Tim pembimbing", "Guidance team", default_factory=list)
    agenda: list[AgendaItem] = _d("Agenda", "Agenda", default_factory=list)
    deliverables: list[Deliverable] = _d("Keluaran", "Deliverables", default_factory=list)
    commitment: Commitment | None = _d("Komitmen bersama", "Joint commitment", default=None)
    notes: Prose | None = _d("Catatan", "Notes", default=None)


# --- programmes/**/*.yaml ------------------------------------------------------------------------------

FundingSource = Literal[
    "apbd", "apbd-provinsi", "apbn", "dak", "dana-desa", "csr", "kpbu", "swadaya", "hibah", "lainnya"
]
FUNDING_SOURCES: tuple[str, ...] = FundingSource.__args__  # type: ignore[attr-defined]


class FundingLine(Model):
    source: FundingSource = _d("Sumber dana", "Funding source")
    year: Year = _d("Tahun anggaran", "Fiscal year")
    amount: Rupiah | None = _d("Jumlah (rupiah, tanpa titik)", "Amount in whole rupiah", default=None)
    note: Text | None = _d("Keterangan", "Note", default=None)


class Partner(Model):
    name: Text = _d("Nama mitra", "Partner name")
    kind: Literal["academia", "business", "community", "media", "government", "cooperative", "state-enterprise"] = _d(
        "Unsur pentahelix", "Kind")


class Milestone(Model):
    title: Text = _d("Tonggak", "Milestone")
    date: Date = _d("Tanggal (YYYY-MM-DD)", "Date")
    kind: Literal["village-coordination", "launch", "evaluation", "other"] = _d("Jenis", "Kind", default="other")
    done: Flag = _d("Sudah tercapai", "Reached", default=False)


ProgrammeStatus = Literal["planned", "ongoing", "completed", "suspended", "cancelled"]
# What real monitoring reports say of a programme in a year (issue 15/14): the current statuses plus
# "partly running" (berjalan sebagian), "stopped" (berhenti) and "unknown" (belum diketahui).
YearStatus = Literal["planned", "ongoing", "partly-running", "completed", "suspended", "stopped", "cancelled",
                     "unknown"]


class ProgrammeYear(Model):
    """One year of a programme's life: what monitoring recorded for that year. A field left out is not known."""

    year: Year = _d("Tahun", "Year")
    status: YearStatus | None = _d("Status pada tahun itu", "Status in that year", default=None)
    progress: Percent | None = _d("Kemajuan (%) pada akhir tahun", "Progress (%) at the end of the year",
                                  default=None)
    obstacle: Text | None = _d("Kendala", "Obstacle", default=None)
    follow_up: Text | None = _d("Penyelesaian / tindak lanjut", "Solution / follow-up", default=None)
    budget_realisation: Rupiah | None = _d("Realisasi anggaran (rupiah)", "Budget spent (rupiah)", default=None)
    note: Text | None = _d("Keterangan", "Note", default=None)


class Programme(Model):
    """programmes/**/<id>.yaml: one programme, innovation or quick win."""

    id: Id = _d("Kode program yang tetap", "Stable programme id")
    # issue 14: name, dimension, problem, description and owner may be left out (not known): public records
    # of a quick win often give only some of them; lint KC130 asks for what the Bimtek method needs.
    name: Text | None = _d("Nama program/inovasi", "Programme name", default=None)
    dimension: Code | None = _d("Dimensi", "Dimension", default=None)
    secondary_dimensions: list[Code] = _d("Dimensi lain yang juga dilayani", "Other dimensions it also serves",
                                          default_factory=list)
    element: Code | None = _d("Elemen", "Element", default=None)
    theme: Text | None = _d("Tema lokal", "Local theme", default=None)
    innovation: Literal["program", "produk", "metode", "konseptual", "teknologi"] | None = _d(
        "Jenis inovasi", "Innovation kind", default=None)
    quick_win: Flag | None = _d("Quick win", "Quick win", default=None)  # left out: not known (not "no")
    problem: Prose | None = _d("Permasalahan", "Problem", default=None)
    description: Prose | None = _d("Deskripsi", "Description", default=None)
    owner: OpdId | None = _d("OPD penanggung jawab", "Owner OPD", default=None)
    supporting: list[OpdId] = _d("OPD pendukung", "Supporting OPDs", default_factory=list)
    partners: list[Partner] = _d("Mitra", "Partners", default_factory=list)
    rpjmd_programme: Text | None = _d("Program RPJMD/Renstra terkait", "Linked RPJMD/Renstra programme", default=None)
    horizon: Literal["pendek", "menengah", "panjang"] | None = _d("Jangka waktu", "Horizon", default=None)
    start: Year | None = _d("Tahun mulai", "Start year", default=None)
    end: Year | None = _d("Tahun selesai", "End year", default=None)  # left out: still running, or not known
    duration_months: WholeNumber | None = _d("Lama pelaksanaan (bulan)", "Duration in months", default=None,
                                             ge=1, le=240)
    funding: list[FundingLine] = _d("Pendanaan", "Funding lines", default_factory=list)
    status: ProgrammeStatus | None = _d("Status", "Status", default=None)
    progress: Percent | None = _d("Kemajuan (%)", "Progress (%)", default=None)
    indicators: list[Id] = _d("Indikator yang dilayani", "Indicators it serves", default_factory=list)
    editions: list[Id] = _d("Edisi yang memuatnya (kosong = menurut tahunnya)",
                            "Editions that hold it (empty: by its years)", default_factory=list)
    milestones: list[Milestone] = _d("Tonggak", "Milestones", default_factory=list)
    history: list[ProgrammeYear] = _d("Riwayat pemantauan per tahun", "Monitoring history, one entry per year",
                                      default_factory=list)
    outputs: list[Text] = _d("Keluaran", "Outputs", default_factory=list)
    outcome: Text | None = _d("Hasil", "Outcome", default=None)
    impact: Text | None = _d("Dampak", "Impact", default=None)


# --- indicators/**/*.yaml ------------------------------------------------------------------------------


class Baseline(Model):
    year: Year = _d("Tahun data dasar", "Baseline year")
    value: Number = _d("Nilai data dasar", "Baseline value")


class YearTarget(Model):
    year: Year = _d("Tahun", "Year")
    target: Number | None = _d("Target", "Target", default=None)
    realisation: Number | None = _d("Realisasi", "Realisation", default=None)
    obstacle: Text | None = _d("Kendala (jika target tidak tercapai)", "Obstacle if missed", default=None)
    follow_up: Text | None = _d("Tindak lanjut / solusi", "Follow-up", default=None)


class Indicator(Model):
    """indicators/**/<id>.yaml: one indicator with its targets and realisation."""

    id: Id = _d("Kode indikator", "Indicator id")
    name: Text = _d("Nama indikator", "Indicator name")
    unit: Text = _d("Satuan", "Unit")
    direction: Literal["up", "down"] = _d("Arah baik: up (naik) atau down (turun)", "Better when up or down")
    level: Literal["output", "outcome", "impact"] | None = _d("Tingkat", "Level", default=None)
    opd: OpdId | None = _d("OPD penanggung jawab data", "Responsible OPD", default=None)
    sasaran: list[Id] = _d("Sasaran yang diukur (id di plan.yaml)", "Objectives it measures (ids in plan.yaml)",
                           default_factory=list)
    cumulative: Flag | None = _d("Nilai kumulatif (bukan per tahun)", "Values are cumulative, not per year",
                                 default=None)
    definition: Text | None = _d("Definisi operasional", "Definition", default=None)
    data_source: Text | None = _d("Sumber data", "Data source", default=None)
    baseline: Baseline | None = _d("Data dasar", "Baseline", default=None)
    targets: list[YearTarget] = _d("Target dan realisasi per tahun", "Yearly targets and realisation",
                                   default_factory=list)


# --- evaluations/<year>.yaml (issue 15: the yearly national evaluation) -------------------------------------
# The record of one year's evaluation by the ministry, as the result letter gives it. Every figure is
# optional: a score the letter does not give is not known (never zero), and nothing here is computed.

EvaluationEventKind = Literal["presentation", "field-review", "self-assessment", "impact-survey", "result", "award",
                              "other"]
FollowUpStatus = Literal["done", "in-progress", "not-started", "dropped"]
EvidenceKind = Literal["regulation", "decree", "guideline", "application-inventory", "organisation-structure",
                       "budget", "report", "documentation", "other"]
Score = Annotated[Decimal, Field(ge=0, le=100, json_schema_extra={"x-expected": "a score as given, e.g. 3.31"})]


class EvaluationLetter(Model):
    number: Text | None = _d("Nomor surat hasil evaluasi", "Number of the result letter", default=None)
    date: Date | None = _d("Tanggal surat", "Date of the letter", default=None)
    subject: Text | None = _d("Perihal", "Subject", default=None)


class EvaluationScores(Model):
    baseline: Score | None = _d("Nilai dimensi Baseline", "Baseline score", default=None)
    output: Score | None = _d("Nilai dimensi Output", "Output score", default=None)
    outcome: Score | None = _d("Nilai dimensi Outcome", "Outcome score", default=None)
    impact: Score | None = _d("Nilai dimensi Impact", "Impact score", default=None)
    quick_win: Score | None = _d("Nilai dimensi Quick Win", "Quick win score", default=None)


class DimensionScore(Model):
    dimension: Code = _d("Dimensi smart city", "Smart dimension")
    score: Score | None = _d("Nilai", "Score", default=None)
    note: Text | None = _d("Catatan", "Note", default=None)


class EvaluationRank(Model):
    province: WholeNumber | None = _d("Peringkat di provinsi", "Rank in the province", default=None, ge=1)
    province_of: WholeNumber | None = _d("Jumlah daerah dinilai di provinsi", "Regions ranked in the province",
                                 default=None, ge=1)
    national: WholeNumber | None = _d("Peringkat nasional", "National rank", default=None, ge=1)
    national_of: WholeNumber | None = _d("Jumlah daerah dinilai nasional", "Regions ranked nationally", default=None,
                                         ge=1)


class RecommendationFollowUp(Model):
    status: FollowUpStatus = _d("Status tindak lanjut", "Follow-up status")
    action: Text | None = _d("Yang dilakukan", "What was done", default=None)
    date: Date | None = _d("Tanggal", "Date", default=None)
    evidence: Text | None = _d("Bukti (berkas atau tautan)", "Evidence (file path or link)", default=None)


class Recommendation(Model):
    id: Id | None = _d("Kode rekomendasi", "Recommendation id", default=None)
    text: Text = _d("Rekomendasi", "Recommendation")
    dimension: Code | None = _d("Dimensi terkait", "Related smart dimension", default=None)
    opd: OpdId | None = _d("OPD penanggung jawab tindak lanjut", "OPD responsible for the follow-up", default=None)
    follow_up: RecommendationFollowUp | None = _d("Tindak lanjut", "Follow-up", default=None)


class EvidenceItem(Model):
    kind: EvidenceKind = _d("Jenis bukti dukung", "Kind of evidence")
    title: Text = _d("Judul dokumen", "Document title")
    path: Text | None = _d("Berkas (path dalam repositori)", "File (path in the repository)", default=None)
    url: Text | None = _d("Tautan", "Link", default=None)


class SelfAssessment(Model):
    submitted: Date | None = _d("Tanggal pengiriman", "Date submitted", default=None)
    account: Text | None = _d("Akun pengirim", "Account that submitted it", default=None)
    evidence: list[EvidenceItem] = _d("Bukti dukung", "Supporting evidence", default_factory=list)


class SurveyDimension(Model):
    dimension: Code = _d("Dimensi", "Smart dimension")
    respondents: WholeNumber | None = _d("Jumlah responden", "Respondents", default=None, ge=0)
    score: Score | None = _d("Nilai", "Score", default=None)
    programme: Id | None = _d("Program yang disurvei", "Programme surveyed", default=None)


class ImpactSurvey(Model):
    respondents: WholeNumber | None = _d("Jumlah responden", "Respondents", default=None, ge=0)
    score: Score | None = _d("Nilai survei", "Survey score", default=None)
    summary: Text | None = _d("Ringkasan", "Summary", default=None)
    dimensions: list[SurveyDimension] = _d("Per dimensi", "Per dimension", default_factory=list)


class EvaluationEvent(Model):
    kind: EvaluationEventKind = _d("Jenis kegiatan", "Kind of event")
    date: Date | None = _d("Tanggal", "Date", default=None)
    note: Text | None = _d("Keterangan", "Note", default=None)


class Evaluation(Model):
    """evaluations/<year>.yaml: one year's national evaluation, as the result letter gives it."""

    year: Year = _d("Tahun evaluasi", "Evaluation year")
    evaluator: Text | None = _d("Penilai (kementerian)", "Evaluator (ministry)", default=None)
    letter: EvaluationLetter | None = _d("Surat hasil evaluasi", "Result letter", default=None)
    index: Score | None = _d("Indeks smart city resmi", "Official overall index", default=None)
    previous_index: Score | None = _d("Indeks tahun lalu (menurut surat)", "Last year's index (as the letter says)",
                                      default=None)
    change: Decimal | None = _d("Perubahan dari tahun lalu (menurut surat)", "Change from last year (as given)",
                              default=None)
    scores: EvaluationScores | None = _d("Nilai per dimensi evaluasi", "Scores per evaluation dimension",
                                         default=None)
    weights: EvaluationWeights | None = _d("Bobot yang dipakai tahun itu", "Weights used that year", default=None)
    dimension_scores: list[DimensionScore] = _d("Nilai per dimensi smart city", "Scores per smart dimension",
                                                default_factory=list)
    rank: EvaluationRank | None = _d("Peringkat", "Rank", default=None)
    assessors: list[Person] = _d("Tim penilai", "Assessors", default_factory=list)
    events: list[EvaluationEvent] = _d("Tahapan evaluasi", "Evaluation events", default_factory=list)
    strengths: list[Text] = _d("Kekuatan", "Strengths", default_factory=list)
    weaknesses: list[Text] = _d("Kelemahan", "Weaknesses", default_factory=list)
    findings: list[Text] = _d("Temuan", "Findings", default_factory=list)
    recommendations: list[Recommendation] = _d("Rekomendasi", "Recommendations", default_factory=list)
    self_assessment: SelfAssessment | None = _d("Penilaian mandiri (Tahap II)", "Self-assessment (stage II)",
                                                default=None)
    survey: ImpactSurvey | None = _d("Survei dampak", "Impact survey", default=None)
    note: Text | None = _d("Catatan", "Note", default=None)

# --- end of the evaluation block ------------------------------------------------------------------------------


def unwrap_annotation(tp: Any) -> Any:
    """The model (or plain type) inside an annotation: Annotated, Optional/Union (a model member wins),
    and containers (their item type) are looked through. Used to walk the models by field path."""
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            found = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            tp = found[0] if found else args[0]
        elif origin in (list, tuple, set, dict):
            tp = typing.get_args(tp)[-1]
        else:
            return tp


FILE_MODELS: dict[str, type[Model]] = {
    "config": RepoConfig,
    "plan": Plan,
    "opd": OpdRegistry,
    "taxonomy": Taxonomy,
    "dimension": DimensionPlan,
    "stage": Stage,
    "programme": Programme,
    "indicator": Indicator,
    "evaluation": Evaluation,
}
