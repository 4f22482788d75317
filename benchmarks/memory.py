"""Peak memory of ``cleanse run`` as the corpus grows: it should stay flat.

    python benchmarks/memory.py [--sizes 10 40 160] [--bench DIR] [--work DIR]

For each corpus size (MB of news JSONL), the peak resident memory of
``cleanse run FILE --out OUT.jsonl`` with ``--jobs 1`` and ``--jobs 2`` (the sum
over the process and its workers, sampled every 0.1 s), and of
``cleanse run - --out -`` streaming the corpus through stdin and stdout.
This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CLEANSE, DEFAULT_BENCH, DEFAULT_WORK, corpus, load, mb, measure

GOAL = 200e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 40, 160])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    args = parser.parse_args()
    out = args.work / "memory-out.jsonl"
    print(f"{load()}\n")
    print(f"{'corpus':>8} {'--jobs 1':>10} {'--jobs 2':>10} {'stdin, --jobs 2':>16} {'seconds (jobs 2)':>17}")
    peaks = []
    for size in args.sizes:
        src = corpus(size, args.bench, args.work)
        one = measure([*CLEANSE, "run", str(src), "--out", str(out), "-q", "--jobs", "1"])
        two = measure([*CLEANSE, "run", str(src), "--out", str(out), "-q", "--jobs", "2"])
        piped = measure([*CLEANSE, "run", "-", "--out", "-", "-q", "--jobs", "2"], stdin=src, stdout=out)
        peaks += [one.peak_rss, two.peak_rss, piped.peak_rss]
        print(
            f"{mb(src.stat().st_size):>8} {mb(one.peak_rss):>10} {mb(two.peak_rss):>10} {mb(piped.peak_rss):>16}"
            f" {two.wall:>17.1f}",
            flush=True,
        )
    verdict = "meets" if max(peaks) < GOAL else "MISSES"
    print(f"\nlargest peak: {mb(max(peaks))} ({verdict} the goal of < {mb(int(GOAL))}); {load()}")


if __name__ == "__main__":
    main()
