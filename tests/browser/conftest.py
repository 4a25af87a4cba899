"""Browser fixtures: the built site served under a sub-path, Chromium, and a lesson page driver."""

from pathlib import Path

import pytest

from coursebuild.chromium import launch_options
from coursebuild.notebook_page import NotebookPage
from coursebuild.serve import base_url, make_server, serve_in_background

SUB_PATH = "/course/"  # as a GitHub Pages project site is served


SERVED_ORIGINS: set[str] = set()  # the test servers: the only hosts a page may reach


def served(root: Path, sub_path: str = SUB_PATH):
    """Serve a built site on a free port at /course/ (or sub_path) until the generator is closed."""
    server = make_server(root, 0, sub_path)
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
    return launch_options(playwright, **browser_type_launch_args)


@pytest.fixture
def foreign_requests(context) -> list[str]:
    """Every request the page (or its workers) sends to a host other than the test servers; all aborted."""
    seen = []

    def is_foreign(url: str) -> bool:
        return not url.startswith(("data:", "blob:", *SERVED_ORIGINS))

    context.on("request", lambda request: is_foreign(request.url) and seen.append(request.url))
    context.route(lambda url: is_foreign(url), lambda route: route.abort())
    return seen


@pytest.fixture
def lesson_page(page, site_url, foreign_requests) -> NotebookPage:
    """A lesson driver on the learners' site; requests to other hosts are refused and counted."""
    page.set_default_timeout(60_000)
    return NotebookPage(page, site_url)


@pytest.fixture
def instructor_lesson_page(page, instructor_site_url, foreign_requests) -> NotebookPage:
    """A lesson driver on the instructor edition, with the same refusal of other hosts."""
    page.set_default_timeout(60_000)
    return NotebookPage(page, instructor_site_url)
