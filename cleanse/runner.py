"""Running a pipeline over many documents: in this process, on worker processes, or on a Dask cluster.

Every engine yields its outcomes in input order, so the output is the same
whatever the engine and the number of workers, and each holds a bounded
number of documents whatever the size of the input:

- :func:`run_local` cleans one document after another, as they are read.
- :func:`run_parallel` reads on a thread and cuts the documents into batches
  (:data:`BATCH_DOCS` documents or :data:`BATCH_CHARS` characters, whichever
  comes first; a batch also goes out when the input pauses for :data:`LINGER`
  seconds, so a trickle of records is not held back). At most
  :data:`IN_FLIGHT_PER_WORKER` batches per worker are out at any time. Workers
  are processes (see :class:`_ProcessPool`); a worker that dies (killed, out
  of memory, a crash in native code) fails only the document it was cleaning.
- :func:`run_dask` sends the same batches to the workers of a Dask cluster.

JSONL records go to the workers as the bytes that were read
(:class:`cleanse.io.RawRecord`, or many lines at once in a
:class:`cleanse.io.RawBlock`) and, with ``finish=Cleaned.of``, come back as
serialized output records (:class:`cleanse.model.Cleaned`): the reading and
writing process only moves bytes. Callers count their summaries from the
outcomes they receive, so the counts add up across workers.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import sys
import threading
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from cleanse.io import Input, InputError, Item, RawBlock, RawRecord
from cleanse.model import Cleaned, CleanedRun, Document, removal_sizes, tally_removed
from cleanse.pipeline import Pipeline

if TYPE_CHECKING:  # imported where a pool starts: a --jobs 1 run needs no process pool (about 10 ms of imports)
    from concurrent.futures import Future, ProcessPoolExecutor

#: A batch closes at this many documents ...
BATCH_DOCS = 64
#: ... or this many characters of text, whichever comes first.
BATCH_CHARS = 1_000_000
#: Seconds a started batch waits for more input before it goes out anyway.
LINGER = 0.05
#: Batches out per worker: one being cleaned, one waiting, so no worker idles.
IN_FLIGHT_PER_WORKER = 2

ENGINES = ("local", "dask")


class EngineError(RuntimeError):
    """An engine that cannot start (Dask not installed, a scheduler out of reach)."""


@dataclass(frozen=True)
class Failed:
    """A document that could not be cleaned, with where and why."""

    source: str
    doc_id: str
    reason: str
    detail: str = ""
    """The traceback, shown only with --debug."""

    def __str__(self) -> str:
        where = self.source or self.doc_id
        if self.doc_id and self.source and self.doc_id not in self.source:
            where = f"{self.source} (record {self.doc_id})"
        return f"{where}: {self.reason}"


Outcome = Document | Cleaned | CleanedRun | InputError | Failed
#: Applied to each cleaned document where it was cleaned (in the worker), e.g. ``Cleaned.of``.
Finish = Callable[[Document], Document | Cleaned]


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def clean_item(
    pipeline: Pipeline, item: Item | RawRecord, finish: Finish | None = None, *, pause_gc: bool = False
) -> Outcome:
    """Clean one document (parsing it first if it is a raw record), then ``finish`` it.

    An input error passes through; a failure is caught and described. With
    ``pause_gc`` (see :func:`run`), a long document is cleaned with Python's
    cyclic garbage collector paused.
    """
    if isinstance(item, RawRecord):
        item = item.parse()
    if isinstance(item, InputError):
        return item
    try:
        if pause_gc and len(item.text) >= GC_PAUSE_CHARS:
            with _collector_paused():
                doc = pipeline.run(item)
        else:
            doc = pipeline.run(item)
        return finish(doc) if finish is not None else doc
    except Exception as exc:
        return Failed(item.source, item.id, f"{type(exc).__name__}: {exc}", traceback.format_exc())


def clean_batch(
    pipeline: Pipeline, batch: list[Input], finish: Finish | None = None, *, pause_gc: bool = False
) -> list[Outcome]:
    """Clean a batch of documents in order: the task a worker process or a Dask worker runs."""
    return [clean_item(pipeline, item, finish, pause_gc=pause_gc) for item in each_record(batch)]


def pack(outcomes: list[Outcome]) -> list[Outcome]:
    """``outcomes`` with each run of two or more consecutive :class:`Cleaned` without plugin failures as one
    :class:`CleanedRun`: a worker's batch goes back, and is written, in one piece.

    >>> from cleanse.model import Cleaned
    >>> a, b = Cleaned("a", "", b"{}", 0, ()), Cleaned("b", "", b"{}", 0, ())
    >>> [type(o).__name__ for o in pack([a, b, InputError("x", "bad"), a])]
    ['CleanedRun', 'InputError', 'Cleaned']
    """
    out: list[Outcome] = []
    run: list[Cleaned] = []
    for outcome in [*outcomes, None]:
        if type(outcome) is Cleaned and not outcome.failures:
            run.append(outcome)
            continue
        if len(run) > 1:
            out.append(CleanedRun.of(run))
        else:
            out += run
        run = []
        if outcome is not None:
            out.append(outcome)
    return out


#: With ``pause_gc``, a document at least this long is cleaned with the cyclic garbage collector paused.
GC_PAUSE_CHARS = 250_000


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off, then back as it was: for a process where one thread cleans.

    Cleaning a long text makes hundreds of thousands of paragraph tuples and
    edits, none in a reference cycle (freed by reference counting), which the
    collector nonetheless walks again at each of its full collections (it
    never untracks a named tuple): on a 10 MB document, a fifth of the time,
    more per MB the longer the text. Garbage in cycles made meanwhile waits
    for the end of the document. Not for :meth:`Pipeline.run` itself: the
    collector is the process's, and threads of a program cleaning long
    documents in turn could keep it off for good.

    >>> was = gc.isenabled()
    >>> with _collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled() == was
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def each_record(items: Iterable[Input]) -> Iterator[Item | RawRecord]:
    """``items`` with each :class:`RawBlock` replaced by its records."""
    for item in items:
        if type(item) is RawBlock:
            yield from item.records()
        else:
            yield item  # type: ignore[misc]  # Input less RawBlock


def run(
    pipeline: Pipeline,
    items: Iterable[Input],
    *,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    finish: Finish | None = None,
    pause_gc: bool = False,
    packed: bool = False,
) -> Iterator[Outcome]:
    """Clean ``items`` with ``engine``: ``local`` on ``jobs`` processes (None: every core), or ``dask``.

    ``pause_gc``: this process is the caller's own and cleans in one thread (the
    ``cleanse`` command), so long documents may be cleaned with the cyclic
    garbage collector paused (:func:`_collector_paused`); worker processes
    always do, Dask workers (which may clean in several threads) never.
    ``packed``: the local engine's worker processes send the documents of a
    batch cleaned with ``finish=Cleaned.of`` back as :class:`CleanedRun`
    (see :func:`pack`), which the caller writes and counts at once.

    >>> from cleanse.model import Document
    >>> [d.text for d in run(Pipeline(), [Document("a", "SEOUL (Reuters) - Talks began.")], jobs=2)]
    ['Talks began.']
    """
    if engine == "dask":
        return run_dask(pipeline, items, scheduler=scheduler, workers=jobs, finish=finish)
    if engine != "local":
        raise EngineError(f"no engine named {engine!r} (known: {', '.join(ENGINES)})")
    jobs = jobs if jobs is not None else default_jobs()
    return run_parallel(pipeline, items, jobs, finish=finish, pause_gc=pause_gc, packed=packed)


def run_local(
    pipeline: Pipeline, items: Iterable[Input], finish: Finish | None = None, *, pause_gc: bool = False
) -> Iterator[Outcome]:
    """Clean documents one after another, in input order, each as soon as it is read (``pause_gc``: see :func:`run`)."""
    for item in each_record(items):
        yield clean_item(pipeline, item, finish, pause_gc=pause_gc)


def run_parallel(
    pipeline: Pipeline,
    items: Iterable[Input],
    jobs: int,
    *,
    finish: Finish | None = None,
    batch_docs: int = BATCH_DOCS,
    batch_chars: int = BATCH_CHARS,
    pause_gc: bool = False,
    packed: bool = False,
) -> Iterator[Outcome]:
    """Clean documents on ``jobs`` worker processes; outcomes come in input order.

    An input that ends within the first batch is cleaned in this process
    (``pause_gc``, ``packed``: see :func:`run`).
    """
    if jobs <= 1:
        yield from run_local(pipeline, items, finish, pause_gc=pause_gc)
        return
    pool = _ProcessPool(pipeline, jobs, finish, packed)
    pool.start()  # before the reader thread: forked workers start at once
    source = _Prefetch(items, batch_docs, batch_chars)
    finished = False
    try:
        first = source.batch(batch_docs, batch_chars)
        if first is not None and source.at_end():
            yield from clean_batch(pipeline, first, finish, pause_gc=pause_gc)
        elif first is not None:
            window = IN_FLIGHT_PER_WORKER * jobs
            yield from _in_order(source, pool.submit, pool.collect, window, batch_docs, batch_chars, first)
        finished = True
    finally:
        source.close()
        # A run that ended waits for its idle workers to exit: left to exit on their own, the executor's
        # threads may write to pipes the interpreter is closing (an OSError traceback on stderr at exit).
        # A run stopped early (an error, Ctrl-C, a consumer that stopped reading) does not wait.
        pool.close(wait=finished)


def run_dask(
    pipeline: Pipeline,
    items: Iterable[Input],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    finish: Finish | None = None,
    batch_docs: int = BATCH_DOCS,
    batch_chars: int = BATCH_CHARS,
) -> Iterator[Outcome]:
    """Clean documents on a Dask cluster: the one at ``scheduler``, or a local one of ``workers`` processes.

    The pipeline goes to every worker once (scattered, then rebuilt from its
    recipe there); each task cleans one batch. Dask is imported here only.
    """
    import importlib
    import logging

    try:  # typed as Any: distributed's own annotations are partial
        distributed: Any = importlib.import_module("distributed")
    except ImportError as exc:
        raise EngineError("the dask engine needs Dask: pip install 'cleanse[dask]'") from exc
    Client, LocalCluster = distributed.Client, distributed.LocalCluster
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(
                n_workers=workers or default_jobs(),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster, set_as_default=False)
        else:
            client = Client(scheduler, set_as_default=False, timeout="20s")
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    source = _Prefetch(items, batch_docs, batch_chars)
    try:
        try:
            client.wait_for_workers(1, timeout=60)
        except TimeoutError as exc:
            raise EngineError(f"no Dask worker joined the scheduler at {scheduler} within 60 s") from exc
        shared = client.scatter(pipeline, broadcast=True, hash=False)
        threads = sum(client.nthreads().values()) or 1

        def submit(batch: list[Input]) -> Any:
            return client.submit(clean_batch, shared, batch, finish, pure=False)

        def collect(batch: list[Input], future: Any) -> list[Outcome]:
            try:
                result: list[Outcome] = future.result()
            except Exception as exc:  # the task's worker died, or the cluster cancelled it
                reason = f"the Dask task cleaning it failed: {type(exc).__name__}: {exc}"
                return [_failed(item, reason) for item in each_record(batch)]
            return result

        yield from _in_order(source, submit, collect, IN_FLIGHT_PER_WORKER * threads, batch_docs, batch_chars)
    finally:
        source.close()
        client.close()
        if cluster is not None:
            cluster.close()


def _failed(item: Item | RawRecord, reason: str) -> Outcome:
    if isinstance(item, RawRecord):
        return Failed(item.source, f"{item.stem}:{item.number}", reason)
    return item if isinstance(item, InputError) else Failed(item.source, item.id, reason)


# --- batches in, outcomes out, in order -----------------------------------------------------


class _Pending(Protocol):
    def done(self) -> bool: ...


P = TypeVar("P", bound=_Pending)


def _in_order(
    source: _Prefetch,
    submit: Callable[[list[Input]], P],
    collect: Callable[[list[Input], P], list[Outcome]],
    window: int,
    batch_docs: int,
    batch_chars: int,
    first: list[Input] | None = None,
) -> Iterator[Outcome]:
    """Submit batches, at most ``window`` at a time, and yield their outcomes in input order.

    While the input is idle, finished batches at the head still come out
    (the wait for more input is cut to :data:`LINGER` while batches are out).
    """
    pending: deque[tuple[list[Input], P]] = deque()
    if first:
        pending.append((first, submit(first)))
    while True:
        batch = source.batch(batch_docs, batch_chars, wait=LINGER if pending else None)
        if batch is None:
            break
        if batch:
            pending.append((batch, submit(batch)))
        while pending and (len(pending) >= window or pending[0][1].done()):
            yield from collect(*pending.popleft())
    while pending:
        yield from collect(*pending.popleft())


def _size(item: Input) -> tuple[int, int]:
    """How much of a batch ``item`` fills: documents, characters (bytes of a raw record)."""
    if isinstance(item, RawBlock):
        return item.lines, len(item.data)
    if isinstance(item, Document):
        return 1, len(item.text)
    return 1, len(item.line) if isinstance(item, RawRecord) else 0


class _Prefetch:
    """Reads items on a thread, at most a batch ahead, and hands them out in batches.

    Reading (files, decompression, JSON) then overlaps the wait for workers,
    and a reader blocked on a quiet stdin does not hold back finished work.
    """

    def __init__(self, items: Iterable[Input], max_docs: int, max_chars: int) -> None:
        self._cond = threading.Condition()
        self._buffer: deque[tuple[Input, int, int]] = deque()  # (item, documents, characters)
        self._docs = self._chars = 0
        self._max_docs, self._max_chars = max_docs, max_chars
        self._finished = self._closed = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._read, args=(items,), name="cleanse-reader", daemon=True)
        self._thread.start()

    def _read(self, items: Iterable[Input]) -> None:
        try:
            for item in items:
                docs, size = _size(item)
                with self._cond:
                    # Full: wait, but an item larger than the buffer still goes in alone.
                    while (
                        self._buffer
                        and not self._closed
                        and (self._docs + docs > self._max_docs or self._chars + size > self._max_chars)
                    ):
                        self._cond.wait()
                    if self._closed:
                        return
                    self._buffer.append((item, docs, size))
                    self._docs += docs
                    self._chars += size
                    self._cond.notify_all()
        except BaseException as exc:  # handed to the consumer, which raises it after the items before it
            self._error = exc
        finally:
            with self._cond:
                self._finished = True
                self._cond.notify_all()

    def batch(self, max_docs: int, max_chars: int, wait: float | None = None) -> list[Input] | None:
        """The next batch; ``[]`` when nothing came within ``wait`` seconds; None at the end of the input.

        A batch closes when full, at the end of the input, or :data:`LINGER`
        seconds after its first item when no more comes.
        """
        batch: list[Input] = []
        docs = chars = 0
        first_by = None if wait is None else time.monotonic() + wait
        rest_by: float | None = None
        with self._cond:
            while True:
                while self._buffer and docs < max_docs and chars < max_chars:
                    item, n, size = self._buffer.popleft()
                    self._docs -= n
                    self._chars -= size
                    batch.append(item)
                    docs += n
                    chars += size
                    self._cond.notify_all()
                if docs >= max_docs or chars >= max_chars:
                    return batch
                if self._finished and not self._buffer:
                    if batch:
                        return batch
                    if self._error is not None:
                        raise self._error
                    return None
                now = time.monotonic()
                if batch and rest_by is None:
                    rest_by = now + LINGER
                deadline = rest_by if batch else first_by
                if deadline is not None and now >= deadline:
                    return batch
                self._cond.wait(None if deadline is None else deadline - now)

    def at_end(self) -> bool:
        """Whether the input is read to its end and handed out (an error still to raise is not the end)."""
        with self._cond:
            return self._finished and not self._buffer and self._error is None

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()


# --- worker processes -----------------------------------------------------------------------

WORKER_DIED = "the worker process cleaning it died (killed, out of memory, or a crash in native code)"

_worker_pipeline: Pipeline | None = None
_worker_error = ""


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which stops the pool


def _die_with(parent: int | None) -> None:
    """On Linux, have the kernel kill this worker when the process that started it dies.

    A run killed with SIGKILL cannot stop its workers, and they would wait for
    work forever: forked ones hold both ends of their queue's pipe, so never
    see it close. ``parent``: that process, if known. A forkserver's workers
    die with the forkserver, which exits when no process holds the run's end
    of its "alive" pipe; each worker is handed a copy of that end, which it
    closes here (it starts no process), or the forkserver would outlive the
    run as long as its workers do, and they as long as it does.
    """
    try:
        from multiprocessing import forkserver

        server: Any = forkserver._forkserver
        if server._forkserver_alive_fd is not None:
            os.close(server._forkserver_alive_fd)
            server._forkserver_alive_fd = None
    except (AttributeError, OSError):  # another Python's internals: the workers may outlive a killed run
        pass
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:  # it died before the line above
        os._exit(1)


def _start_worker(recipe: bytes | None, parent: int | None) -> None:
    """Set a worker up: a forked one has the pipeline already, others rebuild it from its recipe."""
    global _worker_pipeline, _worker_error
    _ignore_sigint()
    _die_with(parent)
    if recipe is None:
        return
    try:
        _worker_pipeline = pickle.loads(recipe)
    except Exception as exc:  # reported with each document rather than as a broken pool
        _worker_error = f"the pipeline could not be rebuilt in a worker process: {type(exc).__name__}: {exc}"


def _clean_in_worker(batch: list[Input], finish: Finish | None, packed: bool = False) -> list[Outcome]:
    if _worker_pipeline is None:
        return [_failed(item, _worker_error) for item in each_record(batch)]
    outcomes = clean_batch(_worker_pipeline, batch, finish, pause_gc=True)  # one thread cleans in a worker
    return pack(outcomes) if packed else outcomes


class _ProcessPool:
    """Worker processes, started at once where they can be forked, else with the first batch.

    On Linux, while this process has a single thread, workers are forked: they
    start in milliseconds with the pipeline already built. Otherwise (another
    platform, threads running, a pool replaced mid-run) they come from a
    ``forkserver`` that imported cleanse and the plugins once (``spawn``
    where there is none) and rebuild the pipeline from its recipe. A pool
    that lost a worker is replaced.
    """

    def __init__(self, pipeline: Pipeline, jobs: int, finish: Finish | None = None, packed: bool = False) -> None:
        self._pipeline = pipeline
        self._packed = packed
        self._recipe = pickle.dumps(pipeline)  # fails here, clearly, if a plugin is not picklable
        self._modules = sorted({type(r.cleaner).__module__ for r in pipeline.registry} - {"__main__", "__mp_main__"})
        self._jobs = jobs
        self._finish = finish
        self._executor: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Fork the workers now if that is safe (call it before starting any thread); else do nothing."""
        import multiprocessing
        import threading
        from concurrent.futures import ProcessPoolExecutor

        global _worker_pipeline
        if self._executor is not None or not sys.platform.startswith("linux") or threading.active_count() > 1:
            return
        _worker_pipeline = self._pipeline  # what the forked workers inherit
        self._executor = ProcessPoolExecutor(
            self._jobs,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(None, os.getpid()),
        )
        _widen_pipes(self._executor)
        self._executor.submit(int).result()  # forks every worker, before the executor's own threads start

    def submit(self, batch: list[Input]) -> Future[list[Outcome]]:
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        for _ in range(2):
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    self._jobs,
                    mp_context=_context(self._modules),
                    initializer=_start_worker,
                    initargs=(self._recipe, None),
                )
                _widen_pipes(self._executor)
            try:
                return self._executor.submit(_clean_in_worker, batch, self._finish, self._packed)
            except BrokenProcessPool:
                self.close()
        raise BrokenProcessPool("worker processes die as they start")

    def collect(self, batch: list[Input], future: Future[list[Outcome]]) -> list[Outcome]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return future.result()
        except BrokenProcessPool:
            pass
        # A worker died with this batch (or another) out: clean each document on its
        # own in a fresh pool, so that only the one that kills its worker fails.
        out: list[Outcome] = []
        for item in each_record(batch):
            if isinstance(item, InputError):
                out.append(item)
                continue
            try:
                out.extend(self.submit([item]).result())
            except BrokenProcessPool:
                out.append(_failed(item, WORKER_DIED))
        return out

    def close(self, wait: bool = False) -> None:
        """Shut the workers down; with ``wait``, until they have exited."""
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            self._executor = None


def _widen_pipes(executor: ProcessPoolExecutor) -> None:
    """Let a batch and its outcomes cross the executor's pipes in one write, not in 64 KB pieces (Linux).

    A batch's outcomes are about 400 KB: through a pipe of 64 KB, the worker and
    this process woke each other about seven times for each (a --jobs 2 run of
    the throughput corpus: 3,150 voluntary context switches, 1,130 with 1 MB
    pipes). Where the pipes cannot be widened (another system, a lower
    pipe-max-size, another Python's executor), they stay as they are.
    """
    if not sys.platform.startswith("linux"):
        return
    import fcntl

    for queue in (getattr(executor, "_call_queue", None), getattr(executor, "_result_queue", None)):
        for end in (getattr(queue, "_reader", None), getattr(queue, "_writer", None)):
            with contextlib.suppress(AttributeError, OSError, ValueError):
                fcntl.fcntl(end.fileno(), 1031, 1 << 20)  # type: ignore[union-attr]  # F_SETPIPE_SZ


def _context(preload: list[str]) -> Any:
    import multiprocessing

    # forkserver: no fork of a process with threads (the reader), and workers fork from a
    # server that has imported cleanse and the plugins (their patterns compiled) once.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        ctx.set_forkserver_preload(["cleanse.runner", *preload])
    return ctx


# --- counting -------------------------------------------------------------------------------


@dataclass
class Summary:
    """What each plugin removed, per document and in total; adds up across workers."""

    plugins: list[str]
    rows: list[tuple[str, Counter[str], int]] = field(default_factory=list)
    """(document id, removals per plugin, characters removed) for the first ``keep_rows`` documents."""
    removals: Counter[str] = field(default_factory=Counter)
    chars_removed: Counter[str] = field(default_factory=Counter)
    docs_touched: Counter[str] = field(default_factory=Counter)
    chars_in: int = 0
    chars_out: int = 0
    documents: int = 0
    failed: int = 0
    plugin_failures: int = 0
    keep_rows: int = 50

    def add(self, doc: Document | Cleaned) -> None:
        """Count one cleaned document."""
        if isinstance(doc, Document):
            doc = Cleaned(doc.id, doc.source, b"", len(doc.text), removal_sizes(doc.removed), tuple(doc.failures))
        removed = 0
        if doc.removed:  # most documents lose a few pieces or none
            removed = tally_removed(doc.removed, self.removals, self.chars_removed, self.docs_touched)
        self.documents += 1
        self.chars_out += doc.chars_out
        self.chars_in += doc.chars_out + removed
        self.plugin_failures += len(doc.failures)
        if len(self.rows) < self.keep_rows:
            self.rows.append((doc.id, Counter(plugin for plugin, _ in doc.removed), removed))

    def add_run(self, run: CleanedRun) -> None:
        """Count the documents of ``run``, as :meth:`add` would each, at once."""
        self.removals.update(run.removals)
        self.chars_removed.update(run.chars_removed)
        self.docs_touched.update(run.docs_touched)
        self.documents += len(run.docs)
        chars_out = run.chars_out
        self.chars_out += chars_out
        self.chars_in += chars_out + sum(run.chars_removed.values())
        for doc_id, _, _, removed in run.docs[: max(0, self.keep_rows - len(self.rows))]:
            self.rows.append((doc_id, Counter(plugin for plugin, _ in removed), sum(n for _, n in removed)))
