"""The legal grounds of the Wet open overheid (Woo): the one definition.

Each ground has the code printed in a redaction box (``5.1.2e``), a short Dutch label, the
English label the review page shows, and a standard motivation in Dutch: a short paraphrase of
the article, the text a Woo decision can start from before it weighs the case at hand.
Absolute grounds (5.1.1) are not weighed; relative ones (5.1.2) are weighed against the public
interest in disclosure; 5.1.5 is the exception for disproportionate harm; 5.2 covers personal
policy opinions in documents drawn up for internal deliberation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Ground:
    """One ground for withholding information under the Woo."""

    code: str  # as printed in a redaction box, e.g. 5.1.2e
    label_nl: str
    label_en: str  # shown on the review page
    motivation_nl: str  # a standard motivation: a short paraphrase of the article


_ALL = (
    Ground("5.1.1a", "eenheid van de Kroon", "unity of the Crown",
           "Openbaarmaking blijft achterwege voor zover zij de eenheid van de Kroon in gevaar "
           "zou kunnen brengen (artikel 5.1, eerste lid, onder a, Woo)."),
    Ground("5.1.1b", "veiligheid van de Staat", "security of the State",
           "Openbaarmaking blijft achterwege voor zover zij de veiligheid van de Staat zou "
           "kunnen schaden (artikel 5.1, eerste lid, onder b, Woo)."),
    Ground("5.1.1c", "vertrouwelijk verstrekte bedrijfs- en fabricagegegevens",
           "business data supplied in confidence",
           "Openbaarmaking blijft achterwege voor zover het bedrijfs- en fabricagegegevens "
           "betreft die vertrouwelijk aan de overheid zijn meegedeeld (artikel 5.1, eerste lid, "
           "onder c, Woo)."),
    Ground("5.1.1d", "bijzondere persoonsgegevens", "special categories of personal data",
           "Openbaarmaking blijft achterwege voor zover het bijzondere persoonsgegevens betreft, "
           "zoals gegevens over gezondheid, godsdienst of etnische afkomst, tenzij "
           "openbaarmaking kennelijk geen inbreuk op de persoonlijke levenssfeer maakt "
           "(artikel 5.1, eerste lid, onder d, Woo)."),
    Ground("5.1.1e", "identificatienummers", "national identification numbers",
           "Openbaarmaking blijft achterwege voor zover het nummers betreft die dienen ter "
           "identificatie van een persoon, zoals het burgerservicenummer, tenzij verstrekking "
           "kennelijk geen inbreuk op de persoonlijke levenssfeer maakt (artikel 5.1, eerste "
           "lid, onder e, Woo)."),
    Ground("5.1.2a", "internationale betrekkingen", "international relations",
           "Het belang van openbaarheid weegt niet op tegen het belang van de betrekkingen van "
           "Nederland met andere staten en met internationale organisaties (artikel 5.1, "
           "tweede lid, onder a, Woo)."),
    Ground("5.1.2b", "economische of financiële belangen van de Staat",
           "economic or financial interests of the State",
           "Het belang van openbaarheid weegt niet op tegen de economische of financiële "
           "belangen van de Staat en andere publiekrechtelijke lichamen (artikel 5.1, tweede "
           "lid, onder b, Woo)."),
    Ground("5.1.2c", "opsporing en vervolging van strafbare feiten",
           "investigation and prosecution of offences",
           "Het belang van openbaarheid weegt niet op tegen het belang van de opsporing en "
           "vervolging van strafbare feiten (artikel 5.1, tweede lid, onder c, Woo)."),
    Ground("5.1.2d", "inspectie, controle en toezicht", "inspection, control and supervision",
           "Het belang van openbaarheid weegt niet op tegen het belang van inspectie, controle "
           "en toezicht door bestuursorganen (artikel 5.1, tweede lid, onder d, Woo)."),
    Ground("5.1.2e", "eerbiediging van de persoonlijke levenssfeer",
           "respect for personal privacy",
           "Het belang van openbaarheid weegt niet op tegen de eerbiediging van de persoonlijke "
           "levenssfeer van de betrokkenen (artikel 5.1, tweede lid, onder e, Woo)."),
    Ground("5.1.2f", "concurrentiegevoelige bedrijfs- en fabricagegegevens",
           "competitively sensitive business data",
           "Het belang van openbaarheid weegt niet op tegen de bescherming van "
           "concurrentiegevoelige bedrijfs- en fabricagegegevens (artikel 5.1, tweede lid, "
           "onder f, Woo)."),
    Ground("5.1.2g", "bescherming van het milieu", "protection of the environment",
           "Het belang van openbaarheid weegt niet op tegen de bescherming van het milieu "
           "waarop de informatie betrekking heeft (artikel 5.1, tweede lid, onder g, Woo)."),
    Ground("5.1.2h", "beveiliging van personen en bedrijven", "security of persons and companies",
           "Het belang van openbaarheid weegt niet op tegen de beveiliging van personen en "
           "bedrijven en het voorkomen van sabotage (artikel 5.1, tweede lid, onder h, Woo)."),
    Ground("5.1.2i", "goed functioneren van de Staat", "proper functioning of the State",
           "Het belang van openbaarheid weegt niet op tegen het goed functioneren van de Staat, "
           "andere publiekrechtelijke lichamen of bestuursorganen (artikel 5.1, tweede lid, "
           "onder i, Woo)."),
    Ground("5.1.5", "onevenredige benadeling", "disproportionate harm",
           "Openbaarmaking blijft bij uitzondering achterwege omdat zij tot onevenredige "
           "benadeling van een ander belang zou leiden dan de belangen genoemd in artikel 5.1, "
           "eerste en tweede lid (artikel 5.1, vijfde lid, Woo)."),
    Ground("5.2", "persoonlijke beleidsopvattingen", "personal policy opinions in internal deliberation",
           "Het betreft persoonlijke beleidsopvattingen in een document opgesteld ten behoeve van "
           "intern beraad; daarover wordt geen informatie verstrekt, tenzij in niet tot personen "
           "herleidbare vorm (artikel 5.2 Woo)."),
)

GROUNDS: Mapping[str, Ground] = MappingProxyType({ground.code: ground for ground in _ALL})
"""Every ground by its code, in the order of the law."""

GROUND_CODES = frozenset(GROUNDS)

LABELS_EN: Mapping[str, str] = MappingProxyType({g.code: g.label_en for g in _ALL})
"""The English labels the review page shows beside a code."""

MOTIVATION_OPTIONAL = frozenset({"5.1.1e", "5.1.2e"})
"""The grounds a redaction may carry without a motivation of its own (identification numbers
and privacy: their standard motivation says it all); every other ground needs one."""


def needs_motivation(code: str) -> bool:
    """Whether a redaction under ``code`` needs a motivation of its own."""
    return code not in MOTIVATION_OPTIONAL
