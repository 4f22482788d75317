"""Running at scale: streaming, worker processes, Dask, progress, and a quick start.

No test here measures time: the benchmarks under benchmarks/ do that.
"""

from __future__ import annotations

import gc
import io
import json
import os
import select
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import alive, children, cleanse

from cleanse import Cleaner, Edit, Pipeline
from cleanse.io import InputError, RawRecord, jsonl_records, read_jsonl_stream
from cleanse.model import Cleaned, CleanedRun, Document, PluginFailure
from cleanse.runner import GC_PAUSE_CHARS, Summary, pack, run_local, run_parallel

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def corpus_lines(copies: int) -> list[str]:
    """JSONL records of the seed texts, ``copies`` times over, with a broken line in the middle."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    lines = [
        json.dumps({"id": f"{i}-{j}", "text": text, "n": i}) for i in range(copies) for j, text in enumerate(texts)
    ]
    lines.insert(len(lines) // 2, '{"text": broken')
    return lines


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    path.write_text("\n".join(corpus_lines(40)) + "\n", encoding="utf-8")
    return path


# --- reading is lazy ---------------------------------------------------------------------------


class CountingStream(io.BytesIO):
    """A byte stream that says how far it has been read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.served = 0

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self.served += len(line)
        return line


def test_jsonl_streams_are_read_record_by_record() -> None:
    data = b"".join(json.dumps({"text": f"Story {i}."}).encode() + b"\n" for i in range(10_000))
    stream = CountingStream(data)
    records = read_jsonl_stream(stream, "big.jsonl", "big", max_bytes=1000)
    first = next(records)
    assert isinstance(first, Document) and first.text == "Story 0."
    assert stream.served < 100, "one record read, not the stream"


def test_an_overlong_record_is_skipped_without_being_held() -> None:
    stream = CountingStream(b'{"text": "' + b"x" * 5_000_000 + b'"}\n{"text": "Next."}\n')
    items = list(jsonl_records(stream, "s.jsonl", "s", max_bytes=1000))
    assert isinstance(items[0], InputError) and "longer than the limit" in items[0].reason and items[0].line == 1
    assert isinstance(items[1], RawRecord) and items[1].number == 2


def endless(counter: list[int]) -> Iterator[Document]:
    """Documents without end, counting how many were taken."""
    text = SEEDS[0].read_text(encoding="utf-8")
    while True:
        counter[0] += 1
        yield Document(id=str(counter[0]), text=text)


@pytest.mark.parametrize("jobs", [1, 2])
def test_engines_read_a_bounded_way_ahead(jobs: int) -> None:
    taken = [0]
    outcomes = run_parallel(Pipeline(), endless(taken), jobs, batch_docs=4, batch_chars=10**9)
    for _ in range(10):
        next(outcomes)
    outcomes.close()  # stops the workers
    # jobs=1 reads one at a time; with workers: the batches out (2 per worker, one more being
    # handed back), the reader's buffer (a batch) and the document in its hand.
    assert taken[0] <= (10 if jobs == 1 else 10 + 4 * (2 * jobs + 2) + 1)


# --- same documents, same order, same counts ---------------------------------------------------


def inputs(lines: list[str]) -> list[RawRecord]:
    return [RawRecord(line.encode(), "c.jsonl", "c", n) for n, line in enumerate(lines, 1)]


def test_parallel_outcomes_equal_local_ones_in_order() -> None:
    lines = corpus_lines(3)
    local = list(run_local(Pipeline(), inputs(lines), Cleaned.of))
    parallel = list(run_parallel(Pipeline(), inputs(lines), 2, finish=Cleaned.of, batch_docs=3))
    assert parallel == local
    assert sum(isinstance(o, InputError) for o in parallel) == 1
    assert [json.loads(o.record)["id"] for o in parallel if isinstance(o, Cleaned)][:3] == ["0-0", "0-1", "0-2"]


@pytest.mark.parametrize("batches", [1, 3])  # all in the first batch (cleaned here), or on the workers
def test_a_finished_parallel_run_leaves_no_executor_thread_behind(batches: int) -> None:
    # Python 3.11's executor threads, left to exit on their own, race the interpreter's exit for the pipes
    # they write to (an "OSError: Bad file descriptor" traceback on stderr, seen once in CI): a run that
    # ended waits for them.

    lines = corpus_lines(1)[: 2 * batches]
    before = threading.active_count()
    outcomes = list(run_parallel(Pipeline(), inputs(lines), 2, batch_docs=2))
    assert len(outcomes) == len(lines)
    assert threading.active_count() == before


def test_summary_adds_up_whatever_the_workers() -> None:
    lines = corpus_lines(3)
    docs = [o for o in run_local(Pipeline(), inputs(lines)) if isinstance(o, Document)]
    by_docs, by_records = Summary(plugins=[]), Summary(plugins=[])
    for doc in docs:
        by_docs.add(doc)
    for o in run_parallel(Pipeline(), inputs(lines), 2, finish=Cleaned.of, batch_docs=2):
        if isinstance(o, Cleaned):
            by_records.add(o)
    assert by_records == by_docs
    assert by_docs.removals["feeds"] == 3 * 81


def test_packed_workers_send_runs_of_the_same_documents_and_counts() -> None:
    lines = corpus_lines(3)
    local = list(run_local(Pipeline(), inputs(lines), Cleaned.of))
    packed = list(run_parallel(Pipeline(), inputs(lines), 2, finish=Cleaned.of, batch_docs=4, packed=True))
    runs = [o for o in packed if isinstance(o, CleanedRun)]
    assert runs and all(2 <= len(run) <= 4 for run in runs)
    unpacked = [d for o in packed for d in (o.each() if isinstance(o, CleanedRun) else [o])]
    assert unpacked == local
    # A run's records are JSONL as written; a summary counts a run as it counts its documents one by one.
    assert b"".join(run.records for run in runs) == b"".join(c.record + b"\n" for r in runs for c in r.each())
    by_docs, by_runs = Summary(plugins=[], keep_rows=5), Summary(plugins=[], keep_rows=5)
    for o in local:
        if isinstance(o, Cleaned):
            by_docs.add(o)
    for o in packed:
        if isinstance(o, CleanedRun):
            by_runs.add_run(o)
        elif isinstance(o, Cleaned):
            by_runs.add(o)
    assert by_runs == by_docs and len(by_runs.rows) == 5


def test_a_document_with_a_plugin_failure_or_an_error_ends_a_run() -> None:
    ok = Cleaned("a", "s", b'{"id": "a"}', 1, (("feeds", 3),))
    failed = Cleaned("b", "s", b'{"id": "b"}', 1, (), (PluginFailure("feeds", "ValueError: x"),))
    error = InputError("s", "bad", 3)
    packed = pack([ok, ok, failed, ok, error, ok, ok, ok])
    assert [type(o).__name__ for o in packed] == ["CleanedRun", "Cleaned", "Cleaned", "InputError", "CleanedRun"]
    assert packed[1] is failed and packed[2] is ok
    assert [len(packed[0]), len(packed[4])] == [2, 3]  # type: ignore[arg-type]
    assert packed[4].removals == {"feeds": 3} and packed[4].docs_touched == {"feeds": 3}  # type: ignore[union-attr]
    assert packed[4].chars_removed == {"feeds": 9} and packed[4].chars_in == 12  # type: ignore[union-attr]


def test_jobs_give_the_same_output_and_summary(corpus: Path, tmp_path: Path) -> None:
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        proc = cleanse("run", str(corpus), "--out", str(out), "--jobs", jobs, cwd=tmp_path)
        assert proc.returncode == 1, proc.stderr  # the broken line
        assert "news.jsonl:101: not valid JSON" in proc.stderr
        runs[jobs] = (out.read_bytes(), proc.stdout.replace(str(out), "OUT"))
    assert runs["1"] == runs["2"]
    records = [json.loads(line) for line in runs["1"][0].splitlines()]
    assert len(records) == 200 and records[0]["id"] == "0-0" and records[-1]["id"] == "39-4"
    assert "feeds" in runs["1"][1] and "200 documents cleaned, 1 failed" in " ".join(runs["1"][1].split())


def test_stdin_is_cleaned_record_by_record_with_workers(tmp_path: Path) -> None:
    """Each record comes out before the next goes in, although two workers batch their input."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleanse", "run", "-", "--out", "-", "--jobs", "2"],
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for i in range(3):
            proc.stdin.write(
                json.dumps({"id": f"r{i}", "text": f"SEOUL (Reuters) - Record {i}.\n\n\n"}).encode() + b"\n"
            )
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 120)
            assert ready, f"record {i} did not come out while the input stayed open"
            cleaned = json.loads(proc.stdout.readline())
            assert cleaned["id"] == f"r{i}" and cleaned["text"] == f"Record {i}."
        proc.stdin.close()
        assert proc.wait(timeout=120) == 0
    finally:
        proc.kill()
        proc.wait()


# --- a worker that dies ------------------------------------------------------------------------

CRASHING_PLUGIN = """
import os, time
from cleanse import Cleaner, hookimpl

class Crash(Cleaner):
    name = "crash"
    order = 900

    def propose(self, text, meta):
        if "CRASH" in text:
            os._exit(3)  # as a segfault in native code would
        if "HANG" in text:
            time.sleep(600)
        return []

@hookimpl
def register_cleaners(register):
    register(Crash())
"""

DRIVER = """
import sys
sys.path.insert(0, sys.argv[1])
from cleanse import Pipeline
from cleanse.model import Document
from cleanse.runner import Failed, run_parallel

if __name__ == "__main__":
    docs = [Document(str(i), "CRASH here." if i == 5 else f"Story {i}.") for i in range(12)]
    for outcome in run_parallel(Pipeline(plugins=["crashplug"]), docs, 2, batch_docs=2):
        print(outcome.doc_id + " failed: " + outcome.reason if isinstance(outcome, Failed) else outcome.id)
"""


def test_a_dead_worker_fails_only_its_document(tmp_path: Path) -> None:
    (tmp_path / "crashplug.py").write_text(CRASHING_PLUGIN, encoding="utf-8")
    (tmp_path / "driver.py").write_text(DRIVER, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(tmp_path / "driver.py"), str(tmp_path)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[:5] == ["0", "1", "2", "3", "4"] and lines[6:] == [str(i) for i in range(6, 12)]
    assert lines[5].startswith("5 failed: the worker process cleaning it died")


HANGING_DRIVER = """
import sys
sys.path.insert(0, sys.argv[1])
from cleanse import Pipeline
from cleanse.model import Document
from cleanse.runner import run_parallel

if __name__ == "__main__":
    docs = [Document(str(i), "CRASH." if i == 1 else "HANG." if i >= 4 else f"Story {i}.") for i in range(8)]
    for outcome in run_parallel(Pipeline(plugins=["crashplug"]), docs, 2, batch_docs=1):
        print(getattr(outcome, "id", None) or outcome.doc_id, flush=True)
"""


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        kids = children(todo.pop())
        found |= kids
        todo += kids
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's parent-death signal is Linux's")
def test_workers_from_a_forkserver_die_with_a_killed_run(tmp_path: Path) -> None:
    (tmp_path / "crashplug.py").write_text(CRASHING_PLUGIN, encoding="utf-8")  # a crash replaces the pool
    (tmp_path / "driver.py").write_text(HANGING_DRIVER, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(tmp_path / "driver.py"), str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        seen = [proc.stdout.readline().strip() for _ in range(4)]  # 0, 1 (its worker died), 2, 3
        assert seen == ["0", "1", "2", "3"]
        deadline = time.monotonic() + 60
        while len(workers := _descendants(proc.pid)) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)  # the forkserver and its workers, hanging on documents 4 and 5
        assert len(workers) >= 3, workers
    finally:
        proc.kill()
        proc.wait()
    deadline = time.monotonic() + 30
    while workers and time.monotonic() < deadline:
        workers = {pid for pid in workers if alive(pid) is not None}
        time.sleep(0.05)
    assert not workers, f"processes {sorted(workers)} outlived the killed run"


# --- Dask ----------------------------------------------------------------------------------------


def test_dask_on_a_scheduler_gives_the_local_output(corpus: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    expected = tmp_path / "local.jsonl"
    assert cleanse("run", str(corpus), "--out", str(expected), "--jobs", "1", cwd=tmp_path).returncode == 1
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=None
    ) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        out = tmp_path / "dask.jsonl"
        proc = cleanse(
            "run", str(corpus), "--out", str(out), "--engine", "dask", "--scheduler", cluster.scheduler_address,
            cwd=tmp_path,
        )  # fmt: skip
        assert proc.returncode == 1, proc.stderr
        assert "news.jsonl:101: not valid JSON" in proc.stderr
        assert out.read_bytes() == expected.read_bytes()


def test_dask_without_a_scheduler_starts_a_local_cluster(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    lines = corpus_lines(2)
    proc = cleanse("run", "-", "--out", "-", "--engine", "dask", "--jobs", "1", cwd=tmp_path, stdin="\n".join(lines))
    local = cleanse("run", "-", "--out", "-", "--jobs", "1", cwd=tmp_path, stdin="\n".join(lines))
    assert proc.returncode == local.returncode == 1, proc.stderr
    assert proc.stdout == local.stdout and proc.stdout.count("\n") == 10


def test_scheduler_needs_the_dask_engine(tmp_path: Path) -> None:
    proc = cleanse("run", "-", "--out", "-", "--scheduler", "tcp://127.0.0.1:1", cwd=tmp_path, stdin="")
    assert proc.returncode == 2 and "--engine dask" in proc.stderr


# --- progress and start-up -----------------------------------------------------------------------


def test_piped_runs_print_no_progress(corpus: Path, tmp_path: Path) -> None:
    proc = cleanse("run", str(corpus), "--out", str(tmp_path / "o.jsonl"), cwd=tmp_path)
    assert "\x1b[" not in proc.stderr and "documents" not in proc.stderr.replace("200 documents cleaned", "")


def test_progress_draws_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal the bar shows documents, megabytes, speed and failures (forced to appear at once)."""
    script = textwrap.dedent(
        """
        import os, sys
        from cleanse import progress
        assert progress.wanted(quiet=False, jsonl_to_stdout=False)
        assert not progress.wanted(quiet=True, jsonl_to_stdout=False)
        with progress.Progress(enabled=True, delay=0) as bar:
            bar.advance(3_000_000)
            bar.log("cleanse: error: x.txt: empty file")
            bar.advance(0, failed=True)
        """
    )
    import pty

    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            seen += chunk
        assert proc.wait(timeout=60) == 0, seen.decode(errors="replace")
    finally:
        os.close(master)
    shown = seen.decode(errors="replace")
    assert "documents" in shown and "MB/s" in shown and "failed" in shown
    assert "cleanse: error: x.txt: empty file" in shown


def test_version_imports_no_heavy_package(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cleanse", "--version"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0 and "cleanse" in proc.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    for heavy in ("trafilatura", "dask", "distributed", "rich", "charset_normalizer", "lxml"):
        assert heavy not in imported, f"cleanse --version imports {heavy}"


# --- the garbage collector, paused for long documents ---------------------------------------


class _GcWatcher(Cleaner):
    """Notes whether the cyclic garbage collector runs while it cleans."""

    name = "gc-watcher"
    order = 50

    def __init__(self) -> None:
        self.seen: list[bool] = []

    def propose(self, text: str, meta: dict[str, Any]) -> Iterable[Edit]:
        self.seen.append(gc.isenabled())
        return []


LONG = "Talks ended.\n" * (GC_PAUSE_CHARS // 13 + 1)


def test_a_long_document_is_cleaned_with_the_collector_paused_where_cleanse_owns_the_process() -> None:
    watcher = _GcWatcher()
    pipeline = Pipeline(cleaners=[watcher])
    assert gc.isenabled()
    docs = [Document("short", "Talks ended."), Document("long", LONG)]
    assert len(list(run_local(pipeline, docs, pause_gc=True))) == 2
    list(run_local(pipeline, docs))  # not asked: a library caller's process
    pipeline.clean(LONG)  # Pipeline.run itself never pauses it
    assert watcher.seen == [True, False, True, True, True] and gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off() -> None:
    gc.disable()
    try:
        list(run_local(Pipeline(cleaners=[_GcWatcher()]), [Document("long", LONG)], pause_gc=True))
        assert not gc.isenabled()
    finally:
        gc.enable()


class _GcInMeta(Cleaner):
    """Writes in the metadata whether the cyclic garbage collector ran while it cleaned."""

    name = "gc-in-meta"
    order = 50

    def propose(self, text: str, meta: dict[str, Any]) -> Iterable[Edit]:
        meta["gc"] = gc.isenabled()
        return []


def test_workers_clean_long_documents_with_the_collector_paused() -> None:
    docs = [Document(str(i), LONG if i % 2 else "Talks ended.") for i in range(6)]
    outcomes = list(run_parallel(Pipeline(cleaners=[_GcInMeta()]), docs, 2, batch_docs=1))
    assert [o.meta["gc"] for o in outcomes if isinstance(o, Document)] == [True, False] * 3
    assert gc.isenabled()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_SETPIPE_SZ is Linux's")
def test_the_pools_pipes_are_widened_to_take_a_batch_at_once() -> None:
    import fcntl
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from cleanse.runner import _widen_pipes

    if int(Path("/proc/sys/fs/pipe-max-size").read_text()) < 1 << 20:
        pytest.skip("this system's pipes cannot be that wide")
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as executor:
        _widen_pipes(executor)
        ends = [executor._call_queue._writer, executor._result_queue._reader]  # type: ignore[attr-defined]
        assert [fcntl.fcntl(end.fileno(), 1032) for end in ends] == [1 << 20] * 2  # F_GETPIPE_SZ
