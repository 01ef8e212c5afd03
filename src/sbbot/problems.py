"""The report of a mistake in a file: `file:line: field: message`, and the error that carries them.

The knowledge loader, the importer's notes and the snapshot builder (whose child process hands
problems back as JSON) all speak it, so it lives below them: the importer and the snapshot
need it without loading the knowledge schema.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DOCUMENT = "(document)"
"""Field name of problems that concern a whole file rather than one of its fields."""


def display_path(path: Path) -> str:
    """A problem's file as it is shown: relative to the working directory when it is below
    it, which is shorter and clickable in a terminal."""
    return str(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)


@dataclass(frozen=True)
class Problem:
    """One mistake in one file, located precisely enough for an admin to jump to it.

    `line` is 1-based (for a missing field: the line of the mapping that lacks it); `field`
    is a dotted path with 0-based list indices, e.g. `passages[3].text`, or `(document)`.
    """

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class KnowledgeError(Exception):
    """The knowledge files do not validate; `problems` holds every mistake found, in file order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(map(str, self.problems)))
