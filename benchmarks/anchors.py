"""The anchors: what a search engineer would pick, to price the router's costs against.

The baselines in `methods.py` show that the router beats the matchers an admin would reach
for; the anchors are compiled BM25 engines, there to show what answering a question, building
an index and holding it in memory *cost* at each size. Each answers top-1 by BM25 over the
entry texts with a French stemmer (Snowball), as its documentation sets it up; like every
baseline it sees no hints, and the harness applies the off-topic threshold chosen for it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from benchmarks.matcher import Best
from sbbot.entries import Entry

QUERY_SYNTAX = re.compile(r"[^\w]+")
"""Everything but word characters: the question is words, not tantivy query syntax."""
TANTIVY_HEAP = 50_000_000
"""Bytes of tantivy's indexing buffer: its minimum is 15 MB per thread; a larger buffer only
trades memory for fewer segments, and peak memory is one of the measured costs."""


class TantivyMatcher:
    """tantivy (Rust, via its Python bindings): an in-memory index, one indexing thread (the
    router builds on one core too), tokens lower-cased, accent-folded and Snowball-stemmed;
    the question's words, lower-cased so that none reads as an operator (AND, OR), go
    through tantivy's lenient query parser: any of them may match, BM25 ranks."""

    def __init__(self, entries: Sequence[Entry], synonyms: Mapping[str, str]) -> None:
        import tantivy  # a bench-only dependency

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("text", stored=False, tokenizer_name="fr_stem")
        builder.add_integer_field("row", stored=True, indexed=False)
        index = tantivy.Index(builder.build())
        index.register_tokenizer("fr_stem", (
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(40)).filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold()).filter(tantivy.Filter.stemmer("french"))
            .build()))
        writer = index.writer(heap_size=TANTIVY_HEAP, num_threads=1)
        for row, entry in enumerate(entries):
            writer.add_document(tantivy.Document(text=entry.text, row=row))
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        self._index = index
        self._searcher = index.searcher()
        self._ids = [entry.id for entry in entries]

    def best(self, text: str) -> Best:
        query, _ = self._index.parse_query_lenient(QUERY_SYNTAX.sub(" ", text.lower()),
                                                    ["text"])
        hits = self._searcher.search(query, 1).hits
        if not hits:
            return Best(None, 0.0)
        score, address = hits[0]
        row = self._searcher.doc(address)["row"][0]
        return Best(self._ids[row], float(score))


class Bm25sMatcher:
    """bm25s (BM25 as scipy sparse matrices): its tokenizer with French stopwords and the
    Snowball French stemmer (PyStemmer); the best score of `get_scores` wins."""

    def __init__(self, entries: Sequence[Entry], synonyms: Mapping[str, str]) -> None:
        import bm25s  # bench-only dependencies
        import Stemmer

        self._bm25s: Any = bm25s
        self._stemmer = Stemmer.Stemmer("french")
        self._retriever = bm25s.BM25()
        self._retriever.index(self._tokenize([entry.text for entry in entries], True),
                              show_progress=False)
        self._ids = [entry.id for entry in entries]

    def _tokenize(self, texts: list[str], ids: bool) -> Any:
        return self._bm25s.tokenize(texts, stopwords="fr", stemmer=self._stemmer,
                                    return_ids=ids, show_progress=False)

    def best(self, text: str) -> Best:
        tokens = [token for token in self._tokenize([text], False)[0]
                  if token in self._retriever.vocab_dict]
        if not tokens:
            return Best(None, 0.0)
        scores = self._retriever.get_scores(tokens)
        row = int(scores.argmax())
        return Best(self._ids[row], float(scores[row]))
