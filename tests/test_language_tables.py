"""A serving bot reads every language table before members talk to it
(`sbbot.language.tables`): a table left out would make the first members' questions wait."""

from __future__ import annotations

import json
import subprocess
import sys

LIST_UNREAD_TABLES = """
import importlib, inspect, json, pkgutil
import sbbot.language
from sbbot.language import tables
tables.read_all()
unread = []
for info in pkgutil.iter_modules(sbbot.language.__path__):
    module = importlib.import_module(f"sbbot.language.{info.name}")
    for name, value in vars(module).items():
        if not hasattr(value, "cache_info") or value.__module__ != module.__name__:
            continue
        parameters = list(inspect.signature(value).parameters)
        expected = 2 if parameters == ["lang"] else 1
        if parameters in ([], ["lang"]) and value.cache_info().currsize < expected:
            unread.append(f"{module.__name__}.{name}")
print(json.dumps(unread))
"""


def test_read_all_reads_every_table_of_the_language_package() -> None:
    """A table is a cached function of nothing or of the language; each is read, for both
    languages. Run in a fresh interpreter, where no other test has read any."""
    found = subprocess.run([sys.executable, "-c", LIST_UNREAD_TABLES], capture_output=True,
                           text=True, check=True)
    assert json.loads(found.stdout) == []
