"""How members' chat writing and turns of phrase are spelt out before a question is read
(`language/chatspeak.py`): clipped words, abbreviations, "ou" for "où", expressions read as
their plain meaning."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sbbot.evaluation import stripped
from sbbot.knowledge import load_knowledge
from sbbot.language.asking import asks_identity
from sbbot.language.chatspeak import expand
from sbbot.text import fold
from tests.conftest import KNOWLEDGE_DIR


def test_clipped_words_are_read_as_the_word_they_clip() -> None:
    router = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    for clipped, whole in (("la coop", "la coopération"), ("la collab", "la collaboration"),
                           ("le ptit", "le petit"), ("les stats", "les statistiques"),
                           ("la prez", "la présentation")):
        assert router.query_terms(clipped) == [
            replace(term, word=fold(clipped.split()[-1]))
            for term in router.query_terms(whole)], clipped
    # "ptit" was no word of either language, unknown to the posts: it counted against an
    # answer about the breakfast.
    found = router.route("inscription au ptit dej ?")
    assert (found.verdict, found.best.entry.id) == ("answer",
                                                    "matinee-entreprise-de-demain-2014")


@pytest.mark.parametrize(("typed", "read"), [
    ("jsais pas kan cest", "je sais pas quand c'est"),
    ("lentreprise quon voit, jveux sinscrire", "l'entreprise qu'on voit, j'veux s'inscrire"),
    ("c koi pr demain", "c'est quoi pour demain"),
    ("kesk c ?", "qu'est-ce que c'est ?"),
    ("dun coup il faut sy mettre", "d'un coup il faut s'y mettre"),
    ("jai qq questions", "j'ai quelque questions"),
    # Real words stay: a glued reading must be far more frequent than the word itself.
    ("test dune lune, celle du net", "test d'une l'une, celle du net"),
    # Parts of a written word, and names inside a sentence, are left alone.
    ("c'est aujourd'hui ; What does C-suite mean? Ask Jai", "c'est aujourd'hui ; What does "
     "C-suite mean? Ask Jai"),
    # English chat writing too, but not where a form is also French ("dis", "y", "dont").
    ("wat u doing, wich day n whos coming", "what you doing, which day n who's coming"),
    ("is hes sure shes right", "is he's sure she's right"),
    # "don't" would split into "don", a form of "do" ("faire"): "idk" is "do not".
    ("idk, tbh is the vid free rn", "I do not know,  is the video free right now"),
    ("dis moi ce dont il y a besoin", "dis moi ce dont il y a besoin"),
    # Abbreviations of one meaning each, the months and weekdays among them.
    ("whens the mtg, is mgmt or the govt dept coming on fri apr 4",
     "when's the meeting, is management or the government department coming on Friday "
     "April 4"),
    # A form with a digit ("b4", "2day") is a chat form too; a number, "4th" or "9h" stays.
    ("see u b4 the 4th at 9h, or 2day l8r", "see you before the 4th at 9h, or today later"),
    # A filler spelt out reads as the turn of phrase it is: no topic ("irl", "tbf", "ngl").
    ("tbf can i meet her irl, ngl", " can i meet her , "),
    # "où" typed without its accent: the conjunction "ou" joins two things, so a question
    # beginning or ending with it, or saying "d'ou" or "ou ça", asks where.
    ("ou se passe la matinee ? le rapport est dispo ou", "où  la matinee ? le "
     "rapport est dispo où"),
    ("d'ou vient-il, ou ca ?", "d'où vient-il, où ca ?"),
    ("la matinee ou ca, et quand ?", "la matinee où ca, et quand ?"),
    # Not before a "ça" that is a verb's subject: the conjunction then joins two clauses.
    ("c'est inne ou ca s'apprend", "c'est inne ou ca s'apprend"),
    ("a geneve ou a lausanne ? ou bien en ligne", "a geneve ou a lausanne ? ou bien en ligne"),
    # Followed only by adverbs of the present, it has nothing to join: "où".
    ("snowden il vit ou maintenant", "snowden il vit où maintenant"),
    ("il travaille ou en ce moment", "il travaille où en ce moment"),
    ("on le fait aujourd'hui ou demain", "on le fait aujourd'hui ou demain"),
])
def test_chat_writing_is_spelt_out(typed: str, read: str) -> None:
    assert expand(typed) == read


@pytest.mark.parametrize(("typed", "read"), [
    ("c a cause des clients ?", "c'est des clients ?"),
    ("optimiste quant à l’avenir", "optimiste sur l’avenir"),
    ("Quant au prix, en fait ?", "sur le prix, ?"),
    # Whatever the accents, apostrophes and possessive typed.
    ("ca vaut le coup, chacun a leur sauce dans notre coin", "ca vaut, chacun à sa manière seul"),
    ("dailleurs du coup", ""),
    # Casual "marcher" is "fonctionner" ("une communauté qui marche"), hyphens too.
    ("une communauté qui marche", "une communauté qui fonctionne"),
    # Idioms whose words mean something else alone: "faire naître" is "susciter", "être
    # pris au sérieux" is "être considéré"; "et cie" adds nothing.
    ("ce que le web a fait naître", "ce que le web a suscite"),
    ("pour etre pris au serieux", "pour etre considéré"),
    ("facebook et cie", "facebook"),
    # "Quelque part" in a question asks where ("on peut le voir quelque part ?").
    ("on peut la voir quelque part ?", "on peut la voir où ?"),
    ("les réseaux marchent-ils ?", "les réseaux fonctionnent ils ?"),
    # "Faire quoi dans la vie" asks for a job: "la vie" is no topic, unlike elsewhere.
    ("que faites-vous dans la vie ?", "que faites vous ?"),
    ("elle fait quoi dans la vie, Jane ?", "elle fait quoi, Jane ?"),
    ("le numérique dans la vie des élèves", "le numérique dans la vie des élèves"),
    # Chat forms are spelt out first, so a phrase typed in them is read too; "quest-ce",
    # joined by its hyphen, is no word the chat rules see alone.
    ("il fait koi dans la vie", "il fait quoi"),
    ("quest-ce que tu fais ds ton coin ?", "qu'est-ce que tu fais seul ?"),
    # A compound noun whose words mean something else alone: "jeune pousse" is a start-up
    # (the official French term), not a shoot that "pousse" (pushes).
    ("une jeune pousse de la fintech", "une startup de la fintech"),
    ("les jeunes pousses du web", "les startups du web"),
    # "Le rapport avec" is the link with, not a report: the topic is what follows.
    ("jcomprends pas le rapport avec le big data", "sur le big data"),
    ("quel rapport avec l'école ?", "sur l'école ?"),
    ("le rapport de McConnell", "le rapport de McConnell"),
    # "À quoi ressemble" a thing asks what it is; of a person, named without an article,
    # it asks for her looks and stays as typed.
    ("à quoi ressemble le programme ?", "quel est le programme ?"),
    ("a quoi ressemblent les pratiques de demain", "quels sont les pratiques de demain"),
    ("à quoi ressemble Jane McConnell ?", "à quoi ressemble Jane McConnell ?"),
    # "En complément de", "à l'appui de" join what they introduce, as "avec" and "pour".
    ("les graphiques en complément de la note", "les graphiques avec la note"),
    ("cités à l'appui de la présentation", "cités pour la présentation"),
    # Idioms: the official French term for big data, what is "au menu", a matter of
    # survival; "et consorts" adds nothing, "dans l'équation" nothing to "quoi".
    ("les données massives", "les big data"),
    # "rendre possible" is "permettre", "porter sur" is being about, "à part" is except;
    # "à part entière" (in its own right) stays.
    ("qu'est-ce qui a rendu possibles ces façons", "qu'est-ce qui a permis ces façons"),
    ("sur quoi portent les schémas", "sur quoi les schémas"),
    ("le débat porte sur la collaboration", "le débat sur la collaboration"),
    ("au menu à part les croissants", "au programme sauf les croissants"),
    ("un domaine à part entière", "un domaine à part entière"),
    ("a-t-il concentré ses efforts", "a-t-il fait sa efforts"),
    ("le retour sur investissement", "le rentabilité"),
    ("il y a quoi au menu", "il y a quoi au programme"),
    ("une question de vie ou de mort", "une question de survie"),
    ("Facebook et consorts", "Facebook"),
    ("ils pèsent quoi dans l'équation", "ils pèsent quoi"),
    # Only whole words: "encoure" is no "en cours", "enfait" stays.
    ("le coupable, en faits divers", "le coupable, en faits divers"),
])
def test_turns_of_phrase_are_read_as_their_plain_meaning(typed: str, read: str) -> None:
    assert " ".join(expand(typed).split()) == read


@pytest.mark.parametrize("courtesy", ["stp", "svp", "s'il vous plaît", "s'il te plait",
                                      "merci d'avance", "merci beaucoup"])
@pytest.mark.parametrize("hints", [True, False])
def test_courtesy_around_a_question_changes_nothing(courtesy: str, hints: bool) -> None:
    """"stp" is written out as "s'il te plaît", whose "plaît" met a passage saying "je me
    plais à penser" (a confident wrong answer without hints) and, unknown elsewhere,
    counted against every answer; "merci d'avance" brought "avance"."""
    router = stripped(load_knowledge(KNOWLEDGE_DIR), hints=hints, glossary=hints)
    for question in ("qui est jane mcconnell", "c quoi le digital workplace",
                     "c'est combien la matinée de genève", "who is jane mcconnell"):
        plain, polite = router.route(question), router.route(f"{question} {courtesy}")
        assert plain.verdict == "answer"
        assert (polite.verdict, polite.best and polite.best.entry.id) == (
            plain.verdict, plain.best and plain.best.entry.id), question


@pytest.mark.parametrize("greeting", ["salut", "bonjour à tous,", "hello", "coucou !", "@sbbot",
                                      "hi there,", "euh", "une question :"])
def test_a_greeting_before_who_is_someone_changes_nothing(greeting: str) -> None:
    """"qui est X" was only read at the very start of a question: "salut qui est jane
    mcconnell" was unknown, though "qui est jane mcconnell" is answered."""
    router = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    for question in ("qui est jane mcconnell", "who is guillaume foltran ?"):
        plain, greeted = router.route(question), router.route(f"{greeting} {question}")
        assert plain.verdict == "answer"
        assert (greeted.verdict, greeted.best and greeted.best.entry.id) == (
            plain.verdict, plain.best and plain.best.entry.id), question


def test_who_is_after_a_word_of_the_subject_asks_no_identity() -> None:
    assert asks_identity("salut, qui est Jane McConnell ?")
    assert not asks_identity("le livre qui est sorti cette année parle de quoi ?")
    assert not asks_identity("la matinée qui est prévue à Genève, c'est quand ?")
