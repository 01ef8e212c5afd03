"""The router's answers to every dev and held-out question, one line each, to compare two
versions of the router: a speed-up must not change a verdict, a score or a runner-up.

    python -m benchmarks.compare > before.txt     # on the old code
    python -m benchmarks.compare > after.txt      # on the new code
    cmp before.txt after.txt

Each line holds the archive size, the question's set and number, the verdict, the best
entry and every runner-up with their scores written exactly (`float.hex`), and the
question's weighted terms. The questions are only routed, never printed.

It runs with string hashing fixed (PYTHONHASHSEED=0, set by re-running itself): the index
numbers its terms in the order of a set of words, and document lengths are summed in that
order, so two processes may differ in the last bit of a BM25 impact; with the same order,
two versions of the code that compute the same thing give the same bits.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from benchmarks.synthetic import synthetic_entries
from sbbot.entries import entries_of
from sbbot.evaluation import load_set
from sbbot.knowledge import load_knowledge
from sbbot.router import Match, Router

SETS = ("devset", "dev2", "heldout", "heldout2")


def described(match: Match) -> str:
    return f"{match.entry.id}@{match.score.hex()}"


def answers(router: Router, label: str, texts: Sequence[str]) -> Iterator[str]:
    for number, text in enumerate(texts, 1):
        result = router.route(text)
        best = described(result.best) if result.best else "-"
        runners = " ".join(described(match) for match in result.runners_up)
        terms = " ".join(f"{term.stem}:{term.weight.hex()}:{term.named}"
                         for term in router.query_terms(text))
        yield f"{len(router.entries)} {label}#{number} {result.verdict} {best} [{runners}] {terms}"


def main(argv: Sequence[str] | None = None) -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, "-m", "benchmarks.compare",
                                   *(sys.argv[1:] if argv is None else argv)],
                  {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(prog="python -m benchmarks.compare")
    parser.add_argument("--knowledge", type=Path, default=Path("knowledge"))
    parser.add_argument("--data", type=Path, default=Path("tests/data"))
    parser.add_argument("--sizes", default="77,10000,100000",
                        help="archive sizes; the shipped knowledge's size means it alone")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    knowledge = load_knowledge(args.knowledge)
    real = list(entries_of(knowledge))
    questions = {name: [item.text for item in load_set(args.data / f"{name}.yaml")]
                 for name in SETS if (args.data / f"{name}.yaml").exists()}
    for size in (int(size) for size in args.sizes.split(",")):
        entries = real if size <= len(real) else synthetic_entries(real, size, args.seed)
        router = Router(entries, dict(knowledge.synonyms))
        for name, texts in questions.items():
            for line in answers(router, name, texts):
                print(line)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
