"""Load and validate the knowledge files into one immutable `Knowledge` snapshot.

The loader behaves like a compiler: it keeps going after the first mistake, collects every
problem with its file, line and field, and raises them all at once. A `Knowledge` is only
ever built from files that validated completely, so a bad edit can never half-replace the
knowledge the bot is serving.
"""

from __future__ import annotations

import os
import typing
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from sbbot.knowledge.document import (
    FLAWED,
    Document,
    Loc,
    read_document,
    shown,
    suggestion,
    type_name,
)
from sbbot.knowledge.model import EventsFile, Knowledge, Post, QuotesFile, ReasonsFile, SynonymsFile
from sbbot.knowledge_checks import check_all, fold_synonyms
from sbbot.problems import DOCUMENT, KnowledgeError, Problem, display_path

T = TypeVar("T")
MESSAGES = {
    "missing": "missing required field '{name}'",
    "unexpected_keyword_argument": "unknown key '{name}'{suggestion}",
    "string_too_short": "empty text",
    "string_pattern_mismatch": "invalid id '{value}': use lowercase a-z, 0-9 and single hyphens",
    "literal_error": "unknown {name} '{value}': expected {expected}",
    "too_short": "at least {min_length} expected, found none",
    "greater_than_equal": "{name} {value} out of range: at least {ge}",
    "less_than_equal": "{name} {value} out of range: at most {le}",
    "value_error": "{error}",
    **{f"{error}_type": f"{kind} expected, got {{type}}" for error, kind in (
        ("string", "string"), ("int", "integer"), ("tuple", "list"), ("list", "list"),
        ("dataclass", "mapping"), ("dict", "mapping"))},
}
"""The schema library's errors in the words the loader has always used; `ctx` fills the rest."""
FILES = ("quotes", "reasons", "events", "synonyms")
OPTIONAL = ("reasons", "synonyms")
"""Reasons are distilled by hand: a directory written by `sbbot import` has none yet."""


def validate(document: Document, kind: type[T]) -> T | None:
    """The file's data as `kind`, or None after reporting every schema error into it."""
    if () not in document.lines:  # never parsed: why is already reported
        return None
    try:
        return TypeAdapter(kind).validate_python(document.data)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            loc = tuple(part for part in detail["loc"] if part != "[key]")
            if detail["input"] is not FLAWED:
                document.report(loc, describe(kind, loc, detail))
        return None


def describe(kind: type[Any], loc: Loc, detail: ErrorDetails) -> str:
    error, name, value = detail["type"], str(loc[-1]) if loc else "", detail["input"]
    if error not in MESSAGES:
        return detail["msg"]
    hint = suggestion(name, keys_at(kind, loc[:-1])) if error.startswith("unexpected") else ""
    return MESSAGES[error].format_map({**detail.get("ctx", {}), "name": shown(name),
                                       "value": shown(value), "type": type_name(value),
                                       "suggestion": hint})


def keys_at(kind: Any, loc: Loc) -> list[str]:
    """The keys the schema allows at `loc`, for "did you mean" on an unknown key: fields are
    followed by name, and tuple[X, ...], dict[K, X] and X | None are seen through to X."""
    for part in (*loc, ""):
        while not hasattr(kind, "__pydantic_fields__") and typing.get_args(kind):
            kind = [arg for arg in typing.get_args(kind) if arg not in (type(None), Ellipsis)][-1]
        fields = getattr(kind, "__pydantic_fields__", {})
        kind = fields[part].annotation if part in fields else kind
    return list(fields)


def post_documents(root: Path) -> tuple[list[Document], list[Document]]:
    """Every post file read, and problems about the posts directory itself."""
    folder, notes = root / "posts", Document(display_path(root / "posts"))
    paths = sorted(folder.glob("*.yaml"))
    if not folder.is_dir():
        notes.report((), "not a directory" if folder.exists() else "posts directory not found")
    elif not paths:
        notes.report((), "no post files (posts/<slug>.yaml)")
    strays = [Document(display_path(stray)) for stray in sorted(folder.glob("*.yml"))]
    for stray in strays:
        stray.report((), "ignored: post files must end in .yaml")
    return [read_document(path, root) for path in paths], [notes, *strays]


def load_knowledge(directory: str | Path) -> Knowledge:
    """Read and validate every knowledge file; raise KnowledgeError listing all problems.

    Files are read in a fixed order (posts by file name, quotes, reasons, events, synonyms) so
    that "first defined at" in a duplicate-id problem is stable from one run to the next.
    """
    root = Path(directory)
    if not root.is_dir():
        raise KnowledgeError([Problem(display_path(root), 1, DOCUMENT,
                                      "not a directory (the knowledge directory holds posts/)"
                                      if root.exists() else "knowledge directory not found")])
    if root.name == "posts" and not (root / "posts").exists() and (
            root.parent / "quotes.yaml").exists():
        raise KnowledgeError([Problem(display_path(root), 1, DOCUMENT,
                                      "this is the posts directory: the knowledge directory "
                                      f"is {display_path(root.parent)}")])
    post_files, notes = post_documents(root)
    files = {name: read_document(root / f"{name}.yaml", root) for name in FILES
             if name not in OPTIONAL or os.path.lexists(root / f"{name}.yaml")}
    posts = [validate(document, Post) for document in post_files]
    quotes = validate(files["quotes"], QuotesFile)
    reasons = validate(files["reasons"], ReasonsFile) if "reasons" in files else None
    events = validate(files["events"], EventsFile)
    check_all(post_files, files, {Path(document.file).stem for document in post_files})
    synonyms: dict[str, str] = {}
    if "synonyms" in files and (table := validate(files["synonyms"], SynonymsFile)):
        synonyms = fold_synonyms(files["synonyms"], table)
    problems = [problem for document in [*notes, *post_files, *files.values()]
                for problem in sorted(document.problems, key=lambda problem: problem.line)]
    # validate() returns None only after reporting why, so no problem means every file.
    if problems or None in posts or quotes is None or events is None:
        raise KnowledgeError(problems)
    return Knowledge(posts=tuple(post for post in posts if post is not None),
                     quotes=quotes.quotes, events=events.events,
                     reasons=tuple(sorted(reasons.reasons, key=lambda reason: reason.number))
                     if reasons is not None else (),
                     synonyms=MappingProxyType(synonyms),
                     reasons_note=reasons.note if reasons is not None else "")
