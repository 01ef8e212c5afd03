"""The `sbbot` command as a user runs it: a real subprocess, a real SQLite file."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sbbot.adapters import PLATFORMS
from sbbot.config import known_settings
from tests.conftest import KNOWLEDGE_DIR, ROOT, sbbot

JSON_KEYS = ["kind", "reply", "entry", "score"]
STOPS_WITHIN = 2.5
"""Seconds from the signal to the exit: under the 3 s after which a stop abandons a task."""
ENTRY_KEYS = ["id", "type", "text", "source"]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"SBBOT_DATABASE": str(tmp_path / "bot.sqlite3"),
            "SBBOT_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR),
            "PYTHONPATH": str(ROOT / "src")}


def test_ask_json_stdin_prints_one_object_per_line_in_order(env: dict[str, str]) -> None:
    lines = ["Quand a lieu la matinée à Genève ?", "c'est où ?", "!raison 3", "lol", "",
             "who is guillaume foltran", "!raisn", "\x00\x01 @everyone"]
    result = sbbot("ask", "--json", "-", stdin="\n".join(lines) + "\n", env=env)
    assert result.returncode == 0, result.stderr
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == len(lines)
    for output in outputs:
        assert list(output) == JSON_KEYS
        assert output["kind"] in {"answer", "unsure", "fallback", "command", "error"}
        assert isinstance(output["reply"], str) and output["reply"]
        assert output["entry"] is None or list(output["entry"]) == ENTRY_KEYS
        assert output["score"] is None or isinstance(output["score"], int | float)
    event, where, reason, lol, empty, foltran, typo, hostile = outputs
    assert event["kind"] == "answer" and "Genève" in event["entry"]["text"]
    assert where["kind"] == "fallback"  # each line is asked alone, not as a follow-up
    assert event["entry"]["source"] in event["reply"]
    assert reason["kind"] == "command" and reason["entry"]["type"] == "reason"
    assert lol["kind"] == "fallback" and lol["entry"] is None and lol["score"] is None
    assert empty["kind"] == "fallback"
    assert foltran["kind"] == "answer" and "Foltran" in foltran["entry"]["text"]
    assert typo["kind"] == "error" and "!raison" in typo["reply"]
    assert "@everyone" not in hostile["reply"]


def test_ask_plain_text(env: dict[str, str]) -> None:
    result = sbbot("ask", "!citation", "attali", env=env)
    assert result.returncode == 0, result.stderr
    assert "Jacques Attali" in result.stdout


def test_validate_ok_prints_a_one_line_summary(env: dict[str, str]) -> None:
    result = sbbot("validate", str(KNOWLEDGE_DIR), env=env)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1
    assert "OK" in result.stdout and "10 reasons" in result.stdout


def test_validate_broken_file_names_file_and_line(env: dict[str, str], tmp_path: Path) -> None:
    broken = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, broken)
    quotes = broken / "quotes.yaml"
    text = quotes.read_text()
    quotes.write_text(text.replace("    author:", "    autor:", 1))
    line = next(number for number, content in enumerate(quotes.read_text().splitlines(), 1)
                if content.strip().startswith("autor:"))
    result = sbbot("validate", str(broken), env=env)
    assert result.returncode == 1
    assert f"quotes.yaml:{line}:" in result.stderr
    assert "autor" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("name", "value"), [
    ("SBBOT_TIMEZONE", "Europe/Pariss"),
    ("SBBOT_DAILY_QUOTE_TIME", "25:99"),
    ("SBBOT_QUESTION_COOLDOWN", "-1"),
    ("DISCORD_GUILD_ID", "not-a-number"),
])
def test_bad_setting_is_one_line_naming_it(env: dict[str, str], name: str, value: str) -> None:
    extra = {"DISCORD_TOKEN": "x"} if name.startswith("DISCORD") else {}
    result = sbbot("ask", "!aide", env={**env, **extra, name: value})
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"sbbot: {name}:")


def test_broken_knowledge_at_start_is_reported_not_raised(
        env: dict[str, str], tmp_path: Path) -> None:
    broken = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, broken)
    (broken / "events.yaml").write_text("events: [\n")
    result = sbbot("ask", "!aide", env={**env, "SBBOT_KNOWLEDGE_DIR": str(broken)})
    assert result.returncode == 1
    assert "events.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_dotenv_file_is_read(env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SBBOT_TIMEZONE=Nowhere/Atlantis\n")
    result = sbbot("ask", "!aide", env=env, cwd=tmp_path)
    assert result.returncode == 1
    assert "SBBOT_TIMEZONE" in result.stderr


def test_chat_answers_raison_and_the_geneva_event(env: dict[str, str]) -> None:
    result = sbbot("chat", stdin="!raison\nQuand a lieu la matinée à Genève ?\n", env=env)
    assert result.returncode == 0, result.stderr
    assert "Raison n°" in result.stdout
    assert "vendredi 4 avril 2014" in result.stdout
    assert "À bientôt" in result.stdout


def test_an_empty_line_in_the_chat_only_gives_a_new_prompt(env: dict[str, str]) -> None:
    """Enter on an empty prompt was answered "Bonjour ! Posez-moi une question…"."""
    result = sbbot("chat", stdin="\n   \n\t\n!raison 1\n", env=env)
    assert result.returncode == 0, result.stderr
    prompts = result.stdout.split("vous> ")
    assert prompts[1:4] == ["", "", ""], prompts
    assert prompts[4].startswith("sbbot> Raison n°1 ") and "Bonjour" not in result.stdout


def test_run_without_token_opens_the_terminal_chat(env: dict[str, str]) -> None:
    result = sbbot("run", stdin="!agenda\n", env=env)
    assert result.returncode == 0, result.stderr
    assert "sbbot —" in result.stdout and "Genève" in result.stdout


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_the_terminal_chat_at_once(env: dict[str, str], stop: int) -> None:
    """Ctrl-C (or a service manager's SIGTERM) while the bot waits for a line: it used to
    wait for Enter, its read being a thread that the process joined at exit."""
    process = subprocess.Popen([sys.executable, "-m", "sbbot", "run"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=ROOT, env={**os.environ, **env})
    try:
        assert process.stdout is not None and "sbbot —" in process.stdout.readline()
        process.send_signal(stop)
        process.wait(timeout=STOPS_WITHIN)  # stdin stays open: no end of input to read
        assert process.stderr is not None
        errors = process.stderr.read()
    finally:
        process.kill()
        process.communicate()
    assert process.returncode == 0, errors
    assert "did not stop" not in errors


SECRET = "hunter2-very-secret"


def assert_one_line_failure(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    """Exit 1, one line on stderr naming what is wrong, no traceback, no secret."""
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("sbbot: ")
    assert "Traceback" not in result.stderr and SECRET not in result.stderr + result.stdout
    for text in expected:
        assert text in result.stderr


MATRIX = {"MATRIX_USER_ID": "@sbbot:example.org", "MATRIX_PASSWORD": SECRET}


@pytest.mark.parametrize(("settings", "expected"), [
    ({"SBBOT_CATCH_UP_HOURS": "1e308"}, "SBBOT_CATCH_UP_HOURS: expected a number from 0 to 168"),
    ({"SBBOT_CATCH_UP_HOURS": "1e10"}, "SBBOT_CATCH_UP_HOURS: expected a number from 0 to 168"),
    ({"SBBOT_CATCH_UP_HOURS": "inf"}, "SBBOT_CATCH_UP_HOURS: expected a number from 0 to 168"),
    ({"SBBOT_QUESTION_COOLDOWN": "nan"}, "SBBOT_QUESTION_COOLDOWN: expected a number"),
    ({"SBBOT_TIMEZONE": "Europe"}, "SBBOT_TIMEZONE: unknown time zone 'Europe'"),
    ({"MATRIX_HOMESERVER": f"https://sbbot:{SECRET}@matrix.example.org", **MATRIX},
     "MATRIX_HOMESERVER: remove the user name and password"),
    ({"MATRIX_HOMESERVER": f"matrix.example.org/{SECRET}", **MATRIX},
     "MATRIX_HOMESERVER: expected a URL"),
    ({"MATRIX_HOMESERVER": "https://matrix.example.org", "MATRIX_ACCESS_TOKEN": SECRET,
      "MATRIX_USER_ID": SECRET}, "MATRIX_USER_ID: expected a full user id"),
], ids=["catch-up-1e308", "catch-up-1e10", "catch-up-inf", "cooldown-nan", "zone-folder",
        "homeserver-password", "homeserver-no-scheme", "user-id-is-the-token"])
def test_a_bad_setting_is_one_line_without_secret(
        env: dict[str, str], settings: dict[str, str], expected: str) -> None:
    assert_one_line_failure(sbbot("ask", "!aide", env={**env, **settings}), expected)


def test_a_folder_as_database_is_one_line(env: dict[str, str], tmp_path: Path) -> None:
    result = sbbot("ask", "!aide", env={**env, "SBBOT_DATABASE": str(tmp_path)})
    assert_one_line_failure(result, f"sbbot: {tmp_path}: is a folder")


@pytest.mark.parametrize(("content", "expected"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", ".env:1: not UTF-8 text"),
    ("SBBOT_TIMEZONE=Europe/Paris\n# réglages du café\n".encode("latin-1"),
     ".env:2: not UTF-8 text"),
    (f"SBBOT_TIMEZONE=Europe/Paris\nDISCORD_TOKEN={SECRET}\x00\n".encode(),
     ".env:2: contains a NUL byte"),
    (f'SBBOT_TIMEZONE=Europe/Paris\nDISCORD_TOKEN "{SECRET}"\n'.encode(),
     ".env:2: cannot read this line"),
    (f'MATRIX_PASSWORD="{SECRET}\nSBBOT_TIMEZONE=UTC\n'.encode(), ".env:1: cannot read"),
], ids=["binary", "latin-1", "nul-byte", "no-equals", "unclosed-quote"])
def test_an_unreadable_dotenv_stops_the_start_in_one_line(
        env: dict[str, str], tmp_path: Path, content: bytes, expected: str) -> None:
    (tmp_path / ".env").write_bytes(content)
    result = sbbot("ask", "!aide", env=env, cwd=tmp_path)
    assert_one_line_failure(result, f"{tmp_path / '.env'}", expected)


def test_a_misspelt_dotenv_key_is_pointed_out(env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SBBOT_TIMZONE=UTC\nSBBOT_FROBNICATE=1\nEDITOR=vi\n")
    result = sbbot("ask", "!aide", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2, result.stderr
    assert "unknown setting SBBOT_TIMZONE ignored (did you mean SBBOT_TIMEZONE?)" in warnings[0]
    assert "unknown setting SBBOT_FROBNICATE ignored" in warnings[1]


def test_every_documented_setting_is_known() -> None:
    documented = {line.split("=", 1)[0] for line in (ROOT / ".env.example").read_text().splitlines()
                  if line and not line.startswith("#")}
    assert documented <= known_settings(PLATFORMS)


def test_a_debug_run_logs_neither_password_nor_token(env: dict[str, str], tmp_path: Path) -> None:
    """The store and settings path at DEBUG: a configured token, a token the server gave at
    login (stored, as the Matrix adapter does), and a homeserver URL with credentials in an
    error."""
    issued = "opaque-issued-by-the-server-at-login-xyz"
    script = f"""
import asyncio, json, logging, os
from pathlib import Path
from sbbot.cli import start_up
from sbbot.store import Store, open_store

settings = start_up(Path(".env"), os.environ)

async def main():
    store = await open_store(settings.database)
    session = json.dumps({{"access_token": {issued!r}, "device_id": "DEV"}})
    await store.set_value("matrix.session", session)
    await store.set_value("matrix.token", {issued!r})
    assert await store.get_value("matrix.session") == session
    await store.close()
    logging.getLogger("sbbot.matrix").error(
        "cannot reach https://sbbot:%s@matrix.example.org/_matrix?access_token=%s",
        {SECRET!r}, {issued!r})

asyncio.run(main())
"""
    settings = {**env, "SBBOT_LOG_LEVEL": "DEBUG", "MATRIX_HOMESERVER": "https://matrix.example.org",
                "MATRIX_USER_ID": "@sbbot:example.org", "MATRIX_PASSWORD": SECRET,
                "MATRIX_ACCESS_TOKEN": "syt_c2Jib3Q_configured_token_1234"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=tmp_path, env={**os.environ, **settings}, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    logged = result.stderr
    assert "DEBUG asyncio: Using selector" in logged  # the run really is at DEBUG
    assert "ERROR sbbot.matrix: cannot reach https://***@matrix.example.org" in logged
    for secret in (SECRET, issued, "syt_c2Jib3Q_configured_token_1234", "issued-by-the-server"):
        assert secret not in logged


@pytest.mark.parametrize("port", ["99999", "http", "0"])
def test_a_bad_http_port_is_one_line(env: dict[str, str], port: str) -> None:
    result = sbbot("ask", "!aide", env={**env, "SBBOT_HTTP_PORT": port})
    assert_one_line_failure(result, "SBBOT_HTTP_PORT: expected a TCP port from 1 to 65535")
