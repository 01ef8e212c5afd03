"""Draft what an announced event holds: its programme and its speakers, verbatim.

A post announcing an event lists what will happen after a lead-in ("Au programme :",
"Agenda:"), as dashed lines or short lines between descriptions, and names who will speak
("Jane McConnell viendra partager...", "... avec Guillaume Foltran"). Members ask exactly
that ("qui sont les intervenants ?", "ya un programme ?"), and an event card without it
cannot answer them. Only the announcement is read: from the first paragraph that names the
event's day to the registration paragraph, or a heading, or the post's end. What is drafted
is the post's own words; a speaker's role only when the post states it ("X est ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sbbot.importer.cutting import Unit
from sbbot.importer.prose import TERMINAL, person_names, sentences

PROGRAMME_LEAD = re.compile(
    r"^\s*(?:(?:au|le|notre)\s+)?(?:programme|agenda|ordre\s+du\s+jour|déroulé|déroulement)"
    r"(?:\s+(?:de\s+la|du|of\s+the)\s+\w+)?\s*:?\s*$|^\s*(?:on\s+the\s+)?(?:agenda|programme|"
    r"schedule)\s*:?\s*$", re.IGNORECASE)
SPEAKING = re.compile(
    r"\s+(?:viendra|viendront|interviendra|interviendront|présentera|présenteront|animera|"
    r"animeront|parlera|parleront|témoignera|témoigneront|will\s+(?:speak|present|talk|share"
    r"|join))\b", re.IGNORECASE)
WITH = re.compile(r"\b(?:avec|with)\s+$", re.IGNORECASE)
BULLET = re.compile(r"^\s*(?:[–—•·▪◦*\-]|\d{1,2}[.)])\s+(?=\S)")
"""A list line's bullet (as `prose.LIST_ITEM` reads a list line), which the item drops."""
ROLE = re.compile(r"\s+(?:est|is)\s+(?:actuellement\s+|aujourd[’']hui\s+|currently\s+|now\s+)?"
                  r"(?P<role>[^.;!?]{8,200})")
SHORT_ITEM_CHARS = 100
"""A programme line without a dash is a short line that is no sentence ("Questions et
échanges (...)"); a longer one, or one ending a sentence, describes an item."""
MAX_ITEMS = 12
MAX_UNITS = 20
"""An announcement is a few paragraphs (the seed's is 14): a person named further on is too
far from the event to be taken for one of its speakers."""


@dataclass(frozen=True)
class DraftSpeaker:
    name: str
    role: str | None = None


def announcement(units: Sequence[Unit], first: Unit, ends: Sequence[Unit]) -> list[Unit]:
    """The units from `first` (where the event's day is named) to the next of `ends` (how to
    register, often the announcement's last word), or a heading, or MAX_UNITS of them."""
    start = next((index for index, unit in enumerate(units) if unit is first), None)
    if start is None:
        return []
    block = [first]
    for unit in units[start + 1:start + MAX_UNITS]:
        if unit.kind == "heading":
            break
        block.append(unit)
        if any(unit is end for end in ends):
            break
    return block


def programme(block: Sequence[Unit]) -> tuple[str, ...]:
    """The items after the block's programme lead-in, in order."""
    lead = next((index for index, unit in enumerate(block)
                 if PROGRAMME_LEAD.match(unit.text.splitlines()[0])), None)
    if lead is None:
        return ()
    items: list[str] = []
    lead_lines = block[lead].text.splitlines()[1:]
    for lines in (lead_lines, *(unit.text.splitlines() for unit in block[lead + 1:])):
        lines = [line for line in lines if line.strip()]
        dashed = [BULLET.sub("", line, count=1).strip() for line in lines
                  if BULLET.match(line)]
        if dashed:
            items.extend(dashed)
        elif len(lines) == 1 and is_short_item(lines[0]):
            items.append(lines[0].strip())
    return tuple(dict.fromkeys(items))[:MAX_ITEMS]


def is_short_item(line: str) -> bool:
    text = line.strip()
    return len(text) <= SHORT_ITEM_CHARS and not text.endswith((*TERMINAL, ":"))


def speakers(block: Sequence[Unit]) -> tuple[DraftSpeaker, ...]:
    """Who the announcement says will speak, with the role it states for them."""
    text = "\n".join(unit.text for unit in block)
    found: list[str] = []
    for sentence in sentences(text.replace("\n", " ")):
        for name in person_names(sentence):
            at = sentence.find(name)
            if at >= 0 and (SPEAKING.match(sentence, at + len(name))
                            or WITH.search(sentence[:at])):
                found.append(name)
    return tuple(DraftSpeaker(name, role_of(name, text)) for name in dict.fromkeys(found))


def role_of(name: str, text: str) -> str | None:
    """What the announcement says `name` is ("Guillaume Foltran est actuellement responsable
    de ..."), verbatim."""
    for sentence in sentences(text.replace("\n", " ")):
        if sentence.startswith(name):
            match = ROLE.match(sentence, len(name))
            if match:
                return match["role"].strip()
    return None
