"""Footers after the article: copyright and source lines, author bios, tip lines, disclosures.

Footers live at the end, are short, and open with a fixed marker (``©``,
``Copyright``, ``SOURCE:``, ``Have a tip?``, ``Filed under:``) or have a
fixed shape (``NAME is IGN's deal curator ...``, ``... may be reached at
x@y.com``). Every rule here looks only at the last part of the text (the
last five paragraphs, within the last half of the words), so that a body
sentence with the same words higher up stays.

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
  newsroom role.
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
from cleanse.shape import tail_start, words
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
_DISCLOSURE = regex.compile(
    r"\bif\s+you\s+(?:buy|purchase)\s+(?:something|anything|a\s+product)\b.{0,80}\b(?:share|commission)"
    r"|\b(?:may|might)\s+(?:earn|get|receive)\s+(?:a|an)\s+(?:small\s+)?(?:share|commission|affiliate)"
    r"|\b(?:contains|includes)\s+affiliate\s+links\b",
    _I,
)
_FILED = regex.compile(r"^\W{0,2}(?:filed\s+under|tags|tagged(?:\s+with)?|posted\s+in|categories|category)\s*:", _I)
_RULE = regex.compile(r"^[\W_]{3,}$")


class Footers(Cleaner):
    """Remove footers after the article: copyright, source, tips, contacts, bios, disclosures."""

    name = "footers"
    order = 680
    removes = "copyright and SOURCE: lines, author bios, tip and contact lines, affiliate disclosures"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterator[Edit]:
        paras = paragraphs(text)
        if len(paras) < 2:
            return
        first = max(tail_start(paras, 0.5), len(paras) - _LAST, 1)
        picks: dict[int, str] = {}
        for p in paras[first:]:
            reason = self._footer(p, meta)
            if reason:
                picks[p.index] = reason
        # A rule line goes only when footers follow it or it ends the text.
        for p in paras[first:]:
            if _RULE.match(p.text.strip(), timeout=REGEX_TIMEOUT) and all(
                i in picks or _RULE.match(paras[i].text.strip()) for i in range(p.index + 1, len(paras))
            ):
                picks[p.index] = "rule"
        yield from remove_paragraphs(text, paras, [(i, "footer", r) for i, r in sorted(picks.items())])

    @staticmethod
    def _footer(p: Paragraph, meta: dict[str, Any]) -> str | None:
        t = p.text.strip()
        n = words(t)
        if n <= 25 and _COPYRIGHT.match(t, timeout=REGEX_TIMEOUT):
            return "copyright"
        if n <= 10 and (m := _SOURCE.match(t, timeout=REGEX_TIMEOUT)):
            credits = credits_slot(meta)
            if not credits["source"]:
                credits["source"] = m.group("source")
            return "source"
        if n <= 60 and _TIP.match(t, timeout=REGEX_TIMEOUT):
            return "tip"
        if n <= 60 and _CONTACT.search(t, timeout=REGEX_TIMEOUT):
            return "contact"
        if n <= 50 and _BIO.match(t, timeout=REGEX_TIMEOUT):
            return "bio"
        if n <= 50 and _DISCLOSURE.search(t, timeout=REGEX_TIMEOUT):
            return "disclosure"
        if n <= 20 and _FILED.match(t, timeout=REGEX_TIMEOUT):
            return "filed"
        return None


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Footers())
