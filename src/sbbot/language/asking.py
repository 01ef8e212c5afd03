"""What a question asks about beyond a kind of answer: what the post itself says, who
someone is or what job they hold, why something is so.

"Que pense l'auteur du big data ?" asks about the big data, in the post's words; "qui est le
patron de France Info ?" asks for a job next to a name; "pourquoi partager ?" for a reason.
Like the cues (`cues.py`), these are read from the question's words, and what a passage
gives from its text, with patterns that hold for any French or English text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from itertools import pairwise

from sbbot.language.word_regex import any_word
from sbbot.text import STOPWORDS, fold

POST_WORDS = frozenset(fold(word) for word in """
auteur auteurs auteure autrice article articles billet billets blog blogs blogueur blogueuse
author authors writer blogger post posts passage passages paragraphe paragraphes paragraph
paragraphs excerpt excerpts
""".split())
"""Words that name a post or its author, or a part of a post ("in the quoted passage",
"dans ce paragraphe")."""
FRAMING_WORDS = POST_WORDS | frozenset(fold(word) for word in """
avis opinion opinions pense pensent penser pensez think thinks thought
évoque évoquent évoquer mentionne mentionnent mentionner mention mentions mentioned
cite citent citer cité citée cités citées explique expliquent expliquer explain explains
écrit écrivent écrire wrote writes written affirme affirment affirmer claim claims claimed
appuie appuient appuyer
""".split())
"""Words that ask what a post says rather than about its topic ("que pense l'auteur du big
data ?", "quelles études sont citées ?", "sur quoi s'appuie l'auteur ?", "what does the
author think of ..."): every passage is part of a post that its author wrote, thinks and
cites, so these words neither pick a passage nor count against one; the topic is in the
other words."""
STANCE_WORDS = frozenset(fold(word) for word in """
position positions point vue vision regard montre montrent montrer view views stance
perspective believe believes feel feels démontre démontrent démontrer prouve prouvent prouver
estime estiment estimer croit croient croire juge jugent juger paraît paraissent paraître
semble semblent sembler énumère énumèrent énumérer établit établissent établir imagine imaginent
imaginer relativise relativisent relativiser voit voient
définit définissent définir préconise préconisent préconiser dresse dressent dresser
avance avancent avancer observe observent observer décrit décrivent décrire souligne
soulignent souligner défend défendent défendre suggère suggèrent suggérer conclut concluent
conclure aborde abordent aborder dénonce dénoncent dénoncer
formule formulent formuler soutient soutiennent soutenir envisage envisagent envisager
""".split())
"""Words that ask for a stance when the question names the post or its author ("la position
de l'auteur sur ...", "l'auteur se montre-t-il optimiste ?", "l'auteur prouve-t-il que ...",
"the author's view of ...", "l'auteur estime-t-il que ...", "l'auteur croit-il que ..."):
framing words there, though a subject elsewhere ("une position dominante", "la preuve par
l'exemple", "facebook a fait croire que ..."); so are the verbs of what an author does
with ideas ("comment l'auteur imagine-t-il les usages de demain ?", "comment l'auteur
voit-il l'accompagnement des salariés ?" as "sa vision" of it, "l'auteur énumère",
"établit un lien", "relativise", "comment l'auteur définit-il la coopération ?", "que
préconise l'auteur ?", "l'hypothèse qu'avance l'auteur", "l'auteur souligne", "défend",
"dénonce", "conclut"), not the post's "ont permis d'imaginer de nouvelles
manières de travailler", a passage on something else. Not "considérer": "l'auteur considère-t-il que
la transformation est réversible ?" was then answered by a passage on the transformation
that never says whether it is (a confident wrong answer on dev3); nor "traiter": "quelle
difficulté l'article se propose-t-il de traiter ?" was then answered by a passage on another
difficulty (a confident wrong answer on dev7)."""


def framing(words: Collection[str]) -> frozenset[str]:
    """Which of a question's folded words ask what the post says (FRAMING_WORDS, and
    STANCE_WORDS when it names the post or its author)."""
    found = FRAMING_WORDS.intersection(words)
    if found & POST_WORDS:
        found |= STANCE_WORDS.intersection(words)
    return found


ROLE_NOUNS = """
responsable directeur directrice président présidente fondateur fondatrice cofondateur
cofondatrice co-fondateur consultant consultante chef manager ingénieur ingénieure analyste
professeur professeure chercheur chercheuse journaliste auteur auteure rédacteur rédactrice
PDG DG CEO CTO CIO COO VP vice-président associé associée avocat avocate économiste
entrepreneur entrepreneuse blogueur blogueuse conseiller conseillère architecte développeur
développeuse designer fonctions director founder co-founder cofounder engineer professor
researcher journalist author editor officer head lead developer lawyer economist advisor
consultant partner analyst
"""
"""Nouns that state someone's job or title ("est actuellement responsable de", "auteur de",
"head of", "des fonctions de")."""
HOLDERS = frozenset(fold(word) for word in """
boss patron patronne pdg ceo cto cio coo dg président présidente president directeur
directrice director chef head fondateur fondatrice founder manager owner propriétaire
responsable
""".split())
"""Titles whose holder a "who" question asks for ("qui est le patron de France Info ?", "who
is the boss of Jacques Attali"): the answer must state that job next to the name asked
about."""
IDENTITY = re.compile(r"(?<![\w'’])(?:qui\s+est|qui\s+c['’\s]est|c['’\s]?est\s+qui|who\s+is|"
                      r"who['’]?s)\s+(?!l[ea]\b|les\b|the\b|un\b|une\b|a\b)", re.IGNORECASE)


def identity_found(text: str) -> re.Match[str] | None:
    """Where a question asks who someone named is: at its start, or after words of no topic
    only ("salut, qui est Jane McConnell ?", "@sbbot who is jane mcconnell": a greeting or
    the bot's name before it made the question unknown). Not after a word of the subject
    ("le livre qui est sorti")."""
    found = IDENTITY.search(text)
    if found is None or not STOPWORDS.issuperset(fold(text[:found.start()]).split()):
        return None
    return found


def identity_asked(text: str) -> list[str]:
    """The folded words naming whom a question asks who they are, up to its first
    punctuation ("who is jane mcconnell?": "jane", "mcconnell"), however they are typed;
    none when it asks no such thing."""
    found = identity_found(text)
    if found is None:
        return []
    named = re.split(r"[,;.!?]", text[found.end():], maxsplit=1)[0]
    return [word for word in fold(named).split() if word not in STOPWORDS]


def asks_identity(text: str) -> bool:
    """Whether a question asks who someone named is ("qui est Guillaume Foltran ?", "whos
    guillaume foltran"), not who holds a title ("qui est le patron de ...")."""
    return identity_found(text) is not None


ROLE_BEFORE = 60
ROLE_AFTER = 100
"""How near a name (in characters, before and after it) a job noun states that person's job:
"Guillaume Foltran est actuellement responsable de ...", "le directeur général X"."""
FOLDED_ROLE = re.compile(rf"\b{any_word(fold(ROLE_NOUNS).split())}\b")


def states_role(text: str, names: Collection[str], titles: Collection[str] = ()) -> bool:
    """Whether the text states a job near one of the folded `names`: one of the folded
    `titles` when the question asks who holds one ("le patron de ..."), else any of
    ROLE_NOUNS."""
    return role_near(fold(text), names, titles)


def role_near(folded: str, names: Collection[str], titles: Collection[str] = ()) -> bool:
    """`states_role` of a text already folded (a passage's, folded once: `Readings`)."""
    wanted = (re.compile(rf"\b(?:{'|'.join(map(re.escape, titles))})\b") if titles
              else FOLDED_ROLE)
    for name in names:
        for found in re.finditer(rf"\b{re.escape(name)}\b", folded):
            window = folded[max(0, found.start() - ROLE_BEFORE):found.end() + ROLE_AFTER]
            if wanted.search(window):
                return True
    return False


def titles_asked(question: str) -> list[str]:
    """The titles (HOLDERS) whose holder a question asks for, folded."""
    return [word for word in fold(question).split() if word in HOLDERS]


WHY = re.compile(r"\b(?:pourquoi|why|sert\s+[aà]\s+quoi|[aà]\s+quoi\s+[çc]a\s+sert|what\s+for)\b",
                 re.IGNORECASE)
REASON = re.compile(r"\b(?:car|parce\s+qu|puisque|afin\s+de|afin\s+qu|pour\s+que|permet\w*|"
                    r"aide(?:nt)?\s+[aà]|utile|grâce\s+[aà]|[aà]\s+des\s+fins|dans\s+le\s+but|"
                    r"en\s+vue\s+d|because|so\s+that|in\s+order\s+to|so\s+as\s+to|"
                    r"for\s+the\s+purpose|helps?|allows?|enables?|thanks\s+to)\b", re.IGNORECASE)
"""Words with which a passage gives a reason or a purpose ("aide à trouver", "est utile
pour", "permet de", "à des fins de protection", "because")."""


def asks_why(text: str) -> bool:
    """Whether a question asks why, or what something is for ("ça sert à quoi")."""
    return WHY.search(text) is not None


def gives_reason(text: str) -> bool:
    """Whether a passage states a reason or a purpose (REASON)."""
    return REASON.search(text) is not None


WHAT = re.compile(r"^\W*(?:c['’\s]?est\s+quoi|qu['’]est[\s-]ce\s+que?|what\s+is|what['’]?s)\b"
                  r"|\bc['’\s]?est\s+quoi\W*$", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?:…])\s+|\n+")
NOT_STATING = ("?", ":")
"""How a sentence ends when it asks ("pourquoi devrions-nous ... ?") or introduces what
follows ("... des enjeux et des tendances :") instead of stating something."""


def asks_what(text: str) -> bool:
    """Whether a question asks what something is or who someone is ("c'est quoi le social
    business ?", "what is X?", "who is Jane McConnell?")."""
    return WHAT.search(text) is not None or asks_identity(text)


def states(text: str, names: Collection[str] = ()) -> bool:
    """Whether a passage states anything (about one of the folded `names`, when given): one
    of its sentences (naming one of them) neither asks nor introduces. A passage that only
    asks ("La question est récurrente et légitime : pourquoi ... ?") or announces a list
    it does not hold ("Jane McConnell viendra partager avec nous à propos des enjeux et des
    tendances :", whatever item follows) says nothing of what it names; a rhetorical
    question after a statement ("... les élites organisent la surveillance ... ! ... ?")
    still states."""
    return any(not names or not words.isdisjoint(names) for words in stating_words(text))


def stating_words(text: str) -> tuple[frozenset[str], ...]:
    """The folded words of each sentence of a passage that states something (see `states`):
    read once per passage (`Readings`), as the names asked about vary with the question."""
    return tuple(frozenset(fold(end).split()) for sentence in SENTENCE_END.split(text)
                 if (end := sentence.strip().rstrip("»\u00a0 "))
                 and not end.endswith(NOT_STATING))


DEFINITION = re.compile(r"\bwhat\s+(?:does|do|did)\b.*\b(?:means?|stands?\s+for)\b"
                        r"|\bque\s+(?:signifie|signifient|veut\s+dire|veulent\s+dire)\b"
                        r"|\bmeaning\s+of\b|\bsens\s+de\b|\bdéfinition\s+de\b",
                        re.IGNORECASE)
DEFINING_WORDS = frozenset(fold(word) for word in """
mean means meaning signifie signifient signifier signification veut veulent dire sens
définition definition
""".split())
"""The words with which a question asks what something means ("stand for" is read as
"signifier"): they say what is asked, the other words what about."""


def defines(text: str) -> bool:
    """Whether a question asks what a word or a name means ("What does C-suite stand for?",
    "que signifie ROI ?"): an entry answers it only if it holds that word, not merely a
    word meaning "mean"."""
    return DEFINITION.search(text) is not None

LOCATING = (r"\b(?:bas[ée]e?s?|situ[ée]e?s?|install[ée]e?s?|implant[ée]e?s?|domicili[ée]e?s?|"
            r"habit(?:e|es|ent|ait|aient|er)|vit|vivent|vivait|vivaient|résid\w*|siège|"
            r"based|located|headquartered|headquarters|lives?|living|lived|resides?|"
            r"settled)\b")
ON_A_PLACE = r"\b(?:à|au|en|in|at|near)\s+(?:l[ae’']\s*)?(?-i:[A-ZÉ])"
"""Where someone lives or something is based, as a text states it: a word of location, then
a place ("basée à Lyon", "habite en Suisse", "headquartered in Paris"). A place named
without one is where something happens ("la matinée à Genève", "un enregistrement réalisé
au Campus London"), not where the people it names live or work."""
WORKING = (r"\b(?:travaill\w*|bosse\w*|works?|working|worked|employ[ée]e?s?|employed|"
           r"salarié\w*)\b")
FOR_A_NAME = r"\b(?<!comme\s)(?<!like\s)(?:chez|pour|par|at|for|by)\s+(?-i:[A-ZÉ])"
OF_A_NAME = r"\b(?:de|du|d[’']|chez|at|of)\s*(?-i:[A-ZÉ])"
WORKS_AT = (rf"(?:{LOCATING}|{WORKING})[^.;\n«»“”\"]{{0,40}}?(?:{ON_A_PLACE}|{FOR_A_NAME})"
            rf"|\b{any_word(ROLE_NOUNS.split())}\b[^.;\n]{{0,40}}?{OF_A_NAME}"
            r"|\b(?<!comme\s)chez\s+(?-i:[A-ZÉ])|(?-i:[A-ZÉ][\w’'-]+)\s+\((?-i:[A-ZÉ])")
"""Where someone works, as a text states it: a word of work or location, then a place or an
employer ("travaille chez Orange", "works for Acme", "basée à Lyon"), a job and whose it is
("responsable de la bureautique de Bouygues Telecom", "head of IT at Acme"), "chez" and a
name, or a name followed by its organisation in brackets ("Guillaume Foltran (Bouygues
Telecom, ...)"); not the place of an event they speak at ("la matinée à Genève, avec ..."),
nor a comparison ("travailler autrement, comme chez Bouygues Telecom": like there), nor a
word of work in a quoted title and a place after its closing quote ("« ... worth working
in « , un enregistrement réalisé au Campus London": where a talk was recorded)."""
WORKING_WORDS = frozenset("""travaille travaillent travaillait travaillaient bosse bossent
bossait bossaient work works working worked employed""".split())
EMPLOYER_ASKED = frozenset({("pour", "qui"), ("chez", "qui")})
EMPLOYER_LAST = frozenset({("work", "for"), ("working", "for"), ("worked", "for")})
"""With a word of work, these ask for an employer: "il bosse pour qui ?", "chez qui", and
"work for" ending an English question ("who does she work for?"); "qui travaille chez X" and
"who works for X" ask for a person."""
EMPLOYER_WHICH = frozenset((by, which) for by in ("pour", "chez")
                           for which in ("quel", "quelle", "quels", "quelles"))
"""With a word of work, these ask for an employer too ("il bosse pour quelle boîte ?",
"travaille chez quel éditeur ?"), unless a purpose follows (PURPOSES)."""
EMPLOYER_IN = frozenset(("dans", which) for which in ("quel", "quelle", "quels", "quelles"))
"""With a word of work, these ask for an employer when an organisation follows (ORGANISATIONS:
"il bosse dans quelle boîte ?", "elle travaille dans quelle entreprise ?"); not a field or a
town ("dans quel secteur", "dans quelle ville")."""
PURPOSES = frozenset("raison raisons motif motifs cause causes but buts objectif objectifs "
                     "usage".split())
"""Nouns after "pour quel" that ask why ("il travaille pour quelle raison ?")."""
EMPLOYER_NAMED = frozenset((word, after) for word in WORKING_WORDS
                           for after in ("for", "at", "chez"))
"""In a question asking for nothing else, these ask whether someone works for the employer
named next: "Does the author work for Bouygues Telecom?", "il bosse chez Orange ?". Not
"pour": "travailler pour progresser" is working to an end."""


RUNNING_WORDS = frozenset("""run runs ran running own owns owned lead leads led head heads headed
manage manages managed found founded dirige dirigent dirigeait fonde fondee fondes fondees
gere gerent possede possedent""".split())
ORGANISATIONS = frozenset("""company companies firm firms business businesses organisation
organization startup agency entreprise entreprises boite boites societe societes agence
cabinet""".split())
WHICH_WORDS = frozenset("what which quel quelle quels quelles".split())
"""With a word of running or founding (RUNNING_WORDS), "which company", "quelle boîte" asks
for the organisation someone runs: "what company does Paul Miller run?", "il a fondé quelle
boîte ?" are answered by an employer stated for them, as where they work is."""


def asks_workplace(words: Sequence[str], cues: Collection[str],
                   ends: Collection[tuple[str, ...]] = ()) -> bool:
    """Whether a question's plain words, asking for `cues`, ask where someone works: a word
    of work (WORKING_WORDS) with a place asked for ("il bosse où ?", "where does she
    work?") or an employer (EMPLOYER_ASKED, EMPLOYER_WHICH, EMPLOYER_LAST ending the
    question or one of its clauses, `ends`: "who does he work for, the video guy?"), or, asking
    nothing else, whether someone works for an employer it names (EMPLOYER_NAMED); or which
    organisation someone runs or founded (RUNNING_WORDS, ORGANISATIONS)."""
    if not RUNNING_WORDS.isdisjoint(words) and any(
            first in WHICH_WORDS and second in ORGANISATIONS
            for first, second in pairwise(words)):
        return True
    return not WORKING_WORDS.isdisjoint(words) and (
        "place" in cues or not EMPLOYER_ASKED.isdisjoint(pairwise(words))
        or any(position + 2 < len(words) and (
                   (pair in EMPLOYER_WHICH and words[position + 2] not in PURPOSES)
                   or (pair in EMPLOYER_IN and words[position + 2] in ORGANISATIONS))
               for position, pair in enumerate(pairwise(words)))
        or tuple(words[-2:]) in EMPLOYER_LAST or not EMPLOYER_LAST.isdisjoint(ends)
        or (not cues and not EMPLOYER_NAMED.isdisjoint(pairwise(words))))


RELATIVE = re.compile(r"(?<!\bd['’ ])\b(?:after|before|apres|avant)\s+"
                      r"((?:[\w-]+['’\s]+){0,3}[\w-]+)")
"""A word placing what is asked after or before another thing, and the few words naming
it ("after the Geneva one", "après celle de Genève", "avant celle du 4 avril"); not
"d'après" (according to)."""


DEMONSTRATIVES = frozenset("celle celui celles ceux one ones".split())
"""Pronouns after "after" or "before" that stand for the noun just before it: in "la
prochaine matinée après celle de Genève", "celle" is a matinée."""


def relative_to(question: str) -> frozenset[str]:
    """The folded words naming what a question places the thing it asks about after or
    before ("when is the next meeting after the Geneva one?": "the", "geneva", "one", and
    "meeting", which "one" stands for): a date given for that thing is not the one asked."""
    folded = fold(question)
    named: set[str] = set()
    for found in RELATIVE.finditer(folded):
        words = re.split(r"['’\s]+", found.group(1))
        named.update(words)
        before = folded[:found.start()].split()
        if before and not DEMONSTRATIVES.isdisjoint(words):
            named.add(before[-1])
    return frozenset(named)


NAME_WORD = re.compile(r"[^\W_]+")
"""A word as `cues.question_cues` reads one."""


def names_someone(text: str) -> bool:
    """Whether a question names someone or something with a capital inside it ("what is
    Gilles Babinet saying these days?"): asked about now, it asks what that one does or
    says now, which a post tells only where it says "currently" (its own present)."""
    return any(len(word) > 1 and word[0].isupper() and word[1:].islower()
               for word in NAME_WORD.findall(text)[1:])


STILL_NOW = frozenset("still anymore longer encore toujours".split())
"""With a word of the present, these ask whether something is still so today ("il bosse
toujours chez Bouygues aujourd'hui ?", "is he still there now"): a post's own present
("actuellement responsable de ...") was its author's today, not the member's; only a text
saying that it still is (or no longer is) answers. Not "plus", also "more"."""


RECOMMENDING_VERBS = frozenset("""conseille conseillent recommande recommandent suggere
suggerent preconise preconisent recommend recommends recommended suggest suggests suggested
advise advises advised""".split())
"""Verbs of recommending, asked whether someone recommends something ("l'auteur
conseille-t-il de lire ... ?", "does the author recommend ...?"), as `cues.plain` reads
them (lower case, without accents)."""
YES_NO_STARTS = frozenset("do does did would will".split())
"""English auxiliaries that open a yes/no question ("does the author recommend ...?")."""
WH_WORDS = frozenset("""que qu quoi quel quelle quels quelles comment pourquoi qui où ou
combien what which who whom how why where when""".split())


def recommending_asked(words: Sequence[str]) -> bool:
    """Whether a yes/no question asks if someone recommends something ("L'auteur
    conseille-t-il de lire l'analyse publiée par Jane McConnell ?", "does the author
    recommend reading her note?"): only a text that recommends answers it ("je vous
    recommande vivement la lecture ..."), not one that names the thing (the passage quoting
    the analysis), as with advice asked of the bot (the "advice" cue). `words` are the
    question's words as `cues.plain` reads them. Not what someone recommends ("que
    conseille-t-il aux entreprises ?", "what does he recommend?"): a passage may advise
    without such a verb. Nor "ou" ("l'auteur recommande-t-il X ou Y ?"), left out with
    the question words."""
    yes_no = bool(words) and words[0] in YES_NO_STARTS
    if not (yes_no or "t" in words) or RECOMMENDING_VERBS.isdisjoint(words):
        return False  # most questions: no verb of recommending
    return WH_WORDS.isdisjoint(words) and any(
        word in RECOMMENDING_VERBS and (yes_no or words[position + 1:position + 2] == ["t"])
        for position, word in enumerate(words))
