"""cleanse: strip boilerplate and noise from news-like documents.

>>> from cleanse import clean
>>> clean("SEOUL (Reuters) - Talks began.\\n").text
'Talks began.'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Cleaner",
    "Config",
    "Document",
    "Edit",
    "Pipeline",
    "Removal",
    "__version__",
    "clean",
    "hookimpl",
]

if TYPE_CHECKING:
    from cleanse.cleaner import Cleaner
    from cleanse.config import Config
    from cleanse.hookspecs import hookimpl
    from cleanse.model import Document, Edit, Removal
    from cleanse.pipeline import Pipeline, clean

# Imported on first use, so that `cleanse --version` and `import cleanse` stay fast.
_LAZY = {
    "Cleaner": "cleanse.cleaner",
    "Config": "cleanse.config",
    "hookimpl": "cleanse.hookspecs",
    "Document": "cleanse.model",
    "Edit": "cleanse.model",
    "Removal": "cleanse.model",
    "Pipeline": "cleanse.pipeline",
    "clean": "cleanse.pipeline",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cleanse' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
