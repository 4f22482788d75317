"""The shape helpers the page-noise cleaners share: the keyword test must never miss what its pattern finds."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanse.shape import Keywords, folded_words

KEYWORDS = ("subscri", "newsletter", "sign", "ad", "구독", "подпис", "straße", "inscr")
PATTERN = regex.compile(r"\b(?:" + "|".join(KEYWORDS) + ")", regex.IGNORECASE)
OPENING = regex.compile(r"^\W*(?:" + "|".join(KEYWORDS) + ")", regex.IGNORECASE)
_PIECES = st.sampled_from(
    [*KEYWORDS, "SUBSCRIBE", "Sign-up", "İnscrição", "ПОДПИСКА", "STRASSE", "ad", "Ad.", "the", "un", "-", " ", "  ",
     "\n", "—", "'", "é", "ß", "ǅ", "ﬀ", "I", "\u0307", "_", "1", "x"]
)  # fmt: skip
texts = st.lists(_PIECES, max_size=12).map("".join) | st.text(max_size=40)


@given(texts)
def test_found_in_never_misses_a_match_at_a_word_start(text: str) -> None:
    if PATTERN.search(text):
        assert Keywords(KEYWORDS).found_in(text)


@given(texts)
def test_opens_never_misses_a_match_at_the_start(text: str) -> None:
    if OPENING.match(text):
        assert Keywords(KEYWORDS).opens(text)


def test_folded_words_are_the_word_runs_of_the_casefolded_text() -> None:
    assert folded_words("Ünïcode, ÀÉ straße!") == ("ünïcode", "àé", "strasse")
    assert folded_words("Подпишитесь на 뉴스레터") == ("подпишитесь", "на", "뉴스레터")
    assert folded_words("") == ()


@pytest.mark.parametrize("bad", ["e-mail", "", "two words"])
def test_a_keyword_is_one_word(bad: str) -> None:
    with pytest.raises(ValueError):
        Keywords([bad])
