"""Faults around a build: builds that overlap, Ctrl+C and kill -9 at each step, a busy port, odd requests."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from coursebuild.commands import guarded
from coursebuild.paths import LEARNER
from coursebuild.site import buildlock, pipeline, pyodide_dist
from tests.support.builds import build_process, tree_digest
from tests.support.course import pinned_pyodide
from tests.support.fixture_course import own_cache

STEPS = ["learner edition", "wheels:", "lessons: converted", "jupyter lite build"]
EDITED = "last"  # the fixture course's lesson a test edits, so that a build has a lesson to convert


def site_files(site: Path) -> set[str]:
    """The site's file names: a whole site has every one the first build wrote (57 missing chunks did not)."""
    return {str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()}


def leftovers(project: Path) -> list[str]:
    """Unfinished sites and downloads a build left behind."""
    return sorted(str(p.relative_to(project))
                  for pattern in ("dist*.new*", f".cache/**/{pyodide_dist.DOWNLOAD_PREFIX}*")
                  for p in project.glob(pattern))


def edit_lesson(project: Path, text: str) -> None:
    """Append a Markdown cell to a lesson, so that a build has a lesson to convert."""
    with (project / "content" / f"{EDITED}.py").open("a") as source:
        source.write(f"\n# %% [markdown]\n# {text}\n")


def start_build(project: Path) -> subprocess.Popen:
    """build.py in its own process group, as a terminal starts it (Ctrl+C reaches the group), with
    Ctrl+C's default action: a test run started from a background shell has it ignored, and a child
    would inherit that."""
    return subprocess.Popen([sys.executable, "build.py"], cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def signalled_at(project: Path, step: str, signum: int) -> tuple[int, str]:
    """Run a build, send it signum when it prints the step's line; its exit code and output."""
    build = start_build(project)
    output = ""
    for line in build.stdout:
        output += line
        if line.startswith(f"[build] {step}"):
            if signum == signal.SIGINT:
                os.killpg(build.pid, signum)  # Ctrl+C: the build and the tool it runs
            else:
                os.kill(build.pid, signum)  # kill -9 of the build alone: a tool it runs lives on
            break
    output += build.stdout.read()
    return build.wait(), output


def test_builds_started_together_each_publish_a_whole_site(built_checkout):
    whole = site_files(built_checkout / "dist")
    for round_ in range(3):
        edit_lesson(built_checkout, f"Edited in round {round_}.")
        builds = [start_build(built_checkout) for _ in range(3)]
        outputs = [build.communicate()[0] for build in builds]
        for build, output in zip(builds, outputs):
            assert build.returncode == 0, output
        assert site_files(built_checkout / "dist") == whole
        assert (f"Edited in round {round_}."
                in (built_checkout / "dist" / "files" / f"{EDITED}.ipynb").read_text())
        assert leftovers(built_checkout) == []


def test_a_build_waits_for_the_one_holding_the_lock_and_says_so(built_checkout):
    with buildlock.held(built_checkout / "build" / "build.lock"):
        build = start_build(built_checkout)
        first = build.stdout.readline()
        assert first == f"[build] waiting for the other build (pid {os.getpid()}) to finish ...\n"
    output = first + build.communicate()[0]
    assert build.returncode == 0, output


@pytest.mark.parametrize("step", STEPS)
def test_ctrl_c_at_each_step_prints_one_line_and_keeps_the_site(built_checkout, step):
    before = tree_digest(built_checkout / "dist")
    edit_lesson(built_checkout, "An edit the interrupted build never publishes.")
    code, output = signalled_at(built_checkout, step, signal.SIGINT)
    assert code == 130, output
    assert output.splitlines()[-1] == "[build] interrupted; dist/ was left as it was"
    assert "Traceback" not in output
    assert tree_digest(built_checkout / "dist") == before and leftovers(built_checkout) == []


@pytest.mark.parametrize("step", STEPS)
def test_kill_at_each_step_keeps_the_site_and_the_next_build_cleans_up(built_checkout, step):
    before = tree_digest(built_checkout / "dist")
    whole = set(before)
    edit_lesson(built_checkout, "An edit the killed build never publishes.")
    code, output = signalled_at(built_checkout, step, signal.SIGKILL)
    assert code == -signal.SIGKILL, output
    assert tree_digest(built_checkout / "dist") == before
    # waits for a tool the killed build left running, then removes its site
    done = build_process(built_checkout)
    assert done.returncode == 0, done.stdout + done.stderr
    assert site_files(built_checkout / "dist") == whole and leftovers(built_checkout) == []


def test_a_download_folder_left_by_a_killed_build_is_removed(small_project, caplog):
    wheels = own_cache(small_project) / f"pyodide-{pinned_pyodide().version}" / "wheels"
    left = Path(tempfile.mkdtemp(prefix=pyodide_dist.DOWNLOAD_PREFIX, dir=wheels))
    (left / next(wheels.glob("*.whl")).name).write_bytes(b"half a download")
    edition = LEARNER.at(small_project)
    assert guarded(edition, lambda: pipeline.build(edition)) == 0  # as `build.py` builds, in-process
    assert f"removed {left.relative_to(small_project)}/, an interrupted download" in caplog.text
    assert leftovers(small_project) == []


def test_serve_on_a_busy_port_says_so_before_building(built_checkout):
    before = tree_digest(built_checkout / "dist")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run([sys.executable, "build.py", "serve", "--port", str(port)], cwd=built_checkout,
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        f"[build] error: port {port}: is busy (another program listens on it); pick another with --port, "
        f"e.g. python3 build.py serve --port {port + 1}")
    assert "Traceback" not in done.stderr and tree_digest(built_checkout / "dist") == before

