"""URL canonicalisation and the stable identity derived from it."""

from __future__ import annotations

import uuid
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, safe_url_string

# Query parameters that only say how a reader arrived; they never change which page it is.
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl", "igshid", "ref", "ref_src"}
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")


def absolute_url(href: str, base: str) -> str:
    """Resolve `href` against `base` into a safe absolute URL."""
    return safe_url_string(urljoin(base, href.strip()))


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


# A release's URL is canonicalised where it is found, again before it is stored, and for its id: remembering the
# last few thousand saves three of every four canonicalisations (w3lib's is a tenth of a millisecond).
@lru_cache(maxsize=4096)
def canonical_url(url: str) -> str:
    """The URL to publish: absolute, lower-case host, no fragment, no tracking parameters, sorted query."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)])
    cleaned = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))
    return canonicalize_url(cleaned, keep_fragments=False)


def identity_key(url: str) -> str:
    """What makes two URLs the same release: host (without www.), path without trailing slash, query."""
    parts = urlsplit(canonical_url(url))
    host = (parts.hostname or "").removeprefix("www.")
    default_port = parts.port in (None, 80, 443)
    netloc = host if default_port else f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or "/"
    return f"{netloc}{path}" + (f"?{parts.query}" if parts.query else "")


def release_id(url: str) -> str:
    """A release's permanent id: a name-based UUID of its identity key, as a URN usable as Atom id and RSS guid."""
    return uuid.uuid5(uuid.NAMESPACE_URL, identity_key(url)).urn


def same_site(url: str, site_url: str) -> bool:
    """True when `url` is on the same host as `site_url` (www. ignored; an explicit port must match)."""
    a, b = urlsplit(url), urlsplit(site_url)
    if a.scheme not in ("http", "https"):
        return False
    host_a = (a.hostname or "").removeprefix("www.")
    host_b = (b.hostname or "").removeprefix("www.")
    if host_a != host_b:
        return False
    return b.port is None or a.port == b.port
