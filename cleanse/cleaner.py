"""The base class every cleaner derives from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from cleanse.model import Edit


class Cleaner:
    """A named, ordered step that proposes edits to a document's text.

    Subclasses set the class attributes and implement :meth:`propose`.
    A cleaner must be cheap to construct and picklable (pipelines are
    shipped to worker processes and Dask workers), and must keep no state
    between documents.

    - ``name``: unique; what users type in ``-p no:NAME`` and in config.
    - ``order``: lower runs first. Built-ins: whitespace 100, title 200,
      standfirst 210, captions 300, credits 400, feeds 600, comments 650,
      related 660, prompts 670, footers 680, dateline 690 (extract 0, HTML only).
    - ``removes``: one line for ``cleanse plugins``: what this cleaner removes.
    - ``before`` / ``after``: names of cleaners this one must run before or
      after, whatever the orders say (unknown names are ignored).
    """

    name: ClassVar[str] = ""
    order: ClassVar[int] = 500
    removes: ClassVar[str] = ""
    before: ClassVar[tuple[str, ...]] = ()
    after: ClassVar[tuple[str, ...]] = ()

    def propose(self, text: str, meta: dict[str, Any]) -> Iterable[Edit]:
        """Return (or yield) the edits to make to ``text``.

        ``meta`` is the document's metadata, which the cleaner may update in
        place (it is a working copy: if the cleaner raises, its changes are
        dropped with its edits). Edits must lie within ``text`` and must not
        overlap one another.
        """
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} order={self.order}>"
