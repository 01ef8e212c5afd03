"""Synthetic knowledge bases of any size, made of the corpus's own words.

The real entries stay in, at seeded random positions (so that no method wins ties just by
scanning them first), and accuracy on the dev set stays measurable at every size.

Filler passages are grouped in posts of `PASSAGES_PER_POST`, like a blog archive. Each post
has a topic: `TOPIC_DRAWS` words drawn from the corpus by frequency, so that common words
are in nearly every topic and a rare word in few. Its passages draw their words from the
topic, by corpus frequency, with lengths taken from the real passages. The result is still
harsh on every method: it speaks only the vocabulary of the questions, so posting lists are
as long as they can get for a given size and many distractors share the questions' rare
words, where a real archive of the same size would have a larger vocabulary.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate

from sbbot.knowledge.model import Entry, Hints

WORD = re.compile(r"\w+")
PASSAGES_PER_POST = 20
TOPIC_DRAWS = 400
TITLE_WORDS = 6


def synthetic_entries(real: Sequence[Entry], size: int, seed: int) -> list[Entry]:
    """`size` entries: all of `real` plus generated passages, in a seeded order."""
    filler = max(0, size - len(real))
    rng = random.Random(seed * 1_000_003 + size)
    counts = Counter(word for entry in real for word in WORD.findall(entry.text))
    vocabulary = sorted(counts)
    lengths = [len(WORD.findall(entry.text)) for entry in real if entry.type == "passage"]
    generated: list[Entry] = []
    for post in range((filler + PASSAGES_PER_POST - 1) // PASSAGES_PER_POST):
        topic = sorted(set(rng.sample(vocabulary, TOPIC_DRAWS,
                                      counts=[counts[word] for word in vocabulary])))
        cumulative = list(accumulate(counts[word] for word in topic))
        title = " ".join(rng.choices(topic, cum_weights=cumulative, k=TITLE_WORDS))
        for _ in range(min(PASSAGES_PER_POST, filler - len(generated))):
            words = rng.choices(topic, cum_weights=cumulative, k=rng.choice(lengths))
            generated.append(Entry(f"synthetic-{len(generated):06d}", "passage",
                                   " ".join(words).capitalize() + ".", f"synthetic-{post:05d}",
                                   title.capitalize(), Hints()))
    entries = [*real, *generated]
    rng.shuffle(entries)
    return entries
