"""The shape helpers the page-noise cleaners share: the keyword test must never miss what its pattern finds."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanse.shape import (
    _DENSE,
    _PROSE_PUNCT,
    _WORD,
    Keywords,
    _is_space,
    folded_words,
    is_list_item,
    word_runs,
    words,
    words_before,
)
from cleanse.text import paragraphs

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


_ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
_LIST_ITEM = regex.compile(r"[-–—•*·▪►»]\s|\d{1,2}[.)]\s")
_LIST_PIECES = st.sampled_from(
    ["-", "–", "—", "•", "*", "·", "▪", "►", "»", " ", "\t", "\n", "\x1c", "\x1f", "\xa0", "\u3000", ".", ")", "1",
     "12", "٣", "\U0001d7ce", "\U00010d45", "a", "B", "x"]
)  # fmt: skip


@given(st.lists(_LIST_PIECES, max_size=6).map("".join) | st.text(max_size=12))
def test_is_list_item_is_its_pattern(text: str) -> None:
    assert is_list_item(text) == (_LIST_ITEM.match(text.lstrip()) is not None)


def test_is_list_item_reads_digits_and_spaces_as_the_pattern_does() -> None:
    for c in regex.findall(r"\d", _ALL_CHARS):  # a \d digit Python does not know is outside the BMP
        assert c.isdecimal() or c >= "\U00010000", hex(ord(c))
    spaces = set(regex.findall(r"\s", _ALL_CHARS))
    for c in _ALL_CHARS:
        assert _is_space(c) == (c in spaces), hex(ord(c))


@given(st.text(max_size=30))
def test_words_counts_as_the_regex_does(text: str) -> None:
    for c in _PROSE_PUNCT:
        text = text.replace(c, " ")
    dense = len(regex.findall(rf"[{_DENSE}]", text)) // 2
    assert words(text) == len(_WORD.findall(text)) + dense


def test_words_before_answers_again_only_for_the_same_paragraphs() -> None:
    first = paragraphs("one two\nthree")
    counts = words_before(first)
    counts.append(99)  # the caller's copy
    assert words_before(first) == [0, 2, 3]
    assert words_before(paragraphs("one two\nthree four")) == [0, 2, 4]
    assert words_before(paragraphs("one two\nthree")) == [0, 2, 3]
    assert words_before([]) == [0]


@given(
    st.text(max_size=30)
    | st.lists(st.sampled_from(["Read", "more", "é", "ß", "“", "—", "_", "1", " ", "ÿ", "Ā"])).map("".join)
)
def test_word_runs_are_the_regex_runs(text: str) -> None:
    assert word_runs(text) == _WORD.findall(text)


def _words_by_regex(text: str) -> int:
    """words() as first written: regex matches only."""
    for c in "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2022\u2026":
        text = text.replace(c, " ")
    tokens = len(regex.findall(r"\w+", text))
    dense = len(regex.findall(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]", text))
    return tokens + dense // 2


_SCRIPTS = st.sampled_from(
    ["Путин заявил", "뉴스레터를", "«Подпишитесь»", "\xa0", "相关阅读", "ไทย", "Ελλάδα", "עברית", "العربية", "हिन्दी",
     "é", "ß", "١٢", "²", "̈", "—", "…", "’", "_", "x", " ", "\n", ",", "1", "\U0001d400", "ǅ", "ª",
     "Łódź", "ığdır", "Žemė", "Œuvre", "−", "½", "€", "№", "😀", "，", "。", "\x85", "\u0651", "ְ"]
)  # fmt: skip


@given(st.lists(_SCRIPTS, max_size=10).map("".join) | st.text(max_size=30))
def test_words_counts_what_the_regex_counts(text: str) -> None:
    from cleanse.shape import _count_words

    assert _count_words(text) == _words_by_regex(text)


_LINES = st.lists(st.lists(_SCRIPTS, max_size=6).map("".join).filter(lambda t: "\n" not in t), max_size=6)


@given(_LINES)
def test_counting_paragraphs_together_is_counting_each(texts: list[str]) -> None:
    from cleanse.shape import _count_lines

    together = _count_lines(texts)
    if together is not None:
        assert together == [_words_by_regex(t) for t in texts]
    if texts and all(t.isascii() for t in texts):
        assert together is not None  # the quick way is taken where it can be


@given(_LINES)
def test_words_before_counts_as_the_regex_does(texts: list[str]) -> None:
    paras = paragraphs("\n".join(texts))
    expected = [0]
    for p in paras:
        expected.append(expected[-1] + _words_by_regex(p.text))
    assert words_before(paras) == expected


def test_every_dense_character_may_be_dense() -> None:
    from cleanse.shape import _may_be_dense

    dense = regex.compile(rf"[{_DENSE}]")
    for c in _ALL_CHARS:
        if dense.fullmatch(c):
            assert _may_be_dense(c.encode()), hex(ord(c))
    assert not _may_be_dense("Путин − «да», 뉴스레터, हिन्दी, العربية".encode())
    assert _may_be_dense("− € \u2e80".encode()) and _may_be_dense("हि \u0e01".encode())  # past other 0xE2, 0xE0


def test_every_non_word_character_is_outside_alphabetic() -> None:
    # _utf8_words looks for non-word characters among those outside Alphabetic only.
    from cleanse.shape import _NOT_ALPHABETIC

    non_word = regex.compile(r"\W")
    for c in _ALL_CHARS:
        if non_word.fullmatch(c):
            assert _NOT_ALPHABETIC.fullmatch(c), hex(ord(c))


@given(st.lists(_SCRIPTS, max_size=10).map("".join))
def test_word_runs_and_folded_words_are_the_regex_runs_in_every_script(text: str) -> None:
    assert word_runs(text) == _WORD.findall(text)
    assert folded_words(text) == tuple(_WORD.findall(text.casefold().replace("\u0307", "")))


def test_every_single_byte_codec_reads_its_bytes_as_the_regex_does() -> None:
    # _encoded reads a text in a single-byte codec with its table; such a text has no dense character.
    from cleanse.shape import _CODECS_FOR, _SINGLE_BYTE, _WORD_BYTES

    dense = regex.compile(rf"[{_DENSE}]")
    for codec in _SINGLE_BYTE:
        for b in range(256):
            try:
                c = bytes([b]).decode(codec)
            except UnicodeDecodeError:
                continue
            assert c.encode(codec) == bytes([b]), (codec, b)  # one byte a character, both ways
            assert _WORD_BYTES[codec][b] == (b if _WORD.fullmatch(c) else 32), (codec, hex(b))
            assert not dense.fullmatch(c), (codec, hex(b))
            if b >= 0x80:
                assert codec in _CODECS_FOR[c], (codec, hex(b))
        assert bytes([10]).decode(codec) == "\n" and _WORD_BYTES[codec][32] == 32


@pytest.mark.parametrize(
    ("text", "codec"),
    [("Plan “B”", "latin-1"), ("2−3 яйца ½", "cp1251"), ("Łódź — „x”", "cp1250"), ("Ελλάδα 😀", "cp1253"),
     ("Путин, Ελλάδα", "utf-8"), ("뉴스레터", "utf-8"), ("相关。", "utf-8")],
)  # fmt: skip
def test_text_is_read_in_one_byte_a_character_where_a_codec_has_its_words(text: str, codec: str) -> None:
    from cleanse.shape import _encoded

    assert _encoded(text)[1] == codec
    assert words(text) == _words_by_regex(text)


@given(st.lists(_SCRIPTS, min_size=60, max_size=120).map("".join))
def test_texts_with_many_runs_a_codec_lacks_count_as_the_regex_does(text: str) -> None:
    # Past _MAX_GAPS runs written as spaces by the codec's error handler, the characters are replaced in the text.
    from cleanse.shape import _count_words

    assert _count_words(text) == _words_by_regex(text)
    assert word_runs(text) == _WORD.findall(text)


def test_many_minus_signs_in_cyrillic_are_read_in_one_byte_a_character() -> None:
    from cleanse.shape import _encoded

    text = "2−3 яйца, ½ стакана. " * 200
    assert _encoded(text)[1] == "cp1251" and words(text) == _words_by_regex(text)


@pytest.mark.parametrize(
    ("text", "count"),
    [("a ๏ " * 33 + "相", 51), ("x ⺀ " * 33 + "相", 51), ("a ๏ " * 5, 5), ("x ½ " * 40 + "Ελλάδα ก", 42)],
)
def test_many_runs_a_codec_lacks_before_a_dense_character_count_as_before(text: str, count: int) -> None:
    # Characters of the dense scripts, non-word ones too, are counted (a word per two) when the text has a dense
    # word character: whatever was made a space to read the text faster must not hide them (review, 2026-11-23).
    assert words(text) == count


@given(st.lists(st.lists(_SCRIPTS, max_size=6).map("".join), max_size=12), st.integers(0, 40))
def test_counting_paragraphs_by_blocks_is_counting_each(texts: list[str], block: int) -> None:
    from cleanse import shape

    saved = shape._BLOCK
    shape._BLOCK = block  # blocks of a few texts, each read in its own encoding (or text by text)
    try:
        assert shape._count_blocks(texts) == [_words_by_regex(t) for t in texts]
    finally:
        shape._BLOCK = saved
