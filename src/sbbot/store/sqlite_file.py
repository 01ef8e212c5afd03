"""The SQLite file itself: opening it private to its owner, telling which file is at the path
(to notice one deleted or replaced under the bot), and naming its errors in a line an admin
can act on."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

import aiosqlite

from sbbot.store.base import StoreError

log = logging.getLogger(__name__)


async def connect(path: Path, timeout: float) -> aiosqlite.Connection:
    create_private(path)
    try:
        return await aiosqlite.connect(path, timeout=timeout, isolation_level=None)
    except sqlite3.Error as error:
        raise StoreError(f"{path}: {describe(error, path)}") from None


def identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` now (device and inode), or None if there is none."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def create_private(path: Path) -> None:
    """Create the file 0600 in a folder created 0700: it holds the Matrix access token and
    members' words. SQLite gives its -wal and -shm files the database file's mode. An
    existing file readable by others is tightened, since a token may be in it."""
    if path.is_dir():
        raise StoreError(f"{path}: is a folder (SBBOT_DATABASE must name a file)")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"{path}: cannot create its folder ({error.strerror})") from None
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        mode = path.stat().st_mode
        if mode & 0o077 and path.stat().st_uid == os.geteuid():
            path.chmod(mode & 0o700)
            log.warning("%s: was readable by other users; now readable by its owner only", path)
    except OSError as error:
        raise StoreError(f"{path}: cannot create the file ({error.strerror})") from None


def describe(error: sqlite3.Error, path: Path) -> str:
    """A short reason an admin can act on, from SQLite's error code."""
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith("SQLITE_READONLY") or (
        name.startswith("SQLITE_CANTOPEN") and path.exists()
        and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
    ):
        return "cannot write (read-only: check the permissions of the file and its folder)"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "database is locked (is another sbbot using it?)"
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return "file is not a database or is corrupted"
    if name.startswith("SQLITE_CANTOPEN"):
        return "cannot open the file"
    if name.startswith("SQLITE_FULL"):
        return "disk is full"
    return " ".join(str(error).split()) or name or type(error).__name__
