"""Logging: one handler in the parent, worker records routed to it, plain or JSON lines.

A local worker process puts its records on a queue (the stdlib ``QueueHandler``, set in the
worker's initialiser); one listener in the parent (``WorkerLogs``) hands them to the parent's
loggers, so each line is written once, by the parent, in the parent's format."""

from __future__ import annotations

import json
import logging
import sys
import threading
from logging.handlers import QueueHandler
from multiprocessing.queues import Queue

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """``text`` as one printable line: control and format characters (a newline, an escape
    sequence, a right-to-left override), line separators and the bytes of a file name that is
    not UTF-8 (surrogate escapes) are written as backslash escapes, so that a file name can
    never forge a second log line or rewrite the terminal. Printable text (``café``) stays."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable() or char == " ":
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif "\udc80" <= char <= "\udcff":  # a byte of a non-UTF-8 name, as os.fsdecode keeps it
            out.append(f"\\x{ord(char) - 0xDC00:02x}")
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
    return "".join(out)


class LineFormatter(logging.Formatter):
    """``redact: message``, always one line whatever the message holds (see ``one_line``)."""

    def format(self, record: logging.LogRecord) -> str:
        return one_line(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for nightly runs read by a log collector."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + self.formatException(record.exc_info)
        entry = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "process": record.process,
            "message": one_line(message),
        }
        return json.dumps(entry, ensure_ascii=False)


def setup() -> None:
    """Plain one-line messages on stderr. Records logged in local worker processes come back
    through a queue (``WorkerLogs``) and are written here, by this handler."""
    root = logging.getLogger()
    root.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(LineFormatter("redact: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # Presidio announces its device and each recogniser at INFO: not news for a Woo officer.
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)


def use_json() -> None:
    for handler in logging.getLogger().handlers:
        handler.setFormatter(JsonFormatter())


def send_to_parent(queue: Queue[logging.LogRecord | None]) -> None:
    """In a worker process (its initialiser): every record goes onto ``queue``, none is
    written here. The handlers inherited from the parent at fork are dropped."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(QueueHandler(queue))


class WorkerLogs:
    """The parent's end of the worker records: one listener thread on ``queue`` hands each
    record to the parent's logger of the same name, so the parent's levels, handlers and
    formatters (plain or JSON) apply as to its own records, and each line is written once.

    Like the stdlib ``QueueListener``, with a bounded ``close``: a worker killed while writing
    to the queue can leave it unusable, and a nightly run must then still end."""

    def __init__(self, queue: Queue[logging.LogRecord | None]) -> None:
        self.queue = queue
        self._thread = threading.Thread(target=self._receive, name="redact-worker-logs",
                                        daemon=True)
        self._thread.start()

    def _receive(self) -> None:
        while True:
            try:
                record = self.queue.get()
            except (EOFError, OSError):  # the queue was closed under us
                return
            if record is None:
                return
            logging.getLogger(record.name).handle(record)

    def close(self, timeout: float = 5.0) -> None:
        """Deliver every record still queued (call it once the workers are gone), then stop."""
        if self._thread.is_alive():
            self.queue.put_nowait(None)
            self._thread.join(timeout)
        if self._thread.is_alive():  # the end mark could not be written: do not wait at exit
            self.queue.cancel_join_thread()
        self.queue.close()
