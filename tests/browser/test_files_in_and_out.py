"""A learner's own file comes in through the file browser's Upload and a result goes out through its
Download, as the lesson "Business records and files" tells them (Chromium: the clicks are the same in
every engine; the files' storage is measured in all three by the runtime report)."""

import hashlib

LESSON = "records_and_files.ipynb"
# A European Excel export: byte-order mark, semicolons, decimal commas, an accent. Every byte must come
# through the upload unchanged, or the lesson's reading code would see another file.
UPLOADED_NAME = "my-orders.csv"
UPLOADED = "\ufefforder_id;customer;amount\r\n1;Café Müller;18,90\r\n2;Bäckerei Kühn;1.249,00\r\n".encode()
WRITTEN_NAME = "my-result.csv"
# What the notebook reads from the upload and writes back out: the upload's bytes, their SHA-256, and a
# result file made of the rows it parsed.
READ_AND_WRITE = f"""
import csv, hashlib
data = open({UPLOADED_NAME!r}, "rb").read()
with open({UPLOADED_NAME!r}, encoding="utf-8-sig", newline="") as stream:
    rows = list(csv.DictReader(stream, delimiter=";"))
with open({WRITTEN_NAME!r}, "w", encoding="utf-8", newline="") as stream:
    csv.writer(stream).writerows([[row["order_id"], row["customer"]] for row in rows])
print(hashlib.sha256(data).hexdigest(), len(rows))
"""
WRITTEN = "1,Café Müller\r\n2,Bäckerei Kühn\r\n".encode()
# Runs code in the open notebook's kernel, as a cell would, and returns what it printed (or its error).
EXECUTE = """async (code) => {
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    const future = kernel.requestExecute({code});
    let printed = '';
    future.onIOPub = ({header, content}) => {
        if (header.msg_type === 'stream') printed += content.text;
        if (header.msg_type === 'error') printed += `${content.ename}: ${content.evalue}`;
    };
    await future.done;
    return printed;
}"""
LISTING_ITEM = ".jp-DirListing-item"


def test_a_file_uploaded_in_the_file_browser_reads_in_python_and_a_written_one_downloads(lesson_page):
    page = lesson_page.page
    lesson_page.open(LESSON)
    page.get_by_role("menuitem", name="View").click()
    with page.context.expect_page() as opened:  # the notebook view opens its file browser in a new tab
        page.get_by_role("menuitem", name="File Browser", exact=True).click()
    files = opened.value

    with files.expect_file_chooser() as chooser:
        files.get_by_role("button", name="Upload", exact=True).click()
    chooser.value.set_files([{"name": UPLOADED_NAME, "mimeType": "text/csv", "buffer": UPLOADED}])
    files.locator(LISTING_ITEM, has_text=UPLOADED_NAME).wait_for()

    printed = page.evaluate(EXECUTE, READ_AND_WRITE)
    assert printed.split() == [hashlib.sha256(UPLOADED).hexdigest(), "2"], printed

    files.reload()  # the file browser lists what the folder holds now
    files.locator(LISTING_ITEM, has_text=WRITTEN_NAME).click(button="right")
    with files.expect_download() as download:
        files.get_by_role("menuitem", name="Download", exact=True).click()
    assert download.value.suggested_filename == WRITTEN_NAME
    with open(download.value.path(), "rb") as saved:
        assert saved.read() == WRITTEN
