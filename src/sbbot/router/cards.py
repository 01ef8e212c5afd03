"""What the router knows of the knowledge's event cards, read once when it is built.

An event card is an entry unlike passages: its first lines name the event, each of its lines
says one thing (a date, a speaker, a price), and it is a gathering of some kind and something
planned whatever words its post uses. The ranking, the re-ordering (`preferring.py`) and the
verdict's checks (`apart.py`, `doubts.py`) read these tables at every question.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sbbot.entries import Entry, naming
from sbbot.language.giving import gives
from sbbot.router.preferring import GATHERINGS, PLANNED, SPEAKING


@dataclass(frozen=True)
class EventCards:
    """The event cards of one knowledge snapshot, by entry number, as index terms."""

    events: frozenset[int]
    """The entry numbers of the event cards."""
    naming: Mapping[int, frozenset[str]]
    """The terms of each card's name, date and place (`entries.naming`)."""
    gatherings: frozenset[str]
    """The terms of the words for a kind of gathering (`preferring.GATHERINGS`)."""
    held: frozenset[str]
    """What any card is, though it never writes it: a gathering, something planned, where
    speakers present."""
    speaking: frozenset[str]
    """The terms of what a speaker does at an event (`preferring.SPEAKING`): a card's
    speakers are who presents, speaks or testifies there, whatever its lines call them."""
    lines: Mapping[int, tuple[tuple[frozenset[str], bool], ...]]
    """Each card's lines, as their terms and whether each names someone."""


def event_cards(entries: Sequence[Entry], terms: Callable[[str], list[str]]) -> EventCards:
    """The tables of the `entries`' event cards, their words read as index terms (`terms`,
    the router's analyzer)."""
    events = frozenset(index for index, entry in enumerate(entries) if entry.type == "event")
    gatherings = frozenset(term for word in GATHERINGS for term in terms(word))
    planned = (term for word in PLANNED for term in terms(word))
    speaking = frozenset(term for word in SPEAKING for term in terms(word))
    return EventCards(
        events,
        {index: frozenset(terms(naming(entries[index]))) for index in events},
        gatherings,
        gatherings.union(planned, speaking),
        speaking,
        {index: tuple((frozenset(terms(line)), gives(line, "person"))
                      for line in entries[index].text.split("\n"))
         for index in events})
