"""English false friends: a word spelt like a French word of another meaning is read as its
own translation, so that it does not meet the look-alike (`language/data/en-fr.txt`),
through the real Router."""

from __future__ import annotations

import pytest

from sbbot.entries import Entry
from sbbot.knowledge.model import Hints
from sbbot.router import Match, Router

FILLER = ("Le télétravail change les horaires des salariés.",
          "La formation continue prépare aux métiers du numérique.",
          "Les clients attendent des réponses rapides sur les réseaux.",
          "Un tableau de bord suit les ventes de la semaine.")


@pytest.mark.parametrize(("question", "look_alike"), [
    ("was the deception deliberate", "La déception des salariés était grande en mars."),
    ("what is the eventual outcome", "Un éventuel report sera annoncé en mars."),
    ("why pretend everything is fine", "Il prétend que tout va bien depuis mars."),
])
def test_an_english_false_friend_does_not_meet_its_french_look_alike(
        question: str, look_alike: str) -> None:
    entries = [Entry(f"e{number}", "passage", text, "p", "P", Hints())
               for number, text in enumerate((look_alike, *FILLER))]
    router = Router(entries)
    assert "e0" not in {match.entry.id for match in _ranked(router, question)}, question


def _ranked(router: Router, question: str) -> list[Match]:
    judged = router.judge(question, 3)
    return [] if judged is None else [candidate.match() for candidate in judged[1]
                                      if candidate.score > 0]
