"""The first version of `sbbot.adapters.split`, kept as the reference its output is held to.

It rescans its window for every candidate cut (quadratic: 270 ms on 100,000 characters); the
splitter now in `src/` is linear and must cut exactly where this one does.
"""

from __future__ import annotations

import re

FENCE = "```"
TOGGLES = ("**", "__", "~~", "||")
LANGUAGE = re.compile(r"[\w+#.-]{0,20}\n")
"""What may follow an opening fence on its line and is repeated when the fence reopens."""
MIN_LIMIT = 80
"""Room for the longest close-and-reopen markup with text still left over in each part."""

Markup = tuple[str, ...]
"""The markup open at a position, outermost first: e.g. ("**", "```python")."""


def split_message(text: str, limit: int) -> list[str]:
    """`text` cut into parts of at most `limit` characters (none when `text` is blank)."""
    if limit < MIN_LIMIT:
        raise ValueError(f"limit must be at least {MIN_LIMIT}, got {limit}")
    parts: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        part, rest = cut(rest, limit)
        parts.append(part)
    if rest:
        parts.append(rest)
    return parts


def cut(text: str, limit: int) -> tuple[str, str]:
    """The first part of `text` and the remainder, markup closed and reopened around the cut."""
    window = text[: limit + 1]
    states = scan(window)
    best: tuple[bool, int, int] | None = None
    for index in range(limit // 3, len(window)):
        state = states[index]
        if state is None or not window[index].isspace():
            continue
        if len(window[:index].rstrip()) + len(closing(state)) > limit:
            continue
        if glues(window[:index].rstrip(), state, text[index:].lstrip()):
            continue
        key = (not state, boundary_rank(window, index), index)
        best = key if best is None or key > best else best
    if best is not None:
        index = best[2]
        state = states[index]
        assert state is not None
        in_code = any(token.startswith(FENCE) for token in state)
        # Inside code, keep the next line's indentation; elsewhere drop the blank at the cut.
        after = text[index + 1:] if in_code else text[index:].lstrip()
        return text[:index].rstrip() + closing(state), opening(state) + after
    # No whitespace in reach: a single "word" longer than a third of the limit (a long URL,
    # say). Cut it as late as the closing markup allows, but never inside a markup token.
    for index in range(limit, 0, -1):
        state = states[index]
        if state is not None and index + len(closing(state)) <= limit:
            return text[:index] + closing(state), opening(state) + text[index:]
    raise AssertionError("unreachable: position 0 always has a state")


def glues(before: str, state: Markup, after: str) -> bool:
    """Whether the markup closed or reopened at a cut would merge with the markup beside it.

    Inline code reopened before a fence (`` ` `` + ```` ``` ````) reads as a four-backtick
    fence, and `**` closed after a `*` as `***`: the part would render differently from the
    whole, so such a cut is not taken.
    """
    closed, reopened = closing(state), opening(state)
    return bool((closed and before.endswith(closed[0]))
                or (reopened and after.startswith(reopened[-1])))


def boundary_rank(text: str, index: int) -> int:
    """How natural a cut at `index` is: paragraph break 2, line break 1, between words 0."""
    if text[index] != "\n":
        return 0
    return 2 if text[index - 1: index] == "\n" or text[index + 1: index + 2] == "\n" else 1


def scan(text: str) -> list[Markup | None]:
    """The markup open before each position of `text` (and at its end).

    None marks a position inside a markup token (between the two `*` of `**`, or on the
    language line of a fence), where a cut would break the token itself.
    """
    states: list[Markup | None] = []
    opened: list[str] = []
    index = 0
    while index < len(text):
        before = tuple(opened)
        step = 1
        innermost = opened[-1] if opened else ""
        if innermost.startswith(FENCE):
            if text.startswith(FENCE, index):
                step = len(FENCE)
                opened.pop()
        elif innermost == "`":
            if text[index] == "`":
                opened.pop()
        elif text[index] == "\\":
            step = 2
        elif text.startswith(FENCE, index):
            language = LANGUAGE.match(text, index + len(FENCE))
            tag = language.group().rstrip("\n") if language else ""
            opened.append(FENCE + tag)
            step = len(FENCE) + (len(language.group()) if language else 0)
        elif text[index] == "`":
            opened.append("`")
        else:
            token = next((token for token in TOGGLES if text.startswith(token, index)), None)
            if token is not None:
                step = len(token)
                if token in opened:
                    opened.remove(token)
                else:
                    opened.append(token)
        states.append(before)
        states.extend([None] * (min(step, len(text) - index) - 1))
        index += step
    states.append(tuple(opened))
    return states


def closing(state: Markup) -> str:
    return "".join("\n" + FENCE if token.startswith(FENCE) else token
                   for token in reversed(state))


def opening(state: Markup) -> str:
    return "".join(token + "\n" if token.startswith(FENCE) else token for token in state)
