"""The terminal adapter: try the whole bot with no chat server and no token.

The terminal member is an admin and the operator (it is the person running the bot), and
every line is addressed to the bot. Announcements that fall due are printed between the lines.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from sbbot.chat import Card, Message, Reply
from sbbot.conversation import Incoming
from sbbot.cooldown import Cooldown
from sbbot.engine import FAILED_REPLY, Engine

from .base import ChatAdapter

log = logging.getLogger(__name__)
PLATFORM = "terminal"
CHANNEL = "terminal"
PROMPT = "vous> "
GREETING = ("sbbot — posez une question sur les articles (en français ou en anglais),"
            " tapez !aide pour les commandes, Ctrl-D pour quitter.")


@dataclass(frozen=True)
class TerminalSettings:
    operator: bool = True
    """Whether the person at the terminal runs the bot (admin and operator): always in
    `sbbot chat`; tests also play an ordinary member."""


def terminal_message(text: str) -> Message:
    return Message(text, PLATFORM, CHANNEL, author="terminal", is_admin=True, addressed=True,
                   community=CHANNEL, is_operator=True)


class PromptKeeper(logging.Filter):
    """Keeps the prompt of a terminal conversation whole around log lines (they go to stderr,
    the same screen): "vous> 2026-12-06 03:11:14 INFO sbbot.scheduler: posted …" left the
    member typing after a log line, with no prompt. A log line written while the prompt
    waits starts on a line of its own, and the prompt is written again after it."""

    def __init__(self, adapter: TerminalAdapter, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self.adapter, self.loop = adapter, loop

    def filter(self, record: logging.LogRecord) -> bool:
        if self.adapter.interrupted():
            with suppress(RuntimeError):  # the loop is closed: the conversation is over
                self.loop.call_soon_threadsafe(self.adapter.prompt_again)
        return True


class TerminalAdapter(ChatAdapter[TerminalSettings]):
    platform = PLATFORM
    stdin = sys.stdin
    stdout = sys.stdout

    def __init__(self, engine: Engine, settings: TerminalSettings, cooldown: Cooldown) -> None:
        super().__init__(engine, settings, cooldown)
        self.ready.set()
        """The terminal can print an announcement at any time."""
        self._prompting = False
        """Whether the prompt is the last thing written, waiting for a line."""

    async def connect(self) -> None:
        keeper = PromptKeeper(self, asyncio.get_running_loop())
        handlers = list(logging.getLogger().handlers)
        for handler in handlers:
            handler.addFilter(keeper)
        try:
            await self._converse()
        finally:
            for handler in handlers:
                handler.removeFilter(keeper)

    async def _converse(self) -> None:
        self._write(GREETING + "\n")
        while not self.closing.is_set():
            self._prompt()
            line = await self._next_line()
            self._prompting = False
            if not line:
                self._write("\nÀ bientôt !\n")
                return
            if not line.strip():  # Enter on an empty prompt: a new prompt, as in a shell
                continue
            operator = self.settings.operator
            try:
                await self.hear(Incoming(line, CHANNEL, CHANNEL, author="terminal",
                                         addressed=True, is_admin=operator,
                                         is_operator=operator), self._print)
            except Exception:  # as discord.py and the Matrix adapter do: one line fails
                log.exception("terminal: the line could not be answered")
                self._write(f"sbbot> {FAILED_REPLY}\n\n")

    async def _next_line(self) -> str:
        """The next line typed, or "" at the end of input or once the adapter is closing.

        The blocking read runs in a daemon thread of its own, not the loop's executor: a stop
        (Ctrl-C, SIGTERM) must not wait for the member to press Enter, and the executor's
        threads are joined when the process exits, which kept a stopped bot alive until then.
        """
        loop = asyncio.get_running_loop()
        line: asyncio.Future[str] = loop.create_future()

        def deliver(text: str) -> None:
            if not line.done():
                line.set_result(text)

        def read() -> None:
            try:
                text = self.stdin.readline()
            except (OSError, ValueError):  # stdin closed under the thread
                text = ""
            with suppress(RuntimeError):  # the loop ended while the thread was reading
                loop.call_soon_threadsafe(deliver, text)

        threading.Thread(target=read, name="terminal-input", daemon=True).start()
        closing = asyncio.ensure_future(self.closing.wait())
        waiting: set[asyncio.Future[Any]] = {line, closing}
        try:
            await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        finally:
            closing.cancel()
        return line.result() if line.done() else ""

    async def disconnect(self) -> None:
        """`_next_line` returns as soon as `closing` is set."""

    async def _print(self, reply: Reply) -> None:
        self._write(f"sbbot> {reply.text}\n\n")

    async def post(self, channel: str, text: str, card: Card | None) -> None:
        self._write(f"\n[annonce] {text}\n\n")
        self._prompt()

    def _prompt(self) -> None:
        self._write(PROMPT)
        self._prompting = True

    def interrupted(self) -> bool:
        """A log line is about to be written: True if it would follow the prompt (then the
        line is ended first, so the log line starts on its own)."""
        if not self._prompting:
            return False
        self._prompting = False
        self._write("\n")
        return True

    def prompt_again(self) -> None:
        if not self._prompting and not self.closing.is_set():
            self._prompt()

    def _write(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()
