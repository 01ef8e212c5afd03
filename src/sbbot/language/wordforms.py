"""How the router cuts French and English text into words: compound words read as one word,
the crude stem that lets derivations meet, and a question's words remembered while it is
routed.

Apart from `sbbot.text` (folding and stopwords, which the commands' fuzzy arguments and the
stores share) because only the router reads words this way, and it reads language data
(`language/data/fr-compounds.txt`, `fr-roots.txt`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files

from sbbot.text import CASED_WORD, STOPWORDS, fold, unaccented


@lru_cache(maxsize=2)
def folded_question(text: str) -> str:
    """`fold` of a question, remembered for the question being routed only (its reading,
    and the text as typed), as `question_words` is: the query and the preferences fold it
    again and again."""
    return fold(text)


@lru_cache(maxsize=2)
def question_words(text: str) -> tuple[str, ...]:
    """The folded words of a question (`folded_tokens` without their capitals), remembered
    for the question being routed only (its reading, and the text as typed): the verdict's
    rules read them several times. Not more: a memo of every question would answer a
    repeated question from memory, as the bench repeats its questions."""
    return tuple(token for token, _ in question_tokens(text))


@lru_cache(maxsize=2)
def question_tokens(text: str) -> tuple[tuple[str, bool], ...]:
    """`folded_tokens` of a question, remembered as `question_words` is: the query reads
    them, then the verdict's words of the same text (typed, or as read: most often the
    same), which read them again cost 2.5 passes over each question."""
    return tuple(folded_tokens(text))


def folded_tokens(text: str) -> list[tuple[str, bool]]:
    """The words of `fold(text)`, each with whether it was capitalised (a name, often); a
    compound word ("rendez-vous", "start ups") is one word (see `joined_compounds`,
    `spaced_joined`)."""
    return spaced_joined([(token.lower(), token[0].isupper())
                          for token in CASED_WORD.findall(joined_compounds(unaccented(text)))])


STEM_LENGTH = 6
ACTION_NOUNS = (("cation", "qu"), ("ation", ""), ("cution", "cut"), ("ution", "u"))
"""A French noun of action and the end of its verb's stem: "formation" / "former",
"évolution" / "évoluer", "éducation" / "éduquer", "exécution" / "exécuter"."""
MIN_VERB_BASE = 4
"""A shorter base is no verb's ("nation", "station", "relation", "création" stay whole)."""


def own_roots() -> dict[str, tuple[str, ...]]:
    """French roots longer than six letters (`language/data/fr-roots.txt`), by the six-letter
    stem they replace, longest first: a word beginning with one would meet a word of another
    meaning at six letters ("personnel" / "personne", "ordinateur" / "ordinairement")."""
    text = files("sbbot").joinpath("language", "data", "fr-roots.txt").read_text(
        encoding="utf-8")
    roots: dict[str, list[str]] = {}
    for line in text.splitlines():
        if (root := line.strip()) and not root.startswith("#"):
            roots.setdefault(root[:STEM_LENGTH], []).append(root)
    return {key: tuple(sorted(found, key=len, reverse=True)) for key, found in roots.items()}


OWN_ROOTS = own_roots()


def own_root(word: str) -> str | None:
    """The listed root a folded word begins with, if any (see `own_roots`)."""
    return next((root for root in OWN_ROOTS.get(word[:STEM_LENGTH], ())
                 if word.startswith(root)), None)


def verb_base(word: str) -> str:
    """The stem of the verb a folded French noun of action in "-ation" or "-ution" is made
    from ("formation": form, "innovation": innov, "évolution": evolu, "application":
    appliqu), the word itself otherwise. Cut to six letters, "formation" and "former" gave
    "format" and "form", "évolution" and "évoluer" "evolut" and "evolu": a question asking
    how to train ("former") never met a passage about training ("formation")."""
    for ending, base in ACTION_NOUNS:
        if word.endswith(ending):
            root = word[:-len(ending)] + base
            return root if len(root) >= MIN_VERB_BASE else word
    return word


HYPHEN_ONLY = "(hyphen only)"


def compound_lines() -> list[tuple[str, bool]]:
    """The compounds of `fr-compounds.txt`, each with whether it may be typed without its
    hyphen (not when its words are also a usual phrase: "faire part de", "savoir vivre
    avec")."""
    text = files("sbbot").joinpath("language", "data", "fr-compounds.txt").read_text(
        encoding="utf-8")
    return [(line.removesuffix(HYPHEN_ONLY).strip(), not line.endswith(HYPHEN_ONLY))
            for line in map(str.strip, text.splitlines()) if line and not line.startswith("#")]


COMPOUND_LINES = compound_lines()
COMPOUNDS = {"".join(fold(compound).split()): compound for compound, _ in COMPOUND_LINES}
"""French compound words (`language/data/fr-compounds.txt`): each folded and glued
("rendezvous"), the key `joined_compounds` looks up, to its usual spelling."""
SPACED_COMPOUNDS = tuple(compound for compound, spaced in COMPOUND_LINES if spaced)
"""The compounds a member may type with a space for the hyphen ("rendez vous")."""
HYPHEN_CHARACTERS = "-\u2010\u2011"
HYPHENS = re.compile(f"[{HYPHEN_CHARACTERS}]")
LETTER = "[\\w\u0300-\u036f]"
"""A word's character, accents decomposed or not (a corpus is joined after NFKD)."""
HYPHENATED = re.compile(f"{LETTER}++(?:{HYPHENS.pattern}{LETTER}++)+")
WORD_END = re.compile(f"{LETTER}+\\Z")
LONGEST_PART = 40
"""How far before a hyphen its word's start is looked for: no part of a compound is longer."""
COMPOUND_PARTS = 4
"""The most parts a compound has ("rez-de-chaussée" has three, "pots-de-vin" three)."""


def joined_compounds(text: str) -> str:
    """The text with each listed compound word written without its hyphens
    ("rendez-vous": "rendezvous"), so that it is read as one word: apart, its parts mean
    something else ("rendez" is "rendre", "après" "âpre", "forme" of "plate-forme" meets
    "formation") or nothing ("bien-être", "savoir-faire": function words).

    Words are looked for around each hyphen only: a pattern for hyphenated words tried at
    every word of a corpus cost 10 s over the text of 100,000 passages."""
    starts = sorted(hyphen_positions(text))
    if not starts:
        return text
    pieces: list[str] = []
    done = 0
    for hyphen in starts:
        if hyphen < done:
            continue  # inside a run already read
        window = max(done, hyphen - LONGEST_PART)
        before = WORD_END.search(text, window, hyphen)
        if before is None or (before.start() == window and window > done):
            continue
        run = HYPHENATED.match(text, before.start())
        if run is None or (glued := joined_run(run)) is None:
            continue
        pieces += [text[done:run.start()], glued]
        done = run.end()
    return "".join([*pieces, text[done:]]) if pieces else text


def hyphen_positions(text: str) -> Iterator[int]:
    """Where the text's hyphens are: `str.find` runs at memchr speed, a pattern's character
    class five times slower over a corpus."""
    for hyphen in HYPHEN_CHARACTERS:
        at = text.find(hyphen)
        while at >= 0:
            yield at
            at = text.find(hyphen, at + 1)


def joined_run(match: re.Match[str]) -> str | None:
    """A run of hyphenated words with its listed compounds glued, from the left, the
    longest first ("rendez-vous-là": "rendezvous-là"); a plural whose parts both take an
    "s" ("plates-formes", "pots-de-vin") glued as its singular. None without a compound."""
    parts = HYPHENS.split(match.group())
    singular = [part[:-1] if len(part) > 2 and part[-1] in "sx" else part for part in parts]
    keys = ["".join(fold(part).split()) for part in parts]
    singular_keys = ["".join(fold(part).split()) for part in singular]
    joined: list[str] = []
    start = 0
    while start < len(parts):
        for end in range(min(len(parts), start + COMPOUND_PARTS), start + 1, -1):
            if "".join(keys[start:end]) in COMPOUNDS:
                joined.append("".join(parts[start:end]))
                break
            if "".join(singular_keys[start:end]) in COMPOUNDS:
                joined.append("".join(singular[start:end]))
                break
        else:
            end = start + 1
            joined.append(parts[start])
        start = end
    return "-".join(joined) if len(joined) < len(parts) else None


def compound_of(words: str) -> str | None:
    """The glued compound that folded words separated by spaces stand for ("apres midi":
    "apresmidi"), if they are one."""
    glued = "".join(words.split())
    return glued if glued in COMPOUNDS else None


SPACED_FIRSTS = frozenset(fold(compound).split()[0] for compound in SPACED_COMPOUNDS
                          if len(fold(compound).split()) == 2
                          and not STOPWORDS.issuperset(fold(compound).split()))
"""The first words of the two-word compounds a text may write with a space ("start ups",
"week end"), but for those of function words only ("bien être" may be "may well be")."""


@lru_cache(maxsize=1 << 12)
def spaced_compound(first: str, second: str) -> str | None:
    """Two folded words glued as the compound they spell with a space for its hyphen ("start
    ups": "startups", "plates formes": "plateforme"), or None. A post writes "start ups" as
    a member does: read word by word, its "start" was English "début" and never met a
    question's "startups"."""
    if first not in SPACED_FIRSTS:
        return None
    if first + second in COMPOUNDS:
        return first + second
    singular = "".join(part[:-1] if len(part) > 2 and part[-1] in "sx" else part
                       for part in (first, second))
    return singular if singular in COMPOUNDS else None


def spaced_joined(tokens: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Folded tokens with each two-word compound typed with a space glued
    (`spaced_compound`), as `corpus.fold_chunk` glues a post's."""
    if not any(token in SPACED_FIRSTS for token, _ in tokens[:-1]):
        return tokens
    joined: list[tuple[str, bool]] = []
    position = 0
    while position < len(tokens):
        token, capital = tokens[position]
        if position + 1 < len(tokens) and (
                glued := spaced_compound(token, tokens[position + 1][0])) is not None:
            joined.append((glued, capital))
            position += 2
            continue
        joined.append((token, capital))
        position += 1
    return joined


@lru_cache(maxsize=1 << 14)
def stem(word: str) -> str:
    """A deliberately crude stem: singular, masculine, infinitive ending off, then the first
    six letters.

    Truncation works for both French and English derivations (collaboration /
    collaborative / collaborate -> "collab") without a language-specific stemmer, and the
    plural and feminine rules make short words meet their base form ("innées" and "inné"
    both give "inne"); a noun of action is cut where its verb's stem ends (`verb_base`). A
    French verb's forms and nouns end in "-e" where its infinitive ends in "-er" ("choque" /
    "choquer", "coût" / "coûter", "change" / "changer"): both endings go, or a verb of at
    most seven letters would keep its "r" or "er" and never meet its other forms. (A longer
    word loses them to the truncation anyway.) A word whose first six letters begin a word
    of another meaning is cut at its own, longer root instead ("personnel", "ordinateur":
    `own_roots`). Memoised per word: the verdict stems the question's words again.
    """
    if word in COMPOUNDS:
        return word
    if len(word) > 4 and word[-1] in "sx" and word[-2] != "s":
        word = word[:-1]
        if word in COMPOUNDS:
            return word
    if (root := own_root(word)) is not None:
        return root
    if (base := verb_base(word)) is not word:
        return base[:STEM_LENGTH]
    if len(word) > 4 and word.endswith("er"):
        word = word[:-2]
    elif len(word) > 4 and word[-1] == "e":
        word = word[:-1]
    return word[:STEM_LENGTH]
