"""`sbbot import` end to end: real source files in, knowledge files out, loaded by the real
loader and compared with the curated knowledge."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from sbbot.chat import Message
from sbbot.cli import main
from sbbot.engine import Engine
from sbbot.importer.compare import compare
from sbbot.knowledge import load_knowledge
from tests.conftest import KNOWLEDGE_DIR, ROOT

POSTS_DUMP = ROOT / "tests" / "data" / "posts.txt"
"""A copy of the project's seed, ../shared/seed/posts.txt: the raw text the curated
knowledge was cut from."""
ARTIFACTS = ("TIMN-cooperative-collaborative-450x392", "debat_num_FB",
             "digital-workplace-300x199", "collaborationLes", "visionLes",
             "Maturité social business", "early_adopters", "communauté\n", "Découvrir")


def run_import(*arguments: str | Path) -> int:
    return main(["import", *map(str, arguments)])


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    into = tmp_path / "imported"
    into.mkdir()
    assert run_import(POSTS_DUMP, "--into", into) == 0
    return into


def test_the_dump_gives_five_posts_that_validate(imported: Path) -> None:
    knowledge = load_knowledge(imported)
    assert len(knowledge.posts) == 5
    assert len(list((imported / "posts").glob("*.yaml"))) == 5
    assert [post.title for post in knowledge.posts if post.category] == [
        "[E20]Coopération, collaboration : besoin urgent de pédagogie\xa0!",
        "[e20] Partage et retours d’expérience pour mieux percevoir la\xa0valeur"]
    assert main(["validate", str(imported)]) == 0


def test_imported_knowledge_matches_the_curated_cut(imported: Path) -> None:
    curated = load_knowledge(KNOWLEDGE_DIR)
    knowledge = load_knowledge(imported)
    figures = compare(curated, knowledge)

    assert figures.passage_share >= 0.9, figures.passages_missed
    assert figures.quotes_missed == ()
    assert len(figures.quotes_found) == 7
    event, = knowledge.events
    assert (event.start.isoformat(timespec="minutes"), event.timezone, event.location) == (
        "2014-04-04T08:30+02:00", "Europe/Zurich", "Genève")
    assert event.price is not None and "gratuit" in event.price
    assert event.registration is not None and "Inscriptions en ligne" in event.registration
    assert event.date_note is not None and "vendredi" in event.date_note
    # The announcement's programme and speakers, in the post's words: the curated card's
    # speakers, and what was said of them.
    assert event.programme == (
        "Les enjeux de la digital workplace",
        "L’expérience Bouygues Telecom : un réseau interne en place depuis 2010, un effort "
        "particulier sur la mobilité et une volonté de travailler autrement par la valorisation"
        " des outils et des expériences de collaboration.",
        "Questions et échanges (solution technique SharePoint en production)")
    curated_event, = curated.events
    assert [speaker.name for speaker in event.speakers] == sorted(
        speaker.name for speaker in curated_event.speakers)
    foltran, mcconnell = event.speakers
    assert foltran.role is not None and foltran.role.startswith(
        "responsable de la Bureautique Digitale de Bouygues Telecom")
    assert mcconnell.role is None  # the post says what she will speak about, not what she is


def test_quotes_keep_author_year_and_relay(imported: Path) -> None:
    quotes = {quote.author: quote for quote in load_knowledge(imported).quotes}
    assert quotes["Wanda J. Orlikowski"].year == 2003
    assert quotes["Stephen Downes"].context == "repris par Harold Jarche"
    assert quotes["Stephen Downes"].language == "en"
    assert quotes["Jacques Attali"].text.endswith("Une loi française.")


def test_no_web_artifact_survives(imported: Path) -> None:
    written = "\n".join(path.read_text(encoding="utf-8")
                        for path in sorted(imported.rglob("*.yaml")))
    for artifact in ARTIFACTS:
        assert artifact not in written
    assert "Les start ups – digital natives companies" in written
    assert "Bonne question, s’il en est" in written


def test_compare_prints_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_import("--compare", KNOWLEDGE_DIR, POSTS_DUMP) == 0
    out = capsys.readouterr().out
    print(out)
    assert "quotes: 7/7 curated quotes found with their author" in out
    assert "events: 1/1 curated events found" in out
    assert "2014-04-04 08:30 Europe/Zurich, Genève, price: participation gratuite" in out


def test_undecided_points_are_reported_with_post_and_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_import(POSTS_DUMP, "--into", tmp_path) == 0
    err = capsys.readouterr().err
    assert (f"{POSTS_DUMP}:157: demain-monde-numerique-opaque-elitiste: removed « debat_num_FB »"
            in err)
    assert "names no author for it" in err


def test_ids_are_stable_and_a_second_import_needs_force(
        imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    again = tmp_path / "again"
    assert run_import(POSTS_DUMP, "--into", again) == 0
    for path in sorted(imported.rglob("*.yaml")):
        assert (again / path.relative_to(imported)).read_text() == path.read_text()

    before = {path: path.read_text() for path in imported.rglob("*.yaml")}
    capsys.readouterr()
    assert run_import(POSTS_DUMP, "--into", imported) == 1
    assert "use --force" in capsys.readouterr().err
    assert {path: path.read_text() for path in imported.rglob("*.yaml")} == before


def test_force_keeps_the_hints_of_unchanged_passages(imported: Path) -> None:
    path = imported / "posts" / "digital-workplace-reseau-interne-collaboration.yaml"
    text = path.read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    first = document["passages"][0]["id"]
    edited = text.replace(f"  - id: {first}\n",
                          f"  - id: {first}\n    hints:\n      questions: [\"Où est la "
                          f"matinée ?\"]\n", 1)
    path.write_text(edited, encoding="utf-8")
    assert run_import(POSTS_DUMP, "--into", imported, "--force") == 0
    passage = load_knowledge(imported).post(document["slug"]).passages[0]
    assert passage.hints.questions == ("Où est la matinée ?",)


def test_dry_run_prints_yaml_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    into = tmp_path / "dry"
    assert run_import(POSTS_DUMP, "--into", into, "--dry-run") == 0
    out = capsys.readouterr().out
    assert not into.exists()
    assert "# --- " in out and "slug: demain-monde-numerique-opaque-elitiste" in out


def test_an_import_that_would_not_validate_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "posts").mkdir()
    broken = tmp_path / "posts" / "broken.yaml"
    broken.write_text("slug: broken\ntitle: [unclosed\n", encoding="utf-8")
    assert run_import(POSTS_DUMP, "--into", tmp_path) == 1
    assert "nothing written" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.rglob("*.yaml")) == ["broken.yaml"]


async def test_the_bot_serves_imported_knowledge(
        imported: Path, make_engine: Callable[..., Engine]) -> None:
    engine = make_engine(imported)
    reply = await engine.handle(Message("Quand a lieu la matinée à Genève ?", "test", "c1"))
    assert reply is not None and reply.kind == "answer"
    assert "Genève" in reply.text
    reasons = await engine.handle(Message("!raison", "test", "c1"))
    assert reasons is not None and "Aucune raison" in reasons.text


def test_eval_measures_what_sbbot_import_writes_in_the_same_run(
        imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 13 asks the shipped, bare and imported figures of one command: `--imported`
    gives the figures of the very files `sbbot import` writes."""
    devset = ROOT / "tests" / "data" / "devset.yaml"

    def rows(*arguments: str | Path) -> list[list[str]]:
        capsys.readouterr()
        assert main(["eval", "--sets", str(devset), *map(str, arguments)]) == 0
        output = capsys.readouterr().out
        return [line.split() for line in output.splitlines() if line.startswith("devset")]

    both = rows("--knowledge", KNOWLEDGE_DIR, "--imported", POSTS_DUMP)
    assert rows("--knowledge", KNOWLEDGE_DIR) == both[:3]
    assert rows("--knowledge", imported, "--no-hints", "--no-glossary") == both[3:]
    assert both[3:] != both[:3]  # a post nobody annotated is not the curated one
    assert main(["eval", "--knowledge", str(KNOWLEDGE_DIR), "--imported",
                 str(imported / "missing.html")]) == 1
    assert "--imported:" in capsys.readouterr().err
