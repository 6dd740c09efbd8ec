"""Reviewers' actions on the review page: each goes into the workspace at once, through the one
decision writer (``redact.decisions``), with its audit record.

Every change names the proposal version the reviewer saw; when another reviewer changed the
proposal meanwhile, nothing is written and ``redact.decisions.Conflict`` says who did what. Actions on many
proposals at once (every mention of a value, every proposal of an entity) only touch proposals
still pending or decided by the same reviewer, so they never overwrite a colleague's decision.
Audit records name proposals by id, never the personal data itself.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from redact.config import ENTITIES, Config
from redact.decisions import (
    DECISIONS,
    Change,
    Conflict,
    DecisionError,
    DecisionWriter,
    MotivationRequired,
    motivation_for,
)
from redact.errors import UsageError, WorkspaceError
from redact.events import ManualProposal
from redact.grounds import GROUND_CODES
from redact.judge import Refused
from redact.models import Rect
from redact.review.i18n import N_, _, label, ngettext
from redact.review.render import PageSource, text_under
from redact.review.views import mention_key
from redact.stages.extract import span_rects
from redact.term_search import add_terms_to
from redact.terms import terms_from_json
from redact.workspace import DocumentRow, ProposalRow, Workspace

MAX_MANUAL_CHARS = 2_000


class ReviewError(DecisionError):
    """A request that cannot be carried out as asked (HTTP 400)."""


class NotFound(ReviewError):
    """No such document, page or proposal (HTTP 404)."""


class UndoItem(TypedDict):
    """A proposal as it was before a change: what the undo button sends back."""

    id: int
    version: int
    status: str
    ground: str


@dataclass(frozen=True)
class Outcome:
    changed: tuple[ProposalRow, ...]  # as they are now
    undo: tuple[UndoItem, ...]  # what restores the state before, for the undo button
    message: str  # in the request's language, for the reviewer
    created: int | None = None  # the id of a manual proposal
    log: str = ""  # counts only, in English, for the server's log


# How many proposals a change put in each state: "3 accepted".
COUNTED = {"accepted": N_("%(n)s accepted"), "rejected": N_("%(n)s rejected"),
           "pending": N_("%(n)s reset")}


def motivation_required(ground: str) -> str:
    return _("Ground %(ground)s needs a motivation: say why it applies here.", ground=ground)


# ``redact.judge``'s refusals (``Refused.kind``), worded for the judgement form: the command
# line's own messages stay English and name its options.
JUDGE_REFUSALS: dict[str, str] = {
    "document_ground_missing": N_("A document that is not made public needs a ground."),
    "page_ground_missing": N_("Choose a ground to withhold page %(page)s."),
    "unknown_ground": N_("%(ground)s is not a ground of the Woo."),
    "motivation_missing": N_("Ground %(ground)s needs a motivation: say why it applies here."),
    "link_missing": N_("An already public document needs the address where it is public."),
    "link_invalid": N_("The public link must be an http or https address."),
    "link_not_reeds": N_("A public link belongs to an already public document only."),
    "unknown_judgement": N_("Choose a judgement from the list."),
    "withheld_document": N_("The whole document is not made public: there is no single page "
                            "to withhold."),
    "no_page": N_("This document has no page %(page)s."),
    "not_withheld": N_("Page %(page)s is not withheld."),
    "nothing": N_("Nothing to save: choose a judgement, or a page to withhold or to make "
                  "public again."),
    "no_document": N_("There is no document %(id)s."),
    "no_reviewer": N_("A judgement needs the name of whoever makes it."),
}
JUDGE_INCOMPLETE = N_("The judgement is not complete.")  # a refusal of a kind not above


def judge_refusal(exc: Refused) -> str:
    """A refused judgement (400), in the reviewer's language and the form's words."""
    return _(JUDGE_REFUSALS.get(exc.kind, JUDGE_INCOMPLETE), **exc.values)


def conflict_message(exc: Conflict) -> str:
    """A stale decision refused (409), in the reviewer's language: who changed what, when."""
    row = exc.current[0]
    when = row.decided_at[:19].replace("T", " ") + " UTC" if row.decided_at else ""
    state = (_("now %(status)s by %(who)s at %(when)s", status=label(row.status),
               who=row.decided_by, when=when) if row.decided_by and when
             else _("now %(status)s", status=label(row.status)))
    return _("Proposal %(id)s (%(entity)s, page %(page)s) was changed by another reviewer "
             "after you loaded it: %(state)s. Your decision was not saved; the page now shows "
             "the current state.", id=row.id, entity=label(row.entity), page=row.page,
             state=state)


UNKNOWN_DECISION = N_("Unknown decision %(value)s.")
UNKNOWN_GROUND = N_("Unknown legal ground %(value)s.")
UNKNOWN_ENTITY = N_("Unknown entity type %(value)s.")
UNKNOWN_STATUS = N_("Unknown status %(value)s.")


def _check(value: str, allowed: Iterable[str], message: str) -> str:
    """``value`` if allowed, else a 400 with ``message`` (a msgid with ``%(value)s``)."""
    if value not in allowed:
        raise ReviewError(_(message, value=repr(value)))
    return value


class Decisions:
    """The review actions of one reviewer on one workspace (``by`` gives another reviewer's:
    the app takes the signed-in user's per request).

    One lock serialises this process's use of the workspace connection; between processes
    SQLite's write lock and the proposal versions keep reviewers from overwriting each other.
    """

    def __init__(self, ws: Workspace, reviewer: str, config: Config, pages: PageSource,
                 lock: threading.RLock) -> None:
        self.ws = ws
        self.reviewer = reviewer
        self.config = config
        self.pages = pages
        self.lock = lock
        self.writer = DecisionWriter(ws, reviewer, "review")

    def by(self, reviewer: str) -> Decisions:
        """The same actions, recorded as ``reviewer``'s: the signed-in user of a request
        (``redact.review.identity``), so that every decision names who made it."""
        if reviewer == self.reviewer:
            return self
        return Decisions(self.ws, reviewer, self.config, self.pages, self.lock)

    # -- the actions -------------------------------------------------------------------------

    def decide(self, proposal_id: int, decision: str, version: int,
               ground: str | None = None, motivation: str | None = None) -> Outcome:
        """Accept or reject one proposal (optionally with another legal ground, which needs a
        motivation unless it is 5.1.1e or 5.1.2e)."""
        _check(decision, DECISIONS, UNKNOWN_DECISION)
        if ground is not None:
            _check(ground, GROUND_CODES, UNKNOWN_GROUND)
        with self.lock, self.ws.transaction():
            row = self._proposal(proposal_id)
            return self._write([Change(row, decision, ground, version, motivation)], "single")

    def set_ground(self, proposal_id: int, ground: str, version: int,
                   motivation: str | None = None) -> Outcome:
        """Change the legal ground printed in the box; the status stays as it is. A ground
        other than 5.1.1e and 5.1.2e needs a motivation."""
        _check(ground, GROUND_CODES, UNKNOWN_GROUND)
        with self.lock, self.ws.transaction():
            row = self._proposal(proposal_id)
            if ground != row.ground or motivation is not None:
                self._motivation(ground, motivation if motivation is not None
                                 else row.motivation if ground == row.ground else None)
            return self._write([Change(row, row.status, ground, version, motivation)], "ground")

    def mentions(self, proposal_id: int, decision: str, version: int) -> Outcome:
        """Decide every mention of this proposal's value across the batch."""
        _check(decision, DECISIONS, UNKNOWN_DECISION)
        with self.lock, self.ws.transaction():
            row = self._proposal(proposal_id)
            key = mention_key(row.text)
            if not key:
                raise ReviewError(_("This proposal has no text to look for elsewhere."))
            current = {d.id for d in self.ws.documents(status="scanned")}
            changes = [Change(row, decision, None, version)]
            others = 0
            for d in self.ws.proposal_digest():
                if (d.id == row.id or d.document_id not in current
                        or mention_key(d.text) != key):
                    continue
                if d.status == "pending" or (
                        d.decided_by == self.reviewer and d.status != decision):
                    other = self.ws.proposal(d.id)
                    changes.append(Change(other, decision, None, other.version))
                elif d.status != decision:
                    others += 1
            note = ("; " + ngettext(
                "%(num)s mention decided otherwise by another reviewer was left as it was",
                "%(num)s mentions decided otherwise by another reviewer were left as they were",
                others)) if others else ""
            return self._write(changes, "mentions", note=note)

    def entity(self, document_id: int, entity: str, decision: str) -> Outcome:
        """Decide every pending proposal of one entity type in one document."""
        _check(decision, DECISIONS, UNKNOWN_DECISION)
        _check(entity, ENTITIES + ("OTHER",), UNKNOWN_ENTITY)
        with self.lock, self.ws.transaction():
            self._document(document_id)
            rows = [p for p in self.ws.proposals(document_id, status="pending")
                    if p.entity == entity and p.proposed]
            if not rows:
                raise ReviewError(_("No pending proposals of the type %(entity)s in this "
                                    "document.", entity=label(entity)))
            return self._write([Change(p, decision, None, p.version) for p in rows], "entity")

    def add_text(self, document_id: int, page: int, start: int, end: int, entity: str,
                 ground: str | None, motivation: str | None = None) -> Outcome:
        """A redaction the detector missed, selected in the page text by character offsets."""
        entity, ground = self._manual_kind(entity, ground)
        motivation = self._motivation(ground, motivation)
        if not 0 <= start < end or end - start > MAX_MANUAL_CHARS:
            raise ReviewError(_("Select between 1 and 2,000 characters of one page."))
        with self.lock:
            doc, stored = self._page(document_id, page)
            text, boxes = self.pages.chars(doc, page)
            if end > len(stored) or text[start:end] != stored[start:end]:
                raise ReviewError(_("The selection does not match the page text; reload the "
                                    "page."))
            rects = span_rects(boxes, start, end)
            if not rects:
                raise ReviewError(_("There are no characters to redact in the selection."))
            with self.ws.transaction():
                return self._add_manual(document_id, page, start, end, stored[start:end],
                                        entity, ground, rects, "text selection", motivation)

    def add_box(self, document_id: int, page: int, rect: Sequence[float], entity: str,
                ground: str | None, motivation: str | None = None) -> Outcome:
        """A redaction drawn as a box on the page image; its text is the text under the box."""
        entity, ground = self._manual_kind(entity, ground)
        motivation = self._motivation(ground, motivation)
        if len(rect) != 4 or not all(math.isfinite(v) for v in rect):
            raise ReviewError(_("A box is four finite numbers: x0, y0, x1, y1."))
        with self.lock:
            doc, _text = self._page(document_id, page)
            row = next(p for p in self.ws.pages(document_id) if p.page == page)
            x0, x1 = sorted((rect[0], rect[2]))
            y0, y1 = sorted((rect[1], rect[3]))
            box: Rect = (max(0.0, x0), max(0.0, y0), min(row.width, x1), min(row.height, y1))
            if box[2] - box[0] < 1 or box[3] - box[1] < 1:
                raise ReviewError(_("The box is too small or outside the page."))
            text, boxes = self.pages.chars(doc, page)
            start, end, under = text_under(text, boxes, box)
            with self.ws.transaction():
                return self._add_manual(document_id, page, start, end, under, entity, ground,
                                        (box,), "drawn box", motivation)

    def add_term(self, entry: dict[str, str]) -> Outcome:
        """One term of the batch's term list (``redact.terms``: term or pattern, ground,
        motivation, entity), proposed wherever it occurs, as ``redact terms`` does."""
        _check(str(entry.get("ground")), GROUND_CODES, UNKNOWN_GROUND)
        self._motivation(str(entry["ground"]), entry.get("motivation"))
        if len((entry.get("term") or entry.get("pattern") or "").strip()) < 2:
            raise ReviewError(_("A term is text of at least two characters."))
        try:
            terms = terms_from_json([entry], "term")
        except UsageError as exc:  # a pattern that does not compile or runs away: the reason
            reason = str(exc).split(": ", 2)[-1]  # after "term: term 1: ", as Python gives it
            raise ReviewError(_("This term cannot be used: %(reason)s", reason=reason)) from exc
        with self.lock:
            done = add_terms_to(self.ws, terms, self.config, self.reviewer)
        return Outcome((), (), _(
            "Proposals added: %(added)s in %(documents)s document(s); already proposed: "
            "%(duplicates)s.", added=done.proposals, documents=done.documents,
            duplicates=done.duplicates), log=f"{done.proposals} proposal(s) added by a term")

    def revert(self, items: Sequence[dict[str, Any]]) -> Outcome:
        """Undo: put proposals back as they were, provided nobody changed them since."""
        if not items:
            raise ReviewError(_("Nothing to undo."))
        with self.lock, self.ws.transaction():
            changes = []
            for item in items:
                decision = _check(str(item.get("status")), ("pending",) + DECISIONS,
                                  UNKNOWN_STATUS)
                ground = _check(str(item.get("ground")), GROUND_CODES, UNKNOWN_GROUND)
                row = self._proposal(int(item["id"]))
                changes.append(Change(row, decision, ground, int(item["version"])))
            return self._write(changes, "undo")

    # -- shared steps ------------------------------------------------------------------------

    def _write(self, changes: Sequence[Change], action: str, note: str = "") -> Outcome:
        """Record every change, or none (``redact.decisions``), and say what was done."""
        try:
            written = self.writer.write(changes, action)
        except MotivationRequired as exc:
            raise ReviewError(motivation_required(exc.ground)) from exc
        changed = tuple(self.ws.proposal(c.proposal.id) for c in changes)
        if written.carried:
            note += "; " + _("carried over to %(n)s in duplicate documents",
                             n=len(written.carried))
        undo = tuple(
            UndoItem(id=now.id, version=now.version, status=before.proposal.status,
                     ground=before.proposal.ground)
            for before, now in zip(changes, changed, strict=True)
        ) + tuple(  # what was carried to the copies is undone with it: they were pending
            UndoItem(id=c.proposal, version=self.ws.proposal(c.proposal).version,
                     status="pending", ground=c.ground_before)
            for c in written.carried
        )
        summary = ", ".join(_(COUNTED[d], n=len(g)) for d, g in written.by_decision.items())
        message = {"ground": _("legal ground set to %(ground)s", ground=changes[0].ground),
                   "undo": _("undone: %(summary)s", summary=summary)}.get(action, summary)
        logged = ", ".join(COUNTED[d] % {"n": len(g)} for d, g in written.by_decision.items())
        return Outcome(changed, undo, message + note, log=logged)

    def _add_manual(self, document_id: int, page: int, start: int, end: int, text: str,
                    entity: str, ground: str, rects: Sequence[Rect], how: str,
                    motivation: str = "") -> Outcome:
        pid = self.ws.insert_proposal(
            document_id=document_id, page=page, start=start, end=end, entity=entity, text=text,
            score=1.0, ground=ground, recognizer="manual",
            explanation={"recognizer": "manual", "pattern": how, "context": [],
                         "validation": None, "text": f"Added by {self.reviewer} ({how})."},
            rects=rects, origin="manual", motivation=motivation,
        )
        self.ws.audit(ManualProposal(pid, document_id, page, entity, ground, how, len(rects),
                                     self.reviewer))
        row = self.ws.proposal(pid)
        outcome = self._write([Change(row, "accepted", None, row.version, motivation or None)],
                              "manual")
        # Undoing a manual redaction rejects it: it stays on record, but is not burned in.
        undo = tuple(u | {"status": "rejected"} if u["id"] == pid else u for u in outcome.undo)
        return Outcome(outcome.changed, undo, _("redaction added (%(entity)s, %(ground)s)",
                                                entity=label(entity), ground=ground), pid,
                       log=outcome.log)

    @staticmethod
    def _motivation(ground: str, motivation: str | None) -> str:
        """The motivation as stored; a ground other than 5.1.1e/5.1.2e without one: 400."""
        try:
            return motivation_for(ground, motivation)
        except MotivationRequired as exc:
            raise ReviewError(motivation_required(exc.ground)) from exc

    def _manual_kind(self, entity: str, ground: str | None) -> tuple[str, str]:
        _check(entity, ENTITIES + ("OTHER",), "entity")
        ground = ground or self.config.ground_for(entity)
        return entity, _check(ground, GROUND_CODES, "legal ground")

    def _proposal(self, proposal_id: int) -> ProposalRow:
        try:
            return self.ws.proposal(proposal_id)
        except WorkspaceError as exc:
            raise NotFound(_("There is no proposal %(id)s.", id=proposal_id)) from exc

    def _document(self, document_id: int) -> DocumentRow:
        try:
            doc = self.ws.document(document_id)
        except WorkspaceError as exc:
            raise NotFound(_("There is no document %(id)s.", id=document_id)) from exc
        if doc.status != "scanned":
            raise NotFound(_("Document %(id)s is not in review: %(status)s.", id=document_id,
                             status=label(doc.status)))
        return doc

    def _page(self, document_id: int, page: int) -> tuple[DocumentRow, str]:
        doc = self._document(document_id)
        for row in self.ws.pages(document_id):
            if row.page == page:
                return doc, row.text
        raise NotFound(_("Document %(id)s has no page %(page)s.", id=document_id, page=page))
