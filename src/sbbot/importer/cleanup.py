"""Remove what a web page leaves in its text and a reader never reads as the post.

Saved or copied posts carry image file names and captions, sometimes glued to the next
sentence when the line break between them was lost (`debat_num_FBBonne question`), and the
labels of share and comment buttons. Each rule is a general shape, not a list of strings:
a file-name-like token, a caption run into a capitalised word, a line made only of widget
words, a bare two-word caption line in unstructured text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sbbot.importer.document import Block, Notes, SourcePost
from sbbot.importer.prose import fold, person_names, words

FILE_NAME = re.compile(r"^[\w.()-]*(?:\d{2,4}x\d{2,4}|\.(?:jpe?g|png|gif|webp|svg|avif))$",
                       re.IGNORECASE)
IDENTIFIER = re.compile(r"^[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*_[A-Za-z0-9_-]*$|"
                        r"^[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+$")
GLUED = re.compile(r"^(?P<caption>\S+?)(?P<word>[A-ZÀ-Ý][a-zà-ÿ’'-]+)(?P<rest>\s.*|)$")
MAX_CAPTION_WORDS = 3
PUNCTUATION = re.compile(r"[.!?…:;,«»“”\"()\[\]–—]")
WIDGET_WORDS = frozenset("""
partager partagez partage share shares sharing tweet tweeter twitter facebook linkedin
pinterest reddit whatsapp telegram mastodon tumblr pocket email e-mail mail imprimer print
imprimez j'aime j’aime aime like likes loading chargement commentaire commentaires comment
comments repondre reply laisser leave poster post sur on this cet article ce billet un une a
en via par by more plus print-friendly pdf
""".split())


def clean_post(post: SourcePost, slug: str, notes: Notes) -> SourcePost:
    blocks = []
    for block in post.blocks:
        cleaned = clean_block(post, block, slug, notes)
        if cleaned is not None:
            blocks.append(cleaned)
    return replace(post, blocks=tuple(blocks))


def clean_block(post: SourcePost, block: Block, slug: str, notes: Notes) -> Block | None:
    lines: list[str] = []
    for offset, line in enumerate(block.lines):
        number = block.line + (0 if post.structured else offset)
        kept = clean_line(line, notes, post, number, slug)
        if kept is None:
            continue
        if (not post.structured and block.kind == "paragraph" and not lines
                and offset + 1 < len(block.lines) and is_caption(kept)
                and block.lines[offset + 1].lstrip()[:1].isupper()):
            notes.add(post, number, slug, f"dropped « {kept} » above a paragraph (an image "
                      "caption?)")
            continue
        lines.append(kept)
    if not lines:
        return None
    if (not post.structured and block.kind == "paragraph" and len(lines) == 1
            and is_caption(lines[0])):
        notes.add(post, block.line, slug, f"dropped the lone line « {lines[0]} » (an image "
                  "caption or a link label?)")
        return None
    return replace(block, lines=tuple(lines))


def clean_line(line: str, notes: Notes, post: SourcePost, number: int, slug: str) -> str | None:
    stripped = line.strip()
    tokens = stripped.split()
    if tokens and all(is_file_name(token) for token in tokens):
        notes.add(post, number, slug, f"dropped the file name « {stripped} »")
        return None
    if is_widget(stripped):
        notes.add(post, number, slug, f"dropped « {stripped} » (share or comment buttons)")
        return None
    glued = GLUED.match(stripped)
    if glued and glued_caption(glued.group("caption")):
        notes.add(post, number, slug, f"removed « {glued.group('caption')} » glued to "
                  f"« {glued.group('word')} » (a caption run into the text)")
        indent = line[: len(line) - len(line.lstrip())]
        return indent + glued.group("word") + glued.group("rest")
    return line.rstrip()


def is_file_name(token: str) -> bool:
    return FILE_NAME.match(token) is not None or IDENTIFIER.match(token) is not None


def glued_caption(prefix: str) -> bool:
    """A line-initial token that cannot begin a sentence: a file name, or a lowercase word
    run into the capital of the next word (`collaborationLes`)."""
    return is_file_name(prefix) or (len(prefix) >= 3 and prefix.isalpha() and prefix.islower())


def is_caption(line: str) -> bool:
    """A bare line of at most three words and no punctuation at all, that is not a name."""
    found = words(line)
    return (0 < len(found) <= MAX_CAPTION_WORDS and PUNCTUATION.search(line) is None
            and not person_names(line))


def is_widget(line: str) -> bool:
    found = [fold(word) for word in words(line)]
    return bool(found) and all(word in WIDGET_WORDS or word.isdigit() for word in found) \
        and any(word in WIDGET_WORDS - {"sur", "on", "this", "un", "une", "a", "en", "via",
                                        "par", "by", "more", "plus", "cet", "ce", "article",
                                        "billet", "post", "poster"} for word in found)
