"""`sbbot eval`: routing quality on the evaluation sets, for any knowledge directory.

A question names its right answers by entry ids (`expect`), by text (`expect_text`:
substrings of the right passages), or both. Ids only fit the curated knowledge; text fits any
directory, including one written by `sbbot import`, so text wins when a question has it.
`event: true` means the card of the event asked about is right too, and `near: true` marks
an off-topic question close to the posts' vocabulary (a price or a fact they never give):
the bot must never answer one of those with confidence.

The figures keep French and English apart, and the held-out sets are only ever reported in
aggregate: listing their misses would invite tuning on them.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from sbbot.entries import Entry, entries_of
from sbbot.knowledge.model import Hints, Knowledge
from sbbot.router import Router, RouteResult
from sbbot.router.query import PARTS
from sbbot.text import GENERIC_WORDS, STOPWORDS, fold

EXIT_ERROR = 1
SETS = ("devset", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10",
        "heldout", "heldout2")
"""`devset` and `dev2` to `dev10` are tuning sets (their misses may be listed); the others are
held out."""
HELD_OUT = frozenset({"heldout", "heldout2"})
RARE_SHARE = 0.1
"""A knowledge word is rare when at most this share of the entries contains it (an idf of
about 2.3 or more): a question sharing one has a topic the posts might cover."""


class EvaluationError(Exception):
    """An evaluation set that cannot be read; the message says which and why."""


@dataclass(frozen=True)
class Question:
    text: str
    lang: str
    ids: frozenset[str] = frozenset()
    texts: tuple[str, ...] = ()
    event: bool = False
    offtopic: bool = False
    near: bool = False


def load_set(path: Path) -> list[Question]:
    """Read `questions: [{q, expect | expect_text, lang, event?, near?}]`."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise EvaluationError(f"{path}: {error}") from None
    items = document.get("questions") if isinstance(document, dict) else None
    if not isinstance(items, list):
        raise EvaluationError(f"{path}: expected a top-level `questions:` list")
    return [parse_question(path, number, item) for number, item in enumerate(items, 1)]


def parse_question(path: Path, number: int, item: object) -> Question:
    if not isinstance(item, dict) or not isinstance(item.get("q"), str):
        raise EvaluationError(f"{path}: question {number} has no `q` text")
    expect, texts = item.get("expect"), item.get("expect_text", ())
    if isinstance(texts, str):
        texts = (texts,)
    if not (isinstance(texts, (list, tuple)) and all(isinstance(t, str) for t in texts)):
        raise EvaluationError(f"{path}: question {number}: `expect_text` must be text(s)")
    question = Question(item["q"], str(item.get("lang", "")), texts=tuple(texts),
                        event=item.get("event") is True, near=item.get("near") is True)
    if expect == "offtopic":
        return replace(question, offtopic=True)
    if isinstance(expect, list) and all(isinstance(entry_id, str) for entry_id in expect):
        question = replace(question, ids=frozenset(expect))
    elif expect is not None:
        raise EvaluationError(f"{path}: question {number}: `expect` must be a list of entry "
                              "ids or \"offtopic\"")
    if not question.ids and not question.texts:
        raise EvaluationError(f"{path}: question {number} has neither `expect` nor "
                              "`expect_text`")
    return question


class Judge:
    """Which entries of one knowledge snapshot answer a question, and which words are rare."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = entries
        self._folded = [fold(entry.text) for entry in entries]
        frequency: Counter[str] = Counter()
        for entry, folded in zip(entries, self._folded, strict=True):
            frequency.update(set(folded.split()) | set(fold(entry.source).split()))
        limit = max(1.0, RARE_SHARE * len(entries))
        self.rare_words = frozenset(word for word, count in frequency.items()
                                    if count <= limit and len(word) > 2
                                    and word not in STOPWORDS and word not in GENERIC_WORDS)

    def right_entries(self, question: Question) -> frozenset[str]:
        """Entries that answer the question: by text when it has some, else by id.

        With `event: true`, an event card is right too when its post holds a right passage
        or when it is the knowledge's only event.
        """
        if question.texts:
            needles = [fold(text) for text in question.texts]
            right = {entry.id for entry, folded in zip(self.entries, self._folded, strict=True)
                     if any(needle in folded for needle in needles)}
        else:
            right = set(question.ids)
        if question.event:
            events = [entry for entry in self.entries if entry.type == "event"]
            posts = {entry.post for entry in self.entries if entry.id in right}
            right |= {event.id for event in events if len(events) == 1 or event.post in posts}
        return frozenset(right)

    def shares_rare_word(self, text: str) -> bool:
        return any(word in self.rare_words or singular(word) in self.rare_words
                   for word in fold(text).split())


def singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word[-1] in "sx" else word


@dataclass
class Tally:
    """One set's figures for one language."""

    in_domain: int = 0
    right: int = 0
    confident_wrong: int = 0
    off_topic: int = 0
    declined: int = 0
    near: int = 0
    near_confident: int = 0
    far: int = 0
    far_declined: int = 0
    far_unsure_unshared: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, question: Question, result: RouteResult, judge: Judge) -> None:
        got = result.best.entry.id if result.best else None
        if question.offtopic:
            self.off_topic += 1
            self.declined += result.verdict == "unknown"
            if question.near:
                self.near += 1
                self.near_confident += result.verdict == "answer"
            else:
                self.far += 1
                self.far_declined += result.verdict == "unknown"
                self.far_unsure_unshared += (result.verdict == "unsure"
                                             and not judge.shares_rare_word(question.text))
            if result.verdict != "unknown":
                self.misses.append(f"off-topic {question.text!r} -> {result.verdict} {got}")
            return
        self.in_domain += 1
        if result.verdict == "answer" and got in judge.right_entries(question):
            self.right += 1
            return
        self.confident_wrong += result.verdict == "answer"
        self.misses.append(f"{question.text!r} -> {result.verdict} {got}")


def evaluate(router: Router, questions: Iterable[Question]) -> dict[str, Tally]:
    """Tallies by language ("fr", "en"; "all" for both)."""
    judge = Judge(router.entries)
    tallies: dict[str, Tally] = {}
    for question in questions:
        result = router.route(question.text)
        for key in (question.lang or "?", "all"):
            tallies.setdefault(key, Tally()).add(question, result, judge)
    return tallies


def stripped(knowledge: Knowledge, hints: bool = True, glossary: bool = True,
             without: Iterable[str] = ()) -> Router:
    """A router over the knowledge, optionally without its hints and its glossary (what a
    newly imported post looks like), or without parts of its language knowledge (what each
    part buys)."""
    entries = [entry if hints else replace(entry, hints=Hints())
               for entry in entries_of(knowledge)]
    return Router(entries, dict(knowledge.synonyms) if glossary else {},
                  PARTS.difference(without))


def percent(part: int, whole: int) -> str:
    return f"{part}/{whole} {100 * part / whole:.0f}%" if whole else "-"


def report_lines(name: str, tallies: dict[str, Tally]) -> list[str]:
    lines = []
    for lang in ("fr", "en", *sorted(set(tallies) - {"fr", "en", "all"}), "all"):
        tally = tallies.get(lang)
        if tally is None:
            continue
        lines.append(
            f"{name:<9} {lang:<4} {percent(tally.right, tally.in_domain):>12} "
            f"{tally.confident_wrong:>6} {percent(tally.declined, tally.off_topic):>12} "
            f"{tally.near_confident:>3}/{tally.near:<3} "
            f"{tally.far_unsure_unshared:>3}/{tally.far:<3}")
    return lines


HEADER = ("set       lang    in-domain  wrong!     declined  near!  far?\n"
          "                  (answered    (conf.  (off-topic) (conf.) (unsure, no\n"
          "                     right)    wrong)                       rare word)")


def run(args: argparse.Namespace) -> int:
    from sbbot.knowledge import KnowledgeError, load_knowledge

    paths = args.sets or default_sets()
    if not paths:
        print("sbbot eval: no evaluation sets found; pass --sets or run it from a checkout",
              file=sys.stderr)
        return EXIT_ERROR
    try:
        knowledge = load_knowledge(args.directory)
        sets = [(path.stem, load_set(path)) for path in paths]
        imported = imported_knowledge(args.imported) if args.imported else None
    except (KnowledgeError, EvaluationError) as error:
        print(f"sbbot eval: {error}", file=sys.stderr)
        return EXIT_ERROR
    variants = ([(True, True), (True, False), (False, True), (False, False)] if args.all
                else [(not args.no_hints, not args.no_glossary)])
    for hints, glossary in variants:
        print(f"\n{args.directory}: hints {'on' if hints else 'off'}, "
              f"glossary {'on' if glossary else 'off'}"
              + (f", without {', '.join(args.without)}" if args.without else ""))
        report(stripped(knowledge, hints, glossary, args.without), sets, args.misses)
    if imported is not None:
        print(f"\nknowledge written by sbbot import from {', '.join(map(str, args.imported))}"
              " (no hints, glossary or reasons)"
              + (f", without {', '.join(args.without)}" if args.without else ""))
        report(stripped(imported, without=args.without), sets, args.misses)
    return 0


def report(router: Router, sets: list[tuple[str, list[Question]]], misses: bool) -> None:
    print(HEADER)
    for name, questions in sets:
        tallies = evaluate(router, questions)
        print("\n".join(report_lines(name, tallies)))
        if misses and name not in HELD_OUT:
            print("\n".join(f"    {miss}" for miss in tallies["all"].misses))


def imported_knowledge(sources: list[Path]) -> Knowledge:
    """The knowledge `sbbot import` writes from `sources`, as a blog's new post arrives."""
    from sbbot.importer.command import scratch_import
    from sbbot.importer.sources import SourceError

    try:
        return scratch_import(sources)
    except SourceError as error:
        raise EvaluationError(f"--imported: {error}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--knowledge", dest="directory", default=None,
                        help="the knowledge directory (default: SBBOT_KNOWLEDGE_DIR)")
    parser.add_argument("--sets", type=Path, nargs="+", default=None,
                        help="evaluation sets (default: devset, dev2 to dev10, heldout, "
                             "heldout2 in the checkout's tests/data)")
    parser.add_argument("--no-hints", action="store_true",
                        help="ignore the entries' example questions and keywords")
    parser.add_argument("--no-glossary", action="store_true",
                        help="ignore synonyms.yaml")
    parser.add_argument("--all", action="store_true",
                        help="every combination of hints and glossary, on and off")
    parser.add_argument("--without", type=language_parts, default=(),
                        help="switch off parts of the language knowledge, to measure what "
                             f"each buys (comma-separated: {', '.join(sorted(PARTS))})")
    parser.add_argument("--imported", type=Path, nargs="+", default=None, metavar="SOURCE",
                        help="also the knowledge `sbbot import SOURCE...` writes, untouched "
                             "(what a new post is worth before anyone annotates it)")
    parser.add_argument("--misses", action="store_true",
                        help="list the misses of the sets that are not held out")


def language_parts(text: str) -> tuple[str, ...]:
    parts = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = sorted(set(parts) - PARTS)
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown part {', '.join(unknown)} (known: "
                                         f"{', '.join(sorted(PARTS))})")
    return parts


def default_sets() -> list[Path]:
    here = Path.cwd().resolve()
    for folder in (here, *here.parents, Path(__file__).resolve().parents[2]):
        data = folder / "tests" / "data"
        if (data / "devset.yaml").is_file():
            return [data / f"{name}.yaml" for name in SETS if (data / f"{name}.yaml").is_file()]
    return []
