"""How the router answers particular kinds of question, through the real router on the
shipped knowledge: facts the posts give or never give, of a subject, a person or a whole, and
what someone says. How words are read is in `test_routing_words.py`, event cards in
`test_routing_events.py`, which of two near passages answers in `test_routing_preferred.py`,
the evaluation sets' figures in `test_routing.py`."""

import pytest

from sbbot.language.giving import gives
from sbbot.router import Router
from sbbot.router.terms import GENERIC_STEMS
from sbbot.router.verdict import (
    Evidence,
    decide,
)


@pytest.mark.parametrize("question", [
    "Combien coûte le forfait de Bouygues Telecom ?",
    "Yammer est-il payant ?",
    "Is Yammer free?",
    "Quel âge a Jane McConnell ?",
    "Y a-t-il une matinée à Lyon le mois prochain ?",
    "Quand est né Gilles Babinet ?",
    "Peux-tu me donner le cours du bitcoin ?",
    "Gilles Babinet est-il marié ?",
    "How many employees does Gallup have?",
    "Peux-tu me recommander un hôtel à Genève ?",
    "tu me conseilles quel outil ?",
    "tu me conseilles un bon film",
    "is there a similar event in berlin",
    "jane mcconnell elle a quel age",
    "combien gagne guillaume foltran",
    "how many people attend the geneva breakfast",
    "Paul Miller travaille pour quelle entreprise ?",
    "Stephen Downes enseigne dans quelle université ?",
    "harold jarche il habite ou",
    "jane mcconnell elle vit ou",
    "la matinée de genève se termine à quelle heure ?",
    "how long does the paul miller video last",
    "gilles babinet il est né où",
    "combien d'articles compte la loi de programmation militaire",
    "what is jane mcconnell's job",
    "will it rain in geneva on april 4",
    "is there a livestream of the geneva breakfast",
    "quel est le poste de Jane McConnell",
    "Fabrice Epelboin il fait quoi dans la vie",
    "c'est qui le patron de France Info",
    "who is the boss of Jacques Attali",
    "qui est le pdg de bouygues telecom",
    "Jane McConnell parle-t-elle français ?",
    "is paul millers video subtitled in french",
    "what is the population of geneva",
    "what is gilles babinet's twitter handle",
    "Did Gilles Babinet win any award for his book?",
    "jane mcconnell elle a fait quelles études",
    "les croissants sont aux amandes ?",
    "does the military programming law still apply today",
    "What does C-level stand for?",
    "Que signifie le mot suite ?",
    "Où travaille Jane McConnell ?",
    "Where does Jane McConnell work?",
    "Pour qui travaille Jane McConnell ?",
    "who does jane mcconnell work for",
    "who does jane mcconnell work for, the analyst?",
    "jane mcconnell elle travaille dans quelle boite ?",
    "bertrand duperrin il bosse dans quelle boite ?",
    "combien gagne un intervenant à la matinée de genève ?",
    "how much do the speakers earn at the geneva event?",
    "paul miller's company, whats it called and how big is it?",
    "paul miller's book, whats the title?",
    "what % of social networks actually succeed?",
    "what % of french companies had a social business strategy in 2014?",
    "which company makes angry birds",
    "who founded campus london",
    "quelle plateforme chez bouygues telecom, yammer ?",
    "which collaboration tool does bouygues telecom use, slack?",
])
def test_facts_the_posts_never_give_are_not_answered(router: Router, question: str) -> None:
    assert router.route(question).verdict != "answer"


@pytest.mark.parametrize(("question", "expected"), [
    ("Qui est Guillaume Foltran ?", "dw-foltran"),
    ("C'est gratuit, la matinée de Genève ?", "matinee-entreprise-de-demain-2014"),
    ("qui a dit que la technologie n'a pas de valeur par elle-même", "coop-orlikowski"),
    ("Guillaume Foltran est responsable de quoi chez Bouygues ?", "dw-foltran"),
    ("jsais pas kan cest la matinee de geneve", "matinee-entreprise-de-demain-2014"),
    ("ça se passe dans quelle ville, la matinée ?", "matinee-entreprise-de-demain-2014"),
    ("What is Guillaume Foltran's role at Bouygues Telecom?", "dw-foltran"),
    ("Quel poste occupe Guillaume Foltran chez Bouygues ?", "dw-foltran"),
    ("Où travaille Guillaume Foltran ?", "dw-foltran"),
    ("Who does Guillaume Foltran work for?", "dw-foltran"),
    ("tu me conseilles une vidéo ?", "dw-paul-miller"),
])
def test_facts_the_posts_give_are_answered(router: Router, question: str, expected: str) -> None:
    result = router.route(question)
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id in {expected, "orlikowski-2003"}


def test_whether_someone_recommends_a_thing_is_given_by_a_text_recommending_it(
        router: Router) -> None:
    """Asked whether the author advises reading Jane McConnell's analysis, the passage
    quoting the analysis ("Avec l'analyse publiée par Jane McConnell ...") does not say; the
    one recommending her note does ("je vous recommande vivement la lecture ...")."""
    question = "L’auteur conseille-t-il de lire l’analyse publiée par Jane McConnell ?"
    assert router.route(question).verdict != "answer"
    result = router.route("L’auteur conseille-t-il de lire l’étude de Jane McConnell ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "retours-rendez-vous-geneve"


def test_other_things_than_the_one_a_passage_names_are_not_answered_by_it(
        router: Router) -> None:
    """The passage naming Babinet's book does not say whether he wrote others; one that
    speaks of other organisations may answer about them. When no ranked passage speaks of
    others of the thing, the posts do not know: declined, not offered; others met after
    "avec" are the company of the act asked about, and stay offered."""
    for question in ("Gilles Babinet a écrit d'autres livres ?",
                     "y a d'autres vidéos de Paul Miller ?",
                     "Bouygues a d'autres plateformes collaboratives ?"):
        assert router.route(question).verdict == "unknown", question
    assert router.route("pk partager ses retours d'xp avec d'autres boites ?").verdict == "unsure"
    assert router.route("Qui a écrit L'Ere Numérique ?").verdict == "answer"


def test_an_act_and_its_companion_no_passage_holds_together_are_declined(
        router: Router) -> None:
    """Asked whether one may come with a friend, or whether Attali agrees with Babinet, the
    passage holding the friends the Internet brings, or Attali alone, is no topic to offer
    when no ranked passage holds the act and its companion together."""
    for question in ("je peux venir avec un ami ?", "je peux venir avec un collègue ?",
                     "Jacques Attali est-il d'accord avec Gilles Babinet ?"):
        assert router.route(question).verdict == "unknown", question


def test_a_first_name_beginning_a_quote_s_signature_names_the_subject(
        router: Router) -> None:
    """The quote signed "— Jacques Attali" names him, first name and all: asked whether he
    is married or has children, it holds neither, and "jacques" is not what is asked."""
    for question in ("jacques attali il est marié ?", "does jacques attali have kids"):
        assert router.route(question).verdict == "unknown", question
    assert router.route("que dit Jacques Attali de la transparence ?").verdict == "answer"


def test_a_part_of_a_numbered_whole_is_not_counted_by_the_whole_s_number(
        router: Router) -> None:
    """"How many of the 10 reasons are about customers?" asks how many of them: the
    presentation's "10 bonnes raisons" is the number the question already gives. How many
    reasons there are, it answers."""
    for question in ("how many of the 10 reasons are about customers?",
                     "how many of the companies mckinsey surveyed use social tools?"):
        assert router.route(question).verdict == "unknown", question
    result = router.route("how many reasons are there in the presentation?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "raisons-presentation"


def test_a_source_not_given_by_the_best_passage_is_a_doubt_not_a_decline() -> None:
    """The post names a quote's broadcast where it introduces it, not where it quotes."""
    assert decide(Evidence(100.0, 10.0, unmet_cues=("source",))) == "unsure"
    assert decide(Evidence(100.0, 10.0, unmet_cues=("source", "price"))) == "unknown"
    assert decide(Evidence(100.0, 10.0, unmet_cues=("price",))) == "unknown"
    assert decide(Evidence(100.0, 10.0)) == "answer"


def test_how_widespread_is_given_by_a_quantifier_or_it_is_a_doubt(bare: Router) -> None:
    """"Do most social networks succeed?" asks a share: a passage saying that public social
    networks succeed, without saying how many, is no confident answer."""
    assert gives("rares sont les réseaux et médias sociaux qui ont un réel succès", "share")
    assert gives("la question est récurrente", "share")
    assert not gives("Le succès et la vitalité de l’usage des médias et des réseaux sociaux "
                     "grand-publics ont presque réussi à convaincre", "share")
    assert decide(Evidence(100.0, 10.0, unmet_cues=("share",))) == "unsure"
    for question in ("do most social networks actually succeed",
                     "how come most social networks fail?"):
        result = bare.route(question)
        assert result.verdict != "answer" or (result.best is not None and gives(
            result.best.entry.text, "share"))


def test_words_about_the_post_itself_leave_only_its_topic(router: Router) -> None:
    """"Que pense l'auteur de ...", "what does the author think of ...": every passage has an
    author who thinks, so these words neither pick a passage nor dilute the confidence."""
    def stems(question: str) -> list[str]:
        return [term.stem for term in router.query_terms(question)]

    assert stems("Que pense l'auteur du big data ?") == stems("le big data ?")
    assert stems("Quelles études sont citées dans l'article ?") == stems("quelles études ?")
    assert stems("what does the author think about training") == stems("training")
    # A stance word is framing only where the question names the post or its author.
    assert stems("la position de l'auteur sur le big data") == stems("le big data")
    assert stems("une position dominante") != stems("dominante")
    # What the post relies on, or what it proves, is what it says.
    assert stems("Sur quelles études l'auteur s'appuie-t-il ?") == stems("quelles études ?")
    assert stems("l'auteur prouve-t-il que la viralité est clef ?") == stems(
        "la viralité est clef ?")
    assert stems("la preuve par l'exemple") != stems("par l'exemple")
    result = router.route("Quelle est la position de l'auteur sur le big data ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "monde-big-data"


def test_what_the_post_relies_on_is_asked_of_its_topic(bare: Router) -> None:
    # Without hints: "s'appuie" and "démontrer" are the post's, not words a passage lacks.
    result = bare.route("Sur quelles études l’auteur s’appuie-t-il pour démontrer l’intérêt "
                        "d’une stratégie social business ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "raisons-presentation"


def test_a_fact_asked_of_a_subject_the_entry_never_names_is_not_answered(
        bare: Router) -> None:
    # "un choix personnel" and "10 bonnes raisons" in the post's presentation are no count of
    # Bouygues Telecom's staff: the passage never names Bouygues, which the knowledge does.
    assert bare.route("combien de personnel chez Bouygues ?").verdict != "answer"
    # Asked of the event, which the card names, the price is still given.
    # Whether one pays is asked of the event, whose card gives its price in other words.
    for question in ("c'est combien la matinée de Genève ?", "faut payer pour la matinée ?"):
        found = bare.route(question)
        assert (found.verdict, found.best and found.best.entry.id) == (
            "answer", "matinee-entreprise-de-demain-2014")
    assert bare.route("faut payer pour avoir SharePoint ?").verdict != "answer"


def test_the_noun_asked_after_which_ends_an_english_noun_phrase(router: Router) -> None:
    """English puts the noun last ("which mobile apps"), French first ("quelle université
    parisienne"): the word asked for is the noun."""
    named = {term.word: term.named
             for term in router.query_terms("Which mobile apps were caught collecting data?")}
    assert (named["mobile"], named["apps"]) == ("", "asked")
    named = {term.word: term.named
             for term in router.query_terms("which video does the author recommend")}
    assert named["video"] == "asked"
    named = {term.word: term.named
             for term in router.query_terms("dans quelle université parisienne a-t-il étudié")}
    assert named["universite"] == "asked"


def test_a_thing_someone_recommends_is_given_by_a_text_recommending_it(bare: Router) -> None:
    result = bare.route("which video does the author recommend")
    assert result.verdict == "answer" and result.best is not None
    assert "je vous propose cette vidéo" in result.best.entry.text
    # the posts recommend no tool: a passage naming collaboration tools does not answer
    assert bare.route("which collaboration tool does the author recommend?").verdict != "answer"
    assert bare.route("can you recommend a good book on leadership?").verdict != "answer"


def test_how_many_of_a_set_is_not_answered_by_the_count_of_the_whole(router: Router) -> None:
    """"10 bonnes raisons" says how many reasons there are, not how many of them are about
    customers."""
    assert router.route("how many of the 10 reasons are about customers?").verdict != "answer"


def test_what_someone_says_of_a_topic_needs_a_passage_holding_the_topic(bare: Router) -> None:
    """A passage quoting Jacques Attali on personal data does not say what he thinks of
    enterprise social networks, and nothing points at a passage that does: the bot says it
    does not know."""
    for question in ("what does jacques attali think about enterprise social networks?",
                     "jacques attali il dit quoi sur le social business"):
        assert bare.route(question).verdict == "unknown", question
    for question in ("what does gilles babinet say about the elites",
                     "que pense harold jarche de la coopération ?"):
        assert bare.route(question).verdict == "answer", question


def test_what_someone_the_entry_never_names_thinks_is_not_answered(router: Router,
                                                                    bare: Router) -> None:
    """Asked what someone thinks, typed in lower case as chat does, or their position, or
    whether they speak of a topic, the passage on the topic that never names them does not
    say it: unknown. Named otherwise ("la note de Jane McConnell"), a person the passage
    lacks leaves it offered."""
    for question in ("jane mcconnell elle pense quoi de la loi de programmation militaire",
                     "Que pense Harold Jarche de la loi de programmation militaire ?",
                     "Quelle est la position de Fabrice Epelboin sur la loi de programmation"
                     " militaire ?",
                     "Stephen Downes parle-t-il de la surveillance des citoyens ?"):
        assert router.route(question).verdict == "unknown", question
    question = "Quels graphiques l'auteur partage-t-il en complément de la note de Jane McConnell ?"
    assert bare.route(question).verdict == "unsure"


def test_a_yes_or_no_question_needs_a_passage_naming_what_it_asks_whether_happens(
        router: Router, bare: Router) -> None:
    """"Will the geneva meetup be streamed live?": the passages on the meetup never speak of
    streaming, so none answers yes or no."""
    assert router.route("will the geneva meetup be streamed live?").verdict != "answer"
    assert bare.route("is the geneva event gonna be streamed online?").verdict != "answer"
    assert router.route("are they going to record the talks in geneva?").verdict != "answer"
    # what the passage does name still answers
    assert bare.route("is jane mcconnell gonna talk about trends?").verdict == "answer"


def test_alternatives_the_knowledge_never_names_are_foreign(router: Router) -> None:
    """"yammer or slack": the posts name neither, so they cannot say which; alternatives they
    do name still answer."""
    assert router.route("does bouygues telecom use yammer or slack for its internal network"
                        ).verdict == "unknown"
    assert router.route("is jane mcconnell's analysis available as pdf or epub?"
                        ).verdict == "unknown"
    assert router.route("faut-il choisir entre coopération ou collaboration ?"
                        ).verdict == "answer"
    # each after its own preposition, as French repeats it
    for question in ("guillaume foltran il bosse à lyon ou à marseille ?",
                     "la matinee de l'entreprise de demain ya une edition a paris ou a lyon"
                     " aussi ?"):
        assert router.route(question).verdict == "unknown", question


def test_who_a_person_typed_in_lower_case_cites_needs_someone_else(router: Router) -> None:
    """A quote signed Harold Jarche alone does not say whom he cites, though the question
    types his name in lower case; a capitalised term in quote marks is no person."""
    assert router.route("harold jarche il cite qui ?").verdict != "answer"
    result = router.route("who looks after the digital workplace on the exec board")
    assert result.verdict == "answer"


def test_who_is_answered_by_people_named_as_a_group(bare: Router) -> None:
    """"Who" asks for people, whom a passage may name by what they are to the others ("le
    client", "les élites") rather than by their names; a passage naming none asks nothing
    of the kind."""
    result = bare.route("Who does the author say organises the surveillance of our exchanges?")
    assert (result.verdict, result.best.entry.id) == ("answer", "monde-surveillance")
    assert gives("Les élites organisent la surveillance de nos échanges.", "person")
    assert not gives("La surveillance de nos échanges est organisée.", "person")


def test_a_book_s_publisher_is_given_by_a_passage_naming_it(bare: Router) -> None:
    """"(Editions Le Passeur)" gives the publisher of Babinet's book, though the passage
    writes no "éditeur"; not the publisher of anything else it names."""
    for question in ("whos the publisher of babinets book?",
                     "Which publisher released Gilles Babinet’s book?",
                     "chez quel éditeur est paru le livre de Gilles Babinet ?"):
        result = bare.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert result.best.entry.id == "monde-babinet-france-info"
    assert bare.route("who is the publisher of France Info?").verdict != "answer"


def test_who_is_answered_by_the_majority_named_alone(bare: Router) -> None:
    """"the majority" (not "the majority of cases") is a group of people: it answers who the
    early adopters are compared with."""
    result = bare.route("the second chart compares early adopters and who? on what criteria")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "retours-graphiques"
    assert gives("« early adopters » vs « the majority »", "person")
    assert not gives("la majorité des cas est simple", "person")


def test_an_answer_offered_after_a_comma_gives_the_kind_asked(bare: Router) -> None:
    """"quelle techno chez bouygues, du sharepoint ?" asks whether it is SharePoint: the card
    naming it answers, though it never writes "techno"; one the posts never name does not."""
    result = bare.route("quelle techno chez bouygues, du sharepoint ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "matinee-entreprise-de-demain-2014"
    assert bare.route("quelle techno chez bouygues, du yammer ?").verdict == "unknown"
    # "plateforme" is a word of the posts: the offered answer they never name declines it
    assert bare.route("quelle plateforme chez bouygues telecom, yammer ?").verdict == "unknown"


def test_an_adverb_of_frequency_or_time_says_no_topic(bare: Router) -> None:
    """"désormais", "often" weigh as everyday words: the passage on what the question is
    about answers, not one that happens to write the adverb."""
    result = bare.route("Comment les organisations devraient-elles désormais concevoir"
                        " l’accompagnement de leurs salariés ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "coop-palette-pedagogique"
    often = bare.route("do people ask this social business question often?")
    assert often.best is None or often.best.entry.id != "coop-communautes"
    assert {term.stem for term in bare.query_terms("souvent parfois désormais")} <= (
        GENERIC_STEMS)


def test_a_problem_asked_with_a_topic_is_what_the_passage_says_of_it(bare: Router) -> None:
    # "le pb avec X" asks what is wrong with X, which the passage says in its own words: read
    # through its near-synonym "difficulté", it was a topic word no passage on X holds
    assert "proble" in GENERIC_STEMS
    result = bare.route("c quoi le pb avec l'article 20 de la lpm en gros")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id in {"monde-lpm-attali", "attali-lpm"}
