"""The `sbbot_discord_shards` gauge: how many of this process's Discord shards have their
gateway connection up, kept from discord.py's connection events.

Mixins of the adapter's two clients, since discord.py calls an event's `on_…` method on the
client itself. The plain client's one connection counts as shard 0; the sharded client
counts the shard events, which carry the shard's id (it fires the plain ones too, without).
"""

from __future__ import annotations

from prometheus_client import Gauge


class ConnectionGauge:
    _gauge: Gauge
    _connected: set[int]

    def watch_shards(self, gauge: Gauge) -> None:
        self._gauge = gauge
        self._connected = set()

    def all_shards_up(self) -> bool:
        """Every shard this process runs has its connection up (the plain client: shard 0);
        discord.py's ready flag stays set while a connection is down and being resumed."""
        return self._connected.issuperset(getattr(self, "shard_ids", None) or [0])

    def shard_up(self, shard_id: int, up: bool) -> None:
        if up:
            self._connected.add(shard_id)
        else:
            self._connected.discard(shard_id)
        self._gauge.set(len(self._connected))

    async def on_connect(self) -> None:
        self.shard_up(0, True)

    async def on_resumed(self) -> None:
        self.shard_up(0, True)

    async def on_disconnect(self) -> None:
        self.shard_up(0, False)


class ShardConnectionGauge(ConnectionGauge):
    async def on_connect(self) -> None:
        pass

    async def on_resumed(self) -> None:
        pass

    async def on_disconnect(self) -> None:
        pass

    async def on_shard_connect(self, shard_id: int) -> None:
        self.shard_up(shard_id, True)

    async def on_shard_resumed(self, shard_id: int) -> None:
        self.shard_up(shard_id, True)

    async def on_shard_disconnect(self, shard_id: int) -> None:
        self.shard_up(shard_id, False)
