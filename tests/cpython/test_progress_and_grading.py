"""Progress in CPython (nothing recorded, unless collected) and hand-in: \
`build.py grade` on learners' work files."""

import csv
import json
import subprocess
import sys
import time

import nbformat
import pytest

from coursebuild.exercises import exercise_numbers
from coursebuild.grading import FORMAT, VERSION
from coursebuild.lessons import is_solution
from coursebuild.paths import CONTENT, INSTRUCTOR_DIST, ROOT
from coursebuild.toc import read_course

COURSE = read_course(CONTENT)
FIRST_EXERCISES, SECOND_EXERCISES = (exercise_numbers(lesson.source) for lesson in COURSE.lessons)
HEADINGS = ["file", *(f"L1 E{n}" for n in FIRST_EXERCISES), *(f"L2 E{n}" for n in SECOND_EXERCISES)]
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


def notebook(name: str, drop_solutions_after: int | None = None) -> dict:
    """A lesson of the instructor edition (solved), optionally keeping only its first solution cells."""
    lesson = nbformat.read(INSTRUCTOR_DIST / "files" / name, as_version=4)
    if drop_solutions_after is not None:
        solved = [cell for cell in lesson.cells if is_solution(cell)][drop_solutions_after:]
        lesson.cells = [cell for cell in lesson.cells if cell not in solved]
    return lesson


def work_file(path, notebooks: dict, outcomes: dict) -> None:
    """A work file as the landing page's Download my work writes it."""
    files = [[name, {"name": name, "path": name, "type": "notebook", "format": "json", "content": content}]
             for name, content in notebooks.items()]
    lessons = {name: {str(n): {"passed": passed, "when": "2026-05-01T10:00:00.000Z"}
                      for n, passed in done.items()}
               for name, done in outcomes.items()}
    path.write_text(json.dumps({"format": FORMAT, "version": VERSION, "course": COURSE.title,
                                "made": "2026-05-01T10:00:00.000Z", "files": files,
                                "progress": {"lessons": lessons}}))


@pytest.fixture
def work_files(built_instructor_site, tmp_path):
    """complete.json (every exercise solved), partial.json (lesson 2's first only) \
and loops.json (never ends)."""
    first, second = (lesson.notebook for lesson in COURSE.lessons)
    work_file(tmp_path / "complete.json", {first: notebook(first), second: notebook(second)},
              {first: dict.fromkeys(FIRST_EXERCISES, True), second: dict.fromkeys(SECOND_EXERCISES, True)})
    partial = notebook(second, drop_solutions_after=1)
    work_file(tmp_path / "partial.json", {second: partial}, {second: PARTIAL})
    partial.cells.insert(0, nbformat.v4.new_code_cell("while True:\n    pass"))
    work_file(tmp_path / "loops.json", {second: partial}, {second: PARTIAL})
    return tmp_path


def grade(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "grade", *args], cwd=cwd,
                          capture_output=True, text=True)


def test_grade_tabulates_the_recorded_outcomes_and_writes_them_as_csv(work_files):
    done = grade("complete.json", "partial.json", "--csv", "grades.csv", cwd=work_files)
    assert done.returncode == 0, done.stderr
    expected = [HEADINGS,
                ["complete.json", *["passed"] * (len(HEADINGS) - 1)],
                ["partial.json", *["-"] * len(FIRST_EXERCISES),
                 *("passed" if solved else "not yet" for solved in PARTIAL.values())]]
    with (work_files / "grades.csv").open(newline="") as stream:
        assert list(csv.reader(stream)) == expected
    table = [line.split("  ") for line in done.stdout.splitlines()[:3]]
    assert [[cell.strip() for cell in row if cell.strip()] for row in table] == expected
    assert f"L2: {COURSE.lessons[1].title}" in done.stdout


def test_grade_names_a_file_that_is_not_a_work_file(work_files):
    (work_files / "notes.json").write_text("{not json")
    done = grade("complete.json", "notes.json", cwd=work_files)
    assert done.returncode == 1
    assert "notes.json: is not a work file: not JSON" in done.stderr


def test_rerun_agrees_with_the_recorded_outcomes_and_stops_an_endless_loop(work_files):
    done = grade("complete.json", "partial.json", "--rerun", cwd=work_files)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "complete.json: the re-run agrees with every recorded outcome" in done.stdout
    assert "partial.json: the re-run agrees with every recorded outcome" in done.stdout

    started = time.monotonic()
    done = grade("loops.json", "--rerun", "--time-limit", "20", cwd=work_files)
    assert time.monotonic() - started < 60
    assert done.returncode == 1
    assert ("loops.json: stopped after 20 s, the time limit (an endless loop?); its exercises were not re-run"
            in done.stdout)
