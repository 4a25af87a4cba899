"""Build the course site into dist/ (and optionally serve it): python build.py [serve] [--instructor];
python build.py readme (rewrite the README's lesson list); python build.py grade FILE..."""

import argparse
import errno
import sys

from coursebuild import buildlock, grading
from coursebuild.errors import BuildError
from coursebuild.files import write_if_changed
from coursebuild.paths import CONTENT, INSTRUCTOR, INSTRUCTOR_DIST, LEARNER, LOCK_FILE, README, ROOT, Edition
from coursebuild.pipeline import build, log, remove_leftovers, try_pyodide
from coursebuild.serve import base_url, make_server
from coursebuild.toc import Course, read_course, readme_with_lessons


def listening(edition: Edition, port: int, prefix: str):
    """A server for the edition's site, on a port checked before anything is built."""
    try:
        return make_server(edition.dist, port, prefix)
    except OSError as error:
        busy = "is busy (another program listens on it)" if error.errno == errno.EADDRINUSE else \
            f"cannot be listened on ({error.strerror})"
        raise BuildError(f"port {port}", f"{busy}; pick another with --port, e.g. "
                                         f"python3 build.py serve --port {port + 1 if port else 8000}")


def serve(server, edition: Edition, course: Course) -> None:
    """Serve the built site until Ctrl+C, printing the landing page's and each lesson's URL."""
    url = base_url(server)
    log(f"serving {edition.dist.relative_to(ROOT)}/ (Ctrl+C stops); the course: {url}")
    for number, lesson in enumerate(course.lessons, 1):
        log(f"  lesson {number}, {lesson.title}: {url}{lesson.url}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        log("stopped")


def write_readme() -> int:
    """Rewrite the README's lesson list from the table of contents (the build itself never writes it)."""
    try:
        changed = write_if_changed(README, readme_with_lessons(README, read_course(CONTENT)).encode())
    except BuildError as error:
        log(f"error: {error}")
        return 1
    log(f"{README.name}: lesson list {'updated from' if changed else 'already matches'} "
        f"{CONTENT.name}/course.toml")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["grade"]:  # hand-in: learners' work files, not a build (coursebuild/grading.py)
        return grading.main(argv[1:], CONTENT)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", nargs="?", choices=["build", "serve", "readme"], default="build")
    parser.add_argument("--instructor", action="store_true",
                        help=f"include the exercises' solutions; builds into {INSTRUCTOR_DIST.name}/")
    parser.add_argument("--measure", action="store_true",
                        help="run the runtime probes again even if nothing they depend on changed "
                             "(say, after a browser update), and print what changed")
    parser.add_argument("--try-pyodide", metavar="VERSION",
                        help="build the site on another Pyodide version into dist-try/, measure it, "
                             "and print the probes and lesson claims that changed against the pinned version")
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default 8000)")
    parser.add_argument("--base", default="/", help="sub-path to serve under, e.g. /course/ (default /)")
    args = parser.parse_args(argv)
    if args.command == "readme":
        return write_readme()
    edition = INSTRUCTOR if args.instructor else LEARNER
    server = None
    try:
        server = listening(edition, args.port, args.base) if args.command == "serve" else None
        with buildlock.held(LOCK_FILE, log):
            remove_leftovers()
            if args.try_pyodide:
                try_pyodide(args.try_pyodide)
                return 0
            course, _ = build(edition, remeasure=args.measure)
    except BuildError as error:
        log(f"error: {error}")
        log(f"{edition.dist.relative_to(ROOT)}/ was left as it was")
        return 1
    except KeyboardInterrupt:  # Ctrl+C: one line, no traceback
        log(f"interrupted; {edition.dist.relative_to(ROOT)}/ was left as it was")
        return 130
    if server is not None:
        serve(server, edition, course)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
