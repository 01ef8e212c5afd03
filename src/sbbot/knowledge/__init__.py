"""The knowledge base: plain data loaded from `knowledge/*.yaml`, validated, immutable."""

from __future__ import annotations

from sbbot.knowledge.document import KnowledgeError, Problem
from sbbot.knowledge.loader import load_knowledge
from sbbot.knowledge.model import (
    Entry,
    Event,
    Hints,
    Knowledge,
    Passage,
    Post,
    Quote,
    Reason,
    Speaker,
)

__all__ = [
    "Entry",
    "Event",
    "Hints",
    "Knowledge",
    "KnowledgeError",
    "Passage",
    "Post",
    "Problem",
    "Quote",
    "Reason",
    "Speaker",
    "load_knowledge",
]
