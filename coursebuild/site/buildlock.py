"""One build at a time per checkout: an exclusive lock on a file, held for the whole build."""

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from ..logs import log

_held: list[int] = []  # file descriptors of the locks this process holds


def inherited() -> tuple[int, ...]:
    """The locks held, for `pass_fds`: a tool the build runs keeps the lock even if the build is
    killed, so the next build waits for it instead of racing it."""
    return tuple(_held)


@contextmanager
def held(lock_file: Path):
    """Hold the lock for the block, first saying which build holds it if one does.

    flock is released by the kernel when the holder exits, however it exits (SIGKILL
    included), so a stale lock file never blocks the next build.
    """
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            log.info(f"waiting for the other build (pid {holder}) to finish ...")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        _held.append(handle.fileno())
        try:
            yield
        finally:
            _held.remove(handle.fileno())
