"""Offline after one visit: the course's service worker keeps the site; an update still reaches learners."""

import json
from urllib.parse import urljoin

import pytest

from coursebuild.engines import is_foreign
from coursebuild.notebook_page import NotebookPage
from coursebuild.serve import base_url, make_server, serve_in_background
from tests.conftest import run_build

pytestmark = pytest.mark.browser
LESSON = "apis_webscraping"
FIRST_OUTPUT = "HTTP requests go through"  # printed by the lesson's first code cell
UPDATE = "This paragraph came with an update of the course."
# How many files of the published offline.json the course's cache lacks or holds in another revision.
CACHE_LACKS = """async (site) => {
    const list = await (await fetch(site + 'offline.json', { cache: 'no-store' })).json();
    const cache = await caches.open('course-offline ' + new URL(site).pathname);
    let lacking = 0;
    for (const [path, revision] of Object.entries(list.files)) {
        const cached = await cache.match(new URL(path, site).href);
        lacking += !cached || cached.headers.get('x-course-revision') !== revision;
    }
    return lacking;
}"""




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


def wait_until_cached(page, site: str) -> None:
    """Wait until the course's cache holds every published file in its published revision."""
    page.wait_for_function(f"() => ({CACHE_LACKS})({site!r}).then((n) => n === 0)",
                           timeout=120_000, polling=500)


def run_first_cell(lesson: NotebookPage) -> None:
    lesson.first_code_cell().click()
    lesson.page.keyboard.press("Shift+Enter")
    lesson.page.locator(".jp-OutputArea-output", has_text=FIRST_OUTPUT).wait_for()


def markdown(lesson: NotebookPage) -> str:
    return "\n".join(lesson.page.locator(".jp-MarkdownCell").all_text_contents())


def test_a_lesson_reopens_offline_after_a_restart_and_an_update_reaches_it_online(
        browser_type, browser_type_launch_args, course_repo, host, tmp_path):
    profile = tmp_path / "profile"  # on disk, as a learner's browser keeps it between restarts
    site = host.up()
    context = browser_type.launch_persistent_context(profile, **browser_type_launch_args)
    lesson = NotebookPage(context.pages[0], site)
    lesson.open(f"{LESSON}.ipynb")  # the only visit: the lesson, straight from a link
    run_first_cell(lesson)
    lesson.save('"outputs":[{')
    wait_until_cached(lesson.page, site)
    context.close()

    host.down()  # no network at all: the server is gone, and the browser is offline too
    context = browser_type.launch_persistent_context(profile, **browser_type_launch_args)
    context.set_offline(True)
    landing = context.pages[0]
    landing.goto(site)
    landing.get_by_role("link", name="APIs and web scraping", exact=True).wait_for()
    other = NotebookPage(context.new_page(), site)  # a lesson never opened, cached all the same
    other.open("concurrency_io_bound.ipynb")
    lesson = NotebookPage(context.new_page(), site)
    lesson.open(f"{LESSON}.ipynb")
    lesson.page.locator(".jp-OutputArea-output", has_text=FIRST_OUTPUT).wait_for()  # their saved run
    lesson.page.evaluate("() => window.jupyterapp.commands.execute('editmenu:clear-all')")
    run_first_cell(lesson)
    context.close()

    with (course_repo / "content" / f"{LESSON}.py").open("a") as source:
        source.write(f"\n# %% [markdown]\n# {UPDATE}\n")
    run_build(repo=course_repo)
    site = host.up()  # online again, on the same origin
    context = browser_type.launch_persistent_context(profile, **browser_type_launch_args)
    lesson = NotebookPage(context.pages[0], site)
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
    # the worker fetches exactly the published list, every entry on the site's own host
    listed = json.loads((built_site / "offline.json").read_text())["files"]
    assert listed and all(urljoin(site, path).startswith(site) for path in listed)
    assert [url for url in requested if is_foreign(url)] == []


def test_no_prefetch_on_a_connection_that_saves_data(page, site_url):
    page.add_init_script("Object.defineProperty(navigator, 'connection', { value: { saveData: true } })")
    requested = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.goto(site_url)
    saving = "'off: the connection saves data'"
    page.wait_for_function(f"() => document.documentElement.dataset.prefetch === {saving}")
    assert not [url for url in requested if "/static/pyodide/" in url]
