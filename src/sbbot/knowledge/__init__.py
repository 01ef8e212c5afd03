"""The knowledge base: plain data loaded from `knowledge/*.yaml`, validated, immutable.

The file types themselves (`Post`, `Quote`, `Event`...) are in `sbbot.knowledge.model`.
"""

from __future__ import annotations

from sbbot.knowledge.loader import load_knowledge
from sbbot.knowledge.model import Knowledge
from sbbot.problems import KnowledgeError, Problem

__all__ = ["Knowledge", "KnowledgeError", "Problem", "load_knowledge"]
