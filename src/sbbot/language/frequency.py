"""How common a word is in ordinary French and English text, from wordfreq's word lists.

wordfreq's own `zipf_frequency` imports a tokenizer stack (regex, ftfy, langcodes) that costs
a tenth to a third of a second at start-up; its "small" lists are read here directly (a
gzipped msgpack "cBpack": a header, then lists of words by rounded centibel frequency), and
folded like every word the router sees.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Collection, Iterator, Sequence
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import msgpack

from sbbot.language.lemma_table import Lang, table
from sbbot.text import fold_all

LANGUAGE_LEAN = 0.5
"""How far a word leans towards its text's language when French and English both use it."""
SHARED_LEAN = 2.0
"""A word whose frequencies in French and English differ by less than this (Zipf) is used
by both ("former", "change", "pays"): between two words that each lean this far towards one
language, it is read in theirs when it inflects in that language (`inflected`): "faut-il
former les salariés", "who pays for"."""
ZIPF_TOP = 9.0
"""wordfreq's Zipf scale: log10 of the frequency per billion words; bucket i is 9 - i/100."""
PLURAL_ACRONYM = re.compile(r"[A-Z][A-Z0-9]*[A-Z]s")
"""An acronym with a plural "s" ("CIOs", "KPIs"): English writes it, French leaves an
acronym invariable ("les DSI", "les PME")."""
COMMON_ZIPF = 6.5
RARE_ZIPF = 4.5
COMMON_WEIGHT = 0.2


@cache
def zipf_table(lang: Lang) -> dict[str, float]:
    """Folded word -> Zipf frequency (about 1.0 to 7.7); absent words are rarer than 1."""
    spec = find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the wordfreq package is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / f"small_{lang}.msgpack.gz"
    header, *buckets = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    if header.get("format") != "cB" or header.get("version") != 1:
        raise RuntimeError(f"unexpected wordfreq list format: {header}")
    accented = [word for bucket in buckets for word in bucket if not word.isascii()]
    folded = dict(zip(accented, fold_all(accented), strict=True))
    zipfs: dict[str, float] = {}
    for index, bucket in enumerate(buckets):
        value = ZIPF_TOP - index / 100
        for word in bucket:
            zipfs.setdefault(folded.get(word, word), value)
    return zipfs


def zipf(word: str, lang: Lang) -> float:
    """The folded word's Zipf frequency in that language, 0 when the list does not have it."""
    return zipf_table(lang).get(word, 0.0)


@cache
def general_table() -> dict[str, float]:
    """Folded word -> its Zipf frequency in whichever of French and English uses it more:
    one look-up a word where `general_zipf` is asked (a dozen times a question), instead of
    two calls of `zipf` and their tables'."""
    french, english = zipf_table("fr"), zipf_table("en")
    table = english | french  # merged in C; only the words both use need a comparison
    for word in french.keys() & english.keys():
        table[word] = max(french[word], english[word])
    return table


def general_zipf(word: str) -> float:
    """The word's frequency in whichever of French and English uses it more."""
    return general_table().get(word, 0.0)


def general_weight(word: str) -> float:
    """What a word says about a topic, as a share of its corpus idf (noisy on few passages):
    a word as common as Zipf COMMON_ZIPF or more weighs COMMON_WEIGHT of itself, one of
    RARE_ZIPF or rarer in full, linearly in between."""
    if not word:
        return 1.0
    share = (COMMON_ZIPF - general_zipf(word)) / (COMMON_ZIPF - RARE_ZIPF)
    return COMMON_WEIGHT + (1 - COMMON_WEIGHT) * min(1.0, max(0.0, share))


def english_flags(tokens: Sequence[str], capitals: Sequence[bool] = (),
                  acronyms: Collection[str] = ()) -> list[bool]:
    """For each folded token, whether it is English: the language that uses it more, with a
    lean towards the language of the whole text (so "place" is French in a French question).
    The text's language is that of its words, not of the names it quotes: a capitalised token
    after the first does not vote (`text_lean`), so "the Les Echos piece about CIOs" is
    English and its "piece" and "CIOs" are read as English words. A plural acronym
    (`acronyms`, folded: see `plural_acronyms`) is English in any text ("les KPIs")."""
    english, french = zipf_table("en"), zipf_table("fr")  # `zipf`, without two calls a word
    leans = [english.get(token, 0.0) - french.get(token, 0.0) for token in tokens]
    lean = LANGUAGE_LEAN if text_lean(leans, capitals) > 0 else -LANGUAGE_LEAN
    flags = [difference + lean > 0 for difference in leans]
    for position in range(1, len(leans) - 1):
        before, after = leans[position - 1], leans[position + 1]
        if (abs(leans[position]) < SHARED_LEAN and min(abs(before), abs(after)) >= SHARED_LEAN
                and (before > 0) == (after > 0)
                and tokens[position] in inflected("en" if before > 0 else "fr")):
            flags[position] = before > 0
    for position in french_beside(tokens, leans):
        flags[position] = False
    if acronyms:
        flags = [flag or token in acronyms for flag, token in zip(flags, tokens, strict=True)]
    return flags


def french_beside(tokens: Sequence[str], leans: list[float]) -> Iterator[int]:
    """The positions of the words used by both languages (SHARED_LEAN) that French inflects,
    next to a word leaning that far towards French and to no English word: "des données
    objectives" ending a question, "les former comment" (where "comment" is French too, but
    less surely). Between two such French words the rule above already reads them French;
    an English adjective or noun ("objectives", "former") is an error in a French clause."""
    french = inflected("fr")
    for position, own in enumerate(leans):
        if abs(own) >= SHARED_LEAN or tokens[position] not in french:
            continue  # most words: their neighbours need not be read
        around = leans[max(0, position - 1):position] + leans[position + 1:position + 2]
        if around and min(around) <= -SHARED_LEAN and max(around) <= 0:
            yield position


def plural_acronyms(words: Sequence[str]) -> frozenset[str]:
    """The folded plural acronyms (PLURAL_ACRONYM) among a text's words as written."""
    return frozenset(word.lower() for word in words if PLURAL_ACRONYM.fullmatch(word))


@cache
def inflected(lang: Lang) -> frozenset[str]:
    """The folded words the language's lemma table holds, as a form or as a lemma: words
    that inflect in that language ("former", "change" in French; "pays" in English). A
    loanword ("business", "digital") is in neither French list: between French words it
    stays English, and its translation meets the French word for it."""
    forms = table(lang)
    return frozenset(forms) | frozenset(forms.values())


def text_lean(leans: Sequence[float], capitals: Sequence[bool]) -> float:
    """The sum of a text's tokens' leans, names left out: a token written with a capital
    after the text's first ("Les Echos", "Digital Workplace", "CIOs") names something, and a
    name's language is not the text's. A text with no lowercase token after its first (a
    name alone, a title, a text written in capitals) is summed whole. `router/corpus.py`'s
    `fold_chunk` states the same rule for an archive at once: they must agree."""
    if not capitals:
        return sum(leans)
    votes = [lean for position, (lean, capital) in enumerate(zip(leans, capitals, strict=True))
             if position == 0 or not capital]
    return sum(votes) if len(votes) > 1 else sum(leans)
