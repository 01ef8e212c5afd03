"""The REST half of the fake Discord: the routes discord.py calls, with Discord's limits
on what the bot sends (2,000 characters, embed sizes, empty messages, command names).

`Rest` is mixed into `FakeDiscord` and records what the bot sent in its `sent` and `history`.
"""

from __future__ import annotations

import json
import re

import discord
import yarl
from aiohttp import web

from sbbot.adapters.shards import shard_of
from tests.fakediscord.payloads import (
    JSON,
    Sent,
)


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


class Rest:
    """The REST routes; any other route is recorded in `unknown` and answered 404."""

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
