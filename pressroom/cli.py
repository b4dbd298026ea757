"""The `pressroom` command: a thin Click layer over the library."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from pressroom import __version__
from pressroom.config import DEFAULT_CONFIG, Config, ConfigError, CrawlSettings, load_config

EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3


class UserError(click.ClickException):
    """A mistake the user can fix: one line, exit 2, never a traceback."""

    exit_code = EXIT_USAGE


class Failure(click.ClickException):
    """Nothing could be done (for example the output folder cannot be written): exit 1."""

    exit_code = EXIT_NOTHING


def _verbosity(ctx: click.Context) -> int:
    return ctx.find_root().obj.get("verbosity", 0) if ctx.find_root().obj else 0


def _config(path: str) -> Config:
    try:
        return load_config(path)
    except ConfigError as exc:
        raise UserError(str(exc)) from None


def _db_path(config: Config, db: str | None) -> Path:
    return Path(db) if db else config.root / ".pressroom" / "pressroom.db"


def _out_dir(config: Config, out: str | None) -> Path:
    return Path(out) if out else config.root / "public"


config_option = click.option(
    "--config",
    "config_path",
    default=DEFAULT_CONFIG,
    envvar="PRESSROOM_CONFIG",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The newsroom's config file.",
)
db_option = click.option(
    "--db", type=click.Path(dir_okay=False), help="SQLite store.  [default: .pressroom/pressroom.db beside the config]"
)
wait_option = click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=0,
    show_default=True,
    help="Seconds to wait for another run on the same store to finish.",
)
out_option = click.option(
    "--out", type=click.Path(file_okay=False), help="Folder to publish into.  [default: public/ beside the config]"
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="pressroom")
@click.option("-v", "--verbose", count=True, help="Say more; -vv shows the crawler's own log.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the final summary.")
@click.pass_context
def main(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """Collect partner press releases and publish them as feeds.

    Typical use: list partner sites in pressroom.toml, then run `pressroom build` (by hand or from cron).
    Exit codes: 0 success; 1 nothing could be published; 2 usage or config error;
    3 feeds published but one or more sources failed.
    """
    ctx.obj = {"verbosity": -1 if quiet else verbose}


# -- crawl / publish / build ------------------------------------------------------------------------


def _report_crawl(report: Any) -> None:
    states = report.states
    counts = {status: sum(1 for s in states if s.status == status) for status in ("ok", "empty", "no_dates", "error")}
    undated = f", {counts['no_dates']} without dates" if counts["no_dates"] else ""
    click.echo(
        f"Crawled {len(states)} source(s): {counts['ok']} ok, {counts['empty']} empty{undated}, "
        f"{counts['error']} failed"
    )
    for state in states:
        if state.status == "error":
            kept = f"; keeping {state.releases} earlier release(s)" if state.releases else ""
            click.echo(f"  FAILED {state.id}: {state.reason}{kept}", err=True)
        elif state.status in ("empty", "no_dates"):
            click.echo(f"  {state.status:<8} {state.id}: {state.reason}", err=True)


def _store_trouble(db_path: Path, exc: BaseException) -> str:
    """One line for a store that cannot be opened or written."""
    reason = getattr(exc, "strerror", None) or str(exc)
    hint = " (is the disk full?)" if "disk" in reason.lower() or "full" in reason.lower() else ""
    return f"cannot use the store at {db_path}: {reason}{hint}"


@contextmanager
def _store_lock(db_path: Path, wait: float) -> Iterator[None]:
    """Hold the store for the whole command, so two runs never write the same store or folder at once."""
    from pressroom.lock import StoreBusy, StoreLock

    try:
        with StoreLock(db_path, wait):
            yield
    except StoreBusy as exc:
        raise Failure(str(exc)) from None


def _run_crawl(
    ctx: click.Context,
    config: Config,
    db_path: Path,
    sources: tuple[str, ...],
    meanwhile: Callable[[], object] | None = None,
) -> Any:
    from pressroom.crawl import crawl

    for sid in sources:
        if sid not in {s.id for s in config.sources}:
            raise UserError(f"{config.path.name}: no source with id {sid!r}")
    try:
        report = crawl(config, db_path, list(sources) or None, _verbosity(ctx), meanwhile)
    except (OSError, sqlite3.Error) as exc:
        raise Failure(_store_trouble(db_path, exc)) from None
    _report_crawl(report)
    return report


def _run_publish(config: Config, db_path: Path, out_dir: Path) -> Any:
    from pressroom.publish import publish
    from pressroom.store import Store

    try:
        store = Store(db_path)
    except (OSError, sqlite3.Error) as exc:
        raise Failure(_store_trouble(db_path, exc)) from None
    try:
        with store:
            report = publish(config, store, out_dir)
    except sqlite3.Error as exc:
        raise Failure(_store_trouble(db_path, exc)) from None
    except OSError as exc:
        # Every file is written to a temporary name first, so what was published before is still whole.
        raise Failure(
            f"cannot publish to {out_dir}: {exc.strerror or exc}; the files already there are unchanged"
        ) from None
    click.echo(
        f"Published {report.entries} release(s) to {out_dir}/: {len(report.written)} file(s) written, "
        f"{len(report.unchanged)} unchanged"
    )
    hub = config.publish.websub_hub
    if hub and report.changed_feeds:
        from pressroom.websub import ping

        failures = ping(hub, report.changed_feeds)
        for failure in failures:
            click.echo(f"  WebSub: {failure}", err=True)
        if not failures:
            click.echo(f"Told the WebSub hub about {len(report.changed_feeds)} changed feed(s)")
    return report


@main.command()
@config_option
@db_option
@out_option
@click.option("--source", "sources", multiple=True, help="Crawl only this source id (repeatable).")
@wait_option
@click.pass_context
def build(
    ctx: click.Context, config_path: str, db: str | None, out: str | None, sources: tuple[str, ...], wait: float
) -> None:
    """Crawl every source, then publish the feeds.

    Exits 0 when every source succeeded, 3 when feeds were published but a source failed,
    1 when nothing could be published, 2 for usage and config errors.
    """
    config = _config(config_path)
    db_path = _db_path(config, db)
    with _store_lock(db_path, wait):
        # Once the crawl child is started: before, the import would hold the interpreter lock the start needs.
        crawl_report = _run_crawl(ctx, config, db_path, sources, lambda: _import_meanwhile("pressroom.publish"))
        publish_report = _run_publish(config, db_path, _out_dir(config, out))
    if publish_report.entries == 0:
        click.echo("Nothing to publish: no source has yielded a release yet.", err=True)
        ctx.exit(EXIT_NOTHING)
    if crawl_report.failed or crawl_report.crashed:
        ctx.exit(EXIT_PARTIAL)


def _import_meanwhile(module: str) -> None:
    """Import `module` in a thread while this process only waits for the crawl child, so publishing starts sooner."""
    import contextlib
    import importlib
    import threading

    def load() -> None:
        with contextlib.suppress(Exception):  # the real import, later, reports it
            importlib.import_module(module)

    threading.Thread(target=load, name=f"import {module}", daemon=True).start()


@main.command("crawl")
@config_option
@db_option
@click.option("--source", "sources", multiple=True, help="Crawl only this source id (repeatable).")
@wait_option
@click.pass_context
def crawl_command(ctx: click.Context, config_path: str, db: str | None, sources: tuple[str, ...], wait: float) -> None:
    """Crawl sources into the store without publishing.

    Exits 0 when every source succeeded, 3 when some failed, 1 when all failed.
    """
    config = _config(config_path)
    db_path = _db_path(config, db)
    with _store_lock(db_path, wait):
        report = _run_crawl(ctx, config, db_path, sources)
    if report.failed and len(report.failed) == len(report.states):
        ctx.exit(EXIT_NOTHING)
    if report.failed or report.crashed:
        ctx.exit(EXIT_PARTIAL)


@main.command("publish")
@config_option
@db_option
@out_option
@wait_option
def publish_command(config_path: str, db: str | None, out: str | None, wait: float) -> None:
    """Write the feeds from what is already stored, without crawling."""
    config = _config(config_path)
    db_path = _db_path(config, db)
    if not db_path.exists():
        raise UserError(f"no store at {db_path}: run `pressroom crawl` or `pressroom build` first")
    with _store_lock(db_path, wait):
        _run_publish(config, db_path, _out_dir(config, out))


# -- sources ------------------------------------------------------------------------------------------


@main.command("sources")
@config_option
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source instead of a table.")
def sources_command(config_path: str, db: str | None, as_json: bool) -> None:
    """Each source with its last crawl result, release count and newest date."""
    from pressroom.store import Store

    config = _config(config_path)
    db_path = _db_path(config, db)
    states = {}
    if db_path.exists():
        with Store(db_path) as store:
            states = store.source_states()
    rows = []
    for src in config.sources:
        state = states.get(src.id)
        rows.append(
            {
                "id": src.id,
                "name": src.name,
                "url": src.url,
                "status": (state.status if state else None) or "never crawled",
                "reason": state.reason if state else None,
                "last_crawl": state.last_crawl.isoformat() if state and state.last_crawl else None,
                "last_success": state.last_success.isoformat() if state and state.last_success else None,
                "releases": state.releases if state else 0,
                "newest": state.newest.isoformat() if state and state.newest else None,
            }
        )
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    width = max([len(r["id"]) for r in rows] + [6])
    click.echo(f"{'SOURCE':<{width}}  {'STATUS':<13}  {'RELEASES':>8}  {'NEWEST':<10}  {'LAST CRAWL':<20}  REASON")
    for r in rows:
        click.echo(
            f"{r['id']:<{width}}  {r['status']:<13}  {r['releases']:>8}  {(r['newest'] or '-')[:10]:<10}  "
            f"{(r['last_crawl'] or '-')[:19]:<20}  {r['reason'] or ''}".rstrip()
        )


# -- extract ------------------------------------------------------------------------------------------


def _fetch(url: str, timeout: float = 30.0) -> tuple[bytes, str, str | None]:
    from pressroom.settings import user_agent

    request = urllib.request.Request(url, headers={"User-Agent": user_agent(CrawlSettings())})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) checked by caller)
        limit = CrawlSettings().max_page_bytes
        body = response.read(limit + 1)
        if len(body) > limit:
            raise OSError(f"page is larger than {limit} bytes")
        return body, response.geturl(), response.headers.get("Content-Type")


@main.command("extract")
@click.argument("sources", nargs=-1, required=True)
@click.option("--url", "page_url", help="The address a FILE was saved from (resolves its links; names its releases).")
@click.option("--timezone", default="UTC", show_default=True, help="Time zone for times that name none.")
@click.option("--language", help="Language to assume when the page does not say.")
@click.pass_context
def extract_command(
    ctx: click.Context, sources: tuple[str, ...], page_url: str | None, timezone: str, language: str | None
) -> None:
    """Print the releases found in each SOURCE (a file or an http(s) URL) as one JSON line per SOURCE."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from pressroom.extract import Hints, extract_releases
    from pressroom.page import Page

    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(f"--timezone {timezone!r} is not an IANA time zone such as 'America/New_York'") from None
    hints = Hints(timezone=timezone, language=language)
    failed = False
    for source in sources:
        try:
            if source.startswith(("http://", "https://")):
                body, url, content_type = _fetch(source)
            else:
                body, url, content_type = Path(source).read_bytes(), page_url or Path(source).resolve().as_uri(), None
        except (OSError, urllib.error.URLError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or exc
            click.echo(f"pressroom extract: {source}: {reason}", err=True)
            failed = True
            continue
        releases = extract_releases(Page.parse(body, url, content_type), hints)
        payload = {"source": source, "releases": [r.to_json() for r in releases]}
        click.echo(json.dumps(payload, ensure_ascii=False))
    if failed:
        ctx.exit(EXIT_NOTHING)


# -- validate -----------------------------------------------------------------------------------------


@main.command("validate")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.pass_context
def validate_command(ctx: click.Context, folder: str) -> None:
    """Check a published FOLDER: well-formed XML, feed essentials, JSON Feed schema, iCalendar, unique ids.

    Prints each problem as `path: what is wrong`; exits 1 when there is any.
    """
    from pressroom.validate import validate

    checked, problems = validate(Path(folder))
    for problem in problems:
        click.echo(problem)
    click.echo(f"{checked} file(s) checked, {len(problems)} problem(s)")
    if problems or not checked:
        ctx.exit(EXIT_NOTHING)


# -- demo ---------------------------------------------------------------------------------------------


@main.command("demo")
@click.option(
    "--out", default="pressroom-demo", show_default=True, type=click.Path(file_okay=False), help="Folder for the feeds."
)
@click.pass_context
def demo_command(ctx: click.Context, out: str) -> None:
    """Serve bundled sample partner sites on 127.0.0.1 and run a real build against them."""
    from pressroom.demo import run_demo

    out_dir = Path(out)
    click.echo("Serving sample partner sites on 127.0.0.1 ...")
    try:
        result = run_demo(out_dir, _verbosity(ctx))
    except OSError as exc:
        raise Failure(f"cannot run the demo in {out_dir}: {exc.strerror or exc}") from None
    _report_crawl(result.crawl)
    click.echo(f"Published {result.entries} release(s) into {out_dir}/:")
    for path in result.feeds:
        click.echo(f"  {path}")
    click.echo(f"  {out_dir / 'sources'}/<id>/: each partner's own atom.xml, rss.xml and feed.json")
    click.echo(f"The demo's config, a starting point for your own: {result.config_path}")
    if result.crawl.failed:
        ctx.exit(EXIT_PARTIAL)


def run() -> None:
    """The `pressroom` console script: the command, then an exit that skips tearing the interpreter down."""
    try:
        main(prog_name="pressroom")
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:  # a message instead of a number: printed, exit 1, as the interpreter would
            print(exc.code, file=sys.stderr)
            code = 1
    # Freeing every object one by one (trees, rows, modules) takes a tenth of a second that a build or a cron job
    # would wait for; by now every file is written, closed and renamed into place, and the store is closed.
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a reader that went away (`pressroom build | head`)
            stream.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
