"""End-to-end tests of the command line, on real files, in real subprocesses."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import sys
from pathlib import Path

import pytest
from cli_helpers import cleanse, records

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*")}


def test_run_default_output_is_a_folder_for_a_person(seeds: Path) -> None:
    before = digest(seeds)
    proc = cleanse("run", "seeds", cwd=seeds.parent)
    assert proc.returncode == 0, proc.stderr
    out = seeds.parent / "cleaned"
    texts = sorted(p.name for p in out.glob("*.txt"))
    assert texts == sorted(p.name for p in SEEDS.glob("*.txt"))
    manifest = records(out / "manifest.jsonl")
    assert [r["source"] for r in manifest] == sorted(p.name for p in SEEDS.glob("*.txt"))
    first = manifest[0]
    assert (out / first["output"]).read_text(encoding="utf-8") == first["text"] + "\n"
    # the person's table names every plugin and says where the files went
    for name in ("whitespace", "captions", "credits", "dateline", "feeds", "title"):
        assert name in proc.stdout
    assert "cleaned" in proc.stdout and "manifest.jsonl" in proc.stdout
    assert digest(seeds) == before, "inputs must never be modified"
    # a second run replaces its own output without complaint
    assert cleanse("run", "seeds", cwd=seeds.parent).returncode == 0


def test_run_jsonl_output_follows_the_contract(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    proc = cleanse("run", str(seeds), "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    recs = records(out)
    assert len(recs) == 5
    for rec in recs:
        assert {"id", "source", "text", "meta", "removed"} <= rec.keys()
        assert not rec["source"].startswith("/")
        for removal in rec["removed"]:
            assert {"plugin", "kind", "text"} <= removal.keys()
    by_id = {r["id"]: r for r in recs}
    reuters = by_id["004_e6e37f8cc2604cdb"]
    assert reuters["meta"]["dateline"]["places"] == ["SEOUL", "MOSCOW"]
    assert "OTHER NEWS" not in reuters["text"]
    assert {r["plugin"] for r in reuters["removed"]} >= {"title", "captions", "credits", "dateline", "feeds"}


def test_stdin_to_stdout(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"id": "a", "text": "SEOUL (Reuters) - Talks began.\n\nBy the end of the week, all agreed.", "lang": "en"}
        ),
        json.dumps({"text": "Plain body.\n\n\n"}),
    ]
    proc = cleanse("run", "-", "--out", "-", cwd=tmp_path, stdin="\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    recs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in recs] == ["a", "stdin:2"]
    assert recs[0]["text"] == "Talks began.\n\nBy the end of the week, all agreed."
    assert recs[0]["lang"] == "en", "other record fields are carried through"
    assert recs[1]["text"] == "Plain body."


def test_gzip_and_nested_folders(tmp_path: Path) -> None:
    src = tmp_path / "in" / "deep"
    src.mkdir(parents=True)
    (src / "a.txt.gz").write_bytes(gzip.compress(b"WASHINGTON (Reuters) - Markets rose.\n"))
    out = tmp_path / "o.jsonl"
    proc = cleanse("run", str(tmp_path / "in"), "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (rec,) = records(out)
    assert rec["source"] == "deep/a.txt.gz" and rec["id"] == "deep/a"
    assert rec["text"] == "Markets rose."


def test_disable_plugin_on_the_command_line_and_in_config(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    proc = cleanse("run", str(seeds / "004_e6e37f8cc2604cdb.txt"), "--out", str(out), "-p", "no:feeds", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (rec,) = records(out)
    assert "OTHER NEWS" in rec["text"]
    assert all(r["plugin"] != "feeds" for r in rec["removed"])

    (tmp_path / "cleanse.toml").write_text('disable = ["feeds"]\n', encoding="utf-8")
    proc = cleanse("run", str(seeds / "004_e6e37f8cc2604cdb.txt"), "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "OTHER NEWS" in records(out)[0]["text"]
    # -p NAME re-enables what the config disabled
    proc = cleanse("run", str(seeds / "004_e6e37f8cc2604cdb.txt"), "--out", str(out), "-p", "feeds", cwd=tmp_path)
    assert "OTHER NEWS" not in records(out)[0]["text"]


def test_pyproject_config_and_plugins_listing(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.cleanse]\ndisable = ["title"]\norder = { dateline = 150 }\n', encoding="utf-8"
    )
    proc = cleanse("plugins", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    names = [r["name"] for r in rows]
    assert names[:3] == ["extract", "whitespace", "dateline"]  # the extraction stage runs first
    assert {r["name"]: r["enabled"] for r in rows}["title"] is False
    assert all(r["distribution"] == "cleanse" and r["version"] for r in rows)
    proc = cleanse("plugins", cwd=tmp_path)
    assert proc.returncode == 0
    assert "pyproject.toml" in proc.stdout and "disabled: title" in proc.stdout


def test_usage_errors_exit_2(seeds: Path, tmp_path: Path) -> None:
    proc = cleanse("run", str(seeds), "-p", "no:nosuchplugin", "--out", "-", cwd=tmp_path)
    assert proc.returncode == 2 and "nosuchplugin" in proc.stderr
    proc = cleanse("run", str(seeds), "--out", str(seeds), cwd=tmp_path)
    assert proc.returncode == 2 and "input folder" in proc.stderr
    proc = cleanse("run", str(seeds), "--order", "dateline", cwd=tmp_path)
    assert proc.returncode == 2 and "NAME=NUMBER" in proc.stderr
    (tmp_path / "cleanse.toml").write_text("disable = [\n", encoding="utf-8")
    proc = cleanse("plugins", cwd=tmp_path)
    assert proc.returncode == 2 and "not valid TOML" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_inputs_are_reported_and_the_rest_is_written(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("A body paragraph.\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (src / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    (src / "records.jsonl").write_text('{"text": "Fine."}\nnot json\n{"html_only": 1}\n', encoding="utf-8")
    out = tmp_path / "o.jsonl"
    proc = cleanse("run", str(src), str(tmp_path / "missing.txt"), "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 1
    err = proc.stderr
    assert "empty.txt: empty file" in err
    assert "binary.txt: binary file" in err
    assert "broken.txt.gz: not a valid gzip file" in err
    assert "records.jsonl:2: not valid JSON" in err
    assert 'records.jsonl:3: record has no "text"' in err
    assert "missing.txt: no such file or directory" in err
    assert "Traceback" not in err
    assert sorted(r["id"] for r in records(out)) == ["good", "records:1"]


def test_version_and_help(tmp_path: Path) -> None:
    proc = cleanse("--version", cwd=tmp_path)
    assert proc.returncode == 0 and "cleanse" in proc.stdout
    proc = cleanse("run", "--help", cwd=tmp_path)
    assert proc.returncode == 0 and "manifest.jsonl" in proc.stdout and "-p no:NAME" in proc.stdout


def test_an_existing_file_of_any_name_gets_the_jsonl(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "tmp.Xq3k9"  # what mktemp gives: no .jsonl suffix
    out.write_text("", encoding="utf-8")
    proc = cleanse("run", str(seeds), "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert len(records(out)) == 5


def test_main_freezes_the_heap_only_for_its_own_call(monkeypatch: pytest.MonkeyPatch) -> None:
    # main() is the program: its run freezes what start-up made (gc.freeze); a later call from Python does not.
    from cleanse import cli as cli_module

    monkeypatch.setattr(sys, "argv", ["cleanse", "--version"])
    with pytest.raises(SystemExit):
        cli_module.main()
    assert cli_module._own_process is False
