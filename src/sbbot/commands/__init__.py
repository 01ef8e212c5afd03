"""Chat commands: each is a small async function from (context, arguments) to a reply.

The engine owns parsing and dispatch; the modules here own what each command says.
`content` holds what every member may use, `admin` what only admins may use.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from sbbot.chat import Message, Reply
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


@dataclass(frozen=True)
class Command:
    """A `!name` command. `summary` is French: it feeds `!aide` and slash descriptions.

    `admin` commands act on one community (its subscriptions, its questions); `operator`
    ones act on what every community shares (the knowledge), so only the bot's operators
    may run them, whatever their rank in a server or room.
    """

    name: str
    aliases: tuple[str, ...]
    usage: str
    summary: str
    handler: Handler
    admin: bool = False
    operator: bool = False
