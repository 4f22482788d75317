"""The command line: ``cleanse run``, ``cleanse plugins``, ``cleanse eval``.

Exit status: 0 when every document was cleaned, 1 when some failed (each
reported on stderr with its path and reason; the others are written), 2 for a
usage error (bad option, unknown plugin, unreadable configuration), 130 or
143 when Ctrl-C or SIGTERM stopped the run (what was written is kept for
``--resume``; see docs/reliability.md).
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import signal
import sys
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import click

from cleanse import __version__

EPILOG_RUN = """\b
Output (--out):
  (none)      cleaned .txt files in ./cleaned/, mirroring the inputs, plus
              cleaned/manifest.jsonl and a table of what each plugin removed
  DIR         the same in DIR (a path not ending in .jsonl, not a file)
  OUT.jsonl   one JSON record per document: id, source, text, meta, removed
              (an existing file of any name gets the same, replaced)
  -           the same JSONL on stdout

\b
Inputs: files and directories (recursive): .txt, .html/.htm (pages: the text
is extracted first, see [tool.cleanse.options.extract]), .jsonl (a "text" or
"html" field per record), each also as .gz; "-" reads JSONL on stdin. Inputs
are never modified.

\b
Examples:
  cleanse run seeds/
  cleanse run news/ --out cleaned.jsonl -p no:feeds
  zcat dump.jsonl.gz | cleanse run - --out - > cleaned.jsonl
  cleanse run pages/ --out cleaned.jsonl -p no:comments
  cleanse run dump.jsonl.gz --out cleaned.jsonl --jobs 8
  cleanse run dump.jsonl.gz --out cleaned.jsonl --engine dask --scheduler tcp://10.0.0.5:8786
"""

EPILOG_EVAL = """\b
GOLD.json maps each page key to its body: {"KEY": {"articleBody": "..."}}
(or {"KEY": "..."}). PATH... are cleaned outputs: a .jsonl of cleanse run
records (keyed by id), a folder written by cleanse run, .txt files, or a
.json like GOLD.json. A prediction matches a gold page by its key or by the
last segment of its id (html/KEY matches KEY).

\b
The metric: 4-word shingles of \\w+ words; per page tp, fp and fn shares;
precision and recall are means over pages, F1 of the means; accuracy is the
share of pages whose words equal the gold ones exactly.

\b
Examples:
  cleanse run pages/ --out cleaned.jsonl && cleanse eval gold.json cleaned.jsonl
  cleanse eval gold.json cleaned/ --worst 5
"""

PLUGIN_HELP = "Disable a cleaner with no:NAME (repeatable); NAME alone re-enables one the config disabled."
ORDER_HELP = "Run cleaner NAME at position N (repeatable), e.g. --order dateline=350."


def _fail_usage(message: str) -> NoReturn:
    raise click.UsageError(message)


def _load_config(
    config_file: Path | None, plugin_flags: tuple[str, ...], order_flags: tuple[str, ...], **kw: Any
) -> Any:
    from cleanse.config import ConfigError, load_config

    try:
        return load_config(config_file).with_cli(plugin_flags, order_flags, **kw)
    except ConfigError as exc:
        _fail_usage(str(exc))


def _build_pipeline(config: Any) -> Any:
    from cleanse.config import ConfigError
    from cleanse.host import PluginError
    from cleanse.pipeline import Pipeline

    try:
        return Pipeline(config)
    except (ConfigError, PluginError) as exc:
        _fail_usage(str(exc))


def scale_options(command: Any) -> Any:
    """--jobs, --engine, --scheduler: where the documents are cleaned."""
    command = click.option(
        "--scheduler",
        metavar="ADDRESS",
        help="With --engine dask: the scheduler to use (tcp://HOST:PORT). Default: start a local cluster.",
    )(command)
    command = click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="local: processes on this machine; dask: a Dask cluster (pip install 'cleanse[dask]').",
    )(command)
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        metavar="N",
        help="Worker processes (default: all cores; 1: clean in this process). "
        "With --engine dask and no --scheduler: the local cluster's workers.",
    )(command)


config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read settings from this cleanse.toml or pyproject.toml instead of the nearest one.",
)
plugin_option = click.option("-p", "plugin_flags", multiple=True, metavar="no:NAME", help=PLUGIN_HELP)
order_option = click.option("--order", "order_flags", multiple=True, metavar="NAME=N", help=ORDER_HELP)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="cleanse")
def cli() -> None:
    """Strip boilerplate and noise from news-like documents.

    Ordered cleaning plugins remove photo captions, bylines, datelines, credit
    lines, link feeds and whitespace debris; what they remove becomes metadata
    and a removal log, and the article body is kept.
    """


@cli.command(epilog=EPILOG_RUN)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--out", "-o", "out", metavar="OUT", help="Where results go (see Output below). Default: ./cleaned/")
@plugin_option
@order_option
@config_option
@click.option("--strict", is_flag=True, default=None, help="A plugin that fails fails the document (default: skip it).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--debug", is_flag=True, help="Show tracebacks for failures.")
@scale_options
# -- reliability options --
@click.option("--resume", is_flag=True, help="Continue an interrupted run: keep the documents OUT already holds.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    metavar="N",
    help="Refuse documents larger than N bytes (default: max_bytes of the config, 50000000).",
)
def run(
    paths: tuple[str, ...],
    out: str | None,
    plugin_flags: tuple[str, ...],
    order_flags: tuple[str, ...],
    config_file: Path | None,
    strict: bool | None,
    quiet: bool,
    debug: bool,
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    resume: bool,
    max_bytes: int | None,
) -> None:
    """Clean every document under PATH... and write the results."""
    from cleanse import progress, runner
    from cleanse.io import InputError, iter_inputs
    from cleanse.model import Cleaned
    from cleanse.output import OutputError, open_output
    from cleanse.runner import Failed, Summary

    config = _load_config(config_file, plugin_flags, order_flags, strict=strict)
    if max_bytes is not None:
        config = dataclasses.replace(config, max_bytes=max_bytes)
    pipeline = _build_pipeline(config)
    if paths.count("-") > 1:
        _fail_usage("'-' (stdin) may be given only once")
    if scheduler is not None and engine != "dask":
        _fail_usage("--scheduler needs --engine dask")
    try:
        output = open_output(out, [p for p in paths if p != "-"], resume=resume, settings=pipeline.settings())
    except ValueError as exc:
        _fail_usage(str(exc))
    if output.discarded:
        click.echo("cleanse: warning: the partial output of an interrupted run was started over", err=True)
    summary = Summary(plugins=pipeline.names)
    errors = 0
    # JSONL records are read in blocks of a batch (see cleanse.runner), split where they are cleaned.
    block = (runner.BATCH_DOCS, runner.BATCH_CHARS)
    items = output.skip_done(iter_inputs(paths, exclude=output.excluded, max_bytes=config.max_bytes, block=block))
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    if _own_process:
        # What start-up made (modules, compiled patterns, the pipeline) lives as long as the process: frozen, it is
        # left out of the cyclic collector's passes, the full ones during the run and those at exit (about 14 ms),
        # and forked workers do not write to its pages. Not when called from Python: the caller's garbage would
        # be frozen with it.
        gc.freeze()
    bar = progress.Progress(progress.wanted(quiet, jsonl_to_stdout=out == "-"))
    try:
        with bar:
            # Documents come back serialized (Cleaned.of runs where they were cleaned): see cleanse.runner. Worker
            # processes send a batch's documents back as one CleanedRun, written and counted at once.
            outcomes = runner.run(
                pipeline,
                items,
                jobs=jobs,
                engine=engine,
                scheduler=scheduler,
                finish=Cleaned.of,
                pause_gc=True,
                packed=True,
            )
            for outcome in _runs_written(outcomes, output, summary, bar):
                if isinstance(outcome, Failed | InputError):
                    errors += 1
                    bar.advance(0, failed=True)
                    bar.log(f"cleanse: error: {outcome}")
                    if debug and isinstance(outcome, Failed) and outcome.detail:
                        bar.log(outcome.detail)
                    continue
                if output.already_written(outcome):  # --resume: written by the interrupted run
                    continue
                where = outcome.source or outcome.id
                for failure in outcome.failures:
                    bar.log(
                        f"cleanse: warning: {where}: plugin {failure.plugin!r} skipped on document {outcome.id!r}: "
                        f"{failure.error}"
                    )
                    if debug and failure.detail:
                        bar.log(failure.detail)
                try:
                    output.write(outcome)
                except OutputError as exc:
                    errors += 1
                    bar.log(f"cleanse: error: {where}: {exc}")
                    continue
                read = summary.chars_in
                summary.add(outcome)
                bar.advance(summary.chars_in - read)
        output.close()
    except runner.EngineError as exc:
        output.abort()
        _fail_usage(str(exc))
    except BaseException as exc:
        output.abort()
        _stopped(exc, output, debug)
    summary.failed = errors
    if not quiet:
        output.report(summary)
    sys.exit(1 if errors else 0)


def _runs_written(outcomes: Iterable[Any], output: Any, summary: Any, bar: Any) -> Iterator[Any]:
    """``outcomes``, less the runs of documents (:class:`cleanse.model.CleanedRun`) that ``output`` writes at
    once: those are written and counted here, and the others come out one document at a time."""
    from cleanse.model import CleanedRun

    for outcome in outcomes:
        if type(outcome) is not CleanedRun:
            yield outcome
        elif output.takes_runs:
            output.write_run(outcome)
            read = summary.chars_in
            summary.add_run(outcome)
            bar.advance(summary.chars_in - read, documents=len(outcome))
        else:
            yield from outcome.each()


@cli.command()
@plugin_option
@order_option
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print the resolved order as JSON.")
def plugins(
    plugin_flags: tuple[str, ...], order_flags: tuple[str, ...], config_file: Path | None, as_json: bool
) -> None:
    """Show the cleaners in the order they run, and the effective configuration."""
    from cleanse.config import ConfigError
    from cleanse.host import PluginError, discover

    config = _load_config(config_file, plugin_flags, order_flags)
    try:
        registry = discover(config=config)
    except (ConfigError, PluginError) as exc:
        _fail_usage(str(exc))
    rows = [
        {
            "name": r.name,
            "order": r.order,
            "enabled": r.enabled,
            "removes": r.cleaner.removes,
            "plugin": r.plugin,
            "distribution": r.distribution,
            "version": r.version,
        }
        for r in registry
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="cleanse plugins, in the order they run", title_justify="left")
    for column in ("order", "name", "enabled", "removes", "distribution"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            str(row["order"]),
            escape(str(row["name"])),
            "yes" if row["enabled"] else "[red]no[/red]",
            escape(str(row["removes"])),
            escape(f"{row['distribution']} {row['version']}" if row["distribution"] else f"({row['plugin']})"),
        )
    console = Console(highlight=False)
    console.print(table)
    settings = [f"configuration: {config.source or 'defaults (no cleanse.toml or [tool.cleanse] found)'}"]
    if config.disable:
        settings.append(f"disabled: {', '.join(sorted(config.disable))}")
    if config.order:
        settings.append("order overrides: " + ", ".join(f"{k}={v}" for k, v in sorted(config.order.items())))
    settings.append(f"strict: {'yes' if config.strict else 'no'}; max_bytes: {config.max_bytes}")
    for line in settings:
        console.print(line, markup=False)


@cli.command("eval", epilog=EPILOG_EVAL)
@click.argument("gold", type=click.Path(exists=True, path_type=Path), metavar="GOLD.json")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path), metavar="PATH...")
@click.option("--worst", default=10, show_default=True, help="How many of the worst pages to show.")
@click.option("--snippets", default=5, show_default=True, help="Kept and lost snippets shown per page.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures and per-page scores as JSON.")
def eval_(gold: Path, paths: tuple[Path, ...], worst: int, snippets: int, as_json: bool) -> None:
    """Score cleaned output against hand-labelled article bodies.

    Prints precision, recall, F1 and accuracy, then the pages that lose most,
    each with the text kept that should not have been and the text lost.
    """
    from cleanse.evaluate import EvalInputError, evaluate, format_report, load_texts, match_keys

    try:
        bodies = load_texts(gold)
        found: dict[str, str] = {}
        for path in paths:
            found.update(load_texts(path))
    except EvalInputError as exc:
        _fail_usage(str(exc))
    pred, unmatched = match_keys(bodies, found)
    if not pred:
        click.echo(f"cleanse: error: no prediction matches a page of {gold}", err=True)
        sys.exit(1)
    missing = sorted(set(bodies) - set(pred))
    if missing:
        click.echo(f"cleanse: warning: {len(missing)} gold page(s) have no prediction, scored as empty", err=True)
    if unmatched:
        click.echo(f"cleanse: warning: {len(unmatched)} prediction(s) match no gold page, ignored", err=True)
    scores = evaluate(bodies, pred)
    if as_json:
        figures = {k: getattr(scores, k) for k in ("precision", "recall", "f1", "accuracy")}
        pages = {
            p.key: {"precision": p.precision, "recall": p.recall, "tp": p.tp, "fp": p.fp, "fn": p.fn, "exact": p.exact}
            for p in scores.pages
        }
        click.echo(json.dumps({**figures, "pages": pages, "missing": missing, "unmatched": unmatched}, indent=2))
        return
    click.echo(format_report(scores, bodies, pred, worst=worst, snippets=snippets))


class Terminated(BaseException):
    """SIGTERM, raised where the run is, to unwind it like Ctrl-C (no plugin may swallow it)."""


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise Terminated(signum)


def _stopped(exc: BaseException, output: Any, debug: bool) -> NoReturn:
    """Report a run that stopped before its end, and exit: 130 for Ctrl-C, 143 for SIGTERM, 1 for an error."""
    journal = getattr(output, "journal", None)
    kept = f"; what was written is in {journal.partial}, and --resume continues from it" if journal else ""
    if isinstance(exc, KeyboardInterrupt):
        click.echo(f"cleanse: interrupted{kept}", err=True)
        sys.exit(130)
    if isinstance(exc, Terminated):
        click.echo(f"cleanse: terminated{kept}", err=True)
        sys.exit(128 + signal.SIGTERM)
    if isinstance(exc, SystemExit):
        click.echo(f"cleanse: stopped{kept}", err=True)
        raise exc
    if isinstance(exc, BrokenPipeError):  # `cleanse run ... --out - | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes
        click.echo("cleanse: stopped: the program reading stdout closed it", err=True)
        sys.exit(1)
    if debug:
        click.echo(traceback.format_exc(), err=True)
    hint = "" if debug else " (--debug shows the traceback)"
    click.echo(f"cleanse: error: the run stopped: {type(exc).__name__}: {exc}{kept}{hint}", err=True)
    sys.exit(1)


# Whether this process is the ``cleanse`` command (main), not a Python program calling the commands.
_own_process = False


def main() -> None:
    """Entry point of the ``cleanse`` command (which exits the process: see ``_own_process``)."""
    global _own_process
    _own_process = True
    try:
        cli(prog_name="cleanse")
    finally:
        _own_process = False
