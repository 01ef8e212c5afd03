"""Logging set-up: one format, no secret ever written, third-party chatter kept in its place.

At DEBUG, aiosqlite logs every statement with its parameters (the stored Matrix access token
is one of them) and matrix-nio logs whole login responses. Keeping those loggers above DEBUG
removes the known leaks; the formatter then redacts whatever is left in every line written,
tracebacks included: the configured tokens and passwords, credentials inside URLs, and the
token shapes of Discord and Synapse. The same `redact` cleans the one-line errors `sbbot`
prints.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Final

MASK: Final = "***"

LOGGER_FLOORS: Final[dict[str, int]] = {
    "aiosqlite": logging.WARNING,
    "asyncpg": logging.INFO,
    "nio.responses": logging.INFO,
}
"""Loggers that print secrets (SQL parameters, login responses) at DEBUG, and the lowest
level each is allowed."""

QUIET_ABOVE_DEBUG: Final[dict[str, int]] = {
    "nio": logging.WARNING,
    "watchfiles": logging.WARNING,
}
"""Libraries whose INFO lines are per-event chatter (matrix-nio logs every room event it
handles, watchfiles every change it sees, between the lines of a terminal conversation):
shown at DEBUG only, so an INFO log holds sbbot's own lines (`sbbot.watch` says what a
change reloaded)."""

MIN_SECRET_CHARS: Final = 6
"""Shorter values are not masked: they would blank out ordinary words."""

PATTERNS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    # user:password@ (or token@) inside any URL
    (re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^\s/@]+@"), rf"\1{MASK}@"),
    # access_token=… or password=… in a query string, "access_token": "…" in JSON, Bearer
    (re.compile(r"(?i)\b((?:access_token|password)=)[^\s&\"']+"), rf"\1{MASK}"),
    (re.compile(r"(?i)([\"']?(?:access_token|password|token)[\"']?\s*[:=]\s*[\"'])[^\"']+"),
     rf"\1{MASK}"),
    (re.compile(r"(?i)(bearer\s+)[\w\-.~+/]+=*"), rf"\1{MASK}"),
    # Synapse access tokens, Discord bot tokens
    (re.compile(r"\bsy[tu]_[A-Za-z0-9_\-]{8,}"), MASK),
    (re.compile(r"\b[A-Za-z0-9_\-]{23,28}\.[A-Za-z0-9_\-]{6,7}\.[A-Za-z0-9_\-]{27,}"), MASK),
)

_secrets: set[str] = set()


def register_secrets(values: Iterable[str | None]) -> None:
    """Values that must never appear in a log line or an error message."""
    _secrets.update(value for value in values if value and len(value) >= MIN_SECRET_CHARS)


def redact(text: str) -> str:
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, MASK)
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure(level: str) -> None:
    """Log to stderr at `level`, redacted, with the token-printing loggers held back."""
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    quiet = logging.getLevelName(level) > logging.DEBUG
    floors = {**(QUIET_ABOVE_DEBUG if quiet else {}), **LOGGER_FLOORS}
    for name, floor in floors.items():
        logger = logging.getLogger(name)
        logger.setLevel(max(floor, logger.getEffectiveLevel()))
