"""How the router answers particular kinds of question, through the real router on the
shipped knowledge: facts the posts give or never give, typos, English, objects and verbs, a
passage preferred for giving what is asked. The evaluation sets' figures are in
`test_routing.py`."""

import pytest

from sbbot.entries import Entry
from sbbot.knowledge.model import Hints, Knowledge
from sbbot.language.asking import relative_to
from sbbot.language.cues import question_cues
from sbbot.language.giving import gives
from sbbot.router import Match, Router
from sbbot.router.verdict import (
    Evidence,
    decide,
    giving_first,
    introducing_first,
    naming_first,
    reasoned_first,
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


def test_a_typo_is_corrected_to_the_nearest_word_of_the_posts(router: Router) -> None:
    (term,) = router.query_terms("colaboration")
    assert term.stem == router.query_terms("collaboration")[0].stem
    assert 0.8 < term.weight < 1


def test_an_english_question_meets_a_french_passage_without_glossary_or_hints(
        bare: Router) -> None:
    for question, expected in (("When does the breakfast start?",
                                {"dw-accueil", "matinee-entreprise-de-demain-2014"}),
                               ("Is the collaboration gene innate or acquired?",
                                {"coop-acquis-inne"})):
        result = bare.route(question)
        assert result.verdict == "answer" and result.best is not None
        assert result.best.entry.id in expected


def test_a_chat_filler_is_no_word_the_answer_must_hold(bare: Router) -> None:
    # "irl" (in real life) was an unknown word weighing against the event card that says
    # when Jane McConnell speaks
    result = bare.route("when can i chat with jane mcconnell irl?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "matinee-entreprise-de-demain-2014"


def test_how_many_asks_a_count_not_many_things(router: Router) -> None:
    # "many" alone was "beaucoup", a word the passage listing the ten reasons never writes
    assert "beauco" not in {term.stem for term in router.query_terms("how many reasons")}
    result = router.route("how many reasons for going social business")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "raisons-presentation"


def test_words_of_quantity_are_no_topic(router: Router) -> None:
    # "many", "a lot", "lots of" and "beaucoup" say how much, as "much", "few", "peu" and
    # "trop" do: read as "beaucoup" they counted against every passage not writing it
    for question in ("do many people ask that", "do people ask that a lot",
                     "do lots of people ask that", "beaucoup de gens demandent ça"):
        assert "beauco" not in {term.stem for term in router.query_terms(question)}, question
    result = router.route(
        "is this a question ppl ask a lot, like why bother with a social business strategy?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "raisons-question"


def test_an_attitude_is_no_position(bare: Router) -> None:
    # "position" (a post, a stance) met the passage on the IT director's position: a
    # confident wrong answer to what attitude the author recommends
    assert "position" not in {term.stem for term in bare.query_terms("what attitude")}
    result = bare.route(
        "With what attitude does the author say collaboration practices should be examined?")
    assert result.verdict != "answer"
    result = bare.route("what attitude should we have when looking at collaboration practices")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "coop-debats"


def test_show_is_first_the_verb(router: Router) -> None:
    # read as "émission" (a broadcast), it met the passage on France Info's guest
    result = router.route("what shows the benefits of social business are real")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "raisons-facteurs-communs"


def test_a_french_interjection_is_no_word_the_answer_must_hold(bare: Router) -> None:
    # "bah", "euh" say the member's mood; as terms no passage held them and the question
    # went unanswered
    result = bare.route("bah babinet il a publie quel livre euh")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "monde-babinet-france-info"


def test_a_who_question_prefers_the_tied_passage_naming_people(bare: Router) -> None:
    # The invitation and the event card cover "presents", "geneva", "morning" alike; only
    # the card names the speakers.
    result = bare.route(
        "who presents at the geneva morning")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "matinee-entreprise-de-demain-2014"


def test_an_event_cards_speakers_are_not_who_does_what_another_line_names(
        bare: Router) -> None:
    # The card names its speakers on their lines, the croissants on its registration line.
    assert bare.route("who pays for the croissants at the geneva event").verdict != "answer"
    assert bare.route("Qui sont les intervenants de la matinée ?").verdict == "answer"


@pytest.mark.parametrize("question", ["De quoi va parler Jane McConnell à la matinée ?",
                                      "déroulé de la matinée de genve"])
def test_an_event_card_tied_with_a_passage_answers_a_question_naming_its_event(
        router: Router, question: str) -> None:
    # The invitation to discuss with her in Geneva, or to the breakfast, covers the same
    # words; the card holds her talk and the programme.
    result = router.route(question)
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.type == "event"


def test_a_word_for_a_gathering_is_no_foreign_word_where_there_is_an_event(
        bare: Router) -> None:
    # No passage says "conférence": the card is the gathering a member calls a "conf".
    result = bare.route(
        "c'est où la conf de jane mcconnell ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.type == "event"


def test_a_word_for_a_gathering_counts_as_held_by_the_event_card(bare: Router) -> None:
    # The card says "matinée", never "rendez-vous": it is that gathering all the same, so
    # the word does not count against it; a next occurrence is another gathering.
    result = bare.route("le rendez vous a geneve ca commence a quelle heure")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.type == "event"
    assert bare.route("la prochaine conf de jane mcconnell c'est quand ?").verdict != "answer"


def test_an_event_card_holds_what_is_planned(bare: Router) -> None:
    # A card is something planned, though it never writes "prévu"; a thing it never
    # names is still not planned by it.
    result = bare.route("un petit déjeuner est prévu à la matinée de Genève ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.type == "event"
    assert bare.route("un parking est prévu pour la matinée ?").verdict != "answer"


def test_what_time_is_answered_by_the_passage_giving_a_time_without_the_word(
        bare: Router) -> None:
    result = bare.route(
        "at what time is breakfast served?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id in {"dw-accueil", "matinee-entreprise-de-demain-2014"}


def test_the_glossary_maps_no_price_word_onto_free_and_no_product_onto_a_topic(
        knowledge: Knowledge) -> None:
    for word in ("payant", "prix", "tarif", "price", "yammer", "naître", "téléphone"):
        assert word not in knowledge.synonyms, word


def test_an_english_word_after_a_or_a_possessive_is_an_object(router: Router) -> None:
    named = {term.word: term.named
             for term in router.query_terms("Is there a Q&A session? Jane's book, a webinar")}
    assert [named[word] for word in ("session", "jane", "book", "webinar")] == [
        "", "name", "object", "object"]


def test_a_french_word_after_sans_or_avec_or_counted_names_a_thing(
        bare: Router) -> None:
    """"sans gluten", "avec sucre" name a thing without an article, as "un hôtel" does;
    "combien d'enfants" asks for a count of children, as "quels enfants" asks for them."""
    named = {term.word: term.named for term in bare.query_terms(
        "Y aura-t-il des croissants sans gluten ? Jane McConnell a combien d'enfants ?")}
    assert (named["gluten"], named["enfants"]) == ("object", "asked")
    for question in ("Y aura-t-il des croissants sans gluten ?",
                     "Jane McConnell a combien d'enfants ?"):
        assert bare.route(question).verdict != "answer", question


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


def test_a_word_after_au_or_is_there_is_an_object(router: Router) -> None:
    for question in ("des croissants au beurre", "is there parking near the venue"):
        named = {term.word: term.named for term in router.query_terms(question)}
        assert named.get("beurre", named.get("parking")) == "object", question


def test_a_word_after_an_object_pronoun_is_a_verb_not_an_object(router: Router) -> None:
    named = {term.word: term.named for term in router.query_terms("le rapport, on le chope où")}
    assert named == {"rapport": "object", "chope": ""}
    # between a verb such as "vouloir" and its infinitive too; not before a noun
    named = {term.word: term.named for term in router.query_terms(
        "ils voulaient le garder, il faut les former, on veut la paix")}
    assert (named["garder"], named["former"], named["paix"]) == ("", "", "object")


def test_a_passage_giving_the_asked_price_goes_ahead_of_a_slightly_better_one(
        router: Router) -> None:
    free = router.entry("matinee-entreprise-de-demain-2014")
    other = router.entry("dw-invitation")
    assert gives(free.text, "price") and not gives(other.text, "price")
    close = [Match(other, 70.0), Match(free, 65.0)]
    assert [match.entry.id for match in giving_first(close, {"price"})] == [free.id, other.id]
    assert giving_first(close, {"date"}) == close  # an event card gives a date to anything
    far = [Match(other, 70.0), Match(free, 50.0)]
    assert giving_first(far, {"price"}) == far


def test_asking_where_something_was_said_prefers_the_passage_naming_the_broadcast(
        router: Router) -> None:
    said = router.entry("monde-babinet-france-info")
    statement = router.entry("monde-babinet-raison")
    assert gives(said.text, "source") and not gives(statement.text, "source")
    tied = [Match(statement, 100.0), Match(said, 100.0)]
    assert [match.entry.id for match in giving_first(tied, {"source"})] == [said.id,
                                                                           statement.id]
    result = router.route("où est-ce que Babinet dit que nos dirigeants raisonnent comme au "
                          "siècle passé ?")
    assert result.verdict == "answer" and result.best and result.best.entry.id == said.id


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


def test_asking_when_something_starts_leaves_the_start_to_the_time_given(
        bare: Router) -> None:
    # "heure" of "quelle heure" only says that a time is asked, as "commence" that a start is.
    assert [term.word for term in bare.query_terms("la matinée commence a quelle heure")] == [
        "matinee"]
    assert "commence" in [term.word for term in bare.query_terms("la pédagogie commence tôt")]
    result = bare.route("la matinée commence a quelle heure")
    assert result.verdict == "answer" and result.best is not None
    assert "08:30" in result.best.entry.text


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


def test_a_passage_holding_the_word_asked_for_goes_ahead_of_a_slightly_better_one(
        router: Router) -> None:
    """"Quelles règles d'or ...?": the word after "quel" names what the answer is."""
    rules = router.entry("retours-analyse-mcconnell")
    other = router.entry("coop-illustrer-valeur")
    (asked,) = [term.stem for term in router.query_terms("quelles règles ?")]

    def contains(match: Match, term: str) -> bool:
        return term in {found.stem for found in router.query_terms(match.entry.text)}

    assert contains(Match(rules, 0.0), asked) and not contains(Match(other, 0.0), asked)
    close = [Match(other, 53.0), Match(rules, 48.0)]
    assert [match.entry.id for match in naming_first(close, {asked}, contains)] == [
        rules.id, other.id]
    far = [Match(other, 70.0), Match(rules, 48.0)]
    assert naming_first(far, {asked}, contains) == far
    result = router.route("Sur quelles études l’auteur s’appuie-t-il pour démontrer l’intérêt "
                          "d’une stratégie social business ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "raisons-presentation"  # "études", not "raisons-question"


def test_a_why_question_prefers_a_passage_giving_a_reason(bare: Router) -> None:
    invitation = bare.entry("dw-retour-bouygues")
    reason = bare.entry("raison-retours-experience")
    tied = [Match(invitation, 100.0), Match(reason, 100.0)]
    assert [match.entry.id for match in reasoned_first(tied, True)] == [reason.id,
                                                                        invitation.id]
    assert reasoned_first(tied, False) == tied
    below = [Match(invitation, 66.0), Match(reason, 60.0)]  # the reason is no tie-break
    assert reasoned_first(below, True) == below
    result = bare.route("Pourquoi partager ses retours d'experience ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == reason.id


def test_who_someone_is_prefers_a_passage_stating_their_job(bare: Router) -> None:
    result = bare.route("Who is Guillaume Foltran?")
    assert result.verdict == "answer" and result.best is not None
    assert "responsable de la Bureautique Digitale" in result.best.entry.text


@pytest.mark.parametrize("question", ["Who is Guillaume Foltran?",
                                      "who is guillaume foltran exactly",
                                      "who's that foltran guy?"])
def test_who_someone_is_prefers_a_passage_introducing_them_over_a_tied_event_card(
        bare: Router, question: str) -> None:
    # the card lists him among its speakers with the same job: the passage is about him
    result = bare.route(question)
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.type == "passage"
    assert "Guillaume Foltran est actuellement responsable" in result.best.entry.text


def test_introducing_first_puts_a_tied_introducing_passage_ahead_of_an_event_card() -> None:
    card = Match(Entry("card", "event", "Intervenant : Ada Lovelace (directrice de X)", "p",
                       "P", Hints()), 100.0)
    other = Match(Entry("other", "passage", "Nous écouterons Ada Lovelace.", "p", "P",
                        Hints()), 100.0)
    about = Match(Entry("about", "passage", "Ada Lovelace est directrice de X.", "p", "P",
                        Hints()), 100.0)
    assert [m.entry.id for m in introducing_first([card, other, about], ["lovelace"])] == [
        "about", "card", "other"]
    # not when the passage ranks clearly below the card
    lower = Match(about.entry, 90.0)
    assert introducing_first([card, other, lower], ["lovelace"])[0].entry.id == "card"


def test_what_something_is_prefers_a_tied_passage_stating_something(router: Router) -> None:
    # Not the post's own question ("pourquoi devrions-nous ... ?"), nor the lead-in of a list
    # the passage does not hold ("... des enjeux et des tendances :").
    for question, stated in (("c'est quoi le social business ?",
                              "ne se limitent surtout pas au déploiement d’une plateforme"),
                             ("who is jane mcconnell?",
                              "Avec l’analyse publiée par Jane McConnell")):
        result = router.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert stated in result.best.entry.text, question


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


def test_a_date_asked_after_a_named_event_is_not_that_events_date(router: Router) -> None:
    """"the next meeting after the Geneva one" asks for another date than Geneva's: the
    card of the Geneva breakfast does not give it. "d'après" (according to) places nothing."""
    for question in ("whens the next mtg after the geneva one",
                     "When is the next breakfast after the one on April 4?"):
        assert router.route(question).verdict != "answer", question
    result = router.route("when is the breakfast in geneva")
    assert result.verdict == "answer" and result.best is not None
    assert relative_to("d'après l'auteur, c'est quand la matinée ?") == frozenset()
    # "celle", "the one" stand for the noun before "après", "after": another matinée
    assert "matinee" in relative_to("c'est quand la prochaine matinée après celle de Genève ?")
    assert "matinee" not in relative_to("la matinée après la pause, c'est quand ?")


def test_a_thing_someone_recommends_is_given_by_a_text_recommending_it(bare: Router) -> None:
    result = bare.route("which video does the author recommend")
    assert result.verdict == "answer" and result.best is not None
    assert "je vous propose cette vidéo" in result.best.entry.text
    # the posts recommend no tool: a passage naming collaboration tools does not answer
    assert bare.route("which collaboration tool does the author recommend?").verdict != "answer"
    assert bare.route("can you recommend a good book on leadership?").verdict != "answer"


def test_an_event_cards_date_is_not_the_day_its_speaker_did_something_else(bare: Router) -> None:
    """The card of the Geneva morning gives its date: the day its speakers speak there, not
    the day one of them joined a company or the company took up a tool."""
    for question in ("quand guillaume foltran a-t-il rejoint bouygues telecom ?",
                     "when did bouygues telecom start using sharepoint"):
        assert bare.route(question).verdict != "answer", question
    for question in ("quand jane mcconnell intervient-elle ?",  # the card holds every word
                     "quand peut-on rencontrer Jane McConnell ?",  # a gathering: the event
                     "Bouygues Telecom a un réseau interne depuis quand ?"):  # its own line
        result = bare.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert result.best.entry.type == "event", question


def test_an_event_cards_price_is_not_the_price_of_a_part_of_it(router: Router, bare: Router
                                                                ) -> None:
    """"Tarif : participation gratuite" is the Geneva morning's price: not that of the
    analysis a speaker's line names, nor of the internal network its programme names."""
    for question in ("is the netjmc.com report free or do you have to pay for it",
                     "what budget did bouygues telecom give its internal network"):
        assert bare.route(question).verdict != "answer", question
    for question in ("what does it cost to attend as a guest?",  # "participation gratuite"
                     "is it free? how do i sign up for the geneva morning"):  # its line too
        result = router.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert result.best.entry.type == "event", question


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


def test_a_casual_word_meets_the_glossary_as_the_word_it_stands_for(router: Router) -> None:
    # "bouquin" stands for "livre", which the lemma table reads as the verb "livrer": the
    # glossary's variant "livrer" (of "divulguer") is not what the member meant
    stems = {term.stem for term in router.query_terms("bouquin")}
    assert stems.isdisjoint(term.stem for term in router.query_terms("divulguer"))
    assert ({term.stem for term in router.query_terms("secu")}
            == {term.stem for term in router.query_terms("protection")})


def test_whether_something_is_settled_is_given_by_a_text_saying_when_it_will_be(
        router: Router) -> None:
    # the passage saying the agenda "sera précisé dans les prochains jours" answers; a
    # passage on the programme's topic that says nothing of it being settled does not
    for question in ("le programme de la matinée de genève est-il définitif ?",
                     "is the schedule of the geneva breakfast decided yet?"):
        result = router.route(question)
        assert result.verdict == "answer" and result.best is not None
        assert result.best.entry.id == "dw-accueil"
    assert "settled" in question_cues("has the agenda been finalised?")
    assert "settled" not in question_cues("au final, il est d'accord avec lui ?")


def test_going_to_is_no_word_an_event_card_must_hold(bare: Router) -> None:
    """"gonna", "going to" say the talk is to come, as French "va" does: the card giving the
    speakers' programme answers; "how did the morning go" still asks what no card says."""
    for question in ("what's jane mcconnell gonna talk about at the morning session",
                     "what is guillaume foltran going to present at the geneva breakfast?"):
        result = bare.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert result.best.entry.id == "matinee-entreprise-de-demain-2014"
    assert bare.route("how did the geneva morning go, what did foltran end up saying?"
                      ).verdict != "answer"


def test_a_possessive_pronoun_names_nothing_the_posts_must_hold(bare: Router) -> None:
    """"les nôtres" stands for the perspectives the question names: no foreign word."""
    result = bare.route("Quelles oppositions l’auteur dresse-t-il entre les perspectives des"
                        " élites et les nôtres ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "monde-divergence"
    assert not {"notres", "ours", "sienne"} & {term.word for term in bare.query_terms(
        "les nôtres, ours or la sienne")}


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


def test_a_verb_form_the_lemma_table_lacks_is_read_as_its_infinitive(bare: Router) -> None:
    """simplemma's table lacks many forms of casual "-er" verbs ("bossait"): read as their
    infinitive, they meet the casual table ("bosser": travailler) and the posts' other
    forms; a noun of the frequency lists with such an ending ("plongée") stays itself."""
    result = bare.route("et avant ca il bossait sur quoi foltran ?")
    assert (result.verdict, result.best and result.best.entry.id) == ("answer", "dw-foltran")

    def stems(text: str) -> set[str]:
        return {term.stem for term in bare.query_terms(text)}

    assert stems("bossait") == stems("bossaient") == stems("travailler")
    assert stems("tardent") == stems("tarder")
    assert stems("kiffaient") == stems("aimer")
    assert stems("plongée") != stems("plonger")


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


def test_workstation_is_the_posts_poste_de_travail(bare: Router) -> None:
    """"workstation" is "poste de travail" (the lexicon lacked it: a foreign word)."""
    result = bare.route("Where was the piece on the digitalisation of the workstation"
                        " published?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "dw-dsi"
