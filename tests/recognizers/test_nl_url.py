"""NlUrlRecognizer: personal profile URLs; organisation websites stay quiet."""

from __future__ import annotations

import pytest

from recognizers.nl_url import NlUrlRecognizer
from tests.recognizers.tables import found, spans_of


@pytest.fixture(scope="module")
def recognizer() -> NlUrlRecognizer:
    return NlUrlRecognizer()


CASES = [
    ("Zie https://www.linkedin.com/in/jan-de-vries-12345.", 1, ["https://www.linkedin.com/in/jan-de-vries-12345"]),
    ("x.com/jdevries en instagram.com/anna.bos", 2, ["x.com/jdevries", "instagram.com/anna.bos"]),
    ("facebook.com/jan.jansen.7", 1, ["facebook.com/jan.jansen.7"]),
    ("Kijk op www.rijksoverheid.nl of gemeente.nl/contact.", 0, []),
    ("facebook.com/gemeenteutrecht en twitter.com/search", 0, []),
    ("fix.com/abc en linkedin.com/company/minvws", 0, []),
    # a photo site's album under a handle; any address after "Persoonlijke website:", not "Website:"
    ("https://www.flickr.com/photos/mvisser/albums/72", 1, ["https://www.flickr.com/photos/mvisser/albums/72"]),
    ("Persoonlijke website: https://annekedejong.example.nl/over-mij.", 1,
     ["https://annekedejong.example.nl/over-mij"]),
    ("Website: www.zomerfeestdorst.example", 0, []),
]


@pytest.mark.parametrize(("text", "count", "expected"), CASES)
def test_url(recognizer: NlUrlRecognizer, text: str, count: int, expected: list[str]) -> None:
    got = found(recognizer, text, "URL")
    assert len(got) == count, [text[s:e] for s, e in got]
    assert got == spans_of(text, expected)
