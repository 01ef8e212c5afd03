"""A chat platform as `sbbot run` sees it: the settings it declares, and where its adapter
lives (imported only when configured, so each platform's library stays optional)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sbbot.config import ConfigError

if TYPE_CHECKING:
    from sbbot.cooldown import Cooldown
    from sbbot.engine import Engine

    from .base import ChatAdapter


@dataclass(frozen=True)
class Platform:
    """What a platform declares, like opsdroid's connectors declare `CONFIG_SCHEMA`: its
    settings (read with the core's by `sbbot.config`), and its adapter class."""

    name: str
    prefix: str
    settings: frozenset[str]
    secrets: tuple[str, ...]
    reader: Callable[[Mapping[str, str]], object | None]
    adapter: str
    """`module:Class`, imported when the platform is configured."""
    extra: str | None = None
    """The pip extra that installs the platform's library, if it is not a base dependency."""

    def read(self, env: Mapping[str, str]) -> object | None:
        return self.reader(env)

    def start(self, engine: Engine, settings: Any, cooldown: Cooldown) -> ChatAdapter[Any]:
        module, _, name = self.adapter.partition(":")
        try:
            adapter: type[ChatAdapter[Any]] = getattr(importlib.import_module(module), name)
        except ImportError:
            raise ConfigError(f"{min(self.settings)}: {self.name} support is not installed "
                              f"(pip install 'sbbot[{self.extra}]', or use make run)") from None
        return adapter(engine, settings, cooldown)
