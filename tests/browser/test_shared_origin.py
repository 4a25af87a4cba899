"""A course shares its origin with its neighbours (GitHub Pages serves every site of an account from
one): it leaves their service workers alone, and serves nothing another script of the origin planted."""

import json

import pytest

from coursebuild.browsers.engines import launch_options, refuse_foreign
from coursebuild.serving.server import make_server, serve_in_background
from coursebuild.shared_values import CACHE_PREFIX, REVISION_HEADER
from tests.support.notebook_page import NotebookPage
from tests.support.offline_cache import wait_until_cached

LESSON = "apis_webscraping.ipynb"
CACHE_NAME = CACHE_PREFIX + "/course/"  # the course worker's cache of the site served at /course/
# A neighbouring site at /neighbour/ on the course's origin, with a service worker of its own.
NEIGHBOUR_PAGE = """<!doctype html><html lang="en"><title>Neighbour</title><h1>Neighbour</h1><script>
navigator.serviceWorker.register('sw.js').then(() => navigator.serviceWorker.ready)
  .then(() => { document.documentElement.dataset.registered = 'yes'; });
</script></html>"""
NEIGHBOUR_WORKER = "self.addEventListener('fetch', () => {});\n"
NEIGHBOUR_ALIVE = """async () => (await navigator.serviceWorker.getRegistrations())
    .some((registration) => new URL(registration.scope).pathname === '/neighbour/')"""
# JupyterLite's record of its worker's version, as a JupyterLite upgrade leaves it: another version
OLDER_RECORD = """() => {
    const records = Object.keys(localStorage)
        .filter((key) => key.includes('/course/') && key.endsWith('-version'));
    records.forEach((key) => localStorage.setItem(key, '0.0.1-an-older-jupyterlite'));
    return records.length;
}"""
ENGINES = ("chromium", "firefox")  # service workers are each engine's own


@pytest.fixture(scope="module")
def origin(built_site, tmp_path_factory) -> str:
    """One origin serving the course at /course/ and a neighbour at /neighbour/; its URL."""
    root = tmp_path_factory.mktemp("origin")
    (root / "course").symlink_to(built_site, target_is_directory=True)
    (root / "neighbour").mkdir()
    (root / "neighbour" / "index.html").write_text(NEIGHBOUR_PAGE)
    (root / "neighbour" / "sw.js").write_text(NEIGHBOUR_WORKER)
    server = make_server(root, 0)
    serve_in_background(server)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(params=ENGINES)
def engine(request, playwright, browser_type_launch_args):
    """Chromium with the command line's launch options, Firefox with this machine's build; its name too."""
    name = request.param
    options = browser_type_launch_args if name == "chromium" else launch_options(playwright, name)
    browser = getattr(playwright, name).launch(**options)
    yield name, browser
    browser.close()


def new_context(browser, foreign: list[str]):
    """A fresh profile whose requests to other hosts are refused and recorded."""
    context = browser.new_context()
    refuse_foreign(context, foreign)
    return context


def neighbour(context, origin: str):
    """The neighbour's page, once its worker is registered and active."""
    page = context.new_page()
    page.goto(origin + "neighbour/")
    page.wait_for_function("() => document.documentElement.dataset.registered === 'yes'")
    return page


def test_the_course_never_unregisters_a_neighbours_service_worker(engine, origin):
    name, browser = engine
    foreign = []
    site = origin + "course/"

    context = new_context(browser, foreign)  # the landing page first, then a lesson
    neighbours_page = neighbour(context, origin)
    landing = context.new_page()
    landing.goto(site)
    landing.wait_for_function("() => document.documentElement.dataset.prefetch === 'started'")
    lesson = NotebookPage(context.new_page(), site, name)
    lesson.open(LESSON)  # the first load the course's worker controls
    assert neighbours_page.evaluate(NEIGHBOUR_ALIVE), "gone after the landing page and a lesson"
    assert neighbours_page.evaluate(OLDER_RECORD) > 0, "JupyterLite's record of its worker was not written"
    lesson.open(LESSON)  # the first load after a JupyterLite upgrade
    assert neighbours_page.evaluate(NEIGHBOUR_ALIVE), "gone after the first load of a JupyterLite upgrade"
    context.close()

    context = new_context(browser, foreign)  # a first visit straight to a lesson, and the next one
    neighbours_page = neighbour(context, origin)
    lesson = NotebookPage(context.new_page(), site, name)
    lesson.open(LESSON)
    lesson.open(LESSON)
    assert neighbours_page.evaluate(NEIGHBOUR_ALIVE), "gone after a first visit straight to a lesson"
    context.close()
    assert foreign == []


def test_a_cache_entry_planted_by_another_script_is_not_served(engine, origin, built_site):
    name, browser = engine
    foreign = []
    site = origin + "course/"
    target = "config-utils.js"  # a script every lesson page runs
    revision = json.loads((built_site / "offline.json").read_text())["files"][target]
    context = new_context(browser, foreign)
    page = context.new_page()
    page.goto(site)
    wait_until_cached(page, site)  # the course's own copy of every file is in its cache
    neighbours_page = neighbour(context, origin)
    planted = "window.planted = 'by a neighbour';"
    # any script of the origin can write the course's cache, with the header the worker once trusted
    neighbours_page.evaluate("""async ([url, body, revision, name, header]) => {
        const cache = await caches.open(name);
        const headers = { 'content-type': 'text/javascript', [header]: revision };
        await cache.put(url, new Response(body, { headers }));
    }""", [site + target, planted, revision, CACHE_NAME, REVISION_HEADER])

    page.reload()  # a page the course's worker controls
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    served, kept = page.evaluate("""async ([url, name]) => [
        await (await fetch(url)).text(),
        await (await (await caches.open(name)).match(url)).text(),
    ]""", [site + target, CACHE_NAME])
    assert kept == planted  # still planted: the worker answered around it
    assert served == (built_site / target).read_text()
    lesson = NotebookPage(context.new_page(), site, name)
    lesson.open(LESSON)  # and a lesson still opens, its kernel idle
    assert lesson.page.evaluate("() => window.planted") is None
    context.close()
    assert foreign == []
