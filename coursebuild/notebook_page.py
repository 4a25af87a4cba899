"""Drive one notebook in JupyterLite's notebook view with Playwright, waiting on state, never on time."""

from urllib.parse import urlparse

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
STDIN = ".jp-Stdin-input"
CODE = ".jp-CodeCell .cm-content"
# True once JupyterLite's store of the learner's files (IndexedDB, named after the site's path)
# holds a copy of the notebook whose JSON contains every expected string.
SAVED_COPY_HOLDS = """async ([storage, path, expected]) => {
    const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open(storage);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
    });
    try {
        if (!db.objectStoreNames.contains('files')) return false;
        const copy = await new Promise((resolve) => {
            const request = db.transaction('files', 'readonly').objectStore('files').get(path);
            request.onsuccess = () => resolve(request.result);
        });
        const text = copy ? JSON.stringify(copy.content) : '';
        return expected.every((part) => text.includes(part));
    } finally {
        db.close();
    }
}"""
TOAST = ".Toastify__toast"  # JupyterLab's notifications
ALL_EXECUTED = """() => {
    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
    const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
    return (prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent))
            && indicator && indicator.dataset.status === 'idle')
        || document.querySelector('.jp-Stdin-input') !== null;
}"""


class NotebookPage:
    """A notebook of the site, opened and run the way a learner does."""

    def __init__(self, page, site_url: str):
        self.page = page
        self.site_url = site_url
        self.notebook = None  # the path open() opened

    def open(self, notebook: str) -> None:
        """Open a notebook and wait until its kernel is idle, failing on a kernel picker."""
        self.notebook = notebook
        self.page.goto(f"{self.site_url}notebooks/index.html?path={notebook}")
        self.wait_for_kernel()

    def wait_for_kernel(self) -> None:
        """Wait until the notebook's kernel has started and is idle; a dialog (kernel picker?) fails."""
        self.page.wait_for_function(KERNEL_READY_OR_DIALOG, timeout=KERNEL_BOOT_MS)
        assert self.page.locator(".jp-Dialog").count() == 0, "a dialog (kernel picker?) opened"

    def run_all(self, stdin_answer: str | None = None) -> None:
        """Run > Run All Cells; wait until every code cell ran and the kernel is idle.

        A cell asking for input() gets `stdin_answer`; without one, asking is an error.
        """
        self.page.get_by_role("menuitem", name="Run", exact=True).click()
        self.page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        while True:
            self.page.wait_for_function(ALL_EXECUTED, timeout=KERNEL_BOOT_MS)
            prompt = self.page.locator(STDIN)
            if prompt.count() == 0:
                return
            assert stdin_answer is not None, "a cell asked for input()"
            prompt.fill(stdin_answer)
            prompt.press("Enter")
            prompt.wait_for(state="detached")

    def first_code_cell(self):
        """The editor of the first code cell."""
        return self.page.locator(CODE).first

    def edit_first_code_cell(self, line: str) -> None:
        """Type a line at the top of the first code cell, as a learner does."""
        self.first_code_cell().click()
        self.page.keyboard.press("Control+Home")
        self.page.keyboard.type(line + "\n")

    def save(self, *expected: str) -> None:
        """Ctrl+S, then wait until the browser's copy of the notebook holds every expected string.

        The checkpoint line of the notebook view cannot say that this save landed (an autosave
        may have set it already), so this reads the copy from JupyterLite's IndexedDB store.
        """
        self.page.keyboard.press("Control+s")
        storage = f"JupyterLite Storage - {urlparse(self.site_url).path}"
        self.page.wait_for_function(SAVED_COPY_HOLDS, arg=[storage, self.notebook, list(expected)],
                                    timeout=30_000)

    def notification(self, text: str):
        """The notification (toast) showing this text, once it shows."""
        toast = self.page.locator(TOAST, has_text=text)
        toast.wait_for()
        return toast

    def error_outputs(self) -> list[str]:
        """The text of every error or stderr output in the notebook."""
        selector = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        return self.page.locator(selector).all_text_contents()

    def text(self) -> str:
        """All output text, in order."""
        return "\n".join(self.page.locator(".jp-OutputArea-output").all_text_contents())
