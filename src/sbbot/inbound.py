"""The rules every platform applies to member text before deciding anything about it.

One normalisation and one question rule, shared by every adapter through
`sbbot.conversation`: a command, a question and the cooldown must all see the same text, or
an invisible character or a leading space lets a member slip past one of them. Every
function here is linear in its input, whatever a member sends.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

PREFIX = "!"
MAX_INPUT_CHARS = 1000
"""Longer messages are cut before any processing: no question needs more, and it bounds
the work a hostile message can cause."""

INVISIBLE = re.compile(r"[\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def normalize(text: str) -> str:
    """Drop control and zero-width characters, fold whitespace, cap the length."""
    text = INVISIBLE.sub("", text[: MAX_INPUT_CHARS * 2])
    text = "".join(
        char if unicodedata.category(char)[0] != "C" else " " for char in text
    )
    return " ".join(text.split())[:MAX_INPUT_CHARS]


TRAILING_PUNCTUATION = ".,;:!?…"
"""Typed after a command's name, "!raison." or "!aide !", as after any word: not part of it."""


def command_word(text: str) -> tuple[str, str] | None:
    """`(name, arguments)` of a normalised `!name arguments`, or None for free text. A space
    after the `!` ("! raison 3", as French typography spaces a "!") and punctuation after the
    name ("!raison: 3") are not part of the name."""
    if not text.startswith(PREFIX):
        return None
    name, _, arguments = text[len(PREFIX):].lstrip().partition(" ")
    return name.rstrip(TRAILING_PUNCTUATION) or name, arguments.strip()


QUESTION_WORDS = frozenset("""
qui que quoi quel quelle quels quelles quand où comment combien pourquoi lequel laquelle
lesquels lesquelles qu est-ce
what who whom whose when where why how which is are am was were do does did can could
should would will shall may might has have
""".split())
INVERSION = re.compile(r"\w-(?:t-)?(?:je|tu|il|elle|on|nous|vous|ils|elles)$")
"""French subject-verb inversion: « Pouvez-vous… », « Y a-t-il… », « Sais-tu… »."""
WORD = re.compile(r"[\w’'-]+")
APOSTROPHE = re.compile(r"[’']")


def looks_like_question(text: str) -> bool:
    """Whether a message in a question channel is worth answering.

    Those channels are for questions, but members also thank each other and chat there;
    answering every line would drown them. A question mark, an interrogative first word
    (French or English) or a French inversion is enough; anything else stays unanswered.
    """
    text = text[:MAX_INPUT_CHARS]
    if ends_with_question_mark(text):
        return True
    words = [match.group().lower() for match in itertools.islice(WORD.finditer(text), 2)]
    if not words:
        return False
    first = APOSTROPHE.split(words[0], maxsplit=1)[0]
    return first in QUESTION_WORDS or any(INVERSION.search(word) for word in words)


def ends_with_question_mark(text: str) -> bool:
    """A `?` among the trailing non-word characters (`?!`, `? :)`), read once from the end;
    a regex such as `\\?\\W*$` would rescan the tail from every `?` (quadratic)."""
    for char in reversed(text):
        if char == "?":
            return True
        if char.isalnum() or char == "_":
            return False
    return False
