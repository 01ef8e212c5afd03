"""The words that ask for each kind of answer (`Cue`): single words, pairs and trios.

Data only, read by `cues.question_cues` (which adds the rules no table can say: a "quand"
that joins clauses, a "qui" after "celui") and by `signalling` (the words that only say what
is asked). Written for French and English, not for these posts.
"""

from __future__ import annotations

from typing import Literal

Cue = Literal["date", "place", "price", "person", "age", "count", "duration", "end", "birth",
              "contact", "weather", "role", "time", "language", "award", "education", "present",
              "located", "future", "workplace", "advice", "best", "latest",
              "registration", "payer", "source", "salary", "still", "share", "percent", "settled"]

ADVISING = (("tu", ("conseilles", "recommandes", "suggères")),
            ("vous", ("conseillez", "recommandez", "suggérez")),
            ("me", ("conseilles", "conseillez", "recommandes", "recommandez", "suggères",
                    "suggérez", "conseiller", "recommander", "suggérer")),
            ("m", ("conseilles", "conseillez", "recommandes", "recommandez", "conseiller",
                   "recommander")),
            ("nous", ("conseiller", "recommander", "suggérer")),
            ("you", ("recommend", "suggest")), ("u", ("recommend", "suggest")))
"""A person, then the verbs a member asks the bot for advice with after it ("tu me
conseilles", "vous pouvez me recommander"; see the "advice" cue)."""
ADVISED = (("tu", ("conseilles", "recommandes", "suggères")),
           ("vous", ("conseillez", "recommandez", "suggérez")),
           ("moi", ("conseille", "conseillez", "recommande", "recommandez", "suggère",
                    "suggérez")),
           ("me", ("recommend", "suggest")))
"""The same before the person: inverted ("que conseilles-tu ?") or imperative
("conseille-moi")."""


# Each cue: single words that ask for it, and pairs of consecutive words.
CUE_WORDS: dict[Cue, frozenset[str]] = {
    "date": frozenset("quand when date dates horaire horaires".split()),
    "place": frozenset("où where adresse address venue".split()),
    "price": frozenset("prix tarif tarifs payant payante payants payantes gratuit gratuite "
                       "gratuits gratuites coûte coûtent coût salaire salaires rémunération "
                       "payer paie price prices cost costs fee fees free pay paid salary wage "
                       "wages".split()),
    "person": frozenset("who whos who's".split()),
    "latest": frozenset("latest newest".split()),
    "age": frozenset("âge".split()),
    # A price of work, not an event's; not "salaries" (French "salariés"), nor "earn".
    "salary": frozenset("salaire salaires rémunération rémunérations salary wage wages".split()),
    # A share is a number too ("quel pourcentage", "what ROI percentage").
    "count": frozenset("population habitants inhabitants pourcentage pourcentages percentage "
                       "percentages".split()),
    # ... and one asked as a percentage must be one ("70 %"), not any number.
    "percent": frozenset("pourcentage pourcentages percentage percentages".split()),
    "duration": frozenset("durée durées duration".split()),
    "end": frozenset(),
    "birth": frozenset(),
    "contact": frozenset("email courriel contacter".split()),
    # How to take part: "comment on s'inscrit ?", "where do I sign up?" ("sign up": a pair).
    "registration": frozenset("inscrire inscris inscrit inscription inscriptions réserver "
                              "réservation réservations résa register registration "
                              "signup".split()),
    "weather": frozenset("météo meteo weather pleuvoir pleut pluie neige rain raining snow "
                         "forecast".split()),
    "time": frozenset("horaire horaires".split()),
    "language": frozenset("langue langues language languages sous-titrée sous-titré sous-titres "
                          "subtitled subtitles traduit traduite translated dubbed doublé "
                          "doublée".split()),
    "award": frozenset("award awards prize prizes récompense récompenses récompensé récompensée "
                       "distinction distinctions lauréat lauréate".split()),
    "education": frozenset("diplôme diplômes diplômé diplômée studied graduated graduate degree "
                           "université university universités".split()),
    # What is so now ("is the law still in force today", "il travaille où actuellement"):
    # a post tells about its own time, unless it says that something is so "currently".
    # "now", "maintenant" too, but not before "that", "que" ("now that", "maintenant que":
    # `NOW_WORDS`); not "encore", "still": "still think".
    "present": frozenset("today currently nowadays actuellement aujourd".split()),
    # How widespread something is ("sont-ils souvent une réussite ?", "how often"): a share
    # or a frequency, which a passage gives with a quantifier ("rares sont ..."); "most" is
    # read in context (`cues.most_of`).
    "share": frozenset("souvent rarement fréquemment plupart often rarely seldom "
                       "frequently".split()),
    # Whether something is settled yet ("le programme est-il définitif ?", "has the agenda
    # been finalised?"): a text that says it is, or that it will be ("sera précisé").
    "settled": frozenset("définitif définitive définitifs définitives finalisé finalisée "
                         "finalisés finalisées finalised finalized".split()),
    "role": frozenset("poste job jobs boulot métier profession occupation occupe occupait "
                      "occupées occupés occupé exerce exercé exercées".split()),
}
PAYING_VERBS = frozenset("""pays paid pay paying funds funded fund funding finances financed
financing sponsors sponsored sponsor sponsoring covers paie paye payent paient payé finance
financent financé sponsorise sponsorisent sponsorisé offre offrent offert régale""".split())
"""Verbs of paying for or funding something, which after "who" / "qui" ask for a payer."""


SETTLED_STATES = frozenset("""final decided fixed confirmed settled finalised finalized
out published released available announced
arrêté arrêtée décidé décidée fixé fixée confirmé confirmée bouclé bouclée calé calée
sorti sortie publié publiée paru parue disponible annoncé annoncée""".split())
"""States of being decided, or of being out (published, announced), which "yet" or "already"
ask about (the "settled" cue): "is the agenda out yet?" asks whether it is, which a text
saying when it will be answers, not one naming the agenda's speakers."""


NEXT_GATHERING = [(first, noun) for first, nouns in (
    ("next", "event events meeting meetup conference session"),
    ("prochain", "événement meetup"), ("prochaine", "conférence rencontre session"))
    for noun in nouns.split()]
"""The next of a kind of gathering: another than those a post announced (`future`)."""
CUE_PAIRS: dict[Cue, frozenset[tuple[str, str]]] = {
    "date": frozenset({("quelle", "heure"), ("quel", "jour"), ("quelle", "date"),
                       ("what", "time"), ("what", "day"), ("which", "day"),
                       ("depuis", "quand"), ("since", "when"), ("quelle", "année"),
                       ("what", "year"), ("which", "year")}),
    "place": frozenset({("quelle", "ville"), ("quel", "endroit"), ("quel", "lieu"),
                        ("which", "city"), ("what", "city"), ("quel", "pays"),
                        ("which", "country")}),
    # ... and an amount asked for as such ("quel budget", "what amount"), not budgets spoken of
    "price": frozenset({("how", "much"), ("combien", "coûte"), ("est", "combien"),
                        ("combien", "ça"), ("combien", "ca"),
                        *((which, amount) for which in ("quel", "quels", "what", "which")
                          for amount in ("budget", "budgets", "montant", "amount"))}),
    "person": frozenset({("qui", "est"), ("qui", "sont"), ("qui", "a"), ("qui", "va"),
                         ("qui", "intervient"), ("qui", "vient"), ("qui", "parle"),
                         ("est", "qui"), ("c", "qui"), ("de", "qui"), ("par", "qui")}),
    "age": frozenset({("how", "old"), ("quel", "âge")}),
    # ... and figures asked for as such ("in numbers", "en chiffres")
    "count": frozenset({("combien", "de"), ("combien", "d"), ("how", "many"), ("in", "numbers"),
                        ("in", "figures"), ("en", "chiffres")}),
    "duration": frozenset({("how", "long"), ("much", "time")}),
    "end": frozenset(),
    "birth": frozenset(),
    "registration": frozenset({("sign", "up"), ("signing", "up"), ("s", "inscrire")}),
    "contact": frozenset({("phone", "number"), ("telephone", "number"), ("e", "mail"),
                          ("twitter", "handle"), ("compte", "twitter"), ("twitter", "account"),
                          ("linkedin", "profile"), ("profil", "linkedin"), ("site", "web"),
                          ("personal", "website")}),
    "award": frozenset({("prix", "nobel"), ("win", "any"), ("won", "any"), ("a", "gagné"),
                        ("a", "reçu")}),
    "education": frozenset({("a", "étudié"), ("where", "studied"), ("did", "study")}),
    "weather": frozenset({("quel", "temps")}),
    # "parle-t-elle français ?" reads "parle t elle français": the pronoun before the language.
    "language": frozenset({(speak, language) for speak in ("parle", "parlent", "parler", "il",
                                                            "elle", "ils", "elles", "vous",
                                                            "speak", "speaks", "in", "en")
                           for language in ("français", "anglais", "allemand", "espagnol",
                                            "italien", "french", "english", "german",
                                            "spanish", "italian")}),
    "time": frozenset({("quelle", "heure"), ("what", "time"), ("which", "time"),
                       ("quel", "horaire"), ("what", "hour")}),
    # A time after the post ("next year", "l'an prochain"): only a post that announces what
    # comes can tell.
    "present": frozenset({("these", "days")}),
    "future": frozenset({("next", "year"), ("next", "month"), ("next", "week"),
                         ("next", "edition"), ("an", "prochain"), ("année", "prochaine"),
                         ("mois", "prochain"), ("semaine", "prochaine"),
                         ("prochaine", "édition"), *NEXT_GATHERING}),
    # The member asks the bot itself for a recommendation ("tu me conseilles quel outil ?",
    # "que me recommandez-vous ?", "conseille-moi"): only a text that recommends answers it.
    "advice": frozenset({(person, verb) for person, verbs in ADVISING for verb in verbs}
                        | {(verb, person) for person, verbs in ADVISED for verb in verbs}),
    # Which is the best asks for a judgment ("quelle est la meilleure plateforme ?"): only a
    # text that ranks or recommends answers it, not one that names the things compared.
    "best": frozenset({("le", "meilleur"), ("la", "meilleure"), ("les", "meilleurs"),
                       ("les", "meilleures"), ("the", "best"), ("is", "best"),
                       ("are", "best")}),
    # Which is the latest asks for recency ("sa dernière vidéo", "her latest report"): only
    # a text saying what is latest or new answers it, not one naming one of the works. Not
    # "ces dernières années", "l'an dernier", "last century": a time, not the latest thing.
    "latest": frozenset({(owner, last) for owner in ("son", "sa", "ses", "leur", "leurs", "du",
                                                      "le", "la", "les")
                         for last in ("dernier", "dernière", "derniers", "dernières")}
                        | {("plus", "récent"), ("plus", "récente"), ("plus", "récents"),
                           ("plus", "récentes"), ("most", "recent")}),
    "role": frozenset({("quelle", "fonction"), ("quelles", "fonctions"), ("works", "as"),
                       ("work", "as"), ("job", "title"), ("his", "title"),
                       ("her", "title"), ("their", "title")}),
    # Who pays or funds something asks for a payer or a sponsor, not for any person the
    # passage names ("who pays for the croissants?" is not answered by the speakers).
    "payer": frozenset({(asking, verb) for asking in ("who", "qui") for verb in PAYING_VERBS}),
    # ... or a state asked with "yet" or "already" ("is it final yet", "déjà arrêté").
    "settled": frozenset({(state, "yet") for state in SETTLED_STATES}
                         | {(already, state) for already in ("already", "déjà")
                            for state in SETTLED_STATES}),
}
CUE_TRIOS: dict[Cue, frozenset[tuple[str, str, str]]] = {
    "duration": frozenset({("combien", "de", "temps")}),
    "present": frozenset({("en", "ce", "moment"), ("at", "the", "moment"), ("de", "nos", "jours")}),
    "contact": frozenset({("numéro", "de", "téléphone"), ("numéro", "de", "tél"),
                          ("adresse", "e", "mail")}),
    "role": frozenset({("il", "fait", "quoi"), ("elle", "fait", "quoi"), ("does", "he", "do"),
                       ("does", "she", "do")}),
    # Not "quelles études" alone: the studies a post cites are surveys.
    "payer": frozenset({("who", be, verb) for be in ("s", "is", "was", "will")
                        for verb in PAYING_VERBS}),
    # How many of a set ("how many of the 10 reasons are about customers?") asks for a
    # part of a whole, not the whole a passage counts ("10 bonnes raisons").
    "share": frozenset({("how", "many", "of"), ("combien", "d", "entre")}),
    "education": frozenset({("fait", "quelles", "études"), ("fait", "des", "études"),
                            ("fait", "ses", "études"), ("fait", "comme", "études")}),
}

SAYING_WORDS = frozenset("""dit dire dis disait declare affirme explique raconte ecrit ecrire
ecrivait said say says wrote write writes written""".split())
MEDIUM_WORDS = frozenset("livre livres ouvrage article articles billet blog book books".split())
"""With a place asked for, a verb of saying asks where the words were said or written, in
a broadcast or a text (the "source" cue: "où est-ce que Babinet dit que ...", "where did he
write that"), unless the question names that text ("où a-t-il écrit son livre ?" asks for a
place). Folded, as `plain` reads a question's words."""

PUBLISHING_WORDS = frozenset("""publie publies publiee publiees paru parue parus parues
published telecharger telecharge recuperer recupere chope choper download downloaded
""".split())
"""With a place asked for, a verb of publishing or of fetching a text asks where it came
out or can be had, a medium or a site, even of a text it names ("le billet a été publié où
?", "la note, on peut la récupérer où ?")."""

BROADCAST_WORDS = frozenset("""radio radios tele teles television tv emission emissions podcast
podcasts interview interviews""".split())
WHICH_OR_WHERE = frozenset("quel quelle quels quelles which what où ou where".split())
"""A broadcast asked for, which or where ("sur quelle radio ?", "il a parlé où, à la télé ?"),
asks for a source too: a passage naming the programme answers ("une émission de France
Info"), whatever it calls the medium. Not without such a word ("does he have a podcast?"
asks whether one exists), nor "journal", "chaîne", "show": a diary, a chain, to show
(a channel asked for is: CHANNEL_PAIRS)."""
CHANNEL_PAIRS = frozenset((which, channel)
                          for which in "quel quelle quels quelles which what".split()
                          for channel in "chaine chaines channel channels".split())
"""A channel asked for, folded ("sur quelle chaîne ?", "which channel is it on?"): a
broadcast, the "source" cue, unless a complement follows (CHANNEL_OF): "quelle chaîne
d'approvisionnement", "which channel of sales" ask for a chain, a means."""
CHANNEL_OF = frozenset("de d du des of".split())
