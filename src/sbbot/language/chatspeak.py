"""French chat writing read as the words it stands for, before a question is analysed.

Members type "jsais pas kan ca commence", "cest quoi", "lentreprise": sms forms
(`data/fr-chat.txt`) and elisions without their apostrophe. Expanded first, the question
words give their cues ("kan" asks when) and the little words are stopwords again, instead of
unknown words that count against an answer. Turns of phrase ("à cause de", "en gros", "ça
vaut le coup", `data/locutions.txt`) are then read as their plain meaning, for the same
reason: their words are no subject of the question.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib.resources import files

from sbbot.language.frequency import general_zipf, zipf
from sbbot.language.wordforms import SPACED_COMPOUNDS
from sbbot.text import STOPWORDS, fold

WORD = re.compile(r"(?<![\w'’-])(?=\d*[^\W\d_])[^\W_]+(?![\w'’-])")
"""A word standing alone: not a part of "c'est", "aujourd'hui" or "C-suite"; letters, or
letters and digits ("b4"), not a number alone."""
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
    """The text with chat forms and glued elisions written out, then turns of phrase read
    as their meaning: a phrase may be typed in chat forms ("koi dans la vie", "ds son
    coin")."""
    if any(spelt_out(word) != word for word in WORD.findall(text)):
        text = WORD.sub(expand_word, text)  # not called per word when nothing changes
    return accent_where(spell_phrases(text))


UNACCENTED_WHERE = re.compile(r"\bou\b", re.IGNORECASE)
CONJUNCTION_AFTER = frozenset("bien alors".split())
"""After these, a question's first "ou" is the conjunction ("ou bien", "ou alors")."""
TRAILING_NOW = frozenset("maintenant actuellement aujourd hui aujourdhui en ce moment "
                         "exactement precisement now exactly currently today".split())
"""Adverbs of the present or of precision that may end a question after "où" ("il vit ou
maintenant", "il travaille ou en ce moment", "c'est ou exactement"): nothing they hold is
a thing the conjunction could join to the word before."""


def accent_where(text: str) -> str:
    """The text with "ou" written "où" where the conjunction cannot stand: first or last in
    the question ("ou se passe la matinée", "le rapport est dispo ou"), or followed only by
    adverbs of the present (TRAILING_NOW: "il vit ou maintenant"), after "d'" ("d'ou
    vient-il"), before a "ça" that ends a clause ("ou ça ?"; not "inné ou ça s'apprend ?",
    where "ça" is a verb's subject) or right after "c'est" ("c'est ou exactement ?";
    not "c'est ou bien ...", "c'est ou l'un ou l'autre"). The conjunction joins two things,
    so it has a word on either side; members type "où" without its accent, and "où" asks
    for a place."""
    if not UNACCENTED_WHERE.search(text):
        return text
    tokens = list(TOKEN.finditer(text))
    words = [fold(token.group()) for token in tokens]
    last = len(words) - 1
    for position in reversed(range(len(words))):
        if words[position] == "ou" and (
                (position == 0 < last and words[1] not in CONJUNCTION_AFTER)
                or position == last or (position > 0 and words[position - 1] == "d")
                or (position > 0 and TRAILING_NOW.issuperset(words[position + 1:]))
                or (position < last and words[position + 1] == "ca" and (
                    position + 1 == last or CLAUSE_END.search(
                        text[tokens[position + 1].end():tokens[position + 2].start()])))
                or (words[position - 2:position] == ["c", "est"]
                    and "ou" not in words[position + 1:]
                    and (position == last or words[position + 1] not in CONJUNCTION_AFTER))):
            start, end = tokens[position].span()
            text = text[:start] + ("Où" if text[start].isupper() else "où") + text[end:]
    return text


TOKEN = re.compile(r"[^\W_]+")
CLAUSE_END = re.compile(r"[?!.,;:]")
JOINING = frozenset(" \t'’-")
"""What may stand between the words of a turn of phrase as typed ("d'ailleurs", "d ailleurs",
"marchent-ils"); also nothing ("dailleurs")."""
EDGES = frozenset("'’-")
POSSESSIVES = frozenset("mon ma ton ta son sa notre votre leur mes tes ses nos vos leurs".split())
"""In a turn of phrase, "sa" or "son" stands for any of these ("à ma sauce", "dans leur
coin")."""
Phrases = dict[str, list[tuple[tuple[str, ...], str]]]


def spell_phrases(text: str) -> str:
    """The text with each turn of phrase (`locutions`) replaced by its meaning: found word
    by word from each word that begins one, the longest first, so that a question costs a
    few dictionary look-ups (one pattern alternating between every phrase cost 50 µs)."""
    table, (lengths, forms) = locutions(), phrase_forms()
    keys = list(map(phrase_word, TOKEN.findall(text)))
    if not any(tuple(keys[position:position + length]) in forms
               for position, key in enumerate(keys) for length in lengths.get(key, ())):
        return text  # no turn of phrase's words: no need for their positions
    tokens = list(TOKEN.finditer(text))
    found: list[str] = []
    last = position = 0
    while position < len(tokens):
        for words, meaning in table.get(keys[position], ()):
            end = position + len(words) - 1
            if (end < len(tokens) and tuple(keys[position:end + 1]) == words
                    and all(set(text[tokens[at].end():tokens[at + 1].start()]) <= JOINING
                            for at in range(position, end))
                    and standing(text, tokens[position].start(), tokens[end].end())):
                found += [text[last:tokens[position].start()], meaning]
                last, position = tokens[end].end(), end
                break
        position += 1
    return "".join([*found, text[last:]]) if found else text


ELIDED = re.compile(r"(?:^|[^\w'’-])(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]$",
                    re.IGNORECASE)
"""An elided word and its apostrophe ending a text: "l'", "d'", "qu'" stand apart from the word
after them ("l'économie du partage"), unlike the first part of "aujourd'hui"."""


def standing(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is not part of a longer word ("aujourd'hui", "C-suite"); a
    phrase after an elided article or pronoun stands ("l'économie du partage")."""
    return ((start == 0 or text[start - 1] not in EDGES
             or ELIDED.search(text, 0, start) is not None)
            and (end == len(text) or text[end] not in EDGES))


@lru_cache(maxsize=1 << 16)
def phrase_word(word: str) -> str:
    """A word as turns of phrase are looked up: folded, any possessive as "sa"."""
    folded = fold(word)
    return "sa" if folded in POSSESSIVES else folded


@cache
def locutions() -> Phrases:
    """The turns of phrase of `locutions.txt` by their first word (`phrase_word`), each as
    its words and its meaning, longest first; each also glued into one word ("dailleurs").
    A compound word typed without its hyphen ("rendez vous", "apres midi") is read as the
    compound (`text.SPACED_COMPOUNDS`), unless all its parts are function words ("bien
    être" may be "may well be")."""
    text = files("sbbot.language").joinpath("data", "locutions.txt").read_text(
        encoding="utf-8")
    lines = [line.partition(":")[::2] for line in text.splitlines()
             if line.strip() and not line.startswith("#")]
    lines += [(compound, compound) for compound in SPACED_COMPOUNDS
              if not STOPWORDS.issuperset(fold(compound).split())]
    table: Phrases = {}
    for phrase, meaning in lines:
        words = tuple(phrase_word(word) for word in fold(phrase).split())
        for form in {words, ("".join(words),)}:
            table.setdefault(form[0], []).append((form, meaning.strip()))
    for entries in table.values():
        entries.sort(key=lambda entry: len(entry[0]), reverse=True)
    return table


@cache
def phrase_forms() -> tuple[dict[str, tuple[int, ...]], frozenset[tuple[str, ...]]]:
    """The lengths of the turns of phrase by their first word, and each one's words: whether
    a question holds one is then a set look-up a word and length (comparing every phrase
    that starts with "a" or "en", two dozen each, cost 15 µs a question)."""
    table = locutions()
    return ({key: tuple(sorted({len(words) for words, _ in entries}))
             for key, entries in table.items()},
            frozenset(words for entries in table.values() for words, _ in entries))


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
