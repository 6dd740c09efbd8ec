"""Files on disk: the one place that writes atomically, flushes, and keeps originals read-only.

Every file ``redact`` writes (outputs, reports, inventories, manifests, the audit mirror, stored
originals) goes through :func:`write_atomic` or one of its siblings: the data goes to a temporary
file beside the target, then ``os.replace`` puts it in place, so a reader (or a run killed
halfway) sees the old file or the new one, never a part. Temporary files are named
``.<name>.<pid>.tmp``, so a later run can find and remove what a killed one left (``TMP_GLOB``).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
from pathlib import Path

TMP_GLOB = ".*.tmp"  # what a killed run may leave beside a target
READ_ONLY = 0o444

# A name the file system refuses (too long, bytes it cannot hold): one document's problem.
NAME_ERRNOS = frozenset({errno.ENAMETOOLONG, errno.EILSEQ, errno.EINVAL})


def _tmp_for(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable."""
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_atomic(target: Path, data: bytes, durable: bool = True, mode: int | None = None) -> None:
    """Write ``data`` to ``target`` whole or not at all.

    ``durable``: fsync the file and its folder before returning; apply leaves that to one
    :func:`sync_files` at the end of its run. ``mode``: the permission bits the file gets before
    it appears (``READ_ONLY`` for a stored original).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_for(target)
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    if durable:
        fsync_dir(target.parent)


def write_text_atomic(target: Path, text: str, durable: bool = True) -> None:
    """:func:`write_atomic` for UTF-8 text."""
    write_atomic(target, text.encode("utf-8"), durable)


def copy_atomic(source: Path, target: Path, mode: int | None = None) -> None:
    """Copy ``source`` to ``target`` whole or not at all; ``source`` is only read."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_for(target)
    try:
        shutil.copyfile(source, tmp)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def move_atomic(source: Path, target: Path, mode: int | None = None) -> None:
    """Move a file this process made (on the same file system) to ``target``."""
    if mode is not None:
        os.chmod(source, mode)
    os.replace(source, target)


def sync_files(*folders: Path) -> None:
    """Flush to disk what was written under ``folders`` (one ``syncfs`` per file system, so
    hundreds of outputs cost one flush instead of two fsyncs each)."""
    syncfs = None
    if sys.platform.startswith("linux"):
        syncfs = getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None)
    if syncfs is None:
        os.sync()
        return
    for folder in folders:
        fd = os.open(folder, os.O_RDONLY)
        try:
            if syncfs(fd) != 0:
                os.sync()
        finally:
            os.close(fd)


def remove_leftovers(folder: Path) -> list[Path]:
    """Delete the temporary files a killed run left under ``folder``; return what was removed."""
    removed = []
    for stale in folder.rglob(TMP_GLOB):
        stale.unlink(missing_ok=True)
        removed.append(stale)
    return removed
