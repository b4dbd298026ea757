"""`pressroom demo`: the whole pipeline against bundled sample partner sites served on 127.0.0.1."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pressroom.config import load_config
from pressroom.crawl import CrawlReport, crawl
from pressroom.publish import publish
from pressroom.sampleserver import SampleServer
from pressroom.store import Store

DEMO_SITES = Path(__file__).parent / "demo_sites"


@dataclass(frozen=True)
class DemoResult:
    crawl: CrawlReport
    entries: int
    feeds: list[Path]
    config_path: Path


def run_demo(out_dir: Path, verbosity: int = 0) -> DemoResult:
    """Serve the sample sites, crawl them into a fresh store and publish into `out_dir`."""
    work = out_dir / ".pressroom"
    work.mkdir(parents=True, exist_ok=True)
    db_path = work / "pressroom.db"
    # The sample sites get a new port each run, hence new URLs: start from an empty store.
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    with SampleServer(DEMO_SITES) as server:
        config_path = work / "pressroom.toml"
        template = (DEMO_SITES / "pressroom.toml").read_text(encoding="utf-8")
        config_path.write_text(template.replace("{{origin}}", server.origin), encoding="utf-8")
        config = load_config(config_path)
        report = crawl(config, db_path, verbosity=verbosity)
    with Store(db_path) as store:
        published = publish(config, store, out_dir)
    feeds = sorted(
        p for p in published.written + published.unchanged if p.parent == out_dir and not p.name.startswith(".")
    )
    return DemoResult(crawl=report, entries=published.entries, feeds=feeds, config_path=config_path)
