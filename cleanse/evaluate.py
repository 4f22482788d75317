"""Scoring cleaned text against hand-labelled article bodies.

The metric is the one of the public article-extraction benchmark that
``shared/bench/news-dev`` comes from, so figures here compare with published ones:

- text is split into words with the Unicode pattern ``\\w+`` (case kept);
- each text becomes the multiset of its 4-word shingles (a text of fewer
  than 4 words is one shingle; an empty text has none);
- per page, ``tp`` counts shared shingles, ``fp`` extra predicted ones and
  ``fn`` missing ones; the three are divided by their sum, so that every page
  weighs the same;
- precision is the mean of ``tp / (tp + fp)`` over pages with ``tp + fp > 0``,
  recall the mean of ``tp / (tp + fn)`` over pages with ``tp + fn > 0`` (a page
  with ``fp = fn = 0`` scores 1 on both); F1 is ``2PR / (P + R)`` of the means;
- accuracy is the share of pages whose word sequence equals the gold one.

Besides the figures, :func:`diff_page` renders a page's extra shingles back
into the text snippets that should not have been kept, and its missing
shingles into the snippets that were lost, so that a person sees at once
what a cleaner should have removed or must not remove.
"""

from __future__ import annotations

import difflib
import gzip
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from cleanse.text import REGEX_TIMEOUT

SHINGLE = 4
_WORD = regex.compile(r"\w+")

Shingle = tuple[str, ...]


def words(text: str) -> list[str]:
    """The words of ``text``, as the benchmark splits them.

    >>> words("Leia mais: O PIB cresceu 1,2%.")
    ['Leia', 'mais', 'O', 'PIB', 'cresceu', '1', '2']
    """
    return [m.group() for m in _WORD.finditer(text or "", timeout=REGEX_TIMEOUT)]


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text or "", timeout=REGEX_TIMEOUT)]


def _shingle_list(tokens: Sequence[str], n: int = SHINGLE) -> list[Shingle]:
    if not tokens:
        return []
    return [tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))]


def shingles(text: str, n: int = SHINGLE) -> Counter[Shingle]:
    """The multiset of ``n``-word shingles of ``text``.

    >>> sorted(shingles("a b c d e").items())
    [(('a', 'b', 'c', 'd'), 1), (('b', 'c', 'd', 'e'), 1)]
    >>> shingles("too short")
    Counter({('too', 'short'): 1})
    >>> shingles("")
    Counter()
    """
    return Counter(_shingle_list(words(text), n))


@dataclass(frozen=True)
class PageScore:
    """One page's shares of shared (``tp``), extra (``fp``) and missing (``fn``) shingles.

    The three shares sum to 1 (or are all 0 when both texts are empty).
    """

    key: str
    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float:
        return _precision(self.tp, self.fp, self.fn)

    @property
    def recall(self) -> float:
        return _recall(self.tp, self.fp, self.fn)

    @property
    def loss(self) -> float:
        """The share of the page's shingles that are wrong (extra or missing): 0 is perfect."""
        return self.fp + self.fn


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def score_page(gold: str, pred: str, key: str = "") -> PageScore:
    """Score one predicted text against its gold body.

    >>> s = score_page("one two three four five", "one two three four five six")
    >>> round(s.tp, 3), round(s.fp, 3), s.fn, s.exact
    (0.667, 0.333, 0.0, False)
    >>> score_page("Same words.", "same  words").exact
    False
    >>> score_page("Same words.", "Same\\nwords").exact
    True
    """
    gold_words, pred_words = words(gold), words(pred)
    g, p = Counter(_shingle_list(gold_words)), Counter(_shingle_list(pred_words))
    tp = float(sum((g & p).values()))
    fp = float(sum((p - g).values()))
    fn = float(sum((g - p).values()))
    total = tp + fp + fn
    if total > 0:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(key, tp, fp, fn, gold_words == pred_words)


@dataclass(frozen=True)
class Scores:
    """The benchmark's figures over a set of pages, with each page's score."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: tuple[PageScore, ...] = field(default=(), repr=False)

    def worst(self, n: int = 10) -> list[PageScore]:
        """The ``n`` pages with the largest share of wrong shingles, worst first."""
        return sorted(self.pages, key=lambda s: (-s.loss, s.key))[:n]


def aggregate(pages: Iterable[PageScore]) -> Scores:
    """Combine page scores into the benchmark's precision, recall, F1 and accuracy.

    >>> a = PageScore("a", 0.5, 0.5, 0.0, False)
    >>> b = PageScore("b", 1.0, 0.0, 0.0, True)
    >>> s = aggregate([a, b])
    >>> s.precision, s.recall, round(s.f1, 4), s.accuracy
    (0.75, 1.0, 0.8571, 0.5)
    """
    pages = tuple(pages)
    precisions = [p.precision for p in pages if p.tp + p.fp > 0]
    recalls = [p.recall for p in pages if p.tp + p.fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    accuracy = sum(p.exact for p in pages) / len(pages) if pages else 0.0
    return Scores(precision, recall, f1, accuracy, pages)


def evaluate(gold: Mapping[str, str], pred: Mapping[str, str]) -> Scores:
    """Score every page of ``gold`` (key -> body) against ``pred`` (key -> text).

    A page missing from ``pred`` counts as an empty prediction; keys of
    ``pred`` that ``gold`` lacks are ignored (the caller reports them).

    >>> evaluate({"a": "w x y z"}, {"a": "w x y z"}).f1
    1.0
    >>> evaluate({"a": "w x y z"}, {}).recall
    0.0
    """
    return aggregate(score_page(gold[k], pred.get(k, ""), k) for k in sorted(gold))


@dataclass(frozen=True)
class PageDiff:
    """What a page kept that the gold body lacks, and what it lost, as text snippets."""

    extra: list[str]
    lost: list[str]


def _wrong_runs(text: str, other: str, n: int = SHINGLE) -> list[str]:
    """Snippets of ``text`` covered by shingles in excess of ``other``'s.

    When a shingle occurs more often in ``text`` than in ``other``, the
    occurrences that line up with ``other`` (by a word-level alignment) are
    taken as the matched ones, so that a repeated headline at the top is
    reported rather than its second, in-place occurrence.
    """
    spans = _word_spans(text)
    tokens = [text[s:e] for s, e in spans]
    other_tokens = words(other)
    grams = _shingle_list(tokens, n)
    if not grams:
        return []
    budget = Counter(_shingle_list(other_tokens, n))
    aligned = [False] * len(tokens)
    matcher = difflib.SequenceMatcher(None, tokens, other_tokens, autojunk=False)
    for block in matcher.get_matching_blocks():
        for i in range(block.a, block.a + block.size):
            aligned[i] = True
    width = [min(n, len(tokens) - i) for i in range(len(grams))]
    # Occurrences that line up with the other text take the budget first.
    order = sorted(
        range(len(grams)),
        key=lambda i: (-sum(aligned[i : i + width[i]]), i),
    )
    wrong = [False] * len(tokens)
    for i in order:
        if budget[grams[i]] > 0:
            budget[grams[i]] -= 1
        else:
            for j in range(i, i + width[i]):
                wrong[j] = True
    runs: list[str] = []
    i = 0
    while i < len(tokens):
        if not wrong[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and wrong[j + 1]:
            j += 1
        # A shingle's words at the edges of a run that line up with the other
        # text are right in themselves: show only the wrong core, if any.
        a, b = i, j
        while a < b and aligned[a]:
            a += 1
        while b > a and aligned[b]:
            b -= 1
        if aligned[a] and aligned[b]:
            a, b = i, j
        runs.append(text[spans[a][0] : spans[b][1]])
        i = j + 1
    return runs


def diff_page(gold: str, pred: str) -> PageDiff:
    """The snippets of ``pred`` that should not have been kept, and those of ``gold`` it lost.

    >>> d = diff_page("The council met. It voted to close the road.",
    ...               "The council met. It voted to close the road. Read more: Road closures in town")
    >>> d.extra, d.lost
    (['Read more: Road closures in town'], [])
    """
    return PageDiff(extra=_wrong_runs(pred, gold), lost=_wrong_runs(gold, pred))


def _clip(snippet: str, width: int) -> str:
    snippet = " ".join(snippet.split())
    if len(snippet) <= width:
        return snippet
    half = (width - 5) // 2
    return f"{snippet[:half]} ... {snippet[-half:]}"


def format_scores(scores: Scores, label: str = "") -> str:
    """One line: precision, recall, F1 and accuracy.

    >>> format_scores(Scores(0.9, 0.95, 0.924, 0.2), "demo")
    'demo  P 0.900  R 0.950  F1 0.924  acc 0.200  (0 pages)'
    """
    head = f"{label}  " if label else ""
    return (
        f"{head}P {scores.precision:.3f}  R {scores.recall:.3f}  F1 {scores.f1:.3f}  "
        f"acc {scores.accuracy:.3f}  ({len(scores.pages)} pages)"
    )


def format_report(
    scores: Scores,
    gold: Mapping[str, str],
    pred: Mapping[str, str],
    *,
    worst: int = 10,
    snippets: int = 5,
    width: int = 160,
) -> str:
    """The figures, then the ``worst`` pages with what was kept but should not have been, and what was lost.

    >>> gold = {"p1": "The council met on Monday and voted to close the road."}
    >>> pred = {"p1": "The council met on Monday and voted to close the road. Subscribe to our newsletter today"}
    >>> print(format_report(evaluate(gold, pred), gold, pred))
    P 0.615  R 1.000  F1 0.762  acc 0.000  (1 pages)
    <BLANKLINE>
    p1  loss 0.385  P 0.615  R 1.000
      kept: Subscribe to our newsletter today
    """
    lines = [format_scores(scores)]
    for page in scores.worst(worst):
        if page.loss == 0:
            break
        lines.append("")
        lines.append(f"{page.key}  loss {page.loss:.3f}  P {page.precision:.3f}  R {page.recall:.3f}")
        diff = diff_page(gold.get(page.key, ""), pred.get(page.key, ""))
        for label, found in (("kept", diff.extra), ("lost", diff.lost)):
            ranked = sorted(found, key=lambda s: -len(words(s)))[:snippets]
            lines.extend(f"  {label}: {_clip(s, width)}" for s in ranked)
    return "\n".join(lines)


# --- reading gold bodies and predictions ----------------------------------------------------


class EvalInputError(ValueError):
    """A gold or prediction file that cannot be read; the message names it."""


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
        if path.name.endswith(".gz"):
            data = gzip.decompress(data)
        return data.decode("utf-8-sig")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise EvalInputError(f"{path}: cannot read: {exc}") from None


def _body(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        for key in ("articleBody", "text", "body"):
            if isinstance(value.get(key), str):
                return str(value[key])
    return None


def load_texts(path: Path) -> dict[str, str]:
    """Page key -> text from one path.

    - ``.json``: ``{"KEY": {"articleBody": ...}}`` (the benchmark's format) or ``{"KEY": "text"}``;
    - ``.jsonl``: ``cleanse run --out`` records, keyed by ``id``;
    - ``.txt``: one page, keyed by the file name without ``.txt``;
    - a folder: its ``manifest.jsonl`` if it has one (``cleanse run``'s folder output),
      else every ``.txt`` under it, keyed by the path without ``.txt``.

    ``.gz`` of each file kind is read too.
    """
    name = path.name[:-3] if path.name.endswith(".gz") else path.name
    if path.is_dir():
        manifest = path / "manifest.jsonl"
        if manifest.is_file():
            return load_texts(manifest)
        found: dict[str, str] = {}
        for file in sorted(path.rglob("*")):
            rel = file.relative_to(path).as_posix()
            if file.is_file() and rel.endswith((".txt", ".txt.gz")):
                found[rel.removesuffix(".gz").removesuffix(".txt")] = _read(file)
        return found
    if name.endswith(".txt"):
        return {name.removesuffix(".txt"): _read(path)}
    if name.endswith(".jsonl"):
        out: dict[str, str] = {}
        for number, line in enumerate(_read(path).splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalInputError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
            text = _body(record) if isinstance(record, dict) else None
            if text is None or "id" not in record:
                raise EvalInputError(f'{path}:{number}: a record needs "id" and "text"')
            out[str(record["id"])] = text
        return out
    if name.endswith(".json"):
        try:
            data = json.loads(_read(path))
        except json.JSONDecodeError as exc:
            raise EvalInputError(f"{path}: not valid JSON ({exc.msg})") from None
        if not isinstance(data, dict):
            raise EvalInputError(f"{path}: expected an object of KEY: {{articleBody}} or KEY: text")
        texts = {str(k): _body(v) for k, v in data.items()}
        bad = [k for k, v in texts.items() if v is None]
        if bad:
            raise EvalInputError(f"{path}: page {bad[0]!r} has no articleBody or text")
        return {k: v for k, v in texts.items() if v is not None}
    raise EvalInputError(f"{path}: not a .json, .jsonl, .txt file or a folder")


def match_keys(gold: Mapping[str, str], pred: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """Predictions re-keyed by gold key (exact key, else the last path segment), and the unmatched keys.

    >>> match_keys({"abc": "g"}, {"html/abc": "p", "zzz": "q"})
    ({'abc': 'p'}, ['zzz'])
    """
    matched: dict[str, str] = {}
    unmatched: list[str] = []
    for key, text in pred.items():
        tail = key.rsplit("/", 1)[-1]
        gold_key = key if key in gold else tail if tail in gold else None
        if gold_key is None:
            unmatched.append(key)
        else:
            matched[gold_key] = text
    return matched, unmatched
