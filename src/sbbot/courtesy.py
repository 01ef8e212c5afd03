"""Greetings and thanks addressed to the bot: answered in kind, never as a question.

"@sbbot salut" or "merci !" after an answer is not a question about the posts: answering
"the posts do not cover that" with the list of posts reads as a bot that did not listen, and
recording it would fill `!questions` (the unanswered questions admins review) with "merci".
A message is courtesy only when every word of it is one; "bonjour, c'est quoi le social
business ?" is a question and goes to the router.
"""

from __future__ import annotations

from sbbot.text import fold

GREETINGS = frozenset("""
bonjour bonsoir salut coucou hello hi hey yo bjr slt cc re rebonjour morning evening hola
""".split())
THANKS = frozenset("merci mrc mci thanks thank thx ty cheers".split())
FILLERS = frozenset("""
a tous toutes tout le monde all everyone everybody you u toi vous beaucoup bcp infiniment
much lot so very many bien pour ca cela la les ta tes vos votre the reponse reponses answer
info infos super top cool parfait
genial great nice good ok okay dac daccord oui yes bot sbbot et and encore again
""".split())
"""Words that may accompany a greeting or thanks ("merci beaucoup", "hello everyone",
"super, merci pour la réponse") without making it a question."""
COURTESY_WORDS = GREETINGS | THANKS | FILLERS

GREETING = ("Bonjour ! Posez-moi une question sur les articles que je connais,"
            " ou tapez !aide pour voir mes commandes.")
WELCOME = "Avec plaisir ! Une autre question sur les articles ? Tapez !aide pour mes commandes."


def courtesy_reply(text: str) -> str | None:
    """The reply to a message made only of greetings or thanks, else None.

    A question mark makes it a question whatever its words ("salut ?" is left to the router,
    which declines it as before)."""
    if "?" in text:
        return None
    words = fold(text).split()
    if not words or len(words) > 8 or not COURTESY_WORDS.issuperset(words):
        return None
    if any(word in THANKS for word in words):
        return WELCOME
    return GREETING if any(word in GREETINGS for word in words) else None
