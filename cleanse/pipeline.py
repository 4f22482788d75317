"""The pipeline: runs the ordered cleaners over a document and applies their edits.

The host, not the plugin, changes the text: each cleaner proposes edits, the
host checks them (inside the text, not overlapping, not emptying the
document), applies them in one pass and logs one :class:`Removal` per edit.
A cleaner that raises, proposes invalid edits or puts values in ``meta``
that are not plain JSON is skipped for that document: the document keeps the
text and metadata it had before that cleaner, the failure is recorded in
``doc.failures`` (and logged on the ``cleanse.pipeline`` logger) with the
cleaner's name, and the cleaners after it still run. With ``strict`` the
document fails instead (:class:`DocumentError`). A document larger than
``max_bytes`` fails before any cleaner sees it.

A page (an HTML document) is first turned into text by the extraction stage
(:mod:`cleanse.extract`); a page that cannot be extracted fails.
"""

from __future__ import annotations

import copy
import functools
import json
import logging
import traceback
from collections.abc import Iterable, Sequence
from typing import Any

import regex

from cleanse.cleaner import Cleaner
from cleanse.config import Config
from cleanse.extract import Extractor, looks_like_html, merge_page_meta
from cleanse.host import Registered, discover, resolve_order
from cleanse.model import Document, Edit, PluginFailure, Removal
from cleanse.text import follow_edits

_WORD = regex.compile(r"\w")
_log = logging.getLogger(__name__)
_log.addHandler(logging.NullHandler())  # a library logs; the application decides what is shown


class EditError(ValueError):
    """Edits a cleaner proposed that the host refuses to apply."""


class DocumentError(RuntimeError):
    """A document that could not be cleaned (with ``strict``, a failing plugin)."""


def apply_edits(text: str, edits: Sequence[Edit], plugin: str) -> tuple[str, list[Removal]]:
    """Apply non-overlapping ``edits`` to ``text``; return the new text and the log entries.

    Each logged ``start`` is the offset in the *new* text where the edit's
    replacement stands, so undoing the log from its last entry to its first
    restores the input exactly (see :func:`replay`).

    >>> apply_edits("SEOUL (Reuters) - Text.", [Edit(0, 18, "dateline", "agency")], "dateline")[0]
    'Text.'
    """
    for edit in edits:
        _check_edit(edit, plugin)
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    pieces: list[str] = []
    removals: list[Removal] = []
    pos = out_len = 0
    for edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(text):
            raise EditError(
                f"plugin {plugin!r} proposed an edit at {edit.start}:{edit.end}, "
                f"outside the document (length {len(text)})"
            )
        if edit.start < pos:
            raise EditError(f"plugin {plugin!r} proposed overlapping edits at {edit.start}:{edit.end}")
        if edit.start == edit.end and not edit.replacement:
            continue
        pieces.append(text[pos : edit.start])
        out_len += edit.start - pos
        removals.append(
            Removal(
                plugin=plugin,
                kind=edit.kind,
                text=text[edit.start : edit.end],
                reason=edit.reason,
                start=out_len,
                replacement=edit.replacement,
            )
        )
        pieces.append(edit.replacement)
        out_len += len(edit.replacement)
        pos = edit.end
    pieces.append(text[pos:])
    return "".join(pieces), removals


def _is_int(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _check_edit(edit: object, plugin: str) -> None:
    """Refuse an edit of the wrong shape before it is applied (its span is checked by the caller)."""
    if not isinstance(edit, Edit):
        raise EditError(f"plugin {plugin!r} proposed {edit!r}, which is not a cleanse.Edit")
    if not (_is_int(edit.start) and _is_int(edit.end)):
        raise EditError(f"plugin {plugin!r} proposed an edit whose start and end are not integers: {edit!r}")
    if not (isinstance(edit.kind, str) and isinstance(edit.reason, str) and isinstance(edit.replacement, str)):
        raise EditError(f"plugin {plugin!r} proposed an edit whose kind, reason or replacement is not a str: {edit!r}")
    if edit.replacement and not edit.replacement.isascii():
        try:
            edit.replacement.encode("utf-8")
        except UnicodeEncodeError:
            raise EditError(f"plugin {plugin!r} proposed a replacement that is not Unicode text: {edit!r}") from None


def replay(text: str, removed: Sequence[Removal]) -> str:
    """Undo a removal log: the text before any of ``removed`` was applied.

    >>> new, log = apply_edits("a  b\\n\\n\\nc", [Edit(1, 3, "ws", "x", " "), Edit(4, 7, "ws", "y", "\\n\\n")], "w")
    >>> new, replay(new, log)
    ('a b\\n\\nc', 'a  b\\n\\n\\nc')

    Raises ``ValueError`` naming the entry when the log does not fit the text
    (an entry's ``replacement`` is not where its ``start`` says).
    """
    # Undoing one removal at a time copies the text each time: quadratic for a feed of
    # 100,000 lines. A run of removals that stand left to right, none inside the one
    # before (one cleaner's edits always do), is undone in one pass instead: undoing the
    # later ones first would not move the earlier ones.
    runs: list[list[Removal]] = []
    for r in removed:
        if runs and r.start >= runs[-1][-1].start + len(runs[-1][-1].replacement):
            runs[-1].append(r)
        else:
            runs.append([r])
    for run in reversed(runs):
        pieces: list[str] = []
        pos = 0
        for r in run:
            end = r.start + len(r.replacement)
            if r.start < pos or end > len(text) or text[r.start : end] != r.replacement:
                raise ValueError(
                    f"removal by {r.plugin!r} at {r.start} ({r.kind}, {r.reason}) does not fit the text: "
                    f"expected {r.replacement!r} there, found {text[r.start : end]!r}"
                )
            pieces += (text[pos : r.start], r.text)
            pos = end
        pieces.append(text[pos:])
        text = "".join(pieces)
    return text


class Pipeline:
    """An ordered set of cleaners, reusable across documents and picklable.

    >>> from cleanse import Pipeline
    >>> doc = Pipeline().clean("SEOUL (Reuters) - Talks began on Monday.\\n\\n\\n")
    >>> doc.text, doc.meta["dateline"]["places"]
    ('Talks began on Monday.', ['SEOUL'])

    ``plugins`` adds plugin modules (or objects, or importable module names)
    beside the entry points; ``cleaners`` replaces discovery altogether with
    the given cleaner instances (used to test one cleaner on its own).

    An HTML document first goes through the extraction stage: the first
    enabled :class:`cleanse.extract.Extractor` (``extract``, with the options
    of ``[tool.cleanse.options.extract]``), which is not one of ``cleaners``.
    """

    def __init__(
        self,
        config: Config | None = None,
        *,
        plugins: Iterable[object] = (),
        cleaners: Sequence[Cleaner] | None = None,
    ) -> None:
        self.config = config or Config()
        self._plugins = tuple(plugins)
        self._explicit = tuple(cleaners) if cleaners is not None else None
        if self._explicit is not None:
            registered = [
                Registered(
                    cleaner=c,
                    order=self.config.order.get(c.name, c.order),
                    enabled=self.config.is_enabled(c.name),
                    plugin=type(c).__module__,
                    distribution=None,
                    version=None,
                )
                for c in self._explicit
            ]
            self.registry = resolve_order(registered)
        else:
            self.registry = discover(_import_names(self._plugins), self.config)
        enabled = [r.cleaner for r in self.registry if r.enabled]
        # The first enabled extractor is the extraction stage; it runs on HTML inputs only.
        self.extractor: Extractor | None = next(
            (c.configure(self.config.options.get(c.name, {})) for c in enabled if isinstance(c, Extractor)), None
        )
        self.cleaners: list[Cleaner] = [c for c in enabled if not isinstance(c, Extractor)]

    # Pickled as its recipe, so that a worker rebuilds it from its own entry points.
    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.config, _picklable_plugins(self._plugins), self._explicit))

    def settings(self) -> dict[str, Any]:
        """What decides the documents this pipeline makes, as plain JSON: ``--resume`` compares it.

        The cleanse version, the extractor and cleaners that run in their order (each with its plugin's
        distribution version, when it comes from one), the options given to plugins, ``strict`` and
        ``max_bytes``. Not where documents are cleaned (``--jobs``, the engine): that changes no document.

        >>> s = Pipeline().settings()
        >>> s["cleaners"][:2], s["strict"]
        (['whitespace', 'title'], False)
        """
        from cleanse import __version__

        versions = {r.name: r.version for r in self.registry if r.enabled and r.version is not None}
        return {
            "cleanse": __version__,
            "extractor": self.extractor.name if self.extractor is not None else None,
            "cleaners": self.names,
            "versions": versions,
            # Round-tripped through JSON: TOML values (dates) as text, keys sorted, tuples as lists.
            "options": json.loads(json.dumps(self.config.options, sort_keys=True, default=str)),
            "strict": self.config.strict,
            "max_bytes": self.config.max_bytes,
        }

    @property
    def names(self) -> list[str]:
        """Names of the enabled cleaners, in the order they run."""
        return [c.name for c in self.cleaners]

    def clean(
        self,
        text: str,
        *,
        id: str = "document",
        source: str = "",
        meta: dict[str, Any] | None = None,
        html: bool | None = None,
    ) -> Document:
        """Clean one text (or page) and return the document with its metadata and removal log.

        ``html`` says whether ``text`` is a page to extract first; by default
        a text that starts with an HTML tag is one.
        """
        _check_str(text)
        is_html = looks_like_html(text) if html is None else html
        doc = Document(id=id, text=text, source=source, meta=dict(meta or {}), format="html" if is_html else "text")
        return self.run(doc)

    def run(self, doc: Document) -> Document:
        """Extract ``doc`` if it is a page, then run every enabled cleaner over it in order, in place.

        The removal log accounts for the text after extraction; the page's
        own metadata fills what the cleaners left empty (:func:`merge_page_meta`).
        Raises :class:`DocumentError` for a document larger than ``max_bytes``,
        for a page that cannot be extracted and, with ``strict``, for a
        cleaner that fails.
        """
        _check_str(doc.text)
        check_size(doc.text, self.config.max_bytes)
        plain = _is_plain_json(doc.meta)
        if doc.format == "html":
            self._extract(doc, plain)
        for cleaner in self.cleaners:
            self._run_one(cleaner, doc, plain)
        merge_page_meta(doc.meta)
        return doc

    def _extract(self, doc: Document, check_meta: bool = True) -> None:
        if self.extractor is None:  # extraction disabled: the page is cleaned as the text it is
            return
        meta = copy.deepcopy(doc.meta)
        try:
            text = self.extractor.extract(doc.text, meta)
            if not isinstance(text, str):
                raise TypeError(f"it returned {type(text).__name__}, not str")
            if check_meta and not _is_plain_json(meta, doc.text):
                raise TypeError("it put a value in meta that is not plain JSON")
        except Exception as exc:
            raise DocumentError(f"extraction ({self.extractor.name}) failed: {type(exc).__name__}: {exc}") from exc
        if not _has_word(text):  # an unparsable page, or one with no article in it: bad input, not a result
            raise DocumentError(f"extraction ({self.extractor.name}) found no article text in the page")
        doc.text, doc.meta, doc.format = text, meta, "text"

    def _run_one(self, cleaner: Cleaner, doc: Document, check_meta: bool = True) -> None:
        # The cleaner works on a copy, so a failure leaves the document's metadata as it was.
        # ``check_meta`` says doc.meta is plain JSON, which copies faster than deepcopy can.
        meta = doc.meta
        if not check_meta:
            work_meta = copy.deepcopy(meta)
        elif meta or type(meta) is not dict:
            work_meta = copy_plain(meta)
        else:  # most documents' metadata, most of the time
            work_meta = {}
        try:
            edits = list(cleaner.propose(doc.text, work_meta))
            if edits:
                new_text, removals = apply_edits(doc.text, edits, cleaner.name)
            elif check_meta and work_meta == meta:  # most turns: nothing proposed, nothing changed
                return
            else:
                new_text, removals = doc.text, []
            if removals and not _has_word(new_text) and _has_word(doc.text):
                raise EditError(f"plugin {cleaner.name!r} proposed removing all of the document's text; refused")
            # Metadata equal to what it was is kept as it was (checked already); changed, it is checked again.
            if check_meta:
                if work_meta == meta:
                    work_meta = meta
                elif not _is_plain_json(work_meta, doc.text):
                    raise EditError(f"plugin {cleaner.name!r} put a value in meta that is not plain JSON; refused")
        # Not BaseException: KeyboardInterrupt and a signal handler's SystemExit must stop the run, not one plugin.
        except Exception as exc:
            if self.config.strict:
                raise DocumentError(f"plugin {cleaner.name!r} failed on document {doc.id!r}: {exc}") from exc
            error = f"{type(exc).__name__}: {exc}"
            _log.warning("plugin %r skipped on document %r (%s): %s", cleaner.name, doc.id, doc.source, error)
            doc.failures.append(PluginFailure(cleaner.name, error, traceback.format_exc()))
            return
        if removals:
            # The next cleaner's paragraphs, from this one's (few edits in a long text: mostly carried over).
            follow_edits(doc.text, new_text, removals)
        doc.text = new_text
        doc.meta = work_meta
        doc.removed.extend(removals)


def _has_word(text: str) -> bool:
    """Whether ``text`` has a word character (``\\w``): told by its first character where that is a letter or a
    digit, which are word characters, as most texts open.

    >>> _has_word("Talks"), _has_word("— 2"), _has_word(" \\n…")
    (True, True, False)
    """
    first = text[:1]
    return first.isalpha() or first.isdecimal() or _WORD.search(text) is not None


def _check_str(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"a document's text must be a str, not {type(text).__name__}")


def check_size(text: str, max_bytes: int | None) -> None:
    """Raise :class:`DocumentError` when ``text`` is more than ``max_bytes`` bytes of UTF-8.

    >>> check_size("héllo", 6)
    >>> check_size("héllo", 5)
    Traceback (most recent call last):
    cleanse.pipeline.DocumentError: document is 6 bytes, larger than the limit of 5 (see max_bytes)
    """
    if max_bytes is None or len(text) * 4 <= max_bytes:  # UTF-8 takes at most 4 bytes a character
        return
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        raise DocumentError(f"document is {size} bytes, larger than the limit of {max_bytes} (see max_bytes)")


def copy_plain(value: Any) -> Any:
    """A deep copy of a plain JSON value (dicts, lists, and immutable scalars), several times faster than deepcopy.

    >>> meta = {"credits": {"authors": ["A"]}, "n": 1}
    >>> copied = copy_plain(meta)
    >>> copied["credits"]["authors"].append("B"); meta["credits"]["authors"]
    ['A']
    """
    if type(value) is dict:
        return {k: copy_plain(v) for k, v in value.items()}
    if type(value) is list:
        return [copy_plain(v) for v in value]
    if value is None or type(value) in _SCALARS:
        return value
    return copy.deepcopy(value)  # a subclass, or a value not JSON at all: what deepcopy makes of it


_SCALARS = frozenset({str, int, float, bool})


# json.dumps(meta, ensure_ascii=False, allow_nan=False), its encoder made once: asked several times a document.
_STRICT_JSON = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


def _is_plain_json(meta: dict[str, Any], text: str = "") -> bool:
    """Whether ``meta`` can be written as JSON (and as UTF-8) as it is.

    Lone surrogates are allowed where the document's ``text`` has some too: a cleaner that moves a caption
    or a title out of such a text into ``meta`` carries them over, through no fault of its own (the readers
    refuse such input; the Python API may be given it).

    >>> _is_plain_json({"a": [1, "b", None]}), _is_plain_json({"a": {1, 2}}), _is_plain_json({"a": float("nan")})
    (True, False, False)
    >>> _is_plain_json({"caption": "\\ud800 x"}), _is_plain_json({"caption": "\\ud800 x"}, "\\ud800 x")
    (False, True)
    """
    if type(meta) is dict and not meta:  # most documents' as read
        return True
    try:
        dumped = _STRICT_JSON.encode(meta)
    except (TypeError, ValueError, RecursionError):
        return False
    try:
        dumped.encode("utf-8")
    except UnicodeEncodeError:
        return not _is_utf8(text)
    return True


def _is_utf8(text: str) -> bool:
    """Whether ``text`` can be encoded as UTF-8 (has no lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _import_names(plugins: Iterable[object]) -> list[object]:
    import importlib

    return [importlib.import_module(p) if isinstance(p, str) else p for p in plugins]


def _picklable_plugins(plugins: Iterable[object]) -> tuple[object, ...]:
    import types

    return tuple(p.__name__ if isinstance(p, types.ModuleType) else p for p in plugins)


def _rebuild(config: Config, plugins: tuple[object, ...], cleaners: tuple[Cleaner, ...] | None) -> Pipeline:
    return Pipeline(config, plugins=plugins, cleaners=cleaners)


@functools.cache
def default_pipeline() -> Pipeline:
    """The pipeline with every discovered cleaner and the default configuration."""
    return Pipeline()


def clean(text: str, **kwargs: Any) -> Document:
    """Clean ``text`` with the default pipeline.

    >>> from cleanse import clean
    >>> result = clean("By Jane Roe\\n\\nThe council met on Monday.\\n")
    >>> result.text, result.meta["credits"]["authors"]
    ('The council met on Monday.', ['Jane Roe'])
    """
    return default_pipeline().clean(text, **kwargs)
