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


def alive(pid: int) -> list[str] | None:
    """State, parent, ... of a live process (Linux: /proc/PID/stat after the name); None once it has exited."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return None if fields[0] == "Z" else fields  # a zombie has exited


def children(pid: int) -> set[int]:
    """The live processes whose parent is ``pid``."""
    pids = (int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit())
    return {child for child in pids if (fields := alive(child)) is not None and int(fields[1]) == pid}
