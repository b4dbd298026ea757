"""Read and validate `pressroom.toml` into typed settings; every mistake becomes one readable line."""

from __future__ import annotations

import ipaddress
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_CONFIG = "pressroom.toml"
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


class ConfigError(Exception):
    """A config file that cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class CrawlSettings:
    """Politeness and limits for every source; a source may override any of them."""

    obey_robots: bool = True
    autothrottle: bool = True
    concurrent_requests_per_domain: int = 4
    download_delay: float = 0.0
    download_timeout: float = 30.0
    retry_times: int = 2
    max_page_bytes: int = 16 * 1024 * 1024
    page_budget: int = 200
    depth_limit: int = 25
    time_budget: float = 900.0  # seconds one source may crawl; 0: no limit
    max_retry_after: float = 60.0  # longest Retry-After honoured; a longer one fails the page at once
    max_redirects: int = 5
    # A page read or confirmed within this many days is not asked for again while an unchanged page links it the same
    # way (a changed release usually changes its listing too); 0: ask for every page on every crawl.
    recheck_days: float = 1.0
    # Private, loopback and link-local addresses are refused (a partner's DNS or redirect must not make us fetch
    # from our own network); True allows them all, a tuple of addresses or networks allows only those.
    allow_private: bool | tuple[str, ...] = False
    parallel_sources: int = 16
    user_agent: str | None = None  # None: "pressroom/<version> (+home page)"


@dataclass(frozen=True)
class PublishSettings:
    items: int = 100  # newest releases per feed; older ones move to the RFC 5005 archive pages
    websub_hub: str | None = None  # WebSub hub to announce in feeds and to ping after a change


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    url: str
    timezone: str
    language: str | None = None
    crawl: CrawlSettings = field(default_factory=CrawlSettings)


@dataclass(frozen=True)
class Newsroom:
    title: str = "Newsroom"
    base_url: str = "http://localhost/"
    language: str = "en"
    timezone: str = "UTC"
    description: str = ""


@dataclass(frozen=True)
class Config:
    path: Path
    newsroom: Newsroom
    sources: tuple[Source, ...]
    crawl: CrawlSettings = field(default_factory=CrawlSettings)
    publish: PublishSettings = field(default_factory=PublishSettings)
    embargoes: tuple[tuple[str, datetime], ...] = ()  # (release URL, aware moment it may appear)

    @property
    def root(self) -> Path:
        """The folder the config lives in; relative paths are taken from here."""
        return self.path.parent

    def source(self, source_id: str) -> Source:
        for src in self.sources:
            if src.id == source_id:
                return src
        raise ConfigError(f"{self.path.name}: no source with id {source_id!r}")


def load_config(path: str | Path) -> Config:
    """Read `path`; raise ConfigError with one line naming the file, source and key on any problem."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file (create one, or pass --config PATH)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse_config(raw, path)


def parse_config(raw: dict[str, Any], path: Path) -> Config:
    """Validate an already-parsed TOML document."""
    name = path.name
    _check_keys(raw, {"newsroom", "sources", "crawl", "publish", "embargo"}, name)
    newsroom = _newsroom(_table(raw, "newsroom", name), name)
    crawl = _crawl(_table(raw, "crawl", name), CrawlSettings(), f"{name}: [crawl]")
    publish = _publish(_table(raw, "publish", name), name)
    items = raw.get("sources", [])
    if not isinstance(items, list) or not all(isinstance(s, dict) for s in items):
        raise ConfigError(f"{name}: 'sources' must be a list of [[sources]] tables")
    if not items:
        raise ConfigError(f"{name}: no [[sources]] defined; add at least one partner site")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        src = _source(item, index, newsroom, crawl, name)
        if src.id in seen:
            raise ConfigError(f"{name}: [[sources]] #{index}: id {src.id!r} is used by an earlier source")
        seen.add(src.id)
        sources.append(src)
    embargoes = _embargoes(_table(raw, "embargo", name), newsroom, name)
    return Config(
        path=path.resolve(),
        newsroom=newsroom,
        sources=tuple(sources),
        crawl=crawl,
        publish=publish,
        embargoes=embargoes,
    )


def _table(raw: dict[str, Any], key: str, name: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{name}: [{key}] must be a table")
    return value


def _check_keys(table: dict[str, Any], allowed: set[str], where: str) -> None:
    for key in table:
        if key not in allowed:
            raise ConfigError(f"{where}: unknown key {key!r} (expected one of: {', '.join(sorted(allowed))})")


def _string(table: dict[str, Any], key: str, where: str, default: str | None = None) -> str | None:
    value = table.get(key, default)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{where}: {key!r} must be a string")
    return value


def _url(value: str | None, key: str, where: str) -> str:
    parts = urlsplit(value or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{where}: {key!r} must be an absolute http(s) URL, got {value!r}")
    return value  # type: ignore[return-value]


def _timezone(value: str | None, where: str) -> str:
    try:
        ZoneInfo(value or "")
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{where}: 'timezone' {value!r} is not an IANA time zone such as 'America/New_York'"
        ) from None
    return value  # type: ignore[return-value]


def _language(value: str | None, where: str) -> str | None:
    if value is not None and not LANGUAGE.match(value):
        raise ConfigError(f"{where}: 'language' {value!r} is not a language code such as 'en' or 'es'")
    return value


def _newsroom(table: dict[str, Any], name: str) -> Newsroom:
    where = f"{name}: [newsroom]"
    _check_keys(table, {f.name for f in fields(Newsroom)}, where)
    base = _url(_string(table, "base_url", where, Newsroom.base_url), "base_url", where)
    return Newsroom(
        title=_string(table, "title", where, Newsroom.title) or Newsroom.title,
        base_url=base if base.endswith("/") else base + "/",
        language=_language(_string(table, "language", where, "en"), where) or "en",
        timezone=_timezone(_string(table, "timezone", where, "UTC"), where),
        description=_string(table, "description", where, "") or "",
    )


def _crawl(table: dict[str, Any], base: CrawlSettings, where: str) -> CrawlSettings:
    allowed = {f.name: f for f in fields(CrawlSettings)}
    _check_keys(table, set(allowed), where)
    changes: dict[str, Any] = {}
    for key, value in table.items():
        if key == "allow_private":
            changes[key] = _allow_private(value, where)
            continue
        current = getattr(base, key)
        expected = type(current) if current is not None else str
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(f"{where}: {key!r} must be {expected.__name__}, got {value!r}")
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
            raise ConfigError(f"{where}: {key!r} must not be negative")
        changes[key] = value
    return replace(base, **changes)


def _allow_private(value: Any, where: str) -> bool | tuple[str, ...]:
    """`allow_private`: true, false or a list of private addresses or networks (e.g. "10.1.2.0/24") to allow."""
    if isinstance(value, bool):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        for entry in value:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ConfigError(f"{where}: 'allow_private' entry {entry!r} is not an IP address or network") from None
        return tuple(value)
    raise ConfigError(
        f"{where}: 'allow_private' must be true, false or a list of addresses such as [\"10.0.0.0/8\"], got {value!r}"
    )


def _publish(table: dict[str, Any], name: str) -> PublishSettings:
    where = f"{name}: [publish]"
    _check_keys(table, {f.name for f in fields(PublishSettings)}, where)
    items = table.get("items", PublishSettings.items)
    if not isinstance(items, int) or isinstance(items, bool) or items < 1:
        raise ConfigError(f"{where}: 'items' must be a positive whole number, got {items!r}")
    hub = _string(table, "websub_hub", where)
    return PublishSettings(items=items, websub_hub=_url(hub, "websub_hub", where) if hub is not None else None)


def _embargoes(table: dict[str, Any], newsroom: Newsroom, name: str) -> tuple[tuple[str, datetime], ...]:
    """`[embargo]`: release URL -> the moment it may appear (a bare date or local time is in the newsroom zone)."""
    found = []
    for url, until in table.items():
        where = f"{name}: [embargo]"
        _url(url, f"{url}", where)
        if isinstance(until, datetime):
            moment = until if until.tzinfo else until.replace(tzinfo=ZoneInfo(newsroom.timezone))
        elif isinstance(until, date):
            moment = datetime.combine(until, time(0), tzinfo=ZoneInfo(newsroom.timezone))
        else:
            raise ConfigError(f"{where}: {url!r} must be a date or date-time such as 2026-03-04T10:00:00-05:00")
        found.append((url, moment))
    return tuple(found)


SOURCE_KEYS = {"id", "name", "url", "timezone", "language", "crawl"}


def _source(item: dict[str, Any], index: int, newsroom: Newsroom, crawl: CrawlSettings, name: str) -> Source:
    where = f"{name}: [[sources]] #{index}"
    sid = item.get("id")
    if sid is None:
        raise ConfigError(f"{where}: missing key 'id' (a short slug such as 'uncover')")
    if not isinstance(sid, str) or not SLUG.match(sid):
        raise ConfigError(f"{where}: 'id' {sid!r} must be a slug: lower-case letters, digits, '-' or '_'")
    where = f"{name}: source {sid!r}"
    _check_keys(item, SOURCE_KEYS, where)
    if "url" not in item:
        raise ConfigError(f"{where}: missing key 'url' (the partner's archive, listing page or feed)")
    url = _url(_string(item, "url", where), "url", where)
    overrides = item.get("crawl", {})
    if not isinstance(overrides, dict):
        raise ConfigError(f"{where}: 'crawl' must be a table")
    return Source(
        id=sid,
        name=_string(item, "name", where, sid) or sid,
        url=url,
        timezone=_timezone(_string(item, "timezone", where, newsroom.timezone), where),
        language=_language(_string(item, "language", where), where),
        crawl=_crawl(overrides, crawl, f"{where}: crawl"),
    )
