"""Benchmarks of sbbot's router against the matchers an admin would otherwise use.

Run through `sbbot bench` (see `sbbot.bench`); this package lives beside the sources, not
in the installed package, because it needs the dev set in `tests/data/` and bench-only
dependencies (rank_bm25, matplotlib).
"""
