"""How a word of a question is read: lemmas, lexicons, spelling, rarity (chat writing:
`test_language_chat.py`)."""

from __future__ import annotations

import pytest
import wordfreq

from sbbot.evaluation import stripped
from sbbot.knowledge import load_knowledge
from sbbot.language.frequency import english_flags, general_zipf, zipf
from sbbot.language.lemmas import lemma
from sbbot.language.lexicon import (
    english_spelling,
    english_to_french,
    french_synonyms,
    phrase_at,
    standard,
    synonyms,
    translations,
)
from sbbot.language.spelling import french_spelling, inflects
from sbbot.router.corpus import Vocabulary, words_of
from sbbot.router.query import SYNONYM_WEIGHT, Analyzer
from sbbot.text import STOPWORDS, fold
from tests.conftest import KNOWLEDGE_DIR


def test_lemmas_join_inflected_forms() -> None:
    assert lemma("inscris", "fr") == "inscrire"
    assert lemma(fold("employés"), "fr") == fold("employé")
    assert lemma("companies", "en") == "company"
    assert lemma("xyzzy", "fr") == "xyzzy"
    # simplemma's misreadings are corrected (tools/build_lemmas.py): "gone" is "go", not
    # "gan"; "via" is no "viaduct", "as" no "ave".
    assert [lemma(word, "en") for word in ("gone", "via", "as")] == ["go", "via", "as"]
    # French: "serve" is servir's, not the feminine of "serf"; "mise" and "prise" are mettre's
    # and prendre's; "vol" is no abbreviation of "volume".
    assert [lemma(word, "fr") for word in ("serve", "mise", "prises", "vol")] == [
        "servir", "mettre", "prendre", "vol"]


def test_the_lexicon_is_general_and_translates_into_french_lemmas() -> None:
    assert len(english_to_french()) >= 1500
    assert translations("companies") == ("entreprise",)
    assert translations("speakers")[0] == "intervenant"
    assert translations("blorp") == ()
    # A word French says in several words has no one-word translation, never a fragment of
    # it: a password is no "mot" (the posts' "son mot à dire").
    assert translations("password") == ()
    # Nor a French word spelt like another of the posts' words: growing is no "croissant".
    assert "croissant" not in translations("growing")
    # An irregular form the lemma table reads as another word's is translated itself: the
    # latest is no "tard" (late), closest no "fermer", tied no "cravate".
    assert [translations(word)[0] for word in ("latest", "closest", "tied")] == [
        "dernier", "proche", "lier"]
    # French writes the day of a date as a cardinal: "the 4th" is "le 4".
    assert [translations(word) for word in ("4th", "21st", "2nd")] == [("4",), ("21",), ("2",)]
    assert "4" in translations("fourth")
    assert standard("techno") == "technologie"
    assert standard("orgas") == "organisation"
    assert standard("mater") == "regarder"
    assert standard("collaboration") is None


def test_a_regular_english_inflection_reaches_the_word_it_inflects() -> None:
    # Forms the lemma table lacks: plurals, third persons, pasts and -ing forms.
    assert translations("webinars") == translations("webinar") != ()
    assert translations("deploys") == translations("deploy") != ()
    assert translations("blogged") == translations("blog") != ()
    assert translations("bunches") == translations("bunch") != ()
    # "-es" is a plural ending only after a sibilant: "Angeles" is no plural of "angel".
    assert translations("angeles") == ()
    assert translations("united") == ("uni",)


def test_english_expressions_are_translated_whole_whatever_their_inflection() -> None:
    tokens = fold("where are they signing up, and what lessons learnt").split()
    assert phrase_at(tokens, 3) == (2, (("inscription",), ("inscrire",)))
    assert phrase_at(tokens, 2) is None
    assert phrase_at(tokens, 7) is not None
    assert phrase_at(tokens, 7)[1][0] == ("retour", "d", "experience")


def test_a_misspelt_english_word_is_read_as_the_nearest_word_of_the_lexicon() -> None:
    assert english_spelling("socail", 83) == "social"
    assert english_spelling("collabortion", 83) == "collaboration"
    assert english_spelling("foltran", 83) is None
    analyzer = Analyzer({})
    # The misspelt word comes first: a name the knowledge holds stays itself.
    assert analyzer.word_terms("whats the point of a socail strategy")[1].candidates == (
        "socail", analyzer.index_term("social", True))
    # A real word of either language is no misspelling.
    assert analyzer.word_terms("the compagnies")[0].candidates == (
        analyzer.index_term("compagnies", False),)


def test_an_english_expression_becomes_the_french_words_it_means() -> None:
    analyzer = Analyzer({})
    words = [word.word for word in analyzer.word_terms("where do I sign up? Any lessons learned?")]
    assert words == ["inscription", "retour", "experience"]
    assert analyzer.terms("signing up") == analyzer.terms("inscription")
    # An expression that only links words adds none ("according to").
    assert [word.word for word in analyzer.word_terms("collaboration according to Downes")] == [
        "collaboration", "downes"]
    # Nor a request's frame, like "tell me": "give me one good reason" asks for a reason.
    assert [word.word for word in analyzer.word_terms("give me one good reason, show me")] == [
        "good", "reason"]
    # French text is left alone, word by word.
    assert analyzer.terms("la face cachée") == [analyzer.index_term("face", False),
                                                analyzer.index_term("cachee", False)]
    # In an English question, an expression whose first word is more French than English
    # ("pays") is still English.
    assert [word.word for word in analyzer.word_terms("hard to prove collaboration pays off")][
        -1] == "rapporter"


def test_right_now_is_a_time_not_the_adjective_right() -> None:
    # "right" alone is droit, raison, juste or bon; in "right now" it is none of them, and
    # reading it as "bon" let an off-topic price question meet a registration passage's hints.
    # Nor is it a topic: the member's present is a cue, and as "maintenant" it met a post's
    # own "maintenant" (its author's present).
    analyzer = Analyzer({})
    for question in ("bitcoin price right now", "bitcoin price rn", "bitcoin price now"):
        words = [word.word for word in analyzer.word_terms(analyzer.question(question))]
        assert words == ["bitcoin", "price"]


def test_the_french_synonym_table_is_general_and_holds_meanings_only() -> None:
    assert len(french_synonyms()) >= 400
    assert all(word not in others for word, others in french_synonyms().items())
    assert lemma(fold("employé"), "fr") in synonyms(lemma(fold("salarié"), "fr"))
    # A one-way line: a boss is a leader, not every leader a boss.
    assert "dirigeant" in synonyms("patron")
    assert "patron" not in synonyms("dirigeant")
    # Never an opposite, nor a word with another sense: "personnel" is also "personal".
    assert "payant" not in synonyms("gratuit")
    assert synonyms("personnel") == ()


def test_a_french_synonym_reaches_the_word_the_knowledge_has() -> None:
    analyzer = Analyzer({})
    known = set(analyzer.terms("Les employés et les dirigeants"))
    salaries, patron = analyzer.query_terms("les salariés ? mon patron ?", known.__contains__)
    assert salaries.stem == analyzer.index_term(fold("employés"), False)
    assert patron.stem == analyzer.index_term("dirigeants", False)
    # Near the word's meaning, not the word: it weighs less than a word found as typed.
    assert salaries.weight == SYNONYM_WEIGHT < 1.0
    # The word itself, when the knowledge has it, wins over its synonyms.
    known.add(analyzer.index_term(fold("salariés"), False))
    [own] = analyzer.query_terms("les salariés", known.__contains__)
    assert (own.stem, own.weight) == (analyzer.index_term(fold("salariés"), False), 1.0)


def test_an_english_placeholder_noun_is_no_topic_either() -> None:
    analyzer = Analyzer({})
    words = [word.word for word in analyzer.word_terms("the geneva thing and digital stuff")]
    assert "thing" not in words and "stuff" not in words and "geneva" in words


def test_a_placeholder_noun_is_no_topic_of_the_question() -> None:
    # "ce truc", "le gars de": they stand for what the rest of the question names; counted,
    # they lowered the confidence in a passage that does not repeat them (69 and 73 of 100).
    analyzer = Analyzer({})
    words = [word.word for word in analyzer.word_terms("le gars de Bouygues, ce truc, ce mec")]
    assert words == ["bouygues"]
    router = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    for plain, casual in (("les enjeux de la digital workplace ?",
                           "les enjeux de ce truc, la digital workplace ?"),
                          ("Bouygues Telecom : qui est responsable de quoi ?",
                           "le gars de Bouygues Telecom est responsable de quoi ?")):
        expected, found = router.route(plain), router.route(casual)
        assert expected.verdict == found.verdict == "answer"
        assert found.best == expected.best


def test_french_prepositions_and_pronouns_are_no_topic_like_their_english_ones() -> None:
    # "vers", "parmi", "contre", "eux" were terms where "towards", "among", "against" and
    # "them" are stopwords: a passage saying "vers" met any question going "vers" anything.
    analyzer = Analyzer({})
    french = "malgré la crise, vers où vont-ils, parmi eux, contre l’avis de Jane"
    english = "among them, towards the crisis, against the opinion of Jane"
    assert [word.word for word in analyzer.word_terms(french)] == ["crise", "avis", "jane"]
    assert [word.word for word in analyzer.word_terms(english)] == ["crisis", "opinion", "jane"]
    vocabulary = Vocabulary(analyzer.leaning)
    words_of(["Le chemin vers le numérique, parmi eux et malgré tout"], vocabulary)
    assert sorted(vocabulary.words) == ["chemin", "numerique"]
    # The English counterparts of "malgré", "outre", "sauf", "contre" and "quant à" are
    # none either: "regarding schools" was "sujet" and "école", "versus" the French "vs".
    english = "despite the crisis, regarding schools, freedom versus surveillance, besides Jane"
    assert [word.word for word in analyzer.word_terms(english)] == [
        "crisis", "schools", "freedom", "surveillance", "jane"]
    # "Généralement", "habituellement" say how often, as "usually" does: not "générale".
    french = "les gens divulguent-ils généralement, ou habituellement, leurs informations ?"
    assert [word.word for word in analyzer.word_terms(french)] == [
        "gens", "divulguent", "informations"]


def test_a_real_word_meets_the_posts_misspelling_of_it_by_swapped_letters() -> None:
    # The posts write "Snwoden": a real word the knowledge lacks reaches a non-word of the
    # posts that is it with two neighbouring letters swapped, and only that: "cabinet" is
    # not a typo of the name "Babinet".
    router = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    [snowden] = router.query_terms("Snowden")
    assert snowden.stem == router.query_terms("Snwoden")[0].stem
    assert snowden.weight < 1.0
    assert router.route("Edouard Snowden").best.entry.id == "monde-lpm-attali"
    [cabinet] = router.query_terms("cabinet")
    assert cabinet.stem != router.query_terms("Babinet")[0].stem
    assert router.route("Gilles Cabinet").verdict == "unknown"


def test_a_misspelt_french_word_is_read_as_the_french_word_it_stands_for() -> None:
    assert french_spelling("telaphone", 83) == "telephone"
    assert french_spelling("foltran", 83) is None
    router = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    # A word the posts lack then counts against an answer as if typed right.
    assert [term.word for term in router.query_terms("le numéro de télaphone ?")] == [
        "numero", "telephone"]
    # One the posts hold at another form reaches the passage the right spelling reaches.
    typed, right = (router.route(f"les élites veulent-elles {verb} le numérique ?")
                    for verb in ("cotnroler", "contrôler"))
    assert typed.verdict == right.verdict == "answer"
    assert typed.best == right.best
    # Left alone: a typo of the posts' own words (corrected to them), a casual word, a name
    # inside the sentence, and the words of an English question (the lexicon's).
    assert [term.word for term in router.query_terms("babinett veut fliquer Yammer")] == [
        "babinett", "fliquer", "yammer"]
    assert "telaphone" in [term.word for term in router.query_terms("the telaphone number")]


def test_a_rare_regular_inflection_of_a_word_is_no_misspelling() -> None:
    analyzer = Analyzer({})
    # "conseilles" is in no frequency list, but "conseille" is: read as the nearest
    # frequent word, the verb became a noun ("conseillers").
    assert inflects("conseilles", analyzer.is_real_word)
    assert inflects("conseillent", analyzer.is_real_word)
    assert not inflects("telaphone", analyzer.is_real_word)
    assert analyzer.question("tu me conseilles un film").text == "tu me conseilles un film"


def test_before_as_an_adverb_reaches_earlier() -> None:
    # "il faisait quoi avant ?" of a passage saying "auparavant", one way: "auparavant" is
    # never the preposition "avant".
    analyzer = Analyzer({})
    known = set(analyzer.terms("Il a exercé auparavant des fonctions de contrôle"))
    [avant] = analyzer.query_terms("il faisait quoi avant ?", known.__contains__)
    assert (avant.stem, avant.weight) == (analyzer.index_term("auparavant", False),
                                          SYNONYM_WEIGHT)
    assert "avant" not in synonyms("auparavant")


def test_a_word_whose_synonyms_the_knowledge_lacks_still_counts_as_foreign() -> None:
    analyzer = Analyzer({})
    known = set(analyzer.terms("Les patrons et les employés"))
    # "salaire" has synonyms (rémunération, paie), none in the knowledge; "forfait" none at
    # all; "dirigeant" does not mean "patron" (one way): all stay themselves, unknown.
    terms = analyzer.query_terms("le salaire, le forfait des dirigeants", known.__contains__)
    assert [term.word for term in terms] == ["salaire", "forfait", "dirigeants"]
    assert not any(term.stem in known for term in terms)
    assert all(term.weight == 1.0 for term in terms)
    # English words are the lexicon's: no synonym of their translations is added.
    assert analyzer.word_terms("the employees")[0].related == ()


@pytest.mark.parametrize(("word", "lang"), [("the", "en"), ("entreprise", "fr"),
                                            ("forfait", "fr"), ("bitcoin", "en")])
def test_frequencies_are_wordfreqs_own(word: str, lang: str) -> None:
    assert zipf(word, lang) == pytest.approx(
        wordfreq.zipf_frequency(word, lang, wordlist="small"), abs=0.01)


def test_frequencies_are_read_folded_and_unknown_words_are_rare() -> None:
    assert zipf("geneve", "fr") == pytest.approx(wordfreq.zipf_frequency("genève", "fr"),
                                                 abs=0.01)
    assert general_zipf("asdfgh") == 0.0


def test_a_word_both_languages_use_is_read_in_the_language_around_it() -> None:
    # "former" is more frequent in English: between two French words it is the French verb.
    analyzer = Analyzer({})
    question = "faut-il juste former les salariés aux outils ?"
    words = {word.word: word for word in analyzer.word_terms(question)}
    assert words["former"].candidates == (analyzer.index_term("former", False),)
    assert "ancien" not in words["former"].candidates
    assert english_flags("who pays for the croissants".split())[1]
    # At the edge of the question, or beside a word of both languages, a French word on its
    # other side and no English one make it French too ("ca prend des donnees objectives",
    # "les former comment"); with no such word it keeps its own. A loanword that does not
    # inflect in French stays English, and its translation meets the French word ("faire du
    # business": entreprise, affaire).
    assert english_flags("ca prend des donnees objectives".split())[4] is False
    assert english_flags("doivent les former comment a la collaboration".split())[2] is False
    assert english_flags("former comment".split())[0]
    assert english_flags("la digital workplace".split())[1:] == [True, True]
    assert english_flags("faire du business et".split())[2]


def test_the_names_a_text_quotes_do_not_set_its_language() -> None:
    # "Les Echos" (a French paper) outweighed the English words around it: "piece" and the
    # plural acronym "CIOs" were read as French, and "CIOs" as a name the posts lack.
    analyzer = Analyzer({})
    read = analyzer.read("the Les Echos piece about CIOs")
    assert dict(zip(read.tokens, read.english, strict=True))["piece"]
    assert read.english[-1]
    words = {word.word: word.candidates for word in analyzer.word_terms(read)}
    assert analyzer.index_term("article", False) in words["piece"]
    # Likewise English names in a French question, and a text's first word still votes.
    read = analyzer.read("Quand a lieu la Digital Workplace Summit ? Une place ?")
    assert not read.english[-1]
    assert english_flags(["place", "la"], [True, False]) == [False, False]
    # A text with no lowercase word after its first (a title, capitals) is read whole.
    assert english_flags(["the", "les", "echos"], [True, True, True])[0]
    assert not english_flags(["les", "echos", "piece"], [True, True, True])[2]
    # An acronym with a plural "s" is English in any text: French leaves it invariable.
    words = {word.word: word.candidates for word in analyzer.word_terms(
        "que pensent les CIOs et les DSI des KPIs ?")}
    assert words["cios"] == words["dsi"] == (analyzer.index_term("directeur", False),)
    assert words["kpis"][0] == analyzer.index_term("indicateur", False)


def test_the_index_reads_each_word_in_the_language_a_question_would() -> None:
    analyzer = Analyzer({})
    texts = ["Il faut former les salariés aux outils.", "who pays for the croissants",
             "faire du business et du digital", "elle ne serve que les intérêts",
             "the Les Echos piece about CIOs", "Une place à la Digital Workplace Summit",
             "LES ECHOS PIECE", "Jane McConnell", "les KPIs et les CIOs du projet"]
    found = words_of(texts, Vocabulary(analyzer.leaning))
    for number, text in enumerate(texts):
        read = analyzer.read(text)
        assert found.english[found.docs == number].tolist() == [
            english for token, english in zip(read.tokens, read.english, strict=True)
            if (len(token) > 1 or token.isdigit()) and token not in STOPWORDS]


def test_a_study_is_an_analysis_and_a_running_order_a_programme() -> None:
    # "l'étude de Jane", "quelles études sont citées" of a post that says "l'analyse";
    # "le déroulé de la matinée" of a post giving its "programme".
    analyzer = Analyzer({})
    known = set(analyzer.terms("L'analyse publiée et le programme de la matinée"))
    etude, deroule = analyzer.query_terms("son étude ? le déroulé ?", known.__contains__)
    assert (etude.stem, etude.weight) == (analyzer.index_term("analyse", False),
                                          SYNONYM_WEIGHT)
    assert (deroule.stem, deroule.weight) == (analyzer.index_term("programme", False),
                                              SYNONYM_WEIGHT)


@pytest.mark.parametrize("word", ["the", "entreprise", "information", "geneve", "asdfgh"])
def test_a_words_general_frequency_is_the_higher_of_its_two_languages(word: str) -> None:
    assert general_zipf(word) == max(zipf(word, "fr"), zipf(word, "en"))
