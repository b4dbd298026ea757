"""A release's id depends on which page it is, not on how the URL was written."""

from pressroom.urls import canonical_url, identity_key, release_id, same_site


def test_cosmetic_url_differences_keep_the_same_id() -> None:
    base = release_id("https://example.org/2014/03/01/statement/")
    for variant in (
        "http://example.org/2014/03/01/statement/",
        "https://www.Example.org/2014/03/01/statement",
        "https://example.org/2014/03/01/statement/?utm_source=newsletter&utm_medium=email",
        "https://example.org/2014/03/01/statement/#comments",
        "https://example.org:443/2014/03/01/statement/?fbclid=abc",
    ):
        assert release_id(variant) == base, variant


def test_different_pages_get_different_ids() -> None:
    assert release_id("https://example.org/?p=12") != release_id("https://example.org/?p=13")
    assert release_id("https://example.org/a/") != release_id("https://example.org/b/")
    assert release_id("https://example.org/a/") != release_id("https://example.net/a/")
    assert release_id("http://127.0.0.1:8001/a/") != release_id("http://127.0.0.1:8002/a/")


def test_ids_are_urns_usable_as_feed_ids() -> None:
    assert release_id("https://example.org/a/").startswith("urn:uuid:")


def test_canonical_url_keeps_meaningful_query_and_sorts_it() -> None:
    assert (
        canonical_url("HTTP://Example.org/news?page=2&id=7&utm_campaign=x#top") == "http://example.org/news?id=7&page=2"
    )
    assert identity_key("https://www.example.org/news/") == "example.org/news"


def test_same_site_ignores_www_but_not_ports_or_schemes() -> None:
    assert same_site("https://www.example.org/x", "https://example.org/")
    assert not same_site("https://example.net/x", "https://example.org/")
    assert same_site("http://127.0.0.1:8000/x", "http://127.0.0.1:8000/")
    assert not same_site("http://127.0.0.1:9000/x", "http://127.0.0.1:8000/")
    assert not same_site("ftp://example.org/x", "https://example.org/")
