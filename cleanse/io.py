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

import errno
import gzip
import io
import json
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import orjson
import regex

from cleanse.model import Cleaned, Document, record_bytes
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
_MANY: list[Reader] = []


def register_reader(suffix: str, reader: Reader, *, documents: str = "one") -> None:
    """Make files ending in ``suffix`` (e.g. ``".html"``) readable by ``reader``.

    ``documents="many"`` marks a format holding many documents (JSONL): the
    size limit then applies to each document, not to the file.
    """
    _READERS[suffix.lower()] = reader
    if documents == "many" and reader not in _MANY:
        _MANY.append(reader)


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
    b"\x28\xb5\x2f\xfd": "a zstd archive",
    b"Rar!\x1a\x07": "a RAR archive",
    b"\x1f\x8b": "gzip-compressed data; a .gz name has it decompressed",
}

_SIGNATURES = tuple(_BINARY_SIGNATURES)

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

#: Candidates the detector may not pick without a byte-order mark: text in
#: them without one is rare, and short Latin-1 text often "fits" UTF-16.
_NEEDS_BOM = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]

# Each byte a UTF-8 decoder rejects, as windows-1252 reads it (Latin-1 where cp1252 has a gap).
_CP1252 = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]
_ESCAPED = regex.compile(r"[\udc80-\udcff]")
# Control characters no text file holds (tab, line breaks, form feed and escape are left out).
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_HIGH_BYTES = bytes(range(128, 256))


class DecodeError(ValueError):
    """Bytes that are not text."""


def binary_kind(data: bytes) -> str | None:
    """What ``data`` is, when its first bytes say it is not text.

    >>> binary_kind(b"\\x89PNG\\r\\n"), binary_kind(b"Plain words.")
    ('a PNG image', None)
    """
    if data.startswith(_SIGNATURES):  # one test for them all first: asked of every JSONL record
        for signature, what in _BINARY_SIGNATURES.items():
            if data.startswith(signature):
                return what
    if data[257:262] == b"ustar":
        return "a tar archive"
    return None


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode text bytes; returns the text and the encoding assumed when not UTF-8.

    UTF-8 (with or without a byte-order mark) is taken as it is; a UTF-16 or
    UTF-32 byte-order mark decides; UTF-8 with a few stray bytes of another
    encoding (a common result of pasting) keeps its UTF-8 and reads each stray
    byte as windows-1252; anything else goes to charset-normalizer, which
    prefers windows-1252 when that reads as well as its first guess (short
    Western text fits a dozen code pages, and cp1252 is by far the most common).
    Raises :class:`DecodeError` for binary data: a known file signature, NUL
    bytes, mostly control characters, or bytes no encoding fits.

    >>> decode("café".encode("utf-8"))
    ('café', None)
    >>> decode("Le café est très bon, à côté.".encode("cp1252"))
    ('Le café est très bon, à côté.', 'cp1252')
    >>> decode("Übersicht: ".encode("utf-8") + "café".encode("cp1252"))
    ('Übersicht: café', 'utf-8, 1 invalid byte read as cp1252')
    >>> decode(b"\\x00\\x01\\x02")
    Traceback (most recent call last):
    cleanse.io.DecodeError: binary file (contains NUL bytes), not text
    """
    kind = binary_kind(data)
    if kind is not None:
        raise DecodeError(f"binary file ({kind}), not text")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise DecodeError(f"starts with a {codec.upper()} byte-order mark but is not {codec.upper()}") from None
            return _check_text(text), codec
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise DecodeError("binary file (contains NUL bytes), not text")
        try:
            return _check_text(data.decode(utf16)), utf16
        except (UnicodeDecodeError, DecodeError):
            raise DecodeError("binary file (contains NUL bytes), not text") from None
    try:
        return _check_text(data.decode("utf-8-sig"), data), None
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", errors="surrogateescape")
    invalid = len(_ESCAPED.findall(escaped, timeout=REGEX_TIMEOUT))
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high - invalid >= invalid:  # at least as many bytes in valid UTF-8 sequences as stray ones
        text = _ESCAPED.sub(lambda m: _CP1252[ord(m.group()) - 0xDC00], escaped, timeout=REGEX_TIMEOUT)
        plural = "byte" if invalid == 1 else "bytes"
        return _check_text(text.removeprefix("\ufeff")), f"utf-8, {invalid} invalid {plural} read as cp1252"
    return _detect(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``data`` looks like mostly-Latin UTF-16 without a BOM.

    Such text has a NUL in every other byte (the high byte of each ASCII
    character), which random binary data does not.

    >>> _utf16_without_bom("Hello, world.".encode("utf-16-le")), _utf16_without_bom(b"\\x00\\x01\\x02\\x03")
    ('utf-16-le', None)
    """
    sample = data[:4096]
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) * 10 >= half * 7 and even.count(0) * 10 < half:
        return "utf-16-le"
    if even.count(0) * 10 >= half * 7 and odd.count(0) * 10 < half:
        return "utf-16-be"
    return None


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # only when the input is not UTF-8

    matches = from_bytes(data, cp_exclusion=_NEEDS_BOM)
    best = matches.best()
    if best is None:
        raise DecodeError("binary file (not UTF-8, and no text encoding fits its bytes)")
    if best.encoding != "cp1252" and any(
        "cp1252" in m.could_be_from_charset and m.chaos <= best.chaos + 0.15 for m in matches
    ):
        try:
            western = data.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            sample = western[:65536]
            letters = sum(c.isalpha() for c in sample)
            if letters and sum(c.isalpha() and c > "\x7f" for c in sample) * 3 <= letters:
                return _check_text(western), "cp1252"
    return _check_text(str(best)), best.encoding


def _check_text(text: str, utf8: bytes | None = None) -> str:
    """``text``, unless it is mostly control characters (binary data that happened to decode).

    ``utf8``: the UTF-8 bytes ``text`` was decoded from (a byte-order mark before them is no control
    character), to count in without encoding the text again.
    """
    if "\x00" in text:
        raise DecodeError("binary file (contains NUL characters), not text")
    sample = text[:65536]
    # Counted in UTF-8 bytes, where each control character is one byte and no other character makes one.
    raw = utf8 if utf8 is not None and len(sample) == len(text) else sample.encode("utf-8", "surrogatepass")
    if (len(raw) - len(raw.translate(None, _CONTROL))) * 10 > len(sample):
        raise DecodeError("binary file (mostly control characters), not text")
    return text


# --- readers --------------------------------------------------------------------------------


def read_text(data: bytes, source: str, stem: str) -> Iterator[Item]:
    """A ``.txt`` file is one document; ``meta["encoding"]`` says what was assumed when it is not UTF-8."""
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        yield InputError(source, str(exc))
        return
    if not text.strip():
        yield InputError(source, "empty file (only whitespace)")
        return
    meta: dict[str, Any] = {"encoding": encoding} if encoding else {}
    yield Document(id=stem, text=text, source=source, meta=meta)


def read_jsonl(data: bytes, source: str, stem: str) -> Iterator[Item]:
    """A ``.jsonl`` file holds one record per line, with ``text`` (or ``html``).

    Other fields are carried through to the output record; ``id`` is used when
    present, else ``STEM:LINE``. Lines end at ``\\n`` only: JSON strings may
    hold a raw U+2028 or U+0085, which ``str.splitlines`` would cut.
    """
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        yield InputError(source, str(exc))
        return
    yield from read_jsonl_lines(text.split("\n"), source, stem, encoding=encoding)


def read_jsonl_lines(lines: Iterable[str], source: str, stem: str, *, encoding: str | None = None) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        yield record_to_document(line, source, stem, number, encoding=encoding)


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

    def __reduce__(self) -> tuple[type[RawRecord], tuple[bytes, str, str, int]]:
        # Sent to a worker, batch by batch: rebuilt from its fields, not through dataclasses' slot state (slower).
        return RawRecord, (self.line, self.source, self.stem, self.number)

    def parse(self) -> Item:
        """The record as a document, or an error naming its line."""
        # Most lines are UTF-8 JSON objects. A line that parses as JSON holds no control character decode()
        # counts (_check_text) but DEL: JSON refuses the others, raw, in a string and anywhere else but
        # whitespace (tab and line breaks, which are not counted), and a line with a NUL or a byte-order mark
        # does not parse. So a line without DEL or a file signature (binary_kind: a tar header may sit inside
        # a JSON string) that parses is what decode() would say it is; any other goes the whole way, which
        # says what is wrong with it.
        if b"\x7f" not in self.line and binary_kind(self.line) is None:
            # orjson reads UTF-8 JSON as the json module does, three times as fast, but for what it refuses
            # (lone surrogates among them: what it reads has none), numbers (an integer too large for 64 bits
            # comes out a float) and nesting (1,024 levels): see _for_the_json_module.
            try:
                record = orjson.loads(self.line)
            except orjson.JSONDecodeError:
                record = None
            if type(record) is dict and not _for_the_json_module(record):
                return _record_document(record, None, self.source, self.stem, self.number, None)
            try:
                text = self.line.decode("utf-8")
                record = _DECODER.decode(text)
            except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
                pass
            else:
                if isinstance(record, dict):
                    return _record_document(record, text, self.source, self.stem, self.number, None)
        try:
            text, encoding = decode(self.line)
        except DecodeError as exc:
            return InputError(self.source, str(exc), self.number)
        return record_to_document(text, self.source, self.stem, self.number, encoding=encoding)


def jsonl_records(
    lines: Iterable[bytes], source: str, stem: str, max_bytes: int | None = None
) -> Iterator[RawRecord | InputError]:
    """The non-blank lines of a JSONL byte stream as :class:`RawRecord` (see :func:`read_jsonl_stream`)."""
    for number, raw in enumerate(_bounded_lines(lines, max_bytes), start=1):
        if raw is None:
            yield InputError(
                source, f"record is longer than the limit of {max_bytes} bytes (see max_bytes); skipped", number
            )
        elif number == 1 and (kind := binary_kind(raw)) is not None:
            yield InputError(source, f"binary data ({kind}), not JSONL")
            return
        elif raw.strip():
            yield RawRecord(raw, source, stem, number)


@dataclass(frozen=True, slots=True)
class RawBlock:
    """Consecutive lines of a JSONL stream, not yet split: many records sent to a worker as one string of bytes.

    ``data`` holds ``lines`` whole lines, each with its line break (the last
    line of a stream may lack one); ``first`` is the number of its first line.
    :meth:`records` gives what :func:`jsonl_records` gives for those lines.

    >>> [(r.number, r.line) for r in RawBlock(b'{"text": "a"}\\n\\n{"text": "b"}', "s.jsonl", "s", 7, 3).records()]
    [(7, b'{"text": "a"}\\n'), (9, b'{"text": "b"}')]
    """

    data: bytes
    source: str
    stem: str
    first: int
    lines: int

    def __reduce__(self) -> tuple[type[RawBlock], tuple[bytes, str, str, int, int]]:
        return RawBlock, (self.data, self.source, self.stem, self.first, self.lines)

    def records(self) -> Iterator[RawRecord]:
        """A :class:`RawRecord` for each line that is not blank, numbered from ``first``."""
        data, source, stem = self.data, self.source, self.stem
        find, size = data.find, len(data)
        start, number = 0, self.first
        while start < size:
            end = find(b"\n", start) + 1 or size
            line = data[start:end]
            if line.strip():
                yield RawRecord(line, source, stem, number)
            start = end
            number += 1


#: Bytes read from a JSONL stream at a time.
READ_BUFFER = 1 << 20

#: What reading yields: documents, errors, and JSONL records (alone or in blocks) for whoever cleans them to parse.
Input = Item | RawRecord | RawBlock
#: How JSONL records are grouped into a :class:`RawBlock`: at most this many lines, ending past this many bytes.
Block = tuple[int, int]


def jsonl_blocks(
    read: Callable[[int], bytes],
    source: str,
    stem: str,
    max_bytes: int | None = None,
    *,
    lines: int = 64,
    size: int = 1 << 20,
) -> Iterator[RawBlock | InputError]:
    """A JSONL byte stream as :class:`RawBlock` of at most ``lines`` lines, ending past ``size`` bytes.

    The records and errors are those of :func:`jsonl_records` over the same
    bytes, in the same order. The stream is read with ``read`` (a ``read1``:
    what is there, so that records trickling in go out as they come), and a
    block ends where what was read ends. A line longer than ``max_bytes`` is
    reported and read past without being held.

    >>> import io
    >>> stream = io.BytesIO(b'{"text": "a"}\\n{"text": "b"}\\n' + b"x" * 20 + b'\\n{"text": "c"}')
    >>> for item in jsonl_blocks(stream.read1, "s.jsonl", "s", 19):
    ...     print(item if isinstance(item, InputError) else item.data)
    b'{"text": "a"}\\n{"text": "b"}\\n'
    s.jsonl:3: record is longer than the limit of 19 bytes (see max_bytes); skipped
    b'{"text": "c"}'
    """
    too_long = f"record is longer than the limit of {max_bytes} bytes (see max_bytes); skipped"
    number = 1  # of the line that starts at ``start``
    buf, start, eof = b"", 0, False
    while True:
        # The whole lines of buf from start, into blocks (at the end of the stream, the last line too).
        first, count = start, 0
        while (newline := buf.find(b"\n", start)) >= 0 or (eof and start < len(buf)):
            end = newline + 1 if newline >= 0 else len(buf)
            if max_bytes is not None and end - start - (newline >= 0) > max_bytes:
                if start > first:
                    yield RawBlock(buf[first:start], source, stem, number - count, count)
                yield InputError(source, too_long, number)
                number, start, first, count = number + 1, end, end, 0
                continue
            if number == 1 and (kind := binary_kind(buf[start:end])) is not None:
                yield InputError(source, f"binary data ({kind}), not JSONL")
                return
            count, number, start = count + 1, number + 1, end
            if count == lines or start - first >= size:
                yield RawBlock(buf[first:start], source, stem, number - count, count)
                first, count = start, 0
        if start > first:
            yield RawBlock(buf[first:start], source, stem, number - count, count)
        if eof:
            return
        if max_bytes is not None and len(buf) - start > max_bytes:
            # A line already longer than the limit: read past its end without holding it.
            while (chunk := read(READ_BUFFER)) and b"\n" not in chunk:
                pass
            yield InputError(source, too_long, number)
            number += 1
            buf, start, eof = chunk[chunk.find(b"\n") + 1 :], 0, not chunk
            continue
        # The start of a line, and reads until one holds a line break (pieces joined once: a long line
        # costs its length, not its length times the number of reads), the end, or more than the limit.
        pieces, held = [buf[start:]], len(buf) - start
        while True:
            chunk = read(READ_BUFFER)
            if not chunk:
                eof = True
                break
            pieces.append(chunk)
            held += len(chunk)
            if b"\n" in chunk or (max_bytes is not None and held > max_bytes):
                break
        buf, start = b"".join(pieces), 0


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


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


_SURROGATE_ESCAPE = regex.compile(r"\\u[dD][89a-fA-F]")
_DECODER = json.JSONDecoder(parse_constant=_no_constants)


def record_to_document(line: str, source: str, stem: str, number: int, *, encoding: str | None = None) -> Item:
    """One JSONL line as a document, or an error naming the line.

    >>> print(record_to_document('{"text": "\\\\ud800"}', "a.jsonl", "a", 3))
    a.jsonl:3: record holds an unpaired surrogate (\\ud800), which is not Unicode text
    """
    try:
        # json.loads would build a decoder for each line; it also refuses a line opening with a byte-order mark.
        record = json.loads(line) if line.startswith("\ufeff") else _DECODER.decode(line)
    except json.JSONDecodeError as exc:
        return InputError(source, f"not valid JSON ({exc.msg}, column {exc.colno})", number)
    except (ValueError, RecursionError) as exc:  # NaN, a 5,000-digit number, nesting deeper than Python's stack
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return InputError(source, f"not valid JSON ({reason})", number)
    if not isinstance(record, dict):
        return InputError(source, f"a record must be a JSON object, got {type(record).__name__}", number)
    return _record_document(record, line, source, stem, number, encoding)


def _for_the_json_module(record: dict[str, Any]) -> bool:
    """Whether a record orjson read must be read again by the json module: a float in it, or deep nesting.

    orjson makes a float of an integer too large for 64 bits; and it reads up to 1,024 levels deep, where
    the json module stops near Python's recursion limit (how near depends on the caller's own depth).
    Past :data:`_DEEP` levels, the json module decides, as it did.

    >>> _for_the_json_module({"a": [1, {"b": "2.5"}]}), _for_the_json_module({"a": [1, {"b": 2.5}]})
    (False, True)
    >>> deep: dict[str, Any] = {}
    >>> for _ in range(_DEEP):
    ...     deep = {"a": deep}
    >>> _for_the_json_module(deep), _for_the_json_module(deep["a"])
    (True, False)
    """
    todo: list[tuple[Any, int]] = [(record, 1)]
    while todo:
        container, depth = todo.pop()
        for value in container.values() if type(container) is dict else container:
            kind = type(value)
            if kind is float:
                return True
            if kind is dict or kind is list:
                if depth >= _DEEP:
                    return True
                todo.append((value, depth + 1))
    return False


_DEEP = 100


def _record_document(
    record: dict[str, Any], line: str | None, source: str, stem: str, number: int, encoding: str | None
) -> Item:
    """The document of a JSON object parsed from ``line``, or an error naming the line.

    ``line`` None: known to hold no escaped lone surrogate.
    """
    if (
        line is not None
        and ("\\ud" in line or "\\uD" in line)
        and _SURROGATE_ESCAPE.search(line, timeout=REGEX_TIMEOUT)
    ):
        try:
            json.dumps(record, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            bad = exc.object[exc.start : exc.end].encode("unicode_escape").decode("ascii")
            return InputError(source, f"record holds an unpaired surrogate ({bad}), which is not Unicode text", number)
    text = record.pop("text", None)
    fmt = "text"
    if not isinstance(text, str):
        text = record.pop("html", None)
        fmt = "html"
        if not isinstance(text, str):
            return InputError(source, 'record has no "text" or "html" string field', number)
    rid = record.pop("id", None)
    meta = record.pop("meta", None)
    if meta is not None and not isinstance(meta, dict):
        return InputError(source, f'"meta" must be a JSON object, got {type(meta).__name__}', number)
    record.pop("removed", None)
    record.pop("failures", None)
    doc_id = str(rid) if rid is not None else f"{stem}:{number}"
    meta = dict(meta or {})
    if encoding:
        meta.setdefault("encoding", encoding)
    return Document(
        id=doc_id,
        text=text,
        source=source,
        meta=meta,
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
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        return decode(data)  # a byte-order mark outranks what the page says
    try:
        return _check_text(data.decode("utf-8-sig")), None
    except UnicodeDecodeError:
        pass
    m = _CHARSET.search(data[:4096], timeout=REGEX_TIMEOUT)
    if m is not None:
        name = m.group(1).decode("ascii", "replace")
        try:
            return _check_text(data.decode(name)), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def read_html(data: bytes, source: str, stem: str) -> Iterator[Item]:
    """An ``.html``/``.htm`` file is one page, extracted to text before cleaning."""
    try:
        kind = binary_kind(data)
        if kind is not None:
            raise DecodeError(f"binary file ({kind}), not a page")
        text, encoding = decode_html(data)
    except DecodeError as exc:
        yield InputError(source, str(exc))
        return
    meta: dict[str, Any] = {"encoding": encoding} if encoding else {}
    yield Document(id=stem, text=text, source=source, meta=meta, format="html")


register_reader(".txt", read_text)
register_reader(".jsonl", read_jsonl, documents="many")
register_reader(".html", read_html)
register_reader(".htm", read_html)


# --- walking inputs -------------------------------------------------------------------------


def real(path: Path) -> Path:
    """``path`` with every symlink resolved; unlike ``Path.resolve``, never raises on a link loop."""
    return Path(os.path.realpath(path))


def _os_reason(exc: OSError, path: Path) -> str:
    """Why ``path`` cannot be used, in words."""
    if exc.errno == errno.ELOOP:
        return "symlink loop (the link leads back to itself); skipped"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"broken symlink (it points to {os.readlink(path)}, which does not exist)"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    if exc.errno == errno.EACCES:
        return "permission denied"
    return exc.strerror or str(exc)


def _not_regular(mode: int) -> str | None:
    for test, what in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device")):
        if test(mode):
            return what
    if stat.S_ISBLK(mode):
        return "a device"
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else "not a regular file"


def iter_files(
    paths: Iterable[str], exclude: Path | Iterable[Path] | None = None
) -> Iterator[tuple[Path, str] | InputError]:
    """Each readable file under ``paths`` as ``(path, source)``; ``source`` is relative to the PATH given.

    Directories are walked recursively in sorted order, skipping hidden names.
    Symlinked folders are followed, but a link back to a folder above it (a
    loop) is reported and not entered, and so is a folder that cannot be
    listed. Files whose suffix has no reader are skipped inside directories
    and reported when named directly. ``exclude`` (the output folder or file)
    is never read.
    """
    if exclude is None:
        exclude = ()
    elif isinstance(exclude, Path):
        exclude = (exclude,)
    excluded = {real(p) for p in exclude}
    for given in paths:
        root = Path(given)
        try:
            st = root.stat()
        except OSError as exc:
            yield InputError(given, _os_reason(exc, root))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(root, given, (st.st_dev, st.st_ino), excluded)
        elif _reader_for(root.name)[0] is None:
            yield InputError(
                given, f"no reader for this file type (readable: {', '.join(readable_suffixes())}, and .gz of each)"
            )
        elif real(root) not in excluded:
            yield root, root.name


def _walk(root: Path, given: str, key: tuple[int, int], excluded: set[Path]) -> Iterator[tuple[Path, str] | InputError]:
    # An explicit stack, not recursion: a tree thousands of folders deep must not overflow.
    stack: list[tuple[Iterator[os.DirEntry[str]], frozenset[tuple[int, int]]]] = []
    listing = _listing(root, root, given)
    if isinstance(listing, InputError):
        yield listing
        return
    stack.append((iter(listing), frozenset({key})))
    while stack:
        entries, ancestors = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        source = path.relative_to(root).as_posix()
        try:
            is_dir = entry.is_dir()  # follows a symlink
        except OSError:
            is_dir = False
        if not is_dir:
            if _reader_for(entry.name)[0] is not None and real(path) not in excluded:
                yield path, source
            continue
        try:
            st = entry.stat()
        except OSError as exc:
            yield InputError(source, _os_reason(exc, path))
            continue
        here = (st.st_dev, st.st_ino)
        if here in ancestors:
            yield InputError(source, "symlink loop (a link to a folder above it); skipped")
            continue
        if real(path) in excluded:
            continue
        listing = _listing(path, root, given)
        if isinstance(listing, InputError):
            yield listing
            continue
        stack.append((iter(listing), ancestors | {here}))


def _listing(folder: Path, root: Path, given: str) -> list[os.DirEntry[str]] | InputError:
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        where = given if folder == root else folder.relative_to(root).as_posix()
        return InputError(where, f"cannot list folder: {_os_reason(exc, folder)}")


def read_file(path: Path, source: str, max_bytes: int | None = None, block: Block | None = None) -> Iterator[Input]:
    """The documents of one file (or errors naming it); a JSONL file's records come unparsed.

    With ``block`` (lines, bytes), a JSONL file's records come in :class:`RawBlock`
    (see :func:`jsonl_blocks`). Never raises: whatever goes wrong, a reader's
    own bug included, becomes an :class:`InputError` and the run goes on with
    the next file.
    """
    try:
        yield from _read_file(path, source, max_bytes, block)
    except Exception as exc:
        yield InputError(source, f"cannot read ({type(exc).__name__}: {exc})")


def _read_file(path: Path, source: str, max_bytes: int | None, block: Block | None) -> Iterator[Input]:
    reader, gz = _reader_for(path.name)
    if reader is None:
        yield InputError(source, "no reader for this file type")
        return
    # A file of many documents is not limited as a whole; each document is (by the pipeline).
    limit = None if reader in _MANY else max_bytes
    try:
        st = path.stat()
        kind = _not_regular(st.st_mode)
        if kind is not None or stat.S_ISDIR(st.st_mode):
            yield InputError(source, f"not a regular file ({kind or 'a folder'}); skipped")
            return
        if limit is not None and st.st_size > limit and not gz:
            yield InputError(source, f"file is {st.st_size} bytes, larger than the limit of {limit} (see max_bytes)")
            return
        if reader is read_jsonl:  # records are streamed, never loaded whole; max_bytes bounds each one
            yield from _stream_jsonl_file(path, source, gz, max_bytes, block)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(source, f"cannot read: {_os_reason(exc, path)}")
        return
    if gz:
        try:
            data = _gunzip(data, limit)
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError(source, f"not a valid gzip file ({exc})")
            return
        except _TooLarge:
            yield InputError(source, f"decompressed size is larger than the limit of {limit} bytes (see max_bytes)")
            return
    if not data.strip():
        yield InputError(source, "empty file" if not data else "empty file (only whitespace)")
        return
    yield from reader(data, source, doc_id(source))


def _stream_jsonl_file(
    path: Path, source: str, gz: bool, max_bytes: int | None, block: Block | None
) -> Iterator[Input]:
    found = False
    lines, size = block or (64, READ_BUFFER)
    try:
        # Read in blocks (read1 of a gzip file: a cut file gives what it held up to the cut), given as
        # they are or record by record.
        with gzip.open(path, "rb") if gz else path.open("rb", buffering=0) as fh:
            read = fh.read1 if gz else fh.read  # type: ignore[union-attr]
            for item in jsonl_blocks(read, source, doc_id(source), max_bytes, lines=lines, size=size):
                if not isinstance(item, RawBlock):
                    found = True
                    yield item
                    continue
                found = found or bool(item.data.strip())  # a block of blank lines only is no record
                if block is not None:
                    yield item
                else:
                    yield from item.records()
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


def iter_inputs(
    paths: Iterable[str],
    exclude: Path | Iterable[Path] | None = None,
    max_bytes: int | None = None,
    block: Block | None = None,
) -> Iterator[Input]:
    """Every document (or input error) of ``paths``, ``-`` meaning JSONL on stdin; JSONL records come unparsed.

    With ``block`` (lines, bytes), JSONL records come in :class:`RawBlock` of at
    most that many lines, ending past that many bytes (see :func:`jsonl_blocks`):
    what a parallel engine sends its workers, for the price of a copy. Files
    and records are read one at a time, so memory does not grow with the input.
    """
    for given in paths:
        if given == STDIN:
            stream = getattr(sys.stdin, "buffer", None)  # a replaced sys.stdin may be text only
            if block is not None and stream is not None and hasattr(stream, "read1"):
                yield from jsonl_blocks(stream.read1, "<stdin>", "stdin", max_bytes, lines=block[0], size=block[1])
                continue
            lines = stream if stream is not None else (line.encode("utf-8", "surrogateescape") for line in sys.stdin)
            yield from jsonl_records(lines, "<stdin>", "stdin", max_bytes)
            continue
        for found in iter_files([given], exclude):
            if isinstance(found, InputError):
                yield found
            else:
                yield from read_file(*found, max_bytes=max_bytes, block=block)


def read_documents(path: Path, source: str, max_bytes: int | None = None) -> Iterator[Item]:
    """:func:`read_file` with JSONL records parsed: documents and errors only."""
    yield from _parsed(read_file(path, source, max_bytes))


def iter_documents(
    paths: Iterable[str], exclude: Path | Iterable[Path] | None = None, max_bytes: int | None = None
) -> Iterator[Item]:
    """Every document (or input error) of ``paths``, ``-`` meaning JSONL on stdin."""
    yield from _parsed(iter_inputs(paths, exclude, max_bytes))


def _parsed(items: Iterable[Input]) -> Iterator[Item]:
    for found in items:
        if isinstance(found, RawBlock):
            yield from (record.parse() for record in found.records())
        else:
            yield found.parse() if isinstance(found, RawRecord) else found


# --- writing --------------------------------------------------------------------------------


def dumps(doc: Document) -> str:
    return record_bytes(doc.to_json()).decode("utf-8")


class AtomicFile:
    """A file written under a temporary name and renamed into place on success.

    A run killed at any moment leaves either the complete file or none (and
    perhaps a hidden ``.NAME.*.tmp`` beside it). The file gets the usual
    permissions (0666 less the umask), as a plain ``open`` would give it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            # os.urandom, as secrets.token_hex uses: importing secrets loads OpenSSL (5 ms of every run's start-up)
            tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
                break
            except FileExistsError:  # pragma: no cover - a clash of 32 random bits
                continue
        self._tmp = tmp
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
#: Limits that keep every output path writable: a file name holds at most 255 bytes on
#: common file systems, and a path at most 4096.
_MAX_NAME_BYTES = 120
_MAX_DEPTH = 8


def _shorten(segment: str, limit: int) -> str:
    """``segment`` cut to at most ``limit`` bytes of UTF-8, on a character boundary."""
    raw = segment.encode("utf-8")
    return segment if len(raw) <= limit else raw[:limit].decode("utf-8", errors="ignore")


def safe_relpath(*parts: str, suffix: str = "") -> PurePosixPath:
    """A relative path built from ``parts`` that cannot leave the folder it is joined to.

    Every segment is reduced to letters, digits, ``_``, ``-`` and inner dots,
    so ``..``, absolute paths, drive letters and NUL bytes all lose their
    meaning; segments are shortened and the depth capped so the path can
    always be written. ``suffix`` is added to the last segment after shortening.

    >>> str(safe_relpath("../../etc/passwd")), str(safe_relpath("a/b c.txt", "x:1"))
    ('etc/passwd', 'a/b_c.txt/x_1')
    >>> str(safe_relpath("/", "..", suffix=".txt")), len(str(safe_relpath("é" * 500)).encode())
    ('document.txt', 120)
    """
    segments: list[str] = []
    for part in parts:
        for seg in part.replace("\\", "/").split("/"):
            seg = _UNSAFE.sub("_", seg, timeout=REGEX_TIMEOUT).strip(".")
            if seg:
                segments.append(seg)
    if len(segments) > _MAX_DEPTH:
        segments[_MAX_DEPTH - 1 :] = ["_".join(segments[_MAX_DEPTH - 1 :])]
    segments = [_shorten(seg, _MAX_NAME_BYTES) for seg in segments] or ["document"]
    segments[-1] += suffix
    return PurePosixPath(*segments)


def text_path(doc: Document | Cleaned) -> PurePosixPath:
    """Where a document's cleaned text goes inside the output folder.

    A file's document mirrors the file (``news/a.html`` -> ``news/a.txt``);
    a JSONL record goes under its file's stem, named by its id.

    >>> str(text_path(Document(id="../../x", text="", source="recs.jsonl")))
    'recs/x.txt'
    """
    stem = doc_id(doc.source) if doc.source and doc.source != "<stdin>" else "stdin"
    if doc.id == stem:
        return safe_relpath(stem, suffix=".txt")
    return safe_relpath(stem, doc.id, suffix=".txt")
