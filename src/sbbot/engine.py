"""The platform-neutral bot: a `Message` in, a `Reply` (or silence) out.

Every platform adapter calls `Engine.handle`, so the bot behaves the same everywhere and is
tested once. The engine parses commands, routes free questions, and holds the current
knowledge snapshot, which `reload` replaces in a single assignment.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz, process

from sbbot.chat import Message, Reply
from sbbot.commands import Command, Context
from sbbot.commands.admin import ADMIN_COMMANDS
from sbbot.commands.content import CONTENT_COMMANDS, answer_question
from sbbot.knowledge import Knowledge
from sbbot.replies import fit
from sbbot.router import Router
from sbbot.snapshot import ReloadReport, Snapshot, reload
from sbbot.store import Store

PREFIX = "!"
MAX_INPUT_CHARS = 1000
"""Longer messages are cut before any processing: no question needs more, and it bounds
the work a hostile message can cause."""

GREETING = ("Bonjour ! Posez-moi une question sur les articles que je connais,"
            " ou tapez !aide pour voir mes commandes.")

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
    ) -> None:
        self.knowledge_dir = knowledge_dir
        self.store = store
        self.clock = clock
        self.rng = rng or random.Random()
        self.timezone = timezone or ZoneInfo("Europe/Paris")
        self._snapshot = Snapshot.load(knowledge_dir)
        self.commands: tuple[Command, ...] = CONTENT_COMMANDS + ADMIN_COMMANDS
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
        """Load the knowledge directory again; on any error, raise and keep the old snapshot."""
        self._snapshot, report = reload(self.knowledge_dir, self._snapshot)
        return report

    def command(self, name: str) -> Command | None:
        return self._by_name.get(name.lower())

    async def handle(self, message: Message) -> Reply | None:
        """The reply to `message`, or None when the bot should stay silent."""
        text = sanitize(message.text)
        context = Context(self, message)
        if not text.strip(PREFIX + " "):
            if not message.addressed:
                return None
            reply = Reply(GREETING, "fallback")
        elif text.startswith(PREFIX):
            name, _, arguments = text[len(PREFIX):].partition(" ")
            reply = await self._run_command(context, name, arguments.strip())
        elif message.addressed:
            reply = await answer_question(context, text)
        else:
            return None
        return Reply(fit(reply.text), reply.kind, reply.entry, reply.score, reply.card)

    async def _run_command(self, context: Context, name: str, arguments: str) -> Reply:
        command = self.command(name)
        if command is None:
            return self._unknown_command(name)
        if command.admin and not context.message.is_admin:
            return Reply(
                f"La commande {PREFIX}{command.name} est réservée aux administrateurs.",
                "error",
            )
        return await command.handler(context, arguments)

    def _unknown_command(self, name: str) -> Reply:
        names = list(self._by_name)
        guess = process.extractOne(name.lower(), names, scorer=fuzz.ratio, score_cutoff=60)
        text = f"Je ne connais pas la commande {PREFIX}{shorten(name, 40)}."
        if guess is not None:
            text += f" Vouliez-vous dire {PREFIX}{guess[0]} ?"
        text += f" Tapez {PREFIX}aide pour la liste des commandes."
        return Reply(text, "error")


INVISIBLE = re.compile(r"[\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def sanitize(text: str) -> str:
    """Drop control and zero-width characters, fold whitespace, cap the length."""
    text = INVISIBLE.sub("", text[: MAX_INPUT_CHARS * 2])
    text = "".join(
        char if unicodedata.category(char)[0] != "C" else " " for char in text
    )
    return " ".join(text.split())[:MAX_INPUT_CHARS]


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
