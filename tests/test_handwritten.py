"""The hand-written gold sets (fixtures/handwritten/): text the recognisers were not written from.

Floors a little below today's figures (README, "Detection quality"): a change that loses recall
or precision on text nobody here generated fails here, not only on the generator's own documents.
The learned second opinion on names (recognizers/nl_person_learned.py) is trained on these sets, so
for it these are training figures: a retrained model that no longer fits them fails here too; its
figures on text it never saw are the README's leave-sets-out table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redact.evaluation import evaluate

SETS = Path(__file__).parent.parent / "fixtures" / "handwritten"
# set: (full-span recall of everything, precision of everything, full-span recall of PERSON)
FLOORS = {
    # news-dev and news-holdout leave residences unmarked ("een 27-jarige man uit Kampen"), which the
    # detector proposes since the holdout6 round (fixtures/handwritten/README.md): their precision
    # floors went from 0.975 and 0.965 to 0.965 and 0.96; news-holdout's to 0.955 in the holdout31
    # round, when residences of two words ("in Ter Apel") came in
    "news-dev": (0.99, 0.965, 0.99),
    "woo-dev2": (0.985, 0.99, 0.98),
    "news-holdout": (0.975, 0.955, 0.975),
    "holdout2": (0.955, 0.96, 0.955),
    "holdout3": (0.965, 0.955, 0.97),
    "holdout4": (0.965, 0.975, 0.97),
    "holdout5": (0.965, 0.96, 0.965),
    "holdout6": (0.955, 0.96, 0.965),
    "holdout7": (0.94, 0.96, 0.94),
    "holdout8": (0.955, 0.965, 0.955),
    "holdout9": (0.965, 0.96, 0.97),
    "holdout10": (0.95, 0.95, 0.95),
    "holdout11": (0.955, 0.95, 0.95),
    "holdout12": (0.965, 0.965, 0.975),
    "holdout13": (0.955, 0.97, 0.96),
    "holdout14": (0.96, 0.955, 0.965),
    "holdout15": (0.955, 0.955, 0.97),
    "holdout16": (0.94, 0.95, 0.945),
    "holdout17": (0.955, 0.965, 0.96),  # tuned on since 2026-12-07's third session
    "holdout18": (0.965, 0.945, 0.98),
    "holdout20": (0.975, 0.97, 0.975),
    "holdout21": (0.97, 0.96, 0.975),
    "holdout19": (0.96, 0.945, 0.965),  # measured on the final code, then read
    "holdout22": (0.945, 0.945, 0.935),  # measured on the final code, then read
    "holdout23": (0.975, 0.915, 0.97),  # read at the start of 2026-12-07's fourth session
    "holdout24": (0.96, 0.965, 0.96),  # measured on the session's starting code, then read
    "holdout25": (0.965, 0.975, 0.97),
    "holdout26": (0.975, 0.975, 0.98),  # measured on the round's code, then read
    "holdout27": (0.98, 0.98, 0.985),  # measured once on the fourth session's last code, read in the fifth
    "holdout28": (0.96, 0.98, 0.975),  # measured on the fifth session's starting code, then read
    "holdout29": (0.945, 0.97, 0.95),  # measured once after the holdout27/28 rounds, then read
    "holdout30": (0.945, 0.92, 0.975),  # measured on the sixth session's starting code and with the
    # learned opinion trained without it, then read and trained on
    "holdout31": (0.955, 0.98, 0.965),  # measured on the seventh session's starting code, then read
    "holdout32": (0.955, 0.96, 0.96),  # measured after the holdout31 round (7db8d84), then read
    "holdout33": (0.965, 0.985, 0.97),  # measured on the eighth session's starting code, then read
    "holdout34": (0.97, 0.965, 0.975),  # measured after the holdout33 round (ceba5b9), then read
    "holdout35": (0.96, 0.96, 0.975),  # measured after the holdout34 round (7dec302), then read
    "holdout36": (0.965, 0.98, 0.99),  # measured on the ninth session's starting code (766f02b), then read
    "holdout37": (0.97, 0.975, 0.98),  # measured after the holdout36 round (74fc355), then read
    "holdout38": (0.965, 0.975, 0.985),  # measured after the holdout37 round (bc972db), then read
    "holdout39": (0.96, 0.985, 0.97),  # measured on the tenth session's starting code (8febfb0), then read
    "holdout40": (0.96, 0.98, 0.97),  # measured after the holdout39 round (8f2f3b6), then read
    "holdout41": (0.94, 0.98, 0.965),  # measured after the holdout39/40 rounds (f7d783d), then read
    "holdout42": (0.90, 0.96, 0.895),  # measured once after the holdout39-41 rounds; not read yet: the
    # next session reads it (its first figures are in the README), the learned opinion not trained on it
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_hand_written_set_stays_above_its_floor(name: str) -> None:
    report = evaluate(SETS / name, with_deduce=False)
    recall, precision, person = FLOORS[name]
    overall, names = report.ours.overall, report.ours.entity("PERSON")
    assert names is not None and overall.full_recall is not None and overall.precision is not None
    assert overall.full_recall >= recall, (overall.full_recall, report.ours.misses)
    assert overall.precision >= precision, (overall.precision, report.ours.false_alarms)
    assert names.full_recall is not None and names.full_recall >= person
