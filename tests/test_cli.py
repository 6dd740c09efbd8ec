"""The command line's one error boundary: every way a command ends has its exit code."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import click
import pytest
import typer

from redact.cli import _failure, main
from redact.errors import (
    AuditChainBroken,
    BadDocument,
    ExitCode,
    InputNotFound,
    UsageError,
    VerificationFailed,
    WorkspaceError,
    WorkspaceLocked,
)


@pytest.mark.parametrize(
    "exc,code,message",
    [
        (UsageError("bad option"), ExitCode.USAGE, "redact: error: bad option"),
        (WorkspaceError("no workspace"), ExitCode.USAGE, "redact: error: no workspace"),
        (BadDocument("corrupt PDF: x"), ExitCode.SKIPPED, "redact: error: corrupt PDF: x"),
        (VerificationFailed("leak"), ExitCode.LEAK, "redact: error: leak"),
        (AuditChainBroken("seq 3"), ExitCode.AUDIT, "redact: error: seq 3"),
        (WorkspaceLocked("busy"), ExitCode.LOCKED, "redact: error: busy"),
        (InputNotFound("gone"), ExitCode.NOT_FOUND, "redact: error: gone"),
        (KeyboardInterrupt(), ExitCode.INTERRUPTED, "redact: interrupted"),
        (typer.Abort(), ExitCode.INTERNAL, "redact: aborted"),
        (typer.Exit(3), 3, None),
        (SystemExit(4), 4, None),
        (click.UsageError("Missing argument 'inbox'."), ExitCode.USAGE,
         "redact: error: Missing argument 'inbox'. (see 'redact --help')"),
        (ValueError("boom"), ExitCode.INTERNAL, "redact: internal error: ValueError: boom"),
    ],
)
def test_every_ending_has_its_exit_code(exc: BaseException, code: int, message: str | None) -> None:
    assert _failure(exc) == (code, message)


def test_ctrl_c_ends_with_130() -> None:
    assert ExitCode.INTERRUPTED == 130
    try:
        raise typer.Abort() from KeyboardInterrupt()  # how click hands on a Ctrl-C
    except typer.Abort as exc:
        assert _failure(exc) == (130, "redact: interrupted")


@pytest.fixture
def own_logging() -> Iterator[None]:
    """``main`` sets up logging for a command: put the test session's back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    presidio = logging.getLogger("presidio-analyzer").level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.getLogger("presidio-analyzer").setLevel(presidio)


def test_main_returns_the_code(capsys: pytest.CaptureFixture[str], own_logging: None) -> None:
    assert main(["version"]) == 0
    assert main(["no-such-command"]) == ExitCode.USAGE
    assert "No such command" in capsys.readouterr().err
