"""A bare Scrapy spider that only fetches a list of URLs: the baseline of the crawl benchmark.

Usage: python benchmarks/bare_spider.py URLS_FILE [--per-domain N] [--parallel N] [--no-robots]

Fetches every URL in URLS_FILE (one a line) with pressroom's politeness-off settings (no AutoThrottle, no delay,
`per-domain` requests per host and `per-domain × parallel` in all, robots.txt obeyed), reads each body and
nothing else, then prints one JSON line: {"pages": …, "bytes": …, "seconds": …}.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any


def run(urls: list[str], per_domain: int, parallel: int, obey_robots: bool) -> dict[str, Any]:
    """Crawl `urls` in one Scrapy process; return pages, bytes and seconds spent in the reactor."""
    from scrapy.utils.reactor import install_reactor

    install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
    import scrapy
    from scrapy.crawler import CrawlerProcess

    counts = {"pages": 0, "bytes": 0}

    class BareSpider(scrapy.Spider):
        """Requests every URL once and keeps only the byte count."""

        name = "bare"

        async def start(self) -> AsyncIterator[scrapy.Request]:
            for url in urls:
                yield scrapy.Request(url, callback=self.parse, dont_filter=True)

        def parse(self, response: scrapy.http.Response) -> None:
            counts["pages"] += 1
            counts["bytes"] += len(response.body)

    process = CrawlerProcess(
        {
            "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
            "LOG_ENABLED": False,
            "TELNETCONSOLE_ENABLED": False,
            "USER_AGENT": "pressroom-bench-bare/1",
            "ROBOTSTXT_OBEY": obey_robots,
            "AUTOTHROTTLE_ENABLED": False,
            "DOWNLOAD_DELAY": 0,
            "CONCURRENT_REQUESTS": max(per_domain * parallel, 1),
            "CONCURRENT_REQUESTS_PER_DOMAIN": max(per_domain, 1),
            "COOKIES_ENABLED": False,
            "RETRY_TIMES": 1,
            "DOWNLOAD_TIMEOUT": 30,
        }
    )
    process.crawl(BareSpider)
    started = time.perf_counter()
    process.start()
    return {**counts, "seconds": time.perf_counter() - started}


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("urls", type=Path)
    parser.add_argument("--per-domain", type=int, default=8)
    parser.add_argument("--parallel", type=int, default=16)
    parser.add_argument("--no-robots", action="store_true")
    args = parser.parse_args()
    urls = [line.strip() for line in args.urls.read_text().splitlines() if line.strip()]
    print(json.dumps(run(urls, args.per_domain, args.parallel, not args.no_robots)))


if __name__ == "__main__":
    main()
