"""Chat commands: each is a small async function from (context, arguments) to a reply.

The engine owns parsing and dispatch; the modules here own what each command says.
`content` holds what every member may use, `admin` what only admins may use.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sbbot.chat import Message, Reply

if TYPE_CHECKING:
    from sbbot.engine import Engine


@dataclass(frozen=True)
class Context:
    engine: Engine
    message: Message


Handler = Callable[[Context, str], Awaitable[Reply]]


@dataclass(frozen=True)
class Command:
    """A `!name` command. `summary` is French: it feeds `!aide` and slash descriptions."""

    name: str
    aliases: tuple[str, ...]
    usage: str
    summary: str
    handler: Handler
    admin: bool = False
