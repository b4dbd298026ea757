"""A partner that misbehaves fails alone, quickly and with its reason; everyone else publishes.

One real build crawls a healthy partner (the riverside test site) beside one source per fault served by
tests/faultserver.py on 127.0.0.1, plus a second fault server on 127.0.0.2 standing for a private address.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result
from conftest import SITES, read_feed, run
from faultserver import FaultServer

from pressroom.config import ConfigError, load_config
from pressroom.crawl import DEADLINE_GRACE, deadline
from pressroom.middlewares import is_private, retry_after
from pressroom.sampleserver import SampleServer
from pressroom.validate import validate

RIVERSIDE_RELEASES = 5
# The whole build must finish well inside this: every fault is cut by a limit of a few seconds.
BUILD_SECONDS = 30

CONFIG = """
[newsroom]
timezone = "America/Chicago"

[crawl]
autothrottle = false
retry_times = 1
download_timeout = 2
max_retry_after = 3
time_budget = 20
page_budget = 6
max_page_bytes = 1_000_000
# Every server here is on 127.0.0.1 (allowed); 127.0.0.2 stands for a private address nobody allowed.
allow_private = ["127.0.0.1"]

[[sources]]
id = "riverside"
url = "{sites}/riverside/category/news/"

[[sources]]
id = "down"
url = "{faults}/status/503/news/"

[[sources]]
id = "gone"
url = "{faults}/status/404/news/"

[[sources]]
id = "busy"
url = "{faults}/429/3600/news/"

[[sources]]
id = "patient"
url = "{faults}/429-once/1/news/"

[[sources]]
id = "slow"
url = "{faults}/slow/90/news/"

[[sources]]
id = "drop"
url = "{faults}/drop/news/"

[[sources]]
id = "truncated"
url = "{faults}/truncated/news/"

[[sources]]
id = "sluggish"
url = "{faults}/slow/4/news/"
crawl = {{ time_budget = 1, download_timeout = 10 }}

[[sources]]
id = "nxdomain"
url = "http://partner.invalid/news/"

[[sources]]
id = "tls"
url = "https://{faults_netloc}/ok/tls/"

[[sources]]
id = "loop"
url = "{faults}/loop/a"

[[sources]]
id = "chain"
url = "{faults}/chain/0"

[[sources]]
id = "huge"
url = "{faults}/huge-stream/3000000/"

[[sources]]
id = "huge-announced"
url = "{faults}/huge/3000000/"

[[sources]]
id = "calendar"
url = "{faults}/cal/2014/03/"
crawl = {{ depth_limit = 100 }}

[[sources]]
id = "agenda"
url = "{faults}/agenda/2014/03/"
crawl = {{ page_budget = 50, depth_limit = 3 }}

[[sources]]
id = "to-private"
url = "{faults}/redirect/{private_netloc}/ok/refused/"

[[sources]]
id = "to-private-allowed"
url = "{faults}/redirect/{private_netloc}/ok/allowed/"
crawl = {{ allow_private = true }}

[[sources]]
id = "private-literal"
url = "{private}/ok/literal/"

[[sources]]
id = "offsite"
url = "{faults}/offsite/?to={private_netloc}"
crawl = {{ allow_private = true }}
"""

# source id -> how its failure must start (the URL follows in most)
FAILED = {
    "down": "HTTP 503 from {faults}/status/503/news/",
    "gone": "HTTP 404 from {faults}/status/404/news/",
    "busy": "HTTP 429 from {faults}/429/3600/news/ (it asked to retry after 3600 s, longer than max_retry_after)",
    "slow": "timed out fetching {faults}/slow/90/news/",
    "drop": "connection dropped by {faults}/drop/news/",
    "truncated": "truncated response (connection closed before the announced length) from {faults}/truncated/news/",
    "nxdomain": "cannot resolve the host name of http://partner.invalid/news/",
    "tls": "TLS failure with https://{faults_netloc}/ok/tls/",
    "loop": "redirect loop: {faults}/loop/a leads back to {faults}/loop/a",
    "chain": "too many redirects (5) starting at {faults}/chain/0",
    "huge": "page larger than max_page_bytes: {faults}/huge-stream/3000000/",
    "huge-announced": "page larger than max_page_bytes: {faults}/huge/3000000/",
    "to-private": "refused {private}/ok/refused/: 127.0.0.2 is a private or loopback address",
    "private-literal": "refused {private}/ok/literal/: 127.0.0.2 is a private or loopback address",
}


@dataclass
class Build:
    config: Path
    result: Result
    seconds: float
    faults: FaultServer
    private: FaultServer
    rows: dict[str, dict]
    names: dict[str, str]


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    root = tmp_path_factory.mktemp("faults")
    with (
        SampleServer(SITES) as sites,
        FaultServer("127.0.0.1") as faults,
        FaultServer("127.0.0.2") as private,
    ):
        names = {
            "sites": sites.origin,
            "faults": faults.origin,
            "faults_netloc": faults.netloc,
            "private": private.origin,
            "private_netloc": private.netloc,
        }
        config = root / "pressroom.toml"
        config.write_text(CONFIG.format(**names), encoding="utf-8")
        started = time.monotonic()
        result = run("build", "--config", str(config))
        seconds = time.monotonic() - started
        status = run("sources", "--config", str(config), "--json")
        rows = {row["id"]: row for row in map(json.loads, status.output.splitlines())}
        yield Build(config, result, seconds, faults, private, rows, names)


def test_build_finishes_in_bounded_time_and_exits_3(build: Build) -> None:
    assert build.result.exit_code == 3, build.result.output
    assert build.seconds < BUILD_SECONDS, build.seconds
    assert "Traceback" not in build.result.output


def test_every_fault_is_reported_with_its_reason(build: Build) -> None:
    for sid, expected in FAILED.items():
        reason = expected.format(**build.names)
        row = build.rows[sid]
        assert row["status"] == "error", (sid, row)
        assert row["reason"].startswith(reason), (sid, row["reason"])
        assert "\n" not in row["reason"]
        assert f"FAILED {sid}: {reason}" in build.result.output
    failed = {sid for sid, row in build.rows.items() if row["status"] == "error"}
    assert failed == set(FAILED)
    assert f"{len(FAILED)} failed" in build.result.output


def test_the_healthy_partner_publishes_in_full(build: Build) -> None:
    assert build.rows["riverside"]["status"] == "ok"
    assert build.rows["riverside"]["releases"] == RIVERSIDE_RELEASES
    out = build.config.parent / "public"
    assert len(read_feed(out / "sources/riverside/atom.xml").entries) == RIVERSIDE_RELEASES
    checked, problems = validate(out)
    assert problems == []
    assert checked > 10


def test_retries_are_bounded_and_retry_after_is_honoured(build: Build) -> None:
    faults = build.faults
    assert len(faults.hits("/status/503/")) == 2  # retry_times = 1
    assert len(faults.hits("/status/404/")) == 1  # a 404 is not retried
    assert len(faults.hits("/429/3600/")) == 1  # an hour's wait is over the cap: no retry, no hammering
    assert len(faults.hits("/slow/90/")) == 2
    assert len(faults.hits("/chain/")) == 6  # the source URL and max_redirects (5) more
    (first, _), (second, _) = faults.hits("/429-once/")
    assert second - first >= 0.9  # Retry-After: 1 was waited for
    assert build.rows["patient"]["status"] == "ok"
    assert build.rows["patient"]["releases"] == 1


def test_endless_calendars_stop_at_the_page_budget_or_depth_limit(build: Build) -> None:
    calendar = build.rows["calendar"]
    assert calendar["status"] == "ok"
    assert "stopped at the page budget (6 pages)" in calendar["reason"]
    assert len(build.faults.hits("/cal/")) <= 6 + 4  # the budget plus requests already in flight
    agenda = build.rows["agenda"]
    assert agenda["status"] == "ok"
    assert "stopped at the depth limit (3 links from the source URL)" in agenda["reason"]
    months = {path for _, path in build.faults.hits("/agenda/") if "/event/" not in path}
    assert months == {"/agenda/2014/03/", "/agenda/2014/04/", "/agenda/2014/05/", "/agenda/2014/06/"}


def test_a_source_stops_at_its_time_budget(build: Build) -> None:
    # The page in flight when the budget ends is still taken (download_timeout bounds it); nothing more is asked.
    row = build.rows["sluggish"]
    assert "stopped at the time budget (1 s)" in row["reason"]
    assert len(build.faults.hits("/slow/4/")) == 1


def test_a_redirect_to_a_private_address_is_refused_unless_allowed(build: Build) -> None:
    private = build.private
    assert private.hits("/ok/refused/") == []  # refused before anything was sent
    assert private.hits("/ok/literal/") == []
    assert len(private.hits("/ok/allowed/")) == 1
    assert build.rows["to-private-allowed"]["status"] == "ok"
    assert build.rows["to-private-allowed"]["releases"] == 1


def test_links_that_redirect_off_the_partners_site_are_not_followed(build: Build) -> None:
    row = build.rows["offsite"]
    assert row["status"] == "ok"
    assert row["releases"] == 1
    assert "redirects off the partner's site" in row["reason"]
    assert build.private.hits("/ok/offsite/") == []


def test_allow_private_takes_a_flag_or_a_list_of_networks(tmp_path: Path) -> None:
    path = tmp_path / "pressroom.toml"
    source = '[[sources]]\nid = "a"\nurl = "http://10.1.2.3/news/"\n'
    path.write_text(source, encoding="utf-8")
    assert load_config(path).sources[0].crawl.allow_private is False
    path.write_text('[crawl]\nallow_private = ["10.1.2.0/24", "::1"]\n' + source, encoding="utf-8")
    assert load_config(path).sources[0].crawl.allow_private == ("10.1.2.0/24", "::1")
    path.write_text(source + "crawl = { allow_private = true }\n", encoding="utf-8")
    assert load_config(path).sources[0].crawl.allow_private is True
    for bad in ('"yes"', '["intranet"]'):
        path.write_text(f"[crawl]\nallow_private = {bad}\n" + source, encoding="utf-8")
        with pytest.raises(ConfigError, match="allow_private"):
            load_config(path)


@pytest.mark.parametrize(
    ("address", "private"),
    [
        ("127.0.0.2", True),
        ("10.0.0.1", True),
        ("172.16.5.4", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),  # cloud metadata
        ("100.64.0.1", True),  # carrier-grade NAT
        ("0.0.0.0", True),
        ("::1", True),
        ("fd00::1", True),
        ("fe80::1", True),
        ("::ffff:127.0.0.1", True),
        ("93.184.216.34", False),
        ("2606:4700::1111", False),
    ],
)
def test_private_addresses(address: str, private: bool) -> None:
    import ipaddress

    assert is_private(ipaddress.ip_address(address)) is private


def test_retry_after_reads_seconds_and_http_dates() -> None:
    from email.utils import formatdate

    from scrapy.http import Response

    def wait(value: str) -> float | None:
        return retry_after(Response("http://a.example/", status=429, headers={"Retry-After": value}), now=1000.0)

    assert wait("7") == 7.0
    assert wait(formatdate(1030.0, usegmt=True)) == pytest.approx(30.0)
    assert wait(formatdate(900.0, usegmt=True)) == 0.0  # already past: retry now
    assert wait("soon") is None
    assert retry_after(Response("http://a.example/", status=429)) is None


def test_a_hung_crawl_is_stopped_after_every_source_had_its_time(tmp_path: Path) -> None:
    path = tmp_path / "pressroom.toml"
    sources = "".join(f'[[sources]]\nid = "s{i}"\nurl = "https://s{i}.example/"\n' for i in range(5))
    path.write_text("[crawl]\nparallel_sources = 2\ntime_budget = 100\n" + sources, encoding="utf-8")
    config = load_config(path)
    # three waves of at most (time_budget + download_timeout + max_retry_after) each, plus a grace period
    assert deadline(list(config.sources), 2) == 3 * (100 + 30 + 60) + DEADLINE_GRACE
    path.write_text(sources + "crawl = { time_budget = 0 }\n", encoding="utf-8")
    assert deadline(list(load_config(path).sources), 2) is None  # a source without a budget: no deadline
