"""The lemma table of folded French and English words, derived from simplemma.

`tools/build_lemmas.py` writes the table; see there why it is not simplemma itself (its
dictionaries take longer to load than the bot's whole start-up budget). The table alone, below
both `frequency` (which words inflect in a language) and `lemmas` (a word's lemma, which
asks the frequency lists whether an unknown form is a rare verb form or a word of its own).
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib.resources import files
from typing import Literal

Lang = Literal["fr", "en"]


@cache
def table(lang: Lang) -> dict[str, str]:
    """Folded form -> folded lemma, for the forms whose lemma differs."""
    raw = files("sbbot.language").joinpath("data", f"lemmas-{lang}.txt.gz").read_bytes()
    forms, lemmas = gzip.decompress(raw).decode().split("\n\n")
    return dict(zip(forms.split("\n"), lemmas.split("\n"), strict=True))
