"""Bylines and credit lines: who wrote, reported, edited the story, and where it first ran.

Rules (each removal's ``reason``; each removes the whole paragraph):

- ``byline``: ``By A, B and C`` as a short paragraph among the first or last few
  -> ``authors``; an outlet after ``|`` or a last ``, Reuters`` -> ``source`` (if not set).
- ``credit-line``: ``ROLE by NAMES`` segments separated by ``;``, in brackets or not, as in
  ``(Reporting by A in Moscow; Additional reporting by B; Editing by C)`` or
  ``Edited by RFA Staff.``: reporting and research -> ``reporters``, writing -> ``authors``,
  editing -> ``editors``, photos -> ``photo``.
- ``originally-published``: ``This content originally appeared on SOURCE [and was authored by
  NAMES [for OUTLET]].``, ``This post was originally published on SOURCE.`` -> ``source``
  (the first one found) and ``authors``.

Names are split on ``,``, `` and `` and ``&``; a leading ``By`` and trailing ``in PLACE`` or
``for OUTLET`` are dropped. Every name must look like one (one to five capitalised words, no
digits, not a weekday or month), so ``By the end of the week, ...``, ``By 2030 ...`` and
``Reporting by local media suggested ...`` stay in the body.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from itertools import product, repeat
from typing import Any

import regex

from cleanse.cleaner import Cleaner
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.text import (
    REGEX_TIMEOUT,
    Paragraph,
    add_unique,
    credits_slot,
    paragraphs,
    remove_paragraphs,
)

BYLINE_HEAD, BYLINE_TAIL = 5, 3
_BY = ("By", "BY")  # what a byline opens with, after whitespace
_BYLINE = regex.compile(r"\s*(?:By|BY)\s+(?P<names>[^|·•]{2,150}?)(?:\s*[|·•]\s*(?P<outlet>[^|·•]{2,60}?))?\s*")
# The last part of "By A, Reuters": one word, or a name ending as outlets' names do.
_OUTLET = regex.compile(r"\S+|.{0,40}\b(?:News|Press|Agency|Times|Post|Herald|Journal|Tribune|Wire|Radio|TV)")
_SEGMENT = regex.compile(
    r"\s*(?P<role>(?i:(?:additional\s+)?(?:reporting|writing|editing|research|photos?|photography|"
    r"reported|written|edited|compiled)(?:\s+and\s+(?:reporting|writing|editing))?))\s+by\s+(?P<names>.+)"
)
_ORIGIN = regex.compile(
    r"\s*(?:This\s+(?:content|article|story|post|piece|report)\s+(?:was\s+|is\s+)?)?(?i:originally|first)\s+"
    r"(?:appeared|published|posted)\s+(?:on|in|at)\s+(?P<source>(?=\p{Lu})[^;]{1,80}?)"
    r"(?:\s+and\s+(?:was\s+)?(?:authored|written)\s+by\s+(?P<names>[^;]{1,120}?))?\.?"
)
_ORIGIN_INITIALS = ("T", "O", "o", "F", "f")
# The first four letters of the roles of _SEGMENT: additional, reporting, reported, writing, written, editing, edited,
# research, photo(s), photography, compiled.
_ROLE_OPENINGS = frozenset(("addi", "repo", "writ", "edit", "rese", "phot", "comp"))
_NAME_SPLIT = regex.compile(r"\s*(?:,|&|\band\b)\s*")
_AFFIX = regex.compile(r"^(?:By|BY)\s+|\s+(?:in|for)\s+\p{Lu}.*$|\.$")
_WORD = regex.compile(r"\p{Lu}[\p{L}\p{M}'’.-]*")
_PARTICLES = {"de", "da", "del", "der", "van", "von", "bin", "al", "la", "le", "du", "dos", "y"}
_NOT_NAMES = {
    *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "the"),
    *("january", "february", "march", "april", "may", "june", "july", "august"),
    *("september", "october", "november", "december"),
}


def _may_be_origin(line: str) -> bool:
    """Whether ``line`` has a verb ``_ORIGIN`` needs: most paragraphs are turned down without matching.

    (A regex call with a timeout costs microseconds even when it fails at once.) Before the verbs,
    its first letter: a match opens, after whitespace (which ``str.lstrip`` strips too), with
    ``This``, or ``originally`` or ``first`` in any case (no other letter matches o or f so).

    >>> _may_be_origin("This post was originally published on X."), _may_be_origin("We published it.")
    (True, False)
    """
    if line.lstrip()[:1] not in _ORIGIN_INITIALS:
        return False
    return "appeared" in line or "published" in line or "posted" in line


def split_names(text: str) -> list[str] | None:
    """The names in ``text``, or None when some part does not look like a name.

    >>> split_names("Hyonhee Shin and Josh Smith and Guy Faulconbridge in Moscow")
    ['Hyonhee Shin', 'Josh Smith', 'Guy Faulconbridge']
    >>> split_names("By Taejun Kang for RFA"), split_names("the end of the week, officials said")
    (['Taejun Kang'], None)
    """
    names = []
    for part in _NAME_SPLIT.split(text.strip(), timeout=REGEX_TIMEOUT):
        name = _AFFIX.sub("", part.strip(), timeout=REGEX_TIMEOUT).strip()
        if not part.strip():
            continue  # "A, B, and C"
        words = name.split()
        if not 0 < len(words) <= 5 or name.casefold() in _NOT_NAMES:
            return None
        if not all(w in _PARTICLES or _WORD.fullmatch(w, timeout=REGEX_TIMEOUT) for w in words):
            return None
        names.append(name)
    return names or None


def parse_byline(line: str) -> tuple[list[str], str | None] | None:
    """``(names, outlet)`` when ``line`` is a byline, else None.

    >>> parse_byline("By Jane Roe, Reuters"), parse_byline("By Ann Lee | Radio Free Asia")
    ((['Jane Roe'], 'Reuters'), (['Ann Lee'], 'Radio Free Asia'))
    """
    if not line.lstrip().startswith(_BY):
        return None
    m = _BYLINE.fullmatch(line, timeout=REGEX_TIMEOUT)
    if m is None:
        return None
    names, outlet = m.group("names"), m.group("outlet")
    before, comma, last = names.rpartition(",")
    if comma and outlet is None and _OUTLET.fullmatch(last.strip(), timeout=REGEX_TIMEOUT):
        names, outlet = before, last.strip()
    found = split_names(names)
    return (found, outlet) if found else None


def _role(role: str) -> str:
    role = role.casefold()
    if "edit" in role:
        return "editors"
    if "writ" in role:
        return "authors"
    return "photo" if "photo" in role else "reporters"


def _credit_line(line: str) -> dict[str, list[str]] | None:
    """``{role: names}`` when every ``;`` segment of ``line`` is ``ROLE by NAMES``, else None.

    >>> _credit_line("(Reporting by Ann Lee in Seoul; Editing by Bo Kim)")
    {'reporters': ['Ann Lee'], 'editors': ['Bo Kim']}
    """
    if " by " not in line:  # the test below, made first: inner is part of line
        return None
    inner = line.strip()
    if inner.startswith("(") and inner.endswith(")"):
        inner = inner[1:-1]
    if len(inner) > 400 or " by " not in inner:
        return None
    # The first segment opens with a role word, after whitespace (str.lstrip strips what \s matches, and more
    # whitespace only). Every character that matches a letter of the roles ignoring case casefolds to that letter
    # (the dot of "İ" dropped; tests check every character), so its first four letters casefold to one of these.
    if inner.lstrip()[:4].casefold().replace("\u0307", "") not in _ROLE_OPENINGS:
        return None
    found: dict[str, list[str]] = {}
    for segment in inner.split(";"):
        m = _SEGMENT.fullmatch(segment, timeout=REGEX_TIMEOUT)
        names = split_names(m.group("names")) if m else None
        if m is None or names is None:
            return None
        found.setdefault(_role(m.group("role")), []).extend(names)
    return found


class Credits(Cleaner):
    """Remove bylines and credit lines, recording the names in ``meta["credits"]``.

    >>> from cleanse.pipeline import Pipeline
    >>> doc = Pipeline(cleaners=[Credits()]).clean("By Ann Lee and Bo Kim\\n\\nTalks began.\\n\\n(Editing by Cy Park)")
    >>> doc.text, doc.meta["credits"]["authors"], doc.meta["credits"]["editors"]
    ('Talks began.', ['Ann Lee', 'Bo Kim'], ['Cy Park'])
    """

    name = "credits"
    order = 400
    removes = "bylines (By ...), credit lines ((Reporting by ...; Editing by ...)), 'originally published on' lines"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterator[Edit]:
        paras = paragraphs(text)
        found: dict[int, tuple[str, Any]] = {}  # what each paragraph was found to be, asked once
        near = _near_edges(paras, set())
        # Only paragraphs that open as one can be credit or origin lines; the others can only be bylines, at an
        # edge, and only if they open with By (as parse_byline asks first).
        anywhere = _may_open_a_credit(paras)
        while True:
            asked = sorted(anywhere.union(_open_with_by(paras, near - anywhere)))
            picks = {i: what for i in asked if (what := self._what(paras[i], i in near, found)) is not None}
            if not picks:  # nothing to remove, and the edges stay where they are (most documents have no credits)
                return
            # Removing lines brings others to an edge, where a second cleaning would take them for bylines:
            # the edges are counted in the paragraphs kept, until they stay where they are.
            grown = near | _near_edges(paras, set(picks))
            if grown == near:
                break
            near = grown
        for i in sorted(picks):
            kind, value = picks[i]
            slot = credits_slot(meta)
            if kind == "byline":
                add_unique(slot["authors"], *value[0])
                slot["source"] = slot["source"] or value[1]
            elif kind == "credit-line":
                for role, names in value.items():
                    add_unique(slot[role], *names)
            else:
                slot["source"] = slot["source"] or value.group("source").strip()
                add_unique(slot["authors"], *(split_names(value.group("names") or "") or []))
        kinds = {"byline": "byline", "credit-line": "credit", "originally-published": "credit"}
        yield from remove_paragraphs(text, paras, [(i, kinds[picks[i][0]], picks[i][0]) for i in sorted(picks)])

    @staticmethod
    def _what(p: Paragraph, near_edge: bool, found: dict[int, tuple[str, Any]]) -> tuple[str, Any] | None:
        """``("byline", parsed)``, ``("credit-line", roles)``, ``("originally-published", match)`` or None."""
        key = p.index if near_edge else -1 - p.index  # a paragraph away from the edges is no byline
        if key in found:
            return found[key] if found[key][0] else None
        what: tuple[str, Any] = ("", None)
        if near_edge and (byline := parse_byline(p.text)) is not None:
            what = ("byline", byline)
        elif (roles := _credit_line(p.text)) is not None:
            what = ("credit-line", roles)
        elif _may_be_origin(p.text) and (origin := _ORIGIN.fullmatch(p.text, timeout=REGEX_TIMEOUT)):
            what = ("originally-published", origin)
        found[key] = what
        return what if what[0] else None


# The characters that match each letter of the openings below ignoring case (tests check every character).
_CASES = {letter: letter + letter.upper() for letter in "acdefghmoprtw"} | {"i": "iIİ", "s": "sSſ"}
# How a credit line or an origin line opens, after whitespace: the first four letters of a role of _SEGMENT, or
# of _ORIGIN's "originally" and "first", in every case (and long s, dotted I); "This" as written.
_OPENINGS = frozenset(
    "".join(letters)
    for opening in (*_ROLE_OPENINGS, "orig", "firs")
    for letters in product(*(_CASES[letter] for letter in opening))
) | {"This"}
_TEXT = operator.attrgetter("text")
_FIRST_FOUR = slice(0, 4)


def _may_open_a_credit(paras: list[Paragraph]) -> set[int]:
    """Indices of the paragraphs that may be credit lines (``_credit_line``) or origin lines (``_ORIGIN``).

    Either opens, after whitespace (which str.lstrip strips, and other whitespace only, so nothing the patterns
    need), with a word of five letters or more, "This" or, in any case, a role, "originally" or "first": its
    first four characters are one of ``_OPENINGS``. A credit line in brackets opens with "(" instead. Computed
    a list at a time: most documents have no such paragraph.

    >>> from cleanse.text import paragraphs
    >>> sorted(_may_open_a_credit(paragraphs("Talks began.\\n( Reporting by A)\\n  FIRST POSTED ON X\\nEdİted by B")))
    [1, 2, 3]
    """
    openings = map(str.__getitem__, map(str.lstrip, map(_TEXT, paras)), repeat(_FIRST_FOUR))
    return {i for i, opening in enumerate(openings) if opening in _OPENINGS or opening[0] == "("}


def _open_with_by(paras: list[Paragraph], indices: set[int]) -> list[int]:
    """Those of ``indices`` whose paragraph may be a byline: it opens with ``By`` or ``BY`` after whitespace.

    ``parse_byline`` turns down the others at once; nothing else takes a paragraph that does not open as a credit.

    >>> from cleanse.text import paragraphs
    >>> _open_with_by(paragraphs("By Ann Lee\\n  BY BO KIM\\nBye now\\nbY x"), {0, 1, 2, 3})
    [0, 1, 2]
    """
    return [i for i in indices if paras[i].text.lstrip().startswith(_BY)]


def _near_edges(paras: list[Paragraph], removed: set[int]) -> set[int]:
    """Indices of the paragraphs with fewer than BYLINE_HEAD kept paragraphs before them or BYLINE_TAIL after them.

    >>> from cleanse.text import paragraphs
    >>> ps = paragraphs("\\n".join("abcdefghij"))
    >>> sorted(_near_edges(ps, set())), sorted(_near_edges(ps, {8, 9}))
    ([0, 1, 2, 3, 4, 7, 8, 9], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    """
    if not removed:  # the first and last few
        return {*range(min(len(paras), BYLINE_HEAD)), *range(max(len(paras) - BYLINE_TAIL, 0), len(paras))}
    near: set[int] = set()
    for order, limit in ((paras, BYLINE_HEAD), (reversed(paras), BYLINE_TAIL)):
        kept = 0
        for p in order:
            if kept >= limit:  # every later one has as many kept paragraphs on this side, or more
                break
            near.add(p.index)
            kept += p.index not in removed
    return near


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Credits())
