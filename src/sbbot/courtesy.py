"""Greetings, thanks and "who are you?" addressed to the bot: answered in kind, never as a
question about the posts.

"@sbbot salut" or "merci !" after an answer is not a question about the posts: answering
"the posts do not cover that" with the list of posts reads as a bot that did not listen, and
recording it would fill `!questions` (the unanswered questions admins review) with "merci".
A message is courtesy only when every word of it is one; "bonjour, c'est quoi le social
business ?" is a question and goes to the router. Likewise, a member meeting the bot asks
what it is ("t'es qui ?", "what can you do?"): the posts do not say, the bot does.
"""

from __future__ import annotations

import re

from sbbot.text import fold

PUNCTUATION = re.compile(r"[^\w\s]")

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
ADDRESS = frozenset("et mais bon ok au fait dis sinon sbbot".split())
"""Words around a question to the bot that do not change it ("et sinon, t'es qui ?")."""

GREETING = ("Bonjour ! Posez-moi une question sur les articles que je connais,"
            " ou tapez !aide pour voir mes commandes.")
WELCOME = "Avec plaisir ! Une autre question sur les articles ? Tapez !aide pour mes commandes."


ABOUT_THE_BOT = frozenset("""
t es qui|tes qui|tu es qui|qui es tu|qui etes vous|vous etes qui|t es quoi|tu es quoi
|c est quoi ce bot|c est qui ce bot|qui est ce bot|c quoi ce bot|tu sers a quoi|tu sers a koi
|vous servez a quoi|ca sert a quoi ce bot|tu fais quoi|tu fais koi|que fais tu|que sais tu faire
|tu sais faire quoi|qu est ce que tu sais faire|qu est ce que tu fais|presente toi
|who are you|what are you|whats this bot|what is this bot|what can you do|what do you do
|what are you for|who r u|wot r u|introduce yourself
""".replace("\n", "").split("|"))
"""Whole messages, folded and without punctuation, that ask what the bot is or does."""
INTRODUCTION = (
    "Je suis un bot qui répond aux questions sur les articles du blog (social business, "
    "collaboration, digital workplace) : je cite le passage qui répond, avec sa source, ou je "
    "dis honnêtement quand les articles n’en parlent pas. Posez votre question en français ou "
    "en anglais, ou tapez !aide pour voir mes commandes.")


def courtesy_reply(text: str) -> str | None:
    """The reply to a message made only of greetings or thanks, else None.

    A question mark makes it a question whatever its words ("salut ?" is left to the router,
    which declines it as before)."""
    words = PUNCTUATION.sub(" ", fold(text)).split()
    if " ".join(word for word in words if word not in ADDRESS) in ABOUT_THE_BOT:
        return INTRODUCTION
    if "?" in text:
        return None
    if not words or len(words) > 8 or not COURTESY_WORDS.issuperset(words):
        return None
    if any(word in THANKS for word in words):
        return WELCOME
    return GREETING if any(word in GREETINGS for word in words) else None
