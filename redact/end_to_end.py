"""End to end: how much personal data can still be read after scan, accept-all and apply.

Detection scores say what the detector reports; a reader of the published PDF sees what survived
locating, boxing and burning in as well. This check lays every gold document (``NAME.txt`` +
``NAME.json``, as ``redact eval`` reads them) out as a PDF, runs the command line on them as an
operator would (``scan``, ``decide --accept-all``, ``apply``), extracts the text of each output and
counts the gold values (public officials excepted: they are reported, not proposed) that can still
be read there, per entity. A value is looked for as a whole word sequence, ignoring case and line
breaks; where the input holds it more often than it is annotated (a place in a letterhead, a word
that is also a name), that many occurrences may stay, and only more than that counts as readable.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from redact.evaluation import load_gold

PAGE = pymupdf.paper_rect("a4")
MARGIN = 60


@dataclass
class LeakReport:
    documents: int = 0
    values: Counter[str] = field(default_factory=Counter)  # per entity
    readable: Counter[str] = field(default_factory=Counter)
    leaks: list[tuple[str, str, str]] = field(default_factory=list)  # document, entity, value
    unmeasured: int = 0  # values the input's text does not hold as written (not counted)

    @property
    def rate(self) -> float:
        total = sum(self.values.values())
        return sum(self.readable.values()) / total if total else 0.0

    def render(self) -> str:
        lines = [f"{'entity':<18}{'values':>8}{'readable':>10}{'rate':>8}"]
        for entity in sorted(self.values):
            n, r = self.values[entity], self.readable[entity]
            lines.append(f"{entity:<18}{n:>8}{r:>10}{r / n:>8.3f}")
        total, readable = sum(self.values.values()), sum(self.readable.values())
        lines.append(f"{'all':<18}{total:>8}{readable:>10}{self.rate:>8.3f}")
        lines.append(f"({self.unmeasured} value(s) not counted: the input's text does not hold them as "
                     "written, e.g. a name hyphenated at a line end)")
        lines.append(f"\nreadable after apply ({len(self.leaks)}):")
        lines += [f"  {doc} {entity:<16} {value!r}" for doc, entity, value in self.leaks[:200]]
        return "\n".join(lines)


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold()


def occurrences(value: str, text: str) -> int:
    """How often ``value`` occurs in ``text`` (normalised) as whole words."""
    return len(re.findall(r"(?<!\w)" + re.escape(normal(value)) + r"(?!\w)", text))


def write_pdf(pages: list[str], target: Path) -> None:
    """Each page's text laid out on an A4 page (shrunk to fit), in a font with Latin Extended."""
    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page(width=PAGE.width, height=PAGE.height)
        body = html.escape(text)
        page.insert_htmlbox(PAGE + (MARGIN, MARGIN, -MARGIN, -MARGIN),
                            f'<p style="font-size:10pt; white-space:pre-wrap">{body}</p>', scale_low=0)
    doc.save(target)
    doc.close()


def _cli(*args: str | Path) -> None:
    # the same interpreter as this process, as an operator's `redact` would run
    done = subprocess.run([sys.executable, "-m", "redact", *map(str, args)], capture_output=True, text=True)
    if done.returncode not in (0, 3):  # 3: some documents skipped, reported below as unreadable
        raise RuntimeError(f"redact {args[0]} exited {done.returncode}: {done.stderr.strip()}")


def check(gold_dir: Path, work: Path, workers: int = 2) -> LeakReport:
    """Lay out, scan, accept all, apply, and read the outputs back."""
    docs = load_gold(gold_dir)
    inbox, ws, outbox = work / "inbox", work / "workspace", work / "outbox"
    inbox.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        write_pdf(doc.pages, inbox / f"{doc.name}.pdf")
    _cli("scan", inbox, "--workspace", ws, "--workers", str(workers))
    _cli("decide", ws, "--accept-all", "--reviewer", "end-to-end check")
    _cli("apply", ws, "--out", outbox, "--workers", str(workers))
    report = LeakReport(documents=len(docs))
    for doc in docs:
        source, output = inbox / f"{doc.name}.pdf", outbox / f"{doc.name}.pdf"
        before, after = _text(source), _text(output)
        values: Counter[tuple[str, str]] = Counter(
            (span.entity, span.text) for span in doc.gold if not span.public_official and span.text.strip()
        )
        for (entity, value), n in values.items():
            seen = occurrences(value, before)
            if seen == 0:  # laid out otherwise (a hyphen at a line end): cannot be counted
                report.unmeasured += n
                continue
            # what the input holds of the value outside its gold spans (a place in a letterhead, a
            # public official of the same name) may stay; more than that is a leak
            allowed = max(0, seen - n)
            leaked = n if not output.exists() else min(n, max(0, occurrences(value, after) - allowed))
            report.values[entity] += n
            report.readable[entity] += leaked
            report.leaks += [(doc.name, entity, value)] * leaked
    return report


def _text(path: Path) -> str:
    """The PDF's text, normalised, without the legal-ground labels on the boxes ("5.1.2e"): a
    label's "5" is not a house number "5" left readable."""
    if not path.exists():
        return ""
    with pymupdf.open(path) as pdf:
        return normal(_GROUND_LABEL.sub(" ", " ".join(page.get_text() for page in pdf)))


_GROUND_LABEL = re.compile(r"(?<![\w.])5\.\d\.\d[a-z]?(?![\w.])")
