"""Files that are not what they seem (a FIFO, a link outside, 50 MB, deep nesting, any edit):
reported in one line, never a hang or a crash, and a reload keeps the last good knowledge."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sbbot.chat import Message
from sbbot.cli import main
from sbbot.engine import Engine
from sbbot.knowledge import KnowledgeError, load_knowledge
from sbbot.store import Store
from tests.knowledge_files import (
    BETA,
    EVENTS,
    VALID_FILES,
    edit,
    problems_of,
    write_knowledge,
)


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
