"""Shared fixtures: the test partner sites served on 127.0.0.1 and a config pointing at them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner, Result

from pressroom.cli import main
from pressroom.sampleserver import SampleServer

SITES = Path(__file__).parent / "sites"
PAGES = Path(__file__).parent / "pages"


@pytest.fixture
def sites() -> Iterator[SampleServer]:
    """The test partner sites (never used by the demo), on a free loopback port."""
    with SampleServer(SITES) as server:
        yield server


@pytest.fixture
def newsroom(tmp_path: Path, sites: SampleServer) -> Path:
    """A pressroom.toml for the test sites, in its own folder; returns the config path."""
    template = (SITES / "pressroom.toml").read_text(encoding="utf-8")
    path = tmp_path / "pressroom.toml"
    path.write_text(template.replace("{{origin}}", sites.origin), encoding="utf-8")
    return path


def run(*args: str) -> Result:
    """Run the pressroom command in-process, as a user would type it."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def read_feed(path: Path) -> feedparser.FeedParserDict:
    """Parse one of our published feeds; it must be well-formed."""
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return parsed
