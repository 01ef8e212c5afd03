"""Whether a question asks for the present moment: the time or the date it is now.

"Quelle heure est-il à Genève ?" or "what day is it today?" asks what no post can say: a
post was written once, and the clock and the calendar move on. The words that ask it are
general French and English; the place or the topic around them ("à Genève") does not make
the question one of the posts' events, whose own time and date are asked differently
("à quelle heure commence la matinée ?", "c'est quel jour, la matinée ?").
"""

from __future__ import annotations

import re

from sbbot.text import fold

PRESENT = re.compile(r"""
    \b(?:
      quelle\ heure\ (?:est\ il|il\ est)
    | il\ est\ quelle\ heure
    | heure\ qu\ il\ est
    | (?:on\ est|sommes\ nous|nous\ sommes|est\ on)\ (?:quel\ jour|le\ combien)
    | quel\ jour\ (?:on\ est|sommes\ nous|nous\ sommes|est\ on|est\ il|il\ est)
    | (?:quelle\ est\ la\ |la\ )?date\ (?:d\ aujourd\ hui|du\ jour)
    | what\ time\ (?:is\ it|it\ is)
    | what\ day\ (?:is\ it|it\ is|is\ today)
    | (?:what\ is|what\ s)\ (?:the\ date\ today|today\ s\ date)
    )\b""", re.VERBOSE)
"""The turns of phrase asking the time or the date it is now, on folded text (accents and
case gone, punctuation a space): "quelle heure est-il", "il est quelle heure", "on est quel
jour", "quel jour sommes-nous", "la date d'aujourd'hui", "what time is it", "what day is
today", "what's today's date". Not "c'est quel jour" nor "what's the date", which ask it of
something named ("c'est quel jour, la matinée ?")."""


def asks_present(text: str) -> bool:
    """Whether the question asks the time or the date it is now (see PRESENT)."""
    return PRESENT.search(fold(text)) is not None
