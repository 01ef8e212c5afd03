"""The Matrix adapter against hostile members and a hostile homeserver: malformed events,
disguised questions, room admins who are not operators, mentions and links, sessions signed
out under the bot. A real Synapse, the real engine and store, nio on both sides.

Every expectation waits with a deadline and fails with the tail of Synapse's log, so a broken
homeserver fails the suite quickly instead of hanging it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from nio import RoomSendResponse

from sbbot import logs
from sbbot.adapters.discord import DiscordAdapter
from sbbot.adapters.matrix import MatrixAdapter
from sbbot.adapters.matrix_config import MatrixSettings
from sbbot.adapters.matrix_events import HTML_FORMAT as HTML
from sbbot.cli import serve
from sbbot.cooldown import Cooldown
from sbbot.engine import Engine
from sbbot.scheduler import Schedule
from sbbot.store import Store
from tests.fakediscord import FakeDiscord
from tests.fakediscord.harness import settings_for as discord_settings
from tests.hostile import LEAKS, member_text
from tests.synapse.harness import SERVER_NAME, Account, Synapse, request_json
from tests.synapse.members import (
    WAIT,
    Event,
    Member,
    content,
    room_with_bot,
    running_bot,
)

pytestmark = pytest.mark.usefixtures("strict_client")


# Hostile members ------------------------------------------------------------------------------


MALFORMED: list[Event] = [
    {"msgtype": "m.text", "body": "bonjour", "m.relates_to": "x"},
    {"msgtype": "m.text", "body": "bonjour", "m.relates_to": ["x"]},
    {"msgtype": "m.text", "body": "bonjour", "m.relates_to": None},
    {"msgtype": "m.text", "body": "bonjour", "m.relates_to": 42},
    {"msgtype": "m.text", "body": "bonjour", "m.relates_to": {"m.in_reply_to": "x"}},
    {"msgtype": "m.text", "body": "bonjour", "m.relates_to": {"rel_type": "m.replace",
                                                               "event_id": 42}},
    {"msgtype": "m.text", "body": "bonjour", "m.mentions": "x"},
    {"msgtype": "m.text", "body": "bonjour", "m.mentions": {"user_ids": "x"}},
    {"msgtype": "m.text", "body": "bonjour", "m.mentions": None},
    {"msgtype": "m.text", "body": "bonjour", "format": HTML, "formatted_body": 42},
    {"msgtype": "m.text", "body": "bonjour", "format": HTML, "formatted_body": ["<b>x</b>"]},
    {"msgtype": "m.text"},
    {"msgtype": "m.text", "body": 42},
    {"msgtype": "m.text", "body": ["!raison"]},
    {"msgtype": "m.text", "body": None},
    {"msgtype": 42, "body": "bonjour"},
    {"body": "bonjour"},
    {"msgtype": "m.text", "body": ">" * 30_000},
    {"msgtype": "m.text", "body": "?" * 4000 + "a"},
]


async def test_malformed_events_are_ignored_and_every_platform_keeps_answering(
        synapse: Synapse, engine: Engine, bot_account: Account,
        members: Callable[[str], Member], monkeypatch: pytest.MonkeyPatch) -> None:
    """Matrix and Discord in one `serve`, as `sbbot run` runs them: no event a member can
    send ends the process or the other platform's connection."""
    fake = FakeDiscord()
    await fake.start()
    fake.install(monkeypatch)
    alice, bob = members("alice"), members("bob")
    bot = bot_account.user_id
    matrix = MatrixAdapter(engine, MatrixSettings(
        synapse.url, bot, bot_account.access_token, None, frozenset({SERVER_NAME}),
        frozenset()), Cooldown(0))
    discord_adapter = DiscordAdapter(engine, discord_settings(fake), Cooldown(0))
    plan = Schedule(ZoneInfo("Europe/Paris"), time(9, 0), timedelta(hours=3))
    serving = asyncio.create_task(serve(engine, [discord_adapter, matrix], plan))
    try:
        async with asyncio.timeout(WAIT):
            await matrix.ready.wait()
            await discord_adapter.client.wait_until_ready()
        room = await room_with_bot(alice, bot, bob)
        accepted = []
        for malformed in MALFORMED:
            response = await alice.client.room_send(room, "m.room.message", malformed)
            if isinstance(response, RoomSendResponse):
                accepted.append(malformed)
            else:  # Synapse refuses some shapes itself: nothing reaches the bot
                assert str(response.status_code).startswith("M_"), (malformed, response)
        assert MALFORMED[:4] == accepted[:4]
        threadless = await alice.say(room, "!raison 1",
                                     **{"m.relates_to": {"rel_type": "m.thread"}})
        reply = content(await alice.reply(room, bot, threadless))
        assert reply["body"].startswith("Raison n°1")
        assert "rel_type" not in reply["m.relates_to"]
        asked = await bob.say(room, "!raison 2")
        assert content(await bob.reply(room, bot, asked))["body"].startswith("Raison n°2")
        message_id = await fake.say("!raison 3")
        assert (await fake.next_sent(WAIT)).reference == message_id
        assert not serving.done()
    finally:
        await matrix.close()
        async with asyncio.timeout(WAIT):
            await serving
        await fake.stop()


async def test_the_cooldown_holds_whatever_form_the_question_takes(
        synapse: Synapse, engine: Engine, store: Store, bot_account: Account,
        members: Callable[[str], Member]) -> None:
    alice = members("alice")
    bot = bot_account.user_id
    name = bot.split(":")[0][1:]
    async with running_bot(synapse, engine, store, bot_account, cooldown=60):
        room = await room_with_bot(alice, bot)
        first = await alice.say(room, "Quand a lieu la matinée à Genève ?")
        assert "Genève" in content(await alice.reply(room, bot, first))["body"]
        hidden = await alice.say(room, "!\u200bquestion C’est gratuit ?")
        notice = content(await alice.reply(room, bot, hidden))["body"]
        assert notice.startswith("Merci de votre patience")
        others = [await alice.say(room, text) for text in (
            "   !question C’est gratuit ?", f"{name} : !question C’est gratuit ?",
            "!que\u200bstion gratuit ?", "\ufeff!q gratuit ?")]
        barrier = await alice.say(room, "!raison 1")
        await alice.reply(room, bot, barrier)
        for other in others:
            assert alice.replies_to(room, other) == []


async def test_a_rooms_admin_is_not_an_operator_of_the_bot(
        synapse: Synapse, engine: Engine, store: Store, bot_account: Account,
        members: Callable[[str], Member]) -> None:
    alice, moderator, operator = members("alice"), members("moderator"), members("operator")
    bot = bot_account.user_id
    async with running_bot(synapse, engine, store, bot_account,
                           admins=frozenset({operator.user_id})):
        room = await room_with_bot(alice, bot, moderator, power={moderator.user_id: 50})
        other_room = await room_with_bot(operator, bot)
        for member in (alice, moderator):
            asked = await member.say(room, "!recharger")
            refusal = content(await member.reply(room, bot, asked))["body"]
            assert refusal == "La commande !recharger est réservée aux opérateurs du bot."
        asked = await operator.say(other_room, "!recharger")
        reloaded = content(await operator.reply(other_room, bot, asked))["body"]
        assert reloaded.startswith("Connaissances rechargées")


@pytest.fixture
async def direct_room(synapse: Synapse, engine: Engine, store: Store, bot_account: Account,
                      members: Callable[[str], Member]) -> AsyncIterator[tuple[Member, str]]:
    """One bot and one direct room for every example of a property test."""
    alice = members("alice")
    async with running_bot(synapse, engine, store, bot_account):
        room = await alice.create_room(bot_account.user_id)
        await alice.membership(room, bot_account.user_id, "join")
        yield alice, room


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(["", "!", "!citation ", "!evenement ", "!abonner "]),
       text=member_text)
@example(prefix="!", text="@room")
@example(prefix="!evenement ", text="[Nitro gratuit](https://evil.example/nitro) @room_x")
async def test_no_reply_repeats_a_mention_or_a_link_a_member_typed(
        direct_room: tuple[Member, str], bot_account: Account, prefix: str, text: str) -> None:
    alice, room = direct_room
    asked = await alice.say(room, prefix + text)
    reply = content(await alice.reply(room, bot_account.user_id, asked))
    assert LEAKS.findall(reply["body"] + reply["formatted_body"]) == []


async def test_a_signed_out_session_logs_in_again_with_the_password(
        synapse: Synapse, engine: Engine, store: Store, bot_account: Account,
        members: Callable[[str], Member], caplog: pytest.LogCaptureFixture) -> None:
    alice = members("alice")
    bot = bot_account.user_id
    async with running_bot(synapse, engine, store, bot_account, password=True) as adapter:
        room = await room_with_bot(alice, bot)
        await alice.reply(room, bot, await alice.say(room, "!raison 1"))
        request_json(f"{synapse.url}/_matrix/client/v3/logout", {},
                     token=adapter.client.access_token)
        asked = await alice.say(room, "!raison 2")
        assert content(await alice.reply(room, bot, asked))["body"].startswith("Raison n°2")
    assert "signed out by the homeserver (M_UNKNOWN_TOKEN); logged in again" in caplog.text


async def test_a_signed_out_token_stops_matrix_alone_with_one_line(
        synapse: Synapse, engine: Engine, store: Store, bot_account: Account,
        caplog: pytest.LogCaptureFixture) -> None:
    """Without a password the bot cannot log in again: it says so once and stays idle, so
    `serve` keeps the other platforms of the process running until it is stopped."""
    async with running_bot(synapse, engine, store, bot_account):
        request_json(f"{synapse.url}/_matrix/client/v3/logout", {},
                     token=bot_account.access_token)
        async with asyncio.timeout(WAIT):
            while "signed out" not in caplog.text:
                await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
    lines = [record for record in caplog.records if "signed out" in record.getMessage()]
    assert len(lines) == 1 and lines[0].levelname == "ERROR"
    assert "set MATRIX_PASSWORD" in lines[0].getMessage()
    assert "Traceback" not in caplog.text


def test_library_chatter_is_kept_out_of_an_info_log() -> None:
    """matrix-nio logs every room event at INFO, watchfiles every change it sees: an INFO
    log keeps sbbot's own lines."""
    try:
        logs.configure("INFO")
        assert not logging.getLogger("nio.rooms").isEnabledFor(logging.INFO)
        assert not logging.getLogger("watchfiles.main").isEnabledFor(logging.INFO)
        assert logging.getLogger("sbbot.watch").isEnabledFor(logging.INFO)
        assert logging.getLogger("sbbot.adapters.matrix").isEnabledFor(logging.INFO)
    finally:
        logging.getLogger("nio").setLevel(logging.NOTSET)
        logging.getLogger("watchfiles").setLevel(logging.NOTSET)
        logging.getLogger().setLevel(logging.WARNING)
