"""The command line: `python3 build.py [build|serve|measure|grade|readme] ...`, one subcommand each."""

import argparse
import sys
from pathlib import Path

from ..errors import BuildError
from ..files import write_if_changed
from ..inputs.toc import read_course, readme_with_lessons
from ..logs import log, print_progress
from ..paths import INSTRUCTOR, LEARNER, ROOT, Project
from ..runtimes import ENGINES
from ..site import buildlock

COMMANDS = ["build", "serve", "measure", "grade", "readme"]


def parser() -> argparse.ArgumentParser:
    """The command line's grammar: each option only where it means something."""
    top = argparse.ArgumentParser(prog="build.py", description="Build, preview and measure the course site "
                                  "(no command: build). `build.py COMMAND -h` shows a command's options.")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="build the learners' site into dist/ (needs no browser)")
    edition = build.add_mutually_exclusive_group()
    add_instructor(edition)
    edition.add_argument("--try-pyodide", metavar="VERSION",
                         help="build the learners' site on another Pyodide version into dist-try/, "
                              "measure it in the engines found, and print the probes and lesson claims "
                              "that changed against the committed report")
    serve = commands.add_parser("serve", help="build, then serve the site (with --watch: rebuild on "
                                              "every edit and reload the page)")
    add_instructor(serve)
    serve.add_argument("--port", type=int, default=8000, help="port to serve on (default 8000)")
    serve.add_argument("--base", default="/", help="sub-path to serve under, e.g. /course/ (default /)")
    serve.add_argument("--watch", action="store_true",
                       help="watch content/ and lite_config/, rebuild what changed and reload the open page")
    measure = commands.add_parser("measure", help="run the runtime probes in CPython and every browser "
                                                  "engine, and write runtime-report.json (commit it)")
    measure.add_argument("--without", action="append", default=[], choices=ENGINES, metavar="ENGINE",
                         help="write the report without this engine's column (one of "
                              f"{', '.join(ENGINES)}; repeat for more)")
    commands.add_parser("grade", add_help=False, help="tabulate learners' work files (grade -h: its options)")
    commands.add_parser("readme", help="rewrite the README's lesson list from content/course.toml")
    return top


def add_instructor(group) -> None:
    group.add_argument("--instructor", action="store_true",
                       help=f"the edition with the exercises' solutions, in {INSTRUCTOR.dist_name}/")


def main(argv: list[str], root: Path = ROOT) -> int:
    """Run one command; its exit status. Errors are one line naming the file."""
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build", *argv]  # `build.py` and `build.py --instructor` build
    grammar = parser()
    args, rest = grammar.parse_known_args(argv)
    if args.command == "grade":  # the hand-in has its own options and help (coursebuild/grading.py)
        from .. import grading

        return grading.main(argv[1:], Project(root).content)
    if rest:
        grammar.error(f"unrecognized arguments: {' '.join(rest)}")
    print_progress()
    if args.command == "readme":
        return write_readme(Project(root))
    if args.command == "measure":
        from .measure import measure

        return measure(root, args.without)
    if args.command == "serve":
        from .serve import serve

        return serve((INSTRUCTOR if args.instructor else LEARNER).at(root), args.port, args.base, args.watch)
    if args.try_pyodide:
        from .measure import try_pyodide

        return try_pyodide(root, args.try_pyodide)
    return build_once((INSTRUCTOR if args.instructor else LEARNER).at(root))


def build_once(edition) -> int:
    """Build one edition under the checkout's lock; 0, or 1 with the error's one line."""
    from ..site.pipeline import build

    return guarded(edition, lambda: build(edition))


def guarded(edition, work, kept: str = "", lock: Path | None = None) -> int:
    """Run `work` under the build lock (or `lock`, which leaves cleaning up to `work`) after cleaning up
    killed builds; a BuildError or Ctrl+C is one line, then one saying what was `kept` as it was (by
    default, the edition's site)."""
    from ..site.pipeline import remove_leftovers

    site = kept or f"{edition.dist.relative_to(edition.root)}/"
    try:
        with buildlock.held(lock or edition.project.lock_file):
            if lock is None:
                remove_leftovers(edition.root)
            work()
    except BuildError as error:
        log.error(f"error: {error}")
        log.error(f"{site} was left as it was")
        return 1
    except KeyboardInterrupt:  # Ctrl+C: one line, no traceback
        log.error(f"interrupted; {site} was left as it was")
        return 130
    return 0


def write_readme(project: Project) -> int:
    """Rewrite the README's lesson list from the table of contents (the build itself never writes it)."""
    try:
        changed = write_if_changed(project.readme,
                                   readme_with_lessons(project.readme, read_course(project.content)).encode())
    except BuildError as error:
        log.error(f"error: {error}")
        return 1
    log.info(f"{project.readme.name}: lesson list {'updated from' if changed else 'already matches'} "
             f"{project.content.name}/course.toml")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
