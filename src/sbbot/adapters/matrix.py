"""The Matrix adapter: matrix-nio's sync in, `m.notice` replies out.

Only what is Matrix's own lives here: the sync loop, joining rooms the bot is invited to
from allowed servers, who is an admin (power levels, creators) or an operator
(`MATRIX_ADMINS`), and replies in threads. End-to-end encryption needs libolm, which we do
not ship: in an encrypted room the bot says so once instead of staying silent.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiohttp import ClientError
from nio import (
    AsyncClient,
    AsyncClientConfig,
    InviteMemberEvent,
    JoinError,
    MatrixRoom,
    MegolmEvent,
    RoomMessageText,
    RoomSendError,
    SyncError,
)

from sbbot.chat import Card, ChannelUnavailable, Reply, Style
from sbbot.config import ConfigError
from sbbot.conversation import Incoming
from sbbot.cooldown import Cooldown
from sbbot.engine import Engine

from .base import ChatAdapter
from .matrix_client import Homeserver
from .matrix_config import MatrixSettings
from .matrix_events import addressed_text, guarded, is_edit, notice_content, reply_relation

ADMIN_POWER_LEVEL = 50
"""Moderator and above, Element's default for "can kick"."""
SYNC_TIMEOUT_MS = 30_000
RETRY_DELAYS = (1.0, 2.0, 5.0, 10.0, 30.0, 60.0)
ENCRYPTED_NOTICE_KEY = "matrix.encrypted_notice:{room}"
GONE = ("M_FORBIDDEN", "M_NOT_FOUND")
"""What the homeserver answers when the bot was kicked or banned, or the room is unknown."""

ENCRYPTED_NOTICE = (
    "Ce salon est chiffré de bout en bout et je ne sais pas lire les messages chiffrés : "
    "je ne peux donc pas répondre ici. Invitez-moi dans un salon non chiffré, ou écrivez-moi "
    "dans un salon direct non chiffré."
)

log = logging.getLogger(__name__)


class MatrixAdapter(ChatAdapter[MatrixSettings]):
    platform = "matrix"
    style = Style("matrix")
    """Member text is made inert by the core's rules; the HTML rendering escapes the rest."""
    message_limit = 8000
    """Well under the 65,536-byte event limit, with the HTML copy of the text beside it."""
    client_config = AsyncClientConfig(
        max_limit_exceeded=3, max_timeouts=2, request_timeout=30,
        encryption_enabled=False, store_sync_tokens=False,
    )
    """nio retries 429s and connection errors forever by default; bounded retries let a dead
    homeserver surface as an error (the sync loop then backs off on its own)."""

    def __init__(self, engine: Engine, settings: MatrixSettings, cooldown: Cooldown) -> None:
        super().__init__(engine, settings, cooldown)
        self.user_id = settings.user_id
        self.client = AsyncClient(settings.homeserver, settings.user_id,
                                  config=self.client_config)
        self.homeserver = Homeserver(self.client, settings, engine.store)
        self._joining: set[str] = set()

    async def connect(self) -> None:
        try:
            await self.homeserver.login()
            await self.homeserver.initial_sync()
            for callback, event_type in ((self._on_invite, InviteMemberEvent),
                                         (self._on_text, RoomMessageText),
                                         (self._on_encrypted, MegolmEvent)):
                self.client.add_event_callback(guarded(callback), event_type)
            for room in list(self.client.invited_rooms.values()):
                if room.inviter is not None:
                    await self._consider_invite(room.room_id, room.inviter)
            self.ready.set()
            log.info("Matrix: connected as %s (device %s), in %d rooms", self.user_id,
                     self.client.device_id, len(self.client.rooms))
            await self._sync_until_closed()
        finally:
            await self.client.close()

    async def disconnect(self) -> None:
        """`closing` (set by `close`) ends the sync loop."""

    async def post(self, channel: str, text: str, card: Card | None) -> None:
        async def part(text: str, card: Card | None, first: bool) -> None:
            response = await self.client.room_send(channel, "m.room.message",
                                                   notice_content(text, card, []))
            if isinstance(response, RoomSendError):
                if response.status_code in GONE:
                    raise ChannelUnavailable(f"{channel}: {response}")
                raise ConnectionError(f"Matrix: cannot post in {channel}: {response}")

        await self.deliver(text, card, part, card_fits=len(text) <= self.message_limit)

    async def _sync_until_closed(self) -> None:
        """Long-poll until `close`; connection trouble is logged and retried with backoff."""
        closed = asyncio.create_task(self.closing.wait())
        failures = 0
        try:
            while not self.closing.is_set():
                sync = asyncio.create_task(self.client.sync(timeout=SYNC_TIMEOUT_MS))
                await asyncio.wait({sync, closed}, return_when=asyncio.FIRST_COMPLETED)
                if not sync.done():
                    sync.cancel()
                    await asyncio.gather(sync, return_exceptions=True)
                    return
                try:
                    response = sync.result()
                except (ClientError, TimeoutError) as error:
                    problem = str(error) or type(error).__name__
                else:
                    if not isinstance(response, SyncError):
                        failures = 0
                        continue
                    if response.status_code in ("M_UNKNOWN_TOKEN", "M_FORBIDDEN"):
                        if await self._signed_out(response.status_code):
                            continue
                        return
                    problem = str(response)
                delay = RETRY_DELAYS[min(failures, len(RETRY_DELAYS) - 1)]
                failures += 1
                log.warning("Matrix: sync failed (%s), retrying in %.0f s", problem, delay)
                await asyncio.wait({closed}, timeout=delay)
        finally:
            closed.cancel()

    async def _signed_out(self, code: str) -> bool:
        """The homeserver revoked our session: log in again with MATRIX_PASSWORD when there
        is one (True); else say so in one line and stay idle until closed (False), so that
        the other platforms of this process keep running."""
        if self.settings.password is not None:
            try:
                await self.homeserver.login_with_password()
            except ConfigError as error:
                log.error("Matrix: signed out by the homeserver, and %s", error)
            else:
                log.warning("Matrix: signed out by the homeserver (%s); logged in again", code)
                return True
        else:
            log.error("Matrix: signed out by the homeserver (%s); set MATRIX_PASSWORD to log "
                      "in again on its own. Matrix stops here, other platforms go on.", code)
        await self.closing.wait()
        return False

    # --- Events ------------------------------------------------------------------------

    async def _on_invite(self, room: MatrixRoom, event: InviteMemberEvent) -> None:
        if event.state_key == self.user_id and event.membership == "invite":
            await self._consider_invite(room.room_id, event.sender)

    async def _consider_invite(self, room_id: str, inviter: str) -> None:
        """Join if the inviter's server is allowed, else decline.

        The same invite can be reported more than once (once per member event of its stripped
        state, again at start-up while pending): `_joining` keeps one answer in flight per
        room, and a late repeat is harmless since joining a joined room changes nothing.
        """
        if room_id in self._joining:
            return
        self._joining.add(room_id)
        try:
            server = inviter.partition(":")[2]
            if server not in self.settings.allowed_servers:
                log.info("Matrix: declining invite to %s from %s (server not allowed)",
                         room_id, inviter)
                await self.client.room_leave(room_id)
                return
            response = await self.client.join(room_id)
            if isinstance(response, JoinError):
                log.warning("Matrix: cannot join %s: %s", room_id, response.message)
            else:
                log.info("Matrix: joined %s, invited by %s", room_id, inviter)
        finally:
            self._joining.discard(room_id)

    async def _on_text(self, room: MatrixRoom, event: RoomMessageText) -> None:
        """A message is for the bot in a direct room (two members), or when it mentions the
        bot by pill, user id or display name."""
        if not self._is_new(event) or is_edit(event):
            return
        member = room.users.get(self.user_id)
        names = [self.user_id, *([member.display_name] if member and member.display_name else [])]
        text, mentioned = addressed_text(event, self.user_id, names)
        is_operator = event.sender in self.settings.admins

        async def respond(reply: Reply) -> None:
            await self._reply(room.room_id, event, reply.text, reply.card)

        await self.hear(Incoming(
            text, room.room_id, room.room_id, event.sender,
            addressed=mentioned or room.member_count == 2,
            is_admin=is_operator or await self._is_admin(room, event.sender),
            is_operator=is_operator,
        ), respond)

    async def _on_encrypted(self, room: MatrixRoom, event: MegolmEvent) -> None:
        if not self._is_new(event):
            return
        key = ENCRYPTED_NOTICE_KEY.format(room=room.room_id)
        if await self.engine.store.get_value(key) is not None:
            return
        await self.engine.store.set_value(key, str(event.server_timestamp))
        await self._reply(room.room_id, event, ENCRYPTED_NOTICE, None)

    def _is_new(self, event: Any) -> bool:
        return bool(event.sender != self.user_id
                    and event.server_timestamp >= self.homeserver.started_ms)

    async def _is_admin(self, room: MatrixRoom, user_id: str) -> bool:
        return (room.power_levels.get_user_level(user_id) >= ADMIN_POWER_LEVEL
                or user_id in await self.homeserver.creators(room))

    async def _reply(self, room_id: str, event: Any, text: str, card: Card | None) -> None:
        async def part(text: str, card: Card | None, first: bool) -> None:
            content = notice_content(text, card, [event.sender] if first else [])
            content["m.relates_to"] = reply_relation(event)
            response = await self.client.room_send(room_id, "m.room.message", content)
            if isinstance(response, RoomSendError):
                log.warning("Matrix: cannot reply in %s: %s", room_id, response)

        await self.deliver(text, card, part, card_fits=len(text) <= self.message_limit)
