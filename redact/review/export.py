"""The read-only export: one self-contained HTML diff per document, for the case file.

Each file carries its own styles and its page images (as data URIs, with the accepted boxes
painted into the pixels), no script and no link to anything outside it. An ``index.html``
lists the documents. The export is recorded in the audit trail (counts, no personal data).
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from redact.review.app import HERE, template_env
from redact.review.render import PageNotFound, PageSource
from redact.review.views import batch_view, document_view
from redact.workspace import Workspace, now


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, target)


def export_name(name: str) -> Path:
    """``sub/brief.pdf`` -> ``sub/brief.html``; never a path that leaves the export folder."""
    parts = [p for p in Path(name).with_suffix(".html").parts if p not in ("", ".", "..", "/")]
    return Path(*parts) if parts else Path("document.html")


def export(ws_root: Path, out_dir: Path, reviewer: str = "unknown") -> list[Path]:
    """Write the export and return the files written (the index last)."""
    env = template_env()
    css = (HERE / "static" / "review.css").read_text("utf-8")
    env.globals.update(readonly=True, inline_css=css, reviewer=reviewer, csrf_token="",
                       default_grounds={})
    out_dir = Path(out_dir)
    root = out_dir.resolve()
    written: list[Path] = []
    with Workspace.open(Path(ws_root)) as ws:
        pages = PageSource(ws.originals, cache_size=0)
        seq, head = ws.audit_head()
        stamp = now()
        batch = batch_view(ws)
        files: dict[int, str] = {}
        for summary in batch.documents:
            doc = summary.document
            view = document_view(ws, doc.id, part=None)
            images: dict[int, str] = {}
            for page in view.pages:
                accepted = [r for p in page.proposals if p.row.status == "accepted"
                            for r in p.row.rects]
                try:
                    png = pages.png(doc, page.number, blacken=accepted)
                except PageNotFound:
                    continue
                images[page.number] = "data:image/png;base64," + base64.b64encode(png).decode()
            html = env.get_template("document.html").render(
                view=view, documents=[], images=images, exported_at=stamp, audit_seq=seq,
                audit_head=head)
            target = out_dir / export_name(doc.name)
            if not target.resolve().is_relative_to(root):
                continue
            _write(target, html)
            written.append(target)
            files[doc.id] = target.relative_to(out_dir).as_posix()
        index = env.get_template("export_index.html").render(
            batch=batch, files=files, exported_at=stamp, audit_seq=seq, audit_head=head)
        _write(out_dir / "index.html", index)
        written.append(out_dir / "index.html")
        with ws.transaction():
            ws.audit("export", {"reviewer": reviewer, "directory": str(root),
                                "documents": sorted(files), "files": len(files)})
    return written
