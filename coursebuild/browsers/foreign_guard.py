"""A loopback HTTP proxy that records and refuses every request: a browser's only way to other hosts."""

import http.server
import threading


class RefusingHandler(http.server.BaseHTTPRequestHandler):
    """Notes the requested URL (or host, for HTTPS) and answers 403."""

    def refuse(self):
        self.server.seen.append(f"https://{self.path}/" if self.command == "CONNECT" else self.path)
        self.send_error(403, "this course never loads anything from another host")

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_CONNECT = refuse

    def log_message(self, format, *args):  # the recorded list is the report
        pass


class ForeignGuard(http.server.ThreadingHTTPServer):
    """The proxy, serving from a daemon thread until close()."""

    daemon_threads = True

    def __init__(self, seen: list[str]):
        super().__init__(("127.0.0.1", 0), RefusingHandler)
        self.seen = seen
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

    def close(self) -> None:
        self.shutdown()
        self.server_close()
