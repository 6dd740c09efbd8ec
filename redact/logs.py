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


# A record that only wakes the receiver of worker records (see ``shutdown``); never written.
WAKE = "\x00redact: wake the receiver"


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg,unused-ignore]
    def emit(self, record: logging.LogRecord) -> None:
        if record.msg != WAKE:
            super().emit(record)


def setup() -> None:
    """Plain one-line messages on stderr; records logged in worker processes reach this handler."""
    root = logging.getLogger()
    root.handlers.clear()
    handler = _Stderr(sys.stderr)
    handler.setFormatter(logging.Formatter("redact: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # Presidio announces its device and each recogniser at INFO: not news for a Woo officer.
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
    multiprocessing_logging.install_mp_handler(root)


def use_json() -> None:
    for handler in logging.getLogger().handlers:
        handler.setFormatter(JsonFormatter())


def shutdown() -> None:
    """Deliver the last worker records and stop their receiver now. Left to itself it notices
    the end at its next poll, up to 0.2 s later: a tenth of a second on every command."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, multiprocessing_logging.MultiProcessingHandler):
            if handler._is_closed:
                continue
            handler._is_closed = True  # the receiver stops once the queue is empty
            handler.queue.put_nowait(logging.makeLogRecord({"msg": WAKE}))
            handler._receive_thread.join(5.0)
            handler.sub_handler.flush()
