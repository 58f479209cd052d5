"""The ``newsprism`` command line: a thin layer over :func:`newsprism.analyze`.

Exit status: 0 when every input was read and every report written; 1 when
some inputs failed (they are listed in the report's ``errors`` and on
stderr); 2 for usage or settings errors and for ``--strict`` stops; 3 when a
report could not be written (each such ``--out`` is named with the reason on
stderr; the others are still written).
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .config import Settings, load_settings
from .errors import NewsprismError
from .ingest.valid import safe_name
from .model import Report
from .progress import SILENT, BarProgress, LineProgress, Progress

__all__ = ["main"]

FORMATS = ("text", "json", "html", "md")
#: Exit statuses besides 0 (all read, all written) and 2 (usage, settings, --strict; click's own).
EXIT_INPUTS_FAILED = 1
EXIT_UNWRITTEN = 3


class _Stop(click.ClickException):
    """A run stopped before any report: bad settings, a model error, a ``--strict`` input failure."""

    exit_code = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsprism")
def main() -> None:
    """See how different outlets report the same story."""


@main.command("analyze")
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="text: a summary on the terminal (the default); json: the report contract; html: a self-contained page; "
    "md: Markdown. Without it, each --out file's format follows its suffix.",
)
@click.option(
    "--out",
    "outs",
    multiple=True,
    type=click.Path(),
    help="Write the report here (default: stdout); a folder (DIR/) gets an HTML index and one page per story. "
    "Repeat it to write several formats from one run.",
)
@click.option("--strict", is_flag=True, help="Stop at the first input that cannot be read.")
@click.option("--config", "config", type=click.Path(exists=True, dir_okay=False), help="A TOML file of settings.")
@click.option("--n-process", type=int, default=None, help="Worker processes for the spaCy pass and the per-story comparison (overrides the setting).")
@click.option("--quiet", "-q", is_flag=True, help="Report no progress.")
@click.option(
    "--progress",
    "show_progress",
    is_flag=True,
    help="Report progress on stderr even when it is not a terminal (one line per finished stage).",
)
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, exists=True),
    help="Analyze the corpus in this file (see ingest) instead of PATHS, and keep the stories in it.",
)
def analyze_command(
    paths: tuple[str, ...],
    fmt: str | None,
    outs: tuple[str, ...],
    strict: bool,
    config: str | None,
    n_process: int | None,
    quiet: bool,
    show_progress: bool,
    db: str | None,
) -> None:
    """Analyze the articles in PATHS (files, directories, or - for stdin).

    Reads plain text, HTML, JSON/JSONL(.gz) and RSS/Atom files, cleans them,
    groups them into stories and compares how each outlet reports each story.
    On a terminal each stage shows a progress bar on stderr (--quiet: none).
    """
    if bool(paths) == bool(db):
        raise click.UsageError("give PATHS to analyze, or --db with a corpus (not both)")
    targets = [(out, fmt or _format_of(out)) for out in _checked_outs(outs, fmt)]
    from .corpus import analyze_corpus
    from .pipeline import analyze  # spaCy and torch load only when a run needs them
    from .store import SQLiteStore

    progress = _reporter(quiet=quiet, asked=show_progress)
    try:
        settings = load_settings(config, n_process=n_process)
        with progress:
            if db is not None:
                with SQLiteStore(db) as store:
                    report = analyze_corpus(store, settings=settings, progress=progress)
            else:
                report = analyze(list(paths), settings=settings, strict=strict, progress=progress)
            unwritten = sum(
                not _write(report, out, out_fmt)
                for out, out_fmt in (progress.track(targets, "write", total=len(targets), unit="reports") if targets else ())
            )
    except NewsprismError as exc:
        raise _Stop(str(exc)) from exc
    if not targets:
        rendered = _render(report, fmt or "text", to_terminal=True)
        if rendered is not None:
            click.echo(rendered)
    if report.errors:
        click.echo(f"newsprism: {len(report.errors)} input(s) could not be read", err=True)
    if unwritten:
        click.echo(f"newsprism: {unwritten} of {len(targets)} report(s) could not be written", err=True)
        sys.exit(EXIT_UNWRITTEN)
    if report.errors:
        sys.exit(EXIT_INPUTS_FAILED)


class _Unreadable(click.ClickException):
    """The report to render could not be read."""

    exit_code = EXIT_INPUTS_FAILED


def _redraw_options(command: Any) -> Any:
    """--format and --out of the commands that draw a report already made (render, export)."""
    command = click.option(
        "--out",
        "outs",
        multiple=True,
        type=click.Path(),
        help="Write the report here (default: stdout); a folder (DIR/) gets an HTML index and one page per "
        "story. Repeat it for several formats.",
    )(command)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="As for analyze; without it, each --out file's format follows its suffix (text on the terminal "
        "without --out).",
    )(command)


def _redraw(report: Report, fmt: str | None, targets: list[tuple[str, str]]) -> None:
    """Write a report already made to each target (or draw it on the terminal); exit 3 if one is not written."""
    unwritten = sum(not _write(report, out, out_fmt) for out, out_fmt in targets)
    if not targets:
        rendered = _render(report, fmt or "text", to_terminal=True)
        if rendered is not None:
            click.echo(rendered)
    if unwritten:
        click.echo(f"newsprism: {unwritten} of {len(targets)} report(s) could not be written", err=True)
        sys.exit(EXIT_UNWRITTEN)


@main.command("render")
@click.argument("report_path", metavar="REPORT.json")
@_redraw_options
def render_command(report_path: str, fmt: str | None, outs: tuple[str, ...]) -> None:
    """Render a JSON report again (html, md, text or json) without analysing anything.

    REPORT.json is what `newsprism analyze --format json` wrote. Exit status:
    0 when every report was written, 1 when REPORT.json cannot be read as a
    report, 3 when a report could not be written.
    """
    targets = [(out, fmt or _format_of(out)) for out in _checked_outs(outs, fmt)]
    from .report.load import load_report

    try:
        report = load_report(report_path)
    except NewsprismError as exc:
        raise _Unreadable(str(exc)) from exc
    _redraw(report, fmt, targets)


def _write(report: Report, out: str, fmt: str) -> bool:
    """Write the report to ``out`` in ``fmt`` (a folder: HTML pages); on failure say why on stderr and return
    False."""
    folder = _is_folder(out)
    try:
        if folder:
            from .report.html import render_pages

            Path(out).mkdir(exist_ok=True)
            pages = render_pages(report)
            for name, page in pages.items():
                (Path(out) / name).write_text(page, encoding="utf-8")
            for stale in Path(out).glob("st*.html"):  # story pages of an earlier, larger report
                if re.fullmatch(r"st\d+\.html", stale.name) and stale.name not in pages:
                    stale.unlink()
        else:
            Path(out).write_text(_render(report, fmt, to_terminal=False) or "", encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        click.echo(f"newsprism: error: cannot write the {fmt} report to {safe_name(out)}: {reason}", err=True)
        return False
    what = f"{len(pages)} html pages (index.html and one per story)" if folder else f"{fmt} report"
    click.echo(f"newsprism: wrote {what} to {safe_name(out)}", err=True)
    return True


def _is_folder(out: str) -> bool:
    """Whether ``--out`` names a folder of pages: it ends with a slash."""
    return out.endswith(("/", "\\"))


def _checked_outs(outs: tuple[str, ...], fmt: str | None) -> tuple[str, ...]:
    """``outs``, or a usage error (before any work): an existing folder named without a trailing slash, a
    folder (DIR/) for a format other than html, or DIR/ where a file is."""
    for out in outs:
        if _is_folder(out):
            if fmt not in (None, "html"):
                raise click.BadParameter(f"{safe_name(out)!r} is a folder: only --format html writes pages", param_hint="--out")
            if Path(out).exists() and not Path(out).is_dir():
                raise click.BadParameter(f"{safe_name(out)!r} is a file, not a folder", param_hint="--out")
        elif Path(out).is_dir():
            raise click.BadParameter(
                f"{safe_name(out)!r} is a directory; end it with / to write HTML pages into it", param_hint="--out"
            )
    return outs


def _reporter(*, quiet: bool, asked: bool) -> Progress:
    """Bars on a terminal; with ``--progress`` and no terminal, a line per stage; nothing with ``--quiet``."""
    if quiet:
        return SILENT
    if sys.stderr.isatty():
        return BarProgress()
    return LineProgress() if asked else SILENT


_SUFFIXES = {".json": "json", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".txt": "text"}


def _format_of(path: str) -> str:
    """The report format a file name asks for by its suffix (a folder: html pages)."""
    if _is_folder(path):
        return "html"
    found = _SUFFIXES.get(Path(path).suffix.casefold())
    if found is None:
        raise click.BadParameter(
            f"cannot tell the format of {path!r} from its suffix ({', '.join(_SUFFIXES)}); give --format",
            param_hint="--out",
        )
    return found


def _render(report: Report, fmt: str, *, to_terminal: bool) -> str | None:
    if fmt == "json":
        from .report.json import dumps

        return dumps(report)
    if fmt == "html":
        from .report.html import render_html

        return render_html(report)
    if fmt == "md":
        from .report.markdown import render_markdown

        return render_markdown(report)
    from rich.console import Console

    from .report.terminal import render_terminal

    if to_terminal:
        render_terminal(report, Console())
        return None
    console = Console(record=True, width=120, file=io.StringIO())
    render_terminal(report, console)
    return console.export_text()


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False), help="The corpus file (created if missing).")
@click.option("--config", "config", type=click.Path(exists=True, dir_okay=False), help="A TOML file of settings.")
@click.option("--quiet", "-q", is_flag=True, help="Report no progress.")
@click.option("--progress", "show_progress", is_flag=True, help="Report progress on stderr even when it is not a terminal.")
def ingest_command(paths: tuple[str, ...], db: str, config: str | None, quiet: bool, show_progress: bool) -> None:
    """Add the articles in PATHS to the corpus in --db: cleaned, each stored once.

    An article already stored (the same id, or the same words under another
    id) is skipped and counted. Inputs that cannot be read are recorded in the
    corpus with the reason. Safe to stop at any point and run again. Exit
    status: 0, or 1 when some inputs could not be read.
    """
    from .store import SQLiteStore
    from .store.ingest import ingest

    progress = _reporter(quiet=quiet, asked=show_progress)
    try:
        settings = load_settings(config)
        with SQLiteStore(db) as store, progress:
            counts = ingest(list(paths), store, settings=settings, progress=progress)
            total = store.count()
    except NewsprismError as exc:
        raise _Stop(str(exc)) from exc
    stored = counts.stored
    click.echo(
        f"newsprism: added {stored.added} article(s) to {safe_name(db)} ({total} in all); "
        f"skipped {stored.same_id} already stored, {stored.same_text} with the same words under another id",
        err=True,
    )
    for failure in counts.failures:
        click.echo(f"newsprism: error: {failure.input}: {failure.error}", err=True)
    if counts.failures:
        click.echo(f"newsprism: {len(counts.failures)} input(s) could not be read (recorded in the corpus)", err=True)
        sys.exit(EXIT_INPUTS_FAILED)


@main.command("export")
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, exists=True), help="The corpus file.")
@_redraw_options
def export_command(db: str, fmt: str | None, outs: tuple[str, ...]) -> None:
    """Write the report of a corpus's last analysis (analyze --db) in any format, without analysing again."""
    targets = [(out, fmt or _format_of(out)) for out in _checked_outs(outs, fmt)]
    from .store import SQLiteStore

    try:
        with SQLiteStore(db) as store:
            report = Report(articles=tuple(store.articles()), stories=tuple(store.stories()), errors=tuple(store.errors()))
    except NewsprismError as exc:
        raise _Unreadable(str(exc)) from exc
    if not report.stories and report.articles:
        click.echo("newsprism: the corpus has not been analysed yet (run analyze --db)", err=True)
    _redraw(report, fmt, targets)


@main.command("settings")
def settings_command() -> None:
    """List every setting with its default and help."""
    defaults = Settings()
    for name, help_text in defaults.help().items():
        click.echo(f"{name} = {getattr(defaults, name)!r}\n    {help_text}")


@main.command("serve")
@click.option("--db", "db", required=True, help="The corpus to serve (see ingest and analyze --db); it is only read.")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="The port.")
def serve_command(db: str, host: str, port: int) -> None:
    """Serve the stories of the corpus in --db as a read-only web app: a story list with search, filters and
    pages, one page per story and per article, the coverage matrix as CSV, and JSON twins (/stories.json,
    /stories/ID.json, /articles/ID.json); the API's schema is at /openapi.json.

    Exit status 2 when --db is missing or is no newsprism store.
    """
    from .web import create_app, settle

    loopback = host in ("127.0.0.1", "localhost", "::1")
    try:
        app = create_app(db, hosts=[host, "localhost", "127.0.0.1", "[::1]"] if loopback else None)
    except NewsprismError as exc:
        click.echo(f"newsprism: error: {exc}", err=True)
        sys.exit(2)
    import uvicorn

    click.echo(f"newsprism: serving {safe_name(db)} at http://{host}:{port}/ (Ctrl+C stops)", err=True)
    settle()
    uvicorn.run(app, host=host, port=port, log_level="warning")
