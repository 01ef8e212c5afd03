"""What no single file's schema can say: one id space, references to posts, ten reasons.

The loader (`sbbot.knowledge.loader`) runs these on the plain data of every file, even one
that failed its schema, so that one mistake does not hide the next; each problem is reported
into the file it concerns.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path

from sbbot.knowledge.document import Document, Loc, suggestion
from sbbot.knowledge.model import ID_PATTERN, REASON_COUNT, SynonymsFile

LISTS = (("quotes", "quotes"), ("reasons", "reasons"), ("events", "events"))


def items(document: Document, key: str) -> Iterator[tuple[Loc, dict[str, object]]]:
    """The mappings listed under `key`, each with its location."""
    listed = document.data.get(key) if isinstance(document.data, dict) else None
    for index, item in enumerate(listed if isinstance(listed, list) else ()):
        if isinstance(item, dict):
            yield (key, index), item


def text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def check_all(posts: Sequence[Document], files: dict[str, Document],
              slugs: Collection[str]) -> None:
    """`slugs` are the post file names, not the slugs read from them: a post file with a
    mistake then does not also make every reference to it "unknown"."""
    for document in posts:
        slug = text(document.data.get("slug")) if isinstance(document.data, dict) else None
        stem = Path(document.file).stem
        if slug is not None and slug != stem:
            document.report(("slug",), f"slug '{slug}' does not match the file name"
                            f" '{stem}.yaml'")
    entries = [(document, loc, item) for document in posts
               for loc, item in items(document, "passages")]
    entries += [(files[name], loc, item) for name, key in LISTS if name in files
                for loc, item in items(files[name], key)]
    first: dict[str, str] = {}
    for document, loc, item in entries:
        entry_id = text(item.get("id"))
        if entry_id is not None and re.fullmatch(ID_PATTERN, entry_id):
            where = f"{document.file}:{document.line((*loc, 'id'))}"
            if entry_id in first:
                document.report((*loc, "id"), f"duplicate id '{entry_id}' (first defined at"
                                f" {first[entry_id]})")
            first.setdefault(entry_id, where)
        post = text(item.get("post"))
        if loc[0] != "passages" and post is not None and post not in slugs:
            document.report((*loc, "post"), f"unknown post '{post}'{suggestion(post, slugs)}")
    if "reasons" in files:
        check_reasons(files["reasons"])


def check_reasons(document: Document) -> None:
    """Exactly ten, numbered 1 to 10, each number once."""
    listed = document.data.get("reasons") if isinstance(document.data, dict) else None
    if not isinstance(listed, list):
        return
    if len(listed) != REASON_COUNT:
        document.report(("reasons",), f"exactly {REASON_COUNT} reasons expected, found"
                        f" {len(listed)}")
    first: dict[int, int] = {}
    for loc, item in items(document, "reasons"):
        number = item.get("number")
        if type(number) is int and number in first:
            document.report((*loc, "number"), f"duplicate reason number {number} (first at"
                            f" line {first[number]})")
        elif type(number) is int and 1 <= number <= REASON_COUNT:
            first[number] = document.line((*loc, "number"))
    numbers = [item.get("number") for _, item in items(document, "reasons")]
    readable = [n for n in numbers if type(n) is int and 1 <= n <= REASON_COUNT]
    if len(listed) == len(readable) == REASON_COUNT and len(first) < REASON_COUNT:
        missing = sorted(set(range(1, REASON_COUNT + 1)) - set(first))
        document.report(("reasons",), f"reason numbers missing: {', '.join(map(str, missing))}")


def normalise_word(word: str) -> str:
    """The router matches lowercased words, so the table is stored the same way."""
    return " ".join(word.split()).lower()


def fold_synonyms(document: Document, table: SynonymsFile) -> dict[str, str]:
    """A flat variant -> canonical table.

    A variant under two canonical words, or a word that is both canonical and a variant, would
    make folding depend on table order, so both are refused.
    """
    synonyms: dict[str, str] = {}
    first: dict[str, Loc] = {}
    canonicals: dict[str, int] = {}
    for key, variants in table.synonyms.items():
        canonical = normalise_word(key)
        canonicals.setdefault(canonical, document.line(("synonyms", key)))
        for index, word in enumerate(variants):
            variant, loc = normalise_word(word), ("synonyms", key, index)
            if variant in synonyms:
                document.report(loc, f"'{variant}' is already a variant of '{synonyms[variant]}'"
                                f" (line {document.line(first[variant])})")
            elif variant != canonical:
                synonyms[variant], first[variant] = canonical, loc
    for variant, canonical in synonyms.items():
        if variant in canonicals:
            document.report(first[variant], f"'{variant}' is both a variant of '{canonical}'"
                            f" and a canonical word (line {canonicals[variant]})")
    return synonyms
