"""Reading helpers shared by the cutting, quote and event rules: words, names, sentences.

They are deliberately small and general (French and English writing conventions), never a
list of what the five shipped posts happen to contain.
"""

from __future__ import annotations

import re
import unicodedata

FRENCH_WORDS = frozenset("""
le la les un une des du de d l et est sont en dans pour par sur avec sans au aux ce cette ces
qui que qu quoi dont il elle ils elles nous vous je j on se s ne n pas plus ou mais donc car
leur leurs son sa ses notre nos votre vos mon ma mes y a été être avoir fait très aussi comme
""".split())
ENGLISH_WORDS = frozenset("""
the a an and or of to in on for with without by at from is are was were be been being it its
this that these those we you they he she i not but so as if than then there their our your my
""".split())
CAPITALISED_STOPWORDS = FRENCH_WORDS | ENGLISH_WORDS | frozenset("""
mais pour avec depuis selon aujourd hui bien ainsi alors enfin puis comme quand si tout tous
toute toutes chaque voici voilà lorsque pourtant cependant face demain hier
""".split())
ELISION = re.compile(r"^(?:[dljmnstc]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
TERMINAL = ".!?…"
SENTENCE_END = re.compile(r"(?<=[.!?…])[»”\"')\]]*\s+(?=[«“\"(\[]?\s*[A-ZÀ-Ý0-9])")
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
LIST_ITEM = re.compile(r"^\s*(?:[–—•·▪◦*\-]|\d{1,2}[.)])\s+\S")


def fold(text: str) -> str:
    """Lowercase without accents: how words are compared, never how they are shown."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold_space(text: str) -> str:
    return " ".join(text.split())


def words(text: str) -> list[str]:
    return WORD.findall(text)


def slugify(text: str, max_words: int = 6, drop_stopwords: bool = True) -> str:
    found = [word for word in re.findall(r"[a-z0-9]+", fold(text).replace("œ", "oe"))
             if not (drop_stopwords and word in FRENCH_WORDS | ENGLISH_WORDS)]
    return "-".join(found[:max_words])


def language(text: str) -> str:
    """'fr' or 'en', from function words: enough to tell a quoted English passage in a
    French post."""
    folded = [fold(word) for word in words(text)]
    french = sum(word in FRENCH_WORDS for word in folded)
    english = sum(word in ENGLISH_WORDS for word in folded)
    return "en" if english > french else "fr"


def sentences(text: str) -> list[str]:
    return [part for part in SENTENCE_END.split(text) if part.strip()]


def ends_sentence(text: str) -> bool:
    return text.rstrip(" »”\"')]").endswith(tuple(TERMINAL))


def is_lead_in(text: str) -> bool:
    """A line that announces what follows ("voici ce qu'il en dit :")."""
    return text.rstrip().endswith(":")


def is_list_item(line: str) -> bool:
    return LIST_ITEM.match(line) is not None


def capitalised(token: str) -> bool:
    return token[:1].isupper() and not (len(token) > 2 and token.isupper())


def person_names(text: str) -> list[str]:
    """Runs of two to four capitalised words ("Wanda J. Orlikowski", "d’Edouard Snowden"),
    in order of appearance: the people a sentence names."""
    names: list[str] = []
    run: list[str] = []
    tokens = re.findall(r"[^\s,;:!?()\[\]«»“”\"]+|[,;:!?()\[\]«»“”\"]", text)

    def close() -> None:
        if 2 <= len(run) <= 4 and not run[-1].endswith("."):
            names.append(" ".join(run))
        run.clear()

    for raw in tokens:
        token = ELISION.sub("", raw).rstrip(".") if not re.fullmatch(r"[A-Z]\.", raw) else raw
        initial = re.fullmatch(r"[A-Z]\.", raw) is not None
        if (initial and run) or (token and capitalised(token) and WORD.fullmatch(token)
                                 and fold(token) not in CAPITALISED_STOPWORDS):
            if ELISION.match(raw) and run:
                close()
            run.append(token if not initial else raw)
            if raw.endswith(".") and not initial:
                close()
        else:
            close()
    close()
    return names
