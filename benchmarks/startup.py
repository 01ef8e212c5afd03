"""Start-up of the bot on an archive of knowledge files: a cold build, then loads of the
snapshot it cached, each in a fresh interpreter (`python -m benchmarks.startup`), so that
a load's time and memory are those of a bot starting with unchanged knowledge.

The archive is `synthetic.write_archive`'s: the shipped files plus the synthetic passages
as post files, so that reading and validating the YAML is part of the cold build, as it is
for the bot.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def measure(knowledge: Path, cache: Path) -> dict[str, Any]:
    """Open the snapshot of `knowledge` (a build when `cache` has none, else a load)."""
    from benchmarks.rows import peak_mb
    from sbbot.snapshot import open_snapshot

    started = time.perf_counter()
    snapshot = open_snapshot(knowledge, cache)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "entries": len(snapshot.router.entries), "rss_mb": peak_mb()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup")
    parser.add_argument("knowledge", type=Path)
    parser.add_argument("cache", type=Path)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.knowledge, args.cache)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
