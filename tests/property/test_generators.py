"""The generators are hard enough to mean something, and honest about body and noise."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse.testing import (
    LOOKALIKES,
    NOISE_KINDS,
    Article,
    GeneratedDocument,
    Noise,
    articles,
    body_paragraphs,
    documents,
    noise,
    normalize,
    output_paragraphs,
)

# What the issue asks the body to contain: sentences that start like noise, or carry
# noise inside, each one a sentence that a careful rule keeps.
NOISY_OPENINGS = (
    "By ", "Credit", "Photo", "Reporting by", "Edited", "Related", "Comments", "Share", "Advertisement", "(",
)  # fmt: skip
NOISY_INSIDE = ("OTHER NEWS", "4 hrs ago", "(AP)", "(AFP)", "(TRI.TO)")
# A lookalike template with each {slot} standing for any text.
LOOKALIKE_PATTERNS = [
    re.compile(".+".join(re.escape(part) for part in re.split(r"\{\w+\}", t)))
    for group in LOOKALIKES.values()
    for t in group
]
SHAPES: dict[str, Callable[[str], bool]] = {
    "capital subheading": lambda p: p.isupper() and len(p) < 40,
    "list item": lambda p: p.startswith(("- ", "• ", "* ", "1. ")),
    "short line": lambda p: len(p) < 25,
    "non-Latin script": lambda p: any(ord(c) > 0x400 for c in p),
    "quote": lambda p: p.startswith(("“", '"')),
}


def test_lookalike_vocabulary_covers_every_noisy_opening_and_inside() -> None:
    templates = [t for group in LOOKALIKES.values() for t in group]
    for opening in NOISY_OPENINGS:
        assert any(t.startswith(opening) for t in templates), opening
    for inside in NOISY_INSIDE:
        assert any(inside in t for t in templates), inside


@pytest.mark.parametrize("kind", sorted(LOOKALIKES))
@given(data=st.data())
def test_every_lookalike_family_fills(kind: str, data: st.DataObject) -> None:
    paragraph = data.draw(body_paragraphs(kind))
    assert "{" not in paragraph and paragraph == normalize(paragraph)


def test_articles_are_full_of_lookalikes_and_every_shape() -> None:
    seen: Counter[str] = Counter()

    @given(article=articles())
    def collect(article: Article) -> None:
        for p in article.paragraphs:
            seen["paragraph"] += 1
            seen["lookalike"] += any(pattern.fullmatch(p) for pattern in LOOKALIKE_PATTERNS)
            seen.update(name for name, shape in SHAPES.items() if shape(p))

    collect()
    # Not a handful of hard cases: a good share of all body paragraphs looks like noise.
    assert seen["lookalike"] >= seen["paragraph"] * 0.2, seen
    assert all(seen[name] for name in SHAPES), seen


@given(gen=documents())
def test_body_and_noise_are_disjoint_and_the_body_is_in_the_page(gen: GeneratedDocument) -> None:
    body = {normalize(p) for p in gen.body}
    for item in gen.noise:
        for line in item.lines:
            assert normalize(line) not in body, (item, line)
    expected = [normalize(p) for p in gen.body]
    if gen.dateline:
        expected[0] = normalize(gen.dateline + gen.body[0])
    remaining = iter(output_paragraphs(gen.text))
    assert all(any(p == want for p in remaining) for want in expected), "body paragraphs in order"


@given(article=articles())
def test_a_page_without_noise_is_the_article(article: Article) -> None:
    assert output_paragraphs(article.text) == [normalize(p) for p in article.paragraphs]


def test_every_kind_of_noise_appears_in_pages_in_more_than_one_variant() -> None:
    variants: dict[str, set[str]] = {kind: set() for kind in NOISE_KINDS}

    @given(gen=documents())
    def collect(gen: GeneratedDocument) -> None:
        for item in gen.noise:
            variants[item.kind].add(item.variant.split(":")[0])

    collect()
    for kind, found in variants.items():
        assert len(found) >= 2, (kind, found)


@pytest.mark.parametrize("kind", NOISE_KINDS)
@given(data=st.data())
def test_noise_strategies_draw_their_kind(kind: str, data: st.DataObject) -> None:
    item: Noise = data.draw(noise(kind))
    assert item.kind == kind and all(line and "{" not in line for line in item.lines)


def test_unknown_noise_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown noise kind"):

        @given(noise("advert"))
        def draw(item: Noise) -> None:
            pass

        draw()


def test_extra_noise_is_inserted_between_body_paragraphs() -> None:
    inserted = 0

    @given(gen=documents(extra={"shout": st.just("ADVERTISEMENT")}))
    def collect(gen: GeneratedDocument) -> None:
        nonlocal inserted
        count = sum(item.kind == "shout" for item in gen.noise)
        assert output_paragraphs(gen.text).count("ADVERTISEMENT") == count
        inserted += count

    collect()
    assert inserted


def test_importing_cleanse_does_not_import_hypothesis() -> None:
    code = (
        "import sys, cleanse, cleanse.pipeline, cleanse.host, cleanse.text; cleanse.clean; "
        "assert 'hypothesis' not in sys.modules, 'cleanse imports hypothesis'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
