"""Datelines: the place, date and agency that open a news story, as in ``SEOUL (Reuters) - ``.

Rules (each removal's ``reason``; only the prefix goes, the rest of the paragraph stays as it was):

- ``agency``: places or a date, then an agency in brackets, then a dash:
  ``SEOUL (Reuters) - ``, ``SEOUL/MOSCOW (Reuters) - ``, ``WASHINGTON, June 18 (Reuters) - ``,
  ``KYIV, Ukraine (AP) — ``, ``LONDON, 18 June 2024 (AFP) -``, `` date 2024-06-18 (CTN News) – ``.
- ``place-dash``: a place in capitals (three letters or more), then a dash between spaces:
  ``NEW YORK — ``, ``LONDON - ``, ``KYIV, Ukraine — ``.

Only the story's first prose paragraph is searched (short headline-like paragraphs before
it may still be bylines when cleaners are reordered): a dash further down is body text, and
removing a dateline never bares another one. A ``place-dash`` dateline must be followed by
the start of a sentence, so ``NATO — the alliance ...`` stays; a prefix followed by what
parses as another dateline is left alone. ``meta["dateline"]`` gets ``places`` (split on ``/``;
a ``, Region`` stays with its place), ``agency``, ``date`` (ISO, or None without a year) and
``text`` (the prefix, trimmed). ``WASHINGTON state officials said ...`` and
``US - China talks ...`` are body text.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import regex

from cleanse.cleaner import Cleaner
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.text import REGEX_TIMEOUT, looks_like_headline, paragraphs, remove_paragraphs

SEARCH_PARAGRAPHS = 4
_MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_MONTH = (
    r"(?i:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b\.?"
)
_DATE = rf"(?:\d{{4}}-\d\d-\d\d|{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?)"
_WORD = r"\p{Lu}[\p{L}\p{M}.'’-]*"
_CAPS = r"\p{Lu}[\p{Lu}\p{M}.'’-]*"
_PLACE = rf"{_WORD}(?:\s{_WORD}){{0,3}}"
_CAPS_PLACE = rf"{_CAPS}(?:\s{_CAPS}){{0,3}}"
_REGION = rf"(?!{_MONTH}){_PLACE}"
_TAIL = rf"(?:,\s*(?P<region>{_REGION}))?(?:,\s*(?P<date>{_DATE}))?"
_AGENCY = regex.compile(
    r"\s*(?P<prefix>(?:(?i:date|dated|updated|published)\s*:?\s+)?"
    rf"(?:(?P<date0>{_DATE})|(?P<places>{_PLACE}(?:\s*/\s*{_PLACE}){{0,3}}){_TAIL})"
    r"\s*\((?P<agency>\p{L}[\p{L}&' -]{0,30})\)\s*[-–—]{1,2})(?:\s+|\Z|(?=[\p{Lu}\p{N}\"'“‘«]))"
)
_PLACE_DASH = regex.compile(
    rf"\s*(?P<prefix>(?P<places>{_CAPS_PLACE}(?:\s*/\s*{_CAPS_PLACE}){{0,3}}){_TAIL}\s+[-–—]{{1,2}})\s+"
    # What follows a real dateline starts a sentence; "NATO — the alliance ..." is body text. A letter of a
    # script without case (Chinese, Arabic, Thai: \p{Lo}) starts one too.
    r"(?=[\p{Lu}\p{Lt}\p{Lo}\p{N}\"'“‘«])"
)
# Small ASCII letters and digits: never in a place written in capitals (_CAPS), nor right after its first letter.
_NOT_CAPS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_DATE_PARTS = regex.compile(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)|(?P<word>\p{L}+)|(?P<num>\d+)")


def parse_date(text: str) -> str | None:
    """The ISO date in a dateline's date, or None when it has no year or is not a date.

    >>> parse_date("June 18, 2024"), parse_date("18 Sept. 2024"), parse_date("2024-06-18"), parse_date("June 18")
    ('2024-06-18', '2024-09-18', '2024-06-18', None)
    """
    year: int | None = None
    month: int | None = None
    day: int | None = None
    for m in _DATE_PARTS.finditer(text, timeout=REGEX_TIMEOUT):
        if m.group("y"):
            year, month, day = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        elif m.group("word"):
            month = next((i for i, name in enumerate(_MONTHS, 1) if name.startswith(m.group("word").casefold())), None)
        elif len(m.group("num")) == 4:
            year = int(m.group("num"))
        else:
            day = int(m.group("num"))
    try:
        return datetime.date(year, month, day).isoformat() if year and month and day else None
    except ValueError:
        return None


def _may_be_place_dash(line: str) -> bool:
    """False when ``_PLACE_DASH`` cannot match ``line``: a test made before it, to spare a regex call.

    A match opens (after whitespace, which ``str.lstrip`` strips too) with an uppercase letter
    (``A``-``Z`` if ASCII), followed by more of the place in capitals, a space, ``/`` or ``,``:
    not by a small ASCII letter or a digit. And it has a dash.

    >>> _may_be_place_dash("NEW YORK — Talks"), _may_be_place_dash("The talks - and more"), _may_be_place_dash("A")
    (True, False, False)
    """
    head = line.lstrip()[:2]
    if len(head) < 2 or (head[0].isascii() and not "A" <= head[0] <= "Z") or head[1] in _NOT_CAPS:
        return False
    return "-" in line or "–" in line or "—" in line


def _may_be_agency(line: str) -> bool:
    """False when ``_AGENCY`` cannot match ``line``: a test made before it, to spare a regex call.

    A match holds one ``(`` and one ``)``, the agency's: nothing before it (places, a date, ``date:``) has
    either. So its ``(`` is the first of the line, with a place or a date before it (a letter or a digit:
    not whitespace to ``str.isspace``); its ``)`` is the first after that, one to 31 characters of agency
    further on; and a dash follows, after whitespace (``str.lstrip`` strips every character ``\\s``
    matches, and more).

    >>> _may_be_agency("SEOUL (AP) - Talks"), _may_be_agency("(AP) - Talks"), _may_be_agency("Talks (AP) began")
    (True, False, False)
    """
    i = line.find("(")
    if i <= 0 or line[:i].isspace():
        return False
    j = line.find(")", i)
    return 1 < j - i <= 32 and line[j + 1 :].lstrip()[:1] in _DASHES


_DASHES = ("-", "–", "—")  # those of _AGENCY and _PLACE_DASH


def parse_dateline(line: str) -> tuple[int, str, dict[str, Any]] | None:
    """``(end of the prefix, reason, meta)`` when ``line`` opens with a dateline.

    >>> end, reason, meta = parse_dateline("WASHINGTON, June 18, 2024 (Reuters) - The talks...")
    >>> end, reason, meta["places"], meta["agency"], meta["date"], meta["text"]
    (38, 'agency', ['WASHINGTON'], 'Reuters', '2024-06-18', 'WASHINGTON, June 18, 2024 (Reuters) -')
    >>> parse_dateline("US - China talks resumed.") is None
    True
    >>> parse_dateline("NATO — the alliance founded in 1949 — will meet.") is None
    True
    """
    # _AGENCY needs the agency's "(" (most paragraphs have none), then its ")" and a dash.
    m = _AGENCY.match(line, timeout=REGEX_TIMEOUT) if _may_be_agency(line) else None
    reason = "agency"
    if m is None:
        m = _PLACE_DASH.match(line, timeout=REGEX_TIMEOUT) if _may_be_place_dash(line) else None
        reason = "place-dash"
        if m is None or sum(c.isalpha() for c in m.group("places")) < 3:
            return None
    places = [p.strip() for p in (m.group("places") or "").split("/") if p.strip()]
    if places and m.group("region"):
        places[-1] += ", " + m.group("region")
    date = m.group("date") or m.groupdict().get("date0")
    meta = {
        "places": places,
        "agency": m.groupdict().get("agency"),
        "date": parse_date(date) if date else None,
        "text": m.group("prefix").strip(),
    }
    return m.end(), reason, meta


class Dateline(Cleaner):
    """Remove the dateline that opens the story and record it in ``meta["dateline"]``.

    >>> from cleanse.pipeline import Pipeline
    >>> doc = Pipeline(cleaners=[Dateline()]).clean("KYIV, Ukraine (AP) — Sirens sounded.")
    >>> doc.text, doc.meta["dateline"]["places"], doc.meta["dateline"]["agency"]
    ('Sirens sounded.', ['KYIV, Ukraine'], 'AP')
    """

    name = "dateline"
    # Last of the cleaners that remove paragraphs from the top (captions, credits, prompts...):
    # it must see the story's real first paragraph, or a second cleaning would find more.
    order = 690
    removes = "the dateline opening the story (SEOUL (Reuters) - , NEW YORK — )"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterator[Edit]:
        paras = paragraphs(text)
        texts = [p.text for p in paras[: SEARCH_PARAGRAPHS + 1]]
        hit = _search(texts)
        if hit is None:
            return
        i, (end, reason, found_meta) = hit
        p, rest = paras[i], paras[i].text[end:]
        # What a second cleaning would search: this paragraph without its dateline (or gone, if that was all of
        # it). A dateline found there (another one after this, or in a paragraph this one's remains no longer
        # hide) is not a shape we know: removing one would bare the other, so neither goes.
        if _search([*texts[:i], *([rest] if rest.strip() else []), *texts[i + 1 :]]) is not None:
            return
        meta["dateline"] = found_meta
        if rest.strip():
            yield Edit(p.start, p.start + end, "dateline", reason)
        else:  # the dateline stands alone on its line
            yield from remove_paragraphs(text, paras, [(p.index, "dateline", reason)])


def _search(texts: list[str]) -> tuple[int, tuple[int, str, dict[str, Any]]] | None:
    """The index of the paragraph among the first ``SEARCH_PARAGRAPHS`` of ``texts`` whose dateline opens the
    story, and the dateline (:func:`parse_dateline`); None if the story's first paragraph has none.

    >>> _search(["By Ann Lee", "SEOUL (Reuters) - Talks began.", "More."])[0], _search(["Talks began.", "X (AP) - Y"])
    (1, None)
    """
    for i, line in enumerate(texts[:SEARCH_PARAGRAPHS]):
        found = parse_dateline(line)
        if found is not None:
            return i, found
        if not looks_like_headline(line):
            return None  # the story's first paragraph has no dateline: none further down counts
        # else a byline or heading still standing before the story
    return None


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Dateline())
