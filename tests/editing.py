"""Another process editing a knowledge directory: what `!apprendre` and `sbbot import` must
wait for before they read and write its files."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOLDER = """
import sys, time
from pathlib import Path
from sbbot.importer.hints import editing
with editing(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@contextmanager
def edited_elsewhere(directory: Path, seconds: float) -> Iterator[None]:
    """A child process holds the edit lock of `directory` for `seconds` from when this
    enters; on leaving, the child has ended."""
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(directory), str(seconds)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "held\n"
        yield
    finally:
        child.wait(timeout=30)
