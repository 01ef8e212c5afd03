"""The Matrix adapter: the same engine behind a matrix-nio client.

Thin on purpose: it turns room events into `Message`s, renders `Reply`s as `m.notice`
replies, joins rooms it is invited to from allowed servers, spaces each member's questions
(`sbbot.cooldown`, as on Discord) and posts announcements.
End-to-end encryption needs libolm, which we do not ship: in an encrypted room the bot says
so once instead of staying silent.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import unquote

from aiohttp import ClientError
from nio import (
    AsyncClient,
    AsyncClientConfig,
    InviteMemberEvent,
    LoginError,
    MatrixRoom,
    MegolmEvent,
    RoomGetStateError,
    RoomMessageText,
    RoomSendError,
    SyncError,
    WhoamiError,
)

from sbbot.chat import Announcement, Card, ChannelUnavailable, Reply, Style
from sbbot.config import ConfigError, MatrixSettings
from sbbot.conversation import Conversation, Incoming
from sbbot.cooldown import Cooldown
from sbbot.engine import Engine
from sbbot.inbound import MAX_INPUT_CHARS

PLATFORM = "matrix"
STYLE = Style(PLATFORM)
"""Member text is made inert by the core's rules; the HTML rendering escapes the rest."""
ADMIN_POWER_LEVEL = 50
"""Moderator and above, Element's default for "can kick"."""
CREATORS_UNPRIVILEGED = frozenset(str(version) for version in range(1, 12))
"""Room versions in which creators hold only the power level written for them."""

CLIENT_CONFIG = AsyncClientConfig(
    max_limit_exceeded=3, max_timeouts=2, request_timeout=30,
    encryption_enabled=False, store_sync_tokens=False,
)
"""nio retries 429s and connection errors forever by default; bounded retries let a dead
homeserver surface as an error (the sync loop below then backs off on its own)."""

SYNC_TIMEOUT_MS = 30_000
INITIAL_SYNC_TIMEOUT = 120.0
"""nio puts no HTTP timeout on a sync that asks the server not to wait; a first sync of a few
rooms takes well under a second, so this only catches a homeserver that hangs."""
RETRY_DELAYS = (1.0, 2.0, 5.0, 10.0, 30.0, 60.0)
SESSION_KEY = "matrix.session"
ENCRYPTED_NOTICE_KEY = "matrix.encrypted_notice:{room}"
DEVICE_NAME = "sbbot"
HTML_FORMAT = "org.matrix.custom.html"
GONE = ("M_FORBIDDEN", "M_NOT_FOUND")
"""What the homeserver answers when the bot was kicked or banned, or the room is unknown."""

ENCRYPTED_NOTICE = (
    "Ce salon est chiffré de bout en bout et je ne sais pas lire les messages chiffrés : "
    "je ne peux donc pas répondre ici. Invitez-moi dans un salon non chiffré, ou écrivez-moi "
    "dans un salon direct non chiffré."
)

REPLY_FALLBACK = re.compile(r"\A(?:>[^\n]*\n)+\n?")
"""The quoted lines older clients put at the top of a reply's body (`> <@user> text`)."""

log = logging.getLogger(__name__)


class MatrixAdapter:
    platform = PLATFORM

    def __init__(self, engine: Engine, settings: MatrixSettings, cooldown: Cooldown, *,
                 client_config: AsyncClientConfig = CLIENT_CONFIG) -> None:
        self.engine = engine
        self.settings = settings
        self.store = engine.store
        self.conversation = Conversation(engine, PLATFORM, cooldown, STYLE)
        self.client = AsyncClient(settings.homeserver, settings.user_id, config=client_config)
        self.ready = asyncio.Event()
        """Set once the bot answers: after login and the initial sync (for `sbbot run`'s log
        and for tests, which must not speak before it listens)."""
        self._closed = asyncio.Event()
        self._joining: set[str] = set()
        self._creators_by_room: dict[str, frozenset[str]] = {}
        self._started_ms = 0

    @property
    def user_id(self) -> str:
        return self.settings.user_id

    async def run(self) -> None:
        try:
            await self._login()
            await self._initial_sync()
            self._listen()
            for room in list(self.client.invited_rooms.values()):
                if room.inviter is not None:
                    await self._consider_invite(room.room_id, room.inviter)
            self.ready.set()
            log.info("Matrix: connected as %s (device %s), in %d rooms", self.user_id,
                     self.client.device_id, len(self.client.rooms))
            await self._sync_until_closed()
        finally:
            await self.client.close()

    async def close(self) -> None:
        self._closed.set()

    def connected(self) -> bool:
        return self.ready.is_set() and not self._closed.is_set()

    async def serves(self, channel: str) -> bool:
        """Matrix runs in one process only (see the README), which serves every room."""
        return True

    async def announce(self, announcement: Announcement) -> None:
        await self.ready.wait()
        room_id = announcement.channel
        content = notice_content(announcement.text, announcement.card)
        content["m.mentions"] = {}
        response = await self.client.room_send(room_id, "m.room.message", content)
        if isinstance(response, RoomSendError):
            if response.status_code in GONE:
                raise ChannelUnavailable(f"{room_id}: {response}")
            raise ConnectionError(f"Matrix: cannot post in {room_id}: {response}")

    # --- Connection --------------------------------------------------------------------

    async def _login(self) -> None:
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

    async def _initial_sync(self) -> None:
        """Catch up with the rooms' state before any callback exists.

        Whatever this sync returns happened before the bot started, so it is never
        answered; `_started_ms` also fences off history the bot sees when it joins a room.
        """
        self._started_ms = int(time.time() * 1000)
        response = await self._reach(asyncio.wait_for(self.client.sync(timeout=0),
                                                      INITIAL_SYNC_TIMEOUT))
        if isinstance(response, SyncError):
            raise ConfigError(f"MATRIX_HOMESERVER: first sync refused: {response}")

    def _listen(self) -> None:
        """Every callback is guarded: nio runs them inside `sync`, so one that raised would
        end the sync loop, and with it the whole process, on any member's malformed event."""
        for callback, event_type in ((self._on_invite, InviteMemberEvent),
                                     (self._on_text, RoomMessageText),
                                     (self._on_encrypted, MegolmEvent)):
            self.client.add_event_callback(guarded(callback), event_type)

    async def _sync_until_closed(self) -> None:
        """Long-poll until `close`; connection trouble is logged and retried with backoff."""
        closed = asyncio.create_task(self._closed.wait())
        failures = 0
        try:
            while not self._closed.is_set():
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
                        raise ConnectionError(f"Matrix: logged out by the homeserver: {response}")
                    problem = str(response)
                delay = RETRY_DELAYS[min(failures, len(RETRY_DELAYS) - 1)]
                failures += 1
                log.warning("Matrix: sync failed (%s), retrying in %.0f s", problem, delay)
                await asyncio.wait({closed}, timeout=delay)
        finally:
            closed.cancel()

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
            log.info("Matrix: invited to %s by %s: %s", room_id, inviter, response)
        finally:
            self._joining.discard(room_id)

    async def _on_text(self, room: MatrixRoom, event: RoomMessageText) -> None:
        if not self._is_new(event) or is_edit(event):
            return
        text, addressed = self._read(room, event)
        is_operator = event.sender in self.settings.admins

        async def respond(reply: Reply) -> None:
            await self._reply(room.room_id, event, reply.text, reply.card)

        await self.conversation.handle(Incoming(
            text, room.room_id, room.room_id, event.sender, addressed,
            is_admin=is_operator or await self._is_admin(room, event.sender),
            is_operator=is_operator,
        ), respond)

    async def _on_encrypted(self, room: MatrixRoom, event: MegolmEvent) -> None:
        if self._is_new(event):
            await self._tell_encrypted(room, event)

    async def _tell_encrypted(self, room: MatrixRoom, event: MegolmEvent) -> None:
        key = ENCRYPTED_NOTICE_KEY.format(room=room.room_id)
        if await self.store.get_value(key) is not None:
            return
        await self.store.set_value(key, str(event.server_timestamp))
        await self._reply(room.room_id, event, ENCRYPTED_NOTICE, None)

    def _is_new(self, event: Any) -> bool:
        return bool(event.sender != self.user_id
                    and event.server_timestamp >= self._started_ms)

    def _read(self, room: MatrixRoom, event: RoomMessageText) -> tuple[str, bool]:
        """The message text without the bot's mention, and whether it was meant for the bot.

        A message is for the bot in a direct room (two members), when it carries a pill
        (`m.mentions` or a matrix.to link), or when it names the bot's user id or display name.
        """
        member = room.users.get(self.user_id)
        names = [self.user_id, *([member.display_name] if member and member.display_name else [])]
        content = field(event.source, "content")
        mentioned = self.user_id in listed(field(content, "m.mentions").get("user_ids"))
        formatted = event.formatted_body if isinstance(event.formatted_body, str) else ""
        links = unquote(formatted[: MAX_INPUT_CHARS * 4])
        mentioned = mentioned or f"matrix.to/#/{self.user_id}" in links
        body = event.body if isinstance(event.body, str) else ""
        text = REPLY_FALLBACK.sub("", body[: MAX_INPUT_CHARS * 2])
        for name in names:
            pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)\s*[:,]?", re.IGNORECASE)
            text, count = pattern.subn(" ", text)
            mentioned = mentioned or count > 0
        return text.strip(), mentioned or room.member_count == 2

    async def _is_admin(self, room: MatrixRoom, user_id: str) -> bool:
        return (room.power_levels.get_user_level(user_id) >= ADMIN_POWER_LEVEL
                or user_id in await self._creators(room))

    async def _creators(self, room: MatrixRoom) -> frozenset[str]:
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

    async def _reply(self, room_id: str, event: Any, text: str, card: Card | None) -> None:
        content = notice_content(text, card)
        content["m.relates_to"] = reply_relation(event)
        content["m.mentions"] = {"user_ids": [event.sender]}
        response = await self.client.room_send(room_id, "m.room.message", content)
        if isinstance(response, RoomSendError):
            log.warning("Matrix: cannot reply in %s: %s", room_id, response)


Callback = Callable[[MatrixRoom, Any], Awaitable[None]]


def guarded(callback: Callback) -> Callback:
    """`callback`, logging its failure in one line instead of raising: one member's
    malformed event must not stop the sync loop (and every other platform with it)."""
    async def run(room: MatrixRoom, event: Any) -> None:
        try:
            await callback(room, event)
        except Exception as error:
            log.warning("Matrix: ignored event %s in %s: %s: %s", getattr(event, "event_id", "?"),
                        room.room_id, type(error).__name__, error)
    return run


def field(source: object, key: str) -> dict[str, Any]:
    """`source[key]` when both are JSON objects, else an empty one: event content is
    whatever a member's client sent, of any shape."""
    value = source.get(key) if isinstance(source, dict) else None
    return value if isinstance(value, dict) else {}


def listed(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def relation_of(event: Any) -> dict[str, Any]:
    return field(field(event.source, "content"), "m.relates_to")


def reply_relation(event: Any) -> dict[str, Any]:
    """A reply to `event`, kept in its thread when it has one (else it lands in the room)."""
    relation: dict[str, Any] = {"m.in_reply_to": {"event_id": event.event_id}}
    asked_in = relation_of(event)
    thread = asked_in.get("event_id")
    if asked_in.get("rel_type") == "m.thread" and isinstance(thread, str):
        relation.update(rel_type="m.thread", event_id=thread, is_falling_back=False)
    return relation


def is_edit(event: RoomMessageText) -> bool:
    """Edits repeat the whole message; answering them would answer the question twice."""
    return relation_of(event).get("rel_type") == "m.replace"


def notice_content(text: str, card: Card | None) -> dict[str, Any]:
    """An `m.notice` (bots answer with notices so other bots ignore them) with HTML.

    `m.mentions` is always set by the caller: its presence disables the legacy push rules,
    so an `@room` echoed from a member's message can never notify the whole room.
    """
    return {
        "msgtype": "m.notice",
        "body": text,
        "format": HTML_FORMAT,
        "formatted_body": card_html(card) if card is not None else lines_html(text),
    }


def lines_html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def card_html(card: Card) -> str:
    parts = [f"<strong>{lines_html(card.title)}</strong>", lines_html(card.body)]
    if card.fields:
        parts.append("<br>".join(f"<strong>{lines_html(label)}</strong> : {lines_html(value)}"
                                 for label, value in card.fields))
    if card.footer:
        parts.append(f"<em>{lines_html(card.footer)}</em>")
    return "<br><br>".join(parts)
