"""Per-member spacing of questions, shared by every chat platform.

Platform-neutral on purpose (no discord or nio import): `sbbot.conversation` decides what
counts as a question, for every platform, and asks `Cooldown.admit`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

QUESTION_COMMAND = "question"
"""The one command that counts as a question for the cooldown, like free questions."""


class Cooldown:
    """Per-member spacing of questions, so one member cannot flood a channel through the bot.

    A member who asks too soon is told once how long to wait; further attempts in the same
    wait get silence, or the bot's notices would become the flood.
    """

    PRUNE_AT = 1024

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self._asked: dict[str, float] = {}
        self._told: set[str] = set()

    def admit(self, member: str) -> bool:
        """True if `member` may ask now, which starts their next wait."""
        now = self.clock()
        if self.seconds <= 0:
            return True
        if now - self._asked.get(member, -self.seconds) < self.seconds:
            return False
        if len(self._asked) >= self.PRUNE_AT:
            self._asked = {key: at for key, at in self._asked.items()
                           if now - at < self.seconds}
        self._asked[member] = now
        self._told.discard(member)
        return True

    def notice(self, member: str) -> str | None:
        """The French notice for a refused question, only the first time in a wait."""
        if member in self._told:
            return None
        self._told.add(member)
        left = max(1, round(self.seconds - (self.clock() - self._asked[member])))
        unit = "seconde" if left == 1 else "secondes"
        return (f"Merci de votre patience : je réponds à chacun à son tour. Vous pourrez me "
                f"poser une nouvelle question dans {left} {unit}.")
