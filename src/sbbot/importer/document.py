"""What every source format is read into: posts made of blocks, each with its line.

Sources differ (a page, a Markdown file, a dump of several posts) but the cutting, quote and
event rules only need blocks in reading order with enough structure to read like a reader:
a heading, a list, a block quote or a paragraph of one or more lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from sbbot.problems import Problem

BlockKind = Literal["paragraph", "heading", "list", "quote"]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    lines: tuple[str, ...]
    line: int
    """1-based line of the block in its source file (for a web page: its rank in the page)."""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class SourcePost:
    title: str
    origin: str
    """The file the post was read from, as given on the command line."""
    line: int
    blocks: tuple[Block, ...]
    published: date | None = None
    structured: bool = False
    """Whether headings and lists come from markup (HTML, Markdown) rather than guesses."""


@dataclass
class Notes:
    """What the importer could not decide, for the admin to check by hand: located like a
    knowledge problem (file and line of the source, the post's slug in place of a field)."""

    items: list[Problem] = field(default_factory=list)

    def add(self, post: SourcePost, line: int, slug: str, message: str) -> None:
        self.items.append(Problem(post.origin, line, slug, message))
