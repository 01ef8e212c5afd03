"""The one path every platform's messages take: normalise, decide, space, answer.

An adapter turns a platform event into an `Incoming` (who, where, whether the bot was
addressed) and hands over a way to respond; everything a member can observe from there is
decided here, once for every platform: the text the decisions are made on, whether free
text in a question channel reads as a question, the cooldown, the engine's reply.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sbbot.chat import PLAIN, Message, Reply, Style
from sbbot.cooldown import QUESTION_COMMAND, Cooldown
from sbbot.courtesy import courtesy_reply
from sbbot.inbound import command_word, looks_like_question, normalize

if TYPE_CHECKING:
    from sbbot.engine import Engine

Respond = Callable[[Reply], Awaitable[None]]


@dataclass(frozen=True)
class Incoming:
    """A member's message as the adapter read it: the text with the bot's own mention
    removed, and the facts only the platform knows."""

    text: str
    channel: str
    community: str
    author: str
    addressed: bool
    """A direct message, a mention of the bot, a slash command, the terminal."""
    question_channel: bool = False
    """Free text here is answered when it reads as a question."""
    is_admin: bool = False
    is_operator: bool = False


class Conversation:
    """The shared message path of one platform (its own cooldown, its own style)."""

    def __init__(self, engine: Engine, platform: str, cooldown: Cooldown,
                 style: Style = PLAIN) -> None:
        self.engine = engine
        self.platform = platform
        self.cooldown = cooldown
        self.style = style

    async def handle(self, incoming: Incoming, respond: Respond) -> None:
        text = normalize(incoming.text)
        choosing = self.picks_a_topic(incoming, text)
        addressed = incoming.addressed or (incoming.question_channel
                                           and (looks_like_question(text) or choosing))
        if not choosing and self.counts_as_question(text, addressed) \
                and not self.cooldown.admit(incoming.author):
            notice = self.cooldown.notice(incoming.author)
            if notice is not None:
                await respond(Reply(notice, "error", private=True))
            return
        reply = await self.engine.handle(Message(
            text, self.platform, incoming.channel, author=incoming.author,
            is_admin=incoming.is_admin, addressed=addressed, community=incoming.community,
            is_operator=incoming.is_operator, style=self.style,
        ))
        if reply is not None:
            await respond(reply)

    def picks_a_topic(self, incoming: Incoming, text: str) -> bool:
        """Whether the message is a number picking one of the topics the bot just offered
        this member: part of the question already asked, so not told to wait, and read as
        meant for the bot in a question channel."""
        return self.engine.follow_ups.pick((self.platform, incoming.channel, incoming.author),
                                           text, self.engine.clock()) is not None

    def counts_as_question(self, text: str, addressed: bool) -> bool:
        """A free question addressed to the bot, or `!question` (or an alias) with its text.
        Other commands, a bare `!question` (answered with its usage), unknown `!` words and
        an empty mention are not limited, nor is a greeting or thanks: "merci !" just after
        an answer is thanked, not told to wait."""
        word = command_word(text)
        if word is None:
            return addressed and bool(text) and courtesy_reply(text) is None
        command = self.engine.command(word[0])
        return command is not None and command.name == QUESTION_COMMAND and bool(word[1])
