"""What every member can ask for: help, reasons, quotes, posts, and free questions (the
events are in `commands.events`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz import fuzz, process

from sbbot.chat import Card, EntryRef, Reply, ReplyKind
from sbbot.commands import Argument, Bot, Command, Context
from sbbot.commands.events import (
    ANSWER_FOOTER,
    agenda,
    asked_lines,
    evenement,
    event_choices,
    event_reply,
    fact_reply,
)
from sbbot.entries import Entry
from sbbot.inbound import PREFIX
from sbbot.knowledge.model import Quote, Reason
from sbbot.replies import counted, fit
from sbbot.router import Match
from sbbot.text import fold


def entry_ref(entry: Entry) -> EntryRef:
    return EntryRef(entry.id, entry.type, entry.text, entry.source)


def entry_reply(entry: Entry, kind: ReplyKind = "answer", score: float | None = None) -> Reply:
    """An entry shown in full with the post it comes from."""
    footer = ANSWER_FOOTER.format(entry.source)
    return Reply(
        f"{entry.text}\n\n{footer}",
        kind,
        entry_ref(entry),
        score,
        Card(title=entry_title(entry), body=entry.text, footer=footer),
    )


def entry_title(entry: Entry) -> str:
    return {"passage": "Extrait", "quote": "Citation", "reason": "Une bonne raison",
            "event": "Événement"}[entry.type]


def topic_label(entry: Entry) -> str:
    """A one-line name for an entry, used when the bot offers nearby topics."""
    first_line = entry.text.split("\n", 1)[0].strip("« »")
    words = first_line.split()
    label = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
    return f"{label} ({entry.source})" if entry.type == "passage" else label


LISTED_POSTS = 8
"""Posts named one by one in an "I don't know" or in `!aide`. A blog keeps publishing: past
this, every fallback would be a long list, and `!articles` gives it on demand."""


def known_topics(context: Context, lead: str) -> str:
    """`lead` ("Je connais {} articles") and the posts the bot knows, or, when there are
    many, their number and how to list them."""
    posts = context.engine.knowledge.posts
    if len(posts) > LISTED_POSTS:
        return f"{lead.format(len(posts))} : tapez {PREFIX}articles pour la liste."
    return f"{lead.format('ces')} :\n" + "\n".join(f"• {post.title}" for post in posts)


async def answer_question(context: Context, question: str) -> Reply:
    if context.engine.knowledge.events and asks_next_event(fold(question)):
        return await agenda(context, "")
    reply = await routed_reply(context, question)
    if context.engine.knowledge.reasons and ASKS_REASONS.search(fold(question)):
        return pointing_to_reasons(reply)
    return reply


NEXT = re.compile(r"\b(?:prochaine?s?|next|upcoming|a venir|bientot|coming up|soon)\b")
EVENT_WORD = re.compile(r"\b(?:evenements?|events?|rencontres?|meetups?|conferences?|"
                        r"matinees?|soirees?|ateliers?|workshops?)\b")


def asks_next_event(folded: str) -> bool:
    """Whether the (folded) question asks for the next event ("when is the next event?",
    "y a-t-il un événement bientôt ?"): the posts announce their events in their own time
    ("l'agenda sera précisé dans les prochains jours"), only the agenda knows which is next."""
    return NEXT.search(folded) is not None and EVENT_WORD.search(folded) is not None


ASKS_REASONS = re.compile(r"\b(?:les|ces|dix|10|the|ten|these)\s+(?:bonnes\s+|good\s+)?"
                          r"(?:raisons|reasons)\b")
"""Asking about the reasons as a set ("les dix raisons", "the reasons to adopt"), not for a
reason ("pour quelles raisons ...?" asks why)."""
REASONS_POINTER = f"Toutes les raisons d’un coup : {PREFIX}raison tout"


def pointing_to_reasons(reply: Reply) -> Reply:
    """The reply with a pointer to `!raison tout`: a member asking about the reasons wants
    the list, which no passage holds (the post's own reasons are in slides it only links)."""
    card = reply.card and replace(reply.card, footer="\n".join(
        line for line in (reply.card.footer, REASONS_POINTER) if line))
    return replace(reply, text=f"{reply.text}\n\n{REASONS_POINTER}", card=card)


async def routed_reply(context: Context, question: str) -> Reply:
    message, engine = context.message, context.engine
    speaker = (message.platform, message.channel, message.author)
    picked = engine.follow_ups.pick(speaker, question, engine.clock())
    if picked is not None:  # "2" just after an unsure reply picks its topic 2
        offered, number = picked
        if number > len(offered):
            return Reply(f"Choisissez un numéro entre 1 et {len(offered)}, ou posez votre "
                         "question.", "error")
        try:
            return answer_reply(context, engine.router.entry(offered[number - 1]), None)
        except KeyError:  # removed by a reload since it was offered
            return Reply("Ce sujet n’est plus dans mes connaissances : posez votre question.",
                         "error")
    result = engine.follow_ups.route(engine.router, speaker, question, engine.clock())
    if result.verdict == "answer" and result.best is not None:
        return answer_reply(context, result.best.entry, result.best.score, question)
    await context.engine.store.record_unanswered(
        context.message.platform, context.message.channel, question, context.engine.clock(),
        community=context.message.community)
    if result.verdict == "unsure" and result.best is not None:
        return unsure_reply(result.best, result.runners_up)
    return Reply(
        "Je ne sais pas répondre à cela : les articles que je connais n’en parlent pas.\n"
        f"{known_topics(context, 'Je connais {} articles')}\n"
        "Posez une question sur l’un d’eux, ou tapez !aide pour voir mes commandes.",
        "fallback",
    )


def answer_reply(context: Context, entry: Entry, score: float | None,
                 question: str = "") -> Reply:
    """The entry as the answer to `question`: an event as !evenement shows it (a past event
    says it is past), or only its lines the question asks for (`asked_lines`)."""
    if entry.type == "event":
        event = next(event for event in context.engine.knowledge.events
                     if event.id == entry.id)
        now = context.engine.clock()
        lines = asked_lines(event, question)
        shown_event = (fact_reply(event, now, entry.source, lines) if lines
                       else event_reply(event, now, entry.source))
        return replace(shown_event, kind="answer", score=score)
    return entry_reply(entry, score=score)


def unsure_reply(best: Match, runners_up: tuple[Match, ...]) -> Reply:
    options = "\n".join(f"{number}. {topic_label(match.entry)}"
                        for number, match in enumerate((best, *runners_up), 1))
    return Reply(
        "Je ne suis pas sûr d’avoir bien compris. Vous pensiez peut-être à l’un de ces sujets :\n"
        f"{options}\nTapez son numéro pour le lire, ou précisez votre question.",
        "unsure",
        entry_ref(best.entry),
        best.score,
    )


async def question(context: Context, arguments: str) -> Reply:
    if not arguments:
        return Reply("Posez votre question après la commande, par exemple : "
                     "!question Quand a lieu la matinée à Genève ?", "error")
    return await answer_question(context, arguments)


async def aide(context: Context, arguments: str) -> Reply:
    visible = [command for command in context.engine.commands
               if context.message.is_admin or not command.admin]
    wanted = arguments.split()[0].lstrip(PREFIX).lower() if arguments.split() else ""
    named = next((command for command in context.engine.commands
                  if wanted in (command.name, *command.aliases)), None)
    if named is not None:
        return Reply(command_help(named), "command",
                     card=Card(f"Aide : {PREFIX}{named.name}", command_help(named)))
    lines = [f"{command.usage} — {command.summary}" for command in visible]
    unknown = (f"Je ne connais pas la commande {PREFIX}{context.echo(wanted, 40)}.\n\n"
               if wanted else "")
    text = (unknown + known_topics(context, "Je réponds aux questions sur {} articles de blog"
                                     " (social business, collaboration, digital workplace)") +
            "\n\nCommandes :\n" + "\n".join(lines) +
            "\n\nVous pouvez aussi me poser une question directement, en français ou en anglais,"
            " puis enchaîner (« et c’est où ? »)."
            f"\nPour le détail d’une commande : {PREFIX}aide COMMANDE (par exemple "
            f"{PREFIX}aide raison).")
    return Reply(text, "command" if not wanted else "error", card=Card("Aide", text))


def command_help(command: Command) -> str:
    """One command's usage, what its argument is, and its other names."""
    lines = [f"{command.usage} — {command.summary}"]
    if command.argument is not None:
        argument = command.argument
        lines.append(f"{argument.shown.strip('[]')} : {argument.description}"
                     + ("" if argument.required else " (facultatif)"))
    if command.aliases:
        lines.append("Aussi : " + ", ".join(f"{PREFIX}{alias}" for alias in command.aliases))
    if command.admin or command.operator:
        lines.append("Réservée aux administrateurs." if command.admin and not command.operator
                     else "Réservée aux opérateurs du bot.")
    return "\n".join(lines)


def shown(context: Context, entry_id: str) -> Reply:
    """A reason or quote as a command's reply, rendered as the router indexes it."""
    return entry_reply(context.engine.router.entry(entry_id), kind="command")


async def raison(context: Context, arguments: str) -> Reply:
    reasons = context.engine.knowledge.reasons
    if not reasons:
        return Reply("Aucune raison n’est encore rédigée pour ces articles.", "command")
    if arguments:
        typed = arguments.split()[0]
        if typed.lower() in ALL_REASONS:
            return reasons_list(reasons)
        number = item_number(typed)
        if number is None or not 1 <= number <= len(reasons):
            return Reply(f"Donnez un numéro de raison entre 1 et {len(reasons)} "
                         f"(par exemple !raison 3) ou « tout » pour la liste, "
                         f"pas « {context.echo(typed, 20)} ».", "error")
        chosen = next(reason for reason in reasons if reason.number == number)
        return shown(context, chosen.id)
    reason_id = await context.engine.rotate(context.message, "reasons",
                                            [reason.id for reason in reasons])
    return shown(context, reason_id)


ALL_REASONS = frozenset({"tout", "toutes", "liste", "all", "list"})
"""What asks for every reason at once: "quelles sont les dix raisons ?" is the question
members ask first, and ten `!raison` in a row would flood the channel."""


def reasons_list(reasons: tuple[Reason, ...]) -> Reply:
    """Every reason's statement, one line each: the statements are short, the passages that
    support them are not, so each stays one `!raison N` away."""
    lines = "\n".join(f"{reason.number}. {reason.statement}"
                      for reason in sorted(reasons, key=lambda reason: reason.number))
    text = (f"Les {len(reasons)} raisons d’adopter une stratégie social business, tirées des "
            f"articles :\n{lines}\n\n{PREFIX}raison N : l’extrait qui fonde la raison n°N.")
    return Reply(text, "command", card=Card("Les raisons", text))


NUMBER_WORDS = {word: number for number, words in enumerate((
    "un une premier première premiere one first", "deux deuxième deuxieme second two",
    "trois troisième troisieme three third", "quatre quatrième quatrieme four fourth",
    "cinq cinquième cinquieme five fifth", "six sixième sixieme sixth",
    "sept septième septieme seven seventh", "huit huitième huitieme eight eighth",
    "neuf neuvième neuvieme nine ninth", "dix dixième dixieme ten tenth"), start=1)
    for word in words.split()}
"""Members write "!raison deux" or "!raison 3e" as readily as "!raison 3"."""
ORDINAL = re.compile(r"(?:n°|no\.?|#)?([0-9]{1,3})(?:e|è|ème|eme|er|ère|re|th|st|nd|rd)?\.?")


def item_number(typed: str) -> int | None:
    """The number a member gives an item of a numbered list ("3", "3e", "trois", "#3")."""
    word = typed.lower()
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    match = ORDINAL.fullmatch(word)
    return int(match[1]) if match else None


def find_author(quotes: tuple[Quote, ...], wanted: str) -> str | None:
    """The author a member means, despite typos; None for a single letter, which partial
    matching finds inside every name ("!citation a" gave the first author in the list)."""
    if len(re.sub(r"\W", "", fold(wanted))) < 2:
        return None
    authors = sorted({quote.author for quote in quotes})
    match = process.extractOne(fold(wanted), {a: fold(a) for a in authors},
                               scorer=fuzz.partial_ratio, score_cutoff=75)
    return None if match is None else str(match[2])


async def citation(context: Context, arguments: str) -> Reply:
    quotes = context.engine.knowledge.quotes
    if not quotes:  # a freshly imported blog may have none: the rotation needs one
        return Reply("Aucune citation n’est encore relevée dans ces articles.", "command")
    bag = "quotes"
    if arguments:
        author = find_author(quotes, arguments)
        if author is None:
            authors = ", ".join(sorted({quote.author for quote in quotes}))
            return Reply(f"Je n’ai pas de citation de « {context.echo(arguments, 40)} ». "
                         f"Auteurs cités dans les articles : {authors}.", "error")
        quotes = tuple(quote for quote in quotes if quote.author == author)
        bag = f"quotes:{author}"
    quote_id = await context.engine.rotate(context.message, bag,
                                           [quote.id for quote in quotes])
    return shown(context, quote_id)


async def articles(context: Context, arguments: str) -> Reply:
    """The numbered list of posts, or, given a number of that list, that post."""
    posts = context.engine.knowledge.posts
    if arguments:
        typed = arguments.split()[0]
        number = item_number(typed)
        if number is None or not 1 <= number <= len(posts):
            return Reply(f"Donnez le numéro d’un article, entre 1 et {len(posts)} (par exemple "
                         f"{PREFIX}articles 2), pas « {context.echo(typed, 20)} ». "
                         f"{PREFIX}articles seul en donne la liste.", "error")
        return post_reply(context, number)
    lines = [f"{index}. {post.title}" for index, post in enumerate(posts, 1)]
    pointer = f"{PREFIX}articles N : le début de l’article n°N."
    text = "Les articles que je connais :\n" + "\n".join(lines) + f"\n\n{pointer}"
    return Reply(text, "command", card=Card("Articles", "\n".join(lines), footer=pointer))


OPENING_CHARS = 600
"""How much of a post's first passage `!articles N` shows: enough to tell what it is about,
short enough to leave the rest to questions."""


def post_reply(context: Context, number: int) -> Reply:
    """Post `number` of the list: its title, how it opens (its first passage, verbatim,
    cut at a word) and how much of it the bot knows, so a member can tell whether to ask."""
    knowledge = context.engine.knowledge
    post = knowledge.posts[number - 1]
    opening = fit(context.engine.router.entry(post.passages[0].id).text, OPENING_CHARS)
    quotes = sum(quote.post == post.slug for quote in knowledge.quotes)
    known = counted(len(post.passages), "extrait") + (
        f" et {counted(quotes, 'citation')}" if quotes else "")
    body = (f"Il commence ainsi :\n{opening}\n\nJ’en connais {known} : posez-moi une question "
            f"sur cet article, ou tapez {PREFIX}articles pour la liste.")
    heading = f"Article {number} sur {len(knowledge.posts)} : « {post.title} »"
    return Reply(f"{heading}\n{body}", "command", card=Card(heading, body))


def post_choices(bot: Bot) -> Iterable[tuple[str, str]]:
    return ((f"{number}. {post.title}", str(number))
            for number, post in enumerate(bot.knowledge.posts, 1))


def reason_choices(bot: Bot) -> Iterable[tuple[str, str]]:
    yield from ((f"{reason.number}. {reason.statement}", str(reason.number))
                for reason in bot.knowledge.reasons)
    yield "tout : la liste des raisons", "tout"


def author_choices(bot: Bot) -> Iterable[tuple[str, str]]:
    return ((author, author) for author in sorted({quote.author
                                                   for quote in bot.knowledge.quotes}))


CONTENT_COMMANDS: tuple[Command, ...] = (
    Command("aide", ("help",), "la liste des commandes, ou le détail de l’une d’elles", aide,
            Argument("commande", "la commande à expliquer", "COMMANDE",
                     complete=lambda bot: ((command.name, command.name)
                                           for command in bot.commands))),
    Command("question", ("ask", "q"), "pose une question sur les articles", question,
            Argument("texte", "votre question sur les articles", "TEXTE", required=True)),
    Command("raison", ("reason",), "une des dix raisons d’adopter une stratégie social business",
            raison, Argument("numero", "le numéro de la raison, de 1 à 10, ou « tout » pour"
                             " la liste", "1-10|tout",
                             complete=reason_choices)),
    Command("citation", ("quote",), "une citation tirée des articles, au hasard ou d’un auteur",
            citation, Argument("auteur", "l’auteur de la citation", "AUTEUR",
                               complete=author_choices)),
    Command("agenda", ("events", "evenements"), "les événements à venir", agenda),
    Command("evenement", ("event", "événement"),
            "le détail d’un événement (sans nom : la liste des événements)", evenement,
            Argument("nom", "le nom de l’événement", "NOM", complete=event_choices)),
    Command("articles", ("sources", "posts"), "les articles que je connais, ou le début de l’un"
            " d’eux", articles, Argument("numero", "le numéro de l’article dans la liste",
                                         "N", complete=post_choices)),
)
