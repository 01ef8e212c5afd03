"""Month and weekday names in the two languages the bot reads, written once: for the dates
the bot writes (`entries`), the dates the importer finds in a post (`importer.events`) and
the dates a question or a passage names (`language.giving`)."""

from __future__ import annotations

from sbbot.text import fold

FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre")
ENGLISH_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december")
FRENCH_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
ENGLISH_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                    "sunday")
MONTH_NUMBERS = {fold(name): number for names in (FRENCH_MONTHS, ENGLISH_MONTHS)
                 for number, name in enumerate(names, start=1)}
"""A folded month name ("fevrier", "february") -> its number, 1 to 12."""
