"""The fake Discord: just enough REST and gateway for discord.py 2.7.1 to run a real bot.

It plays one guild with a few members and channels (more with `add_guild`, spread over
`shard_count` shards as Discord does: each gateway connection identifies as one shard and
receives only the events of its shard's guilds), records everything the bot sends
(channel messages, interaction responses, follow-ups) in `sent`, and records any request it
does not understand in `unknown`, so a test fails instead of passing over a silent 404.
It also enforces the limits the bot must respect (2,000 characters per message, embed sizes,
empty messages), so a client that ignored them would fail here as it would on Discord.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import discord
import pytest
import yarl
from aiohttp import WSMsgType, web

from sbbot.adapters.shards import shard_of

JSON = dict[str, Any]

DISCORD_EPOCH_MS = 1_420_070_400_000
MESSAGE_CONTENT_INTENT = 1 << 15
ADMIN_ROLE_NAME = "Animateurs"
"""A role with no special permission, whose id tests list in `DISCORD_ADMIN_ROLES`."""

ExtraRoles = Mapping[str, tuple[discord.Permissions, tuple[str, ...]]]
"""Roles of an extra guild: name -> (permissions, the members who hold it)."""

MEMBER_PERMISSIONS = discord.Permissions(
    view_channel=True, send_messages=True, embed_links=True, read_message_history=True,
    use_application_commands=True, send_messages_in_threads=True,
)
MENTION = re.compile(r"<@!?(\d+)>")
ROLE_MENTION = re.compile(r"<@&(\d+)>")


def json_response(data: object, status: int = 200) -> web.Response:
    """discord.py only decodes a body whose Content-Type is exactly application/json."""
    return web.Response(status=status, body=json.dumps(data).encode(),
                        headers={"Content-Type": "application/json"})


def error(status: int, code: int, message: str) -> web.Response:
    return json_response({"code": code, "message": message}, status)


def endpoints(url: str) -> tuple[str, yarl.URL]:
    """discord.py's REST base and default gateway for a fake Discord served at `url`."""
    return f"{url}/api/v10", yarl.URL(f"{url.replace('http', 'ws', 1)}/gateway")


COMMAND_NAME = re.compile(r"^[-_\w]{1,32}$")


def command_problem(command: JSON) -> str | None:
    """What Discord would refuse in a slash command payload, if anything."""
    for item in (command, *command.get("options", [])):
        name, description = item["name"], item.get("description", "")
        if not COMMAND_NAME.match(name) or name != name.lower():
            return f"bad name {name!r}"
        if not 1 <= len(description) <= 100:
            return f"{name}: description must be 1 to 100 characters"
    required = [option.get("required", False) for option in command.get("options", [])]
    if required != sorted(required, reverse=True):
        return f"{command['name']}: required options must come first"
    return None


@dataclass(frozen=True)
class Sent:
    """One message the bot created, through whichever endpoint."""

    via: str
    """"channel" (POST /channels/…/messages), "interaction" (callback) or "followup"."""
    channel_id: int
    payload: JSON
    id: int

    @property
    def content(self) -> str:
        return str(self.payload.get("content") or "")

    @property
    def embeds(self) -> list[JSON]:
        return list(self.payload.get("embeds") or [])

    @property
    def allowed_mentions(self) -> object:
        return self.payload.get("allowed_mentions")

    @property
    def reference(self) -> int | None:
        reference = self.payload.get("message_reference")
        return None if reference is None else int(reference["message_id"])


class FakeDiscord:
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

    async def dispatch(self, event: str, data: JSON) -> None:
        """Send an event on the connections of the shard of its guild (DMs: shard 0)."""
        guild = data.get("guild_id") or (data["id"] if event == "GUILD_CREATE" else None)
        connections = self._connections.get(
            shard_of(None if guild is None else int(guild), self.shard_count), [])
        assert connections, f"no bot is connected to the gateway for {event} in guild {guild}"
        await self._send(connections, event, data)

    async def _send(self, connections: list[web.WebSocketResponse], event: str,
                    data: JSON) -> None:
        self._seq += 1
        for ws in connections:
            await ws.send_json({"op": 0, "t": event, "s": self._seq, "d": data})

    # --------------------------------------------------------------- payloads

    def _user(self, name: str, *, bot: bool = False) -> JSON:
        return {"id": str(self.snowflake()), "username": name, "global_name": name.title(),
                "discriminator": "0", "avatar": None, "bot": bot, "public_flags": 0}

    def _role(self, name: str, permissions: discord.Permissions, *, role_id: int | None = None,
              bot_id: str | None = None) -> JSON:
        role: JSON = {"id": str(role_id or self.snowflake()), "name": name,
                      "permissions": str(permissions.value), "position": 0, "color": 0,
                      "hoist": False, "managed": bot_id is not None, "mentionable": False,
                      "flags": 0}
        if bot_id is not None:
            role["tags"] = {"bot_id": bot_id}
        return role

    def _channel(self, name: str, position: int, overwrites: list[JSON],
                 guild_id: int | None = None) -> JSON:
        return {"id": str(self.snowflake()), "type": 0,
                "guild_id": str(guild_id or self.guild_id),
                "name": name, "position": position, "permission_overwrites": overwrites,
                "nsfw": False, "parent_id": None, "topic": None, "last_message_id": None,
                "rate_limit_per_user": 0, "flags": 0}

    def _user_by_name(self, name: str) -> JSON:
        return self.bot_user if name == "sbbot" else self.users[name]

    def _member(self, name: str, *, with_user: bool = True, guild_id: int | None = None
                ) -> JSON:
        """In the main guild, with its roles; in an extra guild, the bot's and those given
        by `add_guild`."""
        if guild_id in self.extra_roles:
            roles = ([self.extra_roles[guild_id][1]["id"]] if name == "sbbot"
                     else self.extra_member_roles[guild_id].get(name, []))
        else:
            roles = [self.roles[role]["id"] for role in self.member_roles[name]]
        member: JSON = {
            "roles": roles,
            "joined_at": "2024-01-01T00:00:00+00:00", "deaf": False, "mute": False,
            "flags": 0, "nick": None, "avatar": None, "premium_since": None, "pending": False,
        }
        if with_user:
            member["user"] = self._user_by_name(name)
        return member

    def _permissions(self, name: str) -> int:
        value = int(self.roles["@everyone"]["permissions"])
        for role in self.member_roles[name]:
            value |= int(self.roles[role]["permissions"])
        return value

    def _guild(self, guild_id: int) -> JSON:
        members = [self._member(name, guild_id=guild_id) for name in (*self.users, "sbbot")]
        roles = self.extra_roles.get(guild_id) or list(self.roles.values())
        channels = [channel for channel in self.channels.values()
                    if int(channel["guild_id"]) == guild_id and channel["type"] != 11]
        threads = [channel for channel in self.channels.values()
                   if int(channel["guild_id"]) == guild_id and channel["type"] == 11]
        return {
            "id": str(guild_id), "name": self.guild_names[guild_id],
            "owner_id": self.users["owner"]["id"], "icon": None, "features": [],
            "roles": roles, "channels": channels,
            "members": members, "member_count": len(members), "large": False,
            "unavailable": False, "emojis": [], "stickers": [], "threads": threads,
            "voice_states": [], "presences": [], "stage_instances": [],
            "guild_scheduled_events": [], "soundboard_sounds": [], "verification_level": 0,
            "default_message_notifications": 0, "explicit_content_filter": 0, "mfa_level": 0,
            "nsfw_level": 0, "premium_tier": 0, "preferred_locale": "fr",
            "system_channel_id": None, "joined_at": "2024-01-01T00:00:00+00:00",
        }

    def _message(self, channel_id: int, author: JSON, content: str, *, guild: bool = True,
                 embeds: list[JSON] | None = None, reference: JSON | None = None) -> JSON:
        mentioned = [user for user in (*self.users.values(), self.bot_user)
                     if user["id"] in MENTION.findall(content)]
        message: JSON = {
            "id": str(self.snowflake()), "channel_id": str(channel_id), "author": author,
            "content": content, "timestamp": "2025-01-01T00:00:00+00:00",
            "edited_timestamp": None, "tts": False,
            "mention_everyone": "@everyone" in content, "mentions": mentioned,
            "mention_roles": ROLE_MENTION.findall(content), "attachments": [],
            "embeds": embeds or [], "pinned": False,
            "type": 19 if reference else 0, "flags": 0, "components": [],
        }
        if guild:
            message["guild_id"] = str(self.guild_of(channel_id) or self.guild_id)
        if reference is not None:
            message["message_reference"] = reference
        return message

    async def _interact(self, kind: int, name: str, author: str, channel: str,
                        options: dict[str, str], focused: str | None) -> int:
        command = self.command(name)
        declared = {option["name"] for option in command.get("options", [])}
        assert set(options) <= declared, f"/{name} has options {declared}, not {set(options)}"
        interaction_id = self.snowflake()
        guild_id = int(self.channels[channel]["guild_id"])
        member = self._member(author, guild_id=guild_id)
        member["permissions"] = str(self._permissions(author))
        data: JSON = {"id": command["id"], "name": name, "type": 1, "options": [
            {"name": key, "type": 3, "value": value, **({"focused": True} if key == focused
                                                         else {})}
            for key, value in options.items()
        ]}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        interaction: JSON = {
            "id": str(interaction_id), "application_id": str(self.application_id),
            "type": kind, "token": f"token-{interaction_id}", "version": 1,
            "guild_id": str(guild_id), "channel_id": self.channels[channel]["id"],
            "channel": self.channels[channel], "member": member, "data": data,
            "app_permissions": str(self._permissions("sbbot")), "locale": "fr",
            "guild_locale": "fr", "attachment_size_limit": 8 * 1024 * 1024,
            "entitlements": [], "authorizing_integration_owners": {"0": str(guild_id)},
            "context": 0,
        }
        self._interactions[interaction_id] = interaction
        await self.dispatch("INTERACTION_CREATE", interaction)
        return interaction_id

    # ----------------------------------------------------------------- gateway

    @property
    def _gateway_url(self) -> str:
        return f"{self.url.replace('http', 'ws', 1)}/gateway"

    async def _gateway_bot(self, request: web.Request) -> web.Response:
        """Only discord.py's sharded client asks, for the recommended shard count."""
        if not self._authorized(request):
            return error(401, 0, "401: Unauthorized")
        return json_response({"url": self._gateway_url, "shards": self.shard_count,
                              "session_start_limit": {"total": 1000, "remaining": 1000,
                                                      "reset_after": 0, "max_concurrency": 1}})

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        shard: int | None = None
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 41250}})
        try:
            async for frame in ws:
                if frame.type is not WSMsgType.TEXT:
                    continue
                packet = json.loads(frame.data)
                if packet["op"] == 1:
                    await ws.send_json({"op": 11})
                elif packet["op"] == 2:
                    shard = await self._identify(ws, packet["d"])
                elif packet["op"] == 6:
                    shard = await self._resume(ws, packet["d"])
                elif packet["op"] != 3:  # 3 is a presence update, which changes nothing here
                    self.unknown.append(f"gateway op {packet['op']}")
        finally:
            if shard is not None:
                self._connections[shard].remove(ws)
        return ws

    async def drop(self, shard: int) -> None:
        """Close the shard's gateway connections as Discord does before a restart (4000:
        the client may resume)."""
        for ws in list(self._connections.get(shard, [])):
            await ws.close(code=4000, message=b"Unknown error.")

    async def _resume(self, ws: web.WebSocketResponse, resume: JSON) -> int | None:
        """A shard coming back with its session: RESUMED, once `resumes` is set."""
        if resume["token"] != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        shard = int(str(resume["session_id"]).removeprefix("fake-session-"))
        await self.resumes.wait()
        self._connections.setdefault(shard, []).append(ws)
        self._seq += 1
        await ws.send_json({"op": 0, "t": "RESUMED", "s": self._seq, "d": {}})
        return shard

    async def _identify(self, ws: web.WebSocketResponse, identify: JSON) -> int | None:
        """Check the IDENTIFY, then send READY and the guilds of its shard; returns the shard."""
        if identify["token"] != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        self.intents = int(identify.get("intents", 0))
        if self.refuse_privileged_intents and self.intents & MESSAGE_CONTENT_INTENT:
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return None
        shard, count = identify.get("shard", [0, 1])
        self.identified.append((shard, count))
        if self.require_sharding and count == 1:
            await ws.close(code=4011, message=b"Sharding required.")
            return None
        if count != self.shard_count or not 0 <= shard < count:
            await ws.close(code=4010, message=b"Invalid shard.")
            return None
        self._connections.setdefault(shard, []).append(ws)
        guilds = [guild_id for guild_id in self.guild_names
                  if shard_of(guild_id, count) == shard]
        self._seq += 1
        await ws.send_json({"op": 0, "t": "READY", "s": self._seq, "d": {
            "v": 10, "user": self.bot_user, "session_id": f"fake-session-{shard}",
            "resume_gateway_url": self._gateway_url, "private_channels": [],
            "guilds": [{"id": str(guild_id), "unavailable": True} for guild_id in guilds],
            "application": {"id": str(self.application_id), "flags": 0},
            "shard": [shard, count],
        }})
        for guild_id in guilds:
            self._seq += 1
            await ws.send_json({"op": 0, "t": "GUILD_CREATE", "s": self._seq,
                                "d": self._guild(guild_id)})
        return shard

    # -------------------------------------------------------------------- REST

    def _authorized(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bot {self.token}"

    async def _unknown(self, request: web.Request) -> web.Response:
        self.unknown.append(f"{request.method} {request.path_qs}")
        return error(404, 0, f"the fake Discord has no route {request.method} {request.path}")

    async def _me(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return error(401, 0, "401: Unauthorized")
        return json_response(self.bot_user)

    async def _application(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return error(401, 0, "401: Unauthorized")
        return json_response({
            "id": str(self.application_id), "name": "sbbot", "description": "",
            "icon": None, "bot_public": True, "bot_require_code_grant": False,
            "owner": self.users["owner"], "team": None, "verify_key": "0" * 64, "flags": 0,
            "summary": "", "rpc_origins": [],
        })

    async def _sync(self, request: web.Request) -> web.Response:
        if not self._authorized(request) or request.match_info["app"] != str(self.application_id):
            return error(401, 0, "401: Unauthorized")
        guild = request.match_info.get("guild")
        scope = None if guild is None else int(guild)
        if scope is not None and scope not in self.guild_names:
            return error(403, 50001, "Missing Access")
        synced: dict[str, JSON] = {}
        commands = await request.json()
        problem = next(filter(None, map(command_problem, commands)), None)
        if problem is not None:
            return error(400, 50035, f"Invalid Form Body: {problem}")
        for command in commands:
            command = {**command, "id": str(self.snowflake()),
                       "application_id": str(self.application_id), "version": "1"}
            if guild is not None:
                command["guild_id"] = guild
            synced[command["name"]] = command
        self.commands[scope] = synced
        return json_response(list(synced.values()))

    def _known_channel(self, channel_id: int) -> bool:
        return (any(int(channel["id"]) == channel_id for channel in self.channels.values())
                or channel_id in self.dm_channels.values())

    async def _get_channel(self, request: web.Request) -> web.Response:
        channel_id = int(request.match_info["channel"])
        for channel in self.channels.values():
            if int(channel["id"]) == channel_id:
                return json_response(channel)
        return error(404, 10003, "Unknown Channel")

    def _check_message(self, payload: JSON, embeds_allowed: bool) -> web.Response | None:
        """Discord's own refusals: too long, too big an embed, or nothing left to show."""
        if len(payload.get("content") or "") > 2000:
            return error(400, 50035, "Invalid Form Body: content must be 2000 or fewer")
        for embed in payload.get("embeds") or []:
            fields = embed.get("fields") or []
            total = sum(len(embed.get(key) or "") for key in ("title", "description")) + sum(
                len(field["name"]) + len(field["value"]) for field in fields) + len(
                (embed.get("footer") or {}).get("text", ""))
            if total > 6000:
                return error(400, 50035, "Invalid Form Body: embed size exceeds 6000")
            limits = {"title": 256, "description": 4096}
            for key, limit in limits.items():
                if len(embed.get(key) or "") > limit:
                    return error(400, 50035, f"Invalid Form Body: embed {key} too long")
            if len((embed.get("footer") or {}).get("text", "")) > 2048:
                return error(400, 50035, "Invalid Form Body: embed footer too long")
            for field in embed.get("fields") or []:
                if not field["name"] or not field["value"] or len(field["name"]) > 256 \
                        or len(field["value"]) > 1024:
                    return error(400, 50035, "Invalid Form Body: bad embed field")
        if not payload.get("content") and not (embeds_allowed and payload.get("embeds")):
            return error(400, 50006, "Cannot send an empty message")
        return None

    def _bot_may_embed(self, channel_id: int) -> bool:
        for channel in self.channels.values():
            if int(channel["id"]) == channel_id:
                if channel["type"] == 11:  # a thread has its parent's permissions
                    return self._bot_may_embed(int(channel["parent_id"]))
                return not any(int(overwrite["deny"]) & discord.Permissions(embed_links=True).value
                               for overwrite in channel["permission_overwrites"])
        return True

    async def _record(self, via: str, channel_id: int, payload: JSON) -> JSON:
        """Store what the bot sent and echo it on the gateway, as Discord does."""
        message = self._message(channel_id, self.bot_user, str(payload.get("content") or ""),
                                guild=channel_id not in self.dm_channels.values(),
                                embeds=payload.get("embeds"),
                                reference=payload.get("message_reference"))
        sent = Sent(via, channel_id, payload, int(message["id"]))
        self.history.append(sent)
        self.sent.put_nowait(sent)
        guild = message.get("guild_id")
        shard = shard_of(None if guild is None else int(guild), self.shard_count)
        # No one may be listening: a soak test kills bot processes while they post.
        live = [ws for ws in self._connections.get(shard, []) if not ws.closed]
        await self._send(live, "MESSAGE_CREATE", message)
        return message

    async def _create_message(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return error(401, 0, "401: Unauthorized")
        channel_id = int(request.match_info["channel"])
        if channel_id in self.forbidden:
            return error(403, 50013, "Missing Permissions")
        if not self._known_channel(channel_id):
            return error(404, 10003, "Unknown Channel")
        if self._rate_limit is not None and channel_id in self._rate_limit[0]:
            _, retry_after, answered = self._rate_limit
            self._rate_limit = None
            answered.set()
            # discord.py takes a 429 without a Via header for a Cloudflare ban.
            return web.Response(status=429, headers={"Content-Type": "application/json",
                                                     "Via": "1.1 google"},
                                body=json.dumps({"message": "You are being rate limited.",
                                                 "retry_after": retry_after,
                                                 "global": False}).encode())
        if request.content_type != "application/json":
            return await self._unknown(request)
        payload = await request.json()
        refusal = self._check_message(payload, self._bot_may_embed(channel_id))
        if refusal is not None:
            return refusal
        return json_response(await self._record("channel", channel_id, payload))

    async def _callback(self, request: web.Request) -> web.Response:
        interaction_id = int(request.match_info["id"])
        interaction = self._interactions.get(interaction_id)
        if interaction is None or request.match_info["token"] != interaction["token"]:
            return error(404, 10062, "Unknown interaction")
        body = await request.json()
        answer: JSON = {"interaction": {"id": str(interaction_id), "type": interaction["type"],
                                        "response_message_loading": False,
                                        "response_message_ephemeral": False}}
        if body["type"] == 8:
            self._choices_for(interaction_id).set_result(body["data"]["choices"])
            return json_response(answer)
        if body["type"] != 4:
            return await self._unknown(request)
        refusal = self._check_message(body["data"], embeds_allowed=True)
        if refusal is not None:
            return refusal
        message = await self._record("interaction", int(interaction["channel_id"]), body["data"])
        answer["interaction"]["response_message_id"] = message["id"]
        answer["resource"] = {"type": 4, "message": message}
        return json_response(answer)

    async def _followup(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        interaction = next((item for item in self._interactions.values()
                            if item["token"] == token), None)
        if interaction is None or request.match_info["app"] != str(self.application_id):
            return error(404, 10015, "Unknown Webhook")
        payload = await request.json()
        refusal = self._check_message(payload, embeds_allowed=True)
        if refusal is not None:
            return refusal
        return json_response(await self._record("followup", int(interaction["channel_id"]),
                                                payload))
