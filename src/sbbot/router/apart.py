"""Facts an entry gives apart from what the question asks them of: given in lines that do
not name the question's subject ("How much does SharePoint cost?" of an event card whose
price is the event's), or of something other than what the question names: a person other
than the people it names ("Qui a réalisé la vidéo de Paul Miller ?"), a date other than that
of the thing it names ("the next meeting after the Geneva one"). An entry that gives only
those does not answer: `given_apart` counts the kind as not given."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Collection, Sequence
from functools import lru_cache

from sbbot.entries import EVENT_HEAD, Entry, head
from sbbot.language.asking import relative_to
from sbbot.language.cue_words import Cue
from sbbot.language.giving import GIVES, days_named, folded_days, gives
from sbbot.language.wordforms import folded_question, folded_tokens, question_words
from sbbot.router.people_apart import person_apart
from sbbot.router.terms import GENERIC_STEMS, QueryTerm
from sbbot.router.verdict import subject_stems


def dated_apart(cues: Collection[Cue], terms: Sequence[QueryTerm], covered: Collection[str],
                question: str) -> tuple[Cue, ...]:
    """("date",) when a question asks when something is that it places after or before
    another thing (`relative_to`) the entry holds: "When is the next breakfast after the one
    on April 4?", "y a une autre matinée après celle du 4 avril ? c'est quand" are not
    answered by the date of the one they name."""
    if "date" not in cues:
        return ()
    named = relative_to(question)
    return ("date",) if any(term.word in named and term.stem in covered
                            for term in terms) else ()


def day_apart(question: str, text: str) -> tuple[str, ...]:
    """The days of a month the question names ("Y a-t-il aussi une matinée le 18 avril ?")
    when the entry's `text` names other days and not those: it tells of its own day, which
    says nothing of another ("la matinée du 4 mai" is not the one of 4 April). An entry
    naming no day is left to the other checks."""
    asked = folded_days(folded_question(question))
    if not asked:
        return ()
    given = days_named(text)
    return tuple(f"{day}/{month}" for month, day in sorted(asked)) if given and not (
        asked & given) else ()


EVENT_NAMING = 3
"""An event card's name, date and place lines (`entries.render_event`): what they name is the
event itself; a person or a thing named only below them (in its summary, programme or
speakers) is a part of it."""
PART_CUES: tuple[Cue, ...] = ("time", "place")


def part_apart(entry: Entry, cues: Collection[Cue], terms: Sequence[QueryTerm],
               subject: Collection[str], names: Callable[[str, Collection[str]], bool]
               ) -> tuple[Cue, ...]:
    """The asked-for kinds that an event card gives for the whole event but not for the
    part of it that the question asks about (`subject`, which the card's name, date and
    place lines do not name: a speaker): a clock time ("jane mcconnell parle à quelle
    heure ?": the card's time is when the event starts, not her slot), and a place when the
    question names nothing else ("Où est Guillaume Foltran ?" asks where he is, not where
    the event he speaks at is; "où peut-on discuter avec Guillaume Foltran ?" is answered
    by the event's place). Either is given only by a line of the card's parts (below its
    summary, `EVENT_HEAD`) that names the subject, or the next one. A date stays the
    event's: the day of the event is the day its speakers speak. `names` tells whether a
    text names any of the stems."""
    if entry.type != "event" or not subject:
        return ()
    lines = entry.text.split("\n")
    if names("\n".join(lines[:EVENT_NAMING]), subject):
        return ()
    alone = all(term.stem in subject for term in terms)
    asked = [cue for cue in PART_CUES if cue in cues and (cue == "time" or alone)]
    parts = lines[EVENT_HEAD:]
    near = [" ".join(parts[position:position + 2])
            for position, line in enumerate(parts) if names(line, subject)]
    return tuple(cue for cue in asked if not any(gives_here(line, cue) for line in near))


EVENT_OWN: tuple[Cue, ...] = ("price", "registration")
"""What an event card gives of the whole event only: what it costs to attend, how to sign up
for it. A speaker, a speaker's company or their work has neither."""


INDEFINITE = frozenset("un une des a an".split())
"""Articles after which a kind of gathering is any one, not the event of a card ("le tarif
d'une conférence de Jane McConnell", "a workshop with ..."), unless the question says
there is one (EXISTENTIAL: "is there a breakfast with ...? is it free?")."""
EXISTENTIAL = frozenset("there a".split())
"""The word before the article of "is there a ...", "y a un ...", "il y a une ...": the
gathering named is the one asked about."""


def part_priced(entry: Entry, cues: Collection[Cue], terms: Sequence[QueryTerm],
                subject: Collection[str], gatherings: Collection[str], question: str,
                names: Callable[[str, Collection[str]], bool]) -> tuple[Cue, ...]:
    """The price or registration (EVENT_OWN) asked of a subject that an event card names
    only among its parts (its summary, programme or speakers: not its name, date or place
    lines, EVENT_NAMING), when the question names neither a kind of gathering (`gatherings`;
    not any one, after an INDEFINITE article) nor a word of those lines, by which it would
    name the event itself:
    "Quel est le tarif de Jane McConnell ?", "guillaume foltran il coûte combien ?", "faut
    s'inscrire pour lire l'analyse de Jane McConnell ?" are not answered by "Tarif :
    participation gratuite", the morning's price, nor by how to sign up for the morning;
    "la matinée avec Jane McConnell est-elle gratuite ?" is, and so is "... écouter Jane
    McConnell à Genève ?" or "the morning with ..." read as "matin". Given only
    by a line naming the subject itself: each line of a card says one thing, so the price
    line below a speaker's says nothing of the speaker. `names` tells whether a text names
    any of the stems."""
    asked = [cue for cue in EVENT_OWN if cue in cues]
    if entry.type != "event" or not subject or not asked:
        return ()
    lines = entry.text.split("\n")
    words = ("", *question_words(question))
    any_one = {word for before, previous, word in zip(words, words[1:], words[2:], strict=False)
               if previous in INDEFINITE and before not in EXISTENTIAL}
    if (names("\n".join(lines[:EVENT_NAMING]), [term.stem for term in terms])
            or any(term.stem in gatherings and term.word not in any_one for term in terms)):
        return ()
    return tuple(cue for cue in asked if not any(
        names(line, subject) and gives_here(line, cue) for line in lines))


def acted_apart(entry: Entry, cues: Collection[Cue], terms: Sequence[QueryTerm],
                subject: Collection[str], covered: Collection[str],
                gatherings: Collection[str], names: Callable[[str, Collection[str]], bool]
                ) -> tuple[Cue, ...]:
    """("date",) when a question asks when a part of an event did something (`subject`, which
    the card's name, date and place lines do not name: a speaker, a speaker's company) and
    the event card lacks a word of what was done: "quand Guillaume Foltran a-t-il rejoint
    Bouygues Telecom ?", "when did Bouygues Telecom start using SharePoint?" are not answered
    by the date of the morning where he speaks. The card's date is the day of its parts when
    the question asks of the event (it names a kind of gathering, `gatherings`: "quand
    peut-on rencontrer Jane McConnell ?") or of nothing the card lacks ("quand Jane
    McConnell intervient-elle ?"); and a line naming the subject (or the next) that gives a
    date with some other word of the question gives it ("un réseau interne en place depuis
    2010" answers "Bouygues Telecom a un réseau interne depuis quand ?"). `covered` holds
    the question's terms the card contains; `names` tells whether a text names any of
    some stems."""
    if "date" not in cues or entry.type != "event" or not subject:
        return ()
    lines = entry.text.split("\n")
    if (names("\n".join(lines[:EVENT_NAMING]), subject)
            or any(term.stem in gatherings for term in terms)):
        return ()
    others = [term for term in terms if term.stem not in subject
              and term.stem not in GENERIC_STEMS and len(term.word) > 2]
    if all(term.stem in covered for term in others):
        return ()
    said = {term.stem for term in others if term.stem in covered}
    for position, line in enumerate(lines):
        near = " ".join(lines[position:position + 2])
        if names(line, subject) and gives_here(near, "date") and names(near, said):
            return ()
    return ("date",)


def parts_apart(text: str, lines: Sequence[tuple[frozenset[str], bool]],
                cues: Collection[Cue], terms: Sequence[QueryTerm], covered: Collection[str],
                held: Collection[str]) -> tuple[Cue, ...]:
    """The facts of a whole event (SUBJECT_CUES but a subject's own, OWN_CUES: its price,
    how many places) that an event card gives, asked of something the card names only among
    its parts (programme, speakers) and not where it gives them: "is the netjmc.com report
    free?" is not answered by "Tarif : participation gratuite", which is the morning's
    price, nor "what budget did Bouygues Telecom give its internal network" by it. The
    parts are the question's words (`covered`: those the card holds) that the card's lines
    (`lines`, each as its terms) hold below what it is about as a whole (`entries.EVENT_HEAD`)
    and not in it, and no word of a gathering or of being planned (`held`); each must be in a
    line of `text` giving the fact, or the line after it ("participer ?" meets "participation
    gratuite"). Unlike `given_apart`, for any word the card holds, not names alone: a
    report, a network is no name."""
    wanted = [cue for cue in sorted(cues) if cue in SUBJECT_CUES and cue not in OWN_CUES]
    if not lines or not wanted:
        return ()
    top = frozenset().union(*(line for line, _ in lines[:EVENT_HEAD]))
    below = frozenset().union(*(line for line, _ in lines[EVENT_HEAD:]))
    parts = {term.stem for term in terms if term.stem in covered and term.stem in below
             and term.stem not in top and term.stem not in held
             and term.stem not in GENERIC_STEMS}
    if not parts:
        return ()
    texts = text.split("\n")
    return tuple(cue for cue in wanted if not all(
        any(stem in line and gives_here(" ".join(texts[position:position + 2]), cue)
            for position, (line, _) in enumerate(lines)) for stem in parts))


COUNTED_WITHIN = 3
"""How many words after a number may name what it counts ("10 bonnes raisons", "500
salariés environ")."""
HOW_MANY = ("how", "many")
PART_OF = frozenset("of the these those your our their his her its my".split())
"""Words between "how many" and the whole a part is asked of ("how many of the 10
reasons"): the number there is the whole's, which the question already knows."""


def counted_apart(text: str, cues: Collection[Cue], terms: Sequence[QueryTerm],
                  tokens: Sequence[str], terms_of: Callable[[str], Collection[str]]
                  ) -> tuple[Cue, ...]:
    """("count",) when a question asks how many of a thing ("combien d'entreprises", "how
    many employees") and no number of the entry's `text` counts it: a number counts the
    noun that follows it, so "10 bonnes raisons" says how many reasons, not how many
    companies McKinsey asked ("mckinsey a interrogé combien d'entreprises pour son étude ?").
    The thing counted is the word the question asks for after "combien de" (`named`
    "asked") or the word after "how many" (`tokens`, the question's folded words), or after
    "how many of the" for a part of a whole (`PART_OF`); the number of that whole ("how many
    of the 10 reasons are about customers?") is the question's own, no answer: "10 bonnes
    raisons" does not say how many are about customers. `terms_of` gives a text's index
    terms. A question naming no such thing ("c'est combien ?") is left to the count's other
    checks."""
    if "count" not in cues:
        return ()
    after_many: set[str] = set()
    whole: set[str] = set()  # the number of the whole a part is asked of: "of the 10 reasons"
    for position in range(len(tokens) - 2):
        if (tokens[position], tokens[position + 1]) == HOW_MANY:
            rest = list(tokens[position + 2:])
            if rest[0] == "of":
                while rest and (rest[0] in PART_OF or rest[0].isdigit()):
                    if rest[0].isdigit():
                        whole.add(rest[0])
                    rest.pop(0)
            after_many.update(rest[:1])
    counted = {term.stem for term in terms if term.named == "asked" or term.word in after_many}
    if not counted:
        return ()
    for found in GIVES["count"].finditer(text):
        if found.group() in whole:
            continue
        following = " ".join(text[found.end():].split()[:COUNTED_WITHIN])
        if counted.intersection(terms_of(following)):
            return ()
    return ("count",)


SUBJECT_CUES = frozenset({"price", "age", "count", "duration", "contact", "award", "present",
                          "education", "language", "birth", "located", "workplace"})
"""Facts asked about a subject that a passage gives for that subject only where it names it:
"How much does SharePoint cost?" is not answered by the event card's "Tarif : participation
gratuite", several lines from the line naming SharePoint."""
OWN_CUES = frozenset({"birth", "located", "workplace"})
"""Facts of the subject itself (where it is based or lives, where or when it was born), never
of an event that names it as a whole: "Where is NetJMC based?" is not answered by the place of
the event whose speaker's analysis is on netjmc.com."""
EVENT_PART_CUES = frozenset({"time", "place", "date", "price", "registration"})
"""What an event card gives of the whole event, which may not be what a part of it did."""
CLAUSE = re.compile(r"[.!?;\n]+")
PARAGRAPH = re.compile(r"\n\s*\n")
"""A new paragraph is a new topic: no pronoun in it stands for a name of the last one."""


def given_apart(entry: Entry, cues: Collection[Cue], terms: Sequence[QueryTerm],
                covered: Collection[str], names: Callable[[], Collection[str]],
                question: str, gatherings: Collection[str] = ()) -> tuple[Cue, ...]:
    """The asked-for kinds (of SUBJECT_CUES) that the entry gives, but neither in a sentence
    or line naming the question's subject (`subject_stems`, its names alone: a word next to
    one may be the verb, "combien coûte Kalixo"; `names` gives the entry's) nor in the next
    one of its paragraph (a pronoun may stand for it: "Kalixo est sorti. Il coûte 10 €."),
    unless what the entry is about as a whole (`entries.head`) names it and the fact is not
    one of the subject's own (OWN_CUES). When the head names only some of the subject, the
    fact must be given where the others are named: "Combien coûte SharePoint chez
    Bouygues ?" is not answered by the price of an event whose first lines name Bouygues
    Telecom and whose programme names SharePoint. A person asked for must be another than
    the people the question names (`person_apart`); an event card's time, or its place,
    is not a speaker's (`part_apart`), nor its date the day a speaker did something else
    (`acted_apart`: `gatherings` are the terms of words for a kind of gathering)."""
    missing = person_apart(entry.text, cues, terms, question) + dated_apart(
        cues, terms, covered, question)
    wanted = [cue for cue in cues if cue in SUBJECT_CUES]
    if not wanted and not (entry.type == "event" and not EVENT_PART_CUES.isdisjoint(cues)):
        return missing
    subject = subject_stems(terms, covered, names(), question, extend=False)
    if subject:
        missing += part_apart(entry, cues, terms, subject, names_any) + acted_apart(
            entry, cues, terms, subject, covered, gatherings, names_any) + part_priced(
            entry, cues, terms, subject, gatherings, question, names_any)
        wanted = [cue for cue in wanted if cue not in missing]
    if not subject:
        return missing
    headed = {stem for stem in subject if names_any(head(entry), (stem,))}
    if headed:
        if headed == subject:
            wanted = [cue for cue in wanted if cue in OWN_CUES]
        else:
            subject -= headed
    near = [" ".join(clauses[position:position + 2])
            for clauses in paragraph_clauses(entry.text)
            for position, clause in enumerate(clauses) if names_any(clause, subject)]
    return missing + tuple(cue for cue in wanted
                           if not any(gives_here(clause, cue) for clause in near))


def unnamed_apart(cues: Collection[Cue], terms: Sequence[QueryTerm], covered: Collection[str],
                  known: Callable[[str], bool]) -> tuple[Cue, ...]:
    """The facts asked of a subject (SUBJECT_CUES) when the question names someone or
    something the knowledge names (`known`) but this entry never does (`covered`): its
    facts are not theirs."""
    asked = sorted(cue for cue in cues if cue in SUBJECT_CUES)
    if asked and any(term.named == "name" and known(term.stem) and term.stem not in covered
                     for term in terms):
        return tuple(asked)
    return ()


def names_any(text: str, stems: Collection[str]) -> bool:
    """Whether a word of the text starts with one of the stems (a stem is a lemma's start).

    In sorted order, the words starting with a stem follow one another from the first word
    not before it: one binary search a stem, not a pass over every word of every clause of
    the best entry (an event card's 20 clauses, half a millisecond a question)."""
    words = clause_words(text)
    for stem in stems:
        position = bisect_left(words, stem)
        if position < len(words) and words[position].startswith(stem):
            return True
    return False


@lru_cache(maxsize=1 << 14)
def gives_here(text: str, cue: Cue) -> bool:
    """`gives` of a line or clause of an entry (or two in a row), remembered: asked a fact of
    a subject, the verdict reads the best entries' lines and clauses where the subject is
    named with the cue's pattern (up to 60 µs a clause), the same few entries for every
    such question."""
    return gives(text, cue)


@lru_cache(maxsize=1 << 12)
def paragraph_clauses(text: str) -> tuple[tuple[str, ...], ...]:
    """An entry's paragraphs (PARAGRAPH), each as its clauses (CLAUSE). Remembered, as
    `clause_words` is (the same clause strings then find their words without hashing their
    text again): the best entry's every clause is looked at for the question's subject."""
    return tuple(tuple(CLAUSE.split(paragraph)) for paragraph in PARAGRAPH.split(text))


@lru_cache(maxsize=1 << 14)
def clause_words(text: str) -> tuple[str, ...]:
    """The folded words of a line or sentence of an entry, sorted, once each. Remembered:
    asked for a subject's price or number, the verdict reads every line of the best entries
    (an event card has a dozen), a third of such a question's time at 10,000 entries."""
    return tuple(sorted({token for token, _ in folded_tokens(text)}))
