"""From SOURCE files to drafts: posts cut into passages, quotes, events, and the notes.

Ids are built from content (the post's title, the passage's first words, the quote's
author), never from a counter or the clock, so importing the same post twice gives the same
ids, and a passage keeps its id when another one is added before it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sbbot.importer.cleanup import clean_post
from sbbot.importer.cutting import Cut, Unit, cut
from sbbot.importer.document import Notes, SourcePost
from sbbot.importer.events import DraftEvent, Mention, draft_events, mentions_in
from sbbot.importer.prose import slugify
from sbbot.importer.quotes import DraftQuote, find_quotes
from sbbot.importer.sources import read_source

CATEGORY = re.compile(r"^\s*\[(?P<category>[^\]]{1,20})\]\s*")
SLUG_WORDS = 5
ID_WORDS = 3


@dataclass(frozen=True)
class DraftPassage:
    id: str
    text: str
    line: int


@dataclass(frozen=True)
class DraftPost:
    slug: str
    title: str
    category: str | None
    origin: str
    line: int
    passages: tuple[DraftPassage, ...]


@dataclass(frozen=True)
class QuoteDraft:
    id: str
    post: str
    quote: DraftQuote


@dataclass
class Drafts:
    posts: list[DraftPost] = field(default_factory=list)
    quotes: list[QuoteDraft] = field(default_factory=list)
    events: list[DraftEvent] = field(default_factory=list)
    notes: Notes = field(default_factory=Notes)


class Ids:
    """Hands out ids unique across the drafts and the knowledge already in place."""

    def __init__(self, taken: Collection[str] = ()) -> None:
        self.taken = set(taken)

    def claim(self, base: str) -> str:
        base = base.strip("-") or "entree"
        candidate, number = base, 2
        while candidate in self.taken:
            candidate, number = f"{base}-{number}", number + 1
        self.taken.add(candidate)
        return candidate


def post_slug(title: str) -> str:
    return slugify(CATEGORY.sub("", title), SLUG_WORDS) or "billet"


def draft(paths: Sequence[Path], taken_ids: Collection[str] = ()) -> Drafts:
    """Read every SOURCE and draft its knowledge; SourceError if one cannot be read."""
    drafts = Drafts()
    ids = Ids(taken_ids)
    slugs = Ids()
    mentions: list[Mention] = []
    units_by_post: dict[str, Sequence[Unit]] = {}
    read: dict[tuple[str, tuple[str, ...]], SourcePost] = {}
    for path in paths:
        for source_post in read_source(path):
            same = read.setdefault(content_of(source_post), source_post)
            if same is not source_post:
                drafts.notes.add(source_post, source_post.line, post_slug(source_post.title),
                                 f"the same post as {same.origin}, line {same.line}: skipped")
                continue
            slug = slugs.claim(post_slug(source_post.title))
            post = clean_post(source_post, slug, drafts.notes)
            cuts = cut(post)
            if not cuts:
                drafts.notes.add(post, post.line, slug, "no text found: post skipped")
                continue
            drafts.posts.append(draft_post(post, slug, cuts, ids))
            units = [unit for piece in cuts for unit in piece.units]
            units_by_post[slug] = units
            for quote in find_quotes(post, cuts, slug, drafts.notes):
                base = f"{slugify(quote.author.split()[-1], 1)}-{slugify(quote.text, 3)}"
                drafts.quotes.append(QuoteDraft(ids.claim(base), slug, quote))
            mentions.extend(mentions_in(post, slug, units))
    for event in draft_events(mentions, units_by_post, drafts.notes):
        event_id = ids.claim(event.id)
        drafts.events.append(event if event_id == event.id else replace(event, id=event_id))
    return drafts


def content_of(post: SourcePost) -> tuple[str, tuple[str, ...]]:
    """A post's title and text: the same page saved twice, or one file named twice on the
    command line (a glob and a name), made two posts with the same passages."""
    return post.title, tuple(block.text for block in post.blocks)


def draft_post(post: SourcePost, slug: str, cuts: list[Cut], ids: Ids) -> DraftPost:
    prefix = slug.split("-")[0]
    passages = tuple(DraftPassage(ids.claim(f"{prefix}-{slugify(piece.text, ID_WORDS)}"),
                                  piece.text, piece.line) for piece in cuts)
    category = CATEGORY.match(post.title)
    return DraftPost(slug=slug, title=post.title,
                     category=category["category"].upper() if category else None,
                     origin=post.origin, line=post.line, passages=passages)
