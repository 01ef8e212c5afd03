"""`sbbot import` of the sources admins save (Markdown, real web pages, an English
announcement), and into a directory of curated knowledge: what it writes, what it keeps of
the files already there byte for byte, and how it says what it cannot do."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import yaml

from sbbot.cli import main
from sbbot.knowledge import load_knowledge
from tests.conftest import KNOWLEDGE_DIR, ROOT
from tests.editing import edited_elsewhere


def run_import(*arguments: str | Path) -> int:
    return main(["import", *map(str, arguments)])


MARKDOWN_POST = """\
---
title: "Rencontre : le travail en réseau"
date: 2026-02-01
---

Nous organisons une rencontre sur le travail en réseau, ouverte à toutes et à tous, le
samedi 14 mars à 18h30 à Lyon. L’entrée est libre, inscription sur le site de l’association.

![une photo](photo-800x600.jpg)

Comme le dit [Ada Martin](https://example.org/ada) :

> Un réseau ne vaut que par ce que ses membres y partagent, et rien ne remplace une
> rencontre en personne pour apprendre à se faire confiance.

Au programme :

- une présentation des outils
- des retours d’expérience

## Pour venir

Le lieu est à deux pas de la gare, au rez-de-chaussée, accessible en fauteuil roulant.
"""


def test_into_a_file_or_an_unwritable_place_is_a_message_not_a_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "rencontre.md"
    source.write_text(MARKDOWN_POST, encoding="utf-8")
    assert run_import(source, "--into", source) == 1
    assert capsys.readouterr().err == (f"sbbot import: {source} is not a directory (--into "
                                       "names the knowledge directory)\n")
    assert source.read_text(encoding="utf-8") == MARKDOWN_POST
    into = tmp_path / "knowledge"
    into.mkdir()
    (into / "posts").write_text("a file where the posts directory goes", encoding="utf-8")
    assert run_import(source, "--into", into) == 1
    assert capsys.readouterr().err.endswith(f"sbbot import: {into / 'posts'} is not a "
                                            "directory (--into names the knowledge directory)\n")
    (into / "posts").unlink()
    (into / "quotes.yaml").mkdir()
    assert run_import(source, "--into", into) == 1
    assert capsys.readouterr().err.endswith(f"sbbot import: Is a directory: "
                                            f"{into / 'quotes.yaml'}\n")


def test_a_page_with_no_article_is_one_line_on_stderr(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """trafilatura's own ERROR lines ("empty HTML tree: None") came before the import's."""
    page = tmp_path / "page.html"
    page.write_bytes(bytes(range(256)) * 8)
    assert run_import(page, "--into", tmp_path / "knowledge") == 1
    assert capfd.readouterr().err == f"sbbot import: {page}: no article text found in the page\n"
    assert not (tmp_path / "knowledge").exists()


def test_a_post_given_twice_is_imported_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file named twice (a glob and its name) or a page saved twice made two posts with
    the same passages, `rencontre` and `rencontre-2`."""
    source = tmp_path / "rencontre.md"
    source.write_text(MARKDOWN_POST, encoding="utf-8")
    copy = tmp_path / "copie.md"
    copy.write_text(MARKDOWN_POST, encoding="utf-8")
    into = tmp_path / "knowledge"
    assert run_import(source, copy, source, "--into", into) == 0
    knowledge = load_knowledge(into)
    assert [post.slug for post in knowledge.posts] == ["rencontre-travail-reseau"]
    assert len(knowledge.quotes) == len(knowledge.events) == 1
    printed = capsys.readouterr()
    assert printed.out.splitlines()[1:3] == [f"{into / 'quotes.yaml'}: 1 quote drafted",
                                             f"{into / 'events.yaml'}: 1 event drafted"]
    assert printed.err.endswith("sbbot import: 3 things to check by hand (above)\n")
    skipped = [line for line in printed.err.splitlines() if "skipped" in line]
    assert skipped == [f"{copy}:1: rencontre-travail-reseau: the same post as {source}, line 1:"
                       " skipped", f"{source}:1: rencontre-travail-reseau: the same post as "
                       f"{source}, line 1: skipped"]


def test_markdown_post_with_front_matter(tmp_path: Path) -> None:
    source = tmp_path / "rencontre.md"
    source.write_text(MARKDOWN_POST, encoding="utf-8")
    into = tmp_path / "knowledge"
    assert run_import(source, "--into", into) == 0
    knowledge = load_knowledge(into)
    post, = knowledge.posts
    assert post.title == "Rencontre : le travail en réseau"
    texts = [passage.text for passage in post.passages]
    assert any(text.startswith("Au programme :\n\n– une présentation des outils\n– des "
                               "retours") for text in texts)
    assert any(text.startswith("Pour venir\n\nLe lieu est à deux pas") for text in texts)
    assert not any("photo" in text or "https://" in text for text in texts)
    quote, = knowledge.quotes
    assert (quote.author, quote.text[:24]) == ("Ada Martin", "Un réseau ne vaut que pa")
    event, = knowledge.events
    assert event.start.isoformat(timespec="minutes") == "2026-03-14T18:30+01:00"
    assert (event.location, event.timezone, event.price) == ("Lyon", "Europe/Paris",
                                                              "L’entrée est libre")
    assert event.date_note is not None and "2026-02-01" in event.date_note
    assert event.programme == ("une présentation des outils", "des retours d’expérience")
    assert event.speakers == ()  # a person quoted is not a speaker


PAGES = ROOT / "tests" / "data" / "pages"
"""Real pages of the Etalab guides (Licence Ouverte 2.0, see the README there)."""
PAGE_TITLES = {
    "juridique-opendata.html": "L'open data",
    "logiciels-cadre-juridique.html": "Cadre juridique",
    "pseudonymisation-pourquoi-comment.html":
        "Pourquoi et comment pseudonymiser dans l'administration",
}
SITE_CHROME = ("Sommaire", "Contacter Etalab", "Code source", "Découvrir nos nouveaux guides",
               "Proposer des modifications", "guides.etalab.gouv.fr", "Introduction",
               "L'ouverture des données", "Chronologie de l'open data")
"""The navigation bar, sidebar and footer of every page: none of it is the article."""
ARTICLE_TEXT = {
    "juridique-opendata.html": ("L'open data public consiste à assurer la large mise à "
                                "disposition à tous de ces données"),
    "logiciels-cadre-juridique.html": ("– Sa communication ne doit pas porter atteinte :\n"
                                       "  – au secret commercial et industriel ;"),
    "pseudonymisation-pourquoi-comment.html": ("La différence entre anonymisation et "
                                               "pseudonymisation réside ainsi dans le "
                                               "caractère réversible"),
}


@pytest.mark.parametrize("name", sorted(PAGE_TITLES))
def test_real_saved_pages_import_cleanly(name: str, tmp_path: Path) -> None:
    assert run_import(PAGES / name, "--into", tmp_path) == 0
    post, = load_knowledge(tmp_path).posts
    assert post.title == PAGE_TITLES[name]
    texts = [passage.text for passage in post.passages]
    assert len(texts) >= 4
    assert all(20 <= len(text) <= 4000 for text in texts)
    joined = "\n".join(texts)
    assert ARTICLE_TEXT[name] in joined
    for chrome in SITE_CHROME:
        assert chrome not in joined, chrome
    assert not any(line.startswith("#") for line in joined.splitlines()), "permalink signs"
    assert "\n".join(texts).count("au secret commercial et industriel") <= 1


def test_a_page_with_no_quote_or_event_leaves_those_files_byte_for_byte(tmp_path: Path) -> None:
    """Adding a post to a curated directory must not reformat what an admin wrote by hand:
    a round trip rewrapped the long lines of quotes.yaml and events.yaml."""
    into = Path(shutil.copytree(KNOWLEDGE_DIR, tmp_path / "knowledge"))
    assert run_import(PAGES / "juridique-opendata.html", "--into", into) == 0
    for name in ("quotes.yaml", "events.yaml"):
        assert (into / name).read_bytes() == (KNOWLEDGE_DIR / name).read_bytes(), name
    assert len(load_knowledge(into).posts) == len(load_knowledge(KNOWLEDGE_DIR).posts) + 1


def test_an_import_that_adds_a_quote_and_an_event_keeps_every_line_already_there(
        tmp_path: Path) -> None:
    """The new entries are the only new lines: a round trip through ruamel.yaml rewrapped
    the curated files' long lines and hand-wrapped keyword lists, with trailing spaces."""
    source = tmp_path / "rencontre.md"
    source.write_text(MARKDOWN_POST, encoding="utf-8")
    into = Path(shutil.copytree(KNOWLEDGE_DIR, tmp_path / "knowledge"))
    assert run_import(source, "--into", into) == 0
    written = {}
    for name, key, field in (("quotes.yaml", "quotes", "author"),
                             ("events.yaml", "events", "location")):
        before, after = (KNOWLEDGE_DIR / name).read_text(), (into / name).read_text()
        assert after.startswith(before), name
        added, = yaml.safe_load(f"{key}:\n{after.removeprefix(before)}")[key]
        assert added["post"] == "rencontre-travail-reseau"
        assert added[field] in ("Ada Martin", "Lyon")
        assert not any(line != line.rstrip() for line in after.splitlines()), name
        written[name] = after
    assert run_import(source, "--into", into, "--force") == 0
    for name, text in written.items():
        assert (into / name).read_text() == text, f"{name}: a second import changed it"


def test_a_file_with_windows_line_ends_keeps_them(tmp_path: Path) -> None:
    """The file was read with its "\r\n" turned into "\n" and written back so: every line
    changed for an admin who edits on Windows."""
    source = tmp_path / "rencontre.md"
    source.write_text(MARKDOWN_POST, encoding="utf-8")
    into = Path(shutil.copytree(KNOWLEDGE_DIR, tmp_path / "knowledge"))
    crlf = (KNOWLEDGE_DIR / "quotes.yaml").read_bytes().replace(b"\n", b"\r\n")
    (into / "quotes.yaml").write_bytes(crlf)
    assert run_import(source, "--into", into) == 0
    after = (into / "quotes.yaml").read_bytes()
    assert after.startswith(crlf) and b"Ada Martin\r\n" in after
    assert after.count(b"\n") == after.count(b"\r\n")


def test_an_import_waits_while_another_process_edits_the_directory(tmp_path: Path) -> None:
    """The running bot may be adding an example question (`!apprendre`) to quotes.yaml: an
    import that read the file before that edit landed and wrote after it would lose it."""
    source = tmp_path / "rencontre.md"
    source.write_text(MARKDOWN_POST, encoding="utf-8")
    into = Path(shutil.copytree(KNOWLEDGE_DIR, tmp_path / "knowledge"))
    held = 2.0
    with edited_elsewhere(into, held):
        released = time.time() + held
        assert run_import(source, "--into", into) == 0
    quotes = into / "quotes.yaml"
    assert quotes.stat().st_mtime >= released - 0.1  # written once the other edit was done
    assert "Ada Martin" in quotes.read_text(encoding="utf-8")


HAND_WRITTEN_QUOTES = """\
# Quotes, written by hand: list items at column 0, a keyword list wrapped by hand.
quotes:
- id: martin-old
  text: Une ancienne version de la citation.
  author: Ada Martin
  language: fr
  post: rencontre-travail-reseau
# Kept: a comment above the next quote.
- id: orlikowski-2003
  text: "Une technologie de collaboration n’a ni valeur, ni sens, ni fonction en dehors
    de ses usages."
  author: Wanda J. Orlikowski
  language: fr
  post: cooperation-collaboration
  hints:
    keywords: [orlikowski, technology, value, usage,
               technologie, valeur]
"""


def test_a_forced_import_takes_out_only_the_post_entries_of_a_hand_written_file(
        tmp_path: Path) -> None:
    source = tmp_path / "rencontre.md"
    source.write_text(MARKDOWN_POST, encoding="utf-8")
    into = Path(shutil.copytree(KNOWLEDGE_DIR, tmp_path / "knowledge"))
    (into / "quotes.yaml").write_text(HAND_WRITTEN_QUOTES, encoding="utf-8")
    assert run_import(source, "--into", into, "--force") == 0
    after = (into / "quotes.yaml").read_text()
    kept = HAND_WRITTEN_QUOTES.splitlines(keepends=True)
    assert after.startswith("".join(kept[:2] + kept[7:]))
    assert after.removeprefix("".join(kept[:2] + kept[7:])).startswith(
        "- id: martin-reseau-vaut-membres\n  text: |-\n    Un réseau ne vaut")
    assert [quote.author for quote in load_knowledge(into).quotes] == ["Wanda J. Orlikowski",
                                                                        "Ada Martin"]


ENGLISH_POST = """\
---
title: "Meetup: working out loud"
date: 2026-02-01
---

Our next meetup is on Friday, March 13 at 18:30 in London, with Ada Martin.

Agenda:

- Welcome and coffee
- Working out loud in practice

Sam Lee will share a case study. Ada Martin is a consultant on enterprise networks.

To sign up, reply to this post.

## Last time

We met with Noor Haddad in January.
"""


def test_an_english_announcement_gives_its_agenda_and_speakers(tmp_path: Path) -> None:
    source = tmp_path / "meetup.md"
    source.write_text(ENGLISH_POST, encoding="utf-8")
    into = tmp_path / "knowledge"
    assert run_import(source, "--into", into) == 0
    event, = load_knowledge(into).events
    assert event.programme == ("Welcome and coffee", "Working out loud in practice")
    assert [(speaker.name, speaker.role) for speaker in event.speakers] == [
        ("Ada Martin", "a consultant on enterprise networks"), ("Sam Lee", None)]
