"""Property 1: every body paragraph is in the output, unchanged apart from
whitespace and a removed dateline prefix, and in order."""

from __future__ import annotations

from hypothesis import example, given

from cleanse.testing import GeneratedDocument, StrictRunner, assert_body_kept, check_document, documents

from .known_bugs import DATELINE_LOOKALIKE, FOOTER_LOOKALIKE


@example(gen=DATELINE_LOOKALIKE)
@example(gen=FOOTER_LOOKALIKE)
@given(gen=documents())
def test_builtin_pipeline_keeps_every_body_paragraph(builtin: StrictRunner, gen: GeneratedDocument) -> None:
    doc = builtin.clean(gen.text, gen.meta)
    assert_body_kept(doc, gen.body, dateline=gen.dateline)


@example(gen=DATELINE_LOOKALIKE)
@example(gen=FOOTER_LOOKALIKE)
@given(gen=documents())
def test_each_builtin_cleaner_alone_keeps_the_guarantee(
    builtin_alone: dict[str, StrictRunner], builtin_name: str, gen: GeneratedDocument
) -> None:
    """Alone, a cleaner meets noise that another cleaner usually removes first:
    it must still keep the body, log everything and be idempotent."""
    check_document(builtin_alone[builtin_name], gen)
