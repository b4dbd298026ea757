"""The loopback sample server: mapping, placeholders, content types, caching, failures and safety."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from pressroom.sampleserver import SampleServer

DEMO = Path(__file__).resolve().parent.parent / "pressroom" / "demo_sites"
SITES = Path(__file__).resolve().parent / "sites"


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    """A tiny site tree with every kind of file the server maps."""
    (tmp_path / "site" / "blog" / "feed").mkdir(parents=True)
    (tmp_path / "site" / "blog" / "index.html").write_text(
        '<html><body><a href="{{origin}}/site/blog/feed/">feed</a> café</body></html>', encoding="utf-8"
    )
    (tmp_path / "site" / "blog" / "feed" / "index.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><link>{{origin}}/site/</link></channel></rss>',
        encoding="utf-8",
    )
    (tmp_path / "site" / "atom.xml").write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>{{origin}}/</id></feed>',
        encoding="utf-8",
    )
    (tmp_path / "site" / "doc.pdf").write_bytes(b"%PDF-1.4\n{{origin}}\n%%EOF\n")
    (tmp_path / "site" / "files.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    (tmp_path / "site" / "node").mkdir()
    (tmp_path / "site" / "node" / "12.html").write_text("<p>node twelve</p>", encoding="utf-8")
    (tmp_path / "robots.txt").write_text("User-agent: *\nDisallow: /site/private/\n", encoding="utf-8")
    (tmp_path.parent / "secret.txt").write_text("do not serve", encoding="utf-8")
    return tmp_path


@pytest.fixture()
def server(root: Path) -> Iterator[SampleServer]:
    """A running server over `root`."""
    with SampleServer(root) as srv:
        yield srv


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of a GET, without raising on error statuses."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def raw_get(server: SampleServer, target: str) -> int:
    """Status for a request target sent verbatim (urllib would normalise some)."""
    host, port = server.origin.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.putrequest("GET", target, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def test_origin_is_loopback_with_real_port(server: SampleServer) -> None:
    assert server.origin.startswith("http://127.0.0.1:")
    assert not server.origin.endswith(":0")
    assert server.url("/site/") == server.origin + "/site/"


def test_directory_maps_to_index_html_and_substitutes_origin(server: SampleServer) -> None:
    status, headers, body = get(server.origin + "/site/blog/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    text = body.decode("utf-8")
    assert f'href="{server.origin}/site/blog/feed/"' in text
    assert "{{origin}}" not in text
    assert "café" in text
    assert int(headers["Content-Length"]) == len(body)


def test_directory_without_slash_redirects(server: SampleServer) -> None:
    assert raw_get(server, "/site/blog") == 301
    status, _, body = get(server.origin + "/site/blog")
    assert status == 200 and b"feed" in body


def test_feed_folder_maps_to_index_xml_as_rss(server: SampleServer) -> None:
    status, headers, body = get(server.origin + "/site/blog/feed/")
    assert status == 200
    assert headers["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert f"<link>{server.origin}/site/</link>".encode() in body


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/site/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/site/doc.pdf", "application/pdf"),
        ("/site/files.zip", "application/zip"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/site/node/12", "text/html; charset=utf-8"),
    ],
)
def test_content_types(server: SampleServer, path: str, expected: str) -> None:
    status, headers, _ = get(server.origin + path)
    assert status == 200
    assert headers["Content-Type"] == expected


def test_binary_files_are_not_rewritten(server: SampleServer) -> None:
    _, _, body = get(server.origin + "/site/doc.pdf")
    assert body == b"%PDF-1.4\n{{origin}}\n%%EOF\n"


def test_conditional_requests_answer_304(server: SampleServer) -> None:
    status, headers, _ = get(server.origin + "/site/blog/")
    assert status == 200
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    status, again, body = get(server.origin + "/site/blog/", {"If-None-Match": etag})
    assert status == 304 and body == b""
    assert again["ETag"] == etag
    assert get(server.origin + "/site/blog/", {"If-Modified-Since": modified})[0] == 304
    assert get(server.origin + "/site/blog/", {"If-None-Match": '"other"'})[0] == 200
    assert get(server.origin + "/site/blog/", {"If-None-Match": '"other"', "If-Modified-Since": modified})[0] == 200


def test_etag_changes_when_file_changes(server: SampleServer, root: Path) -> None:
    etag = get(server.origin + "/site/node/12")[1]["ETag"]
    (root / "site" / "node" / "12.html").write_text("<p>node twelve, edited</p>", encoding="utf-8")
    status, headers, body = get(server.origin + "/site/node/12", {"If-None-Match": etag})
    assert status == 200 and b"edited" in body and headers["ETag"] != etag


def test_fail_and_recover(server: SampleServer) -> None:
    server.fail("/site/blog/")
    status, headers, _ = get(server.origin + "/site/blog/feed/")
    assert status == 503
    assert "Retry-After" not in headers
    assert get(server.origin + "/site/atom.xml")[0] == 200
    server.fail("/site/", status=500)
    assert get(server.origin + "/site/atom.xml")[0] == 500
    assert get(server.origin + "/site/blog/")[0] == 503  # the longest prefix wins
    server.recover("/site/blog/")
    server.recover("/site/")
    assert get(server.origin + "/site/blog/feed/")[0] == 200


def test_missing_file_is_404(server: SampleServer) -> None:
    assert get(server.origin + "/site/nothing-here/")[0] == 404
    assert get(server.origin + "/site/missing.pdf")[0] == 404
    assert get(server.origin + "/site/node/")[0] == 404  # a folder without an index


@pytest.mark.parametrize(
    "target",
    [
        "/../secret.txt",
        "/site/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/site/%2E%2E/%2E%2E/secret.txt",
        "/..%5csecret.txt",
    ],
)
def test_path_traversal_is_refused(server: SampleServer, target: str) -> None:
    assert raw_get(server, target) in (400, 403, 404)


def test_requests_are_recorded_in_order(server: SampleServer) -> None:
    for path in ("/robots.txt", "/site/blog/", "/site/doc.pdf?x=1"):
        get(server.origin + path)
    assert server.requests == ["/robots.txt", "/site/blog/", "/site/doc.pdf?x=1"]


def test_head_has_headers_without_body(server: SampleServer) -> None:
    request = urllib.request.Request(server.origin + "/site/blog/", method="HEAD")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert int(response.headers["Content-Length"]) > 0
        assert response.read() == b""


def test_stop_releases_the_port(root: Path) -> None:
    server = SampleServer(root).start()
    origin = server.origin
    assert get(origin + "/robots.txt")[0] == 200
    server.stop()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(origin + "/robots.txt", timeout=2)


def test_no_request_logging(server: SampleServer, capfd: pytest.CaptureFixture[str]) -> None:
    get(server.origin + "/site/blog/")
    get(server.origin + "/nope")
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize("site_root", [DEMO, SITES], ids=["demo_sites", "tests_sites"])
def test_bundled_config_and_start_pages_are_served(site_root: Path) -> None:
    import tomllib

    from pressroom.config import parse_config

    with SampleServer(site_root) as server:
        status, _, body = get(server.origin + "/pressroom.toml")
        assert status == 200
        config = parse_config(tomllib.loads(body.decode("utf-8")), site_root / "pressroom.toml")
        assert len(config.sources) >= 2
        for source in config.sources:
            assert source.url.startswith(server.origin + "/")
            status, headers, page = get(source.url)
            assert status == 200, source.url
            assert "{{origin}}" not in page.decode("utf-8")
        assert get(server.origin + "/robots.txt")[0] == 200


def test_demo_wordpress_archive_feed_and_pagination() -> None:
    with SampleServer(DEMO) as server:
        _, _, page = get(server.origin + "/uncover/category/resources/")
        text = page.decode("utf-8")
        assert text.count('<article id="post-') == 3
        assert f'href="{server.origin}/uncover/category/resources/page/2/"' in text
        feed_link = 'type="application/rss+xml" title="Uncover the Truth &raquo; Resources Category Feed" href="{}"'
        assert feed_link.format(server.origin + "/uncover/category/resources/feed/") in text
        _, _, page2 = get(server.origin + "/uncover/category/resources/page/2/")
        assert page2.decode("utf-8").count('<article id="post-') == 2
        status, headers, feed = get(server.origin + "/uncover/category/resources/feed/")
        assert status == 200 and headers["Content-Type"] == "application/rss+xml; charset=utf-8"
        assert f'<guid isPermaLink="false">{server.origin}/uncover/?p=391</guid>'.encode() in feed
        status, _, single = get(server.origin + "/uncover/2014/03/01/week-of-action-list-of-local-events/")
        assert status == 200
        assert b'<time class="entry-date" datetime="2014-03-01T09:30:00-08:00">' in single
        assert get(server.origin + "/coalition/node/214")[0] == 200


def test_test_sites_riverside_has_no_feed_link_and_alliance_page_has_no_date() -> None:
    with SampleServer(SITES) as server:
        for path in ("/riverside/category/news/", "/riverside/category/news/page/2/"):
            assert b"application/rss+xml" not in get(server.origin + path)[2]
        _, _, page = get(server.origin + "/alliance/news/survey-one-in-three-warehouse-workers-unpaid-overtime")
        assert b"2014" not in page and b'class="field-date"' not in page
