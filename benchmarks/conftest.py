"""Shared corpus and the summary table of `make bench` (figures for the README)."""

from __future__ import annotations

import gc
import json
import os
import platform
import resource
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures" / "generated"
RESULTS: dict[str, dict[str, float | str]] = {}


def corpus_texts() -> list[str]:
    """The synthetic Woo-like texts (make fixtures), one string per page."""
    files = sorted((FIXTURES / "woo").glob("*.txt")) + sorted((FIXTURES / "prose").glob("*.txt"))
    if not files:
        pytest.fail("no fixtures: run `make fixtures` first")
    pages = []
    for path in files:
        pages.extend(p for p in path.read_text("utf-8").split("\f") if p.strip())
    return pages


@pytest.fixture(scope="session")
def texts() -> list[str]:
    return corpus_texts()


def worker_heap() -> None:
    """Freeze what is loaded, as a scan worker does once its Detector is loaded
    (``redact.executors.worker_detector``): the garbage collector then no longer walks the lexicons
    and libraries on every full collection. For both sides of a comparison alike."""
    gc.collect()
    gc.freeze()


def record(name: str, **figures: float | str) -> None:
    RESULTS.setdefault(name, {}).update(figures)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = model
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {len(os.sched_getaffinity(0))} cores, {mem:.0f} GiB, Python {platform.python_version()}"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_peak_rss_mb(code: str) -> float:
    """Peak resident memory of a fresh Python process running ``code``."""
    # VmHWM, not ru_maxrss: on Linux ru_maxrss carries the parent's peak across fork and exec.
    probe = ("\nimport re\nstatus = open('/proc/self/status').read()\n"
             "print(re.search(r'VmHWM:\\s+(\\d+)', status).group(1))")
    out = subprocess.run(
        [sys.executable, "-c", code + probe],
        capture_output=True, text=True, check=True, cwd=REPO,
    )
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not RESULTS:
        return
    lines = [f"Machine: {machine()}", "", "| measurement | figure |", "|---|---|"]
    for name, figures in RESULTS.items():
        shown = ", ".join(
            f"{k} {v:,.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()
        )
        lines.append(f"| {name} | {shown} |")
    text = "\n".join(lines) + "\n"
    (REPO / "benchmarks" / "results.md").write_text(text)
    (REPO / "benchmarks" / "results.json").write_text(json.dumps(RESULTS, indent=2))
    print("\n" + text)
