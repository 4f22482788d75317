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
    (4, 3)
    """
    count = 0
    for m in _WORD.finditer(text, timeout=REGEX_TIMEOUT):
        token = m.group()
        dense = len(_NON_SPACE_SCRIPT.findall(token, timeout=REGEX_TIMEOUT))
        count += max(1, (dense + 1) // 2 + (len(token) - dense > 0)) if dense else 1
    return count


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
    counts = [words(p.text) for p in paras]
    total = sum(counts)
    seen = 0
    for i, n in enumerate(counts):
        if seen >= total * (1 - share):
            return i
        seen += n
    return len(paras)


def body_words_before(paras: Sequence[Paragraph], index: int) -> int:
    """Words in the paragraphs before ``index``."""
    return sum(words(p.text) for p in paras[:index])
