"""English words the lexicon reaches through their form (an adverb's adjective), French
words of two spellings, and English framing verbs in every form."""

from __future__ import annotations

from sbbot.language.lexicon import translations
from sbbot.router.query import Analyzer


def test_an_adverb_made_on_an_adjective_reaches_the_adjective() -> None:
    # French makes its adverb on the adjective's stem ("systématiquement").
    assert translations("systematically") == translations("systematic") != ()
    assert translations("logically") != ()
    assert translations("creatively") == translations("creative") != ()
    assert translations("anxiously") == translations("anxious") != ()
    # Not "-ly" after any word: "lively" is not "live", "kindly" not "kind" (a sort).
    assert translations("lively") == translations("kindly") == ()


def test_a_french_word_of_two_spellings_is_given_in_both() -> None:
    # "la viralité est clef": French writes "clé" and "clef" alike.
    assert {"cle", "clef"} <= set(translations("key"))


def test_saying_and_knowing_frame_a_question_in_every_form() -> None:
    # As "say", "tell" and the French "dit": what is asked about is the rest.
    analyzer = Analyzer({})
    assert analyzer.terms("what is babinet saying about our leaders") == analyzer.terms(
        "what does babinet say about our leaders")
    assert analyzer.terms("what are we told, what is known") == []


def test_chat_interjections_are_no_topic() -> None:
    # As "lol" and "mdr": a word no post holds would count against the answer.
    analyzer = Analyzer({})
    assert analyzer.terms("haha omg yeah, hmm, is the breakfast free") == analyzer.terms(
        "is the breakfast free")


def test_talking_about_frames_a_question_as_saying_about_does() -> None:
    # As "parler de" in French: what is talked about is the rest of the question.
    analyzer = Analyzer({})
    assert analyzer.terms("what will jane mcconnell talk about") == analyzer.terms(
        "what will jane mcconnell say")
