"""The document model: what a cleaner sees, what it proposes, what the host logs.

A cleaner never changes a document itself. It reads the current text, proposes
:class:`Edit` spans (each with a ``kind`` and a short ``reason``) and may add
metadata; the host applies the edits and appends one :class:`Removal` per edit
to the document's log. Replaying the log backwards gives the input back, which
is how "nothing lost" is checked (:func:`cleanse.pipeline.replay`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson


@dataclass(frozen=True, slots=True)
class Edit:
    """A proposal to replace ``text[start:end]`` of the current text with ``replacement``.

    ``kind`` names what the span is (``caption``, ``byline``, ``dateline``,
    ``credit``, ``feed``, ``title``, ``whitespace``, ...); ``reason`` names the
    rule that matched, so that a removal can be traced to one rule.
    """

    start: int
    end: int
    kind: str
    reason: str
    replacement: str = ""


@dataclass(frozen=True, slots=True)
class Removal:
    """One applied edit, as logged: which plugin removed what, and where.

    ``start`` is the offset, in the text as it stood right after that plugin's
    edits, where ``replacement`` (usually empty) now stands; undoing the log
    from the last entry to the first restores the input exactly
    (:func:`cleanse.pipeline.replay`).
    """

    plugin: str
    kind: str
    text: str
    reason: str
    start: int
    replacement: str = ""

    def to_json(self) -> dict[str, Any]:
        """The record written in the ``removed`` list of the JSONL output."""
        out: dict[str, Any] = {
            "plugin": self.plugin,
            "kind": self.kind,
            "text": self.text,
            "reason": self.reason,
            "start": self.start,
        }
        if self.replacement:
            out["replacement"] = self.replacement
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Removal:
        return cls(
            plugin=data["plugin"],
            kind=data["kind"],
            text=data["text"],
            reason=data.get("reason", ""),
            start=data.get("start", -1),
            replacement=data.get("replacement", ""),
        )


@dataclass(frozen=True, slots=True)
class PluginFailure:
    """A plugin that raised or proposed invalid edits on one document."""

    plugin: str
    error: str
    detail: str = field(default="", compare=False, repr=False)
    """The traceback, shown only with ``--debug``; not part of the output record."""

    def to_json(self) -> dict[str, str]:
        return {"plugin": self.plugin, "error": self.error}


@dataclass
class Document:
    """A document and everything cleaning did to it.

    ``text`` is the current text; ``meta`` holds plain JSON values (see the
    metadata names in the README); ``removed`` is the removal log, in the
    order the removals were applied; ``failures`` lists plugins that were
    skipped on this document because they raised or proposed invalid edits.
    """

    id: str
    text: str
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    removed: list[Removal] = field(default_factory=list)
    failures: list[PluginFailure] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    """Fields of an input record that are carried through to the output record."""
    format: str = "text"
    """What ``text`` holds when read: ``"text"``, or ``"html"`` for a page the extraction stage turns into text."""

    def to_json(self) -> dict[str, Any]:
        """The output record: ``{"id", "source", "text", "meta", "removed"}`` (plus extras)."""
        out: dict[str, Any] = dict(self.extra)
        out.update(
            id=self.id,
            source=self.source,
            text=self.text,
            meta=self.meta,
            removed=[r.to_json() for r in self.removed],
        )
        if self.failures:
            out["failures"] = [f.to_json() for f in self.failures]
        return out


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A cleaned document in its output form: the JSON record, encoded, and the counts a summary needs.

    Worker processes send these back rather than documents: bytes cross a
    process boundary for the price of a copy, where a document's strings
    would be encoded and decoded again, and then serialized once more by
    the writer.

    >>> c = Cleaned.of(Document("a", "Text.", removed=[Removal("dateline", "dateline", "X - ", "agency", 0)]))
    >>> json.loads(c.record)["text"], c.removed, c.chars_in
    ('Text.', (('dateline', 4),), 9)
    """

    id: str
    source: str
    record: bytes
    """The output record (:meth:`Document.to_json`) as UTF-8 JSON, without a line break."""
    chars_out: int
    removed: tuple[tuple[str, int], ...]
    """(plugin, characters removed) for each removal, in order."""
    failures: tuple[PluginFailure, ...] = ()

    @classmethod
    def of(cls, doc: Document) -> Cleaned:
        record = document_record(doc)
        return cls(doc.id, doc.source, record, len(doc.text), removal_sizes(doc.removed), tuple(doc.failures))

    def __reduce__(self) -> tuple[type[Cleaned], tuple[Any, ...]]:
        # Sent back from every worker: rebuilt from its fields, not through dataclasses' slot state (slower).
        return Cleaned, (self.id, self.source, self.record, self.chars_out, self.removed, self.failures)

    @property
    def chars_in(self) -> int:
        """Characters of the text before cleaning."""
        return self.chars_out + sum(n for _, n in self.removed)


@dataclass(frozen=True, slots=True)
class CleanedRun:
    """Consecutive cleaned documents with their records joined: what a worker process sends back in one piece.

    ``records`` is the documents' records (:attr:`Cleaned.record`), each followed by a line break: JSONL as it
    is written (a record holds no line break byte: JSON writes one in a string as ``\\n``). ``docs`` holds each
    document's ``(id, source, chars_out, removed)``; no document of a run has a plugin failure. ``removals``,
    ``chars_removed`` and ``docs_touched`` count, per plugin, what the run's documents lost, so that a summary
    adds the run up at once.

    >>> a = Cleaned.of(Document("a", "Text.", source="s.txt"))
    >>> b = Cleaned.of(Document("b", "More.", removed=[Removal("dateline", "dateline", "X - ", "agency", 0)]))
    >>> run = CleanedRun.of([a, b])
    >>> list(run.each()) == [a, b], run.records.count(b"\\n"), run.chars_removed, run.chars_in
    (True, 2, {'dateline': 4}, 14)
    """

    records: bytes
    docs: tuple[tuple[str, str, int, tuple[tuple[str, int], ...]], ...]
    removals: dict[str, int]
    chars_removed: dict[str, int]
    docs_touched: dict[str, int]

    @classmethod
    def of(cls, cleaned: list[Cleaned]) -> CleanedRun:
        removals: dict[str, int] = {}
        chars: dict[str, int] = {}
        touched: dict[str, int] = {}
        for doc in cleaned:
            if doc.removed:  # most lose a few pieces or none
                tally_removed(doc.removed, removals, chars, touched)
        records = b"\n".join([doc.record for doc in cleaned]) + b"\n"
        docs = tuple((doc.id, doc.source, doc.chars_out, doc.removed) for doc in cleaned)
        return cls(records, docs, removals, chars, touched)

    def __len__(self) -> int:
        return len(self.docs)

    def __reduce__(self) -> tuple[type[CleanedRun], tuple[Any, ...]]:
        return CleanedRun, (self.records, self.docs, self.removals, self.chars_removed, self.docs_touched)

    def each(self) -> Iterator[Cleaned]:
        """The run's documents, one :class:`Cleaned` each."""
        records = self.records[:-1].split(b"\n")
        for record, (doc_id, source, chars_out, removed) in zip(records, self.docs, strict=True):
            yield Cleaned(doc_id, source, record, chars_out, removed)

    @property
    def chars_out(self) -> int:
        """Characters of the cleaned texts."""
        return sum(doc[2] for doc in self.docs)

    @property
    def chars_in(self) -> int:
        """Characters of the texts before cleaning."""
        return self.chars_out + sum(self.chars_removed.values())


def tally_removed(
    removed: tuple[tuple[str, int], ...], removals: dict[str, int], chars: dict[str, int], touched: dict[str, int]
) -> int:
    """Count a document's ``removed`` (``(plugin, characters)`` each) per plugin: removals, characters, and the
    document itself once for each plugin that removed something. Returns the characters removed.

    >>> removals, chars, touched = {}, {}, {}
    >>> tally_removed((("feeds", 30), ("feeds", 12), ("dateline", 9)), removals, chars, touched)
    51
    >>> removals, chars, touched
    ({'feeds': 2, 'dateline': 1}, {'feeds': 42, 'dateline': 9}, {'feeds': 1, 'dateline': 1})
    """
    total = 0
    for plugin, n in removed:
        removals[plugin] = removals.get(plugin, 0) + 1
        chars[plugin] = chars.get(plugin, 0) + n
        total += n
    for plugin in dict.fromkeys(plugin for plugin, _ in removed):
        touched[plugin] = touched.get(plugin, 0) + 1
    return total


def record_bytes(record: dict[str, Any]) -> bytes:
    """``json.dumps(record, ensure_ascii=False).encode("utf-8")``: the same bytes, made faster.

    A record's text is most of it, and orjson writes a string four times as fast as the json module, and
    as the json module does (tests/test_model.py checks every character). The other values, small, are
    written by the json module, whose separators (``", "``, ``": "``) are not orjson's. A record with a
    key that is no string, or one that cannot be written (a lone surrogate), goes to the json module
    whole: the same bytes, or the same error.

    >>> record_bytes({"id": "a", "text": "Café\\n", "meta": {"n": [1, 2.5]}})
    b'{"id": "a", "text": "Caf\\xc3\\xa9\\\\n", "meta": {"n": [1, 2.5]}}'
    """
    if all(type(key) is str for key in record):
        try:
            parts = [
                (_KEYS.get(key) or _key(key)) + (orjson.dumps(value) if type(value) is str else _dumps(value))
                for key, value in record.items()
            ]
        except Exception:  # the json module, on the whole record, raises what it raises
            pass
        else:
            return b"{" + b", ".join(parts) + b"}"
    return _dumps(record)


def document_record(doc: Document) -> bytes:
    """``record_bytes(doc.to_json())``: the same bytes, written from the document's fields, without the dicts.

    A document whose fields are of the plain types (its strings ``str``, its offsets ``int``, its removals
    :class:`Removal`) and that has no extras or failures, as nearly all are, is written here (``Cleaned.of``:
    12.5 -> 7 µs a news document, most of it its removal log, whose strings orjson writes, as ``record_bytes``).
    The others go through ``record_bytes``, as does one that orjson cannot write (a lone surrogate): the same
    bytes, or the same error.

    >>> doc = Document("a", "Text.", removed=[Removal("dateline", "dateline", "X - ", "agency", 0)])
    >>> document_record(doc) == record_bytes(doc.to_json())
    True
    """
    if (
        type(doc) is Document  # a subclass may write its record otherwise (to_json)
        and type(doc.removed) is list
        and type(doc.extra) is dict
        and not doc.extra
        and not doc.failures
        and type(doc.id) is str
        and type(doc.source) is str
    ):
        meta = doc.meta
        try:
            removed = _removals_written(doc.removed)
            if removed is not None and type(doc.text) is str:
                return b"".join(
                    (
                        b'{"id": ',
                        orjson.dumps(doc.id),
                        b', "source": ',
                        orjson.dumps(doc.source),
                        b', "text": ',
                        orjson.dumps(doc.text),
                        b', "meta": ',
                        b"{}" if type(meta) is dict and not meta else _dumps(meta),
                        b', "removed": ',
                        removed,
                        b"}",
                    )
                )
        except Exception:  # record_bytes, on the whole record, raises what the json module raises
            pass
    return record_bytes(doc.to_json())


def _removals_written(removed: list[Removal]) -> bytes | None:
    """The removal log as ``Removal.to_json`` and the json module write it, or None for a removal that is not a
    plain :class:`Removal` (a subclass, a string that is not a ``str``, an offset that is not an ``int``)."""
    if not removed:
        return b"[]"
    dumps = orjson.dumps
    parts = []
    for r in removed:
        if not (
            type(r) is Removal
            and type(r.start) is int
            and type(r.plugin) is str
            and type(r.kind) is str
            and type(r.text) is str
            and type(r.reason) is str
            and type(r.replacement) is str
        ):
            return None
        parts.append(
            b'{"plugin": '
            + dumps(r.plugin)
            + b', "kind": '
            + dumps(r.kind)
            + b', "text": '
            + dumps(r.text)
            + b', "reason": '
            + dumps(r.reason)
            + b', "start": '
            + dumps(r.start)
            + (b', "replacement": ' + dumps(r.replacement) + b"}" if r.replacement else b"}")
        )
    return b"[" + b", ".join(parts) + b"]"


def _key(key: str) -> bytes:
    """``key`` written as a record's key is, with the separator after it."""
    written = orjson.dumps(key) + b": "
    if len(_KEYS) < 64:  # the output's own keys, and a few an input's records carry through
        _KEYS[key] = written
    return written


_KEYS: dict[str, bytes] = {}


def _dumps(value: Any) -> bytes:
    return _ENCODER.encode(value).encode("utf-8")  # json.dumps(value, ensure_ascii=False), its encoder made once


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def removal_sizes(removed: list[Removal]) -> tuple[tuple[str, int], ...]:
    """``(plugin, characters removed)`` for each removal (a replacement gives some back)."""
    return tuple((r.plugin, len(r.text) - len(r.replacement)) for r in removed)
