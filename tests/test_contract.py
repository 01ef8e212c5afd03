"""The contract every platform keeps: one conversation, the same replies in each form.

The terminal adapter, discord.py's client on the fake gateway and matrix-nio on a real
Synapse each run the same conversation through the shared message path: commands, a
question, the cooldown, an unknown command, an admin command from a member, an
announcement. Removing the cooldown or the question rule from `sbbot.conversation` makes
this fail on every platform at once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from sbbot.chat import Announcement, Card
from sbbot.engine import Engine
from tests.conftest import FakeClock
from tests.conversation import COOLDOWN, Chat, chat_on

CARD_FORM = {"terminal": "text", "discord": "embed", "matrix": "m.notice"}
TEXT_FORM = {"terminal": "text", "discord": "text", "matrix": "m.notice"}


@pytest.fixture(params=["terminal", "discord", "matrix"])
async def chat(request: pytest.FixtureRequest, engine: Engine,
               clock: FakeClock) -> AsyncIterator[Chat]:
    async with chat_on(request.param, engine, clock, request) as running:
        yield running


async def test_one_conversation_gets_the_same_replies_on_every_platform(
        chat: Chat, engine: Engine, clock: FakeClock) -> None:
    platform = chat.platform
    reason = next(reason for reason in engine.knowledge.reasons if reason.number == 3)
    said = await chat.say("!raison 3")
    assert reason.statement in said.text and said.form == CARD_FORM[platform]

    said = await chat.say("Quand a lieu la matinée à Genève ?")
    assert "Genève" in said.text and "Source : « " in said.text
    said = await chat.say("Merci beaucoup !")  # thanked, and no question spent
    assert said.text.startswith("Avec plaisir !") and said.form == TEXT_FORM[platform]

    said = await chat.say("C’est gratuit ?")
    assert said.text == ("Merci de votre patience : je réponds à chacun à son tour. Vous "
                         f"pourrez me poser une nouvelle question dans {COOLDOWN:.0f} secondes.")
    assert said.form == TEXT_FORM[platform]
    await chat.quiet("!question C’est gratuit ?")
    assert reason.statement in (await chat.say("!raison 3")).text

    said = await chat.say("!raisn 3")
    assert said.text == ("Je ne connais pas la commande !raisn. Vouliez-vous dire !raison ? "
                         "Tapez !aide pour la liste des commandes.")
    said = await chat.say("!abonner citation")
    assert said.text == "La commande !abonner est réservée aux administrateurs."
    said = await chat.say("!recharger")
    assert said.text == "La commande !recharger est réservée aux opérateurs du bot."

    clock.advance(COOLDOWN + 1)
    said = await chat.say("!question C’est gratuit ?")
    assert "Source : « " in said.text

    clock.advance(COOLDOWN + 1)
    said = await chat.say("les réseaux ?")
    second = next(line for line in said.text.splitlines() if line.startswith("2. "))
    said = await chat.say("2")  # part of the question just asked: no wait
    assert second[3:].split("…")[0].strip("« »")[:30] in said.text
    assert "Source : « " in said.text

    card = Card("Citation du jour", "« Partager, c’est gagner. »", footer="Source : « test »")
    announcement = Announcement("daily_quote", platform, chat.channel, clock(),
                                f"contract/{platform}", "Citation du jour : « Partager. »",
                                card=card)
    said = await chat.announced(announcement)
    expected = {"text": announcement.text, "embed": "\n".join(
        [card.title, card.body, card.footer or ""]), "m.notice": announcement.text}
    assert (said.form, said.text) == (CARD_FORM[platform], expected[said.form])
