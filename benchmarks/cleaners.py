"""Where the time of a run goes: CPU microseconds per document for each cleaner of the default pipeline.

    python benchmarks/cleaners.py [--docs 1000] [--no-timeout] [--bench DIR] [--work DIR]

Cleans the first ``--docs`` records of the news corpus in this process, timing
each cleaner's turn (its ``propose``, the host's checks and edits, the copy of
the metadata). ``--no-timeout`` sets ``cleanse.text.REGEX_TIMEOUT`` to None
before the cleaners are imported, to show what the regex timeouts cost: the
``regex`` package reads a CPU clock (a system call) at the start of every
match it tries when given a timeout. This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_BENCH, DEFAULT_WORK, corpus, load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--no-timeout", action="store_true")
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    args = parser.parse_args()
    if args.no_timeout:
        import cleanse.text

        cleanse.text.REGEX_TIMEOUT = None  # type: ignore[assignment]
    from cleanse import Pipeline
    from cleanse.model import Document

    src = corpus(10, args.bench, args.work)
    with src.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.docs), fh, strict=False)]
    pipeline = Pipeline()
    spent = dict.fromkeys(pipeline.names, 0.0)
    for text in texts:
        doc = Document(id="x", text=text)
        for cleaner in pipeline.cleaners:
            start = time.process_time()
            pipeline._run_one(cleaner, doc)
            spent[cleaner.name] += time.process_time() - start
    chars = sum(map(len, texts)) / len(texts)
    timeouts = "off" if args.no_timeout else "on"
    print(f"{len(texts)} news documents of {chars:,.0f} characters on average; regex timeouts {timeouts}; {load()}\n")
    for name, seconds in spent.items():
        print(f"{name:<12} {seconds / len(texts) * 1e6:>8.0f} µs per document")
    print(f"{'all':<12} {sum(spent.values()) / len(texts) * 1e6:>8.0f} µs per document")


if __name__ == "__main__":
    main()
