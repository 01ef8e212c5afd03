"""The SQLite file's schema, as the forward migrations that build it: a file of any earlier
version is brought up to date when it is opened (`SQLiteStore._prepare`), never recreated."""

from __future__ import annotations

from typing import Final

MIGRATIONS: Final[tuple[str, ...]] = (
    """
    CREATE TABLE subscription (
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (platform, channel, kind)
    );
    CREATE TABLE announcement (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        event TEXT,
        due_at TEXT NOT NULL
    );
    CREATE TABLE rotation_given (
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        bag TEXT NOT NULL,
        item TEXT NOT NULL,
        PRIMARY KEY (platform, channel, bag, item)
    );
    CREATE TABLE rotation_last (
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        bag TEXT NOT NULL,
        item TEXT NOT NULL,
        PRIMARY KEY (platform, channel, bag)
    );
    CREATE TABLE unanswered (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        channel TEXT NOT NULL,
        text TEXT NOT NULL,
        normalized TEXT NOT NULL,
        asked_at TEXT NOT NULL
    );
    CREATE INDEX unanswered_by_time ON unanswered (asked_at);
    CREATE TABLE value (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # Tenancy: questions and subscriptions carry the community (Discord guild, Matrix room)
    # they came from. Old Matrix and terminal rows know theirs (the room is the community);
    # old Discord rows do not, and are shown to no community until they age out.
    """
    ALTER TABLE unanswered ADD COLUMN community TEXT NOT NULL DEFAULT '';
    UPDATE unanswered SET community = channel WHERE platform = 'matrix';
    UPDATE unanswered SET community = 'terminal' WHERE platform = 'terminal';
    CREATE INDEX unanswered_by_community ON unanswered (community, asked_at);
    ALTER TABLE subscription ADD COLUMN community TEXT NOT NULL DEFAULT '';
    ALTER TABLE subscription ADD COLUMN since TEXT;
    ALTER TABLE announcement ADD COLUMN keep_until TEXT;
    UPDATE announcement SET keep_until = due_at;
    CREATE INDEX announcement_by_expiry ON announcement (keep_until);
    CREATE TABLE daily_quote (
        day TEXT PRIMARY KEY,
        quote TEXT NOT NULL,
        cycle INTEGER NOT NULL
    );
    """,
)
"""Forward migrations: entry N brings the schema from version N to N + 1. Never edit a
shipped entry; append a new one, so that every existing file can be brought up to date."""

SCHEMA_VERSION: Final = len(MIGRATIONS)
