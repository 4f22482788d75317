"""Cost against input size: time per MB for documents from 1 KB to 10 MB, and for pathological ones.

    python benchmarks/scaling.py [--quick] [--bench DIR] [--work DIR]

The default pipeline cleans each document in this process as ``cleanse run``
does (``cleanse.runner.clean_item``), so start-up and I/O are left out; times
are CPU seconds of this process, which other processes on the machine disturb
less than wall time. Each size is cleaned until at least 4 MB went through:
documents that go on through the corpus one after another, so that every size
holds the same mix of languages and kinds of page. Linear cost means a flat
time per MB down each column; any document a cleaner failed on (a regex
timeout among them) is counted in the last column, which should be 0.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_BENCH, DEFAULT_WORK, load, news_texts, variant

from cleanse import Pipeline
from cleanse.model import Document
from cleanse.runner import clean_item

SIZES = [1_000, 10_000, 100_000, 1_000_000, 10_000_000]
AT_LEAST = 4_000_000


def news_documents(paragraphs: list[str], size: int, count: int) -> list[str]:
    """``count`` documents of ``size`` characters: news paragraphs in turn, each document going on where the last
    stopped (cut at ``size``), so that documents of every size hold the same mix of the corpus's languages and
    kinds of page (the first 10 KB of it alone would be English news with no comment section)."""
    docs: list[str] = []
    i = 0
    for _ in range(count):
        out: list[str] = []
        total = 0
        while total < size:
            p = paragraphs[i % len(paragraphs)]
            out.append(p)
            total += len(p) + 2
            i += 1
        docs.append("\n\n".join(out)[:size])
    return docs


def headline(i: int) -> str:
    return f"Officials in region {i} weigh new plan for the harbour"


# Pathological documents by size in characters: each is also measured at a quarter of the size.
PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "megabytes of whitespace": lambda n: "Body.\n" + " \t \n\n\r\n" * (n // 7) + "End.",
    "one line, no newline (words)": lambda n: "word " * (n // 5),
    "one line, no newline (no spaces)": lambda n: "x" * n,
    "a run of spaces inside a line": lambda n: "Body of the story.\nA" + " " * n + "b.",
    "feed of headlines with stamps": lambda n: (
        "Talks ended.\nOTHER NEWS\n" + "\n".join(f"{headline(i)}\n{i % 23 + 1} hrs ago" for i in range(n // 60))
    ),
    "bulleted list": lambda n: "Talks ended.\nRead more:\n" + "\n".join(f"- {headline(i)}" for i in range(n // 55)),
    "comment thread": lambda n: "Talks ended.\n" * 10 + "Comments\n" + "\nReply\nGreat piece, thanks.\n" * (n // 30),
    "capitals without end": lambda n: "A" * n,
}
PATHOLOGICAL_SIZES = {
    "feed of headlines with stamps": 6_000_000,  # about 100,000 headlines
    "one line, no newline (words)": 2_000_000,
    "one line, no newline (no spaces)": 2_000_000,
}


def per_mb(pipeline: Pipeline, make: Callable[[int], list[str]], size: int) -> tuple[float, int, int]:
    """CPU seconds per MB cleaning documents of ``size`` characters (``make(count)``), documents cleaned, failures."""
    count = max(1, AT_LEAST // max(size, 1))
    # Each copy distinct (_common.variant), as documents of a corpus are: the cleaners remember what they
    # learnt of a paragraph by its text, and the same text again and again would be cleaned from memory.
    texts = [variant(text, i) for i, text in enumerate(make(count))]
    failures = 0
    start = time.process_time()
    for i, copy in enumerate(texts):
        # As `cleanse run` cleans: a long document with the garbage collector paused (cleanse.runner.run).
        doc = clean_item(pipeline, Document(id=str(i), text=copy), pause_gc=True)
        failures += not isinstance(doc, Document) or bool(doc.failures)
    spent = time.process_time() - start
    return spent / (sum(map(len, texts)) / 1e6), count, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="sizes up to 1 MB only")
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    args = parser.parse_args()
    sizes = SIZES[:-1] if args.quick else SIZES
    paragraphs = [p for _, text in news_texts(args.bench, args.work) for p in text.split("\n") if p.strip()]
    pipeline = Pipeline()
    print(f"{load()}\n")
    print(f"{'news text, document size':<36} {'s per MB':>9} {'documents':>10} {'failed':>7}")
    found = []
    for size in sizes:
        seconds, count, failed = per_mb(pipeline, lambda n, size=size: news_documents(paragraphs, size, n), size)
        found.append(seconds)
        print(f"{size:>36,} {seconds:>9.3f} {count:>10} {failed:>7}", flush=True)
    print(f"{'largest / smallest time per MB':<36} {max(found) / min(found):>9.2f}")
    # A 1 KB document's time is mostly what every document costs whatever its length (each cleaner's turn, the
    # rules on its first and last lines: about 120 µs), ten times as much per MB as at 10 KB. How the cost grows
    # with the text shows from 10 KB up.
    grown = [seconds for size, seconds in zip(sizes, found, strict=True) if size >= 10_000]
    print(f"{'the same, from 10 KB up':<36} {max(grown) / min(grown):>9.2f}")

    print(f"\n{'pathological (size, then size / 4)':<36} {'s per MB':>9} {'s per MB':>9} {'ratio':>6} {'failed':>7}")
    for name, make in PATHOLOGICAL.items():
        size = PATHOLOGICAL_SIZES.get(name, 4_000_000)
        if args.quick:
            size //= 4
        big, _, failed_big = per_mb(pipeline, lambda n, make=make, size=size: [make(size)] * n, size)
        small, _, failed_small = per_mb(pipeline, lambda n, make=make, size=size: [make(size // 4)] * n, size // 4)
        label = f"{name} ({size / 1e6:g} MB)"
        print(f"{label:<36} {big:>9.3f} {small:>9.3f} {big / small:>6.2f} {failed_big + failed_small:>7}", flush=True)
    print(f"\n{load()}")


if __name__ == "__main__":
    main()
