"""The knowledge and the router built from it, and what a reload changed.

It sits below both the engine and the admin commands, so that neither has to import the
other to reload or to describe a reload.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sbbot.knowledge import Knowledge, load_knowledge
from sbbot.router import Router


@dataclass(frozen=True)
class Snapshot:
    """Knowledge and the router built from it, always swapped together."""

    knowledge: Knowledge
    router: Router

    @classmethod
    def load(cls, directory: Path) -> Snapshot:
        knowledge = load_knowledge(directory)
        return cls(knowledge, Router(knowledge))


@dataclass(frozen=True)
class ReloadReport:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]


def reload(directory: Path, current: Snapshot) -> tuple[Snapshot, ReloadReport]:
    """A new snapshot of `directory` and how its entries differ from `current`'s; raises
    KnowledgeError (and builds nothing) when the files do not validate."""
    new = Snapshot.load(directory)
    old_entries = {entry.id: entry for entry in current.knowledge.entries()}
    new_entries = {entry.id: entry for entry in new.knowledge.entries()}
    return new, ReloadReport(
        added=tuple(sorted(new_entries.keys() - old_entries.keys())),
        removed=tuple(sorted(old_entries.keys() - new_entries.keys())),
        changed=tuple(sorted(
            entry_id for entry_id in new_entries.keys() & old_entries.keys()
            if new_entries[entry_id] != old_entries[entry_id]
        )),
    )
