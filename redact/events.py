"""The audit trail's events: one frozen dataclass per kind of record.

A writer builds an event and hands it to ``Workspace.audit``; ``data()`` gives the record's
``data`` exactly as the trail has always held it (same keys, same values), so trails written
before these types existed keep their hashes and still verify. A reader calls :func:`parse` on
a record and gets the typed event back (``UnknownEvent`` for a kind this version does not know:
an old trail may hold one), and tells events apart with ``isinstance``.

Events name documents and proposals by id and never hold the personal data itself.

This is a module of its own rather than part of ``models``: ``models`` holds what flows between
the stages, this holds the record format of the trail, which the workspace, the integrity check
and every reader of the trail share, and which changes only with care (old trails must parse).
Fields that a trail written by an older version may lack are optional (``None``: absent), and
only those; ``data()`` leaves out a field marked ``OMIT_NONE`` when it is ``None``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, cast

from redact.jsontypes import JsonObject, JsonValue

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

OMIT_NONE = {"omit_none": True}  # field metadata: no key in the record when the value is None

# ``[proposal, document, commitment, status, ground, proposed]`` (``integrity.ProposalState``)
ProposalEntry = tuple[int, int, str, str, str, bool]
# ``[document, status, sha256, withheld]`` (see ``integrity.snapshot``)
DocumentEntry = tuple[int, str, str, bool]
# ``[document, sha256, fingerprint]``
OutputEntry = tuple[int, str, str]


class AuditEvent(Protocol):
    """What ``Workspace.audit`` writes: an event name and the record's data."""

    EVENT: ClassVar[str]

    def data(self) -> JsonObject: ...


def _json(value: object) -> JsonValue:
    """A field's value as JSON data: tuples become lists, nested records dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _fields_data(value)
    if isinstance(value, (tuple, list)):
        return [_json(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _json(v) for k, v in value.items()}
    return cast(JsonValue, value)  # the fields hold str, int, float, bool or None


def _fields_data(obj: DataclassInstance) -> JsonObject:
    out: JsonObject = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if value is None and f.metadata.get("omit_none"):
            continue
        out[f.metadata.get("key", f.name)] = _json(value)
    return out


def _tuple(value: Any) -> Any:
    """JSON lists as tuples, all the way down (the frozen form of a record's data)."""
    if isinstance(value, list):
        return tuple(_tuple(v) for v in value)
    return value


def _ids(value: Any) -> tuple[int, ...]:
    return tuple(int(v) for v in value)


E = TypeVar("E", bound="Event")


class Event:
    """Base of the events: ``data()`` from the fields; ``from_record`` for flat events."""

    EVENT: ClassVar[str]
    WRITTEN: ClassVar[bool] = True  # False: read from trails, not written by this version

    def data(self) -> JsonObject:
        return _fields_data(cast("DataclassInstance", self))  # every Event is a dataclass

    @classmethod
    def from_record(cls: type[E], record: Mapping[str, Any]) -> E:
        """The event of a record whose ``event`` is ``cls.EVENT``. A field a record lacks is
        ``None`` where the field is optional (older trails), and an error otherwise."""
        return cls.from_data(record.get("data") or {})

    @classmethod
    def from_data(cls: type[E], data: Mapping[str, Any]) -> E:
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]  # every Event is a dataclass
            key = f.metadata.get("key", f.name)
            optional = f.default is None or f.metadata.get("omit_none")
            kwargs[f.name] = _tuple(data.get(key) if optional else data[key])
        return cls(**kwargs)


# -- documents coming in -------------------------------------------------------------------------


@dataclass(frozen=True)
class IngestedDocument:
    document: int
    name: str
    sha256: str


@dataclass(frozen=True)
class Ingest(Event):
    """New files of the inbox, each with the document number it got (in inbox order)."""

    EVENT: ClassVar[str] = "ingest"
    documents: tuple[IngestedDocument, ...]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Ingest:
        return cls(tuple(IngestedDocument(int(d["document"]), d["name"], d["sha256"])
                         for d in data["documents"]))


@dataclass(frozen=True)
class Scan(Event):
    """A document read: its content hash, pages, and the tool and settings that read it."""

    EVENT: ClassVar[str] = "scan"
    document: int
    name: str | None = None  # the optional fields: absent from records of older versions
    sha256: str | None = None
    size: int | None = None
    pages: int | None = None
    kind: str | None = None
    parent: int | None = None
    ocr_pages: tuple[int, ...] | None = None
    tool_version: str | None = None
    config_sha256: str | None = None


@dataclass(frozen=True)
class Skip(Event):
    """A document that is not scanned, and why."""

    EVENT: ClassVar[str] = "skip"
    document: int
    name: str | None = None
    sha256: str | None = None
    kind: str | None = None
    reason: str | None = None
    parent: int | None = None


@dataclass(frozen=True)
class Attachment(Event):
    """An attachment of an e-mail, taken as a document of its own (queued) or skipped."""

    EVENT: ClassVar[str] = "attachment"
    document: int
    parent: int
    name: str
    sha256: str
    status: str  # queued | skipped
    reason: str | None = None


@dataclass(frozen=True)
class DuplicateChange:
    document: int
    duplicate_of: int | None
    kind: str | None  # identical | quoted


@dataclass(frozen=True)
class Duplicates(Event):
    """Documents whose duplicate reference changed."""

    EVENT: ClassVar[str] = "duplicates"
    changed: tuple[DuplicateChange, ...]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Duplicates:
        return cls(tuple(DuplicateChange(int(c["document"]), c["duplicate_of"], c["kind"])
                         for c in data["changed"]))


# -- proposals and decisions ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProposedItem:
    """One proposal as the trail names it: what and why, never the value."""

    id: int
    page: int | None = None
    entity: str | None = None
    ground: str | None = None
    recognizer: str | None = None
    pattern: str | None = None
    score: float | None = None
    proposed: bool | None = None  # absent in older trails: proposed
    commit: str | None = field(default=None, metadata=OMIT_NONE)  # added by the workspace


@dataclass(frozen=True)
class Proposals(Event):
    """The proposals of one scan of a document."""

    EVENT: ClassVar[str] = "proposals"
    document: int
    proposals: tuple[ProposedItem, ...]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Proposals:
        return cls(int(data["document"]), tuple(_proposed_item(p) for p in data["proposals"]))


def _proposed_item(p: Mapping[str, Any]) -> ProposedItem:
    # only the id is certain: the integrity check and the history read the rest as optional
    return ProposedItem(int(p["id"]), p.get("page"), p.get("entity"), p.get("ground"),
                        p.get("recognizer"), p.get("pattern"), p.get("score"), p.get("proposed"),
                        p.get("commit"))


@dataclass(frozen=True)
class ManualProposal(Event):
    """A redaction a reviewer added by hand."""

    EVENT: ClassVar[str] = "manual_proposal"
    proposal: int
    document: int
    page: int
    entity: str
    ground: str
    how: str | None = field(default=None, metadata=OMIT_NONE)
    boxes: int | None = field(default=None, metadata=OMIT_NONE)
    reviewer: str | None = field(default=None, metadata=OMIT_NONE)
    commit: str | None = field(default=None, metadata=OMIT_NONE)  # added by the workspace


@dataclass(frozen=True)
class TermsAdded(Event):
    """A term list applied to the scanned documents (``redact terms``): its hash and size, and
    what it added; the proposals themselves are in the ``proposals`` records before it. Terms
    are named by hash, never by their text (often a person's or a company's name)."""

    EVENT: ClassVar[str] = "terms_added"
    terms_sha256: str
    terms: int
    documents: tuple[int, ...]
    proposals: int
    duplicates: int  # occurrences proposed already, not added again
    reviewer: str


@dataclass(frozen=True)
class DecideOptions:
    """What ``redact decide`` was asked to do."""

    accept_all: bool
    accept: tuple[str, ...]
    reject: tuple[str, ...]
    redecide: bool


@dataclass(frozen=True)
class Carried:
    """A decision carried over to the same value in a duplicate document."""

    proposal: int
    document: int
    from_: int = field(metadata={"key": "from"})
    decision: str
    ground_before: str


@dataclass(frozen=True)
class Decision(Event):
    """Proposals decided together. Three shapes share the name: a reviewer's action
    (``method`` review: ``action``, ``documents``, ``entities``, maybe ``ground``), a scripted
    ``redact decide`` (``method`` scripted: ``entities``, ``options``) and what was carried over
    to duplicates (``method`` group: ``action``, ``carried``, ``documents``, no ``decision``)."""

    EVENT: ClassVar[str] = "decision"
    proposals: tuple[int, ...]
    reviewer: str
    method: str  # review | scripted | group
    decision: str | None = field(default=None, metadata=OMIT_NONE)
    action: str | None = field(default=None, metadata=OMIT_NONE)
    documents: tuple[int, ...] | None = field(default=None, metadata=OMIT_NONE)
    entities: dict[str, int] | None = field(default=None, metadata=OMIT_NONE)
    ground: str | tuple[str, ...] | None = field(default=None, metadata=OMIT_NONE)
    options: DecideOptions | None = field(default=None, metadata=OMIT_NONE)
    carried: tuple[Carried, ...] | None = field(default=None, metadata=OMIT_NONE)
    # ``[proposal, status, ground]`` per proposal, added by the workspace; absent in trails
    # written before outcomes were recorded
    outcome: tuple[tuple[int, str, str], ...] | None = field(default=None, metadata=OMIT_NONE)
    # the motivation given with a ground (one, or one per distinct text); absent: none given
    motivation: str | tuple[str, ...] | None = field(default=None, metadata=OMIT_NONE)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Decision:
        # proposals, reviewer and method: in every shape; the rest as the shape has them
        options = data.get("options")
        carried = data.get("carried")
        return cls(
            _ids(data["proposals"]), str(data["reviewer"]), str(data["method"]),
            data.get("decision"), data.get("action"),
            _ids(data["documents"]) if "documents" in data else None,
            data.get("entities"), _tuple(data.get("ground")),
            DecideOptions(bool(options.get("accept_all")), _tuple(options.get("accept", [])),
                          _tuple(options.get("reject", [])), bool(options.get("redecide")))
            if isinstance(options, Mapping) else None,
            tuple(Carried(int(c["proposal"]), int(c["document"]), int(c["from"]),
                          c["decision"], c["ground_before"]) for c in carried)
            if carried is not None else None,
            tuple((int(p), s, g) for p, s, g in data["outcome"]) if "outcome" in data else None,
            _tuple(data.get("motivation")),
        )


@dataclass(frozen=True)
class Withhold(Event):
    """A whole document withheld (niet openbaar), with its grounds and reason. Read by the
    inventory, the reports and the integrity check in older trails; this version writes
    ``judge`` (``Judge``) instead."""

    EVENT: ClassVar[str] = "withhold"
    WRITTEN: ClassVar[bool] = False
    document: int
    grounds: tuple[str, ...]
    reason: str
    withheld: bool | None = field(default=None, metadata=OMIT_NONE)  # absent: True

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Withhold:
        # Records written by hand or by older tools say "ground" (one) and "note".
        grounds = data.get("grounds") or data.get("ground") or ()
        grounds = (grounds,) if isinstance(grounds, str) else tuple(grounds)
        return cls(int(data["document"]), grounds, str(data.get("reason") or data.get("note") or ""),
                   data.get("withheld"))


@dataclass(frozen=True)
class Judge(Event):
    """The judgement of a whole document (``redact judge``, the review page): its whole state
    after the change. ``niet openbaar`` withholds it (no output); ``reeds openbaar`` publishes
    a link instead of a file; ``suspended``: opgeschort, publication waits for a zienswijze."""

    EVENT: ClassVar[str] = "judge"
    document: int
    judgement: str | None  # None: computed from the boxes (openbaar or deels openbaar)
    suspended: bool
    public_link: str | None
    grounds: tuple[str, ...]
    motivation: str
    reviewer: str
    method: str  # cli | review


@dataclass(frozen=True)
class WithholdPage(Event):
    """A page withheld with its ground: the output shows a page naming the ground instead."""

    EVENT: ClassVar[str] = "withhold_page"
    document: int
    page: int
    ground: str
    motivation: str
    reviewer: str
    method: str


@dataclass(frozen=True)
class ReleasePage(Event):
    """A withheld page made public again."""

    EVENT: ClassVar[str] = "release_page"
    document: int
    page: int
    reviewer: str
    method: str


# -- the review team: accounts (``redact.accounts``) --------------------------------------------
# Names and roles only: a password or its hash never enters the trail.


@dataclass(frozen=True)
class UserAdded(Event):
    """An account made for a reviewer; ``sso_only``: no password, signs in through the proxy."""

    EVENT: ClassVar[str] = "user_added"
    name: str
    role: str
    sso_only: bool
    operator: str


@dataclass(frozen=True)
class UserChanged(Event):
    """An account changed: ``change`` is password, role, disabled, enabled or language; ``role``
    the role it has after the change."""

    EVENT: ClassVar[str] = "user_changed"
    name: str
    change: str
    role: str
    operator: str


@dataclass(frozen=True)
class UserRemoved(Event):
    """An account deleted; the decisions it made keep its name."""

    EVENT: ClassVar[str] = "user_removed"
    name: str
    operator: str


# -- the review team: review states, assignments, comments (``redact.workflow``) ----------------


@dataclass(frozen=True)
class DocumentReady(Event):
    """A reviewer marked a document gereed: every proposal decided, ready for the controleur."""

    EVENT: ClassVar[str] = "document_ready"
    document: int
    reviewer: str


@dataclass(frozen=True)
class DocumentApproved(Event):
    """A controleur approved a document; ``deciders``: who made its decisions (four eyes: the
    controleur is none of them)."""

    EVENT: ClassVar[str] = "document_approved"
    document: int
    reviewer: str
    deciders: tuple[str, ...]


@dataclass(frozen=True)
class DocumentSentBack(Event):
    """A controleur sent a document back, with a comment (kept among the document's comments
    as ``comment_id``), into ``assignee``'s queue."""

    EVENT: ClassVar[str] = "document_sent_back"
    document: int
    reviewer: str
    comment: str
    assignee: str | None
    comment_id: int


@dataclass(frozen=True)
class Assigned(Event):
    """A document put in someone's queue (``assignee`` None: taken out of every queue)."""

    EVENT: ClassVar[str] = "assigned"
    document: int
    assignee: str | None
    reviewer: str


@dataclass(frozen=True)
class Commented(Event):
    """A comment on a document, a page of it or one proposal (the text is the reviewer's own,
    like a motivation)."""

    EVENT: ClassVar[str] = "commented"
    comment: int
    document: int
    page: int | None
    proposal: int | None
    author: str
    text: str


# -- outputs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Apply(Event):
    """An output written: its hash, what was burned in, and what was scrubbed."""

    EVENT: ClassVar[str] = "apply"
    document: int
    output: str
    sha256: str
    boxes_per_ground: dict[str, int]
    unlabelled_boxes: int | None = None  # the optional fields: absent from older records
    fingerprint: str | None = None
    scrubbed: dict[str, int] | None = None
    tool_version: str | None = None
    burn_in_version: int | None = None
    unlabelled: tuple[int, ...] | None = None  # indices of the boxes that carry no label
    ocr_pages: int | None = None
    ocr_extra_boxes: tuple[JsonObject, ...] | None = None  # {"page", "rect", "ground"}


@dataclass(frozen=True)
class ApplyFailed(Event):
    EVENT: ClassVar[str] = "apply_failed"
    document: int
    reason: str


@dataclass(frozen=True)
class Withdraw(Event):
    """An output removed: the document was withheld after it was applied."""

    EVENT: ClassVar[str] = "withdraw"
    document: int
    output: str
    reason: str


@dataclass(frozen=True)
class Move(Event):
    """``apply --move``: outputs removed from other outboxes."""

    EVENT: ClassVar[str] = "move"
    outbox: str
    documents: tuple[int, ...]
    from_: tuple[str, ...] = field(metadata={"key": "from"})


@dataclass(frozen=True)
class Inventory(Event):
    """The inventory list written into an outbox."""

    EVENT: ClassVar[str] = "inventory"
    outbox: str
    documents: int
    judgements: dict[str, int]
    sha256: str


@dataclass(frozen=True)
class Verify(Event):
    """The check of an outbox."""

    EVENT: ClassVar[str] = "verify"
    outbox: str
    documents: int
    problems: tuple[Mapping[str, str], ...]  # {"document" (output name), "channel", "detail"}


@dataclass(frozen=True)
class Publish(Event):
    """A publication folder written (``redact publish``): what it holds, its manifest's hash."""

    EVENT: ClassVar[str] = "publish"
    folder: str
    documents: int  # listed in the inventory
    published: int  # with a file in documenten/
    judgements: dict[str, int]
    manifest_sha256: str


@dataclass(frozen=True)
class PublicationVerify(Event):
    """The check of a publication folder against the workspace."""

    EVENT: ClassVar[str] = "verify_publication"
    folder: str
    files: int
    problems: tuple[Mapping[str, str], ...]  # {"document" (file name), "channel", "detail"}


@dataclass(frozen=True)
class Export(Event):
    """The review exported for the file (dossier)."""

    EVENT: ClassVar[str] = "export"
    reviewer: str
    directory: str
    documents: tuple[int, ...]
    files: int
    skipped_pages: tuple[tuple[int, int], ...]  # (document, page)


@dataclass(frozen=True)
class Batch(Event):
    """A nightly run: what was scanned and applied."""

    EVENT: ClassVar[str] = "batch"
    started: str
    new: int
    unchanged: int
    skipped: int
    applied: int
    pending: int
    failed: int
    unapproved: int | None = field(default=None, metadata=OMIT_NONE)  # four eyes: not approved


# -- integrity -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Commitments(Event):
    """Commitments to proposals (and documents) changed in a transaction that no record of
    their own committed to (see ``redact.integrity``)."""

    EVENT: ClassVar[str] = "commitments"
    proposals: tuple[ProposalEntry, ...]
    documents: tuple[DocumentEntry, ...]


@dataclass(frozen=True)
class Baseline(Event):
    """The state of a workspace upgraded to schema 3, taken on trust."""

    EVENT: ClassVar[str] = "baseline"
    note: str
    proposals: tuple[ProposalEntry, ...]
    documents: tuple[DocumentEntry, ...]
    outputs: tuple[OutputEntry, ...]


@dataclass(frozen=True)
class Repair(Event):
    """An operator's repair: who, why, what was wrong, and the state after."""

    EVENT: ClassVar[str] = "repair"
    reason: str
    operator: str
    fault: str | None
    how: str
    evidence: str | None
    evidence_sha256: str | None
    differences: tuple[str, ...]
    difference_count: int
    outputs_dropped: tuple[int, ...]
    proposals: tuple[ProposalEntry, ...]
    documents: tuple[DocumentEntry, ...]


# -- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnknownEvent:
    """A record of a kind this version does not know (an old trail may hold one), or one whose
    data lacks what its kind must hold (only an edited trail can: readers pass it by, and the
    integrity check then finds the database different from the trail)."""

    event: str
    raw: Mapping[str, Any]


KNOWN: tuple[type[Event], ...] = (
    Ingest, Scan, Skip, Attachment, Duplicates, Proposals, ManualProposal, TermsAdded, Decision,
    Withhold, Judge, WithholdPage, ReleasePage, Apply, ApplyFailed, Withdraw, Move, Inventory, Verify,
    Publish, PublicationVerify, Export, Batch, Commitments, Baseline, Repair,
    DocumentReady, DocumentApproved, DocumentSentBack, Assigned, Commented,
    UserAdded, UserChanged, UserRemoved,
)
BY_NAME: dict[str, type[Event]] = {cls.EVENT: cls for cls in KNOWN}


def parse(record: Mapping[str, Any]) -> Event | UnknownEvent:
    """The typed event of one audit record."""
    name = str(record.get("event"))
    kind = BY_NAME.get(name)
    if kind is not None:
        try:
            return kind.from_record(record)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass
    return UnknownEvent(name, record.get("data") or {})


def written() -> list[str]:
    """Every event name this version writes to the trail, sorted."""
    return sorted(cls.EVENT for cls in KNOWN if cls.WRITTEN)
