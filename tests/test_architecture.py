"""The core knows no platform: a third one touches only `sbbot/adapters/`, its tests and the
README (docs/adding-a-platform.md). Checked on the source itself, module by module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sbbot.adapters import PLATFORMS
from sbbot.adapters.discord import DiscordAdapter
from sbbot.adapters.matrix import MatrixAdapter
from tests.conftest import ROOT

SOURCE = ROOT / "src" / "sbbot"
CORE = sorted(path for path in SOURCE.rglob("*.py") if SOURCE / "adapters" not in path.parents)
CHAT_LIBRARIES = ("discord", "nio")
PLATFORM_WORDS = ("DISCORD_", "MATRIX_", "<@", "<#", "@everyone", "@here", "@room")
"""Platform settings and mention syntax: no string of the core may carry them."""
PLATFORM_LIMITS = {adapter.message_limit for adapter in (DiscordAdapter, MatrixAdapter)}


def imported(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def strings(tree: ast.Module) -> list[str]:
    """String constants that are code, not documentation (bare string statements)."""
    documentation = {id(node.value) for node in ast.walk(tree)
                     if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in documentation]


def length_limits(tree: ast.Module) -> dict[str, object]:
    """Module constants that read as a text length limit: `MAX_REPLY_CHARS = 2000`."""
    found: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and isinstance(node.value, ast.Constant) \
                        and any(word in target.id for word in ("CHARS", "LIMIT", "LENGTH")):
                    found[target.id] = node.value.value
    return found


@pytest.mark.parametrize("path", CORE, ids=lambda path: str(path.relative_to(SOURCE)))
def test_no_core_module_knows_a_platform(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = imported(tree)
    assert [name for name in names if name.split(".")[0] in CHAT_LIBRARIES] == []
    adapter_modules = {name for name in names if name.startswith("sbbot.adapters.")}
    assert adapter_modules <= {f"sbbot.adapters.{name}" for name in (
        "PLATFORMS", "TERMINAL", "ChatAdapter", "terminal_message")}, \
        "only the registry (sbbot.adapters) may be imported outside adapters/"
    if path.name != "cli.py":
        assert "sbbot.adapters" not in names, "only cli.py starts adapters"
    assert [text for text in strings(tree) if any(word in text for word in PLATFORM_WORDS)] \
        == []
    assert {name: value for name, value in length_limits(tree).items()
            if value in PLATFORM_LIMITS} == {}


def test_every_platform_declares_its_settings_under_its_prefix() -> None:
    for platform in PLATFORMS:
        assert platform.settings and all(name.startswith(platform.prefix)
                                         for name in platform.settings)
        assert set(platform.secrets) <= platform.settings


def test_the_two_chat_adapters_hold_only_platform_code() -> None:
    lines = sum(len((SOURCE / "adapters" / name).read_text().splitlines())
                for name in ("discord.py", "matrix.py"))
    assert lines <= 556, "two thirds of the 834 lines they held before the shared path"


def test_test_modules_share_harnesses_not_each_other() -> None:
    """Fixtures and helpers used by several test modules live in harness modules (registered
    as plugins by `tests/conftest.py`), so running one test file never runs or imports
    another's tests."""
    test_modules = sorted((ROOT / "tests").rglob("test_*.py"))
    importing = {path.name: sorted(name for name in imported(ast.parse(path.read_text("utf-8")))
                                   if name.split(".")[-1].startswith("test_"))
                 for path in test_modules}
    assert {name: found for name, found in importing.items() if found} == {}
