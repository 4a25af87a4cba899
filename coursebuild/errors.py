"""The one error type a build step raises for bad input or a failed download, and errors as one line."""

from pathlib import Path


class BuildError(Exception):
    """A build problem, reported as one line naming the file and what is wrong."""

    def __init__(self, path: Path | str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def one_line(error: BaseException) -> str:
    """An error as one line: the first line of its message, or its type's name if it has none."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
