"""The page header left above the article: the headline and standfirst again, reading time, a timestamp.

An extractor often keeps the page's headline (and the standfirst under it)
as the first lines of the text, though the page's own metadata already holds
them. So the headline is found by comparing the first lines with the title
the page declares (``meta["page"]["title"]``, set by the extraction stage, or
``meta["title"]``), word for word, not by guessing from the line's shape:
a short first line of body text stays.

Rules (each removal's ``reason``):

- ``headline``: one of the first three paragraphs whose words equal the
  page title's, or the title's before a trailing ``- Site``/``| Site``.
- ``standfirst``: the paragraph right after a removed headline, when its
  words equal the page's description (a standfirst shown under the headline;
  a description that merely *starts* the first paragraph is body, and stays).
- ``reading-time``: ``5 min read``, ``Reading time: 3 minutes``, ``Tempo de
  leitura: 2 minutos``, ``Lesezeit: 4 Min.``, among the first three paragraphs.
- ``timestamp``: among the first three paragraphs, a line that is only a date
  or time, maybe labelled (``sexta-feira, 22 de outubro de 2010 às 20:13``,
  ``Published: Nov. 19, 2019 10:00 a.m. ET``, ``기사입력 :[ 2018-08-25 15:24 ]``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from cleanse.cleaner import Cleaner
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.shape import Keywords, word_runs, words
from cleanse.text import REGEX_TIMEOUT, paragraphs, remove_paragraphs

_HEAD = 3
_SITE_SUFFIX = regex.compile(r"\s+[-|–—:·»]\s+[^-|–—:·»]{1,60}$")
_READING = regex.compile(
    r"^\W{0,2}(?:\d{1,3}\s*(?:-|–)?\s*(?:min(?:ute)?s?\.?|minutos?|minuten|минут\w*|분)\s+(?:read|reading|de\s+leitura"
    r"|de\s+lectura|de\s+lecture|lesezeit|di\s+lettura|чтения|읽기)"
    r"|(?:reading\s+time|read\s+time|tempo\s+de\s+leitura|tiempo\s+de\s+lectura|temps\s+de\s+lecture|lesezeit"
    r"|tempo\s+di\s+lettura|время\s+чтения|leestijd|czas\s+czytania|읽는\s+시간)\s*:?\s*(?:\d|<|less|menos|um|uma|one))",
    regex.IGNORECASE,
)
_YEAR_OR_TIME = regex.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[:h.]\d\d\b")
# Words a timestamp is made of, besides numbers: labels, months, weekdays, "at", "am"... (lower case).
_DATE_TEXT = """
published updated posted modified last on at by am pm a m p m et est edt pt pst gmt utc bst cet cest ist jst
kst january february march april may june july august september october november december jan feb mar apr jun
jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu
thurs fri sat sun today yesterday publicado atualizado em de às as del el la le à um h janeiro fevereiro março
abril maio junho julho agosto setembro outubro novembro dezembro segunda terça quarta quinta sexta feira
sábado domingo enero febrero marzo mayo junio julio septiembre setiembre octubre noviembre diciembre lunes
martes miércoles jueves viernes actualizado publié mis jour janvier février mars avril mai juin juillet août
septembre octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche veröffentlicht
aktualisiert am um uhr januar februar märz juni juli oktober dezember montag dienstag mittwoch donnerstag
freitag samstag sonntag pubblicato aggiornato il alle gennaio febbraio aprile maggio giugno luglio agosto
settembre ottobre dicembre опубликовано обновлено в г года января февраля марта апреля мая июня июля августа
сентября октября ноября декабря 기사입력 입력 수정 최종수정 등록 발행 년 월 일 오전 오후
"""
_DATE_WORDS = frozenset(_DATE_TEXT.split())
# The words a _READING match can open with (after at most two non-word characters), when not a number.
_READING_TEXT = "read reading tempo tiempo temps lesezeit время leestijd czas 읽는"
_READING_WORDS = Keywords(_READING_TEXT)
# The ASCII letters a _READING_WORDS keyword starts with, in either case.
_READING_INITIALS = frozenset(c for w in _READING_TEXT.split() if w[0].isascii() for c in (w[0], w[0].upper()))
# The first three letters of the date words, for a line that opens with three ASCII letters (see _may_open_timestamp).
_DATE_OPENINGS = frozenset(w[:3] for w in _DATE_WORDS if len(w) >= 3)
_DATE_OPENINGS_2 = frozenset(w[:2] for w in _DATE_WORDS if len(w) >= 2)
# Non-word characters a timestamp may open with, stripped before its first word is looked at.
_OPENING_MARKS = " \"'“”‘’«»(["


def _words(text: str) -> list[str]:
    return [w.casefold() for w in word_runs(text)]


def _count_bounds(text: str) -> tuple[int, int]:
    """Bounds on ``len(_words(text))``, the number of ``\\w+`` runs, from the cached ``shape.words``.

    ``words`` counts those runs, plus half the characters of scripts written without spaces,
    all of which are outside ASCII. So the count is ``words`` at most, and at least ``words``
    less half the non-ASCII characters; in ASCII text, exactly ``words``.

    >>> _count_bounds("Nov. 19, 2019 10:00 a.m."), _count_bounds("“Hi”, she said"), _count_bounds("相关阅读 news")
    ((7, 7), (2, 3), (2, 4))
    """
    most = words(text)
    if text.isascii():
        return most, most
    return most - (len(text) - len(text.encode("ascii", "ignore"))) // 2, most


def _may_count(text: str, counts: set[int]) -> bool:
    """Whether ``len(_words(text))`` may be one of ``counts``, going by :func:`_count_bounds`."""
    fewest, most = _count_bounds(text)
    return any(fewest <= n <= most for n in counts)


def may_be_reading_time(text: str) -> bool:
    """False when ``_READING`` cannot match ``text``: a test made before the pattern, to spare a regex call.

    Every match starts, after at most two non-word characters (so within the first three
    characters), with a digit or with one of ``_READING_WORDS``. A digit is what ``str.isdecimal``
    says, or any character beyond the BMP: the digits Unicode added after Python's tables, which
    ``regex`` may know, are all there. A keyword's first four letters (all ``Keywords`` compares)
    are then within the first seven characters, so only those are folded and split.

    When the first three characters are ASCII letters (most lines), there is no digit among them and
    the first word opens the line: only its first letter is looked at before the keywords.

    >>> may_be_reading_time("— 5 min read"), may_be_reading_time("Lesezeit: 4 Min."), may_be_reading_time("The 5 min")
    (True, True, False)
    """
    head = text[:3]
    if head.isascii() and head.isalpha():
        return head[0] in _READING_INITIALS and _READING_WORDS.opens(text[:7])
    return any(c.isdecimal() or c > "\uffff" for c in text[:3]) or _READING_WORDS.opens(text[:7])


def _may_have_year_or_time(text: str) -> bool:
    """False when ``_YEAR_OR_TIME`` cannot match ``text``: a test made before the pattern, to spare a regex call.

    Its year form starts with an ASCII ``1`` or ``2``; its time form has a ``:``, ``h`` or ``.``
    between digits, which in ASCII text are ASCII digits.

    >>> _may_have_year_or_time("Nov. 19"), _may_have_year_or_time("١٠:٣٠"), _may_have_year_or_time("Nov. XIX")
    (True, True, False)
    """
    if (  # spelt out: a loop over the digits costs more than the ten tests
        "0" in text or "1" in text or "2" in text or "3" in text or "4" in text
        or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text
    ):  # fmt: skip
        return True
    return not text.isascii() and (":" in text or "h" in text or "." in text)


def _may_open_timestamp(text: str) -> bool:
    """False when the first word of ``text`` is no number, ordinal or date word, told by its first letters.

    Every word of a timestamp (:func:`is_timestamp`) is one of those, the first too. Past the
    non-word characters of ``_OPENING_MARKS``, three (or two) ASCII letters are the start of the first
    word (they are word characters, and what is before them is not): a word of three (two) letters or
    more that is no number and no ordinal (both start with a digit), so a date word, cased as
    ``str.lower`` does for ASCII letters. Any other opening is let through.

    >>> _may_open_timestamp("“The 2019 season"), _may_open_timestamp("In 2019"), _may_open_timestamp("Nov. 19")
    (False, False, True)
    >>> _may_open_timestamp("19 Nov"), _may_open_timestamp("às 20:13"), _may_open_timestamp("Am 19.")
    (True, True, True)
    """
    head = text.lstrip(_OPENING_MARKS)[:3]
    if head.isascii() and head.isalpha():
        return head.lower() in _DATE_OPENINGS
    head = head[:2]
    return not (head.isascii() and head.isalpha()) or head.lower() in _DATE_OPENINGS_2


def _title_forms(title: str) -> list[list[str]]:
    """The title's words, and its words without trailing ``- Site`` parts.

    >>> for form in _title_forms("Black Friday: deals - Remember 80/90 - Memorabilia"):
    ...     print(" ".join(form))
    black friday deals remember 80 90 memorabilia
    black friday deals remember 80 90
    black friday deals
    """
    forms = [_words(title)]
    current = title
    while (m := _SITE_SUFFIX.search(current, timeout=REGEX_TIMEOUT)) is not None:
        current = current[: m.start()]
        if len(_words(current)) < 3:
            break
        forms.append(_words(current))
    return forms


def is_timestamp(text: str) -> bool:
    """A line that is only a date or time, maybe labelled.

    >>> is_timestamp("sexta-feira, 22 de outubro de 2010 às 20:13")
    True
    >>> is_timestamp("기사입력 :[ 2018-08-25 15:24 ]"), is_timestamp("Updated Nov. 19, 2019 at 3:45 p.m. ET")
    (True, True)
    >>> is_timestamp("The 2019 season ends on Monday")
    False
    """
    # The cheap tests first, each a reason to turn the line down: no digits for _YEAR_OR_TIME,
    # a first word that is no date word, no words or too many (bounds from the cached word count).
    if not _may_have_year_or_time(text) or not _may_open_timestamp(text):
        return False
    fewest, most = _count_bounds(text)
    if most == 0 or fewest > 14:
        return False
    if not _YEAR_OR_TIME.search(text, timeout=REGEX_TIMEOUT):
        return False
    tokens = _words(text)
    return 0 < len(tokens) <= 14 and all(
        t.isdigit() or t in _DATE_WORDS or (t[:-2].isdigit() and t[-2:] in {"st", "nd", "rd", "th"}) for t in tokens
    )


class Standfirst(Cleaner):
    """Remove the page header repeated above the article."""

    name = "standfirst"
    order = 210
    removes = "the page's headline and standfirst repeated at the top, reading times and timestamps"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterator[Edit]:
        paras = paragraphs(text)
        if len(paras) < 2:
            return
        page: dict[str, Any] = meta["page"] if isinstance(meta.get("page"), dict) else {}
        title = page.get("title") or meta.get("title")
        titles = _title_forms(title) if isinstance(title, str) else []
        description = page.get("description")
        standfirst = _words(description) if isinstance(description, str) else []
        title_lengths = {len(form) for form in titles}
        picks: dict[int, tuple[str, str]] = {}
        for p in paras[:_HEAD]:
            # A paragraph's words are split and compared with a title's only when it may have as many.
            if titles and _may_count(p.text, title_lengths) and len(found := _words(p.text)) >= 2 and found in titles:
                picks[p.index] = ("title", "headline")
                nxt = p.index + 1
                if standfirst and nxt < len(paras) and _words(paras[nxt].text) == standfirst:
                    picks[nxt] = ("standfirst", "standfirst")
            elif may_be_reading_time(p.text) and _READING.match(p.text, timeout=REGEX_TIMEOUT):
                picks[p.index] = ("reading-time", "reading-time")
            elif is_timestamp(p.text):
                picks[p.index] = ("timestamp", "timestamp")
        if len(picks) == len(paras):
            return
        yield from remove_paragraphs(text, paras, [(i, kind, reason) for i, (kind, reason) in sorted(picks.items())])


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Standfirst())
