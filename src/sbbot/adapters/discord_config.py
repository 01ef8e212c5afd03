"""Discord's settings: what `sbbot.config` reads for this platform, with no discord.py
import, so a bad value is reported even where the Discord extra is not installed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sbbot.config import ConfigError, parse, split_list

from .platform import Platform
from .shards import Shards, parse_shard_count, parse_shard_ids


@dataclass(frozen=True)
class DiscordSettings:
    token: str
    guild_id: int | None
    question_channels: frozenset[int]
    admin_roles: frozenset[int]
    owner_ids: frozenset[int] = frozenset()
    shards: Shards | None = None
    """None: one plain (unsharded) connection; else the sharded client on these shards."""


def read(env: Mapping[str, str]) -> DiscordSettings | None:
    token = env.get("DISCORD_TOKEN", "").strip()
    if not token:
        return None
    guild = env.get("DISCORD_GUILD_ID", "").strip()
    return DiscordSettings(
        token=token,
        guild_id=parse("DISCORD_GUILD_ID", guild, parse_snowflake) if guild else None,
        question_channels=snowflakes(env, "DISCORD_QUESTION_CHANNELS"),
        admin_roles=snowflakes(env, "DISCORD_ADMIN_ROLES"),
        owner_ids=snowflakes(env, "DISCORD_OWNER_IDS"),
        shards=shard_settings(env),
    )


def snowflakes(env: Mapping[str, str], name: str) -> frozenset[int]:
    return frozenset(parse(name, item, parse_snowflake)
                     for item in split_list(env.get(name, "")))


def parse_snowflake(value: str) -> int:
    if not value.isdigit():
        raise ValueError(f"expected a numeric Discord id, got {value!r}")
    return int(value)


def shard_settings(env: Mapping[str, str]) -> Shards | None:
    """DISCORD_SHARD_COUNT (a number, or auto) and DISCORD_SHARD_IDS (this process's range).

    Every process of one bot must state the same count, or they would disagree on which
    guild lives on which shard; so a range needs an explicit count.
    """
    count_text = env.get("DISCORD_SHARD_COUNT", "").strip()
    ids_text = env.get("DISCORD_SHARD_IDS", "").strip()
    if not count_text:
        if ids_text:
            raise ConfigError("DISCORD_SHARD_IDS: set DISCORD_SHARD_COUNT too, the total "
                              "number of shards shared by every process")
        return None
    count = parse("DISCORD_SHARD_COUNT", count_text, parse_shard_count)
    if not ids_text:
        return Shards(count, None)
    if count is None:
        raise ConfigError("DISCORD_SHARD_IDS: needs a number in DISCORD_SHARD_COUNT, not "
                          "auto, so that every process agrees on the shards")
    return Shards(count, parse("DISCORD_SHARD_IDS", ids_text,
                               lambda value: parse_shard_ids(value, count)))


DISCORD = Platform(
    name="discord", prefix="DISCORD_",
    settings=frozenset({
        "DISCORD_TOKEN", "DISCORD_GUILD_ID", "DISCORD_QUESTION_CHANNELS", "DISCORD_ADMIN_ROLES",
        "DISCORD_OWNER_IDS", "DISCORD_SHARD_COUNT", "DISCORD_SHARD_IDS",
    }),
    secrets=("DISCORD_TOKEN",), reader=read,
    adapter="sbbot.adapters.discord:DiscordAdapter",
)
