"""Words that do not say what the posts lack, through the real router on the shipped knowledge
without hints and glossary (a newly added post): a misspelt English word weighs against an
answer as the word it stands for; the word of paying is covered by a card giving a price, the
broadcast asked for by a passage naming a programme."""


from sbbot.router import Router
from sbbot.router.verdict import spelt_zipf


def test_a_misspelt_word_is_as_common_as_the_word_it_stands_for() -> None:
    assert spelt_zipf("goverment") == spelt_zipf("government") > 5
    assert spelt_zipf("acording") > 5
    assert spelt_zipf("yammer") == 0  # a name, no misspelt word


def test_a_misspelt_common_word_does_not_count_against_an_answer(bare: Router) -> None:
    for question, entry in (
            ("can the goverment enter your private life without a judge under that law",
             "monde-lpm-attali"),
            ("since when have ppl been enjoying internet and social media acording to the post",
             "monde-meilleur-des-mondes")):
        result = bare.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert result.best.entry.id == entry, question
    assert bare.route("est ce que yammer est payant").verdict != "answer"


def test_an_event_card_giving_its_price_covers_the_word_of_paying(bare: Router) -> None:
    """"Faut payer pour venir à la matinée ?" asks whether one pays: the Geneva morning's
    card ("participation gratuite") covers "payer", as it covers the word of its kind."""
    for question in ("faut payer pour venir a la matinee ?", "faut payer pr venir a la matinee ?"):
        result = bare.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert result.best.entry.type == "event", question


def test_a_passage_giving_the_way_to_sign_up_covers_the_word_of_booking(bare: Router) -> None:
    """"La résa pour les croissants c'est obligatoire ?" of the passage "Inscriptions en
    ligne ... si voulez des croissants, merci de remplir le formulaire"."""
    result = bare.route("la resa pour les croissants cest obligatoire ?")
    assert result.verdict == "answer" and result.best is not None
    assert "formulaire" in result.best.entry.text


def test_a_passage_naming_a_programme_covers_the_broadcast_asked(bare: Router) -> None:
    """"Sur quelle radio ?", "à la télé ?" beside "où" ask for a source: "dans une émission de
    France Info" gives it, though it never writes "radio". A broadcast not asked for ("does
    he have a podcast?", "une bonne radio ?"), asked of a passage naming none (a web
    address, a blog) or of no topic the passage holds, is still a thing the posts never
    name."""
    for question in ("gilles babinet il a parle sur quelle radio", "tu sais ou babinet s est "
                     "exprime, a la tele ?", "which radio programme was gilles babinet on"):
        result = bare.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert "France Info" in result.best.entry.text, question
    for question in ("Does Harold Jarche have a podcast?", "France Info est-elle une bonne "
                     "radio ?", "Gilles Babinet a-t-il un podcast ?",
                     # a web address is no broadcast; nor is a programme of no topic asked
                     "quelle radio écoute Jane McConnell ?",
                     "what radio station does harold jarche listen to?",
                     "quelle émission de télé regarder ce soir ?"):
        assert bare.route(question).verdict != "answer", question
