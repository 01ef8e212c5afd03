"""The Discord adapter, driven through discord.py's real client against the fake Discord.

Every test runs a real `commands.Bot` (login, gateway, slash sync) on 127.0.0.1 with the
real engine, router and store. Any ERROR logged by discord.py or sbbot, any request the fake
does not know, and any message sent with other mentions than none fails the test.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import discord
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sbbot.adapters.discord import EMBED_LIMIT, DiscordAdapter, card_embed
from sbbot.adapters.discord_config import DiscordSettings
from sbbot.chat import Announcement, Card, ChannelUnavailable, Message, Reply
from sbbot.config import ConfigError
from sbbot.cooldown import Cooldown
from sbbot.engine import Engine, Snapshot
from sbbot.inbound import looks_like_question
from sbbot.scheduler import Schedule, daily_quote_at, run_scheduler
from sbbot.store import Store
from tests.conftest import KNOWLEDGE_DIR, FakeClock
from tests.fakediscord import ADMIN_ROLE_NAME, FakeDiscord, Sent
from tests.hostile import LEAKS, member_text

NO_MENTIONS: dict[str, list[str]] = {"parse": []}
RELOAD_WAIT = 60.0
"""A reload builds the new knowledge in a child process: seconds on a busy machine."""
EPHEMERAL = 1 << 6


LOAD_SNAPSHOT = Snapshot.load


@functools.cache
def shared_snapshot(directory: Path) -> Snapshot:
    return LOAD_SNAPSHOT(directory)


@pytest.fixture(autouse=True)
def build_the_knowledge_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A snapshot is immutable and takes 0.2 s to build: one for all the bots of this file."""
    monkeypatch.setattr(Snapshot, "load", staticmethod(shared_snapshot))


class ErrorLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def logged_errors() -> Iterator[list[logging.LogRecord]]:
    """ERRORs from discord.py or sbbot, over setup, test and teardown (caplog sees only one)."""
    handler = ErrorLog()
    loggers = [logging.getLogger("discord"), logging.getLogger("sbbot")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler.records
    for logger in loggers:
        logger.removeHandler(handler)
    assert [handler.format(record) for record in handler.records] == []


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch,
               logged_errors: list[logging.LogRecord]) -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    server.install(monkeypatch)
    yield server
    await server.stop()
    assert server.unknown == [], "the bot called routes the fake Discord does not know"
    assert [sent.allowed_mentions for sent in server.history
            if sent.allowed_mentions != NO_MENTIONS] == []


def settings_for(fake: FakeDiscord, *, guild: bool = True, token: str = "fake-token",
                 owner_ids: frozenset[int] = frozenset()) -> DiscordSettings:
    return DiscordSettings(
        token=token,
        guild_id=fake.guild_id if guild else None,
        question_channels=frozenset({fake.channel_id("questions")}),
        admin_roles=frozenset({fake.role_id(ADMIN_ROLE_NAME)}),
        owner_ids=owner_ids,
    )


StartBot = Callable[..., Awaitable[DiscordAdapter]]


@pytest.fixture
async def start_bot(fake: FakeDiscord, engine: Engine) -> AsyncIterator[StartBot]:
    """Start adapters on the fake, wait until they listen; close them all at the end."""
    running: list[tuple[DiscordAdapter, asyncio.Task[None]]] = []

    async def start(*, cooldown: float = 0, clock: FakeClock | None = None,
                    **options: object) -> DiscordAdapter:
        moved = clock or FakeClock(datetime.now(UTC))
        adapter = DiscordAdapter(engine, settings_for(fake, **options),  # type: ignore[arg-type]
                                 Cooldown(cooldown, moved.monotonic))
        task = asyncio.create_task(adapter.run())
        running.append((adapter, task))
        ready = asyncio.create_task(adapter.client.wait_until_ready())
        await asyncio.wait({task, ready}, timeout=5, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            ready.cancel()
            task.result()
        assert ready.done(), "the bot never became ready"
        return adapter

    yield start
    for adapter, task in running:
        await adapter.close()
        await asyncio.wait_for(task, 5)


@pytest.fixture
async def bot(start_bot: StartBot) -> DiscordAdapter:
    return await start_bot()


async def reply_to(fake: FakeDiscord, message_id: int, timeout: float = 2.0) -> Sent:
    sent = await fake.next_sent(timeout)
    assert sent.reference == message_id, f"expected a reply to {message_id}, got {sent}"
    return sent


async def barrier(fake: FakeDiscord, channel: str = "general") -> None:
    """Prove that nothing was sent before this point: the next message answers the barrier."""
    message_id = await fake.say("!articles", channel=channel)
    sent = await fake.next_sent()
    assert sent.reference == message_id, f"unexpected message before the barrier: {sent}"


# Commands -------------------------------------------------------------------------------------


async def test_slash_commands_are_synced_to_the_guild_in_french(
        fake: FakeDiscord, bot: DiscordAdapter, engine: Engine) -> None:
    synced = fake.commands[fake.guild_id]
    assert set(synced) == {command.name for command in engine.commands}
    assert fake.command_names(None) == set()
    assert synced["raison"]["description"] == \
        "Une des dix raisons d’adopter une stratégie social business"
    options = {name: {option["name"]: option for option in command.get("options", [])}
               for name, command in synced.items()}
    assert options["aide"] == {}
    assert options["question"]["texte"]["required"] is True
    assert options["raison"]["numero"]["required"] is False
    for name, option in [("raison", "numero"), ("citation", "auteur"), ("evenement", "nom"),
                         ("abonner", "annonces")]:
        assert options[name][option]["autocomplete"] is True
        assert options[name][option]["description"]


async def test_without_a_guild_commands_are_synced_globally_and_work(
        fake: FakeDiscord, start_bot: StartBot) -> None:
    await start_bot(guild=False)
    assert "raison" in fake.command_names(None)
    assert fake.guild_id not in fake.commands
    await fake.slash("raison", numero="2")
    sent = await fake.next_sent()
    assert sent.via == "interaction"
    assert "client" in sent.embeds[0]["description"]


async def test_prefix_command_replies_to_the_asker_with_an_embed(
        fake: FakeDiscord, bot: DiscordAdapter, engine: Engine) -> None:
    message_id = await fake.say("!raison 3")
    sent = await reply_to(fake, message_id)
    assert sent.via == "channel"
    assert sent.allowed_mentions == NO_MENTIONS
    [embed] = sent.embeds
    reason = next(reason for reason in engine.knowledge.reasons if reason.number == 3)
    assert embed["title"] == "Une bonne raison"
    assert reason.statement in embed["description"]
    assert embed["footer"]["text"].startswith("Source : « ")


async def test_aliases_work_as_prefix_commands(fake: FakeDiscord, bot: DiscordAdapter) -> None:
    message_id = await fake.say("!reason 3")
    assert (await reply_to(fake, message_id)).embeds[0]["title"] == "Une bonne raison"


async def test_slash_and_prefix_forms_of_a_hybrid_command_agree(
        fake: FakeDiscord, bot: DiscordAdapter) -> None:
    message_id = await fake.say("!raison 5")
    by_prefix = await reply_to(fake, message_id)
    await fake.slash("raison", numero="5")
    by_slash = await fake.next_sent()
    assert by_slash.via == "interaction"
    assert by_slash.allowed_mentions == NO_MENTIONS
    assert by_slash.embeds == by_prefix.embeds


async def test_slash_command_with_an_author(fake: FakeDiscord, bot: DiscordAdapter) -> None:
    await fake.slash("citation", auteur="Harold Jarche")
    [embed] = (await fake.next_sent()).embeds
    assert embed["title"] == "Citation"
    assert "Jarche" in embed["description"]


async def test_unknown_command_gets_the_engines_suggestion_when_addressed(
        fake: FakeDiscord, bot: DiscordAdapter) -> None:
    sent = await reply_to(fake, await fake.dm("!raisn 3"))
    assert "Vouliez-vous dire !raison ?" in sent.content
    sent = await reply_to(fake, await fake.say(f"{fake.bot_mention} !raisn 3"))
    assert "Vouliez-vous dire !raison ?" in sent.content


async def test_missing_argument_gets_the_engines_usage_hint(
        fake: FakeDiscord, bot: DiscordAdapter) -> None:
    message_id = await fake.say("!question")
    assert "Posez votre question après la commande" in (await reply_to(fake, message_id)).content


# Free questions -------------------------------------------------------------------------------


async def test_a_mention_is_answered_without_the_mention(
        fake: FakeDiscord, bot: DiscordAdapter) -> None:
    message_id = await fake.say(f"{fake.bot_mention} Quand a lieu la matinée à Genève ?")
    sent = await reply_to(fake, message_id)
    assert sent.embeds or sent.content
    assert "Genève" in str(sent.payload)


async def test_a_mention_of_the_bots_role_counts_as_a_mention(
        fake: FakeDiscord, bot: DiscordAdapter) -> None:
    role = fake.roles["sbbot"]["id"]
    message_id = await fake.say(f"<@&{role}> c'est quoi le social business")
    assert (await reply_to(fake, message_id)).payload


@pytest.fixture
def received(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[Message]:
    """What the engine is handed, each answered « Bien reçu. »."""
    inbox: list[Message] = []

    async def record(message: Message) -> Reply:
        inbox.append(message)
        return Reply("Bien reçu.", "answer")

    monkeypatch.setattr(engine, "handle", record)
    return inbox


async def test_the_engine_gets_clean_text_and_discord_ids(
        fake: FakeDiscord, bot: DiscordAdapter, received: list[Message]) -> None:
    await reply_to(fake, await fake.say(f"{fake.bot_mention}   Bonjour,  une question ?",
                                        author="bob"))
    await fake.slash("citation", author="carol", channel="questions", auteur="Jarche")
    await fake.next_sent()
    await reply_to(fake, await fake.dm("!raison 2"))
    assert received == [
        Message("Bonjour, une question ?", "discord", str(fake.channel_id("general")),
                author=str(fake.user_id("bob")), is_admin=True, community=str(fake.guild_id)),
        Message("!citation Jarche", "discord", str(fake.channel_id("questions")),
                author=str(fake.user_id("carol")), is_admin=True, community=str(fake.guild_id)),
        Message("!raison 2", "discord", str(fake.dm_channels["alice"]),
                author=str(fake.user_id("alice")), is_admin=False,
                community=f"dm:{fake.user_id('alice')}"),
    ]


async def test_a_direct_message_is_answered(fake: FakeDiscord, bot: DiscordAdapter) -> None:
    message_id = await fake.dm("Quand a lieu la matinée à Genève ?")
    sent = await reply_to(fake, message_id)
    assert sent.channel_id == fake.dm_channels["alice"]


async def test_ordinary_chatter_gets_no_reply(fake: FakeDiscord, bot: DiscordAdapter) -> None:
    await fake.say("Bonjour à tous, belle journée !")
    await fake.say("Quel temps fait-il chez vous ?")  # a question, but not for the bot here
    await fake.say("@everyone la réunion est à 14 h, le social business au menu")
    await fake.say("Merci pour les réponses d'hier", channel="questions")
    await fake.say("!play la vie en rose")  # another bot's command, not a typo of ours
    await barrier(fake)


async def test_a_question_channel_answers_questions_only(
        fake: FakeDiscord, bot: DiscordAdapter) -> None:
    message_id = await fake.say("Comment convaincre sa direction du social business",
                                channel="questions")
    assert (await reply_to(fake, message_id)).payload
    await fake.say("D'accord, merci beaucoup.", channel="questions")
    await barrier(fake, "questions")


@pytest.mark.parametrize(("text", "expected"), [
    ("Quand a lieu la matinée ?", True),
    ("quand a lieu la matinée", True),
    ("Qu’est-ce que le social business", True),
    ("Pouvez-vous m’expliquer la digital workplace", True),
    ("Y a-t-il une inscription", True),
    ("Où se passe l'événement", True),
    ("How do I start an internal network", True),
    ("c'est quoi une communauté ?!", True),
    ("Merci beaucoup", False),
    ("Ou alors on fait ça demain", False),
    ("Je suis d'accord avec toi", False),
    ("", False),
])
def test_what_reads_as_a_question(text: str, expected: bool) -> None:
    assert looks_like_question(text) is expected


# Rendering ------------------------------------------------------------------------------------


async def test_plain_text_where_embeds_are_not_allowed(
        fake: FakeDiscord, bot: DiscordAdapter, engine: Engine) -> None:
    message_id = await fake.say("!raison 3", channel="sans-embeds")
    sent = await reply_to(fake, message_id)
    assert sent.embeds == []
    reason = next(reason for reason in engine.knowledge.reasons if reason.number == 3)
    assert reason.statement in sent.content


async def test_echoed_mass_mentions_stay_inert(fake: FakeDiscord, bot: DiscordAdapter) -> None:
    message_id = await fake.say("!citation @everyone <@&123> @here")
    sent = await reply_to(fake, message_id)
    assert sent.allowed_mentions == NO_MENTIONS
    assert "@everyone" not in sent.content


async def test_a_long_reply_is_split_and_only_its_first_part_replies(
        fake: FakeDiscord, bot: DiscordAdapter, engine: Engine,
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join(f"Paragraphe {number} :" + " le social business" * 30
                       for number in range(12))

    async def long_reply(message: Message) -> Reply:
        return Reply(text, "answer")

    monkeypatch.setattr(engine, "handle", long_reply)
    message_id = await fake.say(f"{fake.bot_mention} tout sur le social business ?")
    parts = [await fake.next_sent() for _ in range(4)]
    assert [part.reference for part in parts] == [message_id, None, None, None]
    assert all(0 < len(part.content) <= 2000 for part in parts)
    assert "\n\n".join(part.content for part in parts) == text
    await fake.slash("question", texte="tout ?")
    parts = [await fake.next_sent() for _ in range(4)]
    assert [part.via for part in parts] == ["interaction", "followup", "followup", "followup"]
    assert all(part.allowed_mentions == NO_MENTIONS for part in parts)


# Admins ---------------------------------------------------------------------------------------


async def test_admin_commands_are_refused_to_members(
        fake: FakeDiscord, bot: DiscordAdapter, store: Store) -> None:
    message_id = await fake.say("!abonner citation", author="alice")
    assert "réservée aux administrateurs" in (await reply_to(fake, message_id)).content
    await fake.slash("abonner", author="alice", annonces="citation")
    assert "réservée aux administrateurs" in (await fake.next_sent()).content
    assert await store.subscriptions() == []


async def test_manage_server_or_an_admin_role_makes_an_admin(
        fake: FakeDiscord, bot: DiscordAdapter, store: Store) -> None:
    message_id = await fake.say("!abonner citation", author="bob", channel="annonces")
    await reply_to(fake, message_id)
    await fake.slash("abonner", author="carol", channel="general", annonces="rappels")
    await fake.next_sent()
    subscribed = {(sub.channel, sub.kind) for sub in await store.subscriptions("discord")}
    assert subscribed == {(str(fake.channel_id("annonces")), "daily_quote"),
                          (str(fake.channel_id("general")), "event_reminder")}


# Autocomplete ---------------------------------------------------------------------------------


async def test_autocomplete_offers_authors_events_and_reason_numbers(
        fake: FakeDiscord, bot: DiscordAdapter, engine: Engine) -> None:
    assert await fake.autocomplete("citation", "auteur", "jarc") == [
        {"name": "Harold Jarche", "value": "Harold Jarche"}]
    event = engine.knowledge.events[0]
    assert await fake.autocomplete("evenement", "nom", "matinee") == [
        {"name": event.name, "value": event.name}]
    reasons = await fake.autocomplete("raison", "numero", "")
    assert [choice["value"] for choice in reasons] == [str(number) for number in range(1, 11)]
    assert all(len(choice["name"]) <= 100 for choice in reasons)
    assert [choice["value"] for choice in await fake.autocomplete("abonner", "annonces", "")] \
        == ["citation", "rappels", "tout"]


async def test_teaching_autocompletes_the_entry_id_after_the_question_number(
        fake: FakeDiscord, bot: DiscordAdapter) -> None:
    assert await fake.autocomplete("apprendre", "question", "3 dw-inscri") == [
        {"name": "dw-inscription (passage)", "value": "3 dw-inscription"}]


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


# Cooldown -------------------------------------------------------------------------------------


async def test_questions_are_spaced_per_member_with_one_polite_notice(
        fake: FakeDiscord, start_bot: StartBot) -> None:
    clock = FakeClock(datetime(2026, 11, 27, tzinfo=UTC))
    await start_bot(cooldown=30, clock=clock)
    question = f"{fake.bot_mention} Quand a lieu la matinée ?"
    await reply_to(fake, await fake.say(question))
    notice = await reply_to(fake, await fake.say(question))
    assert "30 secondes" in notice.content
    await fake.say(question)  # told once already: silence
    await reply_to(fake, await fake.say(question, author="bob"))  # others are not held up
    await barrier(fake)
    clock.advance(10)
    await fake.slash("question", texte="Et la digital workplace ?", author="bob")
    slash_notice = await fake.next_sent()
    assert "20 secondes" in slash_notice.content
    assert slash_notice.payload["flags"] & EPHEMERAL
    clock.advance(21)
    assert (await reply_to(fake, await fake.say(question))).embeds


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


# Hostile members ------------------------------------------------------------------------------


async def test_the_cooldown_holds_whatever_form_the_question_takes(
        fake: FakeDiscord, start_bot: StartBot) -> None:
    """Invisible characters, leading spaces and a mention before the command are the same
    question: the text is normalised once, before any decision."""
    await start_bot(cooldown=30)
    await reply_to(fake, await fake.say(f"{fake.bot_mention} Quand a lieu la matinée ?"))
    notice = await reply_to(fake, await fake.say("!\u200bquestion C’est gratuit ?"))
    assert "Merci de votre patience" in notice.content
    for text in ("  !question C’est gratuit ?", f"{fake.bot_mention} !question gratuit ?",
                 "!que\u200bstion gratuit ?", "\u2060!q gratuit ?"):
        await fake.say(text)
    await barrier(fake)
    await reply_to(fake, await fake.say(f"{fake.bot_mention} !question C’est gratuit ?",
                                        author="bob"))
    notice = await reply_to(fake, await fake.say(" !\u200bquestion Et Genève ?", author="bob"))
    assert "Merci de votre patience" in notice.content


def leaks(sent: Sent) -> list[str]:
    texts = [sent.content, *(str(embed) for embed in sent.embeds)]
    return [match.group() for text in texts for match in LEAKS.finditer(text)]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(["", "!", "!citation ", "!evenement ", "!raison ", "!abonner "]),
       text=member_text)
@example(prefix="!", text="<@123456789012345678>")
@example(prefix="!", text="@everyone")
@example(prefix="!raison ", text="@everyone_x")
@example(prefix="!citation ", text="[Nitro gratuit](https://evil.example/nitro)")
async def test_no_reply_repeats_a_mention_or_a_link_a_member_typed(
        fake: FakeDiscord, bot: DiscordAdapter, prefix: str, text: str) -> None:
    sent = await reply_to(fake, await fake.dm(prefix + text))
    assert leaks(sent) == []


OTHER = "general@Ailleurs"
"""A channel of another guild, run by someone else, with a role named like our admin role
(held by dave) and alice as its manager."""


@pytest.fixture
async def two_guilds(fake: FakeDiscord, start_bot: StartBot) -> DiscordAdapter:
    fake.add_guild("Ailleurs", shard=0, roles={
        ADMIN_ROLE_NAME: (discord.Permissions.none(), ("dave",)),
        "Gestion": (discord.Permissions(manage_guild=True), ("alice",)),
    })
    return await start_bot()


async def test_operators_alone_reload_and_admin_roles_count_by_id_in_their_own_server(
        fake: FakeDiscord, two_guilds: DiscordAdapter, store: Store) -> None:
    """bob has Manage Server here, alice there, dave a role named like the admin role but
    there; only owner (the application's) runs the bot."""
    refused = await reply_to(fake, await fake.say("!recharger", author="bob"))
    assert refused.content == "La commande !recharger est réservée aux opérateurs du bot."
    refused = await reply_to(fake, await fake.say("!recharger", author="alice", channel=OTHER))
    assert "opérateurs du bot" in refused.content
    reloaded = await reply_to(fake, await fake.say("!recharger", author="owner"), RELOAD_WAIT)
    assert reloaded.content.startswith("Connaissances rechargées")

    for author, channel in (("dave", OTHER), ("alice", "general")):
        refused = await reply_to(fake, await fake.say("!abonner citation", author=author,
                                                      channel=channel))
        assert "réservée aux administrateurs" in refused.content
    await reply_to(fake, await fake.say("!abonner citation", author="alice", channel=OTHER))
    assert {sub.channel for sub in await store.subscriptions("discord")} == \
        {str(fake.channel_id(OTHER))}

    await fake.slash("recharger", author="bob")
    private = await fake.next_sent()
    assert "opérateurs du bot" in private.content
    assert private.payload["flags"] & EPHEMERAL


async def test_listed_owner_ids_are_operators_too(
        fake: FakeDiscord, start_bot: StartBot) -> None:
    await start_bot(owner_ids=frozenset({fake.user_id("carol")}))
    reloaded = await reply_to(fake, await fake.say("!recharger", author="carol"), RELOAD_WAIT)
    assert reloaded.content.startswith("Connaissances rechargées")


async def test_admin_slash_commands_are_shown_to_server_managers_only(
        fake: FakeDiscord, bot: DiscordAdapter, engine: Engine) -> None:
    synced = fake.commands[fake.guild_id]
    manage_guild = discord.Permissions(manage_guild=True).value
    for command in engine.commands:
        expected = manage_guild if command.admin else None
        permissions = synced[command.name].get("default_member_permissions")
        assert (None if permissions is None else int(permissions)) == expected, command.name


async def test_each_message_names_its_community(
        fake: FakeDiscord, two_guilds: DiscordAdapter, received: list[Message]) -> None:
    await reply_to(fake, await fake.say("!raison", author="owner"))
    await reply_to(fake, await fake.say("!raison", author="dave", channel=OTHER))
    await reply_to(fake, await fake.dm("!raison", author="bob"))
    assert [(message.community, message.is_admin, message.is_operator)
            for message in received] == [
        (str(fake.guild_id), True, True),
        (str(fake.guild_of(fake.channel_id(OTHER))), False, False),
        (f"dm:{fake.user_id('bob')}", False, False),
    ]


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


async def eventually(check: Callable[[], bool], timeout: float = 2.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        assert asyncio.get_running_loop().time() < deadline, "never happened"
        await asyncio.sleep(0.01)


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
