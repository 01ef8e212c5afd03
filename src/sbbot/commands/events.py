"""What members ask about the events the posts announce: `!agenda` and `!evenement`, and the
event card an answer shows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from rapidfuzz import fuzz, process

from sbbot.chat import Card, EntryRef, Reply
from sbbot.commands import Bot, Context
from sbbot.entries import french_date, render_event
from sbbot.inbound import PREFIX
from sbbot.knowledge.model import Event
from sbbot.language.cue_words import Cue
from sbbot.language.cues import question_cues
from sbbot.text import fold

ANSWER_FOOTER = "Source : « {} »"


def event_reply(event: Event, now: datetime, source: str, lead: str = "") -> Reply:
    when = relative_when(event, now)
    footer = ANSWER_FOOTER.format(source)
    text = f"{lead}{render_event(event)}\n{when}\n\n{footer}"
    speakers = "\n".join(
        ", ".join(part for part in (speaker.name, speaker.affiliation, speaker.role) if part)
        for speaker in event.speakers)
    card = Card(
        title=event.name,
        body=f"{lead}{event.summary}\n{when}",
        footer=footer,
        fields=tuple((label, value) for label, value in (
            ("Quand", f"{french_date(event.start)} ({event.timezone})"),
            ("Où", event.location),
            ("Programme", "\n".join(f"– {item}" for item in event.programme)),
            ("Intervenants", speakers),
            ("Tarif", event.price or ""),
            ("Inscription", event.registration or ""),
        ) if value),
    )
    return Reply(text, "command", EntryRef(event.id, "event", render_event(event), source),
                 None, card)


FACT_LINES: dict[Cue, tuple[str, ...]] = {"date": ("Quand",), "time": ("Quand",),
                                         "place": ("Où",), "price": ("Tarif", "Inscription"),
                                         "person": ("Intervenant",)}
"""The lines of an event card (their labels) that answer a question asking for that kind of
fact: "c'est combien ?" wants the price, "qui intervient ?" the speakers."""


IDENTITY = frozenset({"Quand", "Où"})
"""The lines that say which event the facts are of, shown with any of them."""


def asked_lines(event: Event, question: str) -> list[str]:
    """The lines of the event's card that the question asks for, after when and where it
    is, when it asks only for facts the card gives one by one (FACT_LINES); none when it
    asks about the event as a whole or for anything else (then the whole card answers)."""
    cues = question_cues(question)
    if not cues or not cues <= FACT_LINES.keys():
        return []
    labels = IDENTITY.union(*(FACT_LINES[cue] for cue in cues))
    return [line for line in render_event(event).splitlines()
            if line.partition(" : ")[0] in labels]


def fact_reply(event: Event, now: datetime, source: str, lines: list[str]) -> Reply:
    """The facts asked for, with how far the event is and where the rest is: an answer of a
    few lines instead of the fifteen of the whole card."""
    body = "\n".join([*lines, relative_when(event, now)])
    footer = (f"Tout le détail : {PREFIX}evenement {event.name}\n"
              f"{ANSWER_FOOTER.format(source)}")
    return Reply(f"{event.name}\n{body}\n\n{footer}", "command",
                 EntryRef(event.id, "event", render_event(event), source), None,
                 Card(title=event.name, body=body, footer=footer))


def days_until(event: Event, now: datetime) -> int:
    """Calendar days from today to the event's day, on the event's calendar."""
    return (event.start.date() - now.astimezone(event.start.tzinfo).date()).days


def in_progress(event: Event, now: datetime) -> bool:
    """Started and not over: only an event with an `end` can say so."""
    return event.end is not None and event.start <= now < event.end


def not_over(event: Event, now: datetime) -> bool:
    return event.start >= now or in_progress(event, now)


def relative_when(event: Event, now: datetime) -> str:
    days = days_until(event, now)
    if in_progress(event, now):
        assert event.end is not None
        return f"(C’est en ce moment, jusqu’à {event.end.astimezone(event.start.tzinfo):%H:%M}.)"
    if event.start < now:
        return "(Cet événement a déjà eu lieu.)"
    if days == 0:
        return "(C’est aujourd’hui !)"
    return "(C’est demain !)" if days == 1 else f"(Dans {days} jours.)"


def when_short(event: Event, now: datetime) -> str:
    """How far the event is, for a line of a list: 'passé', 'demain', 'dans 7 jours'."""
    if in_progress(event, now):
        return "en ce moment"
    if event.start < now:
        return "passé"
    days = days_until(event, now)
    return {0: "aujourd’hui", 1: "demain"}.get(days, f"dans {days} jours")


def source_title(context: Context, event: Event) -> str:
    return context.engine.knowledge.post(event.post).title


def shown(context: Context, event: Event, lead: str = "") -> Reply:
    """The event in detail; it becomes the subject of the member's next questions, as an
    answered question would ("!evenement matinee", then "c'est combien ?")."""
    engine, message = context.engine, context.message
    now = engine.clock()
    engine.follow_ups.remember((message.platform, message.channel, message.author),
                               f"{event.name} {event.location}", now)
    return event_reply(event, now, source_title(context, event), lead)


async def agenda(context: Context, arguments: str) -> Reply:
    now = context.engine.clock()
    events = sorted(context.engine.knowledge.events, key=lambda event: event.start)
    upcoming = [event for event in events if not_over(event, now)]
    if len(upcoming) == 1:
        return shown(context, upcoming[0])
    if upcoming:  # one line each: every card in full made a reply of several messages
        body = (f"{event_list(upcoming, now)}\nLe détail d’un événement : {PREFIX}evenement "
                f"NOM (par exemple {PREFIX}evenement {upcoming[0].name})")
        return Reply(f"Événements à venir :\n{body}", "command",
                     card=Card("Événements à venir", body))
    if not events:
        return Reply(NO_EVENT, "command")
    return shown(context, events[-1], lead=NONE_UPCOMING)


async def evenement(context: Context, arguments: str) -> Reply:
    events = context.engine.knowledge.events
    now = context.engine.clock()
    if not events:
        return Reply(NO_EVENT, "command" if not arguments else "error")
    if not arguments:
        listed = event_list(events, now)
        text = (f"Quel événement ? Tapez {PREFIX}evenement suivi de son nom, par exemple : "
                f"{PREFIX}evenement {event_order(events, now)[0].name}\n"
                f"Événements annoncés dans les articles :\n{listed}\n"
                f"Les événements à venir : {PREFIX}agenda")
        return Reply(text, "command", card=Card("Événements", text))
    if fold(arguments) in NEXT_WORDS:
        following = event_order(events, now)[0]  # the soonest to come, or the latest past
        return shown(context, following, "" if not_over(following, now) else NONE_UPCOMING)
    choices = {event.id: fold(f"{event.name} {event.location}") for event in events}
    match = process.extractOne(fold(arguments), choices, scorer=fuzz.token_set_ratio,
                               score_cutoff=60)
    if match is None:
        return Reply(f"Je ne connais pas d’événement « {context.echo(arguments, 40)} ». "
                     f"Événements connus :\n{event_list(events, now)}", "error")
    return shown(context, next(event for event in events if event.id == match[2]))


NO_EVENT = "Aucun événement n’est annoncé dans les articles."
NONE_UPCOMING = "Aucun événement à venir. Le dernier en date :\n"
NEXT_WORDS = frozenset({"prochain", "prochaine", "le prochain", "la prochaine", "suivant",
                        "suivante", "next", "the next", "next one"})
"""`!evenement prochain`: the member wants the next event, whatever its name."""
LISTED_EVENTS = 8
"""Events listed by name at most, so that a list stays one short chat message."""


def event_order(events: Iterable[Event], now: datetime) -> list[Event]:
    """The events a member most likely means first: the upcoming ones, soonest first, then
    the past ones, latest first."""
    upcoming = sorted((event for event in events if not_over(event, now)),
                      key=lambda event: event.start)
    past = sorted((event for event in events if not not_over(event, now)),
                  key=lambda event: event.start, reverse=True)
    return upcoming + past


def event_list(events: Iterable[Event], now: datetime) -> str:
    """One line per event (name, date, place, how far it is), as a member picks one."""
    ordered = event_order(events, now)
    lines = [f"• {event.name} — {french_date(event.start)}, {event.location} "
             f"({when_short(event, now)})" for event in ordered[:LISTED_EVENTS]]
    if len(ordered) > LISTED_EVENTS:
        lines.append(f"• … et {len(ordered) - LISTED_EVENTS} autres")
    return "\n".join(lines)


def event_choices(bot: Bot) -> Iterable[tuple[str, str]]:
    return ((event.name, event.name) for event in bot.knowledge.events)
