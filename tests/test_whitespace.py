"""The whitespace cleaner: line breaks, trailing spaces and blank lines."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

import cleanse
from cleanse import Pipeline
from cleanse.model import Document
from cleanse.pipeline import replay
from cleanse.plugins.whitespace import Whitespace, _breaks, _contents, _is_tidy


def run(text: str) -> Document:
    return Pipeline(cleaners=[Whitespace()]).clean(text)


@pytest.mark.parametrize(
    ("text", "want", "reasons"),
    [
        ("One.\r\nTwo.\r\n", "One.\nTwo.", ["crlf", "trailing-blank"]),
        ("One.\rTwo.", "One.\nTwo.", ["crlf"]),
        ("One.  \t\nTwo.", "One.\nTwo.", ["trailing"]),
        ("One.\n\n\n\n\nTwo.", "One.\n\nTwo.", ["blank-run"]),
        ("One.\n \n\t\n\nTwo.", "One.\n\nTwo.", ["blank-run"]),
        ("\n\n  \nOne.\n\nTwo.", "One.\n\nTwo.", ["leading"]),
        ("One.\n\nTwo.\n\n\n  \n", "One.\n\nTwo.", ["trailing-blank"]),
        (" \n\t\n", "", ["blank-document"]),
    ],
)
def test_rules(text: str, want: str, reasons: list[str]) -> None:
    doc = run(text)
    assert doc.text == want
    assert [r.reason for r in doc.removed] == reasons
    assert {r.kind for r in doc.removed} <= {"whitespace"}
    assert replay(doc.text, doc.removed) == text


@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_keeps_the_documents_own_separator(separator: str) -> None:
    text = separator.join(["One.", "Two.", "Three."])
    doc = run(text)
    assert doc.text == text
    assert doc.removed == []


def test_keeps_mixed_separators_and_inner_spaces() -> None:
    text = "  Indented line.\nNext line.\n\nA  gap  inside."
    assert run(text).text == text


def test_idempotent() -> None:
    once = run("\r\n\r\nOne.  \r\n\r\n\r\n\r\nTwo.\t\nThree.\n\n\n").text
    assert once == "One.\n\nTwo.\nThree."
    assert run(once).text == once
    assert run(once).removed == []


def test_empty_text() -> None:
    doc = run("")
    assert doc.text == ""
    assert doc.removed == []


def test_default_pipeline() -> None:
    assert cleanse.clean("Talks began.\r\n\r\n\r\nThey ended.  \n\n").text == "Talks began.\n\nThey ended."


@given(
    st.lists(st.sampled_from(["a", "b.", "\n", "\n\n", " ", "\t", "\r", "\xa0", "\u3000", "\x1c", "\u2028"])).map(
        "".join
    )
)
def test_is_tidy_is_the_plain_test(text: str) -> None:
    plain = not (
        text[:1].isspace()
        or text[-1:].isspace()
        or "\r" in text
        or "\n\n\n" in text
        or any(line[-1:].isspace() for line in text.split("\n"))
    )
    assert _is_tidy(text) == plain


_LINE = regex.compile(r"[^\r\n]+")
_BREAK = regex.compile(r"\r\n|\r|\n")
_WS_PIECES = st.sampled_from(["a", "b.", "\n", "\r", "\r\n", " ", "\t", "\xa0", "\u3000", "\x1c", "\u2028", "\x85"])


@given(st.lists(_WS_PIECES, max_size=12).map("".join) | st.text(max_size=30))
def test_string_methods_find_what_the_patterns_found(text: str) -> None:
    # The lines and breaks as the patterns found them before string methods replaced them.
    contents = [
        (m.start(), m.start() + len(m.group().rstrip())) for m in _LINE.finditer(text) if not m.group().isspace()
    ]
    assert _contents(text) == contents
    assert _breaks(text) == len(_BREAK.findall(text))
