"""Chat commands: each is a small async function from (context, arguments) to a reply.

The engine owns parsing and dispatch; the modules here own what each command says.
`content` holds what every member may use, `admin` what only admins may use.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from sbbot.chat import Message, Reply
from sbbot.followups import FollowUps
from sbbot.knowledge import Knowledge
from sbbot.replies import fit
from sbbot.router import Router
from sbbot.snapshot import ReloadReport
from sbbot.store import Store, StoreError


class Bot(Protocol):
    """What commands use of the engine, declared here so that commands never import the
    engine that imports them."""

    @property
    def store(self) -> Store: ...
    @property
    def knowledge(self) -> Knowledge: ...
    @property
    def knowledge_dir(self) -> Path: ...
    @property
    def router(self) -> Router: ...
    @property
    def rng(self) -> random.Random: ...
    @property
    def timezone(self) -> ZoneInfo: ...
    @property
    def commands(self) -> tuple[Command, ...]: ...
    @property
    def follow_ups(self) -> FollowUps: ...
    def clock(self) -> datetime: ...
    def reload(self) -> ReloadReport: ...
    def store_failed(self, error: StoreError) -> None: ...
    def store_answered(self) -> None: ...
    async def rotate(self, message: Message, bag: str, items: list[str]) -> str: ...


@dataclass(frozen=True)
class Context:
    engine: Bot
    message: Message

    def echo(self, member_text: str, limit: int = 80) -> str:
        """Member text shortened and made inert for the asker's platform, to quote back."""
        return self.message.style.quote(fit(member_text, limit))


Handler = Callable[[Context, str], Awaitable[Reply]]
Completions = Callable[[Bot], Iterable[tuple[str, str]]]
"""(label, value) pairs to offer while a member types an argument, from the knowledge."""


@dataclass(frozen=True)
class Argument:
    """What follows `!name`: one text, as typed after the command or in a slash option.

    Declared once, it gives `!aide` its usage line and each platform its own form (a
    Discord slash option with its autocomplete). French, as members read it.
    """

    name: str
    description: str
    placeholder: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    """The only words accepted, offered as they are."""
    complete: Completions | None = None
    last_word: bool = False
    """Completion replaces only the last word typed, the ones before it kept: `3 dw-ins`
    offers `3 dw-inscription`."""

    def completions(self, bot: Bot) -> Iterable[tuple[str, str]]:
        if self.complete is not None:
            return self.complete(bot)
        return ((choice, choice) for choice in self.choices)

    @property
    def shown(self) -> str:
        placeholder = self.placeholder or "|".join(self.choices)
        return placeholder if self.required else f"[{placeholder}]"


@dataclass(frozen=True)
class Command:
    """A `!name` command. `summary` is French: it feeds `!aide` and slash descriptions.

    `admin` commands act on one community (its subscriptions, its questions); `operator`
    ones act on what every community shares (the knowledge), so only the bot's operators
    may run them, whatever their rank in a server or room.
    """

    name: str
    aliases: tuple[str, ...]
    summary: str
    handler: Handler
    argument: Argument | None = None
    admin: bool = False
    operator: bool = False

    @property
    def usage(self) -> str:
        return f"!{self.name}" + ("" if self.argument is None else f" {self.argument.shown}")
