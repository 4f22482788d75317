"""The credits cleaner: bylines, credit lines and 'originally published' lines."""

from __future__ import annotations

from typing import Any

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

import cleanse
from cleanse import Pipeline
from cleanse.model import Document, Edit
from cleanse.plugins import credits
from cleanse.plugins.credits import Credits
from cleanse.text import Paragraph, paragraphs, remove_paragraphs

BODY = "Talks began on Monday.\n\nThey ended on Tuesday."


def run(text: str) -> Document:
    return Pipeline(cleaners=[Credits()]).clean(text)


def test_byline_names_go_to_authors() -> None:
    doc = run("By Hyonhee Shin, Josh Smith and Guy Faulconbridge\n\n" + BODY)
    assert doc.text == BODY
    assert doc.meta["credits"]["authors"] == ["Hyonhee Shin", "Josh Smith", "Guy Faulconbridge"]
    assert [(r.kind, r.reason) for r in doc.removed] == [("byline", "byline")]


def test_byline_splits_on_ampersand_and_oxford_comma() -> None:
    doc = run("BY ANN LEE, Bo Kim, & Jean-Luc de la Cruz\n\n" + BODY)
    assert doc.meta["credits"]["authors"] == ["ANN LEE", "Bo Kim", "Jean-Luc de la Cruz"]


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("By Jane Q. Roe | Radio Free Asia", "Radio Free Asia"),
        ("By Jane Q. Roe, Reuters", "Reuters"),
        ("By Jane Q. Roe", None),
    ],
)
def test_byline_outlet_goes_to_source(line: str, outlet: str | None) -> None:
    doc = run(f"{line}\n\n{BODY}")
    assert doc.text == BODY
    assert doc.meta["credits"]["authors"] == ["Jane Q. Roe"]
    assert doc.meta["credits"]["source"] == outlet


def test_reuters_credit_line() -> None:
    line = (
        "(Reporting by Hyonhee Shin and Josh Smith and Guy Faulconbridge in Moscow; Additional reporting by "
        "Lidia Kelly in Melbourne and Michelle Nichols in New York; Editing by Gerry Doyle and Gareth Jones)"
    )
    doc = run(f"{BODY}\n\n{line}")
    assert doc.text == BODY
    credits = doc.meta["credits"]
    assert credits["reporters"] == [
        "Hyonhee Shin",
        "Josh Smith",
        "Guy Faulconbridge",
        "Lidia Kelly",
        "Michelle Nichols",
    ]
    assert credits["editors"] == ["Gerry Doyle", "Gareth Jones"]
    assert [(r.kind, r.reason) for r in doc.removed] == [("credit", "credit-line")]


def test_writing_by_goes_to_authors() -> None:
    doc = run(f"{BODY}\n(Writing by Ann Lee; Editing by Bo Kim)")
    assert doc.meta["credits"]["authors"] == ["Ann Lee"]
    assert doc.meta["credits"]["editors"] == ["Bo Kim"]


def test_rfa_credit_lines() -> None:
    tail = (
        "Edited by RFA Staff.\n"
        "This content originally appeared on Radio Free Asia and was authored by By Taejun J. Kang for RFA.\n"
        "This post was originally published on Radio Free."
    )
    doc = run(f"{BODY}\n{tail}")
    assert doc.text == BODY
    credits = doc.meta["credits"]
    assert credits["editors"] == ["RFA Staff"]
    assert credits["authors"] == ["Taejun J. Kang"]
    assert credits["source"] == "Radio Free Asia"
    assert [r.reason for r in doc.removed] == ["credit-line", "originally-published", "originally-published"]


def test_originally_published_sets_source_only_when_unset() -> None:
    doc = run(f"{BODY}\nThis post was originally published on Radio Free.")
    assert doc.meta["credits"]["source"] == "Radio Free"
    assert doc.meta["credits"]["authors"] == []


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the week, the talks had collapsed.",
        "By 2030 the plant will produce twice as much.",
        "By Monday",
        "Edited versions of the tape were aired on Monday.",
        "Reporting by local media suggested the talks had failed.",
        "(Reporting by local media suggested the talks had failed)",
        "Written by hand, the note was left on the desk.",
        "This story first appeared in print decades ago, and readers loved it.",
    ],
)
def test_keeps_body(line: str) -> None:
    text = f"{line}\n\n{BODY}"
    assert run(text).text == text
    assert cleanse.clean(text).text == text


def test_byline_only_near_the_edges() -> None:
    middle = "\n\n".join(f"Paragraph {i} of the story." for i in range(8))
    text = f"{BODY}\n\n{middle}\n\nBy Design\n\n{middle}"
    assert run(text).text == text


def test_default_pipeline() -> None:
    doc = cleanse.clean("By Ann Lee\n\nSEOUL (Reuters) - Talks began.\n\n(Editing by Bo Kim)\n")
    assert doc.text == "Talks began."
    assert doc.meta["credits"]["authors"] == ["Ann Lee"]
    assert doc.meta["credits"]["editors"] == ["Bo Kim"]
    assert doc.meta["dateline"]["places"] == ["SEOUL"]


_ORIGINS = [
    "This content originally appeared on Radio Free Asia.", "This post was originally published on Common Dreams.",
    "Originally published at The Conversation", "FIRST posted on Example News", "first appeared in Vox and was "
    "written by Ann Lee", "This story is first published on X", "originally posted on Y.",
]  # fmt: skip


@pytest.mark.parametrize("line", _ORIGINS)
def test_origin_guard_passes_every_form(line: str) -> None:
    for text in (line, line.upper(), line.lower(), line.title(), line.swapcase()):
        for space in ("", "  ", "\t", "\u3000", "\xa0", "\u2028"):
            if credits._ORIGIN.fullmatch(space + text):
                assert credits._may_be_origin(space + text)
    assert credits._ORIGIN.fullmatch(line)


@given(st.lists(st.sampled_from([*_ORIGINS, "This", "first", "FIRST", " ", "\xa0", "ﬁrst", "İ", "x"])).map("".join))
def test_origin_guard_never_misses(text: str) -> None:
    if credits._ORIGIN.fullmatch(text):
        assert credits._may_be_origin(text)


def test_the_edges_are_counted_in_the_paragraphs_kept() -> None:
    """A byline removed at the end brings the one before it to the end: both go, in one cleaning."""
    body = [f"Paragraph {i} of the story, officials said." for i in range(6)]
    text = "\n".join([*body[:5], "By Ann Lee", body[5], "By Bo Kim"])
    doc = Pipeline(cleaners=[Credits()]).clean(text)
    assert doc.text == "\n".join(body)
    assert doc.meta["credits"]["authors"] == ["Ann Lee", "Bo Kim"]


_CREDIT_PIECES = st.sampled_from(
    [" by ", "by", " ", "\xa0", "\n", "\r\n", "\n\n", "\r", "(", "(Reporting by Ann Lee)", "Edited by Bo Kim.",
     "EDİTED BY BO KIM", "appeared", "This post was originally published on X.", "ﬁrst posted on X", "FİRST",
     "oRiGiNaLlY appeared in Vox", "posted", "publish", "Talks began.", "By Ann Lee", "x"]
)  # fmt: skip


@given(st.lists(_CREDIT_PIECES, max_size=14).map("".join))
def test_the_paragraphs_asked_are_every_one_that_may_be_a_credit(text: str) -> None:
    paras = paragraphs(text)
    asked = credits._may_open_a_credit(paras)
    for p in paras:  # what the rules away from the edges need, each paragraph opens as one
        if credits._credit_line(p.text) is not None or credits._ORIGIN.fullmatch(p.text):
            assert p.index in asked


def test_the_openings_are_the_first_letters_of_the_words_that_open_credits() -> None:
    assert {"Addi", "rEpO", "orİg", "fIrſ", "This", "phot"} <= credits._OPENINGS
    assert not {"this", "THIS", "(Rep", "addı"} & credits._OPENINGS
    # The words that open _ORIGIN, after whitespace: "This" as written, "originally" and "first" in any case.
    assert (
        credits._ORIGIN.pattern.startswith(r"\s*(?:This\s+")
        and r")?(?i:originally|first)\s+" in credits._ORIGIN.pattern
    )
    # _CASES holds every character that matches one of the letters ignoring case.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter, cases in credits._CASES.items():
        assert set(regex.findall(regex.escape(letter), everything, flags=regex.IGNORECASE)) == set(cases), letter
    # str.lstrip strips every character \s matches.
    assert all(c.isspace() for c in regex.findall(r"\s", everything))


def test_a_role_opens_with_one_of_the_role_openings() -> None:
    # Every word of _SEGMENT's roles opens with one of the openings (five letters or more: "photo", not "role").
    words = regex.findall(r"\b[a-z]{5,}\b", credits._SEGMENT.pattern.partition(r"\s+by\s+")[0])
    assert "compiled" in words and "photography" in words
    assert {w[:4] for w in words} == credits._ROLE_OPENINGS
    # Every character that matches one of their letters ignoring case casefolds to it (U+0307, the dot of "İ", left
    # out): the first four characters of a role _SEGMENT matches casefold to its opening.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in set("".join(credits._ROLE_OPENINGS)):
        for c in regex.findall(regex.escape(letter), everything, flags=regex.IGNORECASE):
            assert c.casefold().replace("\u0307", "") == letter, (letter, hex(ord(c)))
    assert credits._credit_line("(Reporting by Ann Lee)") and not credits._credit_line("Talks, mediated by Qatar")


def _credit_line_by_pattern(line: str) -> dict[str, list[str]] | None:
    """_credit_line without its guards: every segment matched against _SEGMENT."""
    inner = line.strip()
    if inner.startswith("(") and inner.endswith(")"):
        inner = inner[1:-1]
    if len(inner) > 400 or " by " not in inner:
        return None
    found: dict[str, list[str]] = {}
    for segment in inner.split(";"):
        m = credits._SEGMENT.fullmatch(segment)
        names = credits.split_names(m.group("names")) if m else None
        if m is None or names is None:
            return None
        found.setdefault(credits._role(m.group("role")), []).extend(names)
    return found


_ROLE_PIECES = st.sampled_from(
    ["Reporting", "REPORTING", "rEpOrTiNg", "reſearch", "addİtional", "Additional reporting", "Edited", "edıted",
     "Photos", "Photography", "compiled", "Written", "writing", "Research", " by ", "by", " ", "\t", "\xa0", "(", ")",
     ";", "Ann Lee", "Bo Kim", " and ", "x", "Talks began"]
)  # fmt: skip


@given(st.lists(_ROLE_PIECES, max_size=10).map("".join))
@example("\xa0addİtional reporting by Ann Lee")
@example("(rEpOrTiNg by Ann Lee; Edited by Bo Kim)")
@example("reſearch by Ann Lee")
def test_the_role_guard_never_turns_down_a_credit_line(line: str) -> None:
    assert credits._credit_line(line) == _credit_line_by_pattern(line)


def _near_by_definition(paras: list[Paragraph], removed: set[int]) -> set[int]:
    kept = [p.index not in removed for p in paras]
    head, tail = credits.BYLINE_HEAD, credits.BYLINE_TAIL
    return {i for i in range(len(paras)) if sum(kept[:i]) < head or sum(kept[i + 1 :]) < tail}


def _edits_asking_every_paragraph(text: str) -> list[Edit]:
    """What Credits.propose removes, without its screens: every paragraph asked until the edges stay put."""
    paras = paragraphs(text)
    found: dict[int, tuple[str, Any]] = {}
    near = _near_by_definition(paras, set())
    while True:
        picks = {p.index: what for p in paras if (what := Credits._what(p, p.index in near, found)) is not None}
        grown = near | _near_by_definition(paras, set(picks))
        if grown == near:
            break
        near = grown
    kinds = {"byline": "byline", "credit-line": "credit", "originally-published": "credit"}
    return remove_paragraphs(text, paras, [(i, kinds[picks[i][0]], picks[i][0]) for i in sorted(picks)])


_LINES = st.sampled_from(
    ["By Ann Lee", "  BY BO KIM", "Bye now.", "(Reporting by Ann Lee)", "( Edİted by Bo Kim)", "Edited by Bo Kim.",
     "It was posted by X.", "This post was originally published on X.", "\u3000ﬁrst posted on X", "Talks began.",
     "Talks ended.", "", "\r"]
)  # fmt: skip


@given(st.lists(_LINES, max_size=16).map("\n".join))
@example("\n".join(["Talks began."] * 6 + ["By Ann Lee", "Talks ended.", "By Bo Kim"]))
@example(
    "\n".join(["Talks began."] * 5 + ["reſearch by Ann Lee", "\tFİRſT posted on X", "( Edİted by Bo Kim)"] + ["x"] * 3)
)
def test_the_screens_leave_the_removals_as_asking_every_paragraph_does(text: str) -> None:
    for removed in ({0}, {1, 2}, set()):
        assert credits._near_edges(paragraphs(text), removed) == _near_by_definition(paragraphs(text), removed)
    assert list(Credits().propose(text, {})) == _edits_asking_every_paragraph(text)
