"""The paragraph split every cleaner starts from."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from cleanse import text as text_module
from cleanse.text import looks_like_headline, paragraphs


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


@given(st.lists(_PIECES, max_size=20).map("".join) | st.text(max_size=40))
@example("a\r\n\r\nb\r")
@example(" \n x \r\r\n")
def test_paragraphs_are_the_non_blank_lines_with_their_offsets(text: str) -> None:
    text_module._last_split = ("", ())  # no answer from the last split
    got = paragraphs(text)
    assert [(p.index, p.start, p.end, p.text) for p in got] == _split_by_loop(text)
    for p in got:
        assert text[p.start : p.end] == p.text
    assert paragraphs(text) == got  # asked again: the same paragraphs


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
