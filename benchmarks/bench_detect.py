"""Detection core throughput next to deduce and plain `re`, on the same texts in one run."""

from __future__ import annotations

import re
import time

import pytest

from benchmarks.conftest import child_peak_rss_mb, record
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
    def run() -> int:
        return sum(len(detector.detect(t)) for t in texts)

    found = benchmark.pedantic(run, rounds=5, warmup_rounds=1)
    rate = chars(texts) / benchmark.stats["median"]
    record("detection core (redact)", chars_per_s=rate, findings=float(found))


def test_plain_re(benchmark, texts: list[str]) -> None:
    benchmark.pedantic(lambda: sum(len(PLAIN.findall(t)) for t in texts), rounds=5)
    record("plain re (same contact patterns)", chars_per_s=chars(texts) / benchmark.stats["median"])


def test_deduce(benchmark, texts: list[str]) -> None:
    deduce = pytest.importorskip("deduce")
    start = time.perf_counter()
    model = deduce.Deduce()
    startup = time.perf_counter() - start

    def run() -> int:
        return sum(len(model.deidentify(t).annotations) for t in texts)

    benchmark.pedantic(run, rounds=3, warmup_rounds=1)
    rate = chars(texts) / benchmark.stats["median"]
    record("deduce deidentify", chars_per_s=rate, startup_s=startup)


def test_ratio_and_memory(texts: list[str]) -> None:
    from benchmarks.conftest import RESULTS

    ours = RESULTS.get("detection core (redact)", {}).get("chars_per_s")
    theirs = RESULTS.get("deduce deidentify", {}).get("chars_per_s")
    if isinstance(ours, float) and isinstance(theirs, float):
        record("detection core vs deduce", ratio=ours / theirs)
    rss = child_peak_rss_mb(
        "from redact.config import load_config\nfrom redact.stages.detect import Detector\n"
        "d = Detector(load_config())\nd.detect('Geachte heer Jansen, bel 06-12345678.')"
    )
    record("detector worker peak memory", MB=rss)
