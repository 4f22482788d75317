"""Links to other articles: ``Read more:`` lines, ``Related`` lists, ``You may also like`` blocks.

A link to another article is a short line that does not end like a sentence:
a headline. Sites announce it with a label (``Read more:``, ``Related:``,
``Also on rt.com``, ``Leia mais:``, ``Lesen Sie auch:``, ``Читайте также:``,
``관련기사``), either on the same line or as a heading above a list of
headlines. Labels are listed in many languages, but a label alone removes
nothing: it must have the shape of a link or a heading.

Rules (each removal's ``reason``):

- ``inline``: a paragraph that starts with a label and a separator
  (``Read more: ...``, ``[Related: ...]``, ``Also on site.com ...``) whose
  rest is a headline of at most 25 words.
- ``heading``: a paragraph that is only a label (``You may also like...``,
  ``Popular on IndieWire``, ``More:``), with the run of headline-shaped
  paragraphs that follows it (at most 15, each at most 25 words and not
  ending with a full stop; only list items if the first one is). A bare
  label with no headline after it (``Related``, ``Read more``) stays unless
  it announces a list (``More:``, ``You may also like...``) or names a site.
  Such a heading in the last half of the text takes every paragraph to the
  end when all of them are short (at most 30 words).
- ``headlines``: in the last half of the text, a run of three or more
  list items (``- ...``) written as headlines in Title Case (five or more
  words, no colon, no score), none ending with a full stop.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import regex

from cleanse.cleaner import Cleaner
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.shape import fold, folded_words, is_list_item, is_short, word_runs, words, words_before
from cleanse.text import REGEX_TIMEOUT, Paragraph, paragraphs, remove_paragraphs


def _phrases(block: str) -> set[str]:
    return {p.strip() for p in block.replace("\n", "|").split("|") if p.strip()}


def _alternatives(block: str) -> str:
    """A regex alternation of the ``|``- or line-separated phrases in ``block``, longest first."""
    phrases = _phrases(block)
    return "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


# Labels that announce a link to another article, inline or as a heading.
_LABEL_TEXT = """
    read more|read also|also read|read next|related|related post|related posts|related article|related articles
    related story|related stories|related content|related coverage|related reading|related news|related links
    related topics|see also|also see|more|more on this|more on this story|more news|more stories|recommended
    recommended reading|recommended for you|suggested|suggested reading|you may also like|you might also like
    you may like|you might like|don't miss|do not miss|must read|further reading|also on|trending|trending now
    top stories|most read|most popular|popular|latest news|latest stories|editor's picks|more from
    more in|popular on|read the latest|what to read next|read this next|keep reading
    leia mais|leia também|veja também|veja mais|saiba mais|mais lidas|notícias relacionadas|relacionadas
    lea también|lee también|leer más|ver también|te puede interesar|noticias relacionadas|lo más leído
    lesen sie auch|lesen sie mehr|mehr zum thema|auch interessant|das könnte sie auch interessieren|weitere artikel
    lire aussi|à lire aussi|a lire aussi|voir aussi|lire la suite|sur le même sujet|à voir aussi
    leggi anche|leggi|potrebbe interessarti|articoli correlati|vedi anche|czytaj też|czytaj także|zobacz też
    zobacz także|lees ook|lees meer|läs också|läs mer|læs også|les også|lue myös|devamını oku|ayrıca oku
    ilgili haberler|читайте также|читайте|смотрите также|по теме|похожие статьи|ещё по теме|также читайте
    читайте еще|читайте ещё|관련기사|관련 기사|관련뉴스|주요뉴스|많이 본 뉴스|함께 보면 좋은 기사|baca juga|baca
    berita terkait|関連記事|関連ニュース|あわせて読みたい|相关阅读|相关新闻|延伸阅读|相關新聞|اقرأ أيضا|اقرأ أيضاً
    """
_LABELS = _alternatives(_LABEL_TEXT)
# Words an inline link's label and separator add to its headline (one more for the halves of dense scripts).
_LABEL_WORDS = max(words(p) for p in _phrases(_LABEL_TEXT)) + 1
_SEPARATOR = r"\s*(?::|-|–|—|\||»|>|::)\s*"
# "[Related: X]", "Read more: X", "READ MORE - X", "Also on rt.com X"
_INLINE = regex.compile(
    rf"^\W{{0,3}}(?:(?:{_LABELS}){_SEPARATOR}|also\s+on\s+\S+\.\w{{2,}}\s)(?P<rest>\S.*)$",
    regex.IGNORECASE,
)
# Labels that take a site or section name after them: "Popular on IndieWire", "More from CBS Sports".
_NAMED_TEXT = "more from|more in|more on|popular on|popular in|trending on|also on|latest from|top stories in"
_NAMED = _alternatives(_NAMED_TEXT)
# A heading: a label alone, or a named label with up to three words of name, maybe closed by ":" or "...".
_HEADING = regex.compile(
    rf"^\W{{0,3}}(?:{_NAMED})(?:\s+\S+){{1,3}}\s*(?::|\.\.\.|…|»|>)?\W{{0,3}}$"
    rf"|^\W{{0,3}}(?:{_LABELS})\s*(?::|\.\.\.|…|»|>)?\W{{0,3}}$",
    regex.IGNORECASE,
)
# A heading that announces what follows ("More:", "You may also like...") or names a site goes even when
# its list was lost; a bare label ("Related", "Read more") with nothing after it may be a word of the body.
_ANNOUNCES = regex.compile(rf"(?::|\.\.\.|…|»|>)\W{{0,3}}$|^\W{{0,3}}(?:{_NAMED})\s", regex.IGNORECASE)
_CAPITALISED = regex.compile(r"^[\p{Lu}\d]")
# Paragraphs of more words are turned down as inline links without the pattern: what is_headline() asks of
# the rest, asked of the whole paragraph ("also on SITE" takes any number of words, so it is let through).
_INLINE_WORDS = 25 + _LABEL_WORDS

# A cheap test before _INLINE and _HEADING: each of their matches opens, after at most three non-word
# characters, with a label (or "also on SITE"). Its first word stands there, followed by what follows it
# in the label: spaces (any, for \s+) and the label's second word, or an apostrophe (don't), or, when it is
# the whole label, maybe spaces and then a non-word character or the end. Words are compared as fold() gives
# them, with "ı" made "i": "I" matches "ı" ignoring case (ayrıca).


class _Start(NamedTuple):
    word: str  # a label's first word, folded
    whole: bool  # it is a whole label
    seconds: tuple[str, ...]  # the second words of the labels in which spaces follow it
    others: str  # the other characters that follow it in a label


def _label_starts() -> dict[str, tuple[_Start, ...]]:
    """By first letter: what a label's first word is and what may follow it."""
    follows: dict[str, list[str]] = {}  # first word -> the rest of each label it opens, "" for none
    for label in _phrases(_LABEL_TEXT) | _phrases(_NAMED_TEXT) | {"also on"}:
        folded = fold(label).replace("ı", "i")
        first = folded_words(folded)[0]
        follows.setdefault(first, []).append(folded[len(first) :])
    starts: dict[str, tuple[_Start, ...]] = {}
    for word, rests in sorted(follows.items()):
        seconds = tuple(sorted({r.split(" ")[1] for r in rests if r[:1] == " "}))
        others = "".join(sorted({r[0] for r in rests if r[:1] not in ("", " ")}))
        starts[word[0]] = (*starts.get(word[0], ()), _Start(word, "" in rests, seconds, others))
    return starts


_LABEL_STARTS = _label_starts()
_FIRST_WORDS = frozenset(start.word for starts in _LABEL_STARTS.values() for start in starts)
_SECOND_WORDS = frozenset(word for starts in _LABEL_STARTS.values() for start in starts for word in start.seconds)
# The characters a match can span up to the end of its label's first word and the character after it; and,
# when the characters of the head allow, up to the end of the second word.
_HEAD = 3 + max(len(s.word) + 1 + max(map(len, s.seconds), default=0) for ss in _LABEL_STARTS.values() for s in ss) + 1


def _opens_with_label(text: str) -> bool:
    """Whether ``text`` may match ``_INLINE`` or ``_HEADING``: False when it cannot.

    >>> _opens_with_label("[READ MORE: x]"), _opens_with_label("— Ayrıca oku"), _opens_with_label("AYRICA OKU")
    (True, True, True)
    >>> _opens_with_label("After the game"), _opens_with_label("Moreover, it rained"), _opens_with_label("....Related")
    (False, False, False)
    >>> _opens_with_label("A: Yes."), _opens_with_label("Also, it rained"), _opens_with_label("More, it rained")
    (False, False, True)
    >>> _opens_with_label("A spokesman declined"), _opens_with_label("More than 40"), _opens_with_label("More  news")
    (False, False, True)
    """
    return _head_opens_with_label(fold(text[:_HEAD]).replace("ı", "i"), len(text) > _HEAD)


def _may_open(text: str) -> bool:
    """``_opens_with_label`` asked of the first ``_KEY`` characters of ``text`` (as if more followed), memoised:
    False when ``text`` cannot match. Most paragraphs of a text open as others did before. An opening turned
    down that cannot open a list item either goes to ``_plain``.

    >>> _may_open("Read more: x"), _may_open("Reader"), _may_open("The plan"), _may_open("A spokesman")
    (True, False, False, False)
    """
    key = text[:_KEY]
    if key in _closed:
        return False
    if key in _open:
        return True
    if len(_closed) + len(_open) >= 16384:  # the openings of many documents, in a megabyte or two
        _closed.clear()
        _open.clear()
        _plain.clear()
    opens = _head_opens_with_label(fold(key).replace("ı", "i"), True)
    if opens:
        _open.add(key)
    else:
        _closed.add(key)
        if not _may_be_list_item(key):  # both screens read only the key
            _plain.add(key)
    return opens


_KEY = 5
_closed: set[str] = set()  # the first _KEY characters of texts _may_open() turned down
_open: set[str] = set()  # and of those it let through


def _head_opens_with_label(head: str, cut: bool) -> bool:
    """``_opens_with_label`` of a text whose first characters fold to ``head`` ("ı" made "i"); ``cut``: more follow.

    Sound because the characters of a match's label fold one for one to the letters it is written with,
    spaces (``\\s``) to one space each (``str.isspace``) and other non-word characters to one non-word
    character each (tests/test_related.py checks every character), so the label's words stand in the folded
    head where they stood, with as many spaces between them. After a whole label, a match has spaces (maybe
    none) and then a non-word character (a separator, a closer) or the end: a skip over ``str.isspace``
    characters (all non-word, none a separator) that meets a letter or digit finds neither. Where the head
    is cut before it tells, the answer is yes.
    """
    for k, c in enumerate(head[:4]):
        if c.isalpha() or c.isdecimal():  # the first word starts here, or no label does
            for start in _LABEL_STARTS.get(c, ()):
                if not head.startswith(start.word, k):
                    if cut and start.word.startswith(head[k:]):
                        return True
                    continue
                at = k + len(start.word)
                after = head[at : at + 1]
                if not after:  # the end of the head
                    if cut or start.whole:
                        return True
                    continue
                if after in start.others:
                    return True
                if not after.isspace():
                    if start.whole and not (after.isalpha() or after.isdecimal()):
                        return True
                    continue
                rest = head[at:].lstrip()  # str.lstrip() strips the str.isspace() characters
                if not rest:
                    if cut or start.whole:
                        return True
                    continue
                if start.whole and not (rest[0].isalpha() or rest[0].isdecimal()):
                    return True
                if any(rest.startswith(w) or (cut and w.startswith(rest)) for w in start.seconds):
                    return True
            return False
    return False


def _may_be_inline(text: str) -> bool:
    """False when ``_INLINE`` cannot match ``text``. A match has a separator character and, after it, its
    headline, which opens with ``\\S`` (neither a space nor a tab): so after the first separator character of
    ``text`` comes more than spaces and tabs. Or it has ``also on SITE.xx`` and a space: a full stop followed by
    a word character, so not one of the full stops that end ``text``.

    >>> _may_be_inline("More:"), _may_be_inline("You may also like..."), _may_be_inline("Popular on IndieWire")
    (False, False, False)
    >>> _may_be_inline("More: x"), _may_be_inline("Read more - x"), _may_be_inline("Also on rt.com x")
    (True, True, True)
    """
    at = min((i for i in map(text.find, _SEPARATOR_CHARS) if i >= 0), default=-1)
    return (at >= 0 and text[at + 1 :].strip(" \t") != "") or "." in text.rstrip(".")


_SEPARATOR_CHARS = ":-–—|»>"  # those of _SEPARATOR


def is_headline(text: str, limit: int = 25) -> bool:
    """Short, and not ending with a full stop (``?`` and ``!`` end headlines too).

    >>> is_headline("Who will make the Rock Hall in 2020?"), is_headline("It rained all day.")
    (True, False)
    """
    return (len(text) <= 300 and words(text) <= limit and not _stripped(text).endswith(".")) or _ends_in_ellipsis(text)


_CLOSERS = " '\"’”»)]"  # what may follow a headline's last word: quotes, brackets


def _stripped(text: str) -> str:
    return text.rstrip(_CLOSERS)


def _ends_in_ellipsis(text: str) -> bool:
    return _stripped(text).endswith("...")


_SCORE = regex.compile(r"\d\s+\D{1,40}?\s+\d|\d\s*[-–:]\s*\d")


def _title_case_headline(text: str) -> bool:
    """A list item written as an English headline: five or more words, most longer ones capitalised.

    Score lines (``Chelsea 2 Arsenal 1``) and labelled entries (``Best Actor: ...``) are not headlines.

    >>> _title_case_headline("- 11 Fascinating Facts About Our Milky Way Galaxy")
    True
    >>> _title_case_headline("- baby carrier and healthy snacks")
    False
    >>> _title_case_headline("- Manchester United 2 Chelsea 1")
    False
    >>> _title_case_headline("- Best Actor In A Leading Role: Joaquin Phoenix")
    False
    """
    # Each of the five words is a word run, which words() counts (with one more per two characters of a dense
    # script): fewer than five words is fewer than five runs. Its count is known (is_headline() asked for it).
    if ":" in text or words(text) < 5:
        return False
    found = word_runs(text)
    tokens = [t for t in found if len(t) > 3 or t[0].isdigit()]
    if len(found) < 5 or len(tokens) < 3:
        return False
    if sum(1 for t in tokens if _capitalised(t)) < 0.7 * len(tokens):
        return False
    # Not a score: _SCORE needs two \d digits (word characters that are no letters) with a non-word character
    # between them (\s, a dash, a colon), so two words that are not all letters.
    return sum(map(str.isalpha, found)) >= len(found) - 1 or not _SCORE.search(text, timeout=REGEX_TIMEOUT)


def _capitalised(word: str) -> bool:
    """``_CAPITALISED.match(word)``: Python's Unicode tables tell, but for a character they do not know.

    >>> _capitalised("Milky"), _capitalised("11"), _capitalised("milky"), _capitalised("Ⅻ")
    (True, True, False, False)
    """
    category = unicodedata.category(word[:1] or " ")
    if category == "Cn":  # unassigned in Python's tables, maybe not in regex's (tests/test_related.py)
        return _CAPITALISED.match(word, timeout=REGEX_TIMEOUT) is not None
    return category == "Lu" or category == "Nd"


class Related(Cleaner):
    """Remove links and lists of links to other articles."""

    name = "related"
    order = 660
    removes = "'Read more:' / 'Related:' links and 'You may also like' lists of other articles' headlines"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterator[Edit]:
        paras = paragraphs(text)
        n = len(paras)
        if n < 2:
            return
        # The paragraphs that may open with a label and those that may be list items, told by their first
        # characters: most texts have neither, and then no rule needs their words.
        maybe = [p for p in paras if p.text[:_KEY] not in _plain]
        if not maybe:
            return
        labelled = [p for p in maybe if _may_open(p.text)]  # which learns the openings of _plain
        # A bullet and a space open most list items; is_list_item() is asked only of the others that may be.
        listed = {
            p.index
            for p in maybe
            if p.text.startswith(_BULLET_SPACES) or (_may_be_list_item(p.text) and is_list_item(p.text))
        }
        if not labelled and len(listed) < 3:  # a run of headlines takes three list items
            return
        tail = -1  # _tail(paras), worked out when a rule asks
        picks: dict[int, str] = {}
        for p in labelled:
            i = p.index
            if i in picks:
                continue
            t = p.text
            count = words(t)
            if count > 6:  # not a heading; an inline link at most
                end = t.rstrip(_CLOSERS)  # _stripped(t)
                if count > _INLINE_WORDS and "also" not in t[:7].casefold() and not end.endswith("..."):
                    continue  # too long for one (see _INLINE_WORDS)
                if end.endswith(".") and not end.endswith("..."):
                    continue  # is_headline() turns down the rest of the link: it ends the same
            if not _opens_with_label(t):  # both patterns open with a label
                continue
            if self._is_inline(t, count):
                picks[i] = "inline"
            elif count <= 6 and _HEADING.match(t, timeout=REGEX_TIMEOUT):
                tail = _tail(paras) if tail < 0 else tail
                for j in self._heading_run(paras, i, tail):
                    picks[j] = "heading"
        if len(listed) >= 3:
            tail = _tail(paras) if tail < 0 else tail
            picks.update(dict.fromkeys(self._headline_runs(paras, tail, picks, listed), "headlines"))
        if not picks or len(picks) == len(paras):  # never the whole text
            return
        yield from remove_paragraphs(text, paras, [(i, "related", r) for i, r in sorted(picks.items())])

    @staticmethod
    def _is_inline(text: str, count: int) -> bool:
        """``text`` (of ``count`` words) is a label and a headline.

        The headline is part of ``text``, so it has no more words (each of its word runs lies in one of the
        text's, each of its characters of a dense script is one of the text's): when ``text`` has at most 25,
        so has the headline, and it is not counted.
        """
        if count <= 6 and not _may_be_inline(text):  # most headings: "More:", "You may also like..."
            return False
        m = _INLINE.match(text, timeout=REGEX_TIMEOUT)
        if m is None:
            return False
        rest = m.group("rest")
        if count <= 25 and len(rest) <= 300 and not _stripped(rest).endswith("."):
            return True  # is_headline(rest), its word count aside
        return is_headline(rest)

    @staticmethod
    def _heading_run(paras: list[Paragraph], index: int, tail: int) -> list[int]:
        after = paras[index + 1 :]
        announces = _ANNOUNCES.search(paras[index].text, timeout=REGEX_TIMEOUT) is not None
        if announces and index >= tail and after and all(is_short(p, 30) for p in after):
            return [index, *(p.index for p in after)]
        run = [index]
        listed = bool(after) and is_list_item(after[0].text)
        for p in after[:15]:
            if not is_headline(p.text) or (listed and not is_list_item(p.text)):
                break
            run.append(p.index)
        if len(run) == 1 and not announces:
            return []
        return run

    @staticmethod
    def _headline_runs(paras: list[Paragraph], tail: int, taken: dict[int, str], items: set[int]) -> list[int]:
        """The runs of title-case headlines in the tail; ``items``: the paragraphs that are list items (those of
        the tail at least, maybe more)."""
        listed = {i for i in items if i >= tail and i not in taken}
        if len(listed) < 3:  # most tails
            return []

        def short(i: int) -> bool:  # the cheap test: short and not ending with "."
            return is_headline(paras[i].text, 20)

        def titled(i: int) -> bool:
            return _title_case_headline(paras[i].text)

        found: list[int] = []
        # The runs of paragraphs for which all three hold are the runs of titled ones within the runs of short
        # ones within the runs of listed ones, the cheapest test first.
        for start, stop in _runs(listed.__contains__, tail, len(paras)):
            for first, end in _runs(short, start, stop):
                for a, b in _runs(titled, first, end):
                    found.extend(range(a, b))
        return found


def _tail(paras: list[Paragraph]) -> int:
    """``tail_start(paras, 0.5)``: word counts before each paragraph never decrease, so the first index whose
    count reaches half the total is a bisection."""
    before = words_before(paras)
    return min(bisect_left(before, before[-1] * (1 - 0.5)), len(paras))


def _may_be_list_item(text: str) -> bool:
    """False when ``is_list_item(text)`` is: a list item (``_LIST_ITEM`` after ``str.lstrip``) opens with a space, a
    bullet or a ``\\d`` digit, which is ``str.isdecimal`` or outside the BMP (tests/test_related.py checks every
    character).

    >>> _may_be_list_item("- Who will make it?"), _may_be_list_item("12. Go"), _may_be_list_item("“I will”")
    (True, True, False)
    """
    c = text[:1]
    return c in _BULLETS or c.isdecimal() or c.isspace() or c >= "\U00010000"


# The first _KEY characters of paragraphs that neither _may_open() nor _may_be_list_item() let through, learnt
# by _may_open(): no paragraph that opens with them can be taken. Most paragraphs open as others did before.
_plain: set[str] = set()


_BULLETS = "-–—•*·▪►»"  # those of cleanse.shape._LIST_ITEM
_BULLET_SPACES = tuple(f"{b} " for b in _BULLETS)  # each opens a list item (tests/test_related.py)


def _runs(holds: Callable[[int], bool], start: int, stop: int, least: int = 3) -> Iterator[tuple[int, int]]:
    """The longest runs ``[first, end)`` of indices in ``[start, stop)`` for which ``holds``, of ``least`` or more.

    ``holds`` is asked about one index in ``least`` until it holds: any ``least`` indices in a row take in one of
    those probes, so a run that is long enough holds at a probe. From there the run is followed both ways.

    >>> list(_runs({1, 2, 3, 5, 6, 8, 9, 10, 11}.__contains__, 0, 12))
    [(1, 4), (8, 12)]
    """
    known = start  # the indices before this one are not in a run still to be found
    probe = start + least - 1
    while probe < stop:
        if not holds(probe):
            known = probe + 1
            probe += least
            continue
        first = probe
        while first > known and holds(first - 1):
            first -= 1
        end = probe + 1
        while end < stop and holds(end):
            end += 1
        if end - first >= least:
            yield first, end
        known = end + 1  # end does not hold (or is stop)
        probe = end + least


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Related())
