"""Fuzzing the whole pipeline: arbitrary bytes for each input kind, arbitrary Unicode for the API.

Properties, for any input at all:

- reading never raises: every file gives documents or errors naming it;
- cleaning never raises past the host: a text document comes out cleaned, with
  every removal logged (``replay`` gives the input back) and a record that is
  valid JSON and valid UTF-8; a page may instead fail with a clear reason;
- the command line never shows a traceback and exits 0 or 1.

The number of examples follows the hypothesis profile (a share of its
``max_examples``); ``HYPOTHESIS_PROFILE=thorough`` (when the project's
conftest defines it) or ``CLEANSE_FUZZ_EXAMPLES=N`` runs longer. Inputs worth
keeping (crashes found once, hand-made nasty ones) live in tests/fuzz_corpus/
and are replayed by :func:`test_corpus`.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanse import Config, Pipeline
from cleanse.io import STDIN, InputError, dumps, read_documents, read_jsonl_stream
from cleanse.model import Document
from cleanse.pipeline import replay
from cleanse.runner import Failed, clean_item

CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"
WORD = regex.compile(r"\w")


def examples(share: float) -> int:
    """A share of the profile's examples (at least 5), or ``CLEANSE_FUZZ_EXAMPLES``."""
    forced = os.environ.get("CLEANSE_FUZZ_EXAMPLES")
    return int(forced) if forced else max(5, int(settings.default.max_examples * share))


def fuzz(share: float) -> settings:
    return settings(
        max_examples=examples(share),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


PIPELINE = Pipeline(Config(max_bytes=1_000_000))

# Pieces of news noise and of the syntax the cleaners and readers look for, so that
# random text reaches deep into their rules rather than bouncing off the first check.
NEWSY = [
    "SEOUL (Reuters) - ", "WASHINGTON, June 18 (Reuters) - ", "KYIV, Ukraine (AP) — ", " date 2024-06-18 (CTN News) – ",
    "By Jane Roe", "By A, B and C\n", "(Reporting by X; Editing by Y)", "Edited by RFA Staff.", "Credit: ",
    "FILE PHOTO: ", "; Credit: Sputnik/Pool via REUTERS", "(AP Photo/Name)", "Getty Images", "Photo: ",
    "OTHER NEWS", "More from ", "Related stories", "Read more:", "4 hrs ago", "2 comments", "Leave a Reply",
    "Subscribe to our newsletter", "ADVERTISEMENT", "© 2024", "SOURCE: ", "This post was originally published on ",
    "\n", "\n\n", "\n\n\n", "\r\n", "\r", " ", "\t", "\u00a0", "\u2028", "\x85", "\ufeff", "\u200b", "\u202e",
    ".", ",", ":", ";", "(", ")", "[", "]", "—", "–", "-", "'", '"', "“", "”", "/", "|", "*", "#", "...",
    "Putin", "Kim Jong Un", "Pyongyang", "MOSCOW", "The council met on Monday.", "Talks began.", "A",
    "é", "ß", "日本", "Москва", "العربية", "👍", "e\u0301", "İ", "ﬁ", "0", "2024", "June", "Monday",
]  # fmt: skip

newsy_text = st.lists(
    st.one_of(st.sampled_from(NEWSY), st.text(max_size=12)),
    max_size=60,
).map("".join)
any_text = st.one_of(newsy_text, st.text(max_size=400))

HTML_BITS = [
    "<html>", "</html>", "<head>", "<title>", "</title>", "<body>", "</body>", "<article>", "</article>", "<div>",
    "</div>", "<p>", "</p>", "<br>", "<script>", "</script>", "<style>", "</style>", "<!--", "-->", "<![CDATA[",
    "]]>", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "&", "<", ">", '<meta charset="utf-8">', '<meta charset="koi8-r">',
    '<a href="x">', "</a>", "<table><tr><td>", "</td></tr></table>", "<ul><li>", "</li></ul>", "<h1>", "</h1>",
    '<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE html>", "<svg>", "<math>", "<template>", "<iframe>",
]  # fmt: skip
html_text = st.lists(
    st.one_of(st.sampled_from(HTML_BITS), newsy_text, st.text(max_size=10)),
    max_size=60,
).map(lambda parts: "<html>" + "".join(parts))

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "cp1251", "shift_jis", "gbk"]


@st.composite
def encoded_text(draw: st.DrawFn, text: st.SearchStrategy[str] = any_text) -> bytes:
    return draw(text).encode(draw(st.sampled_from(ENCODINGS)), errors="replace")


any_bytes = st.one_of(st.binary(max_size=3000), encoded_text())

json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), any_text)
json_value = st.recursive(
    json_scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
)


@st.composite
def jsonl_line(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["record", "record", "record", "garbage", "json"]))
    if kind == "garbage":
        return draw(st.text(max_size=80))
    if kind == "json":
        return json.dumps(draw(json_value))
    record: dict[str, object] = {draw(st.sampled_from(["text", "text", "html", "body"])): draw(any_text)}
    if draw(st.booleans()):
        record["id"] = draw(st.one_of(st.text(max_size=20), st.integers(), st.sampled_from(["../../x", "/etc/x", ""])))
    if draw(st.booleans()):
        record["meta"] = draw(st.one_of(st.dictionaries(st.text(max_size=5), json_value, max_size=3), json_value))
    if draw(st.booleans()):
        record["extra"] = draw(json_value)
    return json.dumps(record, ensure_ascii=draw(st.booleans()))


jsonl_bytes = st.one_of(
    st.lists(jsonl_line(), max_size=8).map(lambda lines: "\n".join(lines).encode("utf-8", errors="surrogatepass")),
    any_bytes,
)


@st.composite
def gz_bytes(draw: st.DrawFn) -> bytes:
    data = gzip.compress(draw(st.one_of(any_bytes, jsonl_bytes)))
    damage = draw(st.sampled_from(["none", "none", "truncate", "flip", "append"]))
    if damage == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    if damage == "flip":
        i = draw(st.integers(0, len(data) - 1))
        return data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1 :]
    if damage == "append":
        return data + draw(st.binary(min_size=1, max_size=20))
    return data


# --- the properties ----------------------------------------------------------------------


def check_outcome(item: Document | InputError) -> Document | InputError | Failed:
    """Clean one read item and check every promise about the result."""
    if isinstance(item, InputError):
        assert item.source and item.reason and "\n" not in str(item)
        return item
    before, fmt = item.text, item.format
    outcome = clean_item(PIPELINE, item)
    if isinstance(outcome, Failed):
        # Only a page may fail (nothing to extract, or the extractor broke); text never does.
        assert fmt == "html" and outcome.reason.startswith("DocumentError: extraction"), outcome
        return outcome
    line = dumps(outcome)
    assert "\n" not in line
    line.encode("utf-8")  # the record can be written
    assert json.loads(line)["text"] == outcome.text
    if fmt == "text":
        assert replay(outcome.text, outcome.removed) == before, "a removal was not logged"
    for failure in outcome.failures:  # a plugin refused its own edit; none may crash
        assert failure.error.startswith("EditError"), (failure, before)
    return outcome


def read_and_check(path: Path, data: bytes) -> list[Document | InputError | Failed]:
    path.write_bytes(data)
    return [check_outcome(item) for item in read_documents(path, path.name, max_bytes=1_000_000)]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@fuzz(0.5)
@given(data=any_bytes)
def test_txt_files(workdir: Path, data: bytes) -> None:
    read_and_check(workdir / "f.txt", data)


@fuzz(0.5)
@given(data=jsonl_bytes)
def test_jsonl_files(workdir: Path, data: bytes) -> None:
    read_and_check(workdir / "f.jsonl", data)


@fuzz(0.3)
@given(data=gz_bytes())
def test_gz_files(workdir: Path, data: bytes) -> None:
    read_and_check(workdir / "f.jsonl.gz" if data[:1] == b"\x1f" else workdir / "f.txt.gz", data)


@fuzz(0.2)
@given(page=st.one_of(html_text, st.binary(max_size=500).map(lambda b: b"<html>" + b)))
def test_html_files(workdir: Path, page: str | bytes) -> None:
    read_and_check(workdir / "f.html", page.encode("utf-8", errors="surrogatepass") if isinstance(page, str) else page)


@fuzz(0.3)
@given(data=jsonl_bytes)
def test_stdin_bytes(data: bytes) -> None:
    import io

    for item in read_jsonl_stream(io.BytesIO(data), "<stdin>", "stdin"):
        check_outcome(item)


@fuzz(1.0)
@given(text=any_text)
def test_any_unicode_through_the_api(text: str) -> None:
    doc = PIPELINE.clean(text, html=False)
    assert replay(doc.text, doc.removed) == text
    for failure in doc.failures:
        assert failure.error.startswith("EditError"), (failure, text)
    if WORD.search(text):
        assert WORD.search(doc.text), "all the words went"


@settings(max_examples=3 if not os.environ.get("CLEANSE_FUZZ_EXAMPLES") else 20, deadline=None)
@given(
    files=st.lists(
        st.tuples(st.sampled_from(["a.txt", "b.jsonl", "c.txt.gz", "d.jsonl.gz", "e.html"]), any_bytes),
        min_size=1,
        max_size=4,
        unique_by=lambda f: f[0],
    ),
    stdin=jsonl_bytes,
)
def test_the_command_line(workdir: Path, files: list[tuple[str, bytes]], stdin: bytes) -> None:
    folder = workdir / "cli"
    shutil_rmtree(folder)
    folder.mkdir()
    for name, data in files:
        (folder / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    out = workdir / "cli.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "cleanse", "run", str(folder), STDIN, "--out", str(out), "-q"],
        input=stdin,
        capture_output=True,
        timeout=300,
    )
    err = proc.stderr.decode("utf-8")
    assert proc.returncode in (0, 1), err
    assert "Traceback" not in err
    assert all(line.startswith(("cleanse: error: ", "cleanse: warning: ")) for line in err.splitlines()), err
    for line in out.read_text(encoding="utf-8").split("\n")[:-1]:
        assert {"id", "source", "text", "meta", "removed"} <= json.loads(line).keys()


def shutil_rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


# --- the corpus --------------------------------------------------------------------------


CORPUS_FILES = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "README.md")


def test_the_corpus_is_there() -> None:
    assert len(CORPUS_FILES) >= 20


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_corpus(path: Path, tmp_path: Path) -> None:
    """Every saved input reads, cleans and writes without an escaped exception."""
    outcomes = read_and_check(tmp_path / path.name, path.read_bytes())
    assert outcomes, "every file gives at least one document or error"
