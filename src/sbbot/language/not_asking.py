"""Cue words that, where they stand, ask for nothing: a "quand" joining two clauses, a "how
much" measuring a noun, a "cost" something is regarded as. Read by `cues.question_cues` on a
question's plain words (lower case, accents kept on "où" only: `cues.plain`), for French
and English alike.
"""

from __future__ import annotations

from collections.abc import Sequence

CONJUNCTIONS = frozenset("when quand".split())
"""Question words that also join clauses ("why is ROI a problem when asking for a budget",
"que faire quand on n'a pas de budget")."""
OPENERS = frozenset("why how what who which pourquoi comment que qu quoi qui quel quelle quels "
                    "quelles".split())
COORDINATORS = frozenset("et and ou or depuis since until jusqu".split())
"""Before these words, a question word still asks ("où et quand", "depuis quand")."""


def conjunction(words: Sequence[str], position: int) -> bool:
    """Whether the (plain) word at `position` joins a clause rather than asks: "when" or
    "quand" inside a question another question word opens, neither its last word nor after
    "et", "and", "depuis" ... ("pourquoi ... quand on débute ?" asks why, not when); and
    English "when" anywhere before "it comes to" (a topic: "when it comes to ROI, why ...")
    or before a verb in -ing (a circumstance: "is ROI the problem when asking for a
    budget?")."""
    if words[position] == "when" and position < len(words) - 1 and (
            words[position + 1:position + 4] in (["it", "comes", "to"], ["it", "come", "to"])
            or (len(words[position + 1]) > 5 and words[position + 1].endswith("ing"))):
        return True
    return (words[position] in CONJUNCTIONS and 0 < position < len(words) - 1
            and words[0] in OPENERS and words[position - 1] not in COORDINATORS)


PRICED = frozenset("""does do is are was were will would did for it money cash cost costs
pay""".split())
"""After "how much", the words that make it ask a price ("how much does it cost", "how much
for ..."); before another noun it asks an amount of that ("how much effort")."""


def vague_amount(words: Sequence[str], position: int) -> bool:
    """Whether the pair at `position` is "how much" followed by what it measures, not a
    price."""
    return (words[position:position + 2] == ["how", "much"] and position + 2 < len(words)
            and words[position + 2] not in PRICED)


COST_NOUNS = frozenset("cost costs cout couts".split())
REGARDING = frozenset("as just only merely simply comme juste seulement simplement qu".split())
INDEFINITE = frozenset("a an un une des".split())
COPULAS = frozenset("is are was were be est sont etait etaient serait seraient".split())
IMPERSONAL = frozenset("c ce ca cela it this that there".split())
"""Subjects of "is a cost" that are no one and nothing named ("c'est un coût ?", "is it a
cost?"): what it costs may be asked."""
INVERTED = frozenset("il elle ils elles".split())
"""French subject pronouns after their verb ("le salarié est-il un coût ?")."""


def regarded_as_cost(words: Sequence[str], position: int) -> bool:
    """Whether the word at `position` is "cost" ("coût") as what something is, not a
    question of how much it costs: after "as a", "just a", "comme un", "qu'un" (what
    something is seen as: "are employees seen as a cost?", "le salarié est vu comme un
    coût", "so employees are just a cost?"); after "is a" of something named ("le salarié
    est un coût ?", "le salarié est-il un coût ?"), not of an impersonal "c'est", "it is"
    (IMPERSONAL). "Is there a cost?", "la matinée a un coût ?" still ask a price. Not one
    of two things offered ("an asset or a cost"): read so, "asset" led to the passages on
    "atouts" (confident wrong answers on the tuning sets)."""
    if words[position] not in COST_NOUNS or position < 2 or words[position - 1] not in INDEFINITE:
        return False
    before, subject = words[position - 2], words[position - 3] if position > 2 else ""
    return (before in REGARDING
            or (before in COPULAS and subject not in IMPERSONAL)
            or (before in INVERTED and subject in COPULAS))


ADDRESSING = frozenset("adresse adresses adressent".split())
"""Forms of the noun "adresse" that are also forms of the verb "adresser"."""
ADDRESSING_CLITICS = frozenset("s se m me t te nous vous lui je j il elle on ils elles"
                               .split())
"""Pronouns that stand only before a verb: before "adresse", they make it "adresser"
("s'adresse", "il adresse", "on lui adresse"). Not "l" and "leur", also determiners ("l'adresse",
"leur adresse")."""


def addressed(words: Sequence[str], position: int) -> bool:
    """Whether the word at `position` is French "adresser", the verb, not an address asked
    for: after a pronoun that stands only before a verb (ADDRESSING_CLITICS: "babinet il
    adresse quoi comme reproche", "à qui s'adresse la matinée ?") or before the "t" of an
    inverted subject ("quel reproche Babinet adresse-t-il aux dirigeants ?"). The noun
    follows a determiner ("l'adresse", "quelle adresse", "son adresse")."""
    return words[position] in ADDRESSING and (
        (position > 0 and words[position - 1] in ADDRESSING_CLITICS)
        or words[position + 1:position + 2] == ["t"])
