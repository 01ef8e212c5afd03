"""Which Discord shards a process runs, and so which guilds it serves.

Discord spreads a bot's guilds over `count` gateway connections (shards): a guild lives on
shard `(guild_id >> 22) % count`, and only that shard receives its messages. Several `sbbot`
processes can therefore share one bot, each running a range of shard ids, and each must also
post announcements only in the guilds of its own shards: a process that claimed another
shard's announcement would either post it from the wrong process or, worse, claim it and
leave it to nobody. Direct messages always arrive on shard 0.

Pure (no discord.py import), so the settings can be checked without the Discord extra.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_SHARDS = 65_536
"""A sanity bound, far above what any bot needs (Discord asks for one shard per ~1,000
guilds), so that a typo such as `DISCORD_SHARD_COUNT=40000000` is refused."""


@dataclass(frozen=True)
class Shards:
    """`count` shards in all, of which this process runs `ids`.

    `count` None means Discord's recommended count (asked at login) with every shard in this
    process, which only makes sense for a single process.
    """

    count: int | None
    ids: tuple[int, ...] | None

    def carries(self, guild_id: int | None) -> bool:
        """Whether a guild (None: a direct message) is served by this process's shards."""
        if self.count is None or self.ids is None:
            return True
        return shard_of(guild_id, self.count) in self.ids


def shard_of(guild_id: int | None, count: int) -> int:
    """Discord's rule; direct messages (no guild) are sent on shard 0."""
    return 0 if guild_id is None else (guild_id >> 22) % count


def parse_shard_count(value: str) -> int | None:
    """`auto` (Discord's recommendation) or a number of shards from 1 up."""
    if value.lower() == "auto":
        return None
    if not value.isdigit() or not 1 <= int(value) <= MAX_SHARDS:
        raise ValueError(f"expected a number of shards from 1 to {MAX_SHARDS} or auto, "
                         f"got {value!r}")
    return int(value)


def parse_shard_ids(value: str, count: int) -> tuple[int, ...]:
    """Shard ids such as `0-3`, `0,2` or `0-1,4`: each below `count`, none twice."""
    ids: list[int] = []
    for item in (part.strip() for part in value.split(",")):
        first, dash, last = item.partition("-")
        if not first.strip().isdigit() or (dash and not last.strip().isdigit()):
            raise ValueError(f"expected shard ids such as 0-3 or 0,2, got {value!r}")
        low, high = int(first), int(last) if dash else int(first)
        if low > high:
            raise ValueError(f"the range {item!r} runs backwards")
        if high >= count:
            raise ValueError(f"shard {high} does not exist: with DISCORD_SHARD_COUNT={count} "
                             f"the ids go from 0 to {count - 1}")
        ids.extend(range(low, high + 1))
    repeated = sorted({shard for shard in ids if ids.count(shard) > 1})
    if repeated:
        raise ValueError(f"shard {repeated[0]} is listed twice")
    return tuple(sorted(ids))
