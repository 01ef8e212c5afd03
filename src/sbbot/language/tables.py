"""Every language table, read at once before a bot serves members.

Each table is built on first use (`functools.cache`), so that a process asking one question
(`sbbot ask`) reads only what that question needs. A serving bot whose knowledge snapshot
came from the cache has built none of them: its first members' questions would wait for
them, 0.3 to 0.7 s spread over the first few. `read_all` moves that wait into start-up,
before the adapters connect, where no member waits.
"""

from __future__ import annotations

from typing import get_args

from sbbot.language import chatspeak, frequency, lemma_table, lemmas, lexicon, spelling

TABLES = (
    chatspeak.chat_forms, chatspeak.locutions, chatspeak.phrase_forms, frequency.general_table,
    lemmas.infinitives, lemmas.relational_nouns, lemmas.derived_bases,
    lexicon.english_to_french, lexicon.english_phrases, lexicon.phrase_starts,
    lexicon.casual_to_standard, lexicon.spelling_choices, lexicon.respelling_choices,
    lexicon.written_in_words, lexicon.french_synonyms, lexicon.casual_as_written,
    spelling.french_spellings,
)
TABLES_PER_LANGUAGE = (frequency.zipf_table, frequency.inflected, lemma_table.table)


def read_all() -> None:
    for table in TABLES:
        table()
    for lang in get_args(lemma_table.Lang):
        for per_language in TABLES_PER_LANGUAGE:
            per_language(lang)
