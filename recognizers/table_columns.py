"""The columns of a table that PDF extraction or a word processor writes with tabs: which cells stand
under a header such as "Naam", "Naam afzender" or "Wijk".

A header row is a line of at least three tab-separated cells, every one a short label without a
digit ("Nr<tab>Naam<tab>Leeftijd<tab>Wijk<tab>Contact"). The rows below it, up to a blank line or a
line without a tab, are read cell by cell: a row with as many cells as the header puts each cell
under its heading; so does a row of a table of four or more columns that leaves its last cell out
(its tab with it). A row whose line ends inside a cell ("Van den Bosch-" + break +
"Ammerlaan, Petra<tab>...") is read with the next line when the two together have the header's count.
A row with other counts (a cell left out, or two run together) is skipped rather than guessed at;
one line without a tab between rows (a long cell wrapped) is passed over.

A table written with pipes, as a word processor's or a wiki's text export writes it
("| Naam | Adres | Telefoon |", a row of dashes, "| Visser, Jan | Dorpsstraat 1 | ... |"), is read the
same way: the pipes are its cell borders, the row of dashes is passed over, and the table ends at the
first line that does not open with a pipe.

Used by the person recogniser (a column of names: every cell a person, whatever else the words
are, unless the cell names an organisation) and the postcode recogniser (a column of places where
people live: "Woonplaats", "Wijk"). Examples are invented.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

_LABEL = re.compile(r"[^\W\d][\w .,/()+&'’-]{0,30}[?:]?")  # a heading: words, no digits
_MOST_ROWS = 200
_STARTS = ("naam ",)  # "naam jeugdige", "naam cliënt": any heading that opens with "naam "


class Cell(NamedTuple):
    start: int
    end: int
    heading: str  # the column's heading, in lower case


_PIPE_LINE = re.compile(r"^[ \t]*\||^[^\n|]+[ ]\|[ ][^\n|]+[ ]\|[ ]", re.MULTILINE)


def may_hold_pipes(text: str) -> bool:
    """Whether a line of ``text`` opens with a pipe, or has two " | " between cells (a table written
    with pipes may stand there)."""
    return "|" in text and _PIPE_LINE.search(text) is not None


def may_hold_table(text: str) -> bool:
    """Whether ``text`` may hold a table that ``column_cells`` reads: a tab, a line opening with a pipe,
    or a spreadsheet's export with semicolons."""
    return "\t" in text or may_hold_pipes(text) or ";" in text and _CSV_HEADER.search(text) is not None


# A spreadsheet's export: a header line of labels parted by semicolons ("lidnr;achternaam;voornaam;adres"),
# then its rows ("1001;Brink-Hendriks;Gerda;Leusderweg 211;3817 KE;...").
_CSV_HEADER = re.compile(r"(?m)^[^\W\d][^;\n\t\d]{0,30}(?:;[^\W\d][^;\n\t\d]{0,30}){2,};*$")


def _csv_cells(text: str, headings: frozenset[str] | None) -> Iterator[Cell]:
    """The cells under ``headings`` of every semicolon table: each row with as many cells as the
    header (or fewer, its last ones left out), up to a blank line or a line without a semicolon."""
    for header in _CSV_HEADER.finditer(text):
        heads = [h.strip().lower() for h in header.group().rstrip(";").split(";")]
        wanted = _wanted(heads, headings)
        if not wanted or not all(h and _LABEL.fullmatch(h) for h in heads):
            continue
        at = header.end() + 1
        for _ in range(_MOST_ROWS):
            if at >= len(text):
                break
            nl = text.find("\n", at)
            end = len(text) if nl < 0 else nl
            line = text[at:end]
            if ";" not in line:
                break
            cells = line.split(";")
            if len(cells) > len(heads) and not "".join(cells[len(heads) :]).strip():
                cells = cells[: len(heads)]  # empty cells after the last heading
            if 2 <= len(cells) <= len(heads):
                yield from _row_cells(at, cells, heads, wanted, " ")
            at = end + 1


def column_cells(
    text: str, headings: frozenset[str] | None, names_a_person: Callable[[str], bool] | None = None
) -> Iterator[Cell]:
    """The cells (blanks trimmed, not empty) of every tab table in ``text`` under one of
    ``headings`` (lower case, whole heading; None: under any heading).

    ``names_a_person``: whether a cell of a would-be header row is a person's name; a row that holds
    one right after a name's heading is a form's row of fields and their values
    ("Achternaam<tab>Aydoğan<tab>Voornamen<tab>Şükrü"), not a header, and the rows below it are no
    column of names."""
    if may_hold_pipes(text):
        yield from _pipe_cells(text, headings, names_a_person)
    if ";" in text and "\t" not in text:
        yield from _csv_cells(text, headings)
    tab = text.find("\t")
    while tab >= 0:  # the lines with a tab only, in order (a header row has two)
        nl = text.find("\n", tab)
        if nl < 0:
            return  # the last line, unended, heads no table
        line = text[text.rfind("\n", 0, tab) + 1 : nl]
        if line.count("\t") >= 2:
            heads = [h.strip().lower() for h in line.split("\t")]
            wanted = _wanted(heads, headings)
            # no empty heading (a form's), no name among them (a form's row of fields and values)
            if wanted and all(h and _LABEL.fullmatch(h) for h in heads) and not (
                names_a_person and _value_after_label(line.split("\t"), wanted, names_a_person)
            ):
                yield from _rows(text, nl + 1, heads, wanted)
        tab = text.find("\t", nl + 1)


def _row_cells(
    offset: int, cells: list[str], heads: list[str], wanted: list[int], blanks: str
) -> Iterator[Cell]:
    """The wanted cells of one row whose first cell starts at ``offset`` (one separator between two
    cells), ``blanks`` trimmed, empty ones left out."""
    for i, cell in enumerate(cells):
        stripped = cell.strip(blanks)
        if i in wanted and stripped:
            start = offset + cell.index(stripped)
            yield Cell(start, start + len(stripped), heads[i])
        offset += len(cell) + 1


def _wanted(heads: list[str], headings: frozenset[str] | None) -> list[int]:
    """The indices of the columns under one of ``headings`` (every column for None)."""
    if headings is None:
        return list(range(len(heads)))
    return [i for i, h in enumerate(heads) if h in headings or h.startswith(_STARTS) and h[:4] in headings]


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
        if nl >= 0 and (line.endswith("-") or 2 * (line.count("\t") + 1) <= len(heads)) and (
            line.count("\t") + 1 < len(heads)
        ):  # (a row one tab short that ends whole is a row that lost a tab: "BB-24-00194Haddou, N.")
            after = text.find("\n", end + 1)
            after = len(text) if after < 0 else after
            following = text[end + 1 : after]
            if "\t" in following and line.count("\t") + following.count("\t") + 1 == len(heads):
                # a cell broken over the line's end ("Van den Bosch-" + break + "Ammerlaan, Petra<tab>..."):
                # one row, the break inside that cell
                end = after
                line = text[at:end]
        cells = line.split("\t")
        if len(cells) == len(heads) - 1 and len(heads) > 3 and wanted[-1] < len(cells):
            cells.append("")  # the last cell left empty, and its tab with it ("19.15<tab>sprekers<tab>Hoek")
        if len(cells) == len(heads) + 1 and len(heads) > 3 and cells[-1].strip():
            cells = cells[:-1]  # one cell more than headings at the row's end: a column left unheaded
            # ("...<tab>Plaatsvervanger" above "...<tab>H. Blokker<tab>075 681 42 38"); the headed ones count
        if len(cells) == len(heads):
            yield from _row_cells(at, cells, heads, wanted, " ")
        at = end + 1


_PIPE_ROW = re.compile(r"[ \t]*\|(.*)\|[ \t]*")  # "| a | b | c |": the cells between the outer pipes
# A row wrapped at the page's edge: "| 13 | WM-2016-02275 | Zhang, Yifan | ... | Hoorn |" + break +
# "toegewezen |".
_PIPE_ROW_WRAPPED = re.compile(r"[ \t]*\|([^\n]*\n[^\n]*)\|[ \t]*")
# Or a table without its outer borders, as a text export writes it: "Huisnr | Naam | Akkoord", then
# "3 | T. Faber | ja |" (a last empty cell's pipe) or "5 | Katarzyna Wójcik | ja | graag geen muziek".
_BARE_PIPE_ROW = re.compile(r"(?=[^|\n]*[ ]\|[ ])([^|\n][^\n]*?)[ \t]*\|?[ \t]*")
_RULE = re.compile(r"[\s:|=+-]*")  # "|---|:--:|": the line under a header


def _value_after_label(
    cells: list[str], wanted: list[int], names_a_person: Callable[[str], bool]
) -> bool:
    """Whether the cell right after a wanted heading is a person's name: a form's label and its
    value ("Achternaam<tab>Aydoğan"), not a header row ("Pos<tab>Naam<tab>Inschr.nr")."""
    return any(i + 1 < len(cells) and names_a_person(cells[i + 1].strip()) for i in wanted)


def _pipe_cells(
    text: str, headings: frozenset[str] | None, names_a_person: Callable[[str], bool] | None
) -> Iterator[Cell]:
    """The cells under ``headings`` of every table written with pipes."""
    heads: list[str] | None = None
    wanted: list[int] = []
    bare_table = False  # a table without its outer pipes
    at = 0
    while at < len(text):
        nl = text.find("\n", at)
        end = len(text) if nl < 0 else nl
        row = None
        if nl >= 0 and text[at:end].lstrip(" \t").startswith("|"):  # a row a PDF wrapped onto a second line
            after = text.find("\n", nl + 1)
            after = len(text) if after < 0 else after
            following = text[nl + 1 : after].strip(" \t")
            if following.endswith("|") and (
                not text[at:end].rstrip(" \t").endswith("|") or not following.startswith("|")
            ):  # (the first line cut inside a cell, or the second holding the row's last cells)
                row = _PIPE_ROW_WRAPPED.fullmatch(text, at, after)
                if row is not None:
                    end = after
        row = row or _PIPE_ROW.fullmatch(text, at, end)
        bare = False
        if row is None and (heads is None or not heads or bare_table):
            row = _BARE_PIPE_ROW.fullmatch(text, at, end)
            bare = row is not None and row.group(1).count("|") >= (1 if heads else 2)
            if not bare:
                row = None
        if row is None:
            heads = None  # not a table's line: whatever table there was ended
        elif _RULE.fullmatch(row.group(1)):
            pass
        elif heads is None:
            cells = [h.strip().lower() for h in row.group(1).split("|")]  # (strip: a wrapped row's break too)
            wanted = _wanted(cells, headings)
            if len(cells) >= 2 and wanted and all(h and _LABEL.fullmatch(h) for h in cells) and not (
                names_a_person and _value_after_label(row.group(1).split("|"), wanted, names_a_person)
            ):
                heads = cells
            else:
                heads = []  # a table, but not one with a column we read: its rows are passed over
            bare_table = bare
        elif heads:
            cells = row.group(1).split("|")
            if bare_table and 2 <= len(cells) < len(heads):
                cells += [""] * (len(heads) - len(cells))  # its last cells empty, their pipes left out
            if len(cells) == len(heads):
                yield from _row_cells(row.start(1), cells, heads, wanted, " \t\n")
        at = end + 1
