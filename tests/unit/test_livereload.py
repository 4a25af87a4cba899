"""The preview's live reload: pages get its script, JupyterLite keeps no stored copy, pages wait for the
next build; the files the site publishes are left untouched."""

import json
import threading
import urllib.request

import pytest

from coursebuild.serving.livereload.channel import WAIT_S, Channel
from coursebuild.serving.livereload.preview import CLIENT, preview_handler
from coursebuild.serving.livereload.watcher import next_change, snapshot
from coursebuild.serving.server import base_url, make_server, serve_in_background

PAGE = "<html><head><title>lesson</title></head><body>lesson</body></html>"
CONFIG = {"jupyter-config-data": {"appName": "course"}}


class WatchedChannel(Channel):
    """A channel that says when a page's request has started to wait on it."""

    def __init__(self):
        super().__init__()
        self.waiting = threading.Event()

    def state_after(self, seen: int, timeout: float = WAIT_S) -> dict:
        with self.changed:  # set while holding the lock, so no build is published before the wait begins
            self.waiting.set()
            return super().state_after(seen, timeout)


@pytest.fixture
def preview(tmp_path):
    """A tiny site served as `serve --watch` serves it; yields (URL, channel, site folder)."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "index.html").write_text(PAGE)
    (tmp_path / "jupyter-lite.json").write_text(json.dumps(CONFIG))
    (tmp_path / "app.js").write_text("export {};")
    channel = WatchedChannel()
    server = make_server(tmp_path, 0, "/course/", handler=preview_handler(channel))
    serve_in_background(server)
    yield base_url(server), channel, tmp_path
    channel.close()
    server.shutdown()
    server.server_close()


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.read()


def test_pages_get_the_script_and_other_files_are_sent_as_they_are(preview):
    url, _, site = preview
    page = fetch(f"{url}notebooks/").decode()
    assert page == PAGE.replace("</head>", '<script src="/course/__livereload/client.js"></script></head>')
    assert fetch(f"{url}__livereload/client.js") == CLIENT.read_bytes()
    assert fetch(f"{url}app.js") == b"export {};"
    assert (site / "notebooks" / "index.html").read_text() == PAGE  # the site's own file is untouched


def test_jupyterlite_keeps_the_files_in_memory_so_no_stored_copy_hides_an_edit(preview):
    url, _, site = preview
    served = json.loads(fetch(f"{url}jupyter-lite.json"))
    assert served["jupyter-config-data"] == {"appName": "course", "enableMemoryStorage": True}
    assert json.loads((site / "jupyter-lite.json").read_text()) == CONFIG


def test_a_page_waits_for_the_next_build_and_hears_whether_it_failed(preview):
    url, channel, _ = preview
    assert json.loads(fetch(f"{url}__livereload/state?after=-1")) == {"build": 0, "failure": None}
    channel.waiting.clear()
    answers = []
    waiting = threading.Thread(
        target=lambda: answers.append(json.loads(fetch(f"{url}__livereload/state?after=0"))))
    waiting.start()
    assert channel.waiting.wait(timeout=10)
    assert answers == []  # waiting on the channel: no answer before a build is published
    channel.publish("content/lesson.py: line 3: a code cell is not valid Python (invalid syntax)")
    waiting.join(timeout=10)
    assert answers == [{"build": 1, "failure": "content/lesson.py: line 3: a code cell is not valid Python "
                                                "(invalid syntax)"}]


def test_the_watcher_names_the_files_an_edit_touched(tmp_path):
    (tmp_path / "lesson.py").write_text("# %%\n")
    (tmp_path / "__pycache__").mkdir()
    before = snapshot([tmp_path])
    threading.Timer(0.3, lambda: (tmp_path / "lesson.py").write_text("# %%\nprint(1)\n")).start()
    threading.Timer(0.3, lambda: (tmp_path / "__pycache__" / "x.pyc").write_bytes(b"1")).start()
    _, changed = next_change([tmp_path], before)
    assert changed == {tmp_path / "lesson.py"}
