"""Member commands (events apart: test_event_commands.py), the free-question path, hostile
input and the store's faults, through the real engine, router and store."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sbbot.adapters.discord import DiscordAdapter
from sbbot.chat import PLAIN, Message, Style
from sbbot.engine import Engine
from sbbot.inbound import normalize
from sbbot.store import StoreError, open_store
from tests.conftest import KNOWLEDGE_DIR, FakeClock
from tests.engine_chat import MAX_REPLY_CHARS, message, say
from tests.hostile import LEAKS, member_text
from tests.knowledge_files import write_knowledge

DISCORD_STYLE = DiscordAdapter.style


async def test_help_lists_member_commands_and_hides_admin_ones(engine: Engine) -> None:
    member = await say(engine, "!aide")
    assert "!raison" in member.text and "!citation" in member.text and "!agenda" in member.text
    admin_only = [command for command in engine.commands if command.admin]
    for command in admin_only:
        assert f"!{command.name}" not in member.text
    admin = await say(engine, "!help", admin=True)
    for command in admin_only:
        assert f"!{command.name}" in admin.text


async def test_raison_gives_all_ten_before_repeating_per_channel(engine: Engine) -> None:
    first_round = [(await say(engine, "!raison")).entry for _ in range(10)]
    ids = [entry.id for entry in first_round if entry is not None]
    assert len(set(ids)) == 10
    eleventh = await say(engine, "!raison")
    assert eleventh.entry is not None and eleventh.entry.id in ids
    other_channel = await say(engine, "!raison", channel="c2")
    assert other_channel.entry is not None


async def test_help_on_one_command_gives_its_argument_and_other_names(engine: Engine) -> None:
    reply = await say(engine, "!aide raison")
    assert reply.kind == "command"
    assert reply.text.splitlines() == [
        "!raison [1-10|tout] — une des dix raisons d’adopter une stratégie social business",
        "1-10|tout : le numéro de la raison, de 1 à 10, ou « tout » pour la liste (facultatif)",
        "Aussi : !reason"]
    assert (await say(engine, "!help !quote")).text.startswith("!citation [AUTEUR]")
    # A member may read what an operator's command does, and that it is not theirs.
    reserved = await say(engine, "!aide recharger")
    assert reserved.text.endswith("Réservée aux opérateurs du bot.")
    unknown = await say(engine, "!aide zorglub")
    assert unknown.kind == "error"
    assert unknown.text.startswith("Je ne connais pas la commande !zorglub.")
    assert "!citation [AUTEUR]" in unknown.text


@pytest.mark.parametrize("typed", ["! raison 3", "!raison: 3", "!raison, 3", "!raison. 3",
                                   "!raison… 3"])
async def test_a_space_after_the_prefix_or_punctuation_after_the_name_is_not_the_name(
        engine: Engine, typed: str) -> None:
    """These were "Je ne connais pas la commande !." or "… la commande !raison:"."""
    reply = await say(engine, typed)
    assert reply.kind == "command" and reply.entry is not None
    assert reply.text.startswith("Raison n°3 : "), typed
    assert (await say(engine, "!aide!")).text.startswith("Je réponds aux questions")
    unknown = await say(engine, "!?")
    assert unknown.kind == "error" and unknown.text.startswith("Je ne connais pas la commande !?.")


@pytest.mark.parametrize(("number", "typed"), [(1, "1"), (5, "5"), (10, "10"), (2, "deux"),
                                               (3, "3e"), (1, "premiere"), (4, "#4"),
                                               (10, "ten")])
async def test_raison_by_number(engine: Engine, number: int, typed: str) -> None:
    reply = await say(engine, f"!raison {typed}")
    reason = next(r for r in engine.knowledge.reasons if r.number == number)
    assert reply.entry is not None and reply.entry.id == reason.id
    assert f"Raison n°{number}" in reply.text
    assert reason.support in reply.text


@pytest.mark.parametrize("typed", ["tout", "Toutes", "liste", "all"])
async def test_raison_tout_lists_every_statement_in_order(engine: Engine, typed: str) -> None:
    reply = await say(engine, f"!raison {typed}")
    assert reply.kind == "command" and reply.entry is None
    numbered = [line for line in reply.text.splitlines() if line[:1].isdigit()]
    assert numbered == [f"{reason.number}. {reason.statement}"
                        for reason in sorted(engine.knowledge.reasons, key=lambda r: r.number)]


@pytest.mark.parametrize(("question", "pointed"), [
    ("Quelles sont les dix raisons d'adopter le social business ?", True),
    ("what are the 10 reasons", True),
    ("c'est quoi les bonnes raisons de se lancer", True),
    ("Pour quelles raisons Bouygues Telecom a-t-il un réseau interne ?", False),
    ("Quand a lieu la matinée à Genève ?", False),
])
async def test_a_question_about_the_reasons_points_to_the_list(
        engine: Engine, question: str, pointed: bool) -> None:
    reply = await say(engine, question)
    assert reply.text.endswith("Toutes les raisons d’un coup : !raison tout") is pointed
    if pointed and reply.card is not None:
        assert reply.card.footer is not None and reply.card.footer.endswith("!raison tout")


@pytest.mark.parametrize("argument", ["0", "11", "abc", "-3", "2.5", "onze", "3x"])
async def test_raison_rejects_bad_numbers(engine: Engine, argument: str) -> None:
    reply = await say(engine, f"!raison {argument}")
    assert reply.kind == "error"
    assert "entre 1 et 10" in reply.text


async def test_citation_random_is_verbatim_and_attributed(engine: Engine) -> None:
    reply = await say(engine, "!citation")
    quote = next(q for q in engine.knowledge.quotes if reply.entry and q.id == reply.entry.id)
    assert quote.text in reply.text
    assert quote.author in reply.text


@pytest.mark.parametrize(("wanted", "author"), [
    ("Attali", "Jacques Attali"),
    ("attali", "Jacques Attali"),
    ("orlikovski", "Wanda J. Orlikowski"),
    ("Duperin", "Bertrand Duperrin"),
])
async def test_citation_by_author_is_fuzzy(engine: Engine, wanted: str, author: str) -> None:
    reply = await say(engine, f"!citation {wanted}")
    assert reply.kind == "command"
    assert author in reply.text


async def test_citation_unknown_author_lists_the_known_ones(engine: Engine) -> None:
    reply = await say(engine, "!citation Victor Hugo")
    assert reply.kind == "error"
    assert "Victor Hugo" in reply.text
    assert "Jacques Attali" in reply.text
    for letter in ("a", "é", "j", "W."):  # each is inside some name: not a name
        reply = await say(engine, f"!citation {letter}")
        assert reply.kind == "error" and reply.entry is None, letter
        assert reply.text.startswith(f"Je n’ai pas de citation de « {letter} »"), letter


async def test_citation_without_any_quote_says_so(
        tmp_path: Path, make_engine: Callable[..., Engine]) -> None:
    """A blog imported with no quote: "!citation" raised "rotation bag is empty", which
    ended `sbbot chat` with a traceback."""
    engine = make_engine(write_knowledge(tmp_path, {"quotes.yaml": "quotes: []\n"}))
    for typed in ("!citation", "!citation attali"):
        reply = await say(engine, typed)
        assert reply.text == "Aucune citation n’est encore relevée dans ces articles.", typed


async def test_articles_lists_every_post(engine: Engine) -> None:
    reply = await say(engine, "!sources")
    for post in engine.knowledge.posts:
        assert post.title in reply.text


@pytest.mark.parametrize("typed", ["3", "3e", "trois", "#3", "3."])
async def test_articles_with_a_number_shows_that_post_of_the_list(engine: Engine,
                                                                 typed: str) -> None:
    """The list is numbered: "!articles 3" is its third post, how it opens and how much of
    it the bot knows, as "!raison 3" is the third reason."""
    posts = engine.knowledge.posts
    listed = (await say(engine, "!articles")).text.splitlines()
    assert listed[3] == f"3. {posts[2].title}"
    assert listed[-1] == "!articles N : le début de l’article n°N."
    reply = await say(engine, f"!articles {typed}")
    assert reply.kind == "command"
    assert reply.text.startswith(f"Article 3 sur {len(posts)} : « {posts[2].title} »")
    opening = engine.router.entry(posts[2].passages[0].id).text
    assert opening[:80] in reply.text
    assert f"{len(posts[2].passages)} extraits" in reply.text
    assert all(post.title not in reply.text for post in posts if post != posts[2])


@pytest.mark.parametrize("typed", ["0", "6", "abc", "-1", "3,5"])
async def test_articles_with_a_bad_number_says_which_numbers_exist(engine: Engine,
                                                                  typed: str) -> None:
    reply = await say(engine, f"!articles {typed}")
    assert reply.kind == "error"
    assert reply.text == ("Donnez le numéro d’un article, entre 1 et 5 (par exemple "
                          f"!articles 2), pas « {typed} ». !articles seul en donne la liste.")


async def test_question_command_and_free_text_answer_with_source(engine: Engine) -> None:
    for text in ("!question Où a lieu la matinée du 4 avril ?",
                 "Où a lieu la matinée du 4 avril ?"):
        reply = await say(engine, text)
        assert reply.kind == "answer"
        assert reply.entry is not None
        assert "Genève" in reply.entry.text
        assert f"Source : « {reply.entry.source} »" in reply.text
    empty = await say(engine, "!question")
    assert empty.kind == "error"


@pytest.mark.parametrize("text", ["Quand a lieu la matinée ? 123",
                                  "Quand a lieu la matinée ?123",
                                  "Quand a lieu la matinée ? #123 ?",
                                  "42\nQuand a lieu la matinée ?"])
async def test_a_stray_number_beside_a_question_changes_nothing(engine: Engine,
                                                               text: str) -> None:
    """A number standing alone beside the question (a slip of the keyboard, a ticket
    number) names no subject: the question is answered as without it."""
    reply = await say(engine, text)
    assert reply.kind == "answer" and reply.entry is not None
    assert reply.entry.id == "matinee-entreprise-de-demain-2014"


async def test_a_number_that_labels_a_word_still_counts(engine: Engine) -> None:
    assert (await say(engine, "quelle est la raison 12 ?")).kind != "answer"


async def test_off_topic_question_gets_an_honest_fallback(engine: Engine) -> None:
    reply = await say(engine, "Quelle est la recette de la tarte aux pommes ?")
    assert reply.kind == "fallback"
    assert "Je ne sais pas" in reply.text
    assert "!aide" in reply.text
    assert reply.entry is None


async def test_unanswered_questions_are_recorded(engine: Engine) -> None:
    await say(engine, "Quel temps fera-t-il demain à Lyon ?")
    since = datetime(2000, 1, 1, tzinfo=UTC)
    recorded = await engine.store.frequent_unanswered(since, 10)
    assert any("lyon" in question.text.lower() for question in recorded)


async def test_unknown_command_suggests_the_closest(engine: Engine) -> None:
    reply = await say(engine, "!raisn")
    assert reply.kind == "error"
    assert "!raison" in reply.text


async def test_admin_commands_refused_to_members(engine: Engine) -> None:
    for command in (c for c in engine.commands if c.admin):
        reply = await say(engine, f"!{command.name}")
        assert reply.kind == "error"
        assert "réservée aux " in reply.text and reply.private


HOSTILE = [
    "",
    "x" * 100_000,
    "!" + "a" * 100_000,
    "\x00\x01\x02\x1b[31mrouge\x07",
    "\u200b\u200b\u200b!raison\u200b",
    "@everyone @here regardez ça",
    "!citation @everyone",
    "!raisn @everyone <@123456789> <@&987654321>",
    "<script>alert(1)</script>",
    "\ud800 surrogate",
    "🙂" * 5000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_input_never_raises_nor_pings(engine: Engine, text: str) -> None:
    reply = await engine.handle(message(text))
    if reply is not None:
        assert len(reply.text) <= MAX_REPLY_CHARS
        assert "@everyone" not in reply.text
        assert "@here" not in reply.text
        assert "<@123456789>" not in reply.text


def test_sanitize_drops_invisible_and_control_characters() -> None:
    assert normalize("\u200b!rai\u200bson\x00 2\n") == "!raison 2"
    assert len(normalize("a " * 100_000)) <= 1000


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
async def test_random_text_never_raises(engine: Engine, text: str) -> None:
    for candidate in (text, "!" + text, "!citation " + text, "!raison " + text):
        reply = await engine.handle(message(candidate))
        assert reply is None or len(reply.text) <= MAX_REPLY_CHARS


async def test_locked_database_does_not_stop_the_answer(tmp_path: Path, clock: FakeClock,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "locked.sqlite3"
    store = await open_store(path, timeout=0.1)
    engine = Engine(KNOWLEDGE_DIR, store, clock=clock)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        reply = await engine.handle(message("Quelle est la recette de la tarte aux pommes ?"))
        assert time.monotonic() - started < 0.2, "the answer waited for the database"
        with pytest.raises(StoreError, match="locked"):
            await store.flush()  # the background write, now
        assert "locked" in caplog.text and engine.store_down
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert reply is not None and reply.kind == "fallback"
    await store.close()  # writes the question kept in the queue
    reopened = await open_store(path)
    since = clock() - timedelta(days=1)
    assert [q.text for q in await reopened.frequent_unanswered(since, 5)] == [
        "Quelle est la recette de la tarte aux pommes ?"]
    await reopened.close()


async def test_a_single_broad_word_gets_topics_not_a_guess(engine: Engine) -> None:
    reply = await say(engine, "les réseaux ?")
    assert reply.kind == "unsure"
    assert [line[:3] for line in reply.text.splitlines()[1:4]] == ["1. ", "2. ", "3. "]
    assert "Tapez son numéro pour le lire, ou précisez votre question." in reply.text


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(["", "!", "!citation ", "!evenement ", "!raison ", "!abonner ",
                               "!desabonner "]),
       text=member_text, style=st.sampled_from([PLAIN, DISCORD_STYLE]),
       admin=st.booleans())
@example(prefix="!", text="<@123456789012345678>", style=DISCORD_STYLE, admin=False)
@example(prefix="!", text="@everyone", style=PLAIN, admin=False)
@example(prefix="!raison ", text="@everyone_x", style=DISCORD_STYLE, admin=False)
@example(prefix="!abonner ", text="[Nitro](https://evil.example/n)", style=PLAIN, admin=True)
async def test_no_reply_repeats_a_mention_or_a_link_a_member_typed(
        engine: Engine, prefix: str, text: str, style: Style, admin: bool) -> None:
    reply = await engine.handle(Message(prefix + text, "test", "c1", author="u1",
                                        is_admin=admin, style=style))
    assert reply is not None
    assert LEAKS.findall(reply.text) == []


async def test_a_growing_blog_is_counted_in_a_fallback_not_listed(
        make_engine: Callable[..., Engine], tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, knowledge)
    for number in range(1, 7):
        (knowledge / "posts" / f"billet-{number}.yaml").write_text(
            f"slug: billet-{number}\ntitle: Billet numéro {number}\npassages:\n"
            f"  - id: billet-{number}-texte\n    text: Le texte du billet numéro {number}.\n",
            encoding="utf-8")
    engine = make_engine(knowledge)
    fallback = await say(engine, "Peux-tu me donner le cours du bitcoin ?")
    assert fallback.kind == "fallback"
    assert "Je connais 11 articles : tapez !articles pour la liste." in fallback.text
    assert "•" not in fallback.text
    assert "sur 11 articles de blog" in (await say(engine, "!aide")).text
    listing = (await say(engine, "!articles")).text
    assert all(post.title in listing for post in engine.knowledge.posts)
