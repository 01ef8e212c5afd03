"""Settings from the environment (and `.env`), validated once at start-up.

Every bad value is reported as one line naming the setting, so an admin can fix a deploy
without reading a traceback. Reading is a pure function of a mapping, so tests pass a dict.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

T = TypeVar("T")


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line naming it."""


@dataclass(frozen=True)
class DiscordSettings:
    token: str
    guild_id: int | None
    question_channels: frozenset[int]
    admin_roles: frozenset[str]


@dataclass(frozen=True)
class MatrixSettings:
    homeserver: str
    user_id: str
    access_token: str | None
    password: str | None
    allowed_servers: frozenset[str]
    admins: frozenset[str]


@dataclass(frozen=True)
class Settings:
    knowledge_dir: Path
    database: Path
    timezone: ZoneInfo
    daily_quote_time: time
    catch_up_hours: float
    question_cooldown: float
    log_level: str
    discord: DiscordSettings | None
    matrix: MatrixSettings | None


def load_settings(env: Mapping[str, str]) -> Settings:
    def get(name: str, default: str) -> str:
        return env.get(name, "").strip() or default

    return Settings(
        knowledge_dir=Path(get("SBBOT_KNOWLEDGE_DIR", "knowledge")),
        database=Path(get("SBBOT_DATABASE", "data/sbbot.sqlite3")),
        timezone=parse("SBBOT_TIMEZONE", get("SBBOT_TIMEZONE", "Europe/Paris"), parse_zone),
        daily_quote_time=parse("SBBOT_DAILY_QUOTE_TIME", get("SBBOT_DAILY_QUOTE_TIME", "09:00"),
                               parse_clock_time),
        catch_up_hours=parse("SBBOT_CATCH_UP_HOURS", get("SBBOT_CATCH_UP_HOURS", "3"),
                             parse_non_negative),
        question_cooldown=parse("SBBOT_QUESTION_COOLDOWN",
                                get("SBBOT_QUESTION_COOLDOWN", "10"), parse_non_negative),
        log_level=parse("SBBOT_LOG_LEVEL", get("SBBOT_LOG_LEVEL", "INFO"), parse_log_level),
        discord=discord_settings(env),
        matrix=matrix_settings(env),
    )


def discord_settings(env: Mapping[str, str]) -> DiscordSettings | None:
    token = env.get("DISCORD_TOKEN", "").strip()
    if not token:
        return None
    guild = env.get("DISCORD_GUILD_ID", "").strip()
    return DiscordSettings(
        token=token,
        guild_id=parse("DISCORD_GUILD_ID", guild, parse_snowflake) if guild else None,
        question_channels=frozenset(
            parse("DISCORD_QUESTION_CHANNELS", item, parse_snowflake)
            for item in split_list(env.get("DISCORD_QUESTION_CHANNELS", ""))
        ),
        admin_roles=frozenset(split_list(env.get("DISCORD_ADMIN_ROLES", ""))),
    )


def matrix_settings(env: Mapping[str, str]) -> MatrixSettings | None:
    homeserver = env.get("MATRIX_HOMESERVER", "").strip()
    user_id = env.get("MATRIX_USER_ID", "").strip()
    access_token = env.get("MATRIX_ACCESS_TOKEN", "").strip() or None
    password = env.get("MATRIX_PASSWORD", "") or None
    if not (homeserver or user_id or access_token or password):
        return None
    if not homeserver.startswith(("http://", "https://")):
        raise ConfigError("MATRIX_HOMESERVER: expected a URL such as https://matrix.example.org")
    if not (user_id.startswith("@") and ":" in user_id):
        raise ConfigError("MATRIX_USER_ID: expected a full user id such as @sbbot:example.org")
    if access_token is None and password is None:
        raise ConfigError("MATRIX_ACCESS_TOKEN: set it, or MATRIX_PASSWORD, to log in")
    own_server = user_id.split(":", 1)[1]
    allowed = split_list(env.get("MATRIX_ALLOWED_SERVERS", "")) or [own_server]
    admins = split_list(env.get("MATRIX_ADMINS", ""))
    for admin in admins:
        if not (admin.startswith("@") and ":" in admin):
            raise ConfigError(f"MATRIX_ADMINS: {admin!r} is not a user id like @name:server")
    return MatrixSettings(homeserver.rstrip("/"), user_id, access_token, password,
                          frozenset(allowed), frozenset(admins))


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def parse(name: str, value: str, parser: Callable[[str], T]) -> T:
    try:
        return parser(value)
    except ValueError as error:
        raise ConfigError(f"{name}: {error}") from None


def parse_zone(value: str) -> ZoneInfo:
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {value!r} (expected e.g. Europe/Paris)") from None


def parse_clock_time(value: str) -> time:
    try:
        hours, minutes = (int(part) for part in value.split(":"))
        return time(hours, minutes)
    except ValueError:
        raise ValueError(f"expected a time HH:MM, got {value!r}") from None


def parse_non_negative(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"expected a number, got {value!r}") from None
    if number < 0 or number != number:
        raise ValueError(f"expected a number >= 0, got {value!r}")
    return number


def parse_snowflake(value: str) -> int:
    if not value.isdigit():
        raise ValueError(f"expected a numeric Discord id, got {value!r}")
    return int(value)


def parse_log_level(value: str) -> str:
    level = value.upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ValueError(f"expected DEBUG, INFO, WARNING or ERROR, got {value!r}")
    return level
