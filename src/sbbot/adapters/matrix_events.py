"""Matrix event content, read and written: pure functions on JSON, no network.

Reading is defensive on purpose: an event's content is whatever a member's client sent, of
any shape (a relation that is a string, a thread without its event id), so every field is
checked before use, and a handler that still fails is logged and skipped (`guarded`).
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import unquote

from nio import MatrixRoom

from sbbot.chat import Card
from sbbot.inbound import MAX_INPUT_CHARS

HTML_FORMAT = "org.matrix.custom.html"
REPLY_FALLBACK = re.compile(r"\A(?:>[^\n]*\n)+\n?")
"""The quoted lines older clients put at the top of a reply's body (`> <@user> text`)."""

PILL_TEXT = re.compile(r"""[^<>]{0,200}?>([^<>]{1,80})</a>""")
"""The rest of a pill's `<a href="…">` tag and the text it shows."""

Callback = Callable[[MatrixRoom, Any], Awaitable[None]]

log = logging.getLogger("sbbot.adapters.matrix")


def guarded(callback: Callback) -> Callback:
    """`callback`, logging its failure in one line instead of raising: nio runs callbacks
    inside `sync`, so one member's malformed event would otherwise end the sync loop (and
    every other platform with it)."""
    async def run(room: MatrixRoom, event: Any) -> None:
        try:
            await callback(room, event)
        except Exception as error:
            log.warning("Matrix: ignored event %s in %s: %s: %s", getattr(event, "event_id", "?"),
                        room.room_id, type(error).__name__, error)
    return run


def field(source: object, key: str) -> dict[str, Any]:
    """`source[key]` when both are JSON objects, else an empty one."""
    value = source.get(key) if isinstance(source, dict) else None
    return value if isinstance(value, dict) else {}


def relation_of(event: Any) -> dict[str, Any]:
    return field(field(event.source, "content"), "m.relates_to")


def is_edit(event: Any) -> bool:
    """Edits repeat the whole message; answering them would answer the question twice."""
    return relation_of(event).get("rel_type") == "m.replace"


def addressed_text(event: Any, user_id: str, names: list[str]) -> tuple[str, bool]:
    """The body without the bot's names (and older clients' reply quote), and whether the
    event mentions the bot: a pill (`m.mentions` or a matrix.to link) or a name written."""
    content = field(event.source, "content")
    user_ids = field(content, "m.mentions").get("user_ids")
    mentioned = isinstance(user_ids, list) and user_id in user_ids
    formatted = content.get("formatted_body")
    links = unquote(formatted[: MAX_INPUT_CHARS * 4]) if isinstance(formatted, str) else ""
    mentioned = mentioned or f"matrix.to/#/{user_id}" in links
    body = content.get("body")
    text = REPLY_FALLBACK.sub("", body[: MAX_INPUT_CHARS * 2] if isinstance(body, str) else "")
    for name in [*names, *pill_texts(links, user_id)]:
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)\s*[:,]?", re.IGNORECASE)
        text, count = pattern.subn(" ", text)
        mentioned = mentioned or count > 0
    return text.strip(), mentioned


def pill_texts(formatted: str, user_id: str) -> list[str]:
    """What the member's client showed for each pill to the bot: clients write that text into
    the plain body ("Assistant : quand…"), whatever the bot's own display name is, so it is
    stripped like a name. Each link is read in a bounded window after it, keeping the whole
    scan linear in the message."""
    target = f"matrix.to/#/{user_id}"
    texts = []
    start = formatted.find(target)
    while start >= 0:
        shown = PILL_TEXT.match(formatted, start + len(target), start + len(target) + 300)
        if shown and shown[1].strip():
            texts.append(html.unescape(shown[1]).strip())
        start = formatted.find(target, start + 1)
    return texts


def reply_relation(event: Any) -> dict[str, Any]:
    """A reply to `event`, kept in its thread when it has one (else it lands in the room)."""
    relation: dict[str, Any] = {"m.in_reply_to": {"event_id": event.event_id}}
    asked_in = relation_of(event)
    thread = asked_in.get("event_id")
    if asked_in.get("rel_type") == "m.thread" and isinstance(thread, str):
        relation.update(rel_type="m.thread", event_id=thread, is_falling_back=False)
    return relation


def notice_content(text: str, card: Card | None, mentions: list[str]) -> dict[str, Any]:
    """An `m.notice` (bots answer with notices so other bots ignore them) with HTML.

    `m.mentions` is always set: its presence disables the legacy push rules, so an `@room`
    in a reply can never notify the whole room.
    """
    return {
        "msgtype": "m.notice",
        "body": text,
        "format": HTML_FORMAT,
        "formatted_body": card_html(card) if card is not None else lines_html(text),
        "m.mentions": {"user_ids": mentions} if mentions else {},
    }


def lines_html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def card_html(card: Card) -> str:
    parts = [f"<strong>{lines_html(card.title)}</strong>", lines_html(card.body)]
    if card.fields:
        parts.append("<br>".join(f"<strong>{lines_html(label)}</strong> : {lines_html(value)}"
                                 for label, value in card.fields))
    if card.footer:
        parts.append(f"<em>{lines_html(card.footer)}</em>")
    return "<br><br>".join(parts)
