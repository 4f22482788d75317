"""Same output as before? A differential check for changes meant to make cleaners faster, not different.

    python benchmarks/equivalence.py record [--bench DIR] [--work DIR]   # before the change
    python benchmarks/equivalence.py check [CLEANER...]                   # after it: exit 0 = identical

``record`` builds (once) a corpus of about 3,000 varied documents and writes
what this checkout makes of them: each cleaner alone on every document, then
the whole pipeline (text, removal log with reasons, metadata, failures).
``check`` cleans the same corpus with the checkout as it is now and reports
every document whose result differs, with the first differences. It also
prints CPU µs per document, per cleaner and for the pipeline, on this corpus.

The corpus: trafilatura's text of the news-dev pages extracted four ways
(defaults; comments and favour recall; tables, fast; ``html2txt``, the whole
page), the seeds, the text fuzz corpus, each with six mutations (upper and
lower case, paragraphs reversed and shuffled, list bullets, title case), and
1,500 documents from ``cleanse.testing.documents()``. It checks behaviour on
inputs that exercise the rules; it proves nothing about inputs unlike them,
so guards still need tests of their own. This is a tool, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEFAULT_BENCH, DEFAULT_WORK, ROOT, pages

_BULLETS = ("• ", "— ", "* ", "1. ", ">> ", "", "  ")


def _texts(bench: Path) -> list[str]:
    import trafilatura

    out = []
    for html in pages(bench).values():
        for options in ({}, {"include_comments": True, "favor_recall": True}, {"include_tables": True, "fast": True}):
            if text := trafilatura.extract(html, **options):
                out.append(text)
        if text := trafilatura.html2txt(html):
            out.append(text)
    out += [p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "seeds").iterdir())]
    for path in sorted((ROOT / "tests" / "fuzz_corpus" / "txt").glob("*")):
        with contextlib.suppress(UnicodeDecodeError, OSError):  # the fuzz corpus holds non-UTF-8 files too
            out.append(path.read_text(encoding="utf-8"))
    return out


def _mutations(text: str, rng: random.Random) -> list[str]:
    paras = [p for p in text.split("\n") if p.strip()]
    return [
        text.upper(),
        text.lower(),
        "\n".join(reversed(paras)),
        "\n\n".join(rng.sample(paras, len(paras))),
        "\n".join(rng.choice(_BULLETS) + p for p in paras),
        "\n".join(p.title() if rng.random() < 0.3 else p for p in paras),
    ]


def _generated(n: int) -> list[str]:
    from hypothesis import HealthCheck, given, settings

    from cleanse.testing import GeneratedDocument, documents

    got: list[str] = []

    @settings(max_examples=n, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(documents())
    def collect(gen: GeneratedDocument) -> None:
        got.append(gen.text)

    collect()
    return got


def corpus(bench: Path, work: Path) -> list[str]:
    path = work / "equivalence-corpus.json"
    if path.exists():
        return list(json.loads(path.read_text(encoding="utf-8")))
    rng = random.Random(7)
    base = _texts(bench)
    docs = list(base)
    for text in base:
        docs += _mutations(text, rng)
    docs += _generated(1500)
    work.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    return docs


def results(docs: list[str], names: set[str]) -> dict[str, list[Any]]:
    """What each cleaner alone, then the pipeline, makes of each document (as JSON values)."""
    from cleanse import Pipeline
    from cleanse.model import Document

    pipeline = Pipeline()
    out: dict[str, list[Any]] = {}

    def row(doc: Document) -> Any:
        removed = [[r.start, r.text, r.kind, r.reason, r.plugin] for r in doc.removed]
        return json.loads(json.dumps([doc.text, removed, doc.meta, [f.error for f in doc.failures]]))

    for cleaner in pipeline.cleaners:
        if names and cleaner.name not in names:
            continue
        start = time.process_time()
        rows = []
        for i, text in enumerate(docs):
            doc = Document(id=str(i), text=text)
            pipeline._run_one(cleaner, doc)
            rows.append(row(doc))
        out[cleaner.name] = rows
        print(f"{cleaner.name:<12} {(time.process_time() - start) / len(docs) * 1e6:8.0f} µs per document alone")
    start = time.process_time()
    out["pipeline"] = [row(pipeline.run(Document(id=str(i), text=text))) for i, text in enumerate(docs)]
    print(f"{'pipeline':<12} {(time.process_time() - start) / len(docs) * 1e6:8.0f} µs per document")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["record", "check"])
    parser.add_argument("cleaners", nargs="*", help="check only these cleaners (and the pipeline)")
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    args = parser.parse_args()
    docs = corpus(args.bench, args.work)
    reference = args.work / "equivalence-reference.json"
    if args.action == "record":
        reference.write_text(json.dumps(results(docs, set()), ensure_ascii=False), encoding="utf-8")
        print(f"{len(docs)} documents; reference written to {reference}")
        return
    if not reference.exists():
        raise SystemExit(f"no reference at {reference}: run `record` on the code to compare with first")
    before = json.loads(reference.read_text(encoding="utf-8"))
    now = results(docs, set(args.cleaners))
    different = 0
    for name, rows in now.items():
        diffs = [i for i, (a, b) in enumerate(zip(before.get(name, []), rows, strict=False)) if a != b]
        if name not in before:
            print(f"{name:<12} not in the reference")
            continue
        print(f"{name:<12} {'same' if not diffs else f'{len(diffs)} documents differ'}")
        for i in diffs[:3]:
            a, b = before[name][i], rows[i]
            print(f"  document {i}: removed before {[(r[1][:60], r[3]) for r in a[1]][:5]}")
            print(f"               removed now    {[(r[1][:60], r[3]) for r in b[1]][:5]}")
            if a[2] != b[2]:
                print(f"  metadata before {a[2]}\n  metadata now    {b[2]}")
        different += len(diffs)
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main()
