"""Hook specifications: the one contract between cleanse and its plugins.

A plugin is a module (or object) with a ``register_cleaners`` function marked
with :data:`hookimpl`, made known to cleanse through an entry point in the
``cleanse`` group. The built-in cleaners are registered the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from cleanse.cleaner import Cleaner

hookspec = pluggy.HookspecMarker("cleanse")
hookimpl = pluggy.HookimplMarker("cleanse")


@hookspec
def register_cleaners(register: Callable[[Cleaner], None]) -> None:
    """Hand cleanse the cleaners this plugin provides.

    Called once when a pipeline is built, before any document is read. Call
    ``register(cleaner)`` once per :class:`cleanse.Cleaner` instance. Each
    cleaner has a unique ``name`` (what users type in ``-p no:NAME``), an
    ``order`` (lower runs first; the built-ins use 100 to 900) and a one-line
    ``removes`` description shown by ``cleanse plugins``.

    The host, not pluggy, decides the order in which cleaners run: by
    ``order``, then ``before``/``after`` constraints, then name.

    Example::

        from cleanse import Cleaner, Edit, hookimpl

        class Shouting(Cleaner):
            name = "shouting"
            order = 650
            removes = "lines written entirely in capitals"

            def propose(self, text, meta):
                ...

        @hookimpl
        def register_cleaners(register):
            register(Shouting())
    """
