"""Where cleaned documents go: a JSONL stream, or a folder of texts for a person.

Files are written atomically (see :class:`cleanse.io.AtomicFile`), inputs are
never written to, and two documents never share an output file.
"""

from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, TextIO

from cleanse.io import AtomicFile, dumps, text_path, write_atomic
from cleanse.model import Cleaned, Document

if TYPE_CHECKING:
    from cleanse.runner import Summary

DEFAULT_FOLDER = "cleaned"
MANIFEST = "manifest.jsonl"


def _overlaps(a: Path, b: Path) -> bool:
    a, b = a.resolve(), b.resolve()
    return a == b or a in b.parents or b in a.parents


class JsonlOutput:
    """One JSON record per line, to a file (atomically) or to stdout."""

    folder: Path | None = None

    def __init__(self, target: str) -> None:
        self.target = target
        self._atomic = AtomicFile(Path(target)) if target != "-" else None
        self.fh: TextIO = self._atomic.fh if self._atomic else sys.stdout

    def write(self, doc: Document | Cleaned) -> None:
        record = doc.record if isinstance(doc, Cleaned) else dumps(doc).encode("utf-8")
        self.fh.buffer.write(record + b"\n")  # records are UTF-8 bytes already: no text layer
        if self._atomic is None:
            self.fh.buffer.flush()

    def close(self) -> None:
        if self._atomic:
            self._atomic.commit()

    def abort(self) -> None:
        if self._atomic:
            self._atomic.abort()

    def report(self, summary: Summary) -> None:
        if self._atomic is None:  # stdout carries the data: a one-line summary on stderr
            print(summary_line(summary, self.target), file=sys.stderr)
        else:
            print_table(summary, f"records written to {self.target}")


class FolderOutput:
    """Cleaned ``.txt`` files mirroring the inputs, plus ``manifest.jsonl``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._manifest = AtomicFile(folder / MANIFEST)
        self._used: set[PurePosixPath] = {PurePosixPath(MANIFEST)}

    def _unique(self, rel: PurePosixPath) -> PurePosixPath:
        candidate, n = rel, 1
        while candidate in self._used:
            n += 1
            candidate = rel.with_name(f"{rel.stem}~{n}{rel.suffix}")
        self._used.add(candidate)
        return candidate

    def write(self, doc: Document | Cleaned) -> None:
        import json

        record = json.loads(doc.record) if isinstance(doc, Cleaned) else doc.to_json()
        rel = self._unique(text_path(doc))
        text = record["text"]
        write_atomic(self.folder / rel, text + "\n" if text else "")
        record["output"] = rel.as_posix()
        self._manifest.fh.write(json.dumps(record, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self._manifest.commit()

    def abort(self) -> None:
        self._manifest.abort()

    def report(self, summary: Summary) -> None:
        print_table(summary, f"cleaned texts in {self.folder}/, records in {self.folder / MANIFEST}")


Output = JsonlOutput | FolderOutput


def open_output(out: str | None, inputs: list[str]) -> Output:
    """The output for ``--out`` (None: the default folder), refusing to touch any input."""
    target = out if out is not None else DEFAULT_FOLDER
    if target == "-":
        return JsonlOutput(target)
    path = Path(target)
    for given in inputs:
        src = Path(given)
        if not src.exists():
            continue
        if target.endswith(".jsonl") or path.is_file():
            if path.exists() and path.resolve() == src.resolve():
                raise ValueError(f"--out {target} is an input; choose another output file")
            continue
        if src.is_dir() and _overlaps(src, path) and src.resolve() not in path.resolve().parents:
            raise ValueError(f"--out {target} is or contains the input folder {given}; choose another output folder")
        if src.is_file() and path.resolve() in src.resolve().parents:
            raise ValueError(f"--out {target} contains the input file {given}; choose another output folder")
    if target.endswith(".jsonl"):
        return JsonlOutput(target)
    if path.exists() and not path.is_dir():
        raise ValueError(f"--out {target} exists and is not a folder")
    return FolderOutput(path)


def summary_line(summary: Summary, where: str) -> str:
    removed = summary.chars_in - summary.chars_out
    share = f" ({removed / summary.chars_in:.1%})" if summary.chars_in else ""
    failed = f", {summary.failed} failed" if summary.failed else ""
    return (
        f"cleanse: {summary.documents} documents cleaned{failed}; {removed} of {summary.chars_in} characters "
        f"removed{share}; {where}"
    )


def print_table(summary: Summary, where: str) -> None:
    """Two tables for a person: removals per plugin, then per document."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    per_plugin = Table(title="What each plugin removed", title_justify="left")
    for column in ("plugin", "documents", "removals", "characters"):
        per_plugin.add_column(column, justify="left" if column == "plugin" else "right")
    for name in summary.plugins:
        per_plugin.add_row(
            name,
            str(summary.docs_touched[name]),
            str(summary.removals[name]),
            str(summary.chars_removed[name]),
        )
    console.print(per_plugin)

    per_doc = Table(title="Removals per document", title_justify="left")
    per_doc.add_column("document", overflow="fold")
    per_doc.add_column("removed (plugin × count)", overflow="fold")
    per_doc.add_column("characters", justify="right")
    for doc_id, counts, removed in summary.rows:
        listed = ", ".join(f"{n} {counts[n]}" for n in summary.plugins if counts[n]) or "nothing"
        per_doc.add_row(doc_id, listed, str(removed))
    hidden = summary.documents - len(summary.rows)
    if hidden > 0:
        per_doc.add_row(f"… and {hidden} more (see the records)", "", "")
    console.print(per_doc)
    console.print(summary_line(summary, where))
