"""Quoting member text back: inert everywhere, and on Discord the same escaping as discord.py's.

`quote` escapes in linear time what `discord.utils.escape_markdown` escapes in quadratic time
on some inputs; these tests hold it to discord.py's result wherever discord.py's runs fast.
"""

from __future__ import annotations

import re

import discord
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sbbot.adapters.discord_markdown import quote
from sbbot.replies import LINK_WORD, inert
from tests.hostile import LEAKS, member_text

LINKED_SCHEME = re.compile(r"(?:https?|steam|ftp)://", re.IGNORECASE)
"""A scheme Discord or a Matrix client links, even right after other characters."""
MARKDOWN_HEAVY = st.text(alphabet=st.one_of(
    st.sampled_from(list("\\*_~|`#->< \n\t\r\x0b\u2028\u00a0\u200b[]()@:/.hpstw")),
    st.characters()), max_size=60)
"""What moves discord.py's rules: markup characters, blanks of every kind at line starts,
list dashes, headings, quote marks, link syntax."""


@settings(max_examples=1500, deadline=None)
@example(text="\n" * 50 + "-")
@example(text="a \t\n \n\u2028-x")
@example(text=" \n-")
@example(text="-a\n- b\n\n#c\n##d\n####e")
@example(text="x\r\n-\x0b\n#")
@example(text="> cité\n>>> bloc")
@example(text="[a](b) <https://x.example/y> steam://run/1 1https://1.2.3.4/x")
@given(text=st.one_of(MARKDOWN_HEAVY, member_text))
def test_quote_escapes_as_discord_py_does(text: str) -> None:
    assert quote(text) == discord.utils.escape_markdown(inert(text))


def test_quote_escapes_list_dashes_after_any_number_of_blank_lines() -> None:
    # discord.py takes seconds on these; the expected text follows its rule `^\s*-`, which
    # escapes at the first line start of the blank run before the dash.
    blank = "\n" * 100_000
    assert quote(blank + "-") == "\\" + blank + "-"
    assert quote("a" + blank + "- b") == "a\n\\" + blank[1:] + "- b"
    assert quote("a" + blank + "b") == "a" + blank + "b"


@settings(max_examples=500, deadline=None)
@example(text="1https://1.2.3.4/x")
@example(text="://")
@example(text="_http://10.0.0.1:8080/")
@example(text="abcdefghijklmnopqrstuvwxyzhttps://1.2.3.4")
@given(text=st.one_of(MARKDOWN_HEAVY, member_text))
def test_nothing_inert_returns_can_ping_or_link(text: str) -> None:
    for shown in (inert(text), quote(text)):
        assert not LEAKS.search(shown)
        assert not LINKED_SCHEME.search(shown)
        assert "<" not in shown and ">" not in shown


def test_a_scheme_inside_a_word_is_a_link_still() -> None:
    assert inert("1https://1.2.3.4/x") == "1" + LINK_WORD
    assert inert("voir_http://10.0.0.1:8080/ ici") == "voir_" + LINK_WORD + " ici"


def test_file_names_stay_words_and_domains_do_not() -> None:
    assert inert("voir p.yaml et config.json") == "voir p.yaml et config.json"
    assert inert("main.py") == LINK_WORD  # .py is Paraguay's domain
    for link in ("p.yaml.evil.example", "evil.example/p.yaml", "exemple.fr", "x.yaml/y.com"):
        assert LINK_WORD in inert(link) and "example" not in inert(link), link
