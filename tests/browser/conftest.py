"""Browser fixtures: the built site served under a sub-path, Chromium, and a lesson page driver."""

import shutil
from pathlib import Path

import pytest

from coursebuild.serve import base_url, make_server, serve_in_background

SUB_PATH = "/course/"  # as a GitHub Pages project site is served
# Debian's Chromium in a root container: no sandbox, and no calls home on a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
KERNEL_BOOT_MS = 180_000  # a cold Pyodide boot on a 2-core CI machine, with a wide margin


SERVED_ORIGINS: set[str] = set()  # the test servers: the only hosts a page may reach


def served(root: Path):
    """Serve a built site on a free port at /course/ until the generator is closed."""
    server = make_server(root, 0, SUB_PATH)
    serve_in_background(server)
    url = base_url(server)
    port = server.server_address[1]
    # both loopback names reach the test server (lesson 2 asks the other one to show CORS)
    SERVED_ORIGINS.update({f"http://127.0.0.1:{port}/", f"http://localhost:{port}/"})
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The learners' site, served for the whole session."""
    yield from served(built_site)


@pytest.fixture(scope="session")
def instructor_site_url(built_instructor_site) -> str:
    """The instructor edition (with solutions), served for the whole session."""
    yield from served(built_instructor_site)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, playwright):
    """Playwright's own Chromium where installed (as on GitHub's runners), else Debian's `chromium`."""
    args = {**browser_type_launch_args, "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS]}
    if Path(playwright.chromium.executable_path).exists():
        return args
    system = shutil.which("chromium") or shutil.which("chromium-browser")
    if system is None:
        raise RuntimeError("no Chromium: run `playwright install chromium` or `apt-get install chromium`")
    return {**args, "executable_path": system}


@pytest.fixture
def foreign_requests(context) -> list[str]:
    """Every request the page (or its workers) sends to a host other than the test servers; all aborted."""
    seen = []

    def is_foreign(url: str) -> bool:
        return not url.startswith(("data:", "blob:", *SERVED_ORIGINS))

    context.on("request", lambda request: is_foreign(request.url) and seen.append(request.url))
    context.route(lambda url: is_foreign(url), lambda route: route.abort())
    return seen


class LessonPage:
    """Drives one lesson in the notebook view the way a learner does."""

    def __init__(self, page, site_url):
        self.page = page
        self.site_url = site_url

    def open(self, notebook: str) -> None:
        """Open a lesson and wait until its kernel is idle, failing on a kernel picker."""
        self.page.goto(f"{self.site_url}notebooks/index.html?path={notebook}")
        idle = ".jp-Notebook-ExecutionIndicator[data-status='idle']"
        self.page.wait_for_selector(f"{idle}, .jp-Dialog", state="attached", timeout=KERNEL_BOOT_MS)
        assert self.page.locator(".jp-Dialog").count() == 0, "a dialog (kernel picker?) opened"

    def run_all(self) -> None:
        """Run > Run All Cells, then wait until every code cell has an execution count and the kernel is idle."""
        self.page.get_by_role("menuitem", name="Run", exact=True).click()
        self.page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        self.page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
                return prompts.length > 0
                    && prompts.every(p => /\\[\\d+\\]/.test(p.textContent))
                    && indicator && indicator.dataset.status === 'idle';
            }""",
            timeout=KERNEL_BOOT_MS,
        )

    def error_outputs(self) -> list[str]:
        """The text of every error or stderr output in the notebook."""
        return self.page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_text_contents()

    def text(self) -> str:
        """All output text, in order."""
        return "\n".join(self.page.locator(".jp-OutputArea-output").all_text_contents())


@pytest.fixture
def lesson_page(page, site_url, foreign_requests) -> LessonPage:
    """A lesson driver on the learners' site; requests to other hosts are refused and counted."""
    page.set_default_timeout(60_000)
    return LessonPage(page, site_url)


@pytest.fixture
def instructor_lesson_page(page, instructor_site_url, foreign_requests) -> LessonPage:
    """A lesson driver on the instructor edition, with the same refusal of other hosts."""
    page.set_default_timeout(60_000)
    return LessonPage(page, instructor_site_url)
