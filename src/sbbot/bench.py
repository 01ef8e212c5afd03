"""`sbbot bench`: the command's options, and the way to the benchmarks of the checkout.

The benchmarks live in the source checkout's `benchmarks/`, not in the installed package:
they compare the router with baselines and anchors that need bench-only dependencies
(rank_bm25, tantivy, bm25s, matplotlib: the `bench` extra) and score everything on the
dev set kept with the tests, so they only make sense in a checkout anyway. The options are
defined here, so that `sbbot bench --help` works everywhere; running the command looks for
the checkout in the current directory and its parents, then where this package was installed
from (an editable install, as `make bench` does), and imports its `benchmarks.harness`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

EXIT_ERROR = 1
EXIT_USAGE = 2
SIZES = "shipped,1000,10000,100000"
METHODS = "router,difflib,rapidfuzz,bm25,tantivy,bm25s,engine,startup"
HUGE = 1_000_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help="one JSON object per row on stdout; notes go to stderr")
    parser.add_argument("--sizes", default=SIZES,
                        help=f"comma-separated knowledge sizes (default: {SIZES})")
    parser.add_argument("--huge", action="store_true",
                        help=f"also measure {HUGE:,} entries (router and anchors only; "
                             "several GB of memory and many minutes)")
    parser.add_argument("--methods", default=METHODS,
                        help=f"comma-separated methods (default: {METHODS})")
    parser.add_argument("--chart", type=Path, default=None,
                        help="also draw p99 latency against knowledge size to this PNG")
    parser.add_argument("--budget", type=float, default=10.0,
                        help="seconds one method may spend on the dev set at one size before "
                             "it is measured on a prefix of it (default: 10)")
    parser.add_argument("--devset", type=Path, default=None,
                        help="the questions (default: tests/data/devset.yaml in the checkout)")
    parser.add_argument("--knowledge", dest="directory", default=None,
                        help="the knowledge directory (default: SBBOT_KNOWLEDGE_DIR)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of the synthetic knowledge and of the question order")
    parser.add_argument("--pathological", action="store_true",
                        help="only the pathological-inputs row: the slowest of a fixed list "
                             "of inputs per path (engine, inbound, adapters, splitter, "
                             "quoting), each meant to stay under 5 ms")
    parser.add_argument("--store", action="store_true",
                        help="only the store rows: engine questions/s on SQLite and on "
                             "PostgreSQL (against the router alone), and announcements "
                             "claimed/s by three processes on each")
    parser.add_argument("--postgres", metavar="URL", default=None,
                        help="with --store: the PostgreSQL server to use (default: a "
                             "throw-away one, started with the system's initdb and pg_ctl)")


def run(args: argparse.Namespace) -> int:
    checkout = find_checkout()
    if checkout is None:
        print("sbbot bench: benchmarks/ not found; run it from a source checkout of sbbot",
              file=sys.stderr)
        return EXIT_ERROR
    try:
        sizes = tuple(None if size == "shipped" else int(size)
                      for size in split(args.sizes)) + ((HUGE,) if args.huge else ())
    except ValueError:
        print(f"sbbot bench: --sizes takes 'shipped' and whole numbers, not {args.sizes!r}",
              file=sys.stderr)
        return EXIT_USAGE
    sys.path.insert(0, str(checkout))
    if getattr(args, "pathological", False):
        pathological = importlib.import_module("benchmarks.pathological")
        return int(pathological.run(Path(args.directory), sys.stdout, as_json=args.json))
    if getattr(args, "store", False) or getattr(args, "postgres", None):
        store = importlib.import_module("benchmarks.store")
        return int(store.run(sys.stdout, as_json=args.json, postgres_url=args.postgres))
    harness = importlib.import_module("benchmarks.harness")
    try:
        options = harness.Options(
            knowledge=Path(args.directory),
            devset=args.devset or checkout / "tests" / "data" / "devset.yaml",
            sizes=sizes, methods=split(args.methods), budget=args.budget, seed=args.seed,
            json=args.json, chart=args.chart)
    except ValueError as error:
        print(f"sbbot bench: {error}", file=sys.stderr)
        return EXIT_USAGE
    return int(harness.run(options))


def split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def find_checkout() -> Path | None:
    here = Path.cwd().resolve()
    for folder in (here, *here.parents, Path(__file__).resolve().parents[2]):
        if (folder / "benchmarks" / "harness.py").is_file():
            return folder
    return None
