"""How close an import comes to curated knowledge: the figures issue 10 asks for.

A curated passage counts as found when, whitespace folded, it equals or lies inside one
imported passage (the importer may keep more context around it, never less). A curated
quote counts when an imported quote by the same author contains its text. A curated event
counts when an imported event starts at the same local time in the same place.
"""

from __future__ import annotations

from dataclasses import dataclass

from sbbot.importer.prose import fold, fold_space
from sbbot.knowledge import Knowledge


@dataclass(frozen=True)
class Figures:
    passages_found: tuple[str, ...]
    passages_missed: tuple[str, ...]
    quotes_found: tuple[str, ...]
    quotes_missed: tuple[str, ...]
    events_found: tuple[str, ...]
    events_missed: tuple[str, ...]

    @property
    def passage_share(self) -> float:
        total = len(self.passages_found) + len(self.passages_missed)
        return len(self.passages_found) / total if total else 1.0


def key(text: str) -> str:
    return fold_space(text)


def split(ids_and_hits: list[tuple[str, bool]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (tuple(entry_id for entry_id, hit in ids_and_hits if hit),
            tuple(entry_id for entry_id, hit in ids_and_hits if not hit))


def compare(curated: Knowledge, imported: Knowledge) -> Figures:
    imported_passages = [key(passage.text) for post in imported.posts
                         for passage in post.passages]
    passages = split([(passage.id, any(key(passage.text) in text for text in imported_passages))
                      for post in curated.posts for passage in post.passages])
    quotes = split([(quote.id, any(key(quote.text) in key(other.text)
                                   and fold(other.author) == fold(quote.author)
                                   for other in imported.quotes))
                    for quote in curated.quotes])
    events = split([(event.id, any(other.start == event.start
                                   and fold(other.location) == fold(event.location)
                                   for other in imported.events))
                    for event in curated.events])
    return Figures(*passages, *quotes, *events)


def report(figures: Figures, curated: Knowledge, imported: Knowledge) -> str:
    total = len(figures.passages_found) + len(figures.passages_missed)
    lines = [
        f"passages: {len(figures.passages_found)}/{total} curated passages equal to or inside "
        f"one imported passage ({figures.passage_share:.1%}); imported passages: "
        f"{sum(len(post.passages) for post in imported.posts)}",
    ]
    if figures.passages_missed:
        lines.append(f"  missed: {', '.join(figures.passages_missed)}")
    lines.append(f"quotes: {len(figures.quotes_found)}/{len(curated.quotes)} curated quotes "
                 f"found with their author; imported quotes: {len(imported.quotes)}")
    if figures.quotes_missed:
        lines.append(f"  missed: {', '.join(figures.quotes_missed)}")
    lines.append(f"events: {len(figures.events_found)}/{len(curated.events)} curated events "
                 f"found (same start and place); imported events: {len(imported.events)}")
    for event in imported.events:
        lines.append(f"  {event.id}: {event.start:%Y-%m-%d %H:%M} {event.timezone}, "
                     f"{event.location}, price: {event.price or '-'}, "
                     f"registration: {'yes' if event.registration else '-'}, programme: "
                     f"{len(event.programme)} item(s), speakers: "
                     f"{', '.join(speaker.name for speaker in event.speakers) or '-'}")
    return "\n".join(lines)
