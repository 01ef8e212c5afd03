"""Shaping reply text: shortening, and making what members typed inert when it is repeated.

Platform-neutral: what is inert everywhere is decided here (no link, no `@word`, no `<…>`
token), and each adapter's `Style.quote` adds its own markup rules on top.
"""

from __future__ import annotations

import re

FILE_EXTENSIONS = "yaml|yml|json|toml|txt|csv|html?|cfg|conf|ini|log|xml|pdf|png|jpe?g|css|js|ts"
"""File name endings that are no top-level domain (none is in the Public Suffix List), so
`p.yaml` or `config.json` stay words. `.py`, `.md`, `.sh`, `.zip` are domains: not here."""
LINK = re.compile(
    r"(?:[a-z][a-z0-9+.-]{1,20}:/+|\bwww\.|\bmailto:)\S*"
    rf"|\b[\w-]{{1,63}}(?:\.[\w-]{{1,63}})*\.(?!(?:{FILE_EXTENSIONS})\b)[a-z]{{2,24}}\b(?:/\S*)?",
    re.IGNORECASE,
)
"""A URL with a scheme, a `www.` or `mailto:` address, or a bare domain name (chat clients
turn `exemple.fr/x` into a link too). Bounded repetitions keep it linear on any input. A
scheme counts even inside a word: Discord links the `https://` of `1https://1.2.3.4`. A
bare name ending like a file is not a domain: Discord links nothing without a scheme, and
Matrix clients only names under a real top-level domain."""
LINK_MARKS = (".", ":")
"""Every match of `LINK` has one of these: text without them is not scanned at all."""
LINK_WORD = "[lien]"
AT = "@"
"""Followed by a zero-width space, every `@` stops a mention: `@everyone`, `@here`, `@room`,
`@alice:server`, however followed."""
ZERO_WIDTH_SPACE = "\u200b"
ANGLES = (("<", "‹"), (">", "›"))
"""`<@123>`, `<#1>`, `<@&1>`, `<a href>`: no token in angle brackets survives."""
MASKED_LINK = "]("
"""`[texte](adresse)`: spaced out, it is no longer a link in any markdown."""


def fit(text: str, limit: int) -> str:
    """Cut `text` to `limit` characters at a word boundary, marking the cut with '…'."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def inert(user_text: str) -> str:
    """Member text that can neither ping, link nor tag anyone on any platform.

    Adapters also disable mentions platform-wide; this is the second fence, so that even a
    plain rendering (terminal, logs, Matrix `body`) never carries a working mention or link.
    """
    text = user_text
    if any(mark in text for mark in LINK_MARKS):
        text = LINK.sub(LINK_WORD, text)
    text = text.replace(AT, AT + ZERO_WIDTH_SPACE).replace(MASKED_LINK, "] (")
    for angle, quotation_mark in ANGLES:
        text = text.replace(angle, quotation_mark)
    return text


def counted(number: int, words: str) -> str:
    """'aucune retirée', '1 entrée ajoutée', '3 entrées ajoutées': French agrees the words
    with the number (feminine, as entrée and erreur are), where "(s)" reads as a form."""
    if number == 0:
        return f"aucune {words}"
    return f"{number} {words}" if number == 1 else f"{number} " + " ".join(
        f"{word}s" for word in words.split())
