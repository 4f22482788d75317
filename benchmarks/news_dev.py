"""Article-body quality on news-dev: trafilatura alone against cleanse, side by side, in one run.

    python benchmarks/news_dev.py [BENCH_DIR] [--worst N]

BENCH_DIR holds ``gold.json`` and ``html/KEY.html.gz`` (default:
``../shared/bench/news-dev`` beside the project, i.e. /work/shared/bench/news-dev).
Rows:

- ``trafilatura``: ``trafilatura.extract(html)`` with its default options;
- ``cleanse html``: cleanse on the page (its extraction stage, then every cleaner);
- ``traf text -> cleanse``: cleanse on trafilatura's default text output (no page metadata);
- ``cleanse extract only``: cleanse's extraction stage with no cleaner, to show
  what the extraction options and what the cleaners each contribute.

The metric is :mod:`cleanse.evaluate`'s (the benchmark's own). This is a
measurement, not a test: it reads the shared benchmark and prints figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

from cleanse.config import Config
from cleanse.evaluate import Scores, evaluate, format_report
from cleanse.pipeline import Pipeline

DEFAULT_BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "news-dev"


def load(bench: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Gold bodies and decoded pages, by key."""
    gold = {k: v["articleBody"] for k, v in json.loads((bench / "gold.json").read_text("utf-8")).items()}
    pages = {}
    for key in gold:
        data = gzip.decompress((bench / "html" / f"{key}.html.gz").read_bytes())
        pages[key] = data.decode("utf-8", errors="replace")
    return gold, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("bench", nargs="?", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--worst", type=int, default=0, help="also show the N worst pages of 'cleanse html'")
    args = parser.parse_args(argv)
    import trafilatura

    gold, pages = load(args.bench)
    rows: list[tuple[str, Scores, float]] = []

    started = time.perf_counter()
    traf = {k: trafilatura.extract(html) or "" for k, html in pages.items()}
    rows.append(("trafilatura (defaults)", evaluate(gold, traf), time.perf_counter() - started))

    full = Pipeline()
    started = time.perf_counter()
    cleaned = {k: full.clean(html, id=k, html=True).text for k, html in pages.items()}
    rows.append(("cleanse html", evaluate(gold, cleaned), time.perf_counter() - started))

    started = time.perf_counter()
    on_text = {k: full.clean(text, id=k, html=False).text for k, text in traf.items()}
    rows.append(("traf text -> cleanse", evaluate(gold, on_text), time.perf_counter() - started))

    names = [r.name for r in full.registry if r.name != "extract"]
    bare = Pipeline(Config(disable=frozenset(names)))
    started = time.perf_counter()
    extracted = {k: bare.clean(html, id=k, html=True).text for k, html in pages.items()}
    rows.append(("cleanse extract only", evaluate(gold, extracted), time.perf_counter() - started))

    print(f"news-dev: {len(gold)} pages from {args.bench}")
    print(f"{'':24} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6} {'seconds':>8}")
    for label, s, seconds in rows:
        print(f"{label:24} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.accuracy:6.3f} {seconds:8.1f}")
    base = rows[0][1]
    for label, s, _ in rows[1:3]:
        print(f"{label}: F1 {s.f1 - base.f1:+.4f}, recall {s.recall - base.recall:+.4f} against trafilatura")
    if args.worst:
        print()
        print(format_report(rows[1][1], gold, cleaned, worst=args.worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
