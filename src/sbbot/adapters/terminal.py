"""The terminal adapter: try the whole bot with no chat server and no token.

The terminal member is an admin and the operator (it is the person running the bot), and
every line is addressed to the bot. Announcements that fall due are printed between the lines.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from sbbot.chat import Announcement, Message, Reply
from sbbot.conversation import Conversation, Incoming
from sbbot.cooldown import Cooldown
from sbbot.engine import Engine

PLATFORM = "terminal"
CHANNEL = "terminal"
PROMPT = "vous> "
GREETING = ("sbbot — posez une question sur les articles (en français ou en anglais),"
            " tapez !aide pour les commandes, Ctrl-D pour quitter.")


def terminal_incoming(text: str) -> Incoming:
    return Incoming(text, CHANNEL, CHANNEL, author="terminal", addressed=True, is_admin=True,
                    is_operator=True)


def terminal_message(text: str) -> Message:
    return Message(text, PLATFORM, CHANNEL, author="terminal", is_admin=True, addressed=True,
                   community=CHANNEL, is_operator=True)


class TerminalAdapter:
    platform = PLATFORM

    def __init__(self, engine: Engine, cooldown: Cooldown | None = None, *,
                 stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> None:
        self.conversation = Conversation(engine, PLATFORM, cooldown or Cooldown(0))
        self.stdin = stdin
        self.stdout = stdout
        self._closed = asyncio.Event()

    async def run(self) -> None:
        self._write(GREETING + "\n")
        loop = asyncio.get_running_loop()
        while not self._closed.is_set():
            self._write(PROMPT)
            line = await loop.run_in_executor(None, self.stdin.readline)
            if not line:
                self._write("\nÀ bientôt !\n")
                return
            await self.conversation.handle(terminal_incoming(line), self._print)

    async def close(self) -> None:
        self._closed.set()

    def connected(self) -> bool:
        return not self._closed.is_set()

    async def serves(self, channel: str) -> bool:
        return True

    async def _print(self, reply: Reply) -> None:
        self._write(f"sbbot> {reply.text}\n\n")

    async def announce(self, announcement: Announcement) -> None:
        self._write(f"\n[annonce] {announcement.text}\n\n{PROMPT}")

    def _write(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()
