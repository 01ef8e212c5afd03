"""The knowledge as the router and the replies see it: routable entries, rendered in French.

The knowledge package declares and validates what the files hold; how a quote, a reason or
an event reads to a member is decided here, once, for the router's index and the replies.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sbbot.calendar_names import FRENCH_MONTHS, FRENCH_WEEKDAYS
from sbbot.knowledge.model import Event, Hints, Knowledge, Quote, Reason


@dataclass(frozen=True)
class Entry:
    """One routable unit: what the router indexes and what an answer is built from."""

    id: str
    type: Literal["passage", "quote", "reason", "event"]
    text: str
    post: str
    source: str
    hints: Hints


def entries_of(knowledge: Knowledge) -> Iterator[Entry]:
    """Every routable entry, in a stable order (posts first, then quotes, reasons, events)."""
    titles = {post.slug: post.title for post in knowledge.posts}
    for post in knowledge.posts:
        for passage in post.passages:
            yield Entry(passage.id, "passage", passage.text, post.slug, post.title,
                        passage.hints)
    for quote in knowledge.quotes:
        yield Entry(quote.id, "quote", render_quote(quote), quote.post, titles[quote.post],
                    quote.hints)
    for reason in knowledge.reasons:
        yield Entry(reason.id, "reason", render_reason(reason), reason.post,
                    titles[reason.post], reason.hints)
    for event in knowledge.events:
        yield Entry(event.id, "event", render_event(event), event.post, titles[event.post],
                    event.hints)


def render_quote(quote: Quote) -> str:
    attribution = quote.author if quote.year is None else f"{quote.author}, {quote.year}"
    if quote.context:
        attribution = f"{attribution} ({quote.context})"
    return f"« {quote.text} »\n— {attribution}"


def render_reason(reason: Reason) -> str:
    return f"Raison n°{reason.number} : {reason.statement}\n« {reason.support} »"


def french_date(moment: datetime) -> str:
    """'vendredi 4 avril 2014 à 08:30' — the way the posts themselves write dates."""
    return (f"{FRENCH_WEEKDAYS[moment.weekday()]} {moment.day} {FRENCH_MONTHS[moment.month - 1]}"
            f" {moment.year} à {moment:%H:%M}")


EVENT_HEAD = 4
"""An event card's first lines (its name, date, place and summary, as `render_event` writes
them) say what the event is; the lines after them give its parts (programme, speakers) and
its terms (price, registration)."""


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


EVENT_NAMING = 3
"""An event card's first lines that name it as members do: its name, date and place (the
summary after them also names its speakers, who are not the event)."""


def naming(entry: Entry) -> str:
    """What an event card is called by: its first lines (`EVENT_NAMING`); nothing for a
    passage."""
    return "\n".join(entry.text.split("\n")[:EVENT_NAMING]) if entry.type == "event" else ""


def head(entry: Entry) -> str:
    """What an entry says it is about as a whole, apart from its parts: an event card's
    first lines (`EVENT_HEAD`), so that its price is the price of what they name; nothing for
    a passage, whose every sentence stands for itself."""
    return "\n".join(entry.text.split("\n")[:EVENT_HEAD]) if entry.type == "event" else ""
