"""cleanse-shouting: removes shouted page furniture between and around paragraphs.

Rules (each removal's ``reason``):

- ``shout-line``: a paragraph that is only a shouted widget label, in capitals:
  ``ADVERTISEMENT``, ``SHARE THIS``, ``SHARE THIS ARTICLE``, ``SCROLL TO CONTINUE
  WITH CONTENT``, ``SUBSCRIBE NOW``, optionally wrapped in dashes, brackets or
  spaces (``- ADVERTISEMENT -``, ``[ADVERTISEMENT]``).

Only whole paragraphs in capitals go: ``Advertisement revenue fell.`` and
``Share prices rose.`` are body text, and so is a capital subheading such as
``PARTNERSHIP AGREEMENT``.

>>> from cleanse import Pipeline
>>> Pipeline(cleaners=[Shouting()]).clean("Talks began.\\n\\nADVERTISEMENT\\n\\nShare prices rose.").text
'Talks began.\\n\\nShare prices rose.'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import regex

from cleanse import Cleaner, Edit, hookimpl
from cleanse.text import REGEX_TIMEOUT, paragraphs, remove_paragraphs

SHOUTS = ("ADVERTISEMENT", "SHARE THIS", "SHARE THIS ARTICLE", "SCROLL TO CONTINUE WITH CONTENT", "SUBSCRIBE NOW")

# Each wrapper is a single class repeated once: linear, nothing to backtrack into.
_SHOUT = regex.compile(
    r"[\s\-–—\[\](){}*•|]*(?:" + "|".join(regex.escape(s) for s in sorted(SHOUTS, key=len, reverse=True)) + r")"
    r"[\s\-–—\[\](){}*•|.:]*"
)


class Shouting(Cleaner):
    """Remove paragraphs that are only a shouted widget label."""

    name = "shouting"
    order = 550  # after the credits (400), before the feeds (600)
    removes = "shouted page furniture: ADVERTISEMENT, SHARE THIS, SUBSCRIBE NOW, ..."

    def propose(self, text: str, meta: dict[str, Any]) -> list[Edit]:
        paras = paragraphs(text)
        picks = [
            (p.index, "advert", "shout-line")
            for p in paras
            if _SHOUT.fullmatch(p.text, timeout=REGEX_TIMEOUT) is not None
        ]
        return remove_paragraphs(text, paras, picks)


@hookimpl
def register_cleaners(register: Callable[[Cleaner], None]) -> None:
    register(Shouting())
