"""What every compared method is: built from the entries, then asked for its best entry."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from sbbot.entries import Entry
from sbbot.router import Verdict


@dataclass(frozen=True)
class Best:
    entry_id: str | None
    score: float
    verdict: Verdict | None = None
    """The router's own decision; None for a baseline, which is judged by its threshold."""


class Matcher(Protocol):
    def best(self, text: str) -> Best: ...


Builder = Callable[[Sequence[Entry], Mapping[str, str]], Matcher]
