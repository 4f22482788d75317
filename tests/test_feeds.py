"""The feeds cleaner: headline feeds appended to the end of an article."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleanse
from cleanse import Pipeline
from cleanse.model import Document
from cleanse.plugins import feeds
from cleanse.plugins.feeds import Feeds
from cleanse.text import REGEX_TIMEOUT, looks_like_headline

BODY = "Talks began on Monday.\n\nThey ended on Tuesday, officials said."
HEADLINES = [
    "Supreme Court overturns ex-mayor’s bribery conviction",
    "‘One Piece' Adds Trio of Actors to Season 2 (Exclusive)",
    "Which NBA Draft prospects fit the needs of each lottery team?",
]


def run(text: str) -> Document:
    return Pipeline(cleaners=[Feeds()]).clean(text)


def test_other_news_with_stamps() -> None:
    feed = "\n\n".join(f"{i + 4} hrs ago\n\n{h}" for i, h in enumerate(HEADLINES))
    doc = run(f"{BODY}\n\nOTHER NEWS\n\n{feed}")
    assert doc.text == BODY
    assert doc.meta["feeds"] == [{"heading": "OTHER NEWS", "items": 3}]
    assert {(r.kind, r.reason) for r in doc.removed} == {("feed", "heading-feed")}
    assert len(doc.removed) == 7


@pytest.mark.parametrize(
    ("heading", "stamps"),
    [
        ("More from Reuters", ["2 days ago", "1h ago", "yesterday"]),
        ("Related stories:", [None, None, None]),
        ("Recommended", [None, "an hour ago", None]),
        ("Most read", ["just now", None, None]),
        ("Read more", [None, None, None]),
        ("Latest news", ["3 mins ago", "3 mins ago", "3 mins ago"]),
        ("Trending", [None, None, None]),
    ],
)
def test_other_headings(heading: str, stamps: list[str | None]) -> None:
    items = [x for h, s in zip(HEADLINES, stamps, strict=True) for x in (h, s) if x]
    doc = run(BODY + "\n" + "\n".join([heading, *items]))
    assert doc.text == BODY
    assert doc.meta["feeds"] == [{"heading": heading.rstrip(":"), "items": 3}]


def test_two_feeds_in_a_row() -> None:
    doc = run(f"{BODY}\nMost read\n{HEADLINES[0]}\nLatest\n{HEADLINES[1]}\n{HEADLINES[2]}")
    assert doc.text == BODY
    assert doc.meta["feeds"] == [{"heading": "Most read", "items": 1}, {"heading": "Latest", "items": 2}]


@pytest.mark.parametrize("order", ["stamp-first", "headline-first"])
def test_stamp_pairs_without_heading(order: str) -> None:
    pairs = [("5 hrs ago", h) if order == "stamp-first" else (h, "5 hrs ago") for h in HEADLINES]
    doc = run(BODY + "\n\n" + "\n\n".join(x for pair in pairs for x in pair))
    assert doc.text == BODY
    assert doc.meta["feeds"] == [{"heading": "", "items": 3}]
    assert {r.reason for r in doc.removed} == {"stamp-pairs"}


def test_one_stamp_pair_is_a_feed() -> None:
    doc = run(f"{BODY}\n\n5 hrs ago\n\n{HEADLINES[0]}")
    assert doc.text == BODY
    assert doc.meta["feeds"] == [{"heading": "", "items": 1}]


def test_a_lone_headline_without_stamp_is_kept() -> None:
    text = f"{BODY}\n\n{HEADLINES[0]}"
    assert run(text).text == text


@pytest.mark.parametrize(
    "tail",
    [
        "Other news outlets reported the same figures.",
        "Recommended reading for the committee included the report.",
        "PARTNERSHIP AGREEMENT\n\nPutin's adviser said they may sign a partnership agreement.",
        "Related\n\nThe deal would not be directed against any other country.",
        "The talks ended 4 hrs ago, officials said.\n\nThey may resume.",
        "OTHER NEWS\n\nThe talks may resume on Friday, officials said.",
        "Read more",
    ],
)
def test_keeps_body(tail: str) -> None:
    text = f"{BODY}\n\n{tail}"
    assert run(text).text == text
    assert cleanse.clean(text).text == text


def test_never_takes_the_first_paragraph() -> None:
    text = "Trending\n\n" + "\n\n".join(HEADLINES)
    assert run(text).text == text


def test_default_pipeline() -> None:
    doc = cleanse.clean(
        f"SEOUL (Reuters) - {BODY}\n\n(Editing by Bo Kim)\n\nOTHER NEWS\n\n4 hrs ago\n\n{HEADLINES[0]}\n"
    )
    assert doc.text == BODY
    assert doc.meta["feeds"] == [{"heading": "OTHER NEWS", "items": 1}]
    assert doc.meta["credits"]["editors"] == ["Bo Kim"]


# The tests made before _HEADING and _STAMP must say yes whenever the pattern matches.
_HEADINGS = [
    "OTHER NEWS", "More from Reuters.", "More on this story", "more in Sports", "More news", "MORE STORIES",
    "Top stories", "Recommended", "Recommended for you", "Recommended reading", "Related", "Related coverage",
    "Most read", "Most popular", "Most viewed", "Read more", "Read next", "Read also:", "Latest", "Latest news",
    "Trending", "Trending now", "Popular", "Popular stories", "You may also like", "You might also like",
    "What to read next", "RELATED POSTS:",
]  # fmt: skip
_STAMPS = [
    "4 hrs ago", "1h ago", "2 days ago", "an hour ago", "A MINUTE AGO", "one week ago", "3mos ago", "12 years ago",
    "yesterday", "Yesterday", "YESTERDAY", "just now", "Just Now", "٣ hours ago", "５ min ago", "2 ſecs ago",
    "yeſterday",
]  # fmt: skip
_SPACES = ["", " ", "  \t", "        ", "\u3000", "\xa0", "\u2028"]
_CASES = (str, str.upper, str.lower, str.title, str.swapcase)


@pytest.mark.parametrize("line", _HEADINGS + _STAMPS)
def test_guards_pass_every_form(line: str) -> None:
    for case in _CASES:
        for before in _SPACES:
            for after in _SPACES:
                text = before + case(line) + after
                if feeds._HEADING.fullmatch(text):
                    assert feeds._may_be_heading(text), text
                if feeds._STAMP.fullmatch(text):
                    assert feeds._may_be_stamp(text), text


def test_the_forms_are_found() -> None:
    assert all(feeds._HEADING.fullmatch(line) for line in _HEADINGS)
    assert all(feeds._STAMP.fullmatch(line) for line in _STAMPS)


_pieces = st.sampled_from([*_HEADINGS, *_STAMPS, *_SPACES, "İ", "ß", "x", ":", "ago", "now", "AGO", "ſ", "1"])


@given(st.lists(_pieces, max_size=5).map("".join) | st.text(max_size=30))
def test_guards_never_miss(text: str) -> None:
    if feeds._HEADING.fullmatch(text):
        assert feeds._may_be_heading(text)
    if feeds._STAMP.fullmatch(text):
        assert feeds._may_be_stamp(text)


@pytest.mark.parametrize("footer", ["* * *", "© 2024 Reuters. All rights reserved."])
def test_a_feed_above_closing_footers_goes_and_the_footers_are_left(footer: str) -> None:
    text = f"Talks ended on Monday.\n\nOTHER NEWS\n\nTalks to resume\n\n{footer}"
    doc = Pipeline(cleaners=[Feeds()]).clean(text)
    assert doc.text == f"Talks ended on Monday.\n\n{footer}"
    assert doc.meta["feeds"] == [{"heading": "OTHER NEWS", "items": 1}]
    assert Pipeline(cleaners=[Feeds()]).clean(f"Talks ended on Monday.\n\n{footer}").text.endswith(footer)


def _plain_kind_of(line: str) -> str | None:
    """kind_of as it was before its shortcuts: the guards, the patterns, then looks_like_headline."""
    if feeds._may_be_heading(line) and feeds._HEADING.fullmatch(line, timeout=REGEX_TIMEOUT):
        return "heading"
    if feeds._may_be_stamp(line) and feeds._STAMP.fullmatch(line, timeout=REGEX_TIMEOUT):
        return "stamp"
    return "headline" if looks_like_headline(line) else None


_line_pieces = st.sampled_from(
    [*_HEADINGS, *_STAMPS, *_SPACES, *HEADLINES, "Talks ended.", ".", ",", ";", ":", "x", "1", "-", "ß", "ſ", "x" * 99]
)


@given(st.lists(_line_pieces, max_size=5).map("".join) | st.text(max_size=30))
def test_kind_of_says_what_the_plain_tests_say(line: str) -> None:
    assert feeds.kind_of(line) == _plain_kind_of(line)


@given(st.lists(st.sampled_from(["heading", "stamp", "headline"]), max_size=8))
def test_without_heading_or_stamp_neither_rule_takes_anything(kinds: list[str]) -> None:
    # Feeds.propose returns early when kinds has no heading and no stamp: what the two rules would say then.
    if "heading" not in kinds and "stamp" not in kinds:
        assert feeds._headed(["x"] * len(kinds), kinds) is None
        assert feeds._pairs(kinds) == len(kinds)
