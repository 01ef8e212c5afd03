"""How a word becomes its index term: its lemma cut to a stem, so that derivations meet and
words of another meaning do not."""

from __future__ import annotations

from sbbot.evaluation import stripped
from sbbot.knowledge import load_knowledge
from sbbot.language.lemmas import derived_bases
from sbbot.language.wordforms import OWN_ROOTS, STEM_LENGTH, stem
from sbbot.router.query import Analyzer
from sbbot.text import fold
from tests.conftest import KNOWLEDGE_DIR


def test_a_short_french_verb_meets_its_other_forms() -> None:
    # The infinitive's "-er" goes like the "-e" of its other forms: a verb of seven letters
    # or fewer ("choquer", "coûter", "changer") would otherwise keep an "r" or "er" in its
    # six-letter term, and the lemma table gives either the verb or the participle.
    analyzer = Analyzer({})
    for forms in (("choque", "choquer", "choqués"), ("coût", "coûte", "coûtent"),
                  ("change", "changer", "changent"), ("garde", "garder", "gardent")):
        assert len({analyzer.index_term(fold(form), False) for form in forms}) == 1, forms
    # A plural in -ers is its singular's ("dossiers", "dossier"); unrelated words stay apart.
    assert analyzer.index_term("dossiers", False) == analyzer.index_term("dossier", False)
    assert analyzer.index_term("client", False) != analyzer.index_term("cliquer", False)
    # Through the router: the posts say people are "choqués"; a member asks what "choque".
    router = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    found = router.route("qu'est-ce qui choque dans ces opérations ?")
    assert (found.verdict, found.best.entry.id) == ("answer", "monde-opacite")


def test_a_noun_of_action_meets_its_verb() -> None:
    analyzer = Analyzer({})
    for forms in (("formation", "former", "formé"), ("évolutions", "évoluer", "évolue"),
                  ("éducation", "éduquer"), ("exécution", "exécuter"),
                  ("innovation", "innover"), ("coopération", "coopérer")):
        assert len({analyzer.index_term(fold(form), False) for form in forms}) == 1, forms
    # Too short a base is no verb's: "nation" and "relation" stay whole.
    assert analyzer.index_term("nation", False) == "nation"
    assert analyzer.index_term("relation", False) != analyzer.index_term("relier", False)
    # Through the router: a member asks whether training ("former") the staff is enough; the
    # passages speak of a "formation": the "petite formation" that does not suffice, or the
    # employees' "catalogue de formation" that must become a palette (the staff's
    # "salariés" met as "employés", router/alternatives.py); either says no.
    router = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    found = router.route("faut-il juste former les salariés aux outils ?")
    assert found.verdict == "answer"
    assert found.best.entry.id in {"coop-petite-formation", "coop-palette-pedagogique"}


def test_a_relational_adjective_on_another_stem_is_read_as_its_noun() -> None:
    analyzer = Analyzer({})
    for adjective, noun in (("scolaires", "école"), ("urbaines", "ville"),
                            ("hebdomadaire", "semaine")):
        assert analyzer.index_term(fold(adjective), False) == analyzer.index_term(
            fold(noun), False), adjective
    # Not an adjective with another frequent sense: the "sociaux" of "réseaux sociaux" is
    # no "société" (a company).
    assert analyzer.index_term("sociaux", False) != analyzer.index_term(fold("société"), False)
    # The posts speak of "milieux scolaires"; a member asks about "l'école".
    router = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    found = router.route("le numérique à l'école, selon le billet ?")
    assert (found.verdict, found.best.entry.id) == ("answer", "monde-ecole-pedagogie")


def test_a_town_s_demonym_on_another_stem_is_read_as_the_town() -> None:
    analyzer = Analyzer({})
    for adjective, town in (("genevoise", "Genève"), ("parisiens", "Paris"),
                            ("lyonnaise", "Lyon")):
        assert analyzer.index_term(fold(adjective), False) == analyzer.index_term(
            fold(town), False), adjective
    # The event card says "à Genève"; a member asks about "la rencontre genevoise".
    router = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    found = router.route("ya quoi au programme de la rencontre genevoise sur la digital "
                         "workplace")
    assert (found.verdict, found.best.entry.id) == ("answer",
                                                    "matinee-entreprise-de-demain-2014")


def test_words_sharing_six_letters_but_not_their_meaning_stay_apart() -> None:
    analyzer = Analyzer({})

    def term(word: str) -> str:
        return analyzer.index_term(fold(word), False)

    # Six letters of two roots ("ordina-teur", "ordinai-rement"), or a derivation whose usual
    # sense has left its base ("personnel", the staff): cut at six, each pair was one term.
    for one, other in (("personnel", "personne"), ("ordinateur", "ordinairement"),
                       ("particulier", "participation"), ("collègues", "collège"),
                       ("secrétaire", "secret"), ("contrat", "contrainte"),
                       ("gouvernement", "gouvernance"), ("croissance", "croissant"),
                       ("souvenir", "souvent"), ("maintenir", "maintenant"),
                       ("positif", "position"), ("employeur", "employé"),
                       ("communication", "communauté"), ("bureaucratie", "bureautique"),
                       ("fabricant", "Fabrice")):
        assert term(one) != term(other), (one, other)
    # Each keeps meeting its own family.
    for forms in (("personnel", "personnels", "personnelle", "personnellement"),
                  ("ordinateur", "ordinateurs"), ("particulier", "particulièrement"),
                  ("participer", "participation", "participants"),
                  ("contraire", "contrairement"),
                  ("gouvernement", "gouvernements", "gouvernemental"),
                  ("communication", "communications", "communicant")):
        assert len({term(form) for form in forms}) == 1, forms
    # The table holds folded roots longer than the stems they replace.
    roots = [root for found in OWN_ROOTS.values() for root in found]
    assert all(len(root) > STEM_LENGTH and root == fold(root) for root in roots)
    # A question about the staff and their computers shares no term with a passage on
    # "les personnes" and what is "ordinaire".
    known = set(analyzer.terms("les personnes ou encore la réalité ordinaire"))
    assert not [found.word for found in analyzer.query_terms(
        "le personnel et ses ordinateurs ?", known.__contains__) if found.stem in known]


def test_a_word_derived_on_another_stem_is_read_as_its_base() -> None:
    analyzer = Analyzer({})
    for forms in (("lecture", "lire", "lecteurs"), ("rapidité", "rapide", "rapides"),
                  ("déploiement", "déployer", "déployé"), ("réponse", "répondre"),
                  ("opacité", "opaque"), ("débat", "débattre"), ("choix", "choisir")):
        assert len({analyzer.index_term(fold(form), False) for form in forms}) == 1, forms
    # Not a derivation with another frequent sense: "service" is no "servir", "emploi" (a
    # job) no "employer", "facilité" also a form of "faciliter".
    for one, other in (("service", "servir"), ("emploi", "employer"), ("libre", "liberté")):
        assert analyzer.index_term(one, False) != analyzer.index_term(fold(other), False)
    # Each line joins two words the stems alone keep apart: one that they join is useless.
    for derived, base in derived_bases().items():
        assert stem(derived) != stem(base), derived
    # The posts recommend the "lecture" of a note; a member asks whether it is worth reading.
    router = stripped(load_knowledge(KNOWLEDGE_DIR), hints=False, glossary=False)
    found = router.route("la note de jane elle vaut le coup de la lire ?")
    assert (found.verdict, found.best.entry.id) == ("answer", "retours-rendez-vous-geneve")


def test_a_quality_noun_meets_its_short_adjective() -> None:
    # "viralité" and "mobilité" keep six letters their adjective lacks ("virali", "viral"):
    # "going viral" (viral) and "mobile apps" (mobile) met no post writing the noun.
    analyzer = Analyzer({})
    for forms in (("viralité", "viral", "virale"), ("mobilité", "mobile", "mobiles")):
        assert len({analyzer.index_term(fold(form), False) for form in forms}) == 1, forms
    assert analyzer.terms("viral") == analyzer.terms("la viralité")
    router = stripped(load_knowledge(KNOWLEDGE_DIR))
    found = router.route("does the author think going viral matters for these projects or nah")
    assert (found.verdict, found.best.entry.id) == ("answer", "raison-retours-experience")
