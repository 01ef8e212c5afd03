"""Regenerate `src/sbbot/language/data/lemmas-{fr,en}.txt.gz` from simplemma's dictionaries.

Run from the checkout with the `language-data` extra installed:
    .venv/bin/pip install -e '.[language-data]' && .venv/bin/python tools/build_lemmas.py

Why a derived table instead of calling simplemma at run time: loading simplemma's French and
English dictionaries takes 0.5 to 0.8 s, more than the bot's whole start-up budget (0.5 s),
and most of their forms never occur in a chat. The table keeps the forms that wordfreq finds
in ordinary text (Zipf frequency >= MIN_ZIPF) and whose lemma differs once both are folded
(case, accents); it loads in a few milliseconds. The file holds the forms, one a line, a
blank line, then their lemmas in the same order (two splits and a zip to load).
simplemma's data is MIT-licensed, like sbbot; wordfreq only filters, none of its data is
copied.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import simplemma  # type: ignore[import-not-found]
import wordfreq  # type: ignore[import-not-found]
from simplemma.strategies.dictionaries import DefaultDictionaryFactory  # type: ignore

from sbbot.text import fold

MIN_ZIPF = 3.0
"""wordfreq's "small" lists' floor: rarer forms (Zipf >= 1 gives 104,000 forms, 18 MB in
memory instead of 4) changed no figure of the dev set."""
DATA = Path(__file__).resolve().parents[1] / "src" / "sbbot" / "language" / "data"
CORRECTIONS: dict[str, dict[str, str | None]] = {"en": {
    # simplemma's English dictionary gives these forms another word's lemma: a misreading
    # ("as" -> "ave", "via" -> "viaduct", "gone" -> "gan") or the expansion of a rarer
    # abbreviation ("pr" -> "prairie", "md" -> "mendelevium", "dr" -> "drive"). None drops
    # the form (it is then its own lemma).
    "gone": "go", "swore": "swear",
    **dict.fromkeys("""as ad via dr ft est pr md cf og arc bare fry pl dang lan nam bloke cal se
        ne cp ky ln jun re ml sq""".split()),
}, "fr": {
    # simplemma's French dictionary reads these verb forms as a rarer word's: "serve" (que je
    # serve: servir) as the feminine of "serf", "prise" and "mise" (participles of prendre
    # and mettre, and their nouns) as "priser" and "miser"; "vol" (a flight, a theft) as an
    # abbreviation of "volume".
    "serve": "servir", "serves": "servir", "prise": "prendre", "prises": "prendre",
    "mise": "mettre", "mises": "mettre", "vol": None,
}}
"""Forms whose lemma the table corrects, by language."""


def build(lang: str) -> dict[str, str]:
    dictionary = DefaultDictionaryFactory().get_dictionary(lang)
    ranked = sorted(((wordfreq.zipf_frequency(form, lang), form, lemma)
                     for form, lemma in dictionary.items()), reverse=True)
    table: dict[str, str] = {}
    for zipf, form, lemma in ranked:
        if zipf < MIN_ZIPF:
            break
        key, value = fold(form), fold(lemma)
        if key and value and " " not in key and " " not in value and key != value:
            table.setdefault(key, value)
    for form, lemma in CORRECTIONS.get(lang, {}).items():
        table.pop(form, None)
        if lemma is not None:
            table[form] = lemma
    return table


def main() -> None:
    for lang in ("fr", "en"):
        table = build(lang)
        forms = sorted(table)
        text = "\n".join(forms) + "\n\n" + "\n".join(table[form] for form in forms)
        path = DATA / f"lemmas-{lang}.txt.gz"
        path.write_bytes(gzip.compress(text.encode(), mtime=0))
        print(f"{path.name}: {len(table)} forms, simplemma {simplemma.__version__}")


if __name__ == "__main__":
    main()
