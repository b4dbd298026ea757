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
        # Scrapy counts the robots.txt response as a page; the budget is about the partner's pages.
        "CLOSESPIDER_PAGECOUNT": crawl.page_budget + (1 if crawl.obey_robots else 0),
        "DEPTH_LIMIT": crawl.depth_limit,
        "COOKIES_ENABLED": False,
        "REDIRECT_MAX_TIMES": 5,
        "ITEM_PIPELINES": {"pressroom.pipelines.StorePipeline": 300},
        "PRESSROOM_DB": db_path,
    }
