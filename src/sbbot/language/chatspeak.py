"""French chat writing read as the words it stands for, before a question is analysed.

Members type "jsais pas kan ca commence", "cest quoi", "lentreprise": sms forms
(`data/fr-chat.txt`) and elisions without their apostrophe. Expanded first, the question
words give their cues ("kan" asks when) and the little words are stopwords again, instead of
unknown words that count against an answer.
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
    """The text with chat forms and glued elisions written out."""
    return WORD.sub(expand_word, text)


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
