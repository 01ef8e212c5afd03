"""The store under load, `sbbot bench --store`: engine questions per second on each back end,
and announcement keys claimed per second by three processes racing for the same keys.

Rows, each measured in a fresh child process (the bot's imports, not the bench's):

- the router alone, and the engine with its store's writes discarded: the ceiling that no
  back end can pass on this machine, so that a store row reads against it;
- the engine on SQLite and on PostgreSQL (`--postgres URL`, else a throw-away server started
  as the test suite does, `tests/postgres.py`, with fsync on as a deployed server has it);
- three processes claiming the same keys on each back end, counting the keys won: never more
  than the keys (at most once), fewer only by failed claims (a busy SQLite file: three
  writers exceed its 250 ms busy timeout).

Children: `python -m benchmarks.store questions|claims|claim-one DATABASE`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parent.parent
PROCESSES = 3
TARGET = 3000
"""Questions per second the PostgreSQL row should reach (issue 9), on 2 cores."""
ROUTER = "router"
DISCARD = "discard"
"""Pseudo databases: the router alone; the engine on a store that discards its writes."""


def target(database: str) -> Path | str:
    return database if database.startswith("postgres") else Path(database)


async def open_for_bench(database: str) -> Any:
    from sbbot.store import SQLiteStore, open_store
    from sbbot.store.pending import UnansweredRow

    if database not in (DISCARD, ROUTER):
        return await open_store(target(database))

    class DiscardingStore(SQLiteStore):
        async def _write_unanswered(self, rows: list[UnansweredRow]) -> None:
            pass

    return await DiscardingStore.connect(Path(tempfile.mkdtemp()) / "discard.sqlite3")


async def questions_per_second(database: str, seconds: float) -> dict[str, Any]:
    from benchmarks.devset import load_questions, stratified_order
    from sbbot.chat import Message
    from sbbot.engine import Engine
    from sbbot.entries import entries_of

    store = await open_for_bench(database)
    try:
        engine = Engine(ROOT / "knowledge", store)
        ids = {entry.id for entry in entries_of(engine.knowledge)}
        order = stratified_order(load_questions(ROOT / "tests/data/devset.yaml", ids), 0)
        messages = [Message(question.text, "bench", f"c{number % 10}",
                            author=f"member-{number}", community=f"g{number % 3}")
                    for number, question in enumerate(order)]  # no follow-ups: one member each
        handled = 0
        started = time.perf_counter()
        while not handled or time.perf_counter() - started < seconds:
            for message in messages:
                if database == ROUTER:
                    engine.router.route(message.text)
                else:
                    await engine.handle(message)
            handled += len(messages)
        elapsed = time.perf_counter() - started
    finally:
        await store.close()
        if database in (DISCARD, ROUTER):
            shutil.rmtree(store.path.parent, ignore_errors=True)
    return {"questions_per_s": round(handled / elapsed)}


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


def child(*arguments: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    return subprocess.Popen([sys.executable, "-m", "benchmarks.store", *arguments],
                            stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def output(process: subprocess.Popen[str]) -> Any:
    out, _ = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, process.args))} failed")  # type: ignore[arg-type]
    return json.loads(out)


def claims_per_second(database: str, keys: int) -> dict[str, Any]:
    start_at = time.time() + 2.0  # every process connected before the race starts
    children = [child("claim-one", database, "--keys", str(keys), "--start-at", str(start_at))
                for _ in range(PROCESSES)]
    results = [output(process) for process in children]
    elapsed = time.time() - start_at
    won, failed = sum(result[0] for result in results), sum(result[1] for result in results)
    return {"keys": keys, "claimed": won, "failed_claims": failed,
            "claims_per_s": round(keys / elapsed)}


@contextmanager
def postgres(url: str | None) -> Iterator[str]:
    """The given server, or a throw-away one for the run."""
    if url is not None:
        yield url
        return
    sys.path.insert(0, str(ROOT))
    from tests.postgres import postgres_server

    with postgres_server(fsync=True) as server:
        yield server.url()


def measure(postgres_url: str | None, seconds: float, keys: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def questions(name: str, database: str) -> None:
        result = output(child("questions", database, "--seconds", str(seconds)))
        rows.append({"row": name, **result})

    def claims(name: str, database: str) -> None:
        rows.append({"row": name, "processes": PROCESSES, **claims_per_second(database, keys)})

    questions("router alone", ROUTER)
    questions("engine, store writes discarded", DISCARD)
    with tempfile.TemporaryDirectory() as folder, postgres(postgres_url) as server:
        questions("engine + SQLite", str(Path(folder) / "questions.sqlite3"))
        questions("engine + PostgreSQL", server)
        claims("claims, 3 processes, SQLite", str(Path(folder) / "claims.sqlite3"))
        with fresh_database(server) as database:
            claims("claims, 3 processes, PostgreSQL", database)
    return rows


@contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """A database of its own on the server, dropped afterwards: another run on the same
    server must not find the keys claimed already."""
    import secrets
    from urllib.parse import urlsplit, urlunsplit

    import asyncpg

    name = f"sbbot_bench_{secrets.token_hex(4)}"

    async def execute(sql: str) -> None:
        connection = await asyncpg.connect(url)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(execute(f"CREATE DATABASE {name}"))
    try:
        yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    finally:
        asyncio.run(execute(f"DROP DATABASE {name} WITH (FORCE)"))


def run(out: TextIO, *, as_json: bool = False, postgres_url: str | None = None,
        seconds: float = 3.0, keys: int = 3000) -> int:
    rows = measure(postgres_url, seconds, keys)
    if as_json:
        for row in rows:
            print(json.dumps(row), file=out)
        return 0
    print(f"store throughput: devset questions for {seconds:g} s per row; {PROCESSES} "
          f"processes racing to claim the same {keys:,} announcement keys", file=out)
    for row in rows:
        if "questions_per_s" in row:
            note = f"  (target {TARGET:,})" if row["row"].endswith("PostgreSQL") else ""
            print(f"{row['row']:<34} {row['questions_per_s']:>7,} questions/s{note}", file=out)
        else:
            print(f"{row['row']:<34} {row['claims_per_s']:>7,} claims/s    "
                  f"({row['claimed']:,} keys won once each, {row['failed_claims']:,} "
                  "claims failed)", file=out)
    return 0


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
