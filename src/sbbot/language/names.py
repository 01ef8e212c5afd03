"""Proper nouns of a text: the words it capitalises inside a sentence.

Members type names in lower case ("le gars de bouygues"); the passages write them as names
("Bouygues Telecom"). A question word the best passage capitalises mid-sentence names the
question's subject: what the question asks *about* it has to be elsewhere in the question.
"""

from __future__ import annotations

import re
from itertools import pairwise

from sbbot.text import CASED_WORD, STOPWORDS, unaccented

SENTENCE_STARTS = frozenset(".!?:;«»\"“”–—-•\n")
"""A capital after one of these (or at the very start) begins a sentence or a list item,
and says nothing about the word being a name."""
INITIAL = re.compile(r"(?:^|[\s(])[A-Z]\.$")
"""A capital letter and its full stop ("Wanda J. Orlikowski") abbreviate a first name: the
word after them continues the name, it does not begin a sentence."""


def proper_nouns(text: str) -> frozenset[str]:
    """The folded words that `text` capitalises somewhere other than a sentence's start,
    and a capitalised word at a sentence's start directly followed by one of those: a
    name's first word ("— Jacques Attali" signing a quote, "Gilles Babinet a raison"),
    unless it is a function word ("Les Echos") or the end of a hyphenated compound ("The
    Human-Centered Digital Workplace")."""
    plain = unaccented(text)
    words = list(CASED_WORD.finditer(plain))
    inside = {match.start() for match in words
              if match.group()[0].isupper() and match.start() > 0
              and not starts_sentence(plain[:match.start()].rstrip(" \t\xa0"))}
    found = {match.group().lower() for match in words if match.start() in inside}
    found.update(first.group().lower() for first, second in pairwise(words)
                 if second.start() in inside and first.group()[0].isupper()
                 and plain[first.end():second.start()] == " "
                 and (first.start() == 0 or plain[first.start() - 1].isspace())
                 and first.group().lower() not in STOPWORDS)
    return frozenset(found)


def starts_sentence(before: str) -> bool:
    """Whether a word after the text `before` (stripped of its trailing blanks) begins a
    sentence or a list item."""
    return before[-1:] in SENTENCE_STARTS and not INITIAL.search(before)
