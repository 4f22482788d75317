"""The title cleaner: a title repeated on the next paragraph."""

from __future__ import annotations

import cleanse
from cleanse import Pipeline
from cleanse.model import Document
from cleanse.plugins.title import Title

BODY = "Russian President Vladimir Putin vowed on Tuesday to deepen ties.\n\nHe arrived late."


def run(text: str, meta: dict[str, str] | None = None) -> Document:
    return Pipeline(cleaners=[Title()]).clean(text, meta=meta)


def test_removes_title_repeated_in_lower_case() -> None:
    text = "Putin vows to support North Korea\n\nputin vows to support north korea\n\n" + BODY
    doc = run(text)
    assert doc.text == BODY
    assert doc.meta["title"] == "Putin vows to support North Korea"
    assert [(r.kind, r.reason) for r in doc.removed] == [("title", "title"), ("title", "repeated-title")]


def test_repeat_ignores_whitespace_and_may_recur() -> None:
    doc = run("Talks  resume\nTALKS RESUME\ntalks resume \nThe talks resumed.")
    assert doc.text == "The talks resumed."
    assert doc.meta["title"] == "Talks resume"
    assert len(doc.removed) == 3


def test_keeps_a_title_a_reader_already_set() -> None:
    doc = run("Talks resume\n\nTalks resume\n\n" + BODY, meta={"title": "From the HTML"})
    assert doc.meta["title"] == "From the HTML"
    assert doc.text == BODY


def test_removes_a_title_equal_to_the_given_meta_title() -> None:
    doc = run("Talks  resume\n\n" + BODY, meta={"title": "talks resume"})
    assert doc.text == BODY
    assert doc.meta["title"] == "talks resume"
    assert [r.reason for r in doc.removed] == ["given-title"]


def test_keeps_a_first_paragraph_that_is_not_repeated() -> None:
    text = "Putin vows to support North Korea\n\n" + BODY
    doc = run(text)
    assert doc.text == text
    assert "title" not in doc.meta


def test_keeps_a_repeated_body_sentence_elsewhere() -> None:
    text = BODY + "\n\nHe arrived late.\n\nHe arrived late."
    assert run(text).text == text


def test_keeps_a_repeated_first_sentence() -> None:
    text = "The talks resumed on Monday.\n\nThe talks resumed on Monday.\n\n" + BODY
    assert run(text).text == text


def test_keeps_a_long_repeated_first_paragraph() -> None:
    first = "A very long opening line without a full stop " * 6
    text = f"{first}\n{first}\n{BODY}"
    assert run(text).text == text


def test_keeps_a_document_that_is_only_the_title() -> None:
    assert run("Talks resume\n\ntalks resume").text == "Talks resume\n\ntalks resume"


def test_default_pipeline() -> None:
    doc = cleanse.clean("Talks resume\r\n\r\ntalks resume\r\n\r\n" + BODY + "\n\n\n")
    assert doc.text == BODY
    assert doc.meta["title"] == "Talks resume"


def test_a_title_under_a_byline_is_found_and_the_byline_left_to_credits() -> None:
    text = "By Ann Lee\n\nTalks resume\n\nTALKS RESUME\n\nThe talks resumed on Monday."
    doc = Pipeline(cleaners=[Title()]).clean(text)
    assert doc.text == "By Ann Lee\n\nThe talks resumed on Monday."
    assert doc.meta["title"] == "Talks resume"
    body = "By the end of the week\n\nBy the end of the week\n\nTalks resumed."  # not a byline: a repeated title
    assert Pipeline(cleaners=[Title()]).clean(body).meta["title"] == "By the end of the week"
