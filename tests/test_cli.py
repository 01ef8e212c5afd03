"""The `sbbot` command as a user runs it: a real subprocess, a real SQLite file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import KNOWLEDGE_DIR, ROOT

JSON_KEYS = ["kind", "reply", "entry", "score"]
ENTRY_KEYS = ["id", "type", "text", "source"]


def sbbot(*args: str, stdin: str = "", env: dict[str, str] | None = None,
          cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sbbot", *args], input=stdin, capture_output=True, text=True,
        cwd=cwd, env={**os.environ, **(env or {})}, timeout=60, check=False,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"SBBOT_DATABASE": str(tmp_path / "bot.sqlite3"),
            "SBBOT_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR),
            "PYTHONPATH": str(ROOT / "src")}


def test_ask_json_stdin_prints_one_object_per_line_in_order(env: dict[str, str]) -> None:
    lines = ["Quand a lieu la matinée à Genève ?", "!raison 3", "lol", "",
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
    event, reason, lol, empty, foltran, typo, hostile = outputs
    assert event["kind"] == "answer" and "Genève" in event["entry"]["text"]
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


def test_run_without_token_opens_the_terminal_chat(env: dict[str, str]) -> None:
    result = sbbot("run", stdin="!agenda\n", env=env)
    assert result.returncode == 0, result.stderr
    assert "sbbot —" in result.stdout and "Genève" in result.stdout
