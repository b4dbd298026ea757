"""WebSub (W3C): tell the hub which feeds changed, so subscribers hear of a release within seconds."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable

from pressroom.config import CrawlSettings
from pressroom.settings import user_agent


def ping(hub: str, feed_urls: Iterable[str], timeout: float = 10.0) -> list[str]:
    """POST `hub.mode=publish` for each changed feed; one line per failure (a hub outage never fails a build)."""
    failures: list[str] = []
    urls = list(feed_urls)
    for done, url in enumerate(urls):
        body = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": url}).encode()
        request = urllib.request.Request(
            hub,
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "User-Agent": user_agent(CrawlSettings())},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (hub URL is validated config)
                if response.status >= 300:
                    failures.append(f"hub answered HTTP {response.status} for {url}")
        except urllib.error.HTTPError as exc:
            failures.append(f"hub answered HTTP {exc.code} for {url}")
        except (urllib.error.URLError, OSError) as exc:
            # A hub that cannot be reached will not answer for the next feed either: say it once.
            reason = getattr(exc, "reason", exc)
            failures.append(f"cannot reach {hub}: {reason}; {len(urls) - done} feed(s) not announced")
            break
    return failures
