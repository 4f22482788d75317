"""Output records: written with orjson where it writes what the json module writes, byte for byte."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse.model import Cleaned, Document, Removal, document_record, record_bytes


def _reference(record: Any) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def _written_as_the_json_module_writes(written: Callable[[], bytes], record: Any) -> None:
    """``written()`` gives the json module's bytes for ``record``, or raises the error the json module raises."""
    try:
        expected = _reference(record)
    except Exception as exc:  # the same error, raised the same way
        with pytest.raises(type(exc)):
            written()
    else:
        assert written() == expected


def test_orjson_writes_every_character_as_the_json_module_does() -> None:
    # What record_bytes rests on: a string, written by either, is the same bytes.
    everything = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    for c in everything:
        assert orjson.dumps(c) == _reference(c), hex(ord(c))
    assert orjson.dumps("".join(everything)) == _reference("".join(everything))


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_KEYS = st.sampled_from(["id", "source", "text", "meta", "removed", "failures", "url", ""]) | st.text(max_size=6)


@given(st.dictionaries(_KEYS, _VALUES | st.text(), max_size=8))
def test_a_record_is_written_as_the_json_module_writes_it(record: dict[str, Any]) -> None:
    assert record_bytes(record) == _reference(record)


@pytest.mark.parametrize(
    "record",
    [{1: "a", "text": "b"}, {"text": "lone \ud800"}, {"meta": {"x": "\udc80"}}, {"text": "x", "n": 10**40}],
)
def test_what_orjson_cannot_write_goes_to_the_json_module(record: dict[Any, Any]) -> None:
    _written_as_the_json_module_writes(lambda: record_bytes(record), record)


def test_a_cleaned_document_carries_its_record() -> None:
    doc = Document("a", "Café.", source="s.jsonl", meta={"title": "T"}, extra={"url": "u", "source": "x"})
    doc.removed.append(Removal("title", "title", "T\n", "title", 0))
    assert Cleaned.of(doc).record == _reference(doc.to_json())
    assert json.loads(Cleaned.of(doc).record)["source"] == "s.jsonl"


class _Kind(str):
    """A str subclass a plugin might use for a kind."""


class _Offset(int):
    def __sub__(self, other: object) -> Any:  # an int subclass is not written by the quick path
        return 1.5


_STRINGS = st.text() | st.sampled_from(["", "lone \ud800", "\x00\x1f\x7f\u2028", "Café « » ☃"])
_REMOVALS = st.builds(
    Removal,
    plugin=_STRINGS,
    kind=_STRINGS | st.builds(_Kind, st.text(max_size=4)),
    text=_STRINGS,
    reason=_STRINGS,
    start=st.integers() | st.builds(_Offset, st.integers(0, 9)) | st.just(True),
    replacement=_STRINGS,
)


@given(
    st.builds(
        Document,
        id=_STRINGS | st.integers(),
        text=_STRINGS,
        source=_STRINGS,
        meta=st.dictionaries(st.text(max_size=8), _VALUES, max_size=3),
        removed=st.lists(_REMOVALS, max_size=4),
        extra=st.just({}) | st.dictionaries(_KEYS, _VALUES, max_size=2),
    )
)
def test_a_document_is_written_as_the_json_module_writes_its_record(doc: Document) -> None:
    _written_as_the_json_module_writes(lambda: document_record(doc), doc.to_json())


def test_a_document_written_otherwise_is_written_as_its_to_json_says() -> None:
    # A subclass's to_json, and fields of the wrong type, go the json module's way: the same record or error.
    from dataclasses import dataclass

    @dataclass
    class Tagged(Document):
        def to_json(self) -> dict[str, Any]:
            return {**super().to_json(), "lang": "en"}

    assert document_record(Tagged("a", "Text.")) == _reference(Tagged("a", "Text.").to_json())
    for bad in (Document("a", "t", removed=None), Document("a", "t", extra=None)):  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            document_record(bad)
    log = Document("a", "t", removed=iter([Removal("p", "k", "x", "r", 0)]))  # type: ignore[arg-type]
    assert json.loads(document_record(log))["removed"][0]["text"] == "x"
