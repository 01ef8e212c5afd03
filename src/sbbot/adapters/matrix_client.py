"""Talking to the homeserver outside the event stream: logging in (reusing one device across
restarts), the first sync, and the room state nio does not interpret (room creators)."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable
from typing import Any

from aiohttp import ClientError
from nio import AsyncClient, LoginError, MatrixRoom, RoomGetStateError, SyncError, WhoamiError

from sbbot.config import ConfigError
from sbbot.store import Store

from .matrix_config import MatrixSettings

SESSION_KEY = "matrix.session"
DEVICE_NAME = "sbbot"
INITIAL_SYNC_TIMEOUT = 120.0
"""nio puts no HTTP timeout on a sync that asks the server not to wait; a first sync of a few
rooms takes well under a second, so this only catches a homeserver that hangs."""
CREATORS_UNPRIVILEGED = frozenset(str(version) for version in range(1, 12))
"""Room versions in which creators hold only the power level written for them."""

log = logging.getLogger("sbbot.adapters.matrix")


class Homeserver:
    def __init__(self, client: AsyncClient, settings: MatrixSettings, store: Store) -> None:
        self.client = client
        self.settings = settings
        self.store = store
        self.user_id = settings.user_id
        self.started_ms = 0
        self._creators_by_room: dict[str, frozenset[str]] = {}

    async def login(self) -> None:
        """Log in with the configured token, else reuse the saved session, else the password.

        A password login creates a device; saving its token and id means a restart reuses
        that device instead of piling up new ones in the account's session list.
        """
        if self.settings.access_token is not None:
            if not await self._restore(self.settings.access_token, None):
                raise ConfigError("MATRIX_ACCESS_TOKEN: the homeserver refused this token")
            return
        saved = await self._saved_session()
        if saved is not None:
            token, device_id = saved
            if await self._restore(token, device_id):
                return
            self.client.device_id = device_id
        await self.login_with_password()

    async def login_with_password(self) -> None:
        """A new access token for our device (a new device the first time), saved."""
        assert self.settings.password is not None
        response = await self._reach(self.client.login(self.settings.password,
                                                       device_name=DEVICE_NAME))
        if isinstance(response, LoginError):
            raise ConfigError(f"MATRIX_PASSWORD: login refused for {self.user_id}: {response}")
        await self.store.set_value(SESSION_KEY, json.dumps({
            "user_id": self.user_id, "device_id": response.device_id,
            "access_token": response.access_token,
        }))

    async def _saved_session(self) -> tuple[str, str] | None:
        raw = await self.store.get_value(SESSION_KEY)
        if raw is None:
            return None
        saved = json.loads(raw)
        if saved.get("user_id") != self.user_id:
            return None
        return str(saved["access_token"]), str(saved["device_id"])

    async def _restore(self, token: str, device_id: str | None) -> bool:
        """Use `token` if the homeserver still accepts it for our user id."""
        self.client.access_token = token
        who = await self._reach(self.client.whoami())
        if isinstance(who, WhoamiError):
            log.warning("Matrix: stored or configured token refused: %s", who)
            self.client.access_token = ""
            return False
        if who.user_id != self.user_id:
            raise ConfigError(f"MATRIX_ACCESS_TOKEN: it belongs to {who.user_id}, "
                              f"not to MATRIX_USER_ID {self.user_id}")
        self.client.restore_login(self.user_id, device_id or who.device_id or "", token)
        return True

    async def _reach(self, request: Awaitable[Any]) -> Any:
        """Await a start-up request, turning an unreachable homeserver into a one-line error."""
        try:
            return await request
        except (ClientError, TimeoutError) as error:
            raise ConfigError(f"MATRIX_HOMESERVER: cannot reach {self.settings.homeserver}: "
                              f"{error or type(error).__name__}") from None

    async def initial_sync(self) -> None:
        """Catch up with the rooms' state before any callback exists.

        Whatever this sync returns happened before the bot started, so it is never
        answered; `started_ms` also fences off history the bot sees when it joins a room.
        """
        self.started_ms = int(time.time() * 1000)
        response = await self._reach(asyncio.wait_for(self.client.sync(timeout=0),
                                                      INITIAL_SYNC_TIMEOUT))
        if isinstance(response, SyncError):
            raise ConfigError(f"MATRIX_HOMESERVER: first sync refused: {response}")

    async def creators(self, room: MatrixRoom) -> frozenset[str]:
        """The room's creators, when its version ranks them above every power level.

        From room version 12 on, the creators are absent from `m.room.power_levels` and
        nio (0.26) reports power level 0 for them, though they own the room. Their ids are
        in the create event (sender and `additional_creators`), which only the full state
        request returns with its sender: fetched once per room.
        """
        if room.room_version in CREATORS_UNPRIVILEGED:
            return frozenset()
        if room.room_id not in self._creators_by_room:
            response = await self.client.room_get_state(room.room_id)
            if isinstance(response, RoomGetStateError):
                log.warning("Matrix: cannot read the creators of %s: %s", room.room_id, response)
                return frozenset()
            create: dict[str, Any] = next((event for event in response.events
                                           if event.get("type") == "m.room.create"), {})
            creators = [create.get("sender"),
                        *create.get("content", {}).get("additional_creators", [])]
            self._creators_by_room[room.room_id] = frozenset(filter(None, creators))
        return self._creators_by_room[room.room_id]
