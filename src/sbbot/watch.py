"""Live reload: the bot reloads its knowledge when a file of the directory changes.

watchfiles (inotify and its equivalents, through a maintained Rust watcher) reports the
changes; a burst of them (an editor's save, `sbbot import` writing several files) is
debounced into one reload. The guarantee is `!recharger`'s: the new files are loaded and
validated whole, in a worker thread, before one assignment swaps them in; a file that does
not validate is reported (log, and the admin channel when one is configured) and the
previous knowledge keeps serving.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from watchfiles import Change, awatch

from sbbot.commands import Bot
from sbbot.commands.admin import RELOAD_BROKEN, reload_failure, reload_summary
from sbbot.knowledge import KnowledgeError
from sbbot.snapshot import SnapshotError

log = logging.getLogger(__name__)

DEBOUNCE_MS = 300
"""Changes closer together than this are one reload; well under the two seconds an admin
waits before looking."""

Report = Callable[[str], Awaitable[None]]


def knowledge_file(change: Change, path: str) -> bool:
    """YAML files only: not the editors' swap files, nor the temporary files that atomic
    writes rename into place (they start with a dot)."""
    name = Path(path).name
    return name.endswith((".yaml", ".yml")) and not name.startswith(".")


async def watch_knowledge(engine: Bot, report: Report, stop: asyncio.Event,
                          debounce_ms: int = DEBOUNCE_MS) -> None:
    async for changes in awatch(engine.knowledge_dir, watch_filter=knowledge_file,
                                debounce=debounce_ms, step=50, stop_event=stop,
                                recursive=True):
        names = sorted({Path(path).name for _, path in changes})
        await reload_after_change(engine, names, report)


async def reload_after_change(engine: Bot, names: list[str], report: Report) -> None:
    try:
        summary = await asyncio.to_thread(engine.reload)
    except KnowledgeError as error:
        problems = [str(problem) for problem in error.problems]
        log.error("knowledge files changed (%s) but do not validate; still serving the "
                  "previous knowledge:\n%s", ", ".join(names), "\n".join(problems))
        await report(reload_failure(problems))
        return
    except SnapshotError:
        log.exception("knowledge files changed (%s) but the reload failed; still serving the "
                      "previous knowledge", ", ".join(names))
        await report(RELOAD_BROKEN)
        return
    # A write the bot reloaded itself (!apprendre) or a save that changes no entry: said at
    # DEBUG, not in the middle of a terminal conversation.
    log.log(logging.DEBUG if summary.empty else logging.INFO,
            "knowledge reloaded after a change on disk (%s): %s", ", ".join(names),
            reload_summary(summary).replace("\n", " "))
