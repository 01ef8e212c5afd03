"""The fake Discord: just enough REST and gateway for discord.py 2.7.1 to run a real bot.

It plays one guild with a few members and channels (more with `add_guild`, spread over
`shard_count` shards as Discord does: each gateway connection identifies as one shard and
receives only the events of its shard's guilds), records everything the bot sends
(channel messages, interaction responses, follow-ups) in `sent`, and records any request it
does not understand in `unknown`, so a test fails instead of passing over a silent 404.
It also enforces the limits the bot must respect (2,000 characters per message, embed sizes,
empty messages), so a client that ignored them would fail here as it would on Discord.

This module holds the state and the test API; the JSON it serves is `payloads.py`, the
gateway sessions `gateway.py` and the REST routes `rest.py`, each a mixin of `FakeDiscord`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable

import discord
import pytest
from aiohttp import web

from sbbot.adapters.shards import shard_of
from tests.fakediscord.gateway import Gateway
from tests.fakediscord.payloads import (
    ADMIN_ROLE_NAME,
    DISCORD_EPOCH_MS,
    JSON,
    MEMBER_PERMISSIONS,
    ExtraRoles,
    Payloads,
    Sent,
)
from tests.fakediscord.rest import Rest, endpoints

__all__ = ["ADMIN_ROLE_NAME", "FakeDiscord", "Sent"]


class FakeDiscord(Payloads, Gateway, Rest):
    """One fake guild (or a few) served to one bot; tests drive it with `say`, `dm`, ..."""

    def __init__(self, token: str = "fake-token", *, shard_count: int = 1) -> None:
        self.token = token
        self.shard_count = shard_count
        self._last_id = 0
        self.application_id = self.snowflake()
        self.guild_id = self.guild_snowflake(shard=0)
        self.guild_names: dict[int, str] = {self.guild_id: "Social Business FR"}
        """Every guild the bot is in; each extra one has a role @everyone and the bot's."""
        self.extra_roles: dict[int, list[JSON]] = {}
        self.extra_member_roles: dict[int, dict[str, list[str]]] = {}
        """Role ids held by members in extra guilds."""
        self.users: dict[str, JSON] = {
            name: self._user(name) for name in ("owner", "alice", "bob", "carol", "dave")
        }
        self.bot_user = self._user("sbbot", bot=True)
        everyone = self._role("@everyone", MEMBER_PERMISSIONS, role_id=self.guild_id)
        self.roles: dict[str, JSON] = {
            "@everyone": everyone,
            "Modération": self._role("Modération", discord.Permissions(manage_guild=True)),
            ADMIN_ROLE_NAME: self._role(ADMIN_ROLE_NAME, discord.Permissions.none()),
            "sbbot": self._role("sbbot", MEMBER_PERMISSIONS, bot_id=self.bot_user["id"]),
        }
        self.member_roles: dict[str, list[str]] = {
            "owner": [], "alice": [], "bob": ["Modération"], "carol": [ADMIN_ROLE_NAME],
            "dave": [], "sbbot": ["sbbot"],
        }
        no_embeds = [{"id": everyone["id"], "type": 0, "allow": "0",
                      "deny": str(discord.Permissions(embed_links=True).value)}]
        self.channels: dict[str, JSON] = {
            name: self._channel(name, position, overwrites)
            for position, (name, overwrites) in enumerate([
                ("general", []), ("questions", []), ("annonces", []), ("sans-embeds", no_embeds),
                ("interdit", []),
            ])
        }
        self.forbidden: set[int] = {int(self.channels["interdit"]["id"])}
        """Channels that answer 403 to every post, whatever the permissions seem to say."""
        self.deleted_channel_id = self.snowflake()
        self.dm_channels: dict[str, int] = {name: self.snowflake() for name in self.users}
        self.commands: dict[int | None, dict[str, JSON]] = {}
        """Slash commands as synced: per guild id, or under None for global ones."""
        self.sent: asyncio.Queue[Sent] = asyncio.Queue()
        """What the bot sent and the test has not looked at yet."""
        self.history: list[Sent] = []
        """Everything the bot sent, for checks that hold for every message."""
        self.unknown: list[str] = []
        self.refuse_privileged_intents = False
        self.require_sharding = False
        """Close an unsharded session with 4011, as Discord does past 2,500 guilds."""
        self._rate_limit: tuple[frozenset[int], float, asyncio.Event] | None = None
        self.intents: int | None = None
        self._interactions: dict[int, JSON] = {}
        self._choices: dict[int, asyncio.Future[list[JSON]]] = {}
        self._connections: dict[int, list[web.WebSocketResponse]] = {}
        """Open gateway connections by shard id (two processes may run the same shard)."""
        self.identified: list[tuple[int, int]] = []
        """The `[shard_id, shard_count]` of every IDENTIFY, in order."""
        self.resumes = asyncio.Event()
        """While clear, a RESUME waits for its RESUMED: a shard that stays down."""
        self.resumes.set()
        self._seq = 0
        self._runner: web.AppRunner | None = None
        self.url = ""

    # ----------------------------------------------------------------- setup

    async def start(self) -> None:
        app = web.Application()
        route = app.router
        route.add_get("/gateway", self._gateway)
        api = "/api/v10"
        route.add_get(f"{api}/gateway/bot", self._gateway_bot)
        route.add_get(f"{api}/users/@me", self._me)
        route.add_get(f"{api}/oauth2/applications/@me", self._application)
        route.add_put(f"{api}/applications/{{app}}/commands", self._sync)
        route.add_put(f"{api}/applications/{{app}}/guilds/{{guild}}/commands", self._sync)
        route.add_get(f"{api}/channels/{{channel}}", self._get_channel)
        route.add_post(f"{api}/channels/{{channel}}/messages", self._create_message)
        route.add_post(f"{api}/interactions/{{id}}/{{token}}/callback", self._callback)
        route.add_post(f"{api}/webhooks/{{app}}/{{token}}", self._followup)
        route.add_route("*", "/{tail:.*}", self._unknown)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Point discord.py's REST base and default gateway at this server, and shorten
        the adapter's wait for guilds after connecting."""
        from sbbot.adapters.discord import DiscordAdapter

        monkeypatch.setattr(DiscordAdapter, "guild_ready_timeout", 0.05)
        base, gateway = endpoints(self.url)
        monkeypatch.setattr(discord.http.Route, "BASE", base)
        monkeypatch.setattr(discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", gateway)

    async def stop(self) -> None:
        for connections in list(self._connections.values()):
            for ws in list(connections):
                await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # ------------------------------------------------------------ test API

    def snowflake(self) -> int:
        """A fresh id stamped with the current time (discord.py expires old interactions)."""
        stamped = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
        self._last_id = max(stamped, self._last_id + 1)
        return self._last_id

    def guild_snowflake(self, *, shard: int) -> int:
        """A fresh id for a guild that Discord would place on `shard`."""
        guild_id = self.snowflake()
        while shard_of(guild_id, self.shard_count) != shard:
            guild_id += 1 << 22
        self._last_id = max(self._last_id, guild_id)
        return guild_id

    def add_guild(self, name: str, *, shard: int, channels: tuple[str, ...] = ("general",),
                  roles: ExtraRoles | None = None) -> int:
        """Another guild with the bot and every member in it, on `shard`; its channels are
        named `{channel}@{name}` in `channels`. Members hold no role there unless `roles`
        gives them one (say, a role named like the main guild's admin role). Returns the
        guild id."""
        guild_id = self.guild_snowflake(shard=shard)
        self.guild_names[guild_id] = name
        self.extra_roles[guild_id] = [
            self._role("@everyone", MEMBER_PERMISSIONS, role_id=guild_id),
            self._role("sbbot", MEMBER_PERMISSIONS, bot_id=self.bot_user["id"]),
        ]
        held = self.extra_member_roles.setdefault(guild_id, {})
        for role_name, (permissions, holders) in (roles or {}).items():
            role = self._role(role_name, permissions)
            self.extra_roles[guild_id].append(role)
            for holder in holders:
                held.setdefault(holder, []).append(role["id"])
        for position, channel in enumerate(channels):
            self.channels[f"{channel}@{name}"] = self._channel(channel, position, [], guild_id)
        return guild_id

    def add_thread(self, name: str, *, parent: str) -> int:
        """A public thread under the channel `parent`, active when the bot connects (Discord
        lists those in GUILD_CREATE); members post in it with `say(channel=name)`."""
        parent_channel = self.channels[parent]
        thread: JSON = {
            "id": str(self.snowflake()), "type": 11, "guild_id": parent_channel["guild_id"],
            "parent_id": parent_channel["id"], "owner_id": self.users["alice"]["id"],
            "name": name, "last_message_id": None, "rate_limit_per_user": 0,
            "message_count": 0, "member_count": 1, "flags": 0,
            "thread_metadata": {"archived": False, "auto_archive_duration": 1440,
                                "archive_timestamp": "2025-01-01T00:00:00+00:00",
                                "locked": False},
        }
        self.channels[name] = thread
        return int(thread["id"])

    def guild_of(self, channel_id: int) -> int | None:
        """The guild of a channel, None for a DM channel."""
        for channel in self.channels.values():
            if int(channel["id"]) == channel_id:
                return int(channel["guild_id"])
        return None

    def role_id(self, name: str) -> int:
        """A role of the main guild."""
        return int(self.roles[name]["id"])

    def channel_id(self, name: str) -> int:
        return int(self.channels[name]["id"])

    def user_id(self, name: str) -> int:
        return int(self.users[name]["id"])

    @property
    def bot_mention(self) -> str:
        return f"<@{self.bot_user['id']}>"

    async def say(self, content: str, *, author: str = "alice", channel: str = "general") -> int:
        """A member posts `content` in a guild channel; returns the message id."""
        message = self._message(self.channel_id(channel), self.users[author], content)
        message["member"] = self._member(author, with_user=False,
                                         guild_id=int(message["guild_id"]))
        await self.dispatch("MESSAGE_CREATE", message)
        return int(message["id"])

    async def dm(self, content: str, *, author: str = "alice") -> int:
        message = self._message(self.dm_channels[author], self.users[author], content,
                                guild=False)
        await self.dispatch("MESSAGE_CREATE", message)
        return int(message["id"])

    async def slash(self, name: str, *, author: str = "alice", channel: str = "general",
                    **options: str) -> int:
        """A member runs `/name option:value ...`; returns the interaction id."""
        await self._interact(2, name, author, channel, options, focused=None)
        return self._last_id

    async def autocomplete(self, name: str, option: str, value: str, *,
                           author: str = "alice", channel: str = "general") -> list[JSON]:
        """The choices the bot offers while a member types `value` into `option`."""
        interaction_id = await self._interact(4, name, author, channel, {option: value},
                                              focused=option)
        return await asyncio.wait_for(self._choices_for(interaction_id), 2)

    def _choices_for(self, interaction_id: int) -> asyncio.Future[list[JSON]]:
        """Created by whichever comes first: the test waiting, or the bot answering."""
        return self._choices.setdefault(interaction_id,
                                        asyncio.get_running_loop().create_future())

    def rate_limit_next_post(self, channels: Iterable[int], retry_after: float) -> asyncio.Event:
        """Answer the next post in one of `channels` with 429, as Discord does to a bot that
        posts too fast: discord.py waits `retry_after` seconds and sends it again. The event
        is set once the 429 is answered."""
        answered = asyncio.Event()
        self._rate_limit = (frozenset(channels), retry_after, answered)
        return answered

    async def next_sent(self, timeout: float = 2.0) -> Sent:
        return await asyncio.wait_for(self.sent.get(), timeout)

    def command_names(self, guild_id: int | None) -> set[str]:
        return set(self.commands.get(guild_id, {}))

    def command(self, name: str) -> JSON:
        """A synced command, guild-local first as Discord resolves them."""
        for scope in (self.guild_id, None):
            if name in self.commands.get(scope, {}):
                return self.commands[scope][name]
        raise AssertionError(f"/{name} was never synced: {self.commands}")
