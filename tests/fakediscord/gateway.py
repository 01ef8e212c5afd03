"""The gateway half of the fake Discord: IDENTIFY, RESUME and heartbeats per shard, READY
and the guilds of each shard, and events sent to the shard of their guild.

`Gateway` is mixed into `FakeDiscord` and keeps its open connections by shard.
"""

from __future__ import annotations

import json

from aiohttp import WSMsgType, web

from sbbot.adapters.shards import shard_of
from tests.fakediscord.payloads import JSON, MESSAGE_CONTENT_INTENT
from tests.fakediscord.rest import error, json_response


class Gateway:
    """Gateway sessions, one or more per shard (two processes may run the same shard)."""

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
