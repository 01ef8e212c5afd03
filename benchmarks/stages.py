"""Where a routed question's time goes: each stage of `Router.route`, timed apart.

    python -m benchmarks.stages                      # 77 and 10,000 entries
    python -m benchmarks.stages --sizes 1000 --rounds 20
    python -m benchmarks.stages --cold               # also with every memo forgotten

The dev questions (`devset.yaml`, `dev2.yaml`) are routed once, then `rounds` times with
each stage wrapped in a timer (a stage called inside another counts for the outer one);
the wrappers cost about 0.2 µs a call, counted in "the rest". cProfile inflates the many
small calls of this code several times over; this measures them at their own speed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.synthetic import synthetic_entries
from sbbot.entries import entries_of
from sbbot.evaluation import load_set
from sbbot.knowledge import load_knowledge
from sbbot.language.chatspeak import phrase_word, spelt_out
from sbbot.language.cues import question_cues
from sbbot.language.naming import placeholder
from sbbot.router import Router, apart, query, ranking, scoring, verdict

STAGES: tuple[tuple[object, str, str], ...] = (
    (query.Analyzer, "question", "chat forms and turns of phrase (Analyzer.question)"),
    (query.Analyzer, "query_terms", "words, language, lemmas, lexicon, typos (query_terms)"),
    (ranking, "question_cues", "what the question asks for (question_cues)"),
    (ranking.Router, "_evidence", "word weights (_evidence)"),
    (scoring.Scorer, "best", "ranking: BM25, coverage, hints, best entries (Scorer.best)"),
    (ranking, "giving_first", "re-ordering (giving_first, naming_first)"),
    (ranking, "naming_first", "re-ordering (giving_first, naming_first)"),
    (ranking, "gives", "what the best entry gives (gives)"),
    (scoring.Scorer, "contained", "question words in the best entry (Scorer.contained)"),
    (ranking, "foreign_words", "words the knowledge lacks (foreign_words)"),
    (ranking, "unasked_words", "subject without what is asked (unasked_words)"),
    (ranking.Router, "_distinct_runners_up", "runners-up (_distinct_runners_up)"),
    (ranking.Candidate, "match", "answer objects (Candidate.match)"),
)


def timed(spent: dict[str, float], label: str, function: Callable[..., Any],
          depth: list[int]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if depth[0]:
            return function(*args, **kwargs)
        depth[0] += 1
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - started
            depth[0] -= 1
    return wrapper


def forgetting(router: Router) -> Callable[[], None]:
    """A function that puts the router's memos back as they were once it was built: the
    analysis of earlier questions' words (the `Analyzer`'s memos, misspellings included,
    the chat forms' and placeholders' `lru_cache`s, the last question's cues) and what the
    entries met earlier gave (their proper nouns, folded start, the words of their lines and
    what their text gives, beyond the hinted entries', made at build)."""
    readings = getattr(router, "_readings", router)  # an older router kept them itself
    memos = ((router._analyzer, "_candidates"), (router._analyzer, "_related"),
             (router._analyzer, "_spellings"), (readings, "_met_names"), (readings, "_met_keys"),
             (readings, "_read"))
    built = [(owner, name, dict(getattr(owner, name))) for owner, name in memos
             if hasattr(owner, name)]  # an older router may lack some

    def forget() -> None:
        for owner, name, contents in built:
            setattr(owner, name, dict(contents))
        # older code has it in verdict.py, or lacks it
        clause_words = getattr(apart, "clause_words", getattr(verdict, "clause_words", None))
        for cached in (spelt_out, phrase_word, question_cues, placeholder, clause_words):
            if cached is not None:
                cached.cache_clear()

    return forget


def breakdown(router: Router, texts: Sequence[str], rounds: int,
              forget: Callable[[], None] | None = None) -> list[str]:
    """Each stage's share of `rounds` passes over `texts`; with `forget` (see `forgetting`,
    made when the router was built) called before each question, untimed."""
    spent: dict[str, float] = defaultdict(float)
    depth = [0]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in STAGES
                 if hasattr(owner, name)]
    for owner, name, label in STAGES:
        if hasattr(owner, name):
            setattr(owner, name, timed(spent, label, getattr(owner, name), depth))
    total = 0.0
    try:
        for text in texts:
            router.route(text)
        spent.clear()
        for _ in range(rounds):
            for text in texts:
                if forget is not None:
                    forget()
                started = time.perf_counter()
                router.route(text)
                total += time.perf_counter() - started
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
    count = rounds * len(texts)
    spent["the rest (weights, Query, Evidence, decide; wrappers)"] = total - sum(spent.values())
    lines = [f"{len(router.entries)} entries{'' if forget is None else ', memos forgotten'}: "
             f"{1e6 * total / count:.1f} µs a question ({len(texts)} questions x {rounds})"]
    lines.extend(f"  {1e6 * seconds / count:6.1f} µs {100 * seconds / total:5.1f} %  {label}"
                 for label, seconds in sorted(spent.items(), key=lambda item: -item[1]))
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stages")
    parser.add_argument("--knowledge", type=Path, default=Path("knowledge"))
    parser.add_argument("--data", type=Path, default=Path("tests/data"))
    parser.add_argument("--sizes", default="77,10000")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cold", action="store_true",
                        help="also with the memos of earlier questions forgotten before each")
    args = parser.parse_args(argv)
    knowledge = load_knowledge(args.knowledge)
    real = list(entries_of(knowledge))
    texts = [item.text for name in ("devset", "dev2")
             for item in load_set(args.data / f"{name}.yaml")]
    for size in (int(size) for size in args.sizes.split(",")):
        entries = real if size <= len(real) else synthetic_entries(real, size, args.seed)
        router = Router(entries, dict(knowledge.synonyms))
        forget = forgetting(router)  # before any question
        print("\n".join(breakdown(router, texts, args.rounds)), flush=True)
        if args.cold:
            print("\n".join(breakdown(router, texts, args.rounds, forget)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
