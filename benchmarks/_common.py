"""What the speed benchmarks share: the news corpus, and running a command while watching its memory.

The corpus is real news text: trafilatura's text of the news-dev pages
(``../shared/bench/news-dev``), written as JSONL records and repeated, with
fresh ids and each copy made distinct (:func:`variant`), to the size asked for. Built corpora are kept in a work folder
(default: ``$TMPDIR/cleanse-bench``) and reused.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = ROOT.parent / "shared" / "bench" / "news-dev"
DEFAULT_WORK = Path(tempfile.gettempdir()) / "cleanse-bench"
PYTHON = sys.executable
CLEANSE = [PYTHON, "-m", "cleanse"]
# Measured commands keep Python's bytecode cache (in the work folder), as an installed package has its
# compiled modules: an environment with PYTHONDONTWRITEBYTECODE set would make every run compile cleanse's
# sources again (about 0.1 s a run, before any document), which the floor, using only installed modules,
# does not pay.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
    "PYTHONPYCACHEPREFIX": str(DEFAULT_WORK / "pycache")
}


def pages(bench: Path = DEFAULT_BENCH) -> dict[str, str]:
    """The news-dev pages, decoded, by key."""
    out = {}
    for path in sorted((bench / "html").glob("*.html.gz")):
        out[path.name.split(".")[0]] = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    if not out:
        raise SystemExit(f"no pages in {bench}/html (give the news-dev folder with --bench)")
    return out


def news_texts(bench: Path = DEFAULT_BENCH, work: Path = DEFAULT_WORK) -> list[tuple[str, str]]:
    """``(key, text)``: trafilatura's text of each page (extracted once, then cached)."""
    cache = work / "news-dev-texts.json"
    if cache.exists():
        return [tuple(x) for x in json.loads(cache.read_text(encoding="utf-8"))]  # type: ignore[misc]
    import trafilatura

    texts = [(key[:16], text) for key, html in pages(bench).items() if (text := trafilatura.extract(html))]
    work.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return texts


def variant(text: str, copy: int) -> str:
    """``text`` made distinct for its ``copy``-th repeat: spaces after a line's sixth word doubled by ``copy``'s bits.

    The cleaners cache what they learn about a paragraph by its text; copies that repeat paragraphs verbatim
    would be cleaned from those caches, faster than new documents are. A doubled space changes no rule's outcome.

    >>> variant("a b c d e f g h i", 0), variant("a b c d e f g h i", 5)
    ('a b c d e f g h i', 'a b c d e f  g h  i')
    """
    if not copy:
        return text
    lines = []
    for line in text.split("\n"):
        parts = line.split(" ")
        head, tail = " ".join(parts[:6]), parts[6:]  # openings (datelines, labels) left as they are
        lines.append(head + "".join(("  " if copy >> i & 1 else " ") + w for i, w in enumerate(tail)))
    return "\n".join(lines)


def corpus(mb: float, bench: Path = DEFAULT_BENCH, work: Path = DEFAULT_WORK) -> Path:
    """A JSONL corpus of about ``mb`` megabytes of news records, no two alike (built once)."""
    path = work / f"news-distinct-{mb:g}MB.jsonl"
    if path.exists():
        return path
    texts = news_texts(bench, work)
    target = int(mb * 1_000_000)
    tmp = path.with_suffix(".tmp")
    size = n = 0
    with tmp.open("w", encoding="utf-8") as fh:
        while size < target:
            key, text = texts[n % len(texts)]
            line = json.dumps({"id": f"{key}-{n}", "text": variant(text, n // len(texts))}, ensure_ascii=False) + "\n"
            fh.write(line)
            size += len(line.encode("utf-8"))
            n += 1
    tmp.replace(path)
    return path


@dataclass
class Measured:
    wall: float
    """Seconds, start to exit."""
    peak_rss: int
    """Bytes: the largest sum of resident memory over the process and all its descendants, sampled."""
    main_rss: int
    """Bytes: the largest resident memory of the main process alone, sampled."""
    returncode: int


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_HAS_CHILDREN = os.path.exists(f"/proc/self/task/{os.getpid()}/children")  # Linux with CONFIG_PROC_CHILDREN


def _tree_rss(pid: int) -> tuple[int, int]:
    """Resident bytes of ``pid``, and of ``pid`` with its descendants (Linux /proc; 0 elsewhere).

    The descendants are found through each thread's ``children`` file: a few small reads for a run and its
    workers, where a scan of every process on the machine cost the sampler about 1% of a core, taken from
    the run it measures on two cores.
    """
    if not _HAS_CHILDREN:
        return _scan_rss(pid)
    main = total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm", "rb") as fh:
                rss = int(fh.read().split()[1]) * _PAGE
            tasks = os.listdir(f"/proc/{p}/task")
        except (FileNotFoundError, ProcessLookupError, PermissionError, IndexError, NotADirectoryError):
            continue  # exited meanwhile
        main = rss if p == pid else main
        total += rss
        for task in tasks:
            try:
                with open(f"/proc/{p}/task/{task}/children", "rb") as fh:
                    todo.extend(map(int, fh.read().split()))
            except (FileNotFoundError, ProcessLookupError, PermissionError):  # the thread ended meanwhile
                continue
    return main, total


def _scan_rss(pid: int) -> tuple[int, int]:
    """``_tree_rss`` by a scan of every process (for kernels without ``/proc/PID/task/TID/children``)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    try:
        names = os.listdir("/proc")
    except FileNotFoundError:
        return 0, 0
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
            with open(f"/proc/{name}/statm", "rb") as fh:
                rss[int(name)] = int(fh.read().split()[1]) * _PAGE
        except (FileNotFoundError, ProcessLookupError, PermissionError, IndexError):
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])  # the name may hold spaces and brackets
        children.setdefault(ppid, []).append(int(name))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, ()))
    return rss.get(pid, 0), total


def measure(cmd: list[str], stdin: Path | None = None, stdout: Path | None = None) -> Measured:
    """Run ``cmd`` and measure its wall time and memory (the whole process tree, sampled every 0.1 s)."""
    fin = stdin.open("rb") if stdin else subprocess.DEVNULL
    fout = stdout.open("wb") if stdout else subprocess.DEVNULL
    peak = [0, 0]
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=subprocess.PIPE, cwd=ROOT, env=ENV)
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                main, tree = _tree_rss(proc.pid)
                peak[0], peak[1] = max(peak[0], main), max(peak[1], tree)
                done.wait(0.1)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, status = os.waitpid(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        watcher.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        proc.stderr.close() if proc.stderr else None
    finally:
        if stdin:
            fin.close()  # type: ignore[union-attr]
        if stdout:
            fout.close()  # type: ignore[union-attr]
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return Measured(wall, peak[1], peak[0], proc.returncode)


def measure_together(cmds: list[list[str]]) -> Measured:
    """Start ``cmds`` at once and measure the wall time until the last has exited (no memory sampled)."""
    start = time.perf_counter()
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=ENV) for cmd in cmds
    ]
    errors = [proc.communicate()[1].decode(errors="replace") for proc in procs]
    wall = time.perf_counter() - start
    for cmd, proc, err in zip(cmds, procs, errors, strict=True):
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return Measured(wall, 0, 0, max(proc.returncode for proc in procs))


def halves(path: Path) -> tuple[Path, Path]:
    """``path`` (JSONL) cut in two at the line break nearest its middle byte (made once, beside it)."""
    first, second = path.with_name(f"{path.stem}.half1.jsonl"), path.with_name(f"{path.stem}.half2.jsonl")
    if first.exists() and second.exists():
        return first, second
    data = path.read_bytes()
    cut = data.find(b"\n", len(data) // 2) + 1 or len(data)
    first.write_bytes(data[:cut])
    second.write_bytes(data[cut:])
    return first, second


def best(runs: list[Measured]) -> Measured:
    """The fastest of repeated runs (on a shared machine the others were slowed down), with the largest peak."""
    fastest = min(runs, key=lambda m: m.wall)
    return Measured(fastest.wall, max(m.peak_rss for m in runs), max(m.main_rss for m in runs), fastest.returncode)


def load() -> str:
    """The load average, to read the figures by: other processes on the machine slow every run."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def mb(n: int) -> str:
    return f"{n / 1e6:.0f} MB"
