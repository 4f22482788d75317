"""The standfirst cleaner: the page's headline and standfirst repeated at the top go, when the page says so."""

from __future__ import annotations

from typing import Any

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanse.pipeline import Pipeline
from cleanse.plugins.standfirst import (
    _DATE_WORDS,
    _OPENING_MARKS,
    _READING,
    _YEAR_OR_TIME,
    Standfirst,
    _count_bounds,
    _may_have_year_or_time,
    _may_open_timestamp,
    is_timestamp,
    may_be_reading_time,
)
from cleanse.shape import word_runs

BODY = (
    "Gaming used to be so simple. We'd buy a game, sit down in front of a console and play to the end.\n"
    "Now we spend money over and over on virtual perks, and there is no end to it."
)
TITLE = "Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play and Pay"
DESC = "There are more devices and services to choose from than ever before."


def clean(text: str, meta: dict[str, Any] | None = None) -> tuple[str, list[str]]:
    doc = Pipeline(cleaners=[Standfirst()]).clean(text, meta=meta)
    return doc.text, [r.reason for r in doc.removed]


def test_headline_and_standfirst_go() -> None:
    meta = {"page": {"title": TITLE, "description": DESC}}
    assert clean(f"{TITLE}\n{DESC}\n{BODY}", meta) == (BODY, ["headline", "standfirst"])


def test_headline_with_site_suffix_in_the_page_title() -> None:
    meta = {"page": {"title": "Black Friday per nostalgici: le occasioni da non perdere - Remember 80/90"}}
    text = f"Black Friday per nostalgici: le occasioni da non perdere\n{BODY}"
    assert clean(text, meta) == (BODY, ["headline"])


def test_title_from_meta_title_when_no_page() -> None:
    assert clean(f"{TITLE.upper()}\n{BODY}", {"title": TITLE})[0] == BODY


def test_description_that_starts_the_body_stays() -> None:
    lead = BODY.split("\n")[0]
    meta = {"page": {"title": TITLE, "description": lead[:60]}}
    assert clean(f"{TITLE}\n{BODY}", meta) == (BODY, ["headline"])


def test_description_without_headline_above_stays() -> None:
    meta = {"page": {"title": TITLE, "description": DESC}}
    text = f"{DESC}\n{BODY}"
    assert clean(text, meta) == (text, [])


def test_no_page_title_no_guessing() -> None:
    text = f"New SUVs and electric vehicles highlight L.A. Auto Show\n{BODY}"
    assert clean(text) == (text, [])


def test_headline_deep_in_the_text_stays() -> None:
    text = f"{BODY}\nA paragraph.\nAnother one.\n{TITLE}"
    assert clean(text, {"page": {"title": TITLE}}) == (text, [])


@pytest.mark.parametrize(
    "line",
    ["Tempo de leitura: 2 minutos", "5 min read", "Reading time: 3 minutes", "Lesezeit: 4 Min."],
)
def test_reading_time(line: str) -> None:
    assert clean(f"{line}\n{BODY}") == (BODY, ["reading-time"])


@pytest.mark.parametrize(
    "line",
    [
        "sexta-feira, 22 de outubro de 2010 às 20:13",
        "기사입력 :[ 2018-08-25 15:24 ]",
        "Published: Nov. 19, 2019 10:00 a.m. ET",
    ],
)
def test_timestamp(line: str) -> None:
    assert clean(f"{line}\n{BODY}") == (BODY, ["timestamp"])


@pytest.mark.parametrize(
    "line",
    ["The 2019 season ends on Monday.", "At 10:30 the polls closed.", "5 minutes to midnight"],
)
def test_body_with_dates_stays(line: str) -> None:
    text = f"{line}\n{BODY}"
    assert clean(text) == (text, [])


# The tests made before a regex call must say yes whenever the pattern matches.
_READING_LINES = [
    "Tempo de leitura: 2 minutos", "5 min read", "Reading time: 3 minutes", "Lesezeit: 4 Min.", "3-minute read",
    "12 minutos de leitura", "4 Minuten Lesezeit", "время чтения: 5 минут", "7 минут чтения", "Leestijd: 2 minuten",
    "Czas czytania: 3 min", "읽는 시간: 3분", "3분 읽기", "Read time: <1 min", "TIEMPO DE LECTURA: 4 MINUTOS",
    "Temps de lecture : 2 minutes", "Tempo di lettura: uma", "— 5 min read", "(5 min read)", "  Reading time: one",
    "٥ min read", "５ min read", "\U0001d7d3 min read", "\U00011f55 min read", "ſ", "Reading", "«Leſezeit: 3",
]  # fmt: skip
_LINE_PIECES = st.sampled_from(
    [*_READING_LINES, "read", "time", "tempo", "min", "de", "2", "٣", "-", " ", "—", ":", "»", "İ", "ß", "ﬀ", "x"]
)
_lines = st.lists(_LINE_PIECES, max_size=6).map("".join) | st.text(max_size=30)
_CASES = (str, str.upper, str.lower, str.title, str.swapcase)


@pytest.mark.parametrize("line", _READING_LINES)
def test_reading_time_guard_passes_every_form(line: str) -> None:
    for case in _CASES:
        for lead in ("", "• ", "((", " "):
            text = lead + case(line)
            if _READING.match(text):
                assert may_be_reading_time(text), text


@given(_lines)
def test_reading_time_guard_never_misses(text: str) -> None:
    if _READING.match(text):
        assert may_be_reading_time(text)


_TIME_PIECES = st.sampled_from(
    ["2019", "1899", "20:13", "9h30", "10.30", "١٠:٣٠", "１２:３０", "\U0001d7cf\U0001d7d0.\U0001d7d1\U0001d7d2",
     "h", ".", ":", " ", "-", "年", "a", "Nov", "x"]
)  # fmt: skip
_time_lines = st.lists(_TIME_PIECES, max_size=6).map("".join) | st.text(max_size=30)


@given(_time_lines)
def test_year_or_time_guard_never_misses(text: str) -> None:
    if _YEAR_OR_TIME.search(text):
        assert _may_have_year_or_time(text)


@given(
    st.lists(
        st.sampled_from(["相关", "阅读", "ニュース", "ข่าว", "뉴스", "“", "é", "\u0307", " ", "—", "2019", "a"])
    ).map("".join)
)
def test_count_bounds_hold(text: str) -> None:
    fewest, most = _count_bounds(text)
    assert fewest <= len(word_runs(text)) <= most


def is_timestamp_unguarded(text: str) -> bool:
    """``is_timestamp`` without the tests made before the pattern and the word count."""
    if not _YEAR_OR_TIME.search(text):
        return False
    tokens = [w.casefold() for w in word_runs(text)]
    return 0 < len(tokens) <= 14 and all(
        t.isdigit() or t in _DATE_WORDS or (t[:-2].isdigit() and t[-2:] in {"st", "nd", "rd", "th"}) for t in tokens
    )


def test_opening_marks_are_no_word_characters() -> None:
    assert not any(regex.match(r"\w", c) for c in _OPENING_MARKS)


_STAMP_PIECES = st.sampled_from(
    [*sorted(_DATE_WORDS), "2019", "20:13", "22", "1st", "3rd", "10.30", "The", "In", "it", "Nov", "Se", "x", "_",
     "é", "ß", " ", "  ", ", ", ":", "[", "“", "(", "«", "-", "—", "\u3000", "a.m.", "13h"]
)  # fmt: skip
_stamps = st.lists(st.tuples(_STAMP_PIECES, st.sampled_from(_CASES)), max_size=8).map(
    lambda pieces: "".join(case(piece) for piece, case in pieces)
)


@given(_stamps | st.text(max_size=30))
def test_timestamp_as_without_its_guards(text: str) -> None:
    if is_timestamp_unguarded(text):
        assert _may_open_timestamp(text), text
    assert is_timestamp(text) == is_timestamp_unguarded(text)


@pytest.mark.parametrize("word", sorted(_DATE_WORDS))
def test_opening_guard_passes_every_date_word(word: str) -> None:
    for case in _CASES:
        for lead in ("", "“", " (", "«"):
            assert _may_open_timestamp(f"{lead}{case(word)} 2019")
