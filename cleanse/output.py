"""Where cleaned documents go: a JSONL stream, or a folder of texts for a person.

Nothing half-written ever carries a final name. JSONL records (the ``--out``
file, or the folder's ``manifest.jsonl``) are appended to ``NAME.partial``
and renamed to ``NAME`` when the run ends (the manifest is flushed record by
record, as each names a text file already written; the JSONL file a buffer
at a time: what a killed run had not written is cleaned again); each
cleaned text is written to a temporary file and renamed into place. A run
killed at any moment thus leaves complete files, and a ``.partial`` that
``--resume`` continues: it keeps the partial's complete lines (a torn last
line is cut off), skips the documents they hold and appends the rest, in
input order, so the result equals an uninterrupted run's.

Inputs are never written to, and two documents never share an output file.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, BinaryIO

from cleanse.io import Input, real, text_path, write_atomic
from cleanse.model import Cleaned, CleanedRun, Document, record_bytes

if TYPE_CHECKING:
    from cleanse.runner import Summary

DEFAULT_FOLDER = "cleaned"
MANIFEST = "manifest.jsonl"
PARTIAL = ".partial"
#: Beside a ``NAME.partial``, while it exists: the settings of the run writing it (:meth:`Pipeline.settings`).
SETTINGS = ".settings.json"
#: Seconds between two fsyncs of a ``.partial``: what is flushed survives a killed
#: process; the fsync bounds what a power cut can take to about the last second of
#: records (which ``--resume`` cleans again). Each fsync costs milliseconds: one
#: every 256 records, as before, took 3-4% of a run's time.
SYNC_SECONDS = 1.0


class OutputError(OSError):
    """One document's output could not be written; the run goes on without it."""


def _overlaps(a: Path, b: Path) -> bool:
    a, b = real(a), real(b)
    return a == b or a in b.parents or b in a.parents


class Journal:
    """JSONL lines appended to ``PATH.partial`` and renamed to ``PATH`` by :meth:`commit`.

    With ``resume``, the complete lines of an earlier ``PATH.partial`` (or of a
    finished ``PATH``) are kept and listed in :attr:`recovered`; a torn last
    line is cut off. Without it, an earlier partial is started over
    (:attr:`discarded` says so).

    ``settings`` (plain JSON: what decides the records, see
    :meth:`cleanse.pipeline.Pipeline.settings`) is kept beside the partial in
    ``PATH.partial.settings.json`` until :meth:`commit`. Resuming a partial
    written with other settings raises ``ValueError``, before anything is
    changed: its records and the new ones would not agree.
    """

    def __init__(
        self,
        path: Path,
        resume: bool = False,
        *,
        flush_each: bool = True,
        settings: dict[str, Any] | None = None,
    ) -> None:
        self.path = path
        self.partial = path.with_name(path.name + PARTIAL)
        self.settings_file = path.with_name(path.name + PARTIAL + SETTINGS)
        self.recovered: list[dict[str, object]] = []
        self.discarded = not resume and self.partial.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        if resume:
            self._check_settings(settings)
            self._recover()
        # Binary: records come encoded from where they were cleaned. Without flush_each, whole buffers are
        # written: what a killed run had not written yet is cleaned again by --resume.
        self.fh: BinaryIO = open(self.partial, "ab" if resume else "wb", buffering=1 << 18)  # noqa: SIM115
        self.flush_each = flush_each
        self._sync_by = time.monotonic() + SYNC_SECONDS
        if settings is not None:
            write_atomic(self.settings_file, json.dumps(settings, ensure_ascii=False, sort_keys=True) + "\n")
        else:  # nothing to compare with: none is better than one another run left
            self.settings_file.unlink(missing_ok=True)

    def _check_settings(self, settings: dict[str, Any] | None) -> None:
        """Raise ``ValueError`` if the partial to resume was written with settings other than ``settings``.

        A partial without settings beside it (from an older cleanse), or a finished ``PATH`` resumed,
        cannot be checked: it is resumed as it is.
        """
        if settings is None or not self.partial.exists() or not self.settings_file.exists():
            return
        try:
            then = json.loads(self.settings_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ValueError(
                f"--resume: cannot read {self.settings_file} ({exc}); delete it to resume without comparing settings"
            ) from None
        now = json.loads(json.dumps(settings, sort_keys=True))  # as it would read back
        if then == now:
            return
        if not isinstance(then, dict):
            then = {}
        changed = [k for k in sorted(set(then) | set(now)) if then.get(k) != now.get(k)]
        said = "; ".join(f"{k}: {_brief(then.get(k))} then, {_brief(now.get(k))} now" for k in changed)
        raise ValueError(
            f"--resume: {self.partial} was written with other settings ({said}); give the same plugins, "
            "order, options and config to resume it, or run without --resume to start over"
        )

    def _recover(self) -> None:
        if not self.partial.exists():
            if not self.path.exists():
                return
            shutil.copyfile(self.path, self.partial)  # a finished run: go on from its output
        keep = 0
        with open(self.partial, "rb") as fh:
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break  # the line being written when the run was killed
                try:
                    record = json.loads(raw)
                except ValueError:
                    break
                if not isinstance(record, dict):
                    break
                self.recovered.append(record)
                keep += len(raw)
        os.truncate(self.partial, keep)

    def write(self, line: str | bytes) -> None:
        """Append one record (JSON text, or its UTF-8 bytes) and its line break."""
        self.fh.write(line.encode("utf-8") if isinstance(line, str) else line)  # not joined: a copy of each record less
        self.write_lines(b"\n")

    def write_lines(self, lines: bytes) -> None:
        """Append whole records, each followed by its line break (JSONL as it is written)."""
        self.fh.write(lines)
        if self.flush_each:
            self.fh.flush()
        if time.monotonic() >= self._sync_by:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self._sync_by = time.monotonic() + SYNC_SECONDS

    def commit(self) -> None:
        """Make the records final: ``PATH.partial`` becomes ``PATH``."""
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.partial, self.path)
        self.settings_file.unlink(missing_ok=True)

    def keep(self) -> None:
        """Stop, leaving ``PATH.partial`` for ``--resume``."""
        if not self.fh.closed:
            self.fh.flush()
            self.fh.close()


def _brief(value: object, limit: int = 120) -> str:
    """``value`` as compact JSON, cut to ``limit`` characters.

    >>> _brief(["whitespace", "title"]), _brief(None), _brief("x" * 200, 8)
    ('["whitespace","title"]', 'null', '"xxxxxx…')
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Output:
    """What both outputs share: the documents an earlier run already wrote."""

    journal: Journal | None = None
    folder: Path | None = None

    def __init__(self) -> None:
        self.done: Counter[tuple[str, str]] = Counter()
        self.skipped = 0
        self.recovered = 0  # records an interrupted run wrote: skipped is this when all are
        if self.journal is not None:
            for record in self.journal.recovered:
                self.done[(str(record.get("source")), str(record.get("id")))] += 1
                self.recovered += 1

    @property
    def discarded(self) -> bool:
        """Whether an interrupted run's partial output was started over."""
        return self.journal is not None and self.journal.discarded

    @property
    def excluded(self) -> list[Path]:
        """Paths the input walk must not read: the output itself."""
        found = [self.folder] if self.folder is not None else []
        if self.journal is not None:
            found += [self.journal.path, self.journal.partial, self.journal.settings_file]
        return found

    @property
    def takes_runs(self) -> bool:
        """Whether :meth:`write_run` may write a run of documents at once (else each goes to :meth:`write`)."""
        return False

    def write_run(self, run: CleanedRun) -> None:
        """Write the documents of ``run`` (only where :attr:`takes_runs`)."""
        raise NotImplementedError

    def skip_done(self, items: Iterable[Input]) -> Iterator[Input]:
        """``items`` less the documents already written (by ``(source, id)``, counting repeats)."""
        if not self.done:
            yield from items
            return
        for item in items:
            if isinstance(item, Document) and self.already_written(item):
                continue
            yield item

    def already_written(self, doc: object) -> bool:
        """Whether a cleaned document (anything with ``source`` and ``id``) is one an earlier run wrote.

        :meth:`skip_done` spares the cleaning of documents it can see; this
        catches those it could not (records a parallel engine parses in its
        workers), with the same counts, so nothing is written twice.
        """
        if not self.done:  # no earlier run's output: the common case, asked of every document
            return False
        key = (str(getattr(doc, "source", "")), str(getattr(doc, "id", "")))
        if self.done[key] > 0:
            self.done[key] -= 1
            self.skipped += 1
            return True
        return False

    def abort(self) -> None:
        """The run stopped early: keep what was written for ``--resume``."""
        if self.journal is not None:
            self.journal.keep()

    def _resumed_note(self) -> None:
        if self.skipped:
            print(f"cleanse: resumed: {self.skipped} documents already written were skipped", file=sys.stderr)


class JsonlOutput(_Output):
    """One JSON record per line, to a file (through a :class:`Journal`) or to stdout."""

    def __init__(self, target: str, resume: bool = False, settings: dict[str, Any] | None = None) -> None:
        self.target = target
        # Each record on its own is flushed only where a file it names is written too (FolderOutput).
        self.journal = Journal(Path(target), resume, flush_each=False, settings=settings) if target != "-" else None
        super().__init__()

    @property
    def takes_runs(self) -> bool:
        # Not while an interrupted run's documents are still to be skipped (already_written, each).
        return self.skipped == self.recovered

    def write_run(self, run: CleanedRun) -> None:
        if self.journal is not None:
            self.journal.write_lines(run.records)
        else:
            sys.stdout.buffer.write(run.records)
            sys.stdout.buffer.flush()

    def write(self, doc: Document | Cleaned) -> None:
        if self.journal is not None:
            self.journal.write(doc.record if isinstance(doc, Cleaned) else record_bytes(doc.to_json()))
        else:  # records are UTF-8 bytes already: no text layer on stdout
            record = doc.record if isinstance(doc, Cleaned) else record_bytes(doc.to_json())
            sys.stdout.buffer.write(record + b"\n")
            sys.stdout.buffer.flush()

    def close(self) -> None:
        if self.journal is not None:
            self.journal.commit()

    def report(self, summary: Summary) -> None:
        self._resumed_note()
        if self.journal is None:  # stdout carries the data: a one-line summary on stderr
            print(summary_line(summary, self.target), file=sys.stderr)
        else:
            print_table(summary, f"records written to {self.target}")


class FolderOutput(_Output):
    """Cleaned ``.txt`` files mirroring the inputs, plus ``manifest.jsonl``."""

    def __init__(self, folder: Path, resume: bool = False, settings: dict[str, Any] | None = None) -> None:
        self.folder = self.root = folder
        self.journal = self.manifest = Journal(folder / MANIFEST, resume, settings=settings)
        super().__init__()
        self._files: set[str] = set()
        self._dirs: set[str] = set()
        self._reserve(PurePosixPath(MANIFEST))
        self._reserve(PurePosixPath(MANIFEST + PARTIAL))
        self._reserve(PurePosixPath(MANIFEST + PARTIAL + SETTINGS))
        for record in self.manifest.recovered:
            if isinstance(record.get("output"), str):
                self._reserve(PurePosixPath(str(record["output"])))

    def _reserve(self, rel: PurePosixPath) -> None:
        self._files.add(rel.as_posix().casefold())
        self._dirs.update(p.as_posix().casefold() for p in rel.parents if p.parts)

    def _free(self, rel: PurePosixPath) -> bool:
        key = rel.as_posix().casefold()
        # Case-folded, so that A.txt and a.txt do not overwrite each other on macOS or Windows.
        return (
            key not in self._files
            and key not in self._dirs
            and not any(p.as_posix().casefold() in self._files for p in rel.parents if p.parts)
        )

    def _unique(self, rel: PurePosixPath) -> PurePosixPath:
        if not self._free(rel):
            if any(p.as_posix().casefold() in self._files for p in rel.parents if p.parts):
                rel = PurePosixPath("_".join(rel.parts))  # a folder where a file was written: flatten
            candidate, n = rel, 1
            while not self._free(candidate):
                n += 1
                candidate = rel.with_name(f"{rel.stem}~{n}{rel.suffix}")
            rel = candidate
        self._reserve(rel)
        return rel

    def write(self, doc: Document | Cleaned) -> None:
        record = json.loads(doc.record) if isinstance(doc, Cleaned) else doc.to_json()
        rel = self._unique(text_path(doc))
        record["output"] = rel.as_posix()
        line = json.dumps(record, ensure_ascii=False)
        text = record["text"]
        try:
            write_atomic(self.root / rel, text + "\n" if text else "")
        except OSError as exc:
            raise OutputError(f"cannot write {self.root / rel}: {exc.strerror or exc}") from exc
        self.manifest.write(line)

    def close(self) -> None:
        self.manifest.commit()

    def report(self, summary: Summary) -> None:
        self._resumed_note()
        print_table(summary, f"cleaned texts in {self.root}/, records in {self.manifest.path}")


Output = JsonlOutput | FolderOutput


def open_output(
    out: str | None, inputs: list[str], resume: bool = False, settings: dict[str, Any] | None = None
) -> Output:
    """The output for ``--out`` (None: the default folder), refusing to touch any input.

    Raises ``ValueError`` (a usage error) for an output that is, or would
    hold, an input, or that cannot be written at all, and for a ``resume``
    of a partial written with other ``settings`` (see :class:`Journal`).
    """
    target = out if out is not None else DEFAULT_FOLDER
    if target == "-":
        if resume:
            raise ValueError("--resume needs --out FILE.jsonl or a folder: stdout cannot be resumed")
        return JsonlOutput(target)
    path = Path(target)
    for given in inputs:
        src = Path(given)
        if not src.exists():
            continue
        if target.endswith(".jsonl") or path.is_file():
            if path.exists() and real(path) == real(src):
                raise ValueError(f"--out {target} is an input; choose another output file")
            continue
        if src.is_dir() and _overlaps(src, path) and real(src) not in real(path).parents:
            raise ValueError(f"--out {target} is or contains the input folder {given}; choose another output folder")
        if src.is_file() and real(path) in real(src).parents:
            raise ValueError(f"--out {target} contains the input file {given}; choose another output folder")
    try:
        if target.endswith(".jsonl"):
            if path.is_dir():
                raise ValueError(f"--out {target} is a folder; a .jsonl output must be a file")
            return JsonlOutput(target, resume, settings)
        if path.is_file():  # an existing file (e.g. from mktemp) is meant as the JSONL output itself
            return JsonlOutput(target, resume, settings)
        if path.exists() and not path.is_dir():
            raise ValueError(f"--out {target} exists and is neither a file nor a folder")
        return FolderOutput(path, resume, settings)
    except OSError as exc:
        raise ValueError(f"--out {target}: cannot write there ({exc.strerror or exc})") from None


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
