"""Draft events: a day and month, a time and a place the posts announce.

Blog posts announce events the way people talk: "le vendredi 4 avril", "à partir de 08:30",
"à Genève", rarely with the year. The year is inferred from the post (its publication date,
or else the latest year it mentions and the weekday it gives) and the reasoning is written
in `date_note`, in French like everything the bot may show. Mentions of the same day and
place in several posts are one event. A date the post gives as past (a year earlier than
the post's own dates), or a date with no time or no place, is not drafted but reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sbbot.calendar_names import (
    ENGLISH_MONTHS,
    ENGLISH_WEEKDAYS,
    FRENCH_MONTHS,
    FRENCH_WEEKDAYS,
    MONTH_NUMBERS,
)
from sbbot.importer.cutting import Unit
from sbbot.importer.document import Notes, SourcePost
from sbbot.importer.programme import DraftSpeaker, announcement, programme, speakers
from sbbot.importer.prose import fold, sentences, slugify

WEEKDAYS = {name: number for names in (FRENCH_WEEKDAYS, ENGLISH_WEEKDAYS)
            for number, name in enumerate(names)}
WEEKDAY = "|".join(WEEKDAYS)
FRENCH_DATE = re.compile(
    rf"\b(?:(?P<weekday>{WEEKDAY})\s+)?(?P<day>1er|[12]?\d|3[01])\s+"
    rf"(?P<month>{'|'.join(FRENCH_MONTHS)})(?:\s+(?P<year>(?:19|20)\d\d))?\b", re.IGNORECASE)
ENGLISH_DATE = re.compile(
    rf"\b(?:(?P<weekday>{WEEKDAY}),?\s+)?(?P<month>{'|'.join(ENGLISH_MONTHS)})\s+"
    rf"(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
    re.IGNORECASE)
TIME = re.compile(r"(?<![\d/])(?P<hour>[01]?\d|2[0-3])\s?(?::|h|heures?\s?)(?P<minute>[0-5]\d)?"
                  r"(?![\d/])")
PLACE = re.compile(r"(?:\bà|\bau|\bin|\bat)\s+(?P<place>[A-ZÀ-Ý][\w’'-]+(?:[ -][A-ZÀ-Ý][\w’'-]+)*)")
YEAR = re.compile(r"(?<![\d/.-])(?:\d{1,2}/\d{1,2}/)?(?P<year>(?:19|20)\d\d)(?!\d)")
NAME_BEFORE = re.compile(r"(?:\b(?:[Ll]a|[Ll]es?|[Tt]he)\s+|\b[Ll][’'])"
                         r"(?P<name>[A-ZÀ-Ý][^,.;:!?()«»\n]{2,60}?)\s+(?:du|de|le|on)\s*$")
PRICE = re.compile(r"(?:\bl[’'](?=[eai])|\b(?:la|the)\s+(?=participation|inscription|"
                   r"admission|entrance))?"
                   r"(?:participation|entrée|accès|inscription|admission|entrance)\s+"
                   r"(?:est\s+|is\s+)?(?:gratuite?|libre|free)|\bgratuite?s?\b|\bfree\b|"
                   r"\d+(?:[.,]\d\d)?\s?(?:€|euros?|CHF|francs?)|[$€£]\s?\d+", re.IGNORECASE)
"""A price as the post words it, its article included ("L’entrée est libre", not "entrée est
libre")."""
REGISTRATION = re.compile(r"\binscri|\bregist|\bsign[ -]?up", re.IGNORECASE)
SEARCH_YEARS = 7
"""A weekday and day of month repeat within at most eleven years; the nearest match is taken
within seven, closer ones being far likelier for an announcement."""
CITY_ZONES = {
    "geneve": "Europe/Zurich", "lausanne": "Europe/Zurich", "zurich": "Europe/Zurich",
    "berne": "Europe/Zurich", "bale": "Europe/Zurich", "bruxelles": "Europe/Brussels",
    "luxembourg": "Europe/Luxembourg", "montreal": "America/Toronto",
    "quebec": "America/Toronto", "london": "Europe/London", "londres": "Europe/London",
}
DEFAULT_ZONE = "Europe/Paris"


@dataclass(frozen=True)
class Mention:
    post: SourcePost
    slug: str
    unit: Unit
    day: int
    month: int
    weekday: int | None
    year: int | None
    time: tuple[int, int] | None
    place: str | None
    sentence: str
    name: str | None


@dataclass(frozen=True)
class DraftEvent:
    id: str
    name: str
    start: datetime
    timezone: str
    date_note: str
    location: str
    summary: str
    post: str
    line: int
    price: str | None = None
    registration: str | None = None
    programme: tuple[str, ...] = ()
    speakers: tuple[DraftSpeaker, ...] = ()


def mentions_in(post: SourcePost, slug: str, units: Sequence[Unit]) -> list[Mention]:
    latest = latest_year(post, units)
    found = []
    for unit in units:
        for pattern in (FRENCH_DATE, ENGLISH_DATE):
            for match in pattern.finditer(unit.text):
                year = int(match["year"]) if match["year"] else None
                if year is not None and latest is not None and year < latest:
                    continue  # a past date the post refers to, not an announcement
                day = 1 if match["day"].lower() == "1er" else int(match["day"])
                time = TIME.search(unit.text)
                place = PLACE.search(unit.text)
                name = NAME_BEFORE.search(unit.text[: match.start()])
                weekday = match["weekday"]
                found.append(Mention(
                    post, slug, unit, day, MONTH_NUMBERS[fold(match["month"])],
                    WEEKDAYS[weekday.lower()] if weekday else None, year,
                    (int(time["hour"]), int(time["minute"] or 0)) if time else None,
                    place["place"] if place else None,
                    sentence_at(unit.text, match.start()), name["name"] if name else None))
    return found


def latest_year(post: SourcePost, units: Sequence[Unit]) -> int | None:
    years = [int(match["year"]) for unit in units for match in YEAR.finditer(unit.text)]
    if post.published is not None:
        years.append(post.published.year)
    return max(years, default=None)


def sentence_at(text: str, position: int) -> str:
    offset = 0
    for sentence in sentences(text.replace("\n", " ")):
        start = text.replace("\n", " ").find(sentence, offset)
        if start <= position < start + len(sentence):
            return sentence.strip()
        offset = start + len(sentence)
    return text.strip()


def draft_events(mentions: list[Mention], units_by_post: dict[str, Sequence[Unit]],
                 notes: Notes) -> list[DraftEvent]:
    groups: dict[tuple[int, int, str], list[Mention]] = {}
    placeless: list[Mention] = []
    for mention in mentions:
        if mention.place is None:
            placeless.append(mention)
        else:
            groups.setdefault((mention.month, mention.day, mention.place), []).append(mention)
    for mention in placeless:
        same_day = [key for key in groups if key[:2] == (mention.month, mention.day)]
        if len(same_day) == 1:
            groups[same_day[0]].append(mention)
        else:
            notes.add(mention.post, mention.unit.line, mention.slug,
                      f"date « {mention.sentence[:60]} » has no place: no event drafted")
    events = []
    for (month, day, place), group in groups.items():
        event = draft_event(month, day, place, group, units_by_post, notes)
        if event is not None:
            events.append(event)
    return events


def draft_event(month: int, day: int, place: str, group: list[Mention],
                units_by_post: dict[str, Sequence[Unit]], notes: Notes) -> DraftEvent | None:
    timed = [mention for mention in group if mention.time is not None]
    first = group[0]
    if not timed:
        notes.add(first.post, first.unit.line, first.slug,
                  f"{day} {FRENCH_MONTHS[month - 1]} à {place}: no time given, no event drafted")
        return None
    home = timed[0]
    year, note = infer_year(month, day, group, units_by_post, notes)
    if year is None:
        return None
    hour, minute = home.time or (0, 0)
    name = next((mention.name for mention in group if mention.name), None) or \
        f"Rendez-vous du {day} {FRENCH_MONTHS[month - 1]} à {place}"
    zone = CITY_ZONES.get(fold(place).replace("è", "e"))
    if zone is None:
        zone = DEFAULT_ZONE
        notes.add(home.post, home.unit.line, home.slug,
                  f"time zone of « {place} » unknown: {DEFAULT_ZONE} assumed")
    slugs = dict.fromkeys([home.slug, *(mention.slug for mention in group)])
    units = [unit for slug in slugs for unit in units_by_post[slug]]
    price = next((match.group(0) for unit in units for match in [PRICE.search(unit.text)]
                  if match), None)
    registrations = [unit for unit in units if REGISTRATION.search(unit.text)]
    registration = registrations[0].text if registrations else None
    first = min((mention for mention in group if mention.slug == home.slug),
                key=lambda mention: mention.unit.line)
    block = announcement(units_by_post[home.slug], first.unit, registrations)
    summary = next((mention.sentence for slug in slugs for mention in group
                    if mention.place and mention.slug == slug), home.sentence)
    return DraftEvent(id=f"{slugify(name, 5)}-{year}", name=name,
                      start=datetime(year, month, day, hour, minute), timezone=zone,
                      date_note=note, location=place, summary=summary, post=home.slug,
                      line=home.unit.line, price=price, registration=registration,
                      programme=programme(block), speakers=speakers(block))


def infer_year(month: int, day: int, group: list[Mention],
               units_by_post: dict[str, Sequence[Unit]], notes: Notes) -> tuple[int | None, str]:
    first = group[0]
    said = f"{day} {FRENCH_MONTHS[month - 1]}"
    explicit = next((mention.year for mention in group if mention.year), None)
    if explicit is not None:
        return explicit, f"L’année {explicit} est écrite dans le billet."
    weekday = next((mention.weekday for mention in group if mention.weekday is not None), None)
    if weekday is not None:
        said = f"{FRENCH_WEEKDAYS[weekday]} {said}"
    published = [mention.post.published for mention in group if mention.post.published]
    if published:
        when = min(published)
        year = when.year if date(when.year, month, day) >= when else when.year + 1
        note = (f"Le billet, publié le {when.isoformat()}, annonce « {said} » sans année : "
                f"la prochaine occurrence est en {year}.")
        if weekday is not None and date(year, month, day).weekday() != weekday:
            notes.add(first.post, first.unit.line, first.slug,
                      f"« {said} » is not a {FRENCH_WEEKDAYS[weekday]} in {year}: check the date")
        return year, note
    references = [latest_year(mention.post, units_by_post[mention.slug]) for mention in group]
    latest = max((year for year in references if year is not None), default=None)
    if latest is None:
        notes.add(first.post, first.unit.line, first.slug,
                  f"« {said} »: no year, no publication date, no other year in the post: "
                  "no event drafted")
        return None, ""
    if weekday is None:
        notes.add(first.post, first.unit.line, first.slug,
                  f"« {said} »: year {latest} assumed from the latest year the post mentions")
        return latest, (f"Le billet dit « {said} » sans année ; {latest} est l’année la plus "
                        "récente qu’il cite.")
    for year in range(latest, latest + SEARCH_YEARS):
        if date(year, month, day).weekday() == weekday:
            return year, (f"Le billet dit « {said} » sans année. L’année la plus récente qu’il "
                          f"cite est {latest} ; le premier {day} {FRENCH_MONTHS[month - 1]} "
                          f"qui tombe un {FRENCH_WEEKDAYS[weekday]} à partir de cette année est "
                          f"celui de {year}.")
    notes.add(first.post, first.unit.line, first.slug,
              f"« {said} »: no {FRENCH_WEEKDAYS[weekday]} {day} {FRENCH_MONTHS[month - 1]} "
              f"within {SEARCH_YEARS} years of {latest}: no event drafted")
    return None, ""
