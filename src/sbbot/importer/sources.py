"""Read a SOURCE file into posts: a saved web page, a Markdown file, or plain text holding
one post or several one after another.

Web pages go through trafilatura, which finds the article among navigation, sidebars,
share buttons and comments far better than any tag stripping written here could; its XML
output keeps the structure the cutting rules need (headings, lists, block quotes).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import trafilatura

from sbbot.importer.document import Block, BlockKind, SourcePost
from sbbot.importer.prose import is_lead_in

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
TITLE_GAP = 2
"""Blank lines after a title line in a text dump; paragraphs are one blank line apart."""
MAX_TITLE_CHARS = 200
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
ANCHOR = re.compile(r"^[#¶§🔗]\s+|\s+[#¶§🔗]$")
LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


class SourceError(Exception):
    """A SOURCE that cannot be read at all (missing, not UTF-8, no article found)."""


def read_source(path: Path) -> list[SourcePost]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SourceError(f"{path}: cannot read: {error.strerror or error}") from None
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return [read_html(raw, str(path))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(f"{path}: not UTF-8 text") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if suffix in MARKDOWN_SUFFIXES:
        return [read_markdown(text, str(path))]
    return read_text_dump(text, str(path))


# --- Web pages --------------------------------------------------------------------------------

TRAFILATURA_LOG = logging.getLogger("trafilatura")
"""trafilatura logs ERROR lines ("empty HTML tree: None") on a page it cannot read; the
import says so itself, once, with the file's name."""


@contextmanager
def quiet(log: logging.Logger) -> Iterator[None]:
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


def read_html(raw: bytes, origin: str) -> SourcePost:
    with quiet(TRAFILATURA_LOG):
        extracted = trafilatura.extract(raw, output_format="xml", with_metadata=True,
                                        include_comments=False, include_tables=False,
                                        include_images=False, include_formatting=False,
                                        include_links=False, deduplicate=True)
    if not extracted:
        raise SourceError(f"{origin}: no article text found in the page")
    root = ElementTree.fromstring(extracted)
    title = without_anchor(" ".join((root.get("title") or "").split()))
    blocks: list[Block] = []
    for element in root.iter():
        kind = HTML_KINDS.get(element.tag)
        if kind is None or (element.tag in ("p", "list")
                            and inside_list_or_quote(root, element)):
            continue
        lines = element_lines(element)
        if lines:
            blocks.append(Block(kind, lines, len(blocks) + 1))
    if blocks and blocks[0].kind == "heading" and (not title or blocks[0].text == title):
        title = title or blocks[0].text
        blocks = blocks[1:]
    if not title:
        raise SourceError(f"{origin}: the page has no title")
    return SourcePost(title=title, origin=origin, line=1, blocks=tuple(blocks),
                      published=parse_date(root.get("date")), structured=True)


HTML_KINDS: dict[str, BlockKind] = {"p": "paragraph", "head": "heading", "list": "list",
                                    "quote": "quote"}


def inside_list_or_quote(root: ElementTree.Element, element: ElementTree.Element) -> bool:
    return any(element in list(parent.iter()) and element is not parent
               for parent in root.iter() if parent.tag in ("list", "quote"))


def element_lines(element: ElementTree.Element) -> tuple[str, ...]:
    if element.tag == "list":
        return tuple(list_lines(element, depth=0))
    text = "".join(element.itertext())
    lines = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    if element.tag == "head":
        lines = [without_anchor(line) for line in lines]
    return tuple(line for line in lines if line)


def list_lines(element: ElementTree.Element, depth: int) -> list[str]:
    """One line per item, a nested list's items indented under their item."""
    lines = []
    for item in element.findall("item"):
        own = (item.text or "") + "".join(
            "".join(child.itertext()) + (child.tail or "") if child.tag != "list"
            else (child.tail or "") for child in item)
        text = " ".join(own.split())
        if text:
            lines.append(f"{'  ' * depth}– {text}")
        for nested in item.findall("list"):
            lines.extend(list_lines(nested, depth + 1))
    return lines


def without_anchor(heading: str) -> str:
    """Documentation generators put a permalink sign ("#", "¶", "§") beside each heading."""
    return ANCHOR.sub("", heading).strip()


def parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# --- Markdown ---------------------------------------------------------------------------------


def read_markdown(text: str, origin: str) -> SourcePost:
    """Front matter `title:`/`date:` when present, else the first `#` heading is the title."""
    title, published, offset = "", None, 0
    front = FRONT_MATTER.match(text)
    if front:
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "title":
                title = value.strip().strip("\"'")
            elif key.strip() == "date":
                published = parse_date(value.strip().strip("\"'"))
        offset = front.group(0).count("\n")
        text = text[front.end():]
    blocks: list[Block] = []
    for start, lines in paragraphs(text.split("\n"), offset):
        heading = MD_HEADING.match(lines[0])
        if heading and len(lines) == 1:
            if not title and heading.group(1) == "#":
                title = markdown_inline(heading.group(2))
            else:
                blocks.append(Block("heading", (markdown_inline(heading.group(2)),), start))
            continue
        cleaned = [markdown_inline(line) for line in lines]
        if all(line.lstrip().startswith(">") for line in lines):
            quoted = " ".join(line.lstrip()[1:].strip() for line in cleaned)
            blocks.append(Block("quote", (" ".join(quoted.split()),), start))
        elif all(LIST_MARK.match(line) for line in lines):
            blocks.append(Block("list", tuple(LIST_MARK.sub("– ", line) for line in cleaned),
                                start))
        elif " ".join(cleaned).strip():
            # Markdown wraps a paragraph's lines at will: a reader sees one line.
            blocks.append(Block("paragraph", (" ".join(" ".join(cleaned).split()),), start))
    if not title:
        raise SourceError(f"{origin}: no title (a `# Title` line or `title:` front matter)")
    return SourcePost(title=title, origin=origin, line=1, blocks=tuple(blocks),
                      published=published, structured=True)


def markdown_inline(line: str) -> str:
    """Markup a reader never sees: images go, links keep their text, emphasis its words."""
    line = MD_IMAGE.sub("", line)
    line = MD_LINK.sub(r"\1", line)
    return MD_EMPHASIS.sub(r"\2", line).rstrip()


# --- Plain text and dumps of several posts ----------------------------------------------------


def paragraphs(lines: list[str], offset: int = 0) -> list[tuple[int, tuple[str, ...]]]:
    """Runs of non-blank lines with the 1-based line number of their first line."""
    found: list[tuple[int, tuple[str, ...]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=offset + 1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            found.append((start, tuple(current)))
            current = []
    if current:
        found.append((start, tuple(current)))
    return found


def read_text_dump(text: str, origin: str) -> list[SourcePost]:
    """One post per title line. A title line stands alone, is followed by at least two blank
    lines (a paragraph is followed by one), and is followed by body text rather than by
    another such line: a closing line or a caption before the next title is not a title."""
    lines = text.split("\n")
    titles = title_candidates(lines)
    starts = [number for index, number in enumerate(titles)
              if index + 1 >= len(titles) or next_content(lines, number) != titles[index + 1]]
    if not starts:
        first = next((number for number, line in enumerate(lines) if line.strip()), None)
        if first is None:
            raise SourceError(f"{origin}: empty file")
        starts = [first]
    posts = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        body = paragraphs(lines[start + 1:end], start + 1)
        blocks = tuple(Block("paragraph", tuple(block), line) for line, block in body)
        posts.append(SourcePost(title=lines[start].strip(), origin=origin, line=start + 1,
                                blocks=blocks))
    return posts


def title_candidates(lines: list[str]) -> list[int]:
    """0-based indices of standalone short lines followed by a gap of TITLE_GAP blank lines."""
    found = []
    for number, line in enumerate(lines):
        stripped = line.strip()
        if (not stripped or len(stripped) > MAX_TITLE_CHARS or stripped.endswith((",", ";"))
                or is_lead_in(stripped) or (number > 0 and lines[number - 1].strip())):
            continue
        gap = 0
        for following in lines[number + 1:]:
            if following.strip():
                break
            gap += 1
        if gap >= TITLE_GAP and next_content(lines, number) is not None:
            found.append(number)
    return found


def next_content(lines: list[str], number: int) -> int | None:
    for index in range(number + 1, len(lines)):
        if lines[index].strip():
            return index
    return None

