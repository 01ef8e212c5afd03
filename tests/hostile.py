"""What hostile members type, for the property tests of the engine and of every adapter:
mention syntax of every platform, mass mentions followed by anything, masked and bare
links, markdown, invisible characters, mixed with random text."""

from __future__ import annotations

import re

from hypothesis import strategies as st

DANGEROUS = ["@everyone", "@here", "@room", "@everyone_x", "@herea", "<@123456789012345678>",
             "<@!123456789012345678>", "<@&123456789012345678>", "<#123456789012345678>",
             "[Nitro gratuit](https://evil.example/nitro)", "https://evil.example/x",
             "www.evil.example", "evil.example/path", "**gras**", "||spoiler||", "`code`",
             "\u200b", " ", "a", "!", "Genève", "jarche"]
member_text = st.lists(st.one_of(st.sampled_from(DANGEROUS), st.text(max_size=5)),
                       max_size=8).map("".join)
LEAKS = re.compile(r"<[@#][!&]?\d+>|@(?:everyone|here|room)|evil\.example|\]\(", re.IGNORECASE)
