"""Train the learned second opinion on person names (``recognizers/nl_person_learned.py``).

``python -m redact.train_names [--exclude SET ...] [--out FILE]`` (``make model``) reads every gold
set under ``fixtures/handwritten/`` (the project's own hand-written documents: invented people),
runs the rule-based recognisers over each document (the second opinion is asked only where they
found nothing, and it reads what they found around a word), and fits a logistic regression on every
word that starts with a capital: is it part of a gold PERSON span? Plain numpy: mini-batch AdaGrad
over hashed features, a fixed seed, so the same sets give the same model. It writes the weights
that are not (nearly) zero, as float16, to ``recognizers/lexicons/person_model.npz``.

``--exclude`` leaves sets out, to measure the model on them (``--folds`` does that for every set
in turn and prints what the opinion adds on the words the rules missed, per threshold).
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from recognizers import nl_person_learned as learned
from recognizers.ocr import ocr_read
from redact.config import load_config
from redact.evaluation import load_gold
from redact.stages.detect import Detector

GOLD = Path(__file__).resolve().parent.parent / "fixtures" / "handwritten"
MODEL = Path(__file__).resolve().parent.parent / "recognizers" / "lexicons" / learned.MODEL_FILE
EPOCHS = 6
BATCH = 256
RATE = 0.2
L2 = 1e-6
SEED = 17


class Words:
    """The capitalised words of the gold sets: hashed features, label, set, and whether the rules
    had found something there."""

    def __init__(self) -> None:
        self.rows: list[list[int]] = []
        self.label: list[bool] = []
        self.sets: list[str] = []
        self.claimed: list[bool] = []

    def add_set(self, detector: Detector, folder: Path) -> None:
        for doc in load_gold(folder):
            gold = [(g.start, g.end) for g in doc.gold if g.entity == learned.ENTITY]
            offset = 0
            for page in doc.pages:
                read = ocr_read(page)
                found = [(f.start, f.end, f.entity) for f in detector.recognise(page)]
                toks = learned.tokens(read)
                marks = learned.marks_of(toks, found)
                for i, (start, end, word) in enumerate(toks):
                    if not word[0].isupper():
                        continue
                    a, b = start + offset, end + offset
                    self.rows.append(learned.hashed(learned.features(read, toks, i, marks)))
                    self.label.append(any(s < b and a < e for s, e in gold))
                    self.sets.append(folder.name)
                    self.claimed.append(marks[i] != "-")
                offset += len(page) + 1  # the form feed

    def matrix(self) -> np.ndarray:
        width = max(len(r) for r in self.rows)
        x = np.full((len(self.rows), width), learned.BUCKETS, dtype=np.int64)
        for i, r in enumerate(self.rows):
            x[i, : len(r)] = r
        return x


def read_sets(exclude: Sequence[str] = ()) -> Words:
    detector = Detector(load_config(), second_opinion=False)
    words = Words()
    for folder in sorted(p for p in GOLD.iterdir() if p.is_dir() and p.name not in exclude):
        words.add_set(detector, folder)
    return words


def fit(x: np.ndarray, y: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Logistic regression weights (BUCKETS + 1, the last one the padding's, kept 0)."""
    w = np.zeros(learned.BUCKETS + 1)
    squares = np.full(learned.BUCKETS + 1, 1e-8)
    rng = np.random.default_rng(SEED)
    for _ in range(EPOCHS):
        order = rng.permutation(rows)
        for b in range(0, len(order), BATCH):
            batch = order[b : b + BATCH]
            xb = x[batch]
            p = 1.0 / (1.0 + np.exp(-w[xb].sum(axis=1)))
            grad = np.zeros_like(w)
            np.add.at(grad, xb, (p - y[batch])[:, None])
            grad += L2 * w * (grad != 0)
            grad[learned.BUCKETS] = 0.0
            squares += grad * grad
            w -= RATE * grad / np.sqrt(squares)
    return w


def save(w: np.ndarray, target: Path) -> None:
    index = np.flatnonzero(np.abs(w) > 1e-3).astype(np.int32)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, index=index, weight=w[index].astype(np.float16))
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(target)


def folds(words: Words, parts: int = 5) -> None:
    """Leave sets out in turn; print what the opinion adds where the rules found nothing."""
    x, y = words.matrix(), np.array(words.label, dtype=np.float64)
    sets = np.array(words.sets)
    names = sorted(set(words.sets))
    p = np.zeros(len(y))
    for k in range(parts):
        test = np.isin(sets, names[k::parts])
        w = fit(x, y, np.flatnonzero(~test))
        p[test] = 1.0 / (1.0 + np.exp(-w[x[test]].sum(axis=1)))
    left = ~np.array(words.claimed)
    print(f"words the rules left: {int(left.sum())}, of them in a name: {int((left & (y == 1)).sum())}")
    for t in (0.5, 0.7, 0.8, 0.9, 0.95):
        chosen = left & (p >= t)
        hits, misses = int((chosen & (y == 1)).sum()), int((chosen & (y == 0)).sum())
        print(f"threshold {t}: in a name {hits}, not {misses}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exclude", nargs="*", default=[], help="gold sets to leave out")
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--folds", action="store_true", help="cross-validate instead of writing a model")
    args = parser.parse_args(argv)
    words = read_sets(args.exclude)
    if args.folds:
        folds(words)
        return
    x, y = words.matrix(), np.array(words.label, dtype=np.float64)
    save(fit(x, y, np.arange(len(y))), args.out)
    print(f"{args.out}: {len(y)} words ({int(y.sum())} in names) from {len(set(words.sets))} sets")


if __name__ == "__main__":
    main()
