"""Frozen dataclasses for everything the bot knows.

A `Knowledge` value is an immutable snapshot: a reload builds a new one and swaps it in a
single assignment, so a reader never sees half of an old snapshot and half of a new one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

EntryType = Literal["passage", "quote", "reason", "event"]


@dataclass(frozen=True)
class Hints:
    """Extra routing material an admin can attach to any entry without touching code.

    `questions` are example questions that should reach the entry; `keywords` are words a
    member might use that the text itself does not contain (synonyms, English terms).
    """

    questions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Passage:
    id: str
    post: str
    text: str
    hints: Hints = field(default_factory=Hints)


@dataclass(frozen=True)
class Post:
    slug: str
    title: str
    category: str | None
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class Quote:
    id: str
    text: str
    author: str
    language: str
    post: str
    context: str | None = None
    year: int | None = None
    hints: Hints = field(default_factory=Hints)


@dataclass(frozen=True)
class Reason:
    number: int
    id: str
    statement: str
    support: str
    post: str
    hints: Hints = field(default_factory=Hints)


@dataclass(frozen=True)
class Speaker:
    name: str
    affiliation: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    start: datetime
    timezone: str
    location: str
    summary: str
    post: str
    end: datetime | None = None
    date_note: str | None = None
    programme: tuple[str, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    price: str | None = None
    registration: str | None = None
    reminders: tuple[timedelta, ...] = ()
    hints: Hints = field(default_factory=Hints)


@dataclass(frozen=True)
class Entry:
    """One routable unit: what the router indexes and what an answer is built from."""

    id: str
    type: EntryType
    text: str
    post: str
    source: str
    hints: Hints


@dataclass(frozen=True)
class Knowledge:
    posts: tuple[Post, ...]
    quotes: tuple[Quote, ...]
    reasons: tuple[Reason, ...]
    events: tuple[Event, ...]
    synonyms: Mapping[str, str] = field(default_factory=dict)
    reasons_note: str = ""

    def post(self, slug: str) -> Post:
        for post in self.posts:
            if post.slug == slug:
                return post
        raise KeyError(slug)

    def entries(self) -> Iterator[Entry]:
        """Every routable entry, in a stable order (posts first, then quotes, reasons, events)."""
        titles = {post.slug: post.title for post in self.posts}
        for post in self.posts:
            for passage in post.passages:
                yield Entry(passage.id, "passage", passage.text, post.slug, post.title,
                            passage.hints)
        for quote in self.quotes:
            yield Entry(quote.id, "quote", render_quote(quote), quote.post, titles[quote.post],
                        quote.hints)
        for reason in self.reasons:
            yield Entry(reason.id, "reason", render_reason(reason), reason.post,
                        titles[reason.post], reason.hints)
        for event in self.events:
            yield Entry(event.id, "event", render_event(event), event.post, titles[event.post],
                        event.hints)


def render_quote(quote: Quote) -> str:
    attribution = quote.author if quote.year is None else f"{quote.author}, {quote.year}"
    if quote.context:
        attribution = f"{attribution} ({quote.context})"
    return f"« {quote.text} »\n— {attribution}"


def render_reason(reason: Reason) -> str:
    return f"Raison n°{reason.number} : {reason.statement}\n« {reason.support} »"


FRENCH_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre")


def french_date(moment: datetime) -> str:
    """'vendredi 4 avril 2014 à 08:30' — the way the posts themselves write dates."""
    return (f"{FRENCH_WEEKDAYS[moment.weekday()]} {moment.day} {FRENCH_MONTHS[moment.month - 1]}"
            f" {moment.year} à {moment:%H:%M}")


def render_event(event: Event) -> str:
    lines = [event.name, f"Quand : {french_date(event.start)} ({event.timezone})",
             f"Où : {event.location}", event.summary]
    if event.programme:
        lines.append("Programme :")
        lines.extend(f"– {item}" for item in event.programme)
    for speaker in event.speakers:
        details = ", ".join(part for part in (speaker.affiliation, speaker.role) if part)
        lines.append(f"Intervenant : {speaker.name}" + (f" ({details})" if details else ""))
    if event.price:
        lines.append(f"Tarif : {event.price}")
    if event.registration:
        lines.append(f"Inscription : {event.registration}")
    return "\n".join(lines)
