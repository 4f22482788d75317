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

from collections.abc import Iterator
from typing import Any

import regex

from cleanse.cleaner import Cleaner
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.shape import is_list_item, is_short, tail_start, words
from cleanse.text import REGEX_TIMEOUT, Paragraph, paragraphs, remove_paragraphs


def _alternatives(block: str) -> str:
    """A regex alternation of the ``|``- or line-separated phrases in ``block``, longest first."""
    phrases = {p.strip() for p in block.replace("\n", "|").split("|") if p.strip()}
    return "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


# Labels that announce a link to another article, inline or as a heading.
_LABELS = _alternatives(
    """
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
)
_SEPARATOR = r"\s*(?::|-|–|—|\||»|>|::)\s*"
# "[Related: X]", "Read more: X", "READ MORE - X", "Also on rt.com X"
_INLINE = regex.compile(
    rf"^\W{{0,3}}(?:(?:{_LABELS}){_SEPARATOR}|also\s+on\s+\S+\.\w{{2,}}\s)(?P<rest>\S.*)$",
    regex.IGNORECASE,
)
# Labels that take a site or section name after them: "Popular on IndieWire", "More from CBS Sports".
_NAMED = _alternatives("more from|more in|more on|popular on|popular in|trending on|also on|latest from|top stories in")
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


def is_headline(text: str, limit: int = 25) -> bool:
    """Short, and not ending with a full stop (``?`` and ``!`` end headlines too).

    >>> is_headline("Who will make the Rock Hall in 2020?"), is_headline("It rained all day.")
    (True, False)
    """
    stripped = text.rstrip(" '\"’”»)]")
    return (words(text) <= limit and len(text) <= 300 and not stripped.endswith(".")) or stripped.endswith("...")


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
    if ":" in text or _SCORE.search(text, timeout=REGEX_TIMEOUT):
        return False
    found = regex.findall(r"\w+", text, timeout=REGEX_TIMEOUT)
    tokens = [t for t in found if len(t) > 3 or t[0].isdigit()]
    if len(found) < 5 or len(tokens) < 3:
        return False
    capitals = sum(1 for t in tokens if _CAPITALISED.match(t))
    return capitals >= 0.7 * len(tokens)


class Related(Cleaner):
    """Remove links and lists of links to other articles."""

    name = "related"
    order = 660
    removes = "'Read more:' / 'Related:' links and 'You may also like' lists of other articles' headlines"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterator[Edit]:
        paras = paragraphs(text)
        if len(paras) < 2:
            return
        tail = tail_start(paras, 0.5)
        picks: dict[int, str] = {}
        for p in paras:
            if p.index in picks:
                continue
            if self._is_inline(p):
                picks[p.index] = "inline"
            elif _HEADING.match(p.text, timeout=REGEX_TIMEOUT) and words(p.text) <= 6:
                for i in self._heading_run(paras, p.index, tail):
                    picks[i] = "heading"
        picks.update(dict.fromkeys(self._headline_runs(paras, tail, picks), "headlines"))
        if len(picks) == len(paras):  # never the whole text
            return
        yield from remove_paragraphs(text, paras, [(i, "related", r) for i, r in sorted(picks.items())])

    @staticmethod
    def _is_inline(p: Paragraph) -> bool:
        m = _INLINE.match(p.text, timeout=REGEX_TIMEOUT)
        return m is not None and is_headline(m.group("rest"))

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
    def _headline_runs(paras: list[Paragraph], tail: int, taken: dict[int, str]) -> list[int]:
        found: list[int] = []
        run: list[int] = []
        for p in [*paras[tail:], None]:
            if (
                p is not None
                and p.index not in taken
                and is_list_item(p.text)
                and is_headline(p.text, 20)
                and _title_case_headline(p.text)
            ):
                run.append(p.index)
                continue
            if len(run) >= 3:
                found.extend(run)
            run = []
        return found


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Related())
