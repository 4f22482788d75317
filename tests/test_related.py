"""The related cleaner: links and lists of other articles go; body lines with the same words stay."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanse import shape
from cleanse.pipeline import Pipeline
from cleanse.plugins import related
from cleanse.plugins.related import Related
from cleanse.shape import fold
from cleanse.text import Paragraph, paragraphs

BODY = (
    "Alibaba is set to raise up to $12.9bn from its second listing in Hong Kong, pricing its shares at a "
    "discount to their New York close, people familiar with the deal said on Wednesday.\n"
    "The deal would be the largest share sale in the city for nine years, a much-needed boost for its bourse.\n"
    "Small investors in Hong Kong have welcomed the deal, subscribing for so many shares that they will be "
    "allotted the maximum share of the offering they can get, bankers said."
)


def clean(text: str) -> tuple[str, list[str]]:
    doc = Pipeline(cleaners=[Related()]).clean(text)
    return doc.text, [r.reason for r in doc.removed]


def paras(text: str) -> list[str]:
    return text.split("\n")


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Tencent profit falls as Alibaba threat weighs",
        "[Related: Salesforce Dreamforce Keynote: AI, Integration And Protestors]",
        "Related post: Pickled Brussels Sprouts Recipe",
        "Also on rt.com Journalists threatened with arrests as Bolivia purges socialist elements",
        "Leia mais: Governo anuncia novo pacote de medidas",
        "Lesen Sie auch: Die Börse in Hongkong legt zu",
        "Читайте также: Акции Alibaba выросли на торгах",
        "관련기사 - 알리바바, 홍콩 증시 상장 추진",
        "READ MORE - Hong Kong protests enter sixth month",
        "Read more: The council says it will look again at the plan to close the bridge...",
        "— AYRICA OKU: Alibaba hisseleri Hong Kong'da yükseldi",
    ],
)
def test_inline_link_goes(line: str) -> None:
    b = paras(BODY)
    text, reasons = clean("\n".join([b[0], line, *b[1:]]))
    assert text == BODY
    assert reasons == ["inline"]


def test_heading_with_headlines_to_the_end() -> None:
    trailer = (
        "You may also like...\nWho will make the Rock Hall in 2020?\n"
        "Dave Matthews Band takes over Rock Hall Fan Vote\nDoobie Brothers perform with Santana in 2019"
    )
    text, reasons = clean(f"{BODY}\n{trailer}")
    assert text == BODY
    assert set(reasons) == {"heading"}


def test_heading_in_the_middle_takes_only_its_list() -> None:
    b = paras(BODY)
    block = "Related stories\n- Alibaba poised to launch listing\n- Tencent profit falls"
    text, _ = clean("\n".join([b[0], block, *b[1:]]))
    assert text == BODY


def test_title_case_headline_list_at_the_end() -> None:
    lst = (
        "- 15 Amazing Images of Stars\n- 11 Fascinating Facts About Our Milky Way\n"
        "- The Biggest Questions About Dark Matter"
    )
    text, reasons = clean(f"{BODY}\n{lst}\nOriginally published on Live Science.")
    assert text == f"{BODY}\nOriginally published on Live Science."
    assert set(reasons) == {"headlines"}


@pytest.mark.parametrize(
    "kept",
    [
        "Read more about the listing in the prospectus the company filed on Tuesday.",
        "Related: the rise in tech listings has drawn investors back to the city after a quiet year for the exchange.",
        "More than 40 percent of households have some credit card debt.",
        "Watch: the company said it would keep a close eye on the market.",
        "Leia mais sobre o assunto no relatório divulgado pelo governo nesta terça-feira.",
        "Was bleibt: Lesen Sie auch die Erklärung des Ministers, die am Montag veröffentlicht wurde.",
        "See more photos:",
    ],
)
def test_body_that_looks_like_a_link_stays(kept: str) -> None:
    b = paras(BODY)
    text = "\n".join([b[0], kept, *b[1:]])
    assert clean(text) == (text, [])


def test_short_body_list_stays() -> None:
    text = f"{BODY}\nOur hiking kit is simple:\n- bottled water\n- a baby carrier\n- healthy snack bars\n- camera"
    assert clean(text) == (text, [])


def test_watch_heading_before_body_subheadings_stays() -> None:
    text = f"{BODY}\nWatch\nNISSAN SENTRA\nNissan is hoping a sleek redesign will pull in more buyers."
    assert clean(text) == (text, [])


def test_results_and_award_lists_at_the_end_stay() -> None:
    text = (
        f"{BODY}\nSaturday's results:\n- Manchester United 2 Chelsea 1\n- Leeds United 0 Everton Town 3\n"
        "- Aston Villa 1 West Ham United 1\nWinners:\n- Best Actor In A Leading Role: Joaquin Phoenix\n"
        "- Best Actress In A Leading Role: Renee Zellweger\n- Best Picture Of The Year: Parasite"
    )
    assert clean(text) == (text, [])


@pytest.mark.parametrize(
    ("tail", "removed"),
    [
        ("Related\nThe deal would not be directed against any other country.", False),
        ("Read more", False),
        ("More:\nThe deal would not be directed against any other country.", True),
        ("You may also like:", True),
    ],
)
def test_a_label_without_its_list_goes_only_if_it_announces_one(tail: str, removed: bool) -> None:
    text = f"{BODY}\n{tail}"
    assert (clean(text)[0] != text) is removed


# The cheap tests made before the patterns must never turn down a line that a pattern matches.

_ALL_CHARS = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
_LABELS = sorted(related._phrases(related._LABEL_TEXT) | related._phrases(related._NAMED_TEXT))


def _cases(phrase: str) -> list[str]:
    turkish = phrase.upper().replace("I", "\u0130")  # İ matches i ignoring case
    spaced = phrase.replace(" ", "\u00a0\t")  # \s+ between the words
    return [phrase, phrase.upper(), phrase.title(), turkish, phrase.upper().replace("K", "\u212a"), spaced]


_PIECES = st.sampled_from(
    [*_LABELS, *(c for p in _LABELS[::7] for c in _cases(p)), "AYRICA OKU", "DEVAMINI OKU", "also on rt.com ",
     ": ", " - ", "—", " | ", "» ", ">", "...", "…", "[", "]", "“", "”", "(", " ", "  ", "\t", "_", "x", "Tencent",
     "Profit Falls", "the plan.", ".", "1", "ı", "\u0307", "ß", "ﬁ", " than", "\x1c", "\u3000", "\u2028", "\r",
     " news", "Also ", "A lire", "Mor", "Reade"]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=6).map("".join) | st.text(max_size=30)


def _matches(text: str) -> bool:
    return bool(related._INLINE.match(text) or related._HEADING.match(text))


def test_label_letters_fold_to_themselves_in_every_case() -> None:
    for letter in set("".join(related._FIRST_WORDS | related._SECOND_WORDS)):
        key = letter.replace("ı", "i")
        for c in regex.findall(regex.escape(letter), _ALL_CHARS, flags=regex.IGNORECASE):
            assert fold(c).replace("ı", "i") == key, (letter, c)
    for word in related._FIRST_WORDS:  # the first letter of each is where a label's first word starts
        assert word[0].isalpha()


def test_non_word_characters_fold_to_one_non_word_character() -> None:
    non_word = set(regex.findall(r"\W", _ALL_CHARS))
    for c in non_word:
        folded = fold(c)
        assert len(folded) == 1 and folded in non_word and not (folded.isalpha() or folded.isdecimal()), hex(ord(c))


def test_spaces_fold_to_one_space() -> None:  # _head_opens_with_label skips them with str.isspace
    for c in regex.findall(r"\s", _ALL_CHARS):
        assert len(fold(c)) == 1 and fold(c).isspace(), hex(ord(c))


def test_second_words_are_what_follows_the_first_and_spaces() -> None:
    for label in _LABELS:
        folded = fold(label).replace("ı", "i")
        first, *rest = folded.split(" ")
        if rest and first in related._FIRST_WORDS:  # not "don't miss": an apostrophe follows "don"
            start = next(s for s in related._LABEL_STARTS[first[0]] if s.word == first)
            assert rest[0] in start.seconds, label


@pytest.mark.parametrize("label", _LABELS)
def test_the_guard_lets_each_label_through(label: str) -> None:
    for phrase in _cases(label):
        for text in (
            phrase,
            f"{phrase}:",
            f"[{phrase}: Tencent profit falls]",
            f"— {phrase} - Hong Kong",
            f"{phrase} CBS",
        ):
            if _matches(text):
                assert related._opens_with_label(text), text
                assert related._may_open(text), text
            if related._INLINE.match(text):
                assert related._may_be_inline(text), text


@settings(max_examples=1000)
@given(_TEXTS)
def test_the_guard_never_turns_down_a_match(text: str) -> None:
    if _matches(text):
        assert related._opens_with_label(text)
        assert related._may_open(text)
    if related._INLINE.match(text):
        assert related._may_be_inline(text)


def test_the_separators_are_those_of_the_pattern() -> None:  # _may_be_inline
    head, tail = r"\s*(?:", r")\s*"
    assert related._SEPARATOR.startswith(head) and related._SEPARATOR.endswith(tail)
    alternatives = regex.split(r"(?<!\\)\|", related._SEPARATOR[len(head) : -len(tail)])
    assert set(related._SEPARATOR_CHARS) == {a.replace("\\", "")[0] for a in alternatives}


@given(_TEXTS)
def test_a_link_whose_text_ends_with_a_full_stop_is_no_headline(text: str) -> None:
    m = related._INLINE.match(text)
    if m and related.is_headline(m.group("rest")):
        end = related._stripped(text)
        assert not end.endswith(".") or end.endswith("...")


def test_capitalised_is_the_pattern() -> None:
    capitals = set(regex.findall(r"[\p{Lu}\d]", _ALL_CHARS))
    for c in _ALL_CHARS:
        assert related._capitalised(c + "x") == (c in capitals), hex(ord(c))


def test_every_digit_is_a_word_character_and_no_letter() -> None:  # _title_case_headline asks _SCORE only then
    for c in regex.findall(r"\d", _ALL_CHARS):
        assert regex.fullmatch(r"\w", c) and not c.isalpha()


@given(st.lists(st.booleans(), max_size=40), st.integers(0, 5), st.integers(1, 4))
def test_runs_are_the_runs_a_walk_over_every_index_finds(holds: list[bool], start: int, least: int) -> None:
    expected, run = [], []
    for i in range(start, len(holds) + 1):
        if i < len(holds) and holds[i]:
            run.append(i)
            continue
        if len(run) >= least:
            expected.append((run[0], run[-1] + 1))
        run = []
    asked: list[int] = []
    got = list(related._runs(lambda i: asked.append(i) or holds[i], start, len(holds), least))
    assert got == expected
    assert all(start <= i < len(holds) for i in asked) and len(asked) == len(set(asked))  # each asked once


def test_a_list_item_opens_with_a_space_a_bullet_or_a_digit() -> None:  # _may_be_list_item
    for c in _ALL_CHARS:
        if regex.match(r"\s|[-–—•*·▪►»]|\d", c) or c.isspace():
            assert related._may_be_list_item(c + "x"), hex(ord(c))
    assert related._BULLETS == shape._BULLETS


def _old_headline_runs(paras: list[Paragraph], tail: int, taken: dict[int, str]) -> list[int]:
    found: list[int] = []
    run: list[int] = []
    for p in [*paras[tail:], None]:
        if (
            p is not None
            and p.index not in taken
            and shape.is_list_item(p.text)
            and related.is_headline(p.text, 20)
            and related._title_case_headline(p.text)
        ):
            run.append(p.index)
            continue
        if len(run) >= 3:
            found.extend(run)
        run = []
    return found


_LINES = st.sampled_from(
    ["- 11 Fascinating Facts About Our Milky Way", "- The Biggest Questions About Dark Matter", "- baby carrier",
     "1. Fifteen Amazing Images Of The Stars", "— Who Will Make The Rock Hall In 2020?", "It rained.",
     "- Manchester United 2 Chelsea 1", "“I will,” she said.", " - Five Things To Know About The Deal", "x"]
)  # fmt: skip


@given(st.lists(_LINES, min_size=1, max_size=14), st.integers(0, 14), st.sets(st.integers(0, 14)))
def test_headline_runs_are_those_of_a_walk_over_the_tail(lines: list[str], tail: int, taken: set[int]) -> None:
    paras = paragraphs("\n".join(lines))
    picks = dict.fromkeys(taken, "inline")
    listed = {p.index for p in paras if shape.is_list_item(p.text)}  # the list items, as propose() gives them
    assert Related._headline_runs(paras, tail, picks, listed) == _old_headline_runs(paras, tail, picks)


@given(_TEXTS)
def test_the_screens_read_only_the_first_characters(text: str) -> None:  # what related._plain relies on
    key = text[: related._KEY]
    assert related._may_open(text) == related._may_open(key)
    assert related._may_be_list_item(text) == related._may_be_list_item(key)


def test_a_bullet_and_a_space_open_a_list_item() -> None:  # _BULLET_SPACES before is_list_item
    assert set(related._BULLETS) == {b[0] for b in related._BULLET_SPACES}
    for opening in related._BULLET_SPACES:
        assert shape.is_list_item(opening) and shape.is_list_item(f"{opening}Who will make it?")


# Letters, digits and marks of several scripts (dense ones too), and non-word characters.
_WORD_CHARS = ["a", "Z", "é", "ж", "相", "关", "ก", "か", "1", "٣", "_", "\u0301", " ", "-", "—", ".", "’", "½", "−"]
_WORDY = st.text(st.sampled_from(_WORD_CHARS), max_size=30) | st.text(max_size=30)


@given(_WORDY, st.integers(0, 30), st.integers(0, 30))
def test_part_of_a_text_has_no_more_words(text: str, start: int, stop: int) -> None:  # _is_inline's rest
    assert shape.words(text[start:stop]) <= shape.words(text)


@given(_WORDY)
def test_a_text_has_no_more_word_runs_than_words(text: str) -> None:  # _title_case_headline's first test
    assert len(shape.word_runs(text)) <= shape.words(text)


@settings(max_examples=500)
@given(_TEXTS)
def test_inline_links_are_those_of_the_pattern(text: str) -> None:
    m = related._INLINE.match(text)
    assert Related._is_inline(text, shape.words(text)) == (m is not None and related.is_headline(m.group("rest")))


_SCORE_PIECES = st.sampled_from(["1", "٣", "12", "a", "Ab", " ", "\t", "\u3000", "-", "–", ":", ".", "_", "’", "½"])


@given(st.lists(_SCORE_PIECES, max_size=12).map("".join) | st.text(max_size=20))
def test_a_score_has_two_words_that_are_not_all_letters(text: str) -> None:  # _title_case_headline's last test
    if related._SCORE.search(text):
        assert sum(not w.isalpha() for w in shape.word_runs(text)) >= 2


@given(_TEXTS)
def test_plain_openings_are_let_through_by_neither_screen(text: str) -> None:  # what _may_open() learns
    related._may_open(text)
    if text[: related._KEY] in related._plain:  # then no rule can take a paragraph that opens so
        assert not _matches(text) and not shape.is_list_item(text)
