"""NlIdDocumentRecognizer: passport, ID-card and driving-licence numbers after context words."""

from __future__ import annotations

import pytest

from recognizers.nl_id_document import NlIdDocumentRecognizer
from tests.recognizers.tables import found, spans_of


@pytest.fixture(scope="module")
def recognizer() -> NlIdDocumentRecognizer:
    return NlIdDocumentRecognizer()


CASES = [
    ("paspoortnummer NXC4R81P3", 1, ["NXC4R81P3"]),
    ("een kopie van mijn identiteitskaart (KTVQSDYD0).", 1, ["KTVQSDYD0"]),
    ("rijbewijsnummer 5012345678", 1, ["5012345678"]),
    ("Zijn V-nummer is 2034567891; de IND heeft het dossier.", 1, ["2034567891"]),
    ("vreemdelingennummer: 1234567890", 1, ["1234567890"]),
    ("klantnummer 1234567890, rijbewijs niet meegenomen", 0, []),
    ("Neem uw verblijfsdocument mee (nummer V2R8K41L7) en een pasfoto.", 1, ["V2R8K41L7"]),
    ("Verblijfsdocument nr.:\tW41KX7N82", 1, ["W41KX7N82"]),
    ("Document:\tV2HD71NL8\nAdres:\tvolgt", 1, ["V2HD71NL8"]),  # a form's label "Document"
    ("verblijfsvergunning asiel bepaalde tijd, nr. W7K4R2X93", 1, ["W7K4R2X93"]),  # six words before
    ("verblijfsdocument ontvangen; uw zaak staat onder nummer K7P2M44R8 bij de IND", 0, []),
    ("paspoort aangevraagd; kenmerk ABC123456", 0, []),
    ("zaaknummer Z2023AB12 en registratienummer 1234567890", 0, []),
    ("NXC4R81P3 zonder context", 0, []),
    ("paspoort aangevraagd; kenmerk ABC123456", 0, []),
    ("Documentnummer: 5.1.2e", 0, []),
    # other formats, right after their label only
    ("De huurder toonde haar paspoort FN720344 aan de balie.", 1, ["FN720344"]),
    ("Rijbewijsnr.:\t04318/21/0612 (Pools rijbewijs)", 1, ["04318/21/0612"]),
    ("Documentnummer 171436 van de inventarislijst; paspoort verlopen op 12/03/2024", 0, []),
    ("paspoort aangevraagd onder zaaknummer ZK2023AB12", 0, []),
]


@pytest.mark.parametrize(("text", "count", "expected"), CASES)
def test_id_document(recognizer: NlIdDocumentRecognizer, text: str, count: int, expected: list[str]) -> None:
    got = found(recognizer, text, "NL_ID_DOCUMENT")
    assert len(got) == count, [text[s:e] for s, e in got]
    assert got == spans_of(text, expected)
