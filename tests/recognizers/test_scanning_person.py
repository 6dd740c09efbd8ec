"""The person recogniser's faster scans match exactly what the plain ones matched.

The tussenvoegsels are one prefix tree (:func:`recognizers.scanning.prefix_alternation`) instead
of a flat alternation, and the surname-first cells are tried only before a comma that can end a
surname (``_cell_starts``): both are compared here with what they replace, on tables of cases and
on random text built from the pieces that matter.
"""

from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from recognizers.nl_person import _INTERFIX_WORDS, CELL_SURNAME_FIRST, _cell_name_starts
from recognizers.scanning import matches_at, prefix_alternation

FLAT = "|".join(regex.escape(w) for w in _INTERFIX_WORDS)
TREE = prefix_alternation(_INTERFIX_WORDS)
# Each pattern wraps the tussenvoegsels the way a person pattern does: what the alternation
# prefers decides where a match ends and which groups it fills.
WRAPPERS = [
    r"(?:{i})", r"(?:{i})[ ]", r"(?P<ifx>{i})(?=[ ,])",
    r"\p{{Lu}}\p{{Ll}}+(?:[ ](?:{i}))*[ ]\p{{Lu}}\p{{Ll}}+",
    r"(?:(?:{i})[ ])*(?P<sur>\p{{Lu}}\p{{Ll}}+)",
    r",[ ](?:{i})(?=[ ]*(?:[.,;)]|$))",
    r"(?:^|[ ])((?:{i}))[ ]+$",
]
PIECES = [*_INTERFIX_WORDS, "Van", "De", "Vries", "Berg", "Jan", " ", "  ", ",", ".", "'", "’", "t", "d", "n",
          "r", "la", "los", "\n", "x"]


def _same(text: str) -> None:
    for wrapper in WRAPPERS:
        flat, tree = regex.compile(wrapper.format(i=FLAT)), regex.compile(wrapper.format(i=TREE))
        assert [m.regs for m in flat.finditer(text)] == [m.regs for m in tree.finditer(text)], wrapper


@pytest.mark.parametrize("text", [
    "van der Berg", "van de Berg", "van den Berg", "van 't Hof", "de la Cruz", "de los Santos",
    "della Rovere", "del Berg", "den Haag", "ter Horst", "ten Brink", "te Velde", "in 't Veld",
    "op den Akker", "uit den Bogaard", "aan de Stegge", "v.d. Berg", "v/d Berg", "vd Berg", "v. Berg",
    "zur Linde", "zu Berg", "Vries, van der", "Jan van der", "van der", "de", "bin Laden", "ben Ali",
    "el Amrani", "al Khatib", "da Silva", "dos Santos",
])
def test_the_tree_prefers_the_same_tussenvoegsel(text: str) -> None:
    _same(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_the_tree_matches_like_the_flat_alternation(text: str) -> None:
    _same(text)


@pytest.mark.parametrize(("words", "tree"), [
    (["van der", "van de", "van"], r"van(?:\ de(?:r)?)?"),
    (["de", "den"], r"de(?:|n)"),
    (["a", "b"], "(?:a|b)"),
])
def test_prefix_alternation_table(words: list[str], tree: str) -> None:
    assert prefix_alternation(words) == tree


def test_an_order_a_tree_cannot_keep_is_refused() -> None:
    with pytest.raises(ValueError):
        prefix_alternation(["de la", "de", "de los"])  # "de" before "de los", after "de la"


CELLS = [
    "17\tÖztürk, Ayten\t2", "Naam:  Berkhout, Sander", "\nBreda, Roos\n", "a, B", "Jansen,  Piet  x",
    "Vries, J. de", "Bakker, Jan", "geen komma", "lang " * 40 + ", Jan", "\tJansen-\nBakker, Anna\n",
    "x  d'Ancona, Lea\t", ": Smit, Eva", "Jan, piet", "\t" + "Aaaa " * 30 + "Bakker, Jan\n",
    "17\tal-Hassan, Ayten\t2", "x  el-Amrani, Lea\n", "\nl'Estrange, Eva\n", "\n1 Bakker, Jan\n",
    "05 10-01 Çakır, Emre Stationsweg 19",
]


def _cell_scan(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in matches_at(CELL_SURNAME_FIRST, text, _cell_name_starts(text))]


def _cell_starts_everywhere(text: str) -> list[int]:
    """The starts as they were found before: every opening with a comma within 120 characters, and
    after a line's row number (and a date), as a PDF gives a table's row back ("1 Bakker, Jan")."""
    starts = {0}
    for opening in ("\n", "\t", "  ", ": "):
        at = text.find(opening)
        while at >= 0:
            if text.find(",", at + len(opening), at + len(opening) + 120) >= 0:
                starts.add(at + len(opening))
            at = text.find(opening, at + 1)
    starts.update(m.end() for m in re.finditer(r"(?m)^\d{1,3} (?:\d\d?-\d\d? )?", text))
    return sorted(starts)


@pytest.mark.parametrize("text", CELLS)
def test_cell_starts_find_every_cell(text: str) -> None:
    before = [m.span() for m in matches_at(CELL_SURNAME_FIRST, text, _cell_starts_everywhere(text))]
    assert _cell_scan(text) == before
    assert _cell_scan(text) == [m.span() for m in CELL_SURNAME_FIRST.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Jansen", "Ayten", "d'Ancona", "van", ",", ", ", ",  ", " ", "  ", "\t",
                                 "\n", ": ", "x", "Öz", "-", "-\n", "al-Hassan", "el-Amrani", "l'Estrange",
                                 "1", "(", "Éva"]), max_size=20).map("".join))
def test_cell_starts_match_the_scan_of_every_opening(text: str) -> None:
    before = [m.span() for m in matches_at(CELL_SURNAME_FIRST, text, _cell_starts_everywhere(text))]
    assert _cell_scan(text) == before
    assert _cell_scan(text) == [m.span() for m in CELL_SURNAME_FIRST.finditer(text)]
