"""`serve`: build, then serve the site; with --watch, rebuild on every edit and reload the open pages."""

import errno
import threading

from ..errors import BuildError
from ..inputs.toc import read_course
from ..logs import log
from ..paths import WATCHED, Edition
from ..serving.livereload.channel import Channel
from ..serving.livereload.preview import preview_handler
from ..serving.livereload.watcher import next_change, snapshot
from ..serving.server import SiteHandler, base_url, make_server
from ..site import buildlock
from ..site.pipeline import build
from . import guarded


def listening(edition: Edition, port: int, prefix: str, handler: type[SiteHandler]):
    """A server for the edition's site, on a port checked before anything is built."""
    try:
        return make_server(edition.dist, port, prefix, handler=handler)
    except OSError as error:
        busy = "is busy (another program listens on it)" if error.errno == errno.EADDRINUSE else \
            f"cannot be listened on ({error.strerror})"
        raise BuildError(f"port {port}", f"{busy}; pick another with --port, e.g. "
                                         f"python3 build.py serve --port {port + 1 if port else 8000}")


def serve(edition: Edition, port: int, base: str, watch: bool) -> int:
    """Build the edition and serve it until Ctrl+C (rebuilding on every edit, with `watch`)."""
    channel = Channel() if watch else None
    try:
        server = listening(edition, port, base, preview_handler(channel) if watch else SiteHandler)
    except BuildError as error:
        log.error(f"error: {error}")
        return 1
    status = guarded(edition, lambda: build(edition))
    if status != 0 and not (watch and edition.dist.is_dir()):
        server.server_close()
        return status
    if status != 0:
        channel.publish("the first build failed (its error is in the terminal)")
    url = base_url(server)
    log.info(f"serving {edition.dist.relative_to(edition.root)}/ (Ctrl+C stops); the course: {url}")
    for number, lesson in enumerate(read_course(edition.project.content).lessons, 1):
        log.info(f"  lesson {number}, {lesson.title}: {url}{lesson.url}")
    try:
        if not watch:
            server.serve_forever()
        else:
            threading.Thread(target=server.serve_forever, daemon=True).start()
            rebuild_on_edits(edition, channel)
    except KeyboardInterrupt:
        pass
    finally:
        if channel is not None:
            channel.close()
        server.shutdown()
        server.server_close()
    log.info("stopped")
    return 0


def rebuild_on_edits(edition: Edition, channel: Channel) -> None:
    """Rebuild after each edit to the watched sources and tell the open pages (until Ctrl+C)."""
    folders = [edition.root / name for name in WATCHED]
    log.info(f"watching {', '.join(f'{name}/' for name in WATCHED)}: each edit rebuilds the site and "
             "reloads the open page")
    seen = snapshot(folders)
    while True:
        seen, changed = next_change(folders, seen)
        names = sorted(str(path.relative_to(edition.root)) for path in changed)
        log.info(f"changed: {', '.join(names[:5])}{' ...' if len(names) > 5 else ''}")
        # an edit to content/ alone leaves Pyodide, its wheels and the extensions as staged
        runtime_changed = any(path.is_relative_to(edition.project.lite_config) for path in changed)
        channel.publish(rebuild(edition, stage_runtime=runtime_changed))


def rebuild(edition: Edition, stage_runtime: bool) -> str | None:
    """One rebuild; None, or the one-line error (the last good site stays served)."""
    try:
        with buildlock.held(edition.project.lock_file):
            build(edition, stage_runtime=stage_runtime)
    except BuildError as error:
        log.error(f"error: {error} (still serving the last good {edition.dist.relative_to(edition.root)}/)")
        return str(error)
    return None
