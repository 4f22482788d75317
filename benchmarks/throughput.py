"""Throughput and memory of ``cleanse run`` against the floor, side by side, in one run.

    python benchmarks/throughput.py [--mb 50] [--repeat 3] [--bench DIR] [--work DIR]

Rows, each run ``--repeat`` times in turn (the fastest run counts: on a shared
machine the others were slowed down by someone else):

- ``floor``: benchmarks/floor.py, reading the JSONL, one regex per document, writing JSONL;
- ``floor, orjson writer``: the same, writing with orjson (cleanse writes a record's text with it): shown
  for comparison, the goal stays against ``floor``;
- ``cleanse, no cleaner``: ``cleanse run --jobs 1`` with every cleaner disabled: the framework alone
  (reading, the document model, the pipeline loop, the removal log, writing);
- ``cleanse, seed cleaners``: ``--jobs 1`` with the six cleaners of the seed documents only (whitespace,
  title, captions, credits, dateline, feeds), the page-noise cleaners disabled;
- ``cleanse --jobs 1`` and ``cleanse --jobs 2``: the default pipeline;
- two ``cleanse --jobs 1`` runs started at once, each on half the corpus: what two processes that share
  nothing give on this machine (both start up, both contend for caches and memory), the ceiling of any
  ``--jobs 2``; reported as a speed-up over ``--jobs 1``, beside the goal, not as one.

Then the start-up time of ``cleanse --version``. The corpus is real news text
(see _common.py); sizes are bytes of JSONL read. Peak RSS is the sum over the
process and its workers, sampled every 0.1 s. Commands run with Python's bytecode
cache on, in the work folder (see _common.ENV). This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    CLEANSE,
    DEFAULT_BENCH,
    DEFAULT_WORK,
    ENV,
    PYTHON,
    ROOT,
    Measured,
    best,
    corpus,
    halves,
    load,
    mb,
    measure,
    measure_together,
)

GOALS = {"jobs1_vs_floor": 1 / 3, "jobs2_vs_jobs1": 1.8, "peak_rss": 200e6}
TWO_HALVES = "two --jobs 1, halves"
SEED_CLEANERS = {"whitespace", "title", "captions", "credits", "dateline", "feeds"}
HEAVY = ("trafilatura", "dask", "distributed", "rich", "charset_normalizer")


def verdict(ok: bool, goal: str) -> str:
    return f"{'meets' if ok else 'MISSES'} the goal ({goal})"


def cleaner_names() -> list[str]:
    # Also compiles every module a run imports into the bytecode cache the measured runs use (_common.ENV).
    out = subprocess.run([*CLEANSE, "plugins", "--json"], capture_output=True, text=True, check=True, cwd=ROOT, env=ENV)
    return [row["name"] for row in json.loads(out.stdout) if row["enabled"]]


def version_start() -> tuple[float, float, list[str]]:
    """Best wall time (ms) of ``cleanse --version`` and of ``python -c pass``, and the heavy packages it imports."""

    def fastest(cmd: list[str]) -> float:
        times = []
        for _ in range(7):
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True, cwd=ROOT, env=ENV)
            times.append(time.perf_counter() - start)
        return min(times) * 1000

    trace = subprocess.run(
        [PYTHON, "-X", "importtime", "-m", "cleanse", "--version"], capture_output=True, text=True, env=ENV
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in trace.stderr.splitlines() if "|" in line}
    return fastest([*CLEANSE, "--version"]), fastest([PYTHON, "-c", "pass"]), [h for h in HEAVY if h in imported]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=50, help="corpus size in MB (default 50)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    args = parser.parse_args()

    src = corpus(args.mb, args.bench, args.work)
    size = src.stat().st_size
    with src.open("rb") as fh:
        docs = sum(1 for _ in fh)
    out = args.work / "out.jsonl"
    names = cleaner_names()
    no_cleaner = [arg for name in names for arg in ("-p", f"no:{name}")]
    seed_only = [arg for name in names if name not in SEED_CLEANERS for arg in ("-p", f"no:{name}")]
    rows = {
        "floor": [PYTHON, str(ROOT / "benchmarks" / "floor.py"), str(src), str(out)],
        "floor, orjson writer": [PYTHON, str(ROOT / "benchmarks" / "floor.py"), str(src), str(out), "--orjson"],
        "cleanse, no cleaner": [*CLEANSE, "run", str(src), "--out", str(out), "-q", "--jobs", "1", *no_cleaner],
        "cleanse, seed cleaners": [*CLEANSE, "run", str(src), "--out", str(out), "-q", "--jobs", "1", *seed_only],
        "cleanse --jobs 1": [*CLEANSE, "run", str(src), "--out", str(out), "-q", "--jobs", "1"],
        "cleanse --jobs 2": [*CLEANSE, "run", str(src), "--out", str(out), "-q", "--jobs", "2"],
    }
    # Two --jobs 1 runs at once, each on half the corpus, each writing its own output: two processes with no
    # coordination at all, so what this machine gives two processes (the ceiling of any --jobs 2).
    pair = [
        [*CLEANSE, "run", str(half), "--out", str(args.work / f"out-{k}.jsonl"), "-q", "--jobs", "1"]
        for k, half in enumerate(halves(src), start=1)
    ]
    print(f"corpus: {src} ({mb(size)}, {docs} documents); {load()}", flush=True)
    runs: dict[str, list[Measured]] = {name: [] for name in [*rows, TWO_HALVES]}
    for _ in range(args.repeat):
        for name, cmd in rows.items():
            runs[name].append(measure(cmd))
        runs[TWO_HALVES].append(measure_together(pair))
    result = {name: best(found) for name, found in runs.items()}
    floor = result["floor"].wall

    print(f"\n{'run':<24} {'seconds':>8} {'MB/s':>7} {'docs/s':>8} {'x floor':>8} {'peak RSS':>9} {'main RSS':>9}")
    for name, m in result.items():
        if name == TWO_HALVES:
            continue  # its figures are not one run's: shown below, as the ceiling
        print(
            f"{name:<24} {m.wall:>8.2f} {size / m.wall / 1e6:>7.1f} {docs / m.wall:>8.0f} {floor / m.wall:>8.2f}"
            f" {mb(m.peak_rss):>9} {mb(m.main_rss):>9}"
        )
    v_ms, python_ms, heavy = version_start()
    found = ", ".join(heavy) or "none"
    print(f"\ncleanse --version: {v_ms:.0f} ms (python -c pass: {python_ms:.0f} ms); heavy imports: {found}")

    j1, j2 = result["cleanse --jobs 1"], result["cleanse --jobs 2"]
    peak = max(m.peak_rss for m in result.values())
    print(f"\n{'framework alone vs floor (speed)':<34} {floor / result['cleanse, no cleaner'].wall:6.2f}")
    print(f"{'seed cleaners vs floor (speed)':<34} {floor / result['cleanse, seed cleaners'].wall:6.2f}")
    ratio = floor / j1.wall
    print(f"{'--jobs 1 vs floor (speed)':<34} {ratio:6.2f}  {verdict(ratio >= GOALS['jobs1_vs_floor'], '>= 0.33')}")
    orjson_floor = result["floor, orjson writer"].wall
    print(f"{'--jobs 1 vs the orjson floor':<34} {orjson_floor / j1.wall:6.2f}  (for comparison only)")
    ratio = j1.wall / j2.wall
    print(f"{'--jobs 2 vs --jobs 1 (speed)':<34} {ratio:6.2f}  {verdict(ratio >= GOALS['jobs2_vs_jobs1'], '>= 1.80')}")
    ceiling = j1.wall / result[TWO_HALVES].wall
    print(f"{'two --jobs 1 on halves, at once':<34} {ceiling:6.2f}  (x --jobs 1: what two processes give here)")
    print(f"{'--jobs 2 of that ceiling':<34} {ratio / ceiling:6.0%}")
    print(f"{'peak RSS, any run (all processes)':<34} {mb(peak):>6}  {verdict(peak < GOALS['peak_rss'], '< 200 MB')}")
    print(f"{'cleanse --version':<34} {v_ms:4.0f} ms  {verdict(not heavy, 'no trafilatura, no Dask')}")
    print(f"\n{load()}")


if __name__ == "__main__":
    main()
