"""The lines each exercise check of a lesson prints, in the learners' edition and the instructor's."""

import nbformat

from coursebuild.exercises import CALL

from .lesson_text import NOT_YET, PASS
from .notebook_outputs import stream_text


def lines_per_exercise(notebook: nbformat.NotebookNode, mark: str) -> dict[int, int]:
    """{exercise: how many printed lines start with mark} over the cells that call check_exercise_N."""
    counts = {}
    for cell in notebook.cells:
        numbers = [int(n) for n in CALL.findall(cell.source)] if cell.cell_type == "code" else []
        assert len(numbers) <= 1, f"a cell checks exercises {numbers}: its lines can't be told apart"
        if numbers:
            printed = "".join(out.text for out in cell.outputs if out.get("name") == "stdout")
            counts[numbers[0]] = sum(line.startswith(mark) for line in printed.splitlines())
    return counts


def assert_check_lines(executed_lesson, lesson: str, not_yet: dict[int, int],
                       correct: dict[int, int] | None = None) -> str:
    """Assert the learners' edition prints exactly not_yet {exercise: lines} "Not yet" lines and no tick, and
    the instructor's exactly `correct` ticks (not_yet's counts unless given) and no "Not yet", each line in
    its exercise's check cell; return what the instructor's edition printed."""
    learner, instructor = executed_lesson(lesson, "learner"), executed_lesson(lesson, "instructor")
    correct = not_yet if correct is None else correct
    learner_text, instructor_text = stream_text(learner), stream_text(instructor)
    assert lines_per_exercise(learner, NOT_YET) == not_yet
    assert learner_text.count(NOT_YET) == sum(not_yet.values()) and PASS not in learner_text
    assert lines_per_exercise(instructor, PASS) == correct
    assert instructor_text.count(PASS) == sum(correct.values()) and NOT_YET not in instructor_text
    return instructor_text
