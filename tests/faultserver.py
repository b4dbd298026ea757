"""A misbehaving partner site on a loopback address, for tests: every fault a crawl must survive, one per path.

| path | answers |
| --- | --- |
| `/robots.txt` | allows everything |
| `/ok/<anything>` | a healthy, dated press release page |
| `/status/<code>/…` | that HTTP status |
| `/429/<seconds>/…` | 429 with `Retry-After: <seconds>`, every time |
| `/429-once/<seconds>/…` | 429 with `Retry-After: <seconds>` the first time, then a healthy release |
| `/slow/<seconds>/…` | a healthy release, after that many seconds |
| `/drop/…` | closes the connection without answering |
| `/truncated/…` | announces more bytes (Content-Length) than it sends, then closes |
| `/loop/a`, `/loop/b` | redirect to each other forever |
| `/chain/<n>` | redirects to `/chain/<n+1>`, forever |
| `/redirect/<host:port>/<path>` | 302 to `http://<host:port>/<path>` (another loopback address, say) |
| `/cal/YYYY/MM/`, `/agenda/YYYY/MM/` | an endless calendar: one event per month and a "Next month »" link, forever |
| `/cal/event/YYYY-MM/` (and `/agenda/…`) | that month's event page |
| `/offsite/` | a listing: one healthy release here, one whose link redirects to another host (`?to=host:port`) |
| `/huge/<bytes>/`, `/huge-stream/<bytes>/` | a generated page of that size, with or without Content-Length |

`python tests/faultserver.py [HOST] [PORT]` serves it until interrupted (for checking a build's memory by hand).
"""

from __future__ import annotations

import calendar
import contextlib
import re
import socket
import sys
import threading
import time
from collections import Counter
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

MONTHS = list(calendar.month_name)[1:]
PARAGRAPH = (
    "Members of the Harbor Tenants Council met with the housing committee on Tuesday to ask for a moratorium on "
    "evictions in buildings with open code violations. The council presented a survey of households, most of "
    "whom reported leaks, broken heat or pests that had gone unrepaired for more than a year. "
)


def release_page(title: str, day: str = "March 3, 2014", extra: str = "") -> bytes:
    """A small, healthy press release page that extraction reads as one dated release."""
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<main><article><h1>{title}</h1><p>Posted on {day}</p><p>{PARAGRAPH * 3}</p>{extra}</article></main>"
        "</body></html>"
    ).encode()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, owner: FaultServer, address: tuple[str, int]) -> None:
        self.owner = owner
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # one request per connection: a drop or truncation hits only that request
    server_version = "faultserver/1"
    sys_version = ""
    timeout = 30

    def log_message(self, format: str, *args: object) -> None:
        """Keep stderr quiet."""

    def do_GET(self) -> None:
        """Serve the fault the path names."""
        owner = self.server.owner
        seen = owner._record(self.path)
        parts = urlsplit(self.path)
        path = parts.path
        query = parse_qs(parts.query)
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
        elif path.startswith("/ok/"):
            self._send(200, release_page(f"Tenants win repairs at {path.strip('/').replace('/', ' ')}"))
        elif m := re.match(r"/status/(\d{3})/", path):
            self._send(int(m[1]), f"{m[1]} simulated\n".encode(), "text/plain")
        elif m := re.match(r"/429/(\d+)/", path):
            self._send(429, b"slow down\n", "text/plain", {"Retry-After": m[1]})
        elif m := re.match(r"/429-once/(\d+)/", path):
            if seen == 1:
                self._send(429, b"slow down\n", "text/plain", {"Retry-After": m[1]})
            else:
                self._send(200, release_page("Patient crawlers get the statement"))
        elif m := re.match(r"/slow/(\d+(?:\.\d+)?)/", path):
            if owner._stopping.wait(float(m[1])):
                return
            self._send(200, release_page("A release that took its time"))
        elif path.startswith("/drop/"):
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
        elif path.startswith("/truncated/"):
            body = release_page("Half a release")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body) * 4))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
        elif path == "/loop/a":
            self._redirect("/loop/b")
        elif path == "/loop/b":
            self._redirect("/loop/a")
        elif m := re.match(r"/chain/(\d+)$", path):
            self._redirect(f"/chain/{int(m[1]) + 1}")
        elif m := re.match(r"/redirect/([\w.:-]+)(/.*)", path):
            self._redirect(f"http://{m[1]}{m[2]}")
        elif m := re.match(r"/(cal|agenda)/(\d{4})/(\d{2})/$", path):
            self._send(200, self._calendar(m[1], int(m[2]), int(m[3])))
        elif m := re.match(r"/(cal|agenda)/event/(\d{4})-(\d{2})/$", path):
            year, month = int(m[2]), int(m[3])
            self._send(
                200, release_page(f"Tenants' assembly, {MONTHS[month - 1]} {year}", f"{MONTHS[month - 1]} 1, {year}")
            )
        elif path == "/offsite/":
            elsewhere = (query.get("to") or ["127.0.0.2:9"])[0]
            self._send(200, self._offsite(elsewhere))
        elif path == "/offsite/here/":
            self._send(200, release_page("Tenants hold a press conference at the pier"))
        elif m := re.match(r"/huge(-stream)?/(\d+)/", path):
            self._huge(int(m[2]), with_length=not m[1])
        else:
            self._send(404, b"not found\n", "text/plain")

    def _send(self, status: int, body: bytes, ctype: str = "text/html", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _calendar(self, name: str, year: int, month: int) -> bytes:
        nxt_year, nxt_month = (year + 1, 1) if month == 12 else (year, month + 1)
        label = f"{MONTHS[month - 1]} {year}"
        return (
            f"<!DOCTYPE html><html lang='en'><head><title>Events: {label}</title>"
            f"<link rel='next' href='/{name}/{nxt_year}/{nxt_month:02d}/'></head><body><main><h1>Events: {label}</h1>"
            f"<ul><li><a href='/{name}/event/{year}-{month:02d}/'>Tenants' assembly and open meeting, {label}</a>"
            f"</li></ul><p><a href='/{name}/{nxt_year}/{nxt_month:02d}/'>Next month »</a></p></main></body></html>"
        ).encode()

    def _offsite(self, elsewhere: str) -> bytes:
        return (
            "<!DOCTYPE html><html lang='en'><head><title>Press releases</title></head><body><main><h1>Releases</h1>"
            "<ul><li><a href='/offsite/here/'>Tenants hold a press conference at the pier</a></li>"
            f"<li><a href='/redirect/{elsewhere}/ok/offsite/'>Tenants publish their survey of the pier</a></li></ul>"
            "</main></body></html>"
        ).encode()

    def _huge(self, size: int, with_length: bool) -> None:
        """A page of `size` bytes, generated as it is sent: never held in memory, here or in the test."""
        head = b"<!DOCTYPE html><html lang='en'><head><title>Huge</title></head><body><main><article><h1>Huge</h1>"
        tail = b"</article></main></body></html>"
        chunk = f"<p>{PARAGRAPH}</p>".encode() * 64
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if with_length:
            self.send_header("Content-Length", str(size))
        self.end_headers()
        left = size - len(head) - len(tail)
        try:
            self.wfile.write(head)
            while left > 0 and not self.server.owner._stopping.is_set():
                piece = chunk[:left]
                self.wfile.write(piece)
                left -= len(piece)
            self.wfile.write(tail)
        except OSError:
            pass  # the crawler hung up at its size limit, as it should
        self.close_connection = True


class FaultServer:
    """Serve the faults above on a loopback address in a daemon thread; records every request with its time."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.requests: list[tuple[float, str]] = []
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = _Server(self, (host, port))
        self._thread: threading.Thread | None = None

    @property
    def origin(self) -> str:
        """`http://HOST:PORT`, without a trailing slash."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def netloc(self) -> str:
        """`HOST:PORT`."""
        return self.origin.removeprefix("http://")

    def url(self, path: str) -> str:
        """Absolute URL for a path on this server."""
        return self.origin + path

    def hits(self, prefix: str) -> list[tuple[float, str]]:
        """The (time, path) of every request whose path starts with `prefix`."""
        with self._lock:
            return [(t, p) for t, p in self.requests if p.startswith(prefix)]

    def start(self) -> FaultServer:
        """Serve in a daemon thread; return self."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="faultserver", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; slow answers still pending give up at once."""
        self._stopping.set()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _record(self, target: str) -> int:
        """Note a request; return how many times this exact target has been asked for, this one included."""
        with self._lock:
            self.requests.append((time.monotonic(), target))
            self._counts[target] += 1
            return self._counts[target]


if __name__ == "__main__":
    host = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    with FaultServer(host, port) as server:
        print(server.origin, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
