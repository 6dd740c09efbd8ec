"""Word lists the Dutch recognisers look words up in, loaded once per process.

Two sources:

* the lists that the ``deduce`` package ships (first names, surnames, tussenvoegsels, streets,
  places, common words), read from the installed wheel at run time: deduce is LGPL, so we depend
  on it and never copy its data into this repository;
* a few small hand-made lists of our own in ``recognizers/lexicons/*.txt`` (titles, salutations,
  role words, street suffixes, capitalised words that are never names, organisations named
  like a person).

Every list becomes a ``frozenset`` for membership tests; nothing here is ever turned into a regex
alternation (that would be slow to compile and to match).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

from spacy.lang.nl.stop_words import STOP_WORDS

_OWN = "lexicons"


def _lines(node: Traversable) -> list[str]:
    if not node.is_file():
        return []
    out = []
    for line in node.read_text("utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _deduce_node(*parts: str) -> Traversable:
    return resources.files("deduce").joinpath("data", "lookup", "src", *parts)


def _deduce_list(*parts: str) -> frozenset[str]:
    """``items.txt`` minus ``exceptions.txt`` of one deduce lookup list."""
    node = _deduce_node(*parts)
    items = set(_lines(node.joinpath("items.txt")))
    items -= set(_lines(node.joinpath("exceptions.txt")))
    return frozenset(items)


@cache
def own_list(name: str) -> frozenset[str]:
    """One of our own lists in ``recognizers/lexicons/NAME.txt``, lowercased; read once per process
    (a detector built for every batch or benchmark round read three of them from disk again)."""
    node = resources.files("recognizers").joinpath(_OWN, f"{name}.txt")
    return frozenset(line.lower() for line in _lines(node))


@dataclass(frozen=True)
class Lexicons:
    first_names: frozenset[str]  # as written: "Jan", "Fatma"
    ambiguous_first_names: frozenset[str]  # first names that are also words: "Ernst", "Roos"
    surnames: frozenset[str]  # as written: "Jansen", "Yilmaz"
    interfix_surnames: frozenset[str]  # the part after a tussenvoegsel: "Vries", "Dijk"
    interfixes: frozenset[str]  # lowercase: "van", "van der", "'t"
    vocabulary: frozenset[str]  # lowercase ordinary Dutch words (stop, common, medical)
    stop_words: frozenset[str]  # lowercase function words (deduce's and spaCy's)
    non_names: frozenset[str]  # lowercase capitalised words that are never names
    titles: frozenset[str]  # lowercase, without final dot
    salutations: frozenset[str]
    roles: frozenset[str]
    name_openers: frozenset[str]  # "namens", "ten name van", ...
    streets: frozenset[str]  # lowercase BAG street names
    street_suffixes: tuple[str, ...]  # lowercase, longest first
    places: frozenset[str]  # lowercase residences, municipalities, provinces
    acronyms: frozenset[str]  # upper-case abbreviations of organisations and terms (as written)
    # lowercase names of companies, shops and newspapers written like a person's name ("Albert Heijn")
    name_like_organisations: frozenset[str] = frozenset()
    # lowercase Dutch words and their inflections from OpenTaal's word list (354,000; source and
    # licence in the README's "Detection quality"): a capitalised word found there and in no name
    # list is a word, not a name
    dictionary: frozenset[str] = frozenset()

    def is_first_name(self, word: str) -> bool:
        return word in self.first_names

    def is_surname(self, word: str) -> bool:
        return word in self.surnames or word in self.interfix_surnames

    def is_word(self, word: str) -> bool:
        """An ordinary Dutch word or a word that never names a person."""
        low = word.lower()
        return low in self.vocabulary or low in self.non_names

    def is_street(self, name: str) -> bool:
        low = name.lower()
        return low in self.streets or low.endswith(self.street_suffixes)


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    """The process-wide lexicons (about 0.3 s the first time, free afterwards)."""
    interfixes = _deduce_list("names", "lst_interfix")
    first = _deduce_list("names", "lst_first_name")
    ambiguous = frozenset(_lines(_deduce_node("names", "lst_first_name").joinpath("exceptions.txt")))
    # deduce's first names include "Van", "De" and ordinary words; keep names only.
    stop = {w.lower() for w in _deduce_list("whitelist", "lst_stop_word")} | set(STOP_WORDS)
    common = {w.lower() for w in _deduce_list("whitelist", "lst_common_word")}
    medical = {w.lower() for w in _deduce_list("whitelist", "lst_medical_term")}
    interfix_words = {part for i in interfixes for part in i.lower().split()}
    first = frozenset(n for n in first if n.lower() not in stop and n.lower() not in interfix_words)
    ambiguous = frozenset(n for n in ambiguous if n.lower() not in stop and n.lower() not in interfix_words)
    streets = _deduce_list("locations", "lst_street")
    places: set[str] = set()
    for sub in ("lst_residence", "lst_municipality", "lst_province", "lst_region"):
        places |= {p.lower() for p in _deduce_list("locations", "lst_placename", sub)}
    suffixes = sorted(own_list("street_suffixes"), key=len, reverse=True)
    world_first, world_surnames = _world_names()
    return Lexicons(
        first_names=first | ambiguous | world_first,
        ambiguous_first_names=ambiguous,
        surnames=_deduce_list("names", "lst_surname") | world_surnames,
        interfix_surnames=_deduce_list("names", "lst_interfix_surname"),
        interfixes=frozenset(i.lower() for i in interfixes),
        vocabulary=frozenset(stop | common | medical),
        stop_words=frozenset(stop),
        non_names=own_list("non_names"),
        titles=own_list("titles"),
        salutations=own_list("salutations"),
        roles=own_list("roles"),
        name_openers=own_list("context_before_name"),
        streets=frozenset(s.lower() for s in streets),
        street_suffixes=tuple(suffixes),
        places=frozenset(places),
        acronyms=frozenset(
            line.strip() for line in _lines(resources.files("recognizers").joinpath(_OWN, "acronyms.txt"))
        ),
        name_like_organisations=own_list("name_like_organisations"),
        dictionary=_dictionary(),
    )


def _world_names() -> tuple[frozenset[str], frozenset[str]]:
    """Given names and surnames of other countries (lexicons/world_names.txt: Faker's person providers,
    MIT; its header says how it was made): "Oksana", "Dariusz", "Vasyl" are names too."""
    first: set[str] = set()
    last: set[str] = set()
    for line in _lines(resources.files("recognizers").joinpath(_OWN, "world_names.txt")):
        kind, _, name = line.strip().partition(" ")
        (first if kind == "F" else last).add(name)
    return frozenset(first), frozenset(last)


def _dictionary() -> frozenset[str]:
    """OpenTaal's Dutch words written in lower case (basiswoorden-gekeurd and flexies-ongekeurd of
    opentaal-wordlist 2.20.23, BSD or CC BY 3.0), one a line, gzipped."""
    with resources.files("recognizers").joinpath(_OWN, "opentaal_words.txt.gz").open("rb") as raw:
        return frozenset(gzip.decompress(raw.read()).decode("utf-8").split("\n")) - {""}
