"""Logging: one handler in the parent, worker records routed to it, plain or JSON lines."""

from __future__ import annotations

import json
import logging
import sys

import multiprocessing_logging

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
    handler.setFormatter(LineFormatter("redact: %(message)s"))
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
