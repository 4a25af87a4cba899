"""The preview server: the site as `serve` serves it, plus the live-reload channel, a script added to
each page to follow it, and JupyterLite told to keep files in memory (the instructor's view: no stored
copy of a lesson hides the lesson just built)."""

import io
import json
import urllib.parse
from pathlib import Path

from ..server import SiteHandler
from .channel import Channel

ROUTE = "__livereload/"  # under the site's base path; no file of the site has this name
CLIENT = Path(__file__).with_name("client.js")


def with_client(page: bytes, src: str) -> bytes:
    """An HTML page with the live-reload script at the end of its head."""
    tag = f'<script src="{src}"></script>'.encode()
    head_end = page.find(b"</head>")
    return page[:head_end] + tag + page[head_end:] if head_end >= 0 else page + tag


def with_memory_storage(config: bytes) -> bytes:
    """A jupyter-lite.json that keeps the learner's files in memory only, so every page load opens
    the lessons as built."""
    settings = json.loads(config)
    settings.setdefault("jupyter-config-data", {})["enableMemoryStorage"] = True
    return json.dumps(settings).encode()


def preview_handler(channel: Channel) -> type[SiteHandler]:
    """A SiteHandler class that also speaks the channel (give it to serve.make_server)."""
    return type("PreviewHandler", (PreviewHandler,), {"channel": channel})


class PreviewHandler(SiteHandler):
    """Answers the channel's two routes and rewrites pages and JupyterLite's settings on the way out."""

    channel: Channel
    rewrite = None  # what the file being sent goes through, if anything

    def send_head(self):
        path = urllib.parse.urlsplit(self.path).path
        if path == f"{self.prefix}{ROUTE}client.js":
            return self.answer(CLIENT.read_bytes(), "text/javascript")
        if path == f"{self.prefix}{ROUTE}state":
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            seen = int((query.get("after") or ["-1"])[0])
            return self.answer(json.dumps(self.channel.state_after(seen)).encode(), "application/json")
        self.rewrite = None
        if path.endswith("/jupyter-lite.json"):
            self.rewrite = with_memory_storage
        elif path.endswith((".html", "/")):
            self.rewrite = lambda page: with_client(page, f"{self.prefix}{ROUTE}client.js")
        body = super().send_head()
        if body is None or self.rewrite is None:
            return body
        with body:
            return io.BytesIO(self.rewrite(body.read()))

    def send_header(self, keyword, value):
        # a rewritten file's length differs from the file's; HTTP/1.0 ends the body with the connection
        if not (keyword.lower() == "content-length" and self.rewrite is not None):
            super().send_header(keyword, value)

    def answer(self, body: bytes, content_type: str) -> io.BytesIO:
        self.rewrite = None
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)
