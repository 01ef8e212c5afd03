"""From a member's question to the weighted terms the index is searched with.

Words are folded (case, accents), stripped of stopwords and lemmatised in their language
(French or English, guessed word by word from general word frequencies, leaning towards the
question's language); English words are translated into French by the general lexicon, so
that English questions meet French passages; a French word the knowledge lacks may meet it
through a general near-synonym (at half weight); the corpus glossary (`synonyms.yaml`) maps
the posts' own variants; a term is the first letters of the lemma, so derivations meet
("collaboration", "collaborative"). A word the knowledge lacks is corrected by rapidfuzz to
the nearest known word when it is no word of either language (a typo); a real word the
knowledge lacks stays what it is, evidence that the posts may not cover the question.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from rapidfuzz import fuzz

from sbbot.language.asking import framing
from sbbot.language.auxiliaries import auxiliary
from sbbot.language.chatspeak import expand
from sbbot.language.frequency import (
    LANGUAGE_LEAN,
    english_flags,
    general_zipf,
    plural_acronyms,
    zipf,
)
from sbbot.language.lemmas import base_word, lemma
from sbbot.language.lexicon import (
    Phrase,
    english_respelling,
    english_spelling,
    in_words,
    phrase_at,
    standard,
    synonyms,
    translations,
    written_in_words,
    written_standard,
)
from sbbot.language.naming import Naming, naming, placeholder
from sbbot.language.present import asks_present
from sbbot.language.signalling import advising, cue_nouns, starting
from sbbot.language.spelling import french_spelling, inflects, respelt
from sbbot.language.wordforms import compound_of, question_tokens, stem
from sbbot.router.terms import QueryTerm, Reading, Word
from sbbot.router.together import NOWHERE, Together
from sbbot.router.typos import (
    MIN_TYPO_LENGTH,
    TypoChoices,
    build_vocabulary,
    nearest_known,
    swaps,
    typo_cutoff,
    without_stray_numbers,
)
from sbbot.text import CASED_WORD, GENERIC_WORDS, STOPWORDS, fold, unaccented

REAL_WORD_ZIPF = 2.5
"""A word this frequent in French or English (about once in three million words) is a word
of the language, not a typo: it is never "corrected" into a word of the posts."""
SPELLING_MEMO = 1 << 14
"""Words whose reading as a misspelling (`Analyzer._meant`) is kept; past it, all are
forgotten (a few MB at most)."""
SYNONYM_WEIGHT = 0.5
"""What a word reached through a near-synonym weighs: a synonym is near the word's meaning,
not the word itself."""
PARTS = frozenset({"lemmas", "lexicon", "synonyms", "frequency", "foreign", "cues", "subject",
                   "chat"})
"""Parts of the language knowledge that can be switched off, to measure what each buys."""
class Analyzer:
    """Turns texts into index terms, and questions into weighted terms with typos corrected."""

    def __init__(self, synonyms: Mapping[str, str], parts: Iterable[str] = PARTS) -> None:
        self.parts = frozenset(parts)
        self._synonyms: dict[str, str] = {}
        for variant, canonical in synonyms.items():
            self._synonyms[fold(variant)] = self._french_term(fold(canonical))
        self._vocabulary: dict[str, str] = {}
        self._typo_choices = TypoChoices()
        self._candidates: dict[tuple[str, bool], tuple[str, ...]] = {}
        """A memo of `_analyse`: the entries repeat the same words many times."""
        self._related: dict[tuple[str, bool], tuple[str, ...]] = {}
        """A memo of `_related_terms`."""
        self._compounds: dict[tuple[str, bool], tuple[str, ...]] = {}
        """A memo of `_compound_meaning`."""
        self._spellings: dict[tuple[str, bool], str | None] = {}
        """A memo of `_meant`, per word (bounded: SPELLING_MEMO words)."""
        self._together = NOWHERE

    def learn(self, known: Iterable[tuple[str, str]], together: Together = NOWHERE) -> None:
        """Make every word of the entries a target for typo correction: `known` holds each
        (folded word, its term where it first appears), in order of first appearance;
        `together`, the terms the entries write one after the other."""
        self._together = together
        self._vocabulary = build_vocabulary(known, self._synonyms)
        self._typo_choices = TypoChoices(self._vocabulary)

    def question(self, text: str) -> Reading:
        """A member's question without stray numbers, French chat writing spelt out ("kan",
        "cest"), and a misspelt French word the posts do not hold written as the word it
        stands for ("telaphone": `language/spelling.py`), as a misspelt English function
        word is ("actualy"), read (see `Reading`)."""
        text = without_stray_numbers(expand(text) if "chat" in self.parts else text)
        read = self.read(text)
        if "frequency" not in self.parts:
            return read
        written = respelt(text, read.cased, read.english, self._meant)
        return read if written is text else self.read(written)

    def read(self, text: str) -> Reading:
        """The text's tokens, and whether each is English (see `english_flags`)."""
        cased = list(question_tokens(text))
        tokens = [token for token, _ in cased]
        if "frequency" not in self.parts and "lexicon" not in self.parts:
            return Reading(text, cased, tokens, [False] * len(tokens))
        acronyms = (plural_acronyms(CASED_WORD.findall(unaccented(text)))
                    if any(capital and token[-1] == "s" for token, capital in cased)
                    else frozenset())
        english = english_flags(tokens, [capital for _, capital in cased], acronyms)
        return Reading(text, cased, tokens, english)

    def _meant(self, token: str, english: bool) -> str | None:
        """The word a folded token misspells (see `_spelling`), memoised per word: the
        search costs up to 0.2 ms a word the posts lack, for every question holding it."""
        key = (token, english)
        if key in self._spellings:
            return self._spellings[key]
        if len(self._spellings) >= SPELLING_MEMO:
            self._spellings.clear()
        found = self._spellings[key] = self._spelling(token, english)
        return found

    def _spelling(self, token: str, english: bool) -> str | None:
        """The word a folded token misspells, in the language it is read in, unless it is a
        word (of the posts, of either language, of the casual or synonym tables), a regular
        inflection of one (`spelling.inflects`, and for English `lexicon.translations`) or
        a typo of the posts' words. An English word is read as the English function word
        it stands for ("actualy", "realy", `lexicon.english_respelling`): left as typed, it
        was a word of neither language that counted against every answer; a misspelt
        content word keeps its reading (`_english_terms`)."""
        if (len(token) < MIN_TYPO_LENGTH or token in self._vocabulary or self.is_real_word(token)
                or standard(token) or synonyms(token) or inflects(token, self.is_real_word)
                or self._search_known(token)):
            return None
        if not english:
            return french_spelling(token, typo_cutoff(len(token)))
        if "lexicon" not in self.parts or translations(token):
            return None
        return english_respelling(token, typo_cutoff(len(token)))

    def leaning(self, token: str) -> float:
        """How much more English than French a folded token is (see `english_flags`)."""
        if "frequency" in self.parts or "lexicon" in self.parts:
            return zipf(token, "en") - zipf(token, "fr")
        return 0.0

    def index_term(self, token: str, english: bool) -> str:
        """The index term of a meaningful folded token, in the language it was read in."""
        candidates = self._candidates.get((token, english))
        if candidates is None:
            candidates = self._candidates[token, english] = self._analyse(token, english)
        return candidates[0]

    def _french_term(self, word: str) -> str:
        return stem(self._french_lemma(word))

    def _french_lemma(self, word: str) -> str:
        """The folded French word's lemma (casual words standardised first); a relational
        adjective on another stem than its noun is that noun ("scolaire": école), a word
        derived on another stem its base ("lecture": lire: `lemmas.base_word`)."""
        if "lexicon" in self.parts and (standard_word := standard(word)):
            # several words: one compound ("aprem": après-midi), else `_compound_meaning`
            word = compound_of(standard_word) or (
                standard_word if " " not in standard_word else word)
        return base_word(lemma(word, "fr")) if "lemmas" in self.parts else word

    def _related_terms(self, token: str, english: bool) -> tuple[str, ...]:
        """Terms of a folded French word's near-synonyms (general table,
        `data/fr-synonyms.txt`). Tried only when the knowledge has none of the word's own
        candidates, so that a word the knowledge lacks meets the knowledge's word for the
        same meaning ("salariés": "employés"), and only that; a word it holds keeps them as
        alternatives, for the best entries that write the synonym instead
        (`router/alternatives.py`). Not for English words: their
        translations already list every usual French word for their meaning. Not for a
        generic word (`GENERIC_WORDS`): through a synonym ("problème": difficulté) it weighed
        as the topic word it never is."""
        if english or "synonyms" not in self.parts or token in GENERIC_WORDS:
            return ()
        own = self._french_lemma(token)
        # each synonym read as the index reads a word ("rapidité": rapide), else it never meets it
        return tuple(dict.fromkeys(term for form in dict.fromkeys((own, token))
                                   for other in synonyms(form)
                                   if (term := self._french_term(other)) != stem(own)))

    def _english_terms(self, word: str) -> tuple[str, ...]:
        """Candidate terms of an English word: its French translations, most usual first.
        A word no line of the lexicon holds that French writes as a casual or borrowed word
        ("C-suite", read "csuite": `data/fr-casual.txt`) is read as the index reads it in a
        post; its own stem met nothing and counted as a foreign word. A misspelt word
        ("socail") is first itself (a name the knowledge may hold), then the translations
        of the lexicon's word nearest it."""
        if "lexicon" in self.parts and (french := self._translated(translations(word))):
            return french
        if "lexicon" in self.parts and standard(word):
            return (self._french_term(word),)
        own = stem(lemma(word, "en") if "lemmas" in self.parts else word)
        if ("lexicon" in self.parts and len(word) >= MIN_TYPO_LENGTH
                and not self.is_real_word(word)
                and (spelled := english_spelling(word, typo_cutoff(len(word))))):
            return tuple(dict.fromkeys((own, *self._translated(translations(spelled)))))
        return (own,)

    def _translated(self, french: tuple[str, ...]) -> tuple[str, ...]:
        """The terms of an English word's translations: each word's term as the index reads
        it (`_translation_lemma`), and a hyphenated compound's one term when the index reads
        it as one (a listed compound, "rendez-vous": `wordforms.joined_compounds`; or one whose
        other parts are stopwords); a compound of several terms ("petit-déjeuner") is no
        single candidate (see `_compound_meaning`)."""
        terms: list[str] = []
        for translation in french:
            if " " not in translation:
                terms.append(stem(self._translation_lemma(translation)))
            elif len(parts := self._compound_terms(translation)) == 1:
                terms.append(parts[0])
        return tuple(dict.fromkeys(terms))

    def _translation_lemma(self, word: str) -> str:
        """A French lemma of the lexicon as the index reads that word in a post: a casual or
        abbreviated word standardised ("dsi": directeur, so that "CIOs" meets a post's
        "DSI"), a relational adjective as its noun ("scolaire": école), a derived word as
        its base ("lecture": lire). Not lemmatised again: it is a lemma already."""
        if "lexicon" in self.parts and (standard_word := standard(word)):
            word = compound_of(standard_word) or (
                standard_word if " " not in standard_word else word)
        return base_word(word) if "lemmas" in self.parts else word

    def _compound_terms(self, compound: str) -> tuple[str, ...]:
        """The index terms of a hyphenated French word's folded parts ("sous traitant"), read
        as a French text's words are: the index splits "sous-traitant" into "sous" and
        "traitant", English words read as such; a listed compound ("week end", "rendez vous")
        is one word (`wordforms.joined_compounds`)."""
        if (glued := compound_of(compound)) is not None:
            return (self.index_term(glued, False),)
        return tuple(dict.fromkeys(
            self.index_term(part, self.leaning(part) > LANGUAGE_LEAN)
            for part in compound.split()
            if (len(part) > 1 or part.isdigit()) and part not in STOPWORDS))

    def _compound_meaning(self, token: str, english: bool) -> tuple[str, ...]:
        """The terms a word stands for when its meaning is a hyphenated French word the index
        reads as several terms: an English word whose first translation it is ("weekend":
        "week-end"), or a casual French one ("aprem": "après-midi"). The question then holds
        each, as a French member's "week-end" does. So is an English word whose first
        translation is several French words ("privacy": vie privée), but only when some
        passage writes them together (`together.py`): elsewhere they are other meanings
        ("vie", "privée" apart), and the word reads as its other translations, if any.
        Empty otherwise, and when the corpus glossary reads the word."""
        if "lexicon" not in self.parts or token in self._synonyms:
            return ()
        if english and (words := in_words(token)):
            parts = self._compound_terms(words)
            return parts if self._together.writes(parts) else ()
        first = (translations(token)[:1] if english else (standard(token) or "",))
        if not first or " " not in first[0]:
            return ()
        parts = self._compound_terms(first[0])
        return parts if len(parts) > 1 else ()

    def written_phrases(self) -> tuple[tuple[str, ...], ...]:
        """The terms of each English word's several-word meaning (`in_words`): the pairs
        `Together` looks for."""
        return tuple(parts for words in written_in_words().values()
                     if len(parts := self._compound_terms(words)) > 1)

    def word_terms(self, text: str | Reading) -> list[Word]:
        """Each meaningful folded word of a text (or its reading) with its candidate terms,
        best first."""
        _, cased, tokens, english = text if isinstance(text, Reading) else self.read(text)
        found: list[Word] = []
        phrase_end = 0
        in_english = 2 * sum(english) > len(english)
        for position, (token, capital) in enumerate(cased):
            if position < phrase_end:
                continue
            if ((english[position] or in_english) and "lexicon" in self.parts
                    and (phrase := phrase_at(tokens, position))):
                phrase_end = position + phrase[0]
                found.extend(self._phrase_words(phrase[1]))
                continue
            if ((len(token) <= 1 and not token.isdigit()) or token in STOPWORDS
                    or (not english[position] and auxiliary(token))
                    or (english[position] and placeholder(token))):
                continue
            named = naming(tokens, position, english[position], capital,
                           self.is_real_word)
            parts = self._compounds.get((token, english[position]))
            if parts is None:
                parts = self._compounds[token, english[position]] = self._compound_meaning(
                    token, english[position])
            if parts:
                found.extend(Word(token, (term,), named) for term in parts)
                continue
            candidates = self._candidates.get((token, english[position]))
            if candidates is None:
                candidates = self._candidates[token, english[position]] = self._analyse(
                    token, english[position])
            related = self._related.get((token, english[position]))
            if related is None:
                related = self._related[token, english[position]] = self._related_terms(
                    token, english[position])
            found.append(Word(token, candidates, named, related))
        return found

    def _phrase_words(self, french: Phrase) -> list[Word]:
        """The words of an English expression's translation: one word with the translations
        as its candidates when each is one word ("sign up": inscription, inscrire), else
        the meaningful words of the first ("lessons learned": retour d'expérience); nothing
        for an expression without a translation ("according to")."""
        if not french:
            return []
        if all(len(translation) == 1 for translation in french):
            return [Word(french[0][0], tuple(dict.fromkeys(
                self._french_term(translation[0]) for translation in french)), "")]
        return [Word(word, (self._french_term(word),), "") for word in french[0]
                if len(word) > 1 and word not in STOPWORDS]

    def _analyse(self, token: str, english: bool) -> tuple[str, ...]:
        glossed = self._synonyms.get(token) or self._synonyms.get(written_standard(token) or "")
        if glossed:
            return (glossed,)
        return self._english_terms(token) if english else (self._french_term(token),)

    def terms(self, text: str) -> list[str]:
        """Index terms of a text: each word's first candidate."""
        return [word.candidates[0] for word in self.word_terms(text)]

    def query_terms(self, text: str | Reading,
                    known: Callable[[str], bool]) -> list[QueryTerm]:
        """The question (or its reading) as weighted terms. A word's first candidate the
        knowledge has wins; an unknown real word keeps its own term; an unknown non-word is a
        typo to correct. A question asking the time or the date it is now has none: no
        post can say it, whatever place or topic the question names ("quelle heure est-il à
        Genève ?": `language/present.py`)."""
        terms: list[QueryTerm] = []
        read = text if isinstance(text, Reading) else self.read(text)
        if "cues" in self.parts and asks_present(read.text):
            return terms
        words = self.word_terms(read)
        about_post = (framing([word.word for word in words]) | starting(read.text)
                      | cue_nouns(read.text) | advising(read.text)
                      if "cues" in self.parts else frozenset())
        for word, candidates, named, related in words:
            if word in about_post:
                continue
            chosen = next((term for term in candidates if known(term)), None)
            weight = 1.0
            if chosen is None and (chosen := next((term for term in related if known(term)),
                                                  None)) is not None:
                weight = SYNONYM_WEIGHT
            if (chosen is None and len(word) >= MIN_TYPO_LENGTH
                    and (misspelt := self._misspelt(word)) is not None):
                terms.append(QueryTerm(self._vocabulary[misspelt],
                                       (fuzz.ratio(word, misspelt) / 100) ** 2, word, named))
            elif (chosen is not None or len(word) < MIN_TYPO_LENGTH or self.is_real_word(word)
                  or standard(word)):
                others = (tuple(term for term in dict.fromkeys((*candidates, *related))
                                if term != chosen and known(term))
                          if chosen is not None else ())
                terms.append(QueryTerm(chosen or candidates[0], weight, word, named, others,
                                       usual=chosen in (None, candidates[0])))
            else:
                terms.append(self._correct(word, candidates[0], named))
        return terms

    def _misspelt(self, word: str) -> str | None:
        """The posts' misspelling of a real word the knowledge lacks: the word with two
        neighbouring letters swapped ("Snwoden" for "Snowden"), when that is no word of
        either language. Only a swap: a name one letter away from a word ("Babinet",
        "cabinet") is another word, not its typo."""
        if not self.is_real_word(word):
            return None
        return next((swapped for swapped in swaps(word)
                     if swapped in self._vocabulary and not self.is_real_word(swapped)), None)

    def is_real_word(self, word: str) -> bool:
        return "frequency" in self.parts and general_zipf(word) >= REAL_WORD_ZIPF

    def _correct(self, word: str, term: str, named: Naming) -> QueryTerm:
        found = self._search_known(word)
        if found is None:
            return QueryTerm(term, 1.0, word, named)
        return QueryTerm(self._vocabulary[found[0]], (found[1] / 100) ** 2, word, named)

    def _search_known(self, word: str) -> tuple[str, float] | None:
        """The posts' word (or glossary variant) a typo stands for, and how near it is."""
        return nearest_known(word, self._typo_choices)
