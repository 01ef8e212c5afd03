"""Smoke tests of the bench: small sizes, tiny time budgets, no timing assertions.

What matters here is that `sbbot bench` keeps running and keeps its output format as the
router and the knowledge evolve; the figures themselves are for `make bench`.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.devset import DevsetError, Question, load_questions, stratified_order
from benchmarks.harness import Options, run
from benchmarks.methods import METHODS, FullScanRouter, RouterMatcher, router_best
from benchmarks.synthetic import synthetic_entries
from benchmarks.thresholds import Scored, choose_threshold, rates
from sbbot import cli
from sbbot.entries import Entry, entries_of
from sbbot.knowledge import load_knowledge
from sbbot.router import Router
from tests.conftest import KNOWLEDGE_DIR
from tests.postgres import PostgresServer

ROW_KEYS = {"method", "kb_size", "accuracy", "rejection", "p50_ms", "p99_ms", "build_s",
            "rss_mb"}
CORPUS_WORDS = sorted({word for entry in entries_of(load_knowledge(KNOWLEDGE_DIR))
                       for word in entry.text.split()})
DEVSET = """
questions:
  - q: "Qui est Guillaume Foltran ?"
    expect: [dw-foltran, matinee-entreprise-de-demain-2014]
    lang: fr
  - q: "Quand a lieu la matinée à Genève ?"
    expect: [matinee-entreprise-de-demain-2014, dw-accueil]
    lang: fr
  - q: "what is the difference between cooperation and collaboration"
    expect: [coop-downes-jarche]
    lang: en
  - {q: "recette de la tarte aux pommes", expect: offtopic, lang: fr}
  - {q: "c'est quoi le meilleur forfait mobile ?", expect: offtopic, lang: fr}
"""

@pytest.fixture(scope="module")
def real() -> list[Entry]:
    return list(entries_of(load_knowledge(KNOWLEDGE_DIR)))


@pytest.fixture
def devset(tmp_path: Path) -> Path:
    path = tmp_path / "devset.yaml"
    path.write_text(DEVSET, encoding="utf-8")
    return path


def test_synthetic_knowledge_is_deterministic_sized_and_keeps_the_real_entries(
        real: list[Entry]) -> None:
    first = synthetic_entries(real, 500, seed=3)
    assert first == synthetic_entries(real, 500, seed=3)
    assert first != synthetic_entries(real, 500, seed=4)
    assert len(first) == 500
    assert {entry.id for entry in real} <= {entry.id for entry in first}
    assert len({entry.id for entry in first}) == 500
    assert first[: len(real)] != real, "real entries must not sit first, winning every tie"


def test_threshold_maximises_accuracy_plus_rejection() -> None:
    scored = [Scored(90, True, False), Scored(70, True, False), Scored(40, False, False),
              Scored(60, False, True), Scored(30, False, True)]
    threshold = choose_threshold(scored)
    assert 60 < threshold < 70
    found = rates(scored, threshold)
    assert found.accuracy == pytest.approx(2 / 3)
    assert found.rejection == 1.0


def test_stratified_order_keeps_the_off_topic_share_in_every_prefix() -> None:
    questions = [Question(f"q{number}", frozenset() if number % 4 == 0 else frozenset({"x"}),
                          "fr") for number in range(40)]
    order = stratified_order(questions, seed=1)
    assert sorted(order, key=lambda q: q.text) == sorted(questions, key=lambda q: q.text)
    for size in (4, 8, 20):
        assert sum(question.offtopic for question in order[:size]) == size // 4


def test_devset_with_an_unknown_entry_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "devset.yaml"
    path.write_text('questions:\n  - {q: "x", expect: [no-such-entry], lang: fr}\n')
    with pytest.raises(DevsetError, match="no-such-entry"):
        load_questions(path, {"dw-foltran"})


def test_the_shipped_dev_set_matches_the_knowledge(real: list[Entry]) -> None:
    questions = load_questions(KNOWLEDGE_DIR.parent / "tests" / "data" / "devset.yaml",
                               {entry.id for entry in real})
    assert any(question.offtopic for question in questions)


def test_full_scan_reference_agrees_when_every_entry_is_a_candidate(
        real: list[Entry]) -> None:
    matcher = RouterMatcher(real[:20], {})
    reference = FullScanRouter.sharing(matcher.router)
    for text in ("Qui est Guillaume Foltran ?", "coopération ou collaboration", "tarte"):
        assert router_best(reference, text) == matcher.best(text)


@pytest.fixture(scope="module")
def archive(real: list[Entry]) -> tuple[Router, FullScanRouter]:
    """A synthetic archive big enough for the router's pruning to skip most entries."""
    synonyms = dict(load_knowledge(KNOWLEDGE_DIR).synonyms)
    router = Router(synthetic_entries(real, 3000, seed=5), synonyms)
    return router, FullScanRouter.sharing(router)


def test_router_ranks_the_dev_set_as_a_full_scan(
        archive: tuple[Router, FullScanRouter]) -> None:
    router, reference = archive
    questions = load_questions(KNOWLEDGE_DIR.parent / "tests" / "data" / "devset.yaml",
                               {entry.id for entry in router.entries})
    for question in questions:
        assert router.route(question.text) == reference.route(question.text), question.text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(CORPUS_WORDS), min_size=1, max_size=8))
def test_router_ranks_any_bag_of_corpus_words_as_a_full_scan(
        archive: tuple[Router, FullScanRouter], bag: list[str]) -> None:
    router, reference = archive
    text = " ".join(bag)
    assert router.route(text) == reference.route(text)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_every_method_names_an_entry_with_a_score(method: str, real: list[Entry]) -> None:
    matcher = METHODS[method](real, {})
    found = matcher.best("Qui est Guillaume Foltran, chez Bouygues Telecom ?")
    assert found.entry_id in {entry.id for entry in real}
    assert found.score > 0


def test_json_rows_have_exactly_the_documented_keys(devset: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    options = Options(KNOWLEDGE_DIR, devset, sizes=(None, 300),
                      methods=("router", "rapidfuzz", "engine"), budget=1.0, repeat=0.05,
                      json=True)
    assert run(options, out, err) == 0, err.getvalue()
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(row["method"], row["kb_size"]) for row in rows] == [
        ("router", 77), ("rapidfuzz", 77), ("router", 300), ("rapidfuzz", 300), ("engine", 77)]
    for row in rows:
        assert set(row) == ROW_KEYS
        assert 0 <= row["accuracy"] <= 1 and 0 <= row["rejection"] <= 1
        assert 0 < row["p50_ms"] <= row["p99_ms"]
        assert row["build_s"] >= 0 and row["rss_mb"] > 0
    assert "questions/s" in err.getvalue() and "Machine:" in err.getvalue()


def test_table_names_the_machine_the_targets_and_the_anchor_ratios(devset: Path) -> None:
    out = io.StringIO()
    options = Options(KNOWLEDGE_DIR, devset, sizes=(None,),
                      methods=("router", "difflib", "tantivy", "bm25s"), budget=1.0,
                      repeat=0.05)
    assert run(options, out, io.StringIO()) == 0
    text = out.getvalue()
    assert text.splitlines()[0].split()[:8] == ["method", "kb_size", "accuracy", "rejection",
                                                "p50_ms", "p99_ms", "build_s", "rss_mb"]
    assert "faster than difflib at 77" in text and "threshold" in text
    assert "p99 within 1.5x tantivy at 77" in text
    ratios = [line.split() for line in text.splitlines() if " vs bm25s " in line]
    assert len(ratios) == 1 and ratios[0][:3] == ["77", "vs", "bm25s"]
    assert "cores (nproc)" in text


def test_start_up_is_measured_on_knowledge_files_cold_then_from_the_cache(
        devset: Path) -> None:
    out = io.StringIO()
    options = Options(KNOWLEDGE_DIR, devset, sizes=(None, 300), methods=("startup",))
    assert run(options, out, io.StringIO()) == 0
    line = next(line for line in out.getvalue().splitlines()
                if line.startswith("Start-up on 300 entries as knowledge files"))
    found = re.search(r"cache\) ([0-9.]+) s, .* from the cache ([0-9.]+) s \(", line)
    assert found is not None, line
    build, load = float(found[1]), float(found[2])
    assert 0 < load < build, line


def test_cli_rejects_unknown_methods_and_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["bench", "--methods", "router,grep"]) == 2
    assert "grep" in capsys.readouterr().err
    assert cli.main(["bench", "--sizes", "shipped,lots"]) == 2
    assert "lots" in capsys.readouterr().err


def test_the_pathological_row_names_every_path_and_its_slowest_input() -> None:
    from benchmarks import pathological

    out = io.StringIO()
    inputs = {"? x40": "?" * 40, "> x40": ">" * 40, "@ x40": "@a " * 13}
    assert pathological.run(KNOWLEDGE_DIR, out, as_json=True, inputs=inputs, repeats=1) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [row["path"] for row in rows] == ["engine.handle (terminal)",
                                             *pathological.paths()]
    assert all(row["slowest_input"] in inputs and row["ms"] >= 0 for row in rows)


def test_the_store_rows_measure_both_back_ends_and_claim_each_key_once(
        postgres: PostgresServer) -> None:
    from benchmarks import store

    out = io.StringIO()
    assert store.run(out, as_json=True, postgres_url=postgres.url(), seconds=0.1,
                     keys=40) == 0
    rows = {row["row"]: row for row in map(json.loads, out.getvalue().splitlines())}
    assert list(rows) == ["router alone", "engine, store writes discarded", "engine + SQLite",
                          "engine + PostgreSQL", "claims, 3 processes, SQLite",
                          "claims, 3 processes, PostgreSQL"]
    assert all(rows[name]["questions_per_s"] > 0 for name in list(rows)[:4])
    sqlite, postgresql = (rows[f"claims, 3 processes, {name}"] for name in ("SQLite",
                                                                            "PostgreSQL"))
    assert postgresql["claimed"] == 40 and postgresql["failed_claims"] == 0
    # At most once; a key nobody won was failed by all three processes (a busy file).
    assert 40 - sqlite["failed_claims"] // 3 <= sqlite["claimed"] <= 40
