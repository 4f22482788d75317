"""Shape of paragraphs, shared by the page-noise cleaners (related, prompts, comments, footers).

Page noise is told from body text less by its words than by its shape: it is
short, it does not end like a sentence, it comes in runs of list items, and it
sits at the end of the document. These helpers measure that shape.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleanse.text import REGEX_TIMEOUT, Paragraph

_WORD = regex.compile(r"\w+")
_LIST_ITEM = regex.compile(r"[-–—•*·▪►»]\s|\d{1,2}[.)]\s")
_SENTENCE_END = regex.compile(r"[.!?…。！？]['\"’”»)\]]*\s*$")
_NON_SPACE_SCRIPT = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")


def words(text: str) -> int:
    """Number of words; scripts written without spaces count one word per two characters.

    >>> words("Read more: the plan"), words("相关阅读：新闻")
    (4, 5)
    """
    tokens = len(_WORD.findall(text, timeout=REGEX_TIMEOUT))
    dense = len(_NON_SPACE_SCRIPT.findall(text, timeout=REGEX_TIMEOUT))
    return tokens + dense // 2


def is_list_item(text: str) -> bool:
    """A line that starts with a bullet or a small number (``- ``, ``• ``, ``3. ``).

    >>> is_list_item("- Who will make the Rock Hall?"), is_list_item("-5 degrees tonight")
    (True, False)
    """
    return _LIST_ITEM.match(text.lstrip(), timeout=REGEX_TIMEOUT) is not None


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends like a sentence (a full stop, ``!``, ``?`` or an ellipsis, maybe quoted).

    >>> ends_sentence("He left."), ends_sentence('She said "no."'), ends_sentence("Related stories")
    (True, True, False)
    """
    return _SENTENCE_END.search(text, timeout=REGEX_TIMEOUT) is not None


def is_short(p: Paragraph, limit: int = 25) -> bool:
    """At most ``limit`` words (and 300 characters): a heading, a link, a prompt, not a paragraph of prose."""
    return len(p.text) <= 300 and words(p.text) <= limit


def tail_start(paras: Sequence[Paragraph], share: float = 0.5) -> int:
    """Index of the first paragraph in the last ``share`` of the document's words.

    Trailers (comments, related lists, prompts, footers) live there; body
    text that merely looks like them usually does not.

    >>> from cleanse.text import paragraphs
    >>> tail_start(paragraphs("one two three four\\nfive six\\nseven\\neight"))
    1
    """
    before = words_before(paras)
    total = before[-1]
    for i in range(len(paras)):
        if before[i] >= total * (1 - share):
            return i
    return len(paras)


def words_before(paras: Sequence[Paragraph]) -> list[int]:
    """Words in the paragraphs before each index (one more entry than ``paras``: the total).

    >>> from cleanse.text import paragraphs
    >>> words_before(paragraphs("one two\\nthree\\nfour five six"))
    [0, 2, 3, 6]
    """
    out = [0]
    for p in paras:
        out.append(out[-1] + words(p.text))
    return out
