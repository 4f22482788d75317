"""Fixtures of the property suite: the built-in cleaners, run so that failures surface.

Every cleaner the ``cleanse`` distribution registers is a built-in; tests that
take ``builtin_name`` run once per built-in (a test module's ``KNOWN_BUGS``,
name -> mark, marks single cases). The noise removal rates measured by
``test_noise_removed.py`` are printed in the terminal summary.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest

from cleanse.host import discover
from cleanse.pipeline import Pipeline
from cleanse.testing import NoiseStats, StrictRunner

_REPORT = pytest.StashKey[dict[str, NoiseStats]]()


@functools.cache
def builtin_names() -> tuple[str, ...]:
    return tuple(r.name for r in discover() if r.distribution == "cleanse")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "builtin_name" in metafunc.fixturenames:
        known = getattr(metafunc.module, "KNOWN_BUGS", {})
        params = [pytest.param(name, marks=known.get(name, ())) for name in builtin_names()]
        metafunc.parametrize("builtin_name", params)


@pytest.fixture(scope="session")
def builtin_pipeline() -> Pipeline:
    """Every built-in cleaner, in order (third-party plugins, if installed, excluded)."""
    found = Pipeline()
    return Pipeline(cleaners=[r.cleaner for r in found.registry if r.distribution == "cleanse" and r.enabled])


@pytest.fixture(scope="session")
def builtin(builtin_pipeline: Pipeline) -> StrictRunner:
    """The built-in pipeline, run so that a cleaner's exception fails the test."""
    return StrictRunner(builtin_pipeline)


@pytest.fixture(scope="session")
def builtin_alone() -> dict[str, StrictRunner]:
    """Each built-in cleaner on its own, by name (enabled by default or not)."""
    return {r.name: StrictRunner(r.cleaner) for r in discover() if r.distribution == "cleanse"}


@pytest.fixture(scope="session")
def noise_report(request: pytest.FixtureRequest) -> dict[str, NoiseStats]:
    """Noise removal rates by label, printed in the terminal summary."""
    return request.config.stash.setdefault(_REPORT, {})


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    report = config.stash.get(_REPORT, {})
    if report:
        terminalreporter.section("noise removal rates (property 3)")
        for label, stats in report.items():
            terminalreporter.write_line(f"{label}:")
            terminalreporter.write_line(stats.summary())
