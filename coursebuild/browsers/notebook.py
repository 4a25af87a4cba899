"""Drive one notebook in JupyterLite's notebook view in any engine, waiting on state, never on time."""

from .engines import Session

KERNEL_BOOT_MS = 180_000  # a cold Pyodide boot on a 2-core CI machine, with a wide margin
# The execution indicator also says "idle" before any kernel exists (the toolbar then names
# "No Kernel"), so a started kernel is one that is idle and named.
KERNEL_READY_OR_DIALOG = """() => {
    const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
    const name = document.querySelector('.jp-Toolbar-kernelName');
    return document.querySelector('.jp-Dialog') !== null
        || (indicator !== null && indicator.dataset.status === 'idle'
            && name !== null && name.textContent.trim() !== 'No Kernel');
}"""
# The app is exposed as window.jupyterapp (exposeAppInBrowser in jupyter-lite.json), so every engine
# runs cells through the same command a learner's Run menu calls. Not awaited: input() would block it.
RUN_ALL = "() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); return true; }"
# What a learner types into an input() box, then Enter, as the keydown JupyterLab listens for.
STDIN = ".jp-Stdin-input"
ANSWER_STDIN = """(answer) => {
    const box = document.querySelector('.jp-Stdin-input');
    box.value = answer;
    const enter = {key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true};
    box.dispatchEvent(new KeyboardEvent('keydown', enter));
    return true;
}"""
STDIN_ASKS = f"() => document.querySelector('{STDIN}') !== null"
OUTPUTS = """(selector) => [...document.querySelectorAll(selector)].map((node) => node.textContent)"""
ALL_OUTPUTS = ".jp-OutputArea-output"
ERROR_OUTPUTS = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
# Every picture in the outputs and Markdown, with the text a screen reader gets for it.
PICTURES = """() => [
    ...[...document.querySelectorAll('.jp-RenderedMermaid img')].map((img) => ({
        kind: 'diagram', alt: img.getAttribute('alt') || '', shapes: 0})),
    ...[...document.querySelectorAll('.jp-OutputArea-output figure.course-timeline svg[role="img"]')]
        .map((svg) => ({
        kind: 'timeline', alt: (svg.querySelector('desc') || {}).textContent || '',
        shapes: svg.querySelectorAll('rect').length})),
]"""
ALL_EXECUTED = """() => {
    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
    const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
    return (prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent))
            && indicator && indicator.dataset.status === 'idle')
        || document.querySelector('.jp-Stdin-input') !== null;
}"""


class Notebook:
    """A notebook of the site, opened and run in any engine through the notebook app."""

    def __init__(self, session: Session, site_url: str):
        self.session = session
        self.site_url = site_url
        self.notebook = None  # the path open() opened

    def open(self, notebook: str) -> None:
        """Open a notebook and wait until its kernel is idle, failing on a kernel picker."""
        self.notebook = notebook
        self.session.goto(f"{self.site_url}notebooks/index.html?path={notebook}")
        self.wait_for_kernel()

    def wait_for_kernel(self) -> None:
        """Wait until the notebook's kernel has started and is idle; a dialog (kernel picker?) fails."""
        self.session.wait_for(KERNEL_READY_OR_DIALOG, timeout_ms=KERNEL_BOOT_MS)
        assert not self.session.evaluate("() => document.querySelector('.jp-Dialog') !== null"), \
            "a dialog (kernel picker?) opened"

    def run_all(self, stdin_answer: str | None = None) -> None:
        """Run all cells; wait until every code cell ran and the kernel is idle.

        A cell asking for input() gets `stdin_answer`; without one, asking is an error.
        """
        self.session.evaluate(RUN_ALL)
        while True:
            self.session.wait_for(ALL_EXECUTED, timeout_ms=KERNEL_BOOT_MS)
            if not self.session.evaluate(STDIN_ASKS):
                return
            assert stdin_answer is not None, "a cell asked for input()"
            self.session.evaluate(ANSWER_STDIN, stdin_answer)
            self.session.wait_for(f"() => !({STDIN_ASKS})()")

    def error_outputs(self) -> list[str]:
        """The text of every error or stderr output in the notebook."""
        return self.session.evaluate(OUTPUTS, ERROR_OUTPUTS)

    def text(self) -> str:
        """All output text, in order."""
        return "\n".join(self.session.evaluate(OUTPUTS, ALL_OUTPUTS))

    def pictures(self) -> list[dict]:
        """Each diagram and chart shown: its kind, text alternative and number of shapes."""
        return self.session.evaluate(PICTURES)

