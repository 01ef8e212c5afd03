"""The terminal conversation as the person at the keyboard sees it: the real adapter, the
real engine, a keyboard and a screen in place of stdin and stdout."""

from __future__ import annotations

import asyncio
import logging

import pytest

from sbbot.adapters.terminal import PROMPT
from sbbot.engine import Engine
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
