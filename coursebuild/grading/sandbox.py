"""Where learners' code runs for a re-run: CPython inside bubblewrap, with no network, no files but a
copy of the course's, no environment, no processes, and limits on time, memory and output."""

import importlib.util
import json
import os
import resource
import shutil
import signal
import site
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from . import judge, seccomp
from .judge import Verdicts
from .text import terminal_safe

BWRAP = "bwrap"  # Debian's bubblewrap package
MEMORY_LIMIT = 1 << 30  # address space of the sandbox's processes: a lesson needs under half
DISK_LIMIT = 256 << 20  # the tmpfs the learner's code may write in
OUTPUT_LIMIT = 8 << 20  # what the learner's code may print, in bytes
VERDICTS_LIMIT = 1 << 20  # the harness's report: a few KB; more is not the harness writing
LOOPBACK_HOSTS = "127.0.0.1 localhost\n::1 localhost\n"
# what runs in the sandboxes: the learner's side, the checker, and the plain-data wire between them
PROGRAMS = [Path(__file__).with_name(name) for name in ("harness.py", "checker.py", "wire.py")]
COURSE_FILES, COURSE, GRADER = "/course-files", "/course", "/grader"  # paths inside the sandbox


def available() -> str | None:
    """None if re-runs can be sandboxed here, else a sentence saying what is missing."""
    if not sys.platform.startswith("linux") or not seccomp.supported():
        return "re-runs are sandboxed with bubblewrap, on Linux (x86_64 or aarch64) only"
    if shutil.which(BWRAP) is None:
        return "re-runs need bubblewrap: install the Debian package bubblewrap (.ci/setup does)"
    if importlib.util.find_spec("openpyxl") is None:  # the sandboxes see this Python's packages
        return ("re-runs need openpyxl, a dependency of the project that the reports lesson's checks read "
                "workbooks with: install the project (bash .ci/setup --build-only)")
    return None


def python_mounts() -> list[str]:
    """bwrap arguments that show this Python (its prefix and site-packages) read-only, and /usr."""
    mounts = ["--ro-bind", "/usr", "/usr"]
    for top in ("bin", "lib", "lib64", "sbin"):
        path = Path("/", top)
        if path.is_symlink():
            mounts += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            mounts += ["--ro-bind", str(path), str(path)]
    trees = {Path(p).resolve() for p in (sys.base_prefix, sys.prefix, *site.getsitepackages())}
    for tree in sorted(trees):
        if tree.is_dir() and not any(parent in trees or parent == Path("/usr") for parent in tree.parents):
            mounts += ["--ro-bind", str(tree), str(tree)]
    return mounts


def command(course: Path, grader: Path, filter_fd: int, program: list[str]) -> list[str]:
    """The bwrap command line that runs one of the grader's programs (the learner's side or the checker)
    with its arguments, in a sandbox of its own."""
    return [
        # nobody in a user namespace of its own, with every other namespace new too
        BWRAP, "--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534",
        "--die-with-parent", "--new-session", "--cap-drop", "ALL",
        "--disable-userns", "--seccomp", str(filter_fd),
        *python_mounts(),
        "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
        "--size", str(DISK_LIMIT), "--tmpfs", COURSE,
        "--ro-bind", str(course), COURSE_FILES, "--ro-bind", str(grader), GRADER,
        "--ro-bind", str(grader / "hosts"), "/etc/hosts",
        "--chdir", COURSE, "--clearenv", "--setenv", "HOME", "/tmp",
        "--setenv", "PYTHONDONTWRITEBYTECODE", "1", "--setenv", "PYTHONPATH", COURSE_FILES,
        "--", str(Path(sys.executable).resolve()), *program,
    ]


def limited(time_limit: float):
    """Set the limits in the child before bwrap starts; its processes inherit them."""
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        cpu = int(time_limit) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        resource.setrlimit(resource.RLIMIT_FSIZE, (DISK_LIMIT, DISK_LIMIT))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def drain(stream, limit: int, kept: bytearray, over: threading.Event) -> None:
    """Read a pipe to its end, keeping its first `limit` bytes; past them, set `over`."""
    while chunk := stream.read(65536):
        if len(kept) + len(chunk) > limit:
            over.set()
            return
        kept += chunk


def filter_pipe() -> int:
    """A pipe holding the system-call filter, for bwrap to read: its read end."""
    read, write = os.pipe()
    os.write(write, seccomp.process_filter())  # a few hundred bytes: fits the pipe's buffer
    os.close(write)
    return read


def run_sandboxed(job: list, content: Path, time_limit: float) -> Verdicts | str:
    """Re-run a job in two sandboxes, the learner's code in one and the checker in the other, talking
    over two pipes: the checker's verdicts, or one line saying why there are none."""
    with tempfile.TemporaryDirectory(prefix="course-grade-") as tmp:
        course = Path(shutil.copytree(content, Path(tmp) / "course",
                                      ignore=shutil.ignore_patterns("__pycache__")))
        grader = Path(tmp) / "grader"
        grader.mkdir()
        for program in PROGRAMS:
            shutil.copy(program, grader / program.name)
        (grader / "job.json").write_text(json.dumps(job), encoding="utf-8")
        # the lessons' files are served on the sandbox's own loopback, the only network it has
        (grader / "hosts").write_text(LOOPBACK_HOSTS, encoding="ascii")
        (requests_read, requests_write), (replies_read, replies_write) = os.pipe(), os.pipe()
        verdicts_read, verdicts_write = os.pipe()
        filters = [filter_pipe(), filter_pipe()]
        try:
            learner = subprocess.Popen(
                command(course, grader, filters[0], [f"{GRADER}/harness.py", str(requests_read),
                                                     str(replies_write), COURSE_FILES]),
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                pass_fds=(filters[0], requests_read, replies_write), env={}, start_new_session=True,
                preexec_fn=limited(time_limit))
            checker = subprocess.Popen(
                command(course, grader, filters[1], [f"{GRADER}/checker.py", f"{GRADER}/job.json",
                                                     str(requests_write), str(replies_read),
                                                     str(verdicts_write)]),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                pass_fds=(filters[1], requests_write, replies_read, verdicts_write), env={},
                start_new_session=True, preexec_fn=limited(time_limit))
        finally:
            for fd in (*filters, requests_read, requests_write, replies_read, replies_write, verdicts_write):
                os.close(fd)
        output, complaint, verdicts, flooded = bytearray(), bytearray(), bytearray(), threading.Event()
        with os.fdopen(verdicts_read, "rb") as verdicts_stream:
            readers = [threading.Thread(target=drain, args=(learner.stdout, OUTPUT_LIMIT, output, flooded)),
                       threading.Thread(target=drain, args=(checker.stderr, OUTPUT_LIMIT, complaint,
                                                             threading.Event())),
                       threading.Thread(target=drain, args=(verdicts_stream, VERDICTS_LIMIT, verdicts,
                                                             threading.Event()))]
            for reader in readers:
                reader.start()
            stopped = stop_when(checker, learner, time_limit, flooded)
            for reader in readers:
                reader.join()
        learner.stdout.close()
        checker.stderr.close()
    if checker.returncode != 0 and stopped is None:
        last = (complaint.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        return f"the re-run failed (the checker's exit {checker.returncode}): {terminal_safe(last)[:200]}"
    return verdicts_from(stopped, bytes(verdicts), time_limit)


def stop_when(checker: subprocess.Popen, learner: subprocess.Popen, time_limit: float,
              flooded: threading.Event) -> str | None:
    """Wait for the checker to end, then end the learner's side; kill both past the time limit or once the
    learner's code prints too much. Why they were stopped, or None."""
    deadline, reason = time.monotonic() + time_limit, None
    while reason is None:
        try:
            checker.wait(timeout=0.2)
            break
        except subprocess.TimeoutExpired:
            reason = "output" if flooded.is_set() else "time" if time.monotonic() > deadline else None
    # bwrap's own processes: each sandbox dies with its bwrap (--die-with-parent), everything in it with that
    for process in (checker, learner):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return reason


def verdicts_from(stopped: str | None, verdicts: bytes, time_limit: float) -> Verdicts | str:
    """The checker's report, checked for shape, or the line that says why there is none."""
    if stopped == "time":
        return judge.stopped(time_limit)
    if stopped == "output":
        return f"stopped: it printed more than {OUTPUT_LIMIT >> 20} MiB; no exercise was re-run"
    try:
        report = json.loads(verdicts)
        outcomes = {str(notebook): {str(n): passed for n, passed in done.items()
                                    if isinstance(passed, bool)}
                    for notebook, done in report["outcomes"].items()}
        limits = [[str(notebook), int(cell), str(what)] for notebook, cell, what in report["limits"]]
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return "the re-run failed: the checker's report is missing or damaged"
    return Verdicts(outcomes, limits)
