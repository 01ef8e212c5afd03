"""Render drafts as knowledge files, merged with what the directory already holds.

A post file an admin may have edited is never replaced without --force, and then the ids and
hints of entries whose text did not change are kept. `quotes.yaml` and `events.yaml` gain
the new entries; every other line, comments and the other posts' entries, stays byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from sbbot.importer.build import DraftPost, Drafts, QuoteDraft
from sbbot.importer.events import DraftEvent
from sbbot.importer.files import (
    UNWRAPPED,
    dump,
    in_style,
    line_end,
    load,
    read_exact,
    write_atomically,
)
from sbbot.importer.hints import end_of_value
from sbbot.importer.prose import fold_space
from sbbot.knowledge.schema import header as schema_header

POSTS = "posts"
QUOTES_FILE = "quotes.yaml"
EVENTS_FILE = "events.yaml"


class ImportConflict(Exception):
    """The import would replace knowledge already in place, and --force was not given."""


def block(text: str) -> LiteralScalarString | str:
    """Multi-line text as a `|-` block, as the curated files write it."""
    return LiteralScalarString(text) if "\n" in text or len(text) > 80 else text


@dataclass(frozen=True)
class Kept:
    """What survives a forced re-import: the id and hints of an entry whose text is the same."""

    id: str
    hints: Any


def kept_by_text(entries: Iterable[Any], text_key: str) -> dict[str, Kept]:
    kept: dict[str, Kept] = {}
    for entry in entries:
        if isinstance(entry, Mapping) and isinstance(entry.get(text_key), str):
            kept[fold_space(entry[text_key])] = Kept(str(entry.get("id")), entry.get("hints"))
    return kept


def post_document(post: DraftPost, previous: Mapping[str, Kept]) -> CommentedMap:
    document = CommentedMap()
    document["slug"] = post.slug
    document["title"] = post.title
    if post.category:
        document["category"] = post.category
    passages = CommentedSeq()
    for passage in post.passages:
        entry = CommentedMap()
        old = previous.get(fold_space(passage.text))
        entry["id"] = old.id if old else passage.id
        entry["text"] = block(passage.text)
        if old and old.hints:
            entry["hints"] = old.hints
        passages.append(entry)
    document["passages"] = passages
    document.yaml_set_start_comment(
        f"Drafted by `sbbot import` from {Path(post.origin).name}, line {post.line}.\n"
        "Check the cut of each passage against the post, then add hints (or use !apprendre).")
    return document


def quote_entry(draft: QuoteDraft, previous: Mapping[str, Kept]) -> CommentedMap:
    quote = draft.quote
    old = previous.get(fold_space(quote.text))
    entry = CommentedMap()
    entry["id"] = old.id if old else draft.id
    entry["text"] = block(quote.text)
    entry["author"] = quote.author
    if quote.year is not None:
        entry["year"] = quote.year
    entry["language"] = quote.language
    if quote.context:
        entry["context"] = quote.context
    entry["post"] = draft.post
    if old and old.hints:
        entry["hints"] = old.hints
    return entry


def event_entry(event: DraftEvent, previous: Mapping[str, Kept]) -> CommentedMap:
    old = previous.get(fold_space(event.summary))
    entry = CommentedMap()
    entry["id"] = old.id if old else event.id
    entry["name"] = event.name
    entry["start"] = event.start.strftime("%Y-%m-%dT%H:%M")
    entry["timezone"] = event.timezone
    entry["date_note"] = block(event.date_note)
    entry["location"] = event.location
    entry["summary"] = block(event.summary)
    if event.programme:
        entry["programme"] = list(event.programme)
    if event.speakers:
        entry["speakers"] = [{"name": speaker.name, **({"role": speaker.role} if speaker.role
                                                        else {})}
                             for speaker in event.speakers]
    if event.price:
        entry["price"] = event.price
    if event.registration:
        entry["registration"] = block(event.registration)
    entry["post"] = event.post
    if old and old.hints:
        entry["hints"] = old.hints
    return entry


def listed_file(path: Path, key: str, header: str) -> Any:
    if path.exists():
        return load(path)
    document = CommentedMap()
    document[key] = CommentedSeq()
    document.yaml_set_start_comment(f"{schema_header(key).removeprefix('# ')}\n{header}")
    return document


def replace_entries(document: Any, key: str, slugs: set[str], new: list[CommentedMap],
                    force: bool, path: Path) -> None:
    """Swap the entries of the imported posts for the new ones."""
    entries = document.get(key)
    if not isinstance(entries, list):
        entries = CommentedSeq()
        document[key] = entries
    old = [entry for entry in entries if of_posts(entry, slugs)]
    if old and not force:
        raise ImportConflict(f"{path} already has {len(old)} {key} of these posts "
                             "(use --force to replace them)")
    for entry in old:
        entries.remove(entry)
    entries.extend(new)


def of_posts(entry: Any, slugs: set[str]) -> bool:
    return isinstance(entry, Mapping) and entry.get("post") in slugs


def render(drafts: Drafts, into: Path, force: bool) -> dict[str, str]:
    """The text of every file to write, relative to `into`."""
    files: dict[str, str] = {}
    slugs = {post.slug for post in drafts.posts}
    for post in drafts.posts:
        path = into / POSTS / f"{post.slug}.yaml"
        previous: dict[str, Kept] = {}
        if path.exists():
            if not force:
                raise ImportConflict(f"{path} exists (use --force to replace it; the hints "
                                     "of passages whose text did not change are kept)")
            previous = kept_by_text(load(path).get("passages") or [], "text")
        files[f"{POSTS}/{post.slug}.yaml"] = (f"{schema_header('post', depth=1)}\n"
                                              + dump(post_document(post, previous)))

    quotes = merged_list(
        into / QUOTES_FILE, "quotes", "text", slugs, force,
        "Quotes drafted by `sbbot import`: check each author and text against the post.",
        lambda old: [quote_entry(quote, old) for quote in drafts.quotes])
    events = merged_list(
        into / EVENTS_FILE, "events", "summary", slugs, force,
        "Events drafted by `sbbot import`: check the date (see date_note), the place and the "
        "time zone.",
        lambda old: [event_entry(event, old) for event in drafts.events])
    files.update((name, text) for name, text in ((QUOTES_FILE, quotes), (EVENTS_FILE, events))
                 if text is not None)
    return files


def merged_list(path: Path, key: str, text_key: str, slugs: set[str], force: bool, header: str,
                entries: Callable[[dict[str, Kept]], list[CommentedMap]]) -> str | None:
    """`quotes.yaml` or `events.yaml` with the imported posts' entries swapped for new ones
    (an unchanged entry keeps its id and hints), everything else as it was, byte for byte;
    None when the file exists and neither had nor gets an entry of these posts."""
    text = read_exact(path) if path.exists() else None
    document = listed_file(path, key, header) if text is None else load(text)
    old = kept_by_text([entry for entry in document.get(key) or []
                        if of_posts(entry, slugs)], text_key)
    new = entries(old)
    if text is not None and not old and not new:
        return None
    spliced = None if text is None else splice_entries(text, document, key, slugs, new)
    replace_entries(document, key, slugs, new, force, path)
    if spliced is not None and same_data(load(spliced), document):
        return spliced
    return dump(document)


def splice_entries(text: str, document: Any, key: str, slugs: set[str],
                   new: list[CommentedMap]) -> str | None:
    """The file's text with the imported posts' entries taken out of the list and the new
    ones added after its last entry, every other line as the admin wrote it; None when the
    list is not written one `- ` entry after another (the caller then dumps the document).

    A round trip through ruamel.yaml rewraps long lines and reindents hand-wrapped flow
    lists, so the text is edited instead, as `!apprendre` does.
    """
    entries = document.get(key) if isinstance(document, CommentedMap) else None
    if not isinstance(entries, CommentedSeq) or not entries or entries.fa.flow_style():
        return None
    lines = text.splitlines(keepends=True)
    dash = entries.lc.item(0)[1] - 2
    spans: list[range] = []
    for index in range(len(entries)):
        line, column = entries.lc.item(index)
        if dash < 0 or column - 2 != dash or not lines[line].startswith("- ", dash):
            return None
        spans.append(range(line, end_of_value(lines, line, dash)))
    removed = {number for span, entry in zip(spans, entries, strict=True)
               if of_posts(entry, slugs) for number in span}
    kept = [line for number, line in enumerate(lines) if number not in removed]
    at = spans[-1].stop - len(removed)
    if at > 0 and not kept[at - 1].endswith("\n"):
        kept[at - 1] += line_end(text)
    return "".join(kept[:at] + in_style(entries_lines(key, new, dash), text) + kept[at:])


def entries_lines(key: str, new: list[CommentedMap], dash: int) -> list[str]:
    """The new entries as list items whose `- ` is at column `dash`, long lines unwrapped."""
    listed = CommentedMap()
    listed[key] = CommentedSeq(new)
    dumped = dump(listed, UNWRAPPED).splitlines(keepends=True)[1:] if new else []
    shift = dash - 2  # dump() writes each `- ` at column 2
    return [line if not line.strip() else
            " " * shift + line if shift >= 0 else line[-shift:] for line in dumped]


def same_data(edited: Any, document: Any) -> bool:
    """Whether the edited text reads back as the merged document (the check that a file laid
    out in an unusual way was spliced right)."""
    return json.dumps(edited, default=str) == json.dumps(document, default=str)


def write(into: Path, files: Mapping[str, str]) -> None:
    for name, text in files.items():
        write_atomically(into / name, text)
