"""Discord's slash commands, generated from the commands' declared arguments.

Each command becomes `/name`, its `Argument` the one option (required or not, with its
French description and its autocomplete: fixed choices or the knowledge's reasons, authors,
events). Admin and operator commands are shown by default only to members with Manage
Server; the engine still refuses them to anyone else.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import discord
from discord import app_commands

from sbbot.commands import Argument, Bot, Command
from sbbot.config import ConfigError
from sbbot.replies import fit
from sbbot.text import fold

TEXT_LIMIT = 100
"""Discord's limit for slash descriptions and autocomplete labels and values."""
MAX_CHOICES = 25
ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True)

Run = Callable[[discord.Interaction[Any], Command, str], Awaitable[None]]
Callback = Callable[..., Coroutine[Any, Any, None]]
Completer = Callable[[discord.Interaction[Any], str],
                     Coroutine[Any, Any, list[app_commands.Choice[str]]]]

log = logging.getLogger("sbbot.adapters.discord")


def slash_command(command: Command, run: Run, bot: Bot) -> app_commands.Command[Any, ..., None]:
    """`command` as `/name`, whose callback hands (interaction, command, text) to `run`."""
    argument = command.argument

    async def bare(interaction: discord.Interaction[Any]) -> None:
        await run(interaction, command, "")

    async def optional(interaction: discord.Interaction[Any], arguments: str = "") -> None:
        await run(interaction, command, arguments)

    async def required(interaction: discord.Interaction[Any], arguments: str) -> None:
        await run(interaction, command, arguments)

    callback: Callback = bare
    if argument is not None:
        callback = required if argument.required else optional
        app_commands.rename(arguments=argument.name)(callback)
        app_commands.describe(arguments=fit(argument.description, TEXT_LIMIT))(callback)
    if command.admin or command.operator:
        app_commands.default_permissions(ADMIN_PERMISSIONS)(callback)
    summary = command.summary[:1].upper() + command.summary[1:]
    slash: app_commands.Command[Any, ..., None] = app_commands.Command(
        name=command.name, description=fit(summary, TEXT_LIMIT), callback=callback)
    if argument is not None and (argument.choices or argument.complete):
        slash.autocomplete("arguments")(completer(argument, bot))
    return slash


def completer(argument: Argument, bot: Bot) -> Completer:
    async def complete(interaction: discord.Interaction[Any],
                       current: str) -> list[app_commands.Choice[str]]:
        kept, _, typed = current.rpartition(" ") if argument.last_word else ("", "", current)
        wanted = fold(typed)
        return [app_commands.Choice(name=fit(label, TEXT_LIMIT),
                                    value=" ".join(filter(None, (kept, value)))[:TEXT_LIMIT])
                for label, value in argument.completions(bot)
                if wanted in fold(label)][:MAX_CHOICES]
    return complete


async def sync_commands(tree: app_commands.CommandTree[Any], guild_id: int | None) -> None:
    """Register the slash commands: in one guild (instant) if configured, else globally
    (Discord may take a while to show global changes)."""
    guild = None if guild_id is None else discord.Object(guild_id)
    if guild is not None:
        tree.copy_global_to(guild=guild)
    try:
        synced = await tree.sync(guild=guild)
    except discord.Forbidden as error:
        raise ConfigError(
            f"DISCORD_GUILD_ID: Discord refused the slash commands for guild {guild_id} "
            f"({error.text}); is the bot in that guild, invited with the "
            "applications.commands scope?") from None
    log.info("Discord: %d slash commands synced %s", len(synced),
             "globally" if guild is None else f"in guild {guild_id}")
