"""Discord delivery through discord.py's real client: announcements, start-up failures and
shutdown, long answers, forbidden channels, threads and embeds over Discord's limits.

Every test runs a real `commands.Bot` against the fake Discord with the real engine, router
and store; see `tests/fakediscord/harness.py`.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sbbot.adapters.discord import EMBED_LIMIT, DiscordAdapter, card_embed
from sbbot.chat import Announcement, Card, ChannelUnavailable, Message, Reply
from sbbot.config import ConfigError
from sbbot.cooldown import Cooldown
from sbbot.engine import Engine
from sbbot.scheduler import Schedule, daily_quote_at, run_scheduler
from sbbot.store import Store
from tests.conftest import KNOWLEDGE_DIR
from tests.fakediscord import FakeDiscord
from tests.fakediscord.harness import (
    StartBot,
    barrier,
    eventually,
    reply_to,
    settings_for,
)

pytestmark = pytest.mark.usefixtures("shared_knowledge")


# Announcements --------------------------------------------------------------------------------


def announcement(channel: int | str,
                 text: str = "Citation du jour : « Partager. »") -> Announcement:
    at = daily_quote_at(date(2026, 11, 28),
                        Schedule(ZoneInfo("Europe/Paris"), time(9), timedelta()))
    return Announcement("daily_quote", "discord", str(channel), at, f"test/{channel}", text)


async def test_an_announcement_is_posted_and_split_when_long(
        fake: FakeDiscord, bot: DiscordAdapter) -> None:
    await bot.announce(announcement(fake.channel_id("annonces")))
    sent = await fake.next_sent()
    assert (sent.channel_id, sent.content, sent.reference) == \
        (fake.channel_id("annonces"), "Citation du jour : « Partager. »", None)
    await bot.announce(announcement(fake.channel_id("annonces"), "mot " * 1200))
    parts = [await fake.next_sent() for _ in range(3)]
    assert all(len(part.content) <= 2000 for part in parts)


async def test_forbidden_or_deleted_channels_raise_channel_unavailable(
        fake: FakeDiscord, bot: DiscordAdapter) -> None:
    for channel in (fake.channel_id("interdit"), fake.deleted_channel_id, "pas-un-id"):
        with pytest.raises(ChannelUnavailable):
            await bot.announce(announcement(channel))


async def test_the_scheduler_posts_the_daily_quote_despite_a_forbidden_channel(
        fake: FakeDiscord, bot: DiscordAdapter, engine: Engine, store: Store,
        caplog: pytest.LogCaptureFixture) -> None:
    for channel in ("interdit", "annonces"):
        await store.subscribe("discord", str(fake.channel_id(channel)), ["daily_quote"])
    # The engine's clock says 11:00 in Paris: the 09:00 quote is due, within the catch-up.
    schedule = Schedule(ZoneInfo("Europe/Paris"), time(9), timedelta(hours=3))
    stop = asyncio.Event()
    loop = asyncio.create_task(run_scheduler(engine, {"discord": bot}, schedule, stop=stop,
                                             interval=0.01))
    sent = await fake.next_sent()
    assert sent.channel_id == fake.channel_id("annonces")
    assert sent.embeds[0]["title"] == "Citation du jour"
    await asyncio.sleep(0.05)  # more passes: neither channel is tried again
    stop.set()
    await loop
    await barrier(fake)
    assert caplog.text.count("channel unavailable") == 1


# Start and stop -------------------------------------------------------------------------------


async def test_a_rejected_token_is_a_one_line_config_error(
        fake: FakeDiscord, engine: Engine) -> None:
    adapter = DiscordAdapter(engine, settings_for(fake, token="wrong"), Cooldown(0))
    with pytest.raises(ConfigError, match=r"^DISCORD_TOKEN: rejected by Discord") as error:
        await asyncio.wait_for(adapter.run(), 5)
    assert "\n" not in str(error.value)


async def test_a_refused_message_content_intent_is_a_config_error(
        fake: FakeDiscord, engine: Engine) -> None:
    fake.refuse_privileged_intents = True
    adapter = DiscordAdapter(engine, settings_for(fake), Cooldown(0))
    with pytest.raises(ConfigError, match="Message Content"):
        await asyncio.wait_for(adapter.run(), 5)


async def test_a_guild_the_bot_is_not_in_is_a_config_error(
        fake: FakeDiscord, engine: Engine) -> None:
    settings = replace(settings_for(fake), guild_id=fake.guild_id + 1)
    adapter = DiscordAdapter(engine, settings, Cooldown(0))
    with pytest.raises(ConfigError, match=r"^DISCORD_GUILD_ID: "):
        await asyncio.wait_for(adapter.run(), 5)


async def test_an_unreachable_discord_is_a_config_error(
        fake: FakeDiscord, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    await fake.stop()
    adapter = DiscordAdapter(engine, settings_for(fake), Cooldown(0))
    with pytest.raises(ConfigError, match=r"^DISCORD_TOKEN: cannot reach Discord"):
        await asyncio.wait_for(adapter.run(), 5)


async def test_close_ends_run(fake: FakeDiscord, engine: Engine) -> None:
    adapter = DiscordAdapter(engine, settings_for(fake), Cooldown(0))
    running = asyncio.create_task(adapter.run())
    await asyncio.wait_for(adapter.client.wait_until_ready(), 5)
    assert fake.intents is not None and fake.intents & (1 << 15)  # message content
    await adapter.close()
    await asyncio.wait_for(running, 5)
    assert adapter.client.is_closed()


# Long answers and shutdown (issue 16) ---------------------------------------------------------


LONG_PASSAGE = "\n\n".join(
    f"Le zorglub numéro {number} est une pratique collaborative qui " + "partage le savoir " * 12
    for number in range(14))


def engine_with_zorglub(tmp_path: Path, store: Store, passage: str) -> Engine:
    """The shipped knowledge plus one passage, `coop-zorglub`, reached by its hint."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, knowledge)
    post = knowledge / "posts" / "cooperation-collaboration.yaml"
    text = "\n".join("      " + line if line else "" for line in passage.splitlines())
    post.write_text(post.read_text(encoding="utf-8").replace("passages:\n", (
        "passages:\n  - id: coop-zorglub\n    text: |-\n" + text + "\n"
        "    hints:\n      questions:\n        - \"Qu’est-ce que le zorglub ?\"\n"), 1),
        encoding="utf-8")
    return Engine(knowledge, store)


@pytest.fixture
def long_answer_engine(tmp_path: Path, store: Store) -> Engine:
    """The shipped knowledge plus one passage of about 3,000 characters."""
    return engine_with_zorglub(tmp_path, store, LONG_PASSAGE)


async def test_a_long_plain_text_answer_arrives_whole_with_its_source(
        fake: FakeDiscord, long_answer_engine: Engine) -> None:
    """Without Embed Links the answer is text: split between words, never cut short."""
    assert len(LONG_PASSAGE) > 2500
    adapter = DiscordAdapter(long_answer_engine, settings_for(fake), Cooldown(0))
    running = asyncio.create_task(adapter.run())
    try:
        await asyncio.wait_for(adapter.ready.wait(), 5)
        asked = await fake.say(f"{fake.bot_mention} Qu’est-ce que le zorglub ?",
                               channel="sans-embeds")
        parts = [await fake.next_sent(), await fake.next_sent()]
        assert [part.reference for part in parts] == [asked, None]
        assert all(part.embeds == [] and len(part.content) <= 2000 for part in parts)
        whole = "\n\n".join(part.content for part in parts)
        assert whole.startswith(LONG_PASSAGE[:200])
        source = next(post.title for post in long_answer_engine.knowledge.posts
                      if post.slug == "cooperation-collaboration")
        assert "".join(whole.split()) == "".join(f"{LONG_PASSAGE} Source : « {source} »".split())
        await barrier(fake)
    finally:
        await adapter.close()
        await asyncio.wait_for(running, 5)


async def test_an_announcement_pending_when_the_start_fails_is_abandoned_at_once(
        fake: FakeDiscord, engine: Engine) -> None:
    """discord.py's ready event never comes after a failed login (and `close` clears it):
    an announcement waiting for it is abandoned when the adapter closes, instead of
    holding the shutdown for the scheduler's 300 s announcement timeout."""
    adapter = DiscordAdapter(engine, settings_for(fake, token="wrong"), Cooldown(0))
    pending = asyncio.create_task(adapter.announce(announcement(fake.channel_id("annonces"))))
    with pytest.raises(ConfigError, match=r"^DISCORD_TOKEN: rejected"):
        await asyncio.wait_for(adapter.run(), 5)
    assert not pending.done()
    await adapter.close()
    with pytest.raises(ChannelUnavailable, match="shutting down"):
        await asyncio.wait_for(pending, 1)


# Forbidden channels, threads, oversized embeds (issue 16) -------------------------------------




async def test_a_reply_refused_with_403_is_a_warning_and_the_bot_answers_elsewhere(
        fake: FakeDiscord, bot: DiscordAdapter, caplog: pytest.LogCaptureFixture) -> None:
    """The fake answers every post in `interdit` with 403 Missing Permissions, whatever the
    cached permissions say: the bot logs one warning, and goes on answering elsewhere."""
    caplog.set_level(logging.WARNING, logger="sbbot")
    forbidden = fake.channel_id("interdit")
    await fake.say(f"{fake.bot_mention} Quand a lieu la matinée à Genève ?", channel="interdit")
    await fake.say("!raison 3", channel="interdit")
    warning = f"cannot answer in channel {forbidden}"
    await eventually(lambda: caplog.text.count(warning) == 2)
    assert "Missing Permissions" in caplog.text
    await barrier(fake)
    await barrier(fake, "questions")
    assert [sent for sent in fake.history if sent.channel_id == forbidden] == []


async def test_a_question_in_a_thread_of_a_question_channel_is_answered_in_the_thread(
        fake: FakeDiscord, start_bot: StartBot) -> None:
    in_questions = fake.add_thread("fil-questions", parent="questions")
    fake.add_thread("fil-general", parent="general")
    await start_bot()
    asked = await fake.say("Comment convaincre sa direction du social business",
                           channel="fil-questions")
    sent = await reply_to(fake, asked)
    assert sent.channel_id == in_questions
    assert sent.embeds, "the thread inherits its parent's Embed Links"
    await fake.say("D'accord, merci beaucoup.", channel="fil-questions")
    # A thread of an ordinary channel is no question channel: an unaddressed question waits.
    await fake.say("Comment convaincre sa direction du social business", channel="fil-general")
    await barrier(fake, "fil-questions")
    await barrier(fake, "fil-general")


HUGE_PASSAGE = "\n\n".join(
    f"Le zorglub numéro {number} est une pratique collaborative qui " + "partage le savoir " * 12
    for number in range(30))


@pytest.fixture
def huge_answer_engine(tmp_path: Path, store: Store) -> Engine:
    """The shipped knowledge plus one passage of about 7,000 characters: as an embed, more
    than Discord's 4,096 per description and 6,000 in all."""
    return engine_with_zorglub(tmp_path, store, HUGE_PASSAGE)


async def test_an_answer_too_big_for_an_embed_arrives_whole_as_text_with_its_source(
        fake: FakeDiscord, huge_answer_engine: Engine) -> None:
    """In a channel that allows embeds, an answer whose embed would be cut (or refused by
    Discord) is sent as plain text parts instead: nothing lost, source line included."""
    assert len(HUGE_PASSAGE) > EMBED_LIMIT
    adapter = DiscordAdapter(huge_answer_engine, settings_for(fake), Cooldown(0))
    running = asyncio.create_task(adapter.run())
    try:
        await asyncio.wait_for(adapter.ready.wait(), 5)
        asked = await fake.say(f"{fake.bot_mention} Qu’est-ce que le zorglub ?")
        first = await fake.next_sent()
        assert first.reference == asked
        assert first.embeds == [], "an embed would cut the answer"
        parts = [first]
        while not parts[-1].content.rstrip().endswith("»"):
            parts.append(await fake.next_sent())
        assert len(parts) >= 4
        assert [part.reference for part in parts[1:]] == [None] * (len(parts) - 1)
        assert all(part.embeds == [] and 0 < len(part.content) <= 2000 for part in parts)
        source = next(post.title for post in huge_answer_engine.knowledge.posts
                      if post.slug == "cooperation-collaboration")
        whole = "\n\n".join(part.content for part in parts)
        assert "".join(whole.split()) == "".join(f"{HUGE_PASSAGE} Source : « {source} »".split())
        await barrier(fake)
    finally:
        await adapter.close()
        await asyncio.wait_for(running, 5)


async def test_a_card_over_the_embed_total_is_sent_as_text_parts(
        fake: FakeDiscord, bot: DiscordAdapter, engine: Engine,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each part of the card within its own limit, but more than 6,000 characters in all."""
    body = "Le social business partage le savoir. " * 100
    fields = tuple((f"Champ {number}", "Une valeur utile. " * 50) for number in range(3))
    card = Card("Une carte", body, "Source : « Un article »", fields)
    assert len(card_embed(card)) > EMBED_LIMIT
    text = body + "\n\n" + "\n".join(value for _, value in fields) + "\n\nSource : « Un article »"

    handle = engine.handle

    async def big_card(message: Message) -> Reply:
        if "tout sur" not in message.text:
            return await handle(message)
        return Reply(text, "answer", card=card)

    monkeypatch.setattr(engine, "handle", big_card)
    asked = await fake.say(f"{fake.bot_mention} tout sur le social business ?")
    parts = [await fake.next_sent()]
    while not parts[-1].content.endswith("»"):
        parts.append(await fake.next_sent())
    assert len(parts) >= 4
    assert [part.reference for part in parts] == [asked] + [None] * (len(parts) - 1)
    assert all(part.embeds == [] and 0 < len(part.content) <= 2000 for part in parts)
    assert "".join("".join(part.content for part in parts).split()) == "".join(text.split())
    await barrier(fake)
