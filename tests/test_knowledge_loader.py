"""The loader accepts the shipped knowledge and names file, line and field for every mistake."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sbbot.chat import Message
from sbbot.cli import main
from sbbot.engine import Engine
from sbbot.entries import entries_of
from sbbot.knowledge import Knowledge, KnowledgeError, Problem, load_knowledge
from sbbot.knowledge.schema import KINDS, header, json_schema
from sbbot.store import Store

SHIPPED = Path(__file__).resolve().parents[1] / "knowledge"

# Line numbers in the cases below refer to these files: keep them in sync.
ALPHA = """\
slug: alpha
title: "Alpha : premier billet"
category: E20
passages:
  - id: alpha-intro
    text: |
      Une technologie de collaboration n’a ni valeur, ni sens.
    hints:
      questions: ["Une technologie a-t-elle de la valeur ?"]
      keywords: [technology, value]
  - id: alpha-usage
    text: "C’est l’usage qui compte."
"""

BETA = """\
slug: beta
title: Beta
passages:
  - id: beta-one
    text: Le partage est une pratique.
"""

QUOTES = """\
quotes:
  - id: quote-one
    text: "Une technologie de collaboration n’a ni valeur."
    author: Wanda J. Orlikowski
    year: 2003
    language: fr
    context: repris par Harold Jarche
    post: alpha
  - id: quote-two
    text: Sharing is caring.
    author: Someone
    language: en
    post: beta
"""

REASONS = "note: Distilled from the posts.\nreasons:\n" + "".join(
    f"  - {{number: {n}, id: reason-{n}, statement: Raison {n}, support: Support {n},"
    f" post: {'alpha' if n % 2 else 'beta'}}}\n"
    for n in range(1, 11)
)  # reason n is on line n + 2

EVENTS = """\
events:
  - id: morning-2014
    name: Matinée de l’entreprise de demain
    start: 2014-04-04T08:30
    end: 2014-04-04 12:00:00
    timezone: Europe/Zurich
    date_note: year inferred from the post date
    location: Genève
    summary: Une matinée de conférences.
    programme: [Accueil, Conférence]
    speakers:
      - {name: Jane McConnell, affiliation: NetJMC, role: keynote}
      - name: Someone Else
    price: gratuit
    registration: https://example.org
    reminders: [7d, 1d, 1h]
    post: beta
  - id: evening-2014
    name: Soirée
    start: "2014-10-01T18:00"
    timezone: Europe/Paris
    location: Paris
    summary: Une soirée.
    post: alpha
"""

SYNONYMS = """\
synonyms:
  collaboration: [collaborate, Teamwork]
  partage: [sharing, share]
"""

VALID_FILES = {
    "posts/alpha.yaml": ALPHA,
    "posts/beta.yaml": BETA,
    "quotes.yaml": QUOTES,
    "reasons.yaml": REASONS,
    "events.yaml": EVENTS,
    "synonyms.yaml": SYNONYMS,
}


def write_knowledge(root: Path, files: dict[str, str | None] | None = None) -> Path:
    """A small valid knowledge directory; `files` overrides contents (None deletes a file)."""
    contents: dict[str, str | None] = {**VALID_FILES, **(files or {})}
    for name, text in contents.items():
        if text is not None:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return root


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"fixture snippet not unique: {old!r}"
    return text.replace(old, new)


def problems_of(root: Path) -> tuple[Problem, ...]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(root)
    return caught.value.problems


# --- The valid fixture and the shipped knowledge ----------------------------------------------


def test_fixture_loads_into_knowledge(tmp_path: Path) -> None:
    knowledge = load_knowledge(write_knowledge(tmp_path))

    assert isinstance(knowledge, Knowledge)
    assert [post.slug for post in knowledge.posts] == ["alpha", "beta"]
    alpha = knowledge.post("alpha")
    assert alpha.category == "E20"
    assert alpha.passages[0].text == "Une technologie de collaboration n’a ni valeur, ni sens."
    assert alpha.passages[0].hints.keywords == ("technology", "value")
    assert knowledge.post("beta").category is None
    assert knowledge.quotes[0].year == 2003
    assert knowledge.quotes[1].year is None
    assert [reason.number for reason in knowledge.reasons] == list(range(1, 11))
    assert knowledge.reasons_note == "Distilled from the posts."

    morning, evening = knowledge.events
    zurich = ZoneInfo("Europe/Zurich")
    assert morning.start == datetime(2014, 4, 4, 8, 30, tzinfo=zurich)
    assert morning.end == datetime(2014, 4, 4, 12, 0, tzinfo=zurich)
    assert morning.start.utcoffset() == timedelta(hours=2)
    assert morning.reminders == (timedelta(days=7), timedelta(days=1), timedelta(hours=1))
    assert morning.speakers[1].name == "Someone Else"
    assert morning.speakers[1].affiliation is None
    assert evening.start == datetime(2014, 10, 1, 18, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert evening.end is None
    assert evening.reminders == (timedelta(days=7), timedelta(days=1), timedelta(hours=1))

    assert dict(knowledge.synonyms) == {
        "collaborate": "collaboration", "teamwork": "collaboration",
        "sharing": "partage", "share": "partage",
    }
    assert len(list(entries_of(knowledge))) == 3 + 2 + 10 + 2


def test_synonyms_file_is_optional(tmp_path: Path) -> None:
    knowledge = load_knowledge(write_knowledge(tmp_path, {"synonyms.yaml": None}))
    assert dict(knowledge.synonyms) == {}


def test_reasons_file_is_optional(tmp_path: Path) -> None:
    """An imported knowledge directory has no reasons: they are distilled by hand."""
    knowledge = load_knowledge(write_knowledge(tmp_path, {"reasons.yaml": None}))
    assert knowledge.reasons == ()
    assert knowledge.reasons_note == ""


def test_explicit_reminders_are_kept_in_order(tmp_path: Path) -> None:
    events = edit(EVENTS, "reminders: [7d, 1d, 1h]", "reminders: [2d, 30m]")
    knowledge = load_knowledge(write_knowledge(tmp_path, {"events.yaml": events}))
    assert knowledge.events[0].reminders == (timedelta(days=2), timedelta(minutes=30))


def test_shipped_knowledge_loads() -> None:
    knowledge = load_knowledge(SHIPPED)
    assert knowledge.posts
    assert len(knowledge.reasons) == 10


# --- One case per kind of mistake -------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    file: str
    new_text: str | None  # None deletes the file
    line: int
    field: str
    message: str


CASES = {
    "syntax error": Case(
        "quotes.yaml", edit(QUOTES, "    author: Someone\n", "    author: Someone\n   oops: [\n"),
        12, "(document)", "YAML syntax error"),
    "unknown key (typo)": Case(
        "quotes.yaml", edit(QUOTES, "    author: Wanda", "    autor: Wanda"),
        4, "quotes[0].autor", "unknown key 'autor' (did you mean 'author'?)"),
    "missing field": Case(
        "quotes.yaml", edit(QUOTES, "    language: en\n", ""),
        9, "quotes[1].language", "missing required field 'language'"),
    "wrong type (list expected)": Case(
        "events.yaml", edit(EVENTS, "programme: [Accueil, Conférence]", "programme: Accueil"),
        10, "events[0].programme", "list expected, got string"),
    "wrong type (string expected)": Case(
        "posts/beta.yaml", edit(BETA, "title: Beta", "title: [Beta]"),
        2, "title", "string expected, got list"),
    "wrong type (bool is not an int)": Case(
        "quotes.yaml", edit(QUOTES, "year: 2003", "year: yes"),
        5, "quotes[0].year", "integer expected, got boolean"),
    "duplicate id across files": Case(
        "quotes.yaml", edit(QUOTES, "id: quote-one", "id: alpha-usage"),
        2, "quotes[0].id", "posts/alpha.yaml:11)"),
    "duplicate key": Case(
        "posts/alpha.yaml", edit(ALPHA, "category: E20\n", "category: E20\ntitle: Again\n"),
        4, "title", "duplicate key 'title' (first at line 2)"),
    "dangling post reference": Case(
        "reasons.yaml", edit(REASONS, "Support 3, post: alpha", "Support 3, post: gamma"),
        5, "reasons[2].post", "unknown post 'gamma'"),
    "bad date": Case(
        "events.yaml", edit(EVENTS, "start: 2014-04-04T08:30", "start: 2014-04-31T08:30"),
        4, "events[0].start", "invalid date and time '2014-04-31T08:30'"),
    "garbage date": Case(
        "events.yaml", edit(EVENTS, 'start: "2014-10-01T18:00"', "start: tomorrow at six"),
        20, "events[1].start", "invalid date and time 'tomorrow at six'"),
    "date without time": Case(
        "events.yaml", edit(EVENTS, 'start: "2014-10-01T18:00"', "start: 2014-10-01"),
        20, "events[1].start", "time missing"),
    "offset in date": Case(
        "events.yaml", edit(EVENTS, "end: 2014-04-04 12:00:00", "end: 2014-04-04 12:00:00+02:00"),
        5, "events[0].end", "offset not allowed"),
    "offset in string date": Case(
        "events.yaml", edit(EVENTS, "start: 2014-04-04T08:30", "start: 2014-04-04T08:30Z"),
        4, "events[0].start", "offset not allowed"),
    "end before start": Case(
        "events.yaml", edit(EVENTS, "end: 2014-04-04 12:00:00", "end: 2014-04-04 07:00:00"),
        5, "events[0].end", "is not after start"),
    "bad time zone": Case(
        "events.yaml", edit(EVENTS, "timezone: Europe/Zurich", "timezone: Europe/Zurch"),
        6, "events[0].timezone",
        "unknown time zone 'Europe/Zurch' (did you mean 'Europe/Zurich'?)"),
    "empty text": Case(
        "posts/alpha.yaml", edit(ALPHA, 'text: "C’est l’usage qui compte."', 'text: "   "'),
        12, "passages[1].text", "empty text"),
    "bad id format": Case(
        "posts/alpha.yaml", edit(ALPHA, "id: alpha-intro", "id: Alpha_Intro"),
        5, "passages[0].id", "invalid id 'Alpha_Intro'"),
    "nine reasons": Case(
        "reasons.yaml", "\n".join(REASONS.splitlines()[:-1]) + "\n",
        2, "reasons", "exactly 10 reasons expected, found 9"),
    "eleven reasons": Case(
        "reasons.yaml",
        REASONS + "  - {number: 10, id: reason-11, statement: S, support: S, post: beta}\n",
        2, "reasons", "exactly 10 reasons expected, found 11"),
    "duplicate reason number": Case(
        "reasons.yaml", edit(REASONS, "number: 5,", "number: 4,"),
        7, "reasons[4].number", "duplicate reason number 4 (first at line 6)"),
    "reason number out of range": Case(
        "reasons.yaml", edit(REASONS, "number: 5,", "number: 11,"),
        7, "reasons[4].number", "out of range"),
    "bad reminder": Case(
        "events.yaml", edit(EVENTS, "reminders: [7d, 1d, 1h]", "reminders: [7d, 1d, 1x]"),
        16, "events[0].reminders[2]", "invalid reminder '1x'"),
    "zero reminder": Case(
        "events.yaml", edit(EVENTS, "reminders: [7d, 1d, 1h]", "reminders: [7d, 0h]"),
        16, "events[0].reminders[1]", "must be more than zero"),
    "slug and file name differ": Case(
        "posts/beta.yaml", edit(BETA, "slug: beta", "slug: bta"),
        1, "slug", "does not match the file name 'beta.yaml'"),
    "bad language": Case(
        "quotes.yaml", edit(QUOTES, "language: en", "language: de"),
        12, "quotes[1].language", "unknown language 'de'"),
    "synonym under two words": Case(
        "synonyms.yaml", edit(SYNONYMS, "[sharing, share]", "[sharing, collaborate]"),
        3, "synonyms.partage[1]", "'collaborate' is already a variant of 'collaboration' (line 2)"),
    "non-string synonym": Case(
        "synonyms.yaml", edit(SYNONYMS, "[sharing, share]", "[sharing, 42]"),
        3, "synonyms.partage[1]", "string expected, got integer"),
    "unknown hint key": Case(
        "posts/alpha.yaml", edit(ALPHA, "      keywords:", "      keyword:"),
        10, "passages[0].hints.keyword", "did you mean 'keywords'?"),
    "missing speaker name": Case(
        "events.yaml", edit(EVENTS, "      - name: Someone Else", "      - role: Someone Else"),
        13, "events[0].speakers[1].name", "missing required field 'name'"),
    "boolean key": Case(
        "synonyms.yaml", SYNONYMS + "  on: [switched on]\n",
        4, "synonyms", "key 'on' is read as boolean; quote it to make it a string"),
    "list as a key": Case(
        "posts/beta.yaml", BETA + "? [a, b]\n: x\n",
        6, "(document)", "a list or mapping cannot be a key"),
    "missing required file": Case(
        "quotes.yaml", None, 1, "(document)", "file not found"),
    "unsafe tag": Case(
        "posts/beta.yaml", edit(BETA, "title: Beta", "title: !!python/object/apply:os.getcwd []"),
        2, "title", "unsupported tag tag:yaml.org,2002:python/object/apply:os.getcwd"),
    # Values bounded at validation, so that nothing downstream can overflow.
    "huge reminder": Case(
        "events.yaml", edit(EVENTS, "reminders: [7d, 1d, 1h]", "reminders: [7d, 99999999999d]"),
        16, "events[0].reminders[1]",
        "reminder '99999999999d' out of range: at most 366 days before the event"),
    "ten-thousand-year reminder": Case(
        "events.yaml", edit(EVENTS, "reminders: [7d, 1d, 1h]", "reminders: [3650000d]"),
        16, "events[0].reminders[0]", "out of range: at most 366 days"),
    "reminder over a year": Case(
        "events.yaml", edit(EVENTS, "reminders: [7d, 1d, 1h]", "reminders: [400d]"),
        16, "events[0].reminders[0]", "out of range: at most 366 days"),
    "event year out of range": Case(
        "events.yaml", edit(EVENTS, "start: 2014-04-04T08:30", "start: 0001-01-01T08:30"),
        4, "events[0].start", "year 1 out of range 1900..2999"),
    "huge quote year": Case(
        "quotes.yaml", edit(QUOTES, "year: 2003", "year: 99999999999999999999999"),
        5, "quotes[0].year", "out of range: at most 9999"),
    "post without passages": Case(
        "posts/beta.yaml", BETA.split("passages:")[0] + "passages: []\n",
        3, "passages", "at least 1 expected"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_mistake_is_located(tmp_path: Path, case: Case) -> None:
    root = write_knowledge(tmp_path, {case.file: case.new_text})

    problems = problems_of(root)

    located = [problem for problem in problems
               if problem.file == str(root / case.file) and problem.line == case.line
               and problem.field == case.field]
    assert located, f"no problem at {case.file}:{case.line} {case.field}; got:\n" + "\n".join(
        map(str, problems))
    assert any(case.message in problem.message for problem in located), located


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    root = write_knowledge(tmp_path, {
        "posts/beta.yaml": edit(BETA, "slug: beta", "slug: bta"),
        "quotes.yaml": edit(QUOTES, "    author: Wanda", "    autor: Wanda"),
        "reasons.yaml": edit(REASONS, "number: 5,", "number: 4,"),
        "events.yaml": edit(EVENTS, "timezone: Europe/Zurich", "timezone: Mars/Olympus"),
        "synonyms.yaml": edit(SYNONYMS, "[sharing, share]", "[sharing, teamwork]"),
    })

    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(root)

    report = str(caught.value).splitlines()
    expected = [
        f"{root}/posts/beta.yaml:1: slug: slug 'bta' does not match the file name 'beta.yaml'",
        f"{root}/quotes.yaml:2: quotes[0].author: missing required field 'author'",
        f"{root}/quotes.yaml:4: quotes[0].autor: unknown key 'autor' (did you mean 'author'?)",
        f"{root}/reasons.yaml:7: reasons[4].number: duplicate reason number 4 (first at line 6)",
        f"{root}/reasons.yaml:2: reasons: reason numbers missing: 5",
        f"{root}/events.yaml:6: events[0].timezone: unknown time zone 'Mars/Olympus'",
        f"{root}/synonyms.yaml:3: synonyms.partage[1]: 'teamwork' is already a variant of"
        " 'collaboration' (line 2)",
    ]
    for line in expected:
        assert line in report, "\n".join(report)
    assert len(report) == len(expected), "\n".join(report)


def test_problems_are_in_file_then_line_order(tmp_path: Path) -> None:
    root = write_knowledge(tmp_path, {
        "quotes.yaml": edit(edit(QUOTES, "language: en", "language: de"), "year: 2003", "year: x"),
        "posts/alpha.yaml": edit(ALPHA, "id: alpha-usage", "id: Alpha"),
    })

    located = [(Path(problem.file).name, problem.line) for problem in problems_of(root)]

    assert located == [("alpha.yaml", 11), ("quotes.yaml", 5), ("quotes.yaml", 12)]


def test_paths_are_relative_to_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_knowledge(tmp_path / "knowledge", {"quotes.yaml": None})
    monkeypatch.chdir(tmp_path)

    (problem,) = problems_of(root.resolve())

    assert str(problem) == "knowledge/quotes.yaml:1: (document): file not found"


def test_a_broken_post_does_not_make_references_to_it_dangle(tmp_path: Path) -> None:
    root = write_knowledge(tmp_path, {"posts/beta.yaml": "slug: beta\ntitle: [unclosed\n"})

    problems = problems_of(root)

    assert all(problem.file.endswith("beta.yaml") for problem in problems), problems


def test_alias_bombs_and_recursive_aliases_are_harmless(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
        for i in range(8)
    ) + "r: &r [*r]\n"
    root = write_knowledge(tmp_path, {"posts/beta.yaml": BETA + bomb})

    problems = problems_of(root)

    fields = {problem.field for problem in problems}
    assert {"a", "b", "i", "r"} <= fields
    assert any(problem.message == "recursive alias" for problem in problems)


# --- The JSON Schemas given to editors ---------------------------------------------------------


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's JSON Schema sees it: dates and times stay strings."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def kind_of(name: str) -> str:
    return "post" if name.startswith("posts/") else name.removesuffix(".yaml")


def schema_errors(kind: str, text: str) -> list[str]:
    """What the exported JSON Schema, checked by the independent `jsonschema`, says."""
    try:  # through JSON, as an editor hands it over: every key a string
        instance = json.loads(json.dumps(yaml.load(text, Loader=EditorLoader)))
    except (yaml.YAMLError, TypeError) as error:
        return [f"YAML: {error}"]
    validator = jsonschema.Draft202012Validator(json_schema(kind))
    return [error.message for error in validator.iter_errors(instance)]


def shipped_files() -> list[Path]:
    return sorted([*SHIPPED.glob("*.yaml"), *SHIPPED.glob("posts/*.yaml")])


def test_the_committed_schemas_are_the_exported_ones(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0

    for kind in KINDS:
        written = json.loads((tmp_path / f"{kind}.json").read_text(encoding="utf-8"))
        committed = json.loads((SHIPPED / "schema" / f"{kind}.json").read_text(encoding="utf-8"))
        assert written == committed == json_schema(kind), f"run `sbbot schema` ({kind})"
        jsonschema.Draft202012Validator.check_schema(written)


@pytest.mark.parametrize("path", shipped_files(), ids=lambda path: path.name)
def test_every_shipped_file_names_its_schema_and_validates_against_it(path: Path) -> None:
    name = path.relative_to(SHIPPED).as_posix()
    text = path.read_text(encoding="utf-8")

    assert text.splitlines()[0] == header(kind_of(name), name.count("/"))
    assert schema_errors(kind_of(name), text) == []


NOT_EXPRESSIBLE = {
    "missing required file": "no file to give the schema",
    "duplicate key": "YAML keeps the last value: the JSON instance never sees both",
    "boolean key": "JSON object keys are strings: `on` reaches the schema as 'True'",
    "duplicate id across files": "cross-file",
    "dangling post reference": "cross-file: the post files present",
    "slug and file name differ": "depends on the file name",
    "duplicate reason number": "uniqueness of a field across list items",
    "synonym under two words": "uniqueness across lists",
    "bad date": "calendar validity (April 31st) is not a pattern",
    "end before start": "a comparison between two fields",
    "bad time zone": "the IANA database is not copied into the schema",
    "reminder over a year": "a numeric bound inside a string: the pattern bounds digits only",
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_schema_and_validate_reject_the_same_broken_files(tmp_path: Path,
                                                              case: Case) -> None:
    name = next(name for name, value in CASES.items() if value is case)
    root = write_knowledge(tmp_path, {case.file: case.new_text})

    validate_rejects = main(["validate", str(root)]) == 1
    schema_rejects = case.new_text is not None and bool(
        schema_errors(kind_of(case.file), case.new_text))

    assert validate_rejects
    # Where JSON Schema cannot say it, the schema must really accept it (the list stays true).
    assert schema_rejects == (name not in NOT_EXPRESSIBLE), NOT_EXPRESSIBLE.get(name)


@pytest.mark.parametrize("name", VALID_FILES)
def test_the_schema_and_validate_accept_the_same_valid_files(tmp_path: Path, name: str) -> None:
    variants = [VALID_FILES[name]]
    if name == "events.yaml":
        variants.append(edit(EVENTS, "reminders: [7d, 1d, 1h]", "reminders: [366d, 007h, 1m]"))
    for text in variants:
        root = write_knowledge(tmp_path, {name: text})
        assert main(["validate", str(root)]) == 0
        assert schema_errors(kind_of(name), text) == []


# --- Files that are not what they seem -----------------------------------------------------------


def make_fifo(path: Path) -> None:
    os.mkfifo(path)


def link_outside(path: Path) -> None:
    outside = path.parents[2] / "elsewhere" / path.name
    outside.parent.mkdir()
    outside.write_text(BETA.replace("beta", "gamma"), encoding="utf-8")
    path.symlink_to(outside)


def write_50_mb(path: Path) -> None:
    with path.open("w", encoding="utf-8") as file:
        file.write(BETA.replace("beta", "gamma"))
        for _ in range(50):
            file.write("# " + "x" * (1 << 20) + "\n")


HOSTILE: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (make_fifo, "not a regular file"),
    "symlink out of the directory": (link_outside,
                                     "symlink to a file outside the knowledge directory"),
    "50 MB file": (write_50_mb, "file too large: 52429"),
}
TIMEOUT = 30


def unblock(path: Path) -> None:
    """If a reader is stuck opening the FIFO, open its other end so that the test can end."""
    if path.is_fifo():
        with contextlib.suppress(OSError):  # no reader: nothing was stuck
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


@pytest.mark.parametrize("name", HOSTILE)
def test_validate_reports_a_hostile_post_file_in_one_line(tmp_path: Path, name: str) -> None:
    create, message = HOSTILE[name]
    root = write_knowledge(tmp_path / "knowledge")
    create(root / "posts" / "gamma.yaml")

    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "sbbot", "validate", str(root)],
                              capture_output=True, text=True, timeout=TIMEOUT, check=False)
    finally:
        unblock(root / "posts" / "gamma.yaml")

    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"{root}/posts/gamma.yaml:1: (document): {message}"), line
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("cached", [False, True], ids=["built", "with a snapshot cache"])
@pytest.mark.parametrize("name", HOSTILE)
async def test_a_reload_meeting_a_hostile_file_keeps_the_previous_knowledge(
        store: Store, tmp_path: Path, name: str, cached: bool) -> None:
    create, message = HOSTILE[name]
    root = write_knowledge(tmp_path / "knowledge")
    engine = Engine(root, store, cache_dir=tmp_path / "cache" if cached else None)
    before = engine.knowledge
    path = root / "posts" / "gamma.yaml"
    create(path)

    try:
        reply = await asyncio.wait_for(
            engine.handle(Message("!recharger", "terminal", "t", "admin", is_admin=True,
                                   is_operator=True)),
            TIMEOUT)
    finally:
        unblock(path)

    assert reply is not None and reply.kind == "error"
    assert f"gamma.yaml:1: (document): {message}" in reply.text
    assert engine.knowledge is before
    assert (await engine.handle(Message("!raison 1", "terminal", "t", "u"))) is not None


def test_a_symlink_inside_the_directory_is_followed(tmp_path: Path) -> None:
    root = write_knowledge(tmp_path / "knowledge")
    (root / "drafts").mkdir()
    (root / "drafts" / "gamma.yaml").write_text(BETA.replace("beta", "gamma"), encoding="utf-8")
    (root / "posts" / "gamma.yaml").symlink_to(Path("..") / "drafts" / "gamma.yaml")

    assert load_knowledge(root).post("gamma").passages[0].id == "gamma-one"


def test_the_extreme_values_validate_allows_are_scheduled_without_error(tmp_path: Path) -> None:
    events = EVENTS.replace("reminders: [7d, 1d, 1h]", "reminders: [366d, 1m]").replace(
        "start: 2014-04-04T08:30", "start: 2999-12-31T23:59").replace(
        "    end: 2014-04-04 12:00:00\n", "").replace(
        '"2014-10-01T18:00"', "1900-01-01T00:00")
    root = write_knowledge(tmp_path / "knowledge", {"events.yaml": events})
    assert main(["validate", str(root)]) == 0

    done = subprocess.run(
        [sys.executable, "-m", "sbbot", "schedule", "--next", "2", "--json"],
        capture_output=True, text=True, timeout=TIMEOUT, check=False, cwd=tmp_path,
        env={**os.environ, "SBBOT_KNOWLEDGE_DIR": str(root),
             "SBBOT_DATABASE": str(tmp_path / "bot.sqlite3")})

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_imported_files_name_their_schema_and_validate_against_it(tmp_path: Path) -> None:
    into = tmp_path / "imported"
    into.mkdir()
    dump = Path(__file__).resolve().parent / "data" / "posts.txt"
    assert main(["import", str(dump), "--into", str(into)]) == 0

    written = sorted(into.rglob("*.yaml"))
    assert len(written) == 7  # five posts, the quotes and the events
    for path in written:
        name = path.relative_to(into).as_posix()
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == header(kind_of(name), name.count("/")), name
        assert schema_errors(kind_of(name), text) == [], name


def test_deep_nesting_is_one_problem_not_a_recursion_error(tmp_path: Path) -> None:
    root = write_knowledge(tmp_path, {"posts/beta.yaml": edit(
        BETA, "title: Beta", "title: " + "[" * 900 + "]" * 900)})

    problems = [problem for problem in problems_of(root) if problem.file.endswith("beta.yaml")]

    assert [(problem.line, problem.message) for problem in problems] == [
        (2, "nested more than 20 levels deep"), (2, "string expected, got list")]


@pytest.mark.parametrize(("old", "new", "field"), [
    ("start: 2014-04-04T08:30", "start: " + "x" * 500_000, "events[0].start"),
    ("reminders: [7d, 1d, 1h]", "reminders: [" + "9" * 500_000 + "y]",
     "events[0].reminders[0]"),
    ("timezone: Europe/Zurich", "timezone: " + "Europe/" * 50_000, "events[0].timezone"),
    ("    post: beta\n", "    post: beta\n    " + "k" * 1000 + ": 1\n", "events[0]." + "k" * 1000),
])
def test_a_huge_value_is_quoted_short(tmp_path: Path, old: str, new: str, field: str) -> None:
    root = write_knowledge(tmp_path, {"events.yaml": edit(EVENTS, old, new)})

    (problem,) = [problem for problem in problems_of(root) if problem.field == field]

    assert len(problem.message) < 200 and "…" in problem.message, problem.message


YAML_PIECES = st.sampled_from([
    "[", "]", "{", "}", ":", ": ", "- ", "&a ", "*a", "!!str ", "!!binary ", "!!set ", "|", ">",
    "'", '"', "#", "\n", "  ", "\t", "0", "99999999999999999999", "1e400", "yes", "on", "~",
    "<<: ", "? ", "%YAML 1.1\n", "---\n", "...\n", "\x00", "\ufeff", "é", "2014-02-30", "7d",
    "id", "post", "number", "reminders"])


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(VALID_FILES)), data=st.data())
def test_any_edit_of_a_file_loads_or_is_reported_never_raises_otherwise(
        tmp_path: Path, name: str, data: st.DataObject) -> None:
    text = VALID_FILES[name]
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    inserted = "".join(data.draw(st.lists(YAML_PIECES, max_size=6)))
    root = write_knowledge(tmp_path / "k", {name: text[:start] + inserted + text[end:]})

    try:
        knowledge = load_knowledge(root)
    except KnowledgeError as error:
        assert error.problems
        assert all(len(problem.message) < 500 for problem in error.problems)
    else:
        assert len(knowledge.reasons) == 10
