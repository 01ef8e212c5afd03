"""Synthetic knowledge bases of any size, made of the corpus's own words.

The real entries stay in, at seeded random positions (so that no method wins ties just by
scanning them first), and accuracy on the dev set stays measurable at every size.

Filler text follows the usual two-part model of a blog archive: every passage mixes
*background* words, common to all posts (the corpus's most frequent words, which make up
half of its running text), with the words of its post's *topic*: `TOPIC_WORDS` other
corpus words drawn by frequency for each post of `PASSAGES_PER_POST` passages. Words keep
their corpus frequencies within each part, and passage lengths are drawn from the real
passages'. A rare word of the corpus thus appears in a few posts rather than sprinkled over
all of them, as a name or a concept does in a real archive.

It is still harsher than a real archive of the same size: with the corpus's thousand-odd
words only, every question word is in many filler passages, so posting lists are long and
distractors share the questions' rare words.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate, groupby
from pathlib import Path

from sbbot.entries import Entry, entries_of
from sbbot.knowledge.model import Hints

WORD = re.compile(r"\w+")
PASSAGES_PER_POST = 20
TOPIC_WORDS = 20
BACKGROUND_SHARE = 0.5
TITLE_WORDS = 6


def synthetic_entries(real: Sequence[Entry], size: int, seed: int) -> list[Entry]:
    """`size` entries: all of `real` plus generated passages, in a seeded order."""
    filler = max(0, size - len(real))
    rng = random.Random(seed * 1_000_003 + size)
    counts = Counter(word for entry in real for word in WORD.findall(entry.text))
    ranked = sorted(counts, key=lambda word: (-counts[word], word))
    cut = next(rank for rank, total in enumerate(accumulate(counts[word] for word in ranked))
               if total >= BACKGROUND_SHARE * counts.total()) + 1
    background, topical = ranked[:cut], ranked[cut:]
    background_weights = list(accumulate(counts[word] for word in background))
    lengths = [len(WORD.findall(entry.text)) for entry in real if entry.type == "passage"]
    generated: list[Entry] = []
    for post in range((filler + PASSAGES_PER_POST - 1) // PASSAGES_PER_POST):
        topic = sorted(set(rng.sample(topical, TOPIC_WORDS,
                                      counts=[counts[word] for word in topical])))
        topic_weights = list(accumulate(counts[word] for word in topic))
        title = " ".join(rng.choices(topic, cum_weights=topic_weights, k=TITLE_WORDS))
        for _ in range(min(PASSAGES_PER_POST, filler - len(generated))):
            length = rng.choice(lengths)
            common = sum(rng.random() < BACKGROUND_SHARE for _ in range(length))
            words = (rng.choices(background, cum_weights=background_weights, k=common)
                     + rng.choices(topic, cum_weights=topic_weights, k=length - common))
            rng.shuffle(words)
            generated.append(Entry(f"synthetic-{len(generated):06d}", "passage",
                                   " ".join(words).capitalize() + ".", f"synthetic-{post:05d}",
                                   title.capitalize(), Hints()))
    entries = [*real, *generated]
    rng.shuffle(entries)
    return entries


def write_archive(knowledge: Path, size: int, seed: int, out: Path) -> None:
    """A knowledge directory of `size` entries: a copy of `knowledge` plus the synthetic
    passages as post files (JSON strings are valid YAML, and need no escaping rules).

    For measuring what depends on files (start-up, reload), not only on entries in memory.
    """
    from sbbot.knowledge import load_knowledge

    shutil.copytree(knowledge, out)
    real = list(entries_of(load_knowledge(knowledge)))
    filler = [entry for entry in synthetic_entries(real, size, seed)
              if entry.post.startswith("synthetic-")]
    filler.sort(key=lambda entry: entry.post)
    for post, passages in groupby(filler, key=lambda entry: entry.post):
        group = list(passages)
        lines = [f"slug: {post}", f"title: {json.dumps(group[0].source, ensure_ascii=False)}",
                 "passages:"]
        lines.extend(f"  - id: {entry.id}\n    text: {json.dumps(entry.text, ensure_ascii=False)}"
                     for entry in group)
        (out / "posts" / f"{post}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
