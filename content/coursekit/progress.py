"""Which exercise a check belongs to, and where its outcome goes: the learner's browser, or nowhere."""

import re
import sys
from datetime import UTC, datetime

# The stable convention: a lesson calls `check_exercise_<N>(...)`, a function of a coursekit
# module; every check's feedback runs inside that call, so the call stack names the exercise.
EXERCISE_CHECK = re.compile(r"check_exercise_(\d+)")
# The outcome travels as an update of a display that no notebook shows: JupyterLab ignores it, the
# notebook stays as it was, and the course extension, which knows the lesson's path, reads it.
DISPLAY_ID = "course-progress"
MIME = "application/vnd.programming-for-business.outcome+json"

# Where outcomes go: set to a function of one outcome dict to collect them (the grader's re-run
# does); left None, outcomes go to the browser in Pyodide and nowhere in CPython.
sink = None
_current = None  # [frame of the check_exercise_<N> call being reported, its outcome so far]


def exercise_frame():
    """The innermost frame of a `check_exercise_<N>` function of a module, or None outside checks."""
    frame = sys._getframe(1)
    while frame is not None:
        if EXERCISE_CHECK.fullmatch(frame.f_code.co_name) and frame.f_globals.get("__name__") != "__main__":
            return frame
        frame = frame.f_back
    return None


def record(passed: bool) -> None:
    """Report one piece of feedback: an exercise passes only if every piece in its check call did."""
    global _current
    frame = exercise_frame()
    if frame is None:
        return
    # one check call may report several steps; a step that was not yet spoils the whole call
    if _current is not None and _current[0] is frame:
        _current[1] = _current[1] and passed
    else:
        _current = [frame, passed]
    outcome = {
        "exercise": int(EXERCISE_CHECK.fullmatch(frame.f_code.co_name).group(1)),
        "passed": _current[1],
        # the form JavaScript's toISOString writes, so the browser compares times as strings
        "when": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    }
    if sink is not None:
        sink(outcome)
    elif sys.platform == "emscripten":
        to_browser(outcome)


def to_browser(outcome: dict) -> None:
    """Hand the outcome to the course extension, which files it under the open lesson's path."""
    try:
        from IPython.display import update_display
        update_display({MIME: outcome}, raw=True, display_id=DISPLAY_ID)
    except Exception:  # noqa: BLE001 - progress is a courtesy: a check must never fail because of it
        pass
