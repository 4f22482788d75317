"""The floor: the least work any cleaner must do, with nothing of cleanse around it.

    python benchmarks/floor.py IN.jsonl OUT.jsonl [--orjson]

Reads JSONL line by line, applies one compiled regex to each record's text
(trailing spaces, the first thing any cleaner would tidy) with the ``regex``
package and a timeout, as the cleaners must, and writes JSONL. cleanse's
speed is reported against this, measured in the same run.

``--orjson`` writes each record with orjson, as cleanse writes a record's
text: a floor for readers who count that faster writer as least work too
(throughput.py reports it beside the goal, not as the goal).
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


def main_orjson(src: str, dst: str) -> None:
    import orjson

    with open(src, encoding="utf-8") as fin, open(dst, "wb") as fout:
        for line in fin:
            record = json.loads(line)
            record["text"] = TRAILING.sub("", record["text"], timeout=2.0)
            fout.write(orjson.dumps(record) + b"\n")


if __name__ == "__main__":
    (main_orjson if "--orjson" in sys.argv[3:] else main)(sys.argv[1], sys.argv[2])
