"""Question routing: from a member's question to the knowledge entry that answers it.

Why not plain rapidfuzz over the passages: `WRatio` scores any long passage ~85 as soon as it
shares one common word with the question, so it cannot tell an answer from noise, and a
full fuzzy scan is too slow for a large archive. Instead:

1. The question is folded (case, accents, punctuation), stripped of stopwords and stemmed;
   English and everyday words are mapped onto the posts' words (`synonyms.yaml`); a word
   the knowledge does not contain is corrected by rapidfuzz to the nearest known word (typos).
2. Entries are ranked by BM25 over an inverted index (rare words weigh more than common
   ones), by coverage (below) and by rapidfuzz similarity to their example questions (hints).
   The ranking is exact, the same as scoring every entry: entries with hints are scored in
   full (they are few in a large archive), the others come from the index's first stage
   (`index.InvertedIndex.top`, every posting of the question's words summed in numpy), fast
   even with 1,000,000 passages.
3. The best entries are the answer and the runners-up offered when the bot is unsure.
4. The verdict rests on *coverage*: the share of the question's rarity-weighted words that
   the best entry contains. An off-topic question ("recette de la tarte") shares no rare word
   with any entry, whatever its length, so it falls back instead of getting a random passage.

The package: `query` (question -> weighted terms, typos), `index` (the inverted index and
its exact first stage, behind a narrow interface), `scoring` (the best entries for a query),
`ranking` (the router: ranking, re-ordering and the verdict's evidence).
"""

from __future__ import annotations

from sbbot.router.matches import Match, RouteResult, confidence, rank
from sbbot.router.ranking import Router
from sbbot.router.terms import Query, QueryTerm
from sbbot.router.verdict import Verdict

__all__ = ["Match", "Query", "QueryTerm", "RouteResult", "Router", "Verdict", "confidence",
           "rank"]
