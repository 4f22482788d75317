"""Link feeds: lists of other stories' headlines appended to the end of an article.

Rules (each removal's ``reason``; each removes whole paragraphs, through the end of the text):

- ``heading-feed``: a feed heading (``OTHER NEWS``, ``More from ...``, ``Recommended``,
  ``Related stories``, ``Most read``, ``Read more``, ``Latest news``, ``Trending`` ...) as a
  paragraph of its own, followed to the end of the text only by headlines (short lines that do
  not end in a full stop), time stamps (``4 hrs ago``, ``2 days ago``, ``1h ago``,
  ``yesterday``) and further headings, at least one of them a headline. Footers closing the
  text (a copyright line, a rule line: what the footers cleaner removes) are looked past and
  left to that cleaner.
- ``stamp-pairs``: with no heading, a run of stamp/headline pairs (in either order) at the
  end of the text; a stamp standing as a paragraph of its own is never prose.

Each feed goes to ``meta["feeds"]`` as ``{"heading", "items"}`` (``items``: its headlines;
``heading`` is ``""`` for ``stamp-pairs``). Body prose ends in a full stop, so a subheading
followed by prose, ``Other news outlets reported ...`` or a sentence containing
``4 hrs ago`` are kept; a feed never takes the first paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from cleanse.cleaner import Cleaner
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.shape import Keywords, fold
from cleanse.text import REGEX_TIMEOUT, Paragraph, looks_like_headline, normalize_space, paragraphs, remove_paragraphs

from .footers import is_footer

_HEADING = regex.compile(
    r"\s*(?i:other\s+news|more\s+(?:from|on|in)\s+.{1,60}|more\s+(?:news|stories)|top\s+stories|"
    r"recommended(?:\s+(?:for\s+you|stories|reading|articles))?|"
    r"related(?:\s+(?:stories|articles|news|coverage|content|posts))?|most\s+(?:read|popular|viewed)|"
    r"read\s+(?:more|next|also)|latest(?:\s+(?:news|stories))?|trending(?:\s+(?:now|stories|news))?|"
    r"popular(?:\s+(?:now|stories))?|you\s+(?:may|might)\s+also\s+like|what\s+to\s+read\s+next)\s*:?\s*"
)
_STAMP = regex.compile(
    r"\s*(?i:(?:\d{1,3}|an?|one)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|"
    r"mos?|months?|y|yrs?|years?)\s+ago|yesterday|just\s+now)\s*"
)

# Tests made before the patterns, to spare regex calls (tests/test_feeds.py checks them): a _HEADING match
# opens (after whitespace) with one of these words; a _STAMP match ends (before whitespace) with one of those.
_HEADING_WORDS = Keywords("other more top recommended related most read latest trending popular you what")
_STAMP_ENDS = ("ago", "yesterday", "now")


def _may_be_heading(line: str) -> bool:
    """False when ``_HEADING`` cannot match ``line`` (``str.lstrip`` strips every character ``\\s`` matches)."""
    return _HEADING_WORDS.opens(line.lstrip()[:8])


def _may_be_stamp(line: str) -> bool:
    """False when ``_STAMP`` cannot match ``line``: its last nine characters, folded, end with none of ``_STAMP_ENDS``.

    (Each letter of those words matches, ignoring case, only characters that fold to it.)
    """
    return fold(line.rstrip()[-9:]).endswith(_STAMP_ENDS)


def kind_of(line: str) -> str | None:
    """``"heading"``, ``"stamp"``, ``"headline"`` for a line a feed may hold, else None.

    >>> kind_of("OTHER NEWS"), kind_of("1h ago"), kind_of("The Center Must Hold"), kind_of("Talks ended.")
    ('heading', 'stamp', 'headline', None)
    """
    if _may_be_heading(line) and _HEADING.fullmatch(line, timeout=REGEX_TIMEOUT):
        return "heading"
    # Most lines a feed does not hold are prose, which ends as a sentence does: a line whose last character
    # (whitespace aside) is one of _SENTENCE_END is no headline, and no stamp either (_may_be_stamp: the four fold
    # to themselves, so the folded end is no word of _STAMP_ENDS). "" is in any string: so is an empty line.
    if line.rstrip()[-1:] in _SENTENCE_END:
        return None
    if _may_be_stamp(line) and _STAMP.fullmatch(line, timeout=REGEX_TIMEOUT):
        return "stamp"
    return "headline" if looks_like_headline(line) else None


_SENTENCE_END = ".,;:"  # the characters looks_like_headline takes for the end of a sentence


def _trailing_kinds(paras: list[Paragraph]) -> tuple[list[str], int]:
    """The kinds of the feed-like paragraphs that end the text (never the first paragraph), and how many
    footer paragraphs (rule lines, copyright and source lines, ...: ``footers.is_footer``) come after them.

    Footers at the end are looked past and left to the footers cleaner, which runs later: a feed they hid
    would be removed by a second cleaning.
    """
    kinds: list[str] = []
    footers = 0
    # The paragraphs from the last to the second, by index: no copy of the list.
    for i in range(len(paras) - 1, 0, -1):
        line = paras[i].text
        if not kinds and is_footer(line):
            footers += 1
            continue
        kind = kind_of(line)
        if kind is None:
            break
        kinds.append(kind)
    return kinds[::-1], footers


def _headed(lines: list[str], kinds: list[str]) -> tuple[int, list[dict[str, Any]]] | None:
    """Where the first heading with a headline after it starts, and the feeds from there on."""
    heads: list[tuple[int, dict[str, Any]]] = []
    for i, kind in enumerate(kinds):
        if kind == "heading":
            heads.append((i, {"heading": normalize_space(lines[i]).rstrip(":").rstrip(), "items": 0}))
        elif kind == "headline" and heads:
            heads[-1][1]["items"] += 1
    while heads and heads[0][1]["items"] == 0:
        heads.pop(0)
    return (heads[0][0], [feed for _, feed in heads]) if heads else None


def _pairs(kinds: list[str]) -> int:
    """Where a run of stamp/headline pairs reaching the end starts (or ``len(kinds)``)."""
    start = len(kinds)
    pair = kinds[-2:]
    if pair in (["stamp", "headline"], ["headline", "stamp"]):
        while start >= 2 and kinds[start - 2 : start] == pair:
            start -= 2
    return start


class Feeds(Cleaner):
    """Remove a feed of other stories' headlines at the end of the text.

    >>> from cleanse.pipeline import Pipeline
    >>> doc = Pipeline(cleaners=[Feeds()]).clean("Talks ended.\\nRead more\\nTalks to resume\\n2 days ago")
    >>> doc.text, doc.meta["feeds"]
    ('Talks ended.', [{'heading': 'Read more', 'items': 1}])
    """

    name = "feeds"
    order = 600
    removes = "trailing feeds of other headlines (OTHER NEWS, Related stories, ... with '4 hrs ago' stamps)"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterator[Edit]:
        paras = paragraphs(text)
        kinds, footers = _trailing_kinds(paras)
        # Both rules need a heading or a stamp (_headed a heading, _pairs a stamp in its last pair): most texts end
        # with none, and are done with here.
        if "heading" not in kinds and "stamp" not in kinds:
            return
        offset = len(paras) - footers - len(kinds)
        headed = _headed([p.text for p in paras[offset : offset + len(kinds)]], kinds)
        if headed is not None:
            start, feeds = headed
            reason = "heading-feed"
        else:
            start = _pairs(kinds)
            feeds = [{"heading": "", "items": kinds[start:].count("headline")}]
            reason = "stamp-pairs"
        if start >= len(kinds):
            return
        meta.setdefault("feeds", []).extend(feeds)
        yield from remove_paragraphs(
            text, paras, [(i, "feed", reason) for i in range(offset + start, offset + len(kinds))]
        )


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Feeds())
