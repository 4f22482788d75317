"""HTML input: cleanse (extraction, then every cleaner) against trafilatura's extract alone, on the same pages.

    python benchmarks/html_pages.py [--copies 6] [--repeat 3] [--bench DIR] [--work DIR]

Two comparisons, side by side in one run:

- in this process, page by page (CPU seconds): ``trafilatura.extract`` with its
  defaults, ``trafilatura.extract`` with the options cleanse's extraction stage
  uses (no comments, with metadata), and cleanse's pipeline on the page
  (``Pipeline.run``: the extraction stage, then every cleaner);
- as commands (wall seconds, start-up included, fastest of ``--repeat``):
  benchmarks/trafilatura_alone.py against ``cleanse run PAGES --jobs 1``, on a
  folder holding ``--copies`` copies of the news-dev pages.

The goal: cleanse within 10% of trafilatura alone. This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CLEANSE, DEFAULT_BENCH, DEFAULT_WORK, PYTHON, ROOT, best, load, measure, pages

GOAL = 1.10


def in_process(htmls: list[str], repeat: int) -> dict[str, float]:
    import trafilatura

    from cleanse import Pipeline
    from cleanse.model import Document

    pipeline = Pipeline()
    runs = {
        "trafilatura.extract, defaults": lambda html: trafilatura.extract(html),
        "trafilatura.extract, cleanse's options": lambda html: trafilatura.extract(
            html, include_comments=False, with_metadata=True
        ),
        "cleanse pipeline (extract + cleaners)": lambda html: pipeline.run(
            Document(id="page", text=html, format="html")
        ),
    }
    spent = {name: float("inf") for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.process_time()
            for html in htmls:
                run(html)
            spent[name] = min(spent[name], time.process_time() - start)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    args = parser.parse_args()
    htmls = list(pages(args.bench).values())
    print(f"{len(htmls)} pages of {args.bench}; {load()}\n")

    spent = in_process(htmls, args.repeat)
    base = spent["trafilatura.extract, cleanse's options"]
    print(f"{'in process, all pages':<40} {'CPU s':>7} {'ms/page':>8} {'x trafilatura':>14}")
    for name, seconds in spent.items():
        print(f"{name:<40} {seconds:>7.2f} {seconds / len(htmls) * 1000:>8.1f} {seconds / base:>14.3f}")

    folder = args.work / f"pages-x{args.copies}"
    if not folder.exists():
        for copy in range(args.copies):
            shutil.copytree(args.bench / "html", folder / f"copy{copy}")
    out = args.work / "html-out.jsonl"
    commands = {
        "trafilatura alone (script)": [
            PYTHON, str(ROOT / "benchmarks" / "trafilatura_alone.py"), str(folder), str(out), "--cleanse-options",
        ],
        "cleanse run --jobs 1": [*CLEANSE, "run", str(folder), "--out", str(out), "-q", "--jobs", "1"],
    }  # fmt: skip
    runs: dict[str, list] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, cmd in commands.items():
            runs[name].append(measure(cmd))
    found = {name: best(r) for name, r in runs.items()}
    count = len(htmls) * args.copies
    print(f"\n{'commands, ' + str(count) + ' pages':<40} {'wall s':>7} {'ms/page':>8} {'x trafilatura':>14}")
    alone = found["trafilatura alone (script)"].wall
    for name, m in found.items():
        print(f"{name:<40} {m.wall:>7.2f} {m.wall / count * 1000:>8.1f} {m.wall / alone:>14.3f}")

    ratio_in = spent["cleanse pipeline (extract + cleaners)"] / base
    ratio_cmd = found["cleanse run --jobs 1"].wall / alone
    for label, ratio in (("in process", ratio_in), ("commands", ratio_cmd)):
        verdict = "meets" if ratio <= GOAL else "MISSES"
        print(f"cleanse / trafilatura alone, {label}: {ratio:.3f} ({verdict} the goal of <= {GOAL:.2f})")
    print(f"\n{load()}")


if __name__ == "__main__":
    main()
