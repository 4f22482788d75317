"""The default pipeline over the seed documents, against tests/data/seeds-gold.json.

The checks follow the project's seed checker: every gold body paragraph is kept
as a paragraph, every noise line is gone, every expected metadata value is found.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from cleanse import Pipeline
from cleanse.model import Document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD: dict[str, Any] = json.loads((ROOT / "tests" / "data" / "seeds-gold.json").read_text(encoding="utf-8"))


def norm(s: str) -> str:
    return " ".join(s.split())


def values(x: Any) -> Iterator[str]:
    """Every leaf value of a JSON value, as a string (None left out)."""
    if isinstance(x, dict):
        for v in x.values():
            yield from values(v)
    elif isinstance(x, list):
        for v in x:
            yield from values(v)
    elif x is not None:
        yield str(x)


@cache
def cleaned(stem: str) -> Document:
    return Pipeline().clean((ROOT / "seeds" / f"{stem}.txt").read_text(encoding="utf-8"), id=stem)


def test_every_seed_has_gold() -> None:
    assert sorted(p.stem for p in SEEDS) == sorted(GOLD)


@pytest.fixture(params=sorted(GOLD))
def stem(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_body_kept(stem: str) -> None:
    doc = cleaned(stem)
    paras = {norm(p) for p in doc.text.split("\n") if p.strip()}
    lost = [p for p in GOLD[stem]["body"] if norm(p) not in paras]
    assert lost == []
    assert doc.failures == []


def test_noise_removed(stem: str) -> None:
    doc = cleaned(stem)
    paras = {norm(p) for p in doc.text.split("\n") if p.strip()}
    text = norm(doc.text)
    # Gone means no longer a paragraph of its own; a long line must not survive inside another one
    # either (short feed stamps such as '4 hrs ago' may occur inside body sentences).
    kept = [
        n["line"]
        for n in GOLD[stem]["noise"]
        if norm(n["line"]) in paras or (len(norm(n["line"])) > 25 and norm(n["line"]) in text)
    ]
    assert kept == []


def test_meta_found(stem: str) -> None:
    meta = cleaned(stem).meta
    missing = []
    for key, want in GOLD[stem]["meta"].items():
        have = {norm(v).casefold() for v in values(meta.get(key))}
        missing += [(key, w) for w in values(want) if not any(norm(w).casefold() in h for h in have)]
    assert missing == []


def test_log_accounts_for_the_input(stem: str) -> None:
    """Undoing the removals, last first, gives back the input exactly."""
    source = (ROOT / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")
    doc = cleaned(stem)
    text = doc.text
    for r in reversed(doc.removed):
        assert text[r.start : r.start + len(r.replacement)] == r.replacement
        text = text[: r.start] + r.text + text[r.start + len(r.replacement) :]
    assert text == source
