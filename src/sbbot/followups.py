"""Follow-up questions: "c'est où ?" just after "Quand a lieu la matinée à Genève ?".

Members ask about one subject in several short messages, the later ones naming it only by
"it", "ça" or nothing at all ("is it free?", "et le prix ?"). Alone, such a question names
nothing the posts hold, and the bot could only say it does not know. So a question that is
not answered on its own and reads as a continuation (it starts with "et" / "and", refers
back, or asks for a kind of fact but names nothing the knowledge holds) is read again with
the rarer words of the same member's last answered question in that channel, if it is
recent. The combined question goes through the same router and verdict: unless it is
answered with confidence, the reply to the question alone stands.

When the bot is unsure, it offers numbered topics; the member's next message, "2" or "le
deuxième", picks one. Nothing here is stored: a restart forgets, and the memory is bounded.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sbbot.language.chatspeak import expand
from sbbot.language.cues import question_cues
from sbbot.language.frequency import general_zipf
from sbbot.language.present import asks_present
from sbbot.router import Router, RouteResult
from sbbot.text import fold

FOLLOW_UP_WINDOW = timedelta(minutes=10)
"""How long an answered question stays the subject of the member's next ones: a chat
conversation, not a session (a question an hour later starts afresh)."""
REMEMBERED = 10_000
"""Members remembered at most (the least recently answered are forgotten first)."""
CONTINUATIONS = frozenset({"et", "and", "also", "aussi"})
"""First words that continue the last question ("et le prix ?", "and the speakers?")."""
ANAPHORS = frozenset({"it", "its", "there", "they", "them", "he", "she", "him", "her", "his",
                      "ca", "cela", "y", "lui", "leur"})
"""Words that refer back to what was just asked about ("is it free?", "ça dure combien ?",
"on y va comment ?"), folded. Not "il" or "elle": French questions invert them after a
subject they name ("Fabrice Epelboin est-il marié ?")."""

TOPICAL_ZIPF = 5.0
"""Words at least this frequent in French or English ("lieu", "faire", "time") say how a
question is put, not what it is about: they are not carried into a follow-up."""

NOW_CUES = frozenset({"weather"})
"""Kinds of fact always asked about the member's own here and now ("quel temps fait-il ?")."""

CHOICE = re.compile(r"#?([1-9])(?:er|re|e|eme|nd|rd|st|th)?")
ORDINALS = {"premier": 1, "premiere": 1, "first": 1, "deuxieme": 2, "second": 2,
            "seconde": 2, "troisieme": 3, "third": 3}
PUNCTUATION = re.compile(r"[^\w\s#]")
CHOICE_FILLERS = frozenset("""le la l the one un sujet topic n no numero number svp stp please
""".split())
"""Words around a choice that do not change it ("le 2 svp", "number 2", "n°2")."""

Speaker = tuple[str, str, str]
"""Platform, channel and author: a follow-up continues one member's conversation in one
channel, never another member's."""


@dataclass(frozen=True)
class Turn:
    """Where a member's conversation stands: what it is about, and the topics just offered."""

    subject: str
    """The last answered question that named its own subject. Only its rarer words the
    knowledge holds are carried into a follow-up (`topic`), read when one comes: most
    questions are never followed up, and reading them twice would double their cost."""
    offered: tuple[str, ...]
    """The entries offered when the bot was last unsure, in the order shown."""
    at: datetime


class FollowUps:
    """Each member's conversation, per channel, for the window."""

    def __init__(self, window: timedelta = FOLLOW_UP_WINDOW, size: int = REMEMBERED) -> None:
        self.window, self.size = window, size
        self._turns: OrderedDict[Speaker, Turn] = OrderedDict()

    def route(self, router: Router, speaker: Speaker, question: str,
              now: datetime) -> RouteResult:
        """The question routed alone, or with the member's subject when it continues it.

        An answered question that names its own subject gives the subject of the next ones;
        one that continues the subject ("is it free?", answered alone or not) keeps it, so
        that "c'est quand ?" after "et le prix ?" still means the same event. An unsure
        reply's topics are remembered for `offers`."""
        result = router.route(question)
        turn = self._current(speaker, now)
        subject = turn.subject if turn is not None else ""
        if result.verdict == "answer":
            kept = subject if subject and refers_back(question) else question
            self._remember(speaker, Turn(kept, (), now))
            return result
        if subject and continues(router, question):
            joined = router.route(f"{question} {topic(router, subject)}")
            if joined.verdict == "answer":
                self._remember(speaker, Turn(subject, (), now))
                return joined
        if result.verdict == "unsure" and result.best is not None:
            offered = tuple(match.entry.id for match in (result.best, *result.runners_up))
            self._remember(speaker, Turn(subject, offered, now))
        return result

    def remember(self, speaker: Speaker, subject: str, now: datetime) -> None:
        """Make `subject` what the member's next questions are about, as an answered
        question would (the event a command just showed them)."""
        self._remember(speaker, Turn(subject, (), now))

    def offers(self, speaker: Speaker, now: datetime) -> tuple[str, ...]:
        """The entries offered to the member when the bot was last unsure, if that was
        their last question and it is recent, in the order shown."""
        turn = self._current(speaker, now)
        return turn.offered if turn is not None else ()

    def pick(self, speaker: Speaker, text: str,
             now: datetime) -> tuple[tuple[str, ...], int] | None:
        """The topics on offer and the number the message picks among them ("2", "le
        deuxième"; possibly out of range), or None when nothing is on offer or the message is
        no number. The one test of a choice, for the cooldown and for the reply."""
        offered = self.offers(speaker, now)
        if not offered:
            return None
        number = choice_number(text)
        return None if number is None else (offered, number)

    def _current(self, speaker: Speaker, now: datetime) -> Turn | None:
        turn = self._turns.get(speaker)
        return turn if turn is not None and now - turn.at <= self.window else None

    def _remember(self, speaker: Speaker, turn: Turn) -> None:
        self._turns[speaker] = turn
        self._turns.move_to_end(speaker)
        while len(self._turns) > self.size:
            self._turns.popitem(last=False)


def choice_number(text: str) -> int | None:
    """The number a message made only of a choice gives ("2", "le 2", "#3", "le
    deuxième", "the first one"), else None."""
    words = [word for word in PUNCTUATION.sub(" ", fold(text)).split()
             if word not in CHOICE_FILLERS]
    if len(words) == 1 and words[0] in ORDINALS:
        return ORDINALS[words[0]]
    match = CHOICE.fullmatch(" ".join(words))
    return int(match[1]) if match else None


def topic(router: Router, question: str) -> str:
    """The words of the question that name something the knowledge holds and are rarer
    than everyday words ("matinée", "Genève", not the "lieu" of "a lieu"), without its
    question words, so that a follow-up asks for its own kind of fact ("Quand a lieu la
    matinée à Genève ?" then "Is there wifi?" is not a question about a date)."""
    judged = router.judge(question, 1)
    if judged is None:
        return ""
    held = judged[0].weights
    return " ".join(term.word for term in router.query_terms(question)
                    if term.stem in held and general_zipf(term.word) < TOPICAL_ZIPF)


def refers_back(question: str) -> bool:
    """Whether the question starts with "et" / "and" or refers back ("is it free?",
    "ça commence quand ?"): read from its words alone, chat spellings written out ("et c
    ou ?")."""
    words = fold(expand(question)).replace("?", " ").split()
    return bool(words) and (words[0] in CONTINUATIONS or not ANAPHORS.isdisjoint(words))


def asks_about_now(question: str) -> bool:
    """Whether the question asks about the member's own present, the clock, the calendar
    or the weather ("quelle heure est-il ?", "what day is it today?", "il pleut ?"): it is
    complete on its own, never a continuation, however short."""
    return (asks_present(question)
            or not NOW_CUES.isdisjoint(question_cues(expand(question))))


def continues(router: Router, question: str) -> bool:
    """Whether the question reads as the continuation of another: it refers back without
    naming anyone, or asks for a kind of fact but names nothing the knowledge holds
    ("c'est où ?", "how much?", or in chat spellings, as the router reads them: "c ou ?",
    "kan ?"); never a question about now (`asks_about_now`)."""
    if asks_about_now(question):
        return False
    if refers_back(question):
        return not any(term.named == "name" for term in router.query_terms(question))
    return bool(question_cues(expand(question))) and router.judge(question, 1) is None
