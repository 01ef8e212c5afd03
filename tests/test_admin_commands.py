"""Admin commands through `Engine.handle`, with a real store and a copy of the knowledge."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from sbbot.chat import Message, Reply
from sbbot.columns import Changes
from sbbot.commands.admin import reload_failure, reload_summary
from sbbot.engine import Engine
from sbbot.store import Store, Subscription
from tests.conftest import KNOWLEDGE_DIR, FakeClock
from tests.engine_chat import MAX_REPLY_CHARS, replied

EVENT_QUESTION = "Quand et où a lieu la Matinée de l’entreprise de demain ?"


def message(text: str, *, admin: bool = True, channel: str = "salon-1") -> Message:
    return Message(text, "discord", channel, author="u1", is_admin=admin, is_operator=admin)


async def say(engine: Engine, text: str, **options: object) -> Reply:
    return await replied(engine, message(text, **options))  # type: ignore[arg-type]


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(KNOWLEDGE_DIR, tmp_path / "knowledge"))


@pytest.fixture
def admin_engine(make_engine: Callable[..., Engine], knowledge_copy: Path) -> Engine:
    return make_engine(knowledge_copy)


# Refusal --------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [
    "!abonner", "!subscribe tout", "!desabonner", "!unsubscribe", "!abonnements",
    "!subscriptions", "!questions", "!recharger", "!reload",
])
async def test_members_are_refused_admin_commands(
    admin_engine: Engine, store: Store, command: str
) -> None:
    reply = await say(admin_engine, command, admin=False)
    assert reply.kind == "error"
    assert reply.private
    assert "réservée aux " in reply.text


@pytest.mark.parametrize("command", ["!recharger", "!reload"])
async def test_community_admins_who_do_not_run_the_bot_are_refused_a_reload(
        admin_engine: Engine, command: str) -> None:
    """A reload changes what every community gets: a server's admin is not enough."""
    knowledge = admin_engine.knowledge
    reply = await admin_engine.handle(Message(command, "discord", "salon-1", author="u1",
                                              is_admin=True, is_operator=False))
    assert reply is not None and reply.private
    assert reply.text == "La commande !recharger est réservée aux opérateurs du bot."
    assert admin_engine.knowledge is knowledge


# Subscriptions --------------------------------------------------------------------------------


async def test_subscribe_list_and_unsubscribe_this_channel(
    admin_engine: Engine, store: Store
) -> None:
    assert "n’est abonné à rien" in (await say(admin_engine, "!abonnements")).text
    reply = await say(admin_engine, "!abonner")
    assert reply.text == ("C’est noté : ce salon recevra la citation du jour et les rappels "
                          "d’événements.")
    again = await say(admin_engine, "!abonner Citation")
    assert "déjà abonné à la citation du jour" in again.text
    await say(admin_engine, "!subscribe reminders", channel="salon-2")
    assert await store.subscriptions() == [
        Subscription("discord", "salon-1", "daily_quote"),
        Subscription("discord", "salon-1", "event_reminder"),
        Subscription("discord", "salon-2", "event_reminder"),
    ]
    listing = await say(admin_engine, "!subscriptions")
    assert "abonné à la citation du jour et aux rappels d’événements" in listing.text

    reply = await say(admin_engine, "!désabonner rappels")
    assert reply.text == "C’est noté : ce salon ne recevra plus les rappels d’événements."
    again = await say(admin_engine, "!unsubscribe rappels")
    assert "n’était pas abonné aux rappels" in again.text
    assert (await say(admin_engine, "!abonnements")).text.startswith(
        "Ce salon est abonné à la citation du jour.")
    assert await store.subscriptions("discord") == [
        Subscription("discord", "salon-1", "daily_quote"),
        Subscription("discord", "salon-2", "event_reminder"),
    ]


@pytest.mark.parametrize(("typed", "kinds"), [
    ("!abonner la citation du jour", ["daily_quote"]),
    ("!abonner citation et rappels", ["daily_quote", "event_reminder"]),
    ("!subscribe the daily quote and reminders", ["daily_quote", "event_reminder"]),
    ("!abonner les rappels", ["event_reminder"]),
])
async def test_kinds_are_read_among_the_words_around_them(
        admin_engine: Engine, store: Store, typed: str, kinds: list[str]) -> None:
    """"!abonner la citation du jour" was "Je ne comprends pas « la citation du jour »"."""
    reply = await say(admin_engine, typed)
    assert reply.text.startswith("C’est noté : ce salon recevra "), reply.text
    assert [subscription.kind for subscription in await store.subscriptions()] == kinds
    refused = await say(admin_engine, "!abonner du jour")  # nothing named: not "tout"
    assert refused.kind == "error" and refused.text.startswith("Je ne comprends pas")


async def test_an_unknown_kind_is_explained_and_changes_nothing(
    admin_engine: Engine, store: Store
) -> None:
    reply = await say(admin_engine, "!abonner météo @everyone")
    assert reply.kind == "error"
    assert "!abonner citation, !abonner rappels ou !abonner tout" in reply.text
    assert "@everyone" not in reply.text
    assert await store.subscriptions() == []


# Unanswered questions -------------------------------------------------------------------------


async def test_questions_lists_the_most_frequent_unanswered_of_the_week(
    admin_engine: Engine, clock: FakeClock
) -> None:
    assert "Aucune question" in (await say(admin_engine, "!questions")).text
    await say(admin_engine, "Quelle est la recette de la tarte tatin ?", admin=False)
    clock.now += timedelta(days=8)
    for text in ("Quel temps fera-t-il à Tokyo ?", "quel temps fera t il a tokyo",
                 "Qui a gagné la coupe du monde @everyone ?"):
        await say(admin_engine, text, admin=False, channel="salon-3")
    await say(admin_engine, EVENT_QUESTION, admin=False)  # answered: not listed
    reply = await say(admin_engine, "!questions")
    lines = reply.text.splitlines()
    assert lines[1].startswith("1. « quel temps fera t il a tokyo » — 2 fois")
    assert lines[2].startswith("2. « Qui a gagné la coupe du monde @\u200beveryone ? » — 1 fois")
    assert len(lines) == 4, "older than 7 days, or answered, is not listed"
    assert lines[3].startswith("Pour apprendre la réponse à la n°N : !apprendre N ID")


# Reload ---------------------------------------------------------------------------------------


async def test_reload_reports_added_removed_and_changed_entries(
    admin_engine: Engine, knowledge_copy: Path
) -> None:
    quotes = knowledge_copy / "quotes.yaml"
    text = quotes.read_text(encoding="utf-8")
    text = text.replace("c’est la pratique ou l’usage qui décide de tout cela.",
                        "c’est l’usage qui décide de tout cela.")
    text += (
        "  - id: nouvelle-citation\n"
        "    text: \"Une citation ajoutée par un admin.\"\n"
        "    author: Une Admin\n"
        "    language: fr\n"
        "    post: cooperation-collaboration\n"
    )
    quotes.write_text(text, encoding="utf-8")
    reply = await say(admin_engine, "!recharger")
    assert reply.kind == "command"
    assert reply.text.splitlines() == [
        "Connaissances rechargées : 1 entrée ajoutée, aucune retirée, 1 modifiée.",
        "Ajoutées : nouvelle-citation",
        "Modifiées : orlikowski-2003",
    ]
    assert "nouvelle-citation" in {quote.id for quote in admin_engine.knowledge.quotes}
    assert (await say(admin_engine, "!reload")).text == \
        "Connaissances rechargées : aucun changement."


async def test_a_broken_reload_keeps_answering_from_the_previous_knowledge(
    admin_engine: Engine, knowledge_copy: Path
) -> None:
    before = await say(admin_engine, EVENT_QUESTION, admin=False)
    assert before.kind == "answer"
    knowledge = admin_engine.knowledge
    events = knowledge_copy / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace(
        "    start: 2014-04-04T08:30", "    start: [pas une date"), encoding="utf-8")

    reloading = asyncio.create_task(say(admin_engine, "!recharger"))
    during = await asyncio.gather(*(say(admin_engine, EVENT_QUESTION, admin=False)
                                    for _ in range(5)))
    failure = await reloading
    after = await say(admin_engine, EVENT_QUESTION, admin=False)

    assert failure.kind == "error"
    assert failure.text.startswith("Rechargement refusé : ")
    assert "Je continue de répondre avec les connaissances précédentes." in failure.text
    assert "events.yaml:" in failure.text
    for reply in (*during, after):
        assert reply.text == before.text
    assert admin_engine.knowledge is knowledge
    assert (await say(admin_engine, "!citation", admin=False)).kind == "command"


def test_reload_counts_agree_in_french() -> None:
    """'1 ajoutée(s), 0 retirée(s)' read as a form; a reply agrees its words with the number."""
    ids = tuple(f"q{n}" for n in range(10))
    assert reload_summary(Changes(ids, ("x",), ())).splitlines() == [
        "Connaissances rechargées : 10 entrées ajoutées, 1 retirée, aucune modifiée.",
        "Ajoutées : q0, q1, q2, q3, q4, q5, q6, q7 … et 2 autres", "Retirées : x"]
    assert reload_summary(Changes((), (), ids[:9])).endswith("q7 … et 1 autre")


def test_reload_problems_are_trimmed_to_fit_a_message() -> None:
    problems = [f"knowledge/posts/p.yaml:{n}: text: a long explanation of what is wrong here"
                for n in range(1, 200)]
    text = reload_failure(problems)
    assert len(text) < MAX_REPLY_CHARS
    assert text.splitlines()[1] == problems[0]
    assert text.endswith("lancez « sbbot validate » pour la liste complète.")
    assert text.startswith("Rechargement refusé : 199 erreurs dans les fichiers")
    assert reload_failure(problems[:1]).startswith("Rechargement refusé : 1 erreur dans")
