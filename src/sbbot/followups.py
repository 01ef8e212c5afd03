"""Follow-up questions: "c'est où ?" just after "Quand a lieu la matinée à Genève ?".

Members ask about one subject in several short messages, the later ones naming it only by
"it", "ça" or nothing at all ("is it free?", "et le prix ?"). Alone, such a question names
nothing the posts hold, and the bot could only say it does not know. So a question that
names nothing the knowledge holds but asks for a kind of fact (a date, a place, a price, a
person...), or one that starts with "et" / "and" and is not answered on its own, is read
again with the same member's last answered question in that channel, if it is recent. The
combined question goes through the same router and verdict: unless it is answered with
confidence, the reply to the question alone stands. Nothing here is stored: a restart
forgets, and the memory is bounded.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sbbot.language.cues import question_cues
from sbbot.language.frequency import general_zipf
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

Speaker = tuple[str, str, str]
"""Platform, channel and author: a follow-up continues one member's conversation in one
channel, never another member's."""


@dataclass(frozen=True)
class Subject:
    words: str
    """What the question was about: its words the knowledge holds, without its question
    words, so that a follow-up asks for its own kind of fact ("Quand a lieu la matinée à
    Genève ?" then "Is there wifi?" is not a question about a date)."""
    at: datetime


class FollowUps:
    """Each member's last answered question, per channel, for the window."""

    def __init__(self, window: timedelta = FOLLOW_UP_WINDOW, size: int = REMEMBERED) -> None:
        self.window, self.size = window, size
        self._subjects: OrderedDict[Speaker, Subject] = OrderedDict()

    def route(self, router: Router, speaker: Speaker, question: str,
              now: datetime) -> RouteResult:
        """The question routed alone, or with the member's subject when it continues it.

        An answered question that names its own subject gives the subject of the next ones;
        one that continues the subject ("is it free?", answered alone or not) keeps it, so
        that "c'est quand ?" after "et le prix ?" still means the same event."""
        result = router.route(question)
        subject = self._subjects.get(speaker)
        if subject is not None and now - subject.at > self.window:
            subject = None
        follows = subject is not None and continues(router, question)
        if follows and subject is not None and result.verdict != "answer":
            joined = router.route(f"{question} {subject.words}")
            if joined.verdict == "answer":
                result = joined
        if result.verdict == "answer":
            words = subject.words if follows and subject is not None else topic(router, question)
            self._remember(speaker, Subject(words, now))
        return result

    def _remember(self, speaker: Speaker, subject: Subject) -> None:
        self._subjects[speaker] = subject
        self._subjects.move_to_end(speaker)
        while len(self._subjects) > self.size:
            self._subjects.popitem(last=False)


def topic(router: Router, question: str) -> str:
    """The words of the question that name something the knowledge holds and are rarer
    than everyday words ("matinée", "Genève", not the "lieu" of "a lieu")."""
    judged = router.judge(question, 1)
    if judged is None:
        return ""
    held = judged[0].weights
    return " ".join(term.word for term in router.query_terms(question)
                    if term.stem in held and general_zipf(term.word) < TOPICAL_ZIPF)


def continues(router: Router, question: str) -> bool:
    """Whether the question reads as the continuation of another: it starts with "et" /
    "and", refers back without naming anyone ("is it free?", "ça commence quand ?"), or
    asks for a kind of fact but names nothing the knowledge holds ("c'est où ?", "how
    much?")."""
    words = fold(question).replace("?", " ").split()
    if words and words[0] in CONTINUATIONS:
        return True
    if not ANAPHORS.isdisjoint(words):
        return not any(term.named == "name" for term in router.query_terms(question))
    return bool(question_cues(question)) and router.judge(question, 1) is None
