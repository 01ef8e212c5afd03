"""Reading one knowledge file into plain data that remembers the line of every value.

The files are edited by hand, so every mistake must name its file, line and field. PyYAML's
constructed dicts lose line numbers and silently keep the last of two duplicate keys, so the
node tree is walked here; the schema (`model.py`) then validates the plain data and its
error locations are mapped back to lines through `Document.lines`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path

import yaml

from sbbot.problems import DOCUMENT, Problem, display_path
from sbbot.safefile import FileProblem, read_regular_file

Loc = tuple[str | int, ...]
MAX_FILE_BYTES = 1_000_000
"""Twenty times the largest shipped file: a file past it is a mistake, and refusing it keeps
`validate` and `!recharger` fast whatever lands in the directory."""
read_file = partial(read_regular_file, limit=MAX_FILE_BYTES, root_name="the knowledge directory")
MAX_DEPTH = 20
"""Knowledge files nest six levels at most; deeper is a mistake, and bounding it keeps the
recursive walk below Python's recursion limit (libyaml alone allows 1,000 levels)."""
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it: the same safe semantics, about ten times faster."""
FLAWED = object()
"""The value of a node already reported while reading: the schema does not report it again."""
MERGE_TAG = "tag:yaml.org,2002:merge"
TYPE_NAMES: tuple[tuple[type, str], ...] = (
    (type(None), "null"), (bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"),
    (datetime, "datetime"), (date, "date"), (dict, "mapping"), (list, "list"))


@dataclass
class Document:
    """A file's plain data, the line of every key and item in it, and the problems found."""

    file: str
    data: object = None
    lines: dict[Loc, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, loc: Loc) -> int:
        """The line of `loc`, or of its nearest located parent (a missing key's mapping)."""
        return next((self.lines[loc[:end]] for end in range(len(loc), -1, -1)
                     if loc[:end] in self.lines), 1)

    def report(self, loc: Loc, message: str, line: int | None = None) -> None:
        path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)
        self.problems.append(Problem(self.file, line or self.line(loc),
                                     path.lstrip(".") or DOCUMENT, message))


def suggestion(word: str, choices: Iterable[str]) -> str:
    matches = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def type_name(value: object) -> str:
    return next((name for kind, name in TYPE_NAMES if isinstance(value, kind)),
                type(value).__name__)


def shown(value: object) -> str:
    """A value as a problem quotes it: never whole when it is long, or an alias bomb."""
    text = str(value) if isinstance(value, str | int) else type_name(value)
    return text if len(text) <= 80 else text[:79] + "…"


def read_document(path: Path, root: Path) -> Document:
    """The file as plain data with its lines; `data` is None if it could not be read."""
    document = Document(display_path(path))
    try:
        loader = SAFE_LOADER(read_file(path, root).decode("utf-8"))
    except (FileProblem, UnicodeDecodeError) as error:
        prefix = "cannot read file: " if isinstance(error, UnicodeDecodeError) else ""
        document.report((), f"{prefix}{error}")
        return document
    try:
        node = loader.get_single_node()
        if node is None:
            document.report((), "empty file: a mapping expected")
        else:
            document.data = NodeWalker(loader, document).walk(node, ())
    except yaml.MarkedYAMLError as error:
        line, message = syntax_error(error)
        document.report((), message, line=line)
    except yaml.YAMLError as error:
        document.report((), f"YAML error: {error}")
    finally:
        loader.dispose()
    return document


PARSER_WORDS = {"quoted scalar": "quoted string", "flow sequence": "[ ] list",
                "flow mapping": "{ } mapping", "block collection": "list",
                "block mapping": "mapping", "block scalar": "| or > text"}
"""The parser's names for what was open, in the words of the files' own syntax."""


def syntax_error(error: yaml.MarkedYAMLError) -> tuple[int, str]:
    """The line to look at and what is wrong there. The parser stops where it notices the
    mistake, often lines after it: an unclosed quote is noticed at the end of the file, an
    unclosed `[` at the next key. The line where that quote or list starts is then named,
    and is the line reported when the parser only noticed at the end of the file."""
    problem, context = error.problem_mark, error.context_mark
    message = f"YAML syntax error: {error.problem or error.context}"
    if problem is None or context is None or context.line == problem.line:
        mark = problem or context
        return (mark.line + 1 if mark else 1), message
    what = re.sub(r"^while (?:parsing|scanning) (?:an? |the )?", "", error.context or "")
    what = PARSER_WORDS.get(what, what)
    if "end of stream" in (error.problem or ""):
        return context.line + 1, f"{message} (in the {what} that starts here)"
    return problem.line + 1, f"{message} (in the {what} that starts on line {context.line + 1})"


class NodeWalker:
    """Turns a composed node tree into dicts, lists and scalars, recording each one's line.

    Scalars are built by SafeLoader's own constructors, which keeps the usual safe_load types
    (int, bool, datetime...) and rejects every non-standard tag. Aliases share one node:
    converting it once keeps alias bombs cheap and reports its problems once, and a node met
    again while it is being converted is a recursive alias, which would never end.
    """

    def __init__(self, loader: yaml.SafeLoader | yaml.CSafeLoader, document: Document) -> None:
        self.loader, self.document = loader, document
        self.done: dict[int, object] = {}
        self.active: set[int] = set()

    def walk(self, node: yaml.Node, loc: Loc) -> object:
        self.document.lines.setdefault(loc, node.start_mark.line + 1)
        if len(loc) > MAX_DEPTH or id(node) in self.active:
            self.document.report(loc, "recursive alias" if len(loc) <= MAX_DEPTH
                                 else f"nested more than {MAX_DEPTH} levels deep")
            return FLAWED
        if id(node) not in self.done:
            self.active.add(id(node))
            self.done[id(node)] = self.convert(node, loc)
            self.active.discard(id(node))
        return self.done[id(node)]

    def convert(self, node: yaml.Node, loc: Loc) -> object:
        if isinstance(node, yaml.SequenceNode) and node.tag == self.loader.DEFAULT_SEQUENCE_TAG:
            return [self.walk(item, (*loc, index)) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode) and node.tag == self.loader.DEFAULT_MAPPING_TAG:
            return self.convert_mapping(node, loc)
        if isinstance(node, yaml.CollectionNode):  # !!set, !!omap, !!python/...
            self.document.report(loc, f"unsupported tag {node.tag}")
            return FLAWED
        if node.tag == self.loader.DEFAULT_SCALAR_TAG:  # most scalars: skip the constructors
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as error:
            problem = getattr(error, "problem", None) or str(error)
            self.document.report(loc, f"invalid value: {problem}")
            return FLAWED

    def convert_mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, object]:
        mapping: dict[str, object] = {}
        for key_node, value_node in node.value:
            line, where = key_node.start_mark.line + 1, loc
            if key_node.tag == MERGE_TAG:
                problem = "merge keys (<<) are not supported"
            elif not isinstance(key_node, yaml.ScalarNode):
                problem = "a list or mapping cannot be a key"
            elif not isinstance(key := self.convert(key_node, loc), str):
                # `on:`, `no:` or `2014:` are not strings in YAML: say how to make them one.
                kind = "an invalid value" if key is FLAWED else type_name(key)
                problem = (f"key {shown(key_node.value)!r} is read as {kind};"
                           " quote it to make it a string")
            elif key in mapping:
                where = (*loc, key)
                problem = f"duplicate key '{key}' (first at line {self.document.lines[where]})"
            else:
                self.document.lines[(*loc, key)] = line
                mapping[key] = self.walk(value_node, (*loc, key))
                continue
            self.document.report(where, problem, line=line)
        return mapping
