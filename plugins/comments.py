"""Reader comment sections, and everything after them.

A comment section sits after the article: a heading (``2 comments``,
``Leave a Reply``, ``Top Rated Comments``, ``Комментарии 224``) and then the
readers' posts, which may be long and look like prose. So the rule is
structural: a comment heading after the opening of the document (past its
first fifth and its first 40 words) starts a run that goes to the end of the
text.

Rules (each removal's ``reason``):

- ``section``: a short comment-section heading in the last 80% of the
  document's words, after at least 40 words of body, and every paragraph
  after it to the end.
- ``thread``: a comment thread without a heading: a short action line
  (``Reply``, ``Permalink``, ``Link permanente``, ``Responder``) that occurs at
  least twice in the last 80% of the words; from its first occurrence to the end.
- ``counter``: a comment counter (``12 comments``, ``Comments (3)``) elsewhere,
  alone on its line.
- ``policy``: a comment-policy notice (``Comments are closed``, ``ATENÇÃO:
  Comentários ... não serão aprovados pelo moderador``) in the second half:
  a paragraph of at most 40 words that names comments in its first three
  words and says what happens to them.

Headings are recognised in English, Portuguese, Spanish, French, German,
Italian, Dutch, Polish, Russian, Korean, Japanese and Chinese.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from typing import Any

import regex

from cleanse.cleaner import Cleaner
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.shape import fold, words, words_before
from cleanse.text import REGEX_TIMEOUT, paragraphs, remove_paragraphs

# The word "comment(s)" in the languages above (stems, matched at a word start).
_COMMENT = (
    r"(?:comments?|commentaires?|commenti|comentários?|comentarios?|coment[aá]rio|kommentare?|reacties|reactie"
    r"|komentarz[ey]?|komentarzy|комментари[йияею]*|комментарии|коментари|댓글|コメント|评论|評論|留言)"
)


def _phrases(block: str) -> frozenset[str]:
    """The ``|``- or line-separated phrases of ``block``."""
    return frozenset(s.strip() for s in block.replace("\n", "|").split("|") if s.strip())


_COUNTER = regex.compile(
    rf"^\(?\d[\d.,]*\)?\s*{_COMMENT}$|^{_COMMENT}\s*[(:]?\s*\d[\d.,]*\)?$",
    regex.IGNORECASE,
)
_HEADINGS = _phrases(
    """
    comments|comment|reader comments|top rated comments|top comments|all comments|show comments|view comments
    show new comments|view all comments|read all comments|load comments|see comments|most recent comments
    leave a reply|leave a comment|post a comment|add a comment|add comment|write a comment|join the discussion
    join the conversation|discuss this article|tell us what you think|have your say|one response|one comment
    no comments|no comments yet|be the first to comment
    deixe um comentário|deixe seu comentário|deixe uma resposta|comentários|comente|faça um comentário
    deja un comentario|deja una respuesta|comentarios|escribe un comentario
    laisser un commentaire|laissez un commentaire|commentaires
    kommentare|kommentar schreiben|kommentieren|leserkommentare
    lascia un commento|commenti|reacties|plaats een reactie|komentarze|dodaj komentarz
    комментарии|оставить комментарий|добавить комментарий|комментарии читателей
    댓글|댓글쓰기|コメント|コメントを書く|评论|发表评论|網友評論
    """
)
_ACTIONS = _phrases(
    """
    reply|permalink|link permanente|responder|antworten|répondre|rispondi|odpowiedz|ответить|답글|返信|回复
    report|report abuse|like|curtir|denunciar|melden|signaler|segnala
    """
)
# The first characters of the phrases above, for a cheap test before a line is normalised (_may_open).
_HEADING_INITIALS = frozenset(h[:1] for h in _HEADINGS)
_ACTION_INITIALS = frozenset(a[:1] for a in _ACTIONS)
assert not any(c.isdecimal() or not c for c in _HEADING_INITIALS | _ACTION_INITIALS)
_POLICY_VERB = regex.compile(
    r"\b(?:moderat\w*|approv\w*|aprova\w*|aprob\w*|closed|fechad\w*|cerrad\w*|publish\w*|publicad\w*|"
    r"guidelines|policy|pol[ií]tica|respect\w*|respeit\w*|offensive|ofensiv\w*|removed|removid\w*|"
    r"geschlossen|moderiert|fermés?|modér\w*|chiusi|модерац\w*|закрыт\w*)\b",
    regex.IGNORECASE,
)
# Possessive: with "\W*\w+\W+" a long run of spaces is split between units in every way.
_LEAD_COMMENT = regex.compile(rf"^(?:\W*+\w++\W++){{0,2}}\W*+{_COMMENT}", regex.IGNORECASE)
# The trailing run is tried only where a run starts: "[\W_]+$" alone rescans a long
# run of spaces or dashes from each of its characters, in quadratic time.
_EDGE = regex.compile(r"^[\W_]++|(?<![\W_])[\W_]++$")
_ASCII_EDGE = "".join(c for c in map(chr, range(128)) if not c.isalnum())
# What str.strip removes before _EDGE is asked: ASCII punctuation and spaces, and the common punctuation
# outside ASCII (quotes, dashes, bullets, spaces), each kept only if _EDGE would remove it too ([\W_]).
_STRIP_EDGE = _ASCII_EDGE + regex.sub(
    r"[^\W_]",
    "",
    "\u00a0\u00ab\u00b7\u00bb\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026",  # « · » – — ‘ ’ ‚ “ ” „ • …
    timeout=REGEX_TIMEOUT,
)
# Cheap tests for _COMMENT, which every counter and policy notice contains. Each of its matches, in any case,
# contains one of these stems as fold() gives it (tests/test_comments.py checks the case variants of every letter).
_STEMS = (
    *("omment", "coment", "koment", "reactie"),  # comment(s), kommentar(e), commentaire(s), comentário(s)...
    *("комментари", "коментари", "댓글", "コメント", "评论", "評論", "留言"),
)
# The ASCII stems are looked for in the lowercased UTF-8 bytes of a text, much cheaper than fold() ...
_ASCII_STEMS = tuple(s.encode() for s in _STEMS if s.isascii())
# ... unless it has a character outside ASCII that casefolds to one of their letters (the Kelvin sign, İ, ﬆ...),
# or to the first letter of another stem: only then is it folded (tests/test_comments.py checks the list).
_FOLD_NEEDED = (
    "\u0130\u0149\u1e97\u1e9a\u212a\ufb01\ufb03\ufb05\ufb06"  # İ ŉ ẗ ẚ K(elvin) ﬁ ﬃ ﬅ ﬆ
    "\u041a\u043a\u30b3\u7559\u8a55\u8bc4\ub313"  # К к コ 留 評 评 댓
)


def _norm(text: str) -> str:
    """Casefolded, outer punctuation and inner runs of spaces removed.

    >>> _norm("  Leave a Reply: ")
    'leave a reply'
    >>> _norm("[ Read All Comments ]")
    'read all comments'
    """
    return " ".join(_inner(text).casefold().split())


def _inner(text: str) -> str:
    """``text`` without its outer punctuation: ``_EDGE`` removed, by string methods where they can tell."""
    inner = text.strip(_STRIP_EDGE)
    if not inner:  # every character is one _EDGE removes: its first run takes them all
        return ""
    if _is_letter_or_digit(inner[0]) and _is_letter_or_digit(inner[-1]):
        return inner
    return _EDGE.sub("", text, timeout=REGEX_TIMEOUT)  # other edges: the regex decides


def _is_counter(norm: str) -> bool:
    """Whether a normalised line is a comment counter; a counter begins or ends with a digit."""
    return (
        (norm[:1].isdecimal() or norm[-1:].isdecimal())
        # _norm casefolds, so a _COMMENT match in it is one of _STEMS' words as written
        and any(map(norm.__contains__, _STEMS))
        and _COUNTER.match(norm, timeout=REGEX_TIMEOUT) is not None
    )


def _naming_comments(texts: list[str]) -> set[int]:
    """The indices of the ``texts`` (paragraphs: no line breaks) that may contain a match of ``_COMMENT``.

    A counter matched in ``_norm(text)`` is one too, as casefolding is what ``_norm`` does to the letters.

    >>> sorted(_naming_comments(["12 COMMENTS", "\\u212aOMMENTARE", "Share this", "Комментарии (3)", "Reply"]))
    [0, 1, 3]
    >>> sorted(_naming_comments(["The minister declined to comment.", "Commenting is easy", "Leave a Reply"]))
    [0, 1]
    """
    # All in one string, a text a line: no stem spans a line break, and neither encoding nor fold()
    # makes or takes one, so the line of a stem found is the index of its text.
    joined = "\n".join(texts)
    found: set[int] = set()
    _lines_with(joined.encode("utf-8", "surrogatepass").lower(), _ASCII_STEMS, b"\n", found)
    if any(map(joined.__contains__, _FOLD_NEEDED)):
        _lines_with(fold(joined), _STEMS, "\n", found)
    return found


def _lines_with(text: Any, stems: tuple[Any, ...], newline: Any, found: set[int]) -> None:
    """Add to ``found`` the index of each line of ``text`` (a str or bytes) that contains one of ``stems``."""
    for stem in stems:
        if stem[:1] not in text:  # a cheap scan first: a longer search through UCS-2 text is much slower
            continue
        at = text.find(stem)
        while at >= 0:
            found.add(text.count(newline, 0, at))
            end = text.find(newline, at)
            at = -1 if end < 0 else text.find(stem, end)


def _is_counter_line(text: str) -> bool:
    """``_is_counter(_norm(text))``, normalising only a line that begins or ends with a digit."""
    inner = _inner(text)
    return (inner[:1].isdecimal() or inner[-1:].isdecimal()) and _is_counter_inner(inner)


def _is_counter_inner(inner: str) -> bool:
    """``_is_counter`` of a line without its outer punctuation (``_inner``).

    A counter is at most three words apart ("comments ( 12)"), and casefolding makes no spaces
    nor takes any (tests/test_comments.py checks every character), so a longer line is none.
    """
    return len(inner.split(None, 3)) <= 3 and _is_counter(" ".join(inner.casefold().split()))


def _is_letter_or_digit(c: str) -> bool:
    """A word character that ``_EDGE`` keeps (every letter and decimal digit is one)."""
    return c.isalpha() or c.isdecimal()


def is_comment_heading(text: str) -> bool:
    """A short line that opens a comment section.

    >>> is_comment_heading("2 comments"), is_comment_heading("Top Rated Comments")
    (True, True)
    >>> is_comment_heading("Комментарии"), is_comment_heading("Deixe um comentário")
    (True, True)
    >>> is_comment_heading("The minister declined to comment.")
    False
    """
    return words(text) <= 8 and _is_heading(_norm(text))


def _norm_of(t: str, inner: str, plain: bool) -> str:
    """``_norm(t)``, given ``inner = t.strip(_STRIP_EDGE)``: ``_inner(t)`` when ``plain`` (letters at both ends)."""
    return " ".join(inner.casefold().split()) if plain else _norm(t)


def _may_open(head: str, initials: frozenset[str]) -> bool:
    """False when ``_norm(t)`` opens with none of ``initials``, ``head`` being ``t.strip(_STRIP_EDGE)[:1]``.

    What strip takes off is [\\W_], as _EDGE's leading run is, and a letter or a digit is neither: where
    ``head`` is one, _inner(t) opens with it, and _norm(t) with its casefolding (casefolding is a character at
    a time). No phrase of _HEADINGS or _ACTIONS opens with a digit, nor is empty (checked below). Other heads:
    maybe (tests/test_comments.py checks the rule against _norm).

    >>> _may_open("L", _HEADING_INITIALS), _may_open("Z", _HEADING_INITIALS), _may_open("2", _ACTION_INITIALS)
    (True, False, False)
    """
    if head.isalpha():
        return head.casefold()[:1] in initials
    return not (head.isdecimal() or not head)


def _is_heading(norm: str) -> bool:
    """Whether a normalised line of at most 8 words is a comment heading."""
    return norm in _HEADINGS or _is_counter(norm)


class Comments(Cleaner):
    """Remove reader comment sections and their headings, counters and policy notices."""

    name = "comments"
    order = 650
    removes = "reader comment sections (heading to end of text), comment counters and comment policies"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterator[Edit]:
        paras = paragraphs(text)
        n = len(paras)
        if n < 2:
            return
        # Word counts before each paragraph, asked once. They never decrease, so tail_start(paras, share),
        # the first index whose count reaches total * (1 - share), is a bisection, and so is the first
        # index from which before[i] >= 40 (where a heading may open a section).
        before = words_before(paras)
        tail = min(bisect_left(before, before[-1] * (1 - 0.8)), n)
        second_half = min(bisect_left(before, before[-1] * (1 - 0.5)), n)
        headed = max(tail, bisect_left(before, 40))
        # One pass: counters and policy candidates up to the first comment heading (a section takes the
        # rest), and the comment actions of the short paragraphs in the tail, for a thread without one.
        start: tuple[int, str] | None = None
        counters: list[int] = []
        policy: list[Any] = []
        actions: Counter[str] = Counter()
        for p in paras:
            i = p.index
            t = p.text
            inner = t.strip(_STRIP_EDGE)
            # Letters at both ends: inner is _inner(t) (what strip took off is [\W_], a letter is not),
            # and no counter, which begins or ends with a digit once _EDGE took off its outer punctuation.
            head = inner[:1]
            plain = head.isalpha() and inner[-1:].isalpha()
            counter = not plain and _is_counter_line(t)  # _is_counter(_norm(t))
            if i >= tail:
                # is_comment_heading: at most 8 words, and a counter or one of _HEADINGS (_is_heading).
                if (
                    i >= headed
                    and before[i + 1] - before[i] <= 8
                    and (counter or (_may_open(head, _HEADING_INITIALS) and _norm_of(t, inner, plain) in _HEADINGS))
                ):
                    start = i, "section"
                    break
                if len(t) <= 40 and _may_open(head, _ACTION_INITIALS):
                    norm = _norm_of(t, inner, plain)
                    if norm in _ACTIONS:  # only these can be repeated actions
                        actions[norm] += 1
            if counter:
                counters.append(i)
                continue
            if i >= second_half and before[i + 1] - before[i] <= 40:  # words(t) <= 40
                policy.append(p)
        if start is None:
            repeated = {a for a, k in actions.items() if k >= 2}
            for p in paras[tail:] if repeated else ():
                if before[p.index] >= 40 and _norm(p.text) in repeated:
                    start = p.index, "thread"
                    break
        end = n
        picks: dict[int, str] = {}
        if start is not None:
            end, reason = start
            picks = dict.fromkeys(range(end, n), reason)
        for i in counters:
            if i < end:
                picks[i] = "counter"
        # A policy notice names comments (_LEAD_COMMENT): the regexes are asked only of those that may.
        policy = [p for p in policy if p.index < end]
        for j in sorted(_naming_comments([p.text for p in policy])) if policy else ():
            if self._is_policy(policy[j].text):
                picks[policy[j].index] = "policy"
        yield from remove_paragraphs(text, paras, [(i, "comments", r) for i, r in sorted(picks.items())])

    @staticmethod
    def _is_policy(text: str) -> bool:
        # words(text) <= 40 is asked by the caller
        return (
            _LEAD_COMMENT.match(text, timeout=REGEX_TIMEOUT) is not None
            and _POLICY_VERB.search(text, timeout=REGEX_TIMEOUT) is not None
        )


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Comments())
