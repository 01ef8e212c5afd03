"""JSON Schema for each kind of knowledge file, from the same declarations the loader uses.

Editors read them through yaml-language-server (VS Code's YAML extension and others): each
shipped file names its schema on its first line, so an admin gets completion, the field
descriptions and red underlines while typing. `sbbot schema` writes them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from sbbot.knowledge.model import EventsFile, Post, QuotesFile, ReasonsFile, SynonymsFile

KINDS: dict[str, type[Any]] = {"post": Post, "quotes": QuotesFile, "reasons": ReasonsFile,
                               "events": EventsFile, "synonyms": SynonymsFile}
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str) -> dict[str, Any]:
    return {"$schema": DIALECT, **TypeAdapter(KINDS[kind]).json_schema()}


def header(kind: str, depth: int = 0) -> str:
    """The first line of a knowledge file `depth` folders below the knowledge directory."""
    return f"# yaml-language-server: $schema={'../' * depth}schema/{kind}.json"


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = directory / f"{kind}.json"
        path.write_text(json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
        written.append(path)
    return written
