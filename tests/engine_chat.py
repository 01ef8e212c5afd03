"""Talking to the real engine directly, as a member of a test platform: `say` sends one
message and returns the reply, checked to fit in one chat message."""

from __future__ import annotations

from sbbot.chat import Message, Reply
from sbbot.engine import Engine

MAX_REPLY_CHARS = 2000
"""Replies stay short enough to read in one chat message on every platform."""


def message(text: str, *, channel: str = "c1", admin: bool = False,
            addressed: bool = True) -> Message:
    return Message(text, "test", channel, author="u1", is_admin=admin, addressed=addressed)


async def say(engine: Engine, text: str, **options: object) -> Reply:
    return await replied(engine, message(text, **options))  # type: ignore[arg-type]


async def replied(engine: Engine, sent: Message) -> Reply:
    """The engine's reply to `sent`, which must come and fit in one chat message."""
    reply = await engine.handle(sent)
    assert reply is not None
    assert len(reply.text) <= MAX_REPLY_CHARS
    return reply
