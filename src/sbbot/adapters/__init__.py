"""Platform adapters: each translates between one chat platform and the shared message path.

The registry below is all the rest of sbbot knows about platforms: `sbbot run` reads their
settings and starts the configured ones from it (the terminal when none is). Adding a
platform is a module here and a line in `PLATFORMS` (see docs/adding-a-platform.md).
"""

from __future__ import annotations

from .base import ChatAdapter
from .discord_config import DISCORD
from .matrix_config import MATRIX
from .platform import Platform
from .terminal import TerminalSettings, terminal_message

PLATFORMS: tuple[Platform, ...] = (DISCORD, MATRIX)
TERMINAL = Platform(name="terminal", prefix="SBBOT_", settings=frozenset(), secrets=(),
                    reader=lambda env: TerminalSettings(),
                    adapter="sbbot.adapters.terminal:TerminalAdapter")

__all__ = ["PLATFORMS", "TERMINAL", "ChatAdapter", "Platform", "terminal_message"]
