"""Splitting a long reply into chat messages that each fit a platform's size limit.

A cut falls on whitespace, preferably between paragraphs, then between lines, then between
words, so no word is broken. Markdown open at the cut (a code fence, inline code, bold,
underline, strikethrough, spoiler) is closed at the end of one part and reopened at the start
of the next, so each part renders on its own as it would have in the whole.

Linear in the text: each part's window is tokenised once by one expression (a code span is
one token), the markup open at a position is looked up from running counts rather than
rescanned, and the best cut is searched from the end of the window, stopping at the first
that fits. `tests/split_reference.py` keeps the first, quadratic, version; a property test
holds this one to its output.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, repeat
from operator import xor

FENCE = "```"
TOGGLES = ("**", "__", "~~", "||")
LANGUAGE = re.compile(r"[\w+#.-]{0,20}\n")
"""What may follow an opening fence on its line and is repeated when the fence reopens."""
MIN_LIMIT = 80
"""Room for the longest close-and-reopen markup with text still left over in each part."""

TOKEN = re.compile(r"(\\[\s\S]?|```(?:[\w+#.-]{0,20}\n)?(?:[\s\S]*?```|[\s\S]*)|`[^`]*`?"
                   r"|\*\*|__|~~|\|\|)")
"""One markup token, read left to right as a renderer does: an escape, a whole code block
or inline code span (closed or running to the end), or a toggle."""
TOGGLE_BITS = {token: 1 << number for number, token in enumerate(TOGGLES)}
VISIBLE = re.compile(r"\S")
BLANK = re.compile(r"\s")
RANKS = (2, 1, 0)
"""The cut points, best first: a paragraph break, a line break, any blank."""

Markup = tuple[str, ...]
"""The markup open at a position, outermost first: e.g. ("**", "```python")."""


def split_message(text: str, limit: int) -> list[str]:
    """`text` cut into parts of at most `limit` characters (none when `text` is blank)."""
    if limit < MIN_LIMIT:
        raise ValueError(f"limit must be at least {MIN_LIMIT}, got {limit}")
    parts: list[str] = []
    rest = Rest("", text.strip(), 0)
    while len(rest) > limit:
        part, rest = cut(rest, limit)
        parts.append(part)
    if len(rest):
        parts.append(rest.head + rest.text[rest.start:])
    return parts


@dataclass(frozen=True)
class Rest:
    """What is left to send, `head + text[start:]`, without copying the text for each part."""

    head: str
    text: str
    start: int

    def __len__(self) -> int:
        return len(self.head) + len(self.text) - self.start

    def window(self, size: int) -> str:
        return self.head + self.text[self.start: self.start + size - len(self.head)]

    def after(self, index: int, prefix: str = "", strip: bool = False) -> Rest:
        """`prefix` + what follows position `index`, its leading blanks dropped if `strip`."""
        head = self.head[index:]
        start = self.start + max(0, index - len(self.head))
        if strip:
            head = head.lstrip()
            if not head:
                visible = VISIBLE.search(self.text, start)
                start = visible.start() if visible else len(self.text)
        return Rest(prefix + head, self.text, start)

    def visible_after(self, index: int) -> str:
        """The first non-blank character at or after `index` ("" if none)."""
        visible = VISIBLE.search(self.head, index)
        if visible is None:
            visible = VISIBLE.search(self.text, self.start + max(0, index - len(self.head)))
        return visible.group() if visible else ""


def cut(rest: Rest, limit: int) -> tuple[str, Rest]:
    """The first part of `rest` and the remainder, markup closed and reopened around the cut."""
    window = window_of(rest.window(limit + 1))
    found = window.best_blank(rest, limit)
    if found is not None:
        index, state = found
        in_code = any(token.startswith(FENCE) for token in state)
        # Inside code, keep the next line's indentation; elsewhere drop the blank at the cut.
        after = rest.after(index + 1, opening(state)) if in_code else rest.after(
            index, opening(state), strip=True)
        return window.text[:index].rstrip() + closing(state), after
    # No whitespace in reach: a single "word" longer than a third of the limit (a long URL,
    # say). Cut it as late as the closing markup allows, but never inside a markup token.
    for index in range(limit, 0, -1):
        size = window.closing_size(index)
        if size is not None and index + size <= limit:
            markup = window.state(index)
            assert markup is not None
            return window.text[:index] + closing(markup), rest.after(index, opening(markup))
    raise AssertionError("unreachable: position 0 always has a state")


def window_of(text: str) -> Window:
    if "\\" in text or FENCE in text or any(toggle in text for toggle in TOGGLES):
        return MarkupWindow(text)
    return CodeSpanWindow(text)


class Window:
    """A part's worth of text, answering which markup is open where and where to cut it."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def reversed(self) -> str:
        return self.text[::-1]

    def open_at(self, index: int) -> tuple[int, str] | None:
        """The toggles open at `index` (one bit each) and the code markup ("" outside code);
        None when `index` falls inside a markup token itself."""
        raise NotImplementedError

    def state(self, index: int) -> Markup | None:
        """The markup open at `index`, outermost first; None inside a markup token."""
        raise NotImplementedError

    def closing_size(self, index: int) -> int | None:
        opened = self.open_at(index)
        if opened is None:
            return None
        mask, code = opened
        return 2 * mask.bit_count() + len(closing((code,) if code else ()))

    def blanks(self, rank: int, low: int) -> Iterator[int]:
        """The blanks from `low` on that are cut points of `rank` or better, last first
        (`str.rfind` where it can: many times faster than an expression)."""
        text = self.text
        if rank == 0:
            last = len(text) - 1
            for match in BLANK.finditer(self.reversed, 0, len(text) - low):
                yield last - match.start()
            return
        needle = "\n\n" if rank == 2 else "\n"
        end = below = len(text)
        while (found := text.rfind(needle, low - len(needle) + 1, end)) >= 0:
            for index in range(found + len(needle) - 1, found - 1, -1):
                if low <= index < below:
                    yield index
                    below = index
            end = found + len(needle) - 1

    def best_blank(self, rest: Rest, limit: int) -> tuple[int, Markup] | None:
        """The whitespace cut that leaves no markup open if any, else the best whose closing
        fits and glues to nothing; by rank (paragraph, line, word), then as late as can be."""
        low = limit // 3
        if not BLANK.search(self.text, low):
            return None
        for rank in RANKS:
            for index in self.blanks(rank, low):
                if self.open_at(index) == (0, ""):
                    return index, ()
        for rank in RANKS:
            for index in self.blanks(rank, low):
                state = self.state(index)
                if not state:
                    continue
                visible = VISIBLE.search(self.reversed, len(self.text) - index)
                kept = len(self.text) - visible.start() if visible else 0
                if kept + len(closing(state)) > limit:
                    continue
                if not glues(self.text[kept - 1: kept], state, rest.visible_after(index)):
                    return index, state
        return None


class CodeSpanWindow(Window):
    """A window whose only markup, if any, is inline code: every other backtick opens it.

    Counting backticks is many times faster than tokenising (text made of markup), and
    counting from the previous look-up keeps a pass over the window linear.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.counted = (0, 0)
        """(position, backticks before it) of the last look-up."""

    def open_at(self, index: int) -> tuple[int, str]:
        position, count = self.counted
        if index >= position:
            count += self.text.count("`", position, index)
        else:
            count -= self.text.count("`", index, position)
        self.counted = index, count
        return 0, "`" if count % 2 else ""

    def state(self, index: int) -> Markup:
        return ("`",) if self.open_at(index)[1] else ()


class MarkupWindow(Window):
    """A window tokenised once, the toggles open after each token kept as running bits."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        pieces = TOKEN.split(text)
        self.tokens = pieces[1::2]
        self.ends = list(accumulate(map(len, pieces)))
        """Where each piece ends: text between tokens and tokens, alternately."""
        self.masks = list(accumulate(map(TOGGLE_BITS.get, self.tokens, repeat(0)), xor,
                                     initial=0))
        """Which toggles are open (one bit each) after each number of tokens."""

    def locate(self, index: int) -> tuple[int, str, int]:
        """How many tokens precede `index`, and the token it is inside ("" if none) at what
        offset; a position at a token's first character is before it."""
        piece = bisect_right(self.ends, index)
        start = self.ends[piece - 1] if piece else 0
        if piece % 2 == 0 or index == start:
            return piece // 2, "", 0
        return piece // 2, self.tokens[piece // 2], index - start

    def open_at(self, index: int) -> tuple[int, str] | None:
        count, token, offset = self.locate(index)
        code = code_inside(token, offset)
        return None if code is None else (self.masks[count], code)

    def state(self, index: int) -> Markup | None:
        count, token, offset = self.locate(index)
        code = code_inside(token, offset)
        if code is None:
            return None
        mask = self.masks[count]
        before = self.tokens[:count][::-1]
        opened = sorted((toggle for toggle in TOGGLES if mask & TOGGLE_BITS[toggle]),
                        key=before.index, reverse=True)
        return (*opened, code) if code else tuple(opened)


def code_inside(token: str, offset: int) -> str | None:
    """The code markup open at `offset` inside `token`, "" outside code, None when `offset`
    falls inside a markup token itself (an escape, a toggle, a fence and its language)."""
    if not token:
        return ""
    if token.startswith(FENCE):
        language = LANGUAGE.match(token, len(FENCE))
        opener = len(FENCE) + (len(language.group()) if language else 0)
        closed = len(token) >= opener + len(FENCE) and token.endswith(FENCE)
        if offset < opener or (closed and offset > len(token) - len(FENCE)):
            return None
        return FENCE + (language.group().rstrip("\n") if language else "")
    if token.startswith("`"):
        return "`"
    return None


def glues(before: str, state: Markup, after: str) -> bool:
    """Whether the markup closed or reopened at a cut would merge with the markup beside it.

    Inline code reopened before a fence (`` ` `` + ```` ``` ````) reads as a four-backtick
    fence, and `**` closed after a `*` as `***`: the part would render differently from the
    whole, so such a cut is not taken. `before` and `after` are the visible characters
    either side of the cut.
    """
    closed, reopened = closing(state), opening(state)
    return bool((closed and before.endswith(closed[0]))
                or (reopened and after.startswith(reopened[-1])))


def closing(state: Markup) -> str:
    return "".join("\n" + FENCE if token.startswith(FENCE) else token
                   for token in reversed(state))


def opening(state: Markup) -> str:
    return "".join(token + "\n" if token.startswith(FENCE) else token for token in state)
