"""Plugin discovery and ordering.

pluggy finds the plugins: every module named by an entry point in the
``cleanse`` group (the built-ins included) and any module passed in directly.
Each plugin's ``register_cleaners`` hook hands over named cleaners; the host
then orders them itself (by ``order``, then ``before``/``after``, then name),
because pluggy's own call order is not a pipeline order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pluggy

from cleanse import hookspecs
from cleanse.cleaner import Cleaner
from cleanse.config import Config, ConfigError

ENTRY_POINT_GROUP = "cleanse"


class PluginError(RuntimeError):
    """A plugin that cannot be loaded or registered; the message names it."""


@dataclass(frozen=True)
class Registered:
    """A cleaner as discovered, with where it came from and whether it runs."""

    cleaner: Cleaner
    order: int
    enabled: bool
    plugin: str
    """The pluggy plugin (entry point) name that registered it."""
    distribution: str | None
    version: str | None

    @property
    def name(self) -> str:
        return self.cleaner.name


def plugin_manager(extra_plugins: Iterable[object] = ()) -> pluggy.PluginManager:
    """A plugin manager with the entry-point plugins and ``extra_plugins`` loaded."""
    pm = pluggy.PluginManager("cleanse")
    pm.add_hookspecs(hookspecs)
    try:
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    except Exception as exc:  # a broken third-party entry point must name itself
        raise PluginError(f"loading a plugin of entry-point group {ENTRY_POINT_GROUP!r} failed: {exc!r}") from exc
    for plugin in extra_plugins:
        pm.register(plugin)
    return pm


def discover(extra_plugins: Iterable[object] = (), config: Config | None = None) -> list[Registered]:
    """Every registered cleaner, enabled or not, in the order they would run."""
    config = config or Config()
    pm = plugin_manager(extra_plugins)
    dists = _names_and_versions(pm.list_plugin_distinfo())
    found: list[Registered] = []
    names: dict[str, str] = {}
    for impl in reversed(pm.hook.register_cleaners.get_hookimpls()):
        dist, version = dists.get(id(impl.plugin), (None, None))
        collected: list[Cleaner] = []
        try:
            impl.function(register=collected.append)
        except Exception as exc:
            raise PluginError(f"plugin {impl.plugin_name!r} failed in register_cleaners: {exc!r}") from exc
        for cleaner in collected:
            if not isinstance(cleaner, Cleaner) or not cleaner.name:
                raise PluginError(
                    f"plugin {impl.plugin_name!r} registered {cleaner!r}, which is not a named cleanse.Cleaner"
                )
            if cleaner.name in names:
                raise PluginError(
                    f"two plugins register a cleaner named {cleaner.name!r}: "
                    f"{names[cleaner.name]!r} and {impl.plugin_name!r}"
                )
            names[cleaner.name] = impl.plugin_name
            found.append(
                Registered(
                    cleaner=cleaner,
                    order=config.order.get(cleaner.name, cleaner.order),
                    enabled=config.is_enabled(cleaner.name),
                    plugin=impl.plugin_name,
                    distribution=dist,
                    version=version,
                )
            )
    unknown = (set(config.disable) | set(config.enable) | set(config.order)) - set(names)
    if unknown:
        raise ConfigError(f"no plugin named {', '.join(sorted(unknown))} (known: {', '.join(sorted(names))})")
    return resolve_order(found)


def _names_and_versions(distinfo: Iterable[tuple[object, Any]]) -> dict[int, tuple[str, str]]:
    """For each plugin (by ``id``) of pluggy's ``list_plugin_distinfo()``, its distribution's name and version.

    Each read of a distribution's ``metadata`` (its ``version`` too) parses its METADATA file again: read for
    each plugin, the eleven built-ins of one distribution cost 22 parses, 15 ms of a run's start-up. The
    facades pluggy makes for the plugins of one distribution share that distribution: it is read once.
    """
    read: dict[int, tuple[str, str]] = {}
    out: dict[int, tuple[str, str]] = {}
    for plugin, facade in distinfo:
        dist = getattr(facade, "_dist", facade)
        found = read.get(id(dist))
        if found is None:
            metadata = facade.metadata
            found = read[id(dist)] = (metadata["Name"], metadata["Version"])
        out[id(plugin)] = found
    return out


def resolve_order(items: Sequence[Registered]) -> list[Registered]:
    """Sort by (order, name), then honour ``before``/``after`` constraints.

    A stable topological sort: among the cleaners whose constraints are met,
    the one with the lowest (order, name) runs next. A cycle is an error.
    """
    by_name = {r.name: r for r in items}
    must_follow: dict[str, set[str]] = {r.name: set() for r in items}
    for r in items:
        for other in r.cleaner.after:
            if other in by_name:
                must_follow[r.name].add(other)
        for other in r.cleaner.before:
            if other in by_name:
                must_follow[other].add(r.name)
    done: list[Registered] = []
    placed: set[str] = set()
    pending = sorted(items, key=lambda r: (r.order, r.name))
    while pending:
        for r in pending:
            if must_follow[r.name] <= placed:
                done.append(r)
                placed.add(r.name)
                pending.remove(r)
                break
        else:
            cycle = ", ".join(r.name for r in pending)
            raise PluginError(f"before/after constraints form a cycle among: {cycle}")
    return done
