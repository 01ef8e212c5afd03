"""The terminal conversation as the person at the keyboard sees it: the real adapter, the
real engine, a keyboard and a screen in place of stdin and stdout."""

from __future__ import annotations

import asyncio
import logging

import pytest

from sbbot.adapters.terminal import PROMPT
from sbbot.chat import Message, Reply
from sbbot.engine import FAILED_REPLY, Engine
from tests.conftest import FakeClock
from tests.conversation import TerminalChat, chat_on


async def test_a_log_line_while_the_prompt_waits_does_not_take_its_place(
        engine: Engine, clock: FakeClock, request: pytest.FixtureRequest,
        caplog: pytest.LogCaptureFixture) -> None:
    """Log lines go to the same screen: "vous> 2026-12-06 … INFO sbbot.scheduler: posted …"
    left the member typing after a log line with no prompt."""
    async with chat_on("terminal", engine, clock, request) as chat:
        assert isinstance(chat, TerminalChat)
        await chat.say("!raison 1")
        before = chat.screen.text
        logging.getLogger("sbbot.scheduler").warning("une ligne du journal")
        await asyncio.sleep(0.05)
        assert chat.screen.text == before + "\n" + PROMPT
        assert "une ligne du journal" in caplog.text
        assert (await chat.say("!raison 2")).text.startswith("Raison n°2 ")


async def test_a_line_that_fails_is_said_and_the_conversation_goes_on(
        engine: Engine, clock: FakeClock, request: pytest.FixtureRequest,
        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception in a command ("!citation" on knowledge without quotes raised one) ended
    `sbbot chat` with a traceback; discord.py and the Matrix adapter log it and go on."""
    handle = engine.handle

    async def failing(message: Message) -> Reply | None:
        if message.text == "!raison 1":
            raise RuntimeError("a fault in a command")
        return await handle(message)

    monkeypatch.setattr(engine, "handle", failing)
    async with chat_on("terminal", engine, clock, request) as chat:
        said = await chat.say("!raison 1")
        assert said.text == FAILED_REPLY
        assert "a fault in a command" in caplog.text
        assert (await chat.say("!raison 2")).text.startswith("Raison n°2 ")
