"""Whitespace debris: the first cleaner to run, so the others see tidy lines.

Rules (each removal's ``reason``):

- ``trailing``: spaces and tabs at the end of a line.
- ``crlf``: ``\\r\\n`` and lone ``\\r`` line breaks, made ``\\n``.
- ``blank-run``: runs of blank lines collapsed to one blank line.
- ``leading`` / ``trailing-blank``: blank lines before the first and after the last paragraph.
- ``blank-document``: a document of whitespace only becomes empty.

Each gap between two paragraphs is rewritten as a whole (one edit, with its
replacement logged), so the log stays short even for megabytes of blanks.

The document's own paragraph separator (a single newline or a blank line)
is kept: only runs longer than one blank line shrink.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from cleanse.cleaner import Cleaner
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.text import text_lines


def _is_tidy(text: str) -> bool:
    """Whether no rule applies: the common case, told with string methods (a regex scan is slower).

    >>> _is_tidy("One.\\n\\nTwo."), _is_tidy("One. \\nTwo."), _is_tidy("One.\\n\\n\\nTwo."), _is_tidy("One.\\n")
    (True, False, False, False)
    """
    if text[:1].isspace() or text[-1:].isspace() or "\r" in text:
        return False
    lines = text_lines(text)  # text.split("\n"), kept for the paragraph split the next cleaner asks for
    # A line ending in whitespace (a blank line holding spaces is one too): str.rstrip gives back such a
    # line shorter, and any other as the same object, which the comparison sees at once.
    if tuple(map(str.rstrip, lines)) != lines:
        return False
    # Two blank lines in a row, "\n\n\n" (neither the first line nor the last is blank): faster than a scan for it,
    # and looked for only in a text that has a blank line at all (many separate their paragraphs by one "\n").
    return "" not in lines or ("", "") not in itertools.pairwise(lines)


def _contents(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line's content that is not blank, its trailing whitespace excluded.

    A line is a run of characters other than ``\\r`` and ``\\n`` (``[^\\r\\n]+``): the pieces between them,
    every ``\\r`` made a ``\\n`` (the same length) and the text split at each, the empty pieces left out
    (where two breaks touch). Piece ``i`` starts after the pieces before it and their ``i`` breaks.

    >>> _contents("One. \\r\\n  \\r\\n\\tTwo.")
    [(0, 4), (11, 16)]
    """
    contents = []
    start = 0
    for piece in text.replace("\r", "\n").split("\n"):
        if piece and not piece.isspace():
            contents.append((start, start + len(piece.rstrip())))
        start += len(piece) + 1
    return contents


def _breaks(gap: str) -> int:
    """How many line breaks ``gap`` holds, ``\\r\\n`` counted once (as the pattern ``\\r\\n|\\r|\\n`` finds them).

    >>> _breaks(" \\r\\n\\r\\r\\n\\n \\n")
    5
    """
    return gap.count("\n") + gap.count("\r") - gap.count("\r\n")


class Whitespace(Cleaner):
    """Collapse whitespace debris without changing the paragraph structure.

    >>> from cleanse.pipeline import Pipeline
    >>> Pipeline(cleaners=[Whitespace()]).clean("\\n\\nOne.  \\r\\n\\r\\n\\r\\n\\r\\nTwo.\\t\\n\\n").text
    'One.\\n\\nTwo.'
    """

    name = "whitespace"
    order = 100
    removes = "trailing spaces, \\r line breaks, extra blank lines, leading and trailing blank lines"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterator[Edit]:
        if _is_tidy(text):
            return
        contents = _contents(text)  # string methods: no regex call for each line
        if not contents:
            if text:
                yield Edit(0, len(text), "whitespace", "blank-document")
            return
        if contents[0][0] > 0:
            yield Edit(0, contents[0][0], "whitespace", "leading")
        for (_, gap_start), (gap_end, _) in itertools.pairwise(contents):
            gap = text[gap_start:gap_end]
            breaks = _breaks(gap)
            want = "\n" if breaks == 1 else "\n\n"
            if gap != want:
                reason = "blank-run" if breaks > 2 else "crlf" if "\r" in gap else "trailing"
                yield Edit(gap_start, gap_end, "whitespace", reason, replacement=want)
        if contents[-1][1] < len(text):
            yield Edit(contents[-1][1], len(text), "whitespace", "trailing-blank")


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Whitespace())
