"""What kind of answer a question asks for, read from its words (`language/cues.py`): a date,
a place, a price, a person, a count, a meaning, a time..."""

from __future__ import annotations

import pytest

from sbbot.language.chatspeak import expand
from sbbot.language.cues import question_cues
from sbbot.language.giving import gives
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
    # Whether someone recommends a thing, asked yes or no: a recommendation too.
    ("L’auteur conseille-t-il de lire l’analyse publiée par Jane McConnell ?", {"advice"}),
    ("l'auteur suggère-t-il de regarder la vidéo ?", {"advice"}),
    ("does the author recommend reading her note?", {"advice"}),
    ("que conseille-t-il aux entreprises ?", set()),
    ("l'auteur recommande-t-il X ou Y ?", set()),
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


def test_the_verbs_asking_for_advice_only_say_so() -> None:
    assert advising("tu me conseilles quoi comme lecture ?") == {"conseilles"}
    assert advising("que me recommandez-vous ?") == {"recommandez"}
    assert advising("l'auteur conseille quoi ?") == frozenset()
    assert advising("which video does the author recommend") == {"recommend"}
    assert advising("can u suggest a tool") == {"suggest"}
