"""A broken plugin harms nothing: the host isolates it, refuses its bad edits and names it.

Pipeline-level tests with hand-made cleaners; the same through the CLI, with a
plugin installed through a real entry point, is in test_reliability_cli.py.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterable
from typing import Any

import pytest

from cleanse import Cleaner, Config, Edit, Pipeline
from cleanse.pipeline import DocumentError, replay
from plugins.whitespace import Whitespace

TEXT = "Title line\n\nBody one has words.\n\nBody two has more words.\n\n\n"


class Boom(Cleaner):
    name = "boom"
    order = 50

    def propose(self, text: str, meta: dict[str, Any]) -> Iterable[Edit]:
        meta["boom"] = "half-written"  # dropped with the failure
        yield Edit(0, 5, "noise", "first")
        raise ValueError("kaboom")


class Marker(Cleaner):
    """Removes the first line and notes that it ran."""

    name = "marker"
    order = 300

    def propose(self, text: str, meta: dict[str, Any]) -> Iterable[Edit]:
        meta["marker"] = True
        end = text.index("\n\n") + 2
        return [Edit(0, end, "title", "first-line")]


def make(cleaner: Cleaner, strict: bool = False) -> Pipeline:
    return Pipeline(Config(strict=strict), cleaners=[Whitespace(), cleaner, Marker()])


def edits_cleaner(name: str, edits: list[object], meta_value: object = None) -> Cleaner:
    class Proposer(Cleaner):
        order = 50

        def propose(self, text: str, meta: dict[str, Any]) -> Iterable[Edit]:
            if meta_value is not None:
                meta["bad"] = meta_value
            return edits  # type: ignore[return-value]

    Proposer.name = name  # type: ignore[misc]
    return Proposer()


def test_a_plugin_that_raises_is_skipped_and_the_others_run() -> None:
    doc = make(Boom()).clean(TEXT, id="doc-7")
    assert doc.text == "Body one has words.\n\nBody two has more words."
    assert [f.plugin for f in doc.failures] == ["boom"]
    assert doc.failures[0].error == "ValueError: kaboom"
    assert "kaboom" in doc.failures[0].detail and "Traceback" in doc.failures[0].detail
    assert "boom" not in doc.meta and doc.meta["marker"] is True
    assert {r.plugin for r in doc.removed} == {"whitespace", "marker"}
    assert replay(doc.text, doc.removed) == TEXT
    assert doc.to_json()["failures"] == [{"plugin": "boom", "error": "ValueError: kaboom"}]


def test_the_failure_is_logged_with_plugin_and_document(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="cleanse"):
        make(Boom()).clean(TEXT, id="doc-7", source="news/a.txt")
    (record,) = caplog.records
    assert "'boom'" in record.getMessage() and "'doc-7'" in record.getMessage() and "news/a.txt" in record.getMessage()


def test_strict_turns_a_plugin_failure_into_a_document_failure() -> None:
    with pytest.raises(DocumentError, match=r"plugin 'boom' failed on document 'doc-7': kaboom"):
        make(Boom(), strict=True).clean(TEXT, id="doc-7")


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        ([Edit(0, 10_000, "x", "r")], "outside the document"),
        ([Edit(-1, 3, "x", "r")], "outside the document"),
        ([Edit(5, 2, "x", "r")], "outside the document"),
        ([Edit(0, 8, "x", "r"), Edit(4, 12, "x", "r")], "overlapping edits"),
        ([Edit(0, 4, "x", "r"), Edit(0, 4, "x", "r")], "overlapping edits"),
        ([(0, 4)], "not a cleanse.Edit"),
        ([Edit(0.5, 4, "x", "r")], "not integers"),  # type: ignore[arg-type]
        ([Edit(True, 4, "x", "r")], "not integers"),
        ([Edit(0, 4, "x", "r", replacement=None)], "not a str"),  # type: ignore[arg-type]
        ([Edit(0, 4, "x", "r", replacement="\ud800")], "not Unicode text"),
        ([Edit(0, len(TEXT), "x", "r")], "removing all of the document's text"),
    ],
)
def test_bad_edits_are_refused_naming_the_plugin(edits: list[object], message: str) -> None:
    doc = make(edits_cleaner("sloppy", edits)).clean(TEXT, id="d")
    (failure,) = doc.failures
    assert failure.plugin == "sloppy"
    assert message in failure.error and "'sloppy'" in failure.error
    assert doc.text == "Body one has words.\n\nBody two has more words."  # the others still ran
    with pytest.raises(DocumentError, match="sloppy"):
        make(edits_cleaner("sloppy", edits), strict=True).clean(TEXT, id="d")


def test_removing_all_the_words_is_refused_even_in_pieces() -> None:
    text = "Only words here.\n\nAnd here."
    edits = [Edit(0, 17, "x", "a"), Edit(17, len(text), "x", "b")]
    doc = Pipeline(cleaners=[edits_cleaner("greedy", edits)]).clean(text)
    assert doc.text == text and "removing all" in doc.failures[0].error


def test_body_edits_that_leave_words_are_applied() -> None:
    text = "Only words here.\n\nAnd here."
    doc = Pipeline(cleaners=[edits_cleaner("fine", [Edit(0, 18, "x", "a")])]).clean(text)
    assert doc.text == "And here." and not doc.failures


@pytest.mark.parametrize("value", [{1, 2}, float("nan"), object(), b"bytes", "\udc80"])
def test_meta_that_is_not_plain_json_is_refused(value: object) -> None:
    doc = make(edits_cleaner("meta-bad", [], meta_value=value)).clean(TEXT)
    assert [f.plugin for f in doc.failures] == ["meta-bad"]
    assert "bad" not in doc.meta and "not plain JSON" in doc.failures[0].error


def test_a_plugin_returning_nonsense_is_isolated() -> None:
    class Nonsense(Cleaner):
        name = "nonsense"

        def propose(self, text: str, meta: dict[str, Any]) -> Iterable[Edit]:
            return None  # type: ignore[return-value]

    doc = Pipeline(cleaners=[Nonsense(), Whitespace()]).clean("Body.\n\n\n")
    assert doc.text == "Body." and doc.failures[0].plugin == "nonsense"


def test_a_document_over_the_size_limit_fails_clearly() -> None:
    pipeline = Pipeline(Config(max_bytes=100))
    with pytest.raises(DocumentError, match=r"document is 101 bytes, larger than the limit of 100 \(see max_bytes\)"):
        pipeline.clean("x" * 101)
    assert pipeline.clean("é" * 50).text == "é" * 50  # 100 bytes of UTF-8


def test_a_text_that_is_not_str_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="must be a str"):
        Pipeline().clean(b"bytes")  # type: ignore[arg-type]


def test_documents_with_failures_still_pickle() -> None:
    doc = make(Boom()).clean(TEXT)
    again = pickle.loads(pickle.dumps(doc))
    assert again.failures == doc.failures and again.failures[0].detail == doc.failures[0].detail


def test_surrogates_the_text_carries_may_go_to_meta() -> None:
    # The readers refuse text with lone surrogates; the Python API may be given some, and a caption moved to
    # meta carries them over: that is no fault of the cleaner's.
    doc = Pipeline().clean("Talks began on Monday.\n\n\ud800 Kim waves. Credit: AP")
    assert not doc.failures and doc.meta["captions"] == [{"text": "\ud800 Kim waves.", "credit": "AP"}]
