"""The extraction stage: HTML in, article text and page metadata out.

HTML inputs (``.html``/``.htm`` files, a JSONL record's ``html`` field,
``cleanse.clean()`` on a string that is a page) pass through one
:class:`Extractor` before the cleaners see them. The extractor is registered
like any cleaner (through ``register_cleaners``), so ``cleanse plugins`` lists
it with its distribution and version, ``-p no:extract`` turns it off (HTML is
then cleaned as the text it is) and ``[tool.cleanse.options.extract]`` passes
it options. A third party replaces it by registering its own
:class:`Extractor` and disabling ``extract``.

The built-in extractor runs trafilatura. Its defaults are trafilatura's own,
but for one: comments are left out (``include_comments = false``), since a
comment section is what cleanse exists to remove. Options::

    [tool.cleanse.options.extract]
    favor_precision = true      # less text, less noise
    include_comments = true     # keep reader comments
    include_tables = false
    prune_xpath = ["//aside"]
    rejoin_split_body = false   # cleanse's own: see rejoin_split_body()

One repair follows trafilatura: where a page cut its article into several
containers of one class and trafilatura kept only the first, the prose of
the others is put back (:func:`rejoin_split_body`).

The removal log accounts for the text *after* extraction: extraction is not
logged span by span (trafilatura drops most of a page's bytes), and the
cleaners' removals are offsets into the extracted text.

Page metadata (title, author, date, site name, URL, description) is kept in
``meta["page"]``, where cleaners may read it (a headline repeated at the top
of the text is found by comparing with ``meta["page"]["title"]``). After the
cleaners ran, :func:`merge_page_meta` fills ``title``, ``date``, ``sitename``
and ``credits.authors`` from it, only where the cleaners found nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import regex

from cleanse.cleaner import Cleaner
from cleanse.config import ConfigError
from cleanse.hookspecs import hookimpl
from cleanse.model import Edit
from cleanse.shape import ends_sentence, words
from cleanse.text import REGEX_TIMEOUT, add_unique, credits_slot, normalize_space

#: The ``meta`` key holding what the page itself says about the article.
PAGE = "page"

_HTML_START = regex.compile(
    r"\A\ufeff?\s*(?:<!--[^>]{0,200}-->\s*)?<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|section|main"
    r"|span|table|h[1-6]|ul|ol|br|a|img|link|script|style|header|nav)\b",
    regex.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is a page (or a fragment) of HTML rather than plain text.

    Only a text that *starts* with a known tag counts, so plain text that
    quotes a tag further down stays plain text.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("  <p>A fragment.</p>")
    True
    >>> looks_like_html("<3 you. Use <b> for bold.")
    False
    >>> looks_like_html("Use <p> for paragraphs.")
    False
    """
    return _HTML_START.match(text[:4096], timeout=REGEX_TIMEOUT) is not None


class Extractor(Cleaner):
    """A stage that turns a page into text before the cleaners run.

    Subclasses set ``name`` and implement :meth:`extract`. The host runs the
    first enabled extractor on HTML inputs only; on text it does nothing
    (:meth:`propose` proposes no edit), so an extractor never competes with
    the cleaners for the order.
    """

    order = 0
    options: Mapping[str, Any]

    def configure(self, options: Mapping[str, Any]) -> Extractor:
        """A copy of this extractor with ``options`` (from ``[tool.cleanse.options.NAME]``) applied."""
        if options:
            raise ConfigError(f"{self.name}: takes no options (got {', '.join(sorted(options))})")
        return self

    def extract(self, html: str, meta: dict[str, Any]) -> str:
        """The article text of ``html``; may record page metadata in ``meta[PAGE]``."""
        raise NotImplementedError

    def propose(self, text: str, meta: dict[str, Any]) -> Iterable[Edit]:
        return ()


class Trafilatura(Extractor):
    """The built-in extractor: trafilatura's ``bare_extraction`` with metadata.

    >>> ex = Trafilatura().configure({"favor_precision": True})
    >>> ex.options["favor_precision"], ex.options["include_comments"]
    (True, False)
    >>> Trafilatura().configure({"colour": "blue"})
    Traceback (most recent call last):
    ...
    cleanse.config.ConfigError: extract: unknown option 'colour'; known: ...
    """

    name = "extract"
    removes = "page markup, menus, ads and other page boilerplate of HTML inputs (trafilatura)"

    #: trafilatura's keyword arguments that a user may set, with cleanse's defaults.
    DEFAULTS: ClassVar[Mapping[str, Any]] = {
        "fast": False,
        "favor_precision": False,
        "favor_recall": False,
        "include_comments": False,
        "include_tables": True,
        "include_images": False,
        "include_formatting": False,
        "include_links": False,
        "deduplicate": False,
        "target_language": None,
        "prune_xpath": None,
        "rejoin_split_body": True,  # cleanse's own: see rejoin_split_body()
    }

    #: Options of cleanse's own, not passed to trafilatura.
    OWN: ClassVar[frozenset[str]] = frozenset({"rejoin_split_body"})

    def __init__(self, **options: Any) -> None:
        self.options = self._checked(options)

    def _checked(self, options: Mapping[str, Any]) -> dict[str, Any]:
        merged = dict(self.DEFAULTS)
        for key, value in options.items():
            if key not in self.DEFAULTS:
                raise ConfigError(f"{self.name}: unknown option {key!r}; known: {', '.join(sorted(self.DEFAULTS))}")
            default = self.DEFAULTS[key]
            if isinstance(default, bool) and not isinstance(value, bool):
                raise ConfigError(f"{self.name}: option {key!r} must be true or false (got {value!r})")
            merged[key] = value
        return merged

    def configure(self, options: Mapping[str, Any]) -> Trafilatura:
        return Trafilatura(**{**self.options, **options}) if options else self

    def extract(self, html: str, meta: dict[str, Any]) -> str:
        """The main text of ``html`` (empty if trafilatura finds none); page metadata goes to ``meta["page"]``.

        >>> page = ("<html><head><title>Rain due - The Gazette</title>"
        ...         '<meta name="author" content="Ann Lee"></head><body><article>'
        ...         "<p>Rain is due across the north this weekend, forecasters said on Friday.</p>"
        ...         "<p>Showers will reach the coast by Sunday evening, they added.</p>"
        ...         "</article></body></html>")
        >>> meta = {}
        >>> print(Trafilatura().extract(page, meta))
        Rain is due across the north this weekend, forecasters said on Friday.
        Showers will reach the coast by Sunday evening, they added.
        >>> meta["page"]["title"], meta["page"]["author"]
        ('Rain due', 'Ann Lee')
        """
        import trafilatura  # slow to import: only when a page is extracted
        from trafilatura.utils import load_html

        # Parsed here, once, so the split-body repair reads the same tree (trafilatura copies it).
        tree = load_html(html)
        found = trafilatura.bare_extraction(
            html if tree is None else tree,
            url=_page_value(meta, "url"),
            with_metadata=True,
            **{k: v for k, v in self.options.items() if v is not None and k not in self.OWN},
        )
        if found is None:
            return ""
        page = {
            key: value.strip()
            for key in ("title", "author", "date", "sitename", "url", "description")
            if isinstance(value := getattr(found, key, None), str) and value.strip()
        }
        if page:
            meta.setdefault(PAGE, {}).update({k: v for k, v in page.items() if k not in meta.get(PAGE, {})})
        text = getattr(found, "text", None) or ""
        if text and tree is not None and self.options["rejoin_split_body"]:
            text = rejoin_split_body(text, tree)
        comments = getattr(found, "comments", None)
        if comments:
            text = f"{text}\n{comments}".strip()
        return str(text)


def rejoin_split_body(text: str, tree: Any) -> str:
    """``text`` with the paragraphs of the article's other containers put back, where the page split its body.

    Many sites cut an article into several sibling containers of one class
    (``<div class="article__body">``), with an advert or a related box
    between them; trafilatura then often keeps the first container and drops
    the rest. The container of the extracted paragraphs is known by the
    class of the ``<p>`` elements the text was made of (the most common
    parent tag and class, met at least twice). Another element of that tag
    and class of which nothing was extracted is a dropped part of the body
    when it holds at least two paragraphs of prose (ten words or more,
    ending like a sentence) and 60 words in all; its prose paragraphs go
    back into the text after the extracted paragraph that precedes them on
    the page. Teasers and boxes that share the class hold fewer, shorter
    lines and stay out.

    >>> import lxml.html
    >>> prose = "A sentence of the article, long enough to count as prose. " * 3
    >>> page = lxml.html.fromstring(
    ...     f'<html><body><div class="body"><p>One. {prose}</p><p>Two. {prose}</p></div><div class="ad">Ad</div>'
    ...     f'<div class="body"><p>Three. {prose}</p><p>Four. {prose}</p></div></body></html>')
    >>> print(rejoin_split_body(f"One. {prose}\\nTwo. {prose}", page).replace(prose, "..."))
    One. ...
    Two. ...
    Three. ...
    Four. ...
    """
    lines = [normalize_space(line) for line in text.split("\n")]
    where = {line: i for i, line in enumerate(lines) if line}
    paras = list(tree.iter("p"))
    said = [normalize_space(p.text_content()) for p in paras]
    found = [i for i, t in enumerate(said) if t in where and paras[i].getparent() is not None]
    if len(found) < 2:
        return text
    kinds = Counter(_kind(paras[i].getparent()) for i in found)
    kind, count = kinds.most_common(1)[0]
    if count < 2 or not kind[1]:
        return text
    hosts = {paras[i].getparent() for i in found}
    dropped: dict[Any, list[int]] = {}
    for i, p in enumerate(paras):
        parent = p.getparent()
        if parent is None or parent in hosts or _kind(parent) != kind:
            continue
        if said[i] not in where and words(said[i]) >= 10 and ends_sentence(said[i]):
            dropped.setdefault(parent, []).append(i)
    back = [
        i for group in dropped.values() if len(group) >= 2 and sum(words(said[i]) for i in group) >= 60 for i in group
    ]
    if not back:
        return text
    after: dict[int, list[str]] = {}
    for i in sorted(back):
        before = [j for j in found if j < i]
        after.setdefault(where[said[before[-1]]] if before else -1, []).append(said[i])
    out = after.get(-1, [])
    for i, line in enumerate(text.split("\n")):
        out.append(line)
        out.extend(after.get(i, []))
    return "\n".join(out)


def _kind(element: Any) -> tuple[str, str]:
    return str(element.tag), " ".join(str(element.get("class") or "").split())


def _page_value(meta: Mapping[str, Any], key: str) -> str | None:
    page = meta.get(PAGE)
    value = page.get(key) if isinstance(page, Mapping) else None
    return value if isinstance(value, str) else None


_AUTHOR_SPLIT = regex.compile(r"\s*[;|]\s*")


def merge_page_meta(meta: dict[str, Any]) -> None:
    """Fill ``title``, ``date``, ``sitename`` and ``credits.authors`` from ``meta["page"]``.

    Runs after the cleaners: whatever they (or the input record) put there wins.

    >>> meta = {"title": "From the text", "page": {"title": "T - Site", "author": "A. Lee; B. Roe",
    ...         "date": "2024-06-18", "sitename": "Site"}}
    >>> merge_page_meta(meta)
    >>> meta["title"], meta["date"], meta["sitename"], meta["credits"]["authors"]
    ('From the text', '2024-06-18', 'Site', ['A. Lee', 'B. Roe'])
    >>> meta = {"credits": {"authors": ["Jane Roe"]}, "page": {"author": "Someone Else"}}
    >>> merge_page_meta(meta)
    >>> meta["credits"]["authors"]
    ['Jane Roe']
    """
    page = meta.get(PAGE)
    if page is None or not isinstance(page, Mapping):  # most documents: none (an ABC's isinstance costs)
        return
    for key in ("title", "date", "sitename"):
        value = page.get(key)
        if isinstance(value, str) and value and not meta.get(key):
            meta[key] = value
    author = page.get("author")
    if isinstance(author, str) and author:
        credits = credits_slot(meta)
        if not credits["authors"]:
            add_unique(credits["authors"], *_AUTHOR_SPLIT.split(author, timeout=REGEX_TIMEOUT))


def extract_html(html: str, **options: Any) -> tuple[str, dict[str, Any]]:
    """Extract one page with the built-in extractor: the text and the page metadata.

    >>> text, page = extract_html("<html><body><p>Too short.</p></body></html>")
    >>> text, page
    ('Too short.', {})
    """
    meta: dict[str, Any] = {}
    text = Trafilatura(**options).extract(html, meta)
    return text, meta.get(PAGE, {})


@hookimpl
def register_cleaners(register: Any) -> None:
    register(Trafilatura())
