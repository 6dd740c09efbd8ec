r"""Scanning page text cheaply: where a pattern can match, and which regex engine scans fastest.

Scanning a page with a pattern costs the regex engine a try at every character; most of our
patterns can only start at a few places that a cheaper scan finds (an "@", a line with a colon,
two letters before two digits). :func:`matches_at` tries the pattern there only and finds exactly
what the full scan finds.

For some patterns the ``regex`` module skips hopeless positions several times faster than ``re``.
Its ``\w`` also takes combining marks and a few other characters that ``re``'s does not, and
``re``'s takes numbers such as "²" that the regex module's does not; patterns moved to the regex
module spell out ``re``'s word characters as :data:`WORD_CHARS`, so that they match exactly as
before (for every character that Python's Unicode database knows).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import regex

from recognizers.evidence import lower_text

# ``re``'s ``\w`` (letters, numbers, the underscore) as a set for the regex module: ``[{WORD_CHARS}]``.
WORD_CHARS = r"\p{L}\p{N}_"

# The regex module's ``concurrent`` for the scans that run most: it lets other threads run while
# it matches an immutable string, releasing the GIL and taking it back around every match and
# every step of a finditer (a tenth of a short match's cost). A page is read by one thread, so
# those scans pass False (the same matches): the finditer of the person chains and of the runs
# of digits, :func:`matches_at`, and the person recogniser's patterns tried for every chain
# (``concurrent`` is the fourth argument of match and search, given by position: a keyword
# costs more than it saves there; the fifth of finditer, given by keyword).
ONE_THREAD = False


def matches_at(compiled: regex.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[regex.Match[str]]:
    """What ``compiled.finditer(text)`` yields (an ``re`` or ``regex`` pattern), trying only the
    ascending positions ``starts``.

    Exact when every match starts at one of ``starts`` and the pattern never matches the empty
    string: like finditer, the first position that matches wins and the next match starts at or
    after its end (lookbehinds and ``^`` still see the text before each position). No timeout:
    each try is anchored at one position, and arming the regex module's timer costs ten times
    the try. Nor does a try of the regex module let other threads run (see :data:`ONE_THREAD`).
    """
    reach = 0
    if isinstance(compiled, regex.Pattern):
        for start in starts:
            if start < reach:
                continue
            match = compiled.match(text, start, None, ONE_THREAD)  # concurrent: positional, cheaper
            if match is not None:
                yield match
                reach = match.end()
        return
    for start in starts:
        if start < reach:
            continue
        match = compiled.match(text, start)
        if match is not None:
            yield match
            reach = match.end()


def prefix_alternation(words: Sequence[str]) -> str:
    """``"|".join(regex.escape(w) for w in words)`` written as a prefix tree: "van der|van de|van"
    becomes "van(?:\\ de(?:r)?)?". The regex module then tries a few branches where it tried every
    word in turn (the person chains, with 48 tussenvoegsels, are found about 15% faster).

    Exact: where several words match at one place the tree prefers the same word as the flat
    alternation (branches keep the order of their first word, and a word that ends inside a
    branch keeps its place among the longer ones), so a pattern built with either matches alike.
    ValueError for a word order that a tree cannot keep ("de la|de|de los": "de" would move).
    """
    return _tree([(i, word) for i, word in enumerate(words)])


def _tree(items: list[tuple[int, str]]) -> str:
    """The alternation of the (index, rest of the word) ``items``, in index order, as a tree."""
    branches: dict[str, list[tuple[int, str]]] = {}
    order: list[str] = []  # the first character of each branch; "" for a word that ends here
    ends_at: int | None = None
    for index, rest in items:
        if not rest:
            if ends_at is None:  # a repeated word: the first one is the one preferred
                ends_at = index
                order.append("")
        elif rest[0] in branches:
            branches[rest[0]].append((index, rest[1:]))
        else:
            branches[rest[0]] = [(index, rest[1:])]
            order.append(rest[0])
    if ends_at is not None and any(b[0][0] < ends_at < b[-1][0] for b in branches.values()):
        raise ValueError("the prefix tree would change which word is preferred")
    alternatives = [regex.escape(head) + _tree(branches[head]) if head else "" for head in order]
    if alternatives == [""]:
        return ""
    if len(alternatives) == 1:
        return alternatives[0]
    if alternatives[-1] == "":  # "van(?: der| de)?": the word itself after its longer forms
        return "(?:" + "|".join(alternatives[:-1]) + ")?"
    return "(?:" + "|".join(alternatives) + ")"


def starts_of_openings(text: str, lowered: str, openings: Iterable[str]) -> list[int] | None:
    """Where a case-insensitive pattern whose matches open with one of ``openings`` (lowercase
    ASCII words) can start, found in ``lowered`` (``text.lower()``); or None: try everywhere.

    None when lowercasing changed the length (the positions moved), or when the text holds a
    letter that case-insensitive matching reads as an ASCII letter but ``lower()`` leaves alone
    (the long s "ſ", the dotless i "ı").
    """
    if len(lowered) != len(text) or "ſ" in text or "ı" in text:
        return None
    starts = set()
    for opening in openings:
        at = lowered.find(opening)
        while at >= 0:
            starts.add(at)
            at = lowered.find(opening, at + 1)
    return sorted(starts)


def starts_of_lines_holding(text: str, char: str) -> list[int]:
    """The start of every line that holds ``char`` (ascending, each once)."""
    starts = []
    at = text.find(char)
    while at >= 0:
        starts.append(text.rfind("\n", 0, at) + 1)
        end = text.find("\n", at)
        if end < 0:
            break
        at = text.find(char, end)
    return starts


# Characters that a case-insensitive ``re`` pattern reads as an ASCII letter but ``str.lower()``
# does not turn into it (the long s, the dotless i, the capital I with a dot).
_FOLDED_APART = ("ſ", "ı", "İ")


def may_hold(text: str, lowered: str, words: Iterable[str]) -> bool:
    """False only when a case-insensitive pattern that needs one of ``words`` (lowercase ASCII)
    cannot match ``text``: none of them is in ``lowered`` (``text`` in lowercase), and ``text``
    holds no letter that case-insensitive matching reads as an ASCII letter apart from lowercasing."""
    if any(word in lowered for word in words):
        return True
    return not text.isascii() and any(c in text for c in _FOLDED_APART)


def starts_before(ats: Iterable[int], reach: int) -> list[int]:
    """The positions 1 to ``reach`` characters before each of the ascending positions ``ats``
    (ascending, each once): where a pattern can start whose matches hold the character at one of
    them within their first ``reach + 1`` characters, after at least one other."""
    starts: list[int] = []
    last = -1
    for at in ats:
        starts.extend(range(max(last + 1, at - reach, 0), at))
        last = max(last, at - 1)
    return starts



# A run of digits: the regex module's ``\d``, whose Unicode tables are newer than Python's, so it
# takes every digit that ``re``'s ``\d`` takes, and a few more (tests/recognizers/test_scanning_prechecks.py).
_DIGITS = regex.compile(r"\d+")
# The last page's runs of digits, with the page itself: (text, digit_runs(text)).
_LAST_RUNS: tuple[str, tuple[tuple[int, int], ...]] = ("", ())


def digit_runs(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of every run of digits in ``text`` (ascending, each run whole), found
    once for the page that the recognisers take in turn (a new page replaces the one kept).

    The BSN, IBAN, phone, card and postcode recognisers and the OCR reading each scanned the
    whole page for where a number can start; every such place is at the start or the end of a
    run, so each now looks at the runs only, and tries its pattern there.
    """
    global _LAST_RUNS
    last = _LAST_RUNS
    if last[0] is text:
        return last[1]
    runs = tuple([m.span() for m in _DIGITS.finditer(text, concurrent=ONE_THREAD)])
    _LAST_RUNS = (text, runs)
    return runs


# The last page lowercased, with the page itself: (text, lower_text(text)).
_LAST_LOWERED: tuple[str, str] = ("", "")


def page_lowered(text: str) -> str:
    """``lower_text(text)``, computed once for the page that the recognisers take in turn (the
    detector hands each the same string; a new page replaces the one kept)."""
    global _LAST_LOWERED
    last = _LAST_LOWERED
    if last[0] is text:
        return last[1]
    lowered = lower_text(text)
    _LAST_LOWERED = (text, lowered)
    return lowered
