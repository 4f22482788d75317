"""The entry-point path, for real: a third-party plugin distribution, installed.

tests/plugin_pkg is a small plugin package of its own (``cleanse-shouting``,
registering the ``shouting`` cleaner through the ``cleanse`` entry-point
group). A fresh virtualenv gets it pip-installed as a distribution; then, as
subprocesses of that virtualenv's Python, ``cleanse plugins`` must list it,
``cleanse run`` must run it in its place in the order, ``-p no:shouting`` and
a ``cleanse.toml`` must disable it, and the plugin's own tests (which use
``cleanse.testing``) must pass.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

PLUGIN_PKG = Path(__file__).parent / "plugin_pkg"

PAGE = """\
Putin vows to support North Korea against the United States

putin vows to support north korea against the united states

By Hyonhee Shin and Josh Smith

SEOUL (Reuters) - Russian President Vladimir Putin vowed on Tuesday to deepen trade and security ties with North Korea.

ADVERTISEMENT

The U.S. and its Asian allies are trying to work out just how far Russia will go in support of North Korea.



SCROLL TO CONTINUE WITH CONTENT

Advertisement revenue at North Korean state media was not disclosed, officials said.

PARTNERSHIP AGREEMENT

Putin's foreign policy adviser said the two countries may sign a partnership agreement during the visit.

(Reporting by Hyonhee Shin; Editing by Gerry Doyle)

OTHER NEWS

4 hrs ago

Woman restoring sewing machines for African colleges

5 hrs ago

Lightning's Jon Cooper tabbed to coach Canada at the 2026 Olympics
"""

SHORT = """\
- ADVERTISEMENT -
Share prices in Seoul fell 2% after the announcement.
[SUBSCRIBE NOW]
By the end of the week, the two countries would sign a partnership agreement.
"""

BODY = (
    "Russian President Vladimir Putin vowed on Tuesday to deepen trade and security ties with North Korea.",
    "The U.S. and its Asian allies are trying to work out just how far Russia will go in support of North Korea.",
    "Advertisement revenue at North Korean state media was not disclosed, officials said.",
    "PARTNERSHIP AGREEMENT",
    "Putin's foreign policy adviser said the two countries may sign a partnership agreement during the visit.",
)
SHORT_BODY = (
    "Share prices in Seoul fell 2% after the announcement.",
    "By the end of the week, the two countries would sign a partnership agreement.",
)


@dataclass(frozen=True)
class PluginEnv:
    """A virtualenv with cleanse-shouting installed, and folders to work in."""

    python: Path
    root: Path
    source: Path

    def run(self, *args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "HYPOTHESIS_PROFILE")}
        env["COLUMNS"] = "250"  # `cleanse plugins` prints a table: do not fold it
        done = subprocess.run(
            [str(self.python), *args],
            cwd=cwd or self.root,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if check and done.returncode != 0:
            pytest.fail(f"{' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
        return done

    def cleanse(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return self.run("-m", "cleanse", *args, cwd=cwd)

    def plugins(self, *args: str, cwd: Path | None = None) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = json.loads(self.cleanse("plugins", "--json", *args, cwd=cwd).stdout)
        return rows

    def clean(self, *args: str, cwd: Path | None = None) -> dict[str, dict[str, Any]]:
        """``cleanse run`` on a fresh copy of the two pages; the records by source."""
        work = Path(cwd or self.root)
        pages = work / "pages"
        shutil.rmtree(pages, ignore_errors=True)
        (pages / "sub").mkdir(parents=True)
        (pages / "page.txt").write_text(PAGE, encoding="utf-8")
        (pages / "sub" / "short.txt").write_text(SHORT, encoding="utf-8")
        out = work / "out.jsonl"
        self.cleanse("run", str(pages), "--out", str(out), "--quiet", *args, cwd=work)
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
        return {Path(r["source"]).name: r for r in records}


def _our_site_dirs() -> list[str]:
    """Where this interpreter finds cleanse and its dependencies.

    ``venv --system-site-packages`` exposes the *base* interpreter's packages,
    not those of the virtualenv running the tests, so they are added with a
    ``.pth`` file (``site.addsitedir`` also runs their ``.pth`` files, which is
    how an editable install of cleanse is found).
    """
    dirs = [*site.getsitepackages(), sysconfig.get_path("purelib"), sysconfig.get_path("platlib")]
    if site.ENABLE_USER_SITE:
        dirs.append(site.getusersitepackages())
    return list(dict.fromkeys(d for d in dirs if Path(d).is_dir()))


@pytest.fixture(scope="session")
def plugin_env(tmp_path_factory: pytest.TempPathFactory) -> PluginEnv:
    root = tmp_path_factory.mktemp("plugin-env")
    venv = root / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
        check=True,
        timeout=300,
    )
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    lines = "".join(f"site.addsitedir({d!r}); " for d in _our_site_dirs())
    (Path(purelib) / "_cleanse_tests_parent.pth").write_text(f"import site; {lines}\n", encoding="utf-8")
    # Build from a copy: a build leaves build/ and *.egg-info behind in its source tree.
    source = root / "cleanse-shouting"
    shutil.copytree(
        PLUGIN_PKG, source, ignore=shutil.ignore_patterns("build", "*.egg-info", ".hypothesis", "__pycache__")
    )
    env = PluginEnv(python, root, source)
    env.run(
        "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index",
        "--disable-pip-version-check", "--quiet", str(source),
    )  # fmt: skip
    return env


def test_the_plugin_is_an_installed_distribution(plugin_env: PluginEnv) -> None:
    code = (
        "import importlib.metadata as m, cleanse_shouting, json; d = m.distribution('cleanse-shouting'); "
        "print(json.dumps([d.version, [e.value for e in d.entry_points if e.group == 'cleanse'], "
        "cleanse_shouting.__file__]))"
    )
    version, entry_points, module_file = json.loads(plugin_env.run("-c", code).stdout)
    assert version == "0.3.1"
    assert entry_points == ["cleanse_shouting"]
    # Imported from the virtualenv's site-packages, not from the source tree.
    assert Path(module_file).resolve().is_relative_to(plugin_env.python.parent.parent.resolve())


def test_cleanse_plugins_lists_it_with_its_distribution_and_order(plugin_env: PluginEnv) -> None:
    rows = plugin_env.plugins()
    names = [r["name"] for r in rows]
    shouting = rows[names.index("shouting")]
    assert shouting["distribution"] == "cleanse-shouting"
    assert shouting["version"] == "0.3.1"
    assert shouting["order"] == 550
    assert shouting["enabled"] is True
    assert shouting["plugin"] == "shouting"
    assert "ADVERTISEMENT" in shouting["removes"]
    # In its place among the built-ins: after the dateline, before the feeds.
    assert names.index("credits") < names.index("shouting") < names.index("feeds")
    table = plugin_env.cleanse("plugins").stdout
    assert "shouting" in table and "cleanse-shouting 0.3.1" in table


def _plugin_run_order(record: dict[str, Any]) -> list[str]:
    """The plugins in the order their removals were logged, each once."""
    return list(dict.fromkeys(r["plugin"] for r in record["removed"]))


def _assert_shouts_kept(records: dict[str, dict[str, Any]]) -> None:
    """With shouting disabled, the lines only it removes stay."""
    assert "SCROLL TO CONTINUE WITH CONTENT" in records["page.txt"]["text"].splitlines()
    assert "[SUBSCRIBE NOW]" in records["short.txt"]["text"].splitlines()


def test_cleanse_run_runs_it_in_order(plugin_env: PluginEnv) -> None:
    records = plugin_env.clean()
    page, short = records["page.txt"], records["short.txt"]
    shouts = [r for r in page["removed"] + short["removed"] if r["plugin"] == "shouting"]
    # (Built-ins that run later may also know some of these lines: shouting must get them first.)
    assert sorted(r["text"].strip() for r in shouts) == [
        "- ADVERTISEMENT -",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "[SUBSCRIBE NOW]",
    ]
    assert all(r["kind"] == "advert" and r["reason"] == "shout-line" for r in shouts)
    # Every plugin's removals are logged in the resolved order, shouting between credits and feeds.
    order = [r["name"] for r in plugin_env.plugins() if r["enabled"]]
    ran = _plugin_run_order(page)
    assert ran == [name for name in order if name in ran]
    assert {"dateline", "shouting", "feeds"} <= set(ran)
    # The body is kept, shouted furniture is gone.
    paragraphs = [line for line in page["text"].splitlines() if line.strip()]
    assert [p for p in paragraphs if p in BODY] == list(BODY)
    assert "ADVERTISEMENT" not in paragraphs and "SCROLL TO CONTINUE WITH CONTENT" not in paragraphs
    assert [line for line in short["text"].splitlines() if line.strip()] == list(SHORT_BODY)


def test_order_option_moves_it(plugin_env: PluginEnv) -> None:
    page = plugin_env.clean("--order", "shouting=50")["page.txt"]
    assert _plugin_run_order(page)[0] == "shouting"


def test_cli_option_disables_it(plugin_env: PluginEnv) -> None:
    rows = {r["name"]: r for r in plugin_env.plugins("-p", "no:shouting")}
    assert rows["shouting"]["enabled"] is False
    records = plugin_env.clean("-p", "no:shouting")
    assert not any(r["plugin"] == "shouting" for rec in records.values() for r in rec["removed"])
    _assert_shouts_kept(records)


@pytest.mark.parametrize("how", ["cleanse.toml", "pyproject.toml", "--config"])
def test_configuration_disables_it(plugin_env: PluginEnv, tmp_path: Path, how: str) -> None:
    project = tmp_path / "project"
    work = project / "sub" / "dir"  # the configuration is found in a parent folder
    work.mkdir(parents=True)
    args: tuple[str, ...] = ()
    if how == "cleanse.toml":
        (project / "cleanse.toml").write_text('disable = ["shouting"]\n', encoding="utf-8")
    elif how == "pyproject.toml":
        (project / "pyproject.toml").write_text('[tool.cleanse]\ndisable = ["shouting"]\n', encoding="utf-8")
    else:
        config = tmp_path / "elsewhere.toml"
        config.write_text('disable = ["shouting"]\n', encoding="utf-8")
        args = ("--config", str(config))
    rows = {r["name"]: r for r in plugin_env.plugins(*args, cwd=work)}
    assert rows["shouting"]["enabled"] is False
    records = plugin_env.clean(*args, cwd=work)
    assert not any(r["plugin"] == "shouting" for rec in records.values() for r in rec["removed"])
    _assert_shouts_kept(records)
    # ... and the command line re-enables it.
    records = plugin_env.clean(*args, "-p", "shouting", cwd=work)
    assert any(r["plugin"] == "shouting" for r in records["page.txt"]["removed"])


def test_the_plugins_own_guarantee_tests_pass(plugin_env: PluginEnv) -> None:
    """The plugin proves the guarantee with cleanse.testing, against the installed code."""
    work = plugin_env.root / "plugin-tests"
    work.mkdir(exist_ok=True)
    done = plugin_env.run(
        "-m", "pytest", "-q", "-p", "no:cacheprovider", str(plugin_env.source / "tests"), cwd=work, check=False
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout
