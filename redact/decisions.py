"""The one writer of decisions: a reviewer's on the review page, and a scripted ``redact decide``.

Every change names the proposal version its author saw; when someone else changed the proposal
meanwhile, nothing is written and :class:`Conflict` says who did what. A decision on one copy of a
duplicate group is carried over to the same value in the other copies that are still pending.
Each set of decisions goes into the workspace with its ``decision`` audit record, in the caller's
transaction; records name proposals by id, never the personal data itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from redact.duplicates import group_of, propagate_decision
from redact.events import Carried, DecideOptions, Decision
from redact.grounds import needs_motivation
from redact.workspace import ProposalRow, Workspace

DECISIONS = ("accepted", "rejected")


class DecisionError(Exception):
    """A decision that cannot be carried out as asked."""


class MotivationRequired(DecisionError):
    """A redaction under a ground other than 5.1.1e or 5.1.2e without a motivation."""

    def __init__(self, ground: str) -> None:
        super().__init__(f"ground {ground} needs a motivation: say why it applies here")
        self.ground = ground  # for a message in the reviewer's language (redact.review)


class Conflict(DecisionError):
    """Someone changed a proposal after the author of a decision saw it."""

    def __init__(self, message: str, current: Sequence[ProposalRow]) -> None:
        super().__init__(message)
        self.current = tuple(current)


@dataclass(frozen=True)
class Change:
    proposal: ProposalRow  # as it was before
    decision: str  # accepted | rejected | pending (undo)
    ground: str | None = None
    expected_version: int | None = None
    motivation: str | None = None  # None: as it is; a new ground without one clears it


def motivation_for(ground: str, motivation: str | None) -> str:
    """The motivation a redaction under ``ground`` is stored with (white space folded); a
    ground other than 5.1.1e and 5.1.2e without one is refused (:class:`MotivationRequired`)."""
    text = " ".join((motivation or "").split())
    if needs_motivation(ground) and not text:
        raise MotivationRequired(ground)
    return text


def _undone(change: Change) -> str | None:
    """Undo puts a ground back: back under 5.1.1e or 5.1.2e, the motivation goes; otherwise it
    stays as it is (the undo button knows grounds, not motivations)."""
    if change.ground is None or change.ground == change.proposal.ground:
        return change.motivation
    return change.motivation if needs_motivation(change.ground) else ""


def _motivation(change: Change) -> str | None:
    """What a change stores as the proposal's motivation (None: keep it). A proposal that gets
    another ground needs a motivation for that ground, unless it is rejected; one that keeps
    its ground keeps its motivation unless a new one is given."""
    row = change.proposal
    if change.ground is None or change.ground == row.ground:
        if change.motivation is None:
            return None
        return " ".join(change.motivation.split()) or row.motivation
    if change.decision == "rejected" or change.decision == "pending":
        return " ".join((change.motivation or "").split())
    return motivation_for(change.ground, change.motivation)


@dataclass(frozen=True)
class Written:
    """What a write did: the changes grouped by decision, and what was carried to copies."""

    by_decision: dict[str, tuple[Change, ...]]  # in the order the records were written
    carried: tuple[Carried, ...]


def decided_state(row: ProposalRow) -> str:
    """A proposal's current decision, by whom and when: 'now accepted by alice at ...'."""
    who = f" by {row.decided_by}" if row.decided_by else ""
    when = f" at {row.decided_at[:19].replace('T', ' ')} UTC" if row.decided_at else ""
    return f"now {row.status}{who}{when}"


class DecisionWriter:
    """Records decisions of one author (``method``: review or scripted) on one workspace."""

    def __init__(self, ws: Workspace, reviewer: str, method: str = "review") -> None:
        self.ws = ws
        self.reviewer = reviewer
        self.method = method

    def write(self, changes: Sequence[Change], action: str | None = None,
              options: DecideOptions | None = None) -> Written:
        """Record every change, or none (a stale version raises :class:`Conflict`); call inside
        a transaction, which the conflict rolls back.

        ``action``: what the reviewer did (single, mentions, entity, ground, manual, undo); a
        scripted decision has none and records its ``options`` instead. Undo carries nothing
        over: what was carried is undone with it.
        """
        stale = []
        motivations = [_motivation(c) if action != "undo" else _undone(c) for c in changes]
        for change, motivation in zip(changes, motivations, strict=True):
            ok = self.ws.record_decision(
                change.proposal.id, change.decision, self.reviewer, self.method,
                ground=change.ground, expected_version=change.expected_version,
                motivation=motivation)
            if not ok:
                stale.append(change.proposal.id)
        if stale:
            current = [self.ws.proposal(pid) for pid in stale]
            first = current[0]
            raise Conflict(
                f"proposal {first.id} ({first.entity}, page {first.page}) was changed by another "
                f"reviewer after you loaded it: {decided_state(first)}. Your decision was not "
                "saved; the page now shows the current state.", current)
        by_decision: dict[str, list[Change]] = {}
        # the motivation each proposal has now: given with the change, or kept (a term's)
        held = [c.proposal.motivation if m is None else m for c, m in zip(changes, motivations,
                                                                           strict=True)]
        given = {c.proposal.id: m for c, m in zip(changes, held, strict=True) if m}
        for change in changes:
            by_decision.setdefault(change.decision, []).append(change)
        for decision, group in by_decision.items():
            grounds = sorted({c.ground for c in group if c.ground})
            texts = sorted({given[c.proposal.id] for c in group if c.proposal.id in given})
            self.ws.audit(Decision(
                proposals=tuple(c.proposal.id for c in group),
                reviewer=self.reviewer,
                method=self.method,
                decision=decision,
                action=action,
                # a scripted record names no documents (its shape since the first version)
                documents=(tuple(sorted({c.proposal.document_id for c in group}))
                           if action is not None else None),
                entities=dict(Counter(c.proposal.entity for c in group)),
                ground=(grounds[0] if len(grounds) == 1 else tuple(grounds)) if grounds else None,
                options=options,
                motivation=(texts[0] if len(texts) == 1 else tuple(texts)) if texts else None,
            ))
        carried = self._carry(changes) if action != "undo" else ()
        if carried:
            self.ws.audit(Decision(
                proposals=tuple(c.proposal for c in carried), reviewer=self.reviewer,
                method="group", action=action or self.method, carried=carried,
                documents=tuple(sorted({c.document for c in carried})),
            ))
        return Written({d: tuple(g) for d, g in by_decision.items()}, carried)

    def _carry(self, changes: Sequence[Change]) -> tuple[Carried, ...]:
        """A decision on one copy is a decision for its duplicate group (after all changes are
        recorded, so a copy decided by the same write keeps its own decision)."""
        grouped: dict[int, bool] = {}  # document -> whether it has copies (asked once each)
        carried: list[Carried] = []
        for change in changes:
            doc = change.proposal.document_id
            if doc not in grouped:
                grouped[doc] = len(group_of(self.ws, doc)) > 1
            if not grouped[doc]:
                continue
            for c in propagate_decision(self.ws, change.proposal.id, self.reviewer):
                carried.append(Carried(int(c["proposal"]), int(c["document"]), int(c["from"]),
                                       str(c["decision"]), str(c["ground_before"])))
        return tuple(carried)
