"""The footers cleaner: footers at the end go; the same words in the body stay."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanse.pipeline import Pipeline
from cleanse.plugins import footers as F
from cleanse.plugins.footers import Footers
from cleanse.shape import words

BODY = (
    "NASA on Monday enlisted the engineering muscle of the commercial space industry to build landers that "
    "will take cargo and people to the Moon, the agency said in a statement.\n"
    "Five companies were chosen to bid, including two relatively small organisations.\n"
    "The agency plans to send astronauts back to the lunar surface by 2024, officials said on Monday."
)


def clean(text: str, meta: dict[str, object] | None = None) -> tuple[str, list[str], dict[str, object]]:
    doc = Pipeline(cleaners=[Footers()]).clean(text, meta=meta)
    return doc.text, [r.reason for r in doc.removed], doc.meta


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("© Reuters", "copyright"),
        ("copyright Inexhibit 2019 - ISSN: 2283-5474", "copyright"),
        ("Copyright ⓒ Entermedia.co.kr. 무단전재 및 재배포 금지", "copyright"),
        ("Alle Rechte vorbehalten.", "copyright"),
        ("SOURCE: Al Jazeera News", "source"),
        ("Have a tip? Amy Kuperinsky may be reached at ak@example.com. Follow her on Twitter.", "tip"),
        (
            "The Times is committed to publishing letters to the editor. Here's our email: letters@example.com.",
            "contact",
        ),
        ("Eric Song is IGN's deal curator and spends 25% of his pay on stuff he posts.", "bio"),
        ("If you buy something through this post, IGN may get a share of the sale.", "disclosure"),
        ("Filed under: Space |", "filed"),
    ],
)
def test_footer_at_the_end_goes(line: str, reason: str) -> None:
    text, reasons, _ = clean(f"{BODY}\n{line}")
    assert text == BODY
    assert reasons == [reason]


def test_source_is_recorded() -> None:
    _, _, meta = clean(f"{BODY}\nSOURCE: Al Jazeera News")
    assert meta["credits"]["source"] == "Al Jazeera News"  # type: ignore[index]


def test_rule_line_goes_with_the_footers_after_it() -> None:
    text, reasons, _ = clean(f"{BODY}\n______________________________\nEric Song is IGN's deal curator.")
    assert text == BODY
    assert reasons == ["rule", "bio"]


@pytest.mark.parametrize(
    "kept",
    [
        "Source: the agency's own figures, which were published on Monday, show the cost has doubled since 2017.",
        "With Post wires",
        "John Smith is a former astronaut who flew on two shuttle missions.",
        "Anyone with information is asked to contact police at tips@example.org.",
        "Copyright law was not the issue, the judge said.",
    ],
)
def test_body_at_the_end_stays(kept: str) -> None:
    text = f"{BODY}\n{kept}"
    assert clean(text)[:2] == (text, [])


def test_footer_words_high_up_stay() -> None:
    text = "© Reuters\n" + BODY
    assert clean(text)[0] == text


def _unguarded(t: str) -> tuple[str, str | None] | None:
    """Footers._footer as it was before its cheap tests: each pattern tried in turn."""
    n = words(t)
    if n <= 25 and F._COPYRIGHT.match(t):
        return "copyright", None
    if n <= 10 and (m := F._SOURCE.match(t)):
        return "source", m.group("source")
    if n <= 60 and F._TIP.match(t):
        return "tip", None
    if n <= 60 and F._CONTACT.search(t):
        return "contact", None
    if n <= 50 and F._BIO.match(t) and not F._REPORTED.search(t):
        return "bio", None
    if n <= 50 and F._DISCLOSURE.search(t):
        return "disclosure", None
    if n <= 20 and F._FILED.match(t):
        return "filed", None
    return None


ROLES = (
    "writer reporter editor correspondent columnist journalist contributor curator author freelancer producer intern "
    "critic blogger staff"
)
# At least one line for each alternative of each pattern.
MATCHING = [
    "© Reuters", "ⓒ 2024 Yonhap", "Ⓒ 2024", "(c) 2019 AP", "Copyright © 2020", "Copyright ⓒ Entermedia",
    "Copyright (c) 2020", "copyright 2019 Inexhibit", "Copyright by AP", "Copyright The Times", "copyright nytimes.com",
    "Copr. 2020 X", "All rights reserved.", "2024 Acme Inc. All Rights Reserved", "Todos os direitos reservados",
    "Todos los derechos reservados", "Alle Rechte vorbehalten", "Tous droits réservés", "Tutti i diritti riservati",
    "Все права защищены",
    "SOURCE: Al Jazeera", "Sources: AP", "Fonte: Folha", "Fuente: EFE", "Quelle: dpa", "Источник: ТАСС",
    "출처: 연합뉴스", "来源：新华社", "出典：共同通信",
    "Have a tip?", "Got any news tips?", "Do you have a story idea?", "Have any story tips?",
    "She may be reached at x@example.com", "He can be contacted by email", "Write letters to the editor here",
    "We'd like to hear from you", "We would love to hear your story", "Send us your news tips",
    "Eric Song is IGN's deal curator.", "Jane Roe was a staff writer.", "Mary Ann Smith is an editor at the paper.",
    "J.K. Rowling is the author of many books.", "Conor O'Brien is our correspondent in Dublin.",
    "If you buy something through our links, we may earn a commission.",
    "If you purchase a product we may get a share.", "We may earn an affiliate commission.",
    "IGN might get a share of the sale.", "This post contains affiliate links.", "The page includes affiliate links.",
    "Filed under: Space", "Tags: moon, NASA", "Tagged with: moon", "Tagged: moon", "Posted in: News",
    "Categories: Science", "Category: Space", "We may receive a small commission.",
    *(f"Jane Roe is a {role} here." for role in ROLES.split()),
]  # fmt: skip


def _variants(line: str) -> list[str]:
    """``line`` in other cases, after leading punctuation, and with letters that fold alike (İ, ſ, K)."""
    out = []
    for v in (line, line.upper(), line.lower(), line.title(), line.swapcase()):
        out += [v, f"— {v}", f"«{v}»", f"...{v}", f"* {v}", f"'{v}", f"({v})"]
    out += [line.replace("i", "İ").replace("I", "İ"), line.replace("s", "ſ"), line.replace("k", "\u212a")]
    return out


@pytest.mark.parametrize("line", MATCHING)
def test_the_cheap_tests_never_hide_a_footer(line: str) -> None:
    assert _unguarded(line) is not None, "a line of MATCHING must be a footer"
    for v in _variants(line):
        assert Footers._footer(v) == _unguarded(v), v


_PIECES = sorted(
    {
        w
        for p in (F._COPYRIGHT, F._SOURCE, F._TIP, F._CONTACT, F._BIO, F._DISCLOSURE, F._FILED)
        for w in regex.findall(r"[^\W\d_]{2,}", p.pattern)
    }
    | {"Eric", "Song", "IGN", "2024", "©", "ⓒ", "(c)", "x@y.com", "O'Brien", "J.K."}
)
_SEPARATORS = st.sampled_from([" ", "  ", "-", "'", "?", ": ", "：", "—", ", ", "«", ".", "\u00a0", "\t"])
_lines = st.lists(st.tuples(st.sampled_from(_PIECES), _SEPARATORS), max_size=12).map(
    lambda parts: "".join(w + s for w, s in parts)
)


@given(st.sampled_from(["", "— ", "(", "©", "1 ", "Новости "]), _lines, st.sampled_from([str, str.upper, str.title]))
def test_the_cheap_tests_never_hide_a_footer_in_any_text(prefix: str, line: str, case: Callable[[str], str]) -> None:
    text = case(prefix + line).strip()
    assert Footers._footer(text) == _unguarded(text), text


@pytest.mark.parametrize("line", ["______", "* * *", "---", "•••", " - - - ", "__", "**a**", "— § —", "…", "²²²"])
def test_is_rule_is_the_rule_pattern(line: str) -> None:
    assert F.is_rule(line) == bool(F._RULE.match(line.strip()))


def test_letters_and_digits_are_word_characters() -> None:
    # What is_rule rests on: a Python letter or decimal digit is never [\W_] to regex.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert not [c for c in regex.findall(r"[\W_]", everything) if c.isalpha() or c.isdecimal()]


def test_capitalized_says_yes_to_every_uppercase_letter() -> None:
    # What _may_be_bio rests on: \p{Lu} (regex's tables, maybe newer than Python's) is caught by _capitalized,
    # and str.split splits at every \s of regex.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert all(F._capitalized(c) for c in regex.findall(r"\p{Lu}", everything))
    assert all(c.isspace() for c in regex.findall(r"\s", everything))


def test_letters_of_the_whole_words_fold_to_themselves() -> None:
    # The whole-word tests compare casefolded words: every character that matches one of their letters
    # ignoring case must casefold to that letter (U+0307, the dot of "İ", left out).
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in set("".join(F._ANY_SET)):
        for c in regex.findall(regex.escape(letter), everything, flags=regex.IGNORECASE):
            assert c.casefold().replace("\u0307", "") == letter, (letter, hex(ord(c)))


def test_a_run_of_rules_longer_than_the_last_paragraphs_goes_whole() -> None:
    text, reasons, _ = clean(BODY + "\n* * *" * 7 + "\n© 2024 The Gazette")
    assert text == BODY
    assert reasons == ["rule"] * 7 + ["copyright"]
    assert clean(text)[0] == text


def test_name_marks_are_every_character_outside_ascii_that_matches_a_word_letter() -> None:
    # What _may_name rests on: ignoring case, the letters of the ASCII words of _ANY_SET match no character
    # outside ASCII but _NAME_MARKS, and each word outside ASCII has a letter that only marks match.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    ascii_letters = set("".join(w for w in F._ANY_SET if w.isascii()))
    for letter in ascii_letters:
        for c in regex.findall(regex.escape(letter), everything, flags=regex.IGNORECASE):
            assert c.isascii() or c in F._NAME_MARKS, (letter, hex(ord(c)))
    for word in (w for w in F._ANY_SET if not w.isascii()):
        assert any(
            set(regex.findall(regex.escape(letter), everything, flags=regex.IGNORECASE)) <= set(F._NAME_MARKS)
            for letter in word
        ), word


def test_ascii_word_bytes_make_spaces_of_the_non_word_bytes_only() -> None:
    for b in range(0x80):
        is_word = regex.fullmatch(r"\w", chr(b)) is not None
        assert F._ASCII_WORD_BYTES[b] == (ord(chr(b).lower()) if is_word else 0x20), b
    assert F._ASCII_WORD_BYTES[0x80:] == b" " * 0x80  # never asked: encode("ascii", "replace") gives "?" instead


# The patterns _may_name stands before: _COPYRIGHT's second branch, _CONTACT, _BIO, _DISCLOSURE.
_RIGHTS_BRANCH = regex.compile("^" + F._COPYRIGHT.pattern.split("|^", 1)[1], regex.IGNORECASE)
_SPACES = st.sampled_from([" ", "  ", "\u00a0", "\u2009", "\t", " \u3000"])
_MARKS = st.sampled_from(["", "’", "é", "«", "Ж ", "— ", "ſ", "İ", "(", "\u00a0"])


@given(
    st.sampled_from(MATCHING),
    _lines,
    _lines,
    st.sampled_from([str, str.upper, str.lower, str.title, str.swapcase]),
    _SPACES,
    _MARKS,
    st.booleans(),
)
def test_may_name_never_hides_a_match(
    line: str, before: str, after: str, case: Callable[[str], str], space: str, mark: str, lead: bool
) -> None:
    # A footer line of each pattern, its spaces made other whitespace, with other characters about it.
    text = case((before + space if lead else mark) + line.replace(" ", space) + mark + after)
    if not F._may_name(text):
        assert not _RIGHTS_BRANCH.match(text), text
        assert not F._CONTACT.search(text), text
        assert not F._BIO.match(text), text
        assert not F._DISCLOSURE.search(text), text


@pytest.mark.parametrize("line", MATCHING)
def test_may_name_says_yes_to_every_named_footer(line: str) -> None:
    for v in _variants(line):
        if _RIGHTS_BRANCH.match(v) or F._CONTACT.search(v) or F._BIO.match(v) or F._DISCLOSURE.search(v):
            assert F._may_name(v), v
