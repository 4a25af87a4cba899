"""Lesson sources (Jupytext percent .py) to the notebooks the site serves."""

import ast
import copy
import warnings
from pathlib import Path

import jupytext
import nbformat

from ..errors import BuildError, one_line
from ..files import remove_all_but, write_if_changed
from ..logs import log
from .toc import Course, navigation_markdown

# The Pyodide kernel registers itself as `python`: naming it opens a lesson with the
# kernel already starting, and no kernel picker.
SOLUTION_TAG = "solution"
KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
# What the Pyodide kernel (jupyterlite-pyodide-kernel's kernelInfoRequest) reports as its language: a notebook
# holding anything else is changed by the kernel's first reply, so an unedited lesson was autosaved seconds
# after it opened, and a second tab of it met JupyterLab's "File Changed" dialog (seen in CI). Its "3.8"
# is the kernel's own; tests/site_build checks the site's kernel still reports exactly this.
LANGUAGE_INFO = {"codemirror_mode": {"name": "python", "version": 3}, "file_extension": ".py",
                 "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
                 "pygments_lexer": "ipython3", "version": "3.8"}
# The course extension (coursebuild/assets/labextensions) compares a learner's copy with the published lesson
# by this stamp.
VERSION_KEY = "course"


def read_lesson(source: Path) -> nbformat.NotebookNode:
    """A lesson source as a notebook, or a BuildError naming the file."""
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BuildError(source, f"cannot read it ({error})")
    try:
        notebook = jupytext.reads(text, fmt="py:percent")
    except Exception as error:  # jupytext raises many types (YAML, format) for a bad header
        raise BuildError(source, f"jupytext cannot read it: {one_line(error)}")
    if not any(line.startswith("# %%") for line in text.splitlines()):
        raise BuildError(source, "has no `# %%` cell marker: lessons are Jupytext percent-format")
    check_code_cells(notebook, text, source)
    return notebook


def read_lessons(course: Course) -> dict[Path, nbformat.NotebookNode]:
    """Every lesson read and checked, before anything is built from them."""
    return {lesson.source: read_lesson(lesson.source) for lesson in course.lessons}


def check_code_cells(notebook: nbformat.NotebookNode, text: str, source: Path) -> None:
    """Refuse a code cell that is not Python, naming the line of the source it is on."""
    cursor = 0  # cells appear in the source in order; each is searched for after the one before
    for number, cell in enumerate(notebook.cells, 1):
        if cell.cell_type != "code":
            continue
        found = text.find(cell.source, cursor)
        cursor = found + len(cell.source) if found >= 0 else cursor
        error = syntax_error(cell.source)
        if error is not None:
            line = error.lineno or 1
            where = (f"line {text.count(chr(10), 0, found) + line}" if found >= 0
                     else f"cell {number}, line {line}")
            raise BuildError(source, f"{where}: a code cell is not valid Python ({error.msg})")


def syntax_error(code: str) -> SyntaxError | None:
    """The SyntaxError of a notebook cell, or None; \
top-level await and IPython's %magics and !commands are allowed."""
    def compiled(cell: str) -> None:
        with warnings.catch_warnings():  # an invalid escape's SyntaxWarning is the CPython tests' business
            warnings.simplefilter("ignore")
            compile(cell, "<cell>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    try:
        compiled(code)
        return None
    except SyntaxError as error:
        first = error
    # IPython is imported only for a cell plain Python refuses: it costs a rebuild a few tenths of a second
    from IPython.core.inputtransformer2 import TransformerManager
    try:
        compiled(TransformerManager().transform_cell(code))
        return None
    except SyntaxError:
        return first


def to_site_notebook(notebook: nbformat.NotebookNode, source: Path, with_solutions: bool,
                     navigation: str) -> bytes:
    """The .ipynb bytes the site serves: Pyodide kernelspec, navigation, solutions only if asked."""
    if not with_solutions:
        notebook.cells = [cell for cell in notebook.cells if not is_solution(cell)]
    notebook.cells.append(nbformat.v4.new_markdown_cell(navigation))
    notebook.metadata.pop("jupytext", None)
    for_the_pyodide_kernel(notebook)
    notebook.metadata[VERSION_KEY] = {"version": lesson_version(notebook.cells)}
    try:
        nbformat.validate(notebook)
    except nbformat.ValidationError as error:
        raise BuildError(source, f"is not a valid notebook: {one_line(error)}")
    return (nbformat.writes(notebook) + "\n").encode()


def for_the_pyodide_kernel(notebook: nbformat.NotebookNode) -> None:
    """Stable cell ids (jupytext and nbformat make random ones; rebuilds must give the same bytes)
    and the Pyodide kernelspec and language, as its kernel reports them."""
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    notebook.metadata["language_info"] = copy.deepcopy(LANGUAGE_INFO)


def generated_notebook(cells: list) -> bytes:
    """The .ipynb bytes of a notebook the build writes itself (probes, the runtime report)."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = cells
    for_the_pyodide_kernel(notebook)
    return (nbformat.writes(notebook) + "\n").encode()


def lesson_version(cells: list) -> str:
    """FNV-1a (64 bit) of each cell's type and source; static/course.js computes the same."""
    data = "".join(f"{cell.cell_type}\0{cell.source}\0" for cell in cells).encode()
    digest = 0xCBF29CE484222325
    for byte in data:
        digest = ((digest ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{digest:016x}"


def is_solution(cell: nbformat.NotebookNode) -> bool:
    """Solution cells carry the tag `solution` (`# %% tags=["solution"]` in the source)."""
    return SOLUTION_TAG in cell.metadata.get("tags", [])


def stage_content(course: Course, read: dict[Path, nbformat.NotebookNode], content: Path, staging: Path,
                  with_solutions: bool, generated: dict[str, bytes]) -> list[Path]:
    """Write the lessons `read` (by read_lessons) into staging, add the generated files, \
mirror content's other files.

    Returns the lesson notebooks.
    """
    notebooks = []
    for lesson in course.lessons:
        target = staging / lesson.notebook
        site_notebook = to_site_notebook(read[lesson.source], lesson.source, with_solutions,
                                         navigation_markdown(course, lesson))
        if write_if_changed(target, site_notebook):
            log.info(f"lessons: converted {lesson.source.name} -> {target.name}")
        notebooks.append(target)
    shipped = {nb.relative_to(staging) for nb in notebooks}
    for name, data in generated.items():
        write_if_changed(staging / name, data)
        shipped.add(Path(name))
    for path in sorted(content.rglob("*")):
        rel = path.relative_to(content)
        if path.is_file() and rel.parent != Path(".") and not is_not_shipped(rel):  # lessons' files
            write_if_changed(staging / rel, path.read_bytes())
            shipped.add(rel)
    remove_all_but(staging, shipped)
    return notebooks


def is_not_shipped(rel: Path) -> bool:
    """Caches and checkpoints never reach the site."""
    return any(part in {"__pycache__", ".ipynb_checkpoints"} for part in rel.parts) or rel.suffix == ".ipynb"
