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

import regex

from cleanse.cleaner import Cleaner
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.text import REGEX_TIMEOUT

_LINE = regex.compile(r"[^\r\n]+")
_BREAK = regex.compile(r"\r\n|\r|\n")


def _is_tidy(text: str) -> bool:
    """Whether no rule applies: the common case, told with string methods (a regex scan is slower).

    >>> _is_tidy("One.\\n\\nTwo."), _is_tidy("One. \\nTwo."), _is_tidy("One.\\n\\n\\nTwo."), _is_tidy("One.\\n")
    (True, False, False, False)
    """
    if text[:1].isspace() or text[-1:].isspace() or "\r" in text:
        return False
    lines = text.split("\n")
    # A line ending in whitespace (a blank line holding spaces is one too): str.rstrip gives back such a
    # line shorter, and any other as the same object, which the list comparison sees at once.
    if list(map(str.rstrip, lines)) != lines:
        return False
    # Two blank lines in a row, "\n\n\n" (neither the first line nor the last is blank): faster than a scan for it.
    return ("", "") not in itertools.pairwise(lines)


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
        # (start, end) of each non-blank line's content, trailing whitespace excluded.
        contents = [
            (m.start(), m.start() + len(m.group().rstrip()))
            for m in _LINE.finditer(text, timeout=REGEX_TIMEOUT)
            if not m.group().isspace()
        ]
        if not contents:
            if text:
                yield Edit(0, len(text), "whitespace", "blank-document")
            return
        if contents[0][0] > 0:
            yield Edit(0, contents[0][0], "whitespace", "leading")
        for (_, gap_start), (gap_end, _) in itertools.pairwise(contents):
            gap = text[gap_start:gap_end]
            breaks = len(_BREAK.findall(gap))
            want = "\n" if breaks == 1 else "\n\n"
            if gap != want:
                reason = "blank-run" if breaks > 2 else "crlf" if "\r" in gap else "trailing"
                yield Edit(gap_start, gap_end, "whitespace", reason, replacement=want)
        if contents[-1][1] < len(text):
            yield Edit(contents[-1][1], len(text), "whitespace", "trailing-blank")


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Whitespace())
