"""Bad input: each problem is one error naming the file (and line), and the rest is read.

Unit tests of :mod:`cleanse.io` on real temporary files; the end-to-end
behaviour (error lines, exit status 1, no traceback) is in test_reliability_cli.py.
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanse.io import (
    READ_BUFFER,
    DecodeError,
    InputError,
    RawBlock,
    RawRecord,
    decode,
    iter_documents,
    iter_files,
    iter_inputs,
    jsonl_blocks,
    jsonl_records,
    read_documents,
    read_jsonl_stream,
    record_to_document,
    safe_relpath,
    text_path,
)
from cleanse.model import Document


def read(path: Path, max_bytes: int | None = None) -> list[Document | InputError]:
    return list(read_documents(path, path.name, max_bytes=max_bytes))


def only_error(items: list[Document | InputError]) -> InputError:
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]


# --- decoding -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codec", "assumed"),
    [
        ("Le café est très bon, à côté de la gare.", "cp1252", "cp1252"),
        ("Die Straße ist schön. „Zitat“ – Ende.", "cp1252", "cp1252"),
        ("El niño comió piña en Año Nuevo.", "latin-1", "cp1252"),
        ("Это новости из Москвы, сегодня утром.", "cp1251", "cp1251"),
        ("日本語のテキストです。ニュース記事。", "shift_jis", "cp932"),
        ("A headline with ünïcödé and a BOM.", "utf-16", "utf-16"),
        ("A headline with ünïcödé and a BOM.", "utf-32", "utf-32"),
        ("Windows writes UTF-16 without a BOM: ünïcödé.", "utf-16-le", "utf-16-le"),
        ("Some write it big-endian: ünïcödé.", "utf-16-be", "utf-16-be"),
    ],
)
def test_text_that_is_not_utf8_is_decoded_and_the_encoding_recorded(
    tmp_path: Path, text: str, codec: str, assumed: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(codec))
    (doc,) = read(path)
    assert isinstance(doc, Document)
    assert doc.text == text
    assert doc.meta["encoding"] == assumed


def test_utf8_records_no_encoding_and_a_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffCafé society.".encode())
    (doc,) = read(path)
    assert isinstance(doc, Document)
    assert doc.text == "Café society." and "encoding" not in doc.meta


def test_utf8_with_a_few_stray_bytes_keeps_its_utf8() -> None:
    data = "Zürich – “quoted” ".encode() * 20 + "naïve".encode("cp1252")
    text, assumed = decode(data)
    assert text == "Zürich – “quoted” " * 20 + "naïve"
    assert assumed == "utf-8, 1 invalid byte read as cp1252"


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "a PNG image"),
        (b"\xff\xd8\xff\xe0JFIF", "a JPEG image"),
        (b"PK\x03\x04zipzip", "a zip archive"),
        (b"%PDF-1.7\n", "a PDF document"),
        (b"BZh91AY&SY", "a bzip2 archive"),
        (b"\x1f\x8b\x08\x00", "gzip-compressed data; a .gz name"),
        (b"name.txt" + b"\x00" * 249 + b"ustar\x0000", "a tar archive"),
        (b"text then a NUL \x00 byte", "NUL bytes"),
        (bytes(range(1, 32)) * 50, "control characters"),
    ],
)
def test_binary_data_is_refused_with_its_reason(data: bytes, what: str) -> None:
    with pytest.raises(DecodeError, match="binary file") as info:
        decode(data)
    assert what in str(info.value)


def test_text_that_merely_mentions_binary_things_is_kept() -> None:
    for body in ("PK fire at the PNG plant; PDF attached.", "A GIF8 model, a 7z file, Rar! said the cat.\n"):
        assert decode(body.encode())[0] == body
    assert decode(b"Tab\tand form\x0cfeed and\r\nCRLF are text.")[1] is None


def test_a_bom_that_lies_is_an_error() -> None:
    with pytest.raises(DecodeError, match="UTF-16"):
        decode(b"\xff\xfe" + b"\x00\xd8")  # an unpaired surrogate


# --- files ----------------------------------------------------------------------------------


def test_empty_and_whitespace_only_files(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    (tmp_path / "w.txt").write_bytes(b" \n\t\r\n" * 1000)
    (tmp_path / "u.txt").write_text("\u00a0\u2028\u3000\n" * 100, encoding="utf-8")
    (tmp_path / "b.txt").write_text("\ufeff \n", encoding="utf-8")
    assert only_error(read(tmp_path / "e.txt")).reason == "empty file"
    for name in ("w.txt", "u.txt", "b.txt"):
        assert only_error(read(tmp_path / name)).reason == "empty file (only whitespace)"


def test_gzip_truncated_corrupt_and_not_gzip(tmp_path: Path) -> None:
    whole = gzip.compress(b"A body paragraph that is long enough to compress. " * 50)
    (tmp_path / "truncated.txt.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "corrupt.txt.gz").write_bytes(whole[:20] + bytes(b ^ 0xFF for b in whole[20:40]) + whole[40:])
    (tmp_path / "plain.txt.gz").write_bytes(b"not compressed at all\n")
    (tmp_path / "badcrc.txt.gz").write_bytes(whole[:-8] + b"\x00\x00\x00\x00" + whole[-4:])
    for name in ("truncated.txt.gz", "corrupt.txt.gz", "plain.txt.gz", "badcrc.txt.gz"):
        assert only_error(read(tmp_path / name)).reason.startswith("not a valid gzip file"), name


def test_size_limit_for_files_and_for_gzip_bombs(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"word " * 1000)
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b" word" * 100_000))
    assert "larger than the limit of 1000" in only_error(read(tmp_path / "big.txt", max_bytes=1000)).reason
    assert "decompressed size is larger than the limit" in only_error(read(tmp_path / "bomb.txt.gz", 1000)).reason
    assert isinstance(read(tmp_path / "big.txt", max_bytes=5000)[0], Document)


def test_a_jsonl_file_is_not_limited_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps({"text": f"Record {i} body."}) + "\n" for i in range(100)), encoding="utf-8")
    docs = read(path, max_bytes=200)  # each record is small; the pipeline limits each document
    assert len(docs) == 100 and all(isinstance(d, Document) for d in docs)


def test_jsonl_bad_lines_are_errors_with_line_numbers(tmp_path: Path) -> None:
    lines = [
        '{"id": "ok", "text": "Fine."}',
        "not json",
        '{"html_only": "<p>x</p>"}',
        "[1, 2]",
        '{"text": 42}',
        "[" * 100_000 + "]" * 100_000,
        '{"text": "x", "n": ' + "9" * 5000 + "}",
        '{"text": NaN}',
        '{"text": "lone \\udc80 surrogate"}',
        '{"text": "x", "meta": "not an object"}',
        '{"text": "pair \\ud83d\\ude00 is fine"}',
        "",
        '{"text": "last"}',
    ]
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read(path)
    errors = {e.line: e.reason for e in items if isinstance(e, InputError)}
    docs = [d for d in items if isinstance(d, Document)]
    assert [d.id for d in docs] == ["ok", "r:11", "r:13"]
    assert docs[1].text == "pair 😀 is fine"
    assert sorted(errors) == [2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert errors[2].startswith("not valid JSON")
    assert errors[3] == 'record has no "text" or "html" string field'
    assert errors[4] == "a record must be a JSON object, got list"
    assert errors[6] == "not valid JSON (nested too deeply)"
    assert "not valid JSON" in errors[7] and "NaN" in errors[8]
    assert "unpaired surrogate (\\udc80)" in errors[9]
    assert errors[10] == '"meta" must be a JSON object, got str'


def test_jsonl_surrogates_in_capitals_are_errors_and_a_byte_order_mark_opening_a_line_is_dropped(
    tmp_path: Path,
) -> None:
    path = tmp_path / "r.jsonl"
    lines = ['{"text": "first"}', '\ufeff{"text": "a mark"}', '{"text": "lone \\uDC80"}', '{"text": "\\\\ud800"}']
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read(path)
    errors = {e.line: e.reason for e in items if isinstance(e, InputError)}
    assert list(errors) == [3] and "unpaired surrogate (\\udc80)" in errors[3]
    assert [d.text for d in items if isinstance(d, Document)] == ["first", "a mark", "\\ud800"]  # an escaped backslash


def test_jsonl_lines_break_at_newline_only(tmp_path: Path) -> None:
    # json.dumps(ensure_ascii=False) leaves U+2028, U+2029 and U+0085 raw inside strings.
    records = [{"id": "a", "text": "One\u2028two\u2029three\x85four\x0bfive\x1cend."}, {"id": "b", "text": "B."}]
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    docs = read(path)
    assert [(d.id, d.text) for d in docs if isinstance(d, Document)] == [(r["id"], r["text"]) for r in records]


def test_jsonl_in_another_encoding_records_it_in_each_record(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    body = '{"id": "1", "text": "Le café de la gare, à côté."}\n{"id": "2", "text": "Très bien.", "meta": {"k": 1}}\n'
    path.write_bytes(body.encode("cp1252"))
    docs = read(path)
    assert [d.meta for d in docs if isinstance(d, Document)] == [{"encoding": "cp1252"}, {"k": 1, "encoding": "cp1252"}]


def test_stdin_bytes_are_decoded_line_by_line() -> None:
    raw = (
        b'{"id": "u", "text": "caf\xc3\xa9"}\n'
        b'{"id": "w", "text": "caf\xe9 cr\xe8me br\xfbl\xe9e"}\n'
        b"\x00\x01\x02 junk\n"
        b'{"id": "z", "text": "ok"}\n'
    )
    items = list(read_jsonl_stream(io.BytesIO(raw), "<stdin>", "stdin"))
    assert [(i.id, i.text, i.meta) for i in items if isinstance(i, Document)] == [
        ("u", "café", {}),
        ("w", "café crème brûlée", {"encoding": "cp1252"}),
        ("z", "ok", {}),
    ]
    (error,) = [i for i in items if isinstance(i, InputError)]
    assert error.line == 3 and "binary" in error.reason


def test_binary_on_stdin_is_one_error() -> None:
    items = list(read_jsonl_stream(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00\n\x00\n\x00\n"), "<stdin>", "stdin"))
    assert items == [InputError("<stdin>", "binary data (a PNG image), not JSONL")]


def test_a_reader_that_raises_becomes_an_error_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cleanse.io

    def broken(data: bytes, source: str, stem: str) -> object:
        raise RuntimeError("reader bug")

    monkeypatch.setitem(cleanse.io._READERS, ".txt", broken)
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "B."}\n', encoding="utf-8")
    items = list(iter_documents([str(tmp_path)]))
    assert items[0] == InputError("a.txt", "cannot read (RuntimeError: reader bug)")
    assert isinstance(items[1], Document) and items[1].text == "B."


# --- paths ----------------------------------------------------------------------------------


def walk(*paths: Path | str, exclude: list[Path] | None = None) -> list[tuple[str, str]]:
    """(source, error reason or "") for each file or error the walk yields."""
    out = []
    for found in iter_files([str(p) for p in paths], exclude):
        if isinstance(found, InputError):
            out.append((found.source, found.reason))
        else:
            out.append((found[1], ""))
    return out


def test_symlink_loops_are_reported_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text("A.", encoding="utf-8")
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)  # a loop through a folder link
    (root / "self.txt").symlink_to(root / "self.txt")  # a link to itself
    (root / "x.txt").symlink_to(root / "y.txt")
    (root / "y.txt").symlink_to(root / "x.txt")
    (root / "gone.txt").symlink_to(root / "nowhere.txt")
    linked = tmp_path / "elsewhere"
    linked.mkdir()
    (linked / "c.txt").write_text("C.", encoding="utf-8")
    (root / "zlink").symlink_to(linked, target_is_directory=True)  # a plain folder link is followed
    found = walk(root)
    assert ("sub/a.txt", "") in found and ("zlink/c.txt", "") in found
    assert ("sub/back", "symlink loop (a link to a folder above it); skipped") in found
    errors = {}
    for src, _ in found:
        if src.endswith(".txt") and "/" not in src:
            errors[src] = [i for i in read_documents(root / src, src) if isinstance(i, InputError)]
    assert "symlink loop" in errors["self.txt"][0].reason
    assert "symlink loop" in errors["x.txt"][0].reason
    assert "broken symlink" in errors["gone.txt"][0].reason
    # named directly
    assert "symlink loop" in walk(root / "self.txt")[0][1]
    assert "broken symlink" in walk(root / "gone.txt")[0][1]
    assert walk(tmp_path / "missing") == [(str(tmp_path / "missing"), "no such file or directory")]


def test_a_named_pipe_is_skipped_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "named pipe" in only_error(read(fifo)).reason


def test_unreadable_files_and_folders_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "in"
    (root / "locked").mkdir(parents=True)
    (root / "secret.txt").write_text("S.", encoding="utf-8")
    (root / "ok.txt").write_text("OK.", encoding="utf-8")
    if os.geteuid() == 0:  # root reads anything: simulate the denial instead
        real_scandir, real_read = os.scandir, Path.read_bytes

        def scandir(path: os.PathLike[str] | str) -> object:
            if Path(path).name == "locked":
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_scandir(path)

        def read_bytes(self: Path) -> bytes:
            if self.name == "secret.txt":
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real_read(self)

        monkeypatch.setattr(os, "scandir", scandir)
        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    else:
        (root / "locked").chmod(0)
        (root / "secret.txt").chmod(0)
    try:
        items = list(iter_documents([str(root)]))
    finally:
        (root / "locked").chmod(0o755)
        (root / "secret.txt").chmod(0o644)
    errors = {i.source: i.reason for i in items if isinstance(i, InputError)}
    assert errors["locked"] == "cannot list folder: permission denied"
    assert errors["secret.txt"] == "cannot read: permission denied"
    assert [i.id for i in items if isinstance(i, Document)] == ["ok"]


def test_the_output_is_never_read_as_input(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.jsonl").write_text('{"text": "A."}\n', encoding="utf-8")
    (root / "out.jsonl").write_text('{"text": "old output"}\n', encoding="utf-8")
    (root / "cleaned").mkdir()
    (root / "cleaned" / "b.txt").write_text("old output", encoding="utf-8")
    assert walk(root, exclude=[root / "out.jsonl", root / "cleaned"]) == [("a.jsonl", "")]


@pytest.mark.parametrize(
    "record_id",
    ["../../x", "/etc/passwd", "a/../../b", "..", ".", "", "C:\\Windows\\x", "a\x00b", "~/x", "\\\\server\\share"],
)
def test_record_ids_never_leave_the_output_folder(tmp_path: Path, record_id: str) -> None:
    rel = text_path(Document(id=record_id, text="", source="deep/r.jsonl"))
    target = (tmp_path / rel).resolve()
    assert tmp_path.resolve() in target.parents
    assert not rel.is_absolute() and ".." not in rel.parts and rel.suffix == ".txt"


def test_long_and_deep_ids_stay_writable(tmp_path: Path) -> None:
    for record_id in ("日本" * 300, "/".join(["d"] * 500), "x" * 10_000 + ".txt"):
        rel = safe_relpath("r", record_id, suffix=".txt")
        assert all(len(p.encode()) <= 124 for p in rel.parts) and len(rel.parts) <= 8
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")
def test_inputs_are_never_modified(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"By Jane Roe\n\nSEOUL (Reuters) - Text.\n\n\n")
    before = (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode)
    list(iter_documents([str(path)]))
    assert (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_mode) == before


def _parsed_the_whole_way(record: RawRecord) -> object:
    """RawRecord.parse without its quick way: decode() (and its tests for binary data), then the JSON."""
    try:
        text, encoding = decode(record.line)
    except DecodeError as exc:
        return InputError(record.source, str(exc), record.number)
    return record_to_document(text, record.source, record.stem, record.number, encoding=encoding)


_RECORD_PIECES = st.sampled_from(
    ['{"text": "', '", "id": 1}', '{"html": "<p>x</p>"}', "[1]", "null", "\x7f", "\x00", "\x01", "\t", "\ufeff", "é",
     "\\ud800", "\\u00e9", '{"text": "a', "\x7f" * 30, "\x02" * 30, '"}', "{}", " ", "NaN", '{"meta": 3, "text": "x"}']
)  # fmt: skip


@given(
    st.lists(_RECORD_PIECES, max_size=6).map(lambda parts: "".join(parts).encode("utf-8"))
    | st.binary(max_size=40)
    | st.sampled_from([b"\xff\xfe{\x00}\x00", b'{"text": "caf\xe9"}', b"%PDF-1.4 {}", b"\xef\xbb\xbf{}"])
)
def test_a_record_parses_the_quick_way_as_it_does_the_whole_way(line: bytes) -> None:
    record = RawRecord(line, "r.jsonl", "r", 3)
    assert record.parse() == _parsed_the_whole_way(record)


_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**63 - 2, max_value=2**70)
    | st.integers(min_value=-(2**70), max_value=-(2**63) + 2)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(st.characters(codec=None, exclude_categories=()), max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=8,
)


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "text": st.text(max_size=5) | _JSON_VALUES,
            "html": _JSON_VALUES,
            "id": _JSON_VALUES,
            "meta": st.dictionaries(st.text(max_size=3), _JSON_VALUES, max_size=3) | _JSON_VALUES,
            "removed": _JSON_VALUES,
            "x": _JSON_VALUES,
            "é": _JSON_VALUES,
        },
    ),
    st.booleans(),
    st.sampled_from(["", "\n", " \r\n"]),
)
def test_a_json_object_parses_the_quick_way_as_it_does_the_whole_way(
    record: dict[str, object], ascii_only: bool, end: str
) -> None:
    # The quick way reads with orjson: big integers, floats, lone surrogates (escaped or not) must not tell.
    try:
        line = (json.dumps(record, ensure_ascii=ascii_only) + end).encode("utf-8", "surrogatepass")
    except ValueError:
        return
    raw = RawRecord(line, "r.jsonl", "r", 3)
    assert repr(raw.parse()) == repr(_parsed_the_whole_way(raw))  # repr: 2**65 == 2.0**65, and must stay an int


@pytest.mark.parametrize("depth", [50, 99, 100, 101, 500, 995, 1023, 1030])
def test_a_deeply_nested_record_parses_the_quick_way_as_it_does_the_whole_way(depth: int) -> None:
    # orjson reads 1,024 levels; the json module stops near the recursion limit: deep records go its way.
    line = b'{"text": "Hello world.", "d": ' + b'{"a": ' * depth + b"1" + b"}" * depth + b"}\n"
    raw = RawRecord(line, "deep.jsonl", "deep", 1)
    assert repr(raw.parse()) == repr(_parsed_the_whole_way(raw))


def test_a_jsonl_record_holding_a_tar_header_is_read_as_decode_reads_it() -> None:
    # binary_kind looks for a tar header 257 bytes in, which may sit inside a JSON string.
    pre = b'{"text": "'
    line = pre + b"a" * (257 - len(pre)) + b'ustar is a word"}\n'
    record = RawRecord(line, "a.jsonl", "a", 2)
    assert record.parse() == _parsed_the_whole_way(record)
    assert record.parse() == InputError("a.jsonl", "binary file (a tar archive), not text", 2)


def test_a_cut_gzip_jsonl_file_gives_every_record_before_the_cut(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": str(i), "text": f"Record {i} with some words to compress poorly {i * 7919}."})
        for i in range(20_000)
    ]
    data = gzip.compress("\n".join(lines).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    items = read(path)
    docs = [i for i in items if isinstance(i, Document)]
    # gzip itself decompresses this many complete lines before the cut
    readable = 0
    with gzip.open(path, "rb") as fh:
        try:
            for raw in fh:
                readable += raw.endswith(b"\n")
        except EOFError:
            pass
    assert len(docs) >= readable - 1 and [d.id for d in docs] == [str(i) for i in range(len(docs))]
    assert any(isinstance(i, InputError) and "gzip" in i.reason for i in items)


# --- JSONL records in blocks (what the parallel engines send their workers) -----------------


def _records_of(items: list[RawRecord | RawBlock | InputError]) -> list[object]:
    out: list[object] = []
    for item in items:
        out.extend(item.records() if isinstance(item, RawBlock) else [item])
    return out


class _Trickle:
    """A stream whose reads give at most ``sizes[i]`` bytes in turn, as a pipe may."""

    def __init__(self, data: bytes, sizes: list[int]) -> None:
        self.stream, self.sizes, self.reads = io.BytesIO(data), sizes or [1 << 20], 0

    def read1(self, n: int) -> bytes:
        self.reads += 1
        return self.stream.read1(min(n, self.sizes[self.reads % len(self.sizes)]))


_LINES = st.lists(
    st.sampled_from([b'{"text": "a b"}', b"", b"  ", b"\r", b"x" * 30, b"\x89PNG\r", b"%PDF-1.4", b'{"id": 2}', b"\t"]),
    max_size=12,
)


@given(
    _LINES,
    st.booleans(),
    st.none() | st.integers(1, 40),
    st.integers(1, 5),
    st.integers(1, 60),
    st.lists(st.integers(1, 50), max_size=4),
)
def test_blocks_hold_the_records_and_errors_lines_give(
    lines: list[bytes], last_break: bool, max_bytes: int | None, per_block: int, size: int, reads: list[int]
) -> None:
    data = b"\n".join(lines) + (b"\n" if last_break and lines else b"")
    expected = list(jsonl_records(io.BytesIO(data), "s.jsonl", "s", max_bytes))
    blocks = list(jsonl_blocks(_Trickle(data, reads).read1, "s.jsonl", "s", max_bytes, lines=per_block, size=size))
    assert _records_of(blocks) == expected
    for block in blocks:
        if isinstance(block, RawBlock):
            assert 0 < block.lines <= per_block
            assert block.lines == block.data.count(b"\n") + (not block.data.endswith(b"\n"))


def test_a_long_line_is_read_past_in_pieces_and_numbers_go_on() -> None:
    data = b'{"text": "a"}\n' + b"y" * 5_000_000 + b'\n{"text": "b"}\n'
    stream = _Trickle(data, [1 << 20])
    items = _records_of(list(jsonl_blocks(stream.read1, "s.jsonl", "s", 1000)))
    assert [getattr(i, "number", None) or getattr(i, "line", None) for i in items] == [1, 2, 3]
    assert isinstance(items[1], InputError) and "longer than the limit" in items[1].reason


def test_a_long_line_without_a_limit_is_read_whole_in_linear_time() -> None:
    # Joined once from its pieces, not grown read by read (which would copy 10 MB a thousand times).
    line = b'{"text": "' + b"z" * 10_000_000 + b'"}'
    stream = _Trickle(line + b"\n", [10_000])
    (block,) = jsonl_blocks(stream.read1, "s.jsonl", "s")
    assert isinstance(block, RawBlock) and block.data == line + b"\n" and stream.reads > 1000


@pytest.mark.parametrize("gz", [False, True])
def test_files_read_in_blocks_give_what_they_give_line_by_line(tmp_path: Path, gz: bool) -> None:
    records = [json.dumps({"id": str(i), "text": f"Record {i}."}) for i in range(300)]
    data = ("\n".join(records[:150]) + "\n\n  \n" + "\n".join(records[150:])).encode()
    path = tmp_path / ("r.jsonl.gz" if gz else "r.jsonl")
    path.write_bytes(gzip.compress(data) if gz else data)
    (tmp_path / "blank.jsonl").write_bytes(b"\n \n\n")
    lines = list(iter_inputs([str(tmp_path)]))
    blocks = list(iter_inputs([str(tmp_path)], block=(64, 1000)))
    by_line = list(jsonl_records(io.BytesIO(data), path.name, "r"))  # the reference: a line at a time
    assert _records_of(blocks) == lines == [InputError("blank.jsonl", "empty file"), *by_line]
    assert sum(isinstance(b, RawBlock) for b in blocks) > 300 // 64


def test_a_file_replaced_while_read_in_blocks_is_read_to_its_end_as_it_was_opened(tmp_path: Path) -> None:
    # A writer's atomic update (a new file renamed over the old) during a run: the blocks, which the workers
    # of a --jobs run clean, come from the file as opened, as --jobs 1 reads it.
    path = tmp_path / "r.jsonl"
    data = b"".join(json.dumps({"id": str(i), "text": f"Record {i}. " * 1200}).encode() + b"\n" for i in range(300))
    assert len(data) > 3 * READ_BUFFER  # most of it read after the replacement
    path.write_bytes(data)
    blocks = iter_inputs([str(path)], block=(16, 1 << 20))
    first = next(blocks)
    replacement = tmp_path / "new.jsonl"
    replacement.write_bytes(b'{"text": "Another file."}\n')
    os.replace(replacement, path)
    records = _records_of([first, *blocks])
    assert records == list(jsonl_records(io.BytesIO(data), "r.jsonl", "r"))


def test_a_cut_gzip_file_read_in_blocks_gives_the_records_before_the_cut(tmp_path: Path) -> None:
    lines = [json.dumps({"id": str(i), "text": f"Record {i} poorly compressed {i * 7919}."}) for i in range(20_000)]
    data = gzip.compress("\n".join(lines).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    by_line: list[object] = []
    # the reference: a line at a time, as far as gzip reads
    with gzip.open(path, "rb") as fh, contextlib.suppress(EOFError):
        by_line += jsonl_records(fh, "cut.jsonl.gz", "cut")
    by_block = _records_of(list(iter_inputs([str(path)], block=(64, 1 << 20))))
    assert by_block[:-1] == by_line and isinstance(by_block[-1], InputError) and len(by_block) > 10_000
