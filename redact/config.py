"""Configuration: packaged defaults overlaid with a user file, validated, frozen and hashed."""

from __future__ import annotations

import hashlib
import ipaddress
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeAlias, cast

from redact.errors import UsageError
from redact.grounds import GROUND_CODES, GROUNDS
from redact.jsontypes import JsonObject, JsonValue

ENTITIES = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "NL_BSN",
    "IBAN_CODE",
    "NL_ADDRESS",
    "NL_POSTCODE",
    "NL_LICENSE_PLATE",
    "DATE_OF_BIRTH",
    "NL_ID_DOCUMENT",
    "URL",
    "IP_ADDRESS",
    "LOCATION",
    "CREDIT_CARD",
)

ENGINES = ("direct", "presidio")
BOX_STYLES = ("black", "white")  # how a redaction box looks; both are used in practice
LANGUAGES = ("nl", "en")  # of the review page and its export (``redact.review.i18n``)

OCR_LANGUAGE = r"[a-z_]+(?:\+[a-z_]+)*"  # Tesseract model names, e.g. nld or nld+eng

# JSON data made immutable by ``freeze``: objects read-only mappings, arrays tuples
FrozenJson: TypeAlias = "str | int | float | bool | None | tuple[FrozenJson, ...] | Mapping[str, FrozenJson]"


@dataclass(frozen=True)
class OcrSettings:
    """How pages without a usable text layer are read (see ``stages.ocr``)."""

    enabled: bool = True
    language: str = "nld"  # the Tesseract model(s) in tessdata
    dpi: int = 300  # resolution the page is rendered at for Tesseract
    min_text_chars: int = 200  # fewer readable visible characters on a scanned page: OCR it


@dataclass(frozen=True)
class Limits:
    """Bounds on what one input may cost (``"limits"``); an input beyond one is skipped with
    the limit named, never half processed. Memory is bounded by the largest decoded stream
    (``max_stream_bytes``) and image (``max_image_pixels``, 3 bytes each in RGB)."""

    max_file_bytes: int = 536870912  # an input file, and an attachment
    max_pages: int = 5000
    max_stream_bytes: int = 134217728  # one decoded content, form or image stream
    max_image_pixels: int = 200000000  # width x height of one image
    max_page_points: int = 14400  # a page side in points (200 in), the PDF reference's own limit
    max_xobject_depth: int = 12  # forms drawn in forms drawn in ...
    max_attachment_depth: int = 4  # an e-mail in an e-mail in ...; deeper ones are skipped
    max_attachments: int = 500  # per message


@dataclass(frozen=True)
class SignInSettings:
    """Who may use the review page (``"sign_in"``; ``redact.review.auth``). Single sign-on is
    off unless ``sso_header`` names the header in which the organisation's reverse proxy puts
    the signed-on user's name; that header is believed only from ``sso_proxies`` (addresses or
    networks), and the name must be an active account of the workspace."""

    session_idle_hours: float = 12  # a session unused this long ends
    sso_header: str | None = None  # e.g. X-Remote-User
    sso_proxies: tuple[str, ...] = ()  # e.g. 10.0.0.5, 10.1.0.0/24, ::1


@dataclass(frozen=True)
class Config:
    threshold: float
    grounds: Mapping[str, str]
    entities: tuple[str, ...]
    email_local_part_only: bool
    public_official_names: tuple[str, ...]
    public_official_roles: tuple[str, ...]
    always_redact: tuple[str, ...]
    max_file_bytes: int
    max_pages: int
    raw: Mapping[str, FrozenJson]
    box_style: str = "black"  # black box with a white label | white box, black frame and label
    engine: str = "direct"  # direct: recognisers called directly | presidio: AnalyzerEngine + spaCy
    ocr: OcrSettings = OcrSettings()
    limits: Limits = Limits()
    follow_links_out: bool = False  # a symbolic link in the inbox to a file outside it
    language: str = "nl"  # the review page and its export: nl (default) or en
    # The organisation's own standard motivation per ground (the annex); grounds.py's otherwise.
    motivations: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Four eyes: apply burns a document in only after a controleur who made none of its
    # decisions approved it (``redact.workflow``); off, the review states are advisory.
    four_eyes: bool = False
    sign_in: SignInSettings = SignInSettings()

    @property
    def sha256(self) -> str:
        """The hash recorded in the audit trail for every scan."""
        blob = json.dumps(thaw(self.raw), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()

    def ground_for(self, entity: str) -> str:
        return self.grounds.get(entity, "5.1.2e")

    def motivation(self, code: str) -> str:
        """The standard motivation of a ground: the configuration's own, else grounds.py's."""
        return self.motivations.get(code) or GROUNDS[code].motivation_nl


def freeze(value: object) -> FrozenJson:
    """``value`` (JSON data) immutable all the way down: objects become read-only mappings,
    arrays tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return cast(FrozenJson, value)  # a JSON scalar


def thaw(value: FrozenJson) -> JsonValue:
    """The plain JSON data of a frozen value (dicts and lists), e.g. to send to a worker."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [thaw(v) for v in value]
    return value


def thaw_object(value: Mapping[str, FrozenJson]) -> JsonObject:
    """The plain JSON object of a frozen mapping (``Config.raw``)."""
    return {k: thaw(v) for k, v in value.items()}


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if key not in base:
            raise UsageError(f"configuration: unknown key {key!r}")
        if isinstance(base[key], dict) and isinstance(value, Mapping):
            out[key] = (_merge(base[key], value) if key not in ("grounds", "motivations")
                        else {**base[key], **value})
        else:
            out[key] = value
    return out


def defaults() -> dict[str, Any]:
    text = resources.files("redact").joinpath("default_config.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def load_config(path: Path | None = None) -> Config:
    """Packaged defaults, overlaid with the JSON file at ``path`` when given."""
    data = defaults()
    if path is not None:
        try:
            user = json.loads(Path(path).read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"configuration {path}: {exc}") from exc
        if not isinstance(user, dict):
            raise UsageError(f"configuration {path}: expected a JSON object")
        data = _merge(data, user)
    return config_from_dict(data)


def config_from_dict(data: dict[str, Any]) -> Config:
    """Validate a complete configuration (defaults already merged) and freeze it."""
    threshold = data["threshold"]
    if not isinstance(threshold, (int, float)) or not 0.0 <= threshold <= 1.0:
        raise UsageError("configuration: threshold must be a number from 0 to 1")
    for entity, ground in data["grounds"].items():
        if entity not in ENTITIES:
            raise UsageError(f"configuration: unknown entity {entity!r} in grounds")
        if ground not in GROUND_CODES:
            raise UsageError(f"configuration: unknown legal ground {ground!r} for {entity}")
    entities = tuple(data["entities"])
    unknown = [e for e in entities if e not in ENTITIES]
    if unknown:
        raise UsageError(f"configuration: unknown entities {unknown}")
    officials = data["public_officials"]
    limits = data["limits"]
    engine = data.get("engine", "direct")
    if engine not in ENGINES:
        raise UsageError(f"configuration: engine must be one of {', '.join(ENGINES)}")
    box_style = data.get("box_style", "black")
    if box_style not in BOX_STYLES:
        raise UsageError(f"configuration: box_style must be one of {', '.join(BOX_STYLES)}")
    ocr = _ocr_settings(data.get("ocr", {}))
    motivations = data.get("motivations", {})
    for code, text in motivations.items():
        if code not in GROUND_CODES:
            raise UsageError(f"configuration: unknown legal ground {code!r} in motivations")
        if not isinstance(text, str) or not text.strip():
            raise UsageError(f"configuration: the motivation for {code} must be a text")
    bounds = _limits(limits)
    follow_links_out = data.get("inbox", {}).get("follow_links_out", False)
    if not isinstance(follow_links_out, bool):
        raise UsageError("configuration: inbox.follow_links_out must be true or false")
    four_eyes = data.get("four_eyes", False)
    if not isinstance(four_eyes, bool):
        raise UsageError("configuration: four_eyes must be true or false")
    language = data.get("language", "nl")
    if language not in LANGUAGES:
        raise UsageError(f"configuration: language must be one of {', '.join(LANGUAGES)}")
    sign_in = _sign_in_settings(data.get("sign_in", {}))
    frozen = cast("Mapping[str, FrozenJson]", freeze(json.loads(json.dumps(data))))  # an object
    return Config(
        threshold=float(threshold),
        grounds=MappingProxyType(dict(data["grounds"])),
        entities=entities,
        email_local_part_only=bool(data["email_local_part_only"]),
        public_official_names=tuple(officials.get("names", ())),
        public_official_roles=tuple(r.lower() for r in officials.get("roles", ())),
        always_redact=tuple(data["always_redact"]),
        max_file_bytes=bounds.max_file_bytes,
        max_pages=bounds.max_pages,
        raw=frozen,
        box_style=box_style,
        engine=engine,
        ocr=ocr,
        limits=bounds,
        follow_links_out=follow_links_out,
        language=language,
        motivations=MappingProxyType({code: text.strip() for code, text in motivations.items()}),
        four_eyes=four_eyes,
        sign_in=sign_in,
    )


def _limits(data: Mapping[str, Any]) -> Limits:
    try:
        limits = Limits(**data)
    except TypeError as exc:
        raise UsageError(f"configuration: limits: {exc}") from exc
    for name, value in vars(limits).items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise UsageError(f"configuration: limits.{name} must be a whole number, 1 or more")
    return limits


def _ocr_settings(data: Mapping[str, Any]) -> OcrSettings:
    try:
        ocr = OcrSettings(**data)
    except TypeError as exc:
        raise UsageError(f"configuration: ocr: {exc}") from exc
    if not isinstance(ocr.enabled, bool):
        raise UsageError("configuration: ocr.enabled must be true or false")
    if not isinstance(ocr.language, str) or not re.fullmatch(OCR_LANGUAGE, ocr.language):
        raise UsageError("configuration: ocr.language must name Tesseract models, e.g. nld")
    if not isinstance(ocr.dpi, int) or not 72 <= ocr.dpi <= 600:
        raise UsageError("configuration: ocr.dpi must be a whole number from 72 to 600")
    if not isinstance(ocr.min_text_chars, int) or ocr.min_text_chars < 0:
        raise UsageError("configuration: ocr.min_text_chars must be a whole number, 0 or more")
    return ocr


def _sign_in_settings(data: Mapping[str, Any]) -> SignInSettings:
    try:
        hours = data.get("session_idle_hours", 12)
        header = data.get("sso_header")
        proxies = data.get("sso_proxies", [])
    except AttributeError as exc:
        raise UsageError("configuration: sign_in must be an object") from exc
    if isinstance(hours, bool) or not isinstance(hours, (int, float)) or not 0 < hours <= 24 * 30:
        raise UsageError("configuration: sign_in.session_idle_hours must be a number of hours, "
                         "more than 0 and at most 720")
    if header is not None and (not isinstance(header, str)
                               or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}", header)):
        raise UsageError("configuration: sign_in.sso_header must be a header name, e.g. "
                         "X-Remote-User")
    if not isinstance(proxies, list) or not all(isinstance(p, str) for p in proxies):
        raise UsageError("configuration: sign_in.sso_proxies must be a list of addresses")
    for proxy in proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError as exc:
            raise UsageError(f"configuration: sign_in.sso_proxies: {proxy!r} is not an address "
                             "or network") from exc
    if header is not None and not proxies:
        raise UsageError("configuration: sign_in.sso_header needs sso_proxies: the addresses of "
                         "the proxy that sets it (from any other address it is ignored)")
    return SignInSettings(float(hours), header, tuple(proxies))
