"""The Discord adapter: discord.py's client in, embeds and text parts out.

Only what is Discord's own lives here: which messages mention the bot, who is an admin or
an operator, slash commands (generated from the commands' declared arguments), embeds,
replies and ephemeral answers, and which shards this process runs.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

import aiohttp
import discord
from discord import app_commands

from sbbot.chat import Card, ChannelUnavailable, Reply, Style
from sbbot.commands import Command
from sbbot.config import ConfigError
from sbbot.conversation import Incoming
from sbbot.cooldown import Cooldown
from sbbot.engine import Engine
from sbbot.inbound import MAX_INPUT_CHARS, PREFIX
from sbbot.replies import fit

from .base import ChatAdapter
from .discord_config import DiscordSettings
from .discord_gauge import ConnectionGauge, ShardConnectionGauge
from .discord_markdown import quote
from .discord_slash import slash_command, sync_commands

MARKUP = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>")
"""Mentions of members, roles (the bot's own among them) and channels, and custom emoji, as
Discord writes them in a message: no word of a question ("<@123> quand a lieu la matinée ?"
was routed with "123" in it, and not answered)."""
EMBED_COLOUR = discord.Colour(0x2E7D5B)
EMBED_LIMIT = 6000
"""Discord's limit on the total text of one embed; a bigger card is sent as plain text."""
INVALID_SHARD = 4010
SHARDING_REQUIRED = 4011
"""Gateway close codes: a shard id or count Discord does not accept, and too few shards."""

Send = Callable[..., Awaitable[object]]

log = logging.getLogger(__name__)


def card_embed(card: Card) -> discord.Embed:
    embed = discord.Embed(title=fit(card.title, 256), description=fit(card.body, 4096),
                          colour=EMBED_COLOUR)
    for name, value in card.fields[:25]:
        embed.add_field(name=fit(name, 256), value=fit(value, 1024), inline=False)
    if card.footer:
        embed.set_footer(text=fit(card.footer, 2048))
    return embed


def card_is_whole(card: Card) -> bool:
    """Whether `card_embed` shows every character of `card`: nothing cut to a limit."""
    return (len(card.title) <= 256 and len(card.body) <= 4096
            and len(card.footer or "") <= 2048 and len(card.fields) <= 25
            and all(len(name) <= 256 and len(value) <= 1024 for name, value in card.fields))


def permissions_in(channel: object) -> discord.Permissions:
    """The bot's permissions in `channel`; all of them in a DM."""
    if isinstance(channel, discord.abc.GuildChannel | discord.Thread):
        return channel.permissions_for(channel.guild.me)
    return discord.Permissions.all()


SHARD_PROBLEMS = {
    SHARDING_REQUIRED: "DISCORD_SHARD_COUNT: Discord requires sharding, the bot is in too many "
                       "servers for one connection; set it (or auto)",
    INVALID_SHARD: "DISCORD_SHARD_COUNT: Discord refused shard {shard} as invalid; check it "
                   "and DISCORD_SHARD_IDS",
}


class DiscordAdapter(ChatAdapter[DiscordSettings]):
    platform = "discord"
    style = Style("discord", quote)
    message_limit = 2000
    startup_errors: ClassVar[tuple[tuple[type[BaseException], str], ...]] = (
        (discord.LoginFailure, "DISCORD_TOKEN: rejected by Discord (401 Unauthorized); copy "
                               "the bot token again from the Developer Portal, Bot page"),
        (discord.PrivilegedIntentsRequired,
         "DISCORD_TOKEN: Discord refused the Message Content intent; enable it in the "
         "Developer Portal, Bot page, Privileged Gateway Intents"),
        (aiohttp.ClientConnectionError, "DISCORD_TOKEN: cannot reach Discord to log in "
                                        "({error})"),
    )
    guild_ready_timeout = 2.0
    """How long on_ready waits for guilds after connecting; tests shorten it."""

    def __init__(self, engine: Engine, settings: DiscordSettings, cooldown: Cooldown) -> None:
        super().__init__(engine, settings, cooldown)
        self.client = SbClient.for_settings(self)
        self._guilds: dict[int, int | None] = {}
        """Channel id -> guild id (None for a DM or an unknown channel): it never changes."""
        for command in engine.commands:
            self.client.tree.add_command(slash_command(command, self.on_slash, engine))

    async def connect(self) -> None:
        try:
            async with self.client:
                await self.client.start(self.settings.token)
        except discord.ConnectionClosed as error:
            if error.code not in SHARD_PROBLEMS:
                raise
            raise ConfigError(SHARD_PROBLEMS[error.code].format(shard=error.shard_id)) \
                from None

    async def disconnect(self) -> None:
        await self.client.close()

    def connected(self) -> bool:
        return (self.client.is_ready() and not self.client.is_closed()
                and self.client.all_shards_up())

    async def post(self, channel: str, text: str, card: Card | None) -> None:
        if not channel.isdigit():
            raise ChannelUnavailable(f"{channel!r} is not a Discord channel id")
        try:
            found = (self.client.get_channel(int(channel))
                     or await self.client.fetch_channel(int(channel)))
            if not isinstance(found, discord.abc.Messageable):
                raise ChannelUnavailable(f"channel {channel} is not a text channel")
            await self.send(found.send, text, card, permissions_in(found).embed_links)
        except (discord.Forbidden, discord.NotFound) as error:
            raise ChannelUnavailable(f"channel {channel}: {error.status} {error.text}") \
                from error

    async def send(self, send: Send, text: str, card: Card | None, embeds: bool,
                   reference: discord.Message | None = None) -> None:
        """One embed when allowed and small enough to show the card whole (no part cut to
        its limit, at most 6,000 characters in all), else text parts; only the first part
        carries the reply reference, so a long answer reads as one reply."""
        embed = card_embed(card) if card is not None and embeds else None

        async def part(text: str, card: Card | None, first: bool) -> None:
            if card is not None and embed is not None:
                await send(embed=embed, reference=reference)
            else:
                await send(text, reference=reference if first else None)

        await self.deliver(text, card, part,
                           card_fits=embed is not None and card is not None
                           and card_is_whole(card) and len(embed) <= EMBED_LIMIT)

    async def serves(self, channel: str) -> bool:
        """Whether this process posts in `channel`: its guild is on one of our shards.

        A channel of our shards is in the client's cache; any other is looked up once (its
        guild never changes) so that another process's channel is left unclaimed for it.
        DMs and channels that no longer exist belong to the process running shard 0.
        Until the client is connected (cache complete), no channel: nothing is claimed that
        could then wait on a slow login, and other platforms' announcements are not held up.
        """
        shards = self.settings.shards
        if not self.client.is_ready():
            return False
        if shards is None:
            return True
        if not channel.isdigit():
            return shards.carries(None)
        channel_id = int(channel)
        if channel_id not in self._guilds:
            try:
                found = (self.client.get_channel(channel_id)
                         or await self.client.fetch_channel(channel_id))
                self._guilds[channel_id] = (
                    found.guild.id
                    if isinstance(found, discord.abc.GuildChannel | discord.Thread) else None)
            except (discord.NotFound, discord.Forbidden):
                self._guilds[channel_id] = None
            except discord.HTTPException as error:
                log.warning("Discord: cannot tell the guild of channel %s (%s); will retry",
                            channel_id, error.status)
                return False
        return shards.carries(self._guilds[channel_id])

    # Incoming -------------------------------------------------------------------------------

    async def on_message(self, message: discord.Message) -> None:
        permissions = permissions_in(message.channel)
        reference = message if permissions.read_message_history else None

        async def respond(reply: Reply) -> None:
            try:
                await self.send(message.channel.send, reply.text, reply.card,
                                permissions.embed_links, reference)
            except discord.Forbidden as error:
                log.warning("Discord: cannot answer in channel %s: %s", message.channel.id,
                            error.text)

        await self.hear(self.read(message), respond)

    def read(self, message: discord.Message) -> Incoming:
        """The text without mentions or custom emoji, and whether it is meant for the bot.

        It is in a DM, a mention of the bot (or of its role, which Discord's mention picker
        often offers first), or a question in a question channel. An @everyone is not a
        mention of the bot.
        """
        me = self.client.user
        assert me is not None
        mentioned = any(user.id == me.id for user in message.mentions)
        role = message.guild.self_role if message.guild is not None else None
        if role is not None:
            mentioned = mentioned or role in message.role_mentions
        text = MARKUP.sub(" ", message.content[: MAX_INPUT_CHARS * 2])
        channel = message.channel
        question_channels = self.settings.question_channels
        return self.incoming(
            text, channel.id, message.guild, message.author,
            addressed=message.guild is None or mentioned,
            question_channel=(channel.id in question_channels
                              or getattr(channel, "parent_id", None) in question_channels))

    def incoming(self, text: str, channel: int | None, guild: discord.Guild | None,
                 user: discord.User | discord.Member, *, addressed: bool,
                 question_channel: bool = False) -> Incoming:
        community = f"dm:{user.id}" if guild is None else str(guild.id)
        return Incoming(text, str(channel), community, str(user.id), addressed,
                        question_channel, self.is_admin(user), self.is_operator(user))

    def is_admin(self, user: discord.User | discord.Member) -> bool:
        """Manage Server in this server, or one of its roles listed (by id) in
        DISCORD_ADMIN_ROLES: a role that merely has the same name grants nothing."""
        if not isinstance(user, discord.Member):
            return False
        return user.guild_permissions.manage_guild or any(
            role.id in self.settings.admin_roles for role in user.roles)

    def is_operator(self, user: discord.abc.User) -> bool:
        """The application's owner (or its team's members), or DISCORD_OWNER_IDS."""
        application = self.client.application
        owners = set(self.settings.owner_ids)
        if application is not None and application.team is not None:
            owners.update(member.id for member in application.team.members)
        elif application is not None and application.owner is not None:
            owners.add(application.owner.id)
        return user.id in owners

    async def on_slash(self, interaction: discord.Interaction[Any], command: Command,
                       arguments: str) -> None:
        """`/name option:value` takes the same path as `!name value`; its first answer is
        the interaction's response, the others follow-ups, private ones ephemeral."""
        async def respond(reply: Reply) -> None:
            async def send(*args: Any, reference: object = None, **kwargs: Any) -> None:
                if interaction.response.is_done():
                    await interaction.followup.send(*args, ephemeral=reply.private, **kwargs)
                else:
                    await interaction.response.send_message(*args, ephemeral=reply.private,
                                                            **kwargs)
            await self.send(send, reply.text, reply.card,
                            interaction.app_permissions.embed_links)

        await self.hear(self.incoming(f"{PREFIX}{command.name} {arguments}",
                                      interaction.channel_id, interaction.guild,
                                      interaction.user, addressed=True), respond)

class SbClient(ConnectionGauge, discord.Client):
    """discord.py's client, routing everything to the adapter."""

    def __init__(self, adapter: DiscordAdapter, **options: Any) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        # AllowedMentions.none() also keeps replies from pinging the asker (replied_user is
        # False), so no echoed text can ever ping anyone, whatever a reply passes.
        super().__init__(intents=intents, allowed_mentions=discord.AllowedMentions.none(),
                         guild_ready_timeout=adapter.guild_ready_timeout, **options)
        self.adapter = adapter
        self.tree = app_commands.CommandTree(self)
        self.watch_shards(adapter.engine.metrics.shards)

    @staticmethod
    def for_settings(adapter: DiscordAdapter) -> SbClient:
        """The plain client by default; discord.py's sharded client when shards are set."""
        shards = adapter.settings.shards
        if shards is None:
            return SbClient(adapter)
        return ShardedSbClient(adapter, shard_count=shards.count,
                               shard_ids=None if shards.ids is None else list(shards.ids))

    async def setup_hook(self) -> None:
        await sync_commands(self.tree, self.adapter.settings.guild_id)

    async def on_ready(self) -> None:
        log.info("Discord: connected as %s in %d guilds", self.user, len(self.guilds))
        self.adapter.ready.set()

    async def on_message(self, message: discord.Message, /) -> None:
        if not message.author.bot:
            await self.adapter.on_message(message)


class ShardedSbClient(ShardConnectionGauge, SbClient, discord.AutoShardedClient):
    """The same client on discord.py's sharded client (`shard_count`, `shard_ids` options):
    one gateway connection per shard, all in this process."""
