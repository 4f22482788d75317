"""The floor: the least work any cleaner must do, with nothing of cleanse around it.

    python benchmarks/floor.py IN.jsonl OUT.jsonl

Reads JSONL line by line, applies one compiled regex to each record's text
(trailing spaces, the first thing any cleaner would tidy) with the ``regex``
package and a timeout, as the cleaners must, and writes JSONL. cleanse's
speed is reported against this, measured in the same run.
"""

from __future__ import annotations

import json
import sys

import regex

TRAILING = regex.compile(r"[ \t]+$", regex.MULTILINE)


def main(src: str, dst: str) -> None:
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        for line in fin:
            record = json.loads(line)
            record["text"] = TRAILING.sub("", record["text"], timeout=2.0)
            fout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
