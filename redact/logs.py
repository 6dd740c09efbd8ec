"""Logging: one handler in the parent, worker records routed to it, plain or JSON lines."""

from __future__ import annotations

import json
import logging
import sys

import multiprocessing_logging


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for nightly runs read by a log collector."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "process": record.process,
            "message": record.getMessage(),
        }
        return json.dumps(entry, ensure_ascii=False)


def setup() -> None:
    """Plain one-line messages on stderr; records logged in worker processes reach this handler."""
    root = logging.getLogger()
    root.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("redact: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # Presidio announces its device and each recogniser at INFO: not news for a Woo officer.
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
    multiprocessing_logging.install_mp_handler(root)


def use_json() -> None:
    for handler in logging.getLogger().handlers:
        handler.setFormatter(JsonFormatter())
