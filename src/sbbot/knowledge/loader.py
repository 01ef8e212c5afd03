"""Load and validate the knowledge files into one immutable `Knowledge` snapshot.

The files are edited by hand by admins, so the loader behaves like a compiler: it keeps going
after the first mistake, collects every problem with its file, line and field, and raises them
all at once. A `Knowledge` is only ever built from files that validated completely, so a bad
edit can never half-replace the knowledge the bot is serving.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import yaml

from sbbot.knowledge.model import (
    Event,
    Hints,
    Knowledge,
    Passage,
    Post,
    Quote,
    Reason,
    Speaker,
)

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
REMINDER_PATTERN = re.compile(r"([0-9]+)([dhm])")
LOCAL_DATETIME_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}"
                                    r"(?::[0-9]{2}(?:\.[0-9]{1,6})?)?")
LANGUAGES = ("fr", "en")
REASON_COUNT = 10
DEFAULT_REMINDERS = (timedelta(days=7), timedelta(days=1), timedelta(hours=1))
REMINDER_UNITS = {"d": "days", "h": "hours", "m": "minutes"}
EXAMPLE_DATETIME = "2014-04-04T08:30"

# Field name used for problems that concern a whole file rather than one of its fields.
DOCUMENT = "(document)"

HINTS_KEYS = frozenset({"questions", "keywords"})
POST_KEYS = frozenset({"slug", "title", "category", "passages"})
PASSAGE_KEYS = frozenset({"id", "text", "hints"})
QUOTES_FILE_KEYS = frozenset({"quotes"})
QUOTE_KEYS = frozenset({"id", "text", "author", "year", "language", "context", "post", "hints"})
REASONS_FILE_KEYS = frozenset({"note", "reasons"})
REASON_KEYS = frozenset({"number", "id", "statement", "support", "post", "hints"})
EVENTS_FILE_KEYS = frozenset({"events"})
EVENT_KEYS = frozenset({"id", "name", "start", "end", "timezone", "date_note", "location",
                        "summary", "programme", "speakers", "price", "registration",
                        "reminders", "post", "hints"})
SPEAKER_KEYS = frozenset({"name", "affiliation", "role"})
SYNONYMS_FILE_KEYS = frozenset({"synonyms"})

T = TypeVar("T")
N = TypeVar("N", "YamlList", "YamlMap")


# --- Problems ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One mistake in one file, located precisely enough for an admin to jump to it.

    `line` is 1-based (for a missing field: the line of the mapping that lacks it); `field`
    is a dotted path with 0-based list indices, e.g. `passages[3].text`, or `(document)` when
    the problem concerns the whole file.
    """

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class KnowledgeError(Exception):
    """The knowledge files do not validate; `problems` holds every mistake found, in file order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


@dataclass
class Source:
    """The file being read: every helper reports into it instead of raising, so that one
    mistake does not hide the next."""

    file: str
    problems: list[Problem]

    def report(self, line: int, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, path, message))

    def mark(self) -> int:
        return len(self.problems)

    def clean_since(self, mark: int) -> bool:
        """Whether nothing was reported since `mark`: an entry is built only if it is clean."""
        return len(self.problems) == mark


def display_path(path: Path) -> str:
    """Paths relative to the working directory are shorter and clickable in a terminal."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)
    return str(path)


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def suggestion(word: str, choices: Iterable[str]) -> str:
    matches = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


# --- YAML with line numbers -------------------------------------------------------------------


@dataclass
class YamlMap:
    """A YAML mapping that remembers where it starts and where each of its keys is."""

    line: int
    values: dict[str, object] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class YamlList:
    """A YAML sequence that remembers where it starts and where each of its items is."""

    line: int
    items: list[object] = field(default_factory=list)
    item_lines: list[int] = field(default_factory=list)


MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
MERGE_TAG = "tag:yaml.org,2002:merge"


def node_line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1 if node.start_mark is not None else 1


class NodeWalker:
    """Turns a composed node tree into YamlMap/YamlList/scalars.

    PyYAML's constructed dicts lose line numbers and silently keep the last of two duplicate
    keys, so the tree is walked by hand. Scalars are still built by SafeLoader's own
    constructors, which keeps the usual safe_load types (int, bool, datetime...) and rejects
    every non-standard tag.
    """

    def __init__(self, loader: yaml.SafeLoader | yaml.CSafeLoader, source: Source) -> None:
        self.loader = loader
        self.source = source
        self.done: dict[int, object] = {}
        self.active: set[int] = set()

    def walk(self, node: yaml.Node, path: str) -> object:
        # Aliases share one node: converting it once keeps alias bombs cheap and reports its
        # problems once; a node that contains itself would otherwise recurse forever.
        key = id(node)
        if key in self.done:
            return self.done[key]
        if key in self.active:
            self.source.report(node_line(node), path or DOCUMENT, "recursive alias")
            return None
        self.active.add(key)
        try:
            value = self.convert(node, path)
        finally:
            self.active.discard(key)
        self.done[key] = value
        return value

    def convert(self, node: yaml.Node, path: str) -> object:
        if isinstance(node, yaml.MappingNode):
            return self.convert_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return self.convert_sequence(node, path)
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as error:
            problem = getattr(error, "problem", None) or str(error)
            self.source.report(node_line(node), path or DOCUMENT, f"invalid value: {problem}")
            return None

    def convert_mapping(self, node: yaml.MappingNode, path: str) -> YamlMap | None:
        if node.tag != MAP_TAG:
            self.source.report(node_line(node), path or DOCUMENT, f"unsupported tag {node.tag}")
            return None
        mapping = YamlMap(node_line(node))
        for key_node, value_node in node.value:
            line = node_line(key_node)
            if key_node.tag == MERGE_TAG:
                self.source.report(line, path or DOCUMENT, "merge keys (<<) are not supported")
                continue
            key = self.walk(key_node, path)
            if not isinstance(key, str):
                # `on:`, `no:` or `2014:` are not strings in YAML: say how to make them one.
                self.source.report(line, path or DOCUMENT,
                                   f"key {key_node.value!r} is read as {type_name(key)};"
                                   " quote it to make it a string")
                continue
            if key in mapping.values:
                self.source.report(line, join(path, key), f"duplicate key '{key}' (first at line"
                                   f" {mapping.key_lines[key]})")
                continue
            mapping.values[key] = self.walk(value_node, join(path, key))
            mapping.key_lines[key] = line
        return mapping

    def convert_sequence(self, node: yaml.SequenceNode, path: str) -> YamlList | None:
        if node.tag != SEQ_TAG:
            self.source.report(node_line(node), path or DOCUMENT, f"unsupported tag {node.tag}")
            return None
        sequence = YamlList(node_line(node))
        for index, item in enumerate(node.value):
            sequence.items.append(self.walk(item, f"{path}[{index}]"))
            sequence.item_lines.append(node_line(item))
        return sequence


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML was built with it: same safe semantics, about ten
times faster, which keeps start-up and `!recharger` well under half a second."""


def parse_yaml(text: str, source: Source) -> object:
    """The document as YamlMap/YamlList/scalars, or None after reporting why it cannot be read."""
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            source.report(1, DOCUMENT, "empty file: a mapping expected")
            return None
        return NodeWalker(loader, source).walk(node, "")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        detail = error.problem or error.context or "invalid YAML"
        source.report(line, DOCUMENT, f"YAML syntax error: {detail}")
        return None
    except yaml.YAMLError as error:
        source.report(1, DOCUMENT, f"YAML error: {error}")
        return None
    finally:
        loader.dispose()


def read_document(path: Path, problems: list[Problem]) -> tuple[Source, YamlMap | None]:
    source = Source(display_path(path), problems)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        source.report(1, DOCUMENT, "file not found")
        return source, None
    except (OSError, UnicodeDecodeError) as error:
        source.report(1, DOCUMENT, f"cannot read file: {error}")
        return source, None
    document = parse_yaml(text, source)
    if document is None:
        return source, None
    if not isinstance(document, YamlMap):
        source.report(1, DOCUMENT, f"mapping expected, got {type_name(document)}")
        return source, None
    return source, document


# --- Field helpers ----------------------------------------------------------------------------
# Each helper reads one field, reports what is wrong with it and returns None in that case, so
# the readers below stay a flat list of fields.


def type_name(value: object) -> str:
    if value is None:
        return "null"
    names: tuple[tuple[type, str], ...] = (
        (bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"),
        (datetime, "datetime"), (date, "date"), (YamlMap, "mapping"), (YamlList, "list"),
    )
    for kind, name in names:
        if isinstance(value, kind):
            return name
    return type(value).__name__


def check_keys(source: Source, mapping: YamlMap, path: str, allowed: Collection[str]) -> None:
    for key, line in mapping.key_lines.items():
        if key not in allowed:
            source.report(line, join(path, key),
                          f"unknown key '{key}'{suggestion(key, allowed)}")


def get(source: Source, mapping: YamlMap, key: str, path: str, required: bool) -> object:
    if key not in mapping.values:
        if required:
            source.report(mapping.line, join(path, key), f"missing required field '{key}'")
        return None
    return mapping.values[key]


def check_text(source: Source, line: int, path: str, value: object) -> str | None:
    if not isinstance(value, str):
        source.report(line, path, f"string expected, got {type_name(value)}")
        return None
    if not value.strip():
        source.report(line, path, "empty text")
        return None
    return value.strip()


def read_str(source: Source, mapping: YamlMap, key: str, path: str,
             required: bool) -> str | None:
    if key not in mapping.values:
        get(source, mapping, key, path, required)
        return None
    return check_text(source, mapping.key_lines[key], join(path, key), mapping.values[key])


def require_str(source: Source, mapping: YamlMap, key: str, path: str) -> str | None:
    return read_str(source, mapping, key, path, required=True)


def optional_str(source: Source, mapping: YamlMap, key: str, path: str) -> str | None:
    return read_str(source, mapping, key, path, required=False)


def read_int(source: Source, mapping: YamlMap, key: str, path: str,
             required: bool) -> int | None:
    value = get(source, mapping, key, path, required)
    if key not in mapping.values:
        return None
    # bool is an int subclass: `number: yes` must not quietly become 1.
    if not isinstance(value, int) or isinstance(value, bool):
        source.report(mapping.key_lines[key], join(path, key),
                      f"integer expected, got {type_name(value)}")
        return None
    return value


def read_node(source: Source, mapping: YamlMap, key: str, path: str, required: bool,
              kind: type[N], label: str) -> N | None:
    """The value under `key` if it is a list or mapping as expected; else report it."""
    value = get(source, mapping, key, path, required)
    if key not in mapping.values:
        return None
    if not isinstance(value, kind):
        source.report(mapping.key_lines[key], join(path, key),
                      f"{label} expected, got {type_name(value)}")
        return None
    return value


def read_list(source: Source, mapping: YamlMap, key: str, path: str,
              required: bool) -> YamlList | None:
    return read_node(source, mapping, key, path, required, YamlList, "list")


def require_list(source: Source, mapping: YamlMap, key: str, path: str) -> YamlList | None:
    return read_list(source, mapping, key, path, required=True)


def optional_list(source: Source, mapping: YamlMap, key: str, path: str) -> YamlList | None:
    return read_list(source, mapping, key, path, required=False)


def read_map(source: Source, mapping: YamlMap, key: str, path: str,
             required: bool) -> YamlMap | None:
    return read_node(source, mapping, key, path, required, YamlMap, "mapping")


def optional_str_list(source: Source, mapping: YamlMap, key: str,
                      path: str) -> tuple[str, ...] | None:
    """None when any item is bad, () when the field is absent."""
    items = optional_list(source, mapping, key, path)
    if items is None:
        return None if key in mapping.values else ()
    texts = [check_text(source, line, f"{join(path, key)}[{index}]", item)
             for index, (item, line) in enumerate(zip(items.items, items.item_lines, strict=True))]
    strings = [text for text in texts if text is not None]
    return tuple(strings) if len(strings) == len(texts) else None


def mappings(source: Source, items: YamlList, path: str) -> Iterable[tuple[str, YamlMap]]:
    """The items of a list of entries, each with its field path; non-mappings are reported."""
    for index, (item, line) in enumerate(zip(items.items, items.item_lines, strict=True)):
        item_path = f"{path}[{index}]"
        if isinstance(item, YamlMap):
            yield item_path, item
        else:
            source.report(line, item_path, f"mapping expected, got {type_name(item)}")


def complete(values: Sequence[T | None], expected: int) -> tuple[T, ...] | None:
    """All entries, or None if any of them was invalid (and therefore already reported)."""
    present = tuple(value for value in values if value is not None)
    return present if len(present) == expected else None


# --- Ids and references -----------------------------------------------------------------------


@dataclass
class IdRegistry:
    """Passages, quotes, reasons and events share one id space: an answer names its entry by id."""

    seen: dict[str, str] = field(default_factory=dict)

    def require_id(self, source: Source, mapping: YamlMap, path: str) -> str | None:
        value = require_str(source, mapping, "id", path)
        if value is None:
            return None
        line = mapping.key_lines["id"]
        if not ID_PATTERN.fullmatch(value):
            source.report(line, join(path, "id"),
                          f"invalid id '{value}': use lowercase a-z, 0-9 and single hyphens")
            return None
        if value in self.seen:
            source.report(line, join(path, "id"),
                          f"duplicate id '{value}' (first defined at {self.seen[value]})")
            return None
        self.seen[value] = f"{source.file}:{line}"
        return value


def require_post_ref(source: Source, mapping: YamlMap, path: str,
                     slugs: Collection[str]) -> str | None:
    value = require_str(source, mapping, "post", path)
    if value is not None and value not in slugs:
        source.report(mapping.key_lines["post"], join(path, "post"),
                      f"unknown post '{value}'{suggestion(value, slugs)}")
        return None
    return value


def read_hints(source: Source, mapping: YamlMap, path: str) -> Hints | None:
    hints = read_map(source, mapping, "hints", path, required=False)
    if hints is None:
        return None if "hints" in mapping.values else Hints()
    hints_path = join(path, "hints")
    check_keys(source, hints, hints_path, HINTS_KEYS)
    questions = optional_str_list(source, hints, "questions", hints_path)
    keywords = optional_str_list(source, hints, "keywords", hints_path)
    if questions is None or keywords is None:
        return None
    return Hints(questions=questions, keywords=keywords)


# --- Posts ------------------------------------------------------------------------------------


def read_post(source: Source, document: YamlMap, file_slug: str,
              ids: IdRegistry) -> Post | None:
    mark = source.mark()
    check_keys(source, document, "", POST_KEYS)
    slug = require_str(source, document, "slug", "")
    if slug is not None and slug != file_slug:
        source.report(document.key_lines["slug"], "slug",
                      f"slug '{slug}' does not match the file name '{file_slug}.yaml'")
    title = require_str(source, document, "title", "")
    category = optional_str(source, document, "category", "")
    passages = read_passages(source, document, file_slug, ids)
    if not source.clean_since(mark) or slug is None or title is None or passages is None:
        return None
    return Post(slug=slug, title=title, category=category, passages=passages)


def read_passages(source: Source, document: YamlMap, slug: str,
                  ids: IdRegistry) -> tuple[Passage, ...] | None:
    items = require_list(source, document, "passages", "")
    if items is None:
        return None
    if not items.items:
        source.report(document.key_lines["passages"], "passages", "at least one passage expected")
        return None
    passages = [read_passage(source, mapping, path, slug, ids)
                for path, mapping in mappings(source, items, "passages")]
    return complete(passages, len(items.items))


def read_passage(source: Source, mapping: YamlMap, path: str, slug: str,
                 ids: IdRegistry) -> Passage | None:
    mark = source.mark()
    check_keys(source, mapping, path, PASSAGE_KEYS)
    passage_id = ids.require_id(source, mapping, path)
    text = require_str(source, mapping, "text", path)
    hints = read_hints(source, mapping, path)
    if not source.clean_since(mark) or passage_id is None or text is None or hints is None:
        return None
    return Passage(id=passage_id, post=slug, text=text, hints=hints)


# --- Quotes -----------------------------------------------------------------------------------


def read_listed(source: Source, document: YamlMap, key: str, file_keys: Collection[str],
                read_item: Callable[[YamlMap, str], T | None]) -> tuple[T, ...] | None:
    """A file whose whole content is one list under `key` (quotes.yaml, events.yaml)."""
    check_keys(source, document, "", file_keys)
    items = require_list(source, document, key, "")
    if items is None:
        return None
    return complete([read_item(mapping, path) for path, mapping in mappings(source, items, key)],
                    len(items.items))


def read_quote(source: Source, mapping: YamlMap, path: str, slugs: Collection[str],
               ids: IdRegistry) -> Quote | None:
    mark = source.mark()
    check_keys(source, mapping, path, QUOTE_KEYS)
    quote_id = ids.require_id(source, mapping, path)
    text = require_str(source, mapping, "text", path)
    author = require_str(source, mapping, "author", path)
    year = read_int(source, mapping, "year", path, required=False)
    language = require_str(source, mapping, "language", path)
    if language is not None and language not in LANGUAGES:
        source.report(mapping.key_lines["language"], join(path, "language"),
                      f"unknown language '{language}': expected one of {', '.join(LANGUAGES)}")
    context = optional_str(source, mapping, "context", path)
    post = require_post_ref(source, mapping, path, slugs)
    hints = read_hints(source, mapping, path)
    if (not source.clean_since(mark) or quote_id is None or text is None or author is None
            or language is None or post is None or hints is None):
        return None
    return Quote(id=quote_id, text=text, author=author, language=language, post=post,
                 context=context, year=year, hints=hints)


# --- Reasons ----------------------------------------------------------------------------------


def read_reasons(source: Source, document: YamlMap, slugs: Collection[str],
                 ids: IdRegistry) -> tuple[tuple[Reason, ...], str] | None:
    """The reasons sorted by number, and the note saying where they come from."""
    mark = source.mark()
    check_keys(source, document, "", REASONS_FILE_KEYS)
    note = require_str(source, document, "note", "")
    items = require_list(source, document, "reasons", "")
    if items is None:
        return None
    first_lines: dict[int, int] = {}
    numbers: list[int | None] = []
    reasons: list[Reason | None] = []
    for path, mapping in mappings(source, items, "reasons"):
        numbers.append(read_reason_number(source, mapping, path, first_lines))
        reasons.append(read_reason(source, mapping, path, numbers[-1], slugs, ids))
    line = document.key_lines["reasons"]
    if len(items.items) != REASON_COUNT:
        source.report(line, "reasons",
                      f"exactly {REASON_COUNT} reasons expected, found {len(items.items)}")
    elif len(first_lines) < REASON_COUNT and None not in numbers:
        # Only worth saying when every number was readable: otherwise it repeats a problem.
        missing = sorted(set(range(1, REASON_COUNT + 1)) - set(first_lines))
        source.report(line, "reasons",
                      f"reason numbers missing: {', '.join(map(str, missing))}")
    present = complete(reasons, len(items.items))
    if not source.clean_since(mark) or note is None or present is None:
        return None
    return tuple(sorted(present, key=lambda reason: reason.number)), note


def read_reason_number(source: Source, mapping: YamlMap, path: str,
                       first_lines: dict[int, int]) -> int | None:
    """The number if it is a readable 1..10 integer (a duplicate is reported but returned)."""
    number = read_int(source, mapping, "number", path, required=True)
    if number is None:
        return None
    line = mapping.key_lines["number"]
    if not 1 <= number <= REASON_COUNT:
        source.report(line, join(path, "number"),
                      f"reason number {number} out of range 1..{REASON_COUNT}")
        return None
    if number in first_lines:
        source.report(line, join(path, "number"),
                      f"duplicate reason number {number} (first at line {first_lines[number]})")
        return number
    first_lines[number] = line
    return number


def read_reason(source: Source, mapping: YamlMap, path: str, number: int | None,
                slugs: Collection[str], ids: IdRegistry) -> Reason | None:
    mark = source.mark()
    check_keys(source, mapping, path, REASON_KEYS)
    reason_id = ids.require_id(source, mapping, path)
    statement = require_str(source, mapping, "statement", path)
    support = require_str(source, mapping, "support", path)
    post = require_post_ref(source, mapping, path, slugs)
    hints = read_hints(source, mapping, path)
    if (not source.clean_since(mark) or number is None or reason_id is None or statement is None
            or support is None or post is None or hints is None):
        return None
    return Reason(number=number, id=reason_id, statement=statement, support=support, post=post,
                  hints=hints)


# --- Events -----------------------------------------------------------------------------------


def parse_local_datetime(value: object) -> datetime:
    """A naive local datetime; ValueError says why the value is not one.

    SafeLoader turns `2014-04-04 08:30:00` into a datetime but leaves `2014-04-04T08:30` a
    string, so both are accepted. An offset is refused: the event's `timezone` says where the
    time is, and an offset would silently disagree with it twice a year.
    """
    expected = f"expected a local date and time like {EXAMPLE_DATETIME}"
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        raise ValueError(f"time missing: {expected}")
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"invalid date and time '{value}': {expected}") from None
        if moment.tzinfo is None and not LOCAL_DATETIME_PATTERN.fullmatch(value.strip()):
            raise ValueError(f"invalid date and time '{value}': {expected}")
    else:
        raise ValueError(f"date and time expected, got {type_name(value)}")
    if moment.tzinfo is not None:
        raise ValueError("time zone offset not allowed: give the local time, `timezone` says"
                         " where")
    return moment


def read_local_datetime(source: Source, mapping: YamlMap, key: str, path: str,
                        required: bool) -> datetime | None:
    value = get(source, mapping, key, path, required)
    if key not in mapping.values:
        return None
    try:
        return parse_local_datetime(value)
    except ValueError as error:
        source.report(mapping.key_lines[key], join(path, key), str(error))
        return None


def read_zone(source: Source, mapping: YamlMap, path: str) -> ZoneInfo | None:
    name = require_str(source, mapping, "timezone", path)
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        source.report(mapping.key_lines["timezone"], join(path, "timezone"),
                      f"unknown time zone '{name}'{suggestion(name, available_timezones())}")
        return None


def parse_reminder(value: object) -> timedelta:
    """How long before the event a reminder goes out; ValueError says why it is not one."""
    if not isinstance(value, str):
        raise ValueError(f"string like '1h' expected, got {type_name(value)}")
    match = REMINDER_PATTERN.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"invalid reminder '{value}': a number and a unit d, h or m, like '1h'")
    amount, unit = int(match[1]), match[2]
    if amount == 0:
        raise ValueError(f"invalid reminder '{value}': must be more than zero")
    return timedelta(**{REMINDER_UNITS[unit]: amount})


def read_reminders(source: Source, mapping: YamlMap, path: str) -> tuple[timedelta, ...] | None:
    items = optional_list(source, mapping, "reminders", path)
    if items is None:
        return None if "reminders" in mapping.values else DEFAULT_REMINDERS
    reminders: list[timedelta] = []
    for index, (item, line) in enumerate(zip(items.items, items.item_lines, strict=True)):
        try:
            reminders.append(parse_reminder(item))
        except ValueError as error:
            source.report(line, f"{join(path, 'reminders')}[{index}]", str(error))
    return tuple(reminders) if len(reminders) == len(items.items) else None


def read_speakers(source: Source, mapping: YamlMap, path: str) -> tuple[Speaker, ...] | None:
    items = optional_list(source, mapping, "speakers", path)
    if items is None:
        return None if "speakers" in mapping.values else ()
    speakers = [read_speaker(source, speaker, speaker_path)
                for speaker_path, speaker in mappings(source, items, join(path, "speakers"))]
    return complete(speakers, len(items.items))


def read_speaker(source: Source, mapping: YamlMap, path: str) -> Speaker | None:
    mark = source.mark()
    check_keys(source, mapping, path, SPEAKER_KEYS)
    name = require_str(source, mapping, "name", path)
    affiliation = optional_str(source, mapping, "affiliation", path)
    role = optional_str(source, mapping, "role", path)
    if not source.clean_since(mark) or name is None:
        return None
    return Speaker(name=name, affiliation=affiliation, role=role)


def read_event(source: Source, mapping: YamlMap, path: str, slugs: Collection[str],
               ids: IdRegistry) -> Event | None:
    mark = source.mark()
    check_keys(source, mapping, path, EVENT_KEYS)
    event_id = ids.require_id(source, mapping, path)
    name = require_str(source, mapping, "name", path)
    start = read_local_datetime(source, mapping, "start", path, required=True)
    end = read_local_datetime(source, mapping, "end", path, required=False)
    if start is not None and end is not None and end <= start:
        source.report(mapping.key_lines["end"], join(path, "end"),
                      f"end {end.isoformat(timespec='minutes')} is not after start"
                      f" {start.isoformat(timespec='minutes')}")
    zone = read_zone(source, mapping, path)
    date_note = optional_str(source, mapping, "date_note", path)
    location = require_str(source, mapping, "location", path)
    summary = require_str(source, mapping, "summary", path)
    programme = optional_str_list(source, mapping, "programme", path)
    speakers = read_speakers(source, mapping, path)
    price = optional_str(source, mapping, "price", path)
    registration = optional_str(source, mapping, "registration", path)
    reminders = read_reminders(source, mapping, path)
    post = require_post_ref(source, mapping, path, slugs)
    hints = read_hints(source, mapping, path)
    if (not source.clean_since(mark) or event_id is None or name is None or start is None
            or zone is None or location is None or summary is None or programme is None
            or speakers is None or reminders is None or post is None or hints is None):
        return None
    return Event(id=event_id, name=name, start=start.replace(tzinfo=zone), timezone=zone.key,
                 location=location, summary=summary, post=post,
                 end=end.replace(tzinfo=zone) if end is not None else None,
                 date_note=date_note, programme=programme, speakers=speakers, price=price,
                 registration=registration, reminders=reminders, hints=hints)


# --- Synonyms ---------------------------------------------------------------------------------


def normalise_word(word: str) -> str:
    """The router matches lowercased words, so the table is stored the same way."""
    return " ".join(word.split()).lower()


def read_synonyms(source: Source, document: YamlMap) -> dict[str, str] | None:
    """A flat variant -> canonical table.

    A variant under two canonical words, or a word that is both canonical and a variant, would
    make folding depend on table order, so both are refused.
    """
    mark = source.mark()
    check_keys(source, document, "", SYNONYMS_FILE_KEYS)
    table = read_map(source, document, "synonyms", "", required=True)
    if table is None:
        return None
    synonyms: dict[str, str] = {}
    first_seen: dict[str, tuple[int, str]] = {}
    canonicals: dict[str, int] = {}
    for key, value in table.values.items():
        path, line = join("synonyms", key), table.key_lines[key]
        canonical = check_text(source, line, path, key)
        if canonical is None:
            continue
        canonical = normalise_word(canonical)
        canonicals.setdefault(canonical, line)
        if not isinstance(value, YamlList):
            source.report(line, path, f"list expected, got {type_name(value)}")
            continue
        for index, (item, item_line) in enumerate(zip(value.items, value.item_lines,
                                                      strict=True)):
            variant = check_text(source, item_line, f"{path}[{index}]", item)
            if variant is None:
                continue
            variant = normalise_word(variant)
            if variant in synonyms:
                source.report(item_line, f"{path}[{index}]",
                              f"'{variant}' is already a variant of '{synonyms[variant]}'"
                              f" (line {first_seen[variant][0]})")
            elif variant != canonical:
                synonyms[variant] = canonical
                first_seen[variant] = (item_line, f"{path}[{index}]")
    for variant, canonical in synonyms.items():
        if variant in canonicals:
            source.report(*first_seen[variant],
                          f"'{variant}' is both a variant of '{canonical}' and a canonical word"
                          f" (line {canonicals[variant]})")
    return synonyms if source.clean_since(mark) else None


# --- Loading ----------------------------------------------------------------------------------


def load_posts(directory: Path, problems: list[Problem],
               ids: IdRegistry) -> tuple[Post, ...] | None:
    source = Source(display_path(directory), problems)
    if not directory.is_dir():
        source.report(1, DOCUMENT, "posts directory not found")
        return None
    for stray in sorted(directory.glob("*.yml")):
        Source(display_path(stray), problems).report(
            1, DOCUMENT, "ignored: post files must end in .yaml")
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        source.report(1, DOCUMENT, "no post files (posts/<slug>.yaml)")
        return None
    posts: list[Post | None] = []
    for path in paths:
        post_source, document = read_document(path, problems)
        if document is not None:
            posts.append(read_post(post_source, document, path.stem, ids))
    return complete(posts, len(paths))


def load_knowledge(directory: str | Path) -> Knowledge:
    """Read and validate every knowledge file; raise KnowledgeError listing all problems.

    Files are read in a fixed order (posts by file name, quotes, reasons, events, synonyms) so
    that "first defined at" in a duplicate-id problem is stable from one run to the next.
    """
    root = Path(directory)
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(Problem(display_path(root), 1, DOCUMENT,
                                "knowledge directory not found"))
        raise KnowledgeError(problems)
    ids = IdRegistry()
    posts = load_posts(root / "posts", problems, ids)
    # References are checked against post file names, not the slugs read from them: a post
    # file with a mistake then does not also make every reference to it "unknown".
    slugs = frozenset(path.stem for path in (root / "posts").glob("*.yaml"))

    source, document = read_document(root / "quotes.yaml", problems)
    quotes = None if document is None else read_listed(
        source, document, "quotes", QUOTES_FILE_KEYS,
        lambda mapping, path: read_quote(source, mapping, path, slugs, ids))
    # A directory written by `sbbot import` has no reasons: they are distilled by hand.
    reasons: tuple[tuple[Reason, ...], str] | None = ((), "")
    if (root / "reasons.yaml").exists():
        source, document = read_document(root / "reasons.yaml", problems)
        reasons = read_reasons(source, document, slugs, ids) if document is not None else None
    source, document = read_document(root / "events.yaml", problems)
    events = None if document is None else read_listed(
        source, document, "events", EVENTS_FILE_KEYS,
        lambda mapping, path: read_event(source, mapping, path, slugs, ids))
    synonyms: dict[str, str] | None = {}
    if (root / "synonyms.yaml").exists():
        source, document = read_document(root / "synonyms.yaml", problems)
        synonyms = read_synonyms(source, document) if document is not None else None

    if (problems or posts is None or quotes is None or reasons is None or events is None
            or synonyms is None):
        raise KnowledgeError(in_file_order(problems))
    return Knowledge(posts=posts, quotes=quotes, reasons=reasons[0], events=events,
                     synonyms=MappingProxyType(synonyms), reasons_note=reasons[1])


def in_file_order(problems: Sequence[Problem]) -> list[Problem]:
    """Problems grouped by file (in reading order) and sorted by line within each file."""
    files: dict[str, int] = {}
    for problem in problems:
        files.setdefault(problem.file, len(files))
    return sorted(problems, key=lambda problem: (files[problem.file], problem.line))
