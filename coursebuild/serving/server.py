"""A small static server for the built site, under a sub-path as on GitHub Pages."""

import functools
import http.server
import sys
import threading
import time
import urllib.parse
from pathlib import Path

# Module workers refuse scripts served with a non-JavaScript type, and streaming
# WebAssembly compilation needs application/wasm; Python's table lacks .mjs.
TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
         ".json": "application/json", ".whl": "application/zip", ".ipynb": "application/json"}
# The names a request may call this server by, besides the address it is bound to. Any other Host is a
# page that had a name of its own resolve to 127.0.0.1 (DNS rebinding) to read the site, an instructor's
# edition with its solutions perhaps: it is refused.
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "[::1]"}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` at `prefix`; anything outside the prefix is redirected into it."""

    prefix = "/"
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def send_head(self):
        self.server.requested.append((time.time(), self.path))  # when each file was asked for, for tests
        if not self.host_is_ours():
            self.send_error(421, "this server answers only to its loopback names")
            return None
        # open() would raise ValueError, not the OSError answered 404
        if "\0" in urllib.parse.unquote(self.path):
            self.send_error(400, "a path cannot hold a NUL byte")
            return None
        if not self.path.startswith(self.prefix):
            self.send_response(302)
            self.send_header("Location", self.prefix)
            self.end_headers()
            return None
        return super().send_head()

    def host_is_ours(self) -> bool:
        """True when the Host header names this machine's loopback or the bound address (any port)."""
        host = (self.headers.get("Host") or "").lower()
        name = host if host.endswith("]") else host.rpartition(":")[0] if ":" in host else host
        return name in LOOPBACK_NAMES | {self.server.server_address[0]}

    def translate_path(self, path):
        # keep self.path whole, so directory redirects (notebooks -> notebooks/) keep the prefix
        return super().translate_path("/" + path[len(self.prefix):])

    def copyfile(self, source, outputfile):
        # counted, for the benchmark: the body bytes a page and its workers really fetched
        for chunk in iter(lambda: source.read(1 << 16), b""):
            outputfile.write(chunk)
            self.server.bytes_sent += len(chunk)

    def end_headers(self):
        if self.server.max_age is not None:  # as GitHub Pages sends every file
            self.send_header("Cache-Control", f"max-age={self.server.max_age}")
        super().end_headers()

    def log_request(self, code="-", size="-"):
        self.server.answered.append((self.path, int(code)))  # a 304 sent no body: tests tell them apart

    def log_message(self, format, *args):  # quiet: the build's own lines say what matters
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    """A threaded server that does not print a traceback when the browser drops a download."""

    daemon_threads = True
    bytes_sent = 0
    max_age: int | None = None  # seconds a browser may reuse a file unasked; None sends no Cache-Control

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.requested: list[tuple[float, str]] = []  # (wall-clock time, path) of every request
        self.answered: list[tuple[str, int]] = []  # (path, status) of every response

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def make_server(root: Path, port: int = 0, prefix: str = "/", max_age: int | None = None,
                handler: type[SiteHandler] = SiteHandler) -> SiteServer:
    """A server for root at http://127.0.0.1:port/prefix/ (port 0 picks a free one).

    `max_age` sends Cache-Control: max-age as GitHub Pages does (600); `serve` sends none, so an
    instructor's rebuild shows at the next reload. `handler`: a SiteHandler subclass (the preview's).
    """
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = functools.partial(type("Handler", (handler,), {"prefix": prefix}), directory=str(root))
    server = SiteServer(("127.0.0.1", port), handler)
    server.prefix, server.max_age = prefix, max_age
    return server


def base_url(server: SiteServer) -> str:
    """The URL the site is reachable at, ending in a slash."""
    return f"http://127.0.0.1:{server.server_address[1]}{server.prefix}"


# how often the serving thread looks for shutdown(): socketserver's default, 0.5 s, made every test
# that stops a server wait half a second
SHUTDOWN_POLL_S = 0.02


def serve_in_background(server: SiteServer) -> threading.Thread:
    """Serve from a daemon thread (for tests and benchmarks)."""
    thread = threading.Thread(target=server.serve_forever, args=(SHUTDOWN_POLL_S,), daemon=True)
    thread.start()
    return thread
