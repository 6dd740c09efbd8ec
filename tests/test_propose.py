"""The propose stage: one person, every mention; office holders; the allow- and deny-lists; the
threshold. Through the Detector (recognisers, then the proposal), and on findings made by hand."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recognizers.lexicons import lexicons
from redact.config import load_config
from redact.models import Explanation, Finding
from redact.stages.detect import Detector
from redact.stages.propose import PROPAGATED_SCORE, Proposer, _mention_spans


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector(load_config())


def _config(tmp_path: Path, **overrides: object) -> Path:
    path = tmp_path / "config.json"
    path.write_text(json.dumps(overrides), "utf-8")
    return path


def persons(pages: list[list[Finding]]) -> list[tuple[int, str, bool]]:
    return [(i, f.text, f.proposed) for i, page in enumerate(pages, 1) for f in page if f.entity == "PERSON"]


def test_later_mentions_are_linked_across_pages(detector: Detector) -> None:
    pages = [
        "Gesprek met Jan de Vries en Piet Bakker over de aanvraag.",
        "Later belde Bakker dat het klopt, en ook de Vries.\nDaarna stuurde P. Bakker het stuk.",
    ]
    found = detector.detect_pages(pages)
    assert persons(found) == [
        (1, "Jan de Vries", True), (1, "Piet Bakker", True), (2, "Bakker", True), (2, "de Vries", True),
        (2, "P. Bakker", True),
    ]
    linked = {f.text: f for f in found[1] if f.explanation.pattern == "same person"}
    assert set(linked) == {"Bakker", "de Vries"}  # "P. Bakker" is found on its own evidence
    assert linked["Bakker"].explanation.context == ("Piet Bakker",)
    assert linked["de Vries"].explanation.context == ("Jan de Vries",)
    assert all("page 1" in f.explanation.text for f in linked.values())


def test_no_linking_without_a_first_finding(detector: Detector) -> None:
    # a surname alone is not enough on its own
    assert persons(detector.detect_pages(["Later belde Bakker dat het klopt."])) == []


def test_role_word_marks_an_office_holder_not_proposed(detector: Detector) -> None:
    (page,) = detector.detect_pages(["Wethouder De Wit opende de vergadering. De Wit sloot af."])
    people = [f for f in page if f.entity == "PERSON"]
    assert [f.text for f in people] == ["De Wit", "De Wit"]
    assert not any(f.proposed for f in people)
    assert all("public office holder" in f.note and "wethouder" in f.note for f in people)


def test_a_role_in_brackets_belongs_to_the_name_before_it(detector: Detector) -> None:
    """An attendance line: "Ramdin (wethouder), M. van 't Hul (gemeentesecretaris)": the alderman's
    role does not make the municipal secretary after him an office holder."""
    (page,) = detector.detect_pages([
        "Aanwezig: J. Bakker (wethouder), R. Ramdin (wethouder), M. van 't Hul (gemeentesecretaris)"
    ])
    proposed = {f.text: f.proposed for f in page if f.entity == "PERSON"}
    assert proposed["M. van 't Hul"] is True


def test_allow_list_and_deny_list(tmp_path: Path) -> None:
    config = load_config(_config(
        tmp_path,
        public_officials={"names": ["Hugo de Jonge"], "roles": []},
        always_redact=["Pieter Fictief"],
    ))
    detector = Detector(config)
    (page,) = detector.detect_pages(
        ["Hugo de Jonge sprak met Anna Bakker. Later zei De Jonge iets. Pieter Fictief belde."]
    )
    people = {f.text: f for f in page if f.entity == "PERSON"}
    assert people["Hugo de Jonge"].proposed is False
    assert "allow-list" in people["Hugo de Jonge"].note
    assert people["De Jonge"].proposed is False
    assert people["Anna Bakker"].proposed is True
    assert people["Pieter Fictief"].proposed is True


def test_deny_list_names_are_always_found(tmp_path: Path) -> None:
    detector = Detector(load_config(_config(tmp_path, always_redact=["Zorro Qwerty"])))
    (page,) = detector.detect_pages(["het stuk van zorro en Zorro Qwerty"])
    assert [(f.text, f.proposed) for f in page if f.entity == "PERSON"] == [("Zorro Qwerty", True)]


def test_initials_found_by_a_verb_alone_are_not_linked(detector: Detector) -> None:
    # "ZB meldt" makes ZB a person there; elsewhere the same letters may be an acronym
    pages = ["ZB meldt dat het rapport klaar is.", "Het rapport van ZB volgt."]
    assert persons(detector.detect_pages(pages)) == [(1, "ZB", True)]


def test_declared_initials_are_linked(detector: Detector) -> None:
    pages = ["A23-04: rapport opstellen | actiehouder: ZB", "Het rapport van ZB volgt."]
    found = detector.detect_pages(pages)
    assert persons(found) == [(1, "ZB", True), (2, "ZB", True)]
    (linked,) = [f for f in found[1] if f.entity == "PERSON"]
    assert linked.explanation.pattern == "same person"


def test_acronyms_are_never_people(detector: Detector) -> None:
    text = "AI kan helpen. AI is snel, zegt de GGD. HR geeft aan dat ICT en IT samengaan; het OMT adviseert."
    assert persons(detector.detect_pages([text])) == []


def test_no_mention_inside_a_company_or_a_postcode(detector: Detector) -> None:
    pages = [
        "Gesprek met Pawel Nowak over de aanvraag. Behandelaar: LH",
        "Nowak Transport B.V. levert de stukken. Postbus 1, 5000 LH Tilburg. Nowak belt terug.",
    ]
    assert persons(detector.detect_pages(pages)) == [
        (1, "Pawel Nowak", True), (1, "LH", True), (2, "Nowak", True),
    ]


def test_a_name_that_is_also_a_word_is_linked_where_it_reads_as_a_name(detector: Detector) -> None:
    pages = [
        "Buurman Frans Koning belde de politie. De hond van Anna Storm blafte.",
        "Koning hoorde glas breken. Frans zag niets. De commissaris van de Koning kwam later."
        " Storm Ciarán raasde over het land; de storm ging liggen. Hij spreekt vloeiend Frans.",
    ]
    found = detector.detect_pages(pages)
    assert persons(found)[2:] == [(2, "Koning", True), (2, "Frans", True)]
    (koning, frans) = [f for f in found[1] if f.entity == "PERSON"]
    assert koning.explanation.context == ("Frans Koning",) and frans.explanation.pattern == "same person"


def test_a_surname_that_is_a_place_is_not_linked_where_it_stands_as_the_place(detector: Detector) -> None:
    pages = ["Mevrouw Van Rijswijk belde.",
             "Zij woont in Rijswijk (2288 GK Rijswijk). Van Rijswijk belt terug."]
    assert persons(detector.detect_pages(pages)) == [(1, "Van Rijswijk", True), (2, "Van Rijswijk", True)]


def test_no_mention_inside_a_firm_of_partners(detector: Detector) -> None:
    pages = ["De heer Noordam gaf een toelichting.", "Het ontwerp is van Van Beek & Noordam. Noordam belt."]
    assert persons(detector.detect_pages(pages)) == [(1, "Noordam", True), (2, "Noordam", True)]
    assert detector.detect_pages(pages)[1][-1].start == pages[1].rindex("Noordam")


def test_office_holder_listed_surname_first_is_reported(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path, public_officials={"names": ["Vries, J. de"], "roles": []}))
    text = "Gekozen:\nVries, J. de (Water Natuurlijk)\nVeen, R. van der (BBB)"
    (page,) = Detector(config).detect_pages([text])
    people = {f.text: f.proposed for f in page if f.entity == "PERSON"}
    assert people == {"Vries, J. de": False, "Veen, R. van der": True}


def test_a_tussenvoegsel_field_is_not_linked_on(detector: Detector) -> None:
    # a form's own tussenvoegsel field is part of the name; every other "van" is an ordinary word
    text = "Voornaam\t\tIlse\nTussenvoegsel\t\tvan\nAchternaam\t\tZwaan\n\nOmschrijving van uw klacht"
    assert [t for _, t, _ in persons(detector.detect_pages([text]))] == ["Ilse", "van", "Zwaan"]


def test_minutes_abbreviations_of_a_person_are_linked(detector: Detector) -> None:
    """Minutes refer to people by their initials: "Lot Heijmen" is "LH", "Jan-Willem van Baal" is
    "JWvB", "Suzanne van den Broek-Dekkers" is "SvdBD"; an abbreviation that is a known acronym
    ("Ilse Cornelis" would be "IC") is never linked."""
    text = (
        "Aanwezig: Lot Heijmen (voorzitter), Jan-Willem van Baal (gemeente), Suzanne van den "
        "Broek-Dekkers (Halt), Ilse Cornelis (GGD)\n\n"
        "1. Capaciteit\nHet aantal IC-bedden blijft gelijk; de IC meldt geen tekorten. LH zal dit aan "
        "de regio voorleggen. JWvB vraagt naar de kosten; SvdBD: de regeling loopt door."
    )
    found = {f.text: f.explanation.pattern for f in detector.detect(text) if f.entity == "PERSON"}
    assert found.get("LH") and found.get("JWvB") and found.get("SvdBD"), found
    assert "IC" not in found


# -- the proposal on its own, on findings made by hand ----------------------------------------------


def person(text: str, page: str, score: float = 0.85, pattern: str = "full name") -> Finding:
    start = page.index(text)
    return Finding(start=start, end=start + len(text), entity="PERSON", text=text, score=score,
                   ground="5.1.2e", explanation=Explanation("NlPersonRecognizer", pattern))


def test_proposal_links_mentions_without_the_recognisers() -> None:
    proposer = Proposer(load_config(), lexicons())
    pages = ["Gesprek met Jan de Vries.", "De Vries belt terug; J. de Vries ook."]
    (first,), second = proposer.propose(pages, [[person("Jan de Vries", pages[0])], []])
    assert first.text == "Jan de Vries"
    assert [(f.text, f.score, f.explanation.pattern, f.explanation.context) for f in second] == [
        ("De Vries", PROPAGATED_SCORE, "same person", ("Jan de Vries",)),
        ("J. de Vries", PROPAGATED_SCORE, "same person", ("Jan de Vries",)),
    ]


def test_proposal_drops_what_is_under_the_threshold_or_inside_another(tmp_path: Path) -> None:
    proposer = Proposer(load_config(_config(tmp_path, threshold=0.5)), lexicons())
    page = "Gesprek met Jan de Vries en Piet Bakker."
    found = [person("Jan de Vries", page), person("de Vries", page), person("Piet Bakker", page, 0.45)]
    ((kept,),) = proposer.propose([page], [found])
    assert kept.text == "Jan de Vries"


def test_proposal_marks_an_office_holder_by_a_role_word() -> None:
    proposer = Proposer(load_config(), lexicons())
    page = "Wethouder Jan de Vries opende."
    ((found,),) = proposer.propose([page], [[person("Jan de Vries", page)]])
    assert not found.proposed
    assert found.note == "public office holder: 'wethouder' before the name"


# -- later mentions without a regex per document ------------------------------------------------


def mentions_by_regex(text: str, mentions: list[str]) -> list[tuple[int, int, str]]:
    """What the detector used to compile per document."""
    pattern = re.compile(
        r"(?<![\w@.])(?:" + "|".join(re.escape(m) for m in sorted(mentions, key=len, reverse=True))
        + r")(?![\w@])"
    )
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


NAME_PIECES = ["Jan", "de", "Vries", " ", ".", "@", "_", "J.", "é", "-", "\n", "1", "Jan de Vries"]
MENTIONS = ["Jan", "Jan de Vries", "De Vries", "J. de Vries", "de Vries", "J.", "an d", "é"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(NAME_PIECES), max_size=14).map("".join),
    st.lists(st.sampled_from(MENTIONS), min_size=1, max_size=5, unique=True),
)
def test_mentions_are_found_as_by_one_regex_of_them_all(text: str, mentions: list[str]) -> None:
    assert _mention_spans(text, mentions) == mentions_by_regex(text, mentions)
