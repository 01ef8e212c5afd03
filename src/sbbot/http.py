"""`/metrics` (Prometheus) and `/healthz` for operators, when `SBBOT_HTTP_PORT` is set.

Off by default, and bound to 127.0.0.1 unless `SBBOT_HTTP_HOST` says otherwise: the metrics
name no member, but an operator chooses who may read them. aiohttp is already installed
with discord.py, so the server costs no new dependency.

`/healthz` answers 200 only when every configured platform is connected and the store
answers and records; otherwise 503 with the reasons, one per line, so a service manager or
a load balancer can act and a human can read why.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Final

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from sbbot.chat import Announcer
from sbbot.config import ConfigError
from sbbot.engine import Engine
from sbbot.store import StoreError
from sbbot.store.queries import HELD

STORE_CHECK_TIMEOUT: Final = 2.0


async def problems(engine: Engine, adapters: Sequence[Announcer]) -> list[str]:
    """Why the bot is not healthy now (nothing when it is)."""
    found = [f"{adapter.platform}: not connected" for adapter in adapters
             if not adapter.connected()]
    try:
        await asyncio.wait_for(engine.store.check(), STORE_CHECK_TIMEOUT)
    except StoreError as error:
        found.append(f"store: {error}")
    except TimeoutError:
        found.append(f"store: no answer within {STORE_CHECK_TIMEOUT:g} s")
    else:
        if engine.store_down:
            found.append("store: the last write failed (see the log)")
        held = await engine.store.get_value(HELD)
        if held is not None:
            found.append(f"announcements held ({held}) until an admin types !abonner")
    return found


def refresh(engine: Engine, adapters: Sequence[Announcer]) -> None:
    for adapter in adapters:
        engine.metrics.platform_connected.labels(adapter.platform).set(
            1 if adapter.connected() else 0)


def application(engine: Engine, adapters: Sequence[Announcer]) -> web.Application:
    async def metrics(request: web.Request) -> web.Response:
        refresh(engine, adapters)
        return web.Response(body=generate_latest(engine.metrics.registry),
                            headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def healthz(request: web.Request) -> web.Response:
        refresh(engine, adapters)
        found = await problems(engine, adapters)
        if found:
            return web.Response(status=503, text="\n".join(found) + "\n")
        return web.Response(text="ok\n")

    app = web.Application()
    app.router.add_get("/metrics", metrics)
    app.router.add_get("/healthz", healthz)
    return app


async def start(engine: Engine, adapters: Sequence[Announcer], host: str,
                port: int) -> web.AppRunner:
    """Serve until the returned runner is cleaned up. Port 0 picks a free port (tests)."""
    runner = web.AppRunner(application(engine, adapters), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError as error:
        await runner.cleanup()
        raise ConfigError(f"SBBOT_HTTP_PORT: cannot listen on {host}:{port} "
                          f"({error.strerror or error})") from None
    return runner


def bound_port(runner: web.AppRunner) -> int:
    address = runner.addresses[0]
    return int(address[1])
