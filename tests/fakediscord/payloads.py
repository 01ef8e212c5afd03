"""What the fake Discord says: users, roles, channels, members, guilds, messages and
interactions as Discord's JSON, and `Sent`, one message the bot created.

`Payloads` is mixed into `FakeDiscord` and reads its state (users, roles, channels).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import discord

JSON = dict[str, Any]

DISCORD_EPOCH_MS = 1_420_070_400_000
MESSAGE_CONTENT_INTENT = 1 << 15
ADMIN_ROLE_NAME = "Animateurs"
"""A role with no special permission, whose id tests list in `DISCORD_ADMIN_ROLES`."""

ExtraRoles = Mapping[str, tuple[discord.Permissions, tuple[str, ...]]]
"""Roles of an extra guild: name -> (permissions, the members who hold it)."""

MEMBER_PERMISSIONS = discord.Permissions(
    view_channel=True, send_messages=True, embed_links=True, read_message_history=True,
    use_application_commands=True, send_messages_in_threads=True,
)
MENTION = re.compile(r"<@!?(\d+)>")
ROLE_MENTION = re.compile(r"<@&(\d+)>")


@dataclass(frozen=True)
class Sent:
    """One message the bot created, through whichever endpoint."""

    via: str
    """"channel" (POST /channels/…/messages), "interaction" (callback) or "followup"."""
    channel_id: int
    payload: JSON
    id: int

    @property
    def content(self) -> str:
        return str(self.payload.get("content") or "")

    @property
    def embeds(self) -> list[JSON]:
        return list(self.payload.get("embeds") or [])

    @property
    def allowed_mentions(self) -> object:
        return self.payload.get("allowed_mentions")

    @property
    def reference(self) -> int | None:
        reference = self.payload.get("message_reference")
        return None if reference is None else int(reference["message_id"])


class Payloads:
    """Discord's JSON for the fake's state, as the gateway and REST send it."""

    def _user(self, name: str, *, bot: bool = False) -> JSON:
        return {"id": str(self.snowflake()), "username": name, "global_name": name.title(),
                "discriminator": "0", "avatar": None, "bot": bot, "public_flags": 0}

    def _role(self, name: str, permissions: discord.Permissions, *, role_id: int | None = None,
              bot_id: str | None = None) -> JSON:
        role: JSON = {"id": str(role_id or self.snowflake()), "name": name,
                      "permissions": str(permissions.value), "position": 0, "color": 0,
                      "hoist": False, "managed": bot_id is not None, "mentionable": False,
                      "flags": 0}
        if bot_id is not None:
            role["tags"] = {"bot_id": bot_id}
        return role

    def _channel(self, name: str, position: int, overwrites: list[JSON],
                 guild_id: int | None = None) -> JSON:
        return {"id": str(self.snowflake()), "type": 0,
                "guild_id": str(guild_id or self.guild_id),
                "name": name, "position": position, "permission_overwrites": overwrites,
                "nsfw": False, "parent_id": None, "topic": None, "last_message_id": None,
                "rate_limit_per_user": 0, "flags": 0}

    def _user_by_name(self, name: str) -> JSON:
        return self.bot_user if name == "sbbot" else self.users[name]

    def _member(self, name: str, *, with_user: bool = True, guild_id: int | None = None
                ) -> JSON:
        """In the main guild, with its roles; in an extra guild, the bot's and those given
        by `add_guild`."""
        if guild_id in self.extra_roles:
            roles = ([self.extra_roles[guild_id][1]["id"]] if name == "sbbot"
                     else self.extra_member_roles[guild_id].get(name, []))
        else:
            roles = [self.roles[role]["id"] for role in self.member_roles[name]]
        member: JSON = {
            "roles": roles,
            "joined_at": "2024-01-01T00:00:00+00:00", "deaf": False, "mute": False,
            "flags": 0, "nick": None, "avatar": None, "premium_since": None, "pending": False,
        }
        if with_user:
            member["user"] = self._user_by_name(name)
        return member

    def _permissions(self, name: str) -> int:
        value = int(self.roles["@everyone"]["permissions"])
        for role in self.member_roles[name]:
            value |= int(self.roles[role]["permissions"])
        return value

    def _guild(self, guild_id: int) -> JSON:
        members = [self._member(name, guild_id=guild_id) for name in (*self.users, "sbbot")]
        roles = self.extra_roles.get(guild_id) or list(self.roles.values())
        channels = [channel for channel in self.channels.values()
                    if int(channel["guild_id"]) == guild_id and channel["type"] != 11]
        threads = [channel for channel in self.channels.values()
                   if int(channel["guild_id"]) == guild_id and channel["type"] == 11]
        return {
            "id": str(guild_id), "name": self.guild_names[guild_id],
            "owner_id": self.users["owner"]["id"], "icon": None, "features": [],
            "roles": roles, "channels": channels,
            "members": members, "member_count": len(members), "large": False,
            "unavailable": False, "emojis": [], "stickers": [], "threads": threads,
            "voice_states": [], "presences": [], "stage_instances": [],
            "guild_scheduled_events": [], "soundboard_sounds": [], "verification_level": 0,
            "default_message_notifications": 0, "explicit_content_filter": 0, "mfa_level": 0,
            "nsfw_level": 0, "premium_tier": 0, "preferred_locale": "fr",
            "system_channel_id": None, "joined_at": "2024-01-01T00:00:00+00:00",
        }

    def _message(self, channel_id: int, author: JSON, content: str, *, guild: bool = True,
                 embeds: list[JSON] | None = None, reference: JSON | None = None) -> JSON:
        mentioned = [user for user in (*self.users.values(), self.bot_user)
                     if user["id"] in MENTION.findall(content)]
        message: JSON = {
            "id": str(self.snowflake()), "channel_id": str(channel_id), "author": author,
            "content": content, "timestamp": "2025-01-01T00:00:00+00:00",
            "edited_timestamp": None, "tts": False,
            "mention_everyone": "@everyone" in content, "mentions": mentioned,
            "mention_roles": ROLE_MENTION.findall(content), "attachments": [],
            "embeds": embeds or [], "pinned": False,
            "type": 19 if reference else 0, "flags": 0, "components": [],
        }
        if guild:
            message["guild_id"] = str(self.guild_of(channel_id) or self.guild_id)
        if reference is not None:
            message["message_reference"] = reference
        return message

    async def _interact(self, kind: int, name: str, author: str, channel: str,
                        options: dict[str, str], focused: str | None) -> int:
        command = self.command(name)
        declared = {option["name"] for option in command.get("options", [])}
        assert set(options) <= declared, f"/{name} has options {declared}, not {set(options)}"
        interaction_id = self.snowflake()
        guild_id = int(self.channels[channel]["guild_id"])
        member = self._member(author, guild_id=guild_id)
        member["permissions"] = str(self._permissions(author))
        data: JSON = {"id": command["id"], "name": name, "type": 1, "options": [
            {"name": key, "type": 3, "value": value, **({"focused": True} if key == focused
                                                         else {})}
            for key, value in options.items()
        ]}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        interaction: JSON = {
            "id": str(interaction_id), "application_id": str(self.application_id),
            "type": kind, "token": f"token-{interaction_id}", "version": 1,
            "guild_id": str(guild_id), "channel_id": self.channels[channel]["id"],
            "channel": self.channels[channel], "member": member, "data": data,
            "app_permissions": str(self._permissions("sbbot")), "locale": "fr",
            "guild_locale": "fr", "attachment_size_limit": 8 * 1024 * 1024,
            "entitlements": [], "authorizing_integration_owners": {"0": str(guild_id)},
            "context": 0,
        }
        self._interactions[interaction_id] = interaction
        await self.dispatch("INTERACTION_CREATE", interaction)
        return interaction_id
