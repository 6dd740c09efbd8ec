"""An Algoritmeregister entry and the answers for an AI impact assessment, generated from the truth.

``redact register --out DIR`` writes, in Dutch:

* ``algoritmeregister.json``: every field of the publication standard (``Publicatiestandaard
  Algoritmeregister`` 1.0.0, keyed by the standard's *voorkeursterm*), ``null`` where a field is
  empty, the missing required fields listed under ``ontbrekend``, the measurements under
  ``metingen``;
* ``algoritmeregister.md`` and ``.html``: the same entry to read;
* ``impacttoets.md`` and ``.html``: answers for the organisation's own impact assessment (IAMA,
  DPIA): description, purpose and context, data, risks with the measured figures, measures,
  transparency, what a citizen can do.

What the tool is comes from the tool itself: the recognisers and their legal grounds from the
configuration (:func:`redact.config.load_config`), the audit events from the source that writes
them, the figures from ``redact eval`` (a generated set and, when present, the municipal prose of
``../shared/dev-sets``) and from ``redact eval --by-origin``, each with its date, tool version and
data set. The command runs those evaluations itself, or reads their ``--json`` output
(``--measurements``). Only the organisation can fill in who it is, whom to contact and its legal
basis: those come from a small settings file (``docs/register-settings.example.json``) and are
marked as missing when it lacks them.
"""

from __future__ import annotations

import json
import random
import re
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

import jinja2

from redact import __version__, evaluation, events, fairness
from redact.config import Config, load_config
from redact.errors import InputNotFound, UsageError
from redact.files import write_text_atomic
from redact.jsontypes import JsonObject

SCHEMA = "1.0.0"
TEMPLATES = Path(__file__).with_name("register_templates")
PACKAGE_SOURCE = Path(__file__).resolve().parent
DEV_PROSE = Path(__file__).resolve().parents[2] / "shared" / "dev-sets" / "municipal-prose"
EVAL_SEED = 7  # the seed of `make eval`, not the one the recognisers were tuned on
EVAL_COUNT = 300
MISSING = "ONTBREEKT"

# The fields of the publication standard, in its order: (section, heading, voorkeursterm, shown, limit).
# shown is the standard's "Altijd tonen"; "Verplicht" and "Nooit tonen, wel verplicht" are required.
STANDARD_FIELDS: tuple[tuple[str, str, str, str, int | None], ...] = (
    ("Algemene informatie", "Naam", "Naam", "Verplicht", 100),
    ("Algemene informatie", "Korte omschrijving", "Omschrijving", "Verplicht", 350),
    ("Algemene informatie", "Organisatie", "Organisatie", "Verplicht", 100),
    ("Algemene informatie", "Thema", "Thema", "Ja", None),
    ("Algemene informatie", "Status", "Status", "Verplicht", None),
    ("Algemene informatie", "Begindatum", "Begindatum", "Ja", None),
    ("Algemene informatie", "Einddatum", "Einddatum", "Ja", None),
    ("Algemene informatie", "Contactgegevens", "Contactgegevens", "Verplicht", None),
    ("Algemene informatie", "Link naar publiekspagina", "Publiekspagina", "Nee", None),
    ("Algemene informatie", "Publicatiecategorie", "Publicatiecategorie", "Verplicht", None),
    ("Algemene informatie", "Link naar bronregistratie", "Bronregistratie", "Nee", None),
    ("Verantwoord gebruik", "Doel en impact", "Impact", "Ja", 2500),
    ("Verantwoord gebruik", "Afwegingen", "Afwegingen", "Ja", 2500),
    ("Verantwoord gebruik", "Menselijke tussenkomst", "Menselijke tussenkomst", "Ja", 2500),
    ("Verantwoord gebruik", "Risicobeheer", "Risicobeheer", "Ja", 2500),
    ("Verantwoord gebruik", "Wettelijke basis", "Wettelijke basis", "Nee", 2500),
    ("Verantwoord gebruik", "Link naar wettelijke basis", "Wettelijke basis link", "Ja", None),
    ("Verantwoord gebruik", "Titel van wettelijke basis", "Wettelijke basis titel", "Nee", 100),
    ("Verantwoord gebruik", "Verwerkingsregister", "Verwerkingsregister", "Nee", None),
    ("Verantwoord gebruik", "Impacttoets(en)", "Impactoets", "Ja", None),
    ("Verantwoord gebruik", "Link naar Impacttoets", "Impacttoets link", "Nee", None),
    ("Verantwoord gebruik", "Toelichting op impacttoetsen", "Impacttoets toelichting", "Nee", 2500),
    ("Werking", "Gegevens", "Gegevens", "Ja", 2500),
    ("Werking", "Link naar Gegevensbron", "Gegevensbron link", "Nee", None),
    ("Werking", "Titel van Gegevensbron", "Gegevensbron titel", "Nee", 500),
    ("Werking", "Technische werking", "Technische werking", "Ja", 5000),
    ("Werking", "Leverancier", "Leverancier", "Ja", 200),
    ("Werking", "Link naar broncode", "Broncode link", "Nee", None),
    ("Metadata", "Taal", "Taal", "Nooit tonen, wel verplicht", None),
    ("Metadata", "Schema", "Schema", "Nooit tonen, wel verplicht", None),
    ("Metadata", "Bron-ID", "Bron-ID", "Nooit tonen", 100),
    ("Metadata", "Zoektermen", "Zoektermen", "Nooit tonen", 2500),
)
REQUIRED_SHOWN = ("Verplicht", "Nooit tonen, wel verplicht")
# Fields only the organisation can fill in: the settings file's keys (the standard's voorkeursterm).
ORGANISATION_FIELDS = (
    "Organisatie", "Thema", "Status", "Begindatum", "Einddatum", "Contactgegevens", "Publiekspagina",
    "Publicatiecategorie", "Bronregistratie", "Wettelijke basis", "Wettelijke basis link",
    "Wettelijke basis titel", "Verwerkingsregister", "Impactoets", "Impacttoets link",
    "Impacttoets toelichting", "Gegevensbron link", "Gegevensbron titel", "Leverancier", "Broncode link",
    "Bron-ID",
)
EXTRA_SETTINGS = {
    "Bewaartermijn logboek": "hoe lang de organisatie het logboek (audit.jsonl) en de werkmap bewaart",
}
STATUSES = ("In gebruik", "In ontwikkeling", "Buiten gebruik")
CATEGORIES = ("Hoog-risico AI-systemen", "Impactvolle algoritmes", "Overige algoritmes")
PROPOSED_CATEGORY = "Impactvolle algoritmes"

ENTITY_NL: dict[str, tuple[str, str]] = {
    # entity: (what it is, in plain Dutch; how it is recognised, for the technical field)
    "PERSON": ("namen van personen (ook voorletters en e-mailkoppen)",
               "namenlijsten, de opbouw van een naam (voorletters, tussenvoegsels) en woorden eromheen "
               "(aanhef, afsluiting, e-mailkop, rol)"),
    "EMAIL_ADDRESS": ("e-mailadressen", "patroon van een e-mailadres"),
    "PHONE_NUMBER": ("telefoonnummers", "patroon, gecontroleerd met de nummerplannen van phonenumbers"),
    "NL_BSN": ("burgerservicenummers (BSN)", "negen cijfers die de elfproef doorstaan"),
    "IBAN_CODE": ("bankrekeningnummers (IBAN)", "patroon met controle van de controlecijfers (mod-97)"),
    "NL_ADDRESS": ("adressen (straat en huisnummer)", "straatnaam gevolgd door een huisnummer"),
    "NL_POSTCODE": ("postcodes", "vier cijfers en twee letters, met regels voor geldige postcodes"),
    "NL_LICENSE_PLATE": ("kentekens", "de veertien Nederlandse kentekenreeksen (sidecodes)"),
    "DATE_OF_BIRTH": ("geboortedatums", "een echte datum direct na een woord als 'geboren'"),
    "NL_ID_DOCUMENT": ("nummers van paspoort, identiteitskaart of rijbewijs",
                       "documentnummer met een woord als 'paspoort' ervoor"),
    "URL": ("links naar persoonlijke pagina's en profielen", "adressen van profielpagina's"),
    "IP_ADDRESS": ("IP-adressen", "IPv4 en IPv6, gecontroleerd met de standaardbibliotheek"),
    "LOCATION": ("woonplaatsen in een adres", "de plaatsnaam direct na een postcode"),
    "CREDIT_CARD": ("creditcardnummers", "13 tot 19 cijfers die de Luhn-controle doorstaan, met het begin "
                    "van een bekende uitgever of een woord als 'creditcard'"),
}

AUDIT_EVENTS: dict[str, str] = {
    # each event the source writes to the audit trail: what it records, in plain Dutch
    "ingest": "welke nieuwe bestanden binnenkwamen en welk documentnummer ze kregen",
    "scan": "het gelezen bestand (hash), versie van redact, hash van de instellingen",
    "proposals": "per voorstel: soort, grond, herkenner, score (nooit de tekst)",
    "attachment": "bijlagen van e-mails die een eigen document werden",
    "duplicates": "documenten die dubbel zijn of elkaar citeren",
    "skip": "documenten die niet verwerkt konden worden, met de reden",
    "decision": "elk besluit over een voorstel: wie, wanneer en hoe (scherm of opdracht)",
    "manual_proposal": "een lakking die een medewerker zelf toevoegde",
    "terms_added": "een zoeklijst toegepast: hash, aantal termen en voorstellen (nooit de termen)",
    "apply": "het gemaakte uitvoerbestand (hash) en het aantal lakkingen per weigeringsgrond",
    "apply_failed": "een document dat niet gelakt kon worden, met de reden",
    "judge": "de beoordeling van een document: wie, wanneer, grond, motivering",
    "withhold_page": "een pagina die niet openbaar wordt gemaakt, met de weigeringsgrond",
    "release_page": "een eerder geweigerde pagina die toch openbaar wordt gemaakt",
    "withdraw": "een uitvoerbestand dat werd ingetrokken (niet openbaar)",
    "move": "uitvoerbestanden die naar een andere map zijn verplaatst",
    "inventory": "de inventarislijst (hash) en de beoordelingen per document",
    "verify": "de uitkomst van de controle op de uitvoer",
    "publish": "een publicatiemap: aantallen per beoordeling, hash van het manifest",
    "verify_publication": "de uitkomst van de controle op een publicatiemap",
    "export": "een export van de beoordeling voor het dossier",
    "batch": "een nachtelijke run: wat er gescand en gelakt is",
    "commitments": "controlegetallen van voorstellen en besluiten",
    "baseline": "de toestand bij een upgrade van de werkmap",
    "repair": "een herstel van de werkmap: door wie, waarom en met welk bewijs",
    "user_added": "een account (naam, rol; nooit het wachtwoord)",
    "user_changed": "een gewijzigd account",
    "user_removed": "een verwijderd account",
    "document_ready": "een document gereed gemeld",
    "document_approved": "goedgekeurd door een controleur (vier ogen)",
    "document_sent_back": "een document teruggestuurd, met opmerking",
    "assigned": "aan wie een document is toegewezen",
    "commented": "een opmerking",
}


# -- settings and measurements ------------------------------------------------------------------------


def load_settings(path: Path | None) -> dict[str, Any]:
    """The organisation's fields (keys: the standard's voorkeursterm); unknown keys are refused."""
    if path is None:
        return {}
    if not path.is_file():
        raise InputNotFound(f"{path} does not exist")
    try:
        data = json.loads(path.read_text("utf-8"))
    except ValueError as exc:
        raise UsageError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a JSON object")
    data = {k: v for k, v in data.items() if not k.startswith("_")}  # "_toelichting" etc.: comments
    unknown = sorted(set(data) - set(ORGANISATION_FIELDS) - set(EXTRA_SETTINGS))
    if unknown:
        raise UsageError(f"{path}: unknown field(s) {', '.join(unknown)}; known: "
                         f"{', '.join([*ORGANISATION_FIELDS, *EXTRA_SETTINGS])}")
    if "Status" in data and data["Status"] not in STATUSES:
        raise UsageError(f"{path}: Status must be one of {', '.join(STATUSES)}")
    if "Publicatiecategorie" in data and data["Publicatiecategorie"] not in CATEGORIES:
        raise UsageError(f"{path}: Publicatiecategorie must be one of {', '.join(CATEGORIES)}")
    for key in ("Begindatum", "Einddatum"):
        if data.get(key) and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", str(data[key])):
            raise UsageError(f"{path}: {key} must be written as yyyy-mm")
    contact = str(data.get("Contactgegevens") or "")
    if contact and not (re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", contact, re.I)
                        or contact.startswith("https://")):
        raise UsageError(f"{path}: Contactgegevens must be an e-mail address or a URL starting with https://")
    return data


@dataclass(frozen=True)
class Measurements:
    """The evaluations the entry quotes: ``redact eval --json`` and ``redact eval --by-origin --json``."""

    generated: dict[str, Any] | None = None
    prose: dict[str, Any] | None = None
    fairness: dict[str, Any] | None = None


def read_measurements(paths: Sequence[Path]) -> Measurements:
    """Sort JSON files of ``redact eval --json`` / ``--by-origin --json`` into the three measurements."""
    found: dict[str, dict[str, Any]] = {}
    for path in paths:
        if not path.is_file():
            raise InputNotFound(f"{path} does not exist")
        try:
            data = json.loads(path.read_text("utf-8"))
        except ValueError as exc:
            raise UsageError(f"{path}: not valid JSON ({exc})") from None
        if isinstance(data, dict) and data.get("kind") == "fairness-by-origin":
            slot = "fairness"
        elif isinstance(data, dict) and isinstance(data.get("ours"), dict):
            slot = "prose" if "municipal-prose" in str(data.get("gold_dir", "")) else "generated"
            data.setdefault("data_set", _gold_data_set(Path(str(data.get("gold_dir", ""))), data))
        else:
            raise UsageError(f"{path}: not the --json output of redact eval or redact eval --by-origin")
        if slot in found:
            raise UsageError(f"{path}: a second {slot} measurement")
        found[slot] = data
    return Measurements(found.get("generated"), found.get("prose"), found.get("fairness"))


def _gold_data_set(gold_dir: Path, report: dict[str, Any]) -> JsonObject:
    data_set: JsonObject = {"gold_dir": str(gold_dir), "documents": report.get("documents")}
    try:
        index = json.loads((gold_dir / "index.json").read_text("utf-8"))
        if index.get("generator") == "fixtures/generate.py":
            data_set.update({"generator": "fixtures/generate.py", "seed": index["seed"],
                             "count": index["count"]})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return data_set


def write_generated_gold(folder: Path, seed: int, count: int) -> None:
    """The gold ``fixtures/generate.py --seed SEED --count COUNT`` writes (text and gold, no PDFs)."""
    gen = fairness.load_generator()
    docs = fairness.build_documents(seed, count, None)
    (folder / "woo").mkdir(parents=True, exist_ok=True)
    (folder / "prose").mkdir(parents=True, exist_ok=True)
    for doc in docs:
        _write_gold(folder / "woo", doc.name, doc.kind, doc.text, list(doc.spans))
    for idx in range((count + 1) // 2):
        key = f"redact-fixtures:{seed}:prose:{idx}"
        g = gen.Gen(random.Random(key), gen.faker_for(key))
        text, spans = fairness.layout(gen, gen.make_prose(g, g.docid(), idx))
        _write_gold(folder / "prose", f"prose_{idx:04d}", "prose", text, spans)
    index = {"generator": "fixtures/generate.py", "seed": seed, "count": count, "sets": ["woo", "prose"]}
    (folder / "index.json").write_text(json.dumps(index), "utf-8")


def _write_gold(folder: Path, stem: str, kind: str, text: str, spans: list[fairness.GoldSpan]) -> None:
    (folder / f"{stem}.txt").write_text(text, encoding="utf-8", newline="")
    pages = text.count("\f") + 1
    gold = {"document": stem, "kind": kind, "pages": pages, "spans": spans}
    (folder / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")


def run_measurements(config: Config, eval_count: int = EVAL_COUNT, fairness_count: int | None = None,
                     prose_dir: Path | None = DEV_PROSE) -> Measurements:
    """Run the evaluations: a generated set, the municipal prose (when present), the fairness table."""
    with tempfile.TemporaryDirectory(prefix="redact-register-") as tmp:
        gold = Path(tmp) / "generated"
        write_generated_gold(gold, EVAL_SEED, eval_count)
        generated = evaluation.as_dict(evaluation.evaluate(gold, config, with_deduce=False))
    generated["gold_dir"] = f"fixtures/generate.py --seed {EVAL_SEED} --count {eval_count}"
    generated["data_set"] = {"generator": "fixtures/generate.py", "seed": EVAL_SEED, "count": eval_count,
                             "documents": generated["documents"]}
    prose = None
    if prose_dir is not None and prose_dir.is_dir():
        prose = evaluation.as_dict(evaluation.evaluate(prose_dir, config, with_deduce=False))
        prose["gold_dir"] = "shared/dev-sets/municipal-prose"
        prose["data_set"] = {"gold_dir": "shared/dev-sets/municipal-prose", "documents": prose["documents"]}
    report = fairness.evaluate_by_origin(count=fairness_count or fairness.DEFAULT_COUNT, config=config)
    return Measurements(generated, prose, fairness.as_dict(report))


# -- figures -----------------------------------------------------------------------------------------


def pct(value: float | None) -> str:
    """0.9713 -> '97,1%' (Dutch notation, as the texts quote it); None -> 'niet gemeten'."""
    if value is None:
        return "niet gemeten"
    return f"{value * 100:.1f}%".replace(".", ",")


def points(value: float | None) -> str:
    """A difference of two fractions in percentage points: 0.057 -> '5,7 procentpunt'."""
    if value is None:
        return "niet gemeten"
    return f"{value * 100:.1f} procentpunt".replace(".", ",")


def per_1k(value: float | None) -> str:
    return "niet gemeten" if value is None else f"{value:.2f}".replace(".", ",")


class Stamped(TypedDict):
    """When, with which version and on which data set a measurement was made."""

    datum: str | None
    versie: str | None
    dataset: JsonObject | None


class EntityFigures(TypedDict):
    gold: int
    recall: float | None
    precisie: float | None


class EvalFigures(Stamped):
    """The figures of ``redact eval --json`` the texts quote."""

    documenten: int | None
    recall: float | None
    precisie: float | None
    recall_PERSON: float | None
    precisie_PERSON: float | None
    volledige_recall_PERSON: float | None
    valse_meldingen_per_1000_woorden: float | None
    per_soort: dict[str, EntityFigures]


class GroupFigures(TypedDict):
    label: str
    bijvoeglijk: str
    bron: str
    namen: int
    recall: float | None
    volledige_recall: float | None
    precisie: float | None


class FairnessFigures(Stamped):
    """The figures of ``redact eval --by-origin --json`` the texts quote."""

    groepen: dict[str, GroupFigures]
    verschil_recall: float | None
    verschil_volledige_recall: float | None
    beste: str
    slechtste: str


class Figures(TypedDict):
    gegenereerde_set: EvalFigures | None
    gemeentelijk_proza: EvalFigures | None
    herkomst_namen: FairnessFigures | None


def _eval_figures(report: dict[str, Any]) -> EvalFigures:
    ours = report["ours"]
    person = ours["entities"].get("PERSON") or {}
    return {
        "datum": report.get("date"), "versie": report.get("tool_version"), "dataset": report.get("data_set"),
        "documenten": report.get("documents"),
        "recall": ours["overall"]["recall"], "precisie": ours["overall"]["precision"],
        "recall_PERSON": person.get("recall"), "precisie_PERSON": person.get("precision"),
        "volledige_recall_PERSON": person.get("full_span_recall"),
        "valse_meldingen_per_1000_woorden": ours["false_alarms_per_1k_words"],
        "per_soort": {e: {"gold": v["gold"], "recall": v["recall"], "precisie": v["precision"]}
                      for e, v in sorted(ours["entities"].items())},
    }


def _fairness_figures(report: dict[str, Any]) -> FairnessFigures:
    return {
        "datum": report.get("date"), "versie": report.get("tool_version"), "dataset": report.get("data_set"),
        "groepen": {k: {"label": g["label"], "bijvoeglijk": g.get("adjective") or g["label"],
                        "bron": g["source"], "namen": g["gold"], "recall": g["recall"],
                        "volledige_recall": g["full_span_recall"], "precisie": g["precision"]}
                    for k, g in report["groups"].items()},
        "verschil_recall": report["gap"]["recall"]["value"],
        "verschil_volledige_recall": report["gap"]["full_span_recall"]["value"],
        "beste": report["gap"]["recall"]["best"], "slechtste": report["gap"]["recall"]["worst"],
    }


def figures(m: Measurements) -> Figures:
    """The figures the texts quote, each with its date, version and data set (``metingen``)."""
    return {
        "gegenereerde_set": _eval_figures(m.generated) if m.generated else None,
        "gemeentelijk_proza": _eval_figures(m.prose) if m.prose else None,
        "herkomst_namen": _fairness_figures(m.fairness) if m.fairness else None,
    }


def _describe_set(f: Stamped) -> str:
    ds = f.get("dataset") or {}
    if ds.get("generator"):
        if "documents_per_group" in ds:
            return (f"{ds['documents_per_group']} zelfgemaakte testdocumenten per groep "
                    f"(fixtures/generate.py, seed {ds.get('seed')})")
        return (f"{ds.get('documents')} zelfgemaakte testdocumenten "
                f"(fixtures/generate.py, seed {ds.get('seed')})")
    return f"{ds.get('documents')} documenten in {ds.get('gold_dir')}"


def _stamp(f: Stamped) -> str:
    """'Meting: date, version, data set.' (a sentence of its own)."""
    return f"Meting: {f.get('datum')}, redact {f.get('versie')}, {_describe_set(f)}."


# -- facts about the tool ----------------------------------------------------------------------------


def audit_events() -> list[str]:
    """Every event name the tool writes to the audit trail (``redact.events``), sorted."""
    return events.written()


@dataclass(frozen=True)
class RecogniserFact:
    name: str
    entities: tuple[str, ...]
    grounds: tuple[str, ...]
    summary: str  # first line of the module docstring


def recognisers(config: Config) -> list[RecogniserFact]:
    """The recognisers the detector loads for this configuration, with their legal grounds."""
    from recognizers.registry import build_recognizers  # here: Presidio takes seconds to import

    facts = []
    for r in build_recognizers():
        entities = tuple(e for e in r.supported_entities if e in config.entities)
        if not entities:
            continue
        module = sys.modules[type(r).__module__]
        summary = ((module.__doc__ or type(r).__doc__ or "").strip().splitlines() or [""])[0]
        facts.append(RecogniserFact(type(r).__name__, entities,
                                    tuple(config.ground_for(e) for e in entities), summary))
    return facts


# -- the entry ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Item:
    """One field or answer: a heading, text (paragraphs split by blank lines) or a missing mark."""

    heading: str
    key: str
    text: str | None
    missing: str = ""  # why it is empty and who fills it in
    note: str = ""  # e.g. "voorstel van redact"
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Document:
    title: str
    intro: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Entry:
    fields: dict[str, str | list[str] | None]  # voorkeursterm -> value
    missing: dict[str, str]  # voorkeursterm -> what to do
    notes: dict[str, str]
    figures: Figures
    register: Document
    impact: Document


def _entity_list(config: Config) -> str:
    return ", ".join(ENTITY_NL[e][0] if e in ENTITY_NL else e for e in config.entities)


def _fairness_sentence(f: FairnessFigures | None) -> str:
    if not f:
        return "De eerlijkheid naar herkomst van namen is niet gemeten."
    groups = f["groepen"]
    best, worst = groups[f["beste"]], groups[f["slechtste"]]
    return (f"Wij meten of namen van mensen met een andere herkomst even goed gevonden worden. Dezelfde "
            f"documenten krijgen namen van één herkomst tegelijk ({len(groups)} groepen). Het beste "
            f"resultaat: {best['bijvoeglijk']} namen, {pct(best['recall'])} gevonden. Het slechtste: "
            f"{worst['bijvoeglijk']} namen, {pct(worst['recall'])}. Het verschil is "
            f"{points(f['verschil_recall'])}. {_stamp(f)}")


def _figures_sentence(f: EvalFigures | None, what: str) -> str:
    if not f:
        return f"Op {what} is niet gemeten."
    return (f"Op {what} vond redact {pct(f['recall'])} van alle persoonsgegevens en "
            f"{pct(f['recall_PERSON'])} van de namen; {pct(f['precisie'])} van de voorstellen was terecht. "
            f"{_stamp(f)}")


def _prose_sentence(f: EvalFigures | None) -> str:
    if not f:
        return "Op echte gemeentelijke beleidsteksten is niet gemeten."
    alarms = per_1k(f["valse_meldingen_per_1000_woorden"])
    return (f"Op echte gemeentelijke beleidsteksten gaf redact {alarms} "
            f"onterechte voorstellen per 1.000 woorden en vond het {pct(f['recall_PERSON'])} van de namen. "
            f"{_stamp(f)}")


def _texts(config: Config, settings: dict[str, Any], figs: Figures) -> dict[str, str]:
    gen, prose, fair = figs["gegenereerde_set"], figs["gemeentelijk_proza"], figs["herkomst_namen"]
    retention = settings.get("Bewaartermijn logboek") or (
        "redact verwijdert het logboek nooit zelf; de organisatie bepaalt hoe lang zij het bewaart "
        "(bijvoorbeeld volgens de Archiefwet)")
    texts = {
        "Naam": "Persoonsgegevens vinden en weglakken in Woo-documenten (redact)",
        "Omschrijving": (
            "Dit algoritme zoekt persoonsgegevens, zoals namen, adressen en burgerservicenummers, in "
            "documenten die wij openbaar maken op grond van de Wet open overheid (Woo). Het doet een "
            "voorstel om die gegevens weg te lakken. Een medewerker beslist over elk voorstel."),
        "Impact": (
            "Het doel is dat persoonsgegevens van inwoners en medewerkers niet per ongeluk openbaar worden "
            "als wij documenten publiceren voor een Woo-verzoek of uit eigen beweging. Het algoritme helpt "
            "medewerkers om sneller en vollediger te lakken.\n\n"
            "Inwoners merken er vooral iets van als hun naam of andere gegevens in zo'n document staan: die "
            f"zijn in de gepubliceerde versie weggelakt met {_box(config)}. Op elk vlak staat de reden, "
            "bijvoorbeeld 5.1.2e (bescherming van de persoonlijke levenssfeer). Het algoritme neemt geen "
            "besluit over personen. Het besluit over openbaarmaking blijft een besluit van de organisatie."),
        "Afwegingen": (
            "Zonder dit algoritme lakken medewerkers met de hand. Dat kost veel tijd, en bij grote aantallen "
            "documenten worden namen gemist. Het algoritme zoekt in alle tekst, ook in e-mailkoppen, scans "
            "en bijlagen, en legt uit waarom het iets voorstelt.\n\n"
            "Het nadeel is dat het algoritme ook fouten maakt. Het kan een naam missen: dan wordt die naam "
            "openbaar als de medewerker hem ook mist. Het kan ook iets voorstellen dat geen persoonsgegeven "
            "is: dan moet de medewerker dat afwijzen. "
            + _figures_sentence(gen, "zelfgemaakte testdocumenten")
            + "\n\n" + _fairness_sentence(fair) + "\n\n"
            "Andere mogelijkheden die wij hebben bekeken: alleen met de hand lakken (te traag en ook niet "
            "foutloos) en algemene anonimiseringssoftware zoals deduce (gemaakt voor medische dossiers; het "
            "kent Woo-documenten, e-mailkoppen en weigeringsgronden niet). Wij vinden de inzet "
            "gerechtvaardigd omdat een medewerker elk voorstel "
            "beoordeelt en het algoritme alleen helpt om minder te missen."),
        "Menselijke tussenkomst": (
            "Het algoritme doet alleen voorstellen. Een medewerker beslist over elk voorstel: weglakken of "
            "niet. Zonder besluit wordt niets weggelakt: een document met open voorstellen wordt niet "
            "gelakt. De medewerker ziet bij elk voorstel waarom het is gedaan. Hij of zij kan zelf iets "
            "toevoegen dat het algoritme heeft gemist, de weigeringsgrond veranderen en een besluit "
            "terugdraaien.\n\n"
            "Namen van bestuurders die in functie optreden (zoals " + _roles(config) + ") worden wel "
            "gemeld, maar niet voorgesteld. Ook die meldingen ziet de medewerker.\n\n"
            "Elk besluit wordt vastgelegd met naam, tijd en manier. Let op: met één opdracht (redact decide "
            "--accept-all) kan een medewerker alle voorstellen tegelijk overnemen. Dan kijkt niemand naar "
            "elk voorstel apart. Een vier-ogenprincipe (een tweede medewerker die elk besluit controleert) "
            "is in redact nog geen instelling. De organisatie moet dat in haar werkwijze regelen. Als twee "
            "medewerkers tegelijk beslissen, weigert het scherm een besluit dat op een oude stand is "
            "gebaseerd."),
        "Risicobeheer": (
            "Risico 1: een persoonsgegeven wordt niet gevonden en wordt openbaar. Maatregelen: een "
            "medewerker beoordeelt elk document en kan zelf lakken toevoegen; wij meten hoe goed het "
            "algoritme vindt. " + _figures_sentence(gen, "zelfgemaakte testdocumenten") + "\n\n"
            "Risico 2: het algoritme werkt minder goed voor namen van een bepaalde herkomst (discriminatie). "
            + _fairness_sentence(fair) + " Wij herhalen deze meting bij elke nieuwe versie.\n\n"
            "Risico 3: gelakte tekst is nog te lezen, bijvoorbeeld onder het vlak of in verborgen delen "
            "van een PDF. Maatregel: redact haalt de tekst echt weg en controleert elk uitvoerbestand "
            "daarna opnieuw (redact verify).\n\n"
            "Risico 4: te veel lakken. " + _prose_sentence(prose) + "\n\n"
            "Risico 5: niemand kan achteraf nagaan wat er gebeurd is. Maatregel: alles wordt vastgelegd in "
            "een logboek dat niet ongemerkt te veranderen is."),
        "Gegevens": (
            "Het algoritme leest de documenten die de organisatie openbaar wil maken: PDF's, scans, "
            "Word-bestanden en e-mails met bijlagen. Daarin zoekt het naar deze persoonsgegevens: "
            + _entity_list(config) + ".\n\n"
            "Het algoritme gebruikt geen andere bronnen over personen, zoals de BRP. Het gebruikt alleen "
            "lijsten met veelvoorkomende voornamen, achternamen en woorden (uit het open-sourcepakket deduce "
            "en eigen lijsten). Alle gegevens blijven op de computer van de organisatie: in een werkmap met "
            "een kopie van de originelen, de voorstellen, de besluiten en het logboek. Het algoritme maakt "
            "geen verbinding met internet.\n\n"
            "Het algoritme is gemaakt en getest met zelfgemaakte documenten met verzonnen personen, en met "
            "openbare teksten van overheden. Er zijn geen echte persoonsgegevens gebruikt om het te maken."),
        "Technische werking": _technical(config, figs, retention),
        "Zoektermen": ("Woo, Wet open overheid, anonimiseren, lakken, weglakken, persoonsgegevens, AVG, "
                       "openbaarmaking, Woo-verzoek, privacy, redact"),
    }
    return texts


def _box(config: Config) -> str:
    return "een wit vlak met een rand" if config.box_style == "white" else "een zwart vlak"


def _ocr(config: Config) -> str:
    if not config.ocr.enabled:
        return "alleen met een tekstlaag: OCR staat uit in de instellingen"
    return f"tekst via OCR met Tesseract, taalmodel {config.ocr.language}"


def _roles(config: Config) -> str:
    roles = list(config.public_official_roles)
    if not roles:
        return "geen: de lijst is leeg"
    return ", ".join(roles[:-1]) + (" en " if len(roles) > 1 else "") + roles[-1]


def _technical(config: Config, figs: Figures, retention: str) -> str:
    facts = recognisers(config)
    lines = [
        f"redact {__version__} werkt op eigen computers van de organisatie, zonder netwerk. "
        "Het is niet zelflerend: het werkt met vaste regels, patronen, controlecijfers en namenlijsten, "
        "plus NlPersonLearned: een meegeleverde logistische regressie (getraind op eigen teksten met "
        "verzonnen personen; leert niet bij) voor hoofdletterwoorden die de regels niet verklaren.",
        f"Invoer: PDF, scans ({_ocr(config)}), Word en e-mail. Werking: per soort gegeven is er "
        "een herkenner; elk voorstel krijgt een uitleg (herkenner, patroon, woord in de buurt, controle) en "
        "een weigeringsgrond uit de instellingen:",
    ]
    listed = []
    for fact in facts:
        how = "; ".join(ENTITY_NL.get(e, (e, e))[1] for e in fact.entities)
        grounds = ", ".join(sorted(set(fact.grounds)))
        listed.append(f"- {fact.name} ({', '.join(fact.entities)}; grond {grounds}): {how}.")
    lines.append("\n".join(listed))
    if config.email_local_part_only:
        lines.append("Van een e-mailadres wordt alleen het deel voor de @ gelakt; het domein van de "
                     "organisatie blijft leesbaar.")
    lines += [
        "Uitvoer: na het besluit van een medewerker haalt redact de tekst onder elk vlak weg (ook "
        "pixels en verborgen kopieën zoals metadata) en controleert de uitvoer opnieuw.",
        "Logboek (AI-verordening art. 12): een hash-keten in audit.jsonl, per gebeurtenis: "
        + "; ".join(f"{e} ({AUDIT_EVENTS.get(e, 'nog zonder beschrijving')})" for e in audit_events())
        + ". redact verify rekent de keten na en vergelijkt haar met de database; een gewijzigde, "
        f"verwijderde of verplaatste regel valt op. Bewaartermijn: {retention}.",
        f"Instellingen: hash {config.sha256[:16]}…; drempel {config.threshold}.",
    ]
    return "\n\n".join(lines)


def build_entry(config: Config, settings: dict[str, Any], m: Measurements) -> Entry:
    figs = figures(m)
    texts = _texts(config, settings, figs)
    fields: dict[str, str | list[str] | None] = {}
    missing: dict[str, str] = {}
    notes: dict[str, str] = {}
    for _section, _heading, key, shown, limit in STANDARD_FIELDS:
        value: str | list[str] | None = settings.get(key) if key in ORGANISATION_FIELDS else texts.get(key)
        if key == "Taal":
            value = "nld"
        elif key == "Schema":
            value = SCHEMA
        elif key == "Publicatiecategorie" and not value:
            value = PROPOSED_CATEGORY
            notes[key] = ("voorstel van redact: het algoritme ondersteunt een besluit met rechtsgevolgen "
                          "(openbaarmaking), met menselijke tussenkomst; de organisatie beslist")
        elif key == "Thema" and isinstance(value, str):
            value = [value]
        if value in ("", [], None):
            value = None
            if key == "Einddatum" and settings.get("Status") != "Buiten gebruik":
                pass  # stays empty while the algorithm is in use
            elif shown in REQUIRED_SHOWN or shown == "Ja":
                missing[key] = (f"in te vullen door de organisatie: zet \"{key}\" in het instellingenbestand "
                                "(--settings)")
        if isinstance(value, str) and limit is not None and len(value) >= limit:
            raise ValueError(f"register field {key} has {len(value)} characters; the standard: < {limit}")
        fields[key] = value
    register = _register_document(fields, missing, notes, figs)
    impact = _impact_document(config, fields, missing, texts, figs, settings)
    return Entry(fields, missing, notes, figs, register, impact)


def _value_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _register_document(fields: dict[str, str | list[str] | None], missing: dict[str, str],
                       notes: dict[str, str], figs: Figures) -> Document:
    sections: dict[str, list[Item]] = {}
    for section, heading, key, _shown, _limit in STANDARD_FIELDS:
        sections.setdefault(section, []).append(
            Item(heading, key, _value_text(fields[key]), missing.get(key, ""), notes.get(key, "")))
    out = [Section(title, tuple(items)) for title, items in sections.items()]
    out.append(Section("Metingen (bijlage, geen veld van de standaard)", tuple(_figure_items(figs))))
    intro = (f"Registratie volgens de Publicatiestandaard Algoritmeregister {SCHEMA}, gemaakt door "
             f"redact {__version__} uit de eigen instellingen, broncode en metingen.")
    if missing:
        intro += (f" {len(missing)} veld(en) moet de organisatie nog invullen; zij zijn gemarkeerd met "
                  f"{MISSING}.")
    return Document("Algoritmeregister: " + str(fields["Naam"]), intro, tuple(out))


def _figure_items(figs: Figures) -> list[Item]:
    items = []
    for key, f, title in (
            ("gegenereerde_set", figs["gegenereerde_set"], "Zelfgemaakte testdocumenten"),
            ("gemeentelijk_proza", figs["gemeentelijk_proza"], "Echte gemeentelijke beleidsteksten")):
        if not f:
            items.append(Item(title, key, None, "niet gemeten"))
            continue
        rows: tuple[tuple[str, ...], ...] = tuple((e, str(v["gold"]), pct(v["recall"]), pct(v["precisie"]))
                     for e, v in f["per_soort"].items())
        rows += (("alle soorten", str(sum(v["gold"] for v in f["per_soort"].values())), pct(f["recall"]),
                  pct(f["precisie"])),)
        text = (f"{_stamp(f)} Onterechte voorstellen in tekst zonder persoonsgegevens: "
                f"{per_1k(f['valse_meldingen_per_1000_woorden'])} per 1.000 woorden. Namen helemaal "
                f"gelakt (elke letter): {pct(f['volledige_recall_PERSON'])}.")
        items.append(Item(title, key, text, tables=(Table(
            "Recall: deel van de gegevens dat gevonden is. Precisie: deel van de voorstellen dat terecht is.",
            ("soort gegeven", "aantal", "recall", "precisie"), rows),)))
    fair = figs["herkomst_namen"]
    if not fair:
        items.append(Item("Namen naar herkomst", "herkomst_namen", None, "niet gemeten"))
    else:
        rows = tuple((str(g["label"]), str(g["namen"]), pct(g["recall"]), pct(g["volledige_recall"]),
                      pct(g["precisie"]), g["bron"]) for g in fair["groepen"].values())
        text = (f"{_stamp(fair)} Verschil tussen beste en slechtste groep: "
                f"{points(fair['verschil_recall'])} (gevonden), {points(fair['verschil_volledige_recall'])} "
                "(helemaal gelakt).")
        items.append(Item("Namen naar herkomst", "herkomst_namen", text, tables=(Table(
            "Dezelfde documenten, met namen van één herkomst tegelijk. Gevonden: een deel van de naam is "
            "voorgesteld. Helemaal: elke letter van de naam.",
            ("herkomst", "namen", "gevonden", "helemaal", "precisie", "bron van de namen"), rows),)))
    return items


def _impact_document(config: Config, fields: dict[str, str | list[str] | None], missing: dict[str, str],
                     texts: dict[str, str], figs: Figures, settings: dict[str, Any]) -> Document:
    org = fields["Organisatie"] or f"[{MISSING}: Organisatie]"
    contact = fields["Contactgegevens"] or f"[{MISSING}: Contactgegevens]"
    figure_items = _figure_items(figs)

    def item(heading: str, text: str, tables: Iterable[Table] = ()) -> Item:
        return Item(heading, heading, text, tables=tuple(tables))

    sections = (
        Section("1. Beschrijving", (
            item("Wat is het algoritme?", texts["Omschrijving"]),
            item("Hoe werkt het?", texts["Technische werking"]),
        )),
        Section("2. Doel en context", (
            item("Doel en impact", texts["Impact"]),
            item("Waar en door wie wordt het gebruikt?",
                 f"{org} gebruikt redact bij het openbaar maken van documenten onder de Woo. Medewerkers "
                 "die Woo-verzoeken behandelen, beoordelen de voorstellen. Het algoritme beslist niet zelf "
                 "over openbaarmaking."),
            item("Wettelijke basis", _value_text(fields["Wettelijke basis"])
                 or f"[{MISSING}: in te vullen door de organisatie (\"Wettelijke basis\")]"),
        )),
        Section("3. Gegevens", (
            item("Welke gegevens?", texts["Gegevens"]),
            item("Welke weigeringsgronden?", "Per soort gegeven de grond uit de instellingen: "
                 + "; ".join(f"{ENTITY_NL.get(e, (e, ''))[0]}: {config.ground_for(e)}"
                             for e in config.entities) + "."),
        )),
        Section("4. Risico's", (
            item("Overzicht", texts["Risicobeheer"]),
            *[Item("Meting: " + i.heading, i.key, i.text, i.missing, tables=i.tables) for i in figure_items],
        )),
        Section("5. Maatregelen", (
            item("Menselijke tussenkomst", texts["Menselijke tussenkomst"]),
            item("Logboek en controle",
                 "Elke stap wordt vastgelegd in een logboek (audit.jsonl) waarin elke regel de hash van de "
                 "vorige bevat. Zo valt elke wijziging op. redact verify controleert de keten en elk "
                 "uitvoerbestand. redact audit toont de geschiedenis van één document. De tekst van "
                 "persoonsgegevens staat niet in het logboek. Bewaartermijn: "
                 + str(settings.get("Bewaartermijn logboek") or "redact verwijdert het logboek nooit "
                       "zelf; de organisatie bepaalt de bewaartermijn") + "."),
            item("Metingen herhalen",
                 "De metingen in dit document komen uit redact eval en redact eval --by-origin. Voer ze "
                 "opnieuw uit bij elke nieuwe versie of andere instellingen (redact register doet dat)."),
        )),
        Section("6. Transparantie", (
            item("Wat maken wij openbaar?",
                 "Deze registratie in het Algoritmeregister. Op elk gelakt vlak staat de weigeringsgrond. "
                 "Bij elk besluit hoort een inventarislijst met per document de beoordeling en de gronden."
                 + (f" Meer informatie: {fields['Publiekspagina']}." if fields["Publiekspagina"] else "")),
            item("Uitlegbaarheid",
                 "Bij elk voorstel staat waarom het is gedaan: welke herkenner, welk patroon of welke lijst, "
                 "welk woord in de buurt en welke controle. De medewerker ziet dat in het beoordelingsscherm "
                 "en het staat in het verslag per document."),
        )),
        Section("7. Wat kan een inwoner doen?", (
            item("Vragen en bezwaar",
                 f"Heeft u vragen over dit algoritme of over een gelakt document? Neem contact op via "
                 f"{contact}. Bent u het niet eens met een Woo-besluit, dan kunt u bezwaar maken. Dat staat "
                 "in het besluit. Staan uw gegevens in een document dat openbaar wordt, dan kan de "
                 "organisatie u vooraf om uw mening vragen (zienswijze). Denkt u dat uw persoonsgegevens "
                 "ten onrechte openbaar zijn gemaakt, dan kunt u dat melden bij de organisatie en een "
                 "klacht indienen bij de Autoriteit Persoonsgegevens."),
        )),
    )
    intro = ("Antwoorden voor de eigen impacttoets van de organisatie (bijvoorbeeld IAMA of DPIA), gemaakt "
             f"door redact {__version__} uit de instellingen, de broncode en de metingen. De organisatie "
             "vult aan en beoordeelt.")
    if missing:
        intro += f" Nog in te vullen: {', '.join(missing)}."
    return Document("Impacttoets: " + str(fields["Naam"]), intro, sections)


# -- output ------------------------------------------------------------------------------------------


def as_json(entry: Entry) -> dict[str, object]:
    return {
        "standaard": {"naam": "Publicatiestandaard Algoritmeregister", "schema": SCHEMA},
        "gemaakt_door": {"redact": __version__},
        "registratie": entry.fields,
        "ontbrekend": entry.missing,
        "toelichting": entry.notes,
        "metingen": entry.figures,
    }


def markdown(doc: Document) -> str:
    out = [f"# {doc.title}", "", doc.intro, ""]
    for section in doc.sections:
        out += [f"## {section.title}", ""]
        for it in section.items:
            out += [f"### {it.heading}", ""]
            if it.text is None:
                out += [f"**{MISSING}** — {it.missing}" if it.missing else "_Niet ingevuld._", ""]
            else:
                for para in it.text.split("\n\n"):
                    out += [para, ""]
            if it.note:
                out += [f"_({it.note})_", ""]
            for t in it.tables:
                out += [t.caption, "", "| " + " | ".join(t.header) + " |",
                        "|" + "|".join("---" for _ in t.header) + "|"]
                out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in t.rows]
                out.append("")
    return "\n".join(out)


def _paragraphs(text: str) -> list[dict[str, str | list[str]]]:
    """Paragraphs, each either plain text or a list (lines starting with '- ')."""
    out: list[dict[str, str | list[str]]] = []
    for para in text.split("\n\n"):
        lines = para.split("\n")
        bullets = [ln[2:] for ln in lines if ln.startswith("- ")]
        plain = [ln for ln in lines if not ln.startswith("- ")]
        if plain:
            out.append({"text": " ".join(plain)})
        if bullets:
            out.append({"list": bullets})
    return out


def render_html(doc: Document) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), trim_blocks=True,
                             lstrip_blocks=True, autoescape=jinja2.select_autoescape(["html", "j2"]))
    env.filters["anchor"] = lambda key: re.sub(r"[^a-z0-9]+", "-", str(key).lower()).strip("-")
    return env.get_template("document.html.j2").render(doc=doc, paragraphs=_paragraphs, missing=MISSING)


@dataclass(frozen=True)
class Written:
    files: tuple[Path, ...]
    missing: tuple[str, ...] = field(default_factory=tuple)


def write(out: Path, entry: Entry) -> Written:
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "algoritmeregister.json": json.dumps(as_json(entry), ensure_ascii=False, indent=2) + "\n",
        "algoritmeregister.md": markdown(entry.register),
        "algoritmeregister.html": render_html(entry.register),
        "impacttoets.md": markdown(entry.impact),
        "impacttoets.html": render_html(entry.impact),
    }
    written = []
    for name, text in files.items():
        path = out / name
        write_text_atomic(path, text)
        written.append(path)
    return Written(tuple(written), tuple(entry.missing))


def generate(out: Path, config: Config | None = None, settings_path: Path | None = None,
             measurement_files: Sequence[Path] = (), eval_count: int = EVAL_COUNT,
             fairness_count: int | None = None) -> Written:
    """Measure (or read the measurements), build the entry and the impact answers, write them to ``out``."""
    config = config or load_config()
    settings = load_settings(settings_path)
    if measurement_files:
        m = read_measurements(measurement_files)
    else:
        try:
            m = run_measurements(config, eval_count, fairness_count)
        except UsageError as exc:
            raise UsageError(f"{exc}; or give the evaluations' JSON with --measurements") from None
    return write(out, build_entry(config, settings, m))

