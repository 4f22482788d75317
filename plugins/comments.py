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

from collections import Counter
from collections.abc import Iterator
from typing import Any

import regex

from cleanse.cleaner import Cleaner
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.shape import tail_start, words, words_before
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
_POLICY_VERB = regex.compile(
    r"\b(?:moderat\w*|approv\w*|aprova\w*|aprob\w*|closed|fechad\w*|cerrad\w*|publish\w*|publicad\w*|"
    r"guidelines|policy|pol[ií]tica|respect\w*|respeit\w*|offensive|ofensiv\w*|removed|removid\w*|"
    r"geschlossen|moderiert|fermés?|modér\w*|chiusi|модерац\w*|закрыт\w*)\b",
    regex.IGNORECASE,
)
_LEAD_COMMENT = regex.compile(rf"^(?:\W*\w+\W+){{0,2}}\W*{_COMMENT}", regex.IGNORECASE)
_EDGE = regex.compile(r"^[\W_]+|[\W_]+$")


def _norm(text: str) -> str:
    """Casefolded, outer punctuation and inner runs of spaces removed.

    >>> _norm("  Leave a Reply: ")
    'leave a reply'
    >>> _norm("[ Read All Comments ]")
    'read all comments'
    """
    return " ".join(_EDGE.sub("", text, timeout=REGEX_TIMEOUT).casefold().split())


def is_comment_heading(text: str) -> bool:
    """A short line that opens a comment section.

    >>> is_comment_heading("2 comments"), is_comment_heading("Top Rated Comments")
    (True, True)
    >>> is_comment_heading("Комментарии"), is_comment_heading("Deixe um comentário")
    (True, True)
    >>> is_comment_heading("The minister declined to comment.")
    False
    """
    if words(text) > 8:
        return False
    norm = _norm(text)
    return norm in _HEADINGS or _COUNTER.match(norm, timeout=REGEX_TIMEOUT) is not None


class Comments(Cleaner):
    """Remove reader comment sections and their headings, counters and policy notices."""

    name = "comments"
    order = 650
    removes = "reader comment sections (heading to end of text), comment counters and comment policies"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterator[Edit]:
        paras = paragraphs(text)
        if len(paras) < 2:
            return
        tail = tail_start(paras, 0.8)
        second_half = tail_start(paras, 0.5)
        picks: dict[int, str] = {}
        start = self._section_start(paras, tail)
        if start is not None:
            index, reason = start
            for i in range(index, len(paras)):
                picks[i] = reason
        for p in paras:
            if p.index in picks:
                continue
            norm = _norm(p.text)
            if _COUNTER.match(norm, timeout=REGEX_TIMEOUT):
                picks[p.index] = "counter"
            elif p.index >= second_half and self._is_policy(p.text):
                picks[p.index] = "policy"
        yield from remove_paragraphs(text, paras, [(i, "comments", r) for i, r in sorted(picks.items())])

    @staticmethod
    def _section_start(paras: list[Any], tail: int) -> tuple[int, str] | None:
        before = words_before(paras)
        for p in paras[tail:]:
            if before[p.index] >= 40 and is_comment_heading(p.text):
                return p.index, "section"
        actions = Counter(_norm(p.text) for p in paras[tail:] if len(p.text) <= 40)
        repeated = {a for a, n in actions.items() if n >= 2 and a in _ACTIONS}
        for p in paras[tail:]:
            if before[p.index] >= 40 and _norm(p.text) in repeated:
                return p.index, "thread"
        return None

    @staticmethod
    def _is_policy(text: str) -> bool:
        return (
            words(text) <= 40
            and _LEAD_COMMENT.match(text, timeout=REGEX_TIMEOUT) is not None
            and _POLICY_VERB.search(text, timeout=REGEX_TIMEOUT) is not None
        )


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Comments())
