"""French chat writing read as the words it stands for, before a question is analysed.

Members type "jsais pas kan ca commence", "cest quoi", "lentreprise": sms forms
(`data/fr-chat.txt`) and elisions without their apostrophe. Expanded first, the question
words give their cues ("kan" asks when) and the little words are stopwords again, instead of
unknown words that count against an answer. Turns of phrase ("à cause de", "en gros", "ça
vaut le coup", `data/locutions.txt`) are read as their plain meaning first, for the same
reason: their words are no subject of the question.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib.resources import files

from sbbot.language.frequency import general_zipf, zipf
from sbbot.text import fold

WORD = re.compile(r"(?<![\w'’-])[^\W\d_]+(?![\w'’-])")
"""A word standing alone: not a part of "c'est", "aujourd'hui" or "C-suite"."""
VOWELS = frozenset("aeiouyh")
ELISIONS = {"qu": VOWELS, "l": VOWELS, "d": VOWELS, "s": VOWELS, "n": VOWELS, "m": VOWELS,
            "c": VOWELS, "j": None, "t": frozenset("bcdfgjklmnpqrstvwxz")}
"""Letters that elide before a word (before the letters given; None: any), as chat writes
them glued: "lentreprise", "quon", and before a consonant too "jveux", "tsais"."""
SPLIT_GAIN = 2.0
"""A glued word is split when its second part is this much more frequent (Zipf) than the
whole is in French or English: "cest" (4.1) is "c'est" ("est", 7.2), but "test" or "dune"
... stay what they are unless the split reading is far more likely."""
PART_MIN_ZIPF = 4.0


@cache
def chat_forms() -> dict[str, str]:
    """Folded chat form -> what it stands for, French (`fr-chat.txt`) then English."""
    forms: dict[str, str] = {}
    for name in ("fr-chat.txt", "en-chat.txt"):
        text = files("sbbot.language").joinpath("data", name).read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.strip() and not line.startswith("#"):
                form, _, expansion = line.partition(":")
                forms.setdefault(fold(form), expansion.strip())
    return forms


def expand(text: str) -> str:
    """The text with turns of phrase, chat forms and glued elisions written out."""
    pattern, meanings = locutions()
    text = pattern.sub(lambda found: meanings[phrase_key(found.group())], text)
    return WORD.sub(expand_word, text)


ACCENTS = {"a": "aàâä", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "c": "cç"}
POSSESSIVES = "mon ma ton ta son sa notre votre leur mes tes ses nos vos leurs"
"""In a turn of phrase, "sa" or "son" stands for any of these ("à ma sauce", "dans leur
coin")."""


@cache
def locutions() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern matching every turn of phrase of `locutions.txt` (longest first, whatever
    its accents, apostrophes and possessive as typed), and each phrase's meaning by
    `phrase_key`."""
    text = files("sbbot.language").joinpath("data", "locutions.txt").read_text(
        encoding="utf-8")
    lines = [line.partition(":") for line in text.splitlines()
             if line.strip() and not line.startswith("#")]
    meanings = {phrase_key(phrase): meaning.strip() for phrase, _, meaning in lines}
    phrases = sorted((phrase_words(phrase) for phrase, _, _ in lines),
                     key=lambda words: len(" ".join(words)), reverse=True)
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(map(phrase_pattern, phrases))
                         + r")(?![\w'’-])", re.IGNORECASE)
    return pattern, meanings


def phrase_words(phrase: str) -> list[str]:
    """The folded words of a turn of phrase, any possessive as "sa"."""
    return ["sa" if word in POSSESSIVES.split() else word for word in fold(phrase).split()]


def phrase_key(phrase: str) -> str:
    """A turn of phrase as looked up: folded, any possessive as "sa", the words glued ("d'
    ailleurs" and "dailleurs" are one)."""
    return "".join(phrase_words(phrase))


def phrase_pattern(phrase: list[str]) -> str:
    """A regular expression for a turn of phrase (`phrase_words`) as members may type it."""
    words = []
    for word in phrase:
        if word == "sa":
            words.append("(?:" + "|".join(POSSESSIVES.split()) + ")")
        else:
            words.append("".join(f"[{ACCENTS[letter]}]" if letter in ACCENTS
                                 else re.escape(letter) for letter in word))
    return r"[\s'’]*".join(words)


def expand_word(match: re.Match[str]) -> str:
    """A chat form, or a glued elision, written out; any other word (or a name, capitalised
    inside the text) as it is."""
    word = match.group()
    if word[0].isupper() and match.start() > 0:
        return word
    return spelt_out(word)


@lru_cache(maxsize=1 << 16)
def spelt_out(word: str) -> str:
    """What a word stands for (memoised: members use the same words again and again)."""
    folded = fold(word)
    found = chat_forms().get(folded)
    if found is not None:
        return found
    for prefix, before in ELISIONS.items():
        rest = folded[len(prefix):]
        if (folded.startswith(prefix) and len(rest) >= 4 - len(prefix)
                and (before is None or rest[0] in before)
                and (part := zipf(rest, "fr")) >= PART_MIN_ZIPF
                and part - general_zipf(folded) >= SPLIT_GAIN):
            return f"{word[:len(prefix)]}'{word[len(prefix):]}"
    return word
