"""The browser tier's budget for a lesson: the (edition, engine) runs it pays for, alike for every lesson.

Learners open the learners' edition in any of the three engines, so it runs in each. The instructor's
edition differs only by its solution cells, which CPython runs too (tests/cpython); in the browser they run
in WebKit alone, the engine whose Pyodide lacks the most (no stack switching: no asyncio.run), so that a
solution that passes there uses nothing another engine lacks.
"""

from coursebuild.browsers.engines import ENGINES

EDITION_ENGINES = {"learner": tuple(ENGINES), "instructor": ("webkit",)}


def planned_runs(lessons: list[str]) -> list[tuple[str, str, str]]:
    """Every (lesson, edition, engine) run the budget pays for, lesson by lesson."""
    return [(lesson, edition, engine) for lesson in lessons
            for edition, engines in EDITION_ENGINES.items() for engine in engines]


def is_planned(edition: str, engine: str) -> bool:
    """Whether a run of this edition in this engine is in the budget."""
    return engine in EDITION_ENGINES[edition]
