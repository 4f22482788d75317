"""A title repeated at the top of the text (scrapers often keep both the page title and the headline).

Rules (each removal's ``reason``):

- ``title``: the first paragraph, when the paragraph after it repeats it.
- ``repeated-title``: each following paragraph equal to the first, ignoring case and
  whitespace (e.g. the same title in lower case).
- ``given-title``: the first paragraph, not repeated, when it equals the ``meta["title"]``
  a reader set (e.g. from the HTML ``<title>``).

The first paragraph must look like a title (short, not ending as a sentence does),
and some text must follow; the first form becomes ``meta["title"]`` (unless a reader
already set one). A sentence repeated further down is body text.

Bylines above the title (``By Ann Lee``, as the credits cleaner reads them) are looked
past: the credits cleaner, which runs later, removes them, and a title found only once they
are gone would be removed by a second cleaning (cleaning must be idempotent).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cleanse.cleaner import Cleaner
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.text import looks_like_headline, normalize_space, paragraphs, remove_paragraphs

from .credits import BYLINE_HEAD, parse_byline


class Title(Cleaner):
    """Remove a title that the next paragraph repeats.

    >>> from cleanse.pipeline import Pipeline
    >>> doc = Pipeline(cleaners=[Title()]).clean("Talks resume\\n\\nTALKS RESUME\\n\\nThe talks resumed.")
    >>> doc.text, doc.meta["title"]
    ('The talks resumed.', 'Talks resume')
    """

    name = "title"
    order = 200
    removes = "a title repeated on the next paragraph (e.g. once more in lower case)"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterator[Edit]:
        paras = paragraphs(text)
        first = 0
        while first < min(len(paras) - 1, BYLINE_HEAD) and parse_byline(paras[first].text) is not None:
            first += 1
        if len(paras) - first < 2 or not looks_like_headline(paras[first].text):
            return
        key = normalize_space(paras[first].text).casefold()
        last = first + 1  # one past the title and its repeats
        while last < len(paras) and normalize_space(paras[last].text).casefold() == key:
            last += 1
        given = meta.get("title")
        known = isinstance(given, str) and normalize_space(given).casefold() == key
        if last == len(paras) or (last == first + 1 and not known):
            return
        meta.setdefault("title", normalize_space(paras[first].text))
        picks = [(first, "title", "title" if last > first + 1 else "given-title")]
        picks += [(i, "title", "repeated-title") for i in range(first + 1, last)]
        yield from remove_paragraphs(text, paras, picks)


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Title())
