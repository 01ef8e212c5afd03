"""The SQLite file itself, as an admin meets it: corrupted, damaged, locked, unwritable, or
readable by others. Each problem is one line naming the file, and the file is left as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sbbot.store import StoreError, open_store
from tests.conftest import ROOT


@pytest.fixture
async def subscribed_db(tmp_path: Path) -> Path:
    """A database file holding one subscription, closed."""
    path = tmp_path / "data" / "sbbot.sqlite3"
    store = await open_store(path)
    await store.subscribe("terminal", "terminal", ["daily_quote", "event_reminder"])
    await store.close()
    return path


async def assert_subscriptions_intact(path: Path) -> None:
    store = await open_store(path)
    assert {s.kind for s in await store.subscriptions()} == {"daily_quote", "event_reminder"}
    await store.close()


def run_cli(database: Path, *prefix: str) -> subprocess.CompletedProcess[str]:
    """`sbbot ask '!abonnements'` in a fresh process, as an admin would run it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SBBOT_DATABASE": str(database),
           "SBBOT_KNOWLEDGE_DIR": str(ROOT / "knowledge")}
    return subprocess.run([*prefix, sys.executable, "-m", "sbbot", "ask", "!abonnements"],
                          env=env, cwd=database.parent, capture_output=True, text=True,
                          timeout=60, check=False)


def assert_one_line_error(result: subprocess.CompletedProcess[str], path: Path,
                          reason: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"sbbot: {path}: ")
    assert reason in lines[0]


async def test_a_corrupted_file_is_reported_in_one_line_and_left_untouched(
    subscribed_db: Path, tmp_path: Path
) -> None:
    corrupted = tmp_path / "corrupted.sqlite3"
    shutil.copy(subscribed_db, corrupted)
    with corrupted.open("r+b") as file:
        file.write(b"this is not sqlite " * 300)
    garbage = corrupted.read_bytes()
    with pytest.raises(StoreError) as raised:
        await open_store(corrupted)
    assert str(raised.value) == f"{corrupted}: file is not a database or is corrupted"
    assert_one_line_error(run_cli(corrupted), corrupted, "not a database")
    assert corrupted.read_bytes() == garbage
    await assert_subscriptions_intact(subscribed_db)


async def test_a_damaged_page_is_caught_at_open(subscribed_db: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    shutil.copy(subscribed_db, damaged)
    with damaged.open("r+b") as file:
        file.seek(4096)
        file.write(b"\xff" * 4096)
    with pytest.raises(StoreError, match=r"damaged\.sqlite3: .*corrupted"):
        await open_store(damaged)


async def test_a_locked_file_is_reported_in_one_line(subscribed_db: Path) -> None:
    other = sqlite3.connect(subscribed_db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process's write transaction
    try:
        with pytest.raises(StoreError) as raised:
            await open_store(subscribed_db, timeout=0.1)
        assert str(raised.value).startswith(f"{subscribed_db}: database is locked")
        assert "\n" not in str(raised.value)
        assert_one_line_error(run_cli(subscribed_db), subscribed_db, "database is locked")
    finally:
        other.execute("ROLLBACK")
        other.close()
    await assert_subscriptions_intact(subscribed_db)


async def test_a_lock_taken_while_running_fails_one_write_then_recovers(
    subscribed_db: Path
) -> None:
    store = await open_store(subscribed_db, timeout=0.1)
    other = sqlite3.connect(subscribed_db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="database is locked"):
            await store.unsubscribe("terminal", "terminal", ["daily_quote"])
    finally:
        other.execute("ROLLBACK")
        other.close()
    await store.subscribe("terminal", "other", ["daily_quote"])
    assert len(await store.subscriptions()) == 3
    await store.close()


def without_root_privileges() -> tuple[str, ...]:
    """Root ignores file modes; the same process without the capabilities that let it.

    Returns the command prefix that makes a read-only file really read-only to the child.
    """
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file modes cannot be enforced")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner")


@pytest.mark.parametrize("folder_mode", [0o755, 0o555], ids=["file", "file-and-folder"])
async def test_an_unwritable_file_is_reported_in_one_line_at_start_up(
    subscribed_db: Path, folder_mode: int
) -> None:
    prefix = without_root_privileges()
    folder = subscribed_db.parent
    subscribed_db.chmod(0o400)
    folder.chmod(folder_mode)
    try:
        result = run_cli(subscribed_db, *prefix)
    finally:
        folder.chmod(0o755)
        subscribed_db.chmod(0o644)
    assert_one_line_error(result, subscribed_db, "cannot write (read-only")
    await assert_subscriptions_intact(subscribed_db)


# Secrets at rest ------------------------------------------------------------------------------


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


async def test_a_new_database_is_private_to_its_owner_with_its_journal(tmp_path: Path) -> None:
    path = tmp_path / "data" / "sbbot.sqlite3"
    store = await open_store(path)
    await store.set_value("matrix.access_token", "secret-token")
    wal, shm = path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
    assert wal.exists() and shm.exists()
    assert (mode(path.parent), mode(path), mode(wal), mode(shm)) == (0o700, 0o600, 0o600, 0o600)
    await store.close()


async def test_an_existing_database_readable_by_others_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "sbbot.sqlite3"
    sqlite3.connect(path).close()
    path.chmod(0o644)
    store = await open_store(path)
    await store.close()
    assert mode(path) == 0o600


async def test_a_folder_named_as_the_database_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    with pytest.raises(StoreError) as raised:
        await open_store(folder)
    assert str(raised.value) == f"{folder}: is a folder (SBBOT_DATABASE must name a file)"
    assert_one_line_error(run_cli(folder), folder, "is a folder")


# Tenancy --------------------------------------------------------------------------------------

