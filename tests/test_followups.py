"""Follow-up questions through the real engine, router and store: "c'est où ?" after an
answered question about the Geneva morning means the Geneva morning, for that member, in
that channel, for a while; and the verdict still refuses what the posts do not say."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sbbot.chat import Message, Reply
from sbbot.engine import Engine
from sbbot.followups import FOLLOW_UP_WINDOW, FollowUps
from tests.conftest import FakeClock
from tests.knowledge_files import write_knowledge

EVENT = "matinee-entreprise-de-demain-2014"
SUBJECT = "Quand a lieu la matinée à Genève ?"


async def ask(engine: Engine, text: str, author: str = "alice", channel: str = "c1") -> Reply:
    reply = await engine.handle(Message(text, "test", channel, author=author))
    assert reply is not None
    return reply


def answered(reply: Reply) -> str | None:
    return reply.entry.id if reply.kind == "answer" and reply.entry is not None else None


@pytest.mark.parametrize("follow_up", ["c'est où ?", "et c'est combien ?", "where is it?",
                                       "how much is it?", "c'est ou ?", "c ou ?", "kan ?"])
async def test_a_follow_up_is_read_with_the_members_last_question(
        engine: Engine, follow_up: str) -> None:
    assert answered(await ask(engine, follow_up)) is None  # alone, it names nothing
    assert answered(await ask(engine, SUBJECT)) == EVENT
    assert answered(await ask(engine, follow_up)) == EVENT


async def test_the_subject_survives_a_chain_of_follow_ups(engine: Engine) -> None:
    assert answered(await ask(engine, SUBJECT)) == EVENT
    for follow_up in ("et c'est combien ?", "c'est où ?", "qui intervient ?"):
        assert answered(await ask(engine, follow_up)) == EVENT


async def test_a_follow_up_continues_only_its_own_members_conversation(engine: Engine) -> None:
    assert answered(await ask(engine, SUBJECT, author="alice")) == EVENT
    assert answered(await ask(engine, "c'est où ?", author="bob")) is None
    assert answered(await ask(engine, "c'est où ?", author="alice", channel="c2")) is None
    assert answered(await ask(engine, "c'est où ?", author="alice")) == EVENT


async def test_a_follow_up_after_the_window_starts_afresh(engine: Engine,
                                                          clock: FakeClock) -> None:
    assert answered(await ask(engine, SUBJECT)) == EVENT
    clock.advance(FOLLOW_UP_WINDOW.total_seconds() + 1)
    reply = await ask(engine, "c'est où ?")
    assert reply.kind == "fallback"
    since = clock() - timedelta(days=1)
    assert [question.text for question in await engine.store.frequent_unanswered(since, 10)] \
        == ["c'est où ?"]


@pytest.mark.parametrize("follow_up", ["Is there wifi at the venue?",
                                       "ça finit à quelle heure ?",
                                       "et il y a un parking ?"])
async def test_the_verdict_still_refuses_what_the_posts_do_not_say(
        engine: Engine, follow_up: str) -> None:
    assert answered(await ask(engine, SUBJECT)) == EVENT
    assert (await ask(engine, follow_up)).kind != "answer"


@pytest.mark.parametrize("question", ["quelle heure est-il ?", "Il est quelle heure ?",
                                      "what time is it?", "quel jour sommes-nous ?",
                                      "on est quel jour ?", "what day is it today?",
                                      "quel temps fait-il ?",
                                      "il pleut là-bas ?"])
async def test_a_question_about_now_is_not_a_follow_up(engine: Engine, question: str) -> None:
    """The clock, the calendar and the weather are asked about the member's own present:
    "quelle heure est-il ?" after the Geneva morning is not the morning's time."""
    assert answered(await ask(engine, SUBJECT)) == EVENT
    assert (await ask(engine, question)).kind != "answer"


@pytest.mark.parametrize("follow_up", ["c'est à quelle heure ?", "à quelle heure ?",
                                       "what time does it start?", "c'est quel jour ?"])
async def test_the_time_of_the_subject_is_still_a_follow_up(engine: Engine,
                                                            follow_up: str) -> None:
    assert answered(await ask(engine, SUBJECT)) == EVENT
    assert answered(await ask(engine, follow_up)) == EVENT


async def test_a_question_naming_its_own_subject_is_not_a_follow_up(engine: Engine) -> None:
    alone = answered(await ask(engine, "Qui est Guillaume Foltran ?", author="bob"))
    assert alone is not None and alone != EVENT
    assert answered(await ask(engine, SUBJECT)) == EVENT
    assert answered(await ask(engine, "Qui est Guillaume Foltran ?")) == alone
    # ... and it becomes the subject: "where?" is now asked of him, not of the event.
    assert answered(await ask(engine, "c'est où ?")) != EVENT


async def test_only_the_most_recent_members_are_remembered(engine: Engine) -> None:
    follow_ups = FollowUps(size=2)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    for member in ("alice", "bob", "carol"):
        follow_ups.route(engine.router, ("test", "c1", member), SUBJECT, now)
    assert follow_ups.route(engine.router, ("test", "c1", "alice"), "c'est où ?",
                            now).verdict != "answer"
    assert follow_ups.route(engine.router, ("test", "c1", "carol"), "c'est où ?",
                            now).verdict == "answer"


async def test_a_number_after_an_unsure_reply_picks_that_topic(engine: Engine,
                                                               clock: FakeClock) -> None:
    unsure = await ask(engine, "les réseaux ?")
    assert unsure.kind == "unsure"
    offered = engine.follow_ups.offers(("test", "c1", "alice"), clock())
    assert len(offered) == 3
    assert [line[:3] for line in unsure.text.splitlines()[1:4]] == ["1. ", "2. ", "3. "]
    assert answered(await ask(engine, "2")) == offered[1]
    assert answered(await ask(engine, "le troisième")) == offered[2]
    out_of_range = await ask(engine, "7")
    assert out_of_range.kind == "error" and "entre 1 et 3" in out_of_range.text
    since = clock() - timedelta(days=1)
    assert [question.text for question in await engine.store.frequent_unanswered(since, 10)] \
        == ["les réseaux ?"]


async def test_a_number_picks_nothing_for_another_member_or_later(engine: Engine,
                                                                  clock: FakeClock) -> None:
    assert (await ask(engine, "les réseaux ?")).kind == "unsure"
    offered = engine.follow_ups.offers(("test", "c1", "alice"), clock())
    assert answered(await ask(engine, "2", author="bob")) != offered[1]
    clock.advance(FOLLOW_UP_WINDOW.total_seconds() + 1)
    assert answered(await ask(engine, "2")) != offered[1]


async def test_a_topic_removed_by_a_reload_is_said_to_be_gone(
        make_engine: Callable[..., Engine], tmp_path: Path) -> None:
    knowledge = write_knowledge(tmp_path)
    engine = make_engine(knowledge)
    assert (await ask(engine, "la collaboration ?")).kind == "unsure"
    assert engine.follow_ups.offers(("test", "c1", "alice"), engine.clock()) == (
        "alpha-intro", "quote-one")
    (knowledge / "posts" / "alpha.yaml").write_text(
        "slug: alpha\ntitle: Alpha\npassages:\n  - id: alpha-usage\n"
        "    text: C’est l’usage qui compte.\n", encoding="utf-8")
    assert "alpha-intro" in engine.reload().removed
    gone = await ask(engine, "1")
    assert gone.kind == "error" and "plus dans mes connaissances" in gone.text
    assert answered(await ask(engine, "2")) == "quote-one"
