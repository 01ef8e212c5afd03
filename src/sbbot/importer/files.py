"""Knowledge files as an admin wrote them: round-trip YAML, staged validation, atomic
replacement.

ruamel.yaml's round trip keeps comments, key order and quoting, so a file the bot edits
(a new hint, a new quote) differs from the admin's only where the edit is. Before any file
is replaced, the directory is copied with the new files in place and loaded with
`load_knowledge`: if it would not validate, nothing is written. A file is then replaced
through a temporary file and `os.replace`, so a reader (the bot's live reload) sees the old
file or the new one, never half of one.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from sbbot.knowledge import KnowledgeError, Problem, load_knowledge
from sbbot.problems import display_path

WIDTH = 100
UNWRAPPED = 1_000_000
"""A width no line reaches: what the importer adds to an admin's file is not wrapped either,
as the curated files keep a long string on one line."""


def round_trip(width: int = WIDTH) -> YAML:
    yaml = YAML()
    yaml.width = width
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    return yaml


def dump(document: Any, width: int = WIDTH) -> str:
    stream = io.StringIO()
    round_trip(width).dump(document, stream)
    return stream.getvalue()


def read_exact(path: Path) -> str:
    """A file's text with its line ends as written: `read_text` turns "\r\n" into "\n", and
    the file written back had every line changed."""
    return path.read_bytes().decode("utf-8")


def line_end(text: str) -> str:
    """The line end a file uses, for the lines an edit adds to it."""
    return "\r\n" if "\r\n" in text else "\n"


def in_style(lines: list[str], text: str) -> list[str]:
    """Lines written with "\n" ends, given the line ends of `text`."""
    end = line_end(text)
    return lines if end == "\n" else [line.removesuffix("\n") + end if line.endswith("\n")
                                      else line for line in lines]


def load(source: Path | str) -> Any:
    """A file (or its text) as ruamel's commented maps and lists, with their positions."""
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    return round_trip().load(text)


def validate_staged(into: Path, files: Mapping[str, str]) -> None:
    """Load the directory as it would be after writing; KnowledgeError if it would not
    validate (then nothing has been written)."""
    with tempfile.TemporaryDirectory(prefix="sbbot-import-") as staging:
        stage = Path(staging) / "knowledge"
        if into.is_dir():
            shutil.copytree(into, stage, ignore=shutil.ignore_patterns(".*"))
        for name, text in files.items():
            target = stage / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            load_knowledge(stage)
        except KnowledgeError as error:
            raise KnowledgeError([unstaged(problem, stage, into)
                                  for problem in error.problems]) from None


def unstaged(problem: Problem, stage: Path, into: Path) -> Problem:
    """A problem found in the staging copy, located in the file the admin will open."""
    path = Path(problem.file)
    path = path if path.is_absolute() else Path.cwd() / path
    if not path.is_relative_to(stage):
        return problem
    return replace(problem, file=display_path(into / path.relative_to(stage)))


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
