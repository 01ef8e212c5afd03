"""`python -m tests.fakediscord.run_sbbot URL ARGS...`: the real `sbbot ARGS...` in this
process, with discord.py's REST base and gateway pointed at the fake Discord at URL.

The soak test starts real bot processes this way: everything but those two addresses is
the shipped command. The process also ends when the test that started it is gone (killed
or timed out before its clean-up), instead of polling its clock forever.
"""

from __future__ import annotations

import os
import sys
import threading
import time

import discord

from sbbot.cli import main
from tests.fakediscord.rest import endpoints


def exit_with_parent(interval: float = 0.5) -> None:
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


if __name__ == "__main__":
    exit_with_parent()
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = \
        endpoints(sys.argv[1])
    sys.exit(main(sys.argv[2:]))
