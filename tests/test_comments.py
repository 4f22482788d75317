"""The comments cleaner: comment sections go from their heading to the end; body talk about comments stays."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanse.pipeline import Pipeline
from cleanse.plugins import comments
from cleanse.plugins.comments import Comments, is_comment_heading
from cleanse.shape import fold

BODY = (
    "The city council voted on Tuesday to close the old bridge for repairs that are expected to last "
    "until the spring, officials said. Drivers will be sent on a detour through the harbour district.\n"
    "The mayor said the work could not wait any longer after engineers found cracks in two supports."
)


def clean(text: str) -> tuple[str, list[str]]:
    doc = Pipeline(cleaners=[Comments()]).clean(text)
    return doc.text, [r.reason for r in doc.removed]


@pytest.mark.parametrize(
    "trailer",
    [
        "2 comments\nI made this today and it turned out really good.\nHi Cherie,\nThanks for your feedback.",
        "Top Rated Comments\n(View all)\nThis is a long reader comment that goes on and on about the subject.",
        "Leave a Reply\nCancel reply\nYour email address will not be published.",
        "Комментарии\n224",
        "Deixe um comentário\nNome\nE-mail",
        "Kommentare (12)\nLeser A: Das sehe ich anders.",
        "댓글\n좋은 기사 감사합니다.",
        "Comments\n comments\nComments",
    ],
)
def test_section_goes_to_the_end(trailer: str) -> None:
    text, reasons = clean(f"{BODY}\n{trailer}")
    assert text == BODY
    assert set(reasons) == {"section"}


def test_thread_without_heading() -> None:
    thread = "Link permanente\nOlá; qual o nome dessa loja? Obrigada!\nLink permanente\nKarol, é a loja Lakeshore."
    text, reasons = clean(f"{BODY}\n{thread}")
    assert text == BODY
    assert set(reasons) == {"thread"}


def test_policy_notice() -> None:
    notice = "ATENÇÃO: Comentários com textos ininteligíveis não serão aprovados pelo moderador."
    text, reasons = clean(f"{BODY}\n{notice}")
    assert text == BODY
    assert reasons == ["policy"]


def test_counter_near_the_top_goes_alone() -> None:
    text, reasons = clean(f"12 comments\n{BODY}")
    assert text == BODY
    assert reasons == ["counter"]


@pytest.mark.parametrize(
    "body_line",
    [
        "The minister declined to comment.",
        "Comments on the proposal are open until March 3, the agency said in a statement.",
        "In comments to reporters, the coach said the team had played its best game of the season.",
        "Os comentários do presidente provocaram reações no Congresso nesta terça-feira.",
        "Die Kommentare des Ministers sorgten am Dienstag für Aufregung im Bundestag.",
        "Комментарии министра вызвали споры в парламенте во вторник.",
        "No comment, he said, and walked away from the cameras.",
    ],
)
def test_body_about_comments_stays(body_line: str) -> None:
    text = f"{BODY}\n{body_line}\nThe bridge is due to reopen in April."
    assert clean(text) == (text, [])


def test_heading_before_any_body_takes_nothing() -> None:
    text = f"Comments\n{BODY}"
    assert clean(text) == (text, [])


def test_headings_are_short_lines_only() -> None:
    assert is_comment_heading("Leave a comment")
    assert not is_comment_heading("Readers were invited to leave a comment on the plan before Friday.")


def test_a_discussion_section_of_the_article_stays() -> None:
    text = f"{BODY}\nDiscussion\nThe results suggest the supports failed because of salt water, the engineers wrote."
    assert clean(text) == (text, [])


# The cheap tests made before the patterns must never turn down a line that a pattern matches.

_ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
_COMMENT_WORD = regex.compile(comments._COMMENT, regex.IGNORECASE)
_WORDS = [
    *("comments", "Comment", "COMMENTAIRES", "commenti", "comentários", "Comentario", "comentário"),
    *("KOMMENTARE", "\u212aommentar", "reactie", "REACT\u0130E", "Reacties", "komentarz", "KOMENTARZY"),
    *("комментарии", "КОММЕНТАРИЙ", "Коментари", "댓글", "コメント", "评论", "評論", "留言"),
]
_PIECES = st.sampled_from(
    [*_WORDS, "12", "1.234", "(3)", "(", ")", ":", " ", "  ", "\t", "-", "—", "“", "”", "…", "_", "ﬆ", "ŉ", "ß", "İ",
     "\u0307", "ẗ", "x", "Leave a Reply", "the", "no", "of", "7 ", "§", "€"]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=8).map("".join) | st.text(max_size=30)


def _old_norm(text: str) -> str:
    """_norm as it was: the edges taken off by the regex alone."""
    return " ".join(comments._EDGE.sub("", text).casefold().split())


def test_stem_letters_fold_to_themselves_in_every_case() -> None:
    letters = set("".join(comments._STEMS))
    for letter in letters:
        for c in regex.findall(regex.escape(letter), _ALL_CHARS, flags=regex.IGNORECASE):
            assert fold(c) == letter, (letter, c)


def test_casefolding_keeps_lines_and_spaces_apart() -> None:
    for c in _ALL_CHARS:
        folded = c.casefold()
        assert folded and folded.casefold() == folded
        assert ("\n" in folded) == (c == "\n")
        if c.isspace():
            assert folded == c
        else:
            assert not any(x.isspace() for x in folded)


def test_every_character_that_folds_into_a_stem_sends_the_text_to_fold() -> None:
    ascii_letters = set("".join(s for s in comments._STEMS if s.isascii()))
    firsts = {s[0] for s in comments._STEMS if not s.isascii()}
    for c in _ALL_CHARS:
        if not c.isascii() and not set(c.casefold()).isdisjoint(ascii_letters | firsts):
            assert c in comments._FOLD_NEEDED, hex(ord(c))


@given(st.lists(_TEXTS.map(lambda t: t.replace("\n", " ")), min_size=1, max_size=4))  # paragraphs: no line breaks
def test_naming_comments_never_misses_a_line_the_patterns_match(texts: list[str]) -> None:
    named = comments._naming_comments(texts)
    for i, t in enumerate(texts):
        if _COMMENT_WORD.search(t) or comments._COUNTER.match(_old_norm(t)):
            assert i in named, t


@pytest.mark.parametrize("word", _WORDS)
def test_naming_comments_finds_each_word_of_the_pattern(word: str) -> None:
    for t in (word, f"«{word}»", f"12 {word}", f"{word} (3)", f"Os {word} não serão aprovados"):
        assert comments._naming_comments(["Body.", t]) == {1}


@given(_TEXTS)
def test_edges_by_string_methods_are_those_of_the_regex(text: str) -> None:
    assert comments._inner(text) == comments._EDGE.sub("", text)
    assert comments._norm(text) == _old_norm(text)


@given(_TEXTS)
def test_counter_lines_are_told_as_the_pattern_tells(text: str) -> None:
    inner = text.strip(comments._STRIP_EDGE)
    expected = comments._COUNTER.match(_old_norm(text)) is not None
    assert comments._is_counter_line(text) == expected
    if expected:  # the test propose makes first
        assert not (inner[:1].isalpha() and inner[-1:].isalpha())


def test_strip_edge_takes_only_what_the_regex_takes() -> None:
    assert all(regex.fullmatch(r"[\W_]", c) for c in comments._STRIP_EDGE)


@pytest.mark.parametrize(
    "line",
    [
        "12 comments",
        "(1.234) Comments",
        "Comments ( 12)",
        "— Комментарии: 224 —",
        "댓글 3",
        "コメント(5)",
        "\u212aOMMENTARE 7",
    ],
)
def test_counters_of_up_to_three_words_are_found(line: str) -> None:
    assert comments._is_counter_line(line)
    assert comments._naming_comments(["x", line]) == {1}


_PHRASE_PIECES = st.sampled_from(
    [*sorted(comments._HEADINGS), *sorted(comments._ACTIONS), "LEAVE A REPLY", "Ответить", "İ", "ǅ", "ß", "ﬁ", "2",
     "²", "_", "—", "[", "] ", "  ", "\u0307", "\u00a0", "x", "Zed", "«", "...", "1 comment"]
)  # fmt: skip


@given(st.lists(_PHRASE_PIECES, max_size=4).map("".join) | st.text(max_size=20))
def test_may_open_never_turns_down_a_heading_or_an_action(text: str) -> None:
    head = text.strip(comments._STRIP_EDGE)[:1]
    norm = comments._norm(text)
    for phrases, initials in (
        (comments._HEADINGS, comments._HEADING_INITIALS),
        (comments._ACTIONS, comments._ACTION_INITIALS),
    ):
        if norm in phrases:
            assert comments._may_open(head, initials), (text, norm)


def test_may_open_reads_every_letter_and_digit_as_the_normalised_line_opens() -> None:
    # A line opening with a letter or a digit keeps it first once normalised, casefolded.
    for c in _ALL_CHARS:
        if c.isalpha() or c.isdecimal():
            assert comments._norm(c + "x")[:1] == c.casefold()[:1], hex(ord(c))
