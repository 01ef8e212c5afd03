"""A small valid knowledge directory, written to a temporary folder, and one broken
variant of it per kind of mistake an admin makes, with the file, line, field and message
the loader must report. Shared by the loader, schema and hostile-file tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from sbbot.knowledge import KnowledgeError, Problem, load_knowledge

SHIPPED = Path(__file__).resolve().parents[1] / "knowledge"

# Line numbers in the cases below refer to these files: keep them in sync.
ALPHA = """\
slug: alpha
title: "Alpha : premier billet"
category: E20
passages:
  - id: alpha-intro
    text: |
      Une technologie de collaboration n’a ni valeur, ni sens.
    hints:
      questions: ["Une technologie a-t-elle de la valeur ?"]
      keywords: [technology, value]
  - id: alpha-usage
    text: "C’est l’usage qui compte."
"""

BETA = """\
slug: beta
title: Beta
passages:
  - id: beta-one
    text: Le partage est une pratique.
"""

QUOTES = """\
quotes:
  - id: quote-one
    text: "Une technologie de collaboration n’a ni valeur."
    author: Wanda J. Orlikowski
    year: 2003
    language: fr
    context: repris par Harold Jarche
    post: alpha
  - id: quote-two
    text: Sharing is caring.
    author: Someone
    language: en
    post: beta
"""

REASONS = "note: Distilled from the posts.\nreasons:\n" + "".join(
    f"  - {{number: {n}, id: reason-{n}, statement: Raison {n}, support: Support {n},"
    f" post: {'alpha' if n % 2 else 'beta'}}}\n"
    for n in range(1, 11)
)  # reason n is on line n + 2

EVENTS = """\
events:
  - id: morning-2014
    name: Matinée de l’entreprise de demain
    start: 2014-04-04T08:30
    end: 2014-04-04 12:00:00
    timezone: Europe/Zurich
    date_note: year inferred from the post date
    location: Genève
    summary: Une matinée de conférences.
    programme: [Accueil, Conférence]
    speakers:
      - {name: Jane McConnell, affiliation: NetJMC, role: keynote}
      - name: Someone Else
    price: gratuit
    registration: https://example.org
    reminders: [7d, 1d, 1h]
    post: beta
  - id: evening-2014
    name: Soirée
    start: "2014-10-01T18:00"
    timezone: Europe/Paris
    location: Paris
    summary: Une soirée.
    post: alpha
"""

SYNONYMS = """\
synonyms:
  collaboration: [collaborate, Teamwork]
  partage: [sharing, share]
"""

VALID_FILES = {
    "posts/alpha.yaml": ALPHA,
    "posts/beta.yaml": BETA,
    "quotes.yaml": QUOTES,
    "reasons.yaml": REASONS,
    "events.yaml": EVENTS,
    "synonyms.yaml": SYNONYMS,
}


def write_knowledge(root: Path, files: dict[str, str | None] | None = None) -> Path:
    """A small valid knowledge directory; `files` overrides contents (None deletes a file)."""
    contents: dict[str, str | None] = {**VALID_FILES, **(files or {})}
    for name, text in contents.items():
        if text is not None:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return root


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"fixture snippet not unique: {old!r}"
    return text.replace(old, new)


def problems_of(root: Path) -> tuple[Problem, ...]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(root)
    return caught.value.problems


@dataclass(frozen=True)
class Case:
    file: str
    new_text: str | None  # None deletes the file
    line: int
    field: str
    message: str


CASES = {
    "syntax error": Case(
        "quotes.yaml", edit(QUOTES, "    author: Someone\n", "    author: Someone\n   oops: [\n"),
        12, "(document)", "YAML syntax error"),
    "unclosed list": Case(
        "quotes.yaml", edit(QUOTES, "    year: 2003\n", "    year: [2003\n"),
        6, "(document)", "(in the [ ] list that starts on line 5)"),
    "unclosed quote": Case(
        "quotes.yaml", edit(QUOTES, '"Une technologie de collaboration n’a ni valeur."',
                            '"Une technologie de collaboration n’a ni valeur.'),
        3, "(document)", "YAML syntax error: found unexpected end of stream (in the quoted "
        "string that starts here)"),
    "unknown key (typo)": Case(
        "quotes.yaml", edit(QUOTES, "    author: Wanda", "    autor: Wanda"),
        4, "quotes[0].autor", "unknown key 'autor' (did you mean 'author'?)"),
    "missing field": Case(
        "quotes.yaml", edit(QUOTES, "    language: en\n", ""),
        9, "quotes[1].language", "missing required field 'language'"),
    "wrong type (list expected)": Case(
        "events.yaml", edit(EVENTS, "programme: [Accueil, Conférence]", "programme: Accueil"),
        10, "events[0].programme", "list expected, got string"),
    "wrong type (string expected)": Case(
        "posts/beta.yaml", edit(BETA, "title: Beta", "title: [Beta]"),
        2, "title", "string expected, got list"),
    "wrong type (bool is not an int)": Case(
        "quotes.yaml", edit(QUOTES, "year: 2003", "year: yes"),
        5, "quotes[0].year", "integer expected, got boolean"),
    "duplicate id across files": Case(
        "quotes.yaml", edit(QUOTES, "id: quote-one", "id: alpha-usage"),
        2, "quotes[0].id", "posts/alpha.yaml:11)"),
    "duplicate key": Case(
        "posts/alpha.yaml", edit(ALPHA, "category: E20\n", "category: E20\ntitle: Again\n"),
        4, "title", "duplicate key 'title' (first at line 2)"),
    "dangling post reference": Case(
        "reasons.yaml", edit(REASONS, "Support 3, post: alpha", "Support 3, post: gamma"),
        5, "reasons[2].post", "unknown post 'gamma'"),
    "bad date": Case(
        "events.yaml", edit(EVENTS, "start: 2014-04-04T08:30", "start: 2014-04-31T08:30"),
        4, "events[0].start", "invalid date and time '2014-04-31T08:30'"),
    "garbage date": Case(
        "events.yaml", edit(EVENTS, 'start: "2014-10-01T18:00"', "start: tomorrow at six"),
        20, "events[1].start", "invalid date and time 'tomorrow at six'"),
    "date without time": Case(
        "events.yaml", edit(EVENTS, 'start: "2014-10-01T18:00"', "start: 2014-10-01"),
        20, "events[1].start", "time missing"),
    "offset in date": Case(
        "events.yaml", edit(EVENTS, "end: 2014-04-04 12:00:00", "end: 2014-04-04 12:00:00+02:00"),
        5, "events[0].end", "offset not allowed"),
    "offset in string date": Case(
        "events.yaml", edit(EVENTS, "start: 2014-04-04T08:30", "start: 2014-04-04T08:30Z"),
        4, "events[0].start", "offset not allowed"),
    "end before start": Case(
        "events.yaml", edit(EVENTS, "end: 2014-04-04 12:00:00", "end: 2014-04-04 07:00:00"),
        5, "events[0].end", "is not after start"),
    "bad time zone": Case(
        "events.yaml", edit(EVENTS, "timezone: Europe/Zurich", "timezone: Europe/Zurch"),
        6, "events[0].timezone",
        "unknown time zone 'Europe/Zurch' (did you mean 'Europe/Zurich'?)"),
    "empty text": Case(
        "posts/alpha.yaml", edit(ALPHA, 'text: "C’est l’usage qui compte."', 'text: "   "'),
        12, "passages[1].text", "empty text"),
    "bad id format": Case(
        "posts/alpha.yaml", edit(ALPHA, "id: alpha-intro", "id: Alpha_Intro"),
        5, "passages[0].id", "invalid id 'Alpha_Intro'"),
    "nine reasons": Case(
        "reasons.yaml", "\n".join(REASONS.splitlines()[:-1]) + "\n",
        2, "reasons", "exactly 10 reasons expected, found 9"),
    "eleven reasons": Case(
        "reasons.yaml",
        REASONS + "  - {number: 10, id: reason-11, statement: S, support: S, post: beta}\n",
        2, "reasons", "exactly 10 reasons expected, found 11"),
    "duplicate reason number": Case(
        "reasons.yaml", edit(REASONS, "number: 5,", "number: 4,"),
        7, "reasons[4].number", "duplicate reason number 4 (first at line 6)"),
    "reason number out of range": Case(
        "reasons.yaml", edit(REASONS, "number: 5,", "number: 11,"),
        7, "reasons[4].number", "out of range"),
    "bad reminder": Case(
        "events.yaml", edit(EVENTS, "reminders: [7d, 1d, 1h]", "reminders: [7d, 1d, 1x]"),
        16, "events[0].reminders[2]", "invalid reminder '1x'"),
    "zero reminder": Case(
        "events.yaml", edit(EVENTS, "reminders: [7d, 1d, 1h]", "reminders: [7d, 0h]"),
        16, "events[0].reminders[1]", "must be more than zero"),
    "slug and file name differ": Case(
        "posts/beta.yaml", edit(BETA, "slug: beta", "slug: bta"),
        1, "slug", "does not match the file name 'beta.yaml'"),
    "bad language": Case(
        "quotes.yaml", edit(QUOTES, "language: en", "language: de"),
        12, "quotes[1].language", "unknown language 'de'"),
    "synonym under two words": Case(
        "synonyms.yaml", edit(SYNONYMS, "[sharing, share]", "[sharing, collaborate]"),
        3, "synonyms.partage[1]", "'collaborate' is already a variant of 'collaboration' (line 2)"),
    "non-string synonym": Case(
        "synonyms.yaml", edit(SYNONYMS, "[sharing, share]", "[sharing, 42]"),
        3, "synonyms.partage[1]", "string expected, got integer"),
    "unknown hint key": Case(
        "posts/alpha.yaml", edit(ALPHA, "      keywords:", "      keyword:"),
        10, "passages[0].hints.keyword", "did you mean 'keywords'?"),
    "missing speaker name": Case(
        "events.yaml", edit(EVENTS, "      - name: Someone Else", "      - role: Someone Else"),
        13, "events[0].speakers[1].name", "missing required field 'name'"),
    "boolean key": Case(
        "synonyms.yaml", SYNONYMS + "  on: [switched on]\n",
        4, "synonyms", "key 'on' is read as boolean; quote it to make it a string"),
    "list as a key": Case(
        "posts/beta.yaml", BETA + "? [a, b]\n: x\n",
        6, "(document)", "a list or mapping cannot be a key"),
    "missing required file": Case(
        "quotes.yaml", None, 1, "(document)", "file not found"),
    "unsafe tag": Case(
        "posts/beta.yaml", edit(BETA, "title: Beta", "title: !!python/object/apply:os.getcwd []"),
        2, "title", "unsupported tag tag:yaml.org,2002:python/object/apply:os.getcwd"),
    # Values bounded at validation, so that nothing downstream can overflow.
    "huge reminder": Case(
        "events.yaml", edit(EVENTS, "reminders: [7d, 1d, 1h]", "reminders: [7d, 99999999999d]"),
        16, "events[0].reminders[1]",
        "reminder '99999999999d' out of range: at most 366 days before the event"),
    "ten-thousand-year reminder": Case(
        "events.yaml", edit(EVENTS, "reminders: [7d, 1d, 1h]", "reminders: [3650000d]"),
        16, "events[0].reminders[0]", "out of range: at most 366 days"),
    "reminder over a year": Case(
        "events.yaml", edit(EVENTS, "reminders: [7d, 1d, 1h]", "reminders: [400d]"),
        16, "events[0].reminders[0]", "out of range: at most 366 days"),
    "event year out of range": Case(
        "events.yaml", edit(EVENTS, "start: 2014-04-04T08:30", "start: 0001-01-01T08:30"),
        4, "events[0].start", "year 1 out of range 1900..2999"),
    "huge quote year": Case(
        "quotes.yaml", edit(QUOTES, "year: 2003", "year: 99999999999999999999999"),
        5, "quotes[0].year", "out of range: at most 9999"),
    "post without passages": Case(
        "posts/beta.yaml", BETA.split("passages:")[0] + "passages: []\n",
        3, "passages", "at least 1 expected"),
}
