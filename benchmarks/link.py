"""A modelled network link on loopback: the site served as GitHub Pages serves it, through shared bandwidth.

Every response waits one round trip before its first byte, and all responses share one link's
bandwidth (chunks take turns, so parallel downloads split it). Types GitHub Pages compresses are
sent gzipped; every file carries an ETag and `Cache-Control: max-age=600`, as Pages sends them.
"""

import gzip
import hashlib
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from coursebuild.serving.server import SiteHandler, make_server

COMPRESSED = ("text/", "application/javascript", "application/json", "application/wasm", "image/svg+xml")
CHUNK = 16 * 1024
PAGES_MAX_AGE = 600  # GitHub Pages' Cache-Control: max-age


@dataclass(frozen=True)
class Profile:
    name: str
    megabits: float
    rtt: float  # seconds per request, before its first byte

    @property
    def bytes_per_second(self) -> float:
        return self.megabits * 1e6 / 8


PROFILES = [Profile("20 Mbit/s, 40 ms", 20, 0.040), Profile("5 Mbit/s, 80 ms", 5, 0.080)]


class Link:
    """One link's bandwidth, shared: each chunk sent books the next free slot of link time."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.lock = threading.Lock()
        self.free_at = 0.0

    def send(self, size: int) -> None:
        with self.lock:
            start = max(time.perf_counter(), self.free_at)
            self.free_at = start + size / self.profile.bytes_per_second
            until = self.free_at
        time.sleep(max(0.0, until - time.perf_counter()))


class LinkHandler(SiteHandler):
    """SiteHandler behind a Link: a round trip per request, gzip, ETag and max-age like GitHub Pages."""

    link: Link
    gzipped: dict  # path -> compressed bytes, shared by the server's threads

    def send_head(self):
        time.sleep(self.link.profile.rtt)
        if "\0" in self.path or not self.path.startswith(self.prefix):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()  # a folder's redirect, or 404
        data = path.read_bytes()
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return None
        kind = self.guess_type(str(path))
        encoded = "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(COMPRESSED)
        if encoded:
            data = self.gzipped.setdefault(str(path), gzip.compress(data, 6))
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag)
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return _Body(data)

    def copyfile(self, source, outputfile):
        for start in range(0, len(source.data), CHUNK):
            chunk = source.data[start:start + CHUNK]
            self.link.send(len(chunk))
            outputfile.write(chunk)
            self.server.bytes_sent += len(chunk)


class _Body:
    """What send_head hands to copyfile: the bytes to send (already compressed where they are)."""

    def __init__(self, data: bytes):
        self.data = data

    def close(self) -> None:
        pass


def make_link_server(root: Path, profile: Profile, prefix: str = "/course/"):
    """A server for root behind a fresh link of this profile (bytes_sent counts bytes on the wire)."""
    server = make_server(root, 0, prefix, max_age=PAGES_MAX_AGE)
    handler = server.RequestHandlerClass  # a functools.partial over SiteHandler's subclass
    linked = type("Linked", (LinkHandler, handler.func), {"link": Link(profile), "gzipped": {}})
    server.RequestHandlerClass = type(handler)(linked, *handler.args, **handler.keywords)
    return server
