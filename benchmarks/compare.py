"""CPU per document of the default pipeline: this checkout against another revision, side by side.

    python benchmarks/compare.py [REV] [--runs 6] [--docs 1700] [--bench DIR] [--work DIR]

Checks ``REV`` (default ``HEAD``) out into a temporary git worktree and cleans
the first ``--docs`` records of the 10 MB news corpus (see _common.py) with
each tree in turn, in fresh processes, ``--runs`` times alternately: on a
shared machine a slow spell then slows both sides alike. Each process imports
its own tree's ``cleanse`` and plugins, and reports the CPU time (``process_time``)
of the cleaning alone, not of start-up or reading. Prints every run, the
minimum of each side and their ratio (below 1: this checkout is cheaper).
This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_BENCH, DEFAULT_WORK, PYTHON, ROOT, corpus, load

# Run in a fresh interpreter with the tree to measure as argv[1]: its cleanse, and its plugins as
# cleanse.plugins (an editable install would map that name to the installed tree instead).
_CHILD = """
import importlib.util, json, sys, time
tree, src, docs = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, tree)
import cleanse
spec = importlib.util.spec_from_file_location(
    "cleanse.plugins", f"{tree}/plugins/__init__.py", submodule_search_locations=[f"{tree}/plugins"]
)
plugins = importlib.util.module_from_spec(spec)
sys.modules["cleanse.plugins"] = plugins
spec.loader.exec_module(plugins)
assert cleanse.__file__.startswith(tree), cleanse.__file__
from cleanse import Pipeline
from cleanse.model import Document
with open(src, encoding="utf-8") as fh:
    texts = [json.loads(line)["text"] for _, line in zip(range(docs), fh)]
pipeline = Pipeline()
assert all(c.__module__.startswith("cleanse.plugins.") or c.__module__.startswith("cleanse.")
           for c in pipeline.cleaners)
assert sys.modules["cleanse.plugins.comments"].__file__.startswith(tree)
start = time.process_time()
for text in texts:
    doc = Document(id="x", text=text)
    for cleaner in pipeline.cleaners:
        pipeline._run_one(cleaner, doc)
print(json.dumps((time.process_time() - start) / len(texts) * 1e6))
"""


def cpu_per_doc(tree: Path, src: Path, docs: int) -> float:
    """CPU µs per document cleaning ``docs`` records of ``src`` with the code of ``tree``."""
    out = subprocess.run([PYTHON, "-c", _CHILD, str(tree), str(src), str(docs)], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"measuring {tree} failed:\n{out.stderr}")
    return float(json.loads(out.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rev", nargs="?", default="HEAD", help="git revision to compare with (default HEAD)")
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--docs", type=int, default=1700)
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    args = parser.parse_args()

    src = corpus(10, args.bench, args.work)
    with tempfile.TemporaryDirectory(prefix="cleanse-compare-") as tmp:
        other = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(other), args.rev], cwd=ROOT, check=True,
                       capture_output=True)  # fmt: skip
        try:
            print(f"CPU µs per document, {args.docs} news documents; {load()}")
            print(f"{'run':>4} {'this checkout':>14} {args.rev:>14}")
            here, there = [], []
            for run in range(1, args.runs + 1):
                here.append(cpu_per_doc(ROOT, src, args.docs))
                there.append(cpu_per_doc(other, src, args.docs))
                print(f"{run:>4} {here[-1]:>14.0f} {there[-1]:>14.0f}")
            print(f"{'min':>4} {min(here):>14.0f} {min(there):>14.0f}   ratio {min(here) / min(there):.3f}")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=ROOT, capture_output=True)


if __name__ == "__main__":
    main()
