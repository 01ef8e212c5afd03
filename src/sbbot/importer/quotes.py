"""Draft quotes: quoted text with the author the post names for it.

Three shapes are recognised, as a reader recognises them: a paragraph followed by an
attribution line (`(Wanda J. Orlikowski, 2003)`), the paragraphs a lead-in naming someone
announces (`… Jacques Attali :`), and a full sentence inside « », “ ” or " " in a sentence
that names who said it with a verb of saying. Scare quotes (a word or two) are not quotes.
A quotation whose author the post does not name is reported, never attributed by guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sbbot.importer.cutting import Cut, Unit, attribution
from sbbot.importer.document import Notes, SourcePost
from sbbot.importer.prose import fold, is_lead_in, is_list_item, language, person_names, words

INLINE_QUOTE = re.compile(r"«\s*(?P<a>[^«»]+?)\s*[»“]|“(?P<b>[^“”]+)”|\"(?P<c>[^\"]+)\"")
MIN_QUOTE_WORDS = 8
SAYING = frozenset("""
dit disait déclare déclarait affirme affirmait écrit écrivait explique expliquait précise
précisait souligne soulignait rappelle rappelait estime estimait selon ajoute ajoutait
répond répondait résume résumait présentait présente says said writes wrote explains
explained according states stated notes noted argues argued
""".split())
RELAY = re.compile(r"(?P<relay>\S+(?:\s+\S+){1,3})\s+(?:reprenant|citant|quoting|citing)\s+"
                   r"(?P<author>\S+(?:\s+\S+){1,3})")


@dataclass(frozen=True)
class DraftQuote:
    text: str
    author: str
    language: str
    line: int
    year: int | None = None
    context: str | None = None


def find_quotes(post: SourcePost, cuts: list[Cut], slug: str, notes: Notes) -> list[DraftQuote]:
    units = [unit for cut in cuts for unit in cut.units]
    found: list[DraftQuote] = []
    for index, unit in enumerate(units):
        following = units[index + 1] if index + 1 < len(units) else None
        credit = attribution(following.text) if following is not None else None
        if credit is not None and attribution(unit.text) is None and not is_lead_in(unit.text):
            found.append(DraftQuote(unit.text, credit[0], language(unit.text), unit.line,
                                    year=credit[1]))
        elif is_lead_in(unit.text) and following is not None:
            found.extend(announced(units, index, post, slug, notes))
        if unit.kind == "quote" and credit is None and not (
                index > 0 and is_lead_in(units[index - 1].text)):
            notes.add(post, unit.line, slug, "block quote without a named author: not drafted")
    found.extend(inline_quotes(post, units, slug, notes))
    return unique(found)


def announced(units: list[Unit], index: int, post: SourcePost, slug: str,
              notes: Notes) -> list[DraftQuote]:
    """The quotation a lead-in announces: the next unit, and the units after it while they
    stay in a language other than the post's (one quoted paragraph after another)."""
    lead_in = units[index].text
    quoted = [units[index + 1]]
    if is_list_item(quoted[0].text) or quoted[0].kind in ("list", "heading"):
        return []
    if index + 2 < len(units) and attribution(units[index + 2].text):
        return []
    author, context = lead_in_author(lead_in)
    if author is None:
        if quoted[0].kind == "quote":
            notes.add(post, quoted[0].line, slug, "quotation without a named author: not "
                      "drafted")
        return []
    quoted_language = language(quoted[0].text)
    post_language = language(lead_in)
    if quoted_language != post_language:
        for unit in units[index + 2:]:
            if language(unit.text) != quoted_language or is_lead_in(unit.text):
                break
            quoted.append(unit)
    return [DraftQuote(unit.text, author, language(unit.text), unit.line, context=context)
            for unit in quoted]


def lead_in_author(lead_in: str) -> tuple[str | None, str | None]:
    """The person a lead-in gives the word to: the one named last, or for "A reprenant B"
    (A relaying B) B, with A as context."""
    relay = RELAY.search(lead_in)
    if relay:
        relays, authors = person_names(relay.group("relay")), person_names(relay.group("author"))
        if relays and authors:
            return authors[0], f"repris par {relays[-1]}"
    names = person_names(lead_in)
    return (names[-1], None) if names else (None, None)


def inline_quotes(post: SourcePost, units: list[Unit], slug: str,
                  notes: Notes) -> list[DraftQuote]:
    found = []
    for unit in units:
        for match in INLINE_QUOTE.finditer(unit.text):
            text = next(group for group in match.groups() if group)
            if len(words(text)) < MIN_QUOTE_WORDS:
                continue
            sentence = enclosing_sentence(unit.text, match.start(), match.end())
            outside = sentence.replace(match.group(0), " ")
            names = person_names(outside)
            if names and any(fold(word) in {fold(verb) for verb in SAYING}
                             for word in words(outside)):
                found.append(DraftQuote(" ".join(text.split()), names[-1], language(text),
                                        unit.line))
            elif not names:
                notes.add(post, unit.line, slug, f"« {shorten(text)} » is quoted but the post "
                          "names no author for it: not drafted")
    return found


def enclosing_sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in (". ", "! ", "? ", "\n"))
    right = [position for position in (text.find(mark, end) for mark in (". ", "! ", "? ", "\n"))
             if position >= 0]
    return text[left + 1: min(right) if right else len(text)]


def shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unique(quotes: list[DraftQuote]) -> list[DraftQuote]:
    seen: set[str] = set()
    kept = []
    for quote in quotes:
        key = fold(" ".join(quote.text.split()))
        if key not in seen:
            seen.add(key)
            kept.append(quote)
    return kept
