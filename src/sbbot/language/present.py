"""Whether a question asks for the present moment: the time or the date it is now.

"Quelle heure est-il à Genève ?" or "what day is it today?" asks what no post can say: a
post was written once, and the clock and the calendar move on. The words that ask it are
general French and English; the place or the topic around them ("à Genève") does not make
the question one of the posts' events, whose own time and date are asked differently
("à quelle heure commence la matinée ?", "c'est quel jour, la matinée ?", "what time is it
starting?"). The router reads such a question as having no terms, and `followups` never
reads it as a continuation.
"""

from __future__ import annotations

import re

from sbbot.language.wordforms import folded_question

ASKING_NOW = re.compile(
    r"^(?:et |and |so |alors |sinon )?"
    r"(?:(?:quelle heure|quel jour|quelle date) (?:est il|sommes nous|est on|on est)"
    r"|(?:il|on|nous) (?:est|sommes) (?:quelle heure|quel jour|le combien)"
    r"|what (?:time|day|date) is it|what s the time|what is the time"
    r"|what (?:day|date) is (?:it )?today|what s today s date|what is today s date)"
    r"(?: (?:maintenant|now|aujourd hui|today|actuellement|right now|ici|here|there|la bas"
    r"|(?:a|au|en|in) \w+))*$")
"""The ways French and English ask the clock or the calendar, folded: an impersonal "il",
"it", or the speaker's "on", "nous", "we" ("quelle heure est-il ?", "on est quel jour ?",
"what time is it in Geneva?"), never a preposition before ("à quelle heure est-il ?" asks
about something) nor a verb after ("what time is it starting?")."""


def asks_present(text: str) -> bool:
    """Whether the whole question asks the time or the date it is now (see ASKING_NOW)."""
    return ASKING_NOW.match(folded_question(text)) is not None
