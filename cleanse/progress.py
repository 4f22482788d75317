"""A progress line for long runs: documents, megabytes read, speed, failures.

It is drawn on stderr, and only when stderr is a terminal, the run is not
``--quiet`` and the JSONL is not going to that same terminal; it appears once
a run has lasted :data:`DELAY` seconds, so short runs print nothing extra.
Piped or logged runs get no escape codes. Messages printed while it is up go
above it (:meth:`Progress.log`). rich is imported only when a bar is drawn.
Sizes are counted in characters of input text (1 MB = 10**6 characters).
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any

#: Seconds before the bar appears.
DELAY = 1.0
#: Seconds between two redraws.
REFRESH = 0.25


def wanted(quiet: bool, jsonl_to_stdout: bool) -> bool:
    """Whether a run should draw progress: stderr is a terminal that the data is not written to."""
    if quiet or not sys.stderr.isatty():
        return False
    return not (jsonl_to_stdout and sys.stdout.isatty())


class Progress:
    """Counts outcomes and, when ``enabled``, shows them on stderr.

    >>> with Progress(enabled=False) as progress:
    ...     progress.advance(2_000_000)
    ...     progress.advance(0, failed=True)
    >>> progress.documents, progress.failed, progress.chars
    (2, 1, 2000000)
    """

    def __init__(self, enabled: bool, delay: float = DELAY) -> None:
        self.enabled = enabled
        self.documents = self.failed = self.chars = 0
        self._delay = delay
        self._started = self._next_draw = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        self._started = time.monotonic()
        self._next_draw = self._started + self._delay
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._draw()
            self._bar.stop()
            self._bar = None

    def advance(self, chars: int, failed: bool = False, documents: int = 1) -> None:
        """Count one outcome: a document of ``chars`` characters of input, or a failure (or ``documents`` at once)."""
        self.documents += documents
        self.failed += failed
        self.chars += chars
        if self.enabled and time.monotonic() >= self._next_draw:
            self._draw()

    def log(self, message: str) -> None:
        """Print ``message`` on stderr (above the bar while it is drawn)."""
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            print(message, file=sys.stderr)

    def _draw(self) -> None:
        now = time.monotonic()
        self._next_draw = now + REFRESH
        if self._bar is None:
            self._start()
        mb = self.chars / 1e6
        speed = mb / max(now - self._started, 1e-9)
        self._bar.update(self._task, docs=self.documents, mb=mb, speed=speed, failed=self.failed)

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import Progress as Bar
        from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

        self._bar = Bar(
            SpinnerColumn(),
            TextColumn("{task.fields[docs]:,} documents"),
            TextColumn("{task.fields[mb]:,.1f} MB"),
            TextColumn("{task.fields[speed]:,.1f} MB/s"),
            TextColumn("{task.fields[failed]:,} failed"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            refresh_per_second=1 / REFRESH,
        )
        self._task = self._bar.add_task("cleaning", total=None, docs=0, mb=0.0, speed=0.0, failed=0)
        self._bar.start()
