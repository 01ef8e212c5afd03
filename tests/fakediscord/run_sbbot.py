"""`python -m tests.fakediscord.run_sbbot URL ARGS...`: the real `sbbot ARGS...` in this
process, with discord.py's REST base and gateway pointed at the fake Discord at URL.

The soak test starts real bot processes this way: everything but those two addresses is
the shipped command.
"""

from __future__ import annotations

import sys

import discord

from sbbot.cli import main
from tests.fakediscord.server import endpoints

if __name__ == "__main__":
    discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = \
        endpoints(sys.argv[1])
    sys.exit(main(sys.argv[2:]))
