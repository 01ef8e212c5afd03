"""Routing quality on our evaluation sets, through the real router on the shipped knowledge.

`devset.yaml` is what the router was tuned on; `heldout.yaml` was written separately and is
only reported, so an overfitted router shows up as a gap between the two figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from sbbot.knowledge import load_knowledge
from sbbot.router import Router
from tests.conftest import KNOWLEDGE_DIR

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Score:
    in_domain: int
    correct: int
    off_topic: int
    rejected: int
    failures: tuple[str, ...]

    @property
    def accuracy(self) -> float:
        return self.correct / self.in_domain

    @property
    def rejection(self) -> float:
        return self.rejected / self.off_topic


def load_questions(name: str) -> list[dict[str, Any]]:
    questions: list[dict[str, Any]] = yaml.safe_load((DATA / name).read_text())["questions"]
    return questions


def evaluate(router: Router, questions: list[dict[str, Any]]) -> Score:
    correct = rejected = off_topic = 0
    failures = []
    for item in questions:
        result = router.route(item["q"])
        got = None if result.best is None else result.best.entry.id
        if item["expect"] == "offtopic":
            off_topic += 1
            if result.verdict == "unknown":
                rejected += 1
            else:
                failures.append(f"off-topic {item['q']!r} -> {result.verdict} {got}")
        elif result.verdict == "answer" and got in item["expect"]:
            correct += 1
        else:
            failures.append(f"{item['q']!r} -> {result.verdict} {got}")
    return Score(len(questions) - off_topic, correct, off_topic, rejected, tuple(failures))


@pytest.fixture(scope="module")
def router() -> Router:
    return Router(load_knowledge(KNOWLEDGE_DIR))


def test_evaluation_sets_are_well_formed(router: Router) -> None:
    ids = {entry.id for entry in router.entries}
    for name in ("devset.yaml", "heldout.yaml"):
        questions = load_questions(name)
        assert sum(item["expect"] == "offtopic" for item in questions) >= 10
        for item in questions:
            if item["expect"] != "offtopic":
                assert set(item["expect"]) <= ids, item["q"]
    assert len(load_questions("devset.yaml")) >= 60


def test_dev_set_accuracy_and_rejection(router: Router) -> None:
    score = evaluate(router, load_questions("devset.yaml"))
    report = "\n".join(score.failures)
    assert score.accuracy >= 0.95, f"in-domain accuracy {score.accuracy:.1%}\n{report}"
    assert score.rejection == 1.0, f"off-topic rejection {score.rejection:.1%}\n{report}"


def test_held_out_set_is_reported(router: Router, capsys: pytest.CaptureFixture[str]) -> None:
    score = evaluate(router, load_questions("heldout.yaml"))
    with capsys.disabled():
        print(f"\nheld-out: in-domain {score.accuracy:.1%} of {score.in_domain}, "
              f"off-topic rejected {score.rejection:.1%} of {score.off_topic}")
    assert score.accuracy >= 0.8
    assert score.rejection >= 0.9
