"""The template environment shared by the live review pages and the read-only export."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import quote

import jinja2

from redact.config import ENTITIES
from redact.grounds import GROUND_CODES, GROUNDS
from redact.review import i18n, views

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


class GroundLabels(Mapping[str, str]):
    """``ground_labels[code]``: the ground's short label in the current language (grounds.py
    holds both; no catalogue needed)."""

    def __getitem__(self, code: str) -> str:
        ground = GROUNDS[code]
        return ground.label_nl if i18n.current() == "nl" else ground.label_en

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(GROUND_CODES))

    def __len__(self) -> int:
        return len(GROUND_CODES)


def _gettext(message: str) -> str:
    return i18n.translations(i18n.current()).gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return i18n.translations(i18n.current()).ngettext(singular, plural, n)


def template_env() -> jinja2.Environment:
    """One template environment for the live pages and the export, in every language: the
    gettext callables read the current language (``i18n.current``) when a page is made."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the extension
        _gettext, _ngettext, newstyle=True)
    env.globals.update(
        grounds=sorted(GROUND_CODES), ground_labels=GroundLabels(),
        entities=ENTITIES + ("OTHER",), statuses=views.STATUSES,
        language=i18n.current, languages=i18n.LANGUAGES, js_catalog=i18n.js_catalog,
    )
    env.filters["label"] = i18n.label
    env.filters["pct"] = lambda part, whole: int(100 * part / whole) if whole else 100
    env.filters["when"] = lambda ts: ts[:19].replace("T", " ") + " UTC" if ts else ""
    env.filters["href"] = safe_href
    return env
