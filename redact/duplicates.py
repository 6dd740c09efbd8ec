"""Duplicate groups: the same document twice, and e-mails that quote each other.

A Woo batch holds the same e-mail thread in ten copies: every reply quotes the messages before
it. Two kinds of copy are recognised, on the words of the extracted text (case, punctuation,
line breaks and quote markers ignored):

* ``identical``: the same words (a file saved twice, a PDF and its re-export);
* ``quoted``: an e-mail whose body (its text without the header lines) is found, word for
  word, inside another e-mail: the later message quotes it in full.

A copy refers to its related document (``duplicate_of``): the first document with the same
words, or the e-mail that quotes it. The inventory list marks copies "dubbel" with that number,
and a decision on one member of a group is carried over to the same value in the others
(``propagate_decision``), so the reviewer decides once for the group.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TypedDict

from redact.events import DuplicateChange, Duplicates
from redact.workspace import Workspace

WORD_RE = re.compile(r"\w+")
# The header lines of an e-mail rendered by stages.convert; not part of what a reply quotes.
HEADER_RE = re.compile(r"^\s*(Van|Aan|CC|Cc|Datum|Onderwerp|Bijlagen):.*$", re.MULTILINE)
MIN_WORDS = 5  # shorter texts (an empty scan, a one-line note) are never grouped
MIN_QUOTED_WORDS = 12  # a body this short could be anyone's "Dank je, groet"
SHINGLE = 8  # words: the key under which a quotation is looked up


def words(text: str) -> list[str]:
    return WORD_RE.findall(text.casefold())


def text_fingerprint(texts: Iterable[str]) -> str | None:
    """The hash of a document's words, or None when it has too few to group."""
    found = [w for text in texts for w in words(text)]
    if len(found) < MIN_WORDS:
        return None
    return hashlib.sha256(" ".join(found).encode()).hexdigest()


def group_duplicates(ws: Workspace) -> dict[int, tuple[int, str]]:
    """Recompute every current document's group and store what changed (with an audit record).

    Returns ``{copy: (related, kind)}`` for the whole workspace.
    """
    docs = ws.documents(status="scanned")
    found: dict[int, tuple[int, str]] = {}
    first: dict[str, int] = {}
    for doc in docs:
        if doc.text_sha256 is None:
            continue
        if doc.text_sha256 in first:
            found[doc.id] = (first[doc.text_sha256], "identical")
        else:
            first[doc.text_sha256] = doc.id
    emails = [doc for doc in docs if doc.kind == "email" and doc.id not in found]
    bodies = {doc.id: _body_words(ws, doc.id) for doc in emails}
    for quoted, quoting in _quotations(bodies, {doc.id: _all_words(ws, doc.id) for doc in emails}):
        if quoted not in found:
            found[quoted] = (found.get(quoting, (quoting, ""))[0], "quoted")
    changed = []
    for doc in docs:
        want = found.get(doc.id)
        have = (doc.duplicate_of, doc.duplicate_kind) if doc.duplicate_of is not None else None
        if want != have:
            changed.append((doc.id, want))
    if changed:
        with ws.transaction():
            for doc_id, want in changed:
                ws.set_duplicate(doc_id, *(want or (None, None)))
            ws.audit(Duplicates(tuple(
                DuplicateChange(doc_id, want[0] if want else None, want[1] if want else None)
                for doc_id, want in changed)))
    return found


def _all_words(ws: Workspace, doc_id: int) -> list[str]:
    return [w for page in ws.pages(doc_id) for w in words(page.text)]


def _body_words(ws: Workspace, doc_id: int) -> list[str]:
    return [w for page in ws.pages(doc_id) for w in words(HEADER_RE.sub("", page.text))]


def _quotations(
    bodies: dict[int, list[str]], texts: dict[int, list[str]]
) -> list[tuple[int, int]]:
    """Pairs (quoted, quoting): the quoted e-mail's body occurs word for word in the other.

    Each body is filed under its first ``SHINGLE`` words; each text is read once, window by
    window, so the work grows with the number of words, not with the square of the documents.
    """
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for doc_id, body in bodies.items():
        if len(body) >= MIN_QUOTED_WORDS:
            by_key[tuple(body[:SHINGLE])].append(doc_id)
    pairs: list[tuple[int, int]] = []
    for quoting, text in texts.items():
        seen: set[int] = set()
        for i in range(len(text) - SHINGLE + 1):
            for quoted in by_key.get(tuple(text[i:i + SHINGLE]), ()):
                if quoted == quoting or quoted in seen:
                    continue
                body = bodies[quoted]
                if text[i:i + len(body)] == body and len(text) > len(bodies[quoted]) + 2:
                    seen.add(quoted)
                    pairs.append((quoted, quoting))
    # The most complete message (the longest text) is the one a copy refers to.
    pairs.sort(key=lambda pair: (pair[0], -len(texts[pair[1]]), pair[1]))
    best: dict[int, int] = {}
    for quoted, quoting in pairs:
        best.setdefault(quoted, quoting)
    return sorted(best.items())


def group_of(ws: Workspace, document_id: int) -> set[int]:
    """Every document linked to this one through duplicate references, itself included."""
    links: dict[int, set[int]] = defaultdict(set)
    for doc_id, duplicate_of in ws.duplicate_links():
        links[doc_id].add(duplicate_of)
        links[duplicate_of].add(doc_id)
    group, todo = {document_id}, [document_id]
    while todo:
        for other in links[todo.pop()] - group:
            group.add(other)
            todo.append(other)
    return group


# One proposal decided by carrying the decision over (``events.Carried`` in the trail).
CarriedRecord = TypedDict("CarriedRecord", {
    "proposal": int, "document": int, "from": int, "decision": str, "ground_before": str})


def propagate_decision(
    ws: Workspace, proposal_id: int, reviewer: str, method: str = "group"
) -> list[CarriedRecord]:
    """Carry a decided proposal over to the same value in the other documents of its group.

    Only pending proposals of the same entity and text are touched (a decision someone made
    on a copy stands). Call inside a transaction; returns what was decided, for the audit (and
    the ground each had before, for undo: undone, they are pending again).
    """
    source = ws.proposal(proposal_id)
    if source.status == "pending":
        return []
    group = group_of(ws, source.document_id) - {source.document_id}
    carried: list[CarriedRecord] = []
    for doc_id in sorted(group):
        if ws.document(doc_id).status != "scanned":
            continue
        for p in ws.proposals(doc_id, status="pending"):
            if p.entity == source.entity and p.text == source.text and p.proposed:
                ws.record_decision(p.id, source.status, reviewer, method, ground=source.ground,
                                   motivation=source.motivation)
                carried.append({"proposal": p.id, "document": doc_id, "from": proposal_id,
                                "decision": source.status, "ground_before": p.ground})
    return carried
