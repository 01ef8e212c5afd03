"""A quote and the passage quoting it (`router/quoted.py`): the passage, which says all the
quote says and who is quoted where, goes ahead of the quote when they tie."""

from __future__ import annotations

import pytest

from sbbot.entries import Entry
from sbbot.knowledge.model import Hints
from sbbot.router import Router
from sbbot.router.query import Analyzer
from sbbot.router.quoted import attributed_names, quoting_passages


def entry(entry_id: str, kind: str, text: str, post: str = "p") -> Entry:
    return Entry(entry_id, kind, text, post, "Un billet", Hints())  # type: ignore[arg-type]


def test_a_quote_is_held_by_the_passages_of_its_post_that_quote_its_opening() -> None:
    opening = "you and i are in a network but we do not collaborate we cooperate"
    entries = [
        entry("lead", "passage", f"Harold Jarche reprenant Stephen Downes précisait : {opening}, "
              "and more."),
        entry("other", "passage", "Un autre passage, sans la citation."),
        entry("elsewhere", "passage", f"Ailleurs : {opening}.", post="q"),
        entry("downes", "quote", f"« {opening.capitalize()} »\n— Stephen Downes"),
        entry("short", "quote", "« Trop court »\n— Quelqu'un"),
    ]
    assert quoting_passages(entries) == {3: frozenset({0})}


def test_a_quote_is_attributed_to_the_names_of_its_attribution_line() -> None:
    entries = [
        entry("lead", "passage", "Un passage sans citation."),
        entry("downes", "quote", "« We cooperate »\n— Stephen Downes (repris par Harold Jarche)"),
        entry("attali", "quote", "« La tyrannie de la transparence »\n— Jacques Attali, 2013"),
    ]
    terms = Analyzer({}).terms
    found = attributed_names(entries, terms)
    assert found[1] == frozenset(terms("Stephen Downes Harold Jarche"))
    assert found[2] == frozenset(terms("Jacques Attali"))
    assert 0 not in found


@pytest.mark.parametrize(("question", "expected"), [
    ("collaboration vs cooperation c koi la diff", "coop-downes-jarche"),
    ("Quelle différence l’article fait-il entre coopération et collaboration ?",
     "coop-downes-jarche"),
    ("qui a ecrit le billet sur les limites de la collaboration sociale", "coop-duperrin"),
    # a passage only mentioning Attali's words ties with his quote: the quote's passage wins
    ("attali il parle de tyrannie de quoi", "monde-lpm-attali"),
    ("attali et la tyrannie de la transparence cest quoi lhistoire", "monde-lpm-attali"),
])
def test_the_passage_quoting_a_tied_quote_answers(bare: Router, question: str,
                                                   expected: str) -> None:
    result = bare.route(question)
    assert result.best is not None and result.best.entry.id == expected

