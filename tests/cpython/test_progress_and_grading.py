"""Progress in CPython (nothing recorded, unless collected) and hand-in: \
`build.py grade` on learners' work files."""

import csv
import json
import subprocess
import sys

import pytest

from coursebuild.grading.work import FORMAT, VERSION
from coursebuild.paths import ROOT
from tests.support.work_files import COURSE, EXERCISES, FIRST, SECOND, claiming_all, lesson, work_file

NAMES = [each.notebook for each in COURSE.lessons]
FIRST_EXERCISES, SECOND_EXERCISES = EXERCISES[FIRST], EXERCISES[SECOND]
HEADINGS = ["file", *(f"L{number} E{n}" for number, name in enumerate(NAMES, 1) for n in EXERCISES[name])]
# partial.json: lesson 2's first exercise solved, the others not yet
PARTIAL = {n: n == SECOND_EXERCISES[0] for n in SECOND_EXERCISES}


def test_a_check_reports_its_exercise_and_passes_only_if_every_step_passed(coursekit, solutions):
    from coursekit import concurrency_checks, progress

    answers = solutions("concurrency_io_bound")
    seen = []
    progress.sink = seen.append
    try:
        concurrency_checks.check_exercise_2(answers["process_store"], answers["collect_with_threads"])
        assert [(o["exercise"], o["passed"]) for o in seen] == [(2, True), (2, True)]  # two steps, both right
        seen.clear()
        concurrency_checks.check_exercise_2(answers["process_store"], lambda ids: [])  # right, then wrong
        assert [(o["exercise"], o["passed"]) for o in seen] == [(2, True), (2, False)]
        seen.clear()
        concurrency_checks.check_exercise_6(answers["MetricCounter"])
        assert [(o["exercise"], o["passed"]) for o in seen] == [(6, True)]
    finally:
        progress.sink = None


def test_in_cpython_a_check_records_nothing_and_in_pyodide_it_tells_the_browser(coursekit, solutions,
                                                                                 monkeypatch):
    from IPython import display

    from coursekit import concurrency_checks, progress

    sent = []
    monkeypatch.setattr(display, "update_display", lambda data, **how: sent.append((data, how)))
    concurrency_checks.check_exercise_6(solutions("concurrency_io_bound")["MetricCounter"])
    assert sent == []  # CPython: an instructor running a lesson locally records nothing

    monkeypatch.setattr(sys, "platform", "emscripten")
    concurrency_checks.check_exercise_6(lambda: None)
    [(data, how)] = sent
    assert how == {"raw": True, "display_id": progress.DISPLAY_ID}
    assert data[progress.MIME]["exercise"] == 6 and data[progress.MIME]["passed"] is False


@pytest.fixture
def work_files(built_site, built_instructor_site, tmp_path):
    """complete.json (every exercise of every lesson solved) and partial.json (lesson 2's first only)."""
    work_file(tmp_path / "complete.json", {name: lesson(built_instructor_site, name) for name in NAMES},
              claiming_all(*NAMES))
    work_file(tmp_path / "partial.json", {SECOND: lesson(built_instructor_site, SECOND, keep_solutions=1)},
              {SECOND: PARTIAL})
    return tmp_path


def grade(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "grade", *args], cwd=cwd,
                          capture_output=True, text=True)


def csv_rows(path) -> list[list[str]]:
    with path.open(newline="") as stream:
        return list(csv.reader(stream))


def test_grade_tabulates_the_recorded_outcomes_and_writes_them_as_csv(work_files):
    done = grade("complete.json", "partial.json", "--csv", "grades.csv", cwd=work_files)
    assert done.returncode == 0, done.stderr
    expected = [HEADINGS,
                ["complete.json", *["passed"] * (len(HEADINGS) - 1)],
                ["partial.json", *["-"] * len(FIRST_EXERCISES),
                 *("passed" if solved else "not yet" for solved in PARTIAL.values()),
                 *["-"] * sum(len(EXERCISES[name]) for name in NAMES[2:])]]
    assert csv_rows(work_files / "grades.csv") == expected
    table = [line.split("  ") for line in done.stdout.splitlines()[:3]]
    assert [[cell.strip() for cell in row if cell.strip()] for row in table] == expected
    assert f"L2: {COURSE.lessons[1].title}" in done.stdout


def test_each_bad_file_is_one_line_and_the_others_are_graded(work_files):
    (work_files / "notes.json").write_text("{not json")
    (work_files / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (work_files / "empty.json").write_text(json.dumps({"format": FORMAT, "version": VERSION,
                                                       "course": COURSE.title, "files": [], "progress": []}))
    (work_files / "=HYPERLINK(1)\x1b[2J.json").write_text((work_files / "partial.json").read_text())
    done = grade("complete.json", "notes.json", "deep.json", "empty.json", "=HYPERLINK(1)\x1b[2J.json",
                 cwd=work_files)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "[grade] error: notes.json: is not a work file: not JSON (Expecting property name enclosed in "
        "double quotes: line 1 column 2 (char 1))",
        "[grade] error: deep.json: is not a work file: nested more than 64 deep",
        "[grade] error: empty.json: is damaged: its files are not a list or its progress not an object",
    ]
    rows = csv_rows(work_files / "grades.csv")
    assert [row[0] for row in rows] == ["file", "complete.json", "'=HYPERLINK(1)\x1b[2J.json"]
    assert "\x1b" not in done.stdout and "=HYPERLINK(1)?[2J.json" in done.stdout
