"""Offline after one visit: the course's service worker keeps the site; an update still reaches learners."""

import json
from urllib.parse import urljoin

import pytest

from coursebuild.browsers.engines import is_foreign, launch_options
from coursebuild.serving.server import base_url, make_server, serve_in_background
from tests.support.builds import run_build
from tests.support.notebook_page import NotebookPage
from tests.support.offline_cache import wait_until_cached

LESSON = "apis_webscraping"
FIRST_OUTPUT = "HTTP requests go through"  # printed by the lesson's first code cell
UPDATE = "This paragraph came with an update of the course."
# The engines whose offline reopen is tested through a restart: Playwright's, on a persistent profile
# (WebKitGTK's Selenium sessions always start on a fresh one).
OFFLINE_ENGINES = ("chromium", "firefox")


class Host:
    """The copy's dist/ served at /course/ on one port, which can go down and come back (one origin)."""

    def __init__(self, site):
        self.site, self.port, self.server = site, 0, None

    def up(self) -> str:
        self.server = make_server(self.site, self.port, "/course/")
        self.port = self.server.server_address[1]
        serve_in_background(self.server)
        return base_url(self.server)

    def down(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def host(course_repo):
    host = Host(course_repo / "dist")
    yield host
    if host.server:
        host.down()


class LearnersBrowser:
    """The learner's browser in one engine, on a profile on disk that it keeps between restarts."""

    def __init__(self, engine: str, browser_type, options: dict, profile):
        self.engine, self.browser_type, self.options, self.profile = engine, browser_type, options, profile

    def start(self):
        """Launch the browser (again) on the profile; a context whose first page is open."""
        return self.browser_type.launch_persistent_context(self.profile, **self.options)

    def lesson(self, page, site: str) -> NotebookPage:
        return NotebookPage(page, site, self.engine)


@pytest.fixture(params=OFFLINE_ENGINES)
def learners_browser(request, playwright, browser_type_launch_args, tmp_path) -> LearnersBrowser:
    """Chromium with the command line's launch options (--headed), Firefox with this machine's build."""
    engine = request.param
    options = browser_type_launch_args if engine == "chromium" else launch_options(playwright, engine)
    return LearnersBrowser(engine, getattr(playwright, engine), options, tmp_path / "profile")


def run_first_cell(lesson: NotebookPage) -> None:
    lesson.first_code_cell().click()
    lesson.page.keyboard.press("Shift+Enter")
    lesson.page.locator(".jp-OutputArea-output", has_text=FIRST_OUTPUT).wait_for()


def markdown(lesson: NotebookPage) -> str:
    return "\n".join(lesson.page.locator(".jp-MarkdownCell").all_text_contents())


def test_a_lesson_reopens_offline_after_a_restart_and_an_update_reaches_it_online(
        learners_browser, course_repo, host):
    browser = learners_browser
    site = host.up()
    context = browser.start()
    lesson = browser.lesson(context.pages[0], site)
    lesson.open(f"{LESSON}.ipynb")  # the only visit: the lesson, straight from a link
    run_first_cell(lesson)
    lesson.save('"outputs":[{')
    wait_until_cached(lesson.page, site)
    context.close()

    host.down()  # no network at all: the server is gone, and the browser is offline too
    context = browser.start()
    # Firefox over WebDriver BiDi takes the page's own requests offline but not its service worker's
    # (with the server up, the worker still fetched from it): there the server being down is the
    # worker's "no network"
    context.set_offline(True)
    landing = context.pages[0]
    landing.goto(site)
    landing.get_by_role("link", name="APIs and web scraping", exact=True).wait_for()
    other = browser.lesson(context.new_page(), site)  # a lesson never opened, cached all the same
    other.open("concurrency_io_bound.ipynb")
    lesson = browser.lesson(context.new_page(), site)
    lesson.open(f"{LESSON}.ipynb")
    lesson.page.locator(".jp-OutputArea-output", has_text=FIRST_OUTPUT).wait_for()  # their saved run
    lesson.page.evaluate("() => window.jupyterapp.commands.execute('editmenu:clear-all')")
    run_first_cell(lesson)
    context.close()

    with (course_repo / "content" / f"{LESSON}.py").open("a") as source:
        source.write(f"\n# %% [markdown]\n# {UPDATE}\n")
    run_build(repo=course_repo)
    site = host.up()  # online again, on the same origin
    context = browser.start()
    lesson = browser.lesson(context.pages[0], site)
    lesson.open(f"{LESSON}.ipynb")
    lesson.notification("this is the new version")
    assert UPDATE in markdown(lesson)
    wait_until_cached(lesson.page, site)  # and the cache follows the redeploy
    context.close()


def test_the_landing_page_prefetches_after_it_rendered_and_only_from_its_own_host(page, built_site):
    # A server of its own, whose log holds this page's requests, its service worker's included: those
    # reach neither Playwright's request events nor its routing (routing a context stops the prefetch).
    server = make_server(built_site, 0, "/course/")
    serve_in_background(server)
    site = base_url(server)
    requested = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.goto(site)
    page.wait_for_function("() => document.documentElement.dataset.prefetch === 'started'")
    wait_until_cached(page, site)
    rendered = page.evaluate("() => (performance.timeOrigin"
                             " + performance.getEntriesByType('navigation')[0].loadEventEnd) / 1000")
    server.shutdown()
    wasm = [when for when, path in server.requested if path.endswith("/static/pyodide/pyodide.asm.wasm")]
    assert wasm and rendered < min(wasm)  # the page had rendered before its prefetch began
    # the worker fetches the published list, every entry on the site's own host, and of the kernel's
    # snapshots only the one this browser restores (Chromium: the one made with stack switching)
    published = json.loads((built_site / "offline.json").read_text())
    listed = published["files"]
    assert listed and all(urljoin(site, path).startswith(site) for path in listed)
    fetched = {path.removeprefix("/course/") for _, path in server.requested}
    assert {variant: path in fetched for variant, path in published["variants"].items()} == {
        "stackSwitching": True, "noStackSwitching": False}
    assert [url for url in requested if is_foreign(url)] == []


def test_no_prefetch_on_a_connection_that_saves_data(page, site_url):
    page.add_init_script("Object.defineProperty(navigator, 'connection', { value: { saveData: true } })")
    requested = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.goto(site_url)
    saving = "'off: the connection saves data'"
    page.wait_for_function(f"() => document.documentElement.dataset.prefetch === {saving}")
    assert not [url for url in requested if "/static/pyodide/" in url]
