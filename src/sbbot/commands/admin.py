"""Admin-only commands: subscriptions, unanswered questions, knowledge reload."""

from __future__ import annotations

from sbbot.commands import Command

ADMIN_COMMANDS: tuple[Command, ...] = ()
