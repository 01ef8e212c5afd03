"""Greetings, thanks, farewells, "ok", "who are you?", "help", "je comprends pas", "c'est
faux" and "aucun" addressed to the bot: answered in kind, never as a question about the
posts.

"@sbbot salut" or "merci !" after an answer is not a question about the posts: answering
"the posts do not cover that" with the list of posts reads as a bot that did not listen, and
recording it would fill `!questions` (the unanswered questions admins review) with "merci".
A message is courtesy only when every word of it is one; "bonjour, c'est quoi le social
business ?" is a question and goes to the router. Likewise, a member meeting the bot asks
what it is ("t'es qui ?", "what can you do?", "aide"): the posts do not say, the bot does;
and a member who did not follow a reply, or found it wrong, says so in a few words that the
posts would answer with whatever passage shares one of them ("je comprends pas" was
answered with a passage about understanding the internet's stakes).
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
genial great nice good ok okay dac daccord d accord oui yes ouais yep bot sbbot et and encore
again bonne journee soiree revoir bye bientot
""".split())
"""Words that may accompany a greeting or thanks ("merci beaucoup", "hello everyone",
"super, merci pour la réponse") without making it a question."""
ACKNOWLEDGEMENTS = frozenset("ok okay dac daccord accord oui yes ouais yep super top cool "
                              "parfait genial great nice good".split())
"""Words that take a reply in ("ok", "d'accord", "super"): nothing to answer from the posts,
nor to list among the unanswered questions."""
COURTESY_WORDS = GREETINGS | THANKS | FILLERS
ADDRESS = frozenset("et mais bon ok au fait dis sinon sbbot".split())
"""Words around a question to the bot that do not change it ("et sinon, t'es qui ?")."""

GREETING = ("Bonjour ! Posez-moi une question sur les articles que je connais,"
            " ou tapez !aide pour voir mes commandes.")
WELCOME = "Avec plaisir ! Une autre question sur les articles ? Tapez !aide pour mes commandes."
NOTED = "Très bien ! Une autre question sur les articles ? Tapez !aide pour mes commandes."
INTRODUCTION = (
    "Je suis un bot qui répond aux questions sur les articles du blog (social business, "
    "collaboration, digital workplace) : je cite le passage qui répond, avec sa source, ou je "
    "dis honnêtement quand les articles n’en parlent pas. Posez votre question en français ou "
    "en anglais, ou tapez !aide pour voir mes commandes.")


ABOUT_THE_BOT = frozenset("""
t es qui|tes qui|tu es qui|qui es tu|qui etes vous|vous etes qui|t es quoi|tu es quoi
|c est quoi ce bot|c est qui ce bot|qui est ce bot|c quoi ce bot|tu sers a quoi|tu sers a koi
|vous servez a quoi|ca sert a quoi ce bot|tu fais quoi|tu fais koi|que fais tu|que sais tu faire
|tu sais faire quoi|qu est ce que tu sais faire|qu est ce que tu fais|presente toi
|who are you|what are you|whats this bot|what is this bot|what can you do|what do you do
|what are you for|who r u|wot r u|introduce yourself
|tu es un robot|t es un robot|es tu un robot|tu es un bot|t es un bot|es tu un bot|c est un bot
|c est un robot|tu es humain|t es humain|es tu humain|are you a bot|are you a robot
|are you human|aide|help|help me|a l aide|au secours|aide moi|aidez moi|comment ca marche
|comment ca fonctionne|comment tu marches|comment t utiliser|comment on fait|how does it work
|how does this work|how do i use you|how do i use this|how to use
""".replace("\n", "").split("|"))
"""Whole messages, folded and without punctuation, that ask what the bot is, does or how to
use it ("aide" without the "!" of the command)."""
LOST = frozenset("""
je comprends pas|je ne comprends pas|j comprends pas|jcomprends pas|je comprend pas
|j ai pas compris|je n ai pas compris|pas compris|hein|i don t understand|i dont understand
|i do not understand|what do you mean|huh
""".replace("\n", "").split("|"))
"""Whole messages that say the member did not follow the last reply."""
REPHRASE = ("Je cite les articles tels qu’ils sont écrits, sans les reformuler : posez votre "
            "question avec d’autres mots, ou tapez !aide pour voir mes commandes.")
DISPLEASED = frozenset("""
t es nul|tu es nul|t es nulle|tu es nulle|nul|c est nul|tu sers a rien|ca sert a rien
|n importe quoi|nimporte quoi|c est faux|faux|c est pas ca|ce n est pas ca|mauvaise reponse
|pas du tout|useless|you suck|wrong|that s wrong|thats wrong|wrong answer|bad bot|stupid bot
""".replace("\n", "").split("|"))
"""Whole messages that say the last reply was wrong or useless."""
SORRY = ("Désolé ! Je ne réponds qu’avec ce que disent les articles, et il m’arrive de me "
         "tromper : reformulez votre question, ou tapez !aide pour voir mes commandes.")
DECLINED = frozenset("""
non|no|nope|aucun|aucune|aucun des trois|aucun des deux|aucun d eux|aucune idee|rien|none
|none of them|neither|non merci|no thanks|no thank you|pas ca|ni l un ni l autre
""".replace("\n", "").split("|"))
"""Whole messages that turn down what the bot offered ("aucun" of the topics it proposed)."""
ANOTHER_WAY = ("D’accord. Posez votre question avec d’autres mots, ou tapez !aide pour voir "
               "mes commandes.")
FAREWELLS = frozenset("""
au revoir|revoir|bye|bye bye|goodbye|good bye|a plus|a toute|a bientot|a la prochaine|a demain
|bonne journee|bonne soiree|bonne nuit|bonne fin de journee|bonne apres midi|good night
|goodnight|see you|see you later|see ya|ciao|tchao
""".replace("\n", "").split("|"))
"""Whole messages that take leave ("merci, bonne journée" is thanks, see FILLERS)."""
FAREWELL = "À bientôt ! Revenez quand vous voulez avec une question sur les articles."
WHOLE_MESSAGES = {**dict.fromkeys(ABOUT_THE_BOT, INTRODUCTION),
                  **dict.fromkeys(FAREWELLS, FAREWELL),
                  **dict.fromkeys(LOST, REPHRASE), **dict.fromkeys(DISPLEASED, SORRY),
                  **dict.fromkeys(DECLINED, ANOTHER_WAY)}


def courtesy_reply(text: str) -> str | None:
    """The reply to a message made only of greetings, thanks or acknowledgements, or that
    is one of the whole messages about the bot or its last reply, else None.

    A question mark makes it a question whatever its words ("salut ?" is left to the router,
    which declines it as before)."""
    words = PUNCTUATION.sub(" ", fold(text)).split()
    whole = WHOLE_MESSAGES.get(" ".join(word for word in words if word not in ADDRESS))
    if whole is not None:
        return whole
    if "?" in text:
        return None
    if not words or len(words) > 8 or not COURTESY_WORDS.issuperset(words):
        return None
    if any(word in THANKS for word in words):
        return WELCOME
    if any(word in GREETINGS for word in words):
        return GREETING
    return NOTED if any(word in ACKNOWLEDGEMENTS for word in words) else None
