"""Entries made up for a test: a passage or an event card on its own, and passages on
unrelated topics that make the words of the one asked about rare, as a real knowledge
would."""

from __future__ import annotations

from sbbot.entries import Entry
from sbbot.knowledge.model import Hints


def passage(entry_id: str, text: str) -> Entry:
    return Entry(entry_id, "passage", text, "post", "https://example.org/post", Hints())


def card(text: str) -> Entry:
    return Entry("forum", "event", text, "post", "https://example.org/post", Hints())


FILLER = [passage(f"filler-{number}", text) for number, text in enumerate([
    "Les jardins partagés fleurissent au printemps.", "La marée monte vite sur la côte.",
    "Le violon demande des années de pratique.", "Les abeilles butinent la lavande.",
    "Un volcan islandais s'est réveillé.", "La recette du pain exige une levure fraîche.",
    "Les trains régionaux circulent moins le dimanche.", "Le musée expose des tapisseries.",
    "La chorale répète le jeudi soir.", "Les cyclistes montent le col du Galibier."])]
"""Passages on other topics, so that the words of the one asked about are rare."""
