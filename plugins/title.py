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
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cleanse.cleaner import Cleaner
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.text import looks_like_headline, normalize_space, paragraphs, remove_paragraphs


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
        if len(paras) < 2 or not looks_like_headline(paras[0].text):
            return
        key = normalize_space(paras[0].text).casefold()
        repeats = 1
        while repeats < len(paras) and normalize_space(paras[repeats].text).casefold() == key:
            repeats += 1
        given = meta.get("title")
        known = isinstance(given, str) and normalize_space(given).casefold() == key
        if repeats == len(paras) or (repeats == 1 and not known):
            return
        meta.setdefault("title", normalize_space(paras[0].text))
        picks = [(0, "title", "title" if repeats > 1 else "given-title")]
        picks += [(i, "title", "repeated-title") for i in range(1, repeats)]
        yield from remove_paragraphs(text, paras, picks)


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Title())
