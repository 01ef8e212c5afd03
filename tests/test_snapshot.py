"""Persisted snapshots: start-up is a load when the knowledge is unchanged, and a damaged
cache is rebuilt. On a copy of the shipped knowledge."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sbbot import snapshot
from sbbot.knowledge import KnowledgeError
from sbbot.snapshot import (
    MAGIC,
    Snapshot,
    cache_path,
    fingerprint,
    open_snapshot,
    read_cache,
    rebuild,
)
from tests.conftest import KNOWLEDGE_DIR

QUESTION = "Qui est Guillaume Foltran ?"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, copy)
    return copy


def cached_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("snapshot-*.pickle"))


def unbuildable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any build fail loudly: what follows must be a load."""
    def refuse(cls: type[Snapshot], directory: Path) -> Snapshot:
        raise AssertionError(f"built {directory} instead of loading it")

    monkeypatch.setattr(Snapshot, "load", classmethod(refuse))


def test_start_up_with_unchanged_knowledge_loads_the_cached_snapshot(
        knowledge: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    built = open_snapshot(knowledge, cache)
    assert len(cached_files(cache)) == 1
    unbuildable(monkeypatch)
    loaded = open_snapshot(knowledge, cache)
    assert loaded is not built
    assert loaded.knowledge == built.knowledge
    assert loaded.router.route(QUESTION) == built.router.route(QUESTION)


def test_a_changed_file_changes_the_key_and_the_snapshot(knowledge: Path,
                                                         tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = open_snapshot(knowledge, cache)
    key = fingerprint(knowledge)
    post = knowledge / "posts" / "digital-workplace.yaml"
    post.write_text(post.read_text(encoding="utf-8").replace("Foltran", "Foltrane"),
                    encoding="utf-8")
    assert fingerprint(knowledge) != key
    after = open_snapshot(knowledge, cache)
    assert len(cached_files(cache)) == 2
    assert after.knowledge != before.knowledge
    assert any("Foltrane" in entry.text for entry in after.router.entries)


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "another key", "not a pickle"])
def test_a_corrupt_or_stale_cache_is_ignored_and_rebuilt(knowledge: Path, tmp_path: Path,
                                                         damage: str) -> None:
    cache = tmp_path / "cache"
    built = open_snapshot(knowledge, cache)
    key = fingerprint(knowledge)
    path = cache_path(cache, key)
    data = bytearray(path.read_bytes())
    if damage == "flip a byte":
        data[len(data) // 2] ^= 0xFF
    elif damage == "truncate":
        del data[len(data) // 3:]
    elif damage == "another key":
        data[len(MAGIC):len(MAGIC) + len(key)] = ("0" * len(key)).encode()
    else:
        data = bytearray(b"this is not a snapshot")
    path.write_bytes(bytes(data))
    assert read_cache(path, key) is None
    rebuilt = open_snapshot(knowledge, cache)
    assert rebuilt.router.route(QUESTION) == built.router.route(QUESTION)
    assert read_cache(path, key) is not None, "the rebuilt snapshot replaces the damaged file"


@pytest.mark.parametrize("in_process_bytes", [0, snapshot.IN_PROCESS_BYTES],
                         ids=["child process", "small knowledge in this process"])
def test_a_reload_reports_problems_wherever_it_builds(knowledge: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      in_process_bytes: int) -> None:
    monkeypatch.setattr(snapshot, "IN_PROCESS_BYTES", in_process_bytes)
    quotes = knowledge / "quotes.yaml"
    quotes.write_text(quotes.read_text(encoding="utf-8") + "\nnot: [valid\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as raised:
        rebuild(knowledge, tmp_path / "cache")
    assert raised.value.problems and raised.value.problems[0].file.endswith("quotes.yaml")
