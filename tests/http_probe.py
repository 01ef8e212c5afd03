"""A platform the test switches on and off, and a client for the bot's `/metrics` and
`/healthz`, shared by the HTTP and shard tests."""

from __future__ import annotations

import re
from dataclasses import dataclass

import aiohttp


@dataclass
class Platform:
    """A platform whose connection the test switches on and off."""

    platform: str = "discord"
    up: bool = True

    def connected(self) -> bool:
        return self.up


@dataclass
class Served:
    base: str
    platform: Platform
    session: aiohttp.ClientSession

    async def get(self, path: str) -> tuple[int, str]:
        async with self.session.get(self.base + path) as response:
            return response.status, await response.text()

    async def metric(self, name: str) -> float:
        _, text = await self.get("/metrics")
        found = re.search(rf"^{re.escape(name)} (\S+)$", text, re.MULTILINE)
        assert found is not None, f"{name} not in /metrics"
        return float(found.group(1))
