"""The template environment shared by the live review pages and the read-only export."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import jinja2

from redact.config import ENTITIES
from redact.grounds import GROUND_CODES, LABELS_EN
from redact.review import views

HERE = Path(__file__).resolve().parent  # the package folder: templates/ and static/

SAFE_SCHEMES = ("http:", "https:", "data:image/png;base64,")


def safe_href(value: object) -> str:
    """A value for an ``href``/``src``: a relative path is percent-encoded segment by segment
    and starts with ``./`` (a file named ``javascript:alert(1).html`` stays a file, never a
    script); an absolute URL must be of a scheme we make ourselves, else it becomes ``#``."""
    text = str(value)
    if not text or text.lower().startswith(SAFE_SCHEMES):
        return text
    parts = [quote(part, safe="") for part in text.replace("\\", "/").split("/")
             if part not in ("", ".", "..")]
    if text.startswith("/") and not text.startswith("//") and "\\" not in text:
        return "/" + "/".join(parts)
    return "./" + "/".join(parts)


def template_env() -> jinja2.Environment:
    """One template environment for the live pages and the export."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        grounds=sorted(GROUND_CODES), ground_labels=LABELS_EN,
        entities=ENTITIES + ("OTHER",), statuses=views.STATUSES,
    )
    env.filters["pct"] = lambda part, whole: int(100 * part / whole) if whole else 100
    env.filters["when"] = lambda ts: ts[:19].replace("T", " ") + " UTC" if ts else ""
    env.filters["href"] = safe_href
    return env
