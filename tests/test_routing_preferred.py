"""Which of two near passages answers, through the real router on the shipped knowledge:
the one giving what the question asks for (a price, a broadcast, a reason, a job, a
statement, the word asked for, people for "who") goes ahead of a slightly better ranked one
that does not."""



from sbbot.language.giving import gives
from sbbot.router import Match, Router
from sbbot.router.verdict import (
    giving_first,
    naming_first,
    reasoned_first,
)


def test_a_who_question_prefers_the_tied_passage_naming_people(bare: Router) -> None:
    # The invitation and the event card cover "presents", "geneva", "morning" alike; only
    # the card names the speakers.
    result = bare.route(
        "who presents at the geneva morning")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "matinee-entreprise-de-demain-2014"


def test_a_passage_giving_the_asked_price_goes_ahead_of_a_slightly_better_one(
        router: Router) -> None:
    free = router.entry("matinee-entreprise-de-demain-2014")
    other = router.entry("dw-invitation")
    assert gives(free.text, "price") and not gives(other.text, "price")
    close = [Match(other, 70.0), Match(free, 65.0)]
    assert [match.entry.id for match in giving_first(close, {"price"})] == [free.id, other.id]
    assert giving_first(close, {"date"}) == close  # an event card gives a date to anything
    far = [Match(other, 70.0), Match(free, 50.0)]
    assert giving_first(far, {"price"}) == far


def test_asking_where_something_was_said_prefers_the_passage_naming_the_broadcast(
        router: Router) -> None:
    said = router.entry("monde-babinet-france-info")
    statement = router.entry("monde-babinet-raison")
    assert gives(said.text, "source") and not gives(statement.text, "source")
    tied = [Match(statement, 100.0), Match(said, 100.0)]
    assert [match.entry.id for match in giving_first(tied, {"source"})] == [said.id,
                                                                           statement.id]
    result = router.route("où est-ce que Babinet dit que nos dirigeants raisonnent comme au "
                          "siècle passé ?")
    assert result.verdict == "answer" and result.best and result.best.entry.id == said.id


def test_a_passage_holding_the_word_asked_for_goes_ahead_of_a_slightly_better_one(
        router: Router) -> None:
    """"Quelles règles d'or ...?": the word after "quel" names what the answer is."""
    rules = router.entry("retours-analyse-mcconnell")
    other = router.entry("coop-illustrer-valeur")
    (asked,) = [term.stem for term in router.query_terms("quelles règles ?")]

    def contains(match: Match, term: str) -> bool:
        return term in {found.stem for found in router.query_terms(match.entry.text)}

    assert contains(Match(rules, 0.0), asked) and not contains(Match(other, 0.0), asked)
    close = [Match(other, 53.0), Match(rules, 48.0)]
    assert [match.entry.id for match in naming_first(close, {asked}, contains)] == [
        rules.id, other.id]
    far = [Match(other, 70.0), Match(rules, 48.0)]
    assert naming_first(far, {asked}, contains) == far
    result = router.route("Sur quelles études l’auteur s’appuie-t-il pour démontrer l’intérêt "
                          "d’une stratégie social business ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == "raisons-presentation"  # "études", not "raisons-question"


def test_a_why_question_prefers_a_passage_giving_a_reason(bare: Router) -> None:
    invitation = bare.entry("dw-retour-bouygues")
    reason = bare.entry("raison-retours-experience")
    tied = [Match(invitation, 100.0), Match(reason, 100.0)]
    assert [match.entry.id for match in reasoned_first(tied, True)] == [reason.id,
                                                                        invitation.id]
    assert reasoned_first(tied, False) == tied
    below = [Match(invitation, 66.0), Match(reason, 60.0)]  # the reason is no tie-break
    assert reasoned_first(below, True) == below
    result = bare.route("Pourquoi partager ses retours d'experience ?")
    assert result.verdict == "answer" and result.best is not None
    assert result.best.entry.id == reason.id


def test_who_someone_is_prefers_a_passage_stating_their_job(bare: Router) -> None:
    result = bare.route("Who is Guillaume Foltran?")
    assert result.verdict == "answer" and result.best is not None
    assert "responsable de la Bureautique Digitale" in result.best.entry.text


def test_what_something_is_prefers_a_tied_passage_stating_something(router: Router) -> None:
    # Not the post's own question ("pourquoi devrions-nous ... ?"), nor the lead-in of a list
    # the passage does not hold ("... des enjeux et des tendances :").
    for question, stated in (("c'est quoi le social business ?",
                              "ne se limitent surtout pas au déploiement d’une plateforme"),
                             ("who is jane mcconnell?",
                              "Avec l’analyse publiée par Jane McConnell")):
        result = router.route(question)
        assert result.verdict == "answer" and result.best is not None, question
        assert stated in result.best.entry.text, question
