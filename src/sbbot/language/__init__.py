"""Knowledge of French and English that serves every post, not the five shipped ones.

The router understands members through the language itself: lemmas (simplemma's, so that
"inscris" meets "inscrire" and "presenting" meets "present"), a general English -> French
lexicon (so that an English question meets a French passage), the general frequency of words
(wordfreq's, so that a rare word weighs more than an everyday one even on a few dozen
passages), and the kind of answer a question asks for (a date, a place, a price ...). The
corpus glossary (`synonyms.yaml`) only adds what is particular to the posts.
"""
