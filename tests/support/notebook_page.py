"""A notebook of the site in a Playwright page, edited and saved the way a learner does."""

from urllib.parse import urlparse

from coursebuild.browsers.engines import PlaywrightSession, wait_for_async
from coursebuild.browsers.notebook import Notebook
from coursebuild.shared_values import storage_name

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


class NotebookPage(Notebook):
    """A notebook in a Playwright page, also edited and saved the way a learner does (keyboard, menus)."""

    def __init__(self, page, site_url: str, engine: str = "chromium"):
        super().__init__(PlaywrightSession(page, engine), site_url)
        self.page = page

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
        storage = storage_name(urlparse(self.site_url).path)
        wait_for_async(self.page, SAVED_COPY_HOLDS, [storage, self.notebook, list(expected)],
                       timeout_ms=30_000)

    def notification(self, text: str):
        """The notification (toast) showing this text, once it shows."""
        toast = self.page.locator(TOAST, has_text=text)
        toast.wait_for()
        return toast
