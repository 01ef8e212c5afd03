"""Cut a post into passages the way a reader groups it.

A paragraph is the unit. Some units cannot stand alone and are glued to a neighbour: a
lead-in ending with a colon and what it announces, a quote and its attribution line, a
heading and its section, a list and its heading, a line that continues the previous
sentence, a paragraph too short to answer anything. A paragraph too long to quote is split:
at its lines when it has several (text copied from a page often loses the blank lines
between paragraphs), else at sentence boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sbbot.importer.document import Block, SourcePost
from sbbot.importer.prose import (
    ends_sentence,
    fold,
    is_lead_in,
    is_list_item,
    language,
    person_names,
    sentences,
    words,
)

OVERLONG_CHARS = 900
"""A block longer than this is several paragraphs run together, or too long to quote."""
TARGET_CHARS = 600
"""Sentence-split pieces of an overlong single paragraph aim for this length."""
SHORT_CHARS = 120
"""A unit shorter than this rarely answers a question alone."""
LIST_LINE_WORDS = 6
CONTINUATION_OPENERS = frozenset("""
et mais car or donc ni puis c’est c'est cela ceci ça pas and but so this that it
""".split())
RESUMING_WORDS = frozenset("egalement aussi pourtant cependant toutefois also however".split())
"""Folded: a line with one of these among its first words adds the author's own point."""
ATTRIBUTION = re.compile(r"^\(?\s*[—–-]?\s*(?P<name>[^,()]+?)\s*(?:,\s*(?P<year>\d{4}))?\s*\)?$")


@dataclass(frozen=True)
class Unit:
    """A paragraph-sized piece of a post, before gluing."""

    lines: tuple[str, ...]
    line: int
    kind: str

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Cut:
    """A passage: units glued together, separated by a blank line as in the post."""

    units: tuple[Unit, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(unit.text for unit in self.units)

    @property
    def line(self) -> int:
        return self.units[0].line


def attribution(text: str) -> tuple[str, int | None] | None:
    """`(Wanda J. Orlikowski, 2003)` or `— Harold Jarche`: the name and the year, if the whole
    unit is an attribution line."""
    if "\n" in text or len(text) > 80:
        return None
    match = ATTRIBUTION.match(text.strip())
    if match is None:
        return None
    names = person_names(match.group("name"))
    if len(names) != 1 or names[0] != " ".join(match.group("name").split()):
        return None
    return names[0], int(match.group("year")) if match.group("year") else None


def opener(line: str) -> str:
    found = words(line)
    return fold(found[0]) if found else ""


def resumes_author(line: str) -> bool:
    """Whether a line after a quotation is the post's author speaking again."""
    first = [fold(word) for word in words(line)[:5]]
    return (bool(first) and first[0] in CONTINUATION_OPENERS) or \
        any(word in RESUMING_WORDS for word in first)


def units_of(post: SourcePost) -> list[Unit]:
    units: list[Unit] = []
    for block in post.blocks:
        quoting = bool(units) and is_lead_in(units[-1].text) and \
            bool(person_names(units[-1].text))
        units.extend(split_block(block, quoting))
    return units


def split_block(block: Block, quoting: bool) -> list[Unit]:
    if block.kind != "paragraph" or len(block.text) <= OVERLONG_CHARS:
        return [Unit(block.lines, block.line, block.kind)]
    if len(block.lines) == 1:
        return [Unit((piece,), block.line, "paragraph")
                for piece in sentence_pieces(block.lines[0])]
    return split_lines(block, quoting)


def split_lines(block: Block, quoting: bool) -> list[Unit]:
    """One unit per line, except lines that cannot start one: a continuation ("Et …",
    "C’est …"), a line after a lead-in, a list line, and the lines of a quotation that
    the previous block announced, until its author resumes."""
    groups: list[list[str]] = []
    starts: list[int] = []
    in_list = False
    for offset, line in enumerate(block.lines):
        list_line = is_list_item(line) or (
            in_list and len(words(line)) <= LIST_LINE_WORDS and not ends_sentence(line[:-4]))
        if not groups:
            joins = False
        elif quoting:
            quoting = not resumes_author(line)
            joins = quoting
        else:
            joins = (is_lead_in(groups[-1][-1]) or list_line
                     or opener(line) in CONTINUATION_OPENERS)
        if not joins:
            groups.append([])
            starts.append(block.line + offset)
        in_list = is_lead_in(line) or (list_line and (joins or in_list))
        groups[-1].append(line)
    return [Unit(tuple(group), start, "paragraph")
            for group, start in zip(groups, starts, strict=True)]


def sentence_pieces(text: str) -> list[str]:
    pieces: list[str] = []
    for sentence in sentences(text):
        if pieces and len(pieces[-1]) + len(sentence) < TARGET_CHARS:
            pieces[-1] = f"{pieces[-1]} {sentence}"
        else:
            pieces.append(sentence)
    return pieces


def glued_to_previous(units: list[Unit], index: int, post_language: str) -> bool:
    """Whether unit `index` belongs with the one before it."""
    if index == 0:
        return False
    unit, previous = units[index], units[index - 1]
    if previous.kind == "heading" or is_lead_in(previous.text):
        return True
    if attribution(unit.text) is not None:
        return True
    if unit.kind == "list" and not is_lead_in(unit.text):
        return previous.kind != "heading" and not ends_sentence(previous.text)
    if unit.text[:1].islower() and not ends_sentence(previous.text):
        return True
    return in_foreign_quotation(units, index, post_language)


def in_foreign_quotation(units: list[Unit], index: int, post_language: str) -> bool:
    """Whether unit `index` continues a quotation in another language than the post's,
    opened by a lead-in a few paragraphs earlier (one quoted paragraph after another)."""
    if language(units[index].text) == post_language:
        return False
    before = index - 1
    while before >= 0 and language(units[before].text) != post_language \
            and not is_lead_in(units[before].text):
        before -= 1
    return 0 <= before < index - 1 and is_lead_in(units[before].text)


def cut(post: SourcePost) -> list[Cut]:
    units = units_of(post)
    post_language = language(" ".join(unit.text for unit in units))
    groups: list[list[Unit]] = []
    for index, unit in enumerate(units):
        if groups and glued_to_previous(units, index, post_language):
            groups[-1].append(unit)
        else:
            groups.append([unit])
    return [Cut(tuple(group)) for group in merge_short(groups)
            if any(unit.kind != "heading" for unit in group)]


def merge_short(groups: list[list[Unit]]) -> list[list[Unit]]:
    """A group too short to answer anything joins the next one, or the previous one when
    it closes the post or comes just before a heading or a lead-in. A group that opens a
    section (a heading, a lead-in) never joins the one before it."""
    merged: list[list[Unit]] = []
    carried: list[Unit] = []
    for index, group in enumerate(groups):
        group = carried + group
        carried = []
        following = groups[index + 1] if index + 1 < len(groups) else None
        if not is_short(group):
            merged.append(group)
        elif following is not None and not opens_section(following[0]):
            carried = group
        elif merged and not opens_section(group[0]):
            merged[-1].extend(group)
        else:
            merged.append(group)
    return merged


def is_short(group: list[Unit]) -> bool:
    text = "\n\n".join(unit.text for unit in group)
    return (len(text) < SHORT_CHARS and group[-1].kind != "heading"
            and not is_lead_in(group[-1].text))


def opens_section(unit: Unit) -> bool:
    return unit.kind == "heading" or is_lead_in(unit.text)
