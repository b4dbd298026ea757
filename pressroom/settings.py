"""Every Scrapy setting pressroom uses, in one place, derived from the config's crawl settings."""

from __future__ import annotations

from typing import Any

from pressroom import HOME_PAGE, __version__
from pressroom.config import CrawlSettings

LOG_LEVELS = {-1: "CRITICAL", 0: "CRITICAL", 1: "INFO", 2: "DEBUG"}


def user_agent(crawl: CrawlSettings) -> str:
    """The User-Agent partners see: pressroom, its version and where to learn about it."""
    return crawl.user_agent or f"pressroom/{__version__} (+{HOME_PAGE})"


def process_settings(verbosity: int = 0) -> dict[str, Any]:
    """Settings shared by every crawler in one crawl run."""
    return {
        "LOG_LEVEL": LOG_LEVELS[max(-1, min(verbosity, 2))],
        "LOG_ENABLED": verbosity > 0,
        "TELNETCONSOLE_ENABLED": False,
        # Scrapy's remote control is an HTTP server per crawler that runs Python code sent to it: never in pressroom.
        "REMOTE_CONTROL_ENABLED": False,
        # Only the extensions a crawl uses. The base list itself, not None entries in EXTENSIONS: Scrapy imports every
        # extension it names (the remote control alone pulls in aiohttp); each costs a timer or a server per crawler.
        "EXTENSIONS_BASE": {
            "scrapy.extensions.corestats.CoreStats": 0,
            "scrapy.extensions.logcount.LogCount": 0,
            "scrapy.extensions.closespider.CloseSpider": 0,
            "scrapy.extensions.logstats.LogStats": 0,
            "scrapy.extensions.throttle.AutoThrottle": 0,
        },
        # The reactor's one resolver serves every crawler; Scrapy's 60 s wait for a dead DNS server is too long.
        "DNS_TIMEOUT": 20,
    }


def source_settings(crawl: CrawlSettings, db_path: str, verbosity: int = 0) -> dict[str, Any]:
    """Settings for one source's crawler: politeness, limits and the store pipeline."""
    return {
        **process_settings(verbosity),
        "BOT_NAME": "pressroom",
        "USER_AGENT": user_agent(crawl),
        "ROBOTSTXT_OBEY": crawl.obey_robots,
        "AUTOTHROTTLE_ENABLED": crawl.autothrottle,
        "AUTOTHROTTLE_START_DELAY": 1.0,
        "AUTOTHROTTLE_MAX_DELAY": 30.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "CONCURRENT_REQUESTS": max(crawl.concurrent_requests_per_domain, 1),
        "CONCURRENT_REQUESTS_PER_DOMAIN": max(crawl.concurrent_requests_per_domain, 1),
        "DOWNLOAD_DELAY": crawl.download_delay,
        "DOWNLOAD_TIMEOUT": crawl.download_timeout,
        "RETRY_ENABLED": crawl.retry_times > 0,
        "RETRY_TIMES": crawl.retry_times,
        "DOWNLOAD_MAXSIZE": crawl.max_page_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        # Only the web: a page or redirect must never make us read files, data: URLs, FTP or S3.
        "DOWNLOAD_HANDLERS": {"file": None, "data": None, "ftp": None, "s3": None},
        "DOWNLOADER_MIDDLEWARES": {
            # Scrapy's offsite filter has no allowed_domains to apply here (ScopeMiddleware keeps a source on its site)
            # and costs as much per request as everything pressroom adds.
            "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
            # Before robots.txt (100), so nothing at all is sent to an address the source may not reach.
            "pressroom.middlewares.ScopeMiddleware": 40,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "pressroom.middlewares.RetryAfterMiddleware": 550,
            # In MetaRefreshMiddleware's place, just before ConditionalMiddleware as it was.
            "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
            "pressroom.middlewares.HeadMetaRefreshMiddleware": 579,
            # After HttpCompressionMiddleware (590) on the way in, so it compares and keeps decompressed bodies.
            "pressroom.middlewares.ConditionalMiddleware": 580,
            # After RedirectMiddleware (600) on the way in, so it sees the 3xx before it is followed.
            "pressroom.middlewares.RedirectLoopMiddleware": 650,
        },
        "PRESSROOM_ALLOW_PRIVATE": crawl.allow_private,
        "PRESSROOM_MAX_RETRY_AFTER": crawl.max_retry_after,
        # Scrapy counts the robots.txt response as a page; the budget is about the partner's pages.
        "CLOSESPIDER_PAGECOUNT": crawl.page_budget + (1 if crawl.obey_robots else 0),
        "CLOSESPIDER_TIMEOUT": crawl.time_budget,
        "DEPTH_LIMIT": crawl.depth_limit,
        "COOKIES_ENABLED": False,
        # Byte counts per request and response that nothing reads.
        "DOWNLOADER_STATS": False,
        # The store pipeline is synchronous, so items gain nothing from concurrency, while Scrapy starts this many
        # asyncio workers for every page's output (100 by default: a third of an unchanged recrawl's CPU time).
        "CONCURRENT_ITEMS": 4,
        # Pages waiting for the extraction workers hold their bodies: past 400 KB of them (ten pages or so) a source
        # downloads no more until the workers catch up. Scrapy's default, 5 MB, let a long crawl of many sources hold
        # 100 MB more; 1 MB still let the backlog grow through a 10,000-page crawl, and left more to extract once the
        # downloads were done.
        "SCRAPER_SLOT_MAX_ACTIVE_SIZE": 400_000,
        "REDIRECT_ENABLED": True,
        "REDIRECT_MAX_TIMES": crawl.max_redirects,
        "SPIDER_MIDDLEWARES": {
            # A developer's aid (a warning when a spider copies Scrapy's internal meta keys), and a Referer header
            # for each request: each is one more asynchronous layer around every page's output, and pressroom needs
            # neither.
            "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
            "scrapy.spidermiddlewares.referer.RefererMiddleware": None,
        },
        "ITEM_PIPELINES": {"pressroom.pipelines.StorePipeline": 300},
        "PRESSROOM_DB": db_path,
    }
