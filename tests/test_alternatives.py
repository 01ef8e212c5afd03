"""A word's usual translations are alternatives: an entry holding any of them holds the
word, counted once (`sbbot.router.alternatives`), through the real Router."""

from __future__ import annotations

import pytest

from sbbot.entries import Entry
from sbbot.knowledge.model import Hints
from sbbot.router import Router

FILLER = ("Le télétravail change les horaires des salariés.",
          "La formation continue prépare aux métiers du numérique.",
          "Les clients attendent des réponses rapides sur les réseaux.",
          "Un tableau de bord suit les ventes de la semaine.",
          "La cantine propose un menu végétarien le jeudi.")


def passages(texts: dict[str, str], hinted: bool) -> list[Entry]:
    """Passages, each with an example question or none: entries with examples are ranked
    from dictionaries, the others from the index's arrays; both must count a word once."""
    filler = {f"filler-{number}": text for number, text in enumerate(FILLER)}
    return [Entry(entry_id, "passage", text, "p", "P",
                  Hints(questions=(f"question sans rapport {entry_id}",)) if hinted else Hints())
            for entry_id, text in {**texts, **filler}.items()]


@pytest.mark.parametrize("hinted", [False, True])
def test_an_entry_holding_another_translation_goes_first_among_equals(hinted: bool) -> None:
    # "succeed": réussir first (the career passage holds it), succès second. Both network
    # passages cover "enterprise social networks"; only the one writing "succès" is about
    # the question's last word. Without alternatives the word is "réussir" alone, and the
    # tie goes to the first entry.
    router = Router(passages({
        "change": "Les réseaux sociaux d'entreprise changent la communication interne.",
        "success": "Les réseaux sociaux d'entreprise connaissent rarement un vrai succès.",
        "career": "Réussir sa carrière en changeant de métier demande du courage."}, hinted))
    result = router.route("do enterprise social networks succeed")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "success"
    # an alternative orders entries but does not raise the confidence: the same coverage
    # (with example questions, their similarity raises each score apart)
    assert hinted or result.best.score == pytest.approx(next(
        match.score for match in result.runners_up if match.entry.id == "change"))


@pytest.mark.parametrize("hinted", [False, True])
def test_an_entry_holding_two_translations_of_a_word_counts_it_once(hinted: bool) -> None:
    # "team": équipe, collectif. The passage holding both covers the word no more than the
    # passage holding "équipe" alone: same confidence.
    router = Router(passages({
        "both": "Une équipe soudée forme un vrai collectif.",
        "one": "Une équipe soudée forme un vrai groupe."}, hinted))
    judged = router.judge("what makes a good team", 4)
    assert judged is not None
    scores = {match.entry.id: match.score for match in judged[1]}
    assert scores["both"] == pytest.approx(scores["one"])
    assert scores["one"] > 0


@pytest.mark.parametrize("hinted", [False, True])
def test_the_first_translation_weighs_more_than_an_alternative(hinted: bool) -> None:
    # "team": équipe first. Where one entry writes "équipe" and another "collectif", alike
    # otherwise, the one writing the usual translation goes first, with more confidence.
    router = Router(passages({"usual": "Une équipe soudée avance vite.",
                              "other": "Un collectif soudé avance vite."}, hinted))
    judged = router.judge("a close team moves fast", 4)
    assert judged is not None
    scores = {match.entry.id: match.score for match in judged[1]}
    assert judged[1][0].entry.id == "usual"
    assert scores["usual"] > scores["other"]
