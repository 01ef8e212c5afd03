"""Add an example question to one entry's `hints`, in the file an admin edits by hand.

ruamel.yaml's round trip finds where the entry and its hints are; the new line is then
inserted into the text itself, so the comments, key order, quoting and line breaks stay as
the admin wrote them, byte for byte: the only change is the new line under
`hints.questions`. The directory is validated with the change before the file is replaced
(atomically), and edits are serialised, within the process by a lock and across processes
(several bot processes may share one knowledge directory) by an advisory lock, so two
teachings at once both land.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from sbbot.entries import Entry
from sbbot.importer.files import (
    in_style,
    line_end,
    load,
    read_exact,
    validate_staged,
    write_atomically,
)
from sbbot.importer.prose import fold_space

FILES = {"quote": ("quotes.yaml", "quotes"), "reason": ("reasons.yaml", "reasons"),
         "event": ("events.yaml", "events")}
_process_lock = threading.Lock()


class TeachError(Exception):
    """The entry cannot be edited in its file (the files changed since the last reload, or it
    is laid out in a way the edit does not handle); the message, in French, is the bot's."""


def entry_file(directory: Path, entry: Entry) -> tuple[Path, str]:
    """The file that defines `entry`, and the list its mapping sits in."""
    if entry.type == "passage":
        return directory / "posts" / f"{entry.post}.yaml", "passages"
    name, key = FILES[entry.type]
    return directory / name, key


@contextmanager
def editing(directory: Path) -> Iterator[None]:
    """Edits of `directory` one at a time: in this process, and across processes through an
    advisory lock on the directory itself, not on a file in it: a lock file showed in the
    admin's `git status` beside the knowledge they keep in git."""
    with _process_lock:
        descriptor = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)  # which releases the lock


def add_question(directory: Path, entry: Entry, question: str) -> tuple[Path, bool]:
    """Add `question` to the entry's `hints.questions`; returns the file and whether it was
    added (False: it was already there). KnowledgeError if the result would not validate."""
    path, key = entry_file(directory, entry)
    with editing(directory):
        text = read_exact(path)
        mapping = find_entry(load(text), key, entry.id)
        if mapping is None:
            raise TeachError(f"{entry.id} n’est plus dans {path.name} : rechargez les "
                             "connaissances (!recharger)")
        known = questions_of(mapping)
        if any(fold_space(str(item)).casefold() == fold_space(question).casefold()
               for item in known):
            return path, False
        if mapping.fa.flow_style():
            raise TeachError(f"{entry.id} est écrit sur une ligne {{...}} dans {path.name} : "
                             "ajoutez la question à la main, ou écrivez l’entrée une clé par "
                             "ligne")
        edited = insert_question(text, mapping, question)
        try:
            check = find_entry(load(edited), key, entry.id)
        except YAMLError:
            check = None
        if check is None or list(questions_of(check)) != [*known, question]:
            raise TeachError(f"{entry.id} est mis en page d’une façon inhabituelle dans "
                             f"{path.name} : ajoutez la question à la main")
        validate_staged(directory, {str(path.relative_to(directory)): edited})
        write_atomically(path, edited)
    return path, True


def find_entry(document: Any, key: str, entry_id: str) -> CommentedMap | None:
    entries = document.get(key) if isinstance(document, CommentedMap) else None
    for mapping in entries or []:
        if isinstance(mapping, CommentedMap) and mapping.get("id") == entry_id:
            return mapping
    return None


def questions_of(mapping: CommentedMap) -> list[Any]:
    hints = mapping.get("hints")
    questions = hints.get("questions") if isinstance(hints, CommentedMap) else None
    return list(questions) if isinstance(questions, list) else []


def insert_question(text: str, mapping: CommentedMap, question: str) -> str:
    """The file's text with one line added (or the missing `hints:`/`questions:` keys above
    it): editing the text rather than re-dumping the document is what keeps every other
    byte, flow lists wrapped by hand included."""
    lines = text.splitlines(keepends=True)
    scalar = json.dumps(question, ensure_ascii=False)  # a JSON string is a YAML scalar
    hints = mapping.get("hints")
    questions = hints.get("questions") if isinstance(hints, CommentedMap) else None
    if isinstance(questions, CommentedSeq) and len(questions) and not questions.fa.flow_style():
        line, column = questions.lc.item(len(questions) - 1)
        dash = column - 2
        at = end_of_value(lines, line, dash)
        new = [f"{' ' * dash}- {scalar}\n"]
    elif isinstance(hints, CommentedMap) and questions is None and len(hints):
        line, column = hints.lc.key(next(iter(hints)))
        at = line
        new = [f"{' ' * column}questions:\n", f"{' ' * (column + 2)}- {scalar}\n"]
    elif hints is None:
        last = list(mapping)[-1]
        line, column = mapping.lc.key(last)
        at = end_of_value(lines, line, column)
        new = [f"{' ' * column}hints:\n", f"{' ' * (column + 2)}questions:\n",
               f"{' ' * (column + 4)}- {scalar}\n"]
    else:
        raise TeachError("hints.questions est écrit sur une ligne [...] : ajoutez la question "
                         "à la main, ou écrivez la liste un élément par ligne")
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += line_end(text)
    return "".join(lines[:at] + in_style(new, text) + lines[at:])


def end_of_value(lines: list[str], line: int, column: int) -> int:
    """The index of the line after the value that starts on `line` at `column` (a one-line
    scalar, or a block scalar or list indented further), trailing blank and comment lines
    left to what follows."""
    end = line + 1
    for index in range(line + 1, len(lines)):
        stripped = lines[index].strip()
        indent = len(lines[index]) - len(lines[index].lstrip())
        if stripped and indent <= column and not stripped.startswith("#"):
            break
        if stripped and not stripped.startswith("#"):
            end = index + 1
    return end
