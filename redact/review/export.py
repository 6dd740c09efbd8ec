"""The read-only export: one self-contained HTML diff per document, for the case file.

Each file carries its own styles and its page images (as data URIs, with the accepted boxes
painted into the pixels), no script and no link to anything outside it, and a
Content-Security-Policy as strict as the live app's (no script at all; only its own inline
styles, by hash; images only as data URIs). Every link is a percent-encoded relative path, so a
document named ``javascript:alert(1).pdf`` is a file, never a script. An ``index.html`` lists the
documents. A page that cannot be drawn (a page larger than the PDF standard allows) or a
document that cannot be exported is noted and skipped; the export goes on with the rest. The
export is recorded in the audit trail (counts and ids, no personal data).
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from redact.events import Export
from redact.files import write_text_atomic
from redact.review import i18n
from redact.review.render import PageNotFound, PageSource, PageUnrenderable
from redact.review.security import CSP
from redact.review.templating import HERE, template_env
from redact.review.views import batch_view, document_view
from redact.workspace import Workspace, now


class Exported(list[Path]):
    """The files written (the index last), with a note for everything that was skipped."""

    def __init__(self) -> None:
        super().__init__()
        self.skipped: list[str] = []


def export_csp(css: str) -> str:
    """The app's policy, for a file opened from disk: no script, the inline style by hash."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
    rules = []
    for rule in CSP.split(";"):
        name = rule.strip().split(" ")[0]
        if name == "script-src":
            rules.append("script-src 'none'")
        elif name == "style-src":
            rules.append(f"style-src 'sha256-{digest}'")
        elif name == "img-src":
            rules.append("img-src data:")
        elif name in ("connect-src", "form-action"):
            rules.append(f"{name} 'none'")
        elif name == "frame-ancestors":
            continue  # not honoured in a <meta> policy
        else:
            rules.append(rule.strip())
    return "; ".join(rules)


def export_name(name: str) -> Path:
    """``sub/brief.pdf`` -> ``sub/brief.html``; never a path that leaves the export folder."""
    parts = [p for p in Path(name).with_suffix(".html").parts if p not in ("", ".", "..", "/")]
    return Path(*parts) if parts else Path("document.html")


def export(ws_root: Path, out_dir: Path, reviewer: str = "unknown",
           language: str = i18n.DEFAULT_LANGUAGE) -> Exported:
    """Write the export, in ``language`` (Dutch by default, as the review), and return the
    files written (the index last)."""
    with i18n.using(language):
        return _export(ws_root, out_dir, reviewer)


def _export(ws_root: Path, out_dir: Path, reviewer: str) -> Exported:
    env = template_env()
    css = (HERE / "static" / "review.css").read_text("utf-8")
    env.globals.update(readonly=True, inline_css=css, reviewer=reviewer, csrf_token="",
                       default_grounds={}, export_csp=export_csp(css))
    out_dir = Path(out_dir)
    root = out_dir.resolve()
    written = Exported()
    skipped_pages: list[list[int]] = []
    with Workspace.open(Path(ws_root)) as ws:
        with ws.transaction():  # the chain is checked as it opens: the export's record
            pass  # may not go onto a broken trail
        pages = PageSource(ws.originals, cache_size=0)
        seq, head = ws.audit_head()
        stamp = now()
        batch = batch_view(ws)
        files: dict[int, str] = {}
        for summary in batch.documents:
            doc = summary.document
            try:
                view = document_view(ws, doc.id)
                images: dict[int, str] = {}
                for page in view.pages:
                    accepted = [r for p in page.proposals if p.row.status == "accepted"
                                for r in p.row.rects]
                    try:
                        png = pages.png(doc, page.number, blacken=accepted)
                    except PageNotFound:
                        continue
                    except PageUnrenderable as exc:
                        written.skipped.append(f"page image skipped: {exc}")
                        skipped_pages.append([doc.id, page.number])
                        continue
                    images[page.number] = ("data:image/png;base64,"
                                           + base64.b64encode(png).decode())
                html = env.get_template("document.html").render(
                    view=view, documents=[], images=images, exported_at=stamp, audit_seq=seq,
                    audit_head=head)
            except Exception as exc:  # one document that cannot be exported stops nothing
                written.skipped.append(f"document {doc.id} not exported: {type(exc).__name__}")
                continue
            target = out_dir / export_name(doc.name)
            if not target.resolve().is_relative_to(root):
                continue
            write_text_atomic(target, html, durable=False)
            written.append(target)
            files[doc.id] = target.relative_to(out_dir).as_posix()
        index = env.get_template("export_index.html").render(
            batch=batch, files=files, exported_at=stamp, audit_seq=seq, audit_head=head)
        write_text_atomic(out_dir / "index.html", index, durable=False)
        written.append(out_dir / "index.html")
        with ws.transaction():
            ws.audit(Export(reviewer, str(root), tuple(sorted(files)), len(files),
                            tuple((doc, page) for doc, page in skipped_pages)))
    return written
