"""The regression corpus: realistic cases per kind of text, and which of them the detector fails.

One JSON file per kind of text (``tests/regression/*.json``), in the spirit of deduce's
``tests/regression``: every case is a short realistic passage with invented people and the spans
that must be found in it::

    {"kind": "bsn", "description": "...", "known_failures": ["bsn-07"],
     "cases": [{"id": "bsn-01", "text": "Mijn BSN is 1234.56.782.",
                "annotations": [{"entity": "NL_BSN", "text": "1234.56.782"}]}]}

An annotation gives its ``text`` and, where the text occurs more than once, its ``start``; without
``start`` it is the first occurrence after the previous annotation's start. ``public_official``
marks a name that must be reported (not proposed). A case with no annotations is a precision case:
nothing may be reported in it.

A case *passes* when every annotation is fully covered (each letter and digit lies inside a
finding of a compatible entity: a name of which one word stays readable is a leak) and every finding
overlaps an annotation (anything else is a false alarm). The test asserts that the set of failing
ids equals ``known_failures``, so it fails on a regression and on a silent improvement alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from redact.config import Config, load_config
from redact.evaluation import DEDUCE_TAGS
from redact.jsontypes import JsonObject

# Entities that stand in for each other when a span is covered: an address may be found as its
# street and house number plus its postcode and place.
_FAMILIES: tuple[frozenset[str], ...] = (frozenset({"NL_ADDRESS", "NL_POSTCODE", "LOCATION"}),)


@dataclass(frozen=True)
class Annotation:
    entity: str
    start: int
    end: int
    text: str
    public_official: bool = False


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    annotations: tuple[Annotation, ...]


@dataclass(frozen=True)
class Corpus:
    kind: str
    description: str
    path: Path
    cases: tuple[Case, ...]
    known_failures: frozenset[str]


@dataclass(frozen=True)
class Predicted:
    entity: str  # "A|B" where a system's label stands for more than one of ours (deduce)
    start: int
    end: int


@dataclass(frozen=True)
class CaseResult:
    id: str
    passed: bool
    missed: tuple[str, ...]  # annotation texts not fully covered
    false_alarms: tuple[str, ...]  # finding texts outside every annotation


def load_corpus(path: Path) -> Corpus:
    """One kind's file, with every annotation resolved to offsets and checked against the text."""
    data = json.loads(Path(path).read_text("utf-8"))
    cases = []
    seen: set[str] = set()
    for raw in data["cases"]:
        case_id, text = str(raw["id"]), str(raw["text"])
        if case_id in seen:
            raise ValueError(f"{path}: case id {case_id!r} occurs twice")
        seen.add(case_id)
        annotations, at = [], 0
        for a in raw.get("annotations", []):
            wanted = str(a["text"])
            start = int(a["start"]) if "start" in a else text.find(wanted, at)
            if start < 0 or text[start : start + len(wanted)] != wanted:
                raise ValueError(f"{path}: case {case_id}: {wanted!r} is not in the text there")
            annotations.append(Annotation(str(a["entity"]), start, start + len(wanted), wanted,
                                          bool(a.get("public_official", False))))
            at = start + 1
        cases.append(Case(case_id, text, tuple(annotations)))
    known = frozenset(str(i) for i in data.get("known_failures", []))
    unknown = known - seen
    if unknown:
        raise ValueError(f"{path}: known_failures names ids that are no case: {sorted(unknown)}")
    return Corpus(str(data.get("kind", Path(path).stem)), str(data.get("description", "")), Path(path),
                  tuple(cases), known)


def load_corpora(folder: Path) -> list[Corpus]:
    return [load_corpus(p) for p in sorted(Path(folder).glob("*.json"))]


def is_corpus_dir(folder: Path) -> bool:
    """A folder of regression files (``{"cases": ...}``) rather than gold documents."""
    for p in sorted(Path(folder).glob("*.json")):
        try:
            return "cases" in json.loads(p.read_text("utf-8"))
        except (OSError, ValueError):
            return False
    return False


def _compatible(predicted: str, gold: str) -> bool:
    labels = set(predicted.split("|"))
    if gold in labels:
        return True
    return any(gold in family and labels & family for family in _FAMILIES)


def judge(case: Case, predicted: Iterable[Predicted]) -> CaseResult:
    found = list(predicted)
    missed = []
    for a in case.annotations:
        covered = [False] * (a.end - a.start)
        for p in found:
            if _compatible(p.entity, a.entity):
                for i in range(max(p.start, a.start), min(p.end, a.end)):
                    covered[i - a.start] = True
        if not all(c or not case.text[a.start + i].isalnum() for i, c in enumerate(covered)):
            missed.append(a.text)
    alarms = [case.text[p.start : p.end] for p in found
              if not any(p.start < a.end and a.start < p.end for a in case.annotations)]
    return CaseResult(case.id, not missed and not alarms, tuple(missed), tuple(alarms))


def run_corpus(corpus: Corpus, detect: Callable[[str], Iterable[Predicted]]) -> list[CaseResult]:
    return [judge(case, detect(case.text)) for case in corpus.cases]


def ours(config: Config | None = None) -> Callable[[str], list[Predicted]]:
    """Our detector as a ``detect`` function: every finding, proposed or only reported."""
    from redact.stages.detect import Detector  # here: Presidio and spaCy take seconds to import

    detector = Detector(config or load_config())

    def detect(text: str) -> list[Predicted]:
        return [Predicted(f.entity, f.start, f.end) for f in detector.detect(text)]

    return detect


def deduce() -> Callable[[str], list[Predicted]]:
    """deduce on the same cases, its tags mapped to our entities (as ``redact eval`` does)."""
    from deduce import Deduce  # here: slow to import, and only this comparison needs it

    model = Deduce()

    def detect(text: str) -> list[Predicted]:
        out = []
        for a in model.deidentify(text).annotations:
            entities = DEDUCE_TAGS.get(str(a.tag).lower())
            if entities is not None:
                out.append(Predicted("|".join(entities), a.start_char, a.end_char))
        return out

    return detect


def compare(folder: Path, config: Config | None, with_deduce: bool = True
            ) -> tuple[list[Corpus], dict[str, list[list[CaseResult]]]]:
    """``redact eval CORPUS_DIR``: every corpus in ``folder`` run by our detector (and deduce)."""
    corpora = load_corpora(folder)
    systems = {"redact": ours(config)}
    if with_deduce:
        systems["deduce"] = deduce()
    return corpora, {name: [run_corpus(c, run) for c in corpora] for name, run in systems.items()}


def render(corpora: Sequence[Corpus], results: Mapping[str, Sequence[Sequence[CaseResult]]],
           max_failures: int = 20) -> str:
    """Cases passed per kind for each system, then each system's failing ids with what went wrong."""
    systems = list(results)
    head = f"{'kind':28} {'cases':>5} | " + " | ".join(f"{s:>16}" for s in systems)
    lines = [head, "-" * len(head)]
    totals = dict.fromkeys(systems, 0)
    for i, corpus in enumerate(corpora):
        cells = []
        for s in systems:
            passed = sum(r.passed for r in results[s][i])
            totals[s] += passed
            cells.append(f"{passed:>5}/{len(corpus.cases):<4} {passed / max(1, len(corpus.cases)):5.2f}")
        lines.append(f"{corpus.kind:28} {len(corpus.cases):>5} | " + " | ".join(cells))
    n = sum(len(c.cases) for c in corpora)
    lines.append(f"{'all':28} {n:>5} | " + " | ".join(
        f"{totals[s]:>5}/{n:<4} {totals[s] / max(1, n):5.2f}" for s in systems))
    for s in systems:
        failing = [(c.kind, r) for i, c in enumerate(corpora) for r in results[s][i] if not r.passed]
        lines.append(f"\n{s}: {len(failing)} failing case(s)")
        for kind, r in failing[:max_failures]:
            lines.append(f"  {kind}/{r.id}: missed {list(r.missed)}, false alarms {list(r.false_alarms)}")
        if len(failing) > max_failures:
            lines.append(f"  ... and {len(failing) - max_failures} more")
    return "\n".join(lines)


def as_dict(corpora: Sequence[Corpus],
            results: Mapping[str, Sequence[Sequence[CaseResult]]]) -> JsonObject:
    """Per system and kind: cases, passed, and the failing ids (for ``--json``)."""
    return {
        system: {
            corpus.kind: {
                "cases": len(corpus.cases),
                "passed": sum(r.passed for r in runs[i]),
                "failing": [r.id for r in runs[i] if not r.passed],
            }
            for i, corpus in enumerate(corpora)
        }
        for system, runs in results.items()
    }


def write_gold(corpora: Sequence[Corpus], folder: Path) -> int:
    """Every case as a one-page gold document (``NAME.txt`` + ``NAME.json``) for ``redact eval``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for corpus in corpora:
        for case in corpus.cases:
            name = f"{corpus.kind}__{case.id}"
            spans = [{"entity": a.entity, "text": a.text, "start": a.start, "end": a.end, "page": 0,
                      "public_official": a.public_official} for a in case.annotations]
            (folder / f"{name}.txt").write_text(case.text, "utf-8")
            gold = {"document": name, "kind": corpus.kind, "pages": 1, "spans": spans}
            (folder / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
            written += 1
    return written
