"""The command line: ``cleanse run``, ``cleanse plugins``.

Exit status: 0 when every document was cleaned, 1 when some failed (each
reported on stderr with its path and reason; the others are written), 2 for a
usage error (bad option, unknown plugin, unreadable configuration).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from cleanse import __version__

EPILOG_RUN = """\b
Output (--out):
  (none)      cleaned .txt files in ./cleaned/, mirroring the inputs, plus
              cleaned/manifest.jsonl and a table of what each plugin removed
  DIR         the same in DIR (any path not ending in .jsonl)
  OUT.jsonl   one JSON record per document: id, source, text, meta, removed
  -           the same JSONL on stdout

\b
Inputs: files and directories (recursive): .txt, .jsonl (a "text" field per
record), each also as .gz; "-" reads JSONL on stdin. Inputs are never modified.

\b
Examples:
  cleanse run seeds/
  cleanse run news/ --out cleaned.jsonl -p no:feeds
  zcat dump.jsonl.gz | cleanse run - --out - > cleaned.jsonl
  cleanse run dump.jsonl.gz --out cleaned.jsonl --jobs 8
  cleanse run dump.jsonl.gz --out cleaned.jsonl --engine dask --scheduler tcp://10.0.0.5:8786
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
) -> None:
    """Clean every document under PATH... and write the results."""
    from cleanse import progress, runner
    from cleanse.io import InputError, iter_documents
    from cleanse.output import open_output
    from cleanse.runner import Failed, Summary

    config = _load_config(config_file, plugin_flags, order_flags, strict=strict)
    pipeline = _build_pipeline(config)
    if paths.count("-") > 1:
        _fail_usage("'-' (stdin) may be given only once")
    if scheduler is not None and engine != "dask":
        _fail_usage("--scheduler needs --engine dask")
    try:
        output = open_output(out, [p for p in paths if p != "-"])
    except ValueError as exc:
        _fail_usage(str(exc))
    summary = Summary(plugins=pipeline.names)
    errors = 0
    items = iter_documents(paths, exclude=output.folder, max_bytes=config.max_bytes)
    bar = progress.Progress(progress.wanted(quiet, jsonl_to_stdout=out == "-"))
    try:
        with bar:
            for outcome in runner.run(pipeline, items, jobs=jobs, engine=engine, scheduler=scheduler):
                if isinstance(outcome, Failed | InputError):
                    errors += 1
                    bar.advance(0, failed=True)
                    bar.log(f"cleanse: error: {outcome}")
                    if debug and isinstance(outcome, Failed) and outcome.detail:
                        bar.log(outcome.detail)
                    continue
                where = outcome.source or outcome.id
                for failure in outcome.failures:
                    bar.log(f"cleanse: warning: {where}: plugin {failure.plugin!r} skipped: {failure.error}")
                output.write(outcome)
                read = summary.chars_in
                summary.add(outcome)
                bar.advance(summary.chars_in - read)
    except runner.EngineError as exc:
        output.abort()
        _fail_usage(str(exc))
    except BaseException:
        output.abort()
        raise
    output.close()
    summary.failed = errors
    if not quiet:
        output.report(summary)
    sys.exit(1 if errors else 0)


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
    from rich.table import Table

    table = Table(title="cleanse plugins, in the order they run", title_justify="left")
    for column in ("order", "name", "enabled", "removes", "distribution"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            str(row["order"]),
            str(row["name"]),
            "yes" if row["enabled"] else "[red]no[/red]",
            str(row["removes"]),
            f"{row['distribution']} {row['version']}" if row["distribution"] else f"({row['plugin']})",
        )
    console = Console()
    console.print(table)
    console.print(f"configuration: {config.source or 'defaults (no cleanse.toml or [tool.cleanse] found)'}")
    if config.disable:
        console.print(f"disabled: {', '.join(sorted(config.disable))}")
    if config.order:
        console.print("order overrides: " + ", ".join(f"{k}={v}" for k, v in sorted(config.order.items())))
    console.print(f"strict: {'yes' if config.strict else 'no'}; max_bytes: {config.max_bytes}")


def main() -> None:
    """Entry point of the ``cleanse`` command."""
    cli(prog_name="cleanse")
