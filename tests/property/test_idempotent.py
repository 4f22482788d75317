"""Property 4: cleaning is idempotent: cleaning the output again changes nothing."""

from __future__ import annotations

from hypothesis import example, given

from cleanse.testing import GeneratedDocument, StrictRunner, assert_idempotent, documents, hostile_texts

from .known_bugs import (
    BYLINE_ABOVE_TITLE,
    DATELINE_BELOW,
    DATELINE_TWICE,
    EDGE_BYLINES,
    FEED_ABOVE_COPYRIGHT,
    FEED_ABOVE_RULE,
    FOOTER_BEHIND,
    REBARED,
    RULE_TAIL,
    RULES,
    SURROGATE_CAPTION,
)


@example(gen=DATELINE_TWICE)
@given(gen=documents())
def test_cleaning_a_page_twice_changes_nothing(builtin: StrictRunner, gen: GeneratedDocument) -> None:
    assert_idempotent(builtin, gen.text, gen.meta)


@example(text=REBARED)
@example(text=RULES)
@example(text=EDGE_BYLINES)
@example(text=BYLINE_ABOVE_TITLE)
@example(text=SURROGATE_CAPTION)
@example(text=FOOTER_BEHIND)
@example(text=DATELINE_BELOW)
@example(text=RULE_TAIL)
@example(text=FEED_ABOVE_RULE)
@example(text=FEED_ABOVE_COPYRIGHT)
@given(text=hostile_texts(max_repeat=200))
def test_cleaning_any_text_twice_changes_nothing(builtin: StrictRunner, text: str) -> None:
    assert_idempotent(builtin, text)
