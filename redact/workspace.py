"""The SQLite workspace: documents, pages, proposals, decisions, outputs and the audit chain.

Only the parent process writes it. Every state change and its audit record are committed in
one transaction; the JSONL mirror of the audit trail is brought up to date right after.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from redact import audit, events, integrity
from redact.audit import ChainReport
from redact.errors import AuditChainBroken, WorkspaceError, WorkspaceLocked
from redact.files import READ_ONLY, copy_atomic, move_atomic, write_atomic, write_text_atomic
from redact.jsontypes import JsonObject
from redact.models import ExplanationData

SCHEMA_VERSION = 5  # 3: the audit trail commits to proposals, decisions and outputs;
# 4: judgements per document and withheld pages (the Woo decision), motivations of proposals;
# 5: the review team: accounts, a document's review state (gereed, approved), comments

# Descriptors of the run locks this process holds (see ``Workspace.lock``).
_HELD_LOCKS: set[int] = set()


def _drop_inherited_locks() -> None:
    """In a forked child: close the parent's run-lock descriptors, so the child never holds it."""
    for fd in list(_HELD_LOCKS):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_drop_inherited_locks)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,              -- path relative to the inbox, with suffix
    sha256 TEXT NOT NULL,
    source_path TEXT NOT NULL,       -- where it was found (never written)
    stored_path TEXT,                -- read-only copy inside the workspace
    size INTEGER NOT NULL,
    page_count INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,            -- scanned | skipped | superseded
    error_kind TEXT,
    error TEXT,
    withheld INTEGER NOT NULL DEFAULT 0,
    scanned_at TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'pdf',   -- pdf | image | office | email
    converted_path TEXT,             -- the PDF made from a non-PDF original (inside the workspace)
    parent_id INTEGER REFERENCES documents(id),  -- the e-mail an attachment came from
    meta TEXT NOT NULL DEFAULT '{}', -- JSON: e-mail headers and the like
    text_sha256 TEXT,                -- hash of the normalised text, for duplicate grouping
    duplicate_of INTEGER REFERENCES documents(id),  -- the group's first document
    duplicate_kind TEXT,             -- identical | quoted
    UNIQUE (name, sha256)
);
CREATE TABLE pages (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    page INTEGER NOT NULL,
    text TEXT NOT NULL,
    width REAL NOT NULL,
    height REAL NOT NULL,
    ocr INTEGER NOT NULL DEFAULT 0,  -- 1: the text came from OCR of the page image
    PRIMARY KEY (document_id, page)
);
CREATE TABLE proposals (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    page INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    entity TEXT NOT NULL,
    text TEXT NOT NULL,
    score REAL NOT NULL,
    ground TEXT NOT NULL,
    recognizer TEXT NOT NULL,
    explanation TEXT NOT NULL,       -- JSON
    rects TEXT NOT NULL,             -- JSON list of [x0, y0, x1, y1]
    proposed INTEGER NOT NULL DEFAULT 1,
    note TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT 'detector',   -- detector | manual
    status TEXT NOT NULL DEFAULT 'pending',    -- pending | accepted | rejected
    decided_by TEXT,
    decided_at TEXT,
    version INTEGER NOT NULL DEFAULT 0,
    motivation TEXT NOT NULL DEFAULT ''
);
CREATE INDEX proposals_document ON proposals (document_id, page);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id),
    decision TEXT NOT NULL,
    ground TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    method TEXT NOT NULL,            -- scripted | review
    at TEXT NOT NULL
);
CREATE TABLE outputs (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id),
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    fingerprint TEXT NOT NULL,       -- hash of the decisions that produced it
    boxes INTEGER NOT NULL,
    applied_at TEXT NOT NULL
);
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    hash TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE TABLE judgements (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id),
    judgement TEXT,                  -- openbaar | deels openbaar | niet openbaar | reeds openbaar
    suspended INTEGER NOT NULL DEFAULT 0,  -- opgeschort: waits for a third party's zienswijze
    public_link TEXT,                -- reeds openbaar: where it is public already
    grounds TEXT NOT NULL DEFAULT '[]',    -- JSON: the grounds of a document not made public
    motivation TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE withheld_pages (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    page INTEGER NOT NULL,
    ground TEXT NOT NULL,
    motivation TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (document_id, page)
);
CREATE TABLE users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,              -- beoordelaar | controleur
    password TEXT,                   -- argon2 hash, NULL: signs in only through the SSO header
    language TEXT,                   -- nl | en, NULL: the configured default
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE TABLE document_reviews (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id),
    assignee TEXT,                   -- whose queue it is in (NULL: nobody's yet)
    state TEXT NOT NULL DEFAULT 'open',  -- open | gereed | goedgekeurd | teruggestuurd
    by TEXT,                         -- who last changed the state
    at TEXT,
    comment TEXT NOT NULL DEFAULT ''
);
CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    page INTEGER,                    -- a comment on a page (or on a proposal of it)
    proposal_id INTEGER REFERENCES proposals(id),
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX comments_document ON comments (document_id, page);
"""

UPGRADE_1_TO_2 = (
    "ALTER TABLE documents ADD COLUMN kind TEXT NOT NULL DEFAULT 'pdf'",
    "ALTER TABLE documents ADD COLUMN converted_path TEXT",
    "ALTER TABLE documents ADD COLUMN parent_id INTEGER REFERENCES documents(id)",
    "ALTER TABLE documents ADD COLUMN meta TEXT NOT NULL DEFAULT '{}'",
    "ALTER TABLE documents ADD COLUMN text_sha256 TEXT",
    "ALTER TABLE documents ADD COLUMN duplicate_of INTEGER REFERENCES documents(id)",
    "ALTER TABLE documents ADD COLUMN duplicate_kind TEXT",
    "ALTER TABLE pages ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0",
)

# Version 4: the Woo decision per document and page (new tables), the motivation of a proposal.
UPGRADE_3_TO_4 = tuple(
    statement.strip() for statement in
    SCHEMA[SCHEMA.index("CREATE TABLE judgements"):SCHEMA.index("CREATE TABLE users")].split(";")
    if statement.strip()
) + ("ALTER TABLE proposals ADD COLUMN motivation TEXT NOT NULL DEFAULT ''",)

# Version 5: the review team (new, empty tables).
UPGRADE_4_TO_5 = tuple(
    statement.strip() for statement in SCHEMA[SCHEMA.index("CREATE TABLE users"):].split(";")
    if statement.strip()
)


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class DocumentRow:
    id: int
    name: str
    sha256: str
    source_path: str
    stored_path: str | None
    size: int
    page_count: int
    status: str
    error_kind: str | None
    error: str | None
    withheld: bool
    scanned_at: str
    kind: str = "pdf"
    converted_path: str | None = None
    parent_id: int | None = None
    meta: dict[str, str] = field(default_factory=dict)
    text_sha256: str | None = None
    duplicate_of: int | None = None
    duplicate_kind: str | None = None

    @property
    def stem(self) -> str:
        return str(Path(self.name).with_suffix(""))

    def published_stem(self, clashes: Collection[str]) -> str:
        """What the output PDF and the reports are named, less their suffix: the stem. When
        another document has the same stem (``clashes``, from ``stem_clashes``), a non-PDF keeps
        its suffix: ``mail.eml`` beside ``mail.msg`` gives ``mail.eml.pdf`` and ``mail.msg.pdf``."""
        if self.stem.casefold() in clashes and Path(self.name).suffix.lower() != ".pdf":
            return bounded_path(self.name)
        return bounded_path(self.stem)

    @property
    def pdf_path(self) -> str | None:
        """The PDF that was scanned and is redacted: the original, or the PDF made from it."""
        return self.converted_path if self.kind != "pdf" else self.stored_path


NAME_BYTES = 200  # a name we make, before its suffix: room for ".pdf", ".json", ".x.123.tmp"


def bounded_name(name: str, limit: int = NAME_BYTES) -> str:
    """``name`` as one file name that every file system takes: at most ``limit`` bytes of
    UTF-8 (255 is the common maximum, and a suffix and a temporary name come on top), no
    control characters (a newline in a published name). A name that had to change keeps its
    beginning and gets ``~`` and 8 hex digits of its hash, so two names never become one."""
    clean = "".join(ch if ch.isprintable() else "_" for ch in name)
    if clean == name and len(name.encode("utf-8", "surrogateescape")) <= limit:
        return name
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    keep = clean.encode("utf-8")[: limit - 9].decode("utf-8", "ignore")
    return f"{keep}~{digest}"


def bounded_path(name: str) -> str:
    """A relative name (``mail/bericht.bijlage-1-x``) with every part bounded (``bounded_name``)."""
    return "/".join(bounded_name(part) for part in name.split("/"))


def stored_suffix(name: str) -> str:
    """The suffix an original is stored with: its own (lower case) when short, else ``.bin``."""
    suffix = Path(name).suffix.lower()
    return suffix if 1 < len(suffix) <= 16 and suffix[1:].isalnum() else ".bin"


def stem_clashes(docs: Iterable[DocumentRow]) -> set[str]:
    """The stems (casefolded) that more than one of ``docs`` has."""
    stems = Counter(doc.stem.casefold() for doc in docs)
    return {stem for stem, count in stems.items() if count > 1}


@dataclass(frozen=True)
class ProposalRow:
    id: int
    document_id: int
    page: int
    start: int
    end: int
    entity: str
    text: str
    score: float
    ground: str
    recognizer: str
    explanation: ExplanationData
    rects: tuple[tuple[float, float, float, float], ...]
    proposed: bool
    note: str
    origin: str
    status: str
    decided_by: str | None
    decided_at: str | None
    version: int
    motivation: str = ""  # the reviewer's or term list's motivation for the ground


@dataclass(frozen=True)
class ProposalDigestRow:
    """A proposal without its explanation and boxes: enough for batch-wide counts and for
    finding every mention of one value."""

    id: int
    document_id: int
    page: int
    start: int
    end: int
    entity: str
    text: str
    ground: str
    proposed: bool
    origin: str
    status: str
    decided_by: str | None
    decided_at: str | None
    version: int


class ProposalMark(NamedTuple):
    """A proposal as the review page's index holds it: where it is and how it stands (a named
    tuple: a document of 5,000 proposals is read in a few milliseconds)."""

    id: int
    page: int
    entity: str
    proposed: bool
    status: str


@dataclass(frozen=True)
class PageRow:
    document_id: int
    page: int
    text: str
    width: float
    height: float
    ocr: bool  # the text came from OCR of the page image


@dataclass(frozen=True)
class OutputRow:
    """The output PDF recorded for a document."""

    document_id: int
    path: str
    sha256: str
    fingerprint: str  # hash of what it was made from (``redact.outputs.fingerprint``)
    boxes: int
    applied_at: str


@dataclass(frozen=True)
class JudgementRow:
    """The officer's judgement of a whole document (``redact judge``)."""

    document_id: int
    judgement: str | None  # publication.model JUDGEMENTS; None: computed from the boxes
    suspended: bool  # opgeschort: publication waits for a third party's zienswijze
    public_link: str | None  # reeds openbaar: where it is public already
    grounds: tuple[str, ...]  # niet openbaar: the grounds for the whole document
    motivation: str
    reviewer: str
    at: str


@dataclass(frozen=True)
class WithheldPage:
    """A page not made public: replaced in the output by a page naming its ground."""

    document_id: int
    page: int  # 1-based
    ground: str
    motivation: str
    reviewer: str
    at: str


@dataclass(frozen=True)
class DecisionRow:
    """Who last decided a proposal, how and when."""

    proposal_id: int
    reviewer: str
    method: str
    at: str


@dataclass(frozen=True)
class UserRow:
    """A reviewer's account (``redact.accounts``)."""

    name: str
    role: str  # beoordelaar | controleur
    password: str | None  # the argon2 hash; None: signs in only through single sign-on
    language: str | None  # nl | en; None: the configured default
    active: bool
    created_at: str
    changed_at: str


@dataclass(frozen=True)
class DocumentReviewRow:
    """Where a document stands in the team's review (``redact.workflow``)."""

    document_id: int
    assignee: str | None  # whose queue it is in
    state: str  # open | gereed | goedgekeurd | teruggestuurd
    by: str | None  # who last changed the state
    at: str | None
    comment: str  # the controleur's comment with a send-back


@dataclass(frozen=True)
class CommentRow:
    """A reviewer's comment on a document, one of its pages, or one proposal."""

    id: int
    document_id: int
    page: int | None
    proposal_id: int | None
    author: str
    text: str
    at: str


@dataclass(frozen=True)
class DecidedBy:
    """Who made a document's decisions (its proposals', its judgement, its withheld or
    released pages) and when the last one was made: what the four-eyes rule weighs."""

    people: frozenset[str]
    last: str | None


def _document(row: sqlite3.Row) -> DocumentRow:
    return DocumentRow(
        id=row["id"],
        name=row["name"],
        sha256=row["sha256"],
        source_path=row["source_path"],
        stored_path=row["stored_path"],
        size=row["size"],
        page_count=row["page_count"],
        status=row["status"],
        error_kind=row["error_kind"],
        error=row["error"],
        withheld=bool(row["withheld"]),
        scanned_at=row["scanned_at"],
        kind=row["kind"],
        converted_path=row["converted_path"],
        parent_id=row["parent_id"],
        meta=json.loads(row["meta"] or "{}"),
        text_sha256=row["text_sha256"],
        duplicate_of=row["duplicate_of"],
        duplicate_kind=row["duplicate_kind"],
    )


def _user(row: sqlite3.Row) -> UserRow:
    return UserRow(name=row["name"], role=row["role"], password=row["password"],
                   language=row["language"], active=bool(row["active"]),
                   created_at=row["created_at"], changed_at=row["changed_at"])


def _proposal(row: sqlite3.Row) -> ProposalRow:
    return ProposalRow(
        id=row["id"],
        document_id=row["document_id"],
        page=row["page"],
        start=row["start"],
        end=row["end"],
        entity=row["entity"],
        text=row["text"],
        score=row["score"],
        ground=row["ground"],
        recognizer=row["recognizer"],
        explanation=json.loads(row["explanation"]),
        rects=tuple(tuple(r) for r in json.loads(row["rects"])),
        proposed=bool(row["proposed"]),
        note=row["note"],
        origin=row["origin"],
        status=row["status"],
        decided_by=row["decided_by"],
        decided_at=row["decided_at"],
        version=row["version"],
        motivation=row["motivation"],
    )


def _output(row: sqlite3.Row) -> OutputRow:
    return OutputRow(int(row["document_id"]), row["path"], row["sha256"], row["fingerprint"],
                     int(row["boxes"]), row["applied_at"])


def _judgement(row: sqlite3.Row) -> JudgementRow:
    return JudgementRow(int(row["document_id"]), row["judgement"], bool(row["suspended"]),
                        row["public_link"], tuple(json.loads(row["grounds"] or "[]")),
                        row["motivation"], row["reviewer"], row["at"])


def _withheld_page(row: sqlite3.Row) -> WithheldPage:
    return WithheldPage(int(row["document_id"]), int(row["page"]), row["ground"],
                        row["motivation"], row["reviewer"], row["at"])


def _document_review(row: sqlite3.Row) -> DocumentReviewRow:
    return DocumentReviewRow(int(row["document_id"]), row["assignee"], row["state"], row["by"],
                             row["at"], row["comment"])


def _comment(row: sqlite3.Row) -> CommentRow:
    return CommentRow(int(row["id"]), int(row["document_id"]), row["page"], row["proposal_id"],
                      row["author"], row["text"], row["at"])


def _proposal_state(row: sqlite3.Row) -> integrity.ProposalState:
    return integrity.ProposalState(int(row["id"]), int(row["document_id"]), int(row["page"]),
                                   str(row["text"]), str(row["rects"]), row["status"],
                                   row["ground"], bool(row["proposed"]))


def _document_state(row: sqlite3.Row) -> integrity.DocumentState:
    return integrity.DocumentState(int(row["id"]), row["status"], row["sha256"],
                                   bool(row["withheld"]), row["kind"], row["stored_path"],
                                   row["converted_path"])


class Workspace:
    """A folder holding ``workspace.sqlite``, ``audit.jsonl`` and ``originals/``."""

    def __init__(self, root: Path, db: sqlite3.Connection) -> None:
        self.root = root
        self.db = db
        self._pending_audit: list[JsonObject] | None = None
        # Proposals inserted and decided in the open transaction, and those its records cover:
        # whatever no record committed to gets a ``commitments`` record at COMMIT.
        self._inserted: set[int] = set()
        self._decided: dict[int, tuple[str, str]] = {}
        self._covered: set[int] = set()
        self._chain_checked = False
        self._commit_key: bytes | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, root: Path, create: bool = False) -> Workspace:
        root = Path(root)
        db_path = root / "workspace.sqlite"
        if not db_path.exists():
            if not create:
                raise WorkspaceError(f"no workspace at {root} (run 'redact scan' first)")
            root.mkdir(parents=True, exist_ok=True)
            (root / "originals").mkdir(exist_ok=True)
        db = sqlite3.connect(db_path, timeout=30.0, isolation_level=None, check_same_thread=False)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        ws = cls(root, db)
        ws._migrate()
        return ws

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" not in tables:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                tables = {
                    r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")
                }
                if "meta" not in tables:
                    for statement in SCHEMA.split(";"):
                        if statement.strip():
                            self.db.execute(statement)
                    self.db.execute(
                        "INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
                    )
                    self.db.execute("INSERT INTO meta VALUES ('commit_key', ?)",
                                    (os.urandom(32).hex(),))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        version = int(self.meta("schema_version") or 0)
        if version == 1:
            self._upgrade_from_1()
            version = 2
        if version == 2:
            self._upgrade_from_2()
            version = 3
        if version == 3:
            self._upgrade_from_3()
            version = 4
        if version == 4:
            self._add_to_schema(4, UPGRADE_4_TO_5)
            version = 5
        if version != SCHEMA_VERSION:
            raise WorkspaceError(
                f"workspace schema version {version}; this redact reads version {SCHEMA_VERSION}"
            )
        try:  # added after version 2 shipped; an index changes no row, so no new version
            self.db.execute(
                "CREATE INDEX IF NOT EXISTS decisions_proposal ON decisions (proposal_id)")
        except sqlite3.OperationalError:  # a read-only workspace: queries only get slower
            pass

    def _upgrade_from_1(self) -> None:
        """Version 2 added scans, conversions, attachments and duplicate groups: new columns only."""
        self._add_to_schema(1, UPGRADE_1_TO_2)

    def _add_to_schema(self, version: int, statements: Sequence[str]) -> None:
        """Upgrade a workspace of ``version`` by statements that only add (columns, empty tables):
        nothing existing changes, so the trail needs no record of it."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise WorkspaceError(f"workspace schema version {version} must be upgraded to "
                                 f"{version + 1}, which a read-only workspace cannot be ({exc})") from exc
        try:
            if self.meta("schema_version") == str(version):
                for statement in statements:
                    self.db.execute(statement)
                self.db.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(version + 1),))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _upgrade_from_2(self) -> None:
        """Version 3: the audit trail commits to what is burned in (``redact.integrity``).

        Records written before hold no commitments, so they cannot be checked against the
        database. The upgrade writes a ``baseline``: commitments to the state as it is now
        (taken on trust, said so in the record); from then on every change is checked.
        """
        try:
            with self.transaction(check=False):
                if self.meta("schema_version") != "2":
                    return
                try:  # a broken trail is not refused here: the baseline is written, and the
                    self._drop_uncommitted_audit_lines()  # next writer refuses the trail
                except AuditChainBroken:
                    pass
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('commit_key', ?)",
                                (os.urandom(32).hex(),))
                self.db.execute("UPDATE meta SET value='3' WHERE key='schema_version'")
                self._commit_key = None
                state = self.snapshot()
                outputs = [out.entry() for out in self._output_states()]
                chunks = range(0, max(1, len(state.proposals)), integrity.BASELINE_CHUNK)
                for number, start in enumerate(chunks):
                    first = number == 0
                    self.audit(events.Baseline(
                        "upgrade to schema 3: the state before it is taken as it was",
                        state.proposals[start:start + integrity.BASELINE_CHUNK],
                        state.documents if first else (),
                        tuple(outputs) if first else ()))
        except sqlite3.OperationalError as exc:
            raise WorkspaceError(f"workspace schema version 2 must be upgraded to 3, which a "
                                 f"read-only workspace cannot be ({exc})") from exc

    def _upgrade_from_3(self) -> None:
        """Version 4: judgements and withheld pages (new, empty tables: nothing to commit to)."""
        self._add_to_schema(3, UPGRADE_3_TO_4)

    @property
    def commit_key(self) -> bytes:
        """The key of the proposals' commitments in the trail (never written to the trail)."""
        if self._commit_key is None:
            value = self.meta("commit_key")
            if value is None:
                raise AuditChainBroken("workspace.sqlite holds no commitment key: it was edited")
            self._commit_key = bytes.fromhex(value)
        return self._commit_key

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @property
    def audit_path(self) -> Path:
        return self.root / "audit.jsonl"

    @property
    def originals(self) -> Path:
        return self.root / "originals"

    # -- locking and transactions ------------------------------------------------------------

    @contextmanager
    def lock(self, wait: bool = False) -> Iterator[None]:
        """One run at a time; the OS releases the lock when a run dies, so it is never stale.

        Only this process holds it: the descriptor is closed on exec (O_CLOEXEC) and in every
        child forked while it is held (a worker pool), so that a worker that outlives a killed
        run cannot keep the workspace locked."""
        path = self.root / "run.lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        _HELD_LOCKS.add(fd)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError as exc:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another run"
                raise WorkspaceLocked(f"workspace {self.root} is in use by {holder}") from exc
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()} since {now()}".encode(), 0)
            yield
        finally:
            _HELD_LOCKS.discard(fd)
            os.close(fd)

    @contextmanager
    def transaction(self, check: bool = True) -> Iterator[None]:
        """A write transaction; audit records added inside it commit with it.

        The records reach ``audit.jsonl`` (fsynced) just before COMMIT, so the file is never
        behind the database: a file shorter than the database means lines were removed. A crash
        between the two leaves records the database never committed, the last perhaps cut short;
        the next writer drops them. The first transaction of a process checks the whole chain:
        nothing is added to a trail that is broken or cut short (``check=False``: the repair).
        """
        if self._pending_audit is not None:
            raise RuntimeError("nested transaction")
        self.db.execute("BEGIN IMMEDIATE")
        self._pending_audit = []
        self._inserted, self._decided, self._covered = set(), {}, set()
        try:
            if check:
                self._drop_uncommitted_audit_lines()
                if not self._chain_checked:
                    self.require_intact_chain()
            yield
            self._commit_uncovered()
            audit.append_lines(self.audit_path, self._pending_audit)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        finally:
            self._pending_audit = None

    def require_intact_chain(self) -> None:
        """Raise AuditChainBroken, naming the line at fault, unless the trail is intact."""
        try:
            self.verify_audit()
        except AuditChainBroken as exc:
            raise AuditChainBroken(
                f"{exc}; nothing was written: the audit trail must first be repaired by an "
                f"operator ('redact audit {self.root} --repair --reason TEXT')") from exc
        self._chain_checked = True

    def _commit_uncovered(self) -> None:
        """A ``commitments`` record for proposals inserted or decided in this transaction that
        no record of its own committed to (so that no change escapes the check)."""
        left = (self._inserted | set(self._decided)) - self._covered
        if left:
            state = self.snapshot(left, ())
            self.audit(events.Commitments(state.proposals, state.documents))

    def _drop_uncommitted_audit_lines(self) -> None:
        committed, _ = self.audit_head()
        torn = audit.unterminated(self.audit_path)
        last = audit.last_seq(self.audit_path)
        if not torn and last <= committed:
            return
        if last < committed:
            return  # a committed record is missing or cut short: evidence, the check reports it
        # A torn last line is cut at a byte, maybe inside a character: read bytes, keep whole lines.
        whole = self.audit_path.read_bytes().split(b"\n")[:-1]
        try:
            keep = [line.decode("utf-8") + "\n" for line in whole
                    if line.strip() and json.loads(line).get("seq", 0) <= committed]
        except (ValueError, AttributeError) as exc:
            raise AuditChainBroken("audit.jsonl holds a line that is not a record") from exc
        write_text_atomic(self.audit_path, "".join(keep))

    def audit(self, event: events.AuditEvent) -> JsonObject:
        """Add a record of ``event`` to the chain (inside a transaction)."""
        if self._pending_audit is None:
            raise RuntimeError("audit() outside a transaction")
        data = event.data()
        self._commit_to(event.EVENT, data)
        row = self.db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (row[0] + 1, row[1]) if row else (1, audit.GENESIS)
        record = audit.make_record(seq, prev, now(), event.EVENT, data)
        self.db.execute(
            "INSERT INTO audit (seq, hash, record) VALUES (?, ?, ?)",
            (seq, record["hash"], audit.canonical(record)),
        )
        self._pending_audit.append(record)
        return record

    def _commit_to(self, event: str, data: dict[str, Any]) -> None:
        """Add to a record what it commits to (see ``redact.integrity``): the keyed hash of each
        proposal it creates, the outcome of each decision it records."""
        if event == "proposals":
            for item in data.get("proposals", ()):
                item["commit"] = self._proposal_commit(int(item["id"]))
        elif event == "manual_proposal":
            data["commit"] = self._proposal_commit(int(data["proposal"]))
        elif event == "decision" and "outcome" not in data:
            outcome = []
            for pid in data.get("proposals", ()):
                if int(pid) not in self._decided:
                    row = self.db.execute("SELECT status, ground FROM proposals WHERE id=?",
                                          (int(pid),)).fetchone()
                    self._decided[int(pid)] = (row[0], row[1]) if row else ("absent", "")
                outcome.append([int(pid), *self._decided[int(pid)]])
                self._covered.add(int(pid))
            data["outcome"] = outcome

    def _proposal_commit(self, pid: int) -> str:
        states = self._proposal_states([pid])
        if not states:
            raise WorkspaceError(f"no proposal {pid}")
        if pid not in self._decided:  # decided later in the same transaction: that record covers
            self._covered.add(pid)
        return states[0].commitment(self.commit_key)

    def audit_head(self) -> tuple[int, str]:
        row = self.db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, audit.GENESIS)

    def verify_audit(self) -> ChainReport:
        """Check the JSONL file's chain and that it matches the database record for record."""
        lines = list(audit.read_lines(self.audit_path))
        report = audit.check_records(iter(lines))
        count, head = self.audit_head()
        # The database's copy is what the state is checked against: it must be the file's.
        rows = self.db.execute("SELECT seq, hash, record FROM audit ORDER BY seq")
        for (lineno, record), row in zip(lines, rows, strict=False):
            if row[1] != record.get("hash"):
                raise AuditChainBroken(
                    f"audit.jsonl line {lineno}: not the workspace's record {row[0]} (records "
                    "were removed, added or rewritten)")
            if json.loads(row[2]) != record:
                raise AuditChainBroken(
                    f"audit.jsonl line {lineno}: the workspace's copy of record {row[0]} differs")
        if report.records != count or report.head != head:
            line = min(report.records, count) + 1
            raise AuditChainBroken(
                f"audit.jsonl line {line}: the file holds {report.records} records ending in "
                f"{report.head[:12]}, the workspace {count} ending in {head[:12]}: the trail was "
                "cut short, or records were removed or added")
        return report

    def check_state(self) -> None:
        """Raise AuditChainBroken when the database differs from what the trail says about
        what is burned in (proposals, decisions, documents, outputs: ``redact.integrity``)."""
        found = self.state_differences()
        if found:
            raise AuditChainBroken(integrity.differences_message(found))

    def state_differences(
        self, state: integrity.Expected | None = None
    ) -> list[integrity.Difference]:
        """Where the database differs from ``state`` (default: the state its trail describes)."""
        if state is None:
            state = integrity.expected_state(self.audit_records())
        judgements = {doc: integrity.JudgementState(j.judgement, j.suspended, j.public_link,
                                                    j.grounds)
                      for doc, j in self.judgements().items()}
        pages = {doc: {n: p.ground for n, p in found.items()}
                 for doc, found in self.all_withheld_pages().items()}
        return integrity.differences(self.commit_key, state, self._document_states("scanned"),
                                     self._proposal_states(), self._output_states(),
                                     judgements, pages)

    def snapshot(self, proposals: Iterable[int] | None = None,
                 documents: Iterable[int] | None = None) -> integrity.Snapshot:
        """The state as commitments (all of it, or the ids given): for the baseline of a
        workspace written before commitments existed, and for a repair."""
        return integrity.snapshot(self.commit_key, self._proposal_states(proposals),
                                  self._document_states(ids=documents))

    def _proposal_states(self, ids: Iterable[int] | None = None) -> list[integrity.ProposalState]:
        columns = "SELECT id, document_id, page, text, rects, status, ground, proposed FROM proposals"
        if ids is None:
            return [_proposal_state(r) for r in self.db.execute(columns + " ORDER BY id")]
        return [_proposal_state(r) for pid in sorted(set(ids))
                for r in self.db.execute(columns + " WHERE id=?", (pid,))]

    def _document_states(self, status: str | None = None,
                         ids: Iterable[int] | None = None) -> list[integrity.DocumentState]:
        columns = ("SELECT id, status, sha256, withheld, kind, stored_path, converted_path "
                   "FROM documents")
        if ids is not None:
            return [_document_state(r) for d in sorted(set(ids))
                    for r in self.db.execute(columns + " WHERE id=?", (d,))]
        if status is not None:
            return [_document_state(r) for r in self.db.execute(
                columns + " WHERE status=? ORDER BY id", (status,))]
        return [_document_state(r) for r in self.db.execute(columns + " ORDER BY id")]

    def _output_states(self) -> list[integrity.OutputState]:
        return [integrity.OutputState(int(r[0]), r[1], r[2]) for r in self.db.execute(
            "SELECT document_id, sha256, fingerprint FROM outputs ORDER BY document_id")]

    def audit_records(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self.db.execute("SELECT record FROM audit ORDER BY seq")]

    def audit_hash(self, seq: int) -> str | None:
        """The hash of record ``seq`` as the workspace holds it (None: no such record)."""
        row = self.db.execute("SELECT hash FROM audit WHERE seq=?", (seq,)).fetchone()
        return None if row is None else str(row[0])

    # -- repair (``redact.repair``: inside its transaction) --------------------------------------

    def replace_audit_trail(self, records: Sequence[Mapping[str, object]]) -> None:
        """Both copies of the trail become ``records``: the database's and ``audit.jsonl``."""
        self.db.execute("DELETE FROM audit")
        self.db.executemany("INSERT INTO audit (seq, hash, record) VALUES (?, ?, ?)",
                            [(r["seq"], r["hash"], audit.canonical(r)) for r in records])
        write_text_atomic(self.audit_path, "".join(audit.canonical(r) + "\n" for r in records))

    def reset_to_pending(self, proposal_id: int, operator: str, at: str) -> bool:
        """A proposal back to pending (method ``repair``); False when there is no such proposal."""
        cur = self.db.execute(
            "UPDATE proposals SET status='pending', decided_by=?, decided_at=?, "
            "version=version+1 WHERE id=?", (operator, at, proposal_id))
        if cur.rowcount != 1:
            return False
        self.db.execute(
            "INSERT INTO decisions (proposal_id, decision, ground, reviewer, method, at) "
            "SELECT id, 'pending', ground, ?, 'repair', ? FROM proposals WHERE id=?",
            (operator, at, proposal_id))
        return True

    def set_aside(self, document_id: int, reason: str) -> None:
        """A scanned document is skipped from now on (kind ``integrity``)."""
        self.db.execute("UPDATE documents SET status='skipped', error_kind='integrity', error=? "
                        "WHERE id=?", (reason, document_id))

    def chain_rewritten(self) -> None:
        """The trail was rewritten: the next transaction checks the whole chain again."""
        self._chain_checked = False

    # -- documents -----------------------------------------------------------------------------

    def find_document(self, name: str, sha256: str) -> DocumentRow | None:
        row = self.db.execute(
            "SELECT * FROM documents WHERE name=? AND sha256=?", (name, sha256)
        ).fetchone()
        return None if row is None else _document(row)

    def known_hashes(self) -> set[tuple[str, str]]:
        return {(r[0], r[1]) for r in self.db.execute("SELECT name, sha256 FROM documents")}

    def documents(self, status: str | None = None) -> list[DocumentRow]:
        if status is None:
            rows = self.db.execute("SELECT * FROM documents ORDER BY id")
        else:
            rows = self.db.execute("SELECT * FROM documents WHERE status=? ORDER BY id", (status,))
        return [_document(r) for r in rows]

    def document(self, document_id: int) -> DocumentRow:
        row = self.db.execute("SELECT * FROM documents WHERE id=?", (document_id,)).fetchone()
        if row is None:
            raise WorkspaceError(f"no document {document_id}")
        return _document(row)

    def store_original(self, source: Path, sha256: str) -> Path:
        """Copy the input into the workspace (read-only), atomically; the source is only read."""
        target = self.originals / f"{sha256}{stored_suffix(source.name)}"
        if not target.exists():
            copy_atomic(source, target, mode=READ_ONLY)
        return target

    def store_bytes(self, data: bytes, sha256: str, suffix: str) -> Path:
        """Keep an attachment as an original of its own (read-only), atomically."""
        target = self.originals / f"{sha256}{stored_suffix('x' + suffix)}"
        if not target.exists():
            write_atomic(target, data, durable=False, mode=READ_ONLY)
        return target

    def store_converted(self, pdf: Path, sha256: str) -> Path:
        """Move the PDF a worker made from a non-PDF original beside that original (read-only)."""
        target = self.originals / f"{sha256}.converted.pdf"
        if target.exists():  # the same original seen under another name: one conversion kept
            pdf.unlink()
            return target
        move_atomic(pdf, target, mode=READ_ONLY)
        return target

    def update_document(self, document_id: int, **fields: object) -> None:
        """Complete a queued document's row (a file or attachment waiting for its scan)."""
        if "meta" in fields:
            fields["meta"] = json.dumps(fields["meta"] or {}, ensure_ascii=False)
        columns = ", ".join(f"{key}=?" for key in fields)
        self.db.execute(f"UPDATE documents SET {columns}, scanned_at=? WHERE id=?",
                        (*fields.values(), now(), document_id))

    def insert_document(
        self,
        *,
        name: str,
        sha256: str,
        source_path: str,
        stored_path: str | None,
        size: int,
        page_count: int,
        status: str,
        error_kind: str | None = None,
        error: str | None = None,
        kind: str = "pdf",
        converted_path: str | None = None,
        parent_id: int | None = None,
        meta: dict[str, str] | None = None,
        text_sha256: str | None = None,
    ) -> int:
        self.db.execute(
            "UPDATE documents SET status='superseded' WHERE name=? AND sha256<>? "
            "AND status IN ('scanned', 'queued')",
            (name, sha256),
        )
        cur = self.db.execute(
            "INSERT INTO documents (name, sha256, source_path, stored_path, size, page_count, "
            "status, error_kind, error, scanned_at, kind, converted_path, parent_id, meta, "
            "text_sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (name, sha256, source_path, stored_path, size, page_count, status, error_kind, error,
             now(), kind, converted_path, parent_id, json.dumps(meta or {}, ensure_ascii=False),
             text_sha256),
        )
        return int(cur.lastrowid or 0)

    def insert_page(
        self, document_id: int, page: int, text: str, width: float, height: float, ocr: bool = False
    ) -> None:
        self.db.execute(
            "INSERT INTO pages (document_id, page, text, width, height, ocr) VALUES (?,?,?,?,?,?)",
            (document_id, page, text, width, height, 1 if ocr else 0),
        )

    def ocr_pages(self, document_id: int) -> tuple[int, ...]:
        """The pages whose text came from OCR (their outputs get a new text layer)."""
        return tuple(r[0] for r in self.db.execute(
            "SELECT page FROM pages WHERE document_id=? AND ocr=1 ORDER BY page", (document_id,)))

    def set_duplicate(self, document_id: int, duplicate_of: int | None, kind: str | None) -> None:
        self.db.execute("UPDATE documents SET duplicate_of=?, duplicate_kind=? WHERE id=?",
                        (duplicate_of, kind, document_id))

    def pages(self, document_id: int) -> list[PageRow]:
        return [PageRow(int(r["document_id"]), int(r["page"]), r["text"], float(r["width"]),
                        float(r["height"]), bool(r["ocr"]))
                for r in self.db.execute(
                    "SELECT * FROM pages WHERE document_id=? ORDER BY page", (document_id,))]

    def page(self, document_id: int, number: int) -> PageRow | None:
        """One page of a document (the review page loads them one at a time)."""
        r = self.db.execute("SELECT * FROM pages WHERE document_id=? AND page=?",
                            (document_id, number)).fetchone()
        return None if r is None else PageRow(int(r["document_id"]), int(r["page"]), r["text"],
                                               float(r["width"]), float(r["height"]),
                                               bool(r["ocr"]))

    def page_sizes(self, document_id: int) -> list[tuple[int, float, float]]:
        """``(page, width, height)`` of every page, without the text."""
        return [(int(r[0]), float(r[1]), float(r[2])) for r in self.db.execute(
            "SELECT page, width, height FROM pages WHERE document_id=? ORDER BY page",
            (document_id,))]

    def duplicate_links(self) -> list[tuple[int, int]]:
        """``(document, duplicate_of)`` of every current document that is a duplicate."""
        return [(int(r[0]), int(r[1])) for r in self.db.execute(
            "SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL "
            "AND status='scanned'")]

    def set_withheld(self, document_id: int, withheld: bool) -> None:
        self.db.execute(
            "UPDATE documents SET withheld=? WHERE id=?", (1 if withheld else 0, document_id)
        )

    # -- judgements (written by ``redact.judge`` inside its transaction) -------------------------

    def judgement(self, document_id: int) -> JudgementRow | None:
        row = self.db.execute("SELECT * FROM judgements WHERE document_id=?",
                              (document_id,)).fetchone()
        return None if row is None else _judgement(row)

    def judgements(self) -> dict[int, JudgementRow]:
        """Every document's judgement, by document id."""
        return {int(r["document_id"]): _judgement(r)
                for r in self.db.execute("SELECT * FROM judgements ORDER BY document_id")}

    def set_judgement(self, document_id: int, judgement: str | None, *, suspended: bool,
                      public_link: str | None, grounds: Sequence[str], motivation: str,
                      reviewer: str) -> None:
        """The document's judgement; ``documents.withheld`` follows it (niet openbaar)."""
        self.db.execute(
            "INSERT INTO judgements (document_id, judgement, suspended, public_link, grounds, "
            "motivation, reviewer, at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(document_id) DO "
            "UPDATE SET judgement=excluded.judgement, suspended=excluded.suspended, "
            "public_link=excluded.public_link, grounds=excluded.grounds, "
            "motivation=excluded.motivation, reviewer=excluded.reviewer, at=excluded.at",
            (document_id, judgement, 1 if suspended else 0, public_link, json.dumps(list(grounds)),
             motivation, reviewer, now()))
        self.set_withheld(document_id, judgement == "niet openbaar")

    def withheld_pages(self, document_id: int) -> dict[int, WithheldPage]:
        """The document's withheld pages, by page number."""
        return {int(r["page"]): _withheld_page(r) for r in self.db.execute(
            "SELECT * FROM withheld_pages WHERE document_id=? ORDER BY page", (document_id,))}

    def all_withheld_pages(self) -> dict[int, dict[int, WithheldPage]]:
        """Per document, its withheld pages by page number."""
        found: dict[int, dict[int, WithheldPage]] = {}
        for r in self.db.execute("SELECT * FROM withheld_pages ORDER BY document_id, page"):
            found.setdefault(int(r["document_id"]), {})[int(r["page"])] = _withheld_page(r)
        return found

    def withhold_page(self, document_id: int, page: int, ground: str, motivation: str,
                      reviewer: str) -> None:
        self.db.execute(
            "INSERT INTO withheld_pages (document_id, page, ground, motivation, reviewer, at) "
            "VALUES (?,?,?,?,?,?) ON CONFLICT(document_id, page) DO UPDATE SET "
            "ground=excluded.ground, motivation=excluded.motivation, "
            "reviewer=excluded.reviewer, at=excluded.at",
            (document_id, page, ground, motivation, reviewer, now()))

    def release_page(self, document_id: int, page: int) -> bool:
        """A withheld page made public again; False when it was not withheld."""
        cur = self.db.execute("DELETE FROM withheld_pages WHERE document_id=? AND page=?",
                              (document_id, page))
        return cur.rowcount == 1

    # -- the review team: accounts (``redact.accounts``) --------------------------------------

    def users(self) -> list[UserRow]:
        return [_user(r) for r in self.db.execute("SELECT * FROM users ORDER BY name")]

    def user(self, name: str) -> UserRow | None:
        row = self.db.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
        return None if row is None else _user(row)

    def active_user_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM users WHERE active = 1").fetchone()[0])

    def insert_user(self, name: str, role: str, password: str | None) -> None:
        at = now()
        self.db.execute(
            "INSERT INTO users (name, role, password, active, created_at, changed_at) "
            "VALUES (?, ?, ?, 1, ?, ?)", (name, role, password, at, at))

    def update_user(self, name: str, *, role: str | None = None, password: str | None = None,
                    active: bool | None = None) -> bool:
        """Change what is given; False when there is no such account."""
        fields: dict[str, object] = {"role": role, "password": password,
                                     "active": None if active is None else int(active)}
        given = {k: v for k, v in fields.items() if v is not None}
        sets = ", ".join(f"{k} = ?" for k in given)
        cur = self.db.execute(f"UPDATE users SET {sets}, changed_at = ? WHERE name = ?",
                              (*given.values(), now(), name))
        return cur.rowcount == 1

    def delete_user(self, name: str) -> bool:
        return self.db.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount == 1

    def set_user_language(self, name: str, language: str | None) -> bool:
        """The language the review speaks to an account (nl | en; None: the configured one);
        False when there is no such account."""
        cur = self.db.execute("UPDATE users SET language = ?, changed_at = ? WHERE name = ?",
                              (language, now(), name))
        return cur.rowcount == 1

    # -- the review team: review states, assignments and comments (``redact.workflow``) -------

    def document_review(self, document_id: int) -> DocumentReviewRow | None:
        row = self.db.execute("SELECT * FROM document_reviews WHERE document_id=?",
                              (document_id,)).fetchone()
        return None if row is None else _document_review(row)

    def document_reviews(self) -> dict[int, DocumentReviewRow]:
        """Every document's review row, by document id (a document without one is open)."""
        return {int(r["document_id"]): _document_review(r)
                for r in self.db.execute("SELECT * FROM document_reviews ORDER BY document_id")}

    def set_review_state(self, document_id: int, state: str, by: str, comment: str = "",
                         assignee: str | None = None, keep_assignee: bool = True) -> None:
        """A document's review state, who set it and the comment with it; the assignee stays
        unless ``keep_assignee`` is False."""
        self.db.execute(
            "INSERT INTO document_reviews (document_id, assignee, state, by, at, comment) "
            "VALUES (?,?,?,?,?,?) ON CONFLICT(document_id) DO UPDATE SET state=excluded.state, "
            "by=excluded.by, at=excluded.at, comment=excluded.comment"
            + ("" if keep_assignee else ", assignee=excluded.assignee"),
            (document_id, assignee, state, by, now(), comment))

    def assign_document(self, document_id: int, assignee: str | None) -> None:
        """Put a document in someone's queue (None: in nobody's); its state stays."""
        self.db.execute(
            "INSERT INTO document_reviews (document_id, assignee) VALUES (?,?) "
            "ON CONFLICT(document_id) DO UPDATE SET assignee=excluded.assignee",
            (document_id, assignee))

    def decided_by(self) -> dict[int, DecidedBy]:
        """Per document: everyone who decided one of its proposals (every decision, not only
        the last), judged it, withheld one of its pages or released one (the release leaves no
        row but its audit record), and when the latest of those was."""
        people: dict[int, set[str]] = {}
        last: dict[int, str] = {}

        def add(document_id: int, who: str, at: str) -> None:
            people.setdefault(document_id, set()).add(who)
            if at > last.get(document_id, ""):
                last[document_id] = at

        for doc, who, at in self.db.execute(
                "SELECT p.document_id, d.reviewer, max(d.at) FROM decisions d JOIN proposals p "
                "ON p.id = d.proposal_id GROUP BY p.document_id, d.reviewer"):
            add(int(doc), str(who), str(at))
        for doc, who, at in self.db.execute(
                "SELECT document_id, reviewer, at FROM judgements UNION ALL "
                "SELECT document_id, reviewer, at FROM withheld_pages"):
            add(int(doc), str(who), str(at))
        for doc, who, at in self.db.execute(
                "SELECT json_extract(record, '$.data.document'), "
                "json_extract(record, '$.data.reviewer'), json_extract(record, '$.ts') "
                "FROM audit WHERE record LIKE '%release_page%' "  # a cheap prefilter, not
                "AND json_extract(record, '$.event') = 'release_page'"):  # tied to the format
            add(int(doc), str(who), str(at))
        return {doc: DecidedBy(frozenset(names), last.get(doc)) for doc, names in people.items()}

    def pending_counts(self) -> dict[int, int]:
        """Per document, its proposals still waiting for a decision (proposed ones only)."""
        return {int(r[0]): int(r[1]) for r in self.db.execute(
            "SELECT document_id, count(*) FROM proposals WHERE status='pending' AND proposed=1 "
            "GROUP BY document_id")}

    def add_comment(self, document_id: int, page: int | None, proposal_id: int | None,
                    author: str, text: str) -> int:
        cur = self.db.execute(
            "INSERT INTO comments (document_id, page, proposal_id, author, text, at) "
            "VALUES (?,?,?,?,?,?)", (document_id, page, proposal_id, author, text, now()))
        return int(cur.lastrowid or 0)

    def comments(self, document_id: int) -> list[CommentRow]:
        """A document's comments, oldest first."""
        return [_comment(r) for r in self.db.execute(
            "SELECT * FROM comments WHERE document_id=? ORDER BY id", (document_id,))]

    def comment_counts(self) -> dict[int, int]:
        """Per document, how many comments it has."""
        return {int(r[0]): int(r[1]) for r in self.db.execute(
            "SELECT document_id, count(*) FROM comments GROUP BY document_id")}

    @staticmethod
    def _proposal_filter(status: str | None, entity: str | None, ground: str | None,
                         documents: Collection[int] | None = None,
                         decided_by: str | None = None) -> tuple[str, list[str | int]]:
        """The WHERE clause of a work view over the current documents' proposals (``status``:
        pending, accepted, rejected or ``not proposed``)."""
        sql = ("FROM proposals p JOIN documents d ON d.id = p.document_id "
               "WHERE d.status='scanned'")
        args: list[str | int] = []
        if status == "not proposed":
            sql += " AND p.status='pending' AND p.proposed=0"
        elif status == "pending":
            sql += " AND p.status='pending' AND p.proposed=1"
        elif status is not None:
            sql += " AND p.status=?"
            args.append(status)
        for column, value in (("entity", entity), ("ground", ground),
                              ("decided_by", decided_by)):
            if value is not None:
                sql += f" AND p.{column}=?"
                args.append(value)
        if documents is not None:
            ids = sorted(set(documents))
            sql += f" AND p.document_id IN ({','.join('?' * len(ids))})" if ids else " AND 0"
            args.extend(ids)
        return sql, args

    def find_proposals(self, *, status: str | None = None, entity: str | None = None,
                       ground: str | None = None, documents: Collection[int] | None = None,
                       decided_by: str | None = None, limit: int = 100, offset: int = 0
                       ) -> tuple[int, list[ProposalDigestRow]]:
        """One page of the proposals a work view asks for (in document and reading order), and
        how many match in all; only that page is read."""
        where, args = self._proposal_filter(status, entity, ground, documents, decided_by)
        total = int(self.db.execute("SELECT count(*) " + where, args).fetchone()[0])
        rows = self.db.execute(
            'SELECT p.id, p.document_id, p.page, p.start, p."end", p.entity, p.text, p.ground, '
            "p.proposed, p.origin, p.status, p.decided_by, p.decided_at, p.version "
            + where + " ORDER BY p.document_id, p.page, p.start, p.id LIMIT ? OFFSET ?",
            [*args, limit, offset])
        return total, [ProposalDigestRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                                         bool(r[8]), r[9], r[10], r[11], r[12], r[13])
                       for r in rows]

    def documents_with(self, *, status: str | None = None, entity: str | None = None,
                       ground: str | None = None) -> set[int]:
        """The current documents with at least one proposal of this status, entity and ground."""
        where, args = self._proposal_filter(status, entity, ground)
        return {int(r[0]) for r in self.db.execute("SELECT DISTINCT p.document_id " + where,
                                                   args)}

    # -- proposals and decisions ---------------------------------------------------------------

    def insert_proposal(
        self,
        *,
        document_id: int,
        page: int,
        start: int,
        end: int,
        entity: str,
        text: str,
        score: float,
        ground: str,
        recognizer: str,
        explanation: Mapping[str, object],
        rects: Sequence[Sequence[float]],
        proposed: bool = True,
        note: str = "",
        origin: str = "detector",
        motivation: str = "",
    ) -> int:
        cur = self.db.execute(
            'INSERT INTO proposals (document_id, page, start, "end", entity, text, score, ground, '
            "recognizer, explanation, rects, proposed, note, origin, motivation) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (document_id, page, start, end, entity, text, score, ground, recognizer,
             json.dumps(explanation, ensure_ascii=False),
             json.dumps([[round(v, 3) for v in r] for r in rects]),
             1 if proposed else 0, note, origin, motivation),
        )
        self._inserted.add(int(cur.lastrowid or 0))
        return int(cur.lastrowid or 0)

    def proposals(
        self, document_id: int | None = None, status: str | None = None,
        page: int | None = None,
    ) -> list[ProposalRow]:
        sql = "SELECT * FROM proposals WHERE 1=1"
        args: list[str | int] = []
        if document_id is not None:
            sql += " AND document_id=?"
            args.append(document_id)
        if page is not None:
            sql += " AND page=?"
            args.append(page)
        if status is not None:
            sql += " AND status=?"
            args.append(status)
        sql += " ORDER BY document_id, page, start, id"
        return [_proposal(r) for r in self.db.execute(sql, args)]

    def proposal(self, proposal_id: int) -> ProposalRow:
        row = self.db.execute("SELECT * FROM proposals WHERE id=?", (proposal_id,)).fetchone()
        if row is None:
            raise WorkspaceError(f"no proposal {proposal_id}")
        return _proposal(row)

    def record_decision(
        self,
        proposal_id: int,
        decision: str,
        reviewer: str,
        method: str,
        ground: str | None = None,
        expected_version: int | None = None,
        motivation: str | None = None,
    ) -> bool:
        """Set a proposal's status (``ground`` and ``motivation``: None keeps them); False when
        ``expected_version`` is stale (a conflict)."""
        if decision not in ("accepted", "rejected", "pending"):
            raise ValueError(decision)
        at = now()
        sql = (
            "UPDATE proposals SET status=?, decided_by=?, decided_at=?, version=version+1, "
            "ground=COALESCE(?, ground), motivation=COALESCE(?, motivation) WHERE id=?"
        )
        args: list[str | int | None] = [decision, reviewer, at, ground, motivation, proposal_id]
        if expected_version is not None:
            sql += " AND version=?"
            args.append(expected_version)
        cur = self.db.execute(sql, args)
        if cur.rowcount != 1:
            return False
        row = self.db.execute("SELECT ground FROM proposals WHERE id=?", (proposal_id,)).fetchone()
        self.db.execute(
            "INSERT INTO decisions (proposal_id, decision, ground, reviewer, method, at) "
            "VALUES (?,?,?,?,?,?)",
            (proposal_id, decision, row[0], reviewer, method, at),
        )
        self._decided[proposal_id] = (decision, row[0])  # the next decision record commits to it
        self._covered.discard(proposal_id)
        return True

    def last_decisions(self, document_id: int) -> dict[int, DecisionRow]:
        """Per proposal of the document, its latest decision."""
        rows = self.db.execute(
            "SELECT d.proposal_id, d.reviewer, d.method, d.at FROM decisions d JOIN proposals p "
            "ON p.id = d.proposal_id WHERE p.document_id=? ORDER BY d.id", (document_id,))
        return {int(r[0]): DecisionRow(int(r[0]), r[1], r[2], r[3]) for r in rows}

    def accepted_grounds(self) -> dict[int, set[str]]:
        """Per document, the legal grounds of its accepted proposals."""
        found: dict[int, set[str]] = {}
        for document_id, ground in self.db.execute(
                "SELECT document_id, ground FROM proposals WHERE status='accepted'"):
            found.setdefault(int(document_id), set()).add(str(ground))
        return found

    # -- outputs -------------------------------------------------------------------------------

    def output(self, document_id: int) -> OutputRow | None:
        row = self.db.execute(
            "SELECT * FROM outputs WHERE document_id=?", (document_id,)
        ).fetchone()
        return None if row is None else _output(row)

    def record_output(
        self, document_id: int, path: str, sha256: str, fingerprint: str, boxes: int
    ) -> None:
        self.db.execute(
            "INSERT INTO outputs (document_id, path, sha256, fingerprint, boxes, applied_at) "
            "VALUES (?,?,?,?,?,?) ON CONFLICT(document_id) DO UPDATE SET path=excluded.path, "
            "sha256=excluded.sha256, fingerprint=excluded.fingerprint, boxes=excluded.boxes, "
            "applied_at=excluded.applied_at",
            (document_id, path, sha256, fingerprint, boxes, now()),
        )

    def drop_output(self, document_id: int) -> None:
        """Forget a document's recorded output (withdrawn, or dropped by a repair)."""
        self.db.execute("DELETE FROM outputs WHERE document_id=?", (document_id,))

    # -- read-only queries for the review page ---------------------------------------------------

    def proposal_digest(self) -> list[ProposalDigestRow]:
        """Every proposal's id, document, page, span, entity, text, ground, status, decider and
        version, without decoding explanations and rects: enough for batch-wide counts and for
        finding every mention of one value."""
        return [ProposalDigestRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]),
                                  r[9], r[10], r[11], r[12], r[13])
                for r in self.db.execute(
            'SELECT id, document_id, page, start, "end", entity, text, ground, proposed, origin, '
            "status, decided_by, decided_at, version FROM proposals ORDER BY document_id, page, "
            "start, id")]

    def proposal_marks(self, document_id: int) -> list[ProposalMark]:
        """Every proposal of one document in reading order (page, position): id, page, entity,
        whether it is proposed, and its status."""
        return [ProposalMark(int(r[0]), int(r[1]), r[2], bool(r[3]), r[4])
                for r in self.db.execute(
            "SELECT id, page, entity, proposed, status FROM proposals WHERE document_id=? "
            "ORDER BY page, start, id", (document_id,))]

    def mention_texts(self) -> list[tuple[int, str]]:
        """``(document, text)`` of every proposal with text in a current (scanned) document:
        what counting the mentions of a value needs, and nothing more."""
        return [(int(r[0]), r[1]) for r in self.db.execute(
            "SELECT p.document_id, p.text FROM proposals p JOIN documents d "
            "ON d.id = p.document_id WHERE d.status = 'scanned' AND p.text != ''")]

    def outputs(self) -> dict[int, OutputRow]:
        """The recorded output of every applied document, by document id."""
        return {int(r["document_id"]): _output(r) for r in self.db.execute("SELECT * FROM outputs")}
