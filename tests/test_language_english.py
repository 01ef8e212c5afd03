"""English words the lexicon reaches through their form (an adverb's adjective), French
words of two spellings, and English framing verbs in every form."""

from __future__ import annotations

from sbbot.evaluation import stripped
from sbbot.knowledge.model import Knowledge
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


def test_when_it_comes_to_names_a_topic_not_a_time(knowledge: Knowledge) -> None:
    # "comes" is no topic ("venir" met "Jane McConnell viendra"), and no date is asked.
    analyzer = Analyzer({})
    assert analyzer.terms("when it comes to ROI") == analyzer.terms("ROI")
    bare = stripped(knowledge, hints=False, glossary=False)
    result = bare.route("when it comes to ROI, why is collaboration hard to justify?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "coop-roi"


def test_a_phrasal_verb_is_read_whole_around_an_object_pronoun() -> None:
    analyzer = Analyzer({})
    assert analyzer.terms("we give it away") == analyzer.terms("we give away")
    assert analyzer.terms("they hand them over") == analyzer.terms("they hand over")


def test_set_phrases_are_read_as_their_meaning(knowledge: Knowledge) -> None:
    # "à part entière", "au quotidien"; "mean" is "signifier", not the noun "sens".
    analyzer = Analyzer({})
    assert analyzer.terms("a domain in its own right") == analyzer.terms(
        "un domaine à part entière")
    assert analyzer.terms("day to day") == analyzer.terms("quotidien")
    assert "sens" not in translations("mean")
    bare = stripped(knowledge, hints=False, glossary=False)
    for question, answer in (
            ("Is the digital work environment now regarded as a business domain in its own "
             "right, according to the post?", "dw-programme-enjeux"),
            ("if im in the same network as u does that mean we collaborate",
             "coop-downes-jarche")):
        result = bare.route(question)
        assert result.verdict == "answer" and result.best is not None
        assert result.best.entry.id == answer


def test_a_misspelt_english_function_word_is_that_word(knowledge: Knowledge) -> None:
    # A word of neither language counted against every answer; "when asking" asks no date.
    analyzer = Analyzer({})
    assert analyzer.question("is it actualy realy free").text == "is it actually really free"
    assert analyzer.question("is the collabortion tool free").text == (
        "is the collabortion tool free")  # a content word keeps its own reading
    bare = stripped(knowledge, hints=False, glossary=False)
    for question, answer in (
            ("is the breakfast actualy free?", "matinee-entreprise-de-demain-2014"),
            ("is the ROI realy the problem when asking for budgets?", "coop-roi")):
        result = bare.route(question)
        assert result.verdict == "answer" and result.best is not None
        assert result.best.entry.id == answer


def test_phrases_of_being_alone_and_of_a_title_are_read_whole(knowledge: Knowledge) -> None:
    # "on its own" is "seul", "en soi": its "own" names nothing; "brave new world" is the
    # French title "le meilleur des mondes"; "posting" is publishing, not a post.
    analyzer = Analyzer({})
    assert analyzer.terms("is a tool enough on its own") == analyzer.terms(
        "is a tool enough alone")
    assert analyzer.terms("a brave new world") == analyzer.terms("le meilleur des mondes")
    assert translations("posting")[0] == "publier"
    bare = stripped(knowledge, hints=False, glossary=False)
    assert bare.route("does a colaboration tool have any valu by itself").verdict != "answer"


def test_a_part_of_the_post_frames_a_question(knowledge: Knowledge) -> None:
    # "the quoted passage" is where to look, as "the post" is, not what is asked about.
    bare = stripped(knowledge, hints=False, glossary=False)
    result = bare.route("In the quoted passage, how has the customer's position relative to "
                        "the company changed?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "duperrin-pull"


def test_the_difference_between_two_things_asks_to_compare_them(knowledge: Knowledge) -> None:
    analyzer = Analyzer({})
    assert analyzer.terms("the difference between cooperation and collaboration") == (
        analyzer.terms("cooperation and collaboration"))
    bare = stripped(knowledge, hints=False, glossary=False)
    result = bare.route("whats the difference between collaboration and cooperation")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "coop-downes-jarche"


def test_expressions_of_time_are_read_whole(knowledge: Knowledge) -> None:
    # "in recent years" is "ces dernières années": its "recent" was a word no post holds.
    analyzer = Analyzer({})
    assert analyzer.terms("in recent years") == analyzer.terms("ces dernières années")
    bare = stripped(knowledge, hints=False, glossary=False)
    result = bare.route("How does the author contrast social business initiatives with the IT "
                        "projects companies have run in recent years?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "retours-pas-que-plateforme"


def test_an_abbreviated_business_term_is_read_as_the_full_one() -> None:
    analyzer = Analyzer({})
    assert analyzer.terms("the exec board") == analyzer.terms("the executive board")


def test_a_compound_of_one_french_word_is_read_whole(knowledge: Knowledge) -> None:
    # "training session" is "formation": its "session" was a word no post holds; "work
    # together" is "collaborer", not "travailler"; "draw on" is "s'appuyer", not "tirer".
    analyzer = Analyzer({})
    assert analyzer.terms("a training session") == analyzer.terms("une formation")
    assert analyzer.terms("a training course") == analyzer.terms("une formation")
    assert analyzer.terms("working together") == analyzer.terms("collaborer")
    assert analyzer.terms("they draw on studies") == analyzer.terms("ils appuient études")
    bare = stripped(knowledge, hints=False, glossary=False)
    for question in ("will one training session be enough for our staff?",
                     "is a short training course enough to get people working together"):
        result = bare.route(question)
        assert result.verdict == "answer" and result.best is not None
        assert result.best.entry.id == "coop-petite-formation"


def test_what_french_says_with_valoriser_is_read_as_it(knowledge: Knowledge) -> None:
    # "make the most of" asks no share (it is no "most of" anything) and, like "enhance the
    # value of", is "valoriser": "la valorisation de la relation sociale".
    analyzer = Analyzer({})
    assert analyzer.terms("make the most of relationships") == analyzer.terms(
        "valoriser les relations")
    assert analyzer.terms("enhance the value of relationships") == analyzer.terms(
        "valoriser les relations")
    for knowledge_router in (stripped(knowledge), stripped(knowledge, hints=False,
                                                           glossary=False)):
        result = knowledge_router.route(
            "According to the author, what do companies need in order to make the most of "
            "workplace relationships?")
        assert result.verdict == "answer" and result.best is not None
        assert result.best.entry.id == "coop-pedagogie-quotidien"
