"""French compound words (`data/fr-compounds.txt`, `text.joined_compounds`) read as one word,
through the real router: apart, their parts mean something else or nothing."""

from __future__ import annotations

import pytest

from sbbot.entries import Entry
from sbbot.knowledge.model import Hints
from sbbot.language.wordforms import folded_tokens
from sbbot.router import Router


def passage(entry_id: str, text: str) -> Entry:
    return Entry(entry_id, "passage", text, "post", "https://example.org/post", Hints())


ROUTER = Router([
    passage("rdv", "Prenez rendez-vous avec un conseiller avant de venir."),
    passage("gare", "Pour vous rendre à la gare, prenez le bus 12 jusqu'au terminus."),
    passage("bien", "Le bien-être au travail dépend d'abord de l'équipe."),
    passage("outil", "La plate-forme collaborative est ouverte à tous les salariés."),
    passage("cours", "Une formation courte aux outils suffit rarement."),
])


def best(question: str) -> str | None:
    judged = ROUTER.judge(question, 2)
    return judged[1][0].entry.id if judged is not None else None


@pytest.mark.parametrize(("typed", "tokens"), [
    ("Prenez rendez-vous", ["prenez", "rendezvous"]),
    ("l'après-midi", ["l", "apresmidi"]),
    ("les plates-formes", ["les", "plateforme"]),  # a plural is its singular
    ("trois week-ends", ["trois", "weekend"]),
    ("est-ce un pot-de-vin ?", ["est", "ce", "un", "potdevin"]),
    ("un mot-clé", ["un", "mot", "cle"]),  # its parts mean it: not listed
])
def test_a_listed_compound_is_one_word(typed: str, tokens: list[str]) -> None:
    assert [token for token, _ in folded_tokens(typed)] == tokens


def test_rendez_vous_is_not_the_verb_rendre() -> None:
    # Split, "rendez-vous" was "rendez" (rendre): getting to the station met the appointment.
    judged = ROUTER.judge("comment s'y rendre ?", 4)
    assert judged is not None and [match.entry.id for match in judged[1]] == ["gare"]
    for typed in ("je dois prendre rendez-vous ?", "je dois prendre rendez vous ?",
                  "je dois prendre rdv ?", "do I need an appointment"):
        assert best(typed) == "rdv", typed


def test_a_compound_of_function_words_is_a_word() -> None:
    # "bien" and "être" are stopwords: split, "bien-être" was read as nothing at all.
    assert best("et le bien-être ?") == "bien"


def test_a_compound_does_not_meet_its_parts_meaning() -> None:
    # "plate-forme" split gave "forme", which meets "formation" at six letters.
    assert best("la plateforme est ouverte à qui ?") == "outil"
    terms = {term.stem for term in ROUTER.query_terms("quelle formation aux outils ?")}
    assert "plateforme" not in terms
    assert best("quelle formation ?") == "cours"


@pytest.mark.parametrize(("typed", "tokens"), [
    ("les start ups", ["les", "startup"]),
    ("un week end", ["un", "weekend"]),
    ("c suite", ["c", "suite"]),  # hyphen only: "c'est suite" typed fast
])
def test_a_compound_written_with_a_space_is_one_word(typed: str, tokens: list[str]) -> None:
    assert [token for token, _ in folded_tokens(typed)] == tokens


def test_a_post_writing_a_compound_with_a_space_meets_it() -> None:
    # Read word by word, a post's "start ups" was English "start" (début) and "up": no
    # question's "startups", "start-up" or "jeunes pousses" met it.
    router = Router([
        passage("jeunes", "Les start ups réinventent l'offre de services."),
        passage("debut", "Au début, les services étaient rares."),
    ])
    for typed in ("que font les startups ?", "what are start-ups doing?",
                  "les jeunes pousses font quoi ?", "what do startups do"):
        judged = router.judge(typed, 2)
        assert judged is not None and judged[1][0].entry.id == "jeunes", typed
