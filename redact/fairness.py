"""Does a name leak more often for some people than for others? PERSON recall per origin of names.

The same Woo-like documents are written once per origin group with every person's name drawn from
that group's name pool; everything else stays as it was (the generator's random stream for the
document is untouched: each person is first made as ``fixtures/generate.py`` makes it, then given a
name of the group with the same gender, the same number of middle names and, for a married name,
the same hyphenated form). Every way a document writes a person (full name, "J.P. de Vries",
"De Vries, J.P. (Jan)", "JdV", the salutation, the e-mail local part) is made from that one new
name, so the text stays coherent and consistent per person within a document.

Scored per group, on the names a reviewer must redact (public office holders, reported but never
proposed, are left out):

* recall: a gold PERSON span is found when a PERSON finding proposed for redaction overlaps it;
* full-span recall: every letter and digit of the gold span lies under such findings (the commas,
  full stops and brackets between the parts of a name identify no one, so they may stay);
* precision: proposed PERSON findings that overlap a gold PERSON span (an office holder's too).

The gap is best minus worst group. Name pools (:data:`GROUPS` says which per group): Faker's person
providers (MIT licence) for the groups it has a Latin-script locale for, and our own short lists in
``redact/fairness_names.json`` (common name elements, combined at random) for Moroccan and
Hindustani-Surinamese names. No pool holds real people's data. Deterministic: the documents come
from a fixed seed, the names from seeds derived from the seed, the document and the group.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypedDict

from redact import __version__
from redact.config import Config, load_config
from redact.errors import InputNotFound, UsageError
from redact.jsontypes import JsonObject

if TYPE_CHECKING:
    from faker import Faker

    from redact.stages.detect import Detector

DEFAULT_SEED = 17
DEFAULT_COUNT = 150
GENERATOR = Path(__file__).resolve().parents[1] / "fixtures" / "generate.py"
NAMES_FILE = Path(__file__).with_name("fairness_names.json")
FAKER_SOURCE = "Faker {version}, locale {locale} (MIT licence)"
OWN_SOURCE = "redact/fairness_names.json (eigen lijst van veelvoorkomende namen, willekeurig gecombineerd)"
# Middle-name share per document is the original person's; tussenvoegsels only where a pool has them.
MAX_TRIES = 50
MAX_MISSES = 200


@dataclass(frozen=True)
class Group:
    key: str
    label: str  # Dutch, as the register shows it
    locale: str | None  # a Faker locale, or None: our own list in fairness_names.json
    adjective: str = ""  # "Turkse" (namen), for the register's sentences


GROUPS: tuple[Group, ...] = (
    Group("nl", "Nederlands", "nl_NL", "Nederlandse"),
    Group("fr", "Frans", "fr_FR", "Franse"),
    Group("en", "Engels", "en_GB", "Engelse"),
    Group("de", "Duits", "de_DE", "Duitse"),
    Group("pl", "Pools", "pl_PL", "Poolse"),
    Group("it", "Italiaans", "it_IT", "Italiaanse"),
    Group("tr", "Turks", "tr_TR", "Turkse"),
    Group("ma", "Marokkaans", None, "Marokkaanse"),
    Group("hi", "Hindoestaans-Surinaams", None, "Hindoestaans-Surinaamse"),
)


@dataclass(frozen=True)
class Miss:
    document: str
    kind: str
    text: str
    partial: bool  # found, but not every character of it


@dataclass(frozen=True)
class GroupScore:
    key: str
    label: str
    source: str
    adjective: str
    gold: int  # gold PERSON spans to redact
    found: int  # overlapped by a proposed PERSON finding
    full: int  # every non-blank character covered
    predicted: int  # proposed PERSON findings
    correct: int  # ... that overlap a gold PERSON span
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind -> (gold, found)
    misses: tuple[Miss, ...] = ()

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def full_span_recall(self) -> float | None:
        return self.full / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None


@dataclass(frozen=True)
class FairnessReport:
    seed: int
    count: int
    documents: int  # per group
    groups: tuple[GroupScore, ...]
    date: str
    tool_version: str
    config_hash: str
    seconds: float

    def gap(self, measure: str = "recall") -> float | None:
        values = [v for g in self.groups if (v := getattr(g, measure)) is not None]
        return max(values) - min(values) if values else None

    def extreme(self, measure: str, best: bool) -> GroupScore | None:
        scored = [g for g in self.groups if getattr(g, measure) is not None]
        if not scored:
            return None
        pick = max if best else min
        return pick(scored, key=lambda g: getattr(g, measure))


# -- the generator and the name pools --------------------------------------------------------------


def load_generator() -> ModuleType:
    """``fixtures/generate.py`` of this checkout (it needs Faker, a development dependency)."""
    name = "redact_fixtures_generate"
    if name in sys.modules:
        return sys.modules[name]
    if not GENERATOR.is_file():
        raise UsageError(f"the fairness evaluation needs {GENERATOR} (a source checkout of redact)")
    try:
        import faker  # noqa: F401
    except ImportError:
        raise UsageError("the fairness evaluation needs Faker: pip install 'redact[dev]' "
                         "(or pip install faker)") from None
    spec = importlib.util.spec_from_file_location(name, GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def _seed(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")


def group_source(group: Group) -> str:
    if group.locale is None:
        return OWN_SOURCE
    import faker

    return FAKER_SOURCE.format(version=faker.VERSION, locale=group.locale)


class _Pool:
    """Draws given names and surnames of one group; seeded per document."""

    def __init__(self, group: Group, prefixes: Sequence[str]) -> None:
        self.group = group
        self.prefixes = prefixes
        self.lists: dict[str, list[str]] = {}
        self.fake: Faker | None = None
        if group.locale is None:
            data = json.loads(NAMES_FILE.read_text("utf-8"))[group.key]
            self.lists = {k: list(data[k]) for k in ("m", "f", "s")}
        else:
            from faker import Faker

            self.fake = Faker(group.locale)
        self.rng = random.Random(0)

    def reseed(self, key: str) -> None:
        self.rng = random.Random(key)
        if self.fake is not None:
            self.fake.seed_instance(_seed(key))

    def first(self, gender: str) -> str:
        if self.fake is None:
            return self.rng.choice(self.lists[gender])
        return str(self.fake.first_name_male() if gender == "m" else self.fake.first_name_female())

    def surname(self, gender: str) -> tuple[str, str]:
        """(tussenvoegsel, surname); a tussenvoegsel only where the pool writes one ("van der Meer")."""
        if self.fake is None:
            return "", self.rng.choice(self.lists["s"])
        name = str(self.fake.last_name_male() if gender == "m" else self.fake.last_name_female())
        if self.group.key == "nl":
            for pre in self.prefixes:
                if name.startswith(pre + " "):
                    return pre, name[len(pre) + 1:]
        return "", name


def _substitute(gen: ModuleType, pool: _Pool, p: Any, taken: set[str]) -> Any:
    """A person of ``pool``'s group in ``p``'s place: same gender, middle names, married-name form."""
    for _ in range(MAX_TRIES):
        prefix, surname = pool.surname(p.gender)
        first = pool.first(p.gender)
        middle = [pool.first(p.gender) for _ in p.middle]
        partner = ""
        if p.partner:
            pre, core = pool.surname(p.gender)  # a married name in the form its bearer writes it
            partner = f"{pre} {core}".strip()
        if surname not in taken and first not in taken and partner not in taken and surname != partner:
            break
    taken.update({surname, first, partner} - {""})
    return gen.Person(first, middle, prefix, surname, p.gender, partner)


def _origin_gen(gen: ModuleType) -> Any:
    class OriginGen(gen.Gen):  # type: ignore[name-defined,misc]  # a module loaded from a path
        """The generator's per-document source, with every new person renamed into one group."""

        def __init__(self, rng: random.Random, fake: Any, pool: _Pool | None) -> None:
            super().__init__(rng, fake)
            self._pool = pool
            self._taken: set[str] = set()

        def person(self, origin: str | None = None, gender: str | None = None) -> Any:
            p = super().person(origin, gender)
            if self._pool is None:
                return p
            return _substitute(gen, self._pool, p, self._taken)

    return OriginGen


def layout(gen: ModuleType, doc: Any) -> tuple[str, list[GoldSpan]]:
    """The text and gold spans ``fixtures/generate.py``'s ``render`` places, without the PDF."""
    pages = doc.paginate()
    n = len(pages)
    page_texts: list[str] = []
    spans: list[GoldSpan] = []
    offset = 0
    for pno, lines in enumerate(pages, start=1):
        placed = [gen.Line([gen.Seg(doc.docid)], 9.0), *lines]
        if doc.footer:
            placed.append(gen.Line([gen.Seg(f"Pagina {pno} van {n}")], 8.0))
        texts = []
        for ln in placed:
            pos = 0
            for seg in ln.segs:
                if seg.entity:
                    spans.append({"entity": seg.entity, "text": seg.text, "start": offset + pos,
                                  "end": offset + pos + len(seg.text), "page": pno,
                                  "public_official": seg.official})
                pos += len(seg.text)
            texts.append(ln.text)
            offset += len(ln.text) + 1
        page_texts.append("\n".join(texts))
    return "\f".join(page_texts), spans


class GoldSpan(TypedDict):
    """A gold span as ``fixtures/generate.py`` writes it (offsets into the document's text)."""

    entity: str
    text: str
    start: int
    end: int
    page: int
    public_official: bool


@dataclass(frozen=True)
class GoldDoc:
    name: str
    kind: str
    text: str
    spans: tuple[GoldSpan, ...]


def build_documents(seed: int, count: int, group: Group | None) -> list[GoldDoc]:
    """The ``count`` Woo-like documents of ``seed`` (as ``generate.py --seed`` writes them), renamed.

    ``group`` None keeps the generator's own names (its mixture of origins).
    """
    gen = load_generator()
    origin_gen = _origin_gen(gen)
    pool = _Pool(group, gen.PREFIXES) if group else None
    makers = {"email": gen.make_email, "letter": gen.make_letter, "form": gen.make_form,
              "minutes": gen.make_minutes}
    docs = []
    for idx in range(count):
        key = f"redact-fixtures:{seed}:woo:{idx}"  # generate.build's key: the same documents
        if pool is not None and group is not None:
            pool.reseed(f"redact-fairness:{seed}:{idx}:{group.key}")
        g = origin_gen(random.Random(key), gen.faker_for(key), pool)
        docid = g.docid()
        kind = gen.WOO_CYCLE[idx % len(gen.WOO_CYCLE)]
        doc = makers[kind](g, docid)
        text, spans = layout(gen, doc)
        docs.append(GoldDoc(f"{kind}_{idx:04d}", kind, text, tuple(spans)))
    return docs


def settings_from_gold_dir(gold_dir: Path) -> tuple[int, int]:
    """(seed, count) of a folder written by ``fixtures/generate.py`` (its ``index.json``)."""
    index = gold_dir / "index.json"
    if not gold_dir.is_dir():
        raise InputNotFound(f"{gold_dir} is not a folder")
    try:
        data = json.loads(index.read_text("utf-8"))
        if data.get("generator") != "fixtures/generate.py":
            raise ValueError
        return int(data["seed"]), int(data["count"])
    except (OSError, ValueError, KeyError, TypeError):
        raise UsageError(
            f"{gold_dir} has no index.json of fixtures/generate.py: --by-origin regenerates the documents "
            "from their seed, because only then is every mention of a person renamed consistently"
        ) from None


# -- scoring -----------------------------------------------------------------------------------------


def _covered(start: int, end: int, text: str, found: Sequence[tuple[int, int]]) -> bool:
    need = {i for i in range(start, end) if text[i].isalnum()}
    for s, e in found:
        need.difference_update(range(max(s, start), min(e, end)))
    return not need


def score_group(group: Group, docs: Sequence[GoldDoc], detector: Detector) -> GroupScore:
    gold = found = full = predicted = correct = 0
    by_kind: dict[str, list[int]] = {}
    misses: list[Miss] = []
    for doc in docs:
        pages = doc.text.split("\f")
        spans: list[tuple[int, int]] = []
        off = 0
        for page, findings in zip(pages, detector.detect_pages(pages), strict=True):
            spans += [(off + f.start, off + f.end) for f in findings if f.entity == "PERSON" and f.proposed]
            off += len(page) + 1
        persons = [s for s in doc.spans if s["entity"] == "PERSON"]
        for s in persons:
            if s["public_official"]:
                continue
            hit = any(a < s["end"] and s["start"] < b for a, b in spans)
            whole = hit and _covered(s["start"], s["end"], doc.text, spans)
            gold += 1
            found += hit
            full += whole
            kind = by_kind.setdefault(doc.kind, [0, 0])
            kind[0] += 1
            kind[1] += hit
            if not whole and len(misses) < MAX_MISSES:
                misses.append(Miss(doc.name, doc.kind, s["text"], hit))
        for a, b in spans:
            predicted += 1
            correct += any(a < s["end"] and s["start"] < b for s in persons)
    return GroupScore(group.key, group.label, group_source(group), group.adjective, gold, found, full,
                      predicted, correct,
                      {k: (v[0], v[1]) for k, v in sorted(by_kind.items())}, tuple(misses))


def evaluate_by_origin(seed: int = DEFAULT_SEED, count: int = DEFAULT_COUNT,
                       groups: Sequence[str] | None = None, config: Config | None = None) -> FairnessReport:
    """Score PERSON detection on the same ``count`` documents once per origin group."""
    from redact.stages.detect import Detector  # here: Presidio and spaCy take seconds to import

    if count < 1:
        raise UsageError("--count must be at least 1")
    chosen = list(GROUPS)
    if groups:
        unknown = sorted(set(groups) - {g.key for g in GROUPS})
        if unknown:
            raise UsageError(f"unknown origin group(s) {', '.join(unknown)}; "
                             f"known: {', '.join(g.key for g in GROUPS)}")
        chosen = [g for g in GROUPS if g.key in groups]
    config = config or load_config()
    t0 = time.perf_counter()
    detector = Detector(config)
    scores = tuple(score_group(g, build_documents(seed, count, g), detector) for g in chosen)
    return FairnessReport(seed, count, count, scores, datetime.now(UTC).date().isoformat(), __version__,
                          config.sha256, time.perf_counter() - t0)


def evaluate_as_asked(gold_dir: Path | None, seed: int | None, count: int | None, origins: str | None,
                      config: Config) -> FairnessReport:
    """``redact eval --by-origin``: the seed and count given, else those of ``gold_dir`` (a folder
    of ``fixtures/generate.py``), else the defaults; ``origins`` comma-separated group keys."""
    if gold_dir is not None:
        dir_seed, dir_count = settings_from_gold_dir(gold_dir)
        seed = dir_seed if seed is None else seed
        count = dir_count if count is None else count
    groups = [g.strip() for g in origins.split(",") if g.strip()] if origins else None
    return evaluate_by_origin(DEFAULT_SEED if seed is None else seed,
                              DEFAULT_COUNT if count is None else count, groups, config)


# -- output ------------------------------------------------------------------------------------------


def _f(value: float | None) -> str:
    return "    -" if value is None else f"{value:.3f}"


def render(report: FairnessReport, max_misses: int = 8) -> str:
    """The report as a table: one row per group, then the gap and a few misses per group."""
    lines = [
        f"PERSON per origin of names: {report.documents} Woo-like documents (fixtures/generate.py, seed "
        f"{report.seed}) per group, the same text around the names; redact {report.tool_version}, "
        f"{report.date}",
        "names to redact (office holders left out); found: a proposed PERSON finding overlaps the name; "
        "full span: every letter and digit of it lies under such findings",
        "",
        f"{'group':<24}{'names':>6}{'recall':>8}{'full span':>11}{'prec.':>7}  found/full/findings",
        "-" * 84,
    ]
    for g in report.groups:
        lines.append(f"{g.label:<24}{g.gold:>6}{_f(g.recall):>8}{_f(g.full_span_recall):>11}"
                     f"{_f(g.precision):>7}  {g.found}/{g.full}/{g.predicted}")
    for measure, name in (("recall", "recall"), ("full_span_recall", "full-span recall")):
        best, worst = report.extreme(measure, True), report.extreme(measure, False)
        if best and worst:
            lines.append(f"gap in {name}: {_f(report.gap(measure))} "
                         f"(best {best.label} {_f(getattr(best, measure))}, "
                         f"worst {worst.label} {_f(getattr(worst, measure))})")
    kinds = sorted({k for g in report.groups for k in g.by_kind})
    if kinds:
        lines += ["", "recall by document kind", f"{'group':<24}" + "".join(f"{k:>10}" for k in kinds)]
        for g in report.groups:
            row = f"{g.label:<24}"
            for k in kinds:
                n, hit = g.by_kind.get(k, (0, 0))
                row += f"{_f(hit / n if n else None):>10}"
            lines.append(row)
    lines += ["", "name pools:"]
    lines += [f"  {g.label}: {g.source}" for g in report.groups]
    lines.append("")
    for g in report.groups:
        if not g.misses:
            continue
        lines.append(f"{g.label}: {g.gold - g.full} not (fully) found, e.g.")
        for m in g.misses[:max_misses]:
            lines.append(f"  {m.document:<14} {m.text!r}{' (partly)' if m.partial else ''}")
    lines.append(f"{report.seconds:.1f} s")
    return "\n".join(lines)


def as_dict(report: FairnessReport) -> JsonObject:
    """JSON-ready: every figure, the data set, the date and the version (``--json``)."""

    def group(g: GroupScore) -> JsonObject:
        return {
            "label": g.label, "adjective": g.adjective, "source": g.source, "gold": g.gold,
            "found": g.found, "full": g.full,
            "predicted": g.predicted, "correct": g.correct, "recall": g.recall,
            "full_span_recall": g.full_span_recall, "precision": g.precision,
            "by_kind": {k: {"gold": n, "found": hit} for k, (n, hit) in g.by_kind.items()},
            "misses": [{"document": m.document, "kind": m.kind, "text": m.text, "partial": m.partial}
                       for m in g.misses],
        }

    def extreme(measure: str, best: bool) -> str | None:
        g = report.extreme(measure, best)
        return g.key if g else None

    return {
        "kind": "fairness-by-origin",
        "tool_version": report.tool_version,
        "date": report.date,
        "config_hash": report.config_hash,
        "data_set": {"generator": "fixtures/generate.py", "set": "woo", "seed": report.seed,
                     "documents_per_group": report.documents},
        "scored": "PERSON spans to redact (public office holders left out); found = overlapped by a "
                  "PERSON finding proposed for redaction; full = every letter and digit covered",
        "groups": {g.key: group(g) for g in report.groups},
        "gap": {m: {"value": report.gap(m), "best": extreme(m, True), "worst": extreme(m, False)}
                for m in ("recall", "full_span_recall")},
        "seconds": report.seconds,
    }
