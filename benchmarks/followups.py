"""How often reading a question as a follow-up turns a declined question into an answer.

    python -m benchmarks.followups

Each off-topic question of the tuning sets (`devset.yaml`, `dev2.yaml`) is asked just
after each of a few answered questions, by the same member, on the shipped knowledge and
on the same knowledge without hints and glossary. A pair counts when the question alone is
not answered with confidence but is after the subject: a confident answer the bot gives
only because of the conversation, which for an off-topic question is a wrong one.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sbbot.evaluation import load_set, stripped
from sbbot.followups import FollowUps
from sbbot.knowledge import load_knowledge
from sbbot.router import Router

ROOT = Path(__file__).resolve().parents[1]
SUBJECTS = ("Quand a lieu la matinée à Genève ?", "Qui est Jane McConnell ?",
            "who is guillaume foltran", "c'est quoi la digital workplace ?",
            "Que penser du big data ?")
SPEAKER = ("bench", "channel", "member")


def answered_only_after_a_subject(router: Router, questions: list[str]) -> list[str]:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    found = []
    for subject in SUBJECTS:
        for question in questions:
            follow_ups = FollowUps()
            if follow_ups.route(router, SPEAKER, subject, now).verdict != "answer":
                continue
            if (router.route(question).verdict != "answer"
                    and follow_ups.route(router, SPEAKER, question, now).verdict == "answer"):
                found.append(f"{subject} -> {question}")
    return found


def main() -> None:
    knowledge = load_knowledge(ROOT / "knowledge")
    questions = [question.text for name in ("devset", "dev2")
                 for question in load_set(ROOT / "tests" / "data" / f"{name}.yaml")
                 if question.offtopic]
    for label, router in (("shipped", stripped(knowledge)),
                          ("bare", stripped(knowledge, hints=False, glossary=False))):
        found = answered_only_after_a_subject(router, questions)
        print(f"{label}: {len(found)} of {len(SUBJECTS) * len(questions)} pairs answered only"
              " after a subject")
        for pair in found:
            print(f"    {pair}")


if __name__ == "__main__":
    main()
