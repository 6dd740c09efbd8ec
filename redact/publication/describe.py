"""Published descriptions: a document's name with its personal data replaced by the ground.

An input's file name is chosen by whoever sent it and often names a person ("Klacht J. de Boer
123456782.pdf"). Nothing published may carry that: every inventory, manifest and title uses the
*redacted description* instead, the stem of the name with

* every accepted value of the request replaced by its ground (``[5.1.2e]``): the values of the
  document, of its duplicate group and of its family come first, then those of every other
  document (a name may mention someone who appears only in another document), and
* as a second net, whatever the Detector finds in the name itself (a name the body never
  mentioned, a BSN only in the name).

Underscores count as spaces (``Klacht_J._de_Boer`` reads as ``Klacht J. de Boer``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from redact.config import Config
from redact.duplicates import group_of
from redact.models import Finding
from redact.workspace import DocumentRow, Workspace

if TYPE_CHECKING:
    from redact.stages.detect import Detector

EMPTY = "document"  # a name that is nothing but a suffix


def description_text(name_or_title: str) -> str:
    """What a description is made from: the last part of a name, less its suffix, with
    underscores and runs of white space as one space. The Detector is run on this text."""
    last = PurePosixPath(name_or_title.replace("\\", "/")).name or name_or_title
    head, dot, tail = last.rpartition(".")
    # "J. de Boer" ends in " de Boer", not in a suffix
    stem = head if dot and head and re.fullmatch(r"[A-Za-z0-9]{1,5}", tail) else last
    text = stem.replace("_", " ")
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _pattern(value: str) -> str:
    """``value`` found in a name: white space (or an underscore) stretches, and a letter or a
    digit at either end is not glued to another of its kind (``Jan`` not in ``Januari``)."""
    words = [re.escape(word) for word in value.replace("_", " ").split()]
    body = r"[\s_]+".join(words)
    first, last = value.strip()[0], value.strip()[-1]
    before = r"(?<![^\W\d_])" if first.isalpha() else r"(?<!\d)" if first.isdigit() else ""
    after = r"(?![^\W\d_])" if last.isalpha() else r"(?!\d)" if last.isdigit() else ""
    return before + body + after


@lru_cache(maxsize=65536)
def _compiled(value: str) -> re.Pattern[str]:
    return re.compile(_pattern(value), re.IGNORECASE)


def _replace(text: str, values: Iterable[tuple[str, str]]) -> str:
    """Every value (longest first) replaced by ``[ground]``, case ignored."""
    folded = text.casefold()
    near = {(value, ground) for value, ground in values  # cheap: most values are not in a name
            if value.split() and value.replace("_", " ").split()[0].casefold() in folded}
    for value, ground in sorted(near, key=lambda vg: (-len(vg[0]), vg)):
        text = _compiled(value).sub(f"[{ground}]", text)
    return text


def redacted_description(name_or_title: str, accepted_values: Mapping[str, str],
                         detector_findings: Sequence[Finding]) -> str:
    """The stem of ``name_or_title`` (see ``description_text``) with every accepted value
    (value -> ground) and every detector finding in it replaced by ``[ground]``.
    ``detector_findings``: the Detector's findings in ``description_text(name_or_title)``."""
    return redacted_text(description_text(name_or_title), accepted_values,
                         detector_findings) or EMPTY


def redacted_text(text: str, accepted_values: Mapping[str, str],
                  detector_findings: Sequence[Finding]) -> str:
    """Any published text (a motivation, a title) with those values replaced the same way."""
    text = _replace(text, accepted_values.items())
    text = _replace(text, ((f.text, f.ground) for f in detector_findings))
    return " ".join(text.split())


def redacted_name(name: str, accepted_values: Mapping[str, str],
                  detector_findings: Sequence[Finding]) -> str:
    """``name`` as a whole (folders and suffix kept: the outbox's lists name files) with the same
    values replaced; a name without personal data stays as it is.
    ``detector_findings``: the Detector's findings in ``description_text(name)``."""
    return _replace(_replace(name, accepted_values.items()),
                    ((f.text, f.ground) for f in detector_findings))


def contains_value(text: str, value: str) -> bool:
    """Whether ``value`` occurs in ``text`` as a description would have replaced it (verify)."""
    return bool(value.strip()) and _compiled(value).search(text) is not None


_LOADED: list[tuple[Config, Detector]] = []  # the last one: an apply's manifest and inventory share it


def _detector_for(config: Config) -> Detector:
    """A Detector for ``config``, loaded once per configuration object."""
    if not _LOADED or _LOADED[0][0] is not config:
        from redact.stages.detect import Detector  # here: Presidio and spaCy are slow to import

        _LOADED[:] = [(config, Detector(config))]
    return _LOADED[0][1]


class Describer:
    """The redacted description of each document of a workspace (``describer(doc)``).

    Loads the Detector once (with ``config``, the run's configuration) and reads every accepted
    proposal once."""

    def __init__(self, ws: Workspace, config: Config) -> None:
        self.ws = ws
        self.config = config
        self._detector: Detector | None = None
        self.values: dict[int, dict[str, str]] = {}
        for p in ws.proposal_digest():
            if p.status == "accepted" and p.text.strip():
                self.values.setdefault(p.document_id, {})[p.text] = p.ground
        self._all = {value: ground for values in self.values.values()
                     for value, ground in values.items()}
        self.parents = {d.id: d.parent_id for d in ws.documents()}
        self._cache: dict[tuple[int, str | None], str] = {}
        self._found: dict[str, list[Finding]] = {}

    def accepted_values(self, doc: DocumentRow) -> dict[str, str]:
        """Value -> ground: every accepted value of the request; those of the document, its
        duplicate group and its family (parent, attachments) win where grounds differ."""
        near = group_of(self.ws, doc.id) | {doc.id}
        if doc.parent_id is not None:
            near.add(doc.parent_id)
        near |= {d for d, parent in self.parents.items() if parent in near}
        found = dict(self._all)
        for doc_id in sorted(near):
            found.update(self.values.get(doc_id, {}))
        return found

    @property
    def detector(self) -> Detector:
        """Loaded on first use: a workspace with nothing to describe does not need it."""
        if self._detector is None:
            self._detector = _detector_for(self.config)
        return self._detector

    def __call__(self, doc: DocumentRow, title: str | None = None) -> str:
        """``doc``'s description: from ``title`` when given (an e-mail's subject), else from
        its name."""
        key = (doc.id, title)
        if key not in self._cache:
            source = doc.name if title is None else title
            text = description_text(source) if title is None else title
            findings = self._findings(text)
            self._cache[key] = (redacted_description(source, self.accepted_values(doc), findings)
                                if title is None else
                                redacted_text(text, self.accepted_values(doc), findings) or EMPTY)
        return self._cache[key]

    def name(self, doc: DocumentRow) -> str:
        """``doc``'s file name with its personal data replaced (``redacted_name``): what the
        outbox's inventory and manifest list."""
        text = description_text(doc.name)
        findings = self._findings(text)
        return redacted_name(doc.name, self.accepted_values(doc), findings)

    def _findings(self, text: str) -> list[Finding]:
        if text not in self._found:
            self._found[text] = self.detector.detect(text) if text.strip() else []
        return self._found[text]

    def text(self, doc: DocumentRow, text: str) -> str:
        """A free text about ``doc`` (an officer's motivation) with its values replaced."""
        findings = self._findings(text)
        return redacted_text(text, self.accepted_values(doc), findings)
