"""The one error type a build step raises for bad input or a failed download."""

from pathlib import Path


class BuildError(Exception):
    """A build problem, reported as one line naming the file and what is wrong."""

    def __init__(self, path: Path | str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
