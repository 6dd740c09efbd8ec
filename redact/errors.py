"""One exception class per failure kind; the CLI maps them to exit codes in one place."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    INTERNAL = 1
    USAGE = 2
    SKIPPED = 3  # the run finished, but some documents were skipped (bad input)
    LEAK = 4  # verify found redacted text that survives in an output
    AUDIT = 5  # the audit chain is broken (edited, deleted or reordered records)
    LOCKED = 6  # another run holds the workspace
    NOT_FOUND = 7
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as a shell reports it)


class RedactError(Exception):
    """Base class: a failure with a one-line message and an exit code."""

    exit_code: ExitCode = ExitCode.INTERNAL


class UsageError(RedactError):
    exit_code = ExitCode.USAGE


class InputNotFound(RedactError):
    exit_code = ExitCode.NOT_FOUND


class WorkspaceError(RedactError):
    """The workspace is missing, of an unknown schema version, or unusable."""

    exit_code = ExitCode.USAGE


class WorkspaceLocked(RedactError):
    exit_code = ExitCode.LOCKED


class BadDocument(RedactError):
    """A document that cannot be processed: empty, corrupt, encrypted, not a PDF."""

    exit_code = ExitCode.SKIPPED

    def __init__(self, message: str, kind: str = "corrupt") -> None:
        super().__init__(message)
        self.kind = kind


class AuditChainBroken(RedactError):
    exit_code = ExitCode.AUDIT


class VerificationFailed(RedactError):
    exit_code = ExitCode.LEAK


def short_message(exc: BaseException) -> str:
    """The first line of an exception's message, at most 200 characters (its class name when it
    has none): the reason a document was skipped, as a log line and audit record give it."""
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else type(exc).__name__
