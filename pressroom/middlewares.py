"""Downloader middlewares that keep a hostile or broken partner site inside its bounds.

- ScopeMiddleware: only http(s); no private, loopback or link-local address unless the source allows it; no
  redirect off the source's host except from the source URL itself.
- RetryAfterMiddleware: Scrapy's retries, but waiting as long as Retry-After asks, up to a cap.
- RedirectLoopMiddleware: a redirect back to a URL already in the chain fails at once, with that reason.
- HeadMetaRefreshMiddleware: Scrapy's meta-refresh redirects, looked for in the head of the page only.
- ConditionalMiddleware: asks "changed since?" (If-None-Match, If-Modified-Since) for pages the last crawl
  remembered, turns a 304 back into the kept page and marks pages whose body did not change.
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import ipaddress
import socket
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.response import response_status_message

from pressroom.pagecache import PageCache

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Request meta: set on a source's start request, whose redirects may move to another host (a partner that moved).
START = "pressroom_start"
# Request meta: the Retry-After (seconds) a server asked for that was longer than the cap, for the failure reason.
RETRY_AFTER = "pressroom_retry_after"
# Request meta set by the spider: how the page will be read (its role and hints); only such requests are conditional.
CONTEXT = "pressroom_context"
# Request meta set by the spider: the page's links are followed, so a 304 needs the kept body.
KEEP_BODY = "pressroom_keep_body"
# Request meta: the URL whose validators were sent (None: send none, the kept copy was unusable).
VALIDATED = "pressroom_validated"
# Response meta: the page is what the last crawl read (a 304, or the same body again).
UNCHANGED = "pressroom_unchanged"
# Response meta: digest of the page's body.
DIGEST = "pressroom_digest"
CONDITIONAL_HEADERS = (b"If-None-Match", b"If-Modified-Since")

# host name -> addresses, shared by every crawler in the crawl process: one lookup per host per crawl.
_resolved: dict[str, tuple[IPAddress, ...]] = {}


class OutOfScope(IgnoreRequest):
    """A request pressroom will not make: the message is the one-line reason."""


class PrivateAddressRefused(OutOfScope):
    """The URL's host is (or resolves to) a private, loopback or link-local address the source does not allow."""


class RedirectLoop(IgnoreRequest):
    """A redirect leads back to a URL already visited in the same chain."""


def is_private(ip: IPAddress) -> bool:
    """Whether an address is anything but the public internet: loopback, RFC 1918, link-local, ULA, CGNAT, …"""
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:  # ::ffff:127.0.0.1 reaches 127.0.0.1
        ip = mapped
    return (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast or not ip.is_global
    )


def allowed_networks(setting: Any) -> bool | tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """The `allow_private` setting as True/False or the networks it allows."""
    if isinstance(setting, bool) or setting is None:
        return bool(setting)
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in setting)


def _host_key(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


async def resolve(host: str, timeout: float) -> tuple[IPAddress, ...]:
    """The addresses `host` resolves to (an IP literal is itself), cached; CannotResolveHostError when none."""
    try:
        return (ipaddress.ip_address(host),)
    except ValueError:
        pass
    if host in _resolved:
        return _resolved[host]
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    try:
        if loop is None:  # not under the asyncio reactor (unit use): a blocking lookup is fine there
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        else:
            infos = await asyncio.wait_for(loop.getaddrinfo(host, None, proto=socket.IPPROTO_TCP), timeout)
    except (TimeoutError, OSError, UnicodeError) as exc:
        raise CannotResolveHostError(f"{host}: {exc}") from None
    # Scope ids ("fe80::1%eth0") are not part of the address ipaddress understands.
    found = tuple(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos))
    if not found:
        raise CannotResolveHostError(host)
    _resolved[host] = found
    return found


class ScopeMiddleware:
    """Refuses what a partner site must never make us fetch, before anything is sent."""

    def __init__(self, allow_private: Any, timeout: float) -> None:
        self.allow = allowed_networks(allow_private)
        self.timeout = timeout

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScopeMiddleware:
        settings = crawler.settings
        return cls(settings.get("PRESSROOM_ALLOW_PRIVATE", False), settings.getfloat("DOWNLOAD_TIMEOUT", 30.0) or 30.0)

    def _allowed(self, ip: IPAddress) -> bool:
        if not is_private(ip) or self.allow is True:
            return True
        if self.allow is False:
            return False
        return any(ip.version == net.version and ip in net for net in self.allow)

    async def process_request(self, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("http", "https"):
            raise OutOfScope(f"only http and https are fetched, not {request.url}")
        chain: Iterable[str] = request.meta.get("redirect_urls") or ()
        origin = next(iter(chain), None)
        robots = request.meta.get("dont_obey_robotstxt", False)
        if origin and not request.meta.get(START) and not robots and _host_key(origin) != _host_key(request.url):
            raise OutOfScope(f"{origin} redirects off the partner's site, to {request.url}")
        host = parts.hostname or ""
        addresses = await resolve(host, self.timeout)
        refused = next((ip for ip in addresses if not self._allowed(ip)), None)
        if refused is not None:
            shown = host if str(refused) == host else f"{host} ({refused})"
            raise PrivateAddressRefused(
                f"refused {request.url}: {shown} is a private or loopback address "
                "(set allow_private in this source's crawl settings if that is intended)"
            )


def retry_after(response: Response, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delay-seconds or an HTTP date); None when absent or unreadable."""
    raw = response.headers.get(b"Retry-After")
    if not raw:
        return None
    value = raw.decode("latin-1").strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        return None
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware, but a 429 or 503 with Retry-After waits that long (up to a cap) before retrying."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("PRESSROOM_MAX_RETRY_AFTER", 60.0)

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = retry_after(response)
        if wait is not None and wait > self.max_wait:
            # Asking us back in an hour: retrying sooner is rude and pointless; fail this page now, saying why.
            request.meta[RETRY_AFTER] = wait
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if wait:
            # This holds one of the source's download slots while waiting, which is the politeness asked for.
            await asyncio.sleep(wait)
        return retry


# Bytes of a page read for a meta refresh: Scrapy reads the first 4,096 characters, up to four bytes each.
HEAD_BYTES = 16_384


class HeadMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's MetaRefreshMiddleware, given only the head of a long page.

    Scrapy's decodes the whole body to read its first 4,096 characters, and the response keeps that text while it
    lives: each page waiting for an extraction worker held its size again, up to four times over, as text.
    """

    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if not isinstance(response, HtmlResponse) or len(response.body) <= HEAD_BYTES:
            return super().process_response(request, response)
        # Not response.replace(), which asks the page for its encoding: that decodes the whole body.
        head = type(response)(
            response.url,
            status=response.status,
            headers=response.headers,
            body=response.body[:HEAD_BYTES],
            request=request,
        )
        found = super().process_response(request, head)
        return response if found is head else found


class RedirectLoopMiddleware:
    """Fails a redirect that points back into its own chain (Scrapy would silently drop it as a duplicate)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectLoopMiddleware:
        return cls()

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if response.status not in (301, 302, 303, 307, 308) or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1").strip()).split("#")[0]
        seen = [*request.meta.get("redirect_urls", []), request.url]
        if target in (url.split("#")[0] for url in seen):
            first = seen[0]
            raise RedirectLoop(f"redirect loop: {first} leads back to {target} after {len(seen)} redirect(s)")
        return response


def body_digest(body: bytes) -> str:
    """The digest a page's body is compared by from one crawl to the next."""
    return hashlib.blake2b(body, digest_size=16).hexdigest()


class ConditionalMiddleware:
    """Conditional requests for pages the last crawl remembered; a 304 comes back as the kept page, marked unchanged."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalMiddleware:
        return cls(crawler)

    def _cache(self) -> PageCache | None:
        return getattr(self.crawler.spider, "pagecache", None)

    def process_request(self, request: Request) -> None:
        validated = request.meta.get(VALIDATED)
        if validated and validated != request.url:
            # A redirected request keeps its headers: another URL's validators could earn a 304 for the wrong page.
            for name in CONDITIONAL_HEADERS:
                request.headers.pop(name, None)
            del request.meta[VALIDATED]
        cache = self._cache()
        context = request.meta.get(CONTEXT)
        if cache is None or context is None or VALIDATED in request.meta:
            return
        page = cache.lookup(request.url)
        if page is None or page.context != context or not (page.etag or page.last_modified):
            return
        if request.meta.get(KEEP_BODY) and not page.has_body:
            return
        if page.etag:
            request.headers[b"If-None-Match"] = page.etag
        if page.last_modified:
            request.headers[b"If-Modified-Since"] = page.last_modified
        request.meta[VALIDATED] = request.url

    def process_response(self, request: Request, response: Response) -> Request | Response:
        cache = self._cache()
        context = request.meta.get(CONTEXT)
        if cache is None or context is None:
            return response
        page = cache.lookup(response.url)
        same = page is not None and page.context == context
        if response.status == 304 and same and request.meta.get(VALIDATED) == request.url:
            assert page is not None
            body = b""
            if request.meta.get(KEEP_BODY):
                kept = cache.body(response.url)
                if kept is None:
                    return self._unconditional(request)
                body = kept
            request.meta[UNCHANGED] = True
            request.meta[DIGEST] = page.digest
            headers = response.headers.copy()
            if page.content_type:
                headers[b"Content-Type"] = page.content_type
            return response.replace(status=200, body=body, headers=headers, flags=[*response.flags, "unchanged"])
        if response.status == 200:
            digest = request.meta[DIGEST] = body_digest(response.body)
            if same and page is not None and page.digest == digest:
                # A server that ignores conditional requests still saves us the extraction.
                request.meta[UNCHANGED] = True
        return response

    @staticmethod
    def _unconditional(request: Request) -> Request:
        """The same request without validators (the kept copy of the page could not be read)."""
        headers = request.headers.copy()
        for name in CONDITIONAL_HEADERS:
            headers.pop(name, None)
        return request.replace(headers=headers, meta={**request.meta, VALIDATED: None}, dont_filter=True)
