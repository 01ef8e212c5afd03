"""The Discord adapter: discord.py's client in, embeds and text parts out.

Only what is Discord's own lives here: which messages mention the bot, who is an admin or
an operator, slash commands and their autocomplete, embeds, replies and ephemeral answers.
Every message, typed or slash, takes the shared path (`sbbot.conversation`), which parses,
applies the question rule and the cooldown, and asks the engine.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from dataclasses import dataclass, replace
from typing import Any

import aiohttp
import discord
from discord import app_commands

from sbbot.chat import Announcement, Card, ChannelUnavailable, Reply, Style
from sbbot.commands import Command
from sbbot.config import ConfigError, DiscordSettings
from sbbot.conversation import Conversation, Incoming
from sbbot.cooldown import Cooldown
from sbbot.engine import Engine
from sbbot.inbound import MAX_INPUT_CHARS, PREFIX
from sbbot.replies import fit, inert
from sbbot.text import fold

from .split import split_message

PLATFORM = "discord"
MESSAGE_LIMIT = 2000
EMBED_COLOUR = discord.Colour(0x2E7D5B)
EMBED_LIMIT = 6000
"""Discord's limit on the total text of one embed; a bigger card is sent as plain text."""
SLASH_DESCRIPTION_LIMIT = 100
MAX_CHOICES = 25
"""Discord shows at most 25 autocomplete choices."""
ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True)
"""Admin slash commands are shown by default only to members with Manage Server."""
INVALID_SHARD = 4010
SHARDING_REQUIRED = 4011
"""Gateway close codes: a shard id or count Discord does not accept, and too few shards."""


def quote(text: str) -> str:
    """Member text inert on Discord: no mention, no link, no markdown."""
    return discord.utils.escape_markdown(inert(text))


STYLE = Style(PLATFORM, quote)

Send = Callable[..., Awaitable[object]]

log = logging.getLogger(__name__)


# Slash options --------------------------------------------------------------------------------


Choices = Callable[[Engine], Iterable[tuple[str, str]]]
"""(label, value) pairs offered while a member types an option."""


def reason_choices(engine: Engine) -> Iterable[tuple[str, str]]:
    return ((f"{reason.number}. {reason.statement}", str(reason.number))
            for reason in engine.knowledge.reasons)


def author_choices(engine: Engine) -> Iterable[tuple[str, str]]:
    return ((author, author) for author in sorted({quote.author
                                                   for quote in engine.knowledge.quotes}))


def event_choices(engine: Engine) -> Iterable[tuple[str, str]]:
    return ((event.name, event.name) for event in engine.knowledge.events)


@dataclass(frozen=True)
class Option:
    """The one text option of a slash command: everything after `!name` in the chat form."""

    name: str
    description: str
    choices: Choices | None = None
    required: bool = False


SUBSCRIPTION_OPTION = Option("annonces", "citation, rappels ou tout (tout par défaut)")
OPTIONS = {
    "question": Option("texte", "votre question sur les articles"),
    "raison": Option("numero", "le numéro de la raison, de 1 à 10", reason_choices),
    "citation": Option("auteur", "l’auteur de la citation", author_choices),
    "evenement": Option("nom", "le nom de l’événement", event_choices),
    "abonner": SUBSCRIPTION_OPTION,
    "desabonner": SUBSCRIPTION_OPTION,
}


def option_for(command: Command) -> Option | None:
    """The slash option of `command`, read from its usage line.

    `!raison [1-10]` has an optional option, `!question TEXTE` a required one, `!aide` none;
    alternatives such as `[citation|rappels|tout]` are offered as autocomplete choices.
    """
    placeholder = command.usage.partition(" ")[2]
    if not placeholder:
        return None
    option = OPTIONS.get(command.name) or Option(
        "arguments", fit(f"comme dans {command.usage}", SLASH_DESCRIPTION_LIMIT))
    alternatives = placeholder.strip("[]").split("|")
    if option.choices is None and len(alternatives) > 1:
        option = replace(option, choices=lambda engine: ((word, word) for word in alternatives))
    return replace(option, required=not placeholder.startswith("["))


def matching_choices(choices: Iterable[tuple[str, str]],
                     typed: str) -> list[app_commands.Choice[str]]:
    wanted = fold(typed)
    return [app_commands.Choice(name=fit(label, 100), value=value[:100])
            for label, value in choices if wanted in fold(label)][:MAX_CHOICES]


# Rendering ------------------------------------------------------------------------------------


def card_embed(card: Card) -> discord.Embed:
    embed = discord.Embed(title=fit(card.title, 256), description=fit(card.body, 4096),
                          colour=EMBED_COLOUR)
    for name, value in card.fields[:25]:
        embed.add_field(name=fit(name, 256), value=fit(value, 1024), inline=False)
    if card.footer:
        embed.set_footer(text=fit(card.footer, 2048))
    return embed


async def post(send: Send, text: str, card: Card | None, *, embeds: bool,
               reference: discord.Message | None = None) -> None:
    """Send a reply or announcement: one embed when allowed, else text in 2,000-char parts.

    Only the first part carries the reply reference, so a long answer reads as one reply.
    """
    embed = card_embed(card) if card is not None and embeds else None
    if embed is not None and len(embed) <= EMBED_LIMIT:
        await send(embed=embed, reference=reference)
        return
    for index, part in enumerate(split_message(text, MESSAGE_LIMIT)):
        await send(part, reference=reference if index == 0 else None)


def permissions_in(channel: object) -> discord.Permissions:
    """The bot's permissions in `channel`; all of them in a DM."""
    if isinstance(channel, discord.abc.GuildChannel | discord.Thread):
        return channel.permissions_for(channel.guild.me)
    return discord.Permissions.all()


# The bot --------------------------------------------------------------------------------------


class DiscordAdapter:
    platform = PLATFORM

    def __init__(self, engine: Engine, settings: DiscordSettings, cooldown: Cooldown, *,
                 guild_ready_timeout: float = 2.0) -> None:
        """`guild_ready_timeout` delays on_ready; tests shorten it."""
        self.engine = engine
        self.settings = settings
        self.conversation = Conversation(engine, PLATFORM, cooldown, STYLE)
        self.client = make_client(self, guild_ready_timeout)
        self.owner_ids = settings.owner_ids
        self._guilds: dict[int, int | None] = {}
        """Channel id -> guild id (None for a DM or an unknown channel): it never changes."""
        for command in engine.commands:
            self.client.tree.add_command(self._slash(command))

    async def run(self) -> None:
        try:
            async with self.client:
                await self.client.start(self.settings.token)
        except discord.LoginFailure:
            raise ConfigError("DISCORD_TOKEN: rejected by Discord (401 Unauthorized); copy "
                              "the bot token again from the Developer Portal, Bot page") from None
        except discord.PrivilegedIntentsRequired:
            raise ConfigError("DISCORD_TOKEN: Discord refused the Message Content intent; "
                              "enable it in the Developer Portal, Bot page, Privileged "
                              "Gateway Intents") from None
        except aiohttp.ClientConnectionError as error:
            raise ConfigError(f"DISCORD_TOKEN: cannot reach Discord to log in ({error})") \
                from None
        except discord.ConnectionClosed as error:
            if error.code == SHARDING_REQUIRED:
                raise ConfigError("DISCORD_SHARD_COUNT: Discord requires sharding, the bot is "
                                  "in too many servers for one connection; set it (or auto)") \
                    from None
            if error.code == INVALID_SHARD:
                raise ConfigError(f"DISCORD_SHARD_COUNT: Discord refused shard "
                                  f"{error.shard_id} as invalid; check it and "
                                  f"DISCORD_SHARD_IDS") from None
            raise

    async def close(self) -> None:
        await self.client.close()

    def connected(self) -> bool:
        return self.client.is_ready() and not self.client.is_closed()

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
                self._guilds[channel_id] = await self._guild_of(channel_id)
            except discord.HTTPException as error:
                log.warning("Discord: cannot tell the guild of channel %s (%s); will retry",
                            channel_id, error.status)
                return False
        return shards.carries(self._guilds[channel_id])

    async def _guild_of(self, channel_id: int) -> int | None:
        found = self.client.get_channel(channel_id)
        try:
            channel = found or await self.client.fetch_channel(channel_id)
        except (discord.NotFound, discord.Forbidden):
            return None
        if isinstance(channel, discord.abc.GuildChannel | discord.Thread):
            return channel.guild.id
        return None

    async def announce(self, announcement: Announcement) -> None:
        await self.client.wait_until_ready()
        if not announcement.channel.isdigit():
            raise ChannelUnavailable(f"{announcement.channel!r} is not a Discord channel id")
        channel_id = int(announcement.channel)
        try:
            channel = (self.client.get_channel(channel_id)
                       or await self.client.fetch_channel(channel_id))
            if not isinstance(channel, discord.abc.Messageable):
                raise ChannelUnavailable(f"channel {channel_id} is not a text channel")
            await post(channel.send, announcement.text, announcement.card,
                       embeds=permissions_in(channel).embed_links)
        except (discord.Forbidden, discord.NotFound) as error:
            raise ChannelUnavailable(f"channel {channel_id}: {error.status} {error.text}") \
                from error

    # Incoming -------------------------------------------------------------------------------

    async def on_message(self, message: discord.Message) -> None:
        incoming = self.read(message)
        permissions = permissions_in(message.channel)
        reference = message if permissions.read_message_history else None

        async def respond(reply: Reply) -> None:
            try:
                await post(message.channel.send, reply.text, reply.card,
                           embeds=permissions.embed_links, reference=reference)
            except discord.Forbidden as error:
                log.warning("Discord: cannot answer in channel %s: %s", message.channel.id,
                            error.text)

        await self.conversation.handle(incoming, respond)

    def read(self, message: discord.Message) -> Incoming:
        """The text without the bot's mention, and whether it is meant for the bot.

        It is in a DM, a mention of the bot (or of its role, which Discord's mention picker
        often offers first), or a question in a question channel. An @everyone is not a
        mention of the bot.
        """
        me = self.client.user
        assert me is not None
        own = [rf"<@!?{me.id}>"]
        mentioned = any(user.id == me.id for user in message.mentions)
        role = message.guild.self_role if message.guild is not None else None
        if role is not None:
            own.append(rf"<@&{role.id}>")
            mentioned = mentioned or role in message.role_mentions
        text = re.sub("|".join(own), " ", message.content[: MAX_INPUT_CHARS * 2])
        channel = message.channel
        question_channels = self.settings.question_channels
        return Incoming(
            text, str(channel.id), self.community(message.guild, message.author),
            str(message.author.id), addressed=message.guild is None or mentioned,
            question_channel=(channel.id in question_channels
                              or getattr(channel, "parent_id", None) in question_channels),
            is_admin=self.is_admin(message.author), is_operator=self.is_operator(message.author),
        )

    @staticmethod
    def community(guild: discord.Guild | None, author: discord.abc.User) -> str:
        return f"dm:{author.id}" if guild is None else str(guild.id)

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
        owners = set(self.owner_ids)
        if application is not None:
            if application.team is not None:
                owners.update(member.id for member in application.team.members)
            elif application.owner is not None:
                owners.add(application.owner.id)
        return user.id in owners

    # Commands -------------------------------------------------------------------------------

    async def on_slash(self, interaction: discord.Interaction[Any], command: Command,
                       arguments: str) -> None:
        """`/name option:value` takes the same path as `!name value`; its first answer is
        the interaction's response, the others follow-ups, private ones ephemeral."""
        user = interaction.user
        embeds = interaction.app_permissions.embed_links

        async def respond(reply: Reply) -> None:
            async def send(*args: Any, reference: object = None, **kwargs: Any) -> None:
                if interaction.response.is_done():
                    await interaction.followup.send(*args, ephemeral=reply.private, **kwargs)
                else:
                    await interaction.response.send_message(*args, ephemeral=reply.private,
                                                            **kwargs)
            await post(send, reply.text, reply.card, embeds=embeds)

        await self.conversation.handle(Incoming(
            f"{PREFIX}{command.name} {arguments}", str(interaction.channel_id),
            self.community(interaction.guild, user), str(user.id), addressed=True,
            is_admin=self.is_admin(user), is_operator=self.is_operator(user),
        ), respond)

    def _slash(self, command: Command) -> app_commands.Command[Any, ..., None]:
        """`command` as a slash command, with its one option when it takes arguments."""
        option = option_for(command)

        async def bare(interaction: discord.Interaction[Any]) -> None:
            await self.on_slash(interaction, command, "")

        async def optional(interaction: discord.Interaction[Any], arguments: str = "") -> None:
            await self.on_slash(interaction, command, arguments)

        async def required(interaction: discord.Interaction[Any], arguments: str) -> None:
            await self.on_slash(interaction, command, arguments)

        callback: Callable[..., Coroutine[Any, Any, None]] = bare
        if option is not None:
            callback = required if option.required else optional
            app_commands.rename(arguments=option.name)(callback)
            app_commands.describe(arguments=option.description)(callback)
        if command.admin or command.operator:
            app_commands.default_permissions(ADMIN_PERMISSIONS)(callback)
        summary = command.summary[:1].upper() + command.summary[1:]
        slash: app_commands.Command[Any, ..., None] = app_commands.Command(
            name=command.name, description=fit(summary, SLASH_DESCRIPTION_LIMIT),
            callback=callback)
        if option is not None and option.choices is not None:
            slash.autocomplete("arguments")(self._completer(option.choices))
        return slash

    def _completer(self, choices: Choices) -> Callable[
            [discord.Interaction[Any], str], Coroutine[Any, Any, list[app_commands.Choice[str]]]]:
        async def complete(interaction: discord.Interaction[Any],
                           current: str) -> list[app_commands.Choice[str]]:
            return matching_choices(choices(self.engine), current)
        return complete

    async def sync_commands(self) -> None:
        """Register the slash commands: in one guild (instant) if configured, else globally
        (Discord may take a while to show global changes)."""
        guild = None if self.settings.guild_id is None else discord.Object(self.settings.guild_id)
        if guild is not None:
            self.client.tree.copy_global_to(guild=guild)
        try:
            synced = await self.client.tree.sync(guild=guild)
        except discord.Forbidden as error:
            raise ConfigError(
                f"DISCORD_GUILD_ID: Discord refused the slash commands for guild "
                f"{self.settings.guild_id} ({error.text}); is the bot in that guild, invited "
                f"with the applications.commands scope?") from None
        log.info("Discord: %d slash commands synced %s", len(synced),
                 "globally" if guild is None else f"in guild {guild.id}")


def make_client(adapter: DiscordAdapter, guild_ready_timeout: float) -> SbClient:
    """The plain client by default; discord.py's sharded client when shards are set."""
    shards = adapter.settings.shards
    if shards is None:
        return SbClient(adapter, guild_ready_timeout)
    return ShardedSbClient(adapter, guild_ready_timeout, shard_count=shards.count,
                           shard_ids=None if shards.ids is None else list(shards.ids))


class SbClient(discord.Client):
    """discord.py's client, routing everything to the adapter."""

    def __init__(self, adapter: DiscordAdapter, guild_ready_timeout: float,
                 **options: Any) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        # AllowedMentions.none() also keeps replies from pinging the asker (replied_user is
        # False), so no echoed text can ever ping anyone, whatever a reply passes.
        super().__init__(intents=intents, allowed_mentions=discord.AllowedMentions.none(),
                         guild_ready_timeout=guild_ready_timeout, **options)
        self.adapter = adapter
        self.tree = app_commands.CommandTree(self)

    async def setup_hook(self) -> None:
        await self.adapter.sync_commands()

    async def on_ready(self) -> None:
        log.info("Discord: connected as %s in %d guilds", self.user, len(self.guilds))

    async def on_message(self, message: discord.Message, /) -> None:
        if not message.author.bot:
            await self.adapter.on_message(message)


class ShardedSbClient(SbClient, discord.AutoShardedClient):
    """The same client on discord.py's sharded client (`shard_count`, `shard_ids` options):
    one gateway connection per shard, all in this process."""
