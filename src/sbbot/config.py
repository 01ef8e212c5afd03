"""Settings from the environment (and `.env`), validated once at start-up.

Every bad value is reported as one line naming the setting, so an admin can fix a deploy
without reading a traceback, and no line ever shows a secret. Reading is a pure function of
a mapping, so tests pass a dict.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Final, Protocol, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv.parser import parse_stream

from sbbot.clock import FileClock, parse_test_clock

T = TypeVar("T")

CORE_SETTINGS: Final = frozenset({
    "SBBOT_KNOWLEDGE_DIR", "SBBOT_CACHE_DIR", "SBBOT_DATABASE", "SBBOT_TIMEZONE",
    "SBBOT_DAILY_QUOTE_TIME",
    "SBBOT_CATCH_UP_HOURS", "SBBOT_QUESTION_COOLDOWN", "SBBOT_LOG_LEVEL",
    "SBBOT_HTTP_PORT", "SBBOT_HTTP_HOST", "SBBOT_TEST_CLOCK", "SBBOT_ADMIN_CHANNEL",
})
"""The core's settings; each chat platform declares its own (`PlatformConfig.settings`).
Together they are every setting sbbot reads (`.env.example` documents each; a test keeps
the two equal), so that a misspelt key in `.env` is pointed out instead of ignored."""
CORE_PREFIX: Final = "SBBOT_"

MAX_CATCH_UP_HOURS: Final = 168.0
"""A week: past that a "catch-up" is no longer news, and the announcement log is pruned
after the window (see `sbbot.store`), so the window must stay finite."""
MAX_COOLDOWN_SECONDS: Final = 86400.0
MAX_DOTENV_BYTES: Final = 1_000_000
URL_CREDENTIALS: Final = re.compile(r"^[a-z][a-z0-9+.\-]*://[^/@]*@", re.IGNORECASE)


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line naming it."""


class PlatformConfig(Protocol):
    """A chat platform's settings, declared by its adapter package (`sbbot.adapters`) and
    read here with the core's, so the core names no platform."""

    @property
    def name(self) -> str: ...
    @property
    def prefix(self) -> str: ...
    @property
    def settings(self) -> frozenset[str]: ...
    @property
    def secrets(self) -> tuple[str, ...]: ...
    def read(self, env: Mapping[str, str]) -> object | None:
        """Its settings, None when the platform is not configured; ConfigError if wrong."""


def known_settings(platforms: Iterable[PlatformConfig] = ()) -> frozenset[str]:
    return CORE_SETTINGS.union(*(platform.settings for platform in platforms))


@dataclass(frozen=True)
class Settings:
    knowledge_dir: Path
    cache_dir: Path
    database: Path | str
    """An SQLite file, or a `postgresql://` URL (kept as text: a path would fold its //)."""
    timezone: ZoneInfo
    daily_quote_time: time
    catch_up_hours: float
    question_cooldown: float
    log_level: str
    test_clock: FileClock | None = None
    """A simulated clock for soak tests (see `sbbot.clock`); None: the system clock."""
    http_port: int | None = None
    """Where `/metrics` and `/healthz` are served (see `sbbot.http`); None: not served."""
    http_host: str = "127.0.0.1"
    admin_channel: tuple[str, str] | None = None
    """(platform, channel) where the bot reports what admins must fix, e.g. a knowledge
    file that stopped validating after an edit on disk."""
    platforms: Mapping[str, object] = field(default_factory=dict)
    """The settings of each configured chat platform, by platform name."""


def load_settings(env: Mapping[str, str], platforms: Iterable[PlatformConfig] = ()) -> Settings:
    def get(name: str, default: str) -> str:
        return env.get(name, "").strip() or default

    return Settings(
        knowledge_dir=Path(get("SBBOT_KNOWLEDGE_DIR", "knowledge")),
        cache_dir=Path(get("SBBOT_CACHE_DIR", "data/cache")),
        database=parse_database(get("SBBOT_DATABASE", "data/sbbot.sqlite3")),
        timezone=parse("SBBOT_TIMEZONE", get("SBBOT_TIMEZONE", "Europe/Paris"), parse_zone),
        daily_quote_time=parse("SBBOT_DAILY_QUOTE_TIME", get("SBBOT_DAILY_QUOTE_TIME", "09:00"),
                               parse_clock_time),
        catch_up_hours=parse("SBBOT_CATCH_UP_HOURS", get("SBBOT_CATCH_UP_HOURS", "3"),
                             bounded(MAX_CATCH_UP_HOURS)),
        question_cooldown=parse("SBBOT_QUESTION_COOLDOWN", get("SBBOT_QUESTION_COOLDOWN", "10"),
                                bounded(MAX_COOLDOWN_SECONDS)),
        log_level=parse("SBBOT_LOG_LEVEL", get("SBBOT_LOG_LEVEL", "INFO"), parse_log_level),
        test_clock=parse("SBBOT_TEST_CLOCK", get("SBBOT_TEST_CLOCK", ""), parse_test_clock)
        if get("SBBOT_TEST_CLOCK", "") else None,
        http_port=parse("SBBOT_HTTP_PORT", get("SBBOT_HTTP_PORT", ""), parse_port)
        if get("SBBOT_HTTP_PORT", "") else None,
        http_host=get("SBBOT_HTTP_HOST", "127.0.0.1"),
        admin_channel=parse("SBBOT_ADMIN_CHANNEL", env.get("SBBOT_ADMIN_CHANNEL", "").strip(),
                            parse_admin_channel),
        platforms={platform.name: read for platform in platforms
                   if (read := platform.read(env)) is not None},
    )


PLATFORMS: Final = ("discord", "matrix", "terminal")


def parse_admin_channel(value: str) -> tuple[str, str] | None:
    """`discord:123456789012345678`, `matrix:!room:example.org` or `terminal:terminal`."""
    if not value:
        return None
    platform, _, channel = value.partition(":")
    if platform not in PLATFORMS or not channel:
        raise ValueError(f"expected platform:channel with platform one of {', '.join(PLATFORMS)}"
                         ", e.g. discord:123456789012345678")
    return platform, channel


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def parse(name: str, value: str, parser: Callable[[str], T]) -> T:
    try:
        return parser(value)
    except ValueError as error:
        raise ConfigError(f"{name}: {error}") from None


def parse_port(value: str) -> int:
    if not (value.isascii() and value.isdigit()) or not 0 < int(value) < 65536:
        raise ValueError(f"expected a TCP port from 1 to 65535, got {value[:40]!r}")
    return int(value)


def parse_database(value: str) -> Path | str:
    if value.startswith(("postgresql://", "postgres://")):
        return value
    return Path(value.removeprefix("sqlite:"))


def parse_zone(value: str) -> ZoneInfo:
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a name such as "Europe" is a folder of the zone database, not a zone.
        raise ValueError(f"unknown time zone {value!r} (expected e.g. Europe/Paris)") from None


def parse_clock_time(value: str) -> time:
    try:
        hours, minutes = (int(part) for part in value.split(":"))
        return time(hours, minutes)
    except ValueError:
        raise ValueError(f"expected a time HH:MM, got {value!r}") from None


def bounded(maximum: float) -> Callable[[str], float]:
    def parse_number(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"expected a number, got {value[:40]!r}") from None
        if not 0 <= number <= maximum:
            raise ValueError(f"expected a number from 0 to {maximum:g}, got {value[:40]!r}")
        return number

    return parse_number


def parse_log_level(value: str) -> str:
    level = value.upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ValueError(f"expected DEBUG, INFO, WARNING or ERROR, got {value!r}")
    return level


def read_dotenv(path: Path, platforms: Iterable[PlatformConfig] = ()
                ) -> tuple[dict[str, str], list[str]]:
    """The settings of a `.env` file, and warnings about keys sbbot does not know.

    Anything that would silently drop a setting (bytes that are not UTF-8 text, a NUL, a line
    that does not parse) is a start-up error naming the line: a bot started without the
    settings its admin wrote is worse than one that does not start.
    """
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_DOTENV_BYTES + 1)
    except FileNotFoundError:
        return {}, []
    except OSError as error:
        raise ConfigError(f"{path}: cannot read ({error.strerror})") from None
    if len(raw) > MAX_DOTENV_BYTES:
        raise ConfigError(f"{path}: larger than {MAX_DOTENV_BYTES:,} bytes, not a settings file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ConfigError(f"{path}:{line}: not UTF-8 text (save the file as UTF-8)") from None
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        raise ConfigError(f"{path}:{line}: contains a NUL byte (not a text file?)")
    values: dict[str, str] = {}
    for binding in parse_stream(io.StringIO(text)):
        if binding.error:
            raise ConfigError(f"{path}:{binding.original.line}: cannot read this line "
                              "(expected NAME=value)")
        if binding.key is not None:
            values[binding.key] = binding.value or ""
    return values, [f"{path}: {warning}" for warning in unknown_keys(values, platforms)]


def unknown_keys(names: Iterable[str], platforms: Iterable[PlatformConfig] = ()) -> list[str]:
    """A warning per key that looks meant for sbbot but is not a setting it reads."""
    platforms = list(platforms)
    known = known_settings(platforms)
    prefixes = (CORE_PREFIX, *(platform.prefix for platform in platforms))
    warnings = []
    for name in names:
        if name in known:
            continue
        close = difflib.get_close_matches(name.upper(), known, n=1, cutoff=0.8)
        if close:
            warnings.append(f"unknown setting {name} ignored (did you mean {close[0]}?)")
        elif name.upper().startswith(prefixes):
            warnings.append(f"unknown setting {name} ignored")
    return warnings
