"""trafilatura alone, as a bare script: every page of a folder through ``trafilatura.extract``, out as JSONL.

    python benchmarks/trafilatura_alone.py PAGES_DIR OUT.jsonl [--cleanse-options]

The baseline of benchmarks/html_pages.py. ``--cleanse-options`` passes the options
cleanse's extraction stage passes (no comments, with metadata) rather than
trafilatura's defaults.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import trafilatura


def main(folder: str, out: str, cleanse_options: bool) -> None:
    options = {"include_comments": False, "with_metadata": True} if cleanse_options else {}
    with open(out, "w", encoding="utf-8") as fh:
        for path in sorted(Path(folder).rglob("*.htm*")):
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            text = trafilatura.extract(data.decode("utf-8", "replace"), **options) or ""
            fh.write(json.dumps({"id": path.name, "text": text}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--cleanse-options" in sys.argv[3:])
