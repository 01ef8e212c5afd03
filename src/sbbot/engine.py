"""The platform-neutral bot: a `Message` in, a `Reply` (or silence) out.

Every platform adapter calls `Engine.handle`, so the bot behaves the same everywhere and is
tested once. The engine parses commands, routes free questions, and holds the current
knowledge snapshot, which `reload` replaces in a single assignment.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz, process

from sbbot.chat import Message, Reply
from sbbot.commands import Command, Context
from sbbot.commands.admin import ADMIN_COMMANDS
from sbbot.commands.content import CONTENT_COMMANDS, answer_question
from sbbot.commands.teach import TEACH_COMMANDS
from sbbot.courtesy import GREETING, courtesy_reply
from sbbot.followups import FollowUps
from sbbot.inbound import PREFIX, command_word, normalize
from sbbot.knowledge import Knowledge
from sbbot.metrics import Metrics
from sbbot.router import Router
from sbbot.snapshot import ReloadReport, Snapshot, compare, open_snapshot, rebuild
from sbbot.store import MemoryRotations, Store, StoreError

log = logging.getLogger(__name__)

STORE_DOWN_NOTICE = ("(Je n’arrive pas à enregistrer pour le moment : je continue de répondre, "
                     "mais sans garder de trace. Les administrateurs le verront dans le "
                     "journal.)")
FAILED_REPLY = "Je n’ai pas pu répondre à cela (l’erreur est dans le journal du bot)."
"""What a member reads when a command or an answer fails on a fault of the bot's: on
Discord, an exception in the handler would otherwise leave them with no reply at all."""
STORE_DOWN_REPLY = ("Je ne peux pas enregistrer cela pour le moment (base de données "
                    "indisponible). Réessayez dans un instant.")

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Engine:
    def __init__(
        self,
        knowledge_dir: Path,
        store: Store,
        *,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
        timezone: ZoneInfo | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        """`cache_dir` keeps built snapshots (see `sbbot.snapshot`); None builds every time."""
        self.knowledge_dir = knowledge_dir
        self.cache_dir = cache_dir
        self.store = store
        self.clock = clock
        self.rng = rng or random.Random()
        self.timezone = timezone or ZoneInfo("Europe/Paris")
        self._snapshot: Snapshot = open_snapshot(knowledge_dir, cache_dir)
        self.metrics = Metrics()
        self.metrics.knowledge_entries.set(len(self.router.entries))
        self.memory_rotations = MemoryRotations()
        self.follow_ups = FollowUps()
        self.store_down = False
        self._notice_due = False
        store.watch_writes(self.store_written)
        self.commands: tuple[Command, ...] = CONTENT_COMMANDS + ADMIN_COMMANDS + TEACH_COMMANDS
        self._by_name: Mapping[str, Command] = {
            name: command
            for command in self.commands
            for name in (command.name, *command.aliases)
        }

    @property
    def knowledge(self) -> Knowledge:
        return self._snapshot.knowledge

    @property
    def router(self) -> Router:
        return self._snapshot.router

    def reload(self) -> ReloadReport:
        """Load the knowledge directory again; on any error, raise and keep the old snapshot.

        Blocking: run it in a worker thread. The new snapshot is built in a child process
        and swapped in with one assignment, so answers never wait for it (see
        `sbbot.snapshot`).
        """
        try:
            new = rebuild(self.knowledge_dir, self.cache_dir)
        except Exception:
            self.metrics.reloads.labels("failed").inc()
            raise
        self.metrics.reloads.labels("ok").inc()
        self.metrics.knowledge_entries.set(len(new.router.entries))
        report = compare(self._snapshot, new)
        self._snapshot = new
        return report

    # Store faults cost at most the write --------------------------------------------------

    def store_failed(self, error: StoreError) -> None:
        """Log the first failure of a run of them, and have the next reply say it once."""
        if not self.store_down:
            log.error("store unavailable, answering without recording: %s", error)
            self._notice_due = True
        else:
            log.debug("store still unavailable: %s", error)
        self.store_down = True

    def store_written(self, error: StoreError | None) -> None:
        """The outcome of a background write of unanswered questions."""
        if error is None:
            self.store_answered()
        else:
            self.store_failed(error)

    def store_answered(self) -> None:
        if self.store_down:
            log.info("store available again")
        self.store_down = False

    async def rotate(self, message: Message, bag: str, items: list[str]) -> str:
        """The next item of the channel's rotation bag; from memory while the store cannot
        be written, so that members still get every item before a repeat."""
        scope = (message.platform, message.channel, bag)
        try:
            chosen = await self.store.next_in_rotation(*scope, items, self.rng)
        except StoreError as error:
            self.store_failed(error)
            return self.memory_rotations.next(scope, items, self.rng)
        self.store_answered()
        return chosen

    def command(self, name: str) -> Command | None:
        return self._by_name.get(name.lower())

    async def handle(self, message: Message) -> Reply | None:
        """The reply to `message`, or None when the bot should stay silent.

        Unaddressed text gets an answer only when it is one of our commands: many servers
        run other bots on the same `!` prefix, whose commands are not typos of ours.
        """
        started = time.perf_counter()
        reply = await self._reply(message)
        if reply is not None:
            self.metrics.answer_seconds.observe(time.perf_counter() - started)
        return reply

    async def _reply(self, message: Message) -> Reply | None:
        text = normalize(message.text)
        context = Context(self, message)
        word = command_word(text)
        if not text.strip(PREFIX + " "):
            return Reply(GREETING, "fallback") if message.addressed else None
        if word is not None:
            command = self.command(word[0])
            if command is None:
                return self._unknown_command(context, word[0]) if message.addressed else None
            self.metrics.commands.labels(command.name).inc()
            try:
                reply = await self._run_command(context, command, word[1])
            except StoreError as error:
                self.store_failed(error)
                reply = Reply(STORE_DOWN_REPLY, "error")
            except Exception:  # a fault in one command: the member is told, the bot goes on
                log.exception("!%s failed", command.name)
                reply = Reply(FAILED_REPLY, "error")
        elif message.addressed and (polite := courtesy_reply(text)) is not None:
            reply = Reply(polite, "fallback")
        elif message.addressed:
            try:
                reply = await answer_question(context, text)
            except Exception:
                log.exception("a question could not be answered")
                reply = Reply(FAILED_REPLY, "error")
            self.metrics.questions.labels(reply.kind).inc()
        else:
            return None
        if self._notice_due:
            self._notice_due = False
            reply = replace(reply, text=f"{reply.text}\n\n{STORE_DOWN_NOTICE}")
        return reply

    async def _run_command(self, context: Context, command: Command, arguments: str) -> Reply:
        if command.operator and not context.message.is_operator:
            return Reply(f"La commande {PREFIX}{command.name} est réservée aux opérateurs du bot.",
                         "error", private=True)
        if command.admin and not context.message.is_admin:
            return Reply(
                f"La commande {PREFIX}{command.name} est réservée aux administrateurs.",
                "error", private=True,
            )
        return await command.handler(context, arguments)

    def _unknown_command(self, context: Context, name: str) -> Reply:
        names = list(self._by_name)
        guess = process.extractOne(name.lower(), names, scorer=fuzz.ratio, score_cutoff=60)
        text = f"Je ne connais pas la commande {PREFIX}{context.echo(name, 40)}."
        if guess is not None:
            text += f" Vouliez-vous dire {PREFIX}{guess[0]} ?"
        text += f" Tapez {PREFIX}aide pour la liste des commandes."
        return Reply(text, "error")

