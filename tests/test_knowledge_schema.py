"""The JSON Schemas given to admins' editors: committed as exported, named by every shipped
and imported file, and agreeing with `sbbot validate` on valid and broken files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from sbbot.cli import main
from sbbot.knowledge.schema import KINDS, header, json_schema
from tests.knowledge_files import (
    CASES,
    EVENTS,
    SHIPPED,
    VALID_FILES,
    Case,
    edit,
    write_knowledge,
)


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's JSON Schema sees it: dates and times stay strings."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def kind_of(name: str) -> str:
    return "post" if name.startswith("posts/") else name.removesuffix(".yaml")


def schema_errors(kind: str, text: str) -> list[str]:
    """What the exported JSON Schema, checked by the independent `jsonschema`, says."""
    try:  # through JSON, as an editor hands it over: every key a string
        instance = json.loads(json.dumps(yaml.load(text, Loader=EditorLoader)))
    except (yaml.YAMLError, TypeError) as error:
        return [f"YAML: {error}"]
    validator = jsonschema.Draft202012Validator(json_schema(kind))
    return [error.message for error in validator.iter_errors(instance)]


def shipped_files() -> list[Path]:
    return sorted([*SHIPPED.glob("*.yaml"), *SHIPPED.glob("posts/*.yaml")])


def test_the_committed_schemas_are_the_exported_ones(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0

    for kind in KINDS:
        written = json.loads((tmp_path / f"{kind}.json").read_text(encoding="utf-8"))
        committed = json.loads((SHIPPED / "schema" / f"{kind}.json").read_text(encoding="utf-8"))
        assert written == committed == json_schema(kind), f"run `sbbot schema` ({kind})"
        jsonschema.Draft202012Validator.check_schema(written)


@pytest.mark.parametrize("path", shipped_files(), ids=lambda path: path.name)
def test_every_shipped_file_names_its_schema_and_validates_against_it(path: Path) -> None:
    name = path.relative_to(SHIPPED).as_posix()
    text = path.read_text(encoding="utf-8")

    assert text.splitlines()[0] == header(kind_of(name), name.count("/"))
    assert schema_errors(kind_of(name), text) == []


NOT_EXPRESSIBLE = {
    "missing required file": "no file to give the schema",
    "duplicate key": "YAML keeps the last value: the JSON instance never sees both",
    "boolean key": "JSON object keys are strings: `on` reaches the schema as 'True'",
    "duplicate id across files": "cross-file",
    "dangling post reference": "cross-file: the post files present",
    "slug and file name differ": "depends on the file name",
    "duplicate reason number": "uniqueness of a field across list items",
    "synonym under two words": "uniqueness across lists",
    "bad date": "calendar validity (April 31st) is not a pattern",
    "end before start": "a comparison between two fields",
    "bad time zone": "the IANA database is not copied into the schema",
    "reminder over a year": "a numeric bound inside a string: the pattern bounds digits only",
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_schema_and_validate_reject_the_same_broken_files(tmp_path: Path,
                                                              case: Case) -> None:
    name = next(name for name, value in CASES.items() if value is case)
    root = write_knowledge(tmp_path, {case.file: case.new_text})

    validate_rejects = main(["validate", str(root)]) == 1
    schema_rejects = case.new_text is not None and bool(
        schema_errors(kind_of(case.file), case.new_text))

    assert validate_rejects
    # Where JSON Schema cannot say it, the schema must really accept it (the list stays true).
    assert schema_rejects == (name not in NOT_EXPRESSIBLE), NOT_EXPRESSIBLE.get(name)


@pytest.mark.parametrize("name", VALID_FILES)
def test_the_schema_and_validate_accept_the_same_valid_files(tmp_path: Path, name: str) -> None:
    variants = [VALID_FILES[name]]
    if name == "events.yaml":
        variants.append(edit(EVENTS, "reminders: [7d, 1d, 1h]", "reminders: [366d, 007h, 1m]"))
    for text in variants:
        root = write_knowledge(tmp_path, {name: text})
        assert main(["validate", str(root)]) == 0
        assert schema_errors(kind_of(name), text) == []


def test_imported_files_name_their_schema_and_validate_against_it(tmp_path: Path) -> None:
    into = tmp_path / "imported"
    into.mkdir()
    dump = Path(__file__).resolve().parent / "data" / "posts.txt"
    assert main(["import", str(dump), "--into", str(into)]) == 0

    written = sorted(into.rglob("*.yaml"))
    assert len(written) == 7  # five posts, the quotes and the events
    for path in written:
        name = path.relative_to(into).as_posix()
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == header(kind_of(name), name.count("/")), name
        assert schema_errors(kind_of(name), text) == [], name
