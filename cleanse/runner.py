"""Running a pipeline over many documents and keeping count of what it did."""

from __future__ import annotations

import traceback
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from cleanse.io import InputError, Item
from cleanse.model import Document
from cleanse.pipeline import Pipeline


@dataclass(frozen=True)
class Failed:
    """A document that could not be cleaned, with where and why."""

    source: str
    doc_id: str
    reason: str
    detail: str = ""
    """The traceback, shown only with --debug."""

    def __str__(self) -> str:
        where = self.source or self.doc_id
        if self.doc_id and self.source and self.doc_id not in self.source:
            where = f"{self.source} (record {self.doc_id})"
        return f"{where}: {self.reason}"


Outcome = Document | InputError | Failed


def clean_item(pipeline: Pipeline, item: Item) -> Outcome:
    """Clean one document; an input error passes through, a failure is caught and described."""
    if isinstance(item, InputError):
        return item
    try:
        return pipeline.run(item)
    except Exception as exc:
        return Failed(item.source, item.id, f"{type(exc).__name__}: {exc}", traceback.format_exc())


def run_local(pipeline: Pipeline, items: Iterable[Item]) -> Iterator[Outcome]:
    """Clean documents one after another, in input order."""
    for item in items:
        yield clean_item(pipeline, item)


@dataclass
class Summary:
    """What each plugin removed, per document and in total; adds up across workers."""

    plugins: list[str]
    rows: list[tuple[str, Counter[str], int]] = field(default_factory=list)
    """(document id, removals per plugin, characters removed) for the first ``keep_rows`` documents."""
    removals: Counter[str] = field(default_factory=Counter)
    chars_removed: Counter[str] = field(default_factory=Counter)
    docs_touched: Counter[str] = field(default_factory=Counter)
    chars_in: int = 0
    chars_out: int = 0
    documents: int = 0
    failed: int = 0
    plugin_failures: int = 0
    keep_rows: int = 50

    def add(self, doc: Document) -> None:
        counts: Counter[str] = Counter()
        removed = 0
        for r in doc.removed:
            counts[r.plugin] += 1
            delta = len(r.text) - len(r.replacement)
            self.chars_removed[r.plugin] += delta
            removed += delta
        self.documents += 1
        self.removals.update(counts)
        self.docs_touched.update(counts.keys())
        self.chars_out += len(doc.text)
        self.chars_in += len(doc.text) + removed
        self.plugin_failures += len(doc.failures)
        if len(self.rows) < self.keep_rows:
            self.rows.append((doc.id, counts, removed))
