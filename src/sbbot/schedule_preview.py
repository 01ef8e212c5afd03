"""`sbbot schedule`: what the scheduler would post, read from the store without sending or
recording anything, as readable blocks or JSON lines."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from sbbot.chat import Announcement
from sbbot.knowledge.model import Knowledge
from sbbot.scheduler import Schedule, due, upcoming
from sbbot.store import Store


def localize(moment: datetime, timezone: ZoneInfo) -> datetime:
    """An instant typed without an offset is read in the bot's time zone."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone)


def announcement_json(announcement: Announcement, timezone: ZoneInfo) -> str:
    return json.dumps({
        "kind": announcement.kind,
        "platform": announcement.platform,
        "channel": announcement.channel,
        "at": announcement.at.astimezone(timezone).isoformat(),
        "event": announcement.event,
        "text": announcement.text,
    }, ensure_ascii=False)


def announcement_block(announcement: Announcement, timezone: ZoneInfo) -> str:
    at = announcement.at.astimezone(timezone).isoformat()
    return (f"{at}  {announcement.platform} {announcement.channel}  {announcement.kind}\n"
            f"{announcement.text}\n")


def format_preview(announcements: Sequence[Announcement], timezone: ZoneInfo, *,
                   as_json: bool) -> str:
    """`sbbot schedule` output: JSON lines, or readable blocks (and a word when empty)."""
    if as_json:
        return "".join(announcement_json(item, timezone) + "\n" for item in announcements)
    if not announcements:
        return "Nothing to announce (no subscribed channel, or nothing due).\n"
    return "\n".join(announcement_block(item, timezone) for item in announcements)


async def preview_at(store: Store, knowledge: Knowledge, schedule: Schedule,
                     now: datetime) -> list[Announcement]:
    """What a pass at `now` would post, given the store; sends and records nothing."""
    return due(now, knowledge, await store.subscriptions(), await store.sent_keys(), schedule,
               await store.daily_quotes())


async def preview_next(store: Store, knowledge: Knowledge, schedule: Schedule, now: datetime,
                       count: int) -> list[Announcement]:
    return upcoming(now, count, knowledge, await store.subscriptions(), schedule,
                    await store.daily_quotes())
