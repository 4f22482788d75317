"""A plugin that breaks the guarantee is caught by ``cleanse.testing.check_cleaner``.

Each of these cleaners is wrong in one way; the check must fail it, and must
pass the honest ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
import regex
from hypothesis import strategies as st

from cleanse import Cleaner, Edit
from cleanse.testing import NoiseStats, check_cleaner
from cleanse.text import paragraphs, remove_paragraphs

FEW = 100  # examples per property: enough to find each of these bugs


class GreedyBylines(Cleaner):
    """Drops every paragraph that starts with ``By``: bylines, and ``By the end of the week, ...`` prose."""

    name = "greedy"
    order = 450

    def propose(self, text: str, meta: dict[str, Any]) -> Iterable[Edit]:
        paras = paragraphs(text)
        return remove_paragraphs(text, paras, [(p.index, "byline", "by") for p in paras if p.text.startswith("By")])


class Rewriter(Cleaner):
    """Rewrites ``said`` as ``says``, logged as whitespace: body altered, however well logged."""

    name = "rewriter"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterable[Edit]:
        return [Edit(m.start(), m.end(), "whitespace", "tense", "says") for m in regex.finditer(r"\bsaid\b", text)]


class Crasher(Cleaner):
    """Fails on text it did not expect (a lone ``\\r``)."""

    name = "crasher"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterable[Edit]:
        if "\r" in text and "\r\n" not in text:
            raise IndexError("line ends out of range")
        return []


class Overlapper(Cleaner):
    """Proposes overlapping edits for a line with two brackets."""

    name = "overlapper"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterable[Edit]:
        a, b = text.find("("), text.rfind("(")
        if 0 <= a < b:
            return [Edit(a, b + 1, "credit", "x"), Edit(b, b + 1, "credit", "y")]
        return []


class Nibbler(Cleaner):
    """Removes one trailing newline per pass: keeps the body, but is not idempotent."""

    name = "nibbler"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterable[Edit]:
        return [Edit(len(text) - 1, len(text), "whitespace", "nibble")] if text.endswith("\n") else []


class Lazy(Cleaner):
    """Removes nothing: honest, but no use as a byline cleaner."""

    name = "lazy"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterable[Edit]:
        return []


class Shouting(Cleaner):
    """Removes ``ADVERTISEMENT`` lines, exactly: the honest counterpart of the bad ones."""

    name = "shouting"

    def propose(self, text: str, meta: dict[str, Any]) -> Iterable[Edit]:
        paras = paragraphs(text)
        return remove_paragraphs(
            text, paras, [(p.index, "ad", "shout") for p in paras if p.text.strip() == "ADVERTISEMENT"]
        )


@pytest.mark.parametrize(
    ("cleaner", "message"),
    [
        pytest.param(GreedyBylines(), "body paragraph .* lost or altered", id="greedy"),
        pytest.param(Rewriter(), "body paragraph .* lost or altered", id="rewriter"),
        pytest.param(Crasher(), "line ends out of range", id="crasher"),
        pytest.param(Overlapper(), "overlapping edits", id="overlapper"),
        pytest.param(Nibbler(), "cleaning the output again changed it", id="nibbler"),
    ],
)
def test_a_plugin_that_breaks_the_guarantee_is_caught(cleaner: Cleaner, message: str) -> None:
    # The nibbler's bug shows only on a text ending in two line breaks, the crasher's on a lone "\r": a search
    # of FEW examples missed the first about once in 300 runs, the second once in 8 seeds of the whole
    # property suite, so they get a longer one.
    examples = FEW * 4 if isinstance(cleaner, Nibbler | Crasher) else FEW
    with pytest.raises(AssertionError, match=message):
        check_cleaner(cleaner, max_examples=examples, huge=False, shrink=False)


def test_a_plugin_that_does_not_remove_its_noise_is_caught() -> None:
    with pytest.raises(AssertionError, match="noise removed below 95% for byline"):
        check_cleaner(Lazy(), removes=["byline"], max_examples=FEW, huge=False, shrink=False)


def test_an_honest_plugin_passes() -> None:
    stats = check_cleaner(Shouting(), noise={"ad": st.just("ADVERTISEMENT")}, max_examples=FEW)
    assert isinstance(stats, NoiseStats)
    assert stats.rate("ad") == 1.0
    assert stats.total["ad"] > 0
