"""SQL that both back ends run as written (with `?` placeholders; PostgreSQL numbers them)."""

from __future__ import annotations

from typing import Final

HELD: Final = "announcements.held"
"""Named value set while announcements are held (the database was lost under the bot); its
value says why. `Store.resume_announcements` clears it."""

UNANSWERED_SCANNED: Final = 10_000
"""`!questions` groups at most this many of a community's latest questions: its cost stays
bounded however many a community asks (the 7-day window alone is not a bound)."""


def top_unanswered_sql(by_community: bool) -> str:
    """The most asked questions, each with its latest wording, in one pass over an index
    range: no per-group subquery, so the cost is linear in the rows scanned."""
    where = "community = ? AND " if by_community else ""
    return f"""
        WITH recent AS (
            SELECT id, normalized, asked_at FROM unanswered
            WHERE {where}asked_at >= ?
            ORDER BY asked_at DESC LIMIT ?
        ), grouped AS (
            SELECT normalized, COUNT(*) AS n, MAX(asked_at) AS last, MAX(id) AS last_id
            FROM recent GROUP BY normalized
            ORDER BY n DESC, last DESC LIMIT ?
        )
        SELECT unanswered.text, grouped.n, grouped.last
        FROM grouped JOIN unanswered ON unanswered.id = grouped.last_id
        ORDER BY grouped.n DESC, grouped.last DESC
    """
