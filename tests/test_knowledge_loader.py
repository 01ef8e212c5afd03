"""The loader accepts the shipped knowledge and names file, line and field for every mistake."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sbbot.entries import entries_of
from sbbot.knowledge import Knowledge, KnowledgeError, load_knowledge
from tests.knowledge_files import (
    ALPHA,
    BETA,
    CASES,
    EVENTS,
    QUOTES,
    REASONS,
    SHIPPED,
    SYNONYMS,
    Case,
    edit,
    problems_of,
    write_knowledge,
)

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


def test_a_file_where_a_directory_goes_is_named_as_such(tmp_path: Path) -> None:
    """`sbbot validate post.md` said "knowledge directory not found" of a file that exists."""
    (tmp_path / "post.md").write_text("# Titre\n", encoding="utf-8")
    (problem,) = problems_of(tmp_path / "post.md")
    assert problem.message == "not a directory (the knowledge directory holds posts/)"
    assert problems_of(tmp_path / "absent")[0].message == "knowledge directory not found"
    root = write_knowledge(tmp_path / "knowledge")
    shutil.rmtree(root / "posts")
    (root / "posts").write_text("", encoding="utf-8")
    assert [problem.message for problem in problems_of(root)
            if problem.file.endswith("posts")] == ["not a directory"]
    (root / "posts").unlink()
    posts = write_knowledge(tmp_path / "other") / "posts"
    (problem,) = problems_of(posts)  # `sbbot validate knowledge/posts`: one line, not three
    assert problem.message == ("this is the posts directory: the knowledge directory is "
                               f"{tmp_path / 'other'}")


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
