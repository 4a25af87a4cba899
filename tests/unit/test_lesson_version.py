"""A lesson's version stamp: the build's Python and the extension's JavaScript compute the same hash."""

import nbformat

from coursebuild.inputs.lessons import lesson_version
from tests.support.course_js import js_lesson_versions

CELLS = [
    nbformat.v4.new_markdown_cell("# Title\nProse with ünïcödé, an emoji 📈 and a tab\t."),
    nbformat.v4.new_code_cell("total = sum(range(10))\nprint(f'{total=}')"),
    nbformat.v4.new_raw_cell(""),
    nbformat.v4.new_code_cell("await asyncio.sleep(0)  # \\0 in text, not a NUL"),
]


def test_version_follows_the_cells_not_their_outputs():
    markdown, code = nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_code_cell("print(1)")
    version = lesson_version([markdown, code])
    code.outputs = [nbformat.v4.new_output("stream", text="1\n")]
    code.execution_count = 1
    assert lesson_version([markdown, code]) == version
    code.source = "print(2)"
    assert lesson_version([markdown, code]) != version
    assert lesson_version([nbformat.v4.new_raw_cell("# Title"), code]) != lesson_version([markdown, code])


def test_version_of_no_cells_is_the_fnv1a_offset_basis():
    assert lesson_version([]) == "cbf29ce484222325"


def test_javascript_and_python_agree_on_every_version():
    # an .ipynb may store a source as a list of lines; the extension joins them
    split = [dict(cell, source=cell.source.splitlines(keepends=True)) for cell in CELLS]
    notebooks = [[], CELLS[:1], CELLS, CELLS[::-1]]
    assert js_lesson_versions([*notebooks, split]) == [*map(lesson_version, notebooks), lesson_version(CELLS)]
