"""The Discord adapter: the same engine behind a discord.py `commands.Bot`.

Thin on purpose. Every engine command becomes a hybrid command (so `!raison 3` and
`/raison numero:3` both work) whose callback only rebuilds the text `!raison 3` and hands it
to `Engine.handle`: parsing, wording and admin refusals stay in the core, identical on every
platform. What is Discord's alone lives here: slash options and their autocomplete, when a
message is meant for the bot, embeds, message size, mentions, permissions, and which
messages count against the cooldown (`sbbot.cooldown`, shared with Matrix).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from dataclasses import dataclass, replace
from typing import Any

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from sbbot.chat import Announcement, Card, ChannelUnavailable, Message, Reply
from sbbot.commands import Command
from sbbot.config import ConfigError, DiscordSettings
from sbbot.cooldown import QUESTION_COMMAND, Cooldown
from sbbot.engine import PREFIX, Engine
from sbbot.replies import fit
from sbbot.text import fold

from .split import split_message

PLATFORM = "discord"

EMBED_COLOUR = discord.Colour(0x2E7D5B)
EMBED_LIMIT = 6000
"""Discord's limit on the total text of one embed; a bigger card is sent as plain text."""
SLASH_DESCRIPTION_LIMIT = 100
MAX_CHOICES = 25
"""Discord shows at most 25 autocomplete choices."""
INVALID_SHARD = 4010
SHARDING_REQUIRED = 4011
"""Gateway close codes: a shard id or count Discord does not accept, and too few shards."""

Context = commands.Context[commands.Bot]
Send = Callable[..., Awaitable[discord.Message]]

log = logging.getLogger(__name__)


# When a message is a question -----------------------------------------------------------------

QUESTION_WORDS = frozenset("""
qui que quoi quel quelle quels quelles quand où comment combien pourquoi lequel laquelle
lesquels lesquelles qu est-ce
what who whom whose when where why how which is are am was were do does did can could
should would will shall may might has have
""".split())
INVERSION = re.compile(r"\w-(?:t-)?(?:je|tu|il|elle|on|nous|vous|ils|elles)$")
"""French subject-verb inversion: « Pouvez-vous… », « Y a-t-il… », « Sais-tu… »."""
WORD = re.compile(r"[\w’'-]+")


def looks_like_question(text: str) -> bool:
    """Whether a message in a question channel is worth answering.

    Those channels are for questions, but members also thank each other and chat there;
    answering every line would drown them. A question mark, an interrogative first word
    (French or English) or a French inversion is enough; anything else stays unanswered.
    """
    if re.search(r"\?\W*$", text):
        return True
    words = WORD.findall(text.lower())[:2]
    if not words:
        return False
    first = re.split(r"[’']", words[0])[0]
    return first in QUESTION_WORDS or any(INVERSION.search(word) for word in words)


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
    for index, part in enumerate(split_message(text)):
        await send(part, reference=reference if index == 0 else None)


def may_embed(channel: object) -> bool:
    """Without Embed Links, Discord silently drops embeds: the message would arrive empty."""
    if isinstance(channel, discord.abc.GuildChannel | discord.Thread):
        return channel.permissions_for(channel.guild.me).embed_links
    return True


# The bot --------------------------------------------------------------------------------------


class DiscordAdapter:
    platform = PLATFORM

    def __init__(self, engine: Engine, settings: DiscordSettings, cooldown_seconds: float,
                 *, clock: Callable[[], float] = time.monotonic,
                 guild_ready_timeout: float = 2.0) -> None:
        """`clock` drives the cooldown and `guild_ready_timeout` delays on_ready; tests
        shorten both."""
        self.engine = engine
        self.settings = settings
        self.cooldown = Cooldown(cooldown_seconds, clock)
        self.bot = make_bot(self, guild_ready_timeout)
        self._guilds: dict[int, int | None] = {}
        """Channel id -> guild id (None for a DM or an unknown channel): it never changes."""
        for command in engine.commands:
            self.bot.add_command(self._hybrid(command))

    async def run(self) -> None:
        try:
            async with self.bot:
                await self.bot.start(self.settings.token)
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
        await self.bot.close()

    async def serves(self, channel: str) -> bool:
        """Whether this process posts in `channel`: its guild is on one of our shards.

        A channel of our shards is in the client's cache; any other is looked up once (its
        guild never changes) so that another process's channel is left unclaimed for it.
        DMs and channels that no longer exist belong to the process running shard 0.
        """
        shards = self.settings.shards
        if shards is None:
            return True
        await self.bot.wait_until_ready()
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
        found = self.bot.get_channel(channel_id)
        try:
            channel = found or await self.bot.fetch_channel(channel_id)
        except (discord.NotFound, discord.Forbidden):
            return None
        guild = getattr(channel, "guild", None)
        return None if guild is None else int(guild.id)

    async def announce(self, announcement: Announcement) -> None:
        await self.bot.wait_until_ready()
        if not announcement.channel.isdigit():
            raise ChannelUnavailable(f"{announcement.channel!r} is not a Discord channel id")
        channel_id = int(announcement.channel)
        try:
            channel = (self.bot.get_channel(channel_id)
                       or await self.bot.fetch_channel(channel_id))
            if not isinstance(channel, discord.abc.Messageable):
                raise ChannelUnavailable(f"channel {channel_id} is not a text channel")
            await post(channel.send, announcement.text, announcement.card,
                       embeds=may_embed(channel))
        except (discord.Forbidden, discord.NotFound) as error:
            raise ChannelUnavailable(f"channel {channel_id}: {error.status} {error.text}") \
                from error

    # Incoming -------------------------------------------------------------------------------

    def read(self, message: discord.Message) -> tuple[str, bool]:
        """The text without the bot's mention, and whether it is meant for the bot.

        It is in a DM, a mention of the bot (or of its role, which Discord's mention picker
        often offers first), or a question in a question channel. An @everyone is not a
        mention of the bot.
        """
        me = self.bot.user
        assert me is not None
        own = [rf"<@!?{me.id}>"]
        mentioned = any(user.id == me.id for user in message.mentions)
        role = message.guild.self_role if message.guild is not None else None
        if role is not None:
            own.append(rf"<@&{role.id}>")
            mentioned = mentioned or role in message.role_mentions
        text = " ".join(re.sub("|".join(own), " ", message.content).split())
        if message.guild is None or mentioned:
            return text, True
        channel = message.channel
        in_question_channel = (channel.id in self.settings.question_channels
                               or getattr(channel, "parent_id", None)
                               in self.settings.question_channels)
        return text, in_question_channel and looks_like_question(text)

    async def on_text(self, ctx: Context) -> None:
        """A message that is not one of our `!` commands: a free question, or not for us.

        An unknown `!word` is answered (with the engine's suggestion) only when addressed:
        many servers run other bots on the same `!` prefix, whose commands are not typos.
        """
        text, addressed = self.read(ctx.message)
        if not addressed or not text:
            return
        if not text.startswith(PREFIX) and not await self._admit(ctx):
            return
        await self.answer(ctx, text)

    async def run_command(self, ctx: Context, command: Command, arguments: str) -> None:
        if command.name == QUESTION_COMMAND and not await self._admit(ctx):
            return
        await self.answer(ctx, f"{PREFIX}{command.name} {arguments}".strip())

    async def answer(self, ctx: Context, text: str) -> None:
        reply = await self.engine.handle(Message(
            text, PLATFORM, str(ctx.channel.id), author=str(ctx.author.id),
            is_admin=self.is_admin(ctx.author), addressed=True,
        ))
        if reply is not None:
            await self._reply(ctx, reply)

    def is_admin(self, user: discord.User | discord.Member) -> bool:
        """Manage Server, or a role listed in DISCORD_ADMIN_ROLES (by name or id)."""
        if not isinstance(user, discord.Member):
            return False
        roles = self.settings.admin_roles
        return user.guild_permissions.manage_guild or any(
            role.name in roles or str(role.id) in roles for role in user.roles)

    async def _admit(self, ctx: Context) -> bool:
        member = str(ctx.author.id)
        if self.cooldown.admit(member):
            return True
        notice = self.cooldown.notice(member)
        if notice is not None:
            await self._reply(ctx, Reply(notice, "error"), ephemeral=True)
        return False

    async def _reply(self, ctx: Context, reply: Reply, *, ephemeral: bool = False) -> None:
        """Answer as a reply to the asker; a slash command's answer is its response.

        Replying needs Read Message History, so without it the answer is posted plainly.
        """
        permissions = ctx.bot_permissions
        reference = ctx.message if permissions.read_message_history else None

        async def send(*args: Any, **kwargs: Any) -> discord.Message:
            return await ctx.send(*args, ephemeral=ephemeral, **kwargs)

        try:
            await post(send, reply.text, reply.card, embeds=permissions.embed_links,
                       reference=reference)
        except discord.Forbidden as error:
            log.warning("Discord: cannot answer in channel %s: %s", ctx.channel.id, error.text)

    # Commands -------------------------------------------------------------------------------

    def _hybrid(self, command: Command) -> commands.HybridCommand[Any, ..., None]:
        """`command` as a hybrid command: `!name arguments` and `/name option:value`."""
        option = option_for(command)

        async def bare(ctx: Context) -> None:
            await self.run_command(ctx, command, "")

        async def optional(ctx: Context, *, arguments: str = "") -> None:
            await self.run_command(ctx, command, arguments)

        async def required(ctx: Context, *, arguments: str) -> None:
            await self.run_command(ctx, command, arguments)

        callback: Callable[..., Coroutine[Any, Any, None]] = bare
        if option is not None:
            callback = required if option.required else optional
            app_commands.rename(arguments=option.name)(callback)
            app_commands.describe(arguments=option.description)(callback)
        summary = command.summary[:1].upper() + command.summary[1:]
        hybrid: commands.HybridCommand[Any, ..., None] = commands.HybridCommand(
            callback, name=command.name, aliases=list(command.aliases),
            description=fit(summary, SLASH_DESCRIPTION_LIMIT),
        )
        if option is not None and option.choices is not None:
            hybrid.autocomplete("arguments")(self._completer(option.choices))
        return hybrid

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
            self.bot.tree.copy_global_to(guild=guild)
        try:
            synced = await self.bot.tree.sync(guild=guild)
        except discord.Forbidden as error:
            raise ConfigError(
                f"DISCORD_GUILD_ID: Discord refused the slash commands for guild "
                f"{self.settings.guild_id} ({error.text}); is the bot in that guild, invited "
                f"with the applications.commands scope?") from None
        log.info("Discord: %d slash commands synced %s", len(synced),
                 "globally" if guild is None else f"in guild {guild.id}")


def make_bot(adapter: DiscordAdapter, guild_ready_timeout: float) -> SbBot:
    """The plain client by default; discord.py's sharded client when shards are set."""
    shards = adapter.settings.shards
    if shards is None:
        return SbBot(adapter, guild_ready_timeout)
    return ShardedSbBot(adapter, guild_ready_timeout, shard_count=shards.count,
                        shard_ids=None if shards.ids is None else list(shards.ids))


class SbBot(commands.Bot):
    """discord.py's bot, routing everything to the adapter."""

    def __init__(self, adapter: DiscordAdapter, guild_ready_timeout: float,
                 **options: Any) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        # AllowedMentions.none() also keeps replies from pinging the asker (replied_user is
        # False), so no echoed text can ever ping anyone, whatever a reply passes.
        super().__init__(
            command_prefix=PREFIX, intents=intents, help_command=None, case_insensitive=True,
            allowed_mentions=discord.AllowedMentions.none(),
            guild_ready_timeout=guild_ready_timeout, **options,
        )
        self.adapter = adapter

    async def setup_hook(self) -> None:
        await self.adapter.sync_commands()

    async def on_ready(self) -> None:
        log.info("Discord: connected as %s in %d guilds", self.user, len(self.guilds))

    async def on_message(self, message: discord.Message, /) -> None:
        if message.author.bot:
            return
        ctx = await self.get_context(message)
        if ctx.command is not None:
            await self.invoke(ctx)
        else:
            await self.adapter.on_text(ctx)

    async def on_command_error(self, ctx: commands.Context[Any],
                               error: commands.CommandError, /) -> None:
        """A `!` command typed wrong (`!question` alone) gets the engine's own usage hint."""
        if isinstance(error, commands.UserInputError) and ctx.interaction is None:
            await self.adapter.answer(ctx, ctx.message.content)
        else:
            await super().on_command_error(ctx, error)


class ShardedSbBot(SbBot, commands.AutoShardedBot):
    """The same bot on discord.py's sharded client (`shard_count`, `shard_ids` options):
    one gateway connection per shard, all in this process."""
