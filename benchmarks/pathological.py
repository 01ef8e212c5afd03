"""Pathological inputs, path by path: the slowest of a fixed list, each under 5 ms.

Not a timed test (timings belong to the machine), a bench row: for each path a message
goes through (the engine, the shared inbound rules, the Matrix and Discord readings, the
reply splitter, the quoting), the slowest input of `INPUTS` and its time, best of
`REPEATS` runs. `sbbot bench --pathological` prints it.
"""

from __future__ import annotations

import asyncio
import functools
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TextIO

BUDGET_MS = 5.0
REPEATS = 5
BOT_ID = "@sbbot:example.org"
DISCORD_BOT = 123456789012345678
LONG = 4_000
HUGE = 100_000

INPUTS: dict[str, str] = {
    "? x4000": "?" * LONG,
    "? x100000": "?" * HUGE,
    "> x4000": ">" * LONG,
    "> x100000": ">" * HUGE,
    "> lines x100000": "> a\n" * (HUGE // 4),
    "@ x4000": "@" * LONG,
    "@ x100000": "@" * HUGE,
    "@word x100000": "@a " * (HUGE // 3),
    "[ nested x4000": "[" * (LONG // 2) + "]" * (LONG // 2),
    "[]( nested x100000": "[](" * (HUGE // 6) + ")" * (HUGE // 6),
    "<@ x100000": "<@" * (HUGE // 2),
    "* _ ` x100000": "*_`~|" * (HUGE // 5),
    "words x4000": "pourquoi " * (LONG // 9),
    "words? x100000": "qui est là ? " * (HUGE // 13),
    "no space x100000": "a" * HUGE,
    "newlines x100000": "\n" * HUGE,
    "zero-width x100000": "\u200b" * HUGE,
    "http:// x100000": "http://" * (HUGE // 7),
}


def best_ms(call: Callable[[], object], repeats: int = REPEATS) -> float:
    best = float("inf")
    for _ in range(repeats):
        before = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - before)
    return 1000 * best


def paths() -> dict[str, Callable[[str], object]]:
    """The pure paths, each a function of the raw text."""
    from sbbot.adapters.discord import MAX_INPUT_CHARS as DISCORD_MAX
    from sbbot.adapters.discord_markdown import quote as discord_quote
    from sbbot.adapters.matrix_events import addressed_text
    from sbbot.adapters.split import split_message
    from sbbot.inbound import command_word, looks_like_question, normalize
    from sbbot.replies import fit, inert

    own = re.compile(rf"<@!?{DISCORD_BOT}>|<@&{DISCORD_BOT + 1}>")

    def inbound(text: str) -> object:
        normal = normalize(text)
        return command_word(normal), looks_like_question(normal)

    def matrix(text: str) -> object:
        event = SimpleNamespace(source={"content": {
            "body": text, "formatted_body": text,
            "m.mentions": {"user_ids": [BOT_ID]}}})
        return addressed_text(event, BOT_ID, ["sbbot", "SB Bot"])

    def discord(text: str) -> object:
        # DiscordAdapter.read minus the discord.Message attributes: the mention strip.
        return own.sub(" ", text[: DISCORD_MAX * 2])

    return {
        "inbound (normalize, command, question)": inbound,
        "matrix addressed_text": matrix,
        "discord read (mention strip)": discord,
        "discord quote": discord_quote,
        "split_message 2000": lambda text: split_message(text, 2000),
        "split_message 8000": lambda text: split_message(text, 8000),
        "replies.inert": inert,
        # as the commands call them: Style.quote(fit(member_text, limit)), the member text
        # already normalised to MAX_INPUT_CHARS
        "discord quote (fit 1000, as called)": lambda text: discord_quote(fit(text, 1000)),
        "replies.inert (fit 1000, as called)": lambda text: inert(fit(text, 1000)),
    }


async def engine_timings(knowledge: Path, inputs: dict[str, str],
                         repeats: int) -> dict[str, float]:
    from sbbot.chat import Message
    from sbbot.engine import Engine
    from sbbot.store import open_store

    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        store = await open_store(Path(folder) / "bench.sqlite3")
        try:
            engine = Engine(knowledge, store)
            await engine.handle(Message("bonjour ?", "terminal", "bench", author="bench"))
            for name, text in inputs.items():
                best = float("inf")
                for repeat in range(repeats):
                    # a new author each time, so that no cooldown short-cuts the path
                    message = Message(text, "terminal", "bench", author=f"bench-{repeat}",
                                      is_admin=True, addressed=True)
                    before = time.perf_counter()
                    await engine.handle(message)
                    best = min(best, time.perf_counter() - before)
                timings[name] = 1000 * best
        finally:
            await store.close()
    return timings


def measure(knowledge: Path, inputs: dict[str, str] | None = None,
            repeats: int = REPEATS) -> list[dict[str, Any]]:
    """One row per path: its slowest input, that input's best time, over budget or not."""
    inputs = INPUTS if inputs is None else inputs
    table: dict[str, dict[str, float]] = {
        "engine.handle (terminal)": asyncio.run(engine_timings(knowledge, inputs, repeats))}
    for path, call in paths().items():
        table[path] = {name: best_ms(functools.partial(call, text), repeats)
                       for name, text in inputs.items()}
    rows = []
    for path, timings in table.items():
        worst = max(timings, key=timings.__getitem__)
        rows.append({"path": path, "slowest_input": worst, "ms": round(timings[worst], 3),
                     "over_budget": timings[worst] > BUDGET_MS})
    return rows


def run(knowledge: Path, out: TextIO, *, as_json: bool = False,
        inputs: dict[str, str] | None = None, repeats: int = REPEATS) -> int:
    import json

    rows = measure(knowledge, inputs, repeats)
    if as_json:
        for row in rows:
            print(json.dumps(row), file=out)
    else:
        width = max(len(row["path"]) for row in rows)
        print(f"pathological inputs ({len(inputs or INPUTS)}), slowest per path, "
              f"best of {repeats}, "
              f"budget {BUDGET_MS:g} ms", file=out)
        for row in rows:
            mark = "  OVER 5 ms" if row["over_budget"] else ""
            print(f"{row['path']:<{width}}  {row['slowest_input']:<20} "
                  f"{row['ms']:>9.3f} ms{mark}", file=out)
    return 0
