"""Everything the bot knows, declared once: the types the core uses are the files' schema.

Each type is a frozen pydantic dataclass: the core reads plain immutable values, the loader
validates each file against the same declarations, and `schema.py` exports them as JSON
Schema for the admins' editors. Each field's description is its attribute docstring, or the
type's when the type carries the meaning (an id, a reference to a post). Only what a schema
cannot say (one id space across files, references to posts, the ten reasons) is checked in
`sbbot.knowledge_checks`.

A `Knowledge` value is an immutable snapshot: a reload builds a new one and swaps it in a
single assignment, so a reader never sees half of an old snapshot and half of a new one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass as plain_dataclass
from dataclasses import field
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic.dataclasses import dataclass

from sbbot.knowledge.document import shown, suggestion, type_name

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
REASON_COUNT = 10
YEARS = (1900, 2999)
"""Event dates outside these years are typos; inside, date arithmetic cannot overflow."""
AFTER_YEAR = r"-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
LOCAL_TIME = re.compile(r"[0-9]{4}" + AFTER_YEAR)
EXAMPLE_TIME = "2014-04-04T08:30"
REMINDER = re.compile(r"\s*([0-9]+)([dhm])\s*")
UNITS = {"d": timedelta(days=1), "h": timedelta(hours=1), "m": timedelta(minutes=1)}
MAX_REMINDER = timedelta(days=366)
FILE = ConfigDict(extra="forbid", use_attribute_docstrings=True)


def local_time(value: object) -> datetime:
    """A naive local datetime (or one already in a ZoneInfo zone, when built by code).

    SafeLoader turns `2014-04-04 08:30:00` into a datetime but leaves `2014-04-04T08:30` a
    string, so both are accepted. An offset is refused: the event's `timezone` says where the
    time is, and an offset would silently disagree with it twice a year.
    """
    expected = f"expected a local date and time like {EXAMPLE_TIME}"
    moment = value
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"invalid date and time '{shown(value)}': {expected}") from None
        if moment.tzinfo is None and not LOCAL_TIME.fullmatch(value.strip()):
            raise ValueError(f"invalid date and time '{shown(value)}': {expected}")
    if not isinstance(moment, datetime):
        raise ValueError(f"time missing: {expected}" if isinstance(moment, date)
                         else f"date and time expected, got {type_name(moment)}")
    if moment.tzinfo is not None and not isinstance(moment.tzinfo, ZoneInfo):
        raise ValueError("time zone offset not allowed: give the local time, `timezone` says"
                         " where")
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise ValueError(f"year {moment.year} out of range {YEARS[0]}..{YEARS[1]}")
    return moment


def reminder(value: object) -> timedelta:
    """How long before the event a reminder goes out: more than zero, at most a year."""
    amount, match = value, REMINDER.fullmatch(value) if isinstance(value, str) else None
    if match is not None:  # seven digits exceed a year: a huge number is never parsed
        digits = match[1].lstrip("0") or "0"
        amount = MAX_REMINDER * 2 if len(digits) > 6 else int(digits) * UNITS[match[2]]
    elif isinstance(value, str):
        raise ValueError(f"invalid reminder '{shown(value)}': a number and a unit d, h or m,"
                         " like '1h'")
    if not isinstance(amount, timedelta):
        raise ValueError(f"string like '1h' expected, got {type_name(value)}")
    if amount <= timedelta(0):
        raise ValueError(f"invalid reminder '{shown(value)}': must be more than zero")
    if amount > MAX_REMINDER:
        raise ValueError(f"reminder '{shown(value)}' out of range: at most {MAX_REMINDER.days}"
                         " days before the event")
    return amount


def known_zone(name: str) -> str:
    try:
        return ZoneInfo(name).key
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f"unknown time zone '{shown(name)}'"
                         f"{suggestion(name, available_timezones())}") from None


def string(pattern: str, description: str | None = None) -> WithJsonSchema:
    """What an editor can check of a value before it is parsed: its pattern as written."""
    described = {"description": description} if description else {}
    return WithJsonSchema({"type": "string", "pattern": pattern, **described})


Text = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1),
                 string(r"\S")]
Texts = tuple[Text, ...]
Id = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, pattern=ID_PATTERN),
               Field(description="Unique across all files: lowercase a-z, 0-9 and single"
                                 " hyphens.")]
PostSlug = Annotated[Text, Field(description="Slug of the post it comes from (its file name"
                                             " without .yaml).")]
LocalTime = Annotated[datetime, BeforeValidator(local_time), string(
    r"^(19|2[0-9])[0-9]{2}" + AFTER_YEAR + "$",  # YEARS too: an editor underlines 0001
    f"local date and time, no offset, like {EXAMPLE_TIME}")]
Reminder = Annotated[timedelta, BeforeValidator(reminder), string(
    r"^\s*0*[1-9][0-9]{0,5}[dhm]\s*$",
    f"how long before the event: a number and d, h or m, like 1h; at most {MAX_REMINDER.days}"
    " days")]
DEFAULT_REMINDERS = ("7d", "1d", "1h")


@dataclass(frozen=True, config=FILE)
class Hints:
    """Extra routing material an admin can attach to any entry without touching code."""

    questions: Texts = ()
    """Example questions that should reach the entry."""
    keywords: Texts = ()
    """Words a member might use that the text does not contain (synonyms, English terms)."""


@dataclass(frozen=True, config=FILE)
class Passage:
    id: Id
    text: Text
    """Verbatim text of the post."""
    hints: Hints = field(default_factory=Hints)


@dataclass(frozen=True, config=FILE)
class Post:
    """One post: `posts/<slug>.yaml`."""

    slug: Text
    """Equal to the file name without .yaml."""
    title: Text
    """The post's title, verbatim."""
    passages: Annotated[tuple[Passage, ...], Field(min_length=1)]
    """In reading order."""
    category: Text | None = None


@dataclass(frozen=True, config=FILE)
class Quote:
    id: Id
    text: Text
    """Verbatim."""
    author: Text
    language: Literal["fr", "en"]
    post: PostSlug
    context: Text | None = None
    """How the post introduces it."""
    year: Annotated[int, Strict(), Field(ge=-9999, le=9999)] | None = None
    hints: Hints = field(default_factory=Hints)


@dataclass(frozen=True, config=FILE)
class Reason:
    number: Annotated[int, Strict(), Field(ge=1, le=REASON_COUNT)]
    id: Id
    statement: Text
    """A short French statement, distilled from the posts."""
    support: Text
    """The verbatim passage of the post that supports it."""
    post: PostSlug
    hints: Hints = field(default_factory=Hints)


@dataclass(frozen=True, config=FILE)
class Speaker:
    name: Text
    affiliation: Text | None = None
    role: Text | None = None


@dataclass(frozen=True, config=FILE)
class Event:
    id: Id
    name: Text
    timezone: Annotated[str, Strict(), AfterValidator(known_zone)]
    """IANA time zone name, like Europe/Paris."""
    start: LocalTime
    location: Text
    summary: Text
    post: PostSlug
    end: LocalTime | None = None
    date_note: Text | None = None
    """Why this date (e.g. how the year was inferred)."""
    programme: Texts = ()
    speakers: tuple[Speaker, ...] = ()
    price: Text | None = None
    registration: Text | None = None
    reminders: Annotated[tuple[Reminder, ...], Field(
        json_schema_extra={"default": list(DEFAULT_REMINDERS)})] = tuple(
        map(reminder, DEFAULT_REMINDERS))
    hints: Hints = field(default_factory=Hints)

    @field_validator("start", "end")
    @classmethod
    def in_zone(cls, moment: datetime | None, info: ValidationInfo) -> datetime | None:
        """Local times are placed in the event's zone; `end` must come after `start`."""
        zone, start = info.data.get("timezone"), info.data.get("start")
        if moment is None or zone is None:
            return moment
        moment = moment.replace(tzinfo=ZoneInfo(zone))
        if info.field_name == "end" and start is not None and moment <= start:
            raise ValueError(f"end {moment:%Y-%m-%dT%H:%M} is not after start"
                             f" {start:%Y-%m-%dT%H:%M}")
        return moment


# --- The files that are not one entry: a list of entries, or a table -------------------------


@dataclass(frozen=True, config=FILE)
class QuotesFile:
    quotes: tuple[Quote, ...]


@dataclass(frozen=True, config=FILE)
class ReasonsFile:
    note: Text
    """Where these reasons come from."""
    reasons: Annotated[tuple[Reason, ...], Field(
        json_schema_extra={"minItems": REASON_COUNT, "maxItems": REASON_COUNT})]


@dataclass(frozen=True, config=FILE)
class EventsFile:
    events: tuple[Event, ...]


@dataclass(frozen=True, config=FILE)
class SynonymsFile:
    synonyms: dict[Text, Texts]
    """Canonical word (as in the posts) -> the words members use instead."""


# --- The snapshot the core reads ----------------------------------------------------------------


@plain_dataclass(frozen=True)
class Knowledge:
    posts: tuple[Post, ...]
    quotes: tuple[Quote, ...]
    reasons: tuple[Reason, ...]
    events: tuple[Event, ...]
    synonyms: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    reasons_note: str = ""

    def post(self, slug: str) -> Post:
        for post in self.posts:
            if post.slug == slug:
                return post
        raise KeyError(slug)
