"""`sbbot import`: the command line around drafting, writing and comparing."""

from __future__ import annotations

import argparse
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from sbbot.entries import entries_of
from sbbot.knowledge import Knowledge, KnowledgeError, load_knowledge

if TYPE_CHECKING:
    from sbbot.importer.build import Drafts

EXIT_ERROR = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", metavar="SOURCE", type=Path,
                        help="saved web pages (.html), Markdown files, or text files holding "
                             "one post or several one after another")
    parser.add_argument("--into", dest="directory", default=None, metavar="DIR",
                        help="knowledge directory to add the posts to (default: the "
                             "configured one)")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the YAML that would be written, write nothing")
    parser.add_argument("--force", action="store_true",
                        help="replace posts imported before (hints of unchanged entries are "
                             "kept)")
    parser.add_argument("--compare", metavar="CURATED", type=Path, default=None,
                        help="import into a scratch directory and print how it compares with "
                             "the knowledge in CURATED")
    parser.set_defaults(sync_handler=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: trafilatura and lxml are for `sbbot import` alone, not for the bot.
    from sbbot.importer.sources import SourceError
    from sbbot.importer.writer import ImportConflict

    try:
        if args.compare is not None:
            return run_compare(args.compare, args.sources)
        return run_import(args.sources, Path(args.directory), dry_run=args.dry_run,
                          force=args.force)
    except (SourceError, ImportConflict) as error:
        print(f"sbbot import: {error}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as error:  # a full disk, a read-only directory: a message, no traceback
        where = f": {error.filename}" if error.filename else ""
        print(f"sbbot import: {error.strerror or error}{where}", file=sys.stderr)
        return EXIT_ERROR


def existing_ids(into: Path) -> set[str]:
    """Ids already used in `into`, so that new ones never collide with them."""
    try:
        knowledge = load_knowledge(into)
    except KnowledgeError:
        return set()
    return {entry.id for entry in entries_of(knowledge)}


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def print_notes(drafts: Drafts) -> None:
    for note in drafts.notes.items:
        print(note, file=sys.stderr)
    if drafts.notes.items:
        print(f"sbbot import: {counted(len(drafts.notes.items), 'thing')} to check by hand "
              "(above)", file=sys.stderr)


def run_import(sources: list[Path], into: Path, *, dry_run: bool, force: bool) -> int:
    from sbbot.importer.build import draft
    from sbbot.importer.files import validate_staged
    from sbbot.importer.hints import editing
    from sbbot.importer.writer import render, write

    for directory in (into, into / "posts"):
        if directory.exists() and not directory.is_dir():
            print(f"sbbot import: {directory} is not a directory (--into names the knowledge "
                  "directory)", file=sys.stderr)
            return EXIT_ERROR
    drafts = draft(sources, existing_ids(into))
    print_notes(drafts)
    if not dry_run:
        into.mkdir(parents=True, exist_ok=True)
    # The running bot may be editing the same files (`!apprendre`): read, merge and write
    # them in its turn, or its edit made meanwhile would be written over.
    with nullcontext() if dry_run else editing(into):
        files = render(drafts, into, force)
        try:
            validate_staged(into, files)
        except KnowledgeError as error:
            print(f"sbbot import: the result would not validate, nothing written:\n{error}",
                  file=sys.stderr)
            return EXIT_ERROR
        if dry_run:
            for name, text in files.items():
                print(f"# --- {into / name}\n{text}", end="")
            return 0
        write(into, files)
    for post in drafts.posts:
        print(f"{into / 'posts' / post.slug}.yaml: {counted(len(post.passages), 'passage')}")
    print(f"{into / 'quotes.yaml'}: {counted(len(drafts.quotes), 'quote')} drafted")
    print(f"{into / 'events.yaml'}: {counted(len(drafts.events), 'event')} drafted")
    print(f"Check with: sbbot validate {into}")
    return 0


def run_compare(curated_dir: Path, sources: list[Path]) -> int:
    from sbbot.importer.compare import compare, report

    curated = load_knowledge(curated_dir)
    imported = scratch_import(sources)
    print(report(compare(curated, imported), curated, imported))
    return 0


def scratch_import(sources: list[Path]) -> Knowledge:
    """What `sbbot import` would write from `sources` into an empty directory, loaded: the
    knowledge of a post nobody has annotated yet (for `--compare` and `sbbot eval`)."""
    from sbbot.importer.build import draft
    from sbbot.importer.writer import render, write

    with tempfile.TemporaryDirectory(prefix="sbbot-import-") as scratch:
        into = Path(scratch) / "knowledge"
        drafts = draft(sources)
        print_notes(drafts)
        write(into, render(drafts, into, force=False))
        return load_knowledge(into)
