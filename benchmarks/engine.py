"""The whole engine on the shipped knowledge: start-up, resident memory, throughput.

Run in a fresh child process (`python -m benchmarks.engine`) that imports only what a
running bot imports, so that its start-up and memory are the bot's, not the bench's
(no numpy, no rank_bm25, no 100,000-passage knowledge lying around).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any


async def measure_engine(knowledge_dir: Path, devset: Path, seed: int,
                         seconds: float) -> dict[str, Any]:
    started = time.perf_counter()
    importlib.import_module("sbbot.cli")
    imports = time.perf_counter() - started

    from benchmarks.devset import load_questions, stratified_order
    from benchmarks.rows import Row, peak_mb, percentile, resident_mb
    from benchmarks.thresholds import share
    from sbbot.chat import Message
    from sbbot.engine import Engine
    from sbbot.entries import entries_of
    from sbbot.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        store = await open_store(Path(folder) / "bench.sqlite3")
        try:
            started = time.perf_counter()
            engine = Engine(knowledge_dir, store)
            startup = time.perf_counter() - started
            rss_startup = resident_mb()
            ids = {entry.id for entry in entries_of(engine.knowledge)}
            order = stratified_order(load_questions(devset, ids), seed)
            # One member each: a question is measured on its own, never read as the
            # follow-up of the one before (sbbot.followups).
            messages = [Message(question.text, "bench", "bench", author=f"member-{number}")
                        for number, question in enumerate(order)]
            await engine.handle(messages[0])
            timings: list[float] = []
            correct = rejected = 0
            for question, message in zip(order, messages, strict=True):
                before = time.perf_counter()
                reply = await engine.handle(message)
                timings.append(time.perf_counter() - before)
                if reply is None:
                    continue
                if question.offtopic:
                    rejected += reply.kind == "fallback"
                else:
                    correct += (reply.kind == "answer" and reply.entry is not None
                                and reply.entry.id in question.expect)
            handled = 0
            started = time.perf_counter()
            while not handled or time.perf_counter() - started < seconds:
                for message in messages:
                    before = time.perf_counter()
                    await engine.handle(message)
                    timings.append(time.perf_counter() - before)
                handled += len(messages)
            elapsed = time.perf_counter() - started
        finally:
            await store.close()
    offtopic = sum(question.offtopic for question in order)
    row = Row("engine", len(ids), share(correct, len(order) - offtopic),
              share(rejected, offtopic), 1000 * percentile(timings, 0.5),
              1000 * percentile(timings, 0.99), startup, peak_mb())
    return {"row": row.__dict__, "questions_per_s": handled / elapsed, "imports_s": imports,
            "startup_s": startup, "rss_startup_mb": rss_startup}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.engine")
    parser.add_argument("knowledge", type=Path, help="the knowledge directory")
    parser.add_argument("devset", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=2.0,
                        help="how long to send the questions again and again")
    args = parser.parse_args(argv)
    result = asyncio.run(measure_engine(args.knowledge, args.devset, args.seed, args.seconds))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
