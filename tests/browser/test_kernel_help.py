"""The kernel, started from compiled wheels and without what completion, help and tracebacks import
on first use (coursebuild/site/lazy_imports.py), still completes names, shows help and tracebacks.

One kernel boot for all four checks: a boot is the expensive part of a browser test.
"""


from tests.support.course import lesson_stems

NOTEBOOK = f"{lesson_stems()[0]}.ipynb"
# what a kernel imports only when completion, a traceback, IPython.embed or %pip needs it
LOADED_ON_FIRST_USE = ("jedi", "parso", "prompt_toolkit", "pydoc", "unittest")
OUTPUT = ".jp-CodeCell >> nth=0 >> .jp-OutputArea-output"
# the notebook's kernel completes code that ends at the cursor, as the notebook's Tab completion asks it to
COMPLETE = """async (code) => {
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    const reply = await kernel.requestComplete({ code, cursor_pos: code.length });
    return reply.content.matches;
}"""


def type_in_first_cell(lesson_page, code: str) -> None:
    """Replace the first code cell's text with `code`, as a learner types it."""
    lesson_page.first_code_cell().click()
    lesson_page.page.keyboard.press("Control+a")
    lesson_page.page.keyboard.type(code)


def run_in_first_cell(lesson_page, code: str, shows: str) -> str:
    """Run `code` in the first code cell; its output's text once it shows `shows`."""
    type_in_first_cell(lesson_page, code)
    lesson_page.page.keyboard.press("Shift+Enter")
    output = lesson_page.page.locator(OUTPUT).filter(has_text=shows)
    output.wait_for()
    return output.text_content()


def test_completion_help_and_tracebacks_work_in_a_kernel_started_from_bytecode(lesson_page):
    lesson_page.open(NOTEBOOK)

    loaded = f"[name for name in {LOADED_ON_FIRST_USE} if name in sys.modules]"
    started = run_in_first_cell(lesson_page, f"import sys, IPython\nprint(IPython.__file__, {loaded})", "pyc")
    ipython_file, not_yet = started.split()
    assert ipython_file.endswith("/IPython/__init__.pyc")  # imported from the compiled wheel, not sources
    assert not_yet == "[]"

    run_in_first_cell(lesson_page, "import statistics\nprint('imported')", "imported")
    matches = lesson_page.page.evaluate(COMPLETE, "statistics.me")  # what Tab asks the kernel
    assert {"mean", "median"} <= set(matches)
    jedi = run_in_first_cell(lesson_page, "print(sys.modules['jedi'].__file__)", "jedi")
    assert jedi.strip().endswith("/jedi/__init__.pyc")  # the completion imported it, compiled

    help_text = run_in_first_cell(lesson_page, "len?", "Docstring")
    assert "Return the number of items in a container." in help_text

    # one line per statement: the editor indents a typed line after a `def` by itself
    error = run_in_first_cell(lesson_page, "share = lambda part, whole: part / whole\nshare(1, 0)",
                              "ZeroDivisionError")
    assert "Traceback" in error and "lambda part, whole: part / whole" in error and "share(1, 0)" in error
