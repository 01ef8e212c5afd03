"""The store under load: engine questions per second on a given back end, and announcement
keys claimed per second by three processes racing for the same keys on one database.

    python -m benchmarks.store questions DATABASE [--seconds 3]
    python -m benchmarks.store claims DATABASE [--keys 3000]

DATABASE is an SQLite path or a `postgresql://` URL (the test suite's `tests/postgres.py`
starts a throw-away server). Each prints one JSON object. The claims run also counts the
keys won: never more than the keys (at most once), fewer only by the failed claims (a busy
SQLite file: three writers exceed its 250 ms busy timeout).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PROCESSES = 3


def target(database: str) -> Path | str:
    return database if database.startswith("postgres") else Path(database)


async def questions_per_second(database: str, seconds: float) -> dict[str, Any]:
    from benchmarks.devset import load_questions, stratified_order
    from sbbot.chat import Message
    from sbbot.engine import Engine
    from sbbot.store import open_store

    store = await open_store(target(database))
    try:
        engine = Engine(ROOT / "knowledge", store)
        ids = {entry.id for entry in engine.knowledge.entries()}
        order = stratified_order(load_questions(ROOT / "tests/data/devset.yaml", ids), 0)
        messages = [Message(question.text, "bench", f"c{number % 10}", author="bench",
                            community=f"g{number % 3}") for number, question in enumerate(order)]
        handled = 0
        started = time.perf_counter()
        while not handled or time.perf_counter() - started < seconds:
            for message in messages:
                await engine.handle(message)
            handled += len(messages)
        elapsed = time.perf_counter() - started
    finally:
        await store.close()
    return {"back_end": type(store).__name__, "questions_per_s": round(handled / elapsed)}


async def claim(database: str, keys: int, start_at: float) -> tuple[int, int]:
    """One process: claim every key in order; returns how many this process won, and how
    many claims failed (a busy SQLite file)."""
    from sbbot.chat import Announcement
    from sbbot.store import StoreError, open_store

    store = await open_store(target(database))
    at = datetime(2026, 1, 1, tzinfo=UTC)
    won = failed = 0
    try:
        await asyncio.sleep(max(0.0, start_at - time.time()))
        for number in range(keys):
            item = Announcement("daily_quote", "bench", "c", at, f"bench/{number}", "")
            try:
                won += await store.record_sent(item)
            except StoreError:
                failed += 1
    finally:
        await store.close()
    return won, failed


def claims_per_second(database: str, keys: int) -> dict[str, Any]:
    start_at = time.time() + 2.0  # every process connected before the race starts
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    children = [subprocess.Popen(
        [sys.executable, "-m", "benchmarks.store", "claim-one", database, "--keys", str(keys),
         "--start-at", str(start_at)], stdout=subprocess.PIPE, text=True, env=env)
        for _ in range(PROCESSES)]
    results = [json.loads(child.communicate()[0]) for child in children]
    elapsed = time.time() - start_at
    won, failed = sum(result[0] for result in results), sum(result[1] for result in results)
    return {"processes": PROCESSES, "keys": keys, "claimed": won, "failed_claims": failed,
            "claims_per_s": round(keys / elapsed)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.store")
    parser.add_argument("what", choices=["questions", "claims", "claim-one"])
    parser.add_argument("database")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--keys", type=int, default=3000)
    parser.add_argument("--start-at", type=float, default=0.0)
    args = parser.parse_args(argv)
    if args.what == "questions":
        print(json.dumps(asyncio.run(questions_per_second(args.database, args.seconds))))
    elif args.what == "claims":
        print(json.dumps(claims_per_second(args.database, args.keys)))
    else:
        print(json.dumps(asyncio.run(claim(args.database, args.keys, args.start_at))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
