"""Frozen records that flow between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from redact.stages.convert import Attachment

Rect = tuple[float, float, float, float]


class ExplanationData(TypedDict):
    """An ``Explanation`` as the workspace stores it (``proposals.explanation``)."""

    recognizer: str
    pattern: str | None
    context: list[str]
    validation: str | None
    text: str


@dataclass(frozen=True)
class Explanation:
    """Why a span was flagged: enough for a reviewer or an auditor to follow."""

    recognizer: str
    pattern: str | None = None  # pattern name, lexicon name or rule
    context: tuple[str, ...] = ()  # context words that raised the score
    validation: str | None = None  # e.g. "elfproef", "mod-97", "phonenumbers"
    text: str = ""  # a readable sentence

    def as_dict(self) -> ExplanationData:
        return {
            "recognizer": self.recognizer,
            "pattern": self.pattern,
            "context": list(self.context),
            "validation": self.validation,
            "text": self.text,
        }


@dataclass(frozen=True)
class Finding:
    """A span of personal data in one text, with its reason and legal ground."""

    start: int
    end: int
    entity: str
    text: str
    score: float
    ground: str
    explanation: Explanation
    proposed: bool = True  # False: reported, but not proposed (e.g. a public office holder)
    note: str = ""  # why it is not proposed
    motivation: str = ""  # the officer's motivation for the ground (a term list's)

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError("finding text does not match its span")

    @property
    def recognizer(self) -> str:
        return self.explanation.recognizer


@dataclass(frozen=True)
class PageFinding:
    """A finding on one PDF page, mapped onto the page's own character boxes."""

    page: int  # 1-based
    finding: Finding
    rects: tuple[Rect, ...]  # one rectangle per line the span covers

    @property
    def bbox(self) -> Rect:
        xs0, ys0, xs1, ys1 = zip(*self.rects, strict=True)
        return (min(xs0), min(ys0), max(xs1), max(ys1))


@dataclass(frozen=True)
class PageText:
    page: int  # 1-based
    text: str
    width: float
    height: float
    ocr: bool = False  # the text came from OCR of the page image, not from a text layer


@dataclass(frozen=True)
class DocumentScan:
    """What a worker returns for one input file; the parent stores it."""

    path: str
    sha256: str
    size: int
    pages: tuple[PageText, ...] = ()
    findings: tuple[PageFinding, ...] = ()
    error: str | None = None  # set when the document was skipped
    error_kind: str | None = None  # empty, corrupt, encrypted, not_pdf, too_large, unsupported
    metadata: dict[str, str] = field(default_factory=dict)  # e-mail headers of a converted e-mail
    converted: str | None = None  # the PDF the worker made from a non-PDF original
    attachments: tuple[Attachment, ...] = ()  # documents of their own
