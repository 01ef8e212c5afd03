"""`!apprendre`: an admin answers a missed question by naming the entry that answers it.

The question becomes an example question (`hints.questions`) of that entry in its YAML
file, the knowledge is reloaded, and the bot answers the question again so the admin sees
the effect at once. The file edit and the reload run in a worker thread, so the bot keeps
answering meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from rapidfuzz import fuzz, process

from sbbot.chat import Reply
from sbbot.commands import Argument, Bot, Command, Context
from sbbot.commands.admin import recent_unanswered
from sbbot.commands.content import answer_reply, topic_label
from sbbot.entries import Entry, entries_of
from sbbot.importer.hints import TeachError, add_question
from sbbot.knowledge import KnowledgeError, Problem
from sbbot.replies import fit
from sbbot.snapshot import SnapshotError

log = logging.getLogger(__name__)
QUOTED = re.compile(r"^\s*[\"«“]\s*(?P<question>.+?)\s*[\"»”]\s+(?P<id>\S+)\s*$")
NUMBERED = re.compile(r"^\s*(?P<number>\d{1,3})(?:\s+(?P<id>\S+))?\s*$")
MAX_EXAMPLE_CHARS = 200
"""Longest example question: one question as members ask it (the curated ones stay under 90
characters). A pasted paragraph would make every question sharing its words look like it."""
SUGGESTIONS = 3
PROBLEMS_SHOWN = 5
USAGE = ("Utilisez !apprendre N ID (N : le numéro d’une ligne de !questions) ou "
         "!apprendre \"la question\" ID.")


async def apprendre(context: Context, arguments: str) -> Reply:
    question, entry_id, problem = await parse(context, arguments)
    if problem is not None:
        return Reply(problem, "error")
    assert question is not None and entry_id is not None
    if len(question) > MAX_EXAMPLE_CHARS:
        return Reply(f"Cette question est trop longue pour servir d’exemple ({len(question)} "
                     f"caractères, {MAX_EXAMPLE_CHARS} au plus) : donnez-en l’essentiel entre "
                     "guillemets, !apprendre \"la question\" ID.", "error")
    engine = context.engine
    entry = next((known for known in entries_of(engine.knowledge) if known.id == entry_id), None)
    if entry is None:
        return Reply(unknown_id(context, entry_id, arguments.rsplit(None, 1)[0]), "error")
    try:
        path, added = await asyncio.to_thread(teach, engine.knowledge_dir, entry, question,
                                              engine.reload)
    except KnowledgeError as error:
        return Reply("Je n’ai rien modifié : les fichiers de connaissances ne se chargeraient "
                     "plus.\n" + "\n".join(problem_line(context, problem)
                                            for problem in error.problems[:PROBLEMS_SHOWN]),
                     "error")
    except (TeachError, OSError) as error:  # about the files: no member text to make inert
        return Reply(f"Je n’ai rien modifié : {fit(str(error), 300)}", "error")
    except SnapshotError:
        log.exception("knowledge reload after !apprendre failed")
        return Reply("La question est enregistrée dans le fichier, mais le rechargement a "
                     "échoué (voir le journal du bot) : lancez !recharger.", "error")
    return confirmation(context, entry, question, path, added)


def problem_line(context: Context, problem: Problem) -> str:
    """A problem as `sbbot validate` prints it; only its message may quote member text (the
    question), so only the message is made inert: read as a link, the field path
    `hints.questions` became "[lien]"."""
    return f"{problem.file}:{problem.line}: {problem.field}: {context.echo(problem.message, 200)}"


def teach(directory: Path, entry: Entry, question: str,
          reload: Callable[[], object]) -> tuple[Path, bool]:
    path, added = add_question(directory, entry, question)
    reload()
    return path, added


async def parse(context: Context, arguments: str) -> tuple[str | None, str | None, str | None]:
    """(question, id, None), or (None, None, why not) in French."""
    quoted = QUOTED.match(arguments)
    if quoted:
        question = " ".join(quoted["question"].split())
        if not question:
            return None, None, f"La question entre guillemets est vide. {USAGE}"
        return question, quoted["id"].lower(), None
    numbered = NUMBERED.match(arguments)
    if not numbered:
        return None, None, USAGE
    asked = await recent_unanswered(context.engine, context.message.community)
    number = int(numbered["number"])
    if not 1 <= number <= len(asked):
        listed = (f"entre 1 et {len(asked)}" if asked else
                  "aucune : la liste de !questions est vide")
        return None, None, f"Pas de question n°{number} dans !questions ({listed})."
    question = asked[number - 1].text
    if numbered["id"] is None:
        return None, None, (f"Il manque l’identifiant de l’entrée qui répond à "
                            f"« {context.echo(question, 120)} » : !apprendre {number} ID, ou "
                            "un mot de la réponse à la place de l’ID pour voir les entrées qui "
                            "le contiennent.")
    return question, numbered["id"].lower(), None


def unknown_id(context: Context, entry_id: str, before: str) -> str:
    """The entries an unknown id most likely means, each with its first words: read as a
    question, the id finds the entries holding its words (an admin knows what the answer
    says, rarely its id: "croissants", "prix", or the id misspelt); the ids nearest in
    spelling fill the list. `before` is what the admin typed before the id, to show the
    command again with the nearest one."""
    router = context.engine.router
    judged = router.judge(entry_id.replace("-", " "), SUGGESTIONS)
    by_text = [candidate.entry.id for candidate in judged[1]] if judged is not None else []
    ids = [entry.id for entry in entries_of(context.engine.knowledge)]
    by_spelling = [match[0] for match in process.extract(entry_id, ids, scorer=fuzz.WRatio,
                                                         limit=SUGGESTIONS)]
    nearest = list(dict.fromkeys(by_text + by_spelling))[:SUGGESTIONS]
    lines = [f"• {known} — {topic_label(router.entry(known))}" for known in nearest]
    return (f"Je ne connais pas l’identifiant « {context.echo(entry_id, 60)} ». Les plus "
            "proches :\n" + "\n".join(lines)
            + f"\nPar exemple : !apprendre {context.echo(before, 150)} {nearest[0]}")


def confirmation(context: Context, entry: Entry, question: str, path: Path,
                 added: bool) -> Reply:
    name = path.relative_to(context.engine.knowledge_dir)
    head = (f"C’est appris : « {context.echo(question, 200)} » est maintenant un exemple de "
            f"{entry.id} ({name})." if added else
            f"« {context.echo(question, 200)} » était déjà un exemple de {entry.id} ({name}).")
    result = context.engine.router.route(question)
    best = result.best
    if result.verdict == "answer" and best is not None and best.entry.id == entry.id:
        answer = answer_reply(context, best.entry, best.score, question)
        return Reply(f"{head}\nJe réponds désormais :\n{answer.text}", "command", answer.entry,
                     answer.score)
    got = (f"je réponds encore avec {best.entry.id}" if best is not None
           and result.verdict == "answer" else "je ne réponds toujours pas à cette question")
    return Reply(f"{head}\nMais {got} : ajoutez des mots-clés (hints.keywords) à {entry.id} "
                 f"dans {name}, puis !recharger.", "command")


def entry_ids(bot: Bot) -> Iterable[tuple[str, str]]:
    """Every entry id, labelled with its kind, for the slash command's autocomplete."""
    return ((f"{entry_id} ({kind})", entry_id) for entry_id, kind in bot.router.entries.kinds())


TEACH_COMMANDS: tuple[Command, ...] = (
    Command("apprendre", ("teach",),
            "ajoute la question n°N de !questions (ou \"une question\") aux exemples de "
            "l’entrée ID, recharge et répond à nouveau", apprendre,
            Argument("question", "le numéro N dans !questions (ou \"une question\"), puis "
                     "l’identifiant de l’entrée", "N ID", required=True,
                     complete=entry_ids, last_word=True),
            admin=True, operator=True),
)
