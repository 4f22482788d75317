"""Configuration: which cleaners run, in what order, with what options.

Read from ``cleanse.toml`` (top level) or the ``[tool.cleanse]`` table of
``pyproject.toml``, in the current directory or the nearest parent that has
one; ``--config FILE`` names a file instead. Command-line options are applied
on top::

    [tool.cleanse]
    disable = ["feeds"]                 # same as -p no:feeds
    order = { dateline = 350 }          # same as --order dateline=350
    strict = false                      # same as --strict

    [tool.cleanse.options.extract]      # options passed to one cleaner
    favor_precision = true
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any


class ConfigError(ValueError):
    """A configuration file or option that cannot be used; the message says why."""


@dataclass(frozen=True)
class Config:
    """The effective configuration of a pipeline (picklable, immutable)."""

    disable: frozenset[str] = frozenset()
    enable: frozenset[str] = frozenset()
    order: Mapping[str, int] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    strict: bool = False
    max_bytes: int = 50_000_000
    source: str | None = None
    """The file the settings came from, or None for built-in defaults."""

    def is_enabled(self, name: str) -> bool:
        return name in self.enable or name not in self.disable

    def with_cli(
        self,
        plugin_flags: Iterable[str] = (),
        order_flags: Iterable[str] = (),
        strict: bool | None = None,
    ) -> Config:
        """Apply ``-p no:NAME`` / ``-p NAME`` and ``--order NAME=N`` on top of this config.

        >>> c = Config(disable=frozenset({"feeds"})).with_cli(["no:title", "feeds"], ["dateline=350"])
        >>> sorted(c.disable), sorted(c.enable), dict(c.order)
        (['title'], ['feeds'], {'dateline': 350})
        """
        disable, enable = set(self.disable), set(self.enable)
        for flag in plugin_flags:
            if flag.startswith("no:"):
                name = flag[3:]
                disable.add(name)
                enable.discard(name)
            else:
                name = flag
                enable.add(name)
                disable.discard(name)
            if not name:
                raise ConfigError(f"-p needs a plugin name, as in -p no:NAME (got {flag!r})")
        order = dict(self.order)
        for flag in order_flags:
            name, sep, value = flag.partition("=")
            try:
                order[name.strip()] = int(value)
            except ValueError:
                raise ConfigError(f"--order takes NAME=NUMBER (got {flag!r})") from None
            if not sep or not name.strip():
                raise ConfigError(f"--order takes NAME=NUMBER (got {flag!r})")
        return replace(
            self,
            disable=frozenset(disable),
            enable=frozenset(enable),
            order=order,
            strict=self.strict if strict is None else strict,
        )


def _from_table(table: Mapping[str, Any], source: str) -> Config:
    known = {"disable", "enable", "order", "options", "strict", "max_bytes"}
    unknown = set(table) - known
    if unknown:
        raise ConfigError(f"{source}: unknown setting(s) {', '.join(sorted(unknown))}; known: {sorted(known)}")

    def names(key: str) -> frozenset[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{source}: {key} must be a list of plugin names")
        return frozenset(value)

    order = table.get("order", {})
    if not isinstance(order, dict) or not all(isinstance(v, int) and not isinstance(v, bool) for v in order.values()):
        raise ConfigError(f"{source}: order must be a table of plugin name = integer")
    options = table.get("options", {})
    if not isinstance(options, dict) or not all(isinstance(v, dict) for v in options.values()):
        raise ConfigError(f"{source}: options must be a table of tables, one per plugin")
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"{source}: strict must be true or false")
    max_bytes = table.get("max_bytes", Config.max_bytes)
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes <= 0:
        raise ConfigError(f"{source}: max_bytes must be a positive integer")
    return Config(
        disable=names("disable"),
        enable=names("enable"),
        order=dict(order),
        options={k: dict(v) for k, v in options.items()},
        strict=strict,
        max_bytes=max_bytes,
        source=source,
    )


def load_file(path: Path) -> Config:
    """Read one ``cleanse.toml`` or ``pyproject.toml`` (its ``[tool.cleanse]`` table)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("cleanse", {})
    else:
        table = data.get("tool", {}).get("cleanse", data)
    return _from_table(table, str(path))


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``cleanse.toml``, or ``pyproject.toml`` with a ``[tool.cleanse]`` table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "cleanse.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if "cleanse" in data.get("tool", {}):
                return candidate
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """The configuration from ``path``, else from the nearest config file, else defaults."""
    found = path if path is not None else find_config(start)
    return load_file(found) if found is not None else Config()
