"""What the open pages of a preview follow: the number of the last build and why it failed, if it did."""

import threading

WAIT_S = 25  # a page's request waits this long for the next build, then asks again


class Channel:
    """Builds published one after another; pages wait on the next one (long polling)."""

    def __init__(self):
        self.changed = threading.Condition()
        self.build = 0
        self.failure: str | None = None
        self.closed = False

    def publish(self, failure: str | None) -> None:
        """A build finished: pages reload (failure None) or say it failed (the one-line error)."""
        with self.changed:
            self.build += 1
            self.failure = failure
            self.changed.notify_all()

    def close(self) -> None:
        """The preview stops: every waiting page gets its answer now."""
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def state_after(self, seen: int, timeout: float = WAIT_S) -> dict:
        """The state once a build newer than `seen` is published (or at once, if one is), or after timeout."""
        with self.changed:
            self.changed.wait_for(lambda: self.build != seen or self.closed, timeout)
            return {"build": self.build, "failure": self.failure}
