"""An instructor's machine with Python and Node and no browser: a fresh copy builds both editions and
publishes the committed runtime report."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from coursebuild.inputs import report
from coursebuild.paths import INSTRUCTOR, LEARNER, PROJECT
from tests.support.builds import course_copy

NO_BROWSER_LIBRARY = "raise ImportError('this machine has no browser library (test_build_without_browser)')\n"


def machine_without_browsers(folder: Path) -> dict:
    """An environment whose PATH holds only Python and Node, where Playwright finds no browser and
    importing Playwright or Selenium fails."""
    bin_dir, libraries, no_browsers = folder / "bin", folder / "libraries", folder / "no-browsers"
    for made in (bin_dir, libraries, no_browsers):
        made.mkdir()
    programs = {"python3": sys.executable, "node": shutil.which("node"), "npm": shutil.which("npm")}
    for name, program in programs.items():
        (bin_dir / name).symlink_to(Path(program).resolve())
    for library in ("playwright", "selenium"):
        (libraries / library).mkdir()
        (libraries / library / "__init__.py").write_text(NO_BROWSER_LIBRARY)
    return {**os.environ, "PATH": str(bin_dir), "PYTHONPATH": str(libraries),
            "PLAYWRIGHT_BROWSERS_PATH": str(no_browsers)}


def test_a_fresh_copy_builds_both_editions_with_no_browser_and_publishes_the_committed_report(tmp_path):
    env = machine_without_browsers(tmp_path)
    imported = subprocess.run(["python3", "-c", "import playwright"], env=env, capture_output=True, text=True)
    assert "this machine has no browser library" in imported.stderr
    for found in ("chromium", "firefox-esr", "firefox", "WebKitWebDriver", "Xvfb"):
        assert shutil.which(found, path=env["PATH"]) is None, found
    repo = course_copy(tmp_path)
    committed = report.read_committed(PROJECT)
    for edition, flags in [(LEARNER, []), (INSTRUCTOR, ["--instructor"])]:
        done = subprocess.run(["python3", "build.py", *flags], cwd=repo, env=env, capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "running the probes" not in done.stdout
        site = edition.at(repo).dist
        assert json.loads((site / report.REPORT_NAME).read_text()) == committed.to_json()
        assert (site / "runtime.html").is_file() and (site / "index.html").is_file()
        assert not any(site.rglob("*livereload*"))  # the preview's channel is never published
