"""Property 5: no input makes a cleaner raise, propose invalid edits or hang.

Each built-in cleaner runs alone and then all run in order, on arbitrary
Unicode (control characters and lone surrogates included), shards of noise
glued together, long repetitions, and inputs of half a million characters.
"""

from __future__ import annotations

import pytest
from hypothesis import given

from cleanse.testing import StrictRunner, assert_never_raises, hostile_texts, huge_inputs


@given(text=hostile_texts())
def test_no_text_makes_a_cleaner_fail(builtin: StrictRunner, text: str) -> None:
    assert_never_raises(builtin, text)


@pytest.mark.parametrize("name", sorted(huge_inputs(1)))
def test_huge_inputs_finish(builtin: StrictRunner, name: str) -> None:
    assert_never_raises(builtin, huge_inputs(1 << 19)[name])


@pytest.mark.parametrize("text", ["", " ", "\n", "\r", "\x00", "\ufeff", "\ud800", "By", "(", "OTHER NEWS"])
def test_tiny_inputs(builtin: StrictRunner, text: str) -> None:
    assert_never_raises(builtin, text)
