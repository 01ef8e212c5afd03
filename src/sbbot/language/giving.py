"""What a passage gives: a date, a place, a price, a person ...

A question that asks for one of these (`cues.question_cues`) is answered only by a passage
that gives it; the patterns here read that from any French or English text, not from
particular posts.
"""

from __future__ import annotations

import re

from sbbot.calendar_names import (
    ENGLISH_MONTHS,
    ENGLISH_WEEKDAYS,
    FRENCH_MONTHS,
    FRENCH_WEEKDAYS,
    MONTH_NUMBERS,
)
from sbbot.language.asking import LOCATING, ON_A_PLACE, ROLE_NOUNS, WORKS_AT
from sbbot.language.cue_words import Cue
from sbbot.language.word_regex import any_word
from sbbot.text import STOPWORDS, fold

CALENDAR_WORDS = any_word((*FRENCH_MONTHS, *ENGLISH_MONTHS, *FRENCH_WEEKDAYS, *ENGLISH_WEEKDAYS))
ON_A_MAP = r"^Où :|\b(?:à|au|en|in|at|near)\s+(?:l[ae’']\s*)?[A-ZÉ][a-zé]+"
"""A place named in a text ("Où : Genève", "à Genève", "in London")."""
TITLE_ARTICLES = r"(?:Le|La|Les|Un|Une|Des|Du|De|Au|Aux|The|An)"
"""Articles, capitalised as the first word of a title or a name of a thing."""
GIVES: dict[Cue, re.Pattern[str]] = {
    "date": re.compile(
        rf"\b{CALENDAR_WORDS}\b|\b\d{{1,2}}[:h]\d{{2}}\b"
        r"|\b(?:1[89]|20)\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|^Quand :"
        r"|\bann[ée]es\s+(?:19|20)?\d0\b|\b(?:19|20)?\d0[’']?s\b",  # decades: "les années 90"
        re.IGNORECASE | re.M),
    "place": re.compile(ON_A_MAP + r"|\b[\w-]+\.(?:com|org|net|fr|ch|eu|io)\b|https?://", re.M),
    # Where words were said or written: a broadcast, a text, a talk, or a web address.
    "source": re.compile(r"\b(?:émissions?|interviews?|entretiens?|livres?|ouvrages?|articles?|"
                         r"billets?|blogs?|vidéos?|videos?|conférences?|tribunes?|podcasts?|"
                         r"radio|télévision|journal|magazines?|chroniques?|rapports?|books?|"
                         r"shows?|broadcasts?|papers?|reports?)\b"
                         r"|\b[\w-]+\.(?:com|org|net|fr|ch|eu|io)\b|https?://", re.IGNORECASE),
    "located": re.compile(LOCATING + r"[^.;\n]{0,40}?" + ON_A_PLACE, re.IGNORECASE),
    "workplace": re.compile(WORKS_AT, re.IGNORECASE),
    # What someone is paid ("un salaire de 5000 €", "earns $90,000 a year").
    "salary": re.compile(r"\b(?:salaires?|rémunérations?|rémunéré\w*|salary|salaries|wages?|"
                         r"earns?|earning|gagne\w*\s+\d|payée?s?\s+\d|paid\s+\d)",
                         re.IGNORECASE),
    "price": re.compile(r"\b(?:gratuite?s?|free|payante?s?|prix|tarif|price|"
                        r"euros?|dollars?|CHF)\b|[€$£]", re.IGNORECASE),
    # Two capitalised words, a first name and a name; not an article capitalised at the
    # start of a title ("Le Cercle Les Echos", "The Human-Centered ..."); or people named as
    # a group, by what they are to the others: "who pushes companies to change?" is
    # answered by "le client", "qui organise la surveillance ?" by "les élites", "compared
    # with who?" by "the majority" (alone: "la majorité des cas" is no one).
    "person": re.compile(
        rf"(?<![’'])(?<!\bl[ae]\s)(?<!\bles\s)(?<!\bthe\s)\b(?!{TITLE_ARTICLES}\s)"
        r"[A-ZÉ][a-zéèëï]+(?:\s+[A-Z]\.)?"
        rf"\s+(?!{TITLE_ARTICLES}\b)[A-Z][a-z]*[A-Z]?[a-zéèëï]+|\b(?:personnes?|gens|people|membres?|members?|"
        r"auteurs?|authors?|intervenants?|speakers?|clients?|customers?|salariés?|employés?|"
        r"employees?|dirigeants?|leaders?|élites?|elites?|managers?|utilisateurs?|users?|"
        r"citoyens?|citizens?|majority(?!\s+of)|majorité(?!\s+d))\b"),
    # Not any "réserv...": "réservé" is also restricted ("open vs réservé").
    "registration": re.compile(r"\b(?:inscri\w*|formulaires?|register\w*|registration|"
                               r"sign(?:ing)?[\s-]?up|r[ée]serv(?:er|ez|ations?)|"
                               r"billetterie)\b", re.IGNORECASE),
    "age": re.compile(r"\b\d{1,3}\s*(?:ans|years?\s+old)\b|\bâgée?\s+de\b", re.IGNORECASE),
    "duration": re.compile(r"\b\d+\s*(?:min|minutes?|h|heures?|hours?|secondes?|seconds?|"
                           r"jours?|days?|semaines?|weeks?|mois|months?|ans|années|years?)\b"
                           r"|\b(?:depuis|since)\s+(?:\d|l[’']an)|\bdurée\b|\bduration\b",
                           re.IGNORECASE),
    "end": re.compile(r"\b\d{1,2}[:h]\d{2}\s*(?:-|–|à|to|until|jusqu)\s*\d"
                      r"|\b(?:jusqu[’']?(?:à|au)?|until|till|fin|ends?)\s+(?:à\s+)?\d{1,2}[:h]?",
                      re.IGNORECASE),
    "birth": re.compile(r"\bn[ée]e?s?\s+(?:le|en|à|au|dans)\b|\bborn\b|\bnaissance\b"
                        r"|\b(?:grandi|grew\s+up|raised)\s+(?:à|au|en|in)\b"
                        r"|\b(?:fond[ée]e?s?|founded|invent[ée]e?s?|invented|cr[ée]{2}e?s?|created)"
                        r"\s+(?:le|en|à|au|in|by|par)\b",
                        re.IGNORECASE),
    # An address is found from its start only: tried inside every word, it cost tens of µs.
    "contact": re.compile(r"\+?\d[\d .-]{7,}\d|(?<![\w.-])[\w.-]+@[\w-]+\.\w+|\bcontact|"
                          r"\bt[ée]l[ée]phone|\bphone\b|(?<![\w@])@\w{2,}|\b(?:twitter|linkedin|x)\.com/",
                          re.IGNORECASE),
    "award": re.compile(r"\b(?:prix\s+(?:[A-Z]|de\s+l|du\s)|awards?|prizes?|récompens\w*|"
                        r"lauréat\w*|distingu[ée]\w*|winner|won)\b"),
    "education": re.compile(r"\b(?:diplôm\w*|universit\w*|degree|graduat\w*|studied|"
                            r"études\s+(?:de|d['’]|en|à)|école\s+(?:de|d['’]|normale|"
                            r"polytechnique)|master|doctorat|phd|mba)\b", re.IGNORECASE),
    # A number counts what follows it ("10 bonnes raisons", "500 employees"), unless it is a
    # year, a day of the month or a time; see `counts` for the numbers that label.
    # A share: a number with a percent sign or its word ("70 %", "trois pour cent").
    "percent": re.compile(r"\d\s*%|\b(?:pour\s*cent|pourcentages?|percent|percentages?)\b",
                          re.IGNORECASE),
    "weather": re.compile(r"\b(?:météo|weather|pluie|pluvieux|ensoleillé|soleil|neige|rain|"
                          r"sunny|degrés|degrees)\b|°", re.IGNORECASE),
    # A text that recommends ("je vous recommande vivement la lecture", "je vous propose
    # cette vidéo", "I suggest"), not one that names advice ("un rôle de conseil"), advisers,
    # or what someone offers ("l'entreprise propose des outils").
    "advice": re.compile(r"\b(?:conseill(?:e|es|ons|ez|ent)|recommand(?:e|es|ons|ez|ent|é|ée|és"
                         r"|ées|ation|ations)|sugg[eè]r(?:e|es|ons|ez|ent)|recommend\w*|"
                         r"suggest\w*|(?:je|nous)\s+(?:vous\s+|te\s+)?propos\w*)\b",
                         re.IGNORECASE),
    # A judgment: the best, the most, better than, or a recommendation.
    "best": re.compile(r"\b(?:meilleure?s?|mieux|best|better|most|(?:le|la|les)\s+plus|"
                       r"plus\s+\w+\s+que|recommand\w*|conseill\w*|préf[éè]r\w*|"
                       r"prefer\w*)\b", re.IGNORECASE),
    # Recency: what is the latest, recent or new ("son dernier livre", "vient de paraître").
    "latest": re.compile(r"\b(?:derni[eè]re?s?|r[ée]cente?s?|r[ée]cemment|nouve(?:au|aux|l|lle|"
                         r"lles)|vient\s+de|viennent\s+de|latest|newest|new|recent(?:ly)?|"
                         r"just\s+(?:published|released|out))\b", re.IGNORECASE),
    "role": re.compile(rf"\b{any_word(ROLE_NOUNS.split())}\b", re.IGNORECASE),
    # Who pays: a sponsor, or what someone pays for, offers or funds ("offert par", "aux frais
    # de", "paid for by"); not the speakers or the price.
    "payer": re.compile(r"\b(?:sponsor\w*|parrain\w*|mécène\w*|mécénat|aux\s+frais\s+d|"
                        r"(?:financ\w*|offert\w*|pay[ée]e?s?|pris\w*\s+en\s+charge)\s+par|"
                        r"(?:paid|funded|covered|financed)\s+(?:for\s+)?by|courtesy\s+of)\b",
                        re.IGNORECASE),
    # How widespread: a quantifier or a frequency ("rares sont les réseaux qui ...", "le
    # partage est souvent le fait des mêmes personnes", "la question est récurrente").
    "share": re.compile(r"\b(?:rares?|rarement|souvent|plupart|majorité|minorité|"
                        r"nombreu(?:x|se|ses)|fréquent\w*|récurren\w*|peu\s+(?:de|d[’'])|"
                        r"beaucoup\s+(?:de|d[’'])|"
                        r"most|many|few|rarely|often|seldom|frequent\w*|majority|minority)\b",
                        re.IGNORECASE),
    "future": re.compile(r"\b(?:prochaine?s?|next|à\s+venir|upcoming|bientôt|soon)\b",
                         re.IGNORECASE),
    # That something is settled, or when it will be ("sera précisé dans les prochains jours",
    # "to be confirmed"); an event card's programme is the one its organisers announced.
    "settled": re.compile(r"^Programme :|\b(?:précisée?s?|préciser|confirm\w*|définiti\w*|"
                          r"finali[sz]\w*|arrêtée?s?|décidée?s?|fixée?s?|bouclée?s?|à\s+venir|"
                          r"prochains\s+jours|tbd|to\s+be\s+(?:announced|decided)|"
                          r"decided|settled)\b", re.IGNORECASE | re.M),
    # That something is still so, or no longer is.
    "still": re.compile(r"\b(?:toujours|encore|still|no\s+longer|anymore|désormais)\b"
                        r"|\bn(?:e\s+|['’])(?:\w+\s+){1,2}plus\b", re.IGNORECASE),
    "present": re.compile(r"\b(?:actuel\w*|aujourd[’']hui|désormais|maintenant|de\s+nos\s+jours|"
                          r"à\s+présent|currently|today|nowadays|now)\b", re.IGNORECASE),
    "language": re.compile(r"\b(?:en|in)\s+(?:français|anglais|allemand|espagnol|italien|"
                           r"french|english|german|spanish|italian)\b|\blangues?\b|"
                           r"\blanguages?\b|\bsous-titr|\bsubtit|\btradu(?:it|ction)|\btranslat"
                           r"|\bfrancophone|\banglophone", re.IGNORECASE),
    "time": re.compile(r"\b\d{1,2}[:h]\d{2}\b|\b\d{1,2}\s*(?:h|heures?|am|pm|a\.m\.|p\.m\.)(?!\w)",
                       re.IGNORECASE),
    "count": re.compile(r"(?<![\d/:+])\b(?!(?:1[89]|20)\d\d\b)\d+\b(?![:/h]\d)"
                        rf"(?!\s*(?:er\s+)?{any_word((*FRENCH_MONTHS, *ENGLISH_MONTHS))}\b)"
                        r"(?=\s+[^\W\d_]|\s*%)", re.IGNORECASE),
}


def gives(text: str, cue: Cue) -> bool:
    """Whether a passage's text holds the kind of answer the cue asks for."""
    if cue == "count":
        return any(counts(text[:found.start()]) for found in GIVES[cue].finditer(text))
    return GIVES[cue].search(text) is not None


LAST_WORD = re.compile(r"([^\W\d_]+)\s+$")


def counts(before: str) -> bool:
    """Whether a number after the text `before` counts: after a noun it labels ("article
    20", "Raison 9", "web 2"); after a function word ("de", "plus de", "about") it counts."""
    last = LAST_WORD.search(before)
    return last is None or fold(last.group(1)) in STOPWORDS or fold(last.group(1)) in COUNT_WORDS


COUNT_WORDS = frozenset("environ pres presque moins ans around nearly almost".split())
"""Words before a number that count with it ("environ 300", "nearly 500")."""


DIGIT = re.compile(r"[0-9]")
MONTH = "|".join(MONTH_NUMBERS)
DAY = r"(1er|[0-3]?\d)(?:st|nd|rd|th|er)?"
DAY_OF_MONTH = re.compile(rf"\b{DAY}\s+(?:of\s+)?({MONTH})\b|\b({MONTH})\s+(?:the\s+)?{DAY}\b")
"""A day of a month as French and English write it ("le 4 avril", "1er mai", "April 4th",
"the 4th of April"), in a folded text."""


def days_named(text: str) -> frozenset[tuple[int, int]]:
    """The days of a month a text names, as (month, day): "vendredi 4 avril 2014" and "on
    april 4" name the same one."""
    return folded_days(fold(text))


def folded_days(folded: str) -> frozenset[tuple[int, int]]:
    """`days_named` of a folded text (a question's is folded already: `folded_question`).
    A day is a number: a text without a digit (most questions) names none, and needs no
    search of every month name at every word (3.4-6.2 -> 0.9-1.6 us a question)."""
    if DIGIT.search(folded) is None:
        return frozenset()
    days = set()
    for found in DAY_OF_MONTH.finditer(folded):
        day, month = (found[1], found[2]) if found[1] else (found[4], found[3])
        number = 1 if day == "1er" else int(day)
        if 1 <= number <= 31:
            days.add((MONTH_NUMBERS[month], number))
    return frozenset(days)


BROADCAST = re.compile(r"\b(?:émissions?|interviews?|entretiens?|radios?|télévisions?|télé|"
                       r"podcasts?|chaînes?|broadcasts?|shows?)\b", re.IGNORECASE)
"""A passage naming a broadcast: the programme someone spoke on ("dans une émission de
France Info"). A web address, a book or a blog is a source too, but no broadcast."""


def names_broadcast(text: str) -> bool:
    """Whether a passage names a broadcast (`BROADCAST`): only that answers "sur quelle
    radio ?" ("quelle radio écoute Jane McConnell ?" is not answered by the address where
    her note can be downloaded)."""
    return BROADCAST.search(text) is not None


WORK_NOUNS = frozenset("livre livres bouquin bouquins ouvrage ouvrages book books".split())
"""Nouns asking for a written work ("le livre de Gilles Babinet", "what book did he
write?"), which a passage gives by its title rather than by the noun (`titles_work`)."""
TITLED_WORK = re.compile(
    r"\b(?:auteure?|author|co-?auteure?|co-?author)\s+(?:de|du|des|d['’]|of)\s*[«»\"“”]"
    r"|\b[ÉE]ditions\s+[A-ZÉ]|\bpublished\s+by\s+[A-Z]", re.IGNORECASE)
"""A passage naming a written work: its author before a quoted title ("auteur de « L'Ère
numérique »", "author of \"...\"") or its publisher ("Éditions Le Passeur")."""


OTHER_WORK = re.compile(r"\b(?:autres?|other|another|nouveaux?|nouvelles?|new|next|prochain)"
                        r"\s+(?:[^\W\d_]+\s+)?(?:livres?|bouquins?|ouvrages?|books?)\b",
                        re.IGNORECASE)
"""A question asking for another work than one a passage names ("a-t-il écrit d'autres
livres ?", "his next book"): the title named is not what is asked."""


def titles_work(text: str) -> bool:
    """Whether a passage names a written work (`TITLED_WORK`): it answers "what book did he
    write?" though it never writes "livre". A reading of the passage alone, remembered per
    entry (`router/readings.py`): the pattern over a whole passage cost 20 µs a question."""
    return TITLED_WORK.search(text) is not None


PUBLISHING_WORDS = frozenset("""publisher publishers editeur editeurs edite editee publie
publiee paru parue published publish released""".split())
"""Folded words asking who published a work, or that it was published ("qui est l'éditeur de
son livre ?", "which publisher released his book?"), which a passage naming the publisher
(`NAMED_PUBLISHER`) answers though it writes none of them."""
NAMED_PUBLISHER = re.compile(r"\b[ÉE]ditions\s+[A-ZÉ]|\bpublished\s+by\s+[A-Z]"
                             r"|\b(?:publiée?s?|éditée?s?)\s+(?:par|chez)\s+[A-ZÉ]")
"""A work's publisher named: "(Éditions Le Passeur)", "published by Penguin", "publié chez
Gallimard"."""


def names_publisher(text: str) -> bool:
    """Whether a passage names a work's publisher (`NAMED_PUBLISHER`): it gives the
    publisher asked, and that the work was published."""
    return NAMED_PUBLISHER.search(text) is not None


def asks_other_work(question: str) -> bool:
    """Whether a question asks for another work than one a passage names (`OTHER_WORK`):
    the title a passage gives is then not what is asked."""
    return OTHER_WORK.search(question) is not None


TITLE_WORDS = frozenset("title titles titre titres intitule intitulee intitules".split())
"""Folded words asking for a title ("what is the title of the Paul Miller talk?", "le titre
de la vidéo ?"), which a passage gives by quoting one (`TITLE`) rather than by the word."""
TITLE = re.compile(r"\b(?:intitulée?s?|entitled|titled)\b"
                   r"|[«“\"]\s*[A-ZÉ][^«»“”\"\n]*?(?:\s+[^\s«»“”\"]+){3,}\s*[«»”\"]")
"""A title given: after "intitulé", "entitled", or quoted, capitalised and of four words or
more ("« The Human-Centered Digital Workplace – creating digital worlds worth working in »");
not a quoted term ("« social business »", "« Digital Workplace »")."""


def gives_title(text: str) -> bool:
    """Whether a passage gives a title (`TITLE`): it holds the "title" a question asks for,
    though it never writes the word."""
    return TITLE.search(text) is not None
