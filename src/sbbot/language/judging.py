"""Whether a question asks for a judgement, and whether a text gives one.

"SharePoint, c'est bien ?", "is the note worth reading?" or "Foltran parle bien ?" ask
whether something is good, bad or done well; only a passage that judges it (good, useful,
recommended, a success...) answers them. Patterns that hold for any French or English text.
"""

from __future__ import annotations

import re

from sbbot.language.wordforms import folded_tokens

GOOD_OR_BAD = (r"(?:bon|bonne|bons|bonnes|mauvais|mauvaise|mauvaises|nul|nulle|nuls|nulles|"
               r"g[ée]nial|g[ée]niale|top|efficace|efficaces|fiable|fiables|int[ée]ressant|"
               r"int[ée]ressante|int[ée]ressants|int[ée]ressantes|good|bad|great|nice|decent|"
               r"reliable|worth|interesting|useful|effective)")
JUDGEMENT_ASKED = re.compile(
    r"\b(?:est|sont|c['’\s]?est|ce\s+sont)(?:[\s-]+(?:il|elle|ils|elles|ce|t))*\s+"
    r"(?:(?:un|une|des|de|vraiment|tr[èe]s|si|assez)\s+)*"
    rf"(?:{GOOD_OR_BAD}|bien(?=\W*$))\b"
    r"|\bvaut(?:[\s-]+(?:il|elle|t))*\s+(?:vraiment\s+)?(?:le\s+coup|la\s+peine)\b"
    r"|\b(?:is|are|was|were)\s+(?:[\w'’-]+\s+){1,4}?(?:(?:a|an|any|really|very)\s+)?"
    rf"{GOOD_OR_BAD}\b"
    r"|\b(?:content|contente|contents|contentes|satisfaite?s?|heureux|heureuses?|ravie?s?)"
    r"\s+(?:de|du|des|d['’]|avec)\b|\b(?:happy|satisfied|pleased)\s+with\b", re.IGNORECASE)
"""A question asking whether something is good or bad ("SharePoint, c'est bien ?", "est-ce
un bon opérateur ?", "ça vaut le coup ?", "is sharepoint any good?", "is the note worth
reading?"), or whether people are pleased with it ("les employés sont contents de leur
plateforme ?", "are users happy with it?"). "Bien" only at the end: "c'est bien Jane qui
parle ?" confirms a fact."""
DONE_WELL = re.compile(r"\b[^\W\d_]{3,}(?:[\s-]+(?:il|elle|ils|elles|t))*\s+"
                       r"(?:(?:vraiment|tr[èe]s|si|assez)\s+)?(?:bien|mal)"
                       r"(?:\s+(?:dans|en|sur|pendant|chez|à)\s+(?:[\w'’-]+\s+){0,2}[\w'’-]+)?\W*$",
                       re.IGNORECASE)
"""A question asking whether someone or something does a thing well ("Guillaume Foltran
parle bien ?", "ça marche bien ?", "Paul Miller parle bien dans sa vidéo ?"): a verb, then
"bien" or "mal" last, or before where it is done (a preposition and at most three words).
Asked with a question word ("quels aspects font qu'une communauté marche bien ?"), it asks
what or how, not whether."""
JUDGING = re.compile(r"\b(?:bon|bonne|bons|bonnes|mauvais\w*|meilleur\w*|mieux|pire|"
                     r"excellent\w*|formidable\w*|int[ée]ressant\w*|pertinent\w*|g[ée]nial\w*|"
                     r"remarquable\w*|recommand\w*|conseill\w*|raison|tort|r[ée]ussi\w*|"
                     r"succ[èe]s|efficace\w*|utile\w*|inutile\w*|contest[ée]\w*|critiqu\w*|"
                     r"good|bad|great|best|better|worse|worth|interesting|useful|"
                     r"recommend\w*)\b", re.IGNORECASE)
"""Words with which a text judges something: good or bad, interesting, right or wrong,
recommended, a success."""


def asks_judgement(text: str) -> bool:
    """Whether a question asks whether something is good, bad or worth it (JUDGEMENT_ASKED),
    or done well (DONE_WELL, with no question word)."""
    return JUDGEMENT_ASKED.search(text) is not None or (
        BIEN_OR_MAL.search(text) is not None and DONE_WELL.search(text) is not None
        and ASKING.search(text) is None)


BIEN_OR_MAL = re.compile(r"bien|mal", re.IGNORECASE)
"""What DONE_WELL needs, with its flags: looked for first, as few questions hold either
(one in thirty), a fifth of the time DONE_WELL takes on a question."""


ASKING = re.compile(r"\b(?:qui|quoi|comment|pourquoi|quand|où|combien|quel|quelle|quels|quelles|"
                    r"what|why|how|when|where|who|which)\b", re.IGNORECASE)
"""Question words: a question holding one asks what, who or how, not whether. Not "que",
as often a conjunction ("l'auteur trouve-t-il que X parle bien ?")."""


def judges(text: str) -> bool:
    """Whether a text (a clause of a passage) judges something (JUDGING)."""
    return JUDGING.search(text) is not None


JUDGED_CLAUSE = re.compile(r"[.!?;,:\n()\[\]]+|\s(?:et|mais|and|but)\s+(?=(?:je|j['’]|tu|il|"
                           r"elle|on|nous|vous|ils|elles|i|you|he|she|we|they)\b)",
                           re.IGNORECASE)
"""Where a judgement stops applying: "Bonne question, s'il en est, et c'est Gilles Babinet
..." judges the question, not Babinet; and "et", "mais" before a pronoun join another clause:
"je vous recommande vivement la lecture de cette note de Jane et vous invite ... à venir en
discuter avec elle et Guillaume Foltran" judges the note, not Foltran; "... est très
intéressante et elle ouvre un débat dans lequel Fabrice Epelboin ..." judges a vision, not
Epelboin."""


def judged_clauses(text: str) -> tuple[tuple[str, ...], ...]:
    """The folded words of each clause of a text (a passage) that judges something: what a
    question asking for a judgement of a thing needs the passage to name it in (see
    `predicates.judgement_apart`). Read once per entry (`Readings`): folding every clause
    of each ranked passage again for every such question cost a tenth of its routing."""
    return tuple(tuple(token for token, _ in folded_tokens(clause))
                 for clause in JUDGED_CLAUSE.split(text) if judges(clause))
