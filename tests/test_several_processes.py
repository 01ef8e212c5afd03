"""Two real `sbbot` processes on one database serving the same channel.

`!raison` and `!citation` hand out every item of a channel's bag before any comes back; with
two processes answering in one channel (two copies for availability, or two shards'
processes behind one terminal), the bag lives in the database, so the rule must hold across
them too, even when both draw at the same moment.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tests.conftest import KNOWLEDGE_DIR, ROOT

REASON = re.compile(r"Raison n°(\d+) ")
ROUNDS = 10


def ask_process(directory: Path, database: str) -> subprocess.Popen[str]:
    """`sbbot ask -`: one reply line per line read, in the terminal channel."""
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith(("SBBOT_", "DISCORD_", "MATRIX_"))}
    environment.update(PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
                       SBBOT_DATABASE=database, SBBOT_KNOWLEDGE_DIR=str(KNOWLEDGE_DIR))
    return subprocess.Popen([sys.executable, "-m", "sbbot", "ask", "--json", "-"],
                            cwd=directory, env=environment, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_drawing_reasons_at_once_give_all_before_any_repeat(
        tmp_path: Path, database_setting: str) -> None:
    processes = [ask_process(tmp_path, database_setting) for _ in range(2)]
    rounds: list[list[int]] = []
    try:
        for _ in range(ROUNDS):
            # Both processes get the command before either answers: the draws overlap.
            for process in processes:
                assert process.stdin is not None
                process.stdin.write("!raison\n")
                process.stdin.flush()
            replies = []
            for process in processes:
                assert process.stdout is not None
                line = process.stdout.readline()
                match = REASON.search(line)
                assert match is not None, line or process.communicate(timeout=30)[1]
                replies.append(int(match.group(1)))
            rounds.append(replies)
    finally:
        for process in processes:
            assert process.stdin is not None
            process.stdin.close()
            process.wait(timeout=30)
    assert [process.returncode for process in processes] == [0, 0]
    first_bag = [reason for replies in rounds[:5] for reason in replies]
    second_bag = [reason for replies in rounds[5:] for reason in replies]
    assert sorted(first_bag) == sorted(second_bag) == list(range(1, 11))
    assert Counter(first_bag + second_bag) == dict.fromkeys(range(1, 11), 2)
