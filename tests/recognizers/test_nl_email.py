"""NlEmailRecognizer: whole addresses (local part and domain), without the brackets, "mailto:" or
punctuation around them, and nothing that only resembles an address.

All addresses are fictitious (example domains or made-up government mailboxes).
"""

from __future__ import annotations

import pytest

from recognizers.nl_bsn import NlBsnRecognizer
from recognizers.nl_email import NlEmailRecognizer
from recognizers.nl_iban import NlIbanRecognizer
from recognizers.nl_phone import NlPhoneRecognizer
from tests.recognizers.tables import sole_finding

ENTITY = "EMAIL_ADDRESS"
OURS = {"EMAIL_ADDRESS", "PHONE_NUMBER", "NL_BSN", "IBAN_CODE"}
RECOGNIZER = NlEmailRecognizer()


def spans(text: str) -> list[tuple[int, int]]:
    results = RECOGNIZER.analyze(text, entities=[ENTITY], nlp_artifacts=None)
    return sorted((r.start, r.end) for r in results)


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        # fmt: off
        ("Mail naar jan.devries@minvws.nl.", 1, ((10, 31),)),
        ("<jan.devries@minvws.nl>", 1, ((1, 22),)),
        ("Van: Jan de Vries <jan.devries@minvws.nl>", 1, ((19, 40),)),
        ("mailto:p.fictief+woo@gemeente-voorbeeld.nl", 1, ((7, 42),)),
        ("J.TESTPERSOON@MAIL.EXAMPLE.ORG", 1, ((0, 30),)),
        ("E-mail: a_b-c@sub.dept.overheid.nl, of bel.", 1, ((8, 34),)),
        ("(zie jan@x-y.nl)", 1, ((5, 15),)),
        ("Adressen: a@example.nl; b@example.com", 2, ((10, 22), (24, 37))),
        ("0612345678@sms.example.nl", 1, ((0, 25),)),
        ("e-mailadres: r.d'hondt@example.be", 1, ((13, 33),)),
        ("Stuur naar 'jan@minvws.nl'.", 1, ((12, 25),)),
        ("émile.dupont@exemple.fr", 1, ((0, 23),)),
        ("Mail: JAN@MINVWS.NL.", 1, ((6, 19),)),
        ("https://example.nl/?mail=jan@minvws.nl", 1, ((25, 38),)),
        ("jan@xn--bcher-kva.example", 1, ((0, 25),)),
        ("sturen naar j.jansen@\nexample.nl onder", 1, ((12, 32),)),  # a narrow column
        ("sturen naar j.jansen@ \n example.nl onder", 1, ((12, 34),)),
        ("mail:  s.dekker@ziggo .nl", 1, ((7, 25),)),  # OCR's blank in a mail provider's domain
        ("of piet@gmai l.com nu", 1, ((3, 18),)),
        # near misses
        ("Log in op jan@localhost", 0, ()),
        ("Stuur naar jan.devries@ of naar @minvws.nl", 0, ()),
        ("jan@@minvws.nl", 0, ()),
        ("jan..devries@minvws.nl", 0, ()),
        ("jan@minvws..nl", 0, ()),
        ("jan@-minvws.nl", 0, ()),
        ("Zie www.minvws.nl en https://www.minvws.nl/contact", 0, ()),
        ("jan at minvws punt nl", 0, ()),
        ("info@gemeente .nl", 0, ()),  # a blank in a domain that is no mail provider's: no repair
        ("jan@minvws.n", 0, ()),
        ("jan@minvws.nl2", 0, ()),
        ("versie 1.2@3", 0, ()),
        ("@jandevries op sociale media", 0, ()),
        ("BSN 123456782, IBAN NL91ABNA0417164300, tel. 06-12345678", 0, ()),
        # fmt: on
    ],
)
def test_when_email_in_text_then_all_found(text, expected_len, expected_positions):
    found = spans(text)
    assert len(found) == expected_len, [text[s:e] for s, e in found]
    assert found == sorted(expected_positions)


@pytest.mark.parametrize(
    "address, valid",
    [
        ("jan@minvws.nl", True),
        ("a" * 64 + "@example.nl", True),
        ("a" * 65 + "@example.nl", False),  # local part over 64
        ("a@" + ("b" * 63 + ".") * 4 + "nl", False),  # address over 254
        ("jan@minvws", False),
        ("@minvws.nl", False),
    ],
)
def test_lengths(address, valid):
    assert RECOGNIZER.validate_result(address) is valid


def test_valid_address_scores_one():
    (result,) = RECOGNIZER.analyze("jan.devries@minvws.nl", entities=[ENTITY])
    assert result.score == 1.0


@pytest.mark.parametrize(
    "text",
    [
        "0612345678@sms.example.nl",
        "123456782@bsn.example.nl",
        "nl91abna0417164300@bank.example",
        "mailto:+31612345678@fax.example.nl",
    ],
)
def test_digits_in_an_address_are_no_phone_number_bsn_or_iban(text):
    for other in (NlPhoneRecognizer(), NlBsnRecognizer(), NlIbanRecognizer()):
        assert other.analyze(text, entities=other.supported_entities) == [], type(other).__name__


@pytest.mark.parametrize(
    "text, planted",
    [
        ("Voor vragen: <jan.devries@minvws.nl>.", "jan.devries@minvws.nl"),
        ("Mail naar p.fictief+woo@gemeente-voorbeeld.nl, of bel.", "p.fictief+woo@gemeente-voorbeeld.nl"),
        ("Zie mailto:J.TESTPERSOON@MAIL.EXAMPLE.ORG", "J.TESTPERSOON@MAIL.EXAMPLE.ORG"),
        ("SMS-gateway: 0612345678@sms.example.nl", "0612345678@sms.example.nl"),
        ("Bericht van 123456782@bsn.example.nl ontvangen.", "123456782@bsn.example.nl"),
    ],
)
def test_detector_reports_the_address_as_nothing_else(detector, text, planted):
    finding = sole_finding(detector, text, planted, ENTITY, OURS)
    assert finding.ground == "5.1.2e"


@pytest.mark.parametrize(
    "text",
    [
        "Aan: parkeren@haarlem.example.nl",
        "Cc: vergunningen@odwh.example.nl; handhaving@leiden.example.nl",
        "Stuur een e-mail naar subsidies@denhaag.example.nl.",
        "Reacties naar marktplein@ommen.example.nl of jeugdengezin@lansingerland.example.nl.",
        "Van: Parkeerbeheer <parkeerbeheer@stad.example.nl>",
        "Van: Handhaving <handhaving@leiden.example.nl>",
    ],
)
def test_detector_leaves_a_departments_mailbox_alone(detector, text):
    assert [(f.entity, f.text) for f in detector.detect(text)] == []


@pytest.mark.parametrize(
    "text, planted",
    [
        ("Van: Jan Jansen <info@jansen-bouw.example.nl>", "Jan Jansen"),  # a person writing from info@
        ("Aan: fleurvansanten@example.nl", "fleurvansanten@example.nl"),
        ("Aan: tkowalczyk@example.pl", "tkowalczyk@example.pl"),
    ],
)
def test_detector_keeps_a_persons_mailbox_and_name(detector, text, planted):
    assert planted in [f.text for f in detector.detect(text)]

