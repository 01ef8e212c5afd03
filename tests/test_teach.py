"""`!apprendre` end to end: through the real engine, on a copy of the shipped knowledge."""

from __future__ import annotations

import asyncio
import difflib
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sbbot.chat import Message, Reply
from sbbot.engine import Engine
from sbbot.importer.hints import editing
from tests.conftest import KNOWLEDGE_DIR
from tests.editing import edited_elsewhere
from tests.knowledge_files import write_knowledge

MISSED = "Est-ce complet ?"
"""A question the shipped knowledge does not answer: registration is dw-inscription."""


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(KNOWLEDGE_DIR, tmp_path / "knowledge"))


@pytest.fixture
def engine(knowledge_copy: Path, make_engine: Callable[..., Engine]) -> Engine:
    return make_engine(knowledge_copy)


async def say(engine: Engine, text: str, *, admin: bool = True,
              operator: bool | None = None) -> Reply:
    """As an operator (who runs the bot) by default; `admin=False` as a member."""
    reply = await engine.handle(Message(text, "test", "c1", author="u1", is_admin=admin,
                                        is_operator=admin if operator is None else operator))
    assert reply is not None
    return reply


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return ([line[2:] for line in diff if line.startswith("+ ")],
            [line[2:] for line in diff if line.startswith("- ")])


async def test_a_missed_question_is_taught_then_answered(
        engine: Engine, knowledge_copy: Path) -> None:
    path = knowledge_copy / "posts" / "digital-workplace.yaml"
    before = path.read_text(encoding="utf-8")
    assert (await say(engine, MISSED, admin=False)).kind == "fallback"
    listing = await say(engine, "!questions")
    assert f"1. « {MISSED} »" in listing.text

    taught = await say(engine, "!apprendre 1 dw-inscription")

    assert taught.kind == "command"
    assert "C’est appris" in taught.text and "Je réponds désormais" in taught.text
    assert "Inscriptions en ligne" in taught.text
    again = await say(engine, MISSED, admin=False)
    assert again.kind == "answer" and again.entry is not None
    assert again.entry.id == "dw-inscription"
    added, removed = changed_lines(before, path.read_text(encoding="utf-8"))
    assert removed == []
    assert added == [f'        - "{MISSED}"']


async def test_quoted_form_and_teach_alias(engine: Engine, knowledge_copy: Path) -> None:
    reply = await say(engine, "!teach « Il reste des places ? » dw-inscription")
    assert "C’est appris" in reply.text
    assert "Il reste des places ?" in (knowledge_copy / "posts" /
                                       "digital-workplace.yaml").read_text(encoding="utf-8")
    again = await say(engine, "!apprendre \"Il reste des places ?\" dw-inscription")
    assert "était déjà un exemple" in again.text


async def test_members_and_community_admins_are_refused(
        engine: Engine, knowledge_copy: Path) -> None:
    """The knowledge is shared by every community: only the bot's operators teach it."""
    before = (knowledge_copy / "posts" / "digital-workplace.yaml").read_text(encoding="utf-8")
    for admin in (False, True):
        reply = await say(engine, "!apprendre \"Est-ce complet ?\" dw-inscription",
                          admin=admin, operator=False)
        assert reply.kind == "error" and "réservée aux opérateurs" in reply.text
    after = (knowledge_copy / "posts" / "digital-workplace.yaml").read_text(encoding="utf-8")
    assert after == before


async def test_an_unknown_id_gets_the_nearest_ones(engine: Engine) -> None:
    reply = await say(engine, "!apprendre \"Est-ce complet ?\" dw-inscriptoin")
    assert reply.kind == "error"
    assert "dw-inscription" in reply.text.split("Les plus proches")[1]


@pytest.mark.parametrize(("typed", "expected"), [
    ("croissants", "dw-inscription"), ("prix", "dw-inscription"), ("Foltran", "dw-foltran"),
    ("dw-inscriptoin", "dw-inscription")])
async def test_a_word_instead_of_the_id_offers_the_entries_that_hold_it(
        engine: Engine, typed: str, expected: str) -> None:
    """Admins know what the answer says, rarely its id: a word of it finds the entry, shown
    with its first words."""
    reply = await say(engine, f"!apprendre \"{MISSED}\" {typed}")
    assert reply.kind == "error"
    first, nearest, *others = reply.text.splitlines()
    assert first == f"Je ne connais pas l’identifiant « {typed.lower()} ». Les plus proches :"
    start = engine.router.entry(expected).text.split()[:3]
    assert nearest.startswith(f"• {expected} — {' '.join(start)}")
    assert len(others) <= 3
    assert others[-1] == f"Par exemple : !apprendre \"{MISSED}\" {expected}"


async def test_the_number_alone_says_what_is_missing(engine: Engine) -> None:
    assert (await say(engine, MISSED, admin=False)).kind == "fallback"
    reply = await say(engine, "!apprendre 1")
    assert reply.kind == "error"
    assert reply.text == (f"Il manque l’identifiant de l’entrée qui répond à « {MISSED} » : "
                          "!apprendre 1 ID, ou un mot de la réponse à la place de l’ID pour "
                          "voir les entrées qui le contiennent.")


async def test_bad_arguments_explain_the_usage(engine: Engine) -> None:
    assert "!apprendre N ID" in (await say(engine, "!apprendre")).text
    reply = await say(engine, "!apprendre 3 dw-inscription")
    assert reply.kind == "error" and "Pas de question n°3" in reply.text


async def test_an_empty_quoted_question_is_refused_before_the_file_is_touched(
        engine: Engine, knowledge_copy: Path) -> None:
    path = knowledge_copy / "posts" / "digital-workplace.yaml"
    before = path.read_text(encoding="utf-8")
    for typed in ('!apprendre "" dw-inscription', '!apprendre "   " dw-inscription',
                  "!apprendre « » dw-inscription"):
        reply = await say(engine, typed)
        assert reply.kind == "error" and "Utilisez !apprendre N ID" in reply.text, typed
        assert typed == '!apprendre "" dw-inscription' or reply.text.startswith(
            "La question entre guillemets est vide. "), typed
    assert path.read_text(encoding="utf-8") == before


async def test_an_overlong_question_is_refused_before_the_file_is_touched(
        engine: Engine, knowledge_copy: Path) -> None:
    """An example question is one question as members ask it: a pasted paragraph would
    make every question near it look like it, and crowd the file."""
    path = knowledge_copy / "posts" / "digital-workplace.yaml"
    before = path.read_text(encoding="utf-8")
    long = "Est-ce complet " + "vraiment " * 90 + "?"
    assert (await say(engine, long, admin=False)).kind != "answer"
    for typed in (f'!apprendre "{long}" dw-inscription', "!apprendre 1 dw-inscription"):
        reply = await say(engine, typed)
        assert reply.kind == "error", typed
        assert reply.text == (f"Cette question est trop longue pour servir d’exemple "
                              f"({len(long)} caractères, 200 au plus) : donnez-en l’essentiel "
                              "entre guillemets, !apprendre \"la question\" ID."), typed
    assert path.read_text(encoding="utf-8") == before
    assert (await say(engine, f'!apprendre "{"x" * 200}" dw-inscription')).kind == "command"


async def test_a_teaching_the_files_refuse_names_the_real_file_and_field(
        engine: Engine, knowledge_copy: Path) -> None:
    """The staging copy's path (/tmp/sbbot-import-…) was shown, and the field path
    `hints.questions` read as a link and became "[lien]"."""
    path = knowledge_copy / "posts" / "digital-workplace.yaml"
    broken = path.read_text(encoding="utf-8").replace(
        '        - "Faut-il réserver ?"\n', '        - ""\n')
    path.write_text(broken, encoding="utf-8")
    reply = await say(engine, f"!apprendre \"{MISSED}\" dw-inscription")
    assert reply.kind == "error"
    assert reply.text.splitlines() == [
        "Je n’ai rien modifié : les fichiers de connaissances ne se chargeraient plus.",
        f"{path}:126: passages[9].hints.questions[3]: empty text"]
    assert path.read_text(encoding="utf-8") == broken


async def test_two_concurrent_teachings_are_both_kept(
        engine: Engine, knowledge_copy: Path) -> None:
    first, second = await asyncio.gather(
        say(engine, "!apprendre \"Est-ce complet ?\" dw-inscription"),
        say(engine, "!apprendre \"Faut-il apporter à manger ?\" dw-inscription"))
    assert "C’est appris" in first.text and "C’est appris" in second.text
    questions = engine.knowledge.post("digital-workplace").passages
    inscription = next(passage for passage in questions if passage.id == "dw-inscription")
    assert {"Est-ce complet ?", "Faut-il apporter à manger ?"} <= set(
        inscription.hints.questions)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
async def test_teaching_leaves_nothing_but_its_edit_in_git_status(
        engine: Engine, knowledge_copy: Path) -> None:
    """Admins keep their knowledge in git: a teaching shows there as the one file it
    edited, with no lock file beside it."""
    def git(*arguments: str) -> str:
        return subprocess.run(["git", "-C", str(knowledge_copy), *arguments], check=True,
                              capture_output=True, text=True).stdout

    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=admin", "-c", "user.email=admin@example.org", "commit", "-qm", "k")
    assert "C’est appris" in (await say(engine, f"!apprendre \"{MISSED}\" dw-inscription")).text
    assert git("status", "--porcelain", "--untracked-files=all").splitlines() == [
        " M posts/digital-workplace.yaml"]


def test_another_process_editing_the_directory_makes_a_teaching_wait(
        knowledge_copy: Path) -> None:
    """Several bot processes may share one knowledge directory: while one edits it, another
    waits for its turn instead of writing over its edit."""
    held = 1.0
    with edited_elsewhere(knowledge_copy, held):
        started = time.monotonic()
        with editing(knowledge_copy):
            assert time.monotonic() - started > held / 2


async def test_a_file_with_windows_line_ends_keeps_them(
        engine: Engine, knowledge_copy: Path) -> None:
    path = knowledge_copy / "quotes.yaml"
    crlf = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(crlf)
    reply = await say(engine, "!apprendre \"Qui se méfie de la transparence ?\" attali-lpm")
    assert "C’est appris" in reply.text
    after = path.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n") == crlf.count(b"\n") + 1
    assert after.replace('        - "Qui se méfie de la transparence ?"\r\n'.encode(), b"") == crlf


async def test_an_entry_written_as_a_flow_mapping_is_left_to_the_admin(
        tmp_path: Path, make_engine: Callable[..., Engine]) -> None:
    """`- {number: 1, id: reason-1, ...}`: the new lines broke the file's YAML, and the
    parser's error went up through the command (it ended `sbbot chat`)."""
    root = write_knowledge(tmp_path / "knowledge")
    engine = make_engine(root)
    before = (root / "reasons.yaml").read_text(encoding="utf-8")
    reply = await say(engine, "!apprendre \"Pourquoi changer ?\" reason-1")
    assert reply.kind == "error"
    assert reply.text == ("Je n’ai rien modifié : reason-1 est écrit sur une ligne {...} dans "
                          "reasons.yaml : ajoutez la question à la main, ou écrivez l’entrée "
                          "une clé par ligne")
    assert (root / "reasons.yaml").read_text(encoding="utf-8") == before
    flow_list = await say(engine, "!apprendre \"Et la valeur ?\" alpha-intro")
    assert flow_list.text == ("Je n’ai rien modifié : hints.questions est écrit sur une ligne "
                              "[...] : ajoutez la question à la main, ou écrivez la liste un "
                              "élément par ligne")  # the field's name, not "[lien]"
    taught = await say(engine, "!apprendre \"Qui ?\" quote-two")  # one key per line
    assert taught.text.splitlines()[1] == (
        "Mais je ne réponds toujours pas à cette question : ajoutez des mots-clés "
        "(hints.keywords) à quote-two dans quotes.yaml, puis !recharger.")


async def test_a_quote_keeps_its_comments(engine: Engine, knowledge_copy: Path) -> None:
    path = knowledge_copy / "quotes.yaml"
    before = path.read_text(encoding="utf-8")
    reply = await say(engine, "!apprendre \"Qui se méfie de la transparence ?\" attali-lpm")
    assert "C’est appris" in reply.text
    added, removed = changed_lines(before, path.read_text(encoding="utf-8"))
    assert (added, removed) == (['        - "Qui se méfie de la transparence ?"'], [])


async def test_a_taught_event_is_shown_as_members_will_read_it(engine: Engine) -> None:
    """"Je réponds désormais" showed the bare event card; members get it with how far the
    event is ("Cet événement a déjà eu lieu.") and its source."""
    question = "C’est quand la matinée des croissants ?"
    reply = await say(engine, f"!apprendre \"{question}\" matinee-entreprise-de-demain-2014")
    assert "Je réponds désormais" in reply.text
    member = await say(engine, question, admin=False)
    assert member.kind == "answer" and "(Cet événement a déjà eu lieu.)" in member.text
    assert reply.text.endswith(f"Je réponds désormais :\n{member.text}")


async def test_an_entry_without_hints_gets_them(
        tmp_path: Path, make_engine: Callable[..., Engine]) -> None:
    """Imported knowledge has no hints yet: teaching writes the first ones."""
    from sbbot.cli import main

    into = tmp_path / "imported"
    assert main(["import", str(KNOWLEDGE_DIR.parent / "tests" / "data" / "posts.txt"),
                 "--into", str(into)]) == 0
    engine = make_engine(into)
    event = engine.knowledge.events[0]
    path = into / "events.yaml"
    before = path.read_text(encoding="utf-8")
    reply = await say(engine, f"!apprendre \"Où se passe la matinée ?\" {event.id}")
    assert "C’est appris" in reply.text
    added, removed = changed_lines(before, path.read_text(encoding="utf-8"))
    assert removed == []
    assert added == ["    hints:", "      questions:", '        - "Où se passe la matinée ?"']
    assert engine.knowledge.events[0].hints.questions == ("Où se passe la matinée ?",)
