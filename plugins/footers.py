"""Footers after the article: copyright and source lines, author bios, tip lines, disclosures.

Footers live at the end, are short, and open with a fixed marker (``©``,
``Copyright``, ``SOURCE:``, ``Have a tip?``, ``Filed under:``) or have a
fixed shape (``NAME is IGN's deal curator ...``, ``... may be reached at
x@y.com``). Every rule here looks only at the last part of the text (the
last five paragraphs, within the last half of the words), so that a body
sentence with the same words higher up stays. The last five are the last
five kept: a footer removed brings the paragraph before them in.

Rules (each removal's ``reason``):

- ``copyright``: a paragraph of at most 25 words that starts with ``©``,
  ``ⓒ``, ``(c)`` or ``Copyright`` and a year, a name or a site, or that says "All rights reserved" (in
  several languages) and little else.
- ``source``: ``SOURCE: Al Jazeera News`` (``Fonte:``, ``Quelle:``,
  ``Источник:``...), at most 10 words; the source goes to ``credits.source``
  when that is empty.
- ``tip``: a paragraph that opens with ``Have a tip?``, ``Got a news tip?``...
- ``contact``: a paragraph of at most 60 words that tells the reader how to
  reach the author or the paper (``may be reached at``, ``letters to the
  editor``, ``We'd like to hear what you think``).
- ``bio``: a paragraph of at most 50 words that starts with a name and says
  what that person is (``Eric Song is IGN's deal curator ...``), naming a
  newsroom role, and reports nobody's words (``Jane Roe is the paper's editor,
  the board said.`` is news).
- ``disclosure``: an affiliate disclosure (``If you buy something through
  this post, IGN may get a share of the sale``).
- ``filed``: ``Filed under: ...``, ``Tags: ...``, ``Posted in ...`` (at most 20 words).
- ``rule``: a line of punctuation only (``______``, ``* * *``) among the footers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from cleanse.cleaner import Cleaner
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.shape import Keywords, folded_words, tail_start, words
from cleanse.text import REGEX_TIMEOUT, Paragraph, credits_slot, paragraphs, remove_paragraphs

_I = regex.IGNORECASE
_LAST = 5

_COPYRIGHT = regex.compile(
    r"^\W{0,2}(?:©|ⓒ|\(c\)|copyright\s*(?:©|ⓒ|\(c\)|\d{4}|by\b|(?-i:\p{Lu})|[\w-]+\.\w{2,})|copr\.)"
    r"|^\W{0,2}(?:[\w.&'-]+\s+){0,4}(?:all\s+rights\s+reserved|todos\s+os\s+direitos\s+reservados"
    r"|todos\s+los\s+derechos\s+reservados|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés"
    r"|tutti\s+i\s+diritti\s+riservati|все\s+права\s+защищены)",
    _I,
)
_SOURCE = regex.compile(
    r"^\W{0,2}(?:sources?|fonte|fuente|quelle|источник|출처|来源|出典)\s*[:：]\s*(?P<source>\S.*?)\W{0,2}$", _I
)
_TIP = regex.compile(
    r"^\W{0,2}(?:have|got|do\s+you\s+have)\s+(?:a|any)\s+(?:news\s+)?(?:tips?|story\s+(?:idea|tip)s?)\s*\?", _I
)
_CONTACT = regex.compile(
    r"\b(?:may|can)\s+be\s+(?:reached|contacted)\s+(?:at|by|on|via)\b|\bletters\s+to\s+the\s+editor\b"
    r"|\b(?:we'?d|we\s+would)\s+(?:like|love)\s+to\s+hear\b|\bsend\s+(?:us\s+)?(?:your\s+)?(?:news\s+)?tips\b",
    _I,
)
_BIO = regex.compile(
    r"^(?-i:(?:\p{Lu}[\w.'’-]*\s+){1,3}\p{Lu}[\w'’-]*)\s+(?:is|was)\s+(?:a|an|the|(?-i:\p{Lu})[\w.]*['’]s|our)\s"
    r".{0,120}?\b(?:writer|reporter|editor|correspondent|columnist|journalist|contributor|curator|author"
    r"|freelancer|producer|intern|critic|blogger|staff)\b",
    _I,
)
# A bio describes its writer; a sentence that reports what someone said is news about a person.
_REPORTED = regex.compile(r"\b(?:said|says|told|according\s+to|announced|confirmed)\b", _I)
_DISCLOSURE = regex.compile(
    r"\bif\s+you\s+(?:buy|purchase)\s+(?:something|anything|a\s+product)\b.{0,80}\b(?:share|commission)"
    r"|\b(?:may|might)\s+(?:earn|get|receive)\s+(?:a|an)\s+(?:small\s+)?(?:share|commission|affiliate)"
    r"|\b(?:contains|includes)\s+affiliate\s+links\b",
    _I,
)
_FILED = regex.compile(r"^\W{0,2}(?:filed\s+under|tags|tagged(?:\s+with)?|posted\s+in|categories|category)\s*:", _I)
_RULE = regex.compile(r"^[\W_]{3,}$")


# A regex call costs microseconds even when it finds nothing (its timeout reads the clock), so each
# pattern is tried only when a cheap test says it could match (tests/test_footers.py checks each
# test against its pattern).
# _COPYRIGHT: its first branch starts within three characters with one of these (or "C" of "copyright").
_COPYRIGHT_START = frozenset("©ⓒⒸ(cC")
# _SOURCE, _TIP, _FILED: the first word of an alternative opens the paragraph, after at most two
# non-word characters, and a colon or a question mark follows.
_SOURCE_OPENS = Keywords("sources fonte fuente quelle источник 출처 来源 出典")
_TIP_OPENS = Keywords("have got do")
_FILED_OPENS = Keywords("filed tags tagged posted categories category")
# The others: whole words (between non-word characters: \s, \b) each alternative has, one of which
# must be among the paragraph's casefolded words (shape.folded_words, cached across cleaners).
_RIGHTS = "rights direitos derechos rechte droits diritti права"  # _COPYRIGHT's second branch
_CONTACT_WORDS = "reached contacted letters hear tips"
_ROLES = (  # _BIO
    "writer reporter editor correspondent columnist journalist contributor curator author freelancer producer "
    "intern critic blogger staff"
)
_DISCLOSURE_WORDS = "buy purchase earn get receive affiliate"
_RIGHTS_SET, _CONTACT_SET, _ROLES_SET, _DISCLOSURE_SET = (
    frozenset(words.split()) for words in (_RIGHTS, _CONTACT_WORDS, _ROLES, _DISCLOSURE_WORDS)
)
_ANY_SET = _RIGHTS_SET | _CONTACT_SET | _ROLES_SET | _DISCLOSURE_SET  # one test for the four

# Folding a paragraph (shape.folded_words) costs microseconds, and few paragraphs have one of those words:
# _may_name rules most out first, from the paragraph's ASCII bytes.
_ASCII_NAMES = frozenset(word.encode() for word in _ANY_SET if word.isascii())
# For bytes.translate: an ASCII uppercase letter becomes its lowercase letter, the other word characters of
# ASCII (\w: letters, digits, "_") stay, every other byte becomes a space.
_ASCII_WORD_BYTES = (
    bytes(b + 32 if 0x41 <= b <= 0x5A else b if chr(b).isalnum() or b == 0x5F else 0x20 for b in range(0x80))
    + b" " * 0x80
)
# The characters outside ASCII that, ignoring case, match a letter of the ASCII words: "İ" ("i"), "ſ" ("s");
# and "р", "Р": one of them is in any text where "права", the one word outside ASCII, matches ignoring case
# (tests/test_footers.py checks both against every character).
_NAME_MARKS = ("İ", "ſ", "р", "Р")


def _capitalized(word: str) -> bool:
    """Whether ``word`` may start with an uppercase letter (``\\p{Lu}``): an ASCII one, or any non-ASCII character
    (Python's Unicode tables may be older than regex's).

    >>> _capitalized("Eric"), _capitalized("Élise"), _capitalized("the"), _capitalized("2024")
    (True, True, False, False)
    """
    return word[:1].isupper() or not word[:1].isascii()


def _may_be_bio(text: str) -> bool:
    """False when _BIO cannot match ``text``: it opens with a name of two to four capitalized words.

    A name's word is a run of word characters, dots, apostrophes and hyphens, none of them a space
    to ``str.split`` (which splits at every ``\\s`` of regex, and at U+001C-U+001F too, which no name has).

    >>> _may_be_bio("Eric Song is IGN's deal curator."), _may_be_bio("The curator is Eric Song.")
    (True, False)
    """
    first = text.split(None, 2)
    return len(first) == 3 and _capitalized(first[0]) and _capitalized(first[1])


def _may_name(text: str) -> bool:
    """False when no pattern that needs a word of ``_ANY_SET`` can match ``text``: a cheap test made before folding.

    Those patterns (_COPYRIGHT's second branch, _CONTACT, _BIO, _DISCLOSURE) have one of the words in each
    alternative, whole: between ``\\s``, ``\\b`` or the ends. Ignoring case, a letter of the words outside
    ASCII matches an ASCII letter or one of ``_NAME_MARKS``. So in a text without those marks the word is
    ASCII letters with a non-word character (or nothing) either side, and in the text's ASCII bytes (``?``
    for each other character), lowercased, with every byte outside ``\\w`` made a space, it is one of the
    pieces ``bytes.split`` gives. That costs half as much as folding, and spares the fold for most paragraphs.

    >>> _may_name("Jane Roe is our STAFF writer."), _may_name("Jane Roe left the staffroom."), _may_name("a ſtaff")
    (True, False, True)
    """
    if not text.isascii() and any(map(text.__contains__, _NAME_MARKS)):
        return True
    return not _ASCII_NAMES.isdisjoint(text.encode("ascii", "replace").translate(_ASCII_WORD_BYTES).split())


def is_rule(text: str) -> bool:
    """A line of punctuation only (``______``, ``* * *``).

    >>> is_rule(" * * * "), is_rule("__________"), is_rule("Ends."), is_rule("--")
    (True, True, False, False)
    """
    s = text.strip()
    # _RULE takes no letter or digit: one at either end or in the middle (every Python letter and decimal
    # digit is a \w of regex, tests/test_footers.py checks) rules it out without a call.
    if len(s) < 3:
        return False
    for c in s[0], s[-1], s[len(s) // 2]:
        if c.isalpha() or c.isdecimal():
            return False
    return _RULE.match(s, timeout=REGEX_TIMEOUT) is not None


def is_footer(text: str) -> bool:
    """Whether paragraph ``text`` is one the footers cleaner removes at the end of a text: a rule line, or a
    line one of its rules takes (copyright, source, tip, contact, bio, disclosure, filed under).

    >>> is_footer("© 2024 Reuters. All rights reserved."), is_footer("* * *"), is_footer("Talks ended.")
    (True, True, False)
    """
    return is_rule(text) or Footers._footer(text.strip()) is not None


def _kept_tail(paras: list[Paragraph], removed: dict[int, str]) -> int:
    """The index of the first paragraph in the last half of the words of the paragraphs not ``removed``.

    >>> from cleanse.text import paragraphs
    >>> ps = paragraphs("one two\\nthree\\nfour\\nfive")
    >>> _kept_tail(ps, {}), _kept_tail(ps, {3: "x"})  # without "five", the last half starts at "three"
    (2, 1)
    """
    kept = [p for p in paras if p.index not in removed] if removed else paras
    k = tail_start(kept, 0.5)
    return kept[k].index if k < len(kept) else len(paras)


def _last_kept(paras: list[Paragraph], removed: dict[int, str]) -> list[Paragraph]:
    """The last ``_LAST`` paragraphs not in ``removed`` (the first paragraph never among them), with those
    removed between them, in order.

    >>> from cleanse.text import paragraphs
    >>> [p.index for p in _last_kept(paragraphs("\\n".join("abcdefgh")), {6: "x"})]
    [2, 3, 4, 5, 6, 7]
    """
    kept = 0
    i = len(paras)
    while i > 1 and kept < _LAST:
        i -= 1
        kept += i not in removed
    return paras[i:]


class Footers(Cleaner):
    """Remove footers after the article: copyright, source, tips, contacts, bios, disclosures."""

    name = "footers"
    order = 680
    removes = "copyright and SOURCE: lines, author bios, tip and contact lines, affiliate disclosures"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterator[Edit]:
        paras = paragraphs(text)
        if len(paras) < 2:
            return
        # Most texts: no rule takes any of the last five paragraphs (_last_kept with none removed), and the last
        # is no rule line, so the rounds below would take nothing.
        last = paras[max(1, len(paras) - _LAST) :]
        if not is_rule(paras[-1].text) and not any(self._footer(p.text.strip()) for p in last):
            return
        picks: dict[int, str] = {}
        found_in: dict[int, tuple[str, str | None] | None] = {}  # what _footer says of each paragraph, asked once
        # A second cleaning sees only the paragraphs kept: its last five, and its tail (the last half of the
        # words), are those of the kept paragraphs. So the rules are applied again with the paragraphs kept,
        # until they take no more; a text without footers (most) is looked at once.
        tail: list[int] = []  # the kept tail's first index, worked out when a rule asks (once a round)

        def in_tail(i: int) -> bool:
            if not tail:
                tail.append(_kept_tail(paras, picks))
            return i >= tail[0]

        while True:
            taken = len(picks)
            tail.clear()
            for p in _last_kept(paras, picks):
                if p.index in picks:
                    continue
                if p.index not in found_in:
                    found_in[p.index] = self._footer(p.text.strip())
                found = found_in[p.index]
                if found and in_tail(p.index):
                    reason, source = found
                    if reason == "source":
                        credits = credits_slot(meta)
                        if not credits["source"]:
                            credits["source"] = source
                    picks[p.index] = reason
            # A rule line goes only when footers (or rules) are all that follow it: walked from the end, past
            # the last few paragraphs, so that a run of rules longer than them goes whole.
            i = len(paras) - 1
            while i >= 1 and (i in picks or (is_rule(paras[i].text) and in_tail(i))):
                picks.setdefault(i, "rule")
                i -= 1
            if len(picks) == taken:
                break
        yield from remove_paragraphs(text, paras, [(i, "footer", r) for i, r in sorted(picks.items())])

    @staticmethod
    def _footer(t: str) -> tuple[str, str | None] | None:
        """The rule that takes paragraph ``t`` (stripped), and the source a ``source`` line names.

        Remembered for a while (``_answers``): the feeds cleaner asks about the last paragraphs first.
        """
        got = _answers.get(t, _UNASKED)
        if got is _UNASKED:
            got = _rule_of(t)
            if len(_answers) >= 1024:
                _answers.clear()
            _answers[t] = got
        return got


_UNASKED = ("", None)  # never an answer
# What _rule_of said of each paragraph lately, by its text.
_answers: dict[str, tuple[str, str | None] | None] = {}


def _rule_of(t: str) -> tuple[str, str | None] | None:
    """The rule that takes paragraph ``t`` (stripped), and the source a ``source`` line names."""
    n = words(t)
    if n > 60:  # no rule takes a longer paragraph
        return None
    # Every rule needs one of these five (each is asked again below, before its pattern is tried): a text
    # with none of them is no footer. Most paragraphs have none, and are not folded.
    may_name = _may_name(t)
    start = not _COPYRIGHT_START.isdisjoint(t[:3])
    colon = ":" in t
    if not (may_name or start or colon or "?" in t or "：" in t):
        return None
    found = folded_words(t) if may_name else ()
    named = not _ANY_SET.isdisjoint(found)
    if (
        n <= 25
        and (start or (named and not _RIGHTS_SET.isdisjoint(found)))
        and _COPYRIGHT.match(t, timeout=REGEX_TIMEOUT)
    ):
        return "copyright", None
    if n <= 10 and (colon or "：" in t) and _SOURCE_OPENS.opens(t) and (m := _SOURCE.match(t, timeout=REGEX_TIMEOUT)):
        return "source", m.group("source")
    if "?" in t and _TIP_OPENS.opens(t) and _TIP.match(t, timeout=REGEX_TIMEOUT):
        return "tip", None
    if named and not _CONTACT_SET.isdisjoint(found) and _CONTACT.search(t, timeout=REGEX_TIMEOUT):
        return "contact", None
    if (
        n <= 50
        and named
        and not _ROLES_SET.isdisjoint(found)
        and _may_be_bio(t)
        and _BIO.match(t, timeout=REGEX_TIMEOUT)
        and not _REPORTED.search(t, timeout=REGEX_TIMEOUT)
    ):
        return "bio", None
    if n <= 50 and named and not _DISCLOSURE_SET.isdisjoint(found) and _DISCLOSURE.search(t, timeout=REGEX_TIMEOUT):
        return "disclosure", None
    if n <= 20 and colon and _FILED_OPENS.opens(t) and _FILED.match(t, timeout=REGEX_TIMEOUT):
        return "filed", None
    return None


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Footers())
