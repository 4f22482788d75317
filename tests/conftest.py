"""Hypothesis profiles for the whole test suite.

- ``ci`` (default): a few hundred examples per property, no deadline, and the
  example database in ``.hypothesis/`` at the project root, so that a failure
  found once is replayed first on the next run (CI should cache that folder).
- ``dev``: fast feedback while editing (50 examples).
- ``thorough``: thousands of examples, for a long local run.

Pick one with ``pytest --hypothesis-profile=thorough`` or ``HYPOTHESIS_PROFILE``.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

# The third-party plugin distribution is tested in its own virtualenv (tests/test_entrypoint.py).
collect_ignore = ["plugin_pkg"]

_DATABASE = DirectoryBasedExampleDatabase(Path(__file__).resolve().parent.parent / ".hypothesis" / "examples")

settings.register_profile(
    "ci",
    max_examples=250,
    deadline=None,
    derandomize=False,
    database=_DATABASE,
    print_blob=True,
    # Generated pages are large composites and the machine may be busy: slow is not a bug.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("dev", settings.get_profile("ci"), max_examples=50)
settings.register_profile("thorough", settings.get_profile("ci"), max_examples=3000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
