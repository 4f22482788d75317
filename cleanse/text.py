"""Helpers shared by cleaners: paragraphs, paragraph removals, metadata slots.

A paragraph is a non-blank line. Documents separate paragraphs either by a
single newline or by a blank line; removing a paragraph must not leave its
separator behind, so :func:`remove_paragraphs` extends each removal over the
separator that follows it (or, at the end of the text, the one before it).
"""

from __future__ import annotations

import operator
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from itertools import accumulate, compress, count, repeat
from typing import Any, NamedTuple

from cleanse.model import Edit, Removal

#: Upper bound, in seconds, for any single pattern match. Patterns are written
#: not to backtrack; the timeout is a backstop so no input can hang a run.
REGEX_TIMEOUT = 2.0


class Paragraph(NamedTuple):
    """A non-blank line: ``text[start:end]`` without its line break.

    >>> [p.text for p in paragraphs("One.\\n\\nTwo.\\r\\n")]
    ['One.', 'Two.']
    """

    index: int  # type: ignore[assignment]  # the field hides tuple.index, which no caller needs
    start: int
    end: int
    text: str


# The last text split, and its paragraphs: the cleaners of one document mostly see the
# same text object in turn (most propose no edit), so each splits it once, not once per cleaner.
# Holding the text keeps its identity from being reused; tuples are replaced atomically.
_last_split: tuple[str, tuple[Paragraph, ...]] = ("", ())
# Paragraph(...) without the Python-level __new__ of a named tuple: its fields, in order, as one tuple.
_make_paragraph = partial(tuple.__new__, Paragraph)


def paragraphs(text: str) -> list[Paragraph]:
    """The non-blank lines of ``text``, with their offsets (``\\r`` excluded)."""
    global _last_split, _followed
    last_text, last_paras = _last_split
    if text is last_text:
        return list(last_paras)
    out = _split(text, text_lines(text))
    _last_split = (text, tuple(out))
    _followed = ((), (), ())  # what it held is no longer asked for: let its paragraphs go
    return out


def text_lines(text: str) -> tuple[str, ...]:
    """``text.split("\\n")``, as a tuple, remembered for the last text asked about.

    The whitespace cleaner looks at a document's lines, and the next cleaner asks for the paragraphs of the
    same text: it is cut into lines once.

    >>> text_lines("One.\\n\\nTwo.")
    ('One.', '', 'Two.')
    """
    global _last_lines
    last_text, last = _last_lines
    if text is last_text:
        return last
    got = tuple(text.split("\n"))
    _last_lines = (text, got)
    return got


# The last text text_lines cut, and its lines (held, as _last_split holds its text).
_last_lines: tuple[str, tuple[str, ...]] = ("", ("",))


def _split(text: str, lines: Sequence[str] | None = None, base: int = 0, first: int = 0) -> list[Paragraph]:
    """The paragraphs of ``text`` (``lines``: its lines, if known), their offsets moved by ``base`` and their
    indices counted from ``first``."""
    # The offsets and the texts, a list at a time (no loop in Python: most documents are split several times).
    if lines is None:
        lines = text.split("\n")
    if "\r" not in text and all(lines) and not any(map(str.isspace, lines)):
        # Every line a paragraph as it is, as in most documents (a 4,700-character one: 15 -> 12 µs a split).
        lengths = list(map(len, lines))
        firsts = list(map(operator.add, accumulate(lengths, initial=base), count()))  # one more than the lines
        return list(map(_make_paragraph, zip(count(first), firsts, map(operator.add, firsts, lengths), lines)))
    # A line is kept if it is not empty and not all whitespace (str.isspace() is False for "").
    kept = list(map(operator.and_, map(operator.truth, lines), map(operator.not_, map(str.isspace, lines))))
    # Line i starts after the lines before it and their i line breaks.
    starts = list(compress(map(operator.add, accumulate(map(len, lines), initial=base), count()), kept))
    texts = list(map(str.removesuffix, compress(lines, kept), repeat("\r")))
    ends = map(operator.add, starts, map(len, texts))
    return list(map(_make_paragraph, zip(count(first), starts, ends, texts)))


# The last split that follow_edits carried over to an edited text: (its paragraphs, the paragraphs of the
# text before the edits, and for each new paragraph the index of the old one it is, or -1 for one split anew).
_followed: tuple[tuple[Paragraph, ...], tuple[Paragraph, ...], tuple[int, ...]] = ((), (), ())
# follow_edits works a Python step per edit and a C-level step per paragraph, a split a C-level step per
# character: it pays for a long text with few edits (and keeps its paragraphs' word counts, shape.words_before).
_FOLLOW_MIN_PARAGRAPHS = 256
_FOLLOW_EDITS_PER_PARAGRAPH = 0.25


def follow_edits(
    old: str,
    new: str,
    removed: Sequence[Removal],
    *,
    minimum: int = _FOLLOW_MIN_PARAGRAPHS,
    per_paragraph: float = _FOLLOW_EDITS_PER_PARAGRAPH,
) -> None:
    """Make the split of ``new`` from that of ``old``, where ``new`` is ``old`` with one cleaner's ``removed``
    applied (``pipeline.apply_edits``'s log: in text order, none overlapping), if ``old`` was the last text split.

    Only the lines an edit touches are split again: a paragraph is a line, so the lines wholly before, between
    and after the edits are the paragraphs they were (the same text objects), moved by what the edits before
    them added or took. The paragraphs are those ``paragraphs(new)`` would give (tests/test_text.py checks).

    Edits that only cut the text's end at a line break (a comment section, a related list, a footer taken to
    the end), whatever the text's length, leave the paragraphs before the cut as they were: they are kept, no
    line is split again. Longer texts with few edits elsewhere are followed as above; others are split anew.

    >>> old = "One.\\n\\nPhoto: X\\nTwo.\\n\\nThree."
    >>> _ = paragraphs(old)
    >>> from cleanse.pipeline import apply_edits
    >>> new, log = apply_edits(old, [Edit(6, 15, "caption", "photo")], "captions")
    >>> follow_edits(old, new, log, minimum=1)
    >>> from cleanse import text
    >>> paragraphs(new) == text._split(new), text._followed[2]  # "Two." lost its line break's edit: split again
    (True, (0, -1, 3))
    """
    global _last_split, _followed
    last_text, paras = _last_split
    if last_text is not old:
        return
    cut = len(new)
    if removed and _cut_at_line_break(old, cut, removed):
        kept = paras[: bisect_left(paras, cut, key=_START)]  # on lines that end before the cut
        _last_split = (new, kept)
        _followed = (kept, paras, tuple(range(len(kept))))
        return
    n = len(paras)
    if n < minimum or len(removed) > n * per_paragraph:
        return
    out: list[Paragraph] = []
    origin: list[int] = []
    kept_from = 0  # the next old paragraph not yet placed
    shift = 0  # what the edits so far added to the text's length (negative: what they took)
    i = 0
    while i < len(removed):
        # A region of whole lines of the old text: from the start of the line where an edit starts to the line
        # break after it, taking in the edits that start before that break. Its line breaks at both ends are
        # no edit's: the region is split again, the paragraphs between regions carried over.
        region_shift = shift
        line_start = old.rfind("\n", 0, removed[i].start - shift) + 1
        line_end = -1
        while i < len(removed):
            r = removed[i]
            r_start = r.start - shift  # where it started in the old text
            if r_start > line_end >= 0:
                break
            found = old.find("\n", r_start + len(r.text))
            line_end = max(line_end, len(old) if found < 0 else found)
            shift += len(r.replacement) - len(r.text)
            i += 1
        inside = bisect_left(paras, line_start, kept_from, key=_START)
        if region_shift or len(out) != kept_from:
            out += _moved(paras[kept_from:inside], region_shift, len(out))
        else:  # where nothing moved (before the first edit): the paragraphs themselves
            out += paras[kept_from:inside]
        origin += range(kept_from, inside)
        split = _split(new[line_start + region_shift : line_end + shift], None, line_start + region_shift, len(out))
        out += split
        origin += repeat(-1, len(split))
        kept_from = bisect_right(paras, line_end, inside, key=_START)
    out += _moved(paras[kept_from:], shift, len(out))
    origin += range(kept_from, n)
    carried = tuple(out)  # one tuple for both: read back from _last_split, it could be another thread's
    _last_split = (new, carried)
    _followed = (carried, paras, tuple(origin))


def _cut_at_line_break(old: str, cut: int, removed: Sequence[Removal]) -> bool:
    """Whether ``removed`` (``apply_edits``'s log) only took the end of ``old`` from ``cut`` on, where a line ends.

    Each removal stands at the end of the new text with nothing in its place: the new text is ``old[:cut]``.
    At a line break, the lines before the cut are whole in it, and so are their paragraphs.

    >>> from cleanse.pipeline import apply_edits
    >>> old = "One.\\nTwo.\\nMore stories\\nA link"
    >>> new, log = apply_edits(old, [Edit(9, len(old), "related", "heading")], "related")
    >>> new, _cut_at_line_break(old, len(new), log)
    ('One.\\nTwo.', True)
    """
    for r in removed:
        if r.start != cut or r.replacement:
            return False
    return cut < len(old) and (cut == 0 or old[cut - 1] == "\n" or old[cut] == "\n")


def _moved(paras: Sequence[Paragraph], shift: int, first: int) -> Iterator[Paragraph]:
    """``paras`` moved by ``shift`` characters, numbered from ``first``."""
    return map(
        _make_paragraph,
        zip(
            count(first),
            map(operator.add, map(_START, paras), repeat(shift)),
            map(operator.add, map(_END, paras), repeat(shift)),
            map(_TEXT, paras),
        ),
    )


_START, _END, _TEXT = operator.itemgetter(1), operator.itemgetter(2), operator.itemgetter(3)


def paragraphs_containing(text: str, paras: Sequence[Paragraph], needles: Iterable[str]) -> set[int]:
    """The indices of the paragraphs of ``text`` (``paras``, its split) that contain one of ``needles``.

    Found by searching the whole text, a paragraph at most once for each needle: cheaper than testing
    each paragraph where most have none. A needle must hold no ``\\n`` or ``\\r`` (so that it lies in one
    paragraph's text) and not be all whitespace (so that its line is a paragraph).

    >>> t = "Talks began.\\n\\nIt was posted by X.\\nA line\\n(Reporting by Ann Lee)"
    >>> sorted(paragraphs_containing(t, paragraphs(t), (" by ", "posted")))
    [1, 3]
    """
    starts = [p.start for p in paras]
    found: set[int] = set()
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            found.add(i)
            at = text.find(needle, paras[i].end)  # the next paragraph that has it
    return found


def remove_paragraphs(
    text: str,
    paras: Sequence[Paragraph],
    picks: Iterable[tuple[int, str, str]],
) -> list[Edit]:
    """Edits that remove whole paragraphs together with their separators.

    ``paras`` is ``paragraphs(text)``; ``picks`` are ``(index, kind, reason)``.
    Each removed paragraph takes the whitespace up to the next paragraph; a
    run of removed paragraphs that reaches the end of the text instead takes
    the whitespace before each one, so no trailing separator is left over.

    >>> t = "Body.\\n\\nPhoto: X\\n\\nMore body."
    >>> ps = paragraphs(t)
    >>> [(e.start, e.end) for e in remove_paragraphs(t, ps, [(1, "caption", "photo")])]
    [(7, 17)]
    >>> t = "Body.\\nOTHER NEWS\\nA headline\\n"
    >>> ps = paragraphs(t)
    >>> [t[e.start:e.end] for e in remove_paragraphs(t, ps, [(1, "feed", "h"), (2, "feed", "i")])]
    ['\\nOTHER NEWS', '\\nA headline\\n']
    """
    chosen = {i: (kind, reason) for i, kind, reason in picks}
    if not chosen:
        return []
    # The first index of the removed run that reaches the end of the text.
    tail = len(paras)
    while tail > 0 and (tail - 1) in chosen:
        tail -= 1
    edits: list[Edit] = []
    for i in sorted(chosen):
        kind, reason = chosen[i]
        p = paras[i]
        if i >= tail:
            start = paras[i - 1].end if i > 0 else 0
            end = p.end if i + 1 < len(paras) else len(text)
            edits.append(Edit(start, end, kind, reason))
        else:
            edits.append(Edit(p.start, paras[i + 1].start, kind, reason))
    return edits


def remove_span_in_paragraph(p: Paragraph, start: int, end: int, kind: str, reason: str) -> Edit:
    """An edit removing ``p.text[start:end]`` (offsets within the paragraph)."""
    return Edit(p.start + start, p.start + end, kind, reason)


CREDIT_ROLES = ("authors", "reporters", "editors", "photo")


def credits_slot(meta: dict[str, Any]) -> dict[str, Any]:
    """``meta["credits"]``, created with every key of the documented shape.

    >>> m = {}
    >>> credits_slot(m)["authors"].append("A. Writer")
    >>> m["credits"]
    {'authors': ['A. Writer'], 'reporters': [], 'editors': [], 'photo': [], 'source': None}
    """
    slot: dict[str, Any] = meta.setdefault("credits", {})
    for role in CREDIT_ROLES:
        slot.setdefault(role, [])
    slot.setdefault("source", None)
    return slot


def add_unique(items: list[str], *names: str) -> None:
    """Append each non-empty name not already in ``items`` (case-insensitive)."""
    seen = {x.casefold() for x in items}
    for name in names:
        name = " ".join(name.split())
        if name and name.casefold() not in seen:
            items.append(name)
            seen.add(name.casefold())


def normalize_space(s: str) -> str:
    """``s`` with every run of whitespace made one space, and no space at either end.

    >>> normalize_space("  Putin  vows\\tto act ")
    'Putin vows to act'
    """
    return " ".join(s.split())


_SENTENCE_END = ".,;:"


def looks_like_headline(line: str, max_chars: int = 200) -> bool:
    """Whether ``line`` is short and does not end as a sentence does: a title, heading or link text.

    Used to tell titles and feed headlines from body prose, which ends in a full stop.

    >>> looks_like_headline("Which NBA Draft prospects fit the needs of each lottery team?")
    True
    >>> looks_like_headline("Moscow and Pyongyang have denied arms transfers.")
    False
    >>> looks_like_headline("4 hrs ago"), looks_like_headline("x" * 201), looks_like_headline("---")
    (True, False, False)
    """
    s = line.strip()
    # A letter: found at once in most lines, which open or close with one, else by a scan.
    return (
        0 < len(s) <= max_chars
        and s[-1] not in _SENTENCE_END
        and (s[0].isalpha() or s[-1].isalpha() or any(map(str.isalpha, s)))
    )
