"""The journal behind atomic output and --resume, in-process (the killed runs are in test_reliability_cli.py)."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import pytest

from cleanse.io import InputError
from cleanse.model import Cleaned, CleanedRun, Document
from cleanse.output import FolderOutput, Journal, JsonlOutput, open_output


def line(i: int, source: str = "r.jsonl") -> str:
    return json.dumps({"id": str(i), "source": source, "text": f"Body {i}."})


def test_records_go_to_a_partial_and_become_final_on_commit(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    journal = Journal(out)
    journal.write(line(1))
    assert not out.exists() and journal.partial.read_text(encoding="utf-8") == line(1) + "\n"
    journal.commit()
    assert out.read_text(encoding="utf-8") == line(1) + "\n" and not journal.partial.exists()


def test_resume_keeps_complete_lines_and_cuts_a_torn_one(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    partial = tmp_path / "o.jsonl.partial"
    partial.write_bytes(f"{line(1)}\n{line(2)}\n".encode() + line(3).encode()[:17])
    journal = Journal(out, resume=True)
    assert [r["id"] for r in journal.recovered] == ["1", "2"]
    journal.write(line(3))
    journal.commit()
    assert out.read_text(encoding="utf-8") == f"{line(1)}\n{line(2)}\n{line(3)}\n"


def test_resume_stops_at_a_line_that_is_not_a_record(tmp_path: Path) -> None:
    partial = tmp_path / "o.jsonl.partial"
    partial.write_text(f"{line(1)}\n[1, 2]\n{line(3)}\n", encoding="utf-8")
    journal = Journal(tmp_path / "o.jsonl", resume=True)
    assert [r["id"] for r in journal.recovered] == ["1"]
    journal.keep()
    assert partial.read_text(encoding="utf-8") == line(1) + "\n"


def test_resume_after_a_finished_run_leaves_the_final_file_until_commit(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.write_text(f"{line(1)}\n", encoding="utf-8")
    journal = Journal(out, resume=True)
    assert [r["id"] for r in journal.recovered] == ["1"]
    journal.write(line(2))
    journal.keep()  # interrupted again: the finished file is untouched
    assert out.read_text(encoding="utf-8") == f"{line(1)}\n"
    assert journal.partial.read_text(encoding="utf-8") == f"{line(1)}\n{line(2)}\n"


def test_a_resumed_output_writes_runs_once_every_earlier_record_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "o.jsonl.partial").write_text(f"{line(1)}\n{line(2)}\n", encoding="utf-8")
    output = JsonlOutput(str(tmp_path / "o.jsonl"), resume=True)
    assert not output.takes_runs  # documents 1 and 2 are still to be skipped, one by one
    for i in (1, 2):
        assert output.already_written(Document(str(i), f"Body {i}.", source="r.jsonl"))
        assert output.takes_runs == (i == 2)
    run = CleanedRun.of([Cleaned.of(Document(str(i), f"Body {i}.", source="r.jsonl")) for i in (3, 4)])
    output.write_run(run)
    output.close()
    assert [json.loads(r)["id"] for r in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()] == list(
        "1234"
    )
    assert JsonlOutput(str(tmp_path / "p.jsonl")).takes_runs  # nothing to resume


def test_without_resume_a_partial_is_started_over(tmp_path: Path) -> None:
    (tmp_path / "o.jsonl.partial").write_text(line(9) + "\n", encoding="utf-8")
    output = JsonlOutput(str(tmp_path / "o.jsonl"))
    assert output.discarded and not output.done
    output.close()
    assert (tmp_path / "o.jsonl").read_text(encoding="utf-8") == ""


def test_skipping_counts_repeated_ids(tmp_path: Path) -> None:
    (tmp_path / "o.jsonl.partial").write_text(f"{line(1)}\n{line(1)}\n{line(2, 'other.jsonl')}\n", encoding="utf-8")
    output = JsonlOutput(str(tmp_path / "o.jsonl"), resume=True)
    items = [
        Document("1", "a", source="r.jsonl"),
        InputError("r.jsonl", "bad line", 2),
        Document("1", "b", source="r.jsonl"),
        Document("1", "c", source="r.jsonl"),  # the third with this id was not written yet
        Document("2", "d", source="r.jsonl"),  # same id, another source
    ]
    kept = list(output.skip_done(items))
    assert kept == [items[1], items[3], items[4]] and output.skipped == 2
    # what the reader could not see (records parsed by workers) is caught when written
    assert output.already_written(Document("2", "x", source="other.jsonl"))
    assert not output.already_written(Document("2", "x", source="other.jsonl"))


def test_resume_to_stdout_is_a_usage_error() -> None:
    with pytest.raises(ValueError, match="stdout cannot be resumed"):
        open_output("-", [], resume=True)


def test_folder_names_never_clash(tmp_path: Path) -> None:
    output = FolderOutput(tmp_path / "out")
    rels = [
        output._unique(PurePosixPath(p))
        for p in ("a.txt", "A.txt", "a.txt", "x.txt", "x.txt/inner.txt", "d/e.txt", "d", "manifest.jsonl")
    ]
    assert [r.as_posix() for r in rels] == [
        "a.txt",
        "A~2.txt",
        "a~3.txt",
        "x.txt",
        "x.txt_inner.txt",
        "d/e.txt",
        "d~2",
        "manifest~2.jsonl",
    ]
    output.abort()


def test_a_resumed_folder_keeps_the_names_it_gave(tmp_path: Path) -> None:
    first = FolderOutput(tmp_path / "out")
    first.write(Document("a", "One.", source="a.txt"))
    first.write(Document("a", "Two.", source="a.txt.gz"))
    first.abort()
    again = FolderOutput(tmp_path / "out", resume=True)
    again.write(Document("a", "Three.", source="a.html"))
    again.close()
    manifest = [json.loads(x) for x in (tmp_path / "out" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [m["output"] for m in manifest] == ["a.txt", "a~2.txt", "a~3.txt"]
    assert (tmp_path / "out" / "a~3.txt").read_text(encoding="utf-8") == "Three.\n"
