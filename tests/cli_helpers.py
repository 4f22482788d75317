"""What the end-to-end CLI tests share: running `python -m cleanse` for real, reading JSONL back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any


def cleanse(
    *args: str, cwd: Path, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the cleanse command in a subprocess (a generous timeout guards against hangs; it is not a timing test)."""
    return subprocess.run(
        [sys.executable, "-m", "cleanse", *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def records(path: Path) -> list[dict[str, Any]]:
    """The JSON records of a JSONL file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
