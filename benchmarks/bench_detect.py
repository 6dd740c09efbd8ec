"""Detection core throughput next to deduce and plain `re`, on the same texts in one run."""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from typing import Any

import pytest

from benchmarks.conftest import REPO, child_peak_rss_mb, record, worker_heap
from redact.config import load_config
from redact.stages.detect import Detector

# The same Dutch contact patterns the recognisers use, as a plain-`re` floor.
PLAIN = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:\+31|0031|0)[1-9](?:[ -]?\d){8}|\b\d{9}\b"
    r"|\bNL\d{2} ?[A-Z]{4}(?: ?\d{4}){2} ?\d{2}\b|\b\d{4} ?[A-Z]{2}\b"
)


def chars(texts: list[str]) -> int:
    return sum(len(t) for t in texts)


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector(load_config())


def test_detect_core(benchmark, texts: list[str], detector: Detector) -> None:
    """Cold: every round gets a new Detector, so the recognisers' memos start empty and the
    same texts read again are not cheaper than new ones (the lexicons load once per process)."""

    def fresh() -> tuple[tuple[Detector], dict[str, object]]:
        return (Detector(load_config()),), {}

    def run(det: Detector) -> int:
        return sum(len(det.detect(t)) for t in texts)

    found = benchmark.pedantic(run, setup=fresh, rounds=5, warmup_rounds=1)
    rate = chars(texts) / benchmark.stats["median"]
    record("detection core (redact), cold", chars_per_s=rate, findings=float(found))


@pytest.fixture(scope="module")
def other_texts(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Different documents (another seed) to warm a worker on, as it is in the middle of a batch."""
    out = tmp_path_factory.mktemp("other")
    subprocess.run([sys.executable, str(REPO / "fixtures" / "generate.py"), "--out", str(out),
                    "--count", "120", "--seed", "11"], check=True, capture_output=True)
    return [p for f in sorted(out.glob("*/*.txt")) for p in f.read_text("utf-8").split("\f")]


def test_detect_core_mid_batch(benchmark, texts: list[str], other_texts: list[str]) -> None:
    """A worker in the middle of a batch: a new Detector that has first read 180 other
    documents (its memos hold what recurs in a batch), then the measured texts, read once."""

    def warmed() -> tuple[tuple[Detector], dict[str, object]]:
        det = Detector(load_config())
        for text in other_texts:
            det.detect(text)
        return (det,), {}

    def run(det: Detector) -> int:
        return sum(len(det.detect(t)) for t in texts)

    benchmark.pedantic(run, setup=warmed, rounds=5, warmup_rounds=1)
    record("detection core (redact), mid-batch",
           chars_per_s=chars(texts) / benchmark.stats["median"])


def test_plain_re(benchmark, texts: list[str]) -> None:
    benchmark.pedantic(lambda: sum(len(PLAIN.findall(t)) for t in texts), rounds=5)
    record("plain re (same contact patterns)", chars_per_s=chars(texts) / benchmark.stats["median"])


@pytest.fixture(scope="module")
def deduce_model() -> tuple[Any, float]:
    """deduce's model, loaded once (it takes seconds), and how long loading took."""
    deduce = pytest.importorskip("deduce")
    start = time.perf_counter()
    model = deduce.Deduce()
    return model, time.perf_counter() - start


def test_deduce(benchmark, texts: list[str], deduce_model: tuple[Any, float]) -> None:
    model, startup = deduce_model

    def run() -> int:
        return sum(len(model.deidentify(t).annotations) for t in texts)

    benchmark.pedantic(run, rounds=3, warmup_rounds=1)
    rate = chars(texts) / benchmark.stats["median"]
    record("deduce deidentify", chars_per_s=rate, startup_s=startup)


def test_ratio_interleaved(texts: list[str], deduce_model: tuple[Any, float]) -> None:
    """Both on the same texts in alternating rounds (ours cold), in CPU time: on a shared machine
    the ratio of two measurements taken minutes apart moves with the load, this one much less.
    ``of_fastest``: the ratio of each side's fastest round (noise only ever adds time)."""
    model, _ = deduce_model
    Detector(load_config())
    worker_heap()
    ours, theirs = [], []
    for _ in range(5):
        det = Detector(load_config())
        start = time.process_time()
        for t in texts:
            det.detect(t)
        ours.append(time.process_time() - start)
        start = time.process_time()
        for t in texts:
            model.deidentify(t)
        theirs.append(time.process_time() - start)
    record("detection core vs deduce, interleaved rounds (CPU time)",
           ratio=statistics.median(theirs) / statistics.median(ours),
           of_fastest=min(theirs) / min(ours))


def test_ratio_and_memory(texts: list[str]) -> None:
    from benchmarks.conftest import RESULTS

    theirs = RESULTS.get("deduce deidentify", {}).get("chars_per_s")
    for kind in ("cold", "mid-batch"):
        ours = RESULTS.get(f"detection core (redact), {kind}", {}).get("chars_per_s")
        if isinstance(ours, float) and isinstance(theirs, float):
            record(f"detection core vs deduce, {kind}", ratio=ours / theirs)
    rss = child_peak_rss_mb(
        "from redact.config import load_config\nfrom redact.stages.detect import Detector\n"
        "d = Detector(load_config())\nd.detect('Geachte heer Jansen, bel 06-12345678.')"
    )
    record("detector worker peak memory", MB=rss)
