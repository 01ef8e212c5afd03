"""What a member meets when asking the bot a question in their own words: the real engine,
router and shipped knowledge, one message at a time."""

from __future__ import annotations

import pytest

from sbbot.engine import Engine
from tests.engine_chat import say


@pytest.mark.parametrize("question", [
    "quelle heure est-il à Genève ?",
    "il est quelle heure à Genève ?",
    "on est quel jour ?",
    "what time is it in Geneva?",
    "what day is it today?",
])
async def test_the_present_time_or_date_is_never_read_from_the_posts(
        engine: Engine, question: str) -> None:
    reply = await say(engine, question)
    assert reply.kind == "fallback" and reply.entry is None


@pytest.mark.parametrize("question", [
    "à quelle heure commence la matinée à Genève ?",
    "C'est quel jour, la matinée ?",
])
async def test_the_time_or_date_of_an_event_is_still_answered(
        engine: Engine, question: str) -> None:
    reply = await say(engine, question)
    assert reply.kind == "answer" and reply.entry is not None
