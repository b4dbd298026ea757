"""A small threaded loopback server for the bundled sample partner sites, used by `pressroom demo` and tests."""

from __future__ import annotations

import contextlib
import hashlib
import posixpath
import socket
import threading
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

PLACEHOLDER = b"{{origin}}"
TEXT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".toml": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
}
BINARY_TYPES = {
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".gif": "image/gif",
}


def content_type(path: Path, body: bytes) -> str:
    """The Content-Type for a file; `.xml` is sniffed as RSS, Atom or plain XML."""
    suffix = path.suffix.lower()
    if suffix == ".xml":
        head = body[:2048]
        if b"<rss" in head or b"<rdf:RDF" in head:
            return "application/rss+xml; charset=utf-8"
        if b"<feed" in head and b"http://www.w3.org/2005/Atom" in head:
            return "application/atom+xml; charset=utf-8"
        return "application/xml; charset=utf-8"
    return TEXT_TYPES.get(suffix) or BINARY_TYPES.get(suffix) or "application/octet-stream"


def is_text(path: Path) -> bool:
    """Whether `{{origin}}` is substituted in this file."""
    return path.suffix.lower() in TEXT_TYPES or path.suffix.lower() == ".xml"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, owner: SampleServer, address: tuple[str, int]) -> None:
        self.owner = owner
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "pressroom-sampleserver/1"
    sys_version = ""
    timeout = 30

    def setup(self) -> None:
        super().setup()
        self.server.owner._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.owner._track(self.connection, add=False)

    def log_message(self, format: str, *args: object) -> None:
        """Keep stderr quiet."""

    def do_GET(self) -> None:
        """Serve a file, a failure, a redirect or a 404."""
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        """Like GET without the body."""
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        owner = self.server.owner
        owner._record(self.path)
        raw_path = urlsplit(self.path).path or "/"
        path = unquote(raw_path)
        status = owner._failure(self.path, path)
        if status is not None:
            self._plain(status, f"{status} simulated failure\n", send_body)
            return
        target = owner._resolve(path)
        if target is None:
            self._plain(HTTPStatus.FORBIDDEN, "403 forbidden\n", send_body)
            return
        if target.is_dir():
            if not raw_path.endswith("/"):
                self._redirect(raw_path + "/", send_body)
                return
            target = next((target / n for n in ("index.html", "index.xml") if (target / n).is_file()), target)
        elif not target.exists() and target.with_name(target.name + ".html").is_file():
            target = target.with_name(target.name + ".html")
        if not target.is_file():
            self._plain(HTTPStatus.NOT_FOUND, "404 not found\n", send_body)
            return
        body = target.read_bytes()
        if is_text(target):
            body = body.replace(PLACEHOLDER, owner.origin.encode("ascii"))
        mtime = int(target.stat().st_mtime)
        etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
        if self._not_modified(etag, mtime):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", formatdate(mtime, usegmt=True))
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type(target, body))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", formatdate(mtime, usegmt=True))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _not_modified(self, etag: str, mtime: int) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
            return "*" in tags or etag in tags
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                since = parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError, IndexError):
                return False
            return mtime <= since
        return False

    def _plain(self, status: int, text: str, send_body: bool) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _redirect(self, location: str, send_body: bool) -> None:
        body = f"Moved to {location}\n".encode()
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", self.server.owner.origin + location)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class SampleServer:
    """Serve a folder of sample sites on loopback, with `{{origin}}` replaced by the server's own origin."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0) -> None:
        self.root = Path(root).resolve()
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._failures: dict[str, int] = {}
        self._connections: set[socket.socket] = set()
        self._httpd = _Server(self, (host, port))
        self._thread: threading.Thread | None = None

    @property
    def origin(self) -> str:
        """Scheme, host and port, without a trailing slash: `http://127.0.0.1:PORT`."""
        host, port = self._httpd.server_address[:2]
        if isinstance(host, bytes):
            host = host.decode("ascii")
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}"

    def start(self) -> SampleServer:
        """Serve in a daemon thread; return self."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="sampleserver", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, drop open keep-alive connections and release the port."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        with self._lock:
            connections = list(self._connections)
            self._connections.clear()
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()

    def __enter__(self) -> SampleServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def url(self, path: str) -> str:
        """Absolute URL for a path on this server, e.g. `url("/uncover/")`."""
        return self.origin + ("" if path.startswith("/") else "/") + path

    def fail(self, prefix: str, status: int = 503) -> None:
        """Answer `status` (no Retry-After) for every path starting with `prefix` until `recover`."""
        with self._lock:
            self._failures[prefix] = status

    def recover(self, prefix: str) -> None:
        """Serve paths under `prefix` normally again."""
        with self._lock:
            self._failures.pop(prefix, None)

    def _record(self, target: str) -> None:
        with self._lock:
            self.requests.append(target)

    def _failure(self, target: str, path: str) -> int | None:
        with self._lock:
            matches = [p for p in self._failures if target.startswith(p) or path.startswith(p)]
            return self._failures[max(matches, key=len)] if matches else None

    def _track(self, conn: socket.socket, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    def _resolve(self, path: str) -> Path | None:
        """The file or folder under root for a decoded URL path; None when it would leave root."""
        if "\x00" in path or "\\" in path:
            return None
        parts = [p for p in path.split("/") if p not in ("", ".")]
        if ".." in parts:
            return None
        candidate = (self.root / posixpath.join(*parts)) if parts else self.root
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError):
            return None
        if resolved != self.root and not resolved.is_relative_to(self.root):
            return None
        return resolved
