"""CPU per document of the default pipeline: this checkout against another revision, side by side.

    python benchmarks/compare.py [REV] [--runs 6] [--docs 1700] [--bench DIR] [--work DIR]
    python benchmarks/compare.py [REV] --jobs 2 [--mb 50] [--runs 8]

Checks ``REV`` (default ``HEAD``) out into a temporary git worktree and cleans
the first ``--docs`` records of the 10 MB news corpus (see _common.py) with
each tree in turn, in fresh processes, ``--runs`` times alternately: on a
shared machine a slow spell then slows both sides alike. Each process imports
its own tree's ``cleanse`` and plugins, and reports the CPU time (``process_time``)
of the cleaning alone, not of start-up or reading. Prints every run, the
minimum of each side and their ratio (below 1: this checkout is cheaper).

With ``--jobs N``, each side runs the whole command instead, ``cleanse run``
on the ``--mb`` MB news corpus with ``--jobs N`` (start-up, reading, workers,
writing), and the wall time is compared, sides alternating which goes first;
both must write the same bytes. The CPU time of the main process (all its
threads) and of its workers is compared too (``resource.getrusage`` at exit):
what the main process spends is what bounds how many workers it can feed. This is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_BENCH, DEFAULT_WORK, ENV, PYTHON, ROOT, corpus, load

# Run in a fresh interpreter with the tree to measure as argv[1]: its cleanse, and its plugins as
# cleanse.plugins (an editable install would map that name to the installed tree instead).
_TREE = """
import importlib.util, json, sys, time
tree = sys.argv[1]
sys.path.insert(0, tree)
import cleanse
spec = importlib.util.spec_from_file_location(
    "cleanse.plugins", f"{tree}/plugins/__init__.py", submodule_search_locations=[f"{tree}/plugins"]
)
plugins = importlib.util.module_from_spec(spec)
sys.modules["cleanse.plugins"] = plugins
spec.loader.exec_module(plugins)
assert cleanse.__file__.startswith(tree), cleanse.__file__
"""
_CHILD = (
    _TREE
    + """
src, docs = sys.argv[2], int(sys.argv[3])
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
)


# The cleanse command of the tree given as argv[1] (its cleanse, its plugins as cleanse.plugins), run on argv[2:].
# At its exit it writes the CPU seconds of the process itself (all its threads) and of its reaped workers
# (resource.getrusage) to the file named by argv[2].
_COMMAND = (
    _TREE
    + """
import atexit, resource
cpu_file = sys.argv[2]

def _cpu():
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(cpu_file, "w") as fh:
        json.dump([own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime], fh)

atexit.register(_cpu)
from cleanse.cli import main
sys.argv = ["cleanse", "run", *sys.argv[3:]]
main()
"""
)


def run_wall(tree: Path, src: Path, out: Path, jobs: int) -> tuple[float, float, float]:
    """Wall seconds of ``cleanse run SRC --out OUT -q --jobs JOBS`` with the code of ``tree``, and the CPU
    seconds of its main process and of its workers."""
    args = [str(src), "--out", str(out), "-q", "--jobs", str(jobs)]
    cpu_file = out.with_suffix(".cpu.json")
    start = time.perf_counter()
    command = [PYTHON, "-c", _COMMAND, str(tree), str(cpu_file), *args]
    done = subprocess.run(command, capture_output=True, text=True, env=ENV)
    wall = time.perf_counter() - start
    if done.returncode:  # the corpus has no bad record: any failure is the tree's
        raise SystemExit(f"running {tree} failed ({done.returncode}):\n{done.stderr}")
    main, workers = json.loads(cpu_file.read_text())
    return wall, main, workers


def compare_runs(other: Path, rev: str, args: argparse.Namespace) -> None:
    src = corpus(args.mb, args.bench, args.work)
    outs = {ROOT: args.work / "compare-here.jsonl", other: args.work / "compare-there.jsonl"}
    print(f"cleanse run --jobs {args.jobs}, {src.name}, wall seconds; {load()}")
    print(f"{'run':>4} {'this checkout':>14} {rev:>14}")
    found: dict[Path, list[tuple[float, float, float]]] = {ROOT: [], other: []}
    for run in range(1, args.runs + 1):
        for tree in (ROOT, other) if run % 2 else (other, ROOT):
            found[tree].append(run_wall(tree, src, outs[tree], args.jobs))
        print(f"{run:>4} {found[ROOT][-1][0]:>14.3f} {found[other][-1][0]:>14.3f}")
    here, there = [w for w, _, _ in found[ROOT]], [w for w, _, _ in found[other]]
    print(f"{'min':>4} {min(here):>14.3f} {min(there):>14.3f}   ratio {min(here) / min(there):.3f}")
    mid_here, mid_there = statistics.median(here), statistics.median(there)
    print(f"{'med':>4} {mid_here:>14.3f} {mid_there:>14.3f}   ratio {mid_here / mid_there:.3f}")
    for k, what in ((1, "main process"), (2, "workers")):
        cpu_here = statistics.median(f[k] for f in found[ROOT])
        cpu_there = statistics.median(f[k] for f in found[other])
        if not cpu_there:  # --jobs 1: no workers
            continue
        print(f"CPU s, {what + ' (median)':<23} {cpu_here:>6.3f} {cpu_there:>14.3f}   ratio {cpu_here / cpu_there:.3f}")
    same = outs[ROOT].read_bytes() == outs[other].read_bytes()
    print("outputs: the same bytes" if same else "outputs DIFFER")


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
    parser.add_argument("--jobs", type=int, help="time whole `cleanse run --jobs N` commands instead")
    parser.add_argument("--mb", type=float, default=50, help="with --jobs: corpus size in MB (default 50)")
    args = parser.parse_args()

    src = corpus(10, args.bench, args.work)
    with tempfile.TemporaryDirectory(prefix="cleanse-compare-") as tmp:
        other = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(other), args.rev], cwd=ROOT, check=True,
                       capture_output=True)  # fmt: skip
        try:
            if args.jobs is not None:
                compare_runs(other, args.rev, args)
                return
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
