"""`test_reload_at_scale`'s scenario, run in a process of its own: questions are asked in a
loop on the event loop while `!recharger` rebuilds a 100,000-entry archive, and the gaps
between answers are printed as JSON.

A process of its own, as a running bot is: the test session's process also carries what a
thousand earlier tests left (threads, event loops, caches), which a bot's does not. Run
inside the session, the same scenario's longest gap was 57.4 and 60.9 ms in two fresh-clone
CIs; run alone, 26.6 to 32.1 ms in replays on the same machine.

`python -m tests.reload_scenario KNOWLEDGE_DIR CACHE_DIR STORE_FILE CHANGED_POST`
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

from sbbot.chat import Message
from sbbot.engine import Engine
from sbbot.store import open_store

QUESTIONS = ("Quel est le prix de la matinée ?", "Qui est Guillaume Foltran ?",
             "C'est quoi le digital workplace ?", "recette de la tarte aux pommes",
             "Pourquoi les réseaux sociaux d'entreprise échouent-ils ?")
NEW_TEXT = "Le zébricot fluorescent pousse en Laponie."


async def answer_until(engine: Engine, reloading: asyncio.Task[object]) -> list[list[float]]:
    """[wall, cpu] of each wait between two answers: on the clock, and in this process's CPU
    time (what its own threads did meanwhile; the rest is other processes holding the
    cores)."""
    gaps: list[list[float]] = []
    last_wall, last_cpu = time.perf_counter(), time.process_time()
    asked = 0
    while not reloading.done():
        question = QUESTIONS[asked % len(QUESTIONS)]
        reply = await engine.handle(Message(question, "discord", "salon", author="membre"))
        assert reply is not None and reply.kind in ("answer", "unsure", "fallback")
        asked += 1
        wall, cpu = time.perf_counter(), time.process_time()
        gaps.append([wall - last_wall, cpu - last_cpu])
        last_wall, last_cpu = wall, cpu
        await asyncio.sleep(0)
    return gaps


async def scenario(directory: Path, cache: Path, store_file: Path,
                   changed: str) -> dict[str, object]:
    store = await open_store(store_file)
    try:
        engine = Engine(directory, store, cache_dir=cache)
        entries = len(engine.router.entries)
        for question in QUESTIONS:  # a running bot has answered before: its tables are read
            await engine.handle(Message(question, "discord", "salon", author="membre"))
        post = directory / "posts" / changed
        original = post.read_text(encoding="utf-8")
        lines = original.splitlines()
        marker = next(number for number, line in enumerate(lines)
                      if line.startswith("    text: "))
        lines[marker] = "    text: " + json.dumps(NEW_TEXT)
        post.write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            operator = Message("!recharger", "discord", "salon", author="op", is_admin=True,
                               is_operator=True)
            reloading = asyncio.create_task(engine.handle(operator))
            gaps = await answer_until(engine, reloading)
            reply = reloading.result()
        finally:
            post.write_text(original, encoding="utf-8")
        found = await engine.handle(Message("Où pousse le zébricot fluorescent ?", "discord",
                                            "salon", author="membre"))
    finally:
        await store.close()
    return {"entries": entries, "gaps": gaps, "reply": reply and reply.text,
            "found": found and found.text}


if __name__ == "__main__":
    directory, cache, store_file, changed = sys.argv[1:5]
    print(json.dumps(asyncio.run(scenario(Path(directory), Path(cache), Path(store_file),
                                          changed))))
