"""The PostgreSQL server's failures in a line an admin can act on, and its URL without the
password: every `StoreError` of the PostgreSQL back end is worded here."""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit, urlunsplit

import asyncpg


def public_name(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname or ''}" + (
        f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def describe(error: BaseException) -> str:
    if isinstance(error, asyncpg.InvalidPasswordError
                  | asyncpg.InvalidAuthorizationSpecificationError):
        return "authentication failed (check the user name and password in SBBOT_DATABASE)"
    if isinstance(error, asyncpg.InvalidCatalogNameError):
        return "the database does not exist (create it, or fix its name in SBBOT_DATABASE)"
    if isinstance(error, asyncpg.LockNotAvailableError):
        return "database is locked (by another connection)"
    if isinstance(error, asyncpg.QueryCanceledError):
        return "the server did not answer in time (locked by another process?)"
    if isinstance(error, asyncpg.ReadOnlySQLTransactionError):
        return "cannot write (the server is read-only)"
    if isinstance(error, asyncpg.DiskFullError):
        return "the server's disk is full"
    if isinstance(error, TimeoutError):
        return "the server did not answer in time"
    if isinstance(error, OSError | asyncpg.InterfaceError | asyncpg.PostgresConnectionError):
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        return f"cannot reach the server ({' '.join(str(reason).split())})"
    return " ".join(str(error).split()) or type(error).__name__


STORE_ERRORS: Final = (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError)
