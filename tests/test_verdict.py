"""The verdict's honesty rules, through the real router: what a question asks about its
subject must be what the entry gives for that subject (for events: `test_verdict_events.py`)."""

from __future__ import annotations

from sbbot.entries import Entry
from sbbot.evaluation import stripped
from sbbot.knowledge import load_knowledge
from sbbot.knowledge.model import Hints
from sbbot.language.judging import asks_judgement, judged_clauses
from sbbot.router import Router
from sbbot.router.doubts import CAUSE_MARKS, CAUSES
from sbbot.router.predicates import verbs_alone
from tests.conftest import KNOWLEDGE_DIR
from tests.made_entries import FILLER, passage


def test_a_fact_asked_of_a_subject_must_be_given_where_the_passage_names_it() -> None:
    question = "Combien coûte Kalixo ?"
    named = Router([passage("kalixo", "Kalixo est un logiciel de comptabilité. Il coûte 10 "
                                      "euros par mois."), *FILLER])
    assert named.route(question).verdict == "answer"
    apart = Router([passage("salon", "Kalixo était présenté au salon de Lille, avec d'autres "
                                     "logiciels de comptabilité. Les visiteurs aimaient la "
                                     "démonstration. Le déjeuner coûtait 10 euros."), *FILLER])
    assert apart.route(question).verdict != "answer"
    # the next line may still speak of it, not a new paragraph: another topic
    for gap, unmet in (("\n", ()), ("\n\n", ("price",))):
        item = Router([passage("programme", f"Démonstration de Kalixo{gap}Participation : 10 "
                                            "euros"), *FILLER])
        judged = item.judge(question, 2)
        assert judged is not None and judged[2].unmet_cues == unmet


def test_a_name_asked_about_must_be_written_not_only_a_keyword(router: Router) -> None:
    """A keyword says what an entry is about; a name the question asks about must be in the
    entry's text or example questions."""
    assert router.route("Is Gilles Babinet on Twitter?").verdict != "answer"
    text = ("Zoé Kervadec anime un débat sur les réseaux sociaux. Elle défend la mutualisation "
            "des logiciels libres dans les collectivités.")
    keyword = Router([Entry("debat", "passage", text, "post", "https://example.org/post",
                            Hints(keywords=("twitter",))), *FILLER])
    assert keyword.route("Is Zoé Kervadec on Twitter?").verdict != "answer"
    asked = Router([Entry("debat", "passage", text, "post", "https://example.org/post",
                          Hints(questions=("Zoé Kervadec est-elle sur Twitter ?",))), *FILLER])
    assert asked.route("Is Zoé Kervadec on Twitter?").verdict == "answer"


def test_a_lower_case_name_the_posts_never_mention_is_no_fact_they_give(router: Router) -> None:
    """In a question asking for a fact, a word of neither language the knowledge lacks is a
    name written in lower case, as a name capitalised is."""
    assert router.route("est ce que yammer est payant").verdict != "answer"
    assert router.route("est ce que Yammer est payant").verdict != "answer"
    result = router.route("est ce que la matinee est payante")
    assert result.verdict == "answer" and result.best is not None


def test_a_surname_as_common_as_a_word_still_names_the_subject(router: Router) -> None:
    """"Miller" is as common as NAME_MAX_ZIPF: typed in lower case, next to the first name
    the passage writes with it, it names whom the question asks about, so what is asked of
    him (a company) must be in the passage."""
    assert router.route("paul miller il a fonde quelle boite").verdict == "unknown"


def test_a_noun_of_the_subject_is_not_what_is_asked_about_it() -> None:
    """"Le livre de Kervadec", "Kervadec's book": the book belongs to the subject; a passage
    naming it does not say whether it was a success. Asked alone ("le sujet du livre de
    ..."), the noun is still what the passage answers."""
    book = Router([passage("livre", "Zoé Kervadec est l'autrice d'un livre sur la "
                                    "mutualisation des logiciels libres dans les collectivités."),
                   *FILLER, passage("noel", "Le marché de Noël connaît chaque année un grand "
                                            "succès.")])
    for question in ("le livre de Kervadec a-t-il eu du succès ?",
                     "Has Kervadec's book been a success?", "Was the Kervadec book a success?"):
        assert book.route(question).verdict != "answer", question
    for question in ("de quoi parle le livre de Kervadec",
                     "Quel est le sujet du livre de Zoé Kervadec ?"):
        result = book.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert result.best.entry.id == "livre"


def test_where_someone_lives_is_stated_with_a_word_of_location() -> None:
    """A place a passage names is where something happens ("la matinée à Genève", "un
    enregistrement réalisé au Campus London"); where someone lives or something is based is
    stated as such ("basée à Lyon")."""
    event = Router([passage("salon", "Zoé Kervadec présentera son logiciel au salon de Lille, "
                                     "le 3 mars."), *FILLER])
    assert event.route("Où habite Zoé Kervadec ?").verdict != "answer"
    assert event.route("Where is Zoé Kervadec based?").verdict != "answer"
    based = Router([passage("agence", "Zoé Kervadec dirige une agence basée à Lyon."), *FILLER])
    result = based.route("Where is Zoé Kervadec based?")
    assert result.verdict == "answer" and result.best is not None
    knowledge = load_knowledge(KNOWLEDGE_DIR)
    for routed in (stripped(knowledge), stripped(knowledge, hints=False, glossary=False)):
        for question in ("Where is Paul Miller based?", "Where does Guillaume Foltran live?",
                         "Jane McConnell habite où ?"):
            assert routed.route(question).verdict != "answer", question


def test_whether_someone_works_for_a_company_needs_an_employer_stated(router: Router) -> None:
    """The posts name Bouygues Telecom as a speaker's employer and as a company that works
    differently ("comme chez Bouygues Telecom"), never as the author's employer."""
    assert router.route("Does the author work for Bouygues Telecom?").verdict != "answer"
    bare = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    assert bare.route("Does the author work for Bouygues Telecom?").verdict != "answer"


def test_an_english_question_about_a_thing_is_not_answered_by_an_entry_lacking_it() -> None:
    """"the breakfast" is what the question is about: a passage that only shares "bring" and
    "friend" is another topic, offered at most ("unsure"). French articles name things in
    general too, so a French question is left to the other rules."""
    router = Router([passage("amis", "Internet nous apporte des idées et des amis."),
                     passage("dej", "Le petit-déjeuner des adhérents a lieu dans la grande "
                                    "salle."), *FILLER])
    assert router.route("Can I bring a friend to the breakfast?").verdict == "unsure"
    result = router.route("Does the internet bring us friends?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "amis"


def test_who_asked_about_a_named_person_wants_someone_else(router: Router) -> None:
    """The passage on Paul Miller's video names him, and no one who made it."""
    assert router.route("Qui a réalisé la vidéo de Paul Miller ?").verdict != "answer"
    question = "Qui a filmé la vidéo de Zoé Kervadec ?"
    alone = Router([passage("video", "La vidéo de Zoé Kervadec a été filmée au Palais "
                                     "Rameau, à Lille."), *FILLER])
    assert alone.route(question).verdict != "answer"
    maker = Router([passage("video", "La vidéo de Zoé Kervadec a été filmée par Marc "
                                     "Dupuis, à Lille."), *FILLER])
    result = maker.route(question)
    assert result.verdict == "answer" and result.best is not None
    assert maker.route("Qui est Zoé Kervadec ?").best is not None


def test_one_word_held_only_in_a_less_usual_sense_is_no_answer() -> None:
    """"book" is "livre" first, "ouvrage" after it: a knowledge without "livre" reads it as
    "ouvrage", and a passage on "maîtrise d'ouvrage" (works to be built) is no answer to
    whether someone wrote a book. A word held in its first sense still answers."""
    router = Router([passage("moa", "Il a exercé des fonctions de maîtrise d'ouvrage "
                                    "informatique et de contrôle de gestion."), *FILLER])
    assert router.route("Has the author written a book?").verdict == "unsure"
    router = Router([passage("conf", "Les conférences seront enregistrées et publiées."),
                     passage("parle", "Il y parle de la transformation numérique."), *FILLER])
    result = router.route("Will the talks be recorded?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "conf"


def test_an_act_with_or_without_something_needs_both_in_the_entry() -> None:
    """"Avec", "sans", "with", "without" join an act and a companion: asked whether one may
    do the act with it, an entry holding the companion alone does not answer; an entry
    holding the act alone does not say how it goes with someone named or with a thing the
    knowledge never names. A passage holding both answers."""
    texts = {"collegues": "Convaincre ses collègues de partager demande de la patience.",
             "quotes": "Zoé Kervadec est d'accord : la lecture publique doit rester gratuite.",
             "durand": "Paul Durand dirige la médiathèque de Brest.",
             "venir": "Les lecteurs viennent surtout le samedi à la médiathèque."}
    router = Router([*(passage(key, text) for key, text in texts.items()), *FILLER])
    for question, lacking in (("je peux venir avec un collègue ?", ("venir",)),
                              ("je peux venir avec ma femme ?", ("femme",)),
                              ("Zoé Kervadec est-elle d'accord avec Paul Durand ?",
                               ("paul", "durand")),
                              ("on peut venir en visio ?", ("visio",))):
        judged = router.judge(question, 2)
        assert judged is not None, question
        assert judged[2].doubts + judged[2].foreign_words + judged[2].unsaid == lacking, (
            question)
        # no passage holds the act and its companion together: the posts cannot tell, the
        # bot says so, whether the companion is unknown to them or not
        assert router.route(question).verdict == "unknown", question
    both = Router([passage("venir", "Vous pouvez venir avec un collègue, l'entrée est libre."),
                   *FILLER])
    result = both.route("je peux venir avec un collègue ?")
    assert result.verdict == "answer" and result.best is not None
    # not asking whether one may: the act may be paraphrased ("ne suffisent pas")
    intuitions = Router([passage("intuitions", "Les intuitions ne suffisent pas : il faut "
                                               "des données pour convaincre."), *FILLER])
    assert intuitions.route("les intuitions suffisent-elles sans données ?").verdict == "answer"


def test_which_is_best_is_not_answered_by_a_text_naming_the_things(router: Router) -> None:
    """A passage naming collaborative platforms does not say which is the best."""
    assert router.route("quelle est la meilleure plateforme collaborative ?").verdict != "answer"
    judging = Router([passage("outils", "Pour un réseau interne, Kalixo est la meilleure "
                                        "plateforme collaborative."), *FILLER])
    result = judging.route("quelle est la meilleure plateforme collaborative ?")
    assert result.verdict == "answer" and result.best is not None


def test_a_cause_proposed_must_be_named_by_the_entry() -> None:
    """Asked whether something happens because of a cause ("à cause de", "grâce à",
    "because of"), an entry that covers the change but never names the cause cannot say so:
    a doubt, not an answer. An entry naming the cause answers."""
    texts = {"romans": "Les élèves lisent davantage de romans cette année.",
             "tablettes": "Les tablettes coûtent cher aux écoles de la région.",
             "enseignants": "Les enseignants préparent leurs cours le dimanche soir."}
    router = Router([*(passage(key, text) for key, text in texts.items()), *FILLER])
    for question, lacking in (("les élèves lisent davantage de romans à cause des "
                               "tablettes ?", ("tablettes",)),
                              ("les élèves lisent davantage de romans grâce aux "
                               "enseignants ?", ("enseignants",))):
        judged = router.judge(question, 2)
        assert judged is not None, question
        assert judged[2].doubts == lacking, question
        assert router.route(question).verdict == "unsure", question
    named = Router([passage("romans", "Les élèves lisent davantage de romans à cause des "
                                      "tablettes."), *FILLER])
    result = named.route("les élèves lisent davantage de romans à cause des tablettes ?")
    assert result.verdict == "answer" and result.best is not None
    english = Router([passage("novels", "Pupils read more novels this year."),
                      passage("tablets", "Tablets are expensive for the schools of the region."),
                      *FILLER])
    judged = english.judge("do pupils read more novels because of tablets?", 2)
    assert judged is not None and judged[2].doubts == ("tablets",)


def test_every_cause_pair_holds_a_mark() -> None:
    """`cause_apart` skips a question holding none of CAUSE_MARKS: a pair added to CAUSES
    without one would never be read."""
    assert all(any(mark in word for word in pair for mark in CAUSE_MARKS) for pair in CAUSES)


def test_a_judgement_asked_of_a_named_thing_needs_a_text_judging_it(router: Router) -> None:
    """Asked whether something named is good or worth it, an entry that only names it (the
    programme's "solution technique SharePoint") cannot say: unknown when no ranked entry
    judges it, a doubt (unsure) when one does. An entry judging it where it names it
    answers; "c'est bien X qui ..." confirms a fact."""
    for question in ("is sharepoint good?", "SharePoint, c'est bien ?",
                     "Bouygues Telecom est-il un bon opérateur ?",
                     "les employés de Bouygues Telecom sont contents de leur plateforme ?",
                     "Paul Miller parle bien dans sa vidéo ?",  # where it is done, after
                     "le réseau interne fonctionne bien chez bouygues telecom ?",
                     # judged in no clause naming them: "... la lecture de cette note de Jane
                     # et vous invite ... à venir en discuter avec elle et Guillaume Foltran"
                     "L’auteur trouve-t-il que Guillaume Foltran parle bien ?",
                     "Fabrice Epelboin est-il intéressant selon l'auteur ?"):
        judged = router.judge(question, 2)
        assert judged is not None and "judgement" in judged[2].unsaid, question
        assert router.route(question).verdict == "unknown", question
    # a ranked passage judges them where it names them ("la vision de Gilles Babinet est
    # très intéressante"): only a doubt
    for question in ("Gilles Babinet parle bien ?",):
        judged = router.judge(question, 6)
        assert judged is not None and "judgement" in judged[2].doubts, question
        assert router.route(question).verdict == "unsure", question
    result = router.route("La vision de Gilles Babinet est-elle intéressante ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "monde-debat-epelboin"
    texts = {"kalixo": "Kalixo est une plateforme collaborative installée chez Bouygues.",
             "yammer": "Yammer est un très bon réseau interne, je le recommande."}
    made = Router([*(passage(key, text) for key, text in texts.items()), *FILLER])
    judged = made.judge("Kalixo, c'est bien ?", 2)
    assert judged is not None and judged[2].unsaid == ("judgement",)
    judged = made.judge("Yammer, c'est bien ?", 2)
    assert judged is not None and "judgement" not in judged[2].doubts + judged[2].unsaid
    judged = made.judge("c'est bien Kalixo qui est installée chez Bouygues ?", 2)
    assert judged is not None and "judgement" not in judged[2].doubts
    assert not asks_judgement("quels aspects font qu'une communauté marche bien ?")
    assert asks_judgement("are users happy with Kalixo?")
    # "bien" then a place stays a fact: "c'est bien dans sa vidéo qu'il le dit ?" confirms
    assert not asks_judgement("c'est bien dans sa vidéo qu'il le dit ?")


def test_a_passage_is_read_for_the_clauses_that_judge() -> None:
    """Only the clauses that judge something are kept, as folded words: "Bonne question"
    judges the question, not Babinet named in the next clause; nor does "je vous recommande
    la note" judge whom the clause joined to it by "et vous ..." names."""
    text = ("Bonne question, s'il en est, et c'est Gilles Babinet qui parle. "
            "La vision de Gilles Babinet est très intéressante.")
    assert judged_clauses(text) == (
        ("bonne", "question"),
        ("la", "vision", "de", "gilles", "babinet", "est", "tres", "interessante"))
    assert judged_clauses("Kalixo est une plateforme installée chez Bouygues.") == ()
    # "et" before a pronoun joins another clause: the note is judged, not Foltran
    assert judged_clauses("je vous recommande la note de Jane et vous invite à en discuter "
                          "avec Guillaume Foltran") == (
        ("je", "vous", "recommande", "la", "note", "de", "jane"),)


def test_verbs_alone_name_no_topic(router: Router) -> None:
    """A message of verbs alone that asks nothing ("@sbbot regardez", "je regarde") is no
    question about the passage holding the verb, nor about any topic to offer: unknown.
    With a topic, or asked, the same verbs are answered or judged as usual."""
    for message in ("@sbbot regardez", "écoutez ça", "je regarde"):
        judged = router.judge(message, 2)
        assert judged is not None and judged[2].unsaid, message
        assert router.route(message).verdict == "unknown", message
    # "venir" is an auxiliary (`auxiliaries.AUXILIARY_VERBS`): "venez !" holds no word to judge
    assert router.judge("venez !", 2) is None
    assert router.route("venez !").verdict == "unknown"
    for question in ("lisez la note de Jane McConnell", "pourquoi regarder ailleurs ?",
                     "vous regardez ?"):
        judged = router.judge(question, 2)
        assert judged is None or not verbs_alone(question, router.query_terms(question)), \
            question


def test_a_count_asked_of_a_thing_needs_a_number_counting_it() -> None:
    """A number counts the noun after it: "10 bonnes raisons" says how many reasons, not how
    many companies a study asked, in French or in English."""
    made = Router([passage("etude", "Le cabinet Kalixo a publié une étude : voici 10 bonnes "
                                    "raisons d'adopter un réseau interne."), *FILLER])
    for question in ("Kalixo a interrogé combien d'entreprises pour son étude ?",
                     "how many companies did Kalixo survey for its study?"):
        judged = made.judge(question, 2)
        assert judged is not None and "count" in judged[2].unmet_cues, question
    for question in ("l'étude de Kalixo donne combien de raisons ?",
                     "how many reasons does the Kalixo study give?"):
        judged = made.judge(question, 2)
        assert judged is not None and "count" not in judged[2].unmet_cues, question


def test_what_someone_named_does_now_is_given_only_where_the_post_says_so(router: Router
                                                                          ) -> None:
    """A post tells what someone did or said when it was written: what Gilles Babinet says
    "these days" is not the broadcast the post quotes, nor what Bertrand Duperrin writes "de
    nos jours" a passage of his quote saying "désormais" of the customer."""
    for question in ("what is Gilles Babinet saying on the radio these days?",
                     "Bertrand Duperrin écrit sur quoi de nos jours ?"):
        assert router.route(question).verdict == "unknown", question


def test_a_person_named_in_full_must_be_named_by_the_passage() -> None:
    """What someone thinks of a topic is not answered by a passage on the topic that never
    names them (unknown: the posts do not quote them there); a passage naming them
    answers, and one name alone is no person."""
    jarche = passage("jarche", "Zoé Kervadec défend les communs numériques dans son livre.")
    law = passage("loi", "La loi de programmation militaire autorise la surveillance des "
                         "échanges sans juge.")
    router = Router([jarche, law, *FILLER])
    question = "Que pense Zoé Kervadec de la loi de programmation militaire ?"
    judged = router.judge(question, 2)
    assert judged is not None and judged[1][0].entry.id == "loi"
    assert judged[2].unsaid == ("zoe",) and router.route(question).verdict == "unknown"
    on_topic = router.route("Que pense Zoé Kervadec des communs numériques ?")
    assert on_topic.verdict == "answer" and on_topic.best is not None
    assert on_topic.best.entry.id == "jarche"
    # a surname alone is held by the question's topic words, not named in full: no doubt
    alone = router.judge("Que pense Kervadec de la loi de programmation militaire ?", 2)
    assert alone is not None and "kervadec" not in alone[2].doubts + alone[2].unsaid
