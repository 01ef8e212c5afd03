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



@pytest.mark.parametrize(("question", "by_card"), [
    ("le petit dej du 4 avril cest ou", True),
    ("c'est où le petit déjeuner ?", True),
    ("where's the breakfast held?", True),
    ("c'est où la conf de jane mcconnell ?", True),
    ("la prochaine matinee ce sera ou ?", False),
    ("when did Jane McConnell found NetJMC?", False),
])
async def test_where_an_event_is_held_is_answered_by_its_card_when_named(
        engine: Engine, question: str, by_card: bool) -> None:
    """The invitation to the breakfast reads most like the first questions and says when,
    not where; they name the event (its date, a word for a gathering), whose card says both.
    Not another occurrence of it, nor the date of something the card never mentions."""
    reply = await say(engine, question)
    card = reply.kind == "answer" and reply.entry is not None and reply.entry.type == "event"
    assert card == by_card and (not by_card or "Genève" in reply.text)
