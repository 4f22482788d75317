"""Property 2: the output plus the removal log account for the whole input."""

from __future__ import annotations

import json

import pytest
from hypothesis import given

from cleanse.model import Document, Edit, Removal
from cleanse.pipeline import apply_edits, replay
from cleanse.testing import GeneratedDocument, StrictRunner, assert_accounted, documents, reconstruct


@given(gen=documents())
def test_output_and_log_give_back_the_input(builtin: StrictRunner, gen: GeneratedDocument) -> None:
    doc = builtin.clean(gen.text, gen.meta)
    assert_accounted(doc, gen.text)
    # The JSONL record written by `cleanse run` carries the same account.
    record = json.loads(json.dumps(doc.to_json()))
    assert_accounted(record, gen.text)
    assert reconstruct(doc) == replay(doc.text, doc.removed)


def test_reconstruct_undoes_replacements_and_several_steps() -> None:
    doc = Document(
        "d",
        "Talks.\nMore.",
        removed=[
            # Offsets are where each replacement stands after its plugin's step.
            Removal("whitespace", "whitespace", "  ", "trailing", 24),
            Removal("whitespace", "whitespace", "\r\n\r\n\r\n", "blank-run", 24, "\n"),
            Removal("dateline", "dateline", "SEOUL (Reuters) - ", "agency", 0),
        ],
    )
    assert reconstruct(doc) == "SEOUL (Reuters) - Talks.  \r\n\r\n\r\nMore."


def test_reconstruct_matches_apply_edits() -> None:
    text = "a  b\n\n\nc (x)"
    new, log = apply_edits(
        text, [Edit(1, 3, "ws", "x", " "), Edit(4, 7, "ws", "y", "\n\n"), Edit(8, 12, "c", "z")], "w"
    )
    assert reconstruct(Document("d", new, removed=log)) == text


def test_a_log_that_does_not_fit_is_caught() -> None:
    doc = Document("d", "Talks.", removed=[Removal("x", "caption", "Photo", "photo", 3, "zz")])
    with pytest.raises(ValueError, match="does not fit"):
        reconstruct(doc)
    with pytest.raises(AssertionError, match="does not replay"):
        assert_accounted(doc, "Talks.")


def test_a_silent_loss_is_caught() -> None:
    doc = Document("d", "Talks.", removed=[Removal("x", "byline", "By Jane Roe\n", "byline", 0)])
    assert_accounted(doc, "By Jane Roe\nTalks.")
    with pytest.raises(AssertionError, match="do not give back the input"):
        assert_accounted(doc, "By Jane Roe\nTalks. More talks.")
