"""Discord commands through discord.py's real client: prefix and slash forms, who may run
the admin and operator commands, autocomplete.

Every test runs a real `commands.Bot` (login, gateway, slash sync) against the fake Discord
with the real engine, router and store; see `tests/fakediscord/harness.py`.
"""

from __future__ import annotations

import discord
import pytest

from sbbot.adapters.discord import DiscordAdapter
from sbbot.chat import Message
from sbbot.engine import Engine
from sbbot.store import Store
from tests.fakediscord import ADMIN_ROLE_NAME, FakeDiscord
from tests.fakediscord.harness import (
    EPHEMERAL,
    NO_MENTIONS,
    RELOAD_WAIT,
    StartBot,
    reply_to,
)

pytestmark = pytest.mark.usefixtures("shared_knowledge")


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
    assert options["aide"]["commande"]["required"] is False
    assert options["question"]["texte"]["required"] is True
    assert options["raison"]["numero"]["required"] is False
    assert options["evenement"]["nom"]["required"] is False  # alone: the list of events
    for name, option in [("aide", "commande"), ("raison", "numero"), ("citation", "auteur"),
                         ("evenement", "nom"), ("abonner", "annonces")]:
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
    assert [choice["value"] for choice in reasons] == [
        *(str(number) for number in range(1, 11)), "tout"]
    assert all(len(choice["name"]) <= 100 for choice in reasons)
    assert [choice["value"] for choice in await fake.autocomplete("abonner", "annonces", "")] \
        == ["citation", "rappels", "tout"]


async def test_teaching_autocompletes_the_entry_id_after_the_question_number(
        fake: FakeDiscord, bot: DiscordAdapter) -> None:
    assert await fake.autocomplete("apprendre", "question", "3 dw-inscri") == [
        {"name": "dw-inscription (passage)", "value": "3 dw-inscription"}]


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


async def test_articles_takes_a_number_as_prefix_and_slash_command(
        fake: FakeDiscord, bot: DiscordAdapter, engine: Engine) -> None:
    title = engine.knowledge.posts[2].title
    by_prefix = await reply_to(fake, await fake.say("!articles 3"))
    [embed] = by_prefix.embeds
    assert embed["title"] == f"Article 3 sur {len(engine.knowledge.posts)} : « {title} »"
    await fake.slash("articles", numero="3")
    by_slash = await fake.next_sent()
    assert by_slash.via == "interaction" and by_slash.embeds == by_prefix.embeds
    offered = await fake.autocomplete("articles", "numero", "")
    assert [choice["value"] for choice in offered] == [
        str(number) for number in range(1, len(engine.knowledge.posts) + 1)]
    assert offered[2]["name"] == f"3. {title}"
