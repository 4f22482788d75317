"""The paragraph split every cleaner starts from."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from cleanse import shape as shape_module
from cleanse import text as text_module
from cleanse.model import Edit
from cleanse.pipeline import apply_edits
from cleanse.shape import words_before
from cleanse.text import follow_edits, looks_like_headline, paragraphs


def _split_by_loop(text: str) -> list[tuple[int, int, int, str]]:
    """paragraphs() as first written: a loop over the lines."""
    out: list[tuple[int, int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line and not line.isspace():
            if line[-1] == "\r":
                line = line[:-1]
            out.append((len(out), pos, pos + len(line), line))
        pos = end + 1
    return out


_PIECES = st.sampled_from(["Body.", "x", " ", "\t", "\n", "\r", "\r\n", "\n\n", "\u2028", "\x0b", "\xa0", "é", "相关"])


# Lines that are all paragraphs (no blank line, no "\r"): the split's quick path.
_LINES = st.sampled_from(["Body.", "x", " y ", "é", "相关", "\u2028z", "\t."])
_EVERY_LINE_A_PARAGRAPH = st.lists(_LINES, min_size=1).map("\n".join)


@given(st.lists(_PIECES, max_size=20).map("".join) | st.text(max_size=40) | _EVERY_LINE_A_PARAGRAPH)
@example("One.\nTwo é.\n相关")
@example("a\r\n\r\nb\r")
@example(" \n x \r\r\n")
def test_paragraphs_are_the_non_blank_lines_with_their_offsets(text: str) -> None:
    text_module._last_split = ("", ())  # no answer from the last split
    got = paragraphs(text)
    assert [(p.index, p.start, p.end, p.text) for p in got] == _split_by_loop(text)
    for p in got:
        assert text[p.start : p.end] == p.text
    assert paragraphs(text) == got  # asked again: the same paragraphs
    assert text_module.text_lines(text) == tuple(text.split("\n"))  # the lines it was cut into, kept


@given(
    st.lists(_PIECES, max_size=20).map("".join) | st.text(max_size=40),
    st.lists(st.sampled_from(["Body", "x", "é", "相关", " x", "y.", ":"]), min_size=1, max_size=3),
)
def test_paragraphs_containing_finds_every_paragraph_with_a_needle(text: str, needles: list[str]) -> None:
    from cleanse.text import paragraphs_containing

    paras = paragraphs(text)
    expected = {p.index for p in paras if any(n in p.text for n in needles)}
    assert paragraphs_containing(text, paras, needles) == expected


@given(st.text(max_size=40) | st.sampled_from(["", " ", "---", "4 hrs ago", "Talks ended.", " x ", "1 2 3", "«Да»"]))
def test_looks_like_headline_is_its_plain_definition(line: str) -> None:
    s = line.strip()
    plain = 0 < len(s) <= 200 and s[-1] not in ".,;:" and any(c.isalpha() for c in s)
    assert looks_like_headline(line) == plain


@st.composite
def _edited(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    """A text and edits of it, none overlapping: removals, replacements and insertions, anywhere."""
    text = draw(st.lists(_PIECES, max_size=24).map("".join))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        replacement = draw(st.sampled_from(["", "", "\n", "\n\n", " ", "y", "y\nz"]))
        edits.append(Edit(start, end, "k", "r", replacement))
    return text, edits


@given(_edited())
@example(("One.\n\nPhoto: X\nTwo.\n\nThree.", [Edit(6, 15, "caption", "photo")]))
@example(("a\r\nb\nc", [Edit(1, 2, "k", "r"), Edit(2, 3, "k", "r", "\n")]))
@example(("a\nb", [Edit(1, 1, "k", "r", "\n\n"), Edit(2, 3, "k", "r")]))
@example(("One.\n\nTwo.\nMore\nLink", [Edit(10, 15, "k", "r"), Edit(15, 20, "k", "r")]))  # the end cut
@example(("a\r\nb\r\nc", [Edit(5, 7, "k", "r")]))  # cut at the line break after "b\r"
@example(("a\r\nb", [Edit(1, 4, "k", "r")]))  # cut before "\r": not at a line break
@example(("ab\ncd", [Edit(1, 5, "k", "r")]))  # cut inside a line
def test_follow_edits_gives_the_split_of_the_edited_text(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    new, log = apply_edits(text, edits, "p")
    text_module._last_split = ("", ())
    old_paras = paragraphs(text)
    counted = words_before(old_paras)
    # Every time a text is given, however many edits (the defaults leave short texts and many edits to a split).
    follow_edits(text, new, log, minimum=0, per_paragraph=float("inf"))
    if old_paras:
        assert text_module._last_split[0] is new
    got = paragraphs(new)
    assert [tuple(p) for p in got] == _split_by_loop(new)
    followed, before, origin = text_module._followed
    if old_paras:
        assert list(followed) == got and list(before) == old_paras and len(origin) == len(got)
        for p, o in zip(got, origin, strict=True):  # carried over: the old paragraph's very text, moved
            assert o == -1 or p.text is old_paras[o].text
    # Word counts carried over from the old paragraphs are those of the new (words_before with no memory).
    assert counted == words_before(old_paras)
    expected = [0]
    for p in got:
        expected.append(expected[-1] + shape_module._count_words(p.text))
    assert words_before(got) == expected
