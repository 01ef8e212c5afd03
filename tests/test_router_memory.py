"""What the router remembers of the entries it met stays bounded, and never changes an answer.

Passages are read on first use (their proper nouns, folded start, the cues they give) and
remembered; those without hints in bounded memos: at a million entries an unbounded memo
would end up holding something of every passage ever ranked.
"""

from __future__ import annotations

import pytest

from benchmarks.synthetic import synthetic_entries
from sbbot.entries import entries_of
from sbbot.evaluation import load_set
from sbbot.knowledge import load_knowledge
from sbbot.router import Router, readings
from tests.conftest import KNOWLEDGE_DIR, ROOT

BOUND = 3


def test_what_is_remembered_of_unhinted_entries_is_bounded_and_changes_no_answer(
        monkeypatch: pytest.MonkeyPatch) -> None:
    knowledge = load_knowledge(KNOWLEDGE_DIR)
    entries = synthetic_entries(list(entries_of(knowledge)), 3_000, 0)
    # devset and dev2: the router stops reading an entry once its verdict is settled as
    # unknown, so the dev set alone no longer meets enough unhinted entries' names
    questions = [item.text for name in ("devset", "dev2")
                 for item in load_set(ROOT / "tests" / "data" / f"{name}.yaml")]
    unbounded = Router(entries, dict(knowledge.synonyms))
    expected = [unbounded.route(question) for question in questions]
    memos = unbounded._readings
    remembered = (len(memos._met_names), len(memos._met_keys), len(memos._read))
    assert min(remembered) > BOUND  # the dev set does meet more unhinted entries than that

    monkeypatch.setattr(readings, "READ_MEMO", BOUND)
    bounded = Router(entries, dict(knowledge.synonyms))
    for question, answer in zip(questions, expected, strict=True):
        assert bounded.route(question) == answer
        memos = bounded._readings
        assert max(len(memos._met_names), len(memos._met_keys), len(memos._read)) <= BOUND


def test_hinted_entries_are_read_on_first_use_and_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hinted entries (the usual answers) are not read at build, where every cue of
    every one of them cost a fifth of the start-up, but when a question asks; what is read
    of them is kept past the bound of the others' memos."""
    monkeypatch.setattr(readings, "READ_MEMO", BOUND)
    router = Router(load_knowledge(KNOWLEDGE_DIR))
    memos = router._readings
    assert not (memos._kept_read or memos._kept_names or memos._kept_keys)
    for item in load_set(ROOT / "tests" / "data" / "devset.yaml"):
        router.route(item.text)
    assert len(memos._kept_read) > BOUND and len(memos._kept_keys) > BOUND
