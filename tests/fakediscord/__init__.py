"""A fake Discord (REST + gateway) on 127.0.0.1 for running discord.py's real client offline.

See ../shared/notes/testing-discord.md (next to the repository) for the protocol facts it relies on.
"""

from __future__ import annotations

from tests.fakediscord.server import ADMIN_ROLE_NAME, FakeDiscord, Sent

__all__ = ["ADMIN_ROLE_NAME", "FakeDiscord", "Sent"]
