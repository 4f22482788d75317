"""Hostile sizes: huge lines, oceans of whitespace, enormous feeds, deep HTML.

Each must finish and keep its body. The guards below only stop a hang from
stalling the suite; they assert nothing about speed (the linear-time claim is
measured by the benchmarks, not here).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cleanse import Config, Pipeline
from cleanse.pipeline import DocumentError, replay

HANG_GUARD = 300  # seconds: far above any honest run, on the slowest machine

BODY = "SEOUL (Reuters) - Talks began on Monday between the two sides.\n\nBoth delegations said progress was made.\n"
BODY_OUT = "Talks began on Monday between the two sides.\n\nBoth delegations said progress was made."


@contextmanager
def hang_guard(seconds: int = HANG_GUARD) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds}s: a hang")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Config(max_bytes=100_000_000))


def test_a_two_megabyte_line(pipeline: Pipeline) -> None:
    line = "word, (parenthesis [bracket] - dash) " * 54_000
    text = BODY + "\n" + line + "\n"
    with hang_guard():
        doc = pipeline.clean(text)
    assert doc.text.startswith(BODY_OUT) and line.strip() in doc.text
    assert replay(doc.text, doc.removed) == text


def test_a_two_megabyte_line_without_spaces(pipeline: Pipeline) -> None:
    text = "x" * 2_000_000
    with hang_guard():
        doc = pipeline.clean(text)
    assert doc.text == text


def test_megabytes_of_whitespace(pipeline: Pipeline) -> None:
    text = " \t\n\r\u00a0\u2028\u3000\x0b\x0c" * 300_000 + BODY + "\n \n\t\n" * 300_000
    with hang_guard():
        doc = pipeline.clean(text)
    assert "Talks began on Monday between the two sides." in doc.text
    assert "Both delegations said progress was made." in doc.text
    assert replay(doc.text, doc.removed) == text


def test_a_feed_of_100000_headlines(pipeline: Pipeline) -> None:
    feed = "".join(f"Markets rally as story number {i} unfolds\n\n{i % 23 + 1} hrs ago\n\n" for i in range(100_000))
    text = BODY + "\nOTHER NEWS\n\n" + feed
    with hang_guard():
        doc = pipeline.clean(text)
    assert doc.text == BODY_OUT
    assert doc.meta["feeds"] == [{"heading": "OTHER NEWS", "items": 100_000}]
    assert replay(doc.text, doc.removed) == text


def test_many_short_paragraphs(pipeline: Pipeline) -> None:
    text = BODY + "".join(f"\nParagraph {i} of the report says something.\n" for i in range(10_000))
    with hang_guard():
        doc = pipeline.clean(text)
    assert "Paragraph 9999 of the report says something." in doc.text
    assert replay(doc.text, doc.removed) == text


def test_deeply_nested_html(pipeline: Pipeline) -> None:
    article = "<p>" + "A deep paragraph with enough words to count as an article body, said the editor. " * 5 + "</p>"
    shallow = "<html><body>" + "<div>" * 200 + article + "</div>" * 200 + "</body></html>"
    with hang_guard():
        doc = pipeline.clean(shallow)
    assert doc.text.startswith("A deep paragraph")
    for depth in (5_000, 100_000):  # past the HTML parser's depth limit: a clear failure, never a crash
        page = "<html><body>" + "<div><span>" * depth + article + "</span></div>" * depth + "</body></html>"
        with hang_guard(), pytest.raises(DocumentError, match="no article text"):
            pipeline.clean(page)
    unclosed = "<html><body>" + "<div><p><b>" * 50_000 + "Deep text."
    with hang_guard(), pytest.raises(DocumentError, match="no article text"):
        pipeline.clean(unclosed)


@pytest.mark.parametrize(
    "page",
    [
        "<html></html>",
        "<html><!-- " + "x" * 1000 + " -->",
        "<html>" + "\x01<<>>&&;;" * 10_000,
        "<html><body><script>" + "var x = 1;" * 10_000 + "</script></body></html>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>Declared.</p></body></html>',
        "<html><body>" + "</p>" * 10_000 + "</body></html>",
    ],
)
def test_html_with_no_article_is_a_clear_failure(pipeline: Pipeline, page: str) -> None:
    with hang_guard():
        try:
            doc = pipeline.clean(page, html=True)
        except DocumentError as exc:
            assert "extraction (extract)" in str(exc)
        else:
            assert doc.text.strip()


def test_the_cli_survives_hostile_files(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "line.txt").write_text(BODY + "\n" + "z" * 2_000_000 + "\n", encoding="utf-8")
    (src / "space.txt").write_text("\n" * 1_000_000 + BODY + " " * 1_000_000, encoding="utf-8")
    (src / "deep.html").write_text("<html><body>" + "<div>" * 100_000 + "</body></html>", encoding="utf-8")
    (src / "records.jsonl").write_text(json.dumps({"id": "long", "text": BODY + "y" * 2_000_000}) + "\n")
    out = tmp_path / "o.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "cleanse", "run", str(src), "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
    )
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "cleanse: error: deep.html: DocumentError: extraction (extract) found no article text in the page"
    ]
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["line", "long", "space"]
    assert all(r["text"].startswith(BODY_OUT) for r in recs)
