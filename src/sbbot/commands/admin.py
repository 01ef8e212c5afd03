"""Admin-only commands: subscriptions, unanswered questions, knowledge reload.

The engine refuses these to non-admins before any handler here runs.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Final

from sbbot.chat import AnnouncementKind, Reply
from sbbot.commands import Argument, Bot, Command, Context
from sbbot.knowledge import KnowledgeError
from sbbot.replies import counted, fit
from sbbot.snapshot import ReloadReport, SnapshotError
from sbbot.text import fold

log = logging.getLogger(__name__)
RELOAD_BROKEN = ("Rechargement impossible pour une raison technique (voir le journal du bot). "
                 "Je continue de répondre avec les connaissances précédentes.")

if TYPE_CHECKING:
    from sbbot.store import UnansweredQuestion

KIND_WORDS: Final[dict[str, tuple[AnnouncementKind, ...]]] = {
    "citation": ("daily_quote",), "citations": ("daily_quote",), "quote": ("daily_quote",),
    "quotes": ("daily_quote",),
    "rappel": ("event_reminder",), "rappels": ("event_reminder",),
    "reminder": ("event_reminder",), "reminders": ("event_reminder",),
    "evenements": ("event_reminder",), "events": ("event_reminder",),
    "tout": ("daily_quote", "event_reminder"), "all": ("daily_quote", "event_reminder"),
}
KIND_FILLERS: Final = frozenset({"et", "and", "la", "le", "les", "du", "des", "de", "d", "l",
                                  "jour", "the", "of", "day", "daily", "+", "&"})
"""Words around the kinds, as members write them: "!abonner la citation du jour et les
rappels"."""
KIND_NAMES: Final[dict[AnnouncementKind, str]] = {
    "daily_quote": "la citation du jour",
    "event_reminder": "les rappels d’événements",
}
KIND_NAMES_AFTER_A: Final[dict[AnnouncementKind, str]] = {
    "daily_quote": "à la citation du jour",
    "event_reminder": "aux rappels d’événements",
}
"""The same names after "abonné": French contracts "à les" into "aux"."""
RESUMED = ("Les annonces reprennent à partir de maintenant. La base de données avait été "
           "perdue : ce qui était prévu avant n’est pas publié, pour ne rien publier deux fois.")
QUESTIONS_WINDOW = timedelta(days=7)
QUESTIONS_SHOWN = 10
IDS_SHOWN = 8
PROBLEMS_CHARS = 1500
"""Room left for reload problems once the reply's own sentences are counted."""


def parse_kinds(arguments: str) -> tuple[AnnouncementKind, ...] | None:
    """The kinds named by the arguments (all of them when none is named); None if a word is
    not a kind."""
    typed = fold(arguments).split()
    words = [word for word in typed if word not in KIND_FILLERS]
    if typed and not words:
        return None
    kinds: list[AnnouncementKind] = []
    for word in words or ["tout"]:
        if word not in KIND_WORDS:
            return None
        kinds.extend(kind for kind in KIND_WORDS[word] if kind not in kinds)
    return tuple(sorted(kinds))


def kind_list(kinds: Sequence[AnnouncementKind],
              names: dict[AnnouncementKind, str] = KIND_NAMES, joiner: str = " et ") -> str:
    return joiner.join(names[kind] for kind in sorted(kinds))


def bad_kinds(context: Context, command: str, arguments: str) -> Reply:
    return Reply(f"Je ne comprends pas « {context.echo(arguments, 40)} ». Utilisez !{command}"
                 f" citation, !{command} rappels ou !{command} tout.", "error")


async def abonner(context: Context, arguments: str) -> Reply:
    kinds = parse_kinds(arguments)
    if kinds is None:
        return bad_kinds(context, "abonner", arguments)
    message = context.message
    added = await context.engine.store.subscribe(message.platform, message.channel, kinds,
                                                 community=message.community)
    already = [kind for kind in kinds if kind not in added]
    lines = []
    if added:
        lines.append(f"C’est noté : ce salon recevra {kind_list(sorted(added))}.")
    if already:
        lines.append(f"Ce salon était déjà abonné {kind_list(already, KIND_NAMES_AFTER_A)}.")
    if await context.engine.store.resume_announcements(context.engine.clock()):
        lines.append(RESUMED)
    return Reply("\n".join(lines), "command")


async def desabonner(context: Context, arguments: str) -> Reply:
    kinds = parse_kinds(arguments)
    if kinds is None:
        return bad_kinds(context, "desabonner", arguments)
    message = context.message
    removed = await context.engine.store.unsubscribe(message.platform, message.channel, kinds)
    missing = [kind for kind in kinds if kind not in removed]
    lines = []
    if removed:
        lines.append("C’est noté : ce salon ne recevra plus "
                     f"{kind_list(sorted(removed), joiner=' ni ')}.")
    if missing:
        lines.append("Ce salon n’était pas abonné "
                     f"{kind_list(missing, KIND_NAMES_AFTER_A, ' ni ')}.")
    return Reply("\n".join(lines), "command")


async def abonnements(context: Context, arguments: str) -> Reply:
    message = context.message
    kinds = [subscription.kind
             for subscription in await context.engine.store.subscriptions(message.platform)
             if subscription.channel == message.channel]
    if not kinds:
        return Reply("Ce salon n’est abonné à rien. Tapez !abonner pour recevoir la citation "
                     "du jour et les rappels d’événements.", "command")
    return Reply(f"Ce salon est abonné {kind_list(kinds, KIND_NAMES_AFTER_A)}. "
                 "Tapez !desabonner pour arrêter.", "command")


async def recent_unanswered(engine: Bot, community: str) -> list[UnansweredQuestion]:
    """What `!questions` lists in `community`, in its order: `!apprendre N` refers to line N
    of it."""
    return await engine.store.frequent_unanswered(engine.clock() - QUESTIONS_WINDOW,
                                                  QUESTIONS_SHOWN, community)


async def questions(context: Context, arguments: str) -> Reply:
    engine = context.engine
    asked = await recent_unanswered(engine, context.message.community)
    if not asked:
        return Reply("Aucune question sans réponse ces 7 derniers jours.", "command")
    lines = [f"{number}. « {context.echo(question.text, 120)} » — {question.count} fois, "
             f"dernière le {question.last_asked.astimezone(engine.timezone):%d/%m à %H:%M}"
             for number, question in enumerate(asked, start=1)]
    return Reply("Questions restées sans réponse ces 7 derniers jours, les plus fréquentes "
                 "d’abord (de quoi compléter les connaissances) :\n" + "\n".join(lines)
                 + "\nPour apprendre la réponse à la n°N : !apprendre N ID (ID : l’entrée qui "
                 "y répond ; un mot de la réponse à la place de l’ID montre les entrées qui "
                 "le contiennent).", "command")


async def recharger(context: Context, arguments: str) -> Reply:
    """Reload from a worker thread (the build itself runs in a child process) so that the bot
    keeps answering, from the old knowledge, while the new snapshot is built."""
    try:
        report = await asyncio.to_thread(context.engine.reload)
    except KnowledgeError as error:
        return Reply(reload_failure([str(problem) for problem in error.problems]), "error")
    except SnapshotError:
        log.exception("knowledge reload failed")
        return Reply(RELOAD_BROKEN, "error")
    return Reply(reload_summary(report), "command")


def reload_summary(report: ReloadReport) -> str:
    if report.empty:
        return "Connaissances rechargées : aucun changement."
    counts = ", ".join((counted(len(report.added), "entrée ajoutée"),
                        counted(len(report.removed), "retirée"),
                        counted(len(report.changed), "modifiée")))
    lines = [f"Connaissances rechargées : {counts}."]
    for label, ids in (("Ajoutées", report.added), ("Retirées", report.removed),
                       ("Modifiées", report.changed)):
        if ids:
            lines.append(f"{label} : {id_list(ids)}")
    return "\n".join(lines)


def id_list(ids: Sequence[str]) -> str:
    shown = ", ".join(ids[:IDS_SHOWN])
    rest = len(ids) - IDS_SHOWN
    return shown if rest <= 0 else f"{shown} … et {counted(rest, 'autre')}"


def reload_failure(problems: Sequence[str]) -> str:
    head = (f"Rechargement refusé : {counted(len(problems), 'erreur')} dans les fichiers de "
            "connaissances. Je continue de répondre avec les connaissances précédentes.")
    shown: list[str] = []
    used = 0
    for problem in problems:
        line = fit(problem, 300)
        if used + len(line) > PROBLEMS_CHARS:
            break
        shown.append(line)
        used += len(line) + 1
    rest = len(problems) - len(shown)
    tail = [f"… et {counted(rest, 'autre')} : lancez « sbbot validate » pour la liste "
            "complète."] \
        if rest else []
    return "\n".join([head, *shown, *tail])


KINDS = Argument("annonces", "citation, rappels ou tout (tout par défaut)",
                 choices=("citation", "rappels", "tout"))
ADMIN_COMMANDS: tuple[Command, ...] = (
    Command("abonner", ("subscribe",),
            "abonne ce salon à la citation du jour et/ou aux rappels d’événements", abonner,
            KINDS, admin=True),
    Command("desabonner", ("unsubscribe", "désabonner"), "désabonne ce salon", desabonner,
            KINDS, admin=True),
    Command("abonnements", ("subscriptions",), "les abonnements de ce salon", abonnements,
            admin=True),
    Command("questions", (),
            "les questions sans réponse les plus fréquentes des 7 derniers jours", questions,
            admin=True),
    Command("recharger", ("reload",),
            "recharge les fichiers de connaissances et dit ce qui a changé", recharger,
            admin=True, operator=True),
)
