"""What a question asks and what a text gives: question cues, names, roles, reasons."""

from __future__ import annotations

import pytest

from sbbot.language.asking import (
    asks_identity,
    asks_what,
    asks_why,
    defines,
    gives_reason,
    identity_asked,
    states,
    states_role,
)
from sbbot.language.chatspeak import expand
from sbbot.language.cues import question_cues
from sbbot.language.giving import days_named, gives
from sbbot.language.names import proper_nouns
from sbbot.language.signalling import advising, cue_nouns


@pytest.mark.parametrize(("question", "cues"), [
    ("Quand a lieu la matinée ?", {"date"}),
    ("Combien coûte le forfait ?", {"price"}),
    ("how much does it cost", {"price"}),
    ("Quel âge a Jane ?", {"age"}),
    ("Combien de salariés chez Bouygues ?", {"count"}),
    ("Où est disponible le rapport ?", {"place"}),
    ("where do I sign up", {"registration"}),
    ("comment on s'inscrit ?", {"registration"}),
    ("ça s'inscrit dans quelle démarche ?", set()),
    # What someone named does asks for their job; what a thing does, for what it brings.
    ("What does Guillaume Foltran do?", {"role"}),
    ("que fait Harold Jarche dans la vie ?", {"role"}),
    ("what does collaboration do for us?", set()),
    # Who pays or funds asks for a payer, not for any person.
    ("who pays for the croissants at the geneva event", {"payer"}),
    ("who's funding the geneva breakfast", {"payer"}),
    ("Qui est Guillaume Foltran ?", {"person"}),
    ("Qu'est-ce qui fait une communauté qui marche ?", set()),
    # Typed without accents; "combien" alone asks for an amount; "ou" is not "où".
    ("elle a quel age", {"age"}),
    ("ca coute combien", {"price"}),
    ("combien gagne-t-il ?", {"price", "salary"}),  # an amount earned: a salary
    ("former les salaries ou les dirigeants", set()),
    # How long, when it ends, a birth, a way to get in touch.
    ("combien de temps dure la matinée ?", {"duration"}),
    ("how long is the video", {"duration"}),
    ("le manque de temps freine-t-il la collaboration ?", set()),
    ("ça finit à quelle heure ?", {"date", "end", "time"}),
    ("what time should I show up", {"date", "time"}),
    ("il est né où ?", {"place", "birth"}),
    ("is collaboration something you are born with", set()),
    # An origin: where someone grew up, when a company was founded.
    ("where did Jane McConnell grow up", {"place", "birth"}),
    ("When was Bouygues Telecom founded?", {"date", "birth"}),
    ("quand a été inventé le web 2.0 ?", {"date", "birth"}),
    ("When was netjmc.com created?", {"date", "birth"}),
    # Whether something is still so today: a post's own present is no answer.
    ("il bosse toujours chez Bouygues aujourd'hui ?", {"present", "still"}),
    # What someone named does now ("these days", "en ce moment"); about the posts' own
    # topics, "maintenant" alone asks nothing of the present.
    ("What is Harold Jarche working on these days?", {"present"}),
    # The next of a kind of gathering is another one than a post announced.
    ("when is the next event at campus london", {"date", "future"}),
    ("Que dit Jane McConnell en ce moment ?", {"present"}),
    ("le digital workplace c'est un domaine à part entière maintenant ?", set()),
    ("how did the network grow", set()),
    # Where something is on a map, not where to find it online.
    ("Where is NetJMC based?", {"place", "located"}),
    # Whether someone lives, or something is based, in a place named asks the same.
    ("does guillaume foltran live in geneva?", {"place", "located"}),
    ("is bouygues telecom headquartered in geneva?", {"place", "located"}),
    ("jane mcconnell vit en suisse ?", {"place", "located"}),
    ("elle est basée à genève ?", {"place", "located"}),
    # And whether someone was born there.
    ("was paul miller born in london?", {"place", "birth"}),
    ("stephen downes est né au canada ?", {"place", "birth"}),
    ("do digital natives, born in the internet era, collaborate better?", set()),
    # Not living in a world, at a time, or a thing based on another.
    ("do we live in a digital world?", set()),
    ("on vit à une époque formidable", set()),
    ("is it based on data?", set()),
    # Where words were said or written: a broadcast or a text, unless the text is named.
    ("où est-ce que Babinet dit que nos dirigeants raisonnent comme au siècle passé ?",
     {"source"}),
    ("where did the author write that", {"source"}),
    ("Où Gilles Babinet a-t-il écrit son livre ?", {"place"}),
    ("où est-ce qu'on en parle ensemble ?", {"place"}),
    # Where or whom someone works for: an employer or a place of work, not any place.
    ("Où travaille Jane McConnell ?", {"workplace"}),
    ("where does guillaume foltran work", {"workplace"}),
    ("jane elle bosse pour qui", {"workplace"}),
    # Which organisation someone runs or founded: an employer stated for them.
    ("what company does paul miller run", {"workplace"}),
    ("il a fondé quelle boîte ?", {"workplace"}),
    ("Which collaboration platform does Bouygues Telecom run?", set()),
    ("who does jane mcconnell work for", {"workplace"}),
    # "work for" ending a clause, an afterthought after it
    ("who does paul miller work for, the digital workplace guy", {"workplace"}),
    ("qui travaille chez Bouygues ?", {"person"}),
    # "qui" where the object stands, as chat asks; not a relative, nor "qu'est-ce qui"
    ("harold jarche il cite qui ?", {"person"}),
    ("il cite qui sur la coopération ?", {"person"}),
    ("ceux qui partagent sur le net", set()),
    ("qu'est-ce qui a permis de travailler autrement ?", set()),
    # How many of a set: a part of a whole, a share
    ("how many of the 10 reasons are about customers?", {"count", "share"}),
    ("combien d'entre elles ont un réseau social interne ?", {"count", "share"}),
    ("who works for bouygues", {"person"}),
    # Asking nothing else, whether someone works for an employer named next.
    ("Does the author work for Bouygues Telecom?", {"workplace"}),
    ("il bosse chez Orange ?", {"workplace"}),
    # "pour quelle" and a noun asks for an employer too, unless the noun is a purpose.
    ("Harold Jarche travaille pour quelle entreprise ?", {"workplace"}),
    ("elle bosse chez quel éditeur", {"workplace"}),
    ("il travaille pour quelle raison ?", set()),
    # "dans quelle" and an organisation too; not a field of work.
    ("bertrand duperrin il bosse dans quelle boite ?", {"workplace"}),
    ("elle travaille dans quelle entreprise ?", {"workplace"}),
    ("il travaille dans quel secteur ?", set()),
    ("faut-il travailler pour progresser ?", set()),
    ("le numéro de téléphone de l'organisateur ?", {"contact"}),
    ("quel temps fera-t-il à Genève ?", {"weather"}),
    # What is so now; "now" and "still" alone do not ask it.
    ("is the law still in force today", {"present", "still"}),
    ("il bosse où actuellement", {"workplace", "present"}),
    ("now that the law is voted, do we still think so", set()),
    ("elle travaille où maintenant", {"workplace", "present"}),
    # "today" alone is the post's own present: what is so now is asked of a fact, or of
    # whether something still is.
    ("Les élites comprennent-elles le numérique aujourd'hui ?", set()),
    ("How do companies collaborate today?", set()),
    ("maintenant que la loi est votée, on fait quoi", set()),
    # How widespread something is: a share or a frequency; "most" before a noun or "of",
    # not the superlative.
    ("do most social networks succeed", {"share"}),
    ("who does most of the sharing in communities", {"person", "share"}),
    ("Les réseaux sociaux d'entreprise sont-ils souvent une réussite ?", {"share"}),
    ("which industries are the most mature", set()),
    ("what matters most when it comes to collaboration tools", set()),
    ("what is most important", set()),
    ("how can we make the most of our network", set()),  # an idiom, no share
    # A time after the post.
    ("is the conference on again next year?", {"future"}),
    ("la prochaine édition aura lieu quand ?", {"date", "future"}),
    # "When" or "quand" inside a question another question word opens joins a clause.
    ("why is ROI a problem when asking for a budget", set()),
    ("que faire quand on débute ?", set()),
    ("Où et quand la vidéo a-t-elle été tournée ?", {"place", "date"}),
    ("la matinée, c'est quand ?", {"date"}),
    ("Bouygues a un réseau interne depuis quand ?", {"date"}),
    # Someone's job; not a workstation, nor "en fonction de".
    ("Quel poste occupe Guillaume Foltran ?", {"role"}),
    ("le gars de bouygues il fait quoi dans la vie", {"role"}),
    ("what is jane mcconnell's job", {"role"}),
    ("whos foltran, what does he do at bouygues", {"person", "role"}),
    ("what does the tool do", set()),
    ("la digitalisation du poste de travail", set()),
    ("ça dépend en fonction de la taille ?", set()),
    # Who holds a title asks for the job too.
    ("c'est qui le patron de France Info", {"person", "role"}),
    ("who is the CEO of netjmc", {"person", "role"}),
    # A language, a population.
    ("Jane McConnell parle-t-elle français ?", {"language"}),
    ("is the video subtitled", {"language"}),
    ("what is the population of geneva", {"count"}),
    ("What ROI percentage did Bouygues Telecom get?", {"count", "percent"}),
    ("Which sector is the most mature, in numbers?", {"count"}),
    ("should we trust our intuition or get numbers?", set()),
    # What someone is paid: a price of work, given by a text stating a salary.
    ("Quel est le salaire d'un DSI ?", {"price", "salary"}),
    ("what is the average salary of a CIO", {"price", "salary"}),
    # ... or asked as what someone earns, not what a guest pays
    ("ca gagne combien un responsable bureautique digitale chez bouygues ?",
     {"price", "salary"}),
    ("how much do the speakers earn at the geneva event?", {"price", "salary"}),
    ("how much do companies gain from collaboration", {"price"}),
    # A share asked with a percent sign after no number; after one, it is cited.
    ("what % of french companies had a social business strategy in 2014?",
     {"count", "percent"}),
    ("is it true that 70% of projects fail?", set()),
    # A handle, an award, someone's education; not the studies a post cites.
    ("what is gilles babinet's twitter handle", {"contact"}),
    ("Did Gilles Babinet win any award for his book?", {"award"}),
    ("jane mcconnell elle a fait quelles études", {"education"}),
    ("Quelles études sont citées dans la présentation ?", set()),
    # "Who" relating a clause; "how much" measuring something else than money.
    ("aren't we the ones who hand over our data", set()),
    ("c'est celui qui a écrit le billet ?", set()),
    # "Qui" after a thing asks what: "qu'est-ce qui", "c'est quoi qui", "ce qui".
    ("qu'est-ce qui va permettre un compromis ?", set()),
    # Where a text was published asks for a medium or a site, even of a text named.
    ("le billet a été publié où ?", {"source"}),
    ("la note, on peut la récupérer où ?", {"source"}),
    ("où a-t-il écrit son livre ?", {"place"}),
    ("c'est quoi qui a suscité des espoirs ?", set()),
    ("c'est qui qui parle ?", {"person"}),
    ("how much effort did bouygues put into mobility", set()),
    ("how much time does it take", {"duration"}),
    ("how much for a ticket", {"price"}),
    # An amount asked for as such; budgets spoken of ask none.
    ("Quel budget faut-il prévoir ?", {"price"}),
    ("what amount of money should we set aside", {"price"}),
    ("pourquoi c'est dur d'obtenir des budgets ?", set()),
    ("what makes budget discussions hard", set()),
    # The member asks the bot for a recommendation, or which thing someone recommends; not
    # what the author advises doing.
    ("tu me conseilles quel outil ?", {"advice"}),
    ("que me recommandez-vous ?", {"advice"}),
    ("conseille-moi un bon film", {"advice"}),
    ("tu peux me conseiller un hôtel à Genève ?", {"advice"}),
    ("quelle est la meilleure plateforme collaborative ?", {"best"}),
    ("what's the best tool for this?", {"best"}),
    ("which intranet is best", {"best"}),
    ("do startups handle this better", set()),
    ("can you recommend a good book on leadership?", {"advice"}),
    ("recommend me a movie", {"advice"}),
    ("which video does the author recommend", {"advice"}),
    ("what book would she suggest", {"advice"}),
    ("l'auteur conseille quoi aux organisations ?", set()),
    ("what does the author recommend?", set()),
    # "When it comes to" names a topic, not a time.
    ("when it comes to ROI, why is collaboration hard to justify?", set()),
    ("when does it start?", {"date"}),
    ("is ROI the problem when asking for a budget?", set()),
    # "Who" and "where" after an article and a noun relate a clause to the noun.
    ("Duperrin says it's the customer who pulls the transformation, right?", set()),
    ("do we live in a world where apps capture our personal data?", set()),
    ("is there a place where I can park?", {"place"}),
    ("who is the man who spoke", {"person"}),
])
def test_question_words_say_what_is_asked(question: str, cues: set[str]) -> None:
    assert question_cues(question) == cues


def test_where_typed_without_its_accent_asks_for_a_place() -> None:
    assert question_cues(expand("la matinee ca se passe ou ?")) == {"place"}
    assert question_cues(expand("jane mcconnell elle bosse ou")) == {"workplace"}
    assert question_cues(expand("on vient a pied ou en train ?")) == set()


def test_a_day_of_the_month_is_no_count() -> None:
    assert not gives("vendredi 4 avril 2014 à 08:30", "count")
    assert gives("10 bonnes raisons", "count")
    assert gives("une équipe de plus de 500 salariés", "count")
    assert gives("un retour sur investissement de 30 % en un an", "count")


def test_a_number_after_a_noun_labels_and_counts_nothing() -> None:
    assert not gives("L’article 20 de la nouvelle loi", "count")
    assert not gives("Raison 9 : un réseau interne", "count")
    assert not gives("depuis le milieu des années 90, nous", "count")


def test_the_noun_of_what_time_or_which_day_only_says_what_is_asked() -> None:
    assert cue_nouns("what time should I show up") == {"time"}
    assert cue_nouns("La matinée a lieu quel jour ?") == {"jour"}
    assert cue_nouns("ça se passe dans quelle ville ?") == frozenset()
    assert cue_nouns("le manque de temps") == frozenset()


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


def test_the_verbs_asking_for_advice_only_say_so() -> None:
    assert advising("tu me conseilles quoi comme lecture ?") == {"conseilles"}
    assert advising("que me recommandez-vous ?") == {"recommandez"}
    assert advising("l'auteur conseille quoi ?") == frozenset()
    assert advising("which video does the author recommend") == {"recommend"}
    assert advising("can u suggest a tool") == {"suggest"}


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
