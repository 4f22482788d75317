"""Reading inputs and writing outputs.

Inputs are files and directories (walked recursively, in sorted order) or
``-`` for JSONL on stdin. Each file is read by the reader registered for its
suffix (``.txt``, ``.jsonl``, ``.html``/``.htm`` here; other modules register more
with :func:`register_reader`);
a ``.gz`` suffix is decompressed first and the suffix before it decides.

A problem with one input never stops the run: readers yield :class:`InputError`
items, naming the file (and line) and the reason, between the documents.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import regex

from cleanse.model import Cleaned, Document
from cleanse.text import REGEX_TIMEOUT

STDIN = "-"


@dataclass(frozen=True)
class InputError:
    """An input that could not be read: where, and why."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


Item = Document | InputError
#: A reader turns the bytes of one file into documents (or errors).
#: Arguments: the raw bytes, the source name (path relative to the PATH given), the document id stem.
Reader = Callable[[bytes, str, str], Iterator[Item]]

_READERS: dict[str, Reader] = {}


def register_reader(suffix: str, reader: Reader) -> None:
    """Make files ending in ``suffix`` (e.g. ``".html"``) readable by ``reader``."""
    _READERS[suffix.lower()] = reader


def readable_suffixes() -> list[str]:
    return sorted(_READERS)


def _reader_for(name: str) -> tuple[Reader | None, bool]:
    """The reader for a file name, and whether the file is gzip-compressed."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    suffix = os.path.splitext(lower)[1]
    return _READERS.get(suffix), gz


def doc_id(source: str) -> str:
    """The id of a file's document: its source path without the reader suffixes.

    >>> doc_id("news/a.txt.gz"), doc_id("b.html")
    ('news/a', 'b')
    """
    if source.lower().endswith(".gz"):
        source = source[:-3]
    stem, _ = os.path.splitext(source)
    return stem


# --- decoding -------------------------------------------------------------------------------

_BINARY_SIGNATURES = {
    b"PK\x03\x04": "a zip archive",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"\x7fELF": "an executable",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
    b"7z\xbc\xaf": "a 7z archive",
}


class DecodeError(ValueError):
    """Bytes that are not text."""


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode text bytes; returns the text and the encoding assumed when not UTF-8.

    >>> decode("café".encode("utf-8"))
    ('café', None)
    >>> decode("café au lait, s'il vous plaît".encode("cp1252"))[1] is not None
    True
    """
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DecodeError(f"binary file ({what}), not text")
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only when the input is not UTF-8

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("not UTF-8 and no text encoding fits its bytes")
    return str(best), best.encoding


# --- readers --------------------------------------------------------------------------------


def read_text(data: bytes, source: str, stem: str) -> Iterator[Item]:
    """A ``.txt`` file is one document."""
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        yield InputError(source, str(exc))
        return
    meta: dict[str, Any] = {"encoding": encoding} if encoding else {}
    yield Document(id=stem, text=text, source=source, meta=meta)


def read_jsonl(data: bytes, source: str, stem: str) -> Iterator[Item]:
    """A ``.jsonl`` file holds one record per line, with ``text`` (or ``html``).

    Other fields are carried through to the output record; ``id`` is used when
    present, else ``STEM:LINE``.
    """
    try:
        text, _ = decode(data)
    except DecodeError as exc:
        yield InputError(source, str(exc))
        return
    yield from read_jsonl_lines(text.splitlines(), source, stem)


def read_jsonl_lines(lines: Iterable[str], source: str, stem: str) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        yield record_to_document(line, source, stem, number)


def read_jsonl_stream(lines: Iterable[bytes], source: str, stem: str, max_bytes: int | None = None) -> Iterator[Item]:
    """JSONL from a byte stream (an open file, stdin), record by record: the stream is never held whole.

    Each line is decoded on its own (JSON Lines is UTF-8; another encoding is
    guessed line by line). With ``max_bytes`` and a stream that has
    ``readline``, a longer line is reported and skipped without being held.

    >>> import io
    >>> stream = io.BytesIO(b'{"id": "a", "text": "One."}\\n\\n{"text": "Two."}\\n[1]\\n')
    >>> [str(x) if isinstance(x, InputError) else x.id for x in read_jsonl_stream(stream, "s.jsonl", "s")]
    ['a', 's:3', 's.jsonl:4: a record must be a JSON object, got list']
    >>> [str(x) for x in read_jsonl_stream(io.BytesIO(b'{"text": "Too long."}\\n'), "s.jsonl", "s", max_bytes=8)]
    ['s.jsonl:1: record is longer than the limit of 8 bytes (see max_bytes); skipped']
    """
    for record in jsonl_records(lines, source, stem, max_bytes):
        yield record.parse() if isinstance(record, RawRecord) else record


@dataclass(frozen=True, slots=True)
class RawRecord:
    """A line of a JSONL stream, not yet decoded or parsed.

    The parallel engines hand these to their workers, which :meth:`parse`
    them, so that the process reading the input only moves bytes.
    """

    line: bytes
    source: str
    stem: str
    number: int

    def parse(self) -> Item:
        """The record as a document, or an error naming its line."""
        try:
            text = self.line.decode("utf-8-sig" if self.number == 1 else "utf-8")
        except UnicodeDecodeError:
            try:
                text, _ = decode(self.line)
            except DecodeError as exc:
                return InputError(self.source, str(exc), self.number)
        return record_to_document(text, self.source, self.stem, self.number)


#: What reading yields: documents, errors, and JSONL records left for whoever cleans them to parse.
Input = Item | RawRecord


def jsonl_records(
    lines: Iterable[bytes], source: str, stem: str, max_bytes: int | None = None
) -> Iterator[RawRecord | InputError]:
    """The non-blank lines of a JSONL byte stream as :class:`RawRecord` (see :func:`read_jsonl_stream`)."""
    for number, raw in enumerate(_bounded_lines(lines, max_bytes), start=1):
        if raw is None:
            yield InputError(
                source, f"record is longer than the limit of {max_bytes} bytes (see max_bytes); skipped", number
            )
        elif raw.strip():
            yield RawRecord(raw, source, stem, number)


def _bounded_lines(lines: Iterable[bytes], limit: int | None) -> Iterator[bytes | None]:
    """The lines of ``lines``; None for each line longer than ``limit``, read past in pieces."""
    readline = getattr(lines, "readline", None)
    if limit is None or readline is None:
        yield from lines
        return
    while line := readline(limit + 1):
        if line.endswith(b"\n") or len(line) <= limit:  # at most limit bytes before the line break
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = readline(1 << 20)
        yield None


def record_to_document(line: str, source: str, stem: str, number: int) -> Item:
    """One JSONL line as a document, or an error naming the line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(source, f"not valid JSON ({exc.msg} at column {exc.colno})", number)
    if not isinstance(record, dict):
        return InputError(source, f"a record must be a JSON object, got {type(record).__name__}", number)
    text = record.pop("text", None)
    fmt = "text"
    if not isinstance(text, str):
        text = record.pop("html", None)
        fmt = "html"
        if not isinstance(text, str):
            return InputError(source, 'record has no "text" or "html" string field', number)
    rid = record.pop("id", None)
    meta = record.pop("meta", None)
    record.pop("removed", None)
    doc_id = str(rid) if rid is not None else f"{stem}:{number}"
    return Document(
        id=doc_id,
        text=text,
        source=source,
        meta=dict(meta) if isinstance(meta, dict) else {},
        extra=record,
        format=fmt,
    )


_CHARSET = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", regex.IGNORECASE)


def decode_html(data: bytes) -> tuple[str, str | None]:
    """Decode a page: UTF-8, else the charset its ``<meta>`` declares, else a guess.

    >>> page = '<html><head><meta charset="windows-1252"></head><body>café</body></html>'
    >>> decode_html(page.encode("cp1252"))
    ('<html><head><meta charset="windows-1252"></head><body>café</body></html>', 'windows-1252')
    """
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    m = _CHARSET.search(data[:4096], timeout=REGEX_TIMEOUT)
    if m is not None:
        name = m.group(1).decode("ascii", "replace")
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def read_html(data: bytes, source: str, stem: str) -> Iterator[Item]:
    """An ``.html``/``.htm`` file is one page, extracted to text before cleaning."""
    try:
        for signature, what in _BINARY_SIGNATURES.items():
            if data.startswith(signature):
                raise DecodeError(f"binary file ({what}), not a page")
        text, encoding = decode_html(data)
    except DecodeError as exc:
        yield InputError(source, str(exc))
        return
    meta: dict[str, Any] = {"encoding": encoding} if encoding else {}
    yield Document(id=stem, text=text, source=source, meta=meta, format="html")


register_reader(".txt", read_text)
register_reader(".jsonl", read_jsonl)
register_reader(".html", read_html)
register_reader(".htm", read_html)


# --- walking inputs -------------------------------------------------------------------------


def iter_files(paths: Iterable[str], exclude: Path | None = None) -> Iterator[tuple[Path, str] | InputError]:
    """Each readable file under ``paths`` as ``(path, source)``; ``source`` is relative to the PATH given.

    Directories are walked recursively in sorted order, without following
    symlinked directories (so a link loop cannot trap the walk); files whose
    suffix has no reader are skipped inside directories and reported when
    named directly. ``exclude`` (the output folder) is never walked into.
    """
    excluded = exclude.resolve() if exclude is not None else None
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for folder, dirs, files in os.walk(root, onerror=None):
                here = Path(folder)
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and (excluded is None or (here / d).resolve() != excluded)
                )
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    path = here / name
                    if _reader_for(name)[0] is None:
                        continue
                    yield path, path.relative_to(root).as_posix()
        elif root.exists():
            if _reader_for(root.name)[0] is None:
                yield InputError(
                    given, f"no reader for this file type (readable: {', '.join(readable_suffixes())}, and .gz of each)"
                )
            else:
                yield root, root.name
        else:
            yield InputError(given, "no such file or directory")


def read_file(path: Path, source: str, max_bytes: int | None = None) -> Iterator[Input]:
    """The documents of one file (or errors naming it); a JSONL file's records come unparsed."""
    reader, gz = _reader_for(path.name)
    if reader is None:
        yield InputError(source, "no reader for this file type")
        return
    if reader is read_jsonl:  # records are streamed, never loaded whole; max_bytes bounds each one
        yield from _stream_jsonl_file(path, source, gz, max_bytes)
        return
    try:
        if max_bytes is not None and path.stat().st_size > max_bytes and not gz:
            yield InputError(source, f"file is larger than the limit of {max_bytes} bytes (see max_bytes)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}")
        return
    if gz:
        try:
            data = _gunzip(data, max_bytes)
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError(source, f"not a valid gzip file ({exc})")
            return
        except _TooLarge:
            yield InputError(source, f"decompressed size is larger than the limit of {max_bytes} bytes (see max_bytes)")
            return
    if not data.strip():
        yield InputError(source, "empty file")
        return
    yield from reader(data, source, doc_id(source))


def _stream_jsonl_file(path: Path, source: str, gz: bool, max_bytes: int | None) -> Iterator[Input]:
    found = False
    try:
        with gzip.open(path, "rb") if gz else path.open("rb") as fh:
            for item in jsonl_records(fh, source, doc_id(source), max_bytes):
                found = True
                yield item
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        yield InputError(source, f"not a valid gzip file ({exc})")
        return
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}")
        return
    if not found:
        yield InputError(source, "empty file")


class _TooLarge(Exception):
    pass


def _gunzip(data: bytes, max_bytes: int | None) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        out = fh.read(max_bytes + 1) if max_bytes is not None else fh.read()
    if max_bytes is not None and len(out) > max_bytes:
        raise _TooLarge
    return out


def iter_inputs(paths: Iterable[str], exclude: Path | None = None, max_bytes: int | None = None) -> Iterator[Input]:
    """Every document (or input error) of ``paths``, ``-`` meaning JSONL on stdin; JSONL records come unparsed.

    Files and records are read one at a time, so memory does not grow with the input.
    """
    for given in paths:
        if given == STDIN:
            yield from jsonl_records(sys.stdin.buffer, "<stdin>", "stdin", max_bytes)
            continue
        for found in iter_files([given], exclude):
            if isinstance(found, InputError):
                yield found
            else:
                yield from read_file(*found, max_bytes=max_bytes)


def iter_documents(paths: Iterable[str], exclude: Path | None = None, max_bytes: int | None = None) -> Iterator[Item]:
    """Every document (or input error) of ``paths``, ``-`` meaning JSONL on stdin."""
    for found in iter_inputs(paths, exclude, max_bytes):
        yield found.parse() if isinstance(found, RawRecord) else found


# --- writing --------------------------------------------------------------------------------


def dumps(doc: Document) -> str:
    return json.dumps(doc.to_json(), ensure_ascii=False)


class AtomicFile:
    """A file written under a temporary name and renamed into place on success.

    A run killed at any moment leaves either the complete file or none.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        self._tmp = Path(tmp)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def commit(self) -> None:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        self.fh.close()
        self._tmp.unlink(missing_ok=True)


def write_atomic(path: Path, text: str) -> None:
    out = AtomicFile(path)
    try:
        out.fh.write(text)
    except BaseException:
        out.abort()
        raise
    out.commit()


_UNSAFE = regex.compile(r"[^\w.\-]+")


def safe_relpath(*parts: str) -> PurePosixPath:
    """A relative path built from ``parts`` that cannot leave the folder it is joined to.

    >>> str(safe_relpath("../../etc/passwd")), str(safe_relpath("a/b c.txt", "x:1"))
    ('etc/passwd', 'a/b_c.txt/x_1')
    """
    segments: list[str] = []
    for part in parts:
        for seg in part.replace("\\", "/").split("/"):
            seg = _UNSAFE.sub("_", seg).strip(".")
            if seg:
                segments.append(seg[:200])
    return PurePosixPath(*segments) if segments else PurePosixPath("document")


def text_path(doc: Document | Cleaned) -> PurePosixPath:
    """Where a document's cleaned text goes inside the output folder.

    A file's document mirrors the file (``news/a.html`` -> ``news/a.txt``);
    a JSONL record goes under its file's stem, named by its id.
    """
    stem = doc_id(doc.source) if doc.source and doc.source != "<stdin>" else "stdin"
    if doc.id == stem:
        return safe_relpath(stem + ".txt")
    return safe_relpath(stem, doc.id + ".txt")
