"""The Matrix adapter end to end: a real Synapse, the real engine and store, nio on both sides.

Every expectation waits with a deadline and fails with the tail of Synapse's log, so a broken
homeserver fails the suite quickly instead of hanging it.
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import signal
import sqlite3
import stat
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sbbot.adapters.matrix import ENCRYPTED_NOTICE, MatrixAdapter
from sbbot.adapters.matrix_client import SESSION_KEY
from sbbot.adapters.matrix_config import MatrixSettings
from sbbot.chat import ChannelUnavailable
from sbbot.config import ConfigError
from sbbot.cooldown import Cooldown
from sbbot.engine import Engine
from sbbot.scheduler import Schedule, daily_quote_at, send_due
from sbbot.store import Store
from tests.conftest import KNOWLEDGE_DIR, ROOT
from tests.synapse.harness import SERVER_NAME, Account, Synapse, free_port
from tests.synapse.members import (
    PLATFORM,
    WAIT,
    Member,
    content,
    room_with_bot,
    running_bot,
)

pytestmark = pytest.mark.usefixtures("strict_client")


async def test_joins_on_invite_and_answers_commands_mentions_and_questions(
        synapse: Synapse, engine: Engine, store: Store, bot_account: Account,
        members: Callable[[str], Member]) -> None:
    alice, bob = members("alice"), members("bob")
    bot = bot_account.user_id
    async with running_bot(synapse, engine, store, bot_account):
        room = await room_with_bot(alice, bot, bob)

        asked = await alice.say(room, "!raison")
        reason = await alice.reply(room, bot, asked)
        assert content(reason)["msgtype"] == "m.notice"
        assert content(reason)["body"].startswith("Raison n°")
        assert content(reason)["format"] == "org.matrix.custom.html"
        assert "<strong>" in content(reason)["formatted_body"]
        assert content(reason)["m.mentions"] == {"user_ids": [alice.user_id]}

        asked = await bob.say(room, "!agenda")
        agenda = await bob.reply(room, bot, asked)
        assert "Matinée de l’entreprise de demain" in content(agenda)["body"]

        unaddressed = await bob.say(room, "Quand a lieu la matinée à Genève ?")
        pill = await bob.say(
            room, "Assistant : quand a lieu la matinée à Genève ?",
            format="org.matrix.custom.html",
            formatted_body=f'<a href="https://matrix.to/#/{bot}">Assistant</a> : '
                           "quand a lieu la matinée à Genève ?",
            **{"m.mentions": {"user_ids": [bot]}})
        answer = await bob.reply(room, bot, pill)
        assert "Genève" in content(answer)["body"]
        assert "Source :" in content(answer)["body"]
        # The pill's text is whatever the member's client shows ("Assistant"), not the bot's
        # display name; left in the question, it reads as a word the posts never use.
        pill = await bob.say(
            room, "Assistant : qui est Guillaume Foltran ?", format="org.matrix.custom.html",
            formatted_body=f'<a href="https://matrix.to/#/{bot}">Assistant</a> : '
                           "qui est Guillaume Foltran ?",
            **{"m.mentions": {"user_ids": [bot]}})
        answer = await bob.reply(room, bot, pill)
        assert "responsable de la Bureautique Digitale" in content(answer)["body"]

        by_name = await alice.say(room, f"{bot.split(':')[0][1:]}, c’est gratuit ?")
        assert "gratuit" in content(await alice.reply(room, bot, by_name))["body"]
        assert bob.replies_to(room, unaddressed) == []

        in_thread = await bob.say(room, "!articles", **{"m.relates_to": {
            "rel_type": "m.thread", "event_id": asked, "is_falling_back": True,
            "m.in_reply_to": {"event_id": asked}}})
        relation = content(await bob.reply(room, bot, in_thread))["m.relates_to"]
        assert (relation["rel_type"], relation["event_id"]) == ("m.thread", asked)

        direct = await alice.create_room(bot)
        await alice.membership(direct, bot, "join")
        question = await alice.say(direct, "Quand a lieu la matinée à Genève ?")
        assert "Genève" in content(await alice.reply(direct, bot, question))["body"]


async def test_html_in_messages_is_escaped(
        synapse: Synapse, engine: Engine, store: Store, bot_account: Account,
        members: Callable[[str], Member]) -> None:
    alice = members("alice")
    bot = bot_account.user_id
    injection = '<a href="//e.x">x</a><script>1</script>'
    async with running_bot(synapse, engine, store, bot_account):
        room = await alice.create_room(bot)
        await alice.membership(room, bot, "join")

        echoed = await alice.say(room, f"!evenement {injection}")
        reply = content(await alice.reply(room, bot, echoed))
        assert "Je ne connais pas d’événement « ‹a href=" in reply["body"]
        for form in (reply["body"], reply["formatted_body"]):
            assert "<a " not in form and "<script" not in form

        asked = await alice.say(room, f"Qu’est-ce que le social business ? {injection}")
        reply = content(await alice.reply(room, bot, asked))
        assert "<a " not in reply["formatted_body"]
        assert "<script" not in reply["formatted_body"]


async def test_admin_commands_need_power_level_50_or_the_admin_list(
        synapse: Synapse, engine: Engine, store: Store, bot_account: Account,
        members: Callable[[str], Member]) -> None:
    alice, bob, moderator, listed = (members("alice"), members("bob"), members("moderator"),
                                     members("listed"))
    bot = bot_account.user_id
    async with running_bot(synapse, engine, store, bot_account,
                           admins=frozenset({listed.user_id})):
        room = await room_with_bot(alice, bot, bob, moderator, listed,
                                   power={moderator.user_id: 50})

        refused = await bob.say(room, "!abonner citation")
        refusal = content(await bob.reply(room, bot, refused))["body"]
        assert "réservée aux administrateurs" in refusal
        assert await store.subscriptions(PLATFORM) == []

        accepted = await moderator.say(room, "!abonner citation")
        assert "C’est noté" in content(await moderator.reply(room, bot, accepted))["body"]
        assert [sub.kind for sub in await store.subscriptions(PLATFORM)] == ["daily_quote"]

        accepted = await listed.say(room, "!desabonner citation")
        assert "C’est noté" in content(await listed.reply(room, bot, accepted))["body"]
        assert await store.subscriptions(PLATFORM) == []

        accepted = await alice.say(room, "!abonnements")
        assert "abonné à rien" in content(await alice.reply(room, bot, accepted))["body"]


async def test_restarted_bot_keeps_its_device_skips_the_backlog_and_joins_pending_invites(
        synapse: Synapse, engine: Engine, store: Store, bot_account: Account,
        members: Callable[[str], Member]) -> None:
    alice = members("alice")
    bot = bot_account.user_id
    async with running_bot(synapse, engine, store, bot_account, password=True) as first:
        device = first.client.device_id
        room = await room_with_bot(alice, bot)
        answered = await alice.say(room, "!raison")
        await alice.reply(room, bot, answered)

    missed = await alice.say(room, "!raison")
    invited_meanwhile = await alice.create_room(bot)
    async with running_bot(synapse, engine, store, bot_account, password=True) as second:
        assert second.client.device_id == device
        asked = await alice.say(room, "!citation")
        await alice.reply(room, bot, asked)
        await alice.membership(invited_meanwhile, bot, "join")
    assert alice.replies_to(room, missed) == []
    assert synapse.devices(bot_account) == sorted({bot_account.device_id, device})


async def test_invite_from_a_server_not_allowed_is_declined(
        synapse: Synapse, engine: Engine, store: Store, bot_account: Account,
        members: Callable[[str], Member]) -> None:
    alice = members("alice")
    bot = bot_account.user_id
    async with running_bot(synapse, engine, store, bot_account,
                           allowed=frozenset({"example.org"})) as adapter:
        room = await alice.create_room(bot)
        await alice.membership(room, bot, "leave")
        assert room not in adapter.client.rooms


async def test_encrypted_room_is_told_once_that_it_is_not_supported(
        synapse: Synapse, engine: Engine, store: Store, bot_account: Account,
        members: Callable[[str], Member]) -> None:
    alice = members("alice")
    bot = bot_account.user_id
    encryption = {"type": "m.room.encryption", "state_key": "",
                  "content": {"algorithm": "m.megolm.v1.aes-sha2"}}
    ciphertext = {"algorithm": "m.megolm.v1.aes-sha2", "ciphertext": "AwgAEn", "device_id": "X",
                  "sender_key": "c2VuZGVy", "session_id": "c2Vzc2lvbg"}
    async with running_bot(synapse, engine, store, bot_account):
        room = await alice.create_room(bot, state=(encryption,))
        await alice.membership(room, bot, "join")
        first = await alice.send(room, "m.room.encrypted", ciphertext)
        notice = content(await alice.reply(room, bot, first))
        assert notice["body"] == ENCRYPTED_NOTICE
        await alice.send(room, "m.room.encrypted", ciphertext)
        plain = await alice.say(room, "!raison")
        await alice.reply(room, bot, plain)
    notices = [event for event in alice.timeline[room]
               if content(event).get("body") == ENCRYPTED_NOTICE]
    assert len(notices) == 1


async def test_questions_are_spaced_per_member_with_one_notice_and_commands_are_not(
        synapse: Synapse, engine: Engine, store: Store, bot_account: Account,
        members: Callable[[str], Member]) -> None:
    alice, bob = members("alice"), members("bob")
    bot = bot_account.user_id
    async with running_bot(synapse, engine, store, bot_account, cooldown=60):
        room = await room_with_bot(alice, bot)

        first = await alice.say(room, "Quand a lieu la matinée à Genève ?")
        assert "Genève" in content(await alice.reply(room, bot, first))["body"]
        not_limited = await alice.say(room, "!raison 2")
        reason = content(await alice.reply(room, bot, not_limited))
        assert reason["body"].startswith("Raison n°2")

        second = await alice.say(room, "!question C’est gratuit ?")
        notice = content(await alice.reply(room, bot, second))
        assert notice["msgtype"] == "m.notice"
        assert notice["body"].startswith("Merci de votre patience")
        assert "nouvelle question dans" in notice["body"]
        assert notice["m.mentions"] == {"user_ids": [alice.user_id]}

        third = await alice.say(room, "Quand a lieu la matinée à Genève ?")
        alias = await alice.say(room, "!q\nC’est gratuit ?")
        barrier = await alice.say(room, "!raison 1")
        reason = content(await alice.reply(room, bot, barrier))
        assert reason["body"].startswith("Raison n°1")
        assert alice.replies_to(room, third) == []
        assert alice.replies_to(room, alias) == []

        elsewhere = await room_with_bot(bob, bot)
        asked = await bob.say(elsewhere, "Quand a lieu la matinée à Genève ?")
        assert "Genève" in content(await bob.reply(elsewhere, bot, asked))["body"]


async def test_daily_quote_is_announced_in_a_subscribed_room(
        synapse: Synapse, engine: Engine, store: Store, bot_account: Account,
        members: Callable[[str], Member]) -> None:
    alice = members("alice")
    bot = bot_account.user_id
    schedule = Schedule(ZoneInfo("Europe/Paris"), time(9, 0), timedelta(hours=3))
    async with running_bot(synapse, engine, store, bot_account) as adapter:
        room = await room_with_bot(alice, bot)
        await store.subscribe(PLATFORM, room, ["daily_quote"])
        now = daily_quote_at(date(2026, 11, 27), schedule) + timedelta(minutes=1)
        [quote] = await send_due(store, engine.knowledge, {PLATFORM: adapter}, now, schedule)
        posted = await alice.wait_for(room, "daily quote", lambda event: (
            event["sender"] == bot and content(event).get("body") == quote.text))
        assert content(posted)["msgtype"] == "m.notice"
        assert content(posted)["m.mentions"] == {}
        assert quote.card is not None
        assert html.escape(quote.card.title) in content(posted)["formatted_body"]

        without_bot = await alice.create_room()
        with pytest.raises(ChannelUnavailable):
            await adapter.announce(replace(quote, channel=without_bot))


@pytest.mark.parametrize("problem", ["unreachable", "password", "token"])
async def test_start_up_failures_end_run_with_one_line_naming_the_setting(
        synapse: Synapse, engine: Engine, store: Store, bot_account: Account,
        problem: str) -> None:
    homeserver = f"http://127.0.0.1:{free_port()}" if problem == "unreachable" else synapse.url
    settings = MatrixSettings(
        homeserver, bot_account.user_id, "wrong" if problem == "token" else None,
        None if problem == "token" else "wrong", frozenset({SERVER_NAME}), frozenset())
    adapter = MatrixAdapter(engine, settings, Cooldown(0))
    async with asyncio.timeout(WAIT):
        with pytest.raises(ConfigError) as raised:
            await adapter.run()
    setting = {"unreachable": "MATRIX_HOMESERVER", "password": "MATRIX_PASSWORD",
               "token": "MATRIX_ACCESS_TOKEN"}[problem]
    assert str(raised.value).startswith(f"{setting}: ")
    assert "\n" not in str(raised.value)


async def test_sbbot_run_serves_matrix_and_stops_cleanly_on_sigterm(
        synapse: Synapse, bot_account: Account, members: Callable[[str], Member],
        tmp_path: Path) -> None:
    """The real command, configured only by environment variables, as an admin deploys it,
    at DEBUG: not a line of its log may carry the password or the access token it got, and
    the database that keeps that token is its owner's alone."""
    alice = members("alice")
    database = tmp_path / "data" / "bot.sqlite3"
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "SBBOT_LOG_LEVEL": "DEBUG",
        "SBBOT_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR),
        "SBBOT_DATABASE": str(database),
        "MATRIX_HOMESERVER": synapse.url,
        "MATRIX_USER_ID": bot_account.user_id,
        "MATRIX_PASSWORD": bot_account.password,
    }
    environment.pop("DISCORD_TOKEN", None)
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sbbot", "run", env=environment, cwd=tmp_path,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT)
    try:
        room = await room_with_bot(alice, bot_account.user_id)
        asked = await alice.say(room, "!raison 4")
        reason = await alice.reply(room, bot_account.user_id, asked)
        assert content(reason)["body"].startswith("Raison n°4")
    finally:
        bot.send_signal(signal.SIGTERM)
        async with asyncio.timeout(WAIT):
            output, _ = await bot.communicate()
    assert bot.returncode == 0, output.decode()
    assert b"Traceback" not in output
    with sqlite3.connect(database) as connection:
        (session,), = connection.execute("SELECT value FROM value WHERE name = ?",
                                         (SESSION_KEY,))
    token = json.loads(session)["access_token"]
    assert b" DEBUG " in output, "the run logged at DEBUG"
    assert token and token.encode() not in output
    assert bot_account.password.encode() not in output
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(database.parent.stat().st_mode) == 0o700
