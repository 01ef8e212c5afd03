"""The verdict's honesty rules for events, through the real router: what is asked of an event
must be what its card gives, and a card's time, place or price is the event's, not a
speaker's, a part's or another day's."""

from __future__ import annotations

from sbbot.entries import Entry
from sbbot.evaluation import stripped
from sbbot.knowledge import load_knowledge
from sbbot.knowledge.model import Hints
from sbbot.router import Router
from tests.conftest import KNOWLEDGE_DIR
from tests.made_entries import FILLER, card, passage


def test_a_price_asked_of_a_part_of_an_event_is_not_the_events_price(router: Router) -> None:
    """The event card names SharePoint in its programme and gives the event's price."""
    assert router.route("How much does SharePoint cost?").verdict != "answer"
    # the card's first lines name Bouygues Telecom, not SharePoint: its price is the event's
    assert router.route("Combien coûte SharePoint chez Bouygues ?").verdict != "answer"
    result = router.route("Do I have to pay to attend the Geneva morning?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "matinee-entreprise-de-demain-2014"


def test_where_a_subject_is_based_is_not_the_place_of_an_event_naming_it() -> None:
    """Without hints, the event card names NetJMC (its speaker's analysis is on netjmc.com)
    and gives the event's place."""
    bare = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    assert bare.route("Where is NetJMC based?").verdict != "answer"
    result = bare.route("où a lieu la matinée de Jane McConnell ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "matinee-entreprise-de-demain-2014"


def test_what_is_asked_of_a_named_event_must_be_given(router: Router) -> None:
    """"The Geneva breakfast" is the subject: an event card naming it does not say who
    sponsors it or whether it is vegan-friendly."""
    bare = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    assert bare.route("Who sponsors the Geneva breakfast?").verdict != "answer"
    for knowledge in (router, bare):
        assert knowledge.route("Is the Geneva breakfast vegan-friendly?").verdict == "unknown"


CARD = Entry("card", "event", "Matinée « La ville de demain » à Lyon\n"
             "Date : mardi 12 mai 2015, de 8h30 à 11h\nLieu : Hôtel de Région, Lyon\n"
             "Intervenants : Marc Durand, responsable de l'urbanisme de la métropole ; Léa Martin, "
             "architecte\nProgramme : les mobilités douces, les quartiers piétons\n"
             "Inscriptions en ligne\nTarif : participation gratuite",
             "post", "https://example.org/post", Hints())


def test_an_event_card_must_hold_every_weighty_word_of_a_question_asking_none_of_its_facts(
        ) -> None:
    """A card covers scattered words of many questions ("responsable de" a speaker's job,
    "inscriptions en ligne"): asked nothing it gives, it answers only when it lacks no word
    that weighs, else the bot is unsure and offers it."""
    other = passage("forum", "Chacun reste maître de ce qu'il écrit sur les forums : la "
                             "modération des commentaires ne suffit pas.")
    router = Router([CARD, other, *FILLER])
    lacking = router.route("sommes-nous responsables des commentaires en ligne ?")
    assert lacking.verdict == "unsure"
    assert lacking.best is not None and lacking.best.entry.id == "card"
    # a French word no entry uses weighs too ("raconte")
    assert router.route("on est responsables de ce qu'on raconte en ligne ?").verdict != "answer"
    held = router.route("mobilités douces et quartiers piétons ?")
    assert held.verdict == "answer" and held.best is not None and held.best.entry.id == "card"
    asked = router.route("c'est quand, la matinée sur la ville de demain ?")
    assert asked.verdict == "answer" and asked.best is not None and asked.best.entry.id == "card"


def test_a_near_domain_question_about_the_breakfast_is_not_answered(router: Router) -> None:
    assert router.route("Can I bring a friend to the breakfast?").verdict != "answer"


def test_an_event_card_is_an_event_whatever_word_a_member_uses() -> None:
    """An event card is indexed with the word of its kind, "événement", which the lexicon
    gives last for the English words of a gathering ("meeting", "meetup"): a member who
    calls the posts' "matinée" a meeting meets its card, not a word the posts lack."""
    card = Entry("matinee", "event", "Matinée du numérique\nQuand : jeudi 3 mars 2022 à "
                 "09:00\nOù : Lyon\nUne matinée d'échanges sur le numérique.", "post",
                 "https://example.org/post", Hints())
    router = Router([card, *FILLER])
    for question in ("when is the meeting in Lyon?", "whens the mtg in lyon",
                     "c'est quand l'événement à Lyon ?"):
        result = router.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert result.best.entry.id == "matinee"


FORUM = card("Forum des bibliothèques\nQuand : mardi 3 juin 2025 à 09:00 (Europe/Paris)\n"
             "Où : Nantes\nUne matinée sur les bibliothèques de demain avec Zoé Kervadec.\n"
             "Programme :\n– Ouverture à 09:00\n– Les fonds numériques, avec Zoé Kervadec\n"
             "Intervenant : Zoé Kervadec (conservatrice)")


def test_a_time_or_place_asked_of_a_speaker_is_not_the_events() -> None:
    """A card's time is when the event starts, not a speaker's slot; where someone is, is
    not where the event they speak at is. Asked of the event, or where to meet the speaker,
    the card answers; a slot stated on the speaker's own line answers too."""
    forum = Router([FORUM, *FILLER])
    assert forum.route("Zoé Kervadec parle à quelle heure ?").verdict != "answer"
    assert forum.route("Où est Zoé Kervadec ?").verdict != "answer"
    for question in ("le forum des bibliothèques commence à quelle heure ?",
                     "où peut-on rencontrer Zoé Kervadec ?", "quand parle Zoé Kervadec ?"):
        result = forum.route(question)
        assert result.verdict == "answer", question
    slot = Router([card(FORUM.text.replace("– Les fonds numériques, avec Zoé Kervadec",
                                           "– 10:30 : les fonds numériques, avec Zoé "
                                           "Kervadec")), *FILLER])
    assert slot.route("Zoé Kervadec parle à quelle heure ?").verdict == "answer"
    bare = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    assert bare.route("Où est Guillaume Foltran ?").verdict != "answer"
    assert bare.route("jane mcconnell parle à quelle heure ?").verdict != "answer"


def test_another_day_than_the_passages_is_not_answered_by_it(router: Router) -> None:
    """The Geneva morning is on 4 April: a question on another day is declined, one on 4
    April (written either way) is answered by the event."""
    for question in ("Y a-t-il aussi une matinée le 18 avril à Genève ?",
                     "is the digital workplace breakfast on the 12th of april too?",
                     "la matinée du 4 mai à geneve c'est à quelle heure ?"):
        assert router.route(question).verdict == "unknown", question
    for question in ("la matinée du 4 avril à geneve c'est à quelle heure ?",
                     "what happens in geneva on april 4th?"):
        result = router.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert result.best.entry.id == "matinee-entreprise-de-demain-2014"
