"""The off-topic threshold each baseline gets: the fairest one the dev set allows.

A baseline always has a best match; it answers when that match scores at least the
threshold and falls back otherwise. The threshold is chosen, per method and per knowledge
size (scores shift as the knowledge grows), to maximise

    in-domain accuracy + off-topic rejection

on the very questions it is then measured on. Both shares count equally whatever the
number of questions of each kind, so neither "always answer" nor "never answer" can win by
default, and tuning on the test questions can only flatter the baselines. Between two
observed scores every threshold scores the same, so the midpoint is taken; among equally
good midpoints the lowest wins, because a bot that answers more is the more useful one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Scored:
    score: float
    correct: bool
    """The best match is an expected entry (always False for an off-topic question)."""
    offtopic: bool


@dataclass(frozen=True)
class Rates:
    accuracy: float | None
    rejection: float | None


def rates(scored: Sequence[Scored], threshold: float) -> Rates:
    in_domain = [item for item in scored if not item.offtopic]
    offtopic = [item for item in scored if item.offtopic]
    return Rates(
        share(sum(item.correct and item.score >= threshold for item in in_domain),
              len(in_domain)),
        share(sum(item.score < threshold for item in offtopic), len(offtopic)),
    )


def share(count: int, total: int) -> float | None:
    return count / total if total else None


def choose_threshold(scored: Sequence[Scored]) -> float:
    levels = sorted({item.score for item in scored})
    if not levels:
        return 0.0
    candidates = [levels[0] - 1, *((low + high) / 2 for low, high in pairwise(levels)),
                  levels[-1] + 1]

    def objective(threshold: float) -> float:
        found = rates(scored, threshold)
        return (found.accuracy or 0.0) + (found.rejection or 0.0)

    best = max(objective(threshold) for threshold in candidates)
    return next(threshold for threshold in candidates if objective(threshold) == best)
