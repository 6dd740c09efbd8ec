"""URLs of personal pages and profiles (URL): LinkedIn, Facebook, X/Twitter, Instagram, ...

Legal basis: a profile address identifies its owner (AVG art. 4(1)); withheld under art. 5.1.2e
Woo. Organisation websites (www.rijksoverheid.nl, gemeente.nl/contact) are not personal data
and are never reported; neither are profiles whose handle names a public body ("gemeente...",
"ministerie...", "politie...").

Fictitious examples: "https://www.linkedin.com/in/jan-de-vries-12345", "x.com/jdevries",
"instagram.com/anna.bos"; not "www.rijksoverheid.nl", "facebook.com/gemeenteutrecht".
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from recognizers.evidence import make_result
from recognizers.scanning import matches_at, may_hold, page_lowered, starts_of_openings

PROFILE = re.compile(
    r"(?i)(?<![\w.@/-])(?:https?://)?(?:[a-z]{2,3}\.|www\.|m\.)?"
    r"(?P<site>linkedin\.com/in|linkedin\.com/pub|facebook\.com|fb\.com|twitter\.com|x\.com|"
    r"instagram\.com|tiktok\.com|github\.com|youtube\.com|threads\.net|bsky\.app/profile|"
    r"mastodon\.social|snapchat\.com/add|flickr\.com/photos|vimeo\.com|pinterest\.com|soundcloud\.com|"
    r"airbnb\.[a-z]{2,3}/users/show|marktplaats\.nl/u)"
    r"/(?P<handle>@?[\w.%-]{2,80})(?:/[\w.%/-]*)?(?![\w/])"  # and the pages below it (an album)
)
# The sites of PROFILE, lowercase: it is tried only on a page that names one of them.
_SITES = ("linkedin.com/", "facebook.com", "fb.com", "twitter.com", "x.com", "instagram.com", "tiktok.com",
          "github.com", "youtube.com", "threads.net", "bsky.app/profile", "mastodon.social",
          "snapchat.com/add", "flickr.com/photos", "vimeo.com", "pinterest.com", "soundcloud.com",
          "airbnb.", "marktplaats.nl/u")
# Any web address after a label that makes it a person's own: "Persoonlijke website: https://...",
# "Blog: ..." (not a bare "Website:", which a form asks of an organisation or an event too).
_LABELLED = re.compile(
    r"(?i)\b(?:persoonlijke[ ]website|eigen[ ]website|website[ ]/[ ]profiel|profiel|homepage|blog|portfolio)"
    r"(?:[ ](?:platform|pagina|link|url|op[ ]\w+))?[ \t]*[:\t][ \t]*"  # "Profiel platform   : https://..."
    r"(?P<url>(?:https?://|www\.)[^\s<>\"')\]]+)"
)
# How a _LABELLED match opens (in lower case): it is tried there only.
_LABELS = (
    "persoonlijke website", "eigen website", "website / profiel", "profiel", "homepage", "blog", "portfolio",
)
# Any web address (for the proposal rule that matches a site to a person's name on the page).
ANY_URL = re.compile(r"(?i)(?<![\w@/.-])(?:https?://|www\.)[^\s<>\"')\]]+")
NOT_PERSONAL = ("gemeente", "ministerie", "rijksoverheid", "politie", "provincie", "overheid",
                "pages", "groups", "events", "sharer", "share", "hashtag", "search", "intent",
                "home", "login", "watch", "channel", "help", "about", "policies", "privacy")


class NlUrlRecognizer(EntityRecognizer):
    """URL of a personal profile page; see the module docstring."""

    ENTITIES = ["URL"]
    name: str  # set by EntityRecognizer

    def __init__(self, supported_language: str = "nl") -> None:
        super().__init__(
            supported_entities=self.ENTITIES,
            supported_language=supported_language,
            name="NlUrlRecognizer",
        )

    def load(self) -> None:
        """No state."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and "URL" not in entities:
            return []
        out = []
        lowered = page_lowered(text)
        if any(w in lowered for w in ("website", "homepage", "blog", "portfolio", "profiel")):
            starts = None if "İ" in text else starts_of_openings(text, lowered, _LABELS)
            for m in _LABELLED.finditer(text) if starts is None else matches_at(_LABELLED, text, starts):
                end = m.end("url")
                while end > m.start("url") and text[end - 1] in ".,;":
                    end -= 1
                if not any(n in m.group("url").lower() for n in NOT_PERSONAL):
                    out.append(make_result(self.name, self.id, "URL", m.start("url"), end, 0.6,
                                           "labelled website", f"website after {m.group().split(':')[0]!r}"))
        if ".com" not in text and ".app" not in text and ".net" not in text and ".social" not in text and (
            "airbnb." not in text and "marktplaats.nl" not in text
        ):
            return out
        if not may_hold(text, lowered, _SITES):
            return out
        for m in PROFILE.finditer(text):
            handle = m.group("handle").lower().lstrip("@")
            if any(handle.startswith(n) for n in NOT_PERSONAL):
                continue
            end = m.end()
            while end > m.start() and text[end - 1] in ".,":
                end -= 1
            site = m.group("site").split(".")[0].lower()
            out.append(make_result(self.name, self.id, "URL", m.start(), end, 0.85,
                                   f"{site} profile", f"personal profile on {site}"))
        return out
