"""Shaping reply text: length limits and safe echoing of what members typed."""

from __future__ import annotations

import re

from sbbot.chat import MAX_REPLY_CHARS

MASS_MENTION = re.compile(r"@(?=(everyone|here|room)\b)", re.IGNORECASE)
USER_MENTION = re.compile(r"<(@[!&]?|#)(\d+)>")


def fit(text: str, limit: int = MAX_REPLY_CHARS) -> str:
    """Cut `text` to `limit` characters at a word boundary, marking the cut with '…'."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def echo(user_text: str, limit: int = 80) -> str:
    """User text made safe to repeat: shortened, and unable to ping anyone on any platform.

    Adapters also disable mentions platform-wide; this is the second fence, so that even a
    plain-text rendering (terminal logs, Matrix `body`) never carries a working mass mention.
    """
    text = fit(user_text, limit)
    text = MASS_MENTION.sub("@\u200b", text)
    return USER_MENTION.sub(lambda match: f"<{match.group(1)}\u200b{match.group(2)}>", text)
