"""Discord members' messages through discord.py's real client: which are answered, how the
answer is rendered, the cooldown, and hostile text that must never ping or link.

Every test runs a real `commands.Bot` against the fake Discord with the real engine, router
and store; see `tests/fakediscord/harness.py`.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sbbot.adapters.discord import DiscordAdapter
from sbbot.chat import Message, Reply
from sbbot.commands import Command, Context
from sbbot.engine import FAILED_REPLY, Engine
from sbbot.inbound import looks_like_question
from tests.conftest import FakeClock
from tests.fakediscord import FakeDiscord, Sent
from tests.fakediscord.harness import (
    EPHEMERAL,
    NO_MENTIONS,
    StartBot,
    barrier,
    reply_to,
)
from tests.hostile import LEAKS, member_text

pytestmark = pytest.mark.usefixtures("shared_knowledge")


# Free questions -------------------------------------------------------------------------------


async def test_a_mention_is_answered_without_the_mention(
        fake: FakeDiscord, bot: DiscordAdapter) -> None:
    message_id = await fake.say(f"{fake.bot_mention} Quand a lieu la matinée à Genève ?")
    sent = await reply_to(fake, message_id)
    assert sent.embeds or sent.content
    assert "Genève" in str(sent.payload)


async def test_a_question_for_one_fact_of_an_event_gets_an_embed_of_that_fact(
        fake: FakeDiscord, bot: DiscordAdapter) -> None:
    sent = await reply_to(fake, await fake.say(
        f"{fake.bot_mention} la matinée à Genève, c'est gratuit ?"))
    [embed] = sent.embeds
    assert embed["title"] == "Matinée de l’entreprise de demain"
    assert "Tarif : participation gratuite" in embed["description"]
    assert "Programme" not in str(embed)
    assert embed["footer"]["text"].startswith(
        "Tout le détail : !evenement Matinée de l’entreprise de demain\nSource : « ")


async def test_other_mentions_and_custom_emoji_are_no_words_of_the_question(
        fake: FakeDiscord, bot: DiscordAdapter, received: list[Message]) -> None:
    await reply_to(fake, await fake.say(
        f"{fake.bot_mention} <@{fake.user_id('bob')}> <#{fake.channel_id('general')}> "
        "<:sbbot:112233445566778899> Quand a lieu la matinée ? <a:party:998877665544332211>"))
    assert received[-1].text.split() == "Quand a lieu la matinée ?".split()


async def test_a_mention_of_the_bots_role_counts_as_a_mention(
        fake: FakeDiscord, bot: DiscordAdapter) -> None:
    role = fake.roles["sbbot"]["id"]
    message_id = await fake.say(f"<@&{role}> c'est quoi le social business")
    assert (await reply_to(fake, message_id)).payload




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


async def test_a_command_that_fails_is_answered_and_the_bot_goes_on(
        fake: FakeDiscord, bot: DiscordAdapter, engine: Engine,
        monkeypatch: pytest.MonkeyPatch, logged_errors: list[logging.LogRecord]) -> None:
    """discord.py logs an exception in its event handler and sends nothing: the member who
    typed the command would wait for a reply that never comes."""
    async def failing(context: Context, arguments: str) -> Reply:
        raise RuntimeError("a fault in a command")

    real = engine.command
    citation = real("citation")
    assert citation is not None
    broken = replace(citation, handler=failing)

    def command(name: str) -> Command | None:
        return broken if name.lower() == "citation" else real(name)

    monkeypatch.setattr(engine, "command", command)
    sent = await reply_to(fake, await fake.say("!citation"))
    assert FAILED_REPLY in str(sent.payload)
    assert "Raison n°3" in str((await reply_to(fake, await fake.say("!raison 3"))).payload)
    assert [record.getMessage() for record in logged_errors] == ["!citation failed"]
    logged_errors.clear()  # logged, as it should be: not a fault of this test


async def test_a_question_channel_takes_a_topic_number_after_an_unsure_reply(
        fake: FakeDiscord, bot: DiscordAdapter) -> None:
    await fake.say("2", channel="questions")  # a number alone, nothing offered: chatter
    await barrier(fake, "questions")
    assert (await reply_to(fake, await fake.say("les réseaux ?", channel="questions"))).payload
    sent = await reply_to(fake, await fake.say("2", channel="questions"))
    assert "Source" in str(sent.payload)
    await fake.say("2", channel="questions", author="bob")  # bob was offered nothing
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
