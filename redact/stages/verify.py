"""Verify: re-extract each output and prove that no accepted string survives in it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pymupdf

WORD = r"0-9A-Za-zÀ-ÖØ-öø-ÿ"


@dataclass(frozen=True)
class Secret:
    entity: str
    text: str


@dataclass(frozen=True)
class Problem:
    document: str
    channel: str  # text | metadata | annotations | forms | bookmarks | attachments | file
    detail: str  # never the personal data itself


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"-\n", "", text)  # a word hyphenated across a line break
    return re.sub(r"\s+", " ", text).strip().casefold()


def _pattern(secret: str) -> re.Pattern[str]:
    parts = [re.escape(p) for p in normalise(secret).split(" ") if p]
    body = r"\s*".join(parts)
    return re.compile(rf"(?<![{WORD}]){body}(?![{WORD}])")


def survivors(text: str, secrets: list[Secret]) -> list[Secret]:
    """Secrets still present in ``text`` as whole words (spacing-insensitive)."""
    norm = normalise(text)
    compact = re.sub(r"\s+", "", norm)
    found = []
    for secret in secrets:
        needle = normalise(secret.text)
        if not needle:
            continue
        if _pattern(secret.text).search(norm):
            found.append(secret)
            continue
        squeezed = re.sub(r"\s+", "", needle)
        if len(squeezed) >= 8 and squeezed in compact:
            found.append(secret)
    return found


def verify_pdf(path: Path, name: str, secrets: list[Secret]) -> list[Problem]:
    """Check one output file: its text layer and its hidden channels."""
    problems: list[Problem] = []
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:
        return [Problem(name, "file", f"cannot be opened: {exc}")]
    with doc:
        text = "\n".join(page.get_text("text") for page in doc)
        for secret in survivors(text, secrets):
            problems.append(Problem(name, "text", f"an accepted {secret.entity} survives"))
        meta = {k: v for k, v in (doc.metadata or {}).items() if v and k not in ("format",)}
        meta.pop("encryption", None)
        if meta:
            problems.append(Problem(name, "metadata", f"fields left: {sorted(meta)}"))
        if doc.get_xml_metadata():
            problems.append(Problem(name, "metadata", "XMP metadata left"))
        if doc.get_toc():
            problems.append(Problem(name, "bookmarks", "outline entries left"))
        if doc.embfile_count():
            problems.append(Problem(name, "attachments", "embedded files left"))
        for page in doc:
            if next(iter(page.annots() or []), None) is not None:
                problems.append(Problem(name, "annotations", f"page {page.number + 1}"))
            if next(iter(page.widgets() or []), None) is not None:
                problems.append(Problem(name, "forms", f"page {page.number + 1}"))
    return problems
