"""The columns of a table that PDF extraction or a word processor writes with tabs: which cells stand
under a header such as "Naam", "Naam afzender" or "Wijk".

A header row is a line of at least three tab-separated cells, every one a short label without a
digit ("Nr<tab>Naam<tab>Leeftijd<tab>Wijk<tab>Contact"). The rows below it, up to a blank line or a
line without a tab, are read cell by cell: a row with as many cells as the header puts each cell
under its heading; so does a row of a table of four or more columns that leaves its last cell out
(its tab with it). A row with other counts (a cell left out, or two run together) is
skipped rather than guessed at; one line without a tab between rows (a long cell wrapped) is
passed over.

Used by the person recogniser (a column of names: every cell a person, whatever else the words
are, unless the cell names an organisation) and the postcode recogniser (a column of places where
people live: "Woonplaats", "Wijk"). Examples are invented.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_LABEL = re.compile(r"[^\W\d][\w .,/()+&'’-]{0,30}[?:]?")  # a heading: words, no digits
_MOST_ROWS = 200
_STARTS = ("naam ",)  # "naam jeugdige", "naam cliënt": any heading that opens with "naam "


class Cell(NamedTuple):
    start: int
    end: int
    heading: str  # the column's heading, in lower case


def column_cells(text: str, headings: frozenset[str]) -> Iterator[Cell]:
    """The cells (blanks trimmed, not empty) of every tab table in ``text`` under one of
    ``headings`` (lower case, whole heading)."""
    tab = text.find("\t")
    while tab >= 0:  # the lines with a tab only, in order (a header row has two)
        nl = text.find("\n", tab)
        if nl < 0:
            return  # the last line, unended, heads no table
        line = text[text.rfind("\n", 0, tab) + 1 : nl]
        if line.count("\t") >= 2:
            heads = [h.strip().lower() for h in line.split("\t")]
            wanted = [
                i for i, h in enumerate(heads) if h in headings or h.startswith(_STARTS) and h[:4] in headings
            ]
            if wanted and all(h and _LABEL.fullmatch(h) for h in heads):  # no empty heading: not a form
                yield from _rows(text, nl + 1, heads, wanted)
        tab = text.find("\t", nl + 1)


def _rows(text: str, at: int, heads: list[str], wanted: list[int]) -> Iterator[Cell]:
    loose = 0  # lines without a tab in a row: a cell wrapped onto the next line ("NL88 RBRB" + "5634 ...")
    for _ in range(_MOST_ROWS):
        if at >= len(text):
            return
        nl = text.find("\n", at)
        end = len(text) if nl < 0 else nl
        line = text[at:end]
        if "\t" not in line:
            loose += 1
            if not line.strip() or loose > 1:
                return  # a blank line, or prose: the table ended
            at = end + 1
            continue
        loose = 0
        cells = line.split("\t")
        if len(cells) == len(heads) - 1 and len(heads) > 3 and wanted[-1] < len(cells):
            cells.append("")  # the last cell left empty, and its tab with it ("19.15<tab>sprekers<tab>Hoek")
        if len(cells) == len(heads):
            offset = at
            for i, cell in enumerate(cells):
                if i in wanted:
                    stripped = cell.strip(" ")
                    if stripped:
                        start = offset + cell.index(stripped)
                        yield Cell(start, start + len(stripped), heads[i])
                offset += len(cell) + 1
        at = end + 1
