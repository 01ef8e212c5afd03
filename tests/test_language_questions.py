"""What a question asks beyond a kind of answer (cues: `test_language_cues.py`) and what a
text gives: names, roles, reasons, places, what something is."""

from __future__ import annotations

from sbbot.language.asking import (
    asks_identity,
    asks_what,
    asks_why,
    defines,
    gives_reason,
    identity_asked,
    role_near,
    states,
    states_role,
    stating_words,
)
from sbbot.language.giving import days_named, gives
from sbbot.language.names import proper_nouns
from sbbot.text import fold


def test_a_question_asking_what_something_means() -> None:
    assert defines("What does C-suite stand for?") and defines("que veut dire DSI ?")
    assert defines("what does Stephen Downes say cooperation means")
    assert not defines("Does a tool mean anything on its own?")


def test_what_comes_after_the_post_is_given_by_a_post_announcing_it() -> None:
    assert gives("L’agenda sera précisé dans les prochains jours", "future")
    assert not gives("La « digital workplace » s’est invitée à la Matinée du 4 avril", "future")


def test_a_web_address_gives_where_to_find_something_not_where_it_is() -> None:
    assert gives("disponible en téléchargement sur netjmc.com", "place")
    assert not gives("disponible en téléchargement sur netjmc.com", "located")
    assert gives("une agence basée à Lyon", "located")
    assert gives("Elle habite en Suisse", "located")


def test_where_words_were_said_is_a_broadcast_a_text_or_an_address_not_a_place() -> None:
    assert gives("dans une émission de France Info", "source")
    assert gives("un billet intitulé : Les limites de la collaboration", "source")
    assert gives("l'analyse complète sur netjmc.com", "source")
    assert not gives("les élites (en France) raisonnent comme au siècle passé", "source")
    assert gives("les élites (en France) raisonnent comme au siècle passé", "place")


def test_where_something_happens_is_not_where_its_people_are_based() -> None:
    assert gives("Où : Genève", "place") and not gives("Où : Genève", "located")
    assert not gives("un enregistrement réalisé au Campus London", "located")
    assert not gives("la matinée à Genève, avec Jane McConnell", "located")


def test_where_someone_works_is_an_employer_or_a_workplace_stated_for_them() -> None:
    for text in ("Guillaume Foltran (Bouygues Telecom, responsable de la bureautique)",
                 "responsable de la Bureautique Digitale de Bouygues Telecom",
                 "elle travaille chez Orange depuis 2010", "he works for Acme",
                 "une consultante basée à Lyon"):
        assert gives(text, "workplace"), text
    # The place of an event someone speaks at, or a topic in brackets, is not where they work.
    for text in ("Où : Genève", "la matinée à Genève, avec Jane McConnell",
                 "Jane McConnell (enjeux et tendances de la digital workplace)",
                 "travailler autrement, comme chez Bouygues Telecom",
                 # a title in quotes, then where it was recorded
                 "« creating digital worlds worth working in« , un enregistrement réalisé au "
                 "Campus London"):
        assert not gives(text, "workplace"), text


def test_an_origin_is_given_by_a_birth_a_childhood_or_a_foundation() -> None:
    assert gives("NetJMC, fondée en 1996 par Jane McConnell", "birth")
    assert gives("un site créé en 2005", "birth")
    assert not gives("Guillaume Foltran est actuellement responsable", "still")
    assert gives("il n'y travaille plus", "still") and gives("he is still there", "still")
    assert gives("she grew up in Lyon", "birth")
    assert gives("le web, inventé en 1989 au CERN", "birth")
    assert not gives("un réseau interne en place depuis 2010", "birth")


def test_what_a_text_gives() -> None:
    assert gives("le vendredi 4 avril à partir de 08:30", "date")
    assert gives("Inscriptions en ligne – participation gratuite", "price")
    assert gives("La matinée à Genève", "place")
    assert gives("disponible en téléchargement sur netjmc.com", "place")
    assert gives("avec Guillaume Foltran", "person")
    assert not gives("Inscriptions en ligne – participation gratuite", "salary")
    assert gives("il est rémunéré 5000 euros par mois", "salary")
    assert gives("70 % des entreprises", "percent") and not gives("10 bonnes raisons", "percent")
    # a title's capitalised article is no first name
    assert not gives("un billet publié sur Le Cercle Les Echos", "person")
    assert not gives("un réseau interne en place depuis 2010", "count")
    assert not gives("La collaboration est-elle innée ?", "price")
    assert gives("de 08:30 à 12:00", "end") and not gives("à partir de 08:30", "end")
    assert gives("depuis le milieu des années 90", "date") and gives("in the 1990s", "date")
    assert gives("une vidéo de 12 minutes", "duration")
    assert not gives("le 2 octobre 2013", "duration")
    assert gives("Gilles Babinet, né en 1967", "birth")
    assert gives("écrire à contact@example.org", "contact")


def test_a_recommendation_is_given_by_a_text_that_recommends() -> None:
    assert gives("je vous recommande vivement la lecture de cette note", "advice")
    assert gives("je vous propose cette vidéo de Paul Miller", "advice")
    assert not gives("endosser un rôle de conseil auprès des métiers", "advice")
    assert not gives("l'entreprise propose des outils", "advice")


def test_which_is_best_is_given_by_a_text_that_judges() -> None:
    assert gives("le partage aide à trouver le meilleur chemin", "best")
    assert gives("SharePoint est plus simple que Yammer", "best")
    assert gives("la plateforme la plus utilisée", "best")
    assert not gives("responsable des plateformes collaboratives et services Intranet",
                     "best")


def test_proper_nouns_are_capitalised_inside_a_sentence() -> None:
    text = ("Guillaume Foltran est responsable chez Bouygues Télécom. Il a exercé des "
            "fonctions : Contrôle de gestion, avec « Jane McConnell ».")
    # a name's first word at a sentence's start, before a word capitalised inside it
    assert proper_nouns(text) == {"guillaume", "foltran", "bouygues", "telecom", "jane",
                                  "mcconnell"}
    # not a function word, nor the end of a hyphenated compound
    assert proper_nouns("Les Echos. « The Human-Centered Digital Workplace »") == {
        "echos", "human", "digital", "workplace"}


def test_an_initial_or_a_parenthesis_does_not_begin_a_sentence() -> None:
    assert proper_nouns("cela. (Wanda J. Orlikowski, 2003)") == {"wanda", "j", "orlikowski"}
    assert proper_nouns("Fin. Puis rien") == set()


def test_a_job_is_stated_only_next_to_the_name_of_whoever_holds_it() -> None:
    text = ("Jane McConnell viendra partager avec nous à propos des enjeux et des tendances. "
            "Plus tard, nous écouterons aussi le retour d’expérience de Bouygues Telecom avec "
            "Guillaume Foltran, actuellement responsable de la Bureautique Digitale.")
    assert states_role(text, ["foltran"])
    assert not states_role(text, ["jane", "mcconnell"])
    assert states_role("Gilles Babinet, auteur de « L’Ere Numérique »", ["babinet"])
    # Who holds a title: that title, not any job.
    assert not states_role(text, ["bouygues"], ["pdg"])
    assert states_role(text, ["bouygues"], ["responsable"])
    # the same of a text folded once (a passage's)
    assert role_near(fold(text), ["foltran"]) and not role_near(fold(text), ["jane"])


def test_who_someone_named_is_is_not_who_holds_a_title() -> None:
    assert asks_identity("Who is Guillaume Foltran?") and asks_identity("qui est Fabrice ?")
    assert asks_identity("whos guillaume foltran") and asks_identity("c'est qui Jane ?")
    assert not asks_identity("qui est le pdg de bouygues") and not asks_identity("who is the CEO")


def test_why_questions_and_passages_giving_a_reason() -> None:
    assert all(asks_why(text) for text in ("pourquoi partager ?", "ça sert à quoi",
                                           "ca sert a quoi de partager", "why share"))
    assert not asks_why("quoi de neuf ?")
    assert gives_reason("Partager les retours d’expérience aide à trouver le chemin")
    assert gives_reason("it helps teams") and not gives_reason("On en parle à Genève")
    # a purpose: "à des fins de", "dans le but de", "so as to"
    assert gives_reason("les élites organisent la surveillance à des fins de protection")
    assert gives_reason("dans le but de convaincre") and gives_reason("so as to convince")


def test_a_clock_time_is_given_by_a_time_not_by_a_date() -> None:
    assert gives("un petit déjeuner à partir de 08:30 le vendredi 4 avril", "time")
    assert gives("accueil dès 8h, fin à 11 h", "time") and gives("from 9 am", "time")
    assert not gives("le vendredi 4 avril à Genève", "time")
    assert not gives("10 bonnes raisons, 2014", "time")


def test_a_language_is_given_by_naming_one() -> None:
    assert gives("une conférence en anglais, sous-titrée", "language")
    assert not gives("Jane McConnell viendra partager avec nous", "language")


def test_an_award_an_education_a_handle_are_given_by_stating_one() -> None:
    assert gives("lauréat du prix Goncourt", "award") and not gives("participation gratuite",
                                                                     "award")
    assert gives("diplômée de l'université de Genève", "education")
    assert not gives("Quelles études sont citées ? Gallup, McKinsey", "education")
    assert gives("suivez-le sur twitter.com/babinet", "contact")
    assert not gives("Facebook et twitter ont fait croire", "contact")


def test_what_something_is_and_passages_that_state_nothing() -> None:
    for question in ("c'est quoi le social business ?", "What is social business?",
                     "whats the TIMN model", "le social business c'est quoi ?",
                     "qu'est-ce que la LPM ?", "who is jane mcconnell?"):
        assert asks_what(question), question
    for question in ("Qu'est-ce qui fait une communauté qui marche ?",
                     "pourquoi le social business ?", "what does the author think?"):
        assert not asks_what(question), question
    # A question, or an introduction to a list it does not hold, states nothing ...
    assert not states("La question est récurrente et légitime :\npourquoi devrions-nous "
                      "mettre en place une stratégie « social business » ?")
    assert not states("Jane McConnell viendra partager avec nous à propos des enjeux et des "
                      "tendances :")
    # ... a rhetorical question after a statement, or a list after its lead-in, does.
    assert states("Les élites organisent la surveillance de nos échanges ! Faut-il ne voir "
                  "le monde numérique que comme une opportunité ?")
    assert states("Au programme :\n– Accueil autour d’un petit déjeuner")
    # About someone asked for: a sentence naming them states; a list item after their
    # lead-in does not.
    assert identity_asked("whos guillaume foltran, wat does he do") == ["guillaume", "foltran"]
    assert identity_asked("c'est quoi le social business ?") == []
    lead_in = ("Jane McConnell viendra partager avec nous à propos des enjeux et des "
               "tendances :\n\n– L’expérience Bouygues Telecom : un réseau interne.")
    assert states(lead_in) and not states(lead_in, ["jane", "mcconnell"])
    # read once per passage: the words of each sentence that states
    assert stating_words(lead_in) == (frozenset({"un", "reseau", "interne"}),)
    assert states("Avec l’analyse publiée par Jane McConnell, il est patent que ...",
                  ["jane", "mcconnell"])


def test_a_payer_is_given_by_a_sponsor_or_what_someone_pays_for() -> None:
    assert gives("Le petit déjeuner est offert par Bouygues Telecom.", "payer")
    assert gives("The morning is sponsored by Acme.", "payer")
    assert not gives("Intervenant : Jane McConnell\nTarif : participation gratuite", "payer")


def test_days_of_a_month_are_read_in_french_and_english() -> None:
    assert days_named("le vendredi 4 avril 2014 à 08:30") == {(4, 4)}
    assert days_named("on April 4th?") == days_named("the 4th of april") == {(4, 4)}
    assert days_named("le 1er mai et le 25 décembre") == {(5, 1), (12, 25)}
    assert days_named("en 2014, 10 raisons") == set()
    assert days_named("le 42 avril") == set()
