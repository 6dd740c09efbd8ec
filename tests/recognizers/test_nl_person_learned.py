"""The learned second opinion on names (recognizers/nl_person_learned.py): what it adds where the
rules leave a capitalised word, what it never takes, how it explains itself, and its training."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from recognizers import nl_person_learned as learned
from redact import train_names
from redact.config import load_config
from redact.stages.detect import Detector


@pytest.fixture(scope="module")
def rules() -> Detector:
    return Detector(load_config(), second_opinion=False)


@pytest.fixture(scope="module")
def opinion() -> learned.LearnedNames:
    return learned.LearnedNames()


def ask(rules: Detector, opinion: learned.LearnedNames, text: str) -> list[str]:
    found = [(f.start, f.end, f.entity) for f in rules.recognise(text)]
    return [text[r.start : r.end] for r in opinion.opinion(text, found)]


# Kinds of text where the rules leave names that the opinion takes (invented people).
FOUND = [
    # a family list with surnames in capitals, as immigration letters write them
    ("Het gezin bestaat uit:\n1.  Rasha DARWISH,  geb. 17-11-1984\n"
     "2.  Lina AL-HAMWI,  geb. 30-06-2017", ["Rasha", "Lina AL-HAMWI"]),
    # names of another country with no cue but a relation
    ("In de wijk wonen veel gezinnen. Tekle Berhane en zijn vrouw kwamen in 2016 uit Eritrea.",
     ["Tekle Berhane"]),
    # a CSV row's applicant, surname first, after a reference
    ("SBB-24-005;Wu, Jian;J. Wu;Brinkstraat 14-3;7512 EC;Enschede", ["Jian"]),
    # residents at a hearing by first name and street
    ("2. Vragen uit de zaal\n\nFatma (Kroezeboom) zegt dat zij in 1998 als vluchteling kwam.", ["Fatma"]),
]

# Capitalised words the opinion must leave, whatever it thinks of them alone.
LEFT = [
    "De Wit zegt: niet doen. De provincie Gelderland laat weten dat de weg dicht was.",  # "De" never alone
    # things named after people
    "De jury reikte de Anton Brouwer-cultuurprijs uit. Het Piet Hoeksma-veld is open.",
    "We kochten het speelgoed bij Bart Smit.",  # a shop that reads like a name
    "Afwezig: Woonstichting 't Anker en de Dr. J.H. Jansenkliniek.",  # after an organisation noun
]


@pytest.mark.parametrize(("text", "names"), FOUND)
def test_the_opinion_finds_what_the_rules_left(rules: Detector, opinion: learned.LearnedNames,
                                               text: str, names: list[str]) -> None:
    got = ask(rules, opinion, text)
    for name in names:
        assert any(name in g for g in got), (name, got)


@pytest.mark.parametrize("text", LEFT)
def test_the_opinion_leaves_things_and_particles(rules: Detector, opinion: learned.LearnedNames,
                                                text: str) -> None:
    got = ask(rules, opinion, text)
    assert "De" not in got and "Anton Brouwer" not in got and "Bart" not in got and "Anker" not in got, got
    assert not any(g in ("J.", "H.", "Piet Hoeksma", "Luther") for g in got), got


def test_the_opinion_says_why(rules: Detector, opinion: learned.LearnedNames) -> None:
    text = "In de wijk wonen veel gezinnen. Tekle Berhane en zijn vrouw kwamen in 2016 uit Eritrea."
    found = [(f.start, f.end, f.entity) for f in rules.recognise(text)]
    result = opinion.opinion(text, found)[0]
    explanation = result.analysis_explanation
    assert explanation is not None and explanation.recognizer == learned.NAME
    assert explanation.textual_explanation.startswith("learned second opinion, p=0.")
    assert result.score == learned.SCORE


def test_a_detector_proposes_its_names_with_the_explanation() -> None:
    text = "In de wijk wonen veel gezinnen. Tekle Berhane en zijn vrouw kwamen in 2016 uit Eritrea."
    findings = Detector(load_config()).detect(text)
    mine = [f for f in findings if f.explanation.recognizer == learned.NAME]
    assert [f.text for f in mine] == ["Tekle Berhane"]
    assert mine[0].proposed and mine[0].ground == "5.1.2e" and "p=" in mine[0].explanation.text


def test_without_weights_it_says_nothing() -> None:
    empty = learned.LearnedNames(weights=np.zeros(learned.BUCKETS + 1, dtype=np.float32))
    assert empty.opinion("Tekle Berhane en Semhar Tesfay", []) == []


def test_glued_words_are_split_but_initials_are_not() -> None:
    words = [w for _, _, w in learned.tokens("AchternaamOBRADOVIĆ RoepnaamDragana MSvL d'Ancona J.")]
    assert words == ["Achternaam", "OBRADOVIĆ", "Roepnaam", "Dragana", "MSvL", "d'Ancona", "J."]


def test_the_features_are_the_scores_parts(rules: Detector, opinion: learned.LearnedNames) -> None:
    """The scorer sums the word's, the neighbours' and the context's parts with caches; the same as
    summing every feature's weight at once."""
    text = "Vragen uit de zaal\n\nPiotr (Hoge Weg) werkt in de vleessector en vraagt of Sanne Kuipers komt."
    toks = learned.tokens(text)
    marks = learned.marks_of(toks, [(f.start, f.end, f.entity) for f in rules.recognise(text)])
    which = [i for i, (_, _, w) in enumerate(toks) if w[0].isupper()]
    opinion_all = learned.LearnedNames()
    opinion_all._least = -1e9  # every word asked about its context
    fast = opinion_all.probabilities(text, toks, marks, which)
    assert opinion_all.weights is not None
    for i, p in zip(which, fast, strict=True):
        z = float(opinion_all.weights[learned.hashed(learned.features(text, toks, i, marks))].sum())
        assert p == pytest.approx(1.0 / (1.0 + np.exp(-z)), abs=1e-5)


def test_training_is_repeatable_and_loads(tmp_path: Path) -> None:
    """Two trainings on the same set give the same bytes; the file loads as weights."""
    keep = "holdout30"
    others = [p.name for p in train_names.GOLD.iterdir() if p.is_dir() and p.name != keep]
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    train_names.main(["--exclude", *others, "--out", str(first)])
    train_names.main(["--exclude", *others, "--out", str(second)])
    assert first.read_bytes() == second.read_bytes()
    weights = learned.load_weights(first.read_bytes())
    assert weights.shape == (learned.BUCKETS + 1,) and weights[learned.BUCKETS] == 0
    assert np.count_nonzero(weights) > 1000


def test_the_shipped_model_is_there() -> None:
    """The package carries its weights (no download): a detector without them would miss names."""
    assert learned.LearnedNames().weights is not None
