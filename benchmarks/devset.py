"""The dev set: questions with the entries that answer them, or none for off-topic ones."""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from sbbot.evaluation import EvaluationError, load_set


class DevsetError(Exception):
    """The dev set file is missing or malformed; the message names the question."""


@dataclass(frozen=True)
class Question:
    text: str
    expect: frozenset[str]
    """Ids of the entries that answer it; empty for an off-topic question."""
    lang: str

    @property
    def offtopic(self) -> bool:
        return not self.expect


def load_questions(path: Path, known_ids: Collection[str]) -> tuple[Question, ...]:
    """Read a set of `sbbot.evaluation`'s format; the benchmarks judge by entry ids.

    Expected ids are checked against the knowledge: a renamed entry would otherwise count
    as a wrong answer for every method and silently lower every accuracy.
    """
    try:
        items = load_set(path)
    except EvaluationError as error:
        raise DevsetError(str(error)) from None
    questions = []
    for number, item in enumerate(items, 1):
        if not item.offtopic and not item.ids:
            raise DevsetError(f"{path}: question {number} has no entry ids in `expect`")
        unknown = sorted(item.ids - set(known_ids))
        if unknown:
            raise DevsetError(f"{path}: question {number} expects unknown entries "
                              f"{', '.join(unknown)}")
        questions.append(Question(item.text, item.ids, item.lang))
    if not questions:
        raise DevsetError(f"{path}: no questions")
    return tuple(questions)


def stratified_order(questions: Sequence[Question], seed: int) -> tuple[Question, ...]:
    """A fixed shuffle in which every prefix keeps the in-domain / off-topic proportion.

    Slow baselines at large sizes only get through a prefix of the questions before their
    time box runs out; this keeps that prefix a fair sample of both kinds.
    """
    rng = random.Random(seed)
    groups = [[q for q in questions if not q.offtopic], [q for q in questions if q.offtopic]]
    for group in groups:
        rng.shuffle(group)
    keyed = [((position + 0.5) / len(group), kind, question)
             for kind, group in enumerate(groups) for position, question in enumerate(group)]
    return tuple(question for _, _, question in sorted(keyed, key=lambda item: item[:2]))
