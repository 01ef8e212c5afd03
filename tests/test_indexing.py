"""What the index holds beside an entry's own words (`router/indexing.py`), through the
real router."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sbbot.entries import Entry
from sbbot.knowledge.model import Hints
from sbbot.router import Router
from sbbot.router.corpus import Vocabulary, words_of
from sbbot.router.indexing import gatherings_called


def entry(entry_id: str, text: str, kind: str = "passage", post: str = "matinee") -> Entry:
    return Entry(entry_id, kind, text, post, f"https://example.org/{post}", Hints())


CARD = entry("card", "Matinée de l’entreprise de demain\n"
                     "Quand : vendredi 4 avril 2014 à 08:30 (Europe/Zurich)\nOù : Genève\n"
                     "Tarif : participation gratuite", kind="event")
ENTRIES = [
    entry("agenda", "L’agenda de la matinée sera le suivant, autour d’un petit déjeuner :"),
    entry("outils", "Les outils collaboratifs ne suffisent pas : il faut une pédagogie."),
    entry("autre", "Un déjeuner d’affaires ne remplace pas la confiance.", post="autre"),
    *(entry(f"autre-{number}", text, post="autre") for number, text in enumerate((
        "La transformation numérique change le travail des équipes.",
        "Les réseaux sociaux d’entreprise réussissent rarement sans animation.",
        "Le client impose à l’entreprise de se transformer.",
        "Les élites veulent-elles garder le numérique pour elles ?",
        "Partager ses retours d’expérience aide les autres organisations.",
        "La surveillance des citoyens inquiète.",
        "Une palette pédagogique vaut mieux qu’un catalogue de formation.",
        "Les start-ups réinventent l’offre de produits et de services.",
        "Le big data exploite nos informations à des fins marchandes."))),
    CARD,
]


def test_an_event_card_is_indexed_with_the_gatherings_its_post_names() -> None:
    # only the card's own post counts: the other post's "déjeuner" is no name of this event
    vocabulary = Vocabulary(lambda token: 0.0)
    text = words_of([item.text for item in ENTRIES], vocabulary)
    assert gatherings_called(ENTRIES, text, vocabulary.words) == {
        "matinee": ("dejeuner", "matinee")}


def test_a_question_naming_the_event_as_its_post_does_meets_the_card() -> None:
    # The card itself never says "petit déjeuner"; the agenda passage, which does, says
    # neither where nor how much.
    router = Router(ENTRIES)
    for question in ("c'est où le petit déjeuner ?", "le petit dej c'est combien ?"):
        result = router.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert result.best.entry.id == "card", question


BUILD_AND_DESCRIBE = """
import hashlib
from sbbot.evaluation import stripped
from sbbot.knowledge import load_knowledge
router = stripped(load_knowledge("knowledge"), False, False)
index = router._scorer._index
print(hashlib.sha256(index._impacts.tobytes() + index._docs.tobytes()).hexdigest())
"""


def test_the_index_is_the_same_whatever_the_hash_seed() -> None:
    # A set's order changes with the hash seed: words numbered in that order summed entries'
    # lengths in another order, a last-bit difference that swapped two tied runners-up.
    root = Path(__file__).resolve().parent.parent
    built = {subprocess.run([sys.executable, "-c", BUILD_AND_DESCRIBE], cwd=root, check=True,
                            capture_output=True, text=True,
                            env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
             for seed in ("1", "2", "3")}
    assert len(built) == 1 and len(built.pop()) == 65
