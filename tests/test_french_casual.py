"""Casual French as members type it, through the real components: chat forms of the
pronouns before a verb ("jme", "jte"), clipped words ("résa", "comm"), "c'est ou" asking
where, and prepositions the lemma table misreads ("après" is no "âpre")."""

from __future__ import annotations

import pytest

from sbbot.evaluation import stripped
from sbbot.knowledge import load_knowledge
from sbbot.knowledge.model import Knowledge
from sbbot.language.chatspeak import expand
from sbbot.language.cues import question_cues
from sbbot.router import Router
from sbbot.router.query import Analyzer
from tests.conftest import KNOWLEDGE_DIR


@pytest.mark.parametrize(("typed", "read"), [
    # A pronoun glued to "j'" is too short for the elision rule ("me" is two letters).
    ("jme suis inscrit, jte dis", "je me suis inscrit, je te dis"),
    ("jle trouve pas, jmen occupe", "je le trouve pas, je m'en occupe"),
    ("on peut venir jusqua quand, dacc", "on peut venir jusqu'à quand, d'accord"),
    ("chais pas, chépa, jsai plus", "je sais pas, je sais pas, je sais plus"),
    # Right after "c'est", "ou" asks where; not before "bien" or another "ou".
    ("c ou exactement ?", "c'est où exactement ?"),
    ("c'est ou bien lui ou bien elle", "c'est ou bien lui ou bien elle"),
    ("c'est ou l'un ou l'autre", "c'est ou l'un ou l'autre"),
    # "rezo" spells "réseau" as it sounds
    ("les rezos sociaux", "les réseaux sociaux"),
])
def test_french_chat_forms_are_spelt_out(typed: str, read: str) -> None:
    assert expand(typed) == read


def test_a_pronoun_typed_glued_is_no_word_against_an_answer() -> None:
    # "jme" was no word of either language and unknown to the posts: it weighed as much as
    # the rarest word of the knowledge, against the answer.
    router = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    question = "jme suis inscrit, c'est ou exactement le petit dej ?"
    assert [term.word for term in router.query_terms(question)] == [
        "inscrit", "exactement", "petit", "dej"]
    found = router.route(question)
    assert (found.verdict, found.best.entry.id) == ("answer",
                                                    "matinee-entreprise-de-demain-2014")


def test_clipped_words_of_events_are_read_whole() -> None:
    analyzer = Analyzer({})
    for clipped, whole in (("la résa", "la réservation"), ("la comm", "la communication"),
                           ("la config", "la configuration")):
        assert analyzer.terms(clipped) == analyzer.terms(whole), clipped


def test_prepositions_are_no_topic() -> None:
    # The lemma table reads "après" as "âpre", "près" as "pré" (a meadow), "sous" as "sou":
    # as terms, they met passages about something else entirely.
    analyzer = Analyzer({})
    assert analyzer.terms("après la crise, près de Genève, sous la pluie, depuis 2010, "
                          "jusqu'à demain") == analyzer.terms("crise Genève pluie 2010 demain")


@pytest.mark.parametrize(("typed", "read"), [
    # "Se passer" is happening: "où ça se passe ?" asks where, about nothing else ("passe"
    # met every passage saying "passer", "passé" or "passage").
    ("ça se passe où ?", "ça  où ?"),
    ("il se passe quoi le 4 avril", "il  quoi le 4 avril"),
    # "Se passer de" is doing without.
    ("on peut se passer de formation ?", "on peut sans formation ?"),
])
def test_happening_is_no_topic(typed: str, read: str) -> None:
    assert expand(typed) == read


@pytest.mark.parametrize(("typed", "read"), [
    # Not understanding, wondering or asking to be told frames the question: "comprends",
    # "demande" or "expliquer" are no topic ("demande" met every passage asking anything).
    ("jcomprends pas comment réserver ma place", " comment réserver ma place"),
    ("j'ai pas compris le programme", " le programme"),
    ("jme demande si une formation suffit", " si une formation suffit"),
    ("tu peux m'expliquer la différence", "tu peux  la différence"),
    ("explique-moi le social business", " le social business"),
])
def test_framing_turns_are_no_topic(typed: str, read: str) -> None:
    assert expand(typed) == read


def test_a_casual_word_is_a_word_never_a_typo() -> None:
    """"visio" is "visioconférence": when the knowledge lacks it, it stays that word (which
    then counts against an answer) instead of being corrected to a near word of the posts
    ("vision")."""
    analyzer = Analyzer({})
    analyzer.learn([("vision", "vision")])
    terms = analyzer.query_terms("on peut venir en visio ?", {"vision"}.__contains__)
    assert [term.stem for term in terms if term.word == "visio"] != ["vision"]


@pytest.mark.parametrize(("question", "said"), [
    ("bref, le big data c'est quoi pour l'auteur ?", "appropriation de nos informations"),
    ("en gros, grosso modo, une technologie de collaboration a de la valeur par elle-même ?",
     "n’a ni valeur, ni sens"),
    ("honnêtement, au bout du compte, l'analyse de Jane McConnell est dispo où ?", "netjmc.com"),
])
def test_a_discourse_marker_is_no_topic(question: str, said: str,
                                        knowledge: Knowledge) -> None:
    """"bref", "grosso modo", "au bout du compte" say how the member speaks: read as words,
    "bout" and "compte" counted against every passage."""
    assert "bout" not in expand("au bout du compte, c'est dispo où ?")
    result = stripped(knowledge, hints=False, glossary=False).route(question)
    assert result.verdict == "answer" and result.best is not None, question
    assert said in result.best.entry.text


def test_a_turn_of_phrase_after_an_elided_word_is_read(knowledge: Knowledge) -> None:
    """"qu'il existe" is "qu'il y a", "l'économie du partage" the economy the posts call
    collaborative: the apostrophe of an elided word no longer hides the phrase after it, as
    the one inside "aujourd'hui" still does."""
    assert expand("est-ce qu'il existe une étude ?") == "est-ce qu'il y a une étude ?"
    assert expand("aujourd'hui") == "aujourd'hui"
    bare = stripped(knowledge, hints=False, glossary=False)
    result = bare.route("c'est quoi l'économie du partage selon l'auteur ?")
    assert result.verdict == "answer" and result.best is not None
    assert "économie collaborative" in result.best.entry.text


def test_how_widespread_is_asked_with_il_y_en_a_beaucoup(knowledge: Knowledge) -> None:
    """"y en a beaucoup (peu) qui ..." asks how widespread something is, which a passage
    only naming it does not say ("ça apporte beaucoup" asks no such thing)."""
    assert "share" in question_cues("il y en a beaucoup, des réseaux qui réussissent ?")
    assert "share" in question_cues("y en a peu qui partagent ?")
    assert "share" not in question_cues("ça apporte beaucoup aux salariés ?")
    bare = stripped(knowledge, hints=False, glossary=False)
    result = bare.route("y en a bcp des reseaux sociaux qui cartonnent vraiment ?")
    assert result.verdict != "answer" or "rares sont" in result.best.entry.text


def test_downloading_and_figures_meet_the_posts_words(bare: Router) -> None:
    """"dispo en dl" is "disponible en téléchargement" (a chat abbreviation); "des chiffres"
    asked for are data, "données objectives" in the passage. Neither reaches an answer where
    the posts say nothing of it (a phone number, sales figures, a video to download)."""
    assert expand("elle est dispo en dl ?") == "elle est dispo en télécharger ?"
    for question, said in (("la note de mcconnell elle est dispo en dl ?", "téléchargement"),
                           ("nos intuitions ont besoin de chiffres pour peser ?",
                            "données objectives")):
        result = bare.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert said in result.best.entry.text, question
    for question in ("les chiffres de vente de bouygues telecom ?",
                     "je peux dl la video de paul miller ?"):
        assert bare.route(question).verdict != "answer", question
