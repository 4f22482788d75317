"""Reliability end to end: real files, real subprocesses, a plugin installed through a real entry point.

Bad input gives one error line each and exit status 1; a broken plugin is
skipped (or, with --strict, fails its document); no traceback reaches the
user without --debug; output is atomic and --resume continues a killed run.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import alive, children, cleanse, records
from click.testing import CliRunner

from cleanse.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

BROKEN_PLUGIN = """
import os
import signal
from cleanse import Cleaner, Edit, hookimpl


class Broken(Cleaner):
    name = "broken"
    order = 350
    removes = "nothing: it raises on purpose"

    def propose(self, text, meta):
        if "explode" in text:
            raise ValueError("exploded on purpose")
        if "interrupt" in text and os.environ.get("BROKEN_INTERRUPT"):
            raise KeyboardInterrupt
        if "interrupt" in text and os.environ.get("BROKEN_TERMINATE"):
            os.kill(os.getpid(), signal.SIGTERM)
        return []


@hookimpl
def register_cleaners(register):
    register(Broken())
"""


@pytest.fixture
def plugin_env(tmp_path: Path) -> dict[str, str]:
    """An environment where the distribution ``cleanse-broken`` is installed, entry point and all."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "cleanse_broken.py").write_text(BROKEN_PLUGIN, encoding="utf-8")
    dist = site / "cleanse_broken-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: cleanse-broken\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[cleanse]\nbroken = cleanse_broken\n", encoding="utf-8")
    return {**os.environ, "PYTHONPATH": str(site)}


def jsonl(path: Path, recs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


# --- plugins --------------------------------------------------------------------------------


def test_a_plugin_that_raises_is_skipped_with_a_warning(tmp_path: Path, plugin_env: dict[str, str]) -> None:
    listing = cleanse("plugins", "--json", cwd=tmp_path, env=plugin_env)
    assert {r["name"]: r["distribution"] for r in json.loads(listing.stdout)}["broken"] == "cleanse-broken"
    src = jsonl(
        tmp_path / "r.jsonl",
        [
            {"id": "calm", "text": "SEOUL (Reuters) - A calm day.\n\n\n"},
            {"id": "bad", "text": "SEOUL (Reuters) - Things explode here.\n\nBy the end, all agreed.\n\n\n"},
        ],
    )
    out = tmp_path / "o.jsonl"
    proc = cleanse("run", str(src), "--out", str(out), "-q", cwd=tmp_path, env=plugin_env)
    assert proc.returncode == 0, proc.stderr
    assert "cleanse: warning: r.jsonl: plugin 'broken' skipped on document 'bad': ValueError: exploded" in proc.stderr
    assert "Traceback" not in proc.stderr
    calm, bad = records(out)
    assert "failures" not in calm
    assert bad["failures"] == [{"plugin": "broken", "error": "ValueError: exploded on purpose"}]
    # the plugins before and after it still ran on that document
    assert bad["text"] == "Things explode here.\n\nBy the end, all agreed."
    assert {r["plugin"] for r in bad["removed"]} == {"whitespace", "dateline"}

    debug = cleanse("run", str(src), "--out", str(out), "-q", "--debug", cwd=tmp_path, env=plugin_env)
    assert "Traceback" in debug.stderr and "cleanse_broken.py" in debug.stderr


def test_strict_fails_the_document_and_writes_the_others(tmp_path: Path, plugin_env: dict[str, str]) -> None:
    src = jsonl(
        tmp_path / "r.jsonl",
        [{"id": "calm", "text": "A calm day."}, {"id": "bad", "text": "Things explode."}, {"id": "z", "text": "Z."}],
    )
    out = tmp_path / "o.jsonl"
    proc = cleanse("run", str(src), "--out", str(out), "-q", "--strict", cwd=tmp_path, env=plugin_env)
    assert proc.returncode == 1
    assert "cleanse: error: r.jsonl (record bad): " in proc.stderr
    assert "plugin 'broken' failed on document 'bad': exploded on purpose" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert [r["id"] for r in records(out)] == ["calm", "z"]


# --- bad input and exit statuses -----------------------------------------------------------


def test_every_bad_input_is_one_error_line_and_the_rest_is_written(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "good.txt").write_text("A body paragraph.\n", encoding="utf-8")
    (src / "latin.txt").write_bytes("Le café de la gare, à côté.".encode("cp1252"))
    (src / "empty.txt").write_bytes(b"")
    (src / "image.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    (src / "nul.txt").write_bytes(b"text\x00with NUL")
    (src / "big.txt").write_bytes(b"x" * 5000)
    (src / "trunc.txt.gz").write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03")
    (src / "sub" / "loop").symlink_to(src, target_is_directory=True)
    (src / "r.jsonl").write_text(
        '{"id": "one", "text": "Fine."}\n{"oops\n{"title": "no text"}\n' + json.dumps({"text": "y" * 3000}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "o.jsonl"
    proc = cleanse("run", str(src), "--out", str(out), "--max-bytes", "2000", "-q", cwd=tmp_path)
    assert proc.returncode == 1
    err = proc.stderr.splitlines()
    expected = [
        "big.txt: file is 5000 bytes, larger than the limit of 2000 (see max_bytes)",
        "empty.txt: empty file",
        "image.txt: binary file (a JPEG image), not text",
        "nul.txt: binary file (contains NUL bytes), not text",
        "r.jsonl:2: not valid JSON",
        'r.jsonl:3: record has no "text" or "html" string field',
        "r.jsonl:4: record is longer than the limit of 2000 bytes (see max_bytes); skipped",
        "sub/loop: symlink loop (a link to a folder above it); skipped",
        "trunc.txt.gz: not a valid gzip file",
    ]
    for line in expected:
        assert any(line in e and e.startswith("cleanse: error: ") for e in err), line
    assert len(err) == len(expected), err
    assert "Traceback" not in proc.stderr
    recs = {r["id"]: r for r in records(out)}
    assert sorted(recs) == ["good", "latin", "one"]
    assert recs["latin"]["text"] == "Le café de la gare, à côté." and recs["latin"]["meta"]["encoding"] == "cp1252"


def test_exit_statuses(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A body.\n", encoding="utf-8")
    assert cleanse("run", str(good), "--out", str(tmp_path / "o.jsonl"), "-q", cwd=tmp_path).returncode == 0
    assert cleanse("run", str(tmp_path / "nope.txt"), "--out", "-", cwd=tmp_path).returncode == 1
    for args in (["--out", "-", "--resume"], ["--max-bytes", "0"], ["--out", str(tmp_path)], ["--bogus"]):
        proc = cleanse("run", str(good), *args, cwd=tmp_path)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr
    (tmp_path / "dir.jsonl").mkdir()
    proc = cleanse("run", str(good), "--out", str(tmp_path / "dir.jsonl"), cwd=tmp_path)
    assert proc.returncode == 2 and "is a folder" in proc.stderr


def test_an_output_inside_the_input_folder_is_never_read_back(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("A body.\n", encoding="utf-8")
    for _ in range(2):
        proc = cleanse("run", str(src), "--out", str(src / "out.jsonl"), "-q", cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert [r["id"] for r in records(src / "out.jsonl")] == ["a"]
    (src / "out.jsonl").unlink()
    for _ in range(2):
        proc = cleanse("run", str(src), "--out", str(src / "cleaned"), "-q", cwd=tmp_path)
        assert proc.returncode == 0 and [r["source"] for r in records(src / "cleaned" / "manifest.jsonl")] == ["a.txt"]


def test_a_closed_stdout_stops_the_run_quietly(tmp_path: Path) -> None:
    src = jsonl(tmp_path / "r.jsonl", [{"id": str(i), "text": f"Body {i}. " + "word " * 400} for i in range(400)])
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleanse", "run", str(src), "--out", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert json.loads(proc.stdout.readline())["id"] == "0"
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 1
    assert err == "cleanse: stopped: the program reading stdout closed it\n"


def test_stdin_with_bad_bytes(tmp_path: Path) -> None:
    raw = b'{"id": "a", "text": "caf\xe9 cr\xe8me"}\nnot json\n{"id": "b", "text": "B."}\n'
    proc = subprocess.run(
        [sys.executable, "-m", "cleanse", "run", "-", "--out", "-"], input=raw, capture_output=True, cwd=tmp_path
    )
    assert proc.returncode == 1
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [(r["id"], r["text"]) for r in out] == [("a", "café crème"), ("b", "B.")]
    assert b"<stdin>:2: not valid JSON" in proc.stderr and b"Traceback" not in proc.stderr


def test_nasty_record_ids_stay_inside_the_output_folder(tmp_path: Path) -> None:
    ids = ["../../escape", "/abs/path", "..", "", "a\u0000b", "x.txt/inner", "X", "x", "d/" * 40 + "deep", "é" * 300]
    src = jsonl(tmp_path / "r.jsonl", [{"id": i, "text": f"Body {n}."} for n, i in enumerate(ids)])
    src.with_name("x.txt").write_text("A file named like a record.", encoding="utf-8")
    out = tmp_path / "out" / "folder"
    proc = cleanse("run", str(src), str(src.with_name("x.txt")), "--out", str(out), "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file() and p.suffix == ".txt")
    assert all(out in p.parents for p in written if p.name != "x.txt" or p.parent != tmp_path)
    manifest = records(out / "manifest.jsonl")
    assert len(manifest) == len(ids) + 1
    outputs = [m["output"] for m in manifest]
    assert len({o.casefold() for o in outputs}) == len(outputs), "two documents share a file"
    for m in manifest:
        assert (out / m["output"]).read_text(encoding="utf-8") == m["text"] + "\n"


def test_an_internal_error_is_one_line_and_keeps_the_partial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleanse.output import Journal

    src = jsonl(tmp_path / "r.jsonl", [{"id": str(i), "text": f"Body {i}."} for i in range(5)])
    out = tmp_path / "o.jsonl"
    real_write = Journal.write

    def write(self: Journal, line: str | bytes) -> None:
        if '"id": "3"' in (line.decode() if isinstance(line, bytes) else line):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(self, line)

    monkeypatch.setattr(Journal, "write", write)
    signals = signal.getsignal(signal.SIGTERM)
    try:
        result = CliRunner().invoke(cli, ["run", str(src), "--out", str(out), "-q"])
        assert result.exit_code == 1
        assert "cleanse: error: the run stopped: OSError: [Errno 28] No space left on device" in result.output
        assert "--resume continues from it" in result.output and "Traceback" not in result.output
        assert not out.exists() and len(records(Path(str(out) + ".partial"))) == 3
        debug = CliRunner().invoke(cli, ["run", str(src), "--out", str(out), "-q", "--debug"])
        assert "Traceback" in debug.output
        monkeypatch.setattr(Journal, "write", real_write)
        done = CliRunner().invoke(cli, ["run", str(src), "--out", str(out), "-q", "--resume"])
        assert done.exit_code == 0, done.output
    finally:
        signal.signal(signal.SIGTERM, signals)
    assert [r["id"] for r in records(out)] == ["0", "1", "2", "3", "4"]


# --- atomic output and --resume -------------------------------------------------------------


def corpus(folder: Path, n: int) -> Path:
    """Seed texts as JSONL records in two files, a text file and some bad lines, slow enough to kill."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    half = n // 2
    lines = [json.dumps({"id": f"a{i}", "text": texts[i % len(texts)], "n": i}) for i in range(half)]
    lines.insert(7, "this line is not JSON")
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(SEEDS[0], folder / "b.txt")
    dup = [json.dumps({"id": "same", "text": texts[i % len(texts)] + f"\n\nPart {i}."}) for i in range(n - half)]
    (folder / "c.jsonl").write_text("\n".join(dup) + "\n", encoding="utf-8")
    return folder


def kill_midway(args: list[str], cwd: Path, watch: Path, min_bytes: int) -> None:
    """Start ``cleanse run``, SIGKILL it once ``watch`` holds ``min_bytes``, and check it was mid-run.

    Its worker processes must not outlive it (they would wait for work forever).
    """
    proc = subprocess.Popen([sys.executable, "-m", "cleanse", *args], cwd=cwd, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120  # hang protection only
    while proc.poll() is None and time.monotonic() < deadline:
        if watch.exists() and watch.stat().st_size >= min_bytes:
            break
        time.sleep(0.002)
    workers = children(proc.pid) if sys.platform.startswith("linux") else set()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed: make the corpus larger"
    deadline = time.monotonic() + 30
    while workers and time.monotonic() < deadline:
        workers = {pid for pid in workers if alive(pid) is not None}
        time.sleep(0.01)
    assert not workers, f"worker processes {sorted(workers)} outlived the killed run"


def test_a_killed_jsonl_run_resumes_without_duplicates_or_gaps(tmp_path: Path) -> None:
    src = corpus(tmp_path / "in", 400)
    clean = tmp_path / "clean.jsonl"
    assert cleanse("run", str(src), "--out", str(clean), "-q", cwd=tmp_path).returncode == 1  # the bad line
    expected = clean.read_text(encoding="utf-8")

    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    kill_midway(["run", str(src), "--out", str(out), "-q"], tmp_path, partial, min_bytes=len(expected) // 20)
    assert not out.exists(), "a killed run must not leave a final file"
    assert 0 < partial.stat().st_size < len(expected.encode())
    # simulate the worst moment: a record torn in the middle
    with open(partial, "ab") as fh:
        fh.write(b'{"id": "a99", "source": "a.jso')

    proc = cleanse("run", str(src), "--out", str(out), "--resume", cwd=tmp_path)
    assert proc.returncode == 1 and "a.jsonl:8: not valid JSON" in proc.stderr
    assert "documents already written were skipped" in proc.stderr
    assert not partial.exists()
    assert out.read_text(encoding="utf-8") == expected, "resumed output differs from an uninterrupted run"

    # resuming a finished run changes nothing
    assert cleanse("run", str(src), "--out", str(out), "-q", "--resume", cwd=tmp_path).returncode == 1
    assert out.read_text(encoding="utf-8") == expected


def test_a_killed_folder_run_leaves_complete_files_and_resumes(tmp_path: Path) -> None:
    src = corpus(tmp_path / "in", 300)
    clean = tmp_path / "clean"
    assert cleanse("run", str(src), "--out", str(clean), "-q", cwd=tmp_path).returncode == 1
    expected = {m["output"]: m for m in records(clean / "manifest.jsonl")}

    out = tmp_path / "out"
    size = (clean / "manifest.jsonl").stat().st_size
    kill_midway(["run", str(src), "--out", str(out), "-q"], tmp_path, out / "manifest.jsonl.partial", size // 20)
    assert not (out / "manifest.jsonl").exists()
    texts = [p for p in out.rglob("*.txt") if not p.name.startswith(".")]
    assert texts, "nothing was written before the kill"
    for path in texts:  # every file that carries its final name is complete
        rel = path.relative_to(out).as_posix()
        assert path.read_text(encoding="utf-8") == expected[rel]["text"] + "\n", rel

    proc = cleanse("run", str(src), "--out", str(out), "-q", "--resume", cwd=tmp_path)
    assert proc.returncode == 1
    assert (out / "manifest.jsonl").read_text(encoding="utf-8") == (clean / "manifest.jsonl").read_text(
        encoding="utf-8"
    )
    for rel, m in expected.items():
        assert (out / rel).read_text(encoding="utf-8") == m["text"] + "\n"


def test_without_resume_a_partial_is_started_over(tmp_path: Path) -> None:
    src = jsonl(tmp_path / "r.jsonl", [{"id": str(i), "text": f"Body {i}."} for i in range(3)])
    out = tmp_path / "o.jsonl"
    Path(str(out) + ".partial").write_text('{"id": "stale", "source": "r.jsonl"}\n', encoding="utf-8")
    proc = cleanse("run", str(src), "--out", str(out), "-q", cwd=tmp_path)
    assert proc.returncode == 0 and "partial output of an interrupted run was started over" in proc.stderr
    assert [r["id"] for r in records(out)] == ["0", "1", "2"]


@pytest.mark.parametrize(
    ("how", "status", "said"), [("INTERRUPT", 130, "interrupted"), ("TERMINATE", 143, "terminated")]
)
def test_ctrl_c_and_sigterm_keep_the_partial_and_resume_finishes(
    tmp_path: Path, plugin_env: dict[str, str], how: str, status: int, said: str
) -> None:
    recs = [{"id": str(i), "text": f"Body {i}." + (" interrupt" if i == 3 else "")} for i in range(6)]
    src = jsonl(tmp_path / "r.jsonl", recs)
    out = tmp_path / "o.jsonl"
    env = {**plugin_env, f"BROKEN_{how}": "1"}  # the plugin stops the run while it works on record 3
    # --jobs 1 cleans record by record, so exactly the records before the stop are written.
    proc = cleanse("run", str(src), "--out", str(out), "-q", "--jobs", "1", cwd=tmp_path, env=env)
    assert proc.returncode == status, proc.stderr
    assert f"cleanse: {said}; what was written is in" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists() and [r["id"] for r in records(Path(str(out) + ".partial"))] == ["0", "1", "2"]
    proc = cleanse("run", str(src), "--out", str(out), "-q", "--resume", cwd=tmp_path, env=plugin_env)
    assert proc.returncode == 0, proc.stderr
    assert [r["id"] for r in records(out)] == ["0", "1", "2", "3", "4", "5"]


def test_output_files_get_ordinary_permissions(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Body.\n", encoding="utf-8")
    proc = cleanse("run", str(src), "--out", str(tmp_path / "out"), "-q", cwd=tmp_path)
    assert proc.returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    for path in (tmp_path / "out" / "a.txt", tmp_path / "out" / "manifest.jsonl"):
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_resume_refuses_a_partial_written_with_other_settings(tmp_path: Path, plugin_env: dict[str, str]) -> None:
    recs = [{"id": str(i), "text": f"Body {i}." + (" interrupt" if i == 3 else "")} for i in range(6)]
    src = jsonl(tmp_path / "r.jsonl", recs)
    out = tmp_path / "o.jsonl"
    partial, settings = Path(f"{out}.partial"), Path(f"{out}.partial.settings.json")
    env = {**plugin_env, "BROKEN_INTERRUPT": "1"}
    assert cleanse("run", str(src), "--out", str(out), "-q", "--jobs", "1", cwd=tmp_path, env=env).returncode == 130
    assert "title" in json.loads(settings.read_text(encoding="utf-8"))["cleaners"]
    written = partial.read_bytes()

    # Other cleaners, or other options: the records written and those to come would not agree.
    for other in (["-p", "no:title"], ["--strict"], ["--max-bytes", "1000"]):
        proc = cleanse("run", str(src), "--out", str(out), "-q", "--resume", *other, cwd=tmp_path, env=plugin_env)
        assert proc.returncode == 2, (other, proc.stderr)
        assert f"--resume: {partial} was written with other settings" in proc.stderr
        assert partial.read_bytes() == written and settings.exists(), "a refused resume must change nothing"
    proc = cleanse("run", str(src), "--out", str(out), "-q", "--resume", "-p", "no:title", cwd=tmp_path, env=plugin_env)
    assert 'cleaners: ["whitespace","title",' in proc.stderr and "then" in proc.stderr, proc.stderr

    # The same settings resume; the settings file goes with the partial.
    proc = cleanse("run", str(src), "--out", str(out), "-q", "--resume", cwd=tmp_path, env=plugin_env)
    assert proc.returncode == 0, proc.stderr
    assert [r["id"] for r in records(out)] == ["0", "1", "2", "3", "4", "5"]
    assert not partial.exists() and not settings.exists()


def test_resume_without_settings_beside_the_partial_goes_on(tmp_path: Path) -> None:
    # A partial from an older cleanse has no settings file: it cannot be checked, and is resumed as it is.
    src = jsonl(tmp_path / "r.jsonl", [{"id": str(i), "text": f"Body {i}."} for i in range(3)])
    out = tmp_path / "o.jsonl"
    assert cleanse("run", str(src), "--out", str(out), "-q", cwd=tmp_path).returncode == 0
    expected = out.read_text(encoding="utf-8")
    Path(f"{out}.partial").write_text(expected.splitlines(keepends=True)[0], encoding="utf-8")
    out.unlink()
    proc = cleanse("run", str(src), "--out", str(out), "--resume", "-p", "no:title", cwd=tmp_path)
    assert proc.returncode == 0 and "1 documents already written were skipped" in proc.stderr, proc.stderr
    assert out.read_text(encoding="utf-8") == expected


def test_resume_with_an_unreadable_settings_file_says_how_to_go_on(tmp_path: Path) -> None:
    src = jsonl(tmp_path / "r.jsonl", [{"id": "0", "text": "Body."}])
    out = tmp_path / "o.jsonl"
    Path(f"{out}.partial").write_text("", encoding="utf-8")
    bad = Path(f"{out}.partial.settings.json")
    bad.write_text("{not json", encoding="utf-8")
    proc = cleanse("run", str(src), "--out", str(out), "-q", "--resume", cwd=tmp_path)
    assert proc.returncode == 2 and f"cannot read {bad}" in proc.stderr and "delete it" in proc.stderr
    bad.unlink()
    assert cleanse("run", str(src), "--out", str(out), "-q", "--resume", cwd=tmp_path).returncode == 0
    assert [r["id"] for r in records(out)] == ["0"]
